//! Streaming GeoJSON: the top-level object is visited key by key and its `features` array one
//! element at a time, each feature going straight into the builder and then dropped. Memory is
//! what the layer keeps plus one feature; a syntax error keeps the features read before it.
//!
//! Properties become attributes in first-seen key order. Columns are only known at the end (a
//! later feature may bring a new key), so each kept feature's `(column, text)` pairs wait in one
//! text arena and become the column-major [`Attributes`] in one linear pass at the end.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::sync::atomic::Ordering;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::coords::{self, Tally, Verdict};
use super::geometry::{decode, GeometryList, GeometryValue, Nested, Parts, RawGeometry};
use super::{cancelled_error, nothing_usable, Counting, LayerError, LoadProgress, CANCEL_EVERY};
use crate::layer::data::{Attributes, CutKind, CutShort, LayerBuilder, LayerData};
use crate::layer::spec::LayerSpec;

const SWAP_HINT: &str = "GeoJSON positions are [longitude, latitude]; re-export with the axes in that order";

pub fn load(spec: &LayerSpec, file: &str, progress: &LoadProgress) -> Result<LayerData, LayerError> {
    let opened = File::open(&spec.path).map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let mut reader = BufReader::with_capacity(64 * 1024, Counting::new(opened, progress));
    // Notepad writes a byte-order mark, which JSON does not allow.
    if reader.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
        reader.consume(3);
    }
    let mut loader = Loader::new(spec, file, progress);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = TopSeed { loader: &mut loader }.deserialize(&mut de).and_then(|()| de.end());
    if progress.cancel.load(Ordering::Relaxed) {
        return Err(cancelled_error(file));
    }
    if let Some(refusal) = loader.refusal.take() {
        return Err(refusal);
    }
    if let Err(e) = result {
        loader.stream_error(&e)?;
    }
    loader.finish()
}

/// Everything the visitors fill.
struct Loader<'a> {
    spec: &'a LayerSpec,
    file: &'a str,
    progress: &'a LoadProgress,
    builder: LayerBuilder,
    properties: PendingProperties,
    tally: Tally,
    /// Features seen (the next feature's 0-based index).
    seen: usize,
    saw_features: bool,
    /// A top-level Feature or bare geometry instead of a FeatureCollection.
    top_type: Option<String>,
    top: RawGeometry,
    top_geometry: Option<GeometryValue>,
    top_properties: Option<Value>,
    /// Set when the file is refused mid-stream (projected `crs`, every position in metres).
    refusal: Option<LayerError>,
}

impl<'a> Loader<'a> {
    fn new(spec: &'a LayerSpec, file: &'a str, progress: &'a LoadProgress) -> Self {
        // Columns are given at the end (see the module comment).
        let builder = LayerBuilder::new(spec.path.clone(), "GeoJSON".into(), spec.crs, Vec::new(), false);
        Loader {
            spec,
            file,
            progress,
            builder,
            properties: PendingProperties::default(),
            tally: Tally::default(),
            seen: 0,
            saw_features: false,
            top_type: None,
            top: RawGeometry::default(),
            top_geometry: None,
            top_properties: None,
            refusal: None,
        }
    }

    /// Stops the stream with a refusal of the whole file.
    fn refuse<E: serde::de::Error>(&mut self, message: String) -> E {
        self.refusal = Some(LayerError(message));
        E::custom("refused")
    }

    /// One feature read: its geometry checked and kept with its properties, or skipped.
    /// The next feature is skipped for `reason` (named by its index in the warning).
    fn skip_feature(&mut self, reason: String) {
        let index = self.seen;
        self.seen += 1;
        self.builder.skip(format!("feature {index}: {reason}"));
    }

    fn feature_done<E: serde::de::Error>(&mut self, geometry: Option<GeometryValue>, mark: Mark) -> Result<(), E> {
        let index = self.seen;
        self.seen += 1;
        let parts = match geometry {
            None | Some(GeometryValue::Null) => Err("no geometry".to_string()),
            Some(GeometryValue::Bad(reason)) => Err(reason.to_string()),
            Some(GeometryValue::Geometry(g)) => {
                let mut parts = Parts::default();
                decode(&g, &mut parts).and_then(|()| self.check_and_convert(&mut parts, index).map(|()| parts))
            }
        };
        match parts {
            Ok(parts) => {
                self.keep(index, parts);
                self.properties.commit();
            }
            Err(reason) => {
                self.properties.rollback(mark);
                self.builder.skip(format!("feature {index}: {reason}"));
            }
        }
        if index % CANCEL_EVERY == 0 {
            if self.progress.cancel.load(Ordering::Relaxed) {
                return Err(E::custom("cancelled"));
            }
            if let Some(message) = self.tally.early_refusal(self.file, SWAP_HINT) {
                return Err(self.refuse(message));
            }
        }
        Ok(())
    }

    /// Every position must be degrees; the first that is not names the feature's problem. Good
    /// positions are converted to WGS84.
    fn check_and_convert(&mut self, parts: &mut Parts, index: usize) -> Result<(), String> {
        if parts.is_empty() {
            return Err("empty geometry".into());
        }
        let crs = self.spec.crs;
        for p in parts.positions_mut() {
            let verdict = coords::classify(*p);
            if verdict != Verdict::Good {
                self.tally.record(verdict, &|| format!("feature {index}"), *p);
                return Err(coords::problem(verdict, *p));
            }
            *p = crs.to_wgs84(*p);
        }
        self.tally.record(Verdict::Good, &String::new, [0.0, 0.0]);
        Ok(())
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

    /// A JSON error: fatal when nothing was read, else the features before it are kept and the
    /// layer says first that the file broke off there ([`LayerData::cut_short`]).
    fn stream_error(&mut self, e: &serde_json::Error) -> Result<(), LayerError> {
        let file = self.file;
        let message = match e.classify() {
            serde_json::error::Category::Io => return Err(LayerError(format!("{file}: cannot read: {e}"))),
            serde_json::error::Category::Data => format!("not GeoJSON: {e}"),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!("invalid JSON: {e}"),
        };
        let kept = self.builder.feature_count();
        if kept == 0 {
            return Err(LayerError(format!("{file}: {message}")));
        }
        let kind = match e.classify() {
            serde_json::error::Category::Eof => CutKind::EndsEarly,
            _ => CutKind::Syntax(json_problem(e)),
        };
        self.builder.cut_short(CutShort { line: e.line() as u64, column: e.column() as u64, kept, kind });
        Ok(())
    }

    /// A top-level Feature or geometry becomes the layer's one feature.
    fn finish_single(&mut self) -> Result<(), LayerError> {
        let file = self.file;
        let kind = self.top_type.clone().unwrap_or_default();
        let geometry = match kind.as_str() {
            "Feature" => self.top_geometry.take(),
            "FeatureCollection" => return Err(LayerError(format!("{file}: a FeatureCollection without a \"features\" list"))),
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon" | "GeometryCollection" => {
                let mut g = std::mem::take(&mut self.top);
                g.kind = Some(kind);
                Some(GeometryValue::Geometry(g))
            }
            _ => return Err(LayerError(format!("{file}: not GeoJSON (no \"features\" list, no Feature or geometry \"type\")"))),
        };
        let mark = self.properties.mark();
        if let Some(Value::Object(map)) = self.top_properties.take() {
            for (key, value) in map {
                self.properties.push(key, &value);
            }
        }
        self.feature_done::<serde_json::Error>(geometry, mark).map_err(|_| self.refusal.take().unwrap_or_else(|| super::cancelled_error(file)))
    }

    fn finish(mut self) -> Result<LayerData, LayerError> {
        if !self.saw_features {
            self.finish_single()?;
        }
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

/// serde_json's message without its " at line L column C" tail (the caller says where).
fn json_problem(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The top-level object.
struct TopSeed<'l, 'a> {
    loader: &'l mut Loader<'a>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let loader = self.loader;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "features" => {
                    loader.saw_features = true;
                    map.next_value_seed(FeaturesSeed { loader: &mut *loader })?;
                }
                "type" => loader.top_type = map.next_value::<Value>()?.as_str().map(str::to_owned),
                "crs" => {
                    if let Some(name) = projected_crs(&map.next_value::<Value>()?) {
                        let message = format!("{}: the file declares the projected system {name} (metres); re-export it as WGS84 longitude/latitude (EPSG:4326)", loader.file);
                        return Err(loader.refuse(message));
                    }
                }
                "geometry" => loader.top_geometry = Some(map.next_value::<GeometryValue>()?),
                "properties" => loader.top_properties = Some(map.next_value::<Value>()?),
                "coordinates" => loader.top.coordinates = Some(map.next_value::<Nested>()?),
                "geometries" => loader.top.geometries = map.next_value::<GeometryList>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A `crs` member naming something other than geographic WGS84/CGCS2000: its name.
pub(crate) fn projected_crs(crs: &Value) -> Option<String> {
    let name = crs.pointer("/properties/name").and_then(Value::as_str)?;
    let upper = name.to_ascii_uppercase();
    if upper.contains("CRS84") {
        return None;
    }
    let code: String = upper.rsplit(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty())?.to_string();
    // WGS84, WGS84 3D, CGCS2000, Beijing 1954, Xian 1980: geographic degrees.
    let geographic = ["4326", "4979", "4490", "4214", "4610"];
    (!geographic.contains(&code.as_str())).then(|| name.to_string())
}

/// The `features` array, one feature at a time.
struct FeaturesSeed<'l, 'a> {
    loader: &'l mut Loader<'a>,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of GeoJSON features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(FeatureSeed { loader: &mut *self.loader })?.is_some() {}
        Ok(())
    }
}

/// One feature: its geometry and properties (anything else is ignored).
struct FeatureSeed<'l, 'a> {
    loader: &'l mut Loader<'a>,
}

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let loader = self.loader;
        let mark = loader.properties.mark();
        let mut geometry = None;
        let mut kind: Option<Value> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "geometry" => geometry = Some(map.next_value::<GeometryValue>()?),
                "properties" => map.next_value_seed(PropertiesSeed { properties: &mut loader.properties })?,
                "type" => kind = Some(map.next_value::<Value>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match kind {
            // A misspelt or miscased type ("Featre", "feature") is a file that is not what it
            // claims: skipped and named like any other bad feature, never drawn silently. A
            // feature with no "type" at all is still read (some exporters leave it out).
            Some(kind) if kind.as_str() != Some("Feature") => {
                loader.properties.rollback(mark);
                loader.skip_feature(format!("\"type\" is {kind}, not \"Feature\""));
                Ok(())
            }
            _ => loader.feature_done(geometry, mark),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_a_feature()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.not_a_feature()
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.not_a_feature()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.not_a_feature()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.not_a_feature()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.not_a_feature()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.not_a_feature()
    }
}

impl FeatureSeed<'_, '_> {
    fn not_a_feature<E: serde::de::Error>(self) -> Result<(), E> {
        self.loader.skip_feature("not a Feature object".to_string());
        Ok(())
    }
}

/// A feature's `properties`: each value written as text into the pending arena.
struct PropertiesSeed<'p> {
    properties: &'p mut PendingProperties,
}

impl<'de> DeserializeSeed<'de> for PropertiesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("feature properties")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            self.properties.push(key, &value);
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

/// Where the arena stood before a feature, to drop the properties of a skipped one.
#[derive(Clone, Copy)]
struct Mark {
    text: usize,
    cells: usize,
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
    fn mark(&self) -> Mark {
        Mark { text: self.text.len(), cells: self.cells.len() }
    }

    fn rollback(&mut self, mark: Mark) {
        self.text.truncate(mark.text);
        self.cells.truncate(mark.cells);
    }

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
