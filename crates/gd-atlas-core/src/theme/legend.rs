//! Legend rows: each class's bounds as text, its colour and its count, then the no-data row.
//!
//! Bounds are rounded to the fewest decimals (0–6) that keep every bound distinct, but never to
//! fewer than 2 significant digits, and written with thousands separators (`12,345.6`).

use serde::Serialize;

use super::classify::Classification;
use super::palette::{Rgb, NO_DATA};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendRow {
    /// `1,200 – 3,400`; the no-data row says `No data`.
    pub label: String,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub colour: Rgb,
    pub count: usize,
    /// Draw the no-data hatch over the colour.
    pub hatched: bool,
}

/// Decimals for a set of bounds.
pub fn decimals_for(bounds: &[f64]) -> usize {
    let largest = bounds.iter().fold(0.0f64, |m, b| m.max(b.abs()));
    let significant = if largest > 0.0 && largest < 10.0 { (1.0 - largest.log10().floor()).clamp(0.0, 6.0) as usize } else { 0 };
    (significant..=6)
        .find(|&d| {
            let texts: Vec<String> = bounds.iter().map(|b| format!("{b:.d$}")).collect();
            texts.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(6)
}

/// A number with `decimals` decimals and thousands separators: `-12,345.60`.
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// One row per class (low first), then `No data` when any unit lacks a value.
pub fn legend_rows(c: &Classification, colours: &[Rgb], no_data_label: &str) -> Vec<LegendRow> {
    let all: Vec<f64> = std::iter::once(c.min).chain(c.upper_bounds.iter().copied()).collect();
    let d = decimals_for(&all);
    let mut rows: Vec<LegendRow> = c
        .upper_bounds
        .iter()
        .enumerate()
        .map(|(i, &upper)| {
            let lower = if i == 0 { c.min } else { c.upper_bounds[i - 1] };
            let label = if i > 0 || lower != upper {
                format!("{} – {}", format_number(lower, d), format_number(upper, d))
            } else {
                format_number(upper, d)
            };
            let colour = colours.get(i).copied().unwrap_or(NO_DATA.fill);
            LegendRow { label, lower: Some(lower), upper: Some(upper), colour, count: c.counts[i], hatched: false }
        })
        .collect();
    if c.no_data > 0 {
        rows.push(LegendRow { label: no_data_label.to_string(), lower: None, upper: None, colour: NO_DATA.fill, count: c.no_data, hatched: true });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::classify::{classify, Method};

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_number(1234567.891, 1), "1,234,567.9");
        assert_eq!(format_number(-1234.0, 0), "-1,234");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(-0.0001, 2), "0.00");
        assert_eq!(format_number(0.5, 2), "0.50");
    }

    #[test]
    fn rounds_to_the_fewest_distinct_decimals() {
        assert_eq!(decimals_for(&[100.0, 2500.4, 10000.0]), 0);
        assert_eq!(decimals_for(&[1.0, 1.04, 1.3]), 2);
        assert_eq!(decimals_for(&[0.012, 0.034, 0.05]), 3);
        assert_eq!(decimals_for(&[0.0012, 0.0034]), 4);
    }

    #[test]
    fn rows_have_counts_colours_and_no_data() {
        let c = classify(&[1.0, 2.0, 3.0, 4.0, 5.0, 6000.0], &Method::Quantile, 3, 2).expect("ok");
        let colours = [[1, 1, 1], [2, 2, 2], [3, 3, 3]];
        let rows = legend_rows(&c, &colours, "No data");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].label, "1 – 2");
        assert_eq!(rows[2].label, "4 – 6,000");
        assert_eq!(rows.iter().map(|r| r.count).sum::<usize>(), 8);
        assert!(rows[3].hatched && rows[3].label == "No data");
    }
}
