//! Streaming: the top-level object is visited key by key and its `features` array one element at
//! a time; each feature is decoded under [`super::rules`], handed to the caller and dropped. A
//! top-level Feature or bare geometry is one feature (index 0). The caller may stop the stream
//! (a cancel, its own refusal) by returning `ControlFlow::Break`.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::raw::{GeometryList, GeometryValue, Nested, RawGeometry};
use super::{rules, Feature, Issue, Properties, Rule};

/// What kind of JSON error stopped the stream (a user layer keeps what came before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonCategory {
    /// A syntax error: the rest of the file was not read.
    Syntax,
    /// The text stops in the middle (a file cut off).
    EndsEarly,
    /// Valid JSON of the wrong shape (`"features": 5`).
    NotGeoJson,
}

/// Why the file as a whole could not be read (one line; the caller puts the file before it).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("cannot read: {0}")]
    Read(String),
    #[error("{} {problem} at line {line} column {column}", if *.category == JsonCategory::NotGeoJson { "not GeoJSON:" } else { "invalid JSON:" })]
    Json { category: JsonCategory, line: u64, column: u64, problem: String },
    #[error("not GeoJSON (no \"features\" list, no Feature or geometry \"type\")")]
    NotGeoJson,
    #[error("a FeatureCollection without a \"features\" list")]
    NoFeatureList,
    #[error("the file declares the projected system {0} (metres); re-export it as WGS84 longitude/latitude (EPSG:4326)")]
    ProjectedCrs(String),
    /// The caller's callback stopped the stream; the caller knows why.
    #[error("stopped")]
    Stopped,
}

impl DecodeError {
    /// The 1-based line of a JSON error, `None` for a problem of the whole file.
    pub fn line(&self) -> Option<u64> {
        match self {
            DecodeError::Json { line, .. } => Some(*line),
            _ => None,
        }
    }

    fn from_json(e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let category = match e.classify() {
            Category::Io => return DecodeError::Read(e.to_string()),
            Category::Syntax => JsonCategory::Syntax,
            Category::Eof => JsonCategory::EndsEarly,
            Category::Data => JsonCategory::NotGeoJson,
        };
        // serde_json's message without its " at line L column C" tail (the display adds it).
        let text = e.to_string();
        let problem = text.rfind(" at line ").map_or(text.as_str(), |at| &text[..at]).to_string();
        DecodeError::Json { category, line: e.line() as u64, column: e.column() as u64, problem }
    }
}

/// Decodes a GeoJSON text, handing each feature to `on_feature`; returns the number of features.
pub fn decode_str(
    text: &str,
    on_feature: impl FnMut(Feature) -> ControlFlow<()>,
) -> Result<usize, DecodeError> {
    // Notepad writes a byte-order mark, which JSON does not allow.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    run(&mut serde_json::Deserializer::from_str(text), on_feature)
}

/// [`decode_str`] from a reader, never holding more than one feature: for files of any size.
pub fn decode_reader(
    reader: impl Read,
    on_feature: impl FnMut(Feature) -> ControlFlow<()>,
) -> Result<usize, DecodeError> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    if reader.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
        reader.consume(3);
    }
    run(&mut serde_json::Deserializer::from_reader(reader), on_feature)
}

/// Every feature of a text, for callers that check the whole file before using any of it.
pub fn read_features(text: &str) -> Result<Vec<Feature>, DecodeError> {
    let mut features = Vec::new();
    decode_str(text, |f| {
        features.push(f);
        ControlFlow::Continue(())
    })?;
    Ok(features)
}

fn run<'de, R: serde_json::de::Read<'de>, F: FnMut(Feature) -> ControlFlow<()>>(
    de: &mut serde_json::Deserializer<R>,
    on_feature: F,
) -> Result<usize, DecodeError> {
    let mut decoder = Decoder { on_feature, seen: 0, stop: None, top: Top::default() };
    let result = TopSeed { decoder: &mut decoder }.deserialize(&mut *de).and_then(|()| de.end());
    if let Some(stop) = decoder.stop.take() {
        return Err(stop);
    }
    result.map_err(|e| DecodeError::from_json(&e))?;
    if !decoder.top.saw_features {
        decoder.single()?;
        if let Some(stop) = decoder.stop.take() {
            return Err(stop);
        }
    }
    Ok(decoder.seen)
}

/// The top-level members other than `features`, for a file that is one Feature or geometry.
#[derive(Default)]
struct Top {
    saw_features: bool,
    kind: Option<String>,
    geometry: Option<GeometryValue>,
    properties: Properties,
    raw: RawGeometry,
}

struct Decoder<F> {
    on_feature: F,
    /// Features seen (the next feature's 0-based index).
    seen: usize,
    /// Set when the stream was stopped on purpose (the caller, or a projected `crs`).
    stop: Option<DecodeError>,
    top: Top,
}

impl<F: FnMut(Feature) -> ControlFlow<()>> Decoder<F> {
    /// One feature read: decoded under the rules and handed on.
    fn feature_done<E: serde::de::Error>(
        &mut self,
        geometry: Result<GeometryValue, Issue>,
        properties: Properties,
    ) -> Result<(), E> {
        let index = self.seen;
        self.seen += 1;
        let geometry = geometry.and_then(|g| match g {
            GeometryValue::Null => Err(Issue::new(Rule::NoGeometry, "no geometry")),
            GeometryValue::Bad(reason) => Err(Issue::new(Rule::Malformed, reason)),
            GeometryValue::Geometry(raw) => rules::decode(&raw),
        });
        match (self.on_feature)(Feature { index, properties, geometry }) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(self.stopped(DecodeError::Stopped)),
        }
    }

    fn stopped<E: serde::de::Error>(&mut self, why: DecodeError) -> E {
        self.stop = Some(why);
        E::custom("stopped")
    }

    /// A file without a `features` list: one Feature or geometry, or not GeoJSON.
    fn single(&mut self) -> Result<(), DecodeError> {
        let top = std::mem::take(&mut self.top);
        let kind = top.kind.clone().unwrap_or_default();
        let geometry = match kind.as_str() {
            "Feature" => top.geometry.unwrap_or(GeometryValue::Null),
            "FeatureCollection" => return Err(DecodeError::NoFeatureList),
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon"
            | "MultiPolygon" | "GeometryCollection" => {
                GeometryValue::Geometry(RawGeometry { kind: Some(kind), ..top.raw })
            }
            _ => return Err(DecodeError::NotGeoJson),
        };
        // A stop here is recorded in `self.stop`; the error value itself says nothing more.
        let _ = self.feature_done::<serde_json::Error>(Ok(geometry), top.properties);
        Ok(())
    }
}

/// A `crs` member naming something other than geographic WGS84/CGCS2000: its name.
fn projected_crs(crs: &Value) -> Option<String> {
    let name = crs.pointer("/properties/name").and_then(Value::as_str)?;
    let upper = name.to_ascii_uppercase();
    if upper.contains("CRS84") {
        return None;
    }
    let code: String =
        upper.rsplit(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty())?.to_string();
    // WGS84, WGS84 3D, CGCS2000, Beijing 1954, Xian 1980: geographic degrees.
    let geographic = ["4326", "4979", "4490", "4214", "4610"];
    (!geographic.contains(&code.as_str())).then(|| name.to_string())
}

/// Visitor methods for JSON values that are not what is expected: consumed, then `$body`.
macro_rules! other_values {
    ($ret:ty, $self:ident => $body:expr) => {
        fn visit_seq<A: SeqAccess<'de>>($self, mut seq: A) -> Result<$ret, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            $body
        }
        fn visit_unit<E: serde::de::Error>($self) -> Result<$ret, E> {
            $body
        }
        fn visit_bool<E: serde::de::Error>($self, _: bool) -> Result<$ret, E> {
            $body
        }
        fn visit_f64<E: serde::de::Error>($self, _: f64) -> Result<$ret, E> {
            $body
        }
        fn visit_i64<E: serde::de::Error>($self, _: i64) -> Result<$ret, E> {
            $body
        }
        fn visit_u64<E: serde::de::Error>($self, _: u64) -> Result<$ret, E> {
            $body
        }
        fn visit_str<E: serde::de::Error>($self, _: &str) -> Result<$ret, E> {
            $body
        }
    };
}

/// The top-level value.
struct TopSeed<'d, F> {
    decoder: &'d mut Decoder<F>,
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> DeserializeSeed<'de> for TopSeed<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> Visitor<'de> for TopSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let decoder = self.decoder;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "features" => {
                    decoder.top.saw_features = true;
                    map.next_value_seed(FeaturesSeed { decoder: &mut *decoder })?;
                }
                "type" => decoder.top.kind = map.next_value::<Value>()?.as_str().map(str::to_owned),
                "crs" => {
                    if let Some(name) = projected_crs(&map.next_value::<Value>()?) {
                        return Err(decoder.stopped(DecodeError::ProjectedCrs(name)));
                    }
                }
                "geometry" => decoder.top.geometry = Some(map.next_value::<GeometryValue>()?),
                "properties" => decoder.top.properties = map.next_value_seed(PropertiesSeed)?,
                "coordinates" => decoder.top.raw.coordinates = Some(map.next_value::<Nested>()?),
                "geometries" => decoder.top.raw.geometries = map.next_value::<GeometryList>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `features` array, one feature at a time.
struct FeaturesSeed<'d, F> {
    decoder: &'d mut Decoder<F>,
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> DeserializeSeed<'de> for FeaturesSeed<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> Visitor<'de> for FeaturesSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of GeoJSON features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(FeatureSeed { decoder: &mut *self.decoder })?.is_some() {}
        Ok(())
    }
}

/// One feature: its geometry and properties (anything else is ignored).
struct FeatureSeed<'d, F> {
    decoder: &'d mut Decoder<F>,
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> DeserializeSeed<'de> for FeatureSeed<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(Feature) -> ControlFlow<()>> Visitor<'de> for FeatureSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut geometry = GeometryValue::Null;
        let mut properties = Properties::default();
        let mut kind: Option<Value> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "geometry" => geometry = map.next_value::<GeometryValue>()?,
                "properties" => properties = map.next_value_seed(PropertiesSeed)?,
                "type" => kind = Some(map.next_value::<Value>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        // A misspelt or miscased type ("Featre", "feature") is a file that is not what it claims:
        // an issue like any other, never drawn silently. A feature with no "type" at all is still
        // read (some exporters leave it out).
        let geometry = match kind {
            Some(kind) if kind.as_str() != Some("Feature") => {
                Err(Issue::new(Rule::NotAFeature, format!("\"type\" is {kind}, not \"Feature\"")))
            }
            _ => Ok(geometry),
        };
        self.decoder.feature_done(geometry, properties)
    }

    other_values!((), self => self.decoder.feature_done(Err(Issue::new(Rule::NotAFeature, "not a Feature object")), Properties::default()));
}

/// A feature's `properties`, in file order; anything but an object is none.
struct PropertiesSeed;

impl<'de> DeserializeSeed<'de> for PropertiesSeed {
    type Value = Properties;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Properties, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = Properties;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("feature properties")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            pairs.push((key, map.next_value::<Value>()?));
        }
        Ok(Properties(pairs))
    }
    other_values!(Properties, self => Ok(Properties::default()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geojson::Geometry;

    const TEXT: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"L1","code":441204115},"geometry":{"type":"LineString","coordinates":[[112,23],[113.5,23.25,7]]}},
        {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}},
        {"type":"Feature","properties":{},"geometry":null},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[200,1],[0,0]]]}},
        5
    ]}"#;

    #[test]
    fn reads_properties_and_geometries() {
        let features = read_features(TEXT).expect("valid collection");
        assert_eq!(features.len(), 5);
        let f = &features[0];
        assert_eq!(f.properties.text("id").as_deref(), Some("L1"));
        assert_eq!(
            f.properties.text("code").as_deref(),
            Some("441204115"),
            "numbers are read as text"
        );
        assert_eq!(f.properties.text_or_empty("missing"), "");
        assert_eq!(f.geometry, Ok(Geometry::LineString(vec![[112.0, 23.0], [113.5, 23.25]])));
        let polygons = features[1].geometry.clone().map(|g| g.into_polygons());
        assert!(matches!(polygons, Ok(Ok(p)) if p[0][0].len() == 4));
        assert!(features[1].properties.is_empty());
        assert_eq!(features[2].geometry.clone().map_err(|i| i.rule), Err(Rule::NoGeometry));
        assert_eq!(
            features[3].geometry.clone().map_err(|i| i.text),
            Err("ring 0 vertex 2: longitude 200, latitude 1 out of range (±180°, ±90°)".into())
        );
        assert_eq!(
            features[4].geometry.clone().map_err(|i| i.text),
            Err("not a Feature object".into())
        );
    }

    #[test]
    fn a_single_feature_or_geometry_is_one_feature() {
        let one = read_features("\u{feff}{\"type\":\"Feature\",\"properties\":{\"a\":1,\"a\":2},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,23]}}").expect("a Feature");
        assert_eq!(
            (one.len(), one[0].properties.text("a")),
            (1, Some("2".into())),
            "the last of a repeated key wins"
        );
        let bare = read_features(r#"{"coordinates":[[113,23],[114,23]],"type":"LineString"}"#)
            .expect("a geometry");
        assert_eq!(bare[0].geometry, Ok(Geometry::LineString(vec![[113.0, 23.0], [114.0, 23.0]])));
    }

    #[test]
    fn refusals_of_the_whole_file() {
        let array = read_features("[]").unwrap_err();
        assert_eq!(
            array.to_string(),
            "not GeoJSON: invalid type: sequence, expected a GeoJSON object at line 1 column 2"
        );
        assert_eq!(read_features(r#"{"name":"x"}"#).unwrap_err(), DecodeError::NotGeoJson);
        let misspelt = read_features(
            r#"{"features":[{"type":"Featre","geometry":{"type":"Point","coordinates":[1,2]}}]}"#,
        )
        .expect("a collection");
        assert_eq!(
            misspelt[0].geometry.clone().map_err(|i| (i.rule, i.text)),
            Err((Rule::NotAFeature, "\"type\" is \"Featre\", not \"Feature\"".into()))
        );
        assert_eq!(
            read_features(r#"{"type":"Feature"}"#)
                .map(|f| f[0].geometry.clone().map_err(|i| i.rule))
                .ok(),
            Some(Err(Rule::NoGeometry))
        );
        assert_eq!(
            read_features(r#"{"type":"FeatureCollection"}"#).unwrap_err(),
            DecodeError::NoFeatureList
        );
        let crs = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#;
        assert_eq!(read_features(crs).unwrap_err().to_string(), "the file declares the projected system EPSG:3857 (metres); re-export it as WGS84 longitude/latitude (EPSG:4326)");
        assert!(read_features(&crs.replace("3857", "4490")).is_ok(), "CGCS2000 is degrees");
        let e = read_features("{\n\"features\": [,]}").unwrap_err();
        assert_eq!(
            (e.line(), e.to_string()),
            (Some(2), "invalid JSON: expected value at line 2 column 14".to_string())
        );
        let cut = read_features("{\"features\": [\n{\"type\":\"Feature\"").unwrap_err();
        assert!(
            matches!(cut, DecodeError::Json { category: JsonCategory::EndsEarly, line: 2, .. }),
            "{cut:?}"
        );
        assert!(read_features(r#"{"features": 5}"#)
            .unwrap_err()
            .to_string()
            .starts_with("not GeoJSON: invalid type: integer `5`"));
    }

    #[test]
    fn the_caller_can_stop_and_keeps_what_came_before() {
        let mut kept = 0;
        let e = decode_str(TEXT, |_| {
            kept += 1;
            if kept == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!((e, kept), (Err(DecodeError::Stopped), 2));
        let mut reader_count = 0;
        let n = decode_reader(TEXT.as_bytes(), |_| {
            reader_count += 1;
            ControlFlow::Continue(())
        });
        assert_eq!((n, reader_count), (Ok(5), 5));
    }
}
