//! Thematic maps (issue 9): shading counties or towns by a number — one of the atlas's own
//! figures or a column of the planner's table — with a join report that says exactly which rows
//! did not join and why. Pure logic, no egui: the scene asks a [`Theme`] for each region's fill,
//! the legend rows and the value with its source; the CLI prints the [`JoinReport`].
//!
//! Flow: `table::read_table` → [`join::join_table`] → [`values`] (table column or
//! [`builtin`]) → [`classify`] → [`palette`] → [`legend`]. See `docs/theme.md`.

pub mod area;
pub mod builtin;
pub mod census;
pub mod classify;
pub mod colorbrewer;
pub mod guess;
pub mod homonyms;
pub mod indicator_value;
pub mod jenks;
pub mod join;
pub mod keys;
pub mod legend;
pub mod level;
pub mod matcher;
pub mod note;
pub mod palette;
pub mod provinces;
pub mod reason;
pub mod report_csv;
pub mod settle;
pub mod suggest;
pub mod table_values;
pub mod values;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::{Atlas, RegionIdx};
use crate::table::read_table;

pub use builtin::Builtin;
pub use classify::{Classification, Method};
pub use guess::Overrides;
pub use join::JoinReport;
pub use legend::LegendRow;
pub use level::ThemeLevel;
pub use note::Note;
pub use palette::{Rgb, Scheme, NO_DATA};
pub use values::{AttributeValue, AttributeValues, ValueSource};

/// Where a theme's numbers come from (persisted with the settings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum AttributeSpec {
    Builtin {
        level: ThemeLevel,
        builtin: Builtin,
    },
    Table {
        path: PathBuf,
        sheet: Option<String>,
        /// The value column (header, letter or 1-based number).
        column: String,
        key: Option<String>,
        parent: Option<String>,
        level: Option<ThemeLevel>,
    },
}

/// Everything that defines a theme; small and serialisable so the app can persist it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeSpec {
    pub source: AttributeSpec,
    // Every field but the source defaults when missing: settings and saved views written by
    // an older version keep their theme.
    #[serde(default)]
    pub per_km2: bool,
    #[serde(default = "default_method")]
    pub method: Method,
    #[serde(default = "default_classes")]
    pub classes: usize,
    #[serde(default = "default_palette")]
    pub palette: String,
    /// Reverse the scheme (dark for low values).
    #[serde(default)]
    pub reversed: bool,
    /// Split the classes at this value (a diverging palette centred on, e.g., the province's
    /// own figure): half the classes below it, half above. Missing in settings written before
    /// it existed.
    #[serde(default)]
    pub centre: Option<f64>,
}

fn default_method() -> Method {
    Method::Quantile
}

fn default_classes() -> usize {
    5
}

fn default_palette() -> String {
    palette::DEFAULT_SCHEME.into()
}

impl ThemeSpec {
    /// Quantile, 5 classes, the default colour-blind-safe scheme.
    pub fn new(source: AttributeSpec) -> Self {
        Self {
            source,
            per_km2: false,
            method: Method::Quantile,
            classes: 5,
            palette: palette::DEFAULT_SCHEME.into(),
            reversed: false,
            centre: None,
        }
    }
}

/// How one region is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionFill {
    Class {
        index: usize,
        colour: Rgb,
    },
    /// A unit of the theme's level without a value: [`NO_DATA`] fill and hatch.
    NoData,
}

/// A built theme: values, join report (table themes), classification, colours and legend.
pub struct Theme {
    pub spec: ThemeSpec,
    pub values: AttributeValues,
    pub join: Option<JoinReport>,
    pub classification: Classification,
    pub scheme: &'static Scheme,
    /// One colour per class, low first.
    pub colours: Vec<Rgb>,
    pub legend: Vec<LegendRow>,
    fills: HashMap<RegionIdx, RegionFill>,
}

impl Theme {
    /// Builds a theme (reading and joining the table for table themes). Errors are one line.
    pub fn build(atlas: &Atlas, spec: ThemeSpec) -> Result<Theme, String> {
        let (values, join) = match &spec.source {
            AttributeSpec::Builtin { level, builtin } => {
                (builtin::builtin_values(atlas, *level, builtin), None)
            }
            AttributeSpec::Table { path, sheet, column, key, parent, level } => {
                let table = read_table(path, sheet.as_deref()).map_err(|e| e.to_string())?;
                let overrides =
                    Overrides { key: key.clone(), parent: parent.clone(), level: *level };
                let report = join::join_table(atlas, &table, &overrides)?;
                let values = table_values::table_values(
                    &table,
                    &report,
                    column,
                    level::theme_units(atlas, report.level),
                )?;
                (values, Some(report))
            }
        };
        let values = if spec.per_km2 { values.per_km2(atlas) } else { values };
        Self::from_values(spec, values, join)
    }

    /// Classifies and colours values already computed (e.g. after a change of method only).
    pub fn from_values(
        spec: ThemeSpec,
        values: AttributeValues,
        join: Option<JoinReport>,
    ) -> Result<Theme, String> {
        let scheme = palette::scheme(&spec.palette).ok_or_else(|| {
            let names: Vec<&str> = palette::schemes().iter().map(|s| s.name).collect();
            format!("unknown palette {:?}; palettes: {}", spec.palette, names.join(", "))
        })?;
        let classification = match spec.centre {
            Some(centre) => classify::classify_centred(
                &values.numbers(),
                &spec.method,
                spec.classes,
                values.no_data.len(),
                centre,
            )?,
            None => classify::classify(
                &values.numbers(),
                &spec.method,
                spec.classes,
                values.no_data.len(),
            )?,
        };
        let mut colours = scheme.colours_for(classification.classes());
        if spec.reversed {
            colours.reverse();
        }
        let printed = legend::printed_extremes(&classification, values.values.values());
        let legend = legend::legend_rows(&classification, &colours, "No data", &printed);
        let mut fills: HashMap<RegionIdx, RegionFill> =
            values.no_data.iter().map(|(r, _)| (*r, RegionFill::NoData)).collect();
        for (&region, v) in &values.values {
            if let Some(index) = classification.class_of(v.value) {
                fills.insert(region, RegionFill::Class { index, colour: colours[index] });
            }
        }
        Ok(Theme { spec, values, join, classification, scheme, colours, legend, fills })
    }

    /// The fill of a region: `None` when the region is not a unit of the theme's level (draw it
    /// as usual).
    pub fn fill(&self, region: RegionIdx) -> Option<RegionFill> {
        self.fills.get(&region).copied()
    }

    /// The attribute's name in `lang` (the atlas's translation of a built-in one; a table's
    /// column header as it is).
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        lang.name(&self.values.label, &self.values.label_zh)
    }

    /// The values' unit in `lang`.
    pub fn unit(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh if !self.values.unit_zh.is_empty() => &self.values.unit_zh,
            _ => &self.values.unit,
        }
    }

    /// The legend's title in `lang`: the attribute with its period (indicators), unit and
    /// "per km²", and "approximate" when a value rests on an approximate boundary or a qualified
    /// figure — the reader of a printed figure has nothing else to go on.
    pub fn legend_title(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let v = &self.values;
        let period = v.values.values().find_map(|a| match &a.source {
            ValueSource::Indicator { period, period_zh, .. } if !period.is_empty() => {
                Some(lang.name(period, period_zh))
            }
            ValueSource::Census { .. } => Some(lang.pick("2020 census", "2020年普查")),
            _ => None,
        });
        let mut title = self.label(lang).to_string();
        let mut unit = self.unit(lang);
        // The label's suffix and the unit of a count, per km².
        let (label_suffix, unit_alone) =
            lang.pick2((" per km²", "per km²"), ("（每平方千米）", "每平方千米"));
        // "GDP per km²" with unit "亿元 per km²" reads "GDP (亿元 per km²)"; unit "per km²" alone
        // is already in the label.
        if self.spec.per_km2 && unit != unit_alone {
            if let Some(base) = title.strip_suffix(label_suffix) {
                title = base.to_string();
            }
        } else if unit == unit_alone {
            unit = "";
        }
        let (open, close, comma) = match lang {
            Lang::En => (" (", ")", ", "),
            Lang::Zh => ("（", "）", "，"),
        };
        if let Some(period) = period {
            title = format!("{title}{comma}{period}");
        }
        if !unit.is_empty() {
            title = format!("{title}{open}{unit}{close}");
        }
        if v.values.values().any(|a| a.approximate) {
            title.push_str(lang.pick(", some values approximate", "，部分为近似值"));
        }
        title
    }

    /// Whether the theme shows 2020-census figures (its figure then credits the census).
    pub fn shows_census(&self) -> bool {
        matches!(&self.spec.source, AttributeSpec::Builtin { builtin: Builtin::Census { .. }, .. })
    }

    /// The value of a region with its source (hover and details panel).
    pub fn value(&self, region: RegionIdx) -> Option<&AttributeValue> {
        self.values.values.get(&region)
    }

    /// Why a unit has no value (`empty cell at line 7`, `no row in the table`, a census unit
    /// redrawn since 2010, …), in both languages.
    pub fn no_data_reason(&self, region: RegionIdx) -> Option<&crate::model::census::NoValue> {
        self.values.no_data.iter().find(|(r, _)| *r == region).map(|(_, why)| why)
    }
}
