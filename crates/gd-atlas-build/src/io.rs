//! Reading and writing helpers of the asset build. Every error is one line, `file:line: problem`,
//! so a planner who edits an input by hand can go straight to the offending row.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use gd_atlas_core::geo::geojson::{read_features, Feature, Geometry, PolygonLonLat};

pub type BuildResult<T> = Result<T, String>;

/// `file: problem` for errors that belong to a whole file.
pub fn file_err(path: &Path, problem: impl std::fmt::Display) -> String {
    format!("{}: {}", path.display(), problem)
}

/// `file:line: problem`.
pub fn line_err(path: &Path, line: u64, problem: impl std::fmt::Display) -> String {
    format!("{}:{}: {}", path.display(), line, problem)
}

pub fn read_text(path: &Path) -> BuildResult<String> {
    fs::read_to_string(path).map_err(|e| file_err(path, e))
}

pub fn write_text(path: &Path, text: &str) -> BuildResult<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| file_err(dir, e))?;
    }
    fs::write(path, text).map_err(|e| file_err(path, e))
}

pub fn write_bytes(path: &Path, bytes: &[u8]) -> BuildResult<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| file_err(dir, e))?;
    }
    fs::write(path, bytes).map_err(|e| file_err(path, e))
}

/// One CSV row as a header → value map, with its 1-based line number for error messages.
pub struct Row {
    pub line: u64,
    pub fields: BTreeMap<String, String>,
}

impl Row {
    /// A column that must exist (it may be empty).
    pub fn get(&self, path: &Path, column: &str) -> BuildResult<&str> {
        self.fields
            .get(column)
            .map(String::as_str)
            .ok_or_else(|| line_err(path, self.line, format!("missing column {column:?}")))
    }

    /// A column that must exist and be non-empty.
    pub fn req(&self, path: &Path, column: &str) -> BuildResult<&str> {
        let v = self.get(path, column)?;
        if v.trim().is_empty() {
            return Err(line_err(path, self.line, format!("empty {column:?}")));
        }
        Ok(v)
    }

    pub fn f64(&self, path: &Path, column: &str) -> BuildResult<Option<f64>> {
        let v = self.get(path, column)?.trim();
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<f64>()
            .map(Some)
            .map_err(|_| line_err(path, self.line, format!("{column} {v:?} is not a number")))
    }
}

pub fn read_csv(path: &Path) -> BuildResult<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new().from_path(path).map_err(|e| file_err(path, e))?;
    let headers = reader.headers().map_err(|e| file_err(path, e))?.clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() + 1).unwrap_or(0);
            line_err(path, line, e)
        })?;
        // The csv crate counts the line before the record (the header row is line 1, the first
        // record is reported as 1): add one so editors jump to the right line.
        let line = record.position().map(|p| p.line() + 1).unwrap_or(0);
        let fields = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect();
        rows.push(Row { line, fields });
    }
    Ok(rows)
}

/// Writes a CSV with `\n` line ends (stable across platforms, byte-identical reruns).
pub fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> BuildResult<()> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    writer.write_record(header).map_err(|e| file_err(path, e))?;
    for row in rows {
        writer.write_record(row).map_err(|e| file_err(path, e))?;
    }
    let bytes = writer.into_inner().map_err(|e| file_err(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| file_err(path, e))?;
    write_text(path, &text)
}

/// The features of a GeoJSON FeatureCollection, read with the app's one decoder (its rules:
/// rings closed, positions in degrees; see `gd_atlas_core::geo::geojson`).
pub fn read_geojson(path: &Path) -> BuildResult<Vec<Feature>> {
    let text = read_text(path)?;
    read_features(&text).map_err(|e| match e.line() {
        Some(line) => line_err(path, line, e),
        None => file_err(path, e),
    })
}

/// The decoded geometry of a feature; `what` names the feature in the error. The build is
/// strict: a feature that breaks a decoder rule stops it.
pub fn geometry(path: &Path, what: &str, feature: &Feature) -> BuildResult<Geometry> {
    feature.geometry.clone().map_err(|issue| file_err(path, format!("{what}: {issue}")))
}

/// Polygons (exterior + holes, rings closed) of a Polygon or MultiPolygon feature.
pub fn polygons(path: &Path, what: &str, feature: &Feature) -> BuildResult<Vec<PolygonLonLat>> {
    geometry(path, what, feature)?
        .into_polygons()
        .map_err(|e| file_err(path, format!("{what}: {e}")))
}
