//! Workbooks (XLSX, XLS, ODS) → rows of cells via `calamine`. One sheet is read: the one asked
//! for, else the first. Cells become the text a planner sees, so numbers read back unchanged
//! (`441204` stays a code, not `441204.0`).

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use super::RawRow;

/// The first bytes of a ZIP container (XLSX, ODS) and of an OLE compound file (XLS).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// A sheet's rows (with their 1-based sheet row numbers), and the sheet's name.
pub struct SheetRows {
    pub sheet: String,
    pub sheets: Vec<String>,
    pub rows: Vec<RawRow>,
}

/// Reads one sheet. Errors are one line without the file name (the caller adds it).
pub fn read_sheet(bytes: &[u8], wanted: Option<&str>) -> Result<SheetRows, String> {
    // calamine parses untrusted bytes; a panic inside it must not take the app down.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_sheet_inner(bytes, wanted)));
    result.unwrap_or_else(|_| {
        Err("the spreadsheet reader failed on this file (damaged workbook?)".into())
    })
}

fn read_sheet_inner(bytes: &[u8], wanted: Option<&str>) -> Result<SheetRows, String> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        "not a readable XLSX/XLS/ODS workbook (damaged, or password-protected?)".to_string()
    })?;
    let sheets = workbook.sheet_names();
    let list = || sheets.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
    let sheet = match wanted {
        Some(name) => sheets
            .iter()
            .find(|s| s.as_str() == name)
            .or_else(|| sheets.iter().find(|s| s.trim().eq_ignore_ascii_case(name.trim())))
            .cloned()
            .ok_or_else(|| format!("no sheet named {name:?}; sheets: {}", list()))?,
        None => sheets.first().cloned().ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| format!("sheet {sheet:?} cannot be read: {e}"))?;
    let Some((first_row, first_col)) = range.start() else {
        return Err(format!("sheet {sheet:?} is empty; sheets: {}", list()));
    };
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Leading empty columns keep the sheet's own column letters.
            let mut texts: Vec<String> = vec![String::new(); first_col as usize];
            texts.extend(cells.iter().map(cell_text));
            RawRow { line: u64::from(first_row) + i as u64 + 1, cells: texts }
        })
        .collect();
    Ok(SheetRows { sheet, sheets, rows })
}

/// The text of a cell as the planner sees it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // `f64` displays integral values without a fraction and never in exponent form.
        Data::Float(f) => format!("{f}"),
        Data::Error(e) => format!("#{e:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_workbooks_without_panicking() {
        assert!(!is_workbook(b"a,b\n"));
        assert!(is_workbook(b"PK\x03\x04rest"));
        let err = read_sheet(b"PK\x03\x04 not really a zip", None).err().unwrap_or_default();
        assert!(err.contains("not a readable"), "{err}");
    }
}
