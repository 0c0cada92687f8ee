//! The window's thematic map: the spec (persisted in the settings), the built theme shared with
//! the scene and the exports, and the table it came from, kept so that changing the column, the
//! key or the classification does not read the file again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Atlas;
use crate::table::number::{parse_cell, CellValue};
use crate::table::{read_table, Table};
use crate::theme::{join, level, table_values, AttributeSpec, Overrides, Theme, ThemeSpec};

/// Rows looked at to decide whether a column holds numbers.
const SAMPLE_ROWS: usize = 1000;

/// A table read from a file, with what the panel offers from it.
struct LoadedTable {
    path: PathBuf,
    sheet: Option<String>,
    table: Table,
}

/// The built theme and what the panel shows about it.
#[derive(Default)]
pub struct ThemeState {
    pub theme: Option<Arc<Theme>>,
    /// Bumped on every rebuild (or removal): the scene cache's key for the theme.
    pub generation: u64,
    /// Why the theme in the settings is not drawn (one line).
    pub error: Option<String>,
    /// Columns of the loaded table, and those that hold numbers (value column choices).
    pub columns: Vec<String>,
    pub value_columns: Vec<String>,
    /// The last "Save report as CSV": the path written or the one-line error.
    pub report_status: Option<Result<PathBuf, String>>,
    /// The last table theme, kept when the user switches to Off or an atlas figure, so that
    /// choosing "Table" again brings it back (from the table read before, not the file).
    pub last_table: Option<ThemeSpec>,
    table: Option<LoadedTable>,
}

impl ThemeState {
    /// Builds the theme of `spec`; an error leaves no theme drawn and a message.
    pub fn set(&mut self, atlas: &Atlas, spec: Option<&ThemeSpec>) {
        self.generation += 1;
        if let Some(s) = spec.filter(|s| matches!(s.source, AttributeSpec::Table { .. })) {
            self.last_table = Some(s.clone());
        }
        let Some(spec) = spec else {
            self.theme = None;
            self.error = None;
            return;
        };
        match self.build(atlas, spec) {
            Ok(theme) => {
                self.theme = Some(Arc::new(theme));
                self.error = None;
            }
            Err(e) => {
                self.theme = None;
                self.error = Some(e);
            }
        }
    }

    /// Reads a table file (again, even if it was read before: it may have been edited) and
    /// returns a spec for it: the first column of numbers that is not the key or the parent,
    /// with `style`'s classification. On error the table shown before stays.
    pub fn load_table(
        &mut self,
        atlas: &Atlas,
        path: &Path,
        style: Option<&ThemeSpec>,
    ) -> Result<ThemeSpec, String> {
        let before = (
            self.table.take(),
            std::mem::take(&mut self.columns),
            std::mem::take(&mut self.value_columns),
        );
        let spec =
            self.load_file(path, None).and_then(|()| self.spec_for_loaded(atlas, path, style));
        match spec {
            Ok(spec) => {
                // The spec may equal the old one: never reuse the old values.
                self.theme = None;
                Ok(spec)
            }
            Err(e) => {
                (self.table, self.columns, self.value_columns) = before;
                Err(e)
            }
        }
    }

    fn spec_for_loaded(
        &self,
        atlas: &Atlas,
        path: &Path,
        style: Option<&ThemeSpec>,
    ) -> Result<ThemeSpec, String> {
        let table = &self.table.as_ref().map(|t| &t.table).ok_or("no table")?;
        let report = join::join_table(atlas, table, &Overrides::default())?;
        let column = self
            .value_columns
            .iter()
            .find(|c| **c != report.key_column && Some(*c) != report.parent_column.as_ref())
            .cloned()
            .ok_or_else(|| {
                format!("{}: no column other than the key holds numbers", path.display())
            })?;
        let source = AttributeSpec::Table {
            path: path.to_path_buf(),
            sheet: None,
            column,
            key: None,
            parent: None,
            level: None,
        };
        Ok(restyle(style, source))
    }

    fn build(&mut self, atlas: &Atlas, spec: &ThemeSpec) -> Result<Theme, String> {
        if let Some(old) = &self.theme {
            if old.spec.source == spec.source && old.spec.per_km2 == spec.per_km2 {
                return Theme::from_values(spec.clone(), old.values.clone(), old.join.clone());
            }
        }
        let AttributeSpec::Table { path, sheet, column, key, parent, level: table_level } =
            &spec.source
        else {
            return Theme::build(atlas, spec.clone());
        };
        let same_file = self.table.as_ref().is_some_and(|t| t.path == *path && t.sheet == *sheet);
        if !same_file {
            self.load_file(path, sheet.as_deref())?;
        }
        let table = &self.table.as_ref().map(|t| &t.table).ok_or("no table")?;
        let overrides = Overrides { key: key.clone(), parent: parent.clone(), level: *table_level };
        let report = join::join_table(atlas, table, &overrides)?;
        let values = table_values::table_values(
            table,
            &report,
            column,
            level::theme_units(atlas, report.level),
        )?;
        let values = if spec.per_km2 { values.per_km2(atlas) } else { values };
        Theme::from_values(spec.clone(), values, Some(report))
    }

    /// Reads the file into the cache; a file that has gone missing says so plainly.
    fn load_file(&mut self, path: &Path, sheet: Option<&str>) -> Result<(), String> {
        if !crate::platform::file_exists(path) {
            return Err(format!("{}: the table file is missing; the theme is not drawn (load it again or choose another)", path.display()));
        }
        let table = read_table(path, sheet).map_err(|e| e.to_string())?;
        self.columns = table.columns.clone();
        self.value_columns = numeric_columns(&table);
        if self.value_columns.is_empty() {
            return Err(format!("{}: no column holds numbers", path.display()));
        }
        self.table =
            Some(LoadedTable { path: path.to_path_buf(), sheet: sheet.map(str::to_string), table });
        Ok(())
    }

    /// Writes the join report as CSV (atomically) and records the outcome for the panel.
    pub fn save_report(&mut self, path: PathBuf) {
        let result = match self.theme.as_ref().and_then(|t| t.join.as_ref()) {
            Some(report) => crate::platform::write_user_file(
                &path,
                &crate::theme::report_csv::report_csv(report),
            )
            .map(|()| path),
            None => Err("no table theme: nothing to report".to_string()),
        };
        self.report_status = Some(result);
    }
}

/// A spec for a new source with the classification of `style`.
fn restyle(style: Option<&ThemeSpec>, source: AttributeSpec) -> ThemeSpec {
    match style {
        Some(s) => ThemeSpec { source, ..s.clone() },
        None => ThemeSpec::new(source),
    }
}

/// Columns where at least half of the non-empty cells of the first rows are numbers.
pub fn numeric_columns(table: &Table) -> Vec<String> {
    let rows = &table.rows[..table.rows.len().min(SAMPLE_ROWS)];
    (0..table.columns.len())
        .filter(|&col| {
            let (mut numbers, mut filled) = (0usize, 0usize);
            for row in rows {
                match parse_cell(row.cell(col), table.decimal) {
                    CellValue::Number { .. } => {
                        numbers += 1;
                        filled += 1;
                    }
                    CellValue::Text => filled += 1,
                    CellValue::Empty => {}
                }
            }
            numbers > 0 && numbers * 2 >= filled
        })
        .map(|col| table.columns[col].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::parse_table;

    #[test]
    fn numeric_columns_skip_names_and_mostly_text_columns() {
        let csv = "县,GDP,备注\n高要区,\"1,200\",好\n端州区,—,x\n四会市,300,\n";
        let table = parse_table(csv.as_bytes(), "t.csv", None).expect("reads");
        assert_eq!(numeric_columns(&table), vec!["GDP".to_string()]);
    }
}
