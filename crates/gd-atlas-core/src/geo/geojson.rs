//! The one GeoJSON reader: a FeatureCollection in WGS84 as the loaders (`data/lines.geojson`, a
//! user's official town file), the offline basemap and the asset build read it.
//!
//! Reading is two-step on purpose: [`read_features`] checks the collection and keeps each
//! feature's properties and raw geometry; [`Feature::geometry`] decodes and checks the
//! coordinates. A caller can so name a broken feature by its own id or code, skip features it does
//! not draw, or copy a geometry through unchanged (the asset build does, for byte-stable output).

use serde_json::{Map, Value};

/// WGS84 `[lon, lat]` in degrees.
pub type Position = [f64; 2];
/// A polygon: exterior ring first, then holes; rings as written in the file (usually closed).
pub type PolygonLonLat = Vec<Vec<Position>>;

/// Why a text is not a usable FeatureCollection (one line; the caller adds the file name).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GeoJsonError {
    #[error("invalid JSON: {message}")]
    Json { line: u64, message: String },
    #[error("not a GeoJSON FeatureCollection (no \"features\" array)")]
    NotFeatureCollection,
}

impl GeoJsonError {
    /// The 1-based line of a JSON syntax error, `None` for a problem of the whole file.
    pub fn line(&self) -> Option<u64> {
        match self {
            GeoJsonError::Json { line, .. } => Some(*line),
            GeoJsonError::NotFeatureCollection => None,
        }
    }
}

/// One feature with its 0-based index in the collection (error messages name it).
#[derive(Clone, Debug)]
pub struct Feature {
    pub index: usize,
    pub properties: Map<String, Value>,
    /// The `geometry` member as written (`None` when absent or `null`).
    pub geometry_json: Option<Value>,
}

/// A decoded geometry in lon/lat.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    Point(Position),
    LineString(Vec<Position>),
    MultiLineString(Vec<Vec<Position>>),
    Polygon(PolygonLonLat),
    MultiPolygon(Vec<PolygonLonLat>),
}

/// Parses a FeatureCollection. Features are not decoded yet (see [`Feature::geometry`]).
pub fn read_features(text: &str) -> Result<Vec<Feature>, GeoJsonError> {
    let mut value: Value = serde_json::from_str(text)
        .map_err(|e| GeoJsonError::Json { line: e.line() as u64, message: e.to_string() })?;
    let Some(Value::Array(features)) = value.get_mut("features").map(Value::take) else {
        return Err(GeoJsonError::NotFeatureCollection);
    };
    Ok(features
        .into_iter()
        .enumerate()
        .map(|(index, mut feature)| {
            let properties = match feature.get_mut("properties").map(Value::take) {
                Some(Value::Object(map)) => map,
                _ => Map::new(),
            };
            let geometry_json = feature.get_mut("geometry").map(Value::take).filter(|g| !g.is_null());
            Feature { index, properties, geometry_json }
        })
        .collect())
}

impl Feature {
    /// A property as text: a string as written, a number in its JSON spelling; `None` when the
    /// property is absent, `null` or of another type.
    pub fn property_text(&self, key: &str) -> Option<String> {
        match self.properties.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// [`Feature::property_text`], empty when missing (for optional text properties).
    pub fn property_or_empty(&self, key: &str) -> String {
        self.property_text(key).unwrap_or_default()
    }

    /// Decodes the geometry; every position must be a WGS84 `[lon, lat]` (extra ordinates such as
    /// an altitude are ignored). The error says where, e.g. `polygon 0 ring 1 vertex 7 is not a
    /// WGS84 [lon, lat]`.
    pub fn geometry(&self) -> Result<Geometry, String> {
        let geometry = self.geometry_json.as_ref().ok_or("no geometry")?;
        let kind = geometry.get("type").and_then(Value::as_str).ok_or("geometry has no type")?;
        let coords = geometry.get("coordinates").ok_or("geometry has no coordinates")?;
        Ok(match kind {
            "Point" => Geometry::Point(position(coords).ok_or("the point is not a WGS84 [lon, lat]")?),
            "LineString" => Geometry::LineString(line(coords, "")?),
            "MultiLineString" => Geometry::MultiLineString(
                array(coords, "MultiLineString")?.iter().enumerate().map(|(i, l)| line(l, &format!("line {i} "))).collect::<Result<_, _>>()?,
            ),
            "Polygon" => Geometry::Polygon(polygon(coords, "")?),
            "MultiPolygon" => Geometry::MultiPolygon(
                array(coords, "MultiPolygon")?
                    .iter()
                    .enumerate()
                    .map(|(i, p)| polygon(p, &format!("polygon {i} ")))
                    .collect::<Result<_, _>>()?,
            ),
            other => return Err(format!("unsupported geometry type {other:?}")),
        })
    }
}

impl Geometry {
    /// The GeoJSON type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Geometry::Point(_) => "Point",
            Geometry::LineString(_) => "LineString",
            Geometry::MultiLineString(_) => "MultiLineString",
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
        }
    }

    /// The polygons of a Polygon or MultiPolygon; any other type is an error.
    pub fn into_polygons(self) -> Result<Vec<PolygonLonLat>, String> {
        match self {
            Geometry::Polygon(p) => Ok(vec![p]),
            Geometry::MultiPolygon(ps) => Ok(ps),
            other => Err(format!("geometry is a {}, not a Polygon or MultiPolygon", other.type_name())),
        }
    }
}

fn array<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array().ok_or_else(|| format!("{what} coordinates are not an array"))
}

fn position(v: &Value) -> Option<Position> {
    let a = v.as_array().filter(|a| a.len() >= 2)?;
    let p = [a[0].as_f64()?, a[1].as_f64()?];
    ((-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1])).then_some(p)
}

/// `at` names the enclosing part for messages ("", "line 2 ", "polygon 0 ring 1 ").
fn line(v: &Value, at: &str) -> Result<Vec<Position>, String> {
    let points = v.as_array().ok_or_else(|| format!("{at}coordinates are not an array of positions"))?;
    points
        .iter()
        .enumerate()
        .map(|(k, p)| position(p).ok_or_else(|| format!("{at}vertex {k} is not a WGS84 [lon, lat]")))
        .collect()
}

fn polygon(v: &Value, at: &str) -> Result<PolygonLonLat, String> {
    let rings = v.as_array().ok_or_else(|| format!("{at}coordinates are not an array of rings"))?;
    if rings.is_empty() {
        return Err(format!("{} has no rings", if at.is_empty() { "polygon" } else { at.trim_end() }));
    }
    rings.iter().enumerate().map(|(i, r)| line(r, &format!("{at}ring {i} "))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"L1","code":441204115},"geometry":{"type":"LineString","coordinates":[[112,23],[113.5,23.25,7]]}},
        {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}},
        {"type":"Feature","properties":{},"geometry":null},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[200,1],[0,0]]]}}
    ]}"#;

    #[test]
    fn reads_properties_and_geometries() {
        let features = read_features(TEXT).expect("valid collection");
        assert_eq!(features.len(), 4);
        let f = &features[0];
        assert_eq!(f.property_text("id").as_deref(), Some("L1"));
        assert_eq!(f.property_text("code").as_deref(), Some("441204115"), "numbers are read as text");
        assert_eq!(f.property_or_empty("missing"), "");
        assert_eq!(f.geometry(), Ok(Geometry::LineString(vec![[112.0, 23.0], [113.5, 23.25]])));
        let polygons = features[1].geometry().and_then(Geometry::into_polygons).expect("polygons");
        assert_eq!(polygons[0][0].len(), 4);
        assert!(features[1].properties.is_empty());
        assert_eq!(features[2].geometry(), Err("no geometry".to_string()));
    }

    #[test]
    fn problems_name_the_place() {
        let features = read_features(TEXT).expect("valid collection");
        assert_eq!(features[3].geometry(), Err("ring 0 vertex 2 is not a WGS84 [lon, lat]".to_string()));
        assert_eq!(features[0].geometry().and_then(Geometry::into_polygons), Err("geometry is a LineString, not a Polygon or MultiPolygon".to_string()));
        assert_eq!(read_features("{\"type\":\"Feature\"}").unwrap_err(), GeoJsonError::NotFeatureCollection);
        let e = read_features("{\n\"features\": [,]}").unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert!(e.to_string().starts_with("invalid JSON: "), "{e}");
    }
}
