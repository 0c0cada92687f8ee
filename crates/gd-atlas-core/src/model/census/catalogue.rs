//! `data/census/catalogue.csv`: what each census statistic is — its stable id, names and unit in
//! both languages, its group, a one-line definition, the formula over named source columns, and
//! how a map of it reads best. Everything that shows a census figure takes its words from here.

use serde::Deserialize;

use super::super::error::LoadError;
use super::super::rows::parse_csv;
use super::formula::Formula;

pub const COLUMNS: &[&str] = &[
    "id",
    "group",
    "group_en",
    "group_zh",
    "name_en",
    "name_zh",
    "unit_en",
    "unit_zh",
    "decimals",
    "formula",
    "definition_en",
    "definition_zh",
    "headline",
    "map_method",
    "map_classes",
    "map_palette",
    "map_centre",
];

#[derive(Deserialize)]
struct Row {
    id: String,
    group: String,
    group_en: String,
    group_zh: String,
    name_en: String,
    name_zh: String,
    unit_en: String,
    unit_zh: String,
    decimals: u8,
    formula: String,
    definition_en: String,
    definition_zh: String,
    headline: Option<u8>,
    map_method: String,
    map_classes: usize,
    map_palette: String,
    map_centre: String,
}

/// Where a diverging map of the statistic is centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Centre {
    /// The province's own value (above / below the Guangdong figure).
    Province,
    /// A fixed value (0 for a change).
    Value(f64),
}

/// How a map of the statistic reads best (the thematic panel's defaults; all can be changed).
#[derive(Clone, Debug, PartialEq)]
pub struct MapDefaults {
    /// `quantile`, `equal` or `jenks` (as `theme::Method::parse` reads them).
    pub method: String,
    pub classes: usize,
    pub palette: String,
    pub centre: Option<Centre>,
}

/// One statistic of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Statistic {
    pub id: String,
    pub group: String,
    pub group_en: String,
    pub group_zh: String,
    pub name_en: String,
    pub name_zh: String,
    pub unit_en: String,
    pub unit_zh: String,
    /// Decimals the data supports (shares of a 10 % long-form sample get fewer).
    pub decimals: u8,
    pub formula: Formula,
    pub definition_en: String,
    pub definition_zh: String,
    /// Position among the headline figures of the details panel, if one.
    pub headline: Option<u8>,
    pub map: MapDefaults,
    /// Line in the catalogue.
    pub line: u64,
}

impl Statistic {
    /// A count (people, households) adds up over units: a county's is not comparable with the
    /// province's, while a share, mean or density is.
    pub fn is_count(&self) -> bool {
        self.formula.alternatives.iter().all(|a| a.kind == super::formula::Kind::Count)
    }

    /// The value formatted to the precision the data supports, with thousands separators.
    pub fn format(&self, value: f64) -> String {
        format_number(value, self.decimals)
    }
}

/// `1234567.891` with 2 decimals → `1,234,567.89`.
pub fn format_number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "−" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Reads the catalogue; a bad row is one line naming its line and column.
pub fn parse_catalogue(text: &str, path: &str) -> Result<Vec<Statistic>, LoadError> {
    let rows: Vec<(u64, Row)> = parse_csv(text, path, COLUMNS)?;
    let mut out: Vec<Statistic> = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        let err = |problem: String| LoadError::line(path, line, problem);
        if row.id.is_empty()
            || !row.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(err(format!("id {:?}: lower-case letters, digits and _ only", row.id)));
        }
        if out.iter().any(|s| s.id == row.id) {
            return Err(err(format!("id {:?} appears twice", row.id)));
        }
        if let Some(other) = out.iter().find(|s| {
            s.group == row.group && (s.group_en != row.group_en || s.group_zh != row.group_zh)
        }) {
            return Err(err(format!(
                "group {:?} is named differently on line {}",
                row.group, other.line
            )));
        }
        let formula =
            Formula::parse(&row.formula).map_err(|e| err(format!("column \"formula\": {e}")))?;
        let centre = match row.map_centre.trim() {
            "" => None,
            "province" => Some(Centre::Province),
            other => Some(Centre::Value(other.parse().map_err(|_| {
                err(format!("column \"map_centre\": {other:?} is neither `province` nor a number"))
            })?)),
        };
        out.push(Statistic {
            id: row.id,
            group: row.group,
            group_en: row.group_en,
            group_zh: row.group_zh,
            name_en: row.name_en,
            name_zh: row.name_zh,
            unit_en: row.unit_en,
            unit_zh: row.unit_zh,
            decimals: row.decimals.min(6),
            formula,
            definition_en: row.definition_en,
            definition_zh: row.definition_zh,
            headline: row.headline,
            map: MapDefaults {
                method: row.map_method,
                classes: row.map_classes,
                palette: row.map_palette,
                centre,
            },
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_people() {
        assert_eq!(format_number(1795826.0, 0), "1,795,826");
        assert_eq!(format_number(12.3456, 2), "12.35");
        assert_eq!(format_number(-3.16, 1), "−3.2");
        assert_eq!(format_number(-0.01, 1), "0.0");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(1000.0, 0), "1,000");
    }
}
