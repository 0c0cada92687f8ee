//! After every row is resolved: which matched rows stand. Homonyms are never resolved by row
//! order:
//! - in a table that reaches beyond Guangdong (rows of other provinces, or mostly names the atlas
//!   does not know), a county-level name that a unit elsewhere in China also has
//!   ([`super::homonyms`]) stands only when a code, parent or province cell confirms it;
//! - rows that name the same unit with different values are duplicates only when each is
//!   confirmed (it is then the same unit twice; the first is used). A row nothing confirms could
//!   be another unit of the same name: it is ambiguous, and when no row is confirmed the unit
//!   gets no value at all.
//!
//! Rows with identical values are harmless duplicates whatever confirms them.

use std::collections::{HashMap, HashSet};

use crate::model::RegionIdx;
use crate::table::{Table, TableRow};

use super::guess::KeyChoice;
use super::homonyms;
use super::join::{AmbiguousRow, DuplicateGroup, JoinReport, MatchedRow};
use super::level::ThemeLevel;
use super::matcher::RegionMatcher;
use super::reason::{AmbiguousNote, ScopeNote};

/// Value cells shown for an ambiguous row.
const SHOWN_VALUES: usize = 3;

/// What the row loop counted for the scope decision.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    /// Rows with a key cell (outside rows included).
    pub nonempty: usize,
    /// Rows whose key is a name or code of no region of Guangdong.
    pub unknown: usize,
}

/// Settles homonyms and duplicates, then records which row gives each region its values.
pub fn settle(
    report: &mut JoinReport,
    matcher: &RegionMatcher,
    table: &Table,
    choice: &KeyChoice,
    tally: Tally,
) {
    if reaches_beyond(report, tally) && matcher.level() == ThemeLevel::County {
        demote_unconfirmed_homonyms(report, table, choice);
    }
    settle_groups(report, table, choice);
    report.ambiguous.sort_by_key(|a| a.line);
    for m in &report.matched {
        report.row_of_region.entry(m.region.idx).or_insert(m.row);
    }
}

/// True (and `scope_note` set) when the table reaches beyond Guangdong.
fn reaches_beyond(report: &mut JoinReport, tally: Tally) -> bool {
    let note = if !report.outside.is_empty() {
        ScopeNote::Outside { rows: report.outside.len() }
    } else if tally.unknown * 2 > tally.nonempty {
        ScopeNote::Unknown { unknown: tally.unknown, nonempty: tally.nonempty }
    } else {
        return false;
    };
    report.scope_note = Some(note);
    true
}

/// The cells of a row other than its key, parent and province: what two rows for one unit must
/// agree on to be harmless duplicates.
fn value_cells<'t>(row: &'t TableRow, choice: &KeyChoice) -> Vec<&'t str> {
    let skip = [
        Some(choice.key.column),
        choice.parent.as_ref().map(|p| p.column),
        choice.province.as_ref().map(|p| p.column),
    ];
    row.cells
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(&Some(*i)))
        .map(|(_, c)| c.trim())
        .collect()
}

/// `人口数_合计 119662, 来源 七普`: the first non-empty value cells with their headers.
pub fn values_text(table: &Table, row: &TableRow, choice: &KeyChoice) -> String {
    let skip = [
        Some(choice.key.column),
        choice.parent.as_ref().map(|p| p.column),
        choice.province.as_ref().map(|p| p.column),
    ];
    row.cells
        .iter()
        .enumerate()
        .filter(|(i, c)| !skip.contains(&Some(*i)) && !c.trim().is_empty())
        .take(SHOWN_VALUES)
        .map(|(i, c)| format!("{} {}", table.columns.get(i).map_or("", String::as_str), c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A matched row turned ambiguous, with the units elsewhere of its name and its values.
fn ambiguous_from(
    m: &MatchedRow,
    table: &Table,
    choice: &KeyChoice,
    note: AmbiguousNote,
) -> AmbiguousRow {
    AmbiguousRow {
        line: m.line,
        key: m.key.clone(),
        parent: m.parent.clone(),
        candidates: vec![m.region.clone()],
        elsewhere: homonyms::elsewhere(&m.key).iter().map(homonyms::Homonym::label).collect(),
        values: values_text(table, &table.rows[m.row], choice),
        note,
    }
}

fn demote_unconfirmed_homonyms(report: &mut JoinReport, table: &Table, choice: &KeyChoice) {
    let (keep, demote): (Vec<MatchedRow>, Vec<MatchedRow>) = std::mem::take(&mut report.matched)
        .into_iter()
        .partition(|m| m.confirmed_by.is_some() || homonyms::elsewhere(&m.key).is_empty());
    report.matched = keep;
    for m in demote {
        let note = AmbiguousNote::Unconfirmed { region: m.region.label() };
        let row = ambiguous_from(&m, table, choice, note);
        report.ambiguous_regions.entry(m.region.idx).or_default().push(m.line);
        report.ambiguous.push(row);
    }
    // A region keeps a value when a confirmed row for it remains.
    let matched: Vec<RegionIdx> = report.matched.iter().map(|m| m.region.idx).collect();
    report.ambiguous_regions.retain(|r, _| !matched.contains(r));
}

/// Groups the matched rows by region and decides, per group of two or more, between
/// duplicates and ambiguity (see the module doc).
fn settle_groups(report: &mut JoinReport, table: &Table, choice: &KeyChoice) {
    let mut groups: Vec<(RegionIdx, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<RegionIdx, usize> = HashMap::new();
    for (i, m) in report.matched.iter().enumerate() {
        let at = *slot.entry(m.region.idx).or_insert_with(|| {
            groups.push((m.region.idx, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    let mut demoted: HashSet<usize> = HashSet::new();
    for (region, rows) in groups.into_iter().filter(|(_, rows)| rows.len() > 1) {
        let matched = &report.matched;
        let first = value_cells(&table.rows[matched[rows[0]].row], choice);
        let differ =
            rows.iter().any(|&i| value_cells(&table.rows[matched[i].row], choice) != first);
        let (confirmed, unconfirmed): (Vec<usize>, Vec<usize>) =
            rows.iter().partition(|&&i| matched[i].confirmed_by.is_some());
        let (kept, lost) = if differ && !unconfirmed.is_empty() {
            (confirmed, unconfirmed)
        } else {
            (rows, Vec::new())
        };
        if kept.len() > 1 {
            let lines: Vec<u64> = kept.iter().map(|&i| matched[i].line).collect();
            report.duplicates.push(DuplicateGroup {
                region: matched[kept[0]].region.clone(),
                used_line: lines[0],
                ignored_lines: lines[1..].to_vec(),
            });
        }
        for &i in &lost {
            let m = &report.matched[i];
            let note = group_note(
                m,
                &kept.iter().map(|&k| &report.matched[k]).collect::<Vec<_>>(),
                lost.len(),
            );
            let row = ambiguous_from(m, table, choice, note);
            report.ambiguous.push(row);
        }
        if kept.is_empty() {
            let lines = lost.iter().map(|&i| report.matched[i].line).collect();
            report.ambiguous_regions.insert(region, lines);
        }
        demoted.extend(lost);
    }
    let matched = std::mem::take(&mut report.matched);
    report.matched = matched
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !demoted.contains(i))
        .map(|(_, m)| m)
        .collect();
    report.duplicates.sort_by_key(|g| g.used_line);
}

/// Why a row of a group with different values is ambiguous.
fn group_note(m: &MatchedRow, kept: &[&MatchedRow], lost: usize) -> AmbiguousNote {
    match kept.first() {
        Some(k) => AmbiguousNote::ConfirmedElsewhere {
            line: k.line,
            region: k.region.label(),
            by: k.confirmed_by.unwrap_or("row"),
        },
        None => AmbiguousNote::Undecided { rows: lost, region: m.region.label() },
    }
}
