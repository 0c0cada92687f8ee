//! The raw census tables of `data/census/`, verbatim copies of the yearbook extracts: every
//! figure the atlas shows is read from one of their cells, so a figure can always name its
//! file, line and column.

use std::collections::HashMap;

use super::super::error::LoadError;
use super::formula::{ColumnRef, TableId};

/// File names inside `data/`.
pub mod files {
    pub const CATALOGUE: &str = "census/catalogue.csv";
    pub const C2020: &str = "census/census2020_county_guangdong.csv";
    pub const C2010: &str = "census/census2010_county_guangdong.csv";
    pub const CITY: &str = "census/census_city_2010_2020_guangdong.csv";
    pub const CHINA_COUNTY_CITIES: &str = "census/census2020_county_level_cities_china.csv";
    pub const UNIT_NOTES: &str = "census/unit_notes.csv";
}

/// The file of each table, and the columns holding its unit's code and name.
pub fn layout(table: TableId) -> (&'static str, &'static str, &'static str) {
    match table {
        TableId::C2020 => (files::C2020, "区划代码", "区县"),
        TableId::C2010 => (files::C2010, "区划代码", "地区"),
        TableId::City => (files::CITY, "city_code", "city"),
    }
}

/// One table: header, rows of cells with their 1-based lines, rows by unit code.
#[derive(Clone, Debug, Default)]
pub struct RawTable {
    /// The path shown to users (`data/census/….csv`).
    pub path: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub lines: Vec<u64>,
    by_code: HashMap<String, usize>,
    by_header: HashMap<String, usize>,
    code_column: usize,
    name_column: usize,
}

/// One cell, with everything needed to cite it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell<'a> {
    pub path: &'a str,
    pub line: u64,
    pub header: &'a str,
    /// The cell's text as the file has it (`NA` included).
    pub stated: &'a str,
}

impl RawTable {
    /// Reads a table; `code` and `name` are the columns that identify a row's unit.
    pub fn parse(text: &str, path: &str, code: &str, name: &str) -> Result<RawTable, LoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| LoadError::line(path, 1, e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let by_header: HashMap<String, usize> =
            headers.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
        let column = |wanted: &str| {
            by_header
                .get(wanted)
                .copied()
                .ok_or_else(|| LoadError::line(path, 1, format!("missing column {wanted:?}")))
        };
        let (code_column, name_column) = (column(code)?, column(name)?);
        let mut table = RawTable {
            path: path.to_string(),
            headers,
            code_column,
            name_column,
            by_header,
            ..RawTable::default()
        };
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                let problem = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("row has {len} fields, the header has {expected_len}")
                    }
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
                    _ => e.to_string(),
                };
                LoadError::line(path, line, problem)
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            let code = cells[code_column].clone();
            if code.is_empty() {
                return Err(LoadError::line(
                    path,
                    line,
                    format!("empty {:?}", table.headers[code_column]),
                ));
            }
            if table.by_code.insert(code.clone(), table.rows.len()).is_some() {
                return Err(LoadError::line(path, line, format!("code {code} appears twice")));
            }
            table.rows.push(cells);
            table.lines.push(line);
        }
        Ok(table)
    }

    pub fn has_column(&self, header: &str) -> bool {
        self.by_header.contains_key(header)
    }

    pub fn row_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// The unit's name as the table writes it.
    pub fn name(&self, row: usize) -> &str {
        self.rows[row][self.name_column].as_str()
    }

    pub fn cell(&self, row: usize, header: &str) -> Option<Cell<'_>> {
        let column = *self.by_header.get(header)?;
        Some(Cell {
            path: &self.path,
            line: self.lines[row],
            header: &self.headers[column],
            stated: &self.rows[row][column],
        })
    }

    /// The unit's code.
    pub fn code(&self, row: usize) -> &str {
        self.rows[row][self.code_column].as_str()
    }
}

/// A cell read as a number: `None` for `NA` or an empty cell (no value, never zero).
pub fn number(stated: &str) -> Result<Option<f64>, String> {
    let text = stated.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("NA") {
        return Ok(None);
    }
    text.parse::<f64>().map(Some).map_err(|_| format!("{text:?} is not a number"))
}

/// The three tables, by id.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub c2020: RawTable,
    pub c2010: RawTable,
    pub city: RawTable,
}

impl Tables {
    pub fn get(&self, table: TableId) -> &RawTable {
        match table {
            TableId::C2020 => &self.c2020,
            TableId::C2010 => &self.c2010,
            TableId::City => &self.city,
        }
    }

    /// The cell of `column` in the row of `code`, if the table has both.
    pub fn cell(&self, code: &str, column: &ColumnRef) -> Option<Cell<'_>> {
        let table = self.get(column.table);
        table.cell(table.row_of(code)?, &column.header)
    }
}
