//! `gd-atlas join TABLE [--sheet NAME] [--key COLUMN] [--parent COLUMN]
//! [--level city|county|town] [--json] [--report-out FILE.csv]`: joins a planner's table to the
//! cities, counties or towns and prints the join report, its summary line first. Exit 0 even when
//! rows do not join (the report says which), 1 when the table cannot be read or has no key
//! column, 2 for bad arguments.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use serde_json::json;

use super::{load_atlas, Cli, Failure};
use crate::export::file::{check_writable_dir, write_atomic};
use crate::table::{read_table, Table};
use crate::theme::guess::count;
use crate::theme::join::{join_table, JoinReport, RegionRef};
use crate::theme::report_csv::report_csv;
use crate::theme::{Overrides, ThemeLevel};

/// Regions without data listed in the text output before the rest are only counted.
const LISTED_WITHOUT_DATA: usize = 40;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The table: CSV/TSV (UTF-8, GBK/GB18030 or UTF-16) or an XLSX/XLS workbook.
    pub table: PathBuf,
    /// Workbook sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The key column (header, letter or number); guessed from the contents when left out.
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,
    /// A column naming each row's county or city, to tell homonyms apart; guessed when left out.
    #[arg(long, value_name = "COLUMN")]
    pub parent: Option<String>,
    /// The level of the table's rows; guessed when left out.
    #[arg(long, value_name = "city|county|town", value_parser = parse_level)]
    pub level: Option<ThemeLevel>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also save the report as CSV (UTF-8 with BOM, for Excel).
    #[arg(long, value_name = "FILE.csv")]
    pub report_out: Option<PathBuf>,
}

fn parse_level(text: &str) -> Result<ThemeLevel, String> {
    ThemeLevel::parse(text).ok_or_else(|| format!("{text:?} is not a level (city, county or town)"))
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    if let Some(out) = &args.report_out {
        check_writable_dir(out).map_err(Failure::usage)?;
    }
    let table = read_table(&args.table, args.sheet.as_deref()).map_err(|e| {
        let no_sheet =
            e.problem.starts_with("no sheet named") || e.problem.contains("was asked for");
        if no_sheet {
            Failure::usage(e.to_string())
        } else {
            Failure::data(e.to_string())
        }
    })?;
    for column in [&args.key, &args.parent].into_iter().flatten() {
        table.column_index(column).map_err(Failure::usage)?;
    }
    let atlas = load_atlas(cli)?;
    let overrides =
        Overrides { key: args.key.clone(), parent: args.parent.clone(), level: args.level };
    let report = join_table(&atlas, &table, &overrides).map_err(Failure::data)?;
    if let Some(out) = &args.report_out {
        write_atomic(out, &report_csv(&report)).map_err(Failure::data)?;
    }
    if args.json {
        let text = serde_json::to_string_pretty(&report_json(&report)).unwrap_or_default() + "\n";
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    } else {
        print_text(&table, &report);
    }
    Ok(())
}

fn report_json(report: &JoinReport) -> serde_json::Value {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    value["summary"] = json!(report.summary());
    value["counts"] = json!({
        "rows": report.rows,
        "matched": report.matched.len(),
        "outside_guangdong": report.outside.len(),
        "other_level": report.other_level.len(),
        "unmatched": report.unmatched.len(),
        "ambiguous": report.ambiguous.len(),
        "duplicate_rows": report.duplicate_rows(),
        "without_data": report.without_data.len(),
    });
    value
}

fn labels(regions: &[RegionRef]) -> String {
    regions.iter().map(RegionRef::label).collect::<Vec<_>>().join(" | ")
}

/// The text report, written at once; a closed pipe (`| head`) is not an error.
fn print_text(table: &Table, report: &JoinReport) {
    let text = report_text(table, report);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// The whole text report: the summary first, then the guesses, then each category.
fn report_text(table: &Table, report: &JoinReport) -> String {
    // A table cut off in its last row says so before the summary, which counts only the rows
    // before the cut.
    let mut out = table
        .cut_short
        .iter()
        .map(|cut| format!("warning: {}: {cut}\n", table.path))
        .collect::<String>();
    out.push_str(&head_text(report, table.cut_short.as_deref()));
    matched_text(&mut out, table, report);
    elsewhere_text(&mut out, table, report);
    problems_text(&mut out, table, report);
    without_data_text(&mut out, report);
    out
}

/// The summary line, then the table and each guess with its reason (`shown`: a note already
/// given as a warning).
fn head_text(report: &JoinReport, shown: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "summary: {}", report.summary());
    let _ =
        writeln!(out, "table:   {} ({}), {} rows", report.table, report.format, count(report.rows));
    for note in report.table_notes.iter().filter(|n| Some(n.as_str()) != shown) {
        let _ = writeln!(out, "note:    {note}");
    }
    let _ = writeln!(out, "level:   {} — {}", report.level.as_str(), report.level_reason);
    let _ = writeln!(out, "key:     {}", report.key_reason);
    let _ = writeln!(
        out,
        "province: {}",
        report.province_reason.as_ref().map_or("none".into(), |r| r.to_string())
    );
    let _ = writeln!(
        out,
        "parent:  {}",
        report.parent_reason.as_ref().map_or("none".into(), |r| r.to_string())
    );
    if let Some(scope) = &report.scope_note {
        let _ = writeln!(out, "scope:   {scope}");
    }
    out
}

fn matched_text(out: &mut String, table: &Table, report: &JoinReport) {
    let _ = writeln!(out, "\nmatched ({}):", count(report.matched.len()));
    for m in &report.matched {
        let how = if m.resolved == "unique" { String::new() } else { format!(", {}", m.resolved) };
        let _ = writeln!(
            out,
            "  {:<9} {} → {}  [{}{how}]",
            table.row_label(m.line),
            m.key,
            m.region.label(),
            m.rule
        );
    }
}

/// Rows outside Guangdong (counted by province: there may be thousands) and rows of another level.
fn elsewhere_text(out: &mut String, table: &Table, report: &JoinReport) {
    if !report.outside.is_empty() {
        let by_province: Vec<String> = report
            .outside_by_province()
            .iter()
            .map(|(p, n)| format!("{p} {}", count(*n)))
            .collect();
        let _ = writeln!(out, "\noutside Guangdong ({}), counted, never matched (every row in --json or --report-out):", count(report.outside.len()));
        let _ = writeln!(out, "  {}", by_province.join(", "));
    }
    if !report.other_level.is_empty() {
        let _ = writeln!(
            out,
            "\nat another level ({}: {}):",
            count(report.other_level.len()),
            report.other_level_breakdown()
        );
        for o in &report.other_level {
            let _ = writeln!(out, "  {:<9} {:?}: {}", table.row_label(o.line), o.key, o.reason);
        }
    }
}

/// Unmatched and ambiguous rows, and duplicates.
fn problems_text(out: &mut String, table: &Table, report: &JoinReport) {
    let row = |line: u64| table.row_label(line);
    let _ = writeln!(out, "\nunmatched ({}):", report.unmatched.len());
    for u in &report.unmatched {
        let nearest = if u.suggestions.is_empty() {
            String::new()
        } else {
            format!("; nearest: {}", labels(&u.suggestions))
        };
        let _ = writeln!(out, "  {:<9} {:?}: {}{nearest}", row(u.line), u.key, u.reason);
    }
    let _ = writeln!(out, "\nambiguous ({}):", report.ambiguous.len());
    for a in &report.ambiguous {
        let parent = a.parent.as_ref().map_or_else(String::new, |p| format!(" (parent {p:?})"));
        let elsewhere = if a.elsewhere.is_empty() {
            String::new()
        } else {
            format!("; elsewhere: {}", a.elsewhere.join(" | "))
        };
        let values =
            if a.values.is_empty() { String::new() } else { format!("; values: {}", a.values) };
        let _ = writeln!(
            out,
            "  {:<9} {:?}{parent}: {}; candidates: {}{elsewhere}{values}",
            row(a.line),
            a.key,
            a.note,
            labels(&a.candidates)
        );
    }
    let _ = writeln!(
        out,
        "\nduplicates ({} region(s), {} row(s) ignored):",
        report.duplicates.len(),
        report.duplicate_rows()
    );
    for d in &report.duplicates {
        let ignored: Vec<String> = d.ignored_lines.iter().map(|&l| row(l)).collect();
        let _ = writeln!(
            out,
            "  {}: {} used; ignored {}",
            d.region.label(),
            row(d.used_line),
            ignored.join(", ")
        );
    }
}

fn without_data_text(out: &mut String, report: &JoinReport) {
    let _ =
        writeln!(out, "\n{} without data ({}):", report.level.plural(), report.without_data.len());
    let listed: Vec<String> =
        report.without_data.iter().take(LISTED_WITHOUT_DATA).map(RegionRef::label).collect();
    if !listed.is_empty() {
        let _ = writeln!(out, "  {}", listed.join(", "));
    }
    if report.without_data.len() > LISTED_WITHOUT_DATA {
        let _ = writeln!(
            out,
            "  … and {} more (all of them in --json or --report-out)",
            report.without_data.len() - LISTED_WITHOUT_DATA
        );
    }
}
