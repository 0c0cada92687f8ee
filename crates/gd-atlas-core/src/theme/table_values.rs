//! A column of a joined table as attribute values: each region gets the number in the row the
//! join chose for it, with that row as its source. Cells that are not numbers leave the region
//! without data, and are listed.

use std::collections::BTreeMap;

use crate::model::census::NoValue;
use crate::model::RegionIdx;
use crate::table::number::{parse_cell, CellValue};
use crate::table::{Table, TableFormat};

use super::join::JoinReport;
use super::values::{AttributeValue, AttributeValues, ValueSource};
use super::Note;

/// Cells listed by value in a note before the rest are only counted.
const LISTED_CELLS: usize = 5;

/// The values of `column` for the regions of `report`; `units` are the level's regions.
pub fn table_values(
    table: &Table,
    report: &JoinReport,
    column: &str,
    units: Vec<RegionIdx>,
) -> Result<AttributeValues, String> {
    let col = table.column_index(column)?;
    let sheet = match &table.format {
        TableFormat::Workbook { sheet, .. } => Some(sheet.clone()),
        TableFormat::Delimited { .. } => None,
    };
    // A table cut off in its last row says so before anything else about its values.
    let notes = table
        .cut_short
        .iter()
        .map(|n| Note::new(format!("{}: {n}", table.path), format!("{}：{n}", table.path)))
        .collect();
    let mut out = AttributeValues {
        label: table.columns[col].clone(),
        unit: String::new(),
        label_zh: String::new(),
        unit_zh: String::new(),
        level: report.level,
        values: BTreeMap::new(),
        no_data: Vec::new(),
        notes,
    };
    let (mut percent, mut plain) = (0usize, 0usize);
    let mut not_numbers: Vec<String> = Vec::new();
    for unit in units {
        let Some(&row_index) = report.row_of_region.get(&unit) else {
            out.no_data.push((unit, no_row_reason(table, report, unit)));
            continue;
        };
        let row = &table.rows[row_index];
        let text = row.cell(col);
        match parse_cell(text, table.decimal) {
            CellValue::Number { value, percent: is_percent } => {
                if is_percent {
                    percent += 1
                } else {
                    plain += 1
                }
                let source = ValueSource::TableCell {
                    file: table.path.clone(),
                    sheet: sheet.clone(),
                    line: row.line,
                    column: out.label.clone(),
                    text: text.to_string(),
                };
                out.values.insert(
                    unit,
                    AttributeValue { value, approximate: false, area_km2: None, source },
                );
            }
            CellValue::Empty => out.no_data.push((unit, empty_cell(table, row.line))),
            CellValue::Text => {
                not_numbers.push(format!("{} {text:?}", table.row_label(row.line)));
                out.no_data.push((unit, not_a_number(table, row.line, text)));
            }
        }
    }
    if percent > 0 && plain == 0 {
        out.unit = "%".into();
    } else if percent > 0 {
        out.notes.push(Note::new(
            format!("{percent} cells have % and {plain} do not: values are used as written"),
            format!("{percent} 个单元格带 %，{plain} 个不带：数值按原样使用"),
        ));
    }
    if !not_numbers.is_empty() {
        let shown = not_numbers.iter().take(LISTED_CELLS).cloned().collect::<Vec<_>>().join(", ");
        let more = not_numbers.len().saturating_sub(LISTED_CELLS);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        out.notes.push(Note::new(
            format!(
                "{} cells of {:?} are not numbers (no data): {shown}{tail}",
                not_numbers.len(),
                out.label
            ),
            format!(
                "“{}”列有 {} 个单元格不是数字（记为无数据）：{shown}{tail}",
                out.label,
                not_numbers.len()
            ),
        ));
    }
    if out.values.is_empty() {
        return Err(format!(
            "{}: column {:?} has no numbers in the joined rows",
            table.path, out.label
        ));
    }
    Ok(out)
}

/// Why a unit whose row's cell is empty has no value.
fn empty_cell(table: &Table, line: u64) -> NoValue {
    NoValue::new(
        ("empty cell", "单元格为空"),
        format!("empty cell at {}", table.row_label(line)),
        format!("{}的单元格为空", table.row_label_zh(line)),
    )
}

/// Why a unit whose row's cell is not a number (`—`, `n/a`, a range) has no value.
fn not_a_number(table: &Table, line: u64, text: &str) -> NoValue {
    NoValue::new(
        ("not a number", "不是数字"),
        format!("not a number at {}: {text:?}", table.row_label(line)),
        format!("{}不是数字：“{text}”", table.row_label_zh(line)),
    )
}

/// Why a unit has no row: none names it, or the rows that might were ambiguous (homonyms whose
/// values differ, nothing confirming which is Guangdong's).
fn no_row_reason(table: &Table, report: &JoinReport, unit: RegionIdx) -> NoValue {
    match report.ambiguous_regions.get(&unit) {
        Some(lines) => {
            let rows: Vec<String> = lines.iter().map(|&l| table.row_label(l)).collect();
            let rows_zh: Vec<String> = lines.iter().map(|&l| table.row_label_zh(l)).collect();
            NoValue::new(
                ("ambiguous row", "行有歧义"),
                format!(
                    "ambiguous: {} could be this unit or a namesake elsewhere (see the join report)",
                    rows.join(", ")
                ),
                format!("有歧义：{}可能是此单位，也可能是别处的同名单位（见匹配报告）", rows_zh.join("、")),
            )
        }
        None => NoValue::new(
            ("no row in the table", "表中无此行"),
            "no row in the table",
            "表中没有此单位的行",
        ),
    }
}
