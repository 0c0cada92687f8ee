//! A planner's own layers (issue 10): points, lines and polygons from GeoJSON files and from
//! tables with longitude/latitude columns, in WGS84 or converted from GCJ-02 / BD-09.
//!
//! This is model-level data: it knows files, coordinates and attributes, not how they are drawn.
//! `load` reads a file into a [`LayerData`] (off the UI thread, with progress and cancel); `spec`
//! is what the settings keep (file, coordinate system, style); `style` turns a spec's style into
//! per-feature colours and sizes that the scene draws and the legend lists.

pub mod crs;
pub mod data;
pub mod load;
pub mod offset;
pub mod spec;
pub mod style;

pub use crs::Crs;
pub use data::{
    Attributes, CutKind, CutShort, FeatureKind, LayerBuilder, LayerData, OffsetHint, PointSet,
};
pub use load::{
    guess_coord_columns, load_layer, looks_like_layer, table_columns, LayerError, LoadProgress,
};
pub use offset::offset_hint;
pub use spec::{CoordColumns, LayerSpec, LayerStyle, StyleMode};
