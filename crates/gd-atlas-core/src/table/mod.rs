//! A planner's table read into text cells: CSV/TSV in UTF-8 (with or without BOM), GBK/GB18030
//! or UTF-16 with BOM, and XLSX/XLS/ODS workbooks. The format is told by the file's first bytes
//! and the encoding by its contents, never by asking. Reading is linear in the file's size and
//! never panics; every error is one line naming the file (and the line or sheet row).
//!
//! This layer knows nothing of regions: `theme::join` matches rows to them.

pub mod decode;
pub mod delimited;
pub mod header;
pub mod number;
pub mod sheet;

use std::fmt;
use std::path::Path;

use decode::TextEncoding;
use number::DecimalMark;

/// A row as split from the file, before the header is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line (delimited text) or sheet row (workbooks) where the row starts.
    pub line: u64,
    pub cells: Vec<String>,
}

/// How the file was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Delimited { encoding: TextEncoding, delimiter: u8 },
    Workbook { sheet: String, sheets: Vec<String> },
}

impl TableFormat {
    /// e.g. `CSV, GBK/GB18030, comma-delimited` or `workbook, sheet "Sheet1" of 2`.
    pub fn describe(&self) -> String {
        match self {
            Self::Delimited { encoding, delimiter } => {
                let delim = match delimiter {
                    b'\t' => "tab",
                    b';' => "semicolon",
                    _ => "comma",
                };
                format!("delimited text, {}, {delim}-separated", encoding.label())
            }
            Self::Workbook { sheet, sheets } => format!(
                "workbook, sheet {sheet:?} ({} sheet(s): {})",
                sheets.len(),
                sheets.join(", ")
            ),
        }
    }
}

/// One data row: its place in the file and its cells (as many as there are columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

impl TableRow {
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// A table ready to be joined: unique column names and the data rows.
#[derive(Clone, Debug)]
pub struct Table {
    /// The path as the user gave it, for messages.
    pub path: String,
    pub format: TableFormat,
    pub columns: Vec<String>,
    /// The header's line or sheet row; `None` when the table has no header row.
    pub header_line: Option<u64>,
    pub rows: Vec<TableRow>,
    /// How numbers in this table write decimals.
    pub decimal: DecimalMark,
    /// Things the reader fixed or skipped, one line each (title lines, renamed headers, …);
    /// [`Table::cut_short`] first when set.
    pub notes: Vec<String>,
    /// The file was cut off in its last row, which was left out: every report on the table's
    /// values says so first.
    pub cut_short: Option<String>,
}

/// Where in a table a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableLocation {
    File,
    Line(u64),
    SheetRow { sheet: String, row: u64 },
}

/// A table that cannot be read at all: `path: problem`, `path:7: problem` or
/// `path [sheet "S"] row 7: problem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub path: String,
    pub location: TableLocation,
    pub problem: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = self.problem.replace(['\n', '\r'], " ");
        match &self.location {
            TableLocation::File => write!(f, "{}: {problem}", self.path),
            TableLocation::Line(line) => write!(f, "{}:{line}: {problem}", self.path),
            TableLocation::SheetRow { sheet, row } => {
                write!(f, "{} [sheet {sheet:?}] row {row}: {problem}", self.path)
            }
        }
    }
}

impl std::error::Error for TableError {}

impl Table {
    /// Where a row is, for messages: `line 7` or `row 7` (of the sheet).
    pub fn row_label(&self, line: u64) -> String {
        match self.format {
            TableFormat::Delimited { .. } => format!("line {line}"),
            TableFormat::Workbook { .. } => format!("row {line}"),
        }
    }

    /// [`Table::row_label`] in Chinese: `第 7 行` (a text file's line, a sheet's row alike).
    pub fn row_label_zh(&self, line: u64) -> String {
        format!("第 {line} 行")
    }

    /// A column by its header (exact, then ignoring case and spaces), its letter (`B`) or its
    /// 1-based number (`2`); the error lists the columns.
    pub fn column_index(&self, wanted: &str) -> Result<usize, String> {
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let wanted_squashed = squash(wanted);
        let by_name = self
            .columns
            .iter()
            .position(|c| c == wanted)
            .or_else(|| self.columns.iter().position(|c| squash(c) == wanted_squashed));
        let by_letter = || {
            (0..self.columns.len())
                .find(|&i| header::column_letters(i).eq_ignore_ascii_case(wanted.trim()))
        };
        let by_number = || {
            wanted
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1 && n <= self.columns.len())
                .map(|n| n - 1)
        };
        by_name.or_else(by_letter).or_else(by_number).ok_or_else(|| {
            let list: Vec<String> = self.columns.iter().map(|c| format!("{c:?}")).collect();
            format!("{}: no column {wanted:?}; columns: {}", self.path, list.join(", "))
        })
    }
}

/// Reads a table file. `sheet` picks a workbook sheet (default: the first).
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let label = path.display().to_string();
    // A regular file only: a FIFO would block the read for ever.
    let bytes = crate::fsutil::read_regular_file(path).map_err(|problem| TableError {
        path: label.clone(),
        location: TableLocation::File,
        problem,
    })?;
    parse_table(&bytes, &label, sheet)
}

/// Reads a table from its bytes; `path` only names it in messages.
pub fn parse_table(bytes: &[u8], path: &str, sheet: Option<&str>) -> Result<Table, TableError> {
    let file_error = |problem: String| TableError {
        path: path.to_string(),
        location: TableLocation::File,
        problem,
    };
    if sheet::is_workbook(bytes) {
        let sheet_rows = sheet::read_sheet(bytes, sheet).map_err(file_error)?;
        return build_table(
            sheet_rows.rows,
            TableFormat::Workbook { sheet: sheet_rows.sheet, sheets: sheet_rows.sheets },
            path,
        )
        .map_err(file_error);
    }
    if let Some(name) = sheet {
        return Err(file_error(format!(
            "a sheet ({name:?}) was asked for, but this is a text table, not a workbook"
        )));
    }
    parse_delimited(bytes, path)
}

/// A text table. Refused when a quote is never closed (the rest of the file would be one
/// cell); a last row the file was cut off in is left out (its last cell may be a cut number),
/// and the table's first note says so.
fn parse_delimited(bytes: &[u8], path: &str) -> Result<Table, TableError> {
    let error = |location: TableLocation, problem: String| TableError {
        path: path.to_string(),
        location,
        problem,
    };
    let (text, encoding) =
        decode::decode_text(bytes).map_err(|e| error(TableLocation::Line(e.line), e.problem))?;
    let delimiter = delimited::sniff_delimiter(&text);
    let mut quotes = delimited::QuoteTracker::new(delimiter);
    quotes.feed(text.as_bytes());
    if let Some(line) = quotes.unclosed() {
        return Err(error(TableLocation::Line(line), delimited::UNCLOSED_QUOTE.into()));
    }
    let mut rows = delimited::split_rows(&text, delimiter);
    let cut = delimited::cut_last_row(&text, &rows);
    if cut.is_some() {
        rows.pop();
    }
    let mut table = build_table(rows, TableFormat::Delimited { encoding, delimiter }, path)
        .map_err(|p| error(TableLocation::File, p))?;
    if let Some((line, cells, width)) = cut {
        let note = format!("file ends early at line {line}: its last row has {cells} of {width} cells and was left out (is the file cut off?)");
        table.notes.insert(0, note.clone());
        table.cut_short = Some(note);
    }
    Ok(table)
}

fn build_table(raw_rows: Vec<RawRow>, format: TableFormat, path: &str) -> Result<Table, String> {
    let decimal = match format {
        TableFormat::Delimited { delimiter: b';', .. } => DecimalMark::Comma,
        _ => DecimalMark::Point,
    };
    let rows: Vec<RawRow> =
        raw_rows.into_iter().filter(|r| r.cells.iter().any(|c| !c.trim().is_empty())).collect();
    if rows.is_empty() {
        return Err("the table is empty".into());
    }
    let choice = header::find_header(&rows, decimal);
    let columns_count = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header_row = choice.header.map(|i| &rows[i]);
    let (columns, mut notes) = header::column_names(header_row, columns_count);
    if choice.first_data > choice.header.map_or(0, |_| 1) {
        let skipped = choice.header.unwrap_or(choice.first_data);
        notes.insert(
            0,
            format!(
                "skipped {skipped} title line(s) above the {}",
                if choice.header.is_some() { "header" } else { "data" }
            ),
        );
    }
    let header_line = header_row.map(|r| r.line);
    let rows: Vec<TableRow> = rows
        .into_iter()
        .skip(choice.first_data)
        .map(|r| {
            let mut cells = r.cells;
            cells.resize(columns_count, String::new());
            TableRow { line: r.line, cells }
        })
        .collect();
    let table = Table {
        path: path.to_string(),
        format,
        columns,
        header_line,
        rows,
        decimal,
        notes,
        cut_short: None,
    };
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_refuses_the_table_and_a_cut_last_row_is_left_out_and_said_first() {
        let e = parse_table("县,GDP\n高要区,1\n\"四会市,2\n德庆县,3\n".as_bytes(), "t.csv", None)
            .expect_err("refused");
        assert_eq!(e.location, TableLocation::Line(3));
        assert!(
            e.to_string().starts_with("t.csv:3: a quote opened on this line is never closed"),
            "{e}"
        );
        let t = parse_table("县,GDP\n高要区,1\n四会市,2\n德庆县".as_bytes(), "t.csv", None)
            .expect("reads");
        assert_eq!(t.rows.len(), 2, "the cut row is left out");
        let cut = t.cut_short.as_deref().unwrap_or_default();
        assert_eq!(cut, "file ends early at line 4: its last row has 1 of 2 cells and was left out (is the file cut off?)");
        assert_eq!(t.notes.first().map(String::as_str), Some(cut), "the first note");
        let whole =
            parse_table("县,GDP\n高要区,1\n四会市,2".as_bytes(), "t.csv", None).expect("reads");
        assert_eq!(
            (whole.rows.len(), whole.cut_short.clone()),
            (2, None),
            "no final line break, but a whole row"
        );
    }

    #[test]
    fn reads_csv_with_title_line_and_blank_rows() {
        let text = "2023年县域,,\n区县,GDP,备注\n\n高要区,\"1,234.5\",x\n四会市,99\n";
        let t = parse_table(text.as_bytes(), "t.csv", None).expect("reads");
        assert_eq!(t.columns, vec!["区县", "GDP", "备注"]);
        assert_eq!(t.header_line, Some(2));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[0].cell(1), "1,234.5");
        assert_eq!(t.rows[1].cell(2), "");
        assert!(t.notes[0].contains("skipped 1 title line"), "{:?}", t.notes);
        assert_eq!(t.column_index("gdp"), Ok(1));
        assert_eq!(t.column_index("C"), Ok(2));
        assert_eq!(t.column_index("1"), Ok(0));
        assert!(t.column_index("人口").unwrap_err().contains("columns: \"区县\""));
    }

    #[test]
    fn errors_are_one_line_with_the_file() {
        let err = parse_table(b"", "empty.csv", None).unwrap_err();
        assert_eq!(err.to_string(), "empty.csv: the table is empty");
        let err = parse_table(b"a,b\n\xFF\xFE\xFD\n", "bad.csv", None).unwrap_err();
        assert!(err.to_string().starts_with("bad.csv:2: unknown text encoding"), "{err}");
        let err = parse_table(b"a,b\n", "t.csv", Some("Sheet1")).unwrap_err();
        assert!(err.to_string().contains("not a workbook"));
        let e = TableError {
            path: "t.xlsx".into(),
            location: TableLocation::SheetRow { sheet: "S".into(), row: 3 },
            problem: "x\ny".into(),
        };
        assert_eq!(e.to_string(), "t.xlsx [sheet \"S\"] row 3: x y");
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let mut state = 0x9e37_79b9_u32;
        for len in [0usize, 1, 2, 5, 17, 64, 300, 2000] {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 17;
                        state ^= state << 5;
                        [b',', b'"', b'\n', b';', b'\t', b'1', b'a', (state >> 24) as u8]
                            [(state % 8) as usize]
                    })
                    .collect();
                let _ = parse_table(&bytes, "fuzz.csv", None);
                let mut zip = b"PK\x03\x04".to_vec();
                zip.extend(&bytes);
                let _ = parse_table(&zip, "fuzz.xlsx", None);
            }
        }
    }
}
