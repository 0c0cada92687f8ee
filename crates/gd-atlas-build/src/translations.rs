//! The atlas's own Chinese translation of what `indicators.csv` states in English: indicator
//! names, the source's subject labels, values as stated, units, periods and corrected readings.
//! The 中文 interface shows them, marked as the atlas's translation; the quoted sentence stays
//! verbatim. They live here, beside the build, because `../shared` has none: the build writes
//! them as the `*_zh` columns of `data/indicators.csv`.

use std::collections::BTreeMap;
use std::path::Path;

use super::io::{line_err, BuildResult};

/// The columns, in the order `data/indicators.csv` ends with them.
pub const INDICATOR_ZH_COLUMNS: [&str; 7] = [
    "indicator_zh",
    "subject_label_zh",
    "value_zh",
    "unit_zh",
    "period_zh",
    "value_corrected_zh",
    "unit_corrected_zh",
];

/// Where the table is, for error messages.
pub const INDICATORS_ZH_PATH: &str = "crates/gd-atlas-build/translations/indicators_zh.csv";

const INDICATORS_ZH: &str = include_str!("../translations/indicators_zh.csv");

/// Each indicator id's Chinese columns, in [`INDICATOR_ZH_COLUMNS`] order.
pub fn indicator_translations() -> BuildResult<BTreeMap<String, Vec<String>>> {
    let path = Path::new(INDICATORS_ZH_PATH);
    let mut reader = csv::ReaderBuilder::new().from_reader(INDICATORS_ZH.as_bytes());
    let headers = reader.headers().map_err(|e| line_err(path, 1, e))?.clone();
    let index: Vec<usize> = std::iter::once("id")
        .chain(INDICATOR_ZH_COLUMNS)
        .map(|c| {
            headers
                .iter()
                .position(|h| h == c)
                .ok_or_else(|| line_err(path, 1, format!("missing column {c:?}")))
        })
        .collect::<BuildResult<_>>()?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| line_err(path, e.position().map_or(0, |p| p.line()), e))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(index[i]).unwrap_or_default().trim().to_string();
        let id = cell(0);
        if out.insert(id.clone(), (1..index.len()).map(cell).collect()).is_some() {
            return Err(line_err(path, line, format!("{id} is translated twice")));
        }
    }
    Ok(out)
}

/// The Chinese columns of one row: each present exactly when its English column is (`english`
/// in the same order: indicator, subject label, value, unit, period, corrected value and unit).
pub fn check_pairs(id: &str, english: &[&str; 7], zh: &[String]) -> Result<(), String> {
    for ((column, en), zh) in INDICATOR_ZH_COLUMNS.iter().zip(english).zip(zh) {
        match (en.trim().is_empty(), zh.is_empty()) {
            (false, true) => {
                return Err(format!(
                    "{id}: {column} is empty but the English column is not ({INDICATORS_ZH_PATH})"
                ))
            }
            (true, false) => {
                return Err(format!(
                    "{id}: {column} {zh:?} translates an empty column ({INDICATORS_ZH_PATH})"
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where the notes' table is, for error messages.
pub const NOTES_ZH_PATH: &str = "crates/gd-atlas-build/translations/notes_zh.csv";

const NOTES_ZH: &str = include_str!("../translations/notes_zh.csv");

/// The atlas's Chinese translation of its free-text notes, keyed by field and English text:
/// indicators' `correction_reason` (field `correction_reason`) and expressway lines' `source`
/// and `note` (`line_source`, `line_note`). Keyed by the text rather than a row id because one
/// note serves several rows; the build fails on an English text without its translation and on
/// a translation no row uses, so the table cannot drift from the data.
pub struct NoteTranslations {
    table: BTreeMap<(String, String), String>,
    used: std::collections::BTreeSet<(String, String)>,
}

impl NoteTranslations {
    /// Reads the table embedded from [`NOTES_ZH_PATH`] (`field,en,zh`).
    pub fn load() -> BuildResult<Self> {
        Self::parse(NOTES_ZH)
    }

    fn parse(text: &str) -> BuildResult<Self> {
        let path = Path::new(NOTES_ZH_PATH);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| line_err(path, 1, e))?.clone();
        if headers.iter().collect::<Vec<_>>() != ["field", "en", "zh"] {
            return Err(line_err(path, 1, "expected the columns field,en,zh"));
        }
        let mut table = BTreeMap::new();
        for record in reader.records() {
            let record =
                record.map_err(|e| line_err(path, e.position().map_or(0, |p| p.line()), e))?;
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: usize| record.get(i).unwrap_or_default().trim().to_string();
            let (field, en, zh) = (cell(0), cell(1), cell(2));
            if en.is_empty() || zh.is_empty() {
                return Err(line_err(path, line, "en and zh must both be filled"));
            }
            if table.insert((field, en.clone()), zh).is_some() {
                return Err(line_err(path, line, format!("{en:?} is translated twice")));
            }
        }
        Ok(NoteTranslations { table, used: Default::default() })
    }

    /// The Chinese of `en` in `field` (empty for an empty text). The error names the text and
    /// the table to add it to.
    pub fn zh(&mut self, field: &str, en: &str) -> Result<String, String> {
        let en = en.trim();
        if en.is_empty() {
            return Ok(String::new());
        }
        let key = (field.to_string(), en.to_string());
        let zh = self.table.get(&key).cloned().ok_or_else(|| {
            format!("{field} {en:?} has no Chinese translation in {NOTES_ZH_PATH}")
        })?;
        self.used.insert(key);
        Ok(zh)
    }

    /// Fails on the first translation of `field` that no row asked for (a note that changed or
    /// went away in `../shared`).
    pub fn check_all_used(&self, field: &str) -> BuildResult<()> {
        match self.table.keys().find(|k| k.0 == field && !self.used.contains(*k)) {
            Some((_, en)) => Err(line_err(
                Path::new(NOTES_ZH_PATH),
                0,
                format!("{field} {en:?} is translated but no row has it"),
            )),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_looked_up_by_field_and_text_and_unused_ones_are_named() {
        let mut t = NoteTranslations::parse(
            "field,en,zh\nline_note,Very coarse.,非常粗略。\nline_note,Gone.,已删。\n",
        )
        .expect("reads");
        assert_eq!(t.zh("line_note", " Very coarse. ").as_deref(), Ok("非常粗略。"));
        assert_eq!(t.zh("line_note", "").as_deref(), Ok(""));
        assert!(t
            .zh("line_source", "Very coarse.")
            .unwrap_err()
            .contains("no Chinese translation"));
        assert!(t.check_all_used("line_note").unwrap_err().to_string().contains("Gone."));
        assert!(t.check_all_used("line_source").is_ok());
        assert!(
            NoteTranslations::parse("field,en,zh\nline_note,x,\n").is_err(),
            "an empty translation"
        );
        assert!(NoteTranslations::load().expect("the embedded table reads").table.len() >= 30);
    }

    #[test]
    fn the_table_reads_and_pairs_are_checked() {
        let t = indicator_translations().expect("reads");
        assert!(t.len() >= 100);
        let ok = ["name", "", "12", "%", "2022", "", ""];
        let zh: Vec<String> = ["名称", "", "12", "%", "2022年", "", ""].map(String::from).to_vec();
        assert_eq!(check_pairs("IND1", &ok, &zh), Ok(()));
        let missing: Vec<String> =
            ["名称", "", "12", "", "2022年", "", ""].map(String::from).to_vec();
        assert!(check_pairs("IND1", &ok, &missing).unwrap_err().contains("unit_zh"));
    }
}
