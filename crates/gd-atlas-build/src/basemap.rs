//! The offline basemap (`assets/geo/basemap/`): land, neighbouring provinces with Hong Kong and
//! Macao, rivers and lakes, simplified and rounded so the folder stays small. It is context only,
//! drawn under the regions, so ~150 m of generalisation is invisible at the zooms where it shows.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{json, Map, Value};

use gd_atlas_core::geo::mercator::{mercator_from_lonlat, metres_per_mercator_unit};
use gd_atlas_core::geo::simplify::simplify;

use gd_atlas_core::geo::geojson::{Geometry, Properties};

use super::io::{self, read_geojson, write_text, BuildResult};

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

/// A simplified polygon, or None when its exterior vanished (the island goes with its holes).
fn simplify_polygon(rings: &[Vec<[f64; 2]>]) -> Option<Value> {
    let mut out = Vec::new();
    for (i, ring) in rings.iter().enumerate() {
        let r = simplify_line(ring);
        if r.len() >= 4 {
            out.push(coords_json(&r));
        } else if i == 0 {
            return None;
        }
    }
    Some(Value::Array(out))
}

/// Simplified geometry as GeoJSON, or None when nothing drawable is left.
fn simplify_geometry(geometry: &Geometry) -> Option<Value> {
    match geometry {
        Geometry::Polygon(rings) => {
            simplify_polygon(rings).map(|c| json!({"type": "Polygon", "coordinates": c}))
        }
        Geometry::MultiPolygon(polygons) => {
            let parts: Vec<Value> =
                polygons.iter().filter_map(|rings| simplify_polygon(rings)).collect();
            (!parts.is_empty()).then(|| json!({"type": "MultiPolygon", "coordinates": parts}))
        }
        Geometry::LineString(line) => {
            let l = simplify_line(line);
            (l.len() >= 2).then(|| json!({"type": "LineString", "coordinates": coords_json(&l)}))
        }
        Geometry::MultiLineString(lines) => {
            let parts: Vec<Value> = lines
                .iter()
                .map(|l| simplify_line(l))
                .filter(|l| l.len() >= 2)
                .map(|l| coords_json(&l))
                .collect();
            (!parts.is_empty()).then(|| json!({"type": "MultiLineString", "coordinates": parts}))
        }
        // Refused by `build` before: the basemap has no point layer, no collections.
        Geometry::Point(_) | Geometry::MultiPoint(_) | Geometry::GeometryCollection(_) => None,
    }
}

/// `(input file, output file, property mapping)`; the mapping gives the output `name`,
/// `name_en` and `name_zh` from the input's properties.
struct Layer {
    input: &'static str,
    output: &'static str,
    names: fn(&Properties) -> [String; 3],
}

/// A string property, empty when absent or not a string.
fn s(props: &Properties, key: &str) -> String {
    props.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

const LAYERS: &[Layer] = &[
    Layer {
        input: "land_osm.geojson",
        output: "land.geojson",
        names: |_| [String::new(), String::new(), String::new()],
    },
    // Neighbours carry the Chinese name in `name` and the English one in `name_en`.
    Layer {
        input: "neighbours.geojson",
        output: "neighbours.geojson",
        names: |p| [s(p, "name_en"), s(p, "name_en"), s(p, "name")],
    },
    Layer {
        input: "rivers.geojson",
        output: "rivers.geojson",
        names: |p| [s(p, "name"), s(p, "name_en"), String::new()],
    },
    Layer {
        input: "lakes.geojson",
        output: "lakes.geojson",
        names: |p| [s(p, "name"), s(p, "name"), String::new()],
    },
];

/// Writes the layers; returns `(file, features, bytes)` per layer.
pub fn build(shared: &Path, out: &Path) -> BuildResult<Vec<(String, usize, usize)>> {
    let mut summary = Vec::new();
    for layer in LAYERS {
        let path = shared.join("geo/basemap").join(layer.input);
        let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
        let mut n = 0;
        for f in read_geojson(&path)? {
            let what = format!("feature {}", f.index);
            let geometry = io::geometry(&path, &what, &f)?;
            if let Geometry::Point(_) | Geometry::MultiPoint(_) | Geometry::GeometryCollection(_) =
                geometry
            {
                return Err(io::file_err(
                    &path,
                    format!("{what}: unsupported geometry {:?}", geometry.type_name()),
                ));
            }
            let Some(geometry) = simplify_geometry(&geometry) else { continue };
            let [name, name_en, name_zh] = (layer.names)(&f.properties);
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
