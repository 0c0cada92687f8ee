//! A geometry as streamed, before any rule: deserialised leniently (a wrong type anywhere in a
//! feature makes that feature bad, never the whole stream); [`super::rules`] decodes it.
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
        let Some(first) = seq.next_element::<Nested>()? else {
            return Ok(Nested::List(Vec::new()));
        };
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

pub const NOT_AN_OBJECT: &str = "geometry is not a GeoJSON geometry object";

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
                "type" => {
                    raw.kind = map.next_value::<serde_json::Value>()?.as_str().map(str::to_owned)
                }
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
