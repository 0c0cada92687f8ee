//! Guessing which column holds the region key, which level the table is about, and which column
//! (if any) names each row's parent — from the header and, above all, the contents. Every guess
//! comes with the reason in words, and each can be overridden (`--key`, `--level`, `--parent`).

use std::collections::HashSet;

use crate::model::RegionIdx;
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

/// The best column at one level: (different names, cells matched, header hint) decide.
struct Candidate {
    column: usize,
    matcher: usize,
    hits: Hits,
}

impl Candidate {
    fn score(&self, table: &Table) -> (usize, usize, bool) {
        (self.hits.distinct.len(), self.hits.total(), header_hint(&table.columns[self.column]))
    }
}

fn best_per_level(table: &Table, columns: &[usize], matchers: &[&RegionMatcher]) -> Vec<Option<Candidate>> {
    (0..matchers.len())
        .map(|m| {
            let mut best: Option<Candidate> = None;
            for &column in columns {
                let candidate = Candidate { column, matcher: m, hits: count_hits(table, column, matchers[m]) };
                if candidate.hits.total() > 0 && best.as_ref().is_none_or(|b| candidate.score(table) > b.score(table)) {
                    best = Some(candidate);
                }
            }
            best
        })
        .collect()
}

/// The level: the best-scoring candidate, except that a table naming a town and, in another
/// column, that town's county is a town table (the county column is its parent column, however
/// many counties it matches). `matchers` go from coarse to fine.
fn pick_level(table: &Table, matchers: &[&RegionMatcher], bests: Vec<Option<Candidate>>) -> Option<(Candidate, String)> {
    let finest = bests.iter().rposition(Option::is_some)?;
    for coarse in 0..finest {
        let (Some(c), Some(f)) = (&bests[coarse], &bests[finest]) else { continue };
        let resolved = resolved_rows(table, f.column, matchers[finest]);
        let (hits, nonempty) = parent_share(table, &resolved, c.column, matchers[finest]);
        if c.column != f.column && is_parent_column(hits, nonempty, resolved.len()) {
            let why = format!("{} names the {} of {hits} of the {nonempty} rows sampled", describe_column(table, c.column), matchers[coarse].level().plural());
            let finest_candidate = bests.into_iter().nth(finest).flatten()?;
            return Some((finest_candidate, why));
        }
    }
    let best = bests.into_iter().flatten().max_by(|a, b| a.score(table).cmp(&b.score(table)).then(b.column.cmp(&a.column)))?;
    Some((best, "more different names than any column at another level".into()))
}

/// Chooses key column and level (`matchers` holds one matcher per level to consider, coarse
/// to fine).
pub fn choose_key(table: &Table, matchers: &[&RegionMatcher], overrides: &Overrides) -> Result<(ColumnChoice, ThemeLevel, String), String> {
    let fixed_key = overrides.key.as_deref().map(|k| table.column_index(k)).transpose()?;
    let columns: Vec<usize> = fixed_key.map_or_else(|| (0..table.columns.len()).collect(), |c| vec![c]);
    let bests = best_per_level(table, &columns, matchers);
    let Some((chosen, level_why)) = pick_level(table, matchers, bests) else {
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
    let (column, hits, level) = (chosen.column, &chosen.hits, matchers[chosen.matcher].level());
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
        None if matchers.len() > 1 => format!("{found}; {level_why}"),
        None => found,
    };
    Ok((ColumnChoice { column, reason: key_reason }, level, level_reason))
}

/// Sampled rows whose key cell names one or more regions: (row index, regions).
fn resolved_rows(table: &Table, key: usize, matcher: &RegionMatcher) -> Vec<(usize, Vec<RegionIdx>)> {
    table
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
        .collect()
}

/// (cells naming the parent of the row's region, non-empty cells) of a column over `resolved`.
fn parent_share(table: &Table, resolved: &[(usize, Vec<RegionIdx>)], column: usize, matcher: &RegionMatcher) -> (usize, usize) {
    let mut nonempty = 0;
    let mut hits = 0;
    for (i, regions) in resolved {
        let cell = table.rows[*i].cell(column);
        if cell.trim().is_empty() {
            continue;
        }
        nonempty += 1;
        hits += usize::from(regions.iter().any(|&r| matcher.parent_matches(r, cell)));
    }
    (hits, nonempty)
}

/// At least 60 % of the non-empty cells, and at least 3 (fewer when fewer rows resolved).
fn is_parent_column(hits: usize, nonempty: usize, resolved: usize) -> bool {
    hits >= 3.min(resolved).max(1) && hits * 10 >= nonempty * 6
}

/// Chooses the parent column: the user's, or the column whose cells name the parent of the
/// region in the row's key cell in at least 60 % of the sampled rows (and at least 3).
pub fn choose_parent(table: &Table, key: usize, matcher: &RegionMatcher, overrides: &Overrides) -> Result<Option<ColumnChoice>, String> {
    if let Some(name) = &overrides.parent {
        let column = table.column_index(name)?;
        return Ok(Some(ColumnChoice { column, reason: format!("{} given with --parent", describe_column(table, column)) }));
    }
    let resolved = resolved_rows(table, key, matcher);
    let mut best: Option<(usize, usize, usize)> = None; // (hits, nonempty, column)
    for column in (0..table.columns.len()).filter(|&c| c != key) {
        let (hits, nonempty) = parent_share(table, &resolved, column, matcher);
        if is_parent_column(hits, nonempty, resolved.len()) && best.is_none_or(|b| hits > b.0) {
            best = Some((hits, nonempty, column));
        }
    }
    Ok(best.map(|(hits, nonempty, column)| ColumnChoice {
        column,
        reason: format!("{}: {hits} of {nonempty} cells sampled name the parent of the row's region", describe_column(table, column)),
    }))
}
