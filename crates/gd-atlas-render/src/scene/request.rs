//! What a map shows, declared once: the window and every export build their scene from a
//! [`SceneRequest`], and the window's scene cache compares whole requests (derived equality),
//! so a field added here is part of the cache key and of every figure without further edits.

use std::collections::HashSet;
use std::sync::Arc;

use super::layers::Layers;
use super::measure::Measure;
use super::MarkerMode;
use crate::i18n::Lang;
use crate::model::Subject;

/// Everything a scene depends on besides the data (atlas, geometry, theme, user layers — large,
/// compared by their generations), the view and how the painter needs it drawn (level of
/// detail, interactive styling).
#[derive(Clone, Debug, PartialEq)]
pub struct SceneRequest {
    pub layers: Layers,
    pub lang: Lang,
    /// Drawn in the selection style (a region, place, line or user feature).
    pub selection: Option<Subject>,
    /// Draw towns whatever the zoom (the window's "towns at all zooms", an export that asks for
    /// towns).
    pub force_towns: bool,
    /// Multiplies label and marker sizes (presentation, Large text, a figure's page scale).
    pub text_scale: f32,
    /// Always name the selection on the map, displacing the labels it overlaps (presenting,
    /// touring, a printed figure, which cannot be clicked for a name).
    pub label_selection: bool,
    /// Presentation's high-contrast style: wider, darker borders and black labels.
    pub high_contrast: bool,
    /// Regions pinned for comparison, outlined in their own style.
    pub pinned: Vec<String>,
    /// Place markers clustered, one per place, or none.
    pub markers: MarkerMode,
    /// The measure tool's path and ring, with their lengths.
    pub measure: Option<Measure>,
    /// Reader mode's "only the places this document mentions" (subject ids); shared, so a frame
    /// copies a pointer, not the set.
    pub only_subjects: Option<Arc<HashSet<String>>>,
}

impl Default for SceneRequest {
    fn default() -> Self {
        SceneRequest::of_layers(Layers::default())
    }
}

impl SceneRequest {
    /// A plain map of `layers`: English, nothing selected, clustered markers, no filter.
    pub fn of_layers(layers: Layers) -> SceneRequest {
        SceneRequest {
            layers,
            lang: Lang::En,
            selection: None,
            force_towns: false,
            text_scale: 1.0,
            label_selection: false,
            high_contrast: false,
            pinned: Vec::new(),
            markers: MarkerMode::Clustered,
            measure: None,
            only_subjects: None,
        }
    }
}
