//! The 2020 census as the atlas's own statistics (issue 18): the catalogue of statistics, the
//! verbatim yearbook tables they are computed from, and for every unit (province, 21 cities,
//! 122 counties) each statistic's value with the cells it came from — or the reason it has none.
//!
//! Values are computed once when the atlas loads (a few thousand sums; the areas for densities
//! come from [`super::area`]), so a frame or a click only looks them up.

pub mod catalogue;
pub mod checks;
pub mod compare2010;
pub mod crosscheck;
pub mod formula;
pub mod tables;
pub mod words;

use std::collections::HashMap;

use super::types::{Level, RegionIdx};

pub use catalogue::{format_number, Centre, MapDefaults, Statistic};
pub use formula::{ColumnRef, Formula, TableId};
pub use tables::{RawTable, Tables};

/// The credit line every figure or export showing a census value carries.
pub const CREDIT_EN: &str = "2020 census: NBS county yearbook via leiii/census (MIT)";
pub const CREDIT_ZH: &str = "2020年人口普查：国家统计局分县资料，经 leiii/census 整理（MIT）";

/// A cell a value was read from: file, line and column, and the text as stated there.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CitedCell {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub stated: String,
}

/// A statistic's value for one unit, with its provenance.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CensusValue {
    pub value: f64,
    /// The formula alternative that gave the value, as the catalogue writes it.
    pub formula: String,
    /// Numerator cells first, then denominator cells.
    pub cells: Vec<CitedCell>,
    /// The area divided by (densities only): km², computed from the atlas's boundaries.
    pub area_km2: Option<f64>,
    /// Why the unit may be compared across censuses (changes read from 2010 county rows).
    pub note: Option<Comparable>,
}

/// Why a unit's 2010 row may be compared with its 2020 row, in both languages: made where the
/// evidence is read (`compare2010`), so the details panel's hover and the Compare window's show
/// it in the window's language without translating an English sentence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Comparable {
    pub en: String,
    pub zh: String,
}

impl Comparable {
    /// The reason in the language.
    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// Why a unit has no value of a statistic, in both languages: a short phrase shown in words
/// beside "no data" / 无数据, and the full sentence (codes, files, lines) for hover and exports.
/// Made once where the reason is found, so no reader has to translate an English sentence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct NoValue {
    pub short_en: String,
    pub short_zh: String,
    pub en: String,
    pub zh: String,
}

impl NoValue {
    /// A reason from its short phrases and full sentences, English first.
    pub fn new(
        short: (&str, &str),
        full_en: impl Into<String>,
        full_zh: impl Into<String>,
    ) -> NoValue {
        NoValue {
            short_en: short.0.to_string(),
            short_zh: short.1.to_string(),
            en: full_en.into(),
            zh: full_zh.into(),
        }
    }

    /// The short phrase in the language ("boundaries redrawn since 2010" / "2010年后区划调整").
    pub fn short(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.short_en, &self.short_zh)
    }

    /// The full sentence in the language.
    pub fn full(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// A unit's position among its peers: 1 is the largest value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rank {
    pub rank: usize,
    pub of: usize,
}

/// Who a unit is ranked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Peers {
    Province,
    Cities,
    Counties,
}

impl Peers {
    pub fn of(level: Level) -> Option<Peers> {
        match level {
            Level::Province => Some(Peers::Province),
            Level::City => Some(Peers::Cities),
            Level::County => Some(Peers::Counties),
            Level::Town => None,
        }
    }
}

/// One unit of the 2020 table that is a region of the atlas.
#[derive(Clone, Debug)]
pub struct Unit {
    pub region: RegionIdx,
    pub code: String,
    pub peers: Peers,
}

/// The atlas regions the census is joined to: code → (region, level).
pub type RegionLookup<'a> = &'a dyn Fn(&str) -> Option<(RegionIdx, Level)>;

#[derive(Clone, Debug, Default)]
pub struct Census {
    pub statistics: Vec<Statistic>,
    pub tables: Tables,
    pub catalogue_path: String,
    pub units: Vec<Unit>,
    unit_of_region: HashMap<RegionIdx, usize>,
    /// `[statistic][unit]`: the value, or why there is none (one line).
    values: Vec<Vec<Result<CensusValue, NoValue>>>,
    ranks: Vec<Vec<Option<Rank>>>,
    /// Document claims with what the census says (`cross_checks.csv`).
    pub cross_checks: Vec<crosscheck::CrossCheck>,
    /// Caveats about single units (`unit_notes.csv`): code → (English, Chinese).
    pub unit_notes: HashMap<String, (String, String)>,
}

impl Census {
    /// Joins the tables to the atlas's regions and computes every value. A 2020 row whose code
    /// is not a region is an error naming its line: a figure must never float free of its unit.
    pub fn build(
        statistics: Vec<Statistic>,
        catalogue_path: String,
        tables: Tables,
        regions: RegionLookup,
        area_km2: &dyn Fn(RegionIdx) -> Option<f64>,
    ) -> Result<Census, super::LoadError> {
        let mut units = Vec::new();
        for row in 0..tables.c2020.rows.len() {
            let code = tables.c2020.code(row);
            let (region, level) = regions(code).ok_or_else(|| {
                super::LoadError::line(
                    &tables.c2020.path,
                    tables.c2020.lines[row],
                    format!("code {code} is not a region of regions.csv"),
                )
            })?;
            let peers = Peers::of(level).ok_or_else(|| {
                super::LoadError::line(
                    &tables.c2020.path,
                    tables.c2020.lines[row],
                    format!("code {code} is a town: the yearbook has no town rows"),
                )
            })?;
            units.push(Unit { region, code: code.to_string(), peers });
        }
        let comparable = compare2010::comparability(&tables, &units);
        let areas: Vec<Option<f64>> = units.iter().map(|u| area_km2(u.region)).collect();
        let values: Vec<Vec<Result<CensusValue, NoValue>>> = statistics
            .iter()
            .map(|s| {
                units
                    .iter()
                    .enumerate()
                    .map(|(i, u)| evaluate(s, &tables, u, areas[i], &comparable[i]))
                    .collect()
            })
            .collect();
        let ranks = values.iter().map(|per_unit| rank_all(&units, per_unit)).collect();
        let unit_of_region = units.iter().enumerate().map(|(i, u)| (u.region, i)).collect();
        Ok(Census {
            statistics,
            tables,
            catalogue_path,
            units,
            unit_of_region,
            values,
            ranks,
            cross_checks: Vec::new(),
            unit_notes: HashMap::new(),
        })
    }

    /// The caveat about a unit's figures, if any: (English, Chinese).
    pub fn unit_note(&self, code: &str) -> Option<&(String, String)> {
        self.unit_notes.get(code)
    }

    /// Reads `unit_notes.csv` (`code,note_en,note_zh`); a code that is not a census unit is an
    /// error naming its line.
    pub fn set_unit_notes(&mut self, text: &str, path: &str) -> Result<(), super::LoadError> {
        #[derive(serde::Deserialize)]
        struct Row {
            code: String,
            note_en: String,
            note_zh: String,
        }
        let rows: Vec<(u64, Row)> =
            super::rows::parse_csv(text, path, &["code", "note_en", "note_zh"])?;
        for (line, row) in rows {
            if !self.units.iter().any(|u| u.code == row.code) {
                return Err(super::LoadError::line(
                    path,
                    line,
                    format!("code {} is not a unit of the census tables", row.code),
                ));
            }
            self.unit_notes.insert(row.code, (row.note_en, row.note_zh));
        }
        Ok(())
    }

    /// The cross-checks about a region.
    pub fn cross_checks_for(&self, code: &str) -> Vec<&crosscheck::CrossCheck> {
        self.cross_checks.iter().filter(|c| c.subject == code).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.statistics.is_empty()
    }

    pub fn statistic(&self, id: &str) -> Option<usize> {
        self.statistics.iter().position(|s| s.id == id)
    }

    /// Whether the region is a census unit.
    pub fn has_unit(&self, region: RegionIdx) -> bool {
        self.unit_of_region.contains_key(&region)
    }

    /// The value of statistic `stat` for a region: `None` when the region is no census unit,
    /// `Some(Err(reason))` when the unit has no value.
    pub fn value(&self, stat: usize, region: RegionIdx) -> Option<&Result<CensusValue, NoValue>> {
        let unit = *self.unit_of_region.get(&region)?;
        self.values.get(stat)?.get(unit)
    }

    pub fn rank(&self, stat: usize, region: RegionIdx) -> Option<Rank> {
        let unit = *self.unit_of_region.get(&region)?;
        *self.ranks.get(stat)?.get(unit)?
    }

    /// The province's value (the bar every unit is compared with).
    pub fn province_value(&self, stat: usize) -> Option<f64> {
        let unit = self.units.iter().position(|u| u.peers == Peers::Province)?;
        self.values.get(stat)?.get(unit)?.as_ref().ok().map(|v| v.value)
    }

    /// The values of a statistic over a set of peers, with their regions.
    pub fn peer_values(&self, stat: usize, peers: Peers) -> Vec<(RegionIdx, f64)> {
        let Some(per_unit) = self.values.get(stat) else { return Vec::new() };
        self.units
            .iter()
            .zip(per_unit)
            .filter(|(u, _)| u.peers == peers)
            .filter_map(|(u, v)| v.as_ref().ok().map(|v| (u.region, v.value)))
            .collect()
    }

    /// The statistics of the headline, in their order.
    pub fn headline(&self) -> Vec<usize> {
        let mut list: Vec<usize> =
            (0..self.statistics.len()).filter(|&i| self.statistics[i].headline.is_some()).collect();
        list.sort_by_key(|&i| self.statistics[i].headline);
        list
    }

    /// The groups in catalogue order, each with its statistics.
    pub fn groups(&self) -> Vec<(&Statistic, Vec<usize>)> {
        let mut out: Vec<(&Statistic, Vec<usize>)> = Vec::new();
        for (i, s) in self.statistics.iter().enumerate() {
            match out.iter_mut().find(|(first, _)| first.group == s.group) {
                Some((_, members)) => members.push(i),
                None => out.push((s, vec![i])),
            }
        }
        out
    }
}

/// The first alternative of the formula that applies to the unit, evaluated.
fn evaluate(
    stat: &Statistic,
    tables: &Tables,
    unit: &Unit,
    area: Option<f64>,
    comparable: &Result<Comparable, NoValue>,
) -> Result<CensusValue, NoValue> {
    let mut why_not = Vec::new();
    for alt in &stat.formula.alternatives {
        let tables_read = alt.tables();
        if let Some(missing) =
            tables_read.iter().find(|t| tables.get(**t).row_of(&unit.code).is_none())
        {
            let path = &tables.get(*missing).path;
            why_not.push(NoValue::new(
                ("not in the yearbook table", "年鉴表中无此单位"),
                format!("no row in {path}"),
                format!("{} 中没有此单位的行", crosscheck::path_zh(path)),
            ));
            continue;
        }
        let note = if tables_read.contains(&TableId::C2010) {
            match comparable {
                Ok(reason) => Some(reason.clone()),
                Err(reason) => {
                    why_not.push(reason.clone());
                    continue;
                }
            }
        } else {
            None
        };
        return evaluate_alternative(alt, tables, unit, area).map(|(value, cells)| CensusValue {
            value,
            formula: alt.text.clone(),
            cells,
            area_km2: if alt.kind == formula::Kind::PerKm2 { area } else { None },
            note,
        });
    }
    // The last alternative is the most specific (a county after the cities' file): its reason.
    Err(why_not.pop().unwrap_or_else(|| {
        NoValue::new(
            ("no formula", "无计算公式"),
            "the formula has no alternative",
            "计算公式没有可用的写法",
        )
    }))
}

fn evaluate_alternative(
    alt: &formula::Alternative,
    tables: &Tables,
    unit: &Unit,
    area: Option<f64>,
) -> Result<(f64, Vec<CitedCell>), NoValue> {
    let mut cells = Vec::new();
    let mut sum = |columns: &[ColumnRef]| -> Result<f64, NoValue> {
        let mut total = 0.0;
        for column in columns {
            let cell = tables.cell(&unit.code, column).ok_or_else(|| {
                NoValue::new(
                    ("column missing", "缺少数据列"),
                    format!("no column {column}"),
                    format!("没有数据列 {column}"),
                )
            })?;
            let cited = CitedCell {
                file: cell.path.to_string(),
                line: cell.line,
                column: cell.header.to_string(),
                stated: cell.stated.to_string(),
            };
            let number = tables::number(cell.stated).map_err(|e| {
                NoValue::new(
                    ("unreadable cell", "单元格无法读取"),
                    format!("{}:{} column {:?}: {e}", cell.path, cell.line, cell.header),
                    format!("{}:{} 列 {:?}：{e}", cell.path, cell.line, cell.header),
                )
            })?;
            let Some(number) = number else {
                return Err(NoValue::new(
                    ("not given in the yearbook", "年鉴未列此数"),
                    format!(
                        "not given in the yearbook ({:?} is NA at {}:{})",
                        cell.header, cell.path, cell.line
                    ),
                    format!(
                        "年鉴未列此数（{}:{} 的 {:?} 为 NA）",
                        cell.path, cell.line, cell.header
                    ),
                ));
            };
            cells.push(cited);
            total += number;
        }
        Ok(total)
    };
    let numerator = sum(&alt.numerator)?;
    let denominator = sum(&alt.denominator)?;
    if alt.kind == formula::Kind::PerKm2 && area.is_none() {
        return Err(NoValue::new(
            ("no boundary for an area", "无边界可算面积"),
            "the unit has no boundary to compute an area from",
            "该单位没有可计算面积的边界",
        ));
    }
    let value = alt.apply(numerator, denominator, area).ok_or_else(|| {
        NoValue::new(("divides by zero", "分母为零"), "the denominator is zero", "分母为零")
    })?;
    Ok((value, cells))
}

/// Ranks (1 = largest) of every unit among its peers; ties share the better rank.
fn rank_all(units: &[Unit], values: &[Result<CensusValue, NoValue>]) -> Vec<Option<Rank>> {
    let mut by_peers: HashMap<Peers, Vec<f64>> = HashMap::new();
    for (u, v) in units.iter().zip(values) {
        if let Ok(v) = v {
            by_peers.entry(u.peers).or_default().push(v.value);
        }
    }
    units
        .iter()
        .zip(values)
        .map(|(u, v)| {
            let v = v.as_ref().ok()?;
            let peers = by_peers.get(&u.peers)?;
            if u.peers == Peers::Province {
                return None;
            }
            Some(Rank { rank: 1 + peers.iter().filter(|p| **p > v.value).count(), of: peers.len() })
        })
        .collect()
}
