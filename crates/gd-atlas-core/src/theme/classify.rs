//! Classification of values into 3–9 ordered classes for a choropleth.
//!
//! A classification is a list of **upper bounds**: class `i` holds the values `v` with
//! `bounds[i-1] < v <= bounds[i]` (class 0 everything `<= bounds[0]`), and the last bound is the
//! maximum, so every value falls in exactly one class. Methods: quantile (equal counts), equal
//! interval, natural breaks (Jenks) and manual breaks. When the data cannot fill the classes
//! asked for (fewer distinct values, ties at a quantile), fewer classes are made and a note
//! says so: an empty or repeated class would only mislead the legend.

use serde::{Deserialize, Serialize};

use super::jenks::{jenks_upper_bounds, MAX_DISTINCT};
use super::note::Note;

pub const MIN_CLASSES: usize = 3;
pub const MAX_CLASSES: usize = 9;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    Quantile,
    EqualInterval,
    NaturalBreaks,
    /// The breaks between classes (ascending); classes = breaks + 1.
    Manual {
        breaks: Vec<f64>,
    },
}

impl Method {
    /// `quantile`, `equal`, `jenks` (as the command line spells them).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "quantile" => Some(Self::Quantile),
            "equal" | "equal_interval" | "equal-interval" => Some(Self::EqualInterval),
            "jenks" | "natural" | "natural_breaks" | "natural-breaks" => Some(Self::NaturalBreaks),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        self.name_in(crate::i18n::Lang::En)
    }

    /// The method's name in `lang` (the thematic panel's).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Quantile => lang.pick("quantile", "分位数"),
            Self::EqualInterval => lang.pick("equal interval", "等间距"),
            Self::NaturalBreaks => lang.pick("natural breaks (Jenks)", "自然断点（Jenks）"),
            Self::Manual { .. } => lang.pick("manual breaks", "手动分界"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Classification {
    pub method: Method,
    /// The smallest value (the legend's first lower bound).
    pub min: f64,
    /// Upper bound of each class, strictly ascending; the last is the maximum.
    pub upper_bounds: Vec<f64>,
    /// Values per class.
    pub counts: Vec<usize>,
    /// Units without a value.
    pub no_data: usize,
    /// e.g. "only 2 distinct values: 2 classes".
    pub notes: Vec<super::Note>,
    /// The most decimals any value has (0 for counts; at most 6): the legend never prints more.
    pub value_decimals: usize,
    /// The smallest and largest value in each class (`None` for an empty class): the legend
    /// prints bounds with enough decimals that each of them visibly falls in its class.
    pub class_ranges: Vec<Option<(f64, f64)>>,
}

impl Classification {
    pub fn classes(&self) -> usize {
        self.upper_bounds.len()
    }

    /// Counts `values` (finite ones) into the classes and notes each class's value range.
    fn fill(&mut self, values: &[f64]) {
        self.counts = vec![0; self.classes()];
        self.class_ranges = vec![None; self.classes()];
        for &v in values {
            if let Some(i) = self.class_of(v) {
                self.counts[i] += 1;
                let range = self.class_ranges[i].get_or_insert((v, v));
                *range = (range.0.min(v), range.1.max(v));
            }
        }
    }

    /// The class of a value: the first whose upper bound is ≥ it (values above the maximum, which
    /// only manual breaks meet, go to the last class). `None` for NaN.
    pub fn class_of(&self, value: f64) -> Option<usize> {
        if value.is_nan() || self.upper_bounds.is_empty() {
            return None;
        }
        let i = self.upper_bounds.partition_point(|&b| b < value);
        Some(i.min(self.upper_bounds.len() - 1))
    }
}

/// Classifies finite `values` (non-finite ones are counted as no data too).
pub fn classify(
    values: &[f64],
    method: &Method,
    classes: usize,
    no_data: usize,
) -> Result<Classification, String> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let no_data = no_data + (values.len() - sorted.len());
    sorted.sort_by(f64::total_cmp);
    let wanted = match method {
        Method::Manual { breaks } => breaks.len() + 1,
        _ => classes,
    };
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&wanted) {
        return Err(format!("{wanted} classes: choose between {MIN_CLASSES} and {MAX_CLASSES}"));
    }
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Err("no numbers to classify: every unit is without data".into());
    };
    let mut notes = Vec::new();
    let raw_bounds = match method {
        Method::Quantile => quantile_bounds(&sorted, wanted),
        Method::EqualInterval => (1..=wanted)
            .map(|i| if i == wanted { max } else { min + (max - min) * i as f64 / wanted as f64 })
            .collect(),
        Method::NaturalBreaks => {
            let (bounds, sampled) = jenks_upper_bounds(&sorted, wanted);
            if sampled {
                notes.push(super::Note::new(
                    format!(
                        "natural breaks computed on {MAX_DISTINCT} evenly spaced values of {}",
                        sorted.len()
                    ),
                    format!("自然断点按 {} 个数值中均匀抽取的 {MAX_DISTINCT} 个计算", sorted.len()),
                ));
            }
            bounds
        }
        Method::Manual { breaks } => manual_bounds(breaks, max)?,
    };
    let upper_bounds = tidy_bounds(raw_bounds, max);
    if upper_bounds.len() < wanted && !matches!(method, Method::Manual { .. }) {
        notes.push(super::Note::new(
            format!(
                "{} classes instead of {wanted}: the values do not fill more",
                upper_bounds.len()
            ),
            format!("分为 {} 级而非 {wanted} 级：数值不足以分更多级", upper_bounds.len()),
        ));
    }
    let value_decimals = sorted.iter().map(|&v| decimals_of(v)).max().unwrap_or(0);
    let mut c = Classification {
        method: method.clone(),
        min,
        upper_bounds,
        counts: Vec::new(),
        no_data,
        notes,
        value_decimals,
        class_ranges: Vec::new(),
    };
    c.fill(&sorted);
    Ok(c)
}

/// Classes split at `centre`: the values at or below it fill the lower half of the classes,
/// those above it the upper half, each half classified by `method`. With a diverging palette
/// and an even number of classes the middle colour change falls exactly on the centre (e.g.
/// "below / above the province's value"). When one side has no values there is nothing to
/// diverge from: the plain classification is used and a note says so.
pub fn classify_centred(
    values: &[f64],
    method: &Method,
    classes: usize,
    no_data: usize,
    centre: f64,
) -> Result<Classification, String> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let below: Vec<f64> = finite.iter().copied().filter(|&v| v <= centre).collect();
    let above: Vec<f64> = finite.iter().copied().filter(|&v| v > centre).collect();
    let low_classes = classes / 2;
    let high_classes = classes - low_classes;
    if below.is_empty() || above.is_empty() || matches!(method, Method::Manual { .. }) {
        let mut plain = classify(values, method, classes, no_data)?;
        if !matches!(method, Method::Manual { .. }) {
            plain.notes.push(Note::new(
                format!("not centred on {centre}: every value lies on one side of it"),
                format!("未以 {centre} 为中点分级：所有数值都在它的一侧"),
            ));
        }
        return Ok(plain);
    }
    let half = |side: &[f64], k: usize| -> Vec<f64> {
        let mut sorted = side.to_vec();
        sorted.sort_by(f64::total_cmp);
        let max = sorted[sorted.len() - 1];
        let bounds = match method {
            Method::EqualInterval => {
                let min = sorted[0];
                (1..=k)
                    .map(|i| if i == k { max } else { min + (max - min) * i as f64 / k as f64 })
                    .collect()
            }
            Method::NaturalBreaks => jenks_upper_bounds(&sorted, k).0,
            _ => quantile_bounds(&sorted, k),
        };
        tidy_bounds(bounds, max)
    };
    let mut upper_bounds = half(&below, low_classes.max(1));
    if let Some(last) = upper_bounds.last_mut() {
        *last = centre;
    }
    upper_bounds.extend(half(&above, high_classes.max(1)));
    let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let mut c = Classification {
        method: method.clone(),
        min,
        upper_bounds,
        counts: Vec::new(),
        no_data: no_data + values.len() - finite.len(),
        notes: Vec::new(),
        value_decimals: finite.iter().map(|&v| decimals_of(v)).max().unwrap_or(0),
        class_ranges: Vec::new(),
    };
    c.notes.push(Note::new(format!("classes split at {centre}"), format!("以 {centre} 为界分级")));
    c.fill(&finite);
    Ok(c)
}

/// The decimals a value is written with (0 for `12`, 2 for `3.75`), at most 6: `0.1 + 0.2` is
/// 1 decimal, not 17 (binary fractions are compared with a relative tolerance).
pub fn decimals_of(value: f64) -> usize {
    (0..=6)
        .find(|&d| {
            let scaled = value * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(6)
}

/// Upper bound of class i = the value at rank ⌈n·(i+1)/k⌉ (equal counts, ties kept together).
fn quantile_bounds(sorted: &[f64], k: usize) -> Vec<f64> {
    let n = sorted.len();
    (1..=k).map(|i| sorted[(n * i).div_ceil(k).clamp(1, n) - 1]).collect()
}

fn manual_bounds(breaks: &[f64], max: f64) -> Result<Vec<f64>, String> {
    if breaks.iter().any(|b| !b.is_finite()) || breaks.windows(2).any(|w| w[0] >= w[1]) {
        return Err("manual breaks must be finite numbers in increasing order".into());
    }
    let mut bounds = breaks.to_vec();
    bounds.push(max.max(breaks.last().copied().unwrap_or(max)));
    Ok(bounds)
}

/// Strictly ascending bounds ending at the maximum (equal bounds merged).
fn tidy_bounds(mut bounds: Vec<f64>, max: f64) -> Vec<f64> {
    if let Some(last) = bounds.last_mut() {
        *last = last.max(max);
    }
    bounds.dedup_by(|later, earlier| *later <= *earlier);
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(seed: u64, n: usize) -> Vec<f64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let r = (state >> 11) as f64 / (1u64 << 53) as f64;
                // Skewed like GDP figures, with ties.
                ((r * r * 1000.0).round() / 10.0) - 5.0
            })
            .collect()
    }

    #[test]
    fn properties_hold_for_every_method() {
        let methods = [
            Method::Quantile,
            Method::EqualInterval,
            Method::NaturalBreaks,
            Method::Manual { breaks: vec![0.0, 10.0, 40.0] },
        ];
        for seed in 0..25 {
            let v = values(seed, 1 + (seed as usize * 37) % 400);
            for method in &methods {
                for k in MIN_CLASSES..=MAX_CLASSES {
                    let c = classify(&v, method, k, 3).expect("classifies");
                    assert!(
                        c.upper_bounds.windows(2).all(|w| w[0] < w[1]),
                        "monotone {:?}",
                        c.upper_bounds
                    );
                    assert_eq!(c.counts.iter().sum::<usize>(), v.len(), "counts sum to n");
                    assert_eq!(c.no_data, 3);
                    let max = v.iter().copied().fold(f64::MIN, f64::max);
                    assert!(*c.upper_bounds.last().unwrap_or(&f64::NAN) >= max);
                    for &x in &v {
                        let i = c.class_of(x).expect("a class");
                        let lower_ok = i == 0 || x > c.upper_bounds[i - 1];
                        assert!(
                            lower_ok && x <= c.upper_bounds[i],
                            "{x} in exactly class {i} of {:?}",
                            c.upper_bounds
                        );
                    }
                    if !matches!(method, Method::Manual { .. }) {
                        assert!(c.classes() <= k);
                    }
                    if matches!(method, Method::Quantile | Method::NaturalBreaks) {
                        assert!(
                            c.counts.iter().all(|&n| n > 0),
                            "{method:?} {k}: no empty class {:?}",
                            c.counts
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn quantile_and_equal_interval_by_hand() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let q = classify(&v, &Method::Quantile, 5, 0).expect("ok");
        assert_eq!(q.upper_bounds, vec![2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(q.counts, vec![2; 5]);
        let e = classify(&[0.0, 1.0, 2.0, 9.0, 10.0], &Method::EqualInterval, 5, 0).expect("ok");
        assert_eq!(e.upper_bounds, vec![2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(e.counts, vec![3, 0, 0, 0, 2]);
    }

    #[test]
    fn value_decimals_are_those_of_the_data() {
        assert_eq!(decimals_of(34.0), 0);
        assert_eq!(decimals_of(0.1 + 0.2), 1);
        assert_eq!(decimals_of(-12.75), 2);
        assert_eq!(decimals_of(1.0 / 3.0), 6);
        assert_eq!(
            classify(&[0.0, 0.0, 1.0, 3.0, 34.0], &Method::Quantile, 5, 0)
                .expect("ok")
                .value_decimals,
            0
        );
        assert_eq!(
            classify(&[0.5, 1.25, 3.0], &Method::Quantile, 3, 0).expect("ok").value_decimals,
            2
        );
    }

    #[test]
    fn degenerate_data_gives_fewer_classes_with_a_note() {
        let c = classify(&[7.0; 20], &Method::Quantile, 5, 0).expect("ok");
        assert_eq!(c.upper_bounds, vec![7.0]);
        assert_eq!(c.counts, vec![20]);
        assert!(c.notes[0].contains("1 classes instead of 5"));
        assert!(classify(&[], &Method::Quantile, 5, 4).is_err());
        assert!(classify(&[1.0], &Method::Quantile, 2, 0).is_err());
        assert!(classify(&[1.0], &Method::Manual { breaks: vec![3.0, 2.0] }, 0, 0).is_err());
        let c = classify(&[1.0, f64::NAN, 2.0], &Method::EqualInterval, 3, 0).expect("ok");
        assert_eq!(c.no_data, 1);
    }
}
