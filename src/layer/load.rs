//! Reading a layer file (GeoJSON, or a CSV/XLSX table with longitude/latitude columns) into a
//! [`LayerData`], off the UI thread, with progress and cancel.

use std::sync::atomic::{AtomicBool, AtomicU64};

use super::data::LayerData;
use super::spec::LayerSpec;

/// Shared between the loading thread and the window: bytes read of the total, and a cancel flag
/// the loader checks between features.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub done_bytes: AtomicU64,
    pub total_bytes: AtomicU64,
    pub cancel: AtomicBool,
}

/// Why a layer could not be loaded at all: one line naming the file (and the line or feature).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LayerError(pub String);

/// Loads the layer a spec names.
pub fn load_layer(spec: &LayerSpec, progress: &LoadProgress) -> Result<LayerData, LayerError> {
    let _ = (spec, progress);
    Err(LayerError(format!("{}: layer loading is being written (issue 10)", spec.path.display())))
}
