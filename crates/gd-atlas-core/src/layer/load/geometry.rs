//! GeoJSON geometry as streamed: deserialised leniently (a wrong type anywhere in a feature makes
//! that feature bad, never the whole stream), then decoded into points, line parts and polygons.
//!
//! Coordinates are not parsed into `serde_json::Value`s (a number there costs 32 bytes plus a
//! vector per position): a position becomes one `[f64; 2]` without a heap allocation.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A `coordinates` member: a number, a position (an array of at least two numbers; altitude
/// ignored), a list of nested values, or something else (a string, an object, a short array).
#[derive(Debug)]
pub enum Nested {
    Num(f64),
    Pos([f64; 2]),
    List(Vec<Nested>),
    Other,
}

struct NestedVisitor;

impl<'de> Visitor<'de> for NestedVisitor {
    type Value = Nested;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("GeoJSON coordinates")
    }
    fn visit_f64<E>(self, v: f64) -> Result<Nested, E> {
        Ok(Nested::Num(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Nested, E> {
        Ok(Nested::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Nested, E> {
        Ok(Nested::Num(v as f64))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Nested, E> {
        Ok(Nested::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Nested, E> {
        Ok(Nested::Other)
    }
    fn visit_unit<E>(self) -> Result<Nested, E> {
        Ok(Nested::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Nested, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Nested::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nested, A::Error> {
        let Some(first) = seq.next_element::<Nested>()? else { return Ok(Nested::List(Vec::new())) };
        let Nested::Num(lon) = first else {
            let mut items = vec![first];
            while let Some(item) = seq.next_element::<Nested>()? {
                items.push(item);
            }
            return Ok(Nested::List(items));
        };
        // A position: keep the first two numbers, require every member to be a number.
        let (mut position, mut count, mut all_numbers) = ([lon, f64::NAN], 1, true);
        while let Some(item) = seq.next_element::<Nested>()? {
            match item {
                Nested::Num(v) if count == 1 => position[1] = v,
                Nested::Num(_) => {}
                _ => all_numbers = false,
            }
            count += 1;
        }
        Ok(if all_numbers && count >= 2 { Nested::Pos(position) } else { Nested::Other })
    }
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NestedVisitor)
    }
}

/// A `geometry` member as written.
#[derive(Debug)]
pub enum GeometryValue {
    Null,
    /// Not a geometry object; the reason.
    Bad(&'static str),
    Geometry(RawGeometry),
}

#[derive(Debug, Default)]
pub struct RawGeometry {
    pub kind: Option<String>,
    pub coordinates: Option<Nested>,
    /// A GeometryCollection's members (`None` when not a list).
    pub geometries: Option<Vec<GeometryValue>>,
}

struct GeometryVisitor;

const NOT_AN_OBJECT: &str = "geometry is not a GeoJSON geometry object";

impl<'de> Visitor<'de> for GeometryVisitor {
    type Value = GeometryValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON geometry")
    }
    fn visit_unit<E>(self) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Null)
    }
    fn visit_f64<E>(self, _: f64) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_i64<E>(self, _: i64) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_u64<E>(self, _: u64) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_bool<E>(self, _: bool) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_str<E>(self, _: &str) -> Result<GeometryValue, E> {
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GeometryValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(GeometryValue::Bad(NOT_AN_OBJECT))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GeometryValue, A::Error> {
        let mut raw = RawGeometry::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => raw.kind = map.next_value::<serde_json::Value>()?.as_str().map(str::to_owned),
                "coordinates" => raw.coordinates = Some(map.next_value::<Nested>()?),
                "geometries" => raw.geometries = map.next_value::<GeometryList>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(GeometryValue::Geometry(raw))
    }
}

impl<'de> Deserialize<'de> for GeometryValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(GeometryVisitor)
    }
}

/// A GeometryCollection's `geometries`: a list, or `None` for anything else.
pub struct GeometryList(pub Option<Vec<GeometryValue>>);

impl<'de> Deserialize<'de> for GeometryList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(GeometryListVisitor)
    }
}

/// A list of geometries, or `None` (after consuming the value) when it is not a list.
struct GeometryListVisitor;

impl<'de> Visitor<'de> for GeometryListVisitor {
    type Value = GeometryList;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of geometries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GeometryList, A::Error> {
        let mut list = Vec::new();
        while let Some(g) = seq.next_element::<GeometryValue>()? {
            list.push(g);
        }
        Ok(GeometryList(Some(list)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GeometryList, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(GeometryList(None))
    }
    fn visit_unit<E>(self) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
    fn visit_str<E>(self, _: &str) -> Result<GeometryList, E> {
        Ok(GeometryList(None))
    }
}

/// A feature's geometry decoded, in the file's coordinates (not yet checked nor converted).
#[derive(Debug, Default, PartialEq)]
pub struct Parts {
    pub points: Vec<[f64; 2]>,
    pub lines: Vec<Vec<[f64; 2]>>,
    /// Polygons of closed rings, exterior first.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl Parts {
    pub fn is_empty(&self) -> bool {
        self.points.is_empty() && self.lines.is_empty() && self.polygons.is_empty()
    }

    /// Every position, for the checks and the conversion to WGS84.
    pub fn positions_mut(&mut self) -> impl Iterator<Item = &mut [f64; 2]> {
        let lines = self.lines.iter_mut().flatten();
        let rings = self.polygons.iter_mut().flatten().flatten();
        self.points.iter_mut().chain(lines).chain(rings)
    }
}

/// Decodes a geometry (GeometryCollections flattened) into `parts`; the error says where, e.g.
/// `polygon 1 ring 0 has 3 positions (a ring needs at least 4, closed)`.
pub fn decode(geometry: &RawGeometry, parts: &mut Parts) -> Result<(), String> {
    let kind = geometry.kind.as_deref().ok_or("geometry has no type")?;
    if kind == "GeometryCollection" {
        let members = geometry.geometries.as_ref().ok_or("GeometryCollection has no list of geometries")?;
        for (i, member) in members.iter().enumerate() {
            match member {
                GeometryValue::Null => {}
                GeometryValue::Bad(reason) => return Err(format!("geometry {i}: {reason}")),
                GeometryValue::Geometry(g) => decode(g, parts).map_err(|e| format!("geometry {i}: {e}"))?,
            }
        }
        return Ok(());
    }
    let coordinates = geometry.coordinates.as_ref().ok_or_else(|| format!("{kind} has no coordinates"))?;
    match kind {
        "Point" => parts.points.push(position(coordinates, "the point")?),
        "MultiPoint" => {
            for (i, p) in list(coordinates, kind)?.iter().enumerate() {
                parts.points.push(position(p, &format!("point {i}"))?);
            }
        }
        "LineString" => parts.lines.push(line(coordinates, "")?),
        "MultiLineString" => {
            for (i, l) in list(coordinates, kind)?.iter().enumerate() {
                parts.lines.push(line(l, &format!("line {i} "))?);
            }
        }
        "Polygon" => parts.polygons.push(polygon(coordinates, "")?),
        "MultiPolygon" => {
            for (i, p) in list(coordinates, kind)?.iter().enumerate() {
                parts.polygons.push(polygon(p, &format!("polygon {i} "))?);
            }
        }
        other => return Err(format!("unsupported geometry type {other:?}")),
    }
    Ok(())
}

fn list<'a>(coordinates: &'a Nested, kind: &str) -> Result<&'a [Nested], String> {
    match coordinates {
        Nested::List(items) => Ok(items),
        _ => Err(format!("{kind} coordinates are not a list")),
    }
}

fn position(p: &Nested, what: &str) -> Result<[f64; 2], String> {
    match p {
        Nested::Pos(position) => Ok(*position),
        _ => Err(format!("{what} is not a [longitude, latitude] position")),
    }
}

/// `at` names the enclosing part for messages ("", "line 2 ", "polygon 0 ring 1 ").
fn positions(v: &Nested, at: &str) -> Result<Vec<[f64; 2]>, String> {
    let Nested::List(items) = v else { return Err(format!("{at}coordinates are not a list of positions")) };
    items.iter().enumerate().map(|(k, p)| position(p, &format!("{at}vertex {k}"))).collect()
}

fn line(v: &Nested, at: &str) -> Result<Vec<[f64; 2]>, String> {
    let line = positions(v, at)?;
    if line.len() < 2 {
        return Err(format!("{at}has {} position(s) (a line needs at least 2)", line.len()).trim_start().to_string());
    }
    Ok(line)
}

/// Rings are closed here when the file left them open; a ring must then have four positions.
fn polygon(v: &Nested, at: &str) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let Nested::List(rings) = v else { return Err(format!("{at}coordinates are not a list of rings")) };
    if rings.is_empty() {
        return Err(format!("{at}has no rings").trim_start().to_string());
    }
    let mut out = Vec::with_capacity(rings.len());
    for (i, r) in rings.iter().enumerate() {
        let at = format!("{at}ring {i} ");
        let mut ring = positions(r, &at)?;
        if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
            if first != last {
                ring.push(first);
            }
        }
        if ring.len() < 4 {
            return Err(format!("{at}has {} positions (a ring needs at least 4, closed)", ring.len()));
        }
        out.push(ring);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(json: &str) -> Result<Parts, String> {
        let value: GeometryValue = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let GeometryValue::Geometry(g) = value else { return Err(format!("{value:?}")) };
        let mut parts = Parts::default();
        decode(&g, &mut parts).map(|()| parts)
    }

    #[test]
    fn decodes_each_geometry_type() {
        assert_eq!(decoded(r#"{"type":"Point","coordinates":[113,23,5]}"#).map(|p| p.points), Ok(vec![[113.0, 23.0]]));
        assert_eq!(decoded(r#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#).map(|p| p.points.len()), Ok(2));
        assert_eq!(decoded(r#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,9]]]}"#).map(|p| p.lines.len()), Ok(2));
        let open = decoded(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#).map(|p| p.polygons);
        assert_eq!(open, Ok(vec![vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]]), "an open ring is closed");
        let collection = r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},null,
            {"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[3,4]]}]}]}"#;
        let parts = decoded(collection).unwrap_or_default();
        assert_eq!((parts.points.len(), parts.lines.len()), (1, 1));
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(decoded(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#), Err("ring 0 has 3 positions (a ring needs at least 4, closed)".into()));
        assert_eq!(decoded(r#"{"type":"LineString","coordinates":[[0,0]]}"#), Err("has 1 position(s) (a line needs at least 2)".into()));
        assert_eq!(decoded(r#"{"type":"MultiLineString","coordinates":[[[0,0],"x"]]}"#), Err("line 0 vertex 1 is not a [longitude, latitude] position".into()));
        assert_eq!(decoded(r#"{"type":"Point","coordinates":[1]}"#), Err("the point is not a [longitude, latitude] position".into()));
        assert_eq!(decoded(r#"{"type":"Circle","coordinates":[1,2]}"#), Err("unsupported geometry type \"Circle\"".into()));
        assert_eq!(decoded(r#"{"type":"Point"}"#), Err("Point has no coordinates".into()));
        assert_eq!(decoded(r#"{"coordinates":[1,2]}"#), Err("geometry has no type".into()));
        assert_eq!(decoded(r#"{"type":"GeometryCollection","geometries":[5]}"#), Err(format!("geometry 0: {NOT_AN_OBJECT}")));
        assert!(decoded(r#"{"type":"MultiPolygon","coordinates":[]}"#).is_ok_and(|p| p.is_empty()));
        let bad: GeometryValue = serde_json::from_str(r#"[1, {"a": [2]}]"#).expect("any JSON is accepted");
        assert!(matches!(bad, GeometryValue::Bad(_)));
    }
}
