//! Legend rows: each class's bounds as text, its colour and its count, then the no-data row.
//!
//! Bounds are rounded to the fewest decimals (0–6) that keep every distinct bound distinct, but
//! never to fewer than 2 significant digits nor to more decimals than the data have, and written
//! with thousands separators (`12,345.6`). Classes of whole numbers (counts) are written as the
//! whole numbers they hold: `0`, `1`, `2 – 3`, `4 – 34` (not `0.000000 – 34.000000`).

use serde::Serialize;

use super::classify::Classification;
use super::palette::{Rgb, NO_DATA};
use super::values::{AttributeValue, ValueSource};

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

/// Decimals for a set of bounds: the fewest that keep the distinct ones distinct (a class
/// whose lower and upper bound are the same value must not force six decimals on the rest).
pub fn decimals_for(bounds: &[f64]) -> usize {
    let mut distinct: Vec<f64> = bounds.to_vec();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let largest = distinct.iter().fold(0.0f64, |m, b| m.max(b.abs()));
    let significant = if largest > 0.0 && largest < 10.0 {
        (1.0 - largest.log10().floor()).clamp(0.0, 6.0) as usize
    } else {
        0
    };
    (significant..=6)
        .find(|&d| {
            let texts: Vec<String> = distinct.iter().map(|b| format!("{b:.d$}")).collect();
            texts.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(6)
}

/// A number with `decimals` decimals, thousands separators and a true minus: `−12,345.60`.
/// The census section's rendering (`census::format_number`), so a legend and the details
/// panel print one value alike.
pub fn format_number(value: f64, decimals: usize) -> String {
    crate::model::census::format_number(value, decimals.min(u8::MAX as usize) as u8)
}

/// How the data's own values are printed where a value is shown (the details panel, the
/// tooltip): the legend's outer bounds are the minimum and the maximum printed so — not
/// rounded outward (the QA pass read 30,918 atop the density legend while the details said
/// 30,917) — and its inner bounds have no more decimals than `most_decimals` (a census
/// statistic's own decimals). `Default`: the legend's own rounding throughout.
#[derive(Clone, Debug, Default)]
pub struct Printed {
    pub min: Option<String>,
    pub max: Option<String>,
    pub most_decimals: Option<usize>,
}

/// The decimals a value is printed with: a census figure's own (its catalogue's), else as many
/// as the legend's bounds need and at least two significant digits.
pub fn value_decimals(c: &Classification, v: &AttributeValue) -> usize {
    match &v.source {
        ValueSource::Census { decimals, .. } => *decimals as usize,
        _ => decimals_for(&c.upper_bounds).max(decimals_for(&[v.value])),
    }
}

/// A value's number as the details panel, the tooltip and the legend's ends print it.
pub fn number_text(c: &Classification, v: &AttributeValue) -> String {
    format_number(v.value, value_decimals(c, v))
}

/// [`Printed`] for `values` classified as `c`: the smallest and largest printed by
/// [`number_text`]; census figures cap the inner bounds at their decimals.
pub fn printed_extremes<'a>(
    c: &Classification,
    values: impl Iterator<Item = &'a AttributeValue> + Clone,
) -> Printed {
    let min = values.clone().min_by(|a, b| a.value.total_cmp(&b.value));
    let max = values.clone().max_by(|a, b| a.value.total_cmp(&b.value));
    let most_decimals = values
        .filter_map(|v| match &v.source {
            ValueSource::Census { decimals, .. } => Some(*decimals as usize),
            _ => None,
        })
        .max();
    Printed {
        min: min.map(|v| number_text(c, v)),
        max: max.map(|v| number_text(c, v)),
        most_decimals,
    }
}

/// One row per class (low first), then `No data` when any unit lacks a value; the outer bounds
/// as `printed` gives them.
pub fn legend_rows(
    c: &Classification,
    colours: &[Rgb],
    no_data_label: &str,
    printed: &Printed,
) -> Vec<LegendRow> {
    let labels = if c.value_decimals == 0 {
        whole_number_labels(c)
    } else {
        bound_labels(c, printed.most_decimals.unwrap_or(c.value_decimals))
    };
    let labels = with_ends(labels, printed);
    let mut rows: Vec<LegendRow> = c
        .upper_bounds
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (&upper, label))| {
            let lower = if i == 0 { c.min } else { c.upper_bounds[i - 1] };
            let colour = colours.get(i).copied().unwrap_or(NO_DATA.fill);
            LegendRow {
                label,
                lower: Some(lower),
                upper: Some(upper),
                colour,
                count: c.counts[i],
                hatched: false,
            }
        })
        .collect();
    if c.no_data > 0 {
        rows.push(LegendRow {
            label: no_data_label.to_string(),
            lower: None,
            upper: None,
            colour: NO_DATA.fill,
            count: c.no_data,
            hatched: true,
        });
    }
    rows
}

/// `lower – upper` of each class, rounded together ([`decimals_for`]) but never to more
/// decimals than the data have, every value reading inside its class, and neighbouring classes
/// sharing their printed bound: `78 – 155`, `155 – 279` (a value equal to a shared bound is in
/// the lower class: classes include their upper bound, as [`UPPER_BOUND_NOTE`] says). Each
/// shared bound is a number between the lower class's largest value and the upper class's
/// smallest — the bound itself rounded, else the largest value rounded up — at the fewest
/// decimals that find one for every bound (the data's own decimals always do, up to
/// [`EXTRA_DECIMALS`] more for computed values). Before, bounds rounded outward overlapped by
/// one unit (`78 – 155`, `154 – 279`: issue 19 QA). Failing that, the bounds are rounded
/// outward (each value still inside its class).
fn bound_labels(c: &Classification, most_decimals: usize) -> Vec<String> {
    let all: Vec<f64> = std::iter::once(c.min).chain(c.upper_bounds.iter().copied()).collect();
    let cap = c.value_decimals.min(most_decimals);
    let fewest = decimals_for(&all).min(cap);
    // Computed values (six decimals) find their bounds within a few more decimals than the
    // fewest; when two values about a bound are closer than that, their own decimals do.
    let most = cap.min(fewest + EXTRA_DECIMALS);
    let shared = (fewest..=most)
        .chain(std::iter::once(cap))
        .find_map(|d| shared_bounds(c, d).map(|b| (d, b)));
    let Some((d, bounds)) = shared else {
        // Census figures: two values about a bound print alike at the statistic's decimals, so
        // no bound between them can be printed; the bounds are rounded to the nearest at those
        // decimals (a value printed like a bound is in the lower class, as the note says).
        return if cap < c.value_decimals {
            nearest_labels(c, cap)
        } else {
            outward_labels(c, fewest)
        };
    };
    (0..c.upper_bounds.len())
        .map(|i| {
            let (lower, upper) = (bounds[i], bounds[i + 1]);
            // A first class of one value printed exactly reads as that one number.
            if lower == upper {
                format_number(lower, d)
            } else {
                format!("{} – {}", format_number(lower, d), format_number(upper, d))
            }
        })
        .collect()
}

/// The printed bounds at `decimals` — the minimum rounded down, each shared bound, the maximum
/// rounded up — when every shared bound lies at or above the values below it and under the
/// values above it, strictly ascending; `None` when some bound has no such number.
fn shared_bounds(c: &Classification, decimals: usize) -> Option<Vec<f64>> {
    let scale = 10f64.powi(decimals as i32);
    // Rounded as printed: 8.53 × 100 may be 853.0000000001, which must not ceil to 8.54.
    const FUZZ: f64 = 1e-7;
    let (down, up, near) = (
        |b: f64| ((b * scale) + FUZZ).floor() / scale,
        |b: f64| ((b * scale) - FUZZ).ceil() / scale,
        |b: f64| (b * scale).round() / scale,
    );
    // Compared as printed too: a bound printed "8.53" holds the value 8.53.
    let printed = |p: f64| format!("{p:.decimals$}").parse::<f64>().unwrap_or(p);
    let n = c.upper_bounds.len();
    let mut out = vec![down(c.min)];
    for i in 0..n - 1 {
        let bound = c.upper_bounds[i];
        // The largest value at or below the bound, the smallest above it.
        let below = c.class_ranges[..=i].iter().rev().find_map(|r| r.map(|r| r.1));
        let above = c.class_ranges[i + 1..].iter().find_map(|r| r.map(|r| r.0));
        let prev = *out.last()?;
        // The first class may be one value (its bounds equal: printed once).
        let fits = |p: f64| {
            below.is_none_or(|b| b <= printed(p))
                && above.is_none_or(|a| printed(p) < a)
                && (p > prev || (i == 0 && p == prev))
        };
        let p = [near(bound), up(below.unwrap_or(bound))].into_iter().find(|&p| fits(p))?;
        out.push(p);
    }
    let last = up(c.upper_bounds[n - 1]).max(*out.last()?);
    out.push(last);
    Some(out)
}

/// `labels` with the first row's lower bound and the last row's upper bound replaced by the
/// printed minimum and maximum (a one-value row, `12`, is its own bound at either end).
fn with_ends(mut labels: Vec<String>, printed: &Printed) -> Vec<String> {
    const SEP: &str = " – ";
    if let (Some(min), Some(first)) = (&printed.min, labels.first_mut()) {
        *first = match first.split_once(SEP) {
            Some((_, upper)) => format!("{min}{SEP}{upper}"),
            None => min.clone(),
        };
    }
    if let (Some(max), Some(last)) = (&printed.max, labels.last_mut()) {
        *last = match last.rsplit_once(SEP) {
            Some((lower, _)) => format!("{lower}{SEP}{max}"),
            None => max.clone(),
        };
    }
    labels
}

/// Bounds rounded to the nearest at `d` decimals (ascending, neighbours sharing their bound).
fn nearest_labels(c: &Classification, d: usize) -> Vec<String> {
    c.upper_bounds
        .iter()
        .enumerate()
        .map(|(i, &upper)| {
            let lower = if i == 0 { c.min } else { c.upper_bounds[i - 1] };
            let (low, high) = (format_number(lower, d), format_number(upper, d));
            if i == 0 && low == high {
                low
            } else {
                format!("{low} – {high}")
            }
        })
        .collect()
}

/// Bounds rounded outward — lower down, upper up — at `d` decimals: each value inside its
/// class, neighbours possibly overlapping by one unit (the last resort of [`bound_labels`]).
fn outward_labels(c: &Classification, d: usize) -> Vec<String> {
    let scale = 10f64.powi(d as i32);
    let low = |b: f64| (b * scale).floor() / scale;
    let high = |b: f64| (b * scale).ceil() / scale;
    c.upper_bounds
        .iter()
        .enumerate()
        .map(|(i, &upper)| {
            let lower = if i == 0 { c.min } else { c.upper_bounds[i - 1] };
            if i > 0 || lower != upper {
                format!("{} – {}", format_number(low(lower), d), format_number(high(upper), d))
            } else {
                format_number(upper, d)
            }
        })
        .collect()
}

/// What a legend of shared bounds says about them (the window's and the figures'): a value
/// equal to a bound two classes share is in the lower one.
pub const UPPER_BOUND_NOTE: (&str, &str) = ("classes include their upper bound", "各级含上限");

/// Whether a classification's legend prints bounds that neighbouring classes share (not
/// whole-number classes, which print the whole numbers each holds).
pub fn shares_bounds(c: &Classification) -> bool {
    c.value_decimals > 0 && c.upper_bounds.len() > 1
}

/// Decimals a legend may add to the fewest that tell its bounds apart, to find shared bounds
/// that keep every value inside its class.
const EXTRA_DECIMALS: usize = 2;

/// Classes of whole numbers as the whole numbers they hold: class `i` holds the integers `v`
/// with `upper[i-1] < v <= upper[i]`, i.e. `floor(upper[i-1]) + 1 ..= floor(upper[i])` (an
/// equal-interval bound such as 6.8 is not a value anyone has). A class that holds no whole
/// number (count 0) reads `–`.
fn whole_number_labels(c: &Classification) -> Vec<String> {
    let mut lower = c.min.ceil();
    c.upper_bounds
        .iter()
        .map(|&upper| {
            let upper_whole = upper.floor();
            let label = if lower > upper_whole {
                "–".to_string()
            } else if lower == upper_whole {
                format_number(lower, 0)
            } else {
                format!("{} – {}", format_number(lower, 0), format_number(upper_whole, 0))
            };
            lower = lower.max(upper_whole + 1.0);
            label
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::classify::{classify, Method};

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_number(1234567.891, 1), "1,234,567.9");
        assert_eq!(format_number(-1234.0, 0), "−1,234");
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

    /// Counts with ties at the bottom (many regions without a mention) once printed
    /// `0.000000 – 34.000000`: the repeated bound forced six decimals on every label.
    #[test]
    fn counts_are_labelled_as_whole_numbers() {
        let counts = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 3.0, 5.0, 34.0];
        let c = classify(&counts, &Method::Quantile, 5, 0).expect("ok");
        let labels: Vec<String> = legend_rows(&c, &[[0, 0, 0]; 5], "No data", &Printed::default())
            .into_iter()
            .map(|r| r.label)
            .collect();
        assert!(labels.iter().all(|l| !l.contains('.')), "no decimals for counts: {labels:?}");
        assert_eq!(labels, ["0", "1", "2 – 3", "4 – 34"]);
        // Equal intervals of counts: bounds such as 6.8 become the whole numbers each class holds.
        let e = classify(&[0.0, 3.0, 7.0, 20.0, 34.0], &Method::EqualInterval, 5, 0).expect("ok");
        let labels: Vec<String> = legend_rows(&e, &[[0, 0, 0]; 5], "No data", &Printed::default())
            .into_iter()
            .map(|r| r.label)
            .collect();
        assert_eq!(labels, ["0 – 6", "7 – 13", "14 – 20", "21 – 27", "28 – 34"]);
        // A class that can hold no whole number says so.
        let e = classify(&[0.0, 1.0, 2.0], &Method::EqualInterval, 5, 0).expect("ok");
        let labels: Vec<String> = legend_rows(&e, &[[0, 0, 0]; 5], "No data", &Printed::default())
            .into_iter()
            .map(|r| r.label)
            .collect();
        assert_eq!(labels, ["0", "–", "1", "–", "2"]);
    }

    #[test]
    fn decimals_never_exceed_the_data() {
        // One decimal in the data: small bounds are not given a second decimal for two
        // significant digits.
        let c = classify(&[0.1, 0.2, 0.3, 0.4, 0.5], &Method::EqualInterval, 4, 0).expect("ok");
        let labels: Vec<String> = legend_rows(&c, &[[0, 0, 0]; 4], "No data", &Printed::default())
            .into_iter()
            .map(|r| r.label)
            .collect();
        assert_eq!(labels, ["0.1 – 0.2", "0.2 – 0.3", "0.3 – 0.4", "0.4 – 0.5"]);
    }

    /// The QA pass saw a county's 2.83 in a class printed "2.5 – 2.8": every value now reads
    /// inside its printed class, with no more decimals than the data.
    #[test]
    fn every_value_reads_inside_its_printed_class() {
        let spread = [1.02, 1.57, 2.13, 2.47, 2.83, 3.05, 3.36, 3.9, 4.41, 4.97];
        // Three equal intervals break first at 2.8367, which one decimal prints "2.8", under 2.83.
        let tight = [1.0, 2.83, 2.85, 6.51];
        let number = |text: &str| -> f64 {
            text.replace(',', "").parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
        };
        // Computed areas: six decimals in the data, none in the legend.
        let areas = [812.204518, 1234.567891, 2355.428221, 3000.104417, 4100.250003, 5632.479993];
        for (values, classes) in [(&spread[..], 5), (&tight[..], 3), (&areas[..], 3)] {
            for method in [Method::EqualInterval, Method::Quantile, Method::NaturalBreaks] {
                let c = classify(values, &method, classes, 0).expect("ok");
                let rows = legend_rows(&c, &[[0, 0, 0]; 5], "No data", &Printed::default());
                for &v in values {
                    let label = &rows[c.class_of(v).expect("a class")].label;
                    let (low, high) = label.split_once(" – ").unwrap_or((label, label));
                    assert!(
                        number(low) <= v && v <= number(high),
                        "{method:?}: {v} in class {label:?}"
                    );
                    assert!(
                        label
                            .split(" – ")
                            .all(|n| n.split('.').nth(1).is_none_or(|f| f.len() <= 2)),
                        "{label:?}"
                    );
                    assert!(
                        values != &areas[..] || !label.contains('.'),
                        "areas without decimals: {label:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_have_counts_colours_and_no_data() {
        let c = classify(&[1.0, 2.0, 3.0, 4.0, 5.0, 6000.0], &Method::Quantile, 3, 2).expect("ok");
        let colours = [[1, 1, 1], [2, 2, 2], [3, 3, 3]];
        let rows = legend_rows(&c, &colours, "No data", &Printed::default());
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].label, "1 – 2");
        // Whole numbers: the last class holds 5 to 6,000 (4 is in the second).
        assert_eq!(rows[2].label, "5 – 6,000");
        assert_eq!(rows.iter().map(|r| r.count).sum::<usize>(), 8);
        assert!(rows[3].hatched && rows[3].label == "No data");
    }
}
