//! The attributes the atlas itself provides for every county or town: area, places (by kind),
//! source excerpts, indicators, and the value of each indicator of `data/indicators.csv`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::census::NoValue;
use crate::model::{Atlas, Indicator, Level, Place, PlaceKind, RegionIdx, Subject};

use super::area::{region_area, AREA_METHOD};
use super::indicator_value::indicator_number;
use super::level::{theme_units, ThemeLevel};
use super::values::{AttributeValue, AttributeValues, ValueSource};
use super::Note;

/// A built-in attribute. Its text form (`area`, `places`, `places:industrial_park`, `excerpts`,
/// `indicators`, `indicator:NAME`, `indicator:NAME@PERIOD`, `census:ID`) is what `--theme-builtin` takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Builtin {
    Area,
    Places {
        place_kind: Option<PlaceKind>,
    },
    Excerpts,
    Indicators,
    /// One indicator by its name; `period` picks among several (default: the period most
    /// regions have, the latest on a tie).
    Indicator {
        name: String,
        period: Option<String>,
    },
    /// A 2020-census statistic by its catalogue id (`data/census/catalogue.csv`).
    Census {
        id: String,
    },
}

impl Builtin {
    pub fn parse(text: &str) -> Option<Self> {
        let (head, tail) =
            text.split_once(':').map_or((text.trim(), None), |(h, t)| (h.trim(), Some(t.trim())));
        match (head, tail) {
            ("area", None) => Some(Self::Area),
            ("places", None) => Some(Self::Places { place_kind: None }),
            ("places", Some(kind)) => {
                PlaceKind::parse(kind).map(|k| Self::Places { place_kind: Some(k) })
            }
            ("excerpts", None) => Some(Self::Excerpts),
            ("indicators", None) => Some(Self::Indicators),
            ("census", Some(id)) if !id.is_empty() => Some(Self::Census { id: id.to_string() }),
            ("indicator", Some(rest)) if !rest.is_empty() => Some(match rest.rsplit_once('@') {
                Some((name, period)) => {
                    Self::Indicator { name: name.trim().into(), period: Some(period.trim().into()) }
                }
                None => Self::Indicator { name: rest.into(), period: None },
            }),
            _ => None,
        }
    }

    /// The text form `parse` reads.
    pub fn key(&self) -> String {
        match self {
            Self::Area => "area".into(),
            Self::Places { place_kind: None } => "places".into(),
            Self::Places { place_kind: Some(k) } => format!("places:{}", k.as_str()),
            Self::Excerpts => "excerpts".into(),
            Self::Indicators => "indicators".into(),
            Self::Indicator { name, period: None } => format!("indicator:{name}"),
            Self::Indicator { name, period: Some(p) } => format!("indicator:{name}@{p}"),
            Self::Census { id } => format!("census:{id}"),
        }
    }
}

/// A built-in attribute on offer at a level: how many units have a value, and for indicators
/// the periods available.
#[derive(Clone, Debug, Serialize)]
pub struct BuiltinInfo {
    pub builtin: Builtin,
    pub with_data: usize,
    pub periods: Vec<String>,
}

/// Every built-in attribute at a level; indicators only when a unit of the level has one.
pub fn list_builtins(atlas: &Atlas, level: ThemeLevel) -> Vec<BuiltinInfo> {
    let units = theme_units(atlas, level);
    let plain = [
        Builtin::Area,
        Builtin::Places { place_kind: None },
        Builtin::Excerpts,
        Builtin::Indicators,
    ];
    let mut out: Vec<BuiltinInfo> = plain
        .into_iter()
        .map(|b| {
            let with_data = builtin_values(atlas, level, &b).values.len();
            BuiltinInfo { builtin: b, with_data, periods: Vec::new() }
        })
        .collect();
    let mut by_name: BTreeMap<String, (Vec<RegionIdx>, Vec<String>)> = BTreeMap::new();
    for &unit in &units {
        for ind in atlas.indicators_for(&Subject::Region(atlas.regions[unit].code.clone())) {
            let entry = by_name.entry(ind.indicator.clone()).or_default();
            if !entry.0.contains(&unit) {
                entry.0.push(unit);
            }
            if !entry.1.contains(&ind.period) {
                entry.1.push(ind.period.clone());
            }
        }
    }
    for (name, (regions, mut periods)) in by_name {
        periods.sort();
        out.push(BuiltinInfo {
            builtin: Builtin::Indicator { name, period: None },
            with_data: regions.len(),
            periods,
        });
    }
    out
}

/// The values of a built-in attribute for the units of a level.
pub fn builtin_values(atlas: &Atlas, level: ThemeLevel, builtin: &Builtin) -> AttributeValues {
    let units = theme_units(atlas, level);
    let mut out = AttributeValues {
        label: String::new(),
        unit: String::new(),
        label_zh: String::new(),
        unit_zh: String::new(),
        level,
        values: BTreeMap::new(),
        no_data: Vec::new(),
        notes: Vec::new(),
    };
    match builtin {
        Builtin::Area => area_values(atlas, &units, &mut out),
        Builtin::Places { place_kind } => place_counts(atlas, &units, *place_kind, &mut out),
        Builtin::Excerpts | Builtin::Indicators => {
            subject_counts(atlas, &units, builtin == &Builtin::Excerpts, &mut out)
        }
        Builtin::Indicator { name, period } => {
            indicator_values(atlas, &units, name, period.as_deref(), &mut out)
        }
        Builtin::Census { id } => super::census::census_values(atlas, &units, id, &mut out),
    }
    out
}

fn area_values(atlas: &Atlas, units: &[RegionIdx], out: &mut AttributeValues) {
    out.label = "Area".into();
    out.unit = "km²".into();
    out.label_zh = "面积".into();
    out.unit_zh = "平方千米".into();
    for &unit in units {
        match region_area(atlas, unit) {
            Some(area) => {
                let source = ValueSource::Area { method: AREA_METHOD };
                out.values.insert(
                    unit,
                    AttributeValue {
                        value: area.km2,
                        approximate: area.approximate,
                        area_km2: None,
                        source,
                    },
                );
            }
            None => out.no_data.push((
                unit,
                NoValue::new(("no shape", "无边界"), "no shape to measure", "没有边界可量算"),
            )),
        }
    }
    if out.values.values().any(|v| v.approximate) {
        out.notes.push(Note::new(
            "areas of approximate towns are those of their Voronoi cells, not official figures",
            "近似镇域的面积为其泰森多边形的面积，并非官方数字",
        ));
    }
}

/// The regions a place counts for, as `Atlas::places_in` decides: the region it represents, the
/// claimed region and its parents, and (for towns) the town its point lies in.
fn place_regions(atlas: &Atlas, place: &Place) -> Vec<RegionIdx> {
    let mut regions: Vec<RegionIdx> = Vec::new();
    regions.extend(place.represents.as_deref().and_then(|code| atlas.region_by_code(code)));
    if let Some(claimed) = atlas.region_by_code(&place.region_code) {
        regions.extend(atlas.parent_chain(claimed));
    }
    regions.extend(place.lonlat.and_then(|ll| atlas.region_at(ll, Level::Town)));
    regions.sort_unstable();
    regions.dedup();
    regions
}

fn place_counts(
    atlas: &Atlas,
    units: &[RegionIdx],
    kind: Option<PlaceKind>,
    out: &mut AttributeValues,
) {
    out.label = match kind {
        Some(k) => format!("Places: {}", k.name(Lang::En)),
        None => "Places".into(),
    };
    out.label_zh = match kind {
        Some(k) => format!("地点数：{}", k.name(Lang::Zh)),
        None => "地点数".into(),
    };
    let mut ids: HashMap<RegionIdx, Vec<String>> = HashMap::new();
    for place in atlas.places.iter().filter(|p| kind.is_none_or(|k| p.kind == k)) {
        for region in place_regions(atlas, place) {
            ids.entry(region).or_default().push(place.id.clone());
        }
    }
    for &unit in units {
        let items = ids.remove(&unit).unwrap_or_default();
        let value = items.len() as f64;
        out.values.insert(
            unit,
            AttributeValue {
                value,
                approximate: false,
                area_km2: None,
                source: ValueSource::Count { items },
            },
        );
    }
}

fn subject_counts(atlas: &Atlas, units: &[RegionIdx], excerpts: bool, out: &mut AttributeValues) {
    out.label = if excerpts { "Source excerpts".into() } else { "Indicators".into() };
    out.label_zh = if excerpts { "来源摘录数".into() } else { "指标数".into() };
    for &unit in units {
        let subject = Subject::Region(atlas.regions[unit].code.clone());
        let items: Vec<String> = if excerpts {
            atlas.excerpts_for(&subject).iter().map(|e| e.id.clone()).collect()
        } else {
            atlas.indicators_for(&subject).iter().map(|i| i.id.clone()).collect()
        };
        let value = items.len() as f64;
        out.values.insert(
            unit,
            AttributeValue {
                value,
                approximate: false,
                area_km2: None,
                source: ValueSource::Count { items },
            },
        );
    }
}

fn indicator_values(
    atlas: &Atlas,
    units: &[RegionIdx],
    name: &str,
    period: Option<&str>,
    out: &mut AttributeValues,
) {
    out.label = name.to_string();
    out.label_zh = indicator_name_zh(atlas, name).to_string();
    let rows: Vec<(RegionIdx, &Indicator)> = units
        .iter()
        .flat_map(|&unit| {
            let subject = Subject::Region(atlas.regions[unit].code.clone());
            atlas
                .indicators_for(&subject)
                .into_iter()
                .filter(|i| i.indicator == name)
                .map(move |i| (unit, i))
        })
        .collect();
    let chosen = period.map(str::to_string).or_else(|| default_period(&rows));
    let mut periods: Vec<&str> = rows.iter().map(|(_, i)| i.period.as_str()).collect();
    periods.sort_unstable();
    periods.dedup();
    if periods.len() > 1 {
        let chosen = chosen.clone().unwrap_or_default();
        out.notes.push(Note::new(
            format!("period {chosen:?} shown; periods available: {}", periods.join(", ")),
            format!("显示时期“{chosen}”；可选时期：{}", periods.join("、")),
        ));
    }
    let mut units_seen: Vec<(&str, &str)> = Vec::new();
    for (unit, ind) in
        rows.into_iter().filter(|(_, i)| chosen.as_deref() == Some(i.period.as_str()))
    {
        if out.values.contains_key(&unit) {
            let name = &atlas.regions[unit].name_zh;
            out.notes.push(Note::new(
                format!("{name} has several rows for this period; {} is not used", ind.id),
                format!("{name}在此时期有多行数据；未使用 {}", ind.id),
            ));
            continue;
        }
        match indicator_value(ind) {
            Ok((value, approximate, unit_text)) => {
                let unit_zh =
                    if ind.is_corrected() { &ind.zh.unit_corrected } else { &ind.zh.unit };
                units_seen.push((unit_text, unit_zh.as_str()));
                out.values.insert(
                    unit,
                    AttributeValue {
                        value,
                        approximate,
                        area_km2: None,
                        source: indicator_source(ind),
                    },
                );
            }
            Err(why) => out.no_data.push((unit, why)),
        }
    }
    units_seen.sort_unstable();
    units_seen.dedup();
    out.unit = units_seen.first().map(|u| u.0.to_string()).unwrap_or_default();
    out.unit_zh = units_seen.first().map(|u| u.1.to_string()).unwrap_or_default();
    if units_seen.len() > 1 {
        let en: Vec<&str> = units_seen.iter().map(|u| u.0).collect();
        let zh: Vec<&str> =
            units_seen.iter().map(|u| if u.1.is_empty() { u.0 } else { u.1 }).collect();
        out.notes.push(Note::new(
            format!("the values have different units: {}", en.join(", ")),
            format!("数值单位不一：{}", zh.join("、")),
        ));
    }
    let with_value: Vec<RegionIdx> =
        out.values.keys().copied().chain(out.no_data.iter().map(|n| n.0)).collect();
    out.no_data.extend(units.iter().filter(|u| !with_value.contains(u)).map(|&u| {
        (
            u,
            NoValue::new(
                ("no figure for this period", "此时期无此数据"),
                "no such indicator for this period",
                "此时期没有该指标",
            ),
        )
    }));
}

/// The period most units have; the latest (greatest) on a tie.
fn default_period(rows: &[(RegionIdx, &Indicator)]) -> Option<String> {
    let mut count: BTreeMap<&str, Vec<RegionIdx>> = BTreeMap::new();
    for (unit, ind) in rows {
        let list = count.entry(ind.period.as_str()).or_default();
        if !list.contains(unit) {
            list.push(*unit);
        }
    }
    count
        .into_iter()
        .max_by_key(|(period, units)| (units.len(), *period))
        .map(|(p, _)| p.to_string())
}

/// The corrected reading where there is one, else the stated value; with its unit.
fn indicator_value(ind: &Indicator) -> Result<(f64, bool, &str), NoValue> {
    let (text, unit) = if ind.is_corrected() {
        (&ind.value_corrected, &ind.unit_corrected)
    } else {
        (&ind.value_as_stated, &ind.unit_as_stated)
    };
    let (which, which_zh) =
        if ind.is_corrected() { ("corrected value", "更正值") } else { ("value", "数值") };
    indicator_number(text).map(|(v, approx)| (v, approx, unit.as_str())).ok_or_else(|| {
        NoValue::new(
            ("not a number", "不是数字"),
            format!("{which} {text:?} of {} is not a number", ind.id),
            format!("{} 的{which_zh}“{text}”不是数字", ind.id),
        )
    })
}

fn indicator_source(ind: &Indicator) -> ValueSource {
    use crate::i18n::Lang;
    ValueSource::Indicator {
        id: ind.id.clone(),
        indicator: ind.indicator.clone(),
        period: ind.period.clone(),
        stated: format!("{} {}", ind.value_as_stated, ind.unit_as_stated).trim().to_string(),
        corrected: ind
            .is_corrected()
            .then(|| format!("{} {}", ind.value_corrected, ind.unit_corrected).trim().to_string()),
        document: ind.document.clone(),
        excerpt: ind.excerpt.clone(),
        indicator_zh: ind.zh.indicator.clone(),
        period_zh: ind.zh.period.clone(),
        stated_zh: ind.stated(Lang::Zh),
        corrected_zh: ind.is_corrected().then(|| ind.corrected(Lang::Zh)),
    }
}

/// The atlas's Chinese name of an indicator (by its English name; empty when none has one).
pub fn indicator_name_zh<'a>(atlas: &'a Atlas, name: &str) -> &'a str {
    atlas
        .indicators
        .iter()
        .find(|i| i.indicator == name && !i.zh.indicator.is_empty())
        .map_or("", |i| i.zh.indicator.as_str())
}

/// The atlas's Chinese of an indicator's period (by the English name and period).
pub fn indicator_period_zh<'a>(atlas: &'a Atlas, name: &str, period: &str) -> &'a str {
    atlas
        .indicators
        .iter()
        .find(|i| i.indicator == name && i.period == period && !i.zh.period.is_empty())
        .map_or("", |i| i.zh.period.as_str())
}

impl Builtin {
    /// The attribute's name in the thematic panel, in `lang`: `Area` / `面积`, an indicator by its
    /// (translated) name.
    pub fn title(&self, atlas: &Atlas, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (self, lang) {
            (Self::Area, _) => lang.pick("Area", "面积").into(),
            (Self::Places { place_kind: None }, _) => lang.pick("Places", "地点数").into(),
            (Self::Places { place_kind: Some(k) }, Lang::En) => {
                format!("Places: {}", k.name(Lang::En))
            }
            (Self::Places { place_kind: Some(k) }, Lang::Zh) => {
                format!("地点数：{}", k.name(Lang::Zh))
            }
            (Self::Excerpts, _) => lang.pick("Source excerpts", "来源摘录数").into(),
            (Self::Indicators, _) => lang.pick("Indicators", "指标数").into(),
            (Self::Indicator { name, .. }, Lang::En) => name.clone(),
            (Self::Indicator { name, .. }, Lang::Zh) => {
                lang.name(name, indicator_name_zh(atlas, name)).to_string()
            }
            (Self::Census { id }, _) => match atlas.census.statistic(id) {
                Some(stat) => {
                    let s = &atlas.census.statistics[stat];
                    lang.name(&s.name_en, &s.name_zh).to_string()
                }
                None => format!("census:{id}"),
            },
        }
    }
}
