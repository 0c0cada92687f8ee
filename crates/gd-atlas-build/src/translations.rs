//! The atlas's own Chinese translation of what `indicators.csv` states in English: indicator
//! names, the source's subject labels, values as stated, units, periods and corrected readings.
//! The 中文 interface shows them, marked as the atlas's translation; the quoted sentence stays
//! verbatim. They live here, beside the build, because `../shared` has none: the build writes
//! them as the `*_zh` columns of `data/indicators.csv`.

use std::collections::BTreeMap;
use std::path::Path;

use super::io::{line_err, BuildResult};

/// The columns, in the order `data/indicators.csv` ends with them.
pub const INDICATOR_ZH_COLUMNS: [&str; 7] = ["indicator_zh", "subject_label_zh", "value_zh", "unit_zh", "period_zh", "value_corrected_zh", "unit_corrected_zh"];

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
        .map(|c| headers.iter().position(|h| h == c).ok_or_else(|| line_err(path, 1, format!("missing column {c:?}"))))
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
            (false, true) => return Err(format!("{id}: {column} is empty but the English column is not ({INDICATORS_ZH_PATH})")),
            (true, false) => return Err(format!("{id}: {column} {zh:?} translates an empty column ({INDICATORS_ZH_PATH})")),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_pairs_are_checked() {
        let t = indicator_translations().expect("reads");
        assert!(t.len() >= 100);
        let ok = ["name", "", "12", "%", "2022", "", ""];
        let zh: Vec<String> = ["名称", "", "12", "%", "2022年", "", ""].map(String::from).to_vec();
        assert_eq!(check_pairs("IND1", &ok, &zh), Ok(()));
        let missing: Vec<String> = ["名称", "", "12", "", "2022年", "", ""].map(String::from).to_vec();
        assert!(check_pairs("IND1", &ok, &missing).unwrap_err().contains("unit_zh"));
    }
}
