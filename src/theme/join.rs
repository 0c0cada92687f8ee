//! Joining a table to the regions of a level, with a report of everything that did or did not
//! join: matched rows (row → region, and by which rule), unmatched rows (with the nearest names,
//! never used), ambiguous rows (with the candidates and their parents), duplicate rows for one
//! region (the first row is used, the others listed), and the regions left without a row.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Atlas, GeometryKind, RegionIdx};
use crate::table::Table;

use super::guess::{choose_key, choose_parent, KeyChoice, Overrides};
use super::level::ThemeLevel;
use super::matcher::{MatchRule, Outcome, RegionMatcher, Resolution, Unmatched};

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
}

#[derive(Clone, Debug, Serialize)]
pub struct UnmatchedRow {
    pub line: u64,
    pub key: String,
    pub parent: Option<String>,
    pub reason: String,
    /// Nearest names: shown to the user, never used as a match.
    pub suggestions: Vec<RegionRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AmbiguousRow {
    pub line: u64,
    pub key: String,
    pub parent: Option<String>,
    pub candidates: Vec<RegionRef>,
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DuplicateGroup {
    pub region: RegionRef,
    /// The row whose values are used (the first).
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
    pub level_reason: String,
    pub key_column: String,
    pub key_reason: String,
    pub parent_column: Option<String>,
    pub parent_reason: Option<String>,
    pub matched: Vec<MatchedRow>,
    pub unmatched: Vec<UnmatchedRow>,
    pub ambiguous: Vec<AmbiguousRow>,
    pub duplicates: Vec<DuplicateGroup>,
    /// Units of the level that no row joined.
    pub without_data: Vec<RegionRef>,
    /// Region → index into `Table::rows` of the row that gives its values.
    #[serde(skip)]
    pub row_of_region: HashMap<RegionIdx, usize>,
}

impl JoinReport {
    /// Rows beyond the first for a region.
    pub fn duplicate_rows(&self) -> usize {
        self.duplicates.iter().map(|d| d.ignored_lines.len()).sum()
    }

    /// `121 rows: 118 matched (2 duplicates), 2 unmatched, 1 ambiguous; 6 counties without data`.
    pub fn summary(&self) -> String {
        format!(
            "{} rows: {} matched ({} duplicate), {} unmatched, {} ambiguous; {} {} without data",
            self.rows,
            self.matched.len(),
            self.duplicate_rows(),
            self.unmatched.len(),
            self.ambiguous.len(),
            self.without_data.len(),
            self.level.plural()
        )
    }
}

/// Joins a table to the regions: guesses what `overrides` leaves open, then resolves every row.
pub fn join_table(atlas: &Atlas, table: &Table, overrides: &Overrides) -> Result<JoinReport, String> {
    let levels: Vec<ThemeLevel> = overrides.level.map_or_else(|| ThemeLevel::ALL.to_vec(), |l| vec![l]);
    let matchers: Vec<RegionMatcher> = levels.iter().map(|&l| RegionMatcher::new(atlas, l)).collect();
    let refs: Vec<&RegionMatcher> = matchers.iter().collect();
    let (key, level, level_reason) = choose_key(table, &refs, overrides)?;
    let matcher = matchers.into_iter().find(|m| m.level() == level).ok_or("no matcher for the level")?;
    let parent = choose_parent(table, key.column, &matcher, overrides)?;
    let choice = KeyChoice { key, level, level_reason, parent };
    Ok(join_with(&matcher, table, &choice))
}

/// Resolves every row with the columns already chosen.
pub fn join_with(matcher: &RegionMatcher, table: &Table, choice: &KeyChoice) -> JoinReport {
    let atlas = matcher.atlas();
    let mut report = JoinReport {
        table: table.path.clone(),
        format: table.format.describe(),
        rows: table.rows.len(),
        table_notes: table.notes.clone(),
        level: choice.level,
        level_reason: choice.level_reason.clone(),
        key_column: table.columns[choice.key.column].clone(),
        key_reason: choice.key.reason.clone(),
        parent_column: choice.parent.as_ref().map(|p| table.columns[p.column].clone()),
        parent_reason: choice.parent.as_ref().map(|p| p.reason.clone()),
        matched: Vec::new(),
        unmatched: Vec::new(),
        ambiguous: Vec::new(),
        duplicates: Vec::new(),
        without_data: Vec::new(),
        row_of_region: HashMap::new(),
    };
    let mut memo: HashMap<(String, Option<String>), Outcome> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        let key = row.cell(choice.key.column).trim().to_string();
        let parent = choice.parent.as_ref().map(|p| row.cell(p.column).trim().to_string()).filter(|p| !p.is_empty());
        let outcome = memo.entry((key.clone(), parent.clone())).or_insert_with(|| matcher.lookup(&key, parent.as_deref())).clone();
        record(&mut report, matcher, i, row.line, key, parent, outcome);
    }
    collect_duplicates(&mut report, atlas);
    report.without_data = matcher
        .units()
        .iter()
        .filter(|idx| !report.row_of_region.contains_key(idx))
        .map(|&idx| RegionRef::new(atlas, idx))
        .collect();
    report
}

fn record(report: &mut JoinReport, matcher: &RegionMatcher, row: usize, line: u64, key: String, parent: Option<String>, outcome: Outcome) {
    let atlas = matcher.atlas();
    let refs = |list: &[RegionIdx]| list.iter().map(|&r| RegionRef::new(atlas, r)).collect::<Vec<_>>();
    match outcome {
        Outcome::Matched { region, rule, how } => {
            report.row_of_region.entry(region).or_insert(row);
            let resolved = match how {
                Resolution::Unique => "unique",
                Resolution::ByParent => "by parent",
                Resolution::BySpelling => "by spelling",
            };
            report.matched.push(MatchedRow { row, line, key, parent, region: RegionRef::new(atlas, region), rule: rule.describe().into(), resolved });
        }
        Outcome::Ambiguous { candidates, rule, parent_matched_none } => {
            let note = match (&parent, parent_matched_none) {
                (Some(p), true) => format!("{} regions have this {}; parent {p:?} is none of theirs", candidates.len(), rule_noun(rule)),
                (Some(p), false) => format!("{} regions have this {} in {p:?}", candidates.len(), rule_noun(rule)),
                (None, _) => format!("{} regions have this {}: add a parent column (county or city) to choose", candidates.len(), rule_noun(rule)),
            };
            report.ambiguous.push(AmbiguousRow { line, key, parent, candidates: refs(&candidates), note });
        }
        Outcome::Unmatched(why) => {
            let (reason, suggestions) = unmatched_reason(matcher, &key, parent.as_deref(), &why);
            report.unmatched.push(UnmatchedRow { line, key, parent, reason, suggestions: refs(&suggestions) });
        }
    }
}

fn rule_noun(rule: MatchRule) -> &'static str {
    match rule {
        MatchRule::FullName => "full name",
        MatchRule::ShortName => "short name",
        _ => "name",
    }
}

fn unmatched_reason(matcher: &RegionMatcher, key: &str, parent: Option<&str>, why: &Unmatched) -> (String, Vec<RegionIdx>) {
    let atlas = matcher.atlas();
    let level = matcher.level().as_str();
    match why {
        Unmatched::EmptyKey => ("empty key cell".into(), Vec::new()),
        Unmatched::UnknownCode { code } => (format!("no {level} has code {code}"), matcher.suggestions(key, parent)),
        Unmatched::OtherLevel { region } => {
            let r = &atlas.regions[*region];
            (format!("{} is the code of {} {}, a {}, not a {level}", r.code, r.name_zh, r.name_en, r.level.as_str()), Vec::new())
        }
        Unmatched::UnknownName => (format!("no {level} has this name"), matcher.suggestions(key, parent)),
        Unmatched::ParentMismatch { candidates } => {
            (format!("the {level} of this name is not in {:?}", parent.unwrap_or_default()), candidates.clone())
        }
    }
}

fn collect_duplicates(report: &mut JoinReport, atlas: &Atlas) {
    let mut lines_of: HashMap<RegionIdx, Vec<u64>> = HashMap::new();
    for m in &report.matched {
        lines_of.entry(m.region.idx).or_default().push(m.line);
    }
    let mut groups: Vec<DuplicateGroup> = lines_of
        .into_iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(idx, lines)| DuplicateGroup { region: RegionRef::new(atlas, idx), used_line: lines[0], ignored_lines: lines[1..].to_vec() })
        .collect();
    groups.sort_by_key(|g| g.used_line);
    report.duplicates = groups;
}
