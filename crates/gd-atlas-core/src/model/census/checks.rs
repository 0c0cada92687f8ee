//! `validate`'s census checks: every formula reads columns that exist; counts add up
//! (counties → their city, cities → the province) in every column of whole numbers; no share
//! lies outside 0–100 %. A planner who edits a yearbook cell by hand learns at once which sum it
//! broke.

use std::collections::BTreeMap;

use super::super::error::LoadError;
use super::formula::Kind;
use super::tables::{number, RawTable};
use super::{Census, Peers};

/// Every problem, one line each (`file:line: problem`).
pub fn check(census: &Census) -> Vec<LoadError> {
    let mut problems = formula_columns(census);
    problems.extend(additivity(&census.tables.c2020));
    problems.extend(shares_in_range(census));
    problems
}

fn formula_columns(census: &Census) -> Vec<LoadError> {
    let mut out = Vec::new();
    for s in &census.statistics {
        for column in s.formula.alternatives.iter().flat_map(|a| a.columns()) {
            let table = census.tables.get(column.table);
            if !table.has_column(&column.header) {
                out.push(LoadError::line(
                    &census.catalogue_path,
                    s.line,
                    format!(
                        "{}: the formula reads column {column}, which {} does not have",
                        s.id, table.path
                    ),
                ));
            }
        }
    }
    out
}

/// Columns whose every cell is a whole number or `NA`: the counts that must add up.
fn count_columns(table: &RawTable) -> Vec<usize> {
    (0..table.headers.len())
        .filter(|&c| {
            let numeric = table.rows.iter().all(|r| {
                let cell = r[c].as_str();
                cell == "NA"
                    || (!cell.is_empty()
                        && cell.trim_start_matches('-').chars().all(|ch| ch.is_ascii_digit()))
            });
            numeric && table.rows.iter().any(|r| r[c] != "NA") && !is_code_column(&table.headers[c])
        })
        .collect()
}

fn is_code_column(header: &str) -> bool {
    header.contains("代码") || header.ends_with("code")
}

/// Counties add up to their city, cities to the province, in every count column (both sides
/// given; a county row without a city row is itself a problem).
pub fn additivity(table: &RawTable) -> Vec<LoadError> {
    let mut parts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for row in 0..table.rows.len() {
        let code = table.code(row);
        let parent = match code {
            c if c.ends_with("0000") => continue,
            c if c.ends_with("00") => format!("{}0000", &c[..2]),
            c => format!("{}00", &c[..4.min(c.len())]),
        };
        parts.entry(parent).or_default().push(row);
    }
    let columns = count_columns(table);
    let mut out = Vec::new();
    for (parent, rows) in &parts {
        let Some(parent_row) = table.row_of(parent) else {
            out.push(LoadError::line(
                &table.path,
                table.lines[rows[0]],
                format!("no row for {parent}, the unit above {}", table.code(rows[0])),
            ));
            continue;
        };
        for &c in &columns {
            let stated = |r: usize| number(&table.rows[r][c]).ok().flatten();
            let Some(total) = stated(parent_row) else { continue };
            let Some(sum) = rows.iter().map(|&r| stated(r)).sum::<Option<f64>>() else { continue };
            if sum != total {
                out.push(LoadError::line(
                    &table.path,
                    table.lines[parent_row],
                    format!(
                        "column {:?} of {parent} is {total:.0} but its {} units add up to {sum:.0}",
                        table.headers[c],
                        rows.len()
                    ),
                ));
            }
        }
    }
    out
}

fn shares_in_range(census: &Census) -> Vec<LoadError> {
    let mut out = Vec::new();
    for (i, s) in census.statistics.iter().enumerate() {
        let bounded = s.unit_en.trim() == "%"
            && s.formula.alternatives.iter().all(|a| a.kind != Kind::Change);
        if !bounded {
            continue;
        }
        for peers in [Peers::Province, Peers::Cities, Peers::Counties] {
            for (region, value) in census.peer_values(i, peers) {
                if !(0.0..=100.0).contains(&value) {
                    let cited = census
                        .value(i, region)
                        .and_then(|v| v.as_ref().ok())
                        .and_then(|v| v.cells.first());
                    let code = census
                        .units
                        .iter()
                        .find(|u| u.region == region)
                        .map_or("?", |u| u.code.as_str());
                    let problem =
                        format!("{} is {value:.2} % for unit {code}, outside 0–100", s.id);
                    out.push(match cited {
                        Some(c) => LoadError::line(&c.file, c.line, problem),
                        None => LoadError::line(&census.catalogue_path, s.line, problem),
                    });
                }
            }
        }
    }
    out
}
