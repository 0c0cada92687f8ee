//! A numeric attribute of the units of a level, each value with its provenance, so the details
//! panel can show "value, and the row (or indicator, or computation) it comes from".

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::census::NoValue;
use crate::model::{Atlas, RegionIdx};

use super::area::region_area;
use super::level::ThemeLevel;

/// Where one value comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueSource {
    /// A cell of the user's table.
    TableCell { file: String, sheet: Option<String>, line: u64, column: String, text: String },
    /// A row of `data/indicators.csv` (the corrected reading when there is one).
    /// `*_zh`: the atlas's Chinese translation (empty where there is none).
    Indicator {
        id: String,
        indicator: String,
        period: String,
        stated: String,
        corrected: Option<String>,
        document: String,
        excerpt: String,
        indicator_zh: String,
        period_zh: String,
        stated_zh: String,
        corrected_zh: Option<String>,
    },
    /// Computed from the region's boundary.
    Area { method: &'static str },
    /// A count; `items` are the ids counted (places, excerpts or indicators).
    Count { items: Vec<String> },
    /// A 2020-census statistic: its id, the formula alternative used and the cells read.
    Census {
        id: String,
        formula: String,
        cells: Vec<crate::model::census::CitedCell>,
        area_km2: Option<f64>,
        /// Why the unit may be compared with 2010 (a change since 2010), in both languages.
        note: Option<crate::model::census::Comparable>,
        decimals: u8,
    },
}

/// One region's value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeValue {
    pub value: f64,
    /// The value rests on an approximate boundary or on a qualified figure ("more than 95").
    pub approximate: bool,
    /// Set when the value was divided by the area (per km²): the area used.
    pub area_km2: Option<f64>,
    pub source: ValueSource,
}

/// A value for every unit of a level that has one, and why the others have none.
#[derive(Clone, Debug, Serialize)]
pub struct AttributeValues {
    pub label: String,
    pub unit: String,
    /// `label` and `unit` in the atlas's Chinese (empty: shown as they are, e.g. a table's
    /// column header).
    pub label_zh: String,
    pub unit_zh: String,
    pub level: ThemeLevel,
    pub values: BTreeMap<RegionIdx, AttributeValue>,
    /// Units of the level without a value, with the reason in both languages (`empty cell`,
    /// `not a number: "—"`, a census unit changed since 2010, …): the details panel shows it in
    /// the window's language as the census section does (`census::words::no_data_short`).
    pub no_data: Vec<(RegionIdx, NoValue)>,
    /// One line each: period chosen, mixed units, cells that are not numbers, …
    pub notes: Vec<super::Note>,
}

impl AttributeValues {
    /// The numbers, in region order (what classification needs).
    pub fn numbers(&self) -> Vec<f64> {
        self.values.values().map(|v| v.value).collect()
    }

    /// Divides every value by its region's area: values per km². Regions without a shape lose
    /// their value (noted as no data).
    pub fn per_km2(mut self, atlas: &Atlas) -> Self {
        let mut kept = BTreeMap::new();
        for (region, mut v) in std::mem::take(&mut self.values) {
            match region_area(atlas, region).filter(|a| a.km2 > 0.0) {
                Some(area) => {
                    v.value /= area.km2;
                    v.approximate |= area.approximate;
                    v.area_km2 = Some(area.km2);
                    kept.insert(region, v);
                }
                None => self.no_data.push((
                    region,
                    NoValue::new(
                        ("no area", "无面积"),
                        "no shape, so no area to divide by",
                        "没有边界，无面积可除",
                    ),
                )),
            }
        }
        self.values = kept;
        let unit_zh =
            if self.unit_zh.is_empty() { self.unit.clone() } else { self.unit_zh.clone() };
        self.unit_zh = if unit_zh.is_empty() {
            "每平方千米".into()
        } else {
            format!("{unit_zh}／平方千米")
        };
        if !self.label_zh.is_empty() {
            self.label_zh = format!("{}（每平方千米）", self.label_zh);
        }
        self.label = format!("{} per km²", self.label);
        self.unit = if self.unit.is_empty() {
            "per km²".into()
        } else {
            format!("{} per km²", self.unit)
        };
        self
    }
}
