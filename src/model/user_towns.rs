//! An official town boundary file supplied by the user (planners often hold official data that
//! cannot be redistributed): its polygons replace the approximate cells of the towns it covers.

use std::path::Path;

use crate::geo::geojson::{read_features, Feature, PolygonLonLat};

use super::atlas::Atlas;
use super::error::LoadError;
use super::types::{GeometryKind, Level, RegionIdx};

/// Properties that may carry the 9-digit town code, in order of preference.
const CODE_PROPERTIES: &[&str] = &["code", "town_code", "adcode"];

impl Atlas {
    /// Reads a WGS84 GeoJSON of town polygons with 9-digit codes and makes those towns `Real`.
    /// Returns how many towns were replaced. Nothing changes when the file has an error.
    pub fn load_user_towns(&mut self, path: &Path) -> Result<usize, LoadError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| LoadError::file(&shown, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| LoadError::file(&shown, format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())))?;
        let features = read_features(&text).map_err(|e| LoadError::geojson(&shown, e))?;
        // Parse and check everything first, so an error leaves the atlas untouched.
        let mut parsed: Vec<(RegionIdx, Vec<PolygonLonLat>)> = Vec::with_capacity(features.len());
        for feature in &features {
            let code = feature_code(feature);
            let fail = |problem: String| LoadError::feature(&shown, feature.index, code.clone(), problem);
            let region = self.user_town_region(code.as_deref()).map_err(fail)?;
            if parsed.iter().any(|(r, _)| *r == region) {
                return Err(fail("town appears twice in the file".into()));
            }
            parsed.push((region, town_polygons(feature).map_err(fail)?));
        }
        let replaced = parsed.len();
        // Cannot fail now: every ring is closed and has at least three distinct vertices.
        for (region, polygons) in parsed {
            let code = self.regions[region].code.clone();
            let shape = self
                .topology
                .push_ring_shape(code, polygons)
                .map_err(|e| LoadError::file(&shown, e.to_string()))?;
            self.push_shape_cache(shape);
            let r = &mut self.regions[region];
            r.shape = Some(shape);
            r.geometry = GeometryKind::Real;
        }
        self.rebuild_indexes();
        Ok(replaced)
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

fn feature_code(feature: &Feature) -> Option<String> {
    CODE_PROPERTIES
        .iter()
        .filter_map(|k| feature.property_text(k))
        .map(|c| c.trim().to_string())
        .find(|c| !c.is_empty())
}

/// Polygons with closed rings in lon/lat, rounded to micro-degrees like the topology.
fn town_polygons(feature: &Feature) -> Result<Vec<PolygonLonLat>, String> {
    let polygons = feature.geometry()?.into_polygons()?;
    if polygons.is_empty() {
        return Err("geometry has no polygons".into());
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (pi, polygon) in polygons.into_iter().enumerate() {
        let mut rings = Vec::with_capacity(polygon.len());
        for (ri, ring) in polygon.into_iter().enumerate() {
            let mut ring_lonlat: Vec<[f64; 2]> = Vec::with_capacity(ring.len() + 1);
            for [lon, lat] in ring {
                let lonlat = [(lon * 1e6).round() * 1e-6, (lat * 1e6).round() * 1e-6];
                if ring_lonlat.last() != Some(&lonlat) {
                    ring_lonlat.push(lonlat);
                }
            }
            if let Some(&first) = ring_lonlat.first().filter(|&&first| ring_lonlat.last() != Some(&first)) {
                ring_lonlat.push(first);
            }
            if ring_lonlat.len() < 4 {
                return Err(format!("polygon {pi} ring {ri} has fewer than three distinct vertices"));
            }
            rings.push(ring_lonlat);
        }
        out.push(rings);
    }
    Ok(out)
}
