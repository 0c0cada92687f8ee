//! Guangdong Atlas, the rendering layer: `scene` (what a map shows: styled items in paint order,
//! labels, legend rows, notes — decided once), `render` (the one painter: a `Canvas` trait and
//! its egui, tiny-skia PNG, SVG, PDF and recording canvases), `export` (figures: page layout,
//! furniture, files) and `fonts` (the embedded CJK face).
//!
//! Builds on `gd-atlas-core` only; the window, panels and command line (`gd-atlas`) build on it.

// The core's modules under their usual names, so `crate::model::Atlas` reads the same in every
// layer; the dependency still points one way (render → core).
pub(crate) use gd_atlas_core::{credits, fsutil, geo, i18n, layer, model, theme};

pub mod export;
pub mod fonts;
pub mod render;
pub mod scene;
