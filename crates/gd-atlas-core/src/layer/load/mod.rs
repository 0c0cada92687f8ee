//! Reading a layer file (GeoJSON, or a CSV/XLSX table with longitude/latitude columns) into a
//! [`LayerData`], off the UI thread, with progress and cancel.
//!
//! Both readers stream: a GeoJSON file is decoded one feature at a time (by `geo::geojson`, the
//! one GeoJSON decoder, under its rules) and a UTF-8 table one row at a time, straight into the builder's column-major arenas, so memory stays proportional to
//! what is kept (a 500 MB file does not become gigabytes of JSON values) and a cancel is seen
//! within a few thousand features or 64 KiB of input. Bad features and rows are skipped and
//! counted; a file with no usable feature, or in the wrong coordinate system, is refused with
//! one line naming the file and the feature or row.

pub mod coords;
mod geojson;
mod table;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::data::LayerData;
use super::spec::LayerSpec;

pub use coords::guess_coord_columns;
pub use table::table_columns;

/// Shared between the loading thread and the window: bytes read of the total, and a cancel flag
/// the loader checks between features.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub done_bytes: AtomicU64,
    pub total_bytes: AtomicU64,
    pub cancel: AtomicBool,
}

impl LoadProgress {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Why a layer could not be loaded at all: one line naming the file (and the line or feature).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LayerError(pub String);

/// Features or rows between two looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// The two kinds of layer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    GeoJson,
    Table,
}

/// Loads the layer a spec names: GeoJSON (`.geojson`, `.json`) or a table (`.csv`, `.txt`,
/// `.tsv`, `.xlsx`, `.xls`, `.ods`); another extension is told by the first bytes.
pub fn load_layer(spec: &LayerSpec, progress: &LoadProgress) -> Result<LayerData, LayerError> {
    let file = file_label(&spec.path);
    let metadata = crate::fsutil::stat(&spec.path)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    if metadata.is_dir {
        return Err(LayerError(format!("{file}: is a folder, not a layer file")));
    }
    progress.total_bytes.store(metadata.len, Ordering::Relaxed);
    progress.done_bytes.store(0, Ordering::Relaxed);
    if metadata.len == 0 {
        return Err(LayerError(format!("{file}: the file is empty")));
    }
    let result = match kind_of(&spec.path)? {
        Kind::GeoJson => geojson::load(spec, &file, progress),
        Kind::Table => table::load(spec, &file, progress),
    };
    // A cancel may surface as a read error anywhere; say what happened.
    if progress.cancelled() {
        return Err(cancelled_error(&file));
    }
    let data = result?;
    progress.done_bytes.store(metadata.len, Ordering::Relaxed);
    Ok(data)
}

/// Whether a file opened or dropped onto the window is a layer (GeoJSON, or a table whose header
/// has guessable longitude/latitude columns) rather than a thematic table.
pub fn looks_like_layer(path: &Path) -> bool {
    match extension(path).as_str() {
        "geojson" => true,
        "json" => read_prefix(path, 64 * 1024).is_ok_and(|p| {
            let text = String::from_utf8_lossy(&p);
            text.contains("\"Feature") || text.contains("\"coordinates\"")
        }),
        _ => table_columns(path).is_ok_and(|columns| guess_coord_columns(&columns).is_some()),
    }
}

fn kind_of(path: &Path) -> Result<Kind, LayerError> {
    Ok(match extension(path).as_str() {
        "geojson" | "json" => Kind::GeoJson,
        "csv" | "txt" | "tsv" | "tab" | "xlsx" | "xls" | "xlsm" | "ods" => Kind::Table,
        _ => {
            let prefix = read_prefix(path, 1024)
                .map_err(|e| LayerError(format!("{}: cannot read: {e}", file_label(path))))?;
            let first = prefix
                .iter()
                .copied()
                .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
            if first == Some(b'{') {
                Kind::GeoJson
            } else {
                Kind::Table
            }
        }
    })
}

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// The file as messages name it: its path as given.
fn file_label(path: &Path) -> String {
    path.display().to_string()
}

/// Up to `limit` bytes from the start of a file.
fn read_prefix(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut prefix = Vec::new();
    crate::fsutil::open(path)?.take(limit).read_to_end(&mut prefix)?;
    Ok(prefix)
}

fn cancelled_error(file: &str) -> LayerError {
    LayerError(format!("{file}: loading cancelled"))
}

/// A reader that reports the bytes it passes on and stops with an error once the load is
/// cancelled, so even one enormous feature cannot hold a cancel up.
struct Counting<'a, R> {
    inner: R,
    progress: &'a LoadProgress,
}

impl<'a, R: Read> Counting<'a, R> {
    fn new(inner: R, progress: &'a LoadProgress) -> Self {
        Counting { inner, progress }
    }
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.progress.cancelled() {
            return Err(std::io::Error::other("loading cancelled"));
        }
        let n = self.inner.read(buf)?;
        self.progress.done_bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The refusal of a file none of whose features could be used: the first reason, or why none
/// was found at all.
fn nothing_usable(file: &str, data: &LayerData, what: &str) -> LayerError {
    match data.skipped_examples.first() {
        Some(first) => LayerError(format!(
            "{file}: no usable {what} ({} skipped); first: {first}",
            data.skipped
        )),
        None => LayerError(format!("{file}: no {what} found")),
    }
}
