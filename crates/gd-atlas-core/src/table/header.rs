//! Finding the header row and naming the columns. Chinese statistical tables often start with a
//! title line (`2023年各县（市、区）地区生产总值`, merged across the columns) and sometimes leave
//! header cells empty where cells were merged; both are handled here and noted, never fatal.

use super::number::{parse_cell, CellValue, DecimalMark};
use super::RawRow;

/// Rows looked at for the header, and for the table's width.
const HEADER_SEARCH_ROWS: usize = 10;
const WIDTH_SAMPLE_ROWS: usize = 50;

/// Where the header is: `header` indexes the rows (None: the table has no header row, its first
/// data row is `first_data`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderChoice {
    pub header: Option<usize>,
    pub first_data: usize,
}

fn filled(row: &RawRow) -> usize {
    row.cells.iter().filter(|c| !c.trim().is_empty()).count()
}

/// The header is the first row (of the first ten) that fills at least half as many cells as the
/// widest row, so title lines above it are skipped. When that row looks like data (half of its
/// cells are numbers), there is no header.
pub fn find_header(rows: &[RawRow], mark: DecimalMark) -> HeaderChoice {
    let width = rows.iter().take(WIDTH_SAMPLE_ROWS).map(filled).max().unwrap_or(0);
    let needed = width.div_ceil(2).max(width.min(2));
    let Some(index) = rows.iter().take(HEADER_SEARCH_ROWS).position(|r| filled(r) >= needed.max(1))
    else {
        return HeaderChoice { header: None, first_data: 0 };
    };
    let cells: Vec<&String> = rows[index].cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let numbers =
        cells.iter().filter(|c| matches!(parse_cell(c, mark), CellValue::Number { .. })).count();
    if numbers * 2 >= cells.len() {
        HeaderChoice { header: None, first_data: index }
    } else {
        HeaderChoice { header: Some(index), first_data: index + 1 }
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Unique, one-line column names: an empty header cell becomes `column C`, a repeated name gets
/// ` (2)`. Returns the names and a note for each renamed cell.
pub fn column_names(header: Option<&RawRow>, columns: usize) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = Vec::with_capacity(columns);
    let mut notes = Vec::new();
    for i in 0..columns {
        let raw = header
            .and_then(|h| h.cells.get(i))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "));
        let mut name = match raw {
            Some(n) if !n.is_empty() => n,
            _ => {
                let name = format!("column {}", column_letters(i));
                if let Some(h) = header {
                    notes.push(format!(
                        "header cell {}{} is empty (merged header cells?): named \"{name}\"",
                        column_letters(i),
                        h.line
                    ));
                }
                name
            }
        };
        if names.contains(&name) {
            let base = name.clone();
            let mut k = 2;
            while names.contains(&name) {
                name = format!("{base} ({k})");
                k += 1;
            }
            notes.push(format!(
                "column {} repeats the header {base:?}: named {name:?}",
                column_letters(i)
            ));
        }
        names.push(name);
    }
    (names, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, cells: &[&str]) -> RawRow {
        RawRow { line, cells: cells.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn skips_title_lines_and_detects_headerless_tables() {
        let rows = vec![
            row(1, &["2023年各县GDP", "", ""]),
            row(2, &["区县", "GDP", "人口"]),
            row(3, &["高要区", "1", "2"]),
        ];
        assert_eq!(
            find_header(&rows, DecimalMark::Point),
            HeaderChoice { header: Some(1), first_data: 2 }
        );
        let rows = vec![row(1, &["441204", "1,234"]), row(2, &["441202", "5"])];
        assert_eq!(
            find_header(&rows, DecimalMark::Point),
            HeaderChoice { header: None, first_data: 0 }
        );
        let rows = vec![row(1, &["名称"]), row(2, &["高要"])];
        assert_eq!(
            find_header(&rows, DecimalMark::Point),
            HeaderChoice { header: Some(0), first_data: 1 }
        );
    }

    #[test]
    fn names_columns_uniquely() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        let header = row(2, &["名称", "", "GDP", "GDP", " two\nlines "]);
        let (names, notes) = column_names(Some(&header), 6);
        assert_eq!(names, vec!["名称", "column B", "GDP", "GDP (2)", "two lines", "column F"]);
        assert_eq!(notes.len(), 3);
        assert!(notes[0].contains("B2"), "{}", notes[0]);
    }
}
