//! A GeoJSON layer: the one decoder (`geo::geojson`) streams the file one feature at a time
//! straight into the builder, so memory is what the layer keeps plus one feature. The layer's
//! policy: a feature that breaks a rule is skipped and counted (`feature 3: ring 0 has 2 distinct
//! vertices …`); positions are converted from the layer's system to WGS84; a file mostly in
//! metres or with swapped axes is refused ([`Tally`]); a JSON error after some kept features
//! keeps them and says first that the file broke off there ([`LayerData::cut_short`]).
//!
//! Properties become attributes in first-seen key order. Columns are only known at the end (a
//! later feature may bring a new key), so each kept feature's `(column, text)` pairs wait in one
//! text arena and become the column-major [`Attributes`] in one linear pass at the end.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::ControlFlow;

use serde_json::Value;

use super::coords::Tally;
use super::{cancelled_error, nothing_usable, Counting, LayerError, LoadProgress, CANCEL_EVERY};
use crate::geo::geojson::{
    decode_reader, DecodeError, Feature, Geometry, JsonCategory, Position, Rule, Verdict,
};
use crate::layer::data::{Attributes, CutKind, CutShort, LayerBuilder, LayerData};
use crate::layer::spec::LayerSpec;

const SWAP_HINT: &str =
    "GeoJSON positions are [longitude, latitude]; re-export with the axes in that order";

pub fn load(
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, LayerError> {
    let opened = crate::fsutil::open(&spec.path)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let mut loader = Loader::new(spec, file, progress);
    let result = decode_reader(Counting::new(opened, progress), |feature| loader.feature(feature));
    if progress.cancelled() {
        return Err(cancelled_error(file));
    }
    if let Some(refusal) = loader.refusal.take() {
        return Err(refusal);
    }
    if let Err(e) = result {
        loader.stream_error(e)?;
    }
    loader.finish()
}

/// Everything the callback fills.
struct Loader<'a> {
    spec: &'a LayerSpec,
    file: &'a str,
    progress: &'a LoadProgress,
    builder: LayerBuilder,
    properties: PendingProperties,
    tally: Tally,
    /// Set when the file is refused mid-stream (every position in metres or swapped).
    refusal: Option<LayerError>,
}

impl<'a> Loader<'a> {
    fn new(spec: &'a LayerSpec, file: &'a str, progress: &'a LoadProgress) -> Self {
        // Columns are given at the end (see the module comment).
        let builder =
            LayerBuilder::new(spec.path.clone(), "GeoJSON".into(), spec.crs, Vec::new(), false);
        Loader {
            spec,
            file,
            progress,
            builder,
            properties: PendingProperties::default(),
            tally: Tally::default(),
            refusal: None,
        }
    }

    /// One feature decoded: kept with its properties, or skipped with the rule it broke. Every
    /// [`CANCEL_EVERY`] features the cancel flag and the early refusal are looked at.
    fn feature(&mut self, feature: Feature) -> ControlFlow<()> {
        let index = feature.index;
        match feature.geometry {
            Ok(geometry) => {
                self.tally.record(Verdict::Good, &String::new, [0.0, 0.0]);
                let parts = Parts::of(geometry, self.spec.crs);
                self.keep(index, parts);
                for (key, value) in feature.properties.0 {
                    self.properties.push(key, &value);
                }
                self.properties.commit();
            }
            Err(issue) => {
                if let (Rule::BadPosition(verdict), Some(p)) = (issue.rule, issue.position) {
                    self.tally.record(verdict, &|| format!("feature {index}"), p);
                }
                self.builder.skip(format!("feature {index}: {issue}"));
            }
        }
        if index.is_multiple_of(CANCEL_EVERY) {
            if self.progress.cancelled() {
                return ControlFlow::Break(());
            }
            if let Some(message) = self.tally.early_refusal(self.file, SWAP_HINT) {
                self.refusal = Some(LayerError(message));
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    fn keep(&mut self, index: usize, parts: Parts) {
        let feature = self.builder.push_feature(index as u32, std::iter::empty());
        for p in parts.points {
            self.builder.push_point(feature, p);
        }
        for line in parts.lines {
            self.builder.push_line(feature, line);
        }
        if !parts.polygons.is_empty() {
            self.builder.push_polygons(feature, parts.polygons);
        }
    }

    /// A refusal of the whole file: fatal when nothing was kept, else (a JSON error) the
    /// features before it are kept and the layer says first that the file broke off there.
    fn stream_error(&mut self, e: DecodeError) -> Result<(), LayerError> {
        let file = self.file;
        let kept = self.builder.feature_count();
        let DecodeError::Json { category, line, column, problem } = &e else {
            return Err(LayerError(format!("{file}: {e}")));
        };
        if kept == 0 {
            return Err(LayerError(format!("{file}: {e}")));
        }
        let kind = match category {
            JsonCategory::EndsEarly => CutKind::EndsEarly,
            JsonCategory::Syntax | JsonCategory::NotGeoJson => CutKind::Syntax(problem.clone()),
        };
        self.builder.cut_short(CutShort { line: *line, column: *column, kept, kind });
        Ok(())
    }

    fn finish(self) -> Result<LayerData, LayerError> {
        if let Some(message) = self.tally.refusal(self.file, SWAP_HINT) {
            return Err(LayerError(message));
        }
        let mut data = self.builder.finish();
        data.attributes = self.properties.into_attributes();
        if data.kinds().is_empty() {
            return Err(nothing_usable(self.file, &data, "feature"));
        }
        Ok(data)
    }
}

/// A kept feature's geometry as the builder takes it: points, line parts and polygons (a
/// GeometryCollection flattened), converted from the layer's system to WGS84.
#[derive(Default)]
struct Parts {
    points: Vec<Position>,
    lines: Vec<Vec<Position>>,
    polygons: Vec<Vec<Vec<Position>>>,
}

impl Parts {
    fn of(geometry: Geometry, crs: crate::layer::crs::Crs) -> Parts {
        let mut parts = Parts::default();
        parts.add(geometry);
        let lines = parts.lines.iter_mut().flatten();
        let rings = parts.polygons.iter_mut().flatten().flatten();
        for p in parts.points.iter_mut().chain(lines).chain(rings) {
            *p = crs.to_wgs84(*p);
        }
        parts
    }

    fn add(&mut self, geometry: Geometry) {
        match geometry {
            Geometry::Point(p) => self.points.push(p),
            Geometry::MultiPoint(ps) => self.points.extend(ps),
            Geometry::LineString(l) => self.lines.push(l),
            Geometry::MultiLineString(ls) => self.lines.extend(ls),
            Geometry::Polygon(p) => self.polygons.push(p),
            Geometry::MultiPolygon(ps) => self.polygons.extend(ps),
            Geometry::GeometryCollection(members) => members.into_iter().for_each(|g| self.add(g)),
        }
    }
}

/// Properties of the kept features, waiting for the full list of columns.
#[derive(Default)]
struct PendingProperties {
    columns: Vec<String>,
    by_name: HashMap<String, u32>,
    text: String,
    /// `(column, end of its text)` of each cell, feature after feature.
    cells: Vec<(u32, usize)>,
    /// End in `cells` of each kept feature.
    feature_ends: Vec<usize>,
}

impl PendingProperties {
    fn commit(&mut self) {
        self.feature_ends.push(self.cells.len());
    }

    /// Strings as written, numbers in their JSON spelling, `null` empty, arrays and objects as
    /// compact JSON.
    fn push(&mut self, key: String, value: &Value) {
        let column = match self.by_name.get(&key) {
            Some(&c) => c,
            None => {
                let c = self.columns.len() as u32;
                self.columns.push(key.clone());
                self.by_name.insert(key, c);
                c
            }
        };
        match value {
            Value::Null => {}
            Value::String(s) => self.text.push_str(s),
            Value::Bool(b) => self.text.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => {
                let _ = write!(self.text, "{n}");
            }
            other => {
                let _ = write!(self.text, "{other}");
            }
        }
        self.cells.push((column, self.text.len()));
    }

    /// One linear pass: each feature's cells placed in a row of the final columns.
    fn into_attributes(self) -> Attributes {
        let mut attributes = Attributes::new(self.columns);
        let mut row: Vec<&str> = vec![""; attributes.columns.len()];
        let (mut cell, mut text_start) = (0usize, 0usize);
        for &end in &self.feature_ends {
            let first = cell;
            while cell < end {
                let (column, text_end) = self.cells[cell];
                if let Some(slot) = row.get_mut(column as usize) {
                    *slot = self.text.get(text_start..text_end).unwrap_or("");
                }
                text_start = text_end;
                cell += 1;
            }
            attributes.push_row(row.iter().copied());
            for &(column, _) in &self.cells[first..end] {
                if let Some(slot) = row.get_mut(column as usize) {
                    *slot = "";
                }
            }
        }
        attributes
    }
}
