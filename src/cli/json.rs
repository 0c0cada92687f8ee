//! JSON shapes shared by `info` and `at`.

use serde_json::{json, Value};

use crate::model::{Atlas, GeometryKind, RegionIdx};

/// Words shown wherever an approximate town appears.
pub const APPROXIMATE_NOTE: &str = "approximate area, not an official boundary";

pub fn geometry_words(kind: GeometryKind) -> &'static str {
    match kind {
        GeometryKind::Real => "real boundary",
        GeometryKind::Approximate => APPROXIMATE_NOTE,
        GeometryKind::None => "no geometry (searchable only)",
    }
}

/// A short region reference: code, names, level, geometry.
pub fn region_ref(atlas: &Atlas, idx: RegionIdx) -> Value {
    let r = &atlas.regions[idx];
    json!({
        "code": r.code,
        "name_zh": r.name_zh,
        "name_en": r.name_en,
        "level": r.level.as_str(),
        "geometry": r.geometry.as_str(),
        "approximate": r.geometry == GeometryKind::Approximate,
    })
}
