//! A layer's style spec resolved against its data: the colour class and size of every feature,
//! and the legend rows. Resolved once per style change (not per frame), so drawing a million
//! points only looks up two arrays.
//!
//! Everything here is linear in the number of features: categories are counted in one hash map,
//! values are read once, and only the quartiles of graduated widths need a sort.

use std::collections::HashMap;

use super::data::LayerData;
use super::spec::{Color, LayerStyle, StyleMode};
use crate::table::number::{parse_cell, CellValue, DecimalMark};

/// One legend row of a layer: a category (or the single colour) and how many features have it.
#[derive(Clone, Debug, PartialEq)]
pub struct StyleClass {
    pub label: String,
    pub color: Color,
    pub count: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolvedStyle {
    /// Class of each feature (index into `classes`); empty: every feature is class 0.
    pub feature_class: Vec<u16>,
    pub classes: Vec<StyleClass>,
    /// The attribute the classes or sizes come from (the legend's heading), if any.
    pub attribute: Option<String>,
    /// Size of each feature in screen points (point radius or line width); empty: `base_size`.
    pub feature_size: Vec<f32>,
    /// Legend samples of sized points: `(value as text, radius)`, largest first.
    pub size_legend: Vec<(String, f32)>,
    /// Legend rows of graduated line widths: `(value range as text, width)`, thinnest first.
    pub width_legend: Vec<(String, f32)>,
    pub base_size: f32,
    /// Column of the label attribute, if labels are on.
    pub label_column: Option<usize>,
}

impl ResolvedStyle {
    pub fn color(&self, feature: usize) -> Color {
        let class = self.feature_class.get(feature).copied().unwrap_or(0) as usize;
        self.classes.get(class).map_or(OTHER_GREY, |c| c.color)
    }

    pub fn class_of(&self, feature: usize) -> usize {
        self.feature_class.get(feature).copied().unwrap_or(0) as usize
    }

    pub fn size(&self, feature: usize) -> f32 {
        self.feature_size.get(feature).copied().unwrap_or(self.base_size)
    }

    /// Whether every feature is drawn alike (one class, one size).
    pub fn is_uniform(&self) -> bool {
        self.classes.len() <= 1 && self.feature_size.is_empty()
    }
}

/// Distinct values that get a colour of their own; the rest are "Other".
pub const MAX_CATEGORIES: usize = 10;

/// ColorBrewer "Paired" (qualitative, 10 classes), the saturated member of each pair first so
/// the most frequent categories get the most distinct colours (colorbrewer2.org, Apache 2.0).
pub const QUALITATIVE: [Color; MAX_CATEGORIES] = [
    [31, 120, 180, 255],
    [51, 160, 44, 255],
    [227, 26, 28, 255],
    [255, 127, 0, 255],
    [106, 61, 154, 255],
    [166, 206, 227, 255],
    [178, 223, 138, 255],
    [251, 154, 153, 255],
    [253, 191, 111, 255],
    [202, 178, 214, 255],
];
/// The default colours of the layers a user adds, in order (ColorBrewer "Dark2" and "Paired"
/// members): magenta, green, lime, cyan, olive — none of the atlas's own marker and expressway
/// colours (red, orange, purple, teal, blue, grey): the first layer was red, the red of the
/// expressways it was drawn over (issue 19 QA).
pub const USER_LAYER_COLOURS: [Color; 5] = [
    [231, 41, 138, 255],
    [51, 160, 44, 255],
    [166, 216, 84, 255],
    [23, 190, 207, 255],
    [128, 128, 0, 255],
];

/// The single colour of the `i`-th layer a user adds ([`USER_LAYER_COLOURS`], then again):
/// layers drawn together are told apart without opening their style.
pub fn default_layer_color(i: usize) -> Color {
    USER_LAYER_COLOURS[i % USER_LAYER_COLOURS.len()]
}

/// "Other" categories, and features without a usable value.
pub const OTHER_GREY: Color = [150, 150, 150, 255];
pub const EMPTY_GREY: Color = [200, 200, 200, 255];

/// Largest point radius of a sized style, as a multiple of the smallest.
pub const MAX_SIZE_FACTOR: f32 = 5.0;
/// Line width multipliers of the four quantile classes of a sized line style.
const WIDTH_FACTORS: [f32; 4] = [0.5, 1.0, 1.6, 2.4];

/// Resolves `style` for `data`. Unknown attributes fall back to the single colour (the spec may
/// come from settings written for another version of the file).
pub fn resolve(data: &LayerData, style: &LayerStyle) -> ResolvedStyle {
    let column = |name: &str| data.attributes.column_index(name);
    let mut resolved = match &style.mode {
        StyleMode::Categories { attribute } => match column(attribute) {
            Some(c) => categories(data, c, attribute),
            None => single(data, style),
        },
        StyleMode::Sized { attribute } => match column(attribute) {
            Some(c) => sized(data, c, attribute, style),
            None => single(data, style),
        },
        StyleMode::Single => single(data, style),
    };
    resolved.base_size = style.size;
    resolved.label_column = style.label.as_deref().and_then(column);
    resolved
}

/// Re-resolves after a style edit. Dragging the colour picker or the size slider sends an edit
/// every frame; for categories neither changes the classes (they have their own colours), so the
/// pass over a million features is skipped and only the cheap fields are updated.
pub fn restyle(
    previous: &ResolvedStyle,
    data: &LayerData,
    before: &LayerStyle,
    after: &LayerStyle,
) -> ResolvedStyle {
    match (&before.mode, &after.mode) {
        (StyleMode::Categories { attribute: a }, StyleMode::Categories { attribute: b })
            if a == b =>
        {
            ResolvedStyle {
                base_size: after.size,
                label_column: after.label.as_deref().and_then(|l| data.attributes.column_index(l)),
                ..previous.clone()
            }
        }
        _ => resolve(data, after),
    }
}

fn single(data: &LayerData, style: &LayerStyle) -> ResolvedStyle {
    ResolvedStyle {
        classes: vec![StyleClass {
            label: data.name(),
            color: style.color,
            count: data.feature_count(),
        }],
        ..Default::default()
    }
}

/// One colour per frequent value, by frequency (ties: first seen first), then "Other" and
/// "(empty)".
fn categories(data: &LayerData, column: usize, attribute: &str) -> ResolvedStyle {
    let attrs = &data.attributes;
    let n = attrs.len();
    // value -> (count, first row)
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for row in 0..n {
        let v = attrs.get(row, column).trim();
        counts.entry(v).or_insert((0, row)).0 += 1;
    }
    let empty_count = counts.remove("").map_or(0, |(c, _)| c);
    let mut ranked: Vec<(&str, usize, usize)> =
        counts.into_iter().map(|(v, (c, first))| (v, c, first)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let named = ranked.len().min(MAX_CATEGORIES);
    let mut classes: Vec<StyleClass> = ranked[..named]
        .iter()
        .enumerate()
        .map(|(i, (v, c, _))| StyleClass { label: v.to_string(), color: QUALITATIVE[i], count: *c })
        .collect();
    let mut class_of: HashMap<&str, u16> =
        ranked[..named].iter().enumerate().map(|(i, (v, _, _))| (*v, i as u16)).collect();
    let other_count: usize = ranked[named..].iter().map(|r| r.1).sum();
    let other_class = classes.len() as u16;
    if other_count > 0 {
        classes.push(StyleClass { label: "Other".into(), color: OTHER_GREY, count: other_count });
    }
    if empty_count > 0 {
        class_of.insert("", classes.len() as u16);
        classes.push(StyleClass { label: "(empty)".into(), color: EMPTY_GREY, count: empty_count });
    }
    let feature_class = (0..n)
        .map(|row| class_of.get(attrs.get(row, column).trim()).copied().unwrap_or(other_class))
        .collect();
    ResolvedStyle {
        feature_class,
        classes,
        attribute: Some(attribute.to_string()),
        ..Default::default()
    }
}

/// A cell as a number: the plain form fast (a million cells), the thousands-separated, full-width
/// and 万 forms through the table reader's parser.
/// Rows looked at to suggest an attribute (the suggestion is made on a click, not per frame).
const SUGGEST_SAMPLE: usize = 5_000;

/// Whether `column` suits a style: for categories, between 2 and `2 × MAX_CATEGORIES` distinct
/// non-empty values in the sample (a name or id column, all distinct, would give one "category"
/// per feature); for sizes, at least 90 % of the non-empty values are numbers.
pub fn attribute_suits(data: &LayerData, column: usize, numeric: bool) -> bool {
    let n = data.feature_count().min(SUGGEST_SAMPLE);
    let values =
        (0..n).map(|row| data.attributes.get(row, column).trim()).filter(|v| !v.is_empty());
    if numeric {
        let (mut total, mut numbers) = (0usize, 0usize);
        for v in values {
            total += 1;
            numbers += number(v).is_some() as usize;
        }
        return total > 0 && numbers * 10 >= total * 9;
    }
    let mut distinct = std::collections::HashSet::new();
    for v in values {
        distinct.insert(v);
        if distinct.len() > 2 * MAX_CATEGORIES {
            return false;
        }
    }
    distinct.len() >= 2
}

/// The attribute a new categories (`numeric == false`) or sized style should start with: the
/// first column that suits it, else the first column.
pub fn suggest_attribute(data: &LayerData, numeric: bool) -> Option<String> {
    let columns = &data.attributes.columns;
    (0..columns.len())
        .find(|&c| attribute_suits(data, c, numeric))
        .or((!columns.is_empty()).then_some(0))
        .map(|c| columns[c].clone())
}

fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    if let Ok(v) = t.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    match parse_cell(t, DecimalMark::Point) {
        CellValue::Number { value, .. } => Some(value),
        _ => None,
    }
}

/// Which features have points and which have lines (a GeoJSON layer may mix kinds).
fn feature_kinds(data: &LayerData) -> (Vec<bool>, Vec<bool>) {
    let n = data.feature_count();
    let (mut is_point, mut is_line) = (vec![false; n], vec![false; n]);
    for &f in &data.points.feature {
        if let Some(p) = is_point.get_mut(f as usize) {
            *p = true;
        }
    }
    for &f in &data.line_feature {
        if let Some(l) = is_line.get_mut(f as usize) {
            *l = true;
        }
    }
    (is_point, is_line)
}

/// Points: circle area proportional to the value (radius from `size` to 5 × `size`). Lines: four
/// quantile classes of width. Polygons keep `size` (unused). Features without a number (or with
/// a negative one) are drawn small in grey.
fn sized(data: &LayerData, column: usize, attribute: &str, style: &LayerStyle) -> ResolvedStyle {
    let n = data.feature_count();
    let values: Vec<Option<f64>> =
        (0..n).map(|row| number(data.attributes.get(row, column)).filter(|v| *v >= 0.0)).collect();
    let (is_point, is_line) = feature_kinds(data);
    let max_point =
        (0..n).filter(|&f| is_point[f]).filter_map(|f| values[f]).fold(0.0f64, f64::max);
    let mut line_values: Vec<f64> =
        (0..n).filter(|&f| is_line[f]).filter_map(|f| values[f]).collect();
    line_values.sort_by(|a, b| a.total_cmp(b));
    let breaks = quartile_breaks(&line_values);
    let base = style.size;
    let radius = |v: f64| {
        if max_point > 0.0 {
            (MAX_SIZE_FACTOR * base * (v / max_point).sqrt() as f32).max(base)
        } else {
            base
        }
    };
    let mut feature_size = vec![base; n];
    let mut feature_class = vec![0u16; n];
    let mut missing = 0;
    for f in 0..n {
        match values[f] {
            None => {
                feature_class[f] = 1;
                missing += 1;
            }
            Some(v) if is_point[f] => feature_size[f] = radius(v),
            Some(v) if is_line[f] => {
                feature_size[f] = base * WIDTH_FACTORS[width_class(&breaks, v)]
            }
            Some(_) => {}
        }
    }
    let mut classes =
        vec![StyleClass { label: attribute.to_string(), color: style.color, count: n - missing }];
    if missing > 0 {
        classes.push(StyleClass { label: "(no value)".into(), color: EMPTY_GREY, count: missing });
    }
    let size_legend = if max_point > 0.0 {
        [1.0, 0.25, 1.0 / 16.0]
            .iter()
            .map(|k| round_2sig(max_point * k))
            .map(|v| (format_value(v), radius(v)))
            .collect()
    } else {
        Vec::new()
    };
    let width_legend = width_rows(&line_values, &breaks, base);
    ResolvedStyle {
        feature_class,
        classes,
        attribute: Some(attribute.to_string()),
        feature_size,
        size_legend,
        width_legend,
        ..Default::default()
    }
}

/// Upper bounds of the first three of four quantile classes (sorted values).
fn quartile_breaks(sorted: &[f64]) -> Vec<f64> {
    if sorted.is_empty() {
        return Vec::new();
    }
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let mut breaks: Vec<f64> = [0.25, 0.5, 0.75].iter().map(|&q| at(q)).collect();
    breaks.dedup();
    breaks
}

fn width_class(breaks: &[f64], v: f64) -> usize {
    breaks.iter().take_while(|&&b| v > b).count().min(WIDTH_FACTORS.len() - 1)
}

/// One legend row per non-empty width class: "lo – hi".
fn width_rows(sorted: &[f64], breaks: &[f64], base: f32) -> Vec<(String, f32)> {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else { return Vec::new() };
    let mut bounds = vec![min];
    bounds.extend(breaks.iter().copied().filter(|&b| b < max));
    bounds.push(max);
    bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            (
                format!("{} – {}", format_value(w[0]), format_value(w[1])),
                base * WIDTH_FACTORS[i.min(WIDTH_FACTORS.len() - 1)],
            )
        })
        .collect()
}

fn round_2sig(v: f64) -> f64 {
    if v <= 0.0 {
        return v;
    }
    let mag = 10f64.powf(v.log10().floor() - 1.0);
    (v / mag).round() * mag
}

/// A value for the legend: whole numbers with thousands separators, others to 3 significant
/// digits.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    } else {
        format!("{:.3}", v).trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::{Crs, LayerBuilder};

    fn points(values: &[(&str, &str)]) -> LayerData {
        let mut b = LayerBuilder::new(
            "sites.csv".into(),
            "CSV".into(),
            Crs::Wgs84,
            vec!["kind".into(), "jobs".into()],
            true,
        );
        for (i, (kind, jobs)) in values.iter().enumerate() {
            let f = b.push_feature(i as u32 + 2, [*kind, *jobs]);
            b.push_point(f, [113.0 + i as f64 * 0.01, 23.0]);
        }
        b.finish()
    }

    fn style(mode: StyleMode) -> LayerStyle {
        LayerStyle { mode, ..Default::default() }
    }

    #[test]
    fn restyle_keeps_categories_when_only_colour_size_or_label_change() {
        let data = points(&[("a", "1"), ("b", "2"), ("a", "3")]);
        let column = data.attributes.columns[0].clone();
        let before =
            LayerStyle { mode: StyleMode::Categories { attribute: column }, ..Default::default() };
        let resolved = resolve(&data, &before);
        let after = LayerStyle {
            color: [1, 2, 3, 255],
            size: 9.0,
            label: Some(data.attributes.columns[1].clone()),
            ..before.clone()
        };
        assert_eq!(
            restyle(&resolved, &data, &before, &after),
            resolve(&data, &after),
            "same result as a full resolve"
        );
        let single = LayerStyle { mode: StyleMode::Single, ..after.clone() };
        assert_eq!(restyle(&resolved, &data, &after, &single), resolve(&data, &single));
    }

    #[test]
    fn suggestions_skip_name_columns_and_text() {
        let mut b = LayerBuilder::new(
            "s.csv".into(),
            "CSV".into(),
            Crs::Wgs84,
            vec!["name".into(), "kind".into(), "jobs".into()],
            true,
        );
        for i in 0..100 {
            let name = format!("site {i}");
            let jobs = (i * 3).to_string();
            let f = b.push_feature(
                i + 2,
                [name.as_str(), if i % 3 == 0 { "new" } else { "expansion" }, jobs.as_str()],
            );
            b.push_point(f, [113.0, 23.0]);
        }
        let data = b.finish();
        assert_eq!(suggest_attribute(&data, false).as_deref(), Some("kind"));
        assert_eq!(suggest_attribute(&data, true).as_deref(), Some("jobs"));
        assert!(!attribute_suits(&data, 0, false), "100 distinct names are not categories");
    }

    #[test]
    fn categories_by_frequency_with_other_and_empty() {
        let mut rows: Vec<(String, &str)> = Vec::new();
        for k in 0..12 {
            for _ in 0..(20 - k) {
                rows.push((format!("k{k}"), "1"));
            }
        }
        rows.push((String::new(), "1"));
        rows.push(("  ".into(), "1"));
        let rows: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let data = points(&rows);
        let r = resolve(&data, &style(StyleMode::Categories { attribute: "kind".into() }));
        let labels: Vec<&str> = r.classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels[..3], ["k0", "k1", "k2"], "most frequent first");
        assert_eq!(r.classes.len(), MAX_CATEGORIES + 2);
        assert_eq!(r.classes[MAX_CATEGORIES].label, "Other");
        assert_eq!(r.classes[MAX_CATEGORIES].count, 9 + 10, "k10 (10) and k11 (9)");
        assert_eq!(
            r.classes[MAX_CATEGORIES + 1],
            StyleClass { label: "(empty)".into(), color: EMPTY_GREY, count: 2 }
        );
        assert_eq!(r.color(0), QUALITATIVE[0]);
        assert_eq!(r.class_of(rows.len() - 1), MAX_CATEGORIES + 1, "blank counts as empty");
        assert_eq!(r.classes.iter().map(|c| c.count).sum::<usize>(), rows.len());
        assert_eq!(r.attribute.as_deref(), Some("kind"));
    }

    #[test]
    fn sized_points_scale_area_with_value() {
        let data = points(&[("a", "400"), ("b", "100"), ("c", "0"), ("d", "n/a"), ("e", "1,600")]);
        let r = resolve(&data, &style(StyleMode::Sized { attribute: "jobs".into() }));
        let base = LayerStyle::default().size;
        assert!(
            (r.size(4) - MAX_SIZE_FACTOR * base).abs() < 1e-4,
            "the largest value gets 5× the size"
        );
        assert!((r.size(0) / r.size(1) - 2.0).abs() < 1e-4, "4× the value, 2× the radius");
        assert_eq!(r.size(2), base, "never smaller than the base size");
        assert_eq!(r.class_of(3), 1);
        assert_eq!(r.classes[1].label, "(no value)");
        assert_eq!(r.size_legend.len(), 3);
        assert_eq!(r.size_legend[0].0, "1,600");
        assert!(r.size_legend[0].1 > r.size_legend[1].1 && r.size_legend[1].1 > r.size_legend[2].1);
    }

    #[test]
    fn sized_lines_get_quantile_widths() {
        let mut b = LayerBuilder::new(
            "roads.geojson".into(),
            "GeoJSON".into(),
            Crs::Wgs84,
            vec!["lanes".into()],
            false,
        );
        for i in 0..8 {
            let f = b.push_feature(i, [(i + 1).to_string().as_str()]);
            b.push_line(f, vec![[113.0, 23.0 + i as f64 * 0.01], [113.1, 23.0 + i as f64 * 0.01]]);
        }
        let data = b.finish();
        let r = resolve(&data, &style(StyleMode::Sized { attribute: "lanes".into() }));
        let widths: Vec<f32> = (0..8).map(|f| r.size(f)).collect();
        assert!(widths.windows(2).all(|w| w[0] <= w[1]), "{widths:?}");
        assert!(widths[7] > widths[0] * 4.0, "{widths:?}");
        assert_eq!(r.width_legend.len(), 4, "{:?}", r.width_legend);
        assert!(r.width_legend[0].0.starts_with("1 – "), "{:?}", r.width_legend);
        assert!(r.size_legend.is_empty());
    }

    #[test]
    fn unknown_attribute_falls_back_to_single_and_label_column_resolves() {
        let data = points(&[("a", "1")]);
        let mut s = style(StyleMode::Categories { attribute: "gone".into() });
        s.label = Some("kind".into());
        let r = resolve(&data, &s);
        assert_eq!(r.classes.len(), 1);
        assert_eq!(r.classes[0].label, "sites.csv");
        assert!(r.is_uniform());
        assert_eq!(r.label_column, Some(0));
    }

    #[test]
    fn values_are_formatted_for_the_legend() {
        assert_eq!(format_value(1234567.0), "1,234,567");
        assert_eq!(format_value(0.125), "0.125");
        assert_eq!(format_value(2.5), "2.5");
        assert_eq!(round_2sig(1234.0), 1200.0);
    }
}
