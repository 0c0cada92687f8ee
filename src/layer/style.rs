//! A layer's style spec resolved against its data: the colour class and size of every feature,
//! and the legend rows. Resolved once per style change (not per frame), so drawing a million
//! points only looks up two arrays.

use super::data::LayerData;
use super::spec::{Color, LayerStyle};

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
    /// Legend samples of a sized style: `(value as text, size)`.
    pub size_legend: Vec<(String, f32)>,
    pub base_size: f32,
    /// Column of the label attribute, if labels are on.
    pub label_column: Option<usize>,
}

impl ResolvedStyle {
    pub fn color(&self, feature: usize) -> Color {
        let class = self.feature_class.get(feature).copied().unwrap_or(0) as usize;
        self.classes.get(class).map_or([128, 128, 128, 255], |c| c.color)
    }

    pub fn size(&self, feature: usize) -> f32 {
        self.feature_size.get(feature).copied().unwrap_or(self.base_size)
    }
}

/// Resolves `style` for `data`. Unknown attributes fall back to the single colour (the spec may
/// come from settings written for another version of the file).
pub fn resolve(data: &LayerData, style: &LayerStyle) -> ResolvedStyle {
    ResolvedStyle {
        classes: vec![StyleClass { label: data.name(), color: style.color, count: data.feature_count() }],
        base_size: style.size,
        label_column: style.label.as_deref().and_then(|l| data.attributes.column_index(l)),
        ..Default::default()
    }
}
