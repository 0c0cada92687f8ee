//! Compare (issue 12): the indicators of pinned regions side by side.
//!
//! Pure: the table is built from the atlas, the pinned region codes and an area function (the
//! area lives in `theme::area`, above the model, so the caller passes it in). One row per
//! indicator name and period, so a figure the regions share lines up; a corrected value is shown
//! (and marked with its kind) because it is the one a reader should compare, the stated value
//! otherwise. Rows are built in one pass over each region's indicators (a hash map from row key
//! to row), never by comparing every pair.

use std::collections::HashMap;

use super::census::words;
use super::{Atlas, CorrectionKind, Indicator, RegionIdx, Subject};
use crate::i18n::Lang;

/// One region's entry in a row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The value shown: the corrected one where there is one, else the value as stated.
    pub text: String,
    pub unit: String,
    /// The leading number of `text`, for the bar chart (`None` for "about 30 lower" and such).
    pub number: Option<f64>,
    /// What the value is when it is not the stated one.
    pub correction: Option<CorrectionKind>,
    /// The area of an approximate (Voronoi) town: only as good as its cell.
    pub approximate: bool,
    /// Where a census value was read (`file:line column`), for the CSV and the hover.
    pub source: String,
    /// `source` as the Chinese hover gives it (the file, "(embedded)" in Chinese, and its line).
    pub source_zh: String,
    /// Why a census unit has no value, in both languages (shown in words in the cell, in full
    /// on hover, as the details panel does).
    pub no_value: Option<super::census::NoValue>,
    /// Why a change since 2010 may be compared, in both languages (on hover).
    pub comparable: Option<super::census::Comparable>,
    /// `text` and `unit` in the atlas's Chinese translation (empty: the same in both).
    pub text_zh: String,
    pub unit_zh: String,
}

impl Cell {
    /// The value and unit shown in `lang`.
    pub fn shown(&self, lang: crate::i18n::Lang) -> String {
        let pick = |en: &str, zh: &str| {
            if lang == crate::i18n::Lang::Zh && !zh.is_empty() {
                zh.to_string()
            } else {
                en.to_string()
            }
        };
        super::types::value_with_unit(
            lang,
            &pick(&self.text, &self.text_zh),
            &pick(&self.unit, &self.unit_zh),
        )
    }
}

/// A row: the same indicator and period (or a count) for every pinned region.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    pub period: String,
    /// `label` and `period` in the atlas's Chinese translation.
    pub label_zh: String,
    pub period_zh: String,
    /// One entry per pinned region, in pin order; `None` where the region has no such figure.
    pub cells: Vec<Option<Cell>>,
}

impl Row {
    /// "indicator (period)" in `lang`.
    pub fn title(&self, lang: crate::i18n::Lang) -> String {
        let zh = lang == crate::i18n::Lang::Zh;
        let label = if zh && !self.label_zh.is_empty() { &self.label_zh } else { &self.label };
        let period = if zh && !self.period_zh.is_empty() { &self.period_zh } else { &self.period };
        match (period.is_empty(), zh) {
            (true, _) => label.clone(),
            (false, false) => format!("{label} ({period})"),
            (false, true) => format!("{label}（{period}）"),
        }
    }

    /// Regions with a number in this row: a bar chart is drawn from two on.
    pub fn numbers(&self) -> usize {
        self.cells.iter().flatten().filter(|c| c.number.is_some()).count()
    }

    /// The largest number of the row (bars are scaled to it).
    pub fn max_number(&self) -> Option<f64> {
        self.cells.iter().flatten().filter_map(|c| c.number).reduce(f64::max)
    }
}

/// A pinned region as a column heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareTable {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Label of the area row (also the CSV's).
pub const AREA_ROW: &str = "area";
pub const PLACES_ROW: &str = "number of places";
pub const EXCERPTS_ROW: &str = "number of excerpts";

/// The table for `codes` (unknown codes are skipped). `area` gives a region's km² and whether
/// its shape is approximate.
pub fn compare_table(
    atlas: &Atlas,
    codes: &[String],
    area: impl Fn(RegionIdx) -> Option<(f64, bool)>,
) -> CompareTable {
    let regions: Vec<RegionIdx> = codes.iter().filter_map(|c| atlas.region_by_code(c)).collect();
    let n = regions.len();
    let columns = regions
        .iter()
        .map(|&i| {
            let r = &atlas.regions[i];
            Column { code: r.code.clone(), name_en: r.name_en.clone(), name_zh: r.name_zh.clone() }
        })
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: HashMap<(String, String), usize> = HashMap::new();
    for (col, &idx) in regions.iter().enumerate() {
        let subject = Subject::Region(atlas.regions[idx].code.clone());
        for ind in atlas.indicators_for(&subject) {
            let key = (ind.indicator.clone(), ind.period.clone());
            let row = *row_of.entry(key).or_insert_with(|| {
                rows.push(Row {
                    label: ind.indicator.clone(),
                    period: ind.period.clone(),
                    label_zh: ind.zh.indicator.clone(),
                    period_zh: ind.zh.period.clone(),
                    cells: vec![None; n],
                });
                rows.len() - 1
            });
            // Two figures for one region and row (a region and a place standing for it): the first wins.
            rows[row].cells[col].get_or_insert_with(|| indicator_cell(ind));
        }
    }
    rows.extend(census_rows(atlas, &regions));
    rows.push(count_row((AREA_ROW, "面积"), &regions, |i| {
        area(i).map(|(km2, approximate)| Cell {
            text: format!("{km2:.1}"),
            unit: "km²".into(),
            number: Some(km2),
            correction: None,
            approximate,
            source: String::new(),
            text_zh: String::new(),
            unit_zh: "平方千米".into(),
            ..Cell::default()
        })
    }));
    rows.push(count_row((PLACES_ROW, "地点数"), &regions, |i| {
        Some(count_cell(atlas.places_in(i).len()))
    }));
    rows.push(count_row((EXCERPTS_ROW, "摘录数"), &regions, |i| {
        Some(count_cell(atlas.excerpts_for(&Subject::Region(atlas.regions[i].code.clone())).len()))
    }));
    CompareTable { columns, rows }
}

/// A row of the atlas's own figures, labelled `(English, Chinese)`.
fn count_row(
    (label, label_zh): (&str, &str),
    regions: &[RegionIdx],
    cell: impl Fn(RegionIdx) -> Option<Cell>,
) -> Row {
    Row {
        label: label.into(),
        period: String::new(),
        label_zh: label_zh.into(),
        period_zh: String::new(),
        cells: regions.iter().map(|&i| cell(i)).collect(),
    }
}

fn count_cell(n: usize) -> Cell {
    Cell {
        text: n.to_string(),
        unit: String::new(),
        number: Some(n as f64),
        correction: None,
        approximate: false,
        source: String::new(),
        text_zh: String::new(),
        unit_zh: String::new(),
        ..Cell::default()
    }
}

/// Period of the census rows.
pub const CENSUS_PERIOD: &str = "2020 census";
/// [`CENSUS_PERIOD`] in Chinese.
pub const CENSUS_PERIOD_ZH: &str = "2020年普查";

/// One row per census statistic where a pinned region is a census unit (headline figures
/// first); a unit without a value shows "no data" with no bar.
fn census_rows(atlas: &Atlas, regions: &[RegionIdx]) -> Vec<Row> {
    let census = &atlas.census;
    if !regions.iter().any(|&r| census.has_unit(r)) {
        return Vec::new();
    }
    let headline = census.headline();
    let rest = (0..census.statistics.len()).filter(|i| !headline.contains(i));
    headline.iter().copied().chain(rest).map(|stat| census_row(atlas, stat, regions)).collect()
}

/// The row of census statistic `stat` for the pinned `regions`.
fn census_row(atlas: &Atlas, stat: usize, regions: &[RegionIdx]) -> Row {
    let census = &atlas.census;
    let s = &census.statistics[stat];
    let cells = regions
        .iter()
        .map(|&r| match census.value(stat, r)? {
            Ok(v) => Some(Cell {
                text: s.format(v.value),
                unit: s.unit_en.clone(),
                number: Some(v.value),
                source: v
                    .cells
                    .first()
                    .map_or(String::new(), |c| format!("{}:{} ({})", c.file, c.line, v.formula)),
                // The formula's words (`share`, `c2010.…`) are the catalogue's notation: the
                // Chinese hover cites the file and line only.
                source_zh: v.cells.first().map_or(String::new(), |c| {
                    format!("{} 第 {} 行", super::census::crosscheck::path_zh(&c.file), c.line)
                }),
                unit_zh: s.unit_zh.clone(),
                comparable: v.note.clone(),
                ..Cell::default()
            }),
            Err(why) => Some(Cell {
                text: words::no_data_short(why, Lang::En),
                text_zh: words::no_data_short(why, Lang::Zh),
                source: why.en.clone(),
                no_value: Some(why.clone()),
                ..Cell::default()
            }),
        })
        .collect();
    Row {
        label: s.name_en.clone(),
        period: CENSUS_PERIOD.into(),
        label_zh: s.name_zh.clone(),
        period_zh: CENSUS_PERIOD_ZH.into(),
        cells,
    }
}

fn indicator_cell(ind: &Indicator) -> Cell {
    let corrected = ind.is_corrected() && !ind.value_corrected.trim().is_empty();
    let z = &ind.zh;
    let ((text, unit), (text_zh, unit_zh)) = if corrected {
        let unit = if ind.unit_corrected.trim().is_empty() {
            (&ind.unit_as_stated, &z.unit)
        } else {
            (&ind.unit_corrected, &z.unit_corrected)
        };
        ((ind.value_corrected.clone(), unit.0.clone()), (z.value_corrected.clone(), unit.1.clone()))
    } else {
        (
            (ind.value_as_stated.clone(), ind.unit_as_stated.clone()),
            (z.value.clone(), z.unit.clone()),
        )
    };
    let correction = if corrected { ind.correction_kind } else { None };
    Cell {
        number: leading_number(&text),
        text,
        unit,
        correction,
        approximate: false,
        source: String::new(),
        text_zh,
        unit_zh,
        ..Cell::default()
    }
}

/// The number a value starts with ("47.51", "1,234 ha", "about 30" → `None`: a hedged figure is
/// not drawn as a bar as if it were exact).
pub fn leading_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .unwrap_or(t.len());
    let digits: String = t[..end].chars().filter(|&c| c != ',').collect();
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The table as CSV text (the caller adds the BOM and writes atomically): indicator, period,
/// unit, then per region its value and, where corrected, the kind of correction.
pub fn to_csv(table: &CompareTable) -> String {
    let mut header = vec!["indicator".to_string(), "period".to_string()];
    for c in &table.columns {
        header.push(format!("{} {} ({})", c.name_en, c.name_zh, c.code));
        header.push(format!("{} unit", c.code));
        header.push(format!("{} note", c.code));
    }
    let mut out = csv_line(&header);
    for row in &table.rows {
        let mut fields = vec![row.label.clone(), row.period.clone()];
        for cell in &row.cells {
            let (text, unit, note) = match cell {
                Some(c) => (c.text.clone(), c.unit.clone(), cell_note(c)),
                None => Default::default(),
            };
            fields.extend([text, unit, note]);
        }
        out.push_str(&csv_line(&fields));
    }
    out
}

/// "converted", "approximate boundary", a census source, or empty: what the CSV and the
/// window mark.
pub fn cell_note(cell: &Cell) -> String {
    cell_note_in(cell, crate::i18n::Lang::En)
}

/// [`cell_note`] in `lang` (the window's hover text): a census unit without a value gives its
/// reason as the details panel does (`words::no_data_text`); a change since 2010 says why it
/// may be compared.
pub fn cell_note_in(cell: &Cell, lang: Lang) -> String {
    if let Some(why) = &cell.no_value {
        return words::no_data_text(why, lang);
    }
    match (cell.correction, cell.approximate, lang) {
        (Some(kind), _, Lang::En) => format!("corrected: {}", kind.describe_en()),
        (Some(kind), _, Lang::Zh) => format!("非原文数值：{}", kind.describe_zh()),
        (None, true, _) => lang.pick("approximate boundary", "近似边界").into(),
        (None, false, _) if !cell.source.is_empty() => {
            let source = if lang == Lang::Zh && !cell.source_zh.is_empty() {
                &cell.source_zh
            } else {
                &cell.source
            };
            let mut note = format!("{}{source}", lang.pick("census: ", "人口普查："));
            if let Some(why) = &cell.comparable {
                let lead = lang.pick("Comparable because: ", "可比依据：");
                note.push_str(&format!("\n{lead}{}", why.text(lang)));
            }
            note
        }
        (None, false, _) => String::new(),
    }
}

fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::source::DataSource;

    const SIHUI: &str = "441284";
    const GAOYAO: &str = "441204";

    /// The embedded atlas with one more indicator: Gaoyao's tangerine output beside Deqing's (441226).
    fn atlas_with_shared_indicator() -> Atlas {
        let mut atlas = Atlas::load(&DataSource::Embedded).expect("embedded data loads");
        let mut ind = atlas
            .indicators
            .iter()
            .find(|i| i.subject == "441226")
            .expect("Deqing has IND057")
            .clone();
        ind.id = "IND_TEST".into();
        ind.subject = GAOYAO.into();
        ind.value_as_stated = "12 million jin".into();
        ind.correction_kind = None;
        ind.value_corrected.clear();
        atlas.indicators.push(ind);
        atlas.rebuild_indexes();
        atlas
    }

    #[test]
    fn a_shared_indicator_is_one_row_with_both_values() {
        let atlas = atlas_with_shared_indicator();
        let table =
            compare_table(&atlas, &["441226".into(), GAOYAO.into()], |_| Some((100.0, false)));
        let rows: Vec<&Row> =
            table.rows.iter().filter(|r| r.label == "tribute tangerine output").collect();
        assert_eq!(rows.len(), 1, "{:?}", table.rows);
        let cells = &rows[0].cells;
        let deqing = cells[0].as_ref().expect("Deqing's value");
        assert!(deqing.correction.is_some(), "Deqing's figure is converted: {deqing:?}");
        assert_eq!(cells[1].as_ref().map(|c| c.text.as_str()), Some("12 million jin"));
        assert_eq!(rows[0].numbers(), 2);
    }

    #[test]
    fn counts_and_area_rows_follow_the_indicators() {
        let atlas = Atlas::load(&DataSource::Embedded).expect("embedded data loads");
        let table = compare_table(&atlas, &[SIHUI.into(), "nope".into(), GAOYAO.into()], |i| {
            Some((i as f64, i % 2 == 0))
        });
        assert_eq!(table.columns.len(), 2, "an unknown code is skipped");
        let labels: Vec<&str> = table.rows.iter().rev().take(3).map(|r| r.label.as_str()).collect();
        assert_eq!(labels, [EXCERPTS_ROW, PLACES_ROW, AREA_ROW]);
        let sihui = atlas.region_by_code(SIHUI).expect("Sihui");
        let places = table.rows.iter().find(|r| r.label == PLACES_ROW).expect("places row");
        assert_eq!(
            places.cells[0].as_ref().map(|c| c.text.clone()),
            Some(atlas.places_in(sihui).len().to_string())
        );
    }

    #[test]
    fn csv_quotes_and_marks_corrections() {
        let atlas = atlas_with_shared_indicator();
        let table = compare_table(&atlas, &["441226".into(), GAOYAO.into()], |_| None);
        let csv = to_csv(&table);
        let line = csv
            .lines()
            .find(|l| l.starts_with("tribute tangerine output,2022,"))
            .expect("the shared row");
        assert!(line.contains("corrected: converted") && line.contains("12 million jin"), "{line}");
        assert_eq!(
            csv_line(&["a,b".into(), "say \"hi\"".into()]),
            "\"a,b\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("47.51"), Some(47.51));
        assert_eq!(leading_number("1,234 ha"), Some(1234.0));
        assert_eq!(leading_number("about 30 lower"), None);
        assert_eq!(leading_number(""), None);
    }
}
