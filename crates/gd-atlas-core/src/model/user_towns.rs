//! An official town boundary file supplied by the user (planners often hold official data that
//! cannot be redistributed): its polygons replace the approximate cells of the towns it covers.
//!
//! The file is read by the one GeoJSON decoder (`geo::geojson`) under its rules; the town
//! loader's policy is strict. Refused, with one line naming the file and the feature: whatever the
//! decoder refuses (not JSON, a `crs` naming a projected system) and the first feature that breaks
//! one of its rules (a position outside ±180°/±90°, a ring of fewer than three distinct vertices,
//! a polygon with no ring, …); an empty collection, a geometry that is not a Polygon or
//! MultiPolygon, an unknown or repeated code, a ring that crosses itself or another ring of its
//! polygon, and a town that does not lie in its county (at least [`CONTAINMENT_MIN_SHARE`] of
//! its vertices or of its area inside the county or within [`CONTAINMENT_BUFFER_M`] of its
//! border). A file that fits the county borders only after a
//! GCJ-02 / BD-09 conversion is loaded with a warning naming the offset.

use std::collections::HashMap;
use std::path::Path;

use crate::geo::geojson::{read_features, ring_label, tidy_ring, Feature, Geometry, PolygonLonLat};

use super::atlas::Atlas;
use super::error::LoadError;
use super::source::read_text_file;
use super::town_checks::{
    ring_crossing, town_offset, RingIndex, CONTAINMENT_BUFFER_M, CONTAINMENT_MIN_SHARE,
};
use super::types::{GeometryKind, Level, RegionIdx};

/// Largest town file read (bytes). Reading is linear but holds the whole text and every decoded
/// polygon until all towns are checked (nothing changes unless all pass): above this a file is
/// refused at once, in one line, before any of it is read — never minutes of work. The atlas's
/// own towns densified to survey detail (`benches/growth.rs`) take 20 MB.
pub const MAX_TOWN_FILE_BYTES: u64 = 100_000_000;

/// Properties that may carry the 9-digit town code, in order of preference.
const CODE_PROPERTIES: &[&str] = &["code", "town_code", "adcode"];

/// What loading a town file did.
#[derive(Debug)]
pub struct UserTowns {
    /// Towns whose approximate cell was replaced.
    pub replaced: usize,
    /// Problems that do not stop the load (a systematic offset), one line each.
    pub warnings: Vec<LoadError>,
}

impl Atlas {
    /// Reads a WGS84 GeoJSON of town polygons with 9-digit codes and makes those towns `Real`.
    /// Nothing changes when the file has an error.
    pub fn load_user_towns(&mut self, path: &Path) -> Result<UserTowns, LoadError> {
        let shown = path.display().to_string();
        refuse_oversized(path, &shown)?;
        let text = read_text_file(path, &shown)?;
        let features = read_features(&text).map_err(|e| LoadError::geojson(&shown, e))?;
        drop(text);
        if features.is_empty() {
            return Err(LoadError::file(
                &shown,
                "no features (an empty FeatureCollection): no town to replace",
            ));
        }
        // Parse and check everything first, so an error leaves the atlas untouched.
        let parsed = self.checked_towns(features, &shown)?;
        let warnings = self.offset_warning(&parsed, &shown).into_iter().collect();
        let replaced = parsed.len();
        for (region, polygons) in parsed {
            let code = self.regions[region].code.clone();
            // Cannot fail: every ring is closed and has at least three distinct vertices.
            let shape = self
                .topology
                .push_ring_shape(code.clone(), polygons)
                .map_err(|e| LoadError::file(&shown, e.to_string()))?;
            self.push_shape_cache(shape);
            let r = &mut self.regions[region];
            r.shape = Some(shape);
            r.geometry = GeometryKind::Real;
            self.user_boundaries.insert(code, shown.clone());
        }
        self.rebuild_indexes();
        Ok(UserTowns { replaced, warnings })
    }

    /// Every feature decoded and checked: its town, its polygons.
    fn checked_towns(
        &self,
        features: Vec<Feature>,
        shown: &str,
    ) -> Result<Vec<(RegionIdx, Vec<PolygonLonLat>)>, LoadError> {
        let mut parsed: Vec<(RegionIdx, Vec<PolygonLonLat>)> = Vec::with_capacity(features.len());
        let mut feature_of_region: HashMap<RegionIdx, usize> = HashMap::new();
        let mut counties: HashMap<RegionIdx, RingIndex> = HashMap::new();
        for feature in features {
            let code = feature_code(&feature);
            let fail =
                |problem: String| LoadError::feature(shown, feature.index, code.clone(), problem);
            let region = self.user_town_region(code.as_deref()).map_err(fail)?;
            if let Some(first) = feature_of_region.insert(region, feature.index) {
                return Err(fail(format!(
                    "town appears twice in the file (first as feature {first})"
                )));
            }
            let polygons = feature
                .geometry
                .map_err(|issue| issue.text)
                .and_then(town_polygons)
                .map_err(fail)?;
            self.check_in_county(region, &polygons, &mut counties).map_err(fail)?;
            parsed.push((region, polygons));
        }
        Ok(parsed)
    }

    /// The town lies (mostly) in its county: see [`CONTAINMENT_MIN_SHARE`].
    fn check_in_county(
        &self,
        town: RegionIdx,
        polygons: &[PolygonLonLat],
        counties: &mut HashMap<RegionIdx, RingIndex>,
    ) -> Result<(), String> {
        let Some(county) = self.regions[town].parent else { return Ok(()) };
        let Some(shape) = self.regions[county].shape else { return Ok(()) };
        let index = counties
            .entry(county)
            .or_insert_with(|| RingIndex::new(self.shape_rings_lonlat(shape)));
        let (by_vertices, _) = index.vertex_share(polygons);
        if by_vertices >= CONTAINMENT_MIN_SHARE {
            return Ok(());
        }
        let (by_area, first_out) = index.area_share(polygons);
        if by_area >= CONTAINMENT_MIN_SHARE {
            return Ok(());
        }
        let c = &self.regions[county];
        let example =
            first_out.map(|p| format!(", e.g. ({:.6}, {:.6})", p[0], p[1])).unwrap_or_default();
        Err(format!(
            "only {:.0} % of its area ({:.0} % of its vertices) lies in its county {} {} or within {:.0} km of its border (at least {:.0} % must){example}: wrong code, or another coordinate system?",
            by_area * 100.0,
            by_vertices * 100.0,
            c.code,
            c.name_zh,
            CONTAINMENT_BUFFER_M / 1000.0,
            CONTAINMENT_MIN_SHARE * 100.0
        ))
    }

    /// A warning when the towns fit the atlas's borders much better converted from GCJ-02 or
    /// BD-09 (the layers' offset measure, `layer::offset`). Measured against the borders of
    /// their counties and, for towns the atlas already has as real polygons (Dongguan's), their
    /// own borders: a file of inner towns touches no county border, and was loaded silently.
    fn offset_warning(
        &self,
        parsed: &[(RegionIdx, Vec<PolygonLonLat>)],
        shown: &str,
    ) -> Option<LoadError> {
        let mut shapes: Vec<usize> = parsed
            .iter()
            .flat_map(|&(t, _)| {
                let town = &self.regions[t];
                let real_town = town.shape.filter(|_| town.geometry == GeometryKind::Real);
                town.parent.and_then(|p| self.regions[p].shape).into_iter().chain(real_town)
            })
            .collect();
        shapes.sort_unstable();
        shapes.dedup();
        let borders: Vec<[f64; 2]> = shapes
            .iter()
            .flat_map(|&s| self.shape_rings_lonlat(s).iter().flatten().flatten().copied())
            .collect();
        let towns: Vec<&[PolygonLonLat]> = parsed.iter().map(|(_, p)| p.as_slice()).collect();
        let hint = town_offset(&borders, &towns)?;
        Some(LoadError::file(shown, format!("the file {}; convert it to WGS84", hint.describe())))
    }

    /// The town a feature's code names.
    fn user_town_region(&self, code: Option<&str>) -> Result<RegionIdx, String> {
        let code = code.ok_or_else(|| format!("no town code in properties {CODE_PROPERTIES:?}"))?;
        let region = self.region_by_code(code).ok_or("unknown town code")?;
        match self.regions[region].level {
            Level::Town => Ok(region),
            level => Err(format!("{code} is a {level}, not a town")),
        }
    }
}

/// A file larger than [`MAX_TOWN_FILE_BYTES`] is refused before it is read.
fn refuse_oversized(path: &Path, shown: &str) -> Result<(), LoadError> {
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) }; // the reader names the problem
    if meta.is_file() && meta.len() > MAX_TOWN_FILE_BYTES {
        return Err(LoadError::file(
            shown,
            format!(
                "{:.0} MB is more than the {:.0} MB a town file may have; keep only Guangdong's towns, or simplify the boundaries first (e.g. mapshaper -simplify 10% keep-shapes)",
                meta.len() as f64 / 1e6,
                MAX_TOWN_FILE_BYTES as f64 / 1e6
            ),
        ));
    }
    Ok(())
}

fn feature_code(feature: &Feature) -> Option<String> {
    CODE_PROPERTIES
        .iter()
        .filter_map(|k| feature.properties.text(k))
        .map(|c| c.trim().to_string())
        .find(|c| !c.is_empty())
}

/// A decoded Polygon or MultiPolygon (rings closed, three distinct vertices: the decoder's
/// rules) snapped to micro-degrees like the topology; the ring rule is applied again after the
/// snap (it may merge vertices) with the same message, then the town's own rule: no crossings.
fn town_polygons(geometry: Geometry) -> Result<Vec<PolygonLonLat>, String> {
    let multi = matches!(geometry, Geometry::MultiPolygon(_));
    let mut polygons = geometry.into_polygons()?;
    for (pi, polygon) in polygons.iter_mut().enumerate() {
        let at = multi.then_some(pi);
        for (ri, ring) in polygon.iter_mut().enumerate() {
            for p in ring.iter_mut() {
                *p = [(p[0] * 1e6).round() * 1e-6, (p[1] * 1e6).round() * 1e-6];
            }
            tidy_ring(ring, &|| ring_label(at, ri)).map_err(|issue| issue.text)?;
        }
        if let Some((a, b, near)) = ring_crossing(polygon) {
            let which = if a == b {
                format!("ring {a} crosses itself")
            } else {
                format!("rings {} and {} cross", a.min(b), a.max(b))
            };
            let which = if multi { format!("polygon {pi}: {which}") } else { which };
            return Err(format!(
                "{which} near ({:.6}, {:.6}); a boundary must not self-intersect",
                near[0], near[1]
            ));
        }
    }
    Ok(polygons)
}
