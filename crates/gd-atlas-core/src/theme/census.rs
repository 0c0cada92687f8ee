//! Census statistics as themes (issue 18): the values of a catalogue statistic for the units
//! of a level, and the map a statistic reads best as (`catalogue.csv`'s method, classes,
//! palette and, for diverging palettes, the centre).

use crate::model::census::{Centre, NoValue};
use crate::model::{Atlas, RegionIdx};

use super::builtin::Builtin;
use super::classify::Method;
use super::level::ThemeLevel;
use super::note::Note;
use super::values::{AttributeValue, AttributeValues, ValueSource};
use super::{AttributeSpec, ThemeSpec};

/// The values of statistic `id` for `units`; units outside the census (towns) or without a
/// value are "no data" with the reason — never zero.
pub fn census_values(atlas: &Atlas, units: &[RegionIdx], id: &str, out: &mut AttributeValues) {
    let census = &atlas.census;
    let Some(stat) = census.statistic(id) else {
        out.label = format!("census:{id}");
        out.notes.push(Note::new(
            format!("no census statistic {id:?} in {}", census.catalogue_path),
            format!("{} 中没有人口普查指标 {id:?}", census.catalogue_path),
        ));
        let why = NoValue::new(
            ("unknown statistic", "未知指标"),
            format!("unknown census statistic {id:?}"),
            format!("未知的人口普查指标 {id:?}"),
        );
        out.no_data.extend(units.iter().map(|&u| (u, why.clone())));
        return;
    };
    let s = &census.statistics[stat];
    out.label = s.name_en.clone();
    out.unit = s.unit_en.clone();
    out.label_zh = s.name_zh.clone();
    out.unit_zh = s.unit_zh.clone();
    for &unit in units {
        match census.value(stat, unit) {
            Some(Ok(v)) => {
                let source = ValueSource::Census {
                    id: s.id.clone(),
                    formula: v.formula.clone(),
                    cells: v.cells.clone(),
                    area_km2: v.area_km2,
                    note: v.note.clone(),
                    decimals: s.decimals,
                };
                out.values.insert(
                    unit,
                    AttributeValue { value: v.value, approximate: false, area_km2: None, source },
                );
            }
            Some(Err(why)) => out.no_data.push((unit, why.clone())),
            None => out.no_data.push((
                unit,
                NoValue::new(
                    ("not a census unit", "非普查单位"),
                    "not a unit of the census yearbook (province, cities and counties only)",
                    "不是人口普查年鉴的单位（仅有省、地级市和县级单位）",
                ),
            )),
        }
    }
    if s.formula.uses_area() {
        out.notes.push(Note::new(
            "area computed from the boundaries drawn in the atlas (equal-area on the ellipsoid), not an official land area",
            "面积按图集所绘边界计算（椭球面等积），并非官方土地面积",
        ));
    }
}

/// The theme of statistic `id` at `level` as the catalogue suggests drawing it; `None` when the
/// atlas has no such statistic.
pub fn census_spec(atlas: &Atlas, level: ThemeLevel, id: &str) -> Option<ThemeSpec> {
    let census = &atlas.census;
    let stat = census.statistic(id)?;
    let map = &census.statistics[stat].map;
    let mut spec = ThemeSpec::new(AttributeSpec::Builtin {
        level,
        builtin: Builtin::Census { id: id.to_string() },
    });
    spec.method = Method::parse(&map.method).unwrap_or(Method::Quantile);
    spec.classes = map.classes.clamp(super::classify::MIN_CLASSES, super::classify::MAX_CLASSES);
    if super::palette::scheme(&map.palette).is_some() {
        spec.palette = map.palette.clone();
    }
    spec.centre = match map.centre {
        Some(Centre::Province) => census.province_value(stat),
        Some(Centre::Value(v)) => Some(v),
        None => None,
    };
    Some(spec)
}

/// The level a census theme should use for a level the user is on: towns have no census rows.
pub fn census_level(level: ThemeLevel) -> ThemeLevel {
    match level {
        ThemeLevel::Town => ThemeLevel::County,
        other => other,
    }
}
