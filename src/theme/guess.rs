//! Guessing which column holds the region key, which level the table is about, and which column
//! (if any) names each row's parent — from the header and, above all, the contents. Every guess
//! comes with the reason in words, and each can be overridden (`--key`, `--level`, `--parent`).

use std::collections::HashSet;

use crate::table::header::column_letters;
use crate::table::Table;

use super::level::ThemeLevel;
use super::matcher::{Outcome, RegionMatcher, Unmatched};

/// Rows looked at when guessing (the first ones: guessing must not cost a pass per column).
const SAMPLE_ROWS: usize = 1000;
/// Header words that suggest a key column (a tie-break only: contents decide).
const KEY_WORDS: &[&str] = &["代码", "编码", "区划", "名称", "地区", "区域", "县", "区", "镇", "街道", "乡", "code", "name", "region", "county", "district", "town"];

/// A chosen column and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnChoice {
    pub column: usize,
    pub reason: String,
}

/// The key column, the level and the parent column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyChoice {
    pub key: ColumnChoice,
    pub level: ThemeLevel,
    pub level_reason: String,
    pub parent: Option<ColumnChoice>,
}

/// What the user fixed; the rest is guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub key: Option<String>,
    pub parent: Option<String>,
    pub level: Option<ThemeLevel>,
}

#[derive(Clone, Debug, Default)]
struct Hits {
    nonempty: usize,
    by_code: usize,
    by_name: usize,
    /// Different cell texts that matched: a key column names many regions once each, while a
    /// parent column repeats a few (a town table's county column matches counties in every row).
    distinct: HashSet<String>,
}

impl Hits {
    fn total(&self) -> usize {
        self.by_code + self.by_name
    }
}

fn count_hits(table: &Table, column: usize, matcher: &RegionMatcher) -> Hits {
    let mut hits = Hits::default();
    for row in table.rows.iter().take(SAMPLE_ROWS) {
        let cell = row.cell(column).trim();
        if cell.is_empty() {
            continue;
        }
        hits.nonempty += 1;
        if matches!(matcher.lookup(cell, None), Outcome::Unmatched(_)) {
            continue;
        }
        if super::keys::parse_code(cell).is_some() {
            hits.by_code += 1;
        } else {
            hits.by_name += 1;
        }
        if !hits.distinct.contains(cell) {
            hits.distinct.insert(cell.to_string());
        }
    }
    hits
}

fn header_hint(name: &str) -> bool {
    let lower = name.to_lowercase();
    KEY_WORDS.iter().any(|w| lower.contains(w))
}

fn describe_column(table: &Table, column: usize) -> String {
    format!("column {:?} ({})", table.columns[column], column_letters(column))
}

/// Chooses key column and level (`matchers` holds one matcher per level to consider).
pub fn choose_key(table: &Table, matchers: &[&RegionMatcher], overrides: &Overrides) -> Result<(ColumnChoice, ThemeLevel, String), String> {
    let fixed_key = overrides.key.as_deref().map(|k| table.column_index(k)).transpose()?;
    let columns: Vec<usize> = fixed_key.map_or_else(|| (0..table.columns.len()).collect(), |c| vec![c]);
    // Best by (different names matched, cells matched, header hint); the leftmost on a tie.
    let mut best: Option<((usize, usize, bool), usize, usize, Hits)> = None;
    for &column in &columns {
        let hint = header_hint(&table.columns[column]);
        for (m, matcher) in matchers.iter().enumerate() {
            let hits = count_hits(table, column, matcher);
            let score = (hits.distinct.len(), hits.total(), hint);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, column, m, hits));
            }
        }
    }
    let Some((_, column, m, hits)) = best.filter(|b| b.0 .1 > 0) else {
        let which = match fixed_key {
            Some(c) => format!("{} holds no", describe_column(table, c)),
            None => "no column holds".to_string(),
        };
        return Err(format!(
            "{}: {which} codes or names of {} (looked at the first {} rows)",
            table.path,
            matchers.iter().map(|m| m.level().plural()).collect::<Vec<_>>().join(" or "),
            table.rows.len().min(SAMPLE_ROWS)
        ));
    };
    let level = matchers[m].level();
    let how = match (hits.by_code, hits.by_name) {
        (0, _) => "by name".to_string(),
        (_, 0) => "by code".to_string(),
        (c, n) => format!("{n} by name, {c} by code"),
    };
    let found = format!(
        "{} of {} non-empty cells sampled are {}-level codes or names ({how}; {} different)",
        hits.total(),
        hits.nonempty,
        level.as_str(),
        hits.distinct.len()
    );
    let key_reason = match fixed_key {
        Some(_) => format!("{} given with --key; {found}", describe_column(table, column)),
        None => format!("{}: {found}", describe_column(table, column)),
    };
    let level_reason = match overrides.level {
        Some(_) => format!("{} given with --level", level.as_str()),
        None if matchers.len() > 1 => format!("{found}: more different names than any column at the other level"),
        None => found,
    };
    Ok((ColumnChoice { column, reason: key_reason }, level, level_reason))
}

/// Chooses the parent column: the user's, or the column whose cells name the parent of the
/// region in the row's key cell in at least 60 % of the sampled rows (and at least 3).
pub fn choose_parent(table: &Table, key: usize, matcher: &RegionMatcher, overrides: &Overrides) -> Result<Option<ColumnChoice>, String> {
    if let Some(name) = &overrides.parent {
        let column = table.column_index(name)?;
        return Ok(Some(ColumnChoice { column, reason: format!("{} given with --parent", describe_column(table, column)) }));
    }
    let resolved: Vec<(usize, Vec<usize>)> = table
        .rows
        .iter()
        .take(SAMPLE_ROWS)
        .enumerate()
        .filter_map(|(i, row)| match matcher.lookup(row.cell(key), None) {
            Outcome::Matched { region, .. } => Some((i, vec![region])),
            Outcome::Ambiguous { candidates, .. } => Some((i, candidates)),
            Outcome::Unmatched(Unmatched::ParentMismatch { candidates }) => Some((i, candidates)),
            Outcome::Unmatched(_) => None,
        })
        .collect();
    let mut best: Option<(usize, usize, usize)> = None; // (hits, nonempty, column)
    for column in (0..table.columns.len()).filter(|&c| c != key) {
        let mut nonempty = 0;
        let mut hits = 0;
        for (i, regions) in &resolved {
            let cell = table.rows[*i].cell(column);
            if cell.trim().is_empty() {
                continue;
            }
            nonempty += 1;
            hits += usize::from(regions.iter().any(|&r| matcher.parent_matches(r, cell)));
        }
        if hits >= 3.min(resolved.len()).max(1) && hits * 10 >= nonempty * 6 && best.is_none_or(|b| hits > b.0) {
            best = Some((hits, nonempty, column));
        }
    }
    Ok(best.map(|(hits, nonempty, column)| ColumnChoice {
        column,
        reason: format!("{}: {hits} of {nonempty} cells sampled name the parent of the row's region", describe_column(table, column)),
    }))
}
