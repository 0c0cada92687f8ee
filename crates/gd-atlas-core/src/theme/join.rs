//! Joining a table to the regions of a level, with a report of everything that did or did not
//! join: matched rows (row → region, by which rule, and what confirmed it), rows outside
//! Guangdong (a national table's other provinces: counted, never matched), rows of another level
//! (a prefecture row in a county table), unmatched rows (with the nearest names, never used),
//! ambiguous rows (homonyms: with the candidates, their parents and the row's values), duplicate
//! rows for one region, and the regions left without a row.
//!
//! Homonyms are never resolved by row order (`settle`): rows that could be one unit but differ
//! in their values are ambiguous unless a code, parent or province cell confirms them.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Atlas, GeometryKind, RegionIdx};
use crate::table::Table;

use super::guess::{choose_key, choose_parent, choose_province, count, KeyChoice, Overrides};
use super::homonyms;
use super::level::ThemeLevel;
use super::matcher::{MatchRule, Outcome, RegionMatcher, Resolution, Unmatched};
use super::provinces::{names_guangdong, outside_guangdong, Elsewhere};
use super::reason::{AmbiguousNote, GuessReason, NameKind, NamedRegion, RowReason, ScopeNote};
use super::settle::{self, Tally};

/// A region as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionRef {
    #[serde(skip)]
    pub idx: RegionIdx,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// The parent's Chinese name (county for a town, city for a county).
    pub parent_zh: String,
    pub has_shape: bool,
    pub approximate: bool,
}

impl RegionRef {
    pub fn new(atlas: &Atlas, idx: RegionIdx) -> Self {
        let r = &atlas.regions[idx];
        let parent_zh = r.parent.map(|p| atlas.regions[p].name_zh.clone()).unwrap_or_default();
        Self {
            idx,
            code: r.code.clone(),
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
            parent_zh,
            has_shape: r.shape.is_some(),
            approximate: r.geometry == GeometryKind::Approximate,
        }
    }

    /// `高要区 441204 (肇庆市)`.
    pub fn label(&self) -> String {
        if self.parent_zh.is_empty() {
            format!("{} {}", self.name_zh, self.code)
        } else {
            format!("{} {} ({})", self.name_zh, self.code, self.parent_zh)
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct MatchedRow {
    /// Index into `Table::rows`.
    #[serde(skip)]
    pub row: usize,
    pub line: u64,
    pub key: String,
    pub parent: Option<String>,
    pub region: RegionRef,
    pub rule: String,
    /// `unique`, `by parent` or `by spelling`.
    pub resolved: &'static str,
    /// What says the row is this Guangdong unit and not a homonym elsewhere: `code`, `parent`
    /// (the parent cell names its parent), `province` (the province cell says Guangdong), or
    /// nothing (a name alone).
    pub confirmed_by: Option<&'static str>,
}

/// A row of another province: counted, never matched.
#[derive(Clone, Debug, Serialize)]
pub struct OutsideRow {
    pub line: u64,
    pub key: String,
    /// The province it is counted under (`山西省`, or the cell's own text such as `全国`).
    pub province: String,
    pub reason: String,
}

/// A row naming a region of another level (a prefecture row in a county table).
#[derive(Clone, Debug, Serialize)]
pub struct OtherLevelRow {
    pub line: u64,
    pub key: String,
    pub regions: Vec<RegionRef>,
    /// `province`, `city`, `county` or `town`.
    pub level: String,
    pub reason: RowReason,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnmatchedRow {
    pub line: u64,
    pub key: String,
    pub parent: Option<String>,
    pub reason: RowReason,
    /// Nearest names: shown to the user, never used as a match.
    pub suggestions: Vec<RegionRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AmbiguousRow {
    pub line: u64,
    pub key: String,
    pub parent: Option<String>,
    pub candidates: Vec<RegionRef>,
    /// Units outside Guangdong of the same name (`南山区 230404 (黑龙江省鹤岗市)`).
    pub elsewhere: Vec<String>,
    /// The row's other cells (`人口数_合计 119662`), so that the planner sees what differs.
    pub values: String,
    pub note: AmbiguousNote,
}

#[derive(Clone, Debug, Serialize)]
pub struct DuplicateGroup {
    pub region: RegionRef,
    /// The row whose values are used (the first confirmed one).
    pub used_line: u64,
    /// The other rows for the same region (ignored).
    pub ignored_lines: Vec<u64>,
}

/// The outcome of a join, for the CLI, the report CSV and the theme.
#[derive(Clone, Debug, Serialize)]
pub struct JoinReport {
    pub table: String,
    pub format: String,
    pub rows: usize,
    pub table_notes: Vec<String>,
    pub level: ThemeLevel,
    pub level_reason: GuessReason,
    pub key_column: String,
    pub key_reason: GuessReason,
    pub parent_column: Option<String>,
    pub parent_reason: Option<GuessReason>,
    pub province_column: Option<String>,
    pub province_reason: Option<GuessReason>,
    /// Set when the table reaches beyond Guangdong (rows of other provinces, or mostly names
    /// the atlas does not know): names shared with units elsewhere then need confirming.
    pub scope_note: Option<ScopeNote>,
    pub matched: Vec<MatchedRow>,
    pub outside: Vec<OutsideRow>,
    pub other_level: Vec<OtherLevelRow>,
    pub unmatched: Vec<UnmatchedRow>,
    pub ambiguous: Vec<AmbiguousRow>,
    pub duplicates: Vec<DuplicateGroup>,
    /// Units of the level that no row joined.
    pub without_data: Vec<RegionRef>,
    /// Region → index into `Table::rows` of the row that gives its values.
    #[serde(skip)]
    pub row_of_region: HashMap<RegionIdx, usize>,
    /// Regions left without a row because their rows were ambiguous → those rows' lines.
    #[serde(skip)]
    pub ambiguous_regions: HashMap<RegionIdx, Vec<u64>>,
}

impl JoinReport {
    /// Rows beyond the first for a region.
    pub fn duplicate_rows(&self) -> usize {
        self.duplicates.iter().map(|d| d.ignored_lines.len()).sum()
    }

    /// What a planner must know first, e.g. `3,358 rows: 124 matched (0 duplicate), 3,214
    /// outside Guangdong, 20 at another level (1 province, 19 cities), 0 unmatched, 0 ambiguous;
    /// 0 counties without data`. Categories that are empty and rare (outside, another level) are
    /// left out.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} matched ({} duplicate)",
            count(self.matched.len()),
            count(self.duplicate_rows())
        )];
        if !self.outside.is_empty() {
            parts.push(format!("{} outside Guangdong", count(self.outside.len())));
        }
        if !self.other_level.is_empty() {
            parts.push(format!(
                "{} at another level ({})",
                count(self.other_level.len()),
                self.other_level_breakdown()
            ));
        }
        parts.push(format!("{} unmatched", count(self.unmatched.len())));
        parts.push(format!("{} ambiguous", count(self.ambiguous.len())));
        format!(
            "{} rows: {}; {} {} without data",
            count(self.rows),
            parts.join(", "),
            count(self.without_data.len()),
            self.level.plural()
        )
    }

    /// [`JoinReport::summary`] in the window's language (the CLI and the CSV keep English).
    pub fn summary_in(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.summary();
        }
        let mut parts = vec![format!(
            "匹配 {} 行（重复 {} 行）",
            count(self.matched.len()),
            count(self.duplicate_rows())
        )];
        if !self.outside.is_empty() {
            parts.push(format!("广东省以外 {} 行", count(self.outside.len())));
        }
        if !self.other_level.is_empty() {
            parts.push(format!(
                "其他层级 {} 行（{}）",
                count(self.other_level.len()),
                self.other_level_breakdown_in(lang)
            ));
        }
        parts.push(format!("未匹配 {} 行", count(self.unmatched.len())));
        parts.push(format!("有歧义 {} 行", count(self.ambiguous.len())));
        format!(
            "共 {} 行：{}；{} {}无数据",
            count(self.rows),
            parts.join("，"),
            count(self.without_data.len()),
            self.level.plural_in(lang)
        )
    }

    /// [`JoinReport::other_level_breakdown`] in the window's language: `1 个省级、19 个地级市`.
    pub fn other_level_breakdown_in(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.other_level_breakdown();
        }
        let names = [
            ("province", "个省级单位"),
            ("city", "个地级市"),
            ("county", "个县级单位"),
            ("town", "个镇级单位"),
        ];
        let parts: Vec<String> = names
            .iter()
            .map(|(level, noun)| {
                (self.other_level.iter().filter(|r| r.level == *level).count(), noun)
            })
            .filter(|(n, _)| *n > 0)
            .map(|(n, noun)| format!("{} {noun}", count(n)))
            .collect();
        parts.join("、")
    }

    /// `1 province, 19 cities`: the rows of another level by their level, coarse first.
    pub fn other_level_breakdown(&self) -> String {
        let mut by_level: Vec<(&str, usize)> = Vec::new();
        for level in ["province", "city", "county", "town"] {
            let n = self.other_level.iter().filter(|r| r.level == level).count();
            if n > 0 {
                by_level.push((level, n));
            }
        }
        by_level
            .iter()
            .map(|(level, n)| format!("{} {}", count(*n), level_noun(level, *n)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Rows outside Guangdong per province, in the table's order: `[("山西省", 133), …]`.
    pub fn outside_by_province(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for row in &self.outside {
            match out.iter_mut().find(|(p, _)| *p == row.province) {
                Some((_, n)) => *n += 1,
                None => out.push((row.province.clone(), 1)),
            }
        }
        out
    }
}

fn level_noun(level: &str, n: usize) -> &str {
    match (level, n) {
        (_, 1) => level,
        ("city", _) => "cities",
        ("county", _) => "counties",
        ("province", _) => "provinces",
        _ => "towns",
    }
}

/// Joins a table to the regions: guesses what `overrides` leaves open, then resolves every row.
pub fn join_table(
    atlas: &Atlas,
    table: &Table,
    overrides: &Overrides,
) -> Result<JoinReport, String> {
    let levels: Vec<ThemeLevel> =
        overrides.level.map_or_else(|| ThemeLevel::ALL.to_vec(), |l| vec![l]);
    let matchers: Vec<RegionMatcher> =
        levels.iter().map(|&l| RegionMatcher::new(atlas, l)).collect();
    let refs: Vec<&RegionMatcher> = matchers.iter().collect();
    let (key, level, level_reason) = choose_key(table, &refs, overrides)?;
    let matcher =
        matchers.into_iter().find(|m| m.level() == level).ok_or("no matcher for the level")?;
    let province = choose_province(table, key.column);
    let parent =
        choose_parent(table, key.column, province.as_ref().map(|p| p.column), &matcher, overrides)?;
    let choice = KeyChoice { key, level, level_reason, parent, province };
    Ok(join_with(&matcher, table, &choice))
}

/// One row's cells as the join reads them.
struct RowKey {
    key: String,
    parent: Option<String>,
    province: Option<String>,
    /// The row's value cells, for an ambiguous row (empty otherwise).
    values: String,
}

/// Resolves every row with the columns already chosen.
pub fn join_with(matcher: &RegionMatcher, table: &Table, choice: &KeyChoice) -> JoinReport {
    let atlas = matcher.atlas();
    let mut report = empty_report(table, choice);
    let mut memo: HashMap<(String, Option<String>), Outcome> = HashMap::new();
    let mut tally = Tally::default();
    for (i, row) in table.rows.iter().enumerate() {
        let cell = |c: &Option<super::guess::ColumnChoice>| {
            c.as_ref().map(|c| row.cell(c.column).trim().to_string()).filter(|t| !t.is_empty())
        };
        let mut cells = RowKey {
            key: row.cell(choice.key.column).trim().to_string(),
            parent: cell(&choice.parent),
            province: cell(&choice.province),
            values: String::new(),
        };
        tally.nonempty += usize::from(!cells.key.is_empty());
        if let Some(elsewhere) =
            outside_guangdong(&cells.key, choice.province.as_ref().map(|p| row.cell(p.column)))
        {
            report.outside.push(outside_row(table, choice, row.line, cells.key, &elsewhere));
            continue;
        }
        let outcome = memo
            .entry((cells.key.clone(), cells.parent.clone()))
            .or_insert_with(|| matcher.lookup(&cells.key, cells.parent.as_deref()))
            .clone();
        if let Some(h) = homonym_by_parent(&outcome, &cells) {
            let reason = format!(
                "{} is {}, outside Guangdong (its parent cell says so)",
                cells.key,
                h.label()
            );
            report.outside.push(OutsideRow {
                line: row.line,
                key: cells.key,
                province: h.province.clone(),
                reason,
            });
            continue;
        }
        tally.unknown += usize::from(matches!(
            outcome,
            Outcome::Unmatched(Unmatched::UnknownName | Unmatched::UnknownCode { .. })
        ));
        if matches!(outcome, Outcome::Ambiguous { .. }) {
            cells.values = settle::values_text(table, row, choice);
        }
        record(&mut report, matcher, i, row.line, cells, outcome);
    }
    settle::settle(&mut report, matcher, table, choice, tally);
    report.without_data = matcher
        .units()
        .iter()
        .filter(|idx| !report.row_of_region.contains_key(idx))
        .map(|&idx| RegionRef::new(atlas, idx))
        .collect();
    report
}

fn empty_report(table: &Table, choice: &KeyChoice) -> JoinReport {
    let column = |c: &Option<super::guess::ColumnChoice>| {
        c.as_ref().map(|c| table.columns[c.column].clone())
    };
    JoinReport {
        table: table.path.clone(),
        format: table.format.describe(),
        rows: table.rows.len(),
        table_notes: table.notes.clone(),
        level: choice.level,
        level_reason: choice.level_reason.clone(),
        key_column: table.columns[choice.key.column].clone(),
        key_reason: choice.key.reason.clone(),
        parent_column: column(&choice.parent),
        parent_reason: choice.parent.as_ref().map(|p| p.reason.clone()),
        province_column: column(&choice.province),
        province_reason: choice.province.as_ref().map(|p| p.reason.clone()),
        scope_note: None,
        matched: Vec::new(),
        outside: Vec::new(),
        other_level: Vec::new(),
        unmatched: Vec::new(),
        ambiguous: Vec::new(),
        duplicates: Vec::new(),
        without_data: Vec::new(),
        row_of_region: HashMap::new(),
        ambiguous_regions: HashMap::new(),
    }
}

fn outside_row(
    table: &Table,
    choice: &KeyChoice,
    line: u64,
    key: String,
    elsewhere: &Elsewhere,
) -> OutsideRow {
    let reason = match elsewhere {
        Elsewhere::ProvinceCell { text, .. } => {
            let column =
                choice.province.as_ref().map_or("province", |p| table.columns[p.column].as_str());
            format!("{column} is {text:?}, not Guangdong")
        }
        Elsewhere::Code { code, province } => format!("code {code} is in {}", province.name_zh),
    };
    OutsideRow { line, key, province: elsewhere.province_label(), reason }
}

/// A unit of another province that the row's parent cell names, when the name did not match a
/// Guangdong unit in that parent (山西 阳泉市's 城区, not 汕尾's).
fn homonym_by_parent(outcome: &Outcome, cells: &RowKey) -> Option<&'static homonyms::Homonym> {
    let parent = cells.parent.as_deref()?;
    if matches!(outcome, Outcome::Matched { .. }) {
        return None;
    }
    homonyms::elsewhere(&cells.key).iter().find(|h| h.parent_is(parent))
}

fn record(
    report: &mut JoinReport,
    matcher: &RegionMatcher,
    row: usize,
    line: u64,
    cells: RowKey,
    outcome: Outcome,
) {
    let atlas = matcher.atlas();
    let refs =
        |list: &[RegionIdx]| list.iter().map(|&r| RegionRef::new(atlas, r)).collect::<Vec<_>>();
    let RowKey { key, parent, province, values } = cells;
    match outcome {
        Outcome::Matched { region, rule, how } => {
            let resolved = match how {
                Resolution::Unique => "unique",
                Resolution::ByParent => "by parent",
                Resolution::BySpelling => "by spelling",
            };
            let confirmed_by = match rule {
                MatchRule::Code(_) | MatchRule::AliasCode => Some("code"),
                _ if parent.is_some() => Some("parent"),
                _ if province.as_deref().is_some_and(names_guangdong) => Some("province"),
                _ => None,
            };
            let region = RegionRef::new(atlas, region);
            report.matched.push(MatchedRow {
                row,
                line,
                key,
                parent,
                region,
                rule: rule.describe().into(),
                resolved,
                confirmed_by,
            });
        }
        Outcome::Ambiguous { candidates, rule, parent_matched_none } => {
            let note = AmbiguousNote::SameName {
                candidates: candidates.len(),
                name: rule_noun(rule),
                parent: parent.clone(),
                parent_matched_none,
            };
            let elsewhere =
                homonyms::elsewhere(&key).iter().map(homonyms::Homonym::label).collect();
            report.ambiguous.push(AmbiguousRow {
                line,
                key,
                parent,
                candidates: refs(&candidates),
                elsewhere,
                values,
                note,
            });
        }
        Outcome::Unmatched(Unmatched::OtherLevel { regions }) => {
            let level = atlas.regions[regions[0]].level.as_str().to_string();
            let reason = other_level_reason(matcher, &regions);
            report.other_level.push(OtherLevelRow {
                line,
                key,
                regions: refs(&regions),
                level,
                reason,
            });
        }
        Outcome::Unmatched(why) => {
            let (reason, suggestions) = unmatched_reason(matcher, &key, parent.as_deref(), &why);
            report.unmatched.push(UnmatchedRow {
                line,
                key,
                parent,
                reason,
                suggestions: refs(&suggestions),
            });
        }
    }
}

fn rule_noun(rule: MatchRule) -> NameKind {
    match rule {
        MatchRule::FullName => NameKind::Full,
        MatchRule::ShortName => NameKind::Short,
        _ => NameKind::Any,
    }
}

/// `广州市 440100 (city): not a county`; by name, every region that carries it.
fn other_level_reason(matcher: &RegionMatcher, regions: &[RegionIdx]) -> RowReason {
    let atlas = matcher.atlas();
    let regions = regions
        .iter()
        .map(|&r| NamedRegion {
            name_zh: atlas.regions[r].name_zh.clone(),
            code: atlas.regions[r].code.clone(),
            level: atlas.regions[r].level,
        })
        .collect();
    RowReason::OtherLevel { level: matcher.level(), regions }
}

fn unmatched_reason(
    matcher: &RegionMatcher,
    key: &str,
    parent: Option<&str>,
    why: &Unmatched,
) -> (RowReason, Vec<RegionIdx>) {
    let level = matcher.level();
    match why {
        Unmatched::EmptyKey => (RowReason::EmptyKey, Vec::new()),
        Unmatched::UnknownCode { code } => {
            (RowReason::UnknownCode { level, code: code.clone() }, matcher.suggestions(key, parent))
        }
        Unmatched::OtherLevel { regions } => (other_level_reason(matcher, regions), Vec::new()),
        Unmatched::UnknownName => {
            (RowReason::UnknownName { level }, matcher.suggestions(key, parent))
        }
        Unmatched::ParentMismatch { candidates } => (
            RowReason::ParentMismatch { level, parent: parent.unwrap_or_default().to_string() },
            candidates.clone(),
        ),
    }
}
