//! The one GeoJSON decoder. Every GeoJSON the app reads goes through it: the atlas's own data
//! (`data/lines.geojson`, the offline basemap under `assets/geo/basemap/`, the asset build's
//! inputs), a user's official town file (`--towns`) and user layers (`layer::load`).
//!
//! It streams ([`stream`]): the top-level object is visited key by key and its `features` array
//! one element at a time; each feature is handed to the caller as a [`Feature`] — its index, its
//! [`Properties`] in file order and its typed [`Geometry`] or the [`Issue`] that made it
//! unusable — and then dropped. Memory is what the caller keeps plus one feature.
//!
//! **One set of rules** ([`rules`]), the same for every caller:
//! - *repaired* silently: an open ring is closed; repeated consecutive positions of a ring are
//!   dropped; extra ordinates (altitude) are ignored; `null` members of a GeometryCollection are
//!   left out; a UTF-8 byte-order mark before the JSON is skipped;
//! - *an issue of the feature* (its geometry is unusable): a position that is not an array of
//!   at least two numbers, not finite, or outside ±180° / ±90° (told apart as projected metres,
//!   swapped axes or out of range, see [`Verdict`]); a line of fewer than 2 positions; a ring of
//!   fewer than 3 distinct vertices; a polygon with no rings; an empty geometry; an unknown or
//!   missing `type`; missing `coordinates`; no geometry at all; an element of `features` that is
//!   not an object, or whose `type` is not `"Feature"` (a feature without `type` is read);
//! - *a refusal of the file* ([`DecodeError`]): not JSON, not GeoJSON, a `crs` naming a projected
//!   system, a read error.
//!
//! What an issue *means* is the caller's policy, and only that stays with the caller: the atlas's
//! own data and the official town file refuse the file at the first issue (`LoadError`, naming
//! the file and the feature); a user layer skips the feature and counts it, and keeps the
//! features before a JSON error as a partial load ("file ends early at line L, column C: kept N
//! feature(s) before it", `layer::data::CutShort`). Checks beyond these rules are policies too:
//! town rings must not cross (`model::town_checks`), lines must lie near Guangdong.
//!
//! Every issue's text is one line naming the part (`polygon 1 ring 0 has 2 distinct vertices (a
//! ring needs at least 3)`); the caller puts the file and the feature before it.

mod raw;
pub mod rules;
pub mod stream;

use std::fmt;

use serde_json::Value;

pub use rules::{classify, position_problem, ring_label, tidy_ring, Verdict};
pub use stream::{decode_reader, decode_str, read_features, DecodeError, JsonCategory};

/// A `[lon, lat]` in degrees, as written in the file (WGS84 unless the caller knows better).
pub type Position = [f64; 2];
/// A polygon: exterior ring first, then holes; every ring closed (first position repeated last).
pub type PolygonLonLat = Vec<Vec<Position>>;

/// A decoded geometry, its type kept (the asset build writes each back as the same type).
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    Point(Position),
    MultiPoint(Vec<Position>),
    LineString(Vec<Position>),
    MultiLineString(Vec<Vec<Position>>),
    Polygon(PolygonLonLat),
    MultiPolygon(Vec<PolygonLonLat>),
    GeometryCollection(Vec<Geometry>),
}

impl Geometry {
    /// The GeoJSON type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Geometry::Point(_) => "Point",
            Geometry::MultiPoint(_) => "MultiPoint",
            Geometry::LineString(_) => "LineString",
            Geometry::MultiLineString(_) => "MultiLineString",
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
            Geometry::GeometryCollection(_) => "GeometryCollection",
        }
    }

    /// No position anywhere (an empty Multi* or collection): the "geometry is empty" rule.
    pub fn is_empty(&self) -> bool {
        match self {
            Geometry::Point(_) | Geometry::LineString(_) | Geometry::Polygon(_) => false,
            Geometry::MultiPoint(v) => v.is_empty(),
            Geometry::MultiLineString(v) => v.is_empty(),
            Geometry::MultiPolygon(v) => v.is_empty(),
            Geometry::GeometryCollection(v) => v.iter().all(Geometry::is_empty),
        }
    }

    /// The polygons of a Polygon or MultiPolygon; any other type is an error.
    pub fn into_polygons(self) -> Result<Vec<PolygonLonLat>, String> {
        match self {
            Geometry::Polygon(p) => Ok(vec![p]),
            Geometry::MultiPolygon(ps) => Ok(ps),
            other => {
                Err(format!("geometry is a {}, not a Polygon or MultiPolygon", other.type_name()))
            }
        }
    }

    /// The geometry as GeoJSON again (the asset build copies checked geometries through; f64s
    /// print in their shortest round-trip spelling, so `112.42142` stays `112.42142`).
    pub fn to_json(&self) -> Value {
        let (kind, coordinates) = match self {
            Geometry::GeometryCollection(members) => {
                let geometries: Vec<Value> = members.iter().map(Geometry::to_json).collect();
                return serde_json::json!({"type": "GeometryCollection", "geometries": geometries});
            }
            Geometry::Point(p) => ("Point", serde_json::json!(p)),
            Geometry::MultiPoint(v) => ("MultiPoint", serde_json::json!(v)),
            Geometry::LineString(v) => ("LineString", serde_json::json!(v)),
            Geometry::MultiLineString(v) => ("MultiLineString", serde_json::json!(v)),
            Geometry::Polygon(v) => ("Polygon", serde_json::json!(v)),
            Geometry::MultiPolygon(v) => ("MultiPolygon", serde_json::json!(v)),
        };
        serde_json::json!({"type": kind, "coordinates": coordinates})
    }
}

/// A feature's `properties` in file order (a later repeat of a key wins, as in a JSON object;
/// `properties` that are not an object count as none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties(pub Vec<(String, Value)>);

impl Properties {
    /// The value of a key (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A property as text: a string as written, a number in its JSON spelling; `None` when the
    /// property is absent, `null` or of another type.
    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// [`Properties::text`], empty when missing (for optional text properties).
    pub fn text_or_empty(&self, key: &str) -> String {
        self.text(key).unwrap_or_default()
    }
}

/// One feature as decoded, with its 0-based index in the collection (messages name it).
#[derive(Clone, Debug)]
pub struct Feature {
    pub index: usize,
    pub properties: Properties,
    /// The geometry, or the first rule it broke.
    pub geometry: Result<Geometry, Issue>,
}

/// Which rule a feature broke: callers and tests compare decisions by rule, messages by text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `geometry` absent or `null`.
    NoGeometry,
    /// An element of `features` that is not an object, or whose `type` is not `"Feature"`.
    NotAFeature,
    /// Not a geometry object, no `type`, no `coordinates`, coordinates of the wrong nesting.
    Malformed,
    /// A `type` that is not one of the seven GeoJSON geometries.
    UnsupportedType,
    /// A position that is not an array of at least two numbers.
    NotAPosition,
    /// A position that is not usable degrees.
    BadPosition(Verdict),
    /// A line of fewer than 2 positions.
    ShortLine,
    /// A ring of fewer than 3 distinct vertices (after closing and dropping repeats).
    ShortRing,
    /// A polygon with no rings.
    NoRings,
    /// No position at all.
    Empty,
}

/// Why a feature's geometry is unusable: the rule and one line naming the part.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub rule: Rule,
    /// E.g. `polygon 1 ring 0 has 2 distinct vertices (a ring needs at least 3)`.
    pub text: String,
    /// The offending position, for [`Rule::BadPosition`] (layers tally projected and swapped
    /// files from it).
    pub position: Option<Position>,
}

impl Issue {
    pub fn new(rule: Rule, text: impl Into<String>) -> Self {
        Issue { rule, text: text.into(), position: None }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
