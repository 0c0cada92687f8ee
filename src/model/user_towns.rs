//! An official town boundary file supplied by the user (planners often hold official data that
//! cannot be redistributed): its polygons replace the approximate cells of the towns it covers.

use std::path::Path;

use serde_json::Value;

use crate::geo::mercator::mercator_from_lonlat;
use crate::geo::simplify::douglas_peucker_importance;
use crate::geo::topology::{Arc, PolygonRefs, Shape};

use super::atlas::{Atlas, ShapeRings};
use super::error::LoadError;
use super::types::{GeometryKind, Level};

/// Properties that may carry the 9-digit town code, in order of preference.
const CODE_PROPERTIES: &[&str] = &["code", "town_code", "adcode"];

impl Atlas {
    /// Reads a WGS84 GeoJSON of town polygons with 9-digit codes and makes those towns `Real`.
    /// Returns how many towns were replaced. Nothing changes when the file has an error.
    pub fn load_user_towns(&mut self, path: &Path) -> Result<usize, LoadError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| LoadError::file(&shown, format!("cannot read: {e}")))?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| LoadError::line(&shown, e.line() as u64, format!("invalid JSON: {e}")))?;
        let features = value
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| LoadError::file(&shown, "not a GeoJSON FeatureCollection (no \"features\" array)"))?;

        // Parse and check everything first, so an error leaves the atlas untouched.
        let mut parsed: Vec<(usize, Vec<Vec<Vec<[f64; 2]>>>)> = Vec::with_capacity(features.len());
        for (index, feature) in features.iter().enumerate() {
            let code = feature_code(feature);
            let fail = |problem: String| LoadError::feature(&shown, index, code.clone(), problem);
            let Some(code_s) = code.as_deref() else {
                return Err(fail(format!("no town code in properties {CODE_PROPERTIES:?}")));
            };
            let region = self.region_by_code(code_s).ok_or_else(|| fail("unknown town code".into()))?;
            if self.regions[region].level != Level::Town {
                return Err(fail(format!("{} is a {}, not a town", code_s, self.regions[region].level.as_str())));
            }
            if parsed.iter().any(|(r, _)| *r == region) {
                return Err(fail("town appears twice in the file".into()));
            }
            let polygons = feature_polygons(feature).map_err(fail)?;
            parsed.push((region, polygons));
        }

        for (region, polygons) in &parsed {
            let mut polygon_refs: Vec<PolygonRefs> = Vec::with_capacity(polygons.len());
            let mut rings_lonlat: ShapeRings = Vec::with_capacity(polygons.len());
            let mut bbox_mercator = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
            for polygon in polygons {
                let mut refs = Vec::with_capacity(polygon.len());
                let mut rings = Vec::with_capacity(polygon.len());
                for ring_closed_lonlat in polygon {
                    // One arc per ring, closed (first == last), as the topology expects.
                    let mercator: Vec<[f64; 2]> = ring_closed_lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
                    for p in &mercator {
                        bbox_mercator = [bbox_mercator[0].min(p[0]), bbox_mercator[1].min(p[1]), bbox_mercator[2].max(p[0]), bbox_mercator[3].max(p[1])];
                    }
                    let keep = douglas_peucker_importance(&mercator);
                    refs.push(vec![self.topology.arcs.len() as i32]);
                    rings.push(ring_closed_lonlat[..ring_closed_lonlat.len() - 1].to_vec());
                    self.topology.arcs.push(Arc { lonlat: ring_closed_lonlat.clone(), mercator, keep });
                }
                polygon_refs.push(refs);
                rings_lonlat.push(rings);
            }
            let code = self.regions[*region].code.clone();
            self.topology.shapes.push(Shape { code, polygons: polygon_refs, bbox_mercator });
            self.push_shape_cache(rings_lonlat);
            let r = &mut self.regions[*region];
            r.shape = Some(self.topology.shapes.len() - 1);
            r.geometry = GeometryKind::Real;
        }
        self.rebuild_indexes();
        Ok(parsed.len())
    }
}

fn feature_code(feature: &Value) -> Option<String> {
    let props = feature.get("properties")?.as_object()?;
    CODE_PROPERTIES.iter().find_map(|k| match props.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Polygons → closed rings in lon/lat, rounded to micro-degrees like the topology.
fn feature_polygons(feature: &Value) -> Result<Vec<Vec<Vec<[f64; 2]>>>, String> {
    let geometry = feature.get("geometry").filter(|g| !g.is_null()).ok_or("no geometry")?;
    let coords = geometry.get("coordinates").ok_or("geometry has no coordinates")?;
    let polygons: Vec<&Value> = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => vec![coords],
        Some("MultiPolygon") => coords.as_array().ok_or("MultiPolygon coordinates are not an array")?.iter().collect(),
        Some(other) => return Err(format!("geometry is a {other}, not a Polygon or MultiPolygon")),
        None => return Err("geometry has no type".into()),
    };
    let mut out = Vec::with_capacity(polygons.len());
    for (pi, polygon) in polygons.iter().enumerate() {
        let rings = polygon.as_array().ok_or_else(|| format!("polygon {pi} is not an array of rings"))?;
        if rings.is_empty() {
            return Err(format!("polygon {pi} has no rings"));
        }
        let mut parsed_rings = Vec::with_capacity(rings.len());
        for (ri, ring) in rings.iter().enumerate() {
            let points = ring.as_array().ok_or_else(|| format!("polygon {pi} ring {ri} is not an array"))?;
            let mut ring_lonlat: Vec<[f64; 2]> = Vec::with_capacity(points.len() + 1);
            for (k, p) in points.iter().enumerate() {
                let xy = p.as_array().filter(|a| a.len() >= 2).and_then(|a| Some([a[0].as_f64()?, a[1].as_f64()?]));
                match xy {
                    Some([lon, lat]) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
                        let lonlat = [(lon * 1e6).round() * 1e-6, (lat * 1e6).round() * 1e-6];
                        if ring_lonlat.last() != Some(&lonlat) {
                            ring_lonlat.push(lonlat);
                        }
                    }
                    _ => return Err(format!("polygon {pi} ring {ri} vertex {k} is not a WGS84 [lon, lat]")),
                }
            }
            if ring_lonlat.first() != ring_lonlat.last() {
                let first = ring_lonlat[0];
                ring_lonlat.push(first);
            }
            if ring_lonlat.len() < 4 {
                return Err(format!("polygon {pi} ring {ri} has fewer than three distinct vertices"));
            }
            parsed_rings.push(ring_lonlat);
        }
        out.push(parsed_rings);
    }
    Ok(out)
}
