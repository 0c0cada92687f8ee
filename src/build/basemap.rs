//! The offline basemap (`assets/geo/basemap/`): land, neighbouring provinces with Hong Kong and
//! Macao, rivers and lakes, simplified and rounded so the folder stays small. It is context only,
//! drawn under the regions, so ~150 m of generalisation is invisible at the zooms where it shows.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::geo::mercator::{mercator_from_lonlat, metres_per_mercator_unit};
use crate::geo::simplify::simplify;

use super::io::{features, file_err, line_string, read_json, write_text, BuildResult};

/// Douglas–Peucker tolerance on the ground.
const TOLERANCE_M: f64 = 150.0;
/// Latitude used to turn metres into mercator units (the middle of Guangdong).
const REFERENCE_LAT: f64 = 23.0;

/// Simplifies a line (or closed ring) and rounds it to 5 decimals (~1 m).
fn simplify_line(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let tolerance_mercator = (TOLERANCE_M / metres_per_mercator_unit(REFERENCE_LAT)) as f32;
    let mercator: Vec<[f64; 2]> = points.iter().map(|&p| mercator_from_lonlat(p)).collect();
    let kept_mercator = simplify(&mercator, tolerance_mercator);
    // Map back to the original lon/lat vertices (DP keeps a subset, in order).
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(kept_mercator.len());
    let mut j = 0;
    for (p, m) in points.iter().zip(&mercator) {
        if j < kept_mercator.len() && *m == kept_mercator[j] {
            j += 1;
            let q = [(p[0] * 1e5).round() / 1e5, (p[1] * 1e5).round() / 1e5];
            if out.last() != Some(&q) {
                out.push(q);
            }
        }
    }
    out
}

fn coords_json(points: &[[f64; 2]]) -> Value {
    Value::Array(points.iter().map(|p| json!([p[0], p[1]])).collect())
}

/// Simplified geometry, or None when nothing drawable is left.
fn simplify_geometry(path: &Path, what: &str, geometry: &Value) -> BuildResult<Option<Value>> {
    let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geometry.get("coordinates").ok_or_else(|| file_err(path, format!("{what}: no coordinates")))?;
    let arr = |v: &Value| v.as_array().cloned().ok_or_else(|| file_err(path, format!("{what}: coordinates are not an array")));
    let polygon = |rings: &Value| -> BuildResult<Option<Value>> {
        let mut out = Vec::new();
        for (i, ring) in arr(rings)?.iter().enumerate() {
            let r = simplify_line(&line_string(path, what, ring)?);
            if r.len() >= 4 {
                out.push(coords_json(&r));
            } else if i == 0 {
                return Ok(None); // exterior vanished: drop the island with its holes
            }
        }
        Ok(Some(Value::Array(out)))
    };
    Ok(match kind {
        "Polygon" => polygon(coords)?.map(|c| json!({"type": "Polygon", "coordinates": c})),
        "MultiPolygon" => {
            let parts: Vec<Value> = arr(coords)?.iter().map(polygon).collect::<BuildResult<Vec<_>>>()?.into_iter().flatten().collect();
            (!parts.is_empty()).then(|| json!({"type": "MultiPolygon", "coordinates": parts}))
        }
        "LineString" => {
            let l = simplify_line(&line_string(path, what, coords)?);
            (l.len() >= 2).then(|| json!({"type": "LineString", "coordinates": coords_json(&l)}))
        }
        "MultiLineString" => {
            let parts: Vec<Value> = arr(coords)?
                .iter()
                .map(|l| line_string(path, what, l).map(|l| simplify_line(&l)))
                .collect::<BuildResult<Vec<_>>>()?
                .into_iter()
                .filter(|l| l.len() >= 2)
                .map(|l| coords_json(&l))
                .collect();
            (!parts.is_empty()).then(|| json!({"type": "MultiLineString", "coordinates": parts}))
        }
        other => return Err(file_err(path, format!("{what}: unsupported geometry {other:?}"))),
    })
}

/// `(input file, output file, property mapping)`; the mapping gives the output `name`,
/// `name_en` and `name_zh` from the input's properties.
struct Layer {
    input: &'static str,
    output: &'static str,
    names: fn(&Map<String, Value>) -> [String; 3],
}

fn s(props: &Map<String, Value>, key: &str) -> String {
    props.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

const LAYERS: &[Layer] = &[
    Layer { input: "land_osm.geojson", output: "land.geojson", names: |_| [String::new(), String::new(), String::new()] },
    // Neighbours carry the Chinese name in `name` and the English one in `name_en`.
    Layer { input: "neighbours.geojson", output: "neighbours.geojson", names: |p| [s(p, "name_en"), s(p, "name_en"), s(p, "name")] },
    Layer { input: "rivers.geojson", output: "rivers.geojson", names: |p| [s(p, "name"), s(p, "name_en"), String::new()] },
    Layer { input: "lakes.geojson", output: "lakes.geojson", names: |p| [s(p, "name"), s(p, "name"), String::new()] },
];

/// Writes the layers; returns `(file, features, bytes)` per layer.
pub fn build(shared: &Path, out: &Path) -> BuildResult<Vec<(String, usize, usize)>> {
    let mut summary = Vec::new();
    for layer in LAYERS {
        let path = shared.join("geo/basemap").join(layer.input);
        let doc = read_json(&path)?;
        let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
        let mut n = 0;
        for (i, f) in features(&path, &doc)?.iter().enumerate() {
            let empty = Map::new();
            let props = f.get("properties").and_then(Value::as_object).unwrap_or(&empty);
            let what = format!("feature {i}");
            let geometry = f.get("geometry").ok_or_else(|| file_err(&path, format!("{what}: no geometry")))?;
            let Some(geometry) = simplify_geometry(&path, &what, geometry)? else { continue };
            let [name, name_en, name_zh] = (layer.names)(props);
            let mut p = Map::new();
            for (k, v) in [("name", name), ("name_en", name_en), ("name_zh", name_zh)] {
                if !v.is_empty() {
                    p.insert(k.into(), Value::String(v));
                }
            }
            let feature = json!({"type": "Feature", "properties": p, "geometry": geometry});
            if n > 0 {
                text.push_str(",\n");
            }
            let _ = write!(text, "{feature}");
            n += 1;
        }
        text.push_str("\n]}\n");
        let out_path = out.join("assets/geo/basemap").join(layer.output);
        write_text(&out_path, &text)?;
        summary.push((layer.output.to_string(), n, text.len()));
    }
    Ok(summary)
}
