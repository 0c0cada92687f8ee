//! The offline background: land, neighbouring provinces with Hong Kong and Macao, rivers, lakes.
//!
//! Read from `assets/geo/basemap/*.geojson` into the same topology structure as the regions, so
//! the same level-of-detail cache, painters and exports draw it. Each ring is its own arc (these
//! layers share no borders that matter at their scale). Missing files are not fatal: the map
//! still works on a plain sea colour, and the problem is reported once.

use geojson::{GeoJson, Geometry, GeometryValue as Value, Position};

use crate::geo::mercator::mercator_from_lonlat;
use crate::geo::simplify::importance;
use crate::geo::topology::{Arc, Shape, Topology};
use crate::model::source::{DataSource, Tree};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BasemapKind {
    Land,
    Neighbour,
    Lake,
    River,
}

#[derive(Clone, Debug)]
pub struct BasemapFeature {
    pub kind: BasemapKind,
    pub name_en: String,
    pub name_zh: String,
    /// Shape index in the basemap topology (areas).
    pub shape: Option<usize>,
    /// Arc indices (rivers).
    pub arcs: Vec<usize>,
    /// Label point, lon/lat (neighbours only).
    pub label_lonlat: Option<[f64; 2]>,
}

#[derive(Debug, Default)]
pub struct Basemap {
    pub topology: Topology,
    pub features: Vec<BasemapFeature>,
    /// One line per file that could not be used.
    pub problems: Vec<String>,
}

const FILES: [(&str, BasemapKind); 4] = [
    ("geo/basemap/land.geojson", BasemapKind::Land),
    ("geo/basemap/neighbours.geojson", BasemapKind::Neighbour),
    ("geo/basemap/lakes.geojson", BasemapKind::Lake),
    ("geo/basemap/rivers.geojson", BasemapKind::River),
];

impl Basemap {
    pub fn load(source: &DataSource) -> Basemap {
        let mut basemap = Basemap::default();
        for (rel, kind) in FILES {
            if !source.exists(Tree::Assets, rel) {
                basemap.problems.push(format!("{}: missing (basemap layer skipped)", source.display_path(Tree::Assets, rel)));
                continue;
            }
            let shown = source.display_path(Tree::Assets, rel);
            let parsed = source
                .read(Tree::Assets, rel)
                .map_err(|e| e.to_string())
                .and_then(|text| text.parse::<GeoJson>().map_err(|e| format!("{shown}: not valid GeoJSON: {e}")));
            match parsed {
                Ok(GeoJson::FeatureCollection(fc)) => {
                    for feature in fc.features {
                        let prop = |k: &str| {
                            feature.property(k).and_then(|v| v.as_str()).unwrap_or_default().to_string()
                        };
                        let name_en = [prop("name_en"), prop("name")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
                        let name_zh = prop("name_zh");
                        let name_zh = if name_zh.is_empty() && prop("name").chars().any(|c| c > '\u{2e80}') { prop("name") } else { name_zh };
                        if let Some(geometry) = &feature.geometry {
                            basemap.add(kind, name_en, name_zh, geometry);
                        }
                    }
                }
                Ok(_) => basemap.problems.push(format!("{shown}: expected a FeatureCollection")),
                Err(e) => basemap.problems.push(e),
            }
        }
        basemap
    }

    fn push_arc(&mut self, lonlat: Vec<[f64; 2]>) -> Option<usize> {
        if lonlat.len() < 2 || lonlat.iter().any(|p| !p[0].is_finite() || !p[1].is_finite()) {
            return None;
        }
        let mercator: Vec<[f64; 2]> = lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
        let keep = importance(&mercator);
        self.topology.arcs.push(Arc { lonlat, mercator, keep });
        Some(self.topology.arcs.len() - 1)
    }

    fn add(&mut self, kind: BasemapKind, name_en: String, name_zh: String, geometry: &Geometry) {
        let to_lonlat = |ring: &Vec<Position>| -> Vec<[f64; 2]> {
            ring.iter().filter(|p| p.len() >= 2).map(|p| [p[0], p[1]]).collect()
        };
        let mut feature = BasemapFeature { kind, name_en, name_zh, shape: None, arcs: Vec::new(), label_lonlat: None };
        let polygons: Vec<&Vec<Vec<Position>>> = match &geometry.value {
            Value::Polygon { coordinates: p } => vec![p],
            Value::MultiPolygon { coordinates: mp } => mp.iter().collect(),
            Value::LineString { coordinates: l } => {
                feature.arcs.extend(self.push_arc(to_lonlat(l)));
                vec![]
            }
            Value::MultiLineString { coordinates: ls } => {
                for l in ls {
                    feature.arcs.extend(self.push_arc(to_lonlat(l)));
                }
                vec![]
            }
            _ => vec![],
        };
        if !polygons.is_empty() {
            let mut shape_polygons = Vec::new();
            let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
            let mut biggest: Option<(f64, [f64; 2])> = None;
            for polygon in polygons {
                let mut rings = Vec::new();
                for (k, ring) in polygon.iter().enumerate() {
                    let mut lonlat = to_lonlat(ring);
                    if lonlat.len() < 4 {
                        continue;
                    }
                    if k == 0 {
                        let (min, max) = lonlat.iter().fold(([f64::MAX; 2], [f64::MIN; 2]), |(a, b), p| {
                            ([a[0].min(p[0]), a[1].min(p[1])], [b[0].max(p[0]), b[1].max(p[1])])
                        });
                        let size = (max[0] - min[0]) * (max[1] - min[1]);
                        if biggest.is_none_or(|(s, _)| size > s) {
                            biggest = Some((size, [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0]));
                        }
                    }
                    if lonlat.first() != lonlat.last() {
                        lonlat.push(lonlat[0]);
                    }
                    if let Some(i) = self.push_arc(lonlat) {
                        for p in &self.topology.arcs[i].mercator {
                            bbox = [bbox[0].min(p[0]), bbox[1].min(p[1]), bbox[2].max(p[0]), bbox[3].max(p[1])];
                        }
                        rings.push(vec![i as i32]);
                    }
                }
                if !rings.is_empty() {
                    shape_polygons.push(rings);
                }
            }
            if !shape_polygons.is_empty() {
                self.topology.shapes.push(Shape {
                    code: format!("basemap:{}", feature.name_en),
                    polygons: shape_polygons,
                    bbox_mercator: crate::geo::bbox::Bbox::from_array(bbox),
                });
                feature.shape = Some(self.topology.shapes.len() - 1);
                feature.label_lonlat = biggest.map(|(_, c)| c);
            }
        }
        if feature.shape.is_some() || !feature.arcs.is_empty() {
            self.features.push(feature);
        }
    }
}
