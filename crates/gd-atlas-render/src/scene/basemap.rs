//! The offline background: land, neighbouring provinces with Hong Kong and Macao, rivers, lakes.
//!
//! Read from `assets/geo/basemap/*.geojson` into the same topology structure as the regions, so
//! the same level-of-detail cache, painters and exports draw it. Each ring is its own arc (these
//! layers share no borders that matter at their scale). Missing files are not fatal: the map
//! still works on a plain sea colour, and the problem is reported once.

use crate::geo::geojson::{read_features, Feature, Geometry, PolygonLonLat};
use crate::geo::mercator::mercator_from_lonlat;
use crate::geo::simplify::importance;
use crate::geo::topology::{Arc, Shape, Topology};
use crate::model::source::{DataSource, Tree};
use crate::scene::view::View;

/// Extent of the offline basemap layers, lon/lat `[west, south, east, north]`: their sources are
/// clipped to this box (`shared/geo/basemap/SOURCES.md`), so beyond it the atlas knows neither
/// land nor sea and must not paint either.
pub const EXTENT_LONLAT: [f64; 4] = [109.2, 19.7, 117.8, 25.9];

/// The note a map carries when its frame shows ground beyond [`EXTENT_LONLAT`] (the numbers are
/// the constant's: `tests` check the two agree). One line in a figure's notes box: a longer
/// English note wrapped, the box grew, and the English figure came out at a smaller scale than
/// the Chinese one of the same request (issue 19 QA).
pub const BEYOND_NOTE: (&str, &str) = (
    "No basemap beyond the grey frame (109.2–117.8°E, 19.7–25.9°N).",
    "灰框以外无底图（底图范围：东经109.2°–117.8°、北纬19.7°–25.9°）。",
);

/// The basemap's extent on the screen of `view`: `[x0, y0, x1, y1]`, north-west to south-east.
pub fn extent_screen(view: &View) -> [f32; 4] {
    let t = view.screen_from_mercator();
    let [west, south, east, north] = EXTENT_LONLAT;
    let nw = t.apply(mercator_from_lonlat([west, north]));
    let se = t.apply(mercator_from_lonlat([east, south]));
    [nw[0], nw[1], se[0], se[1]]
}

/// How far the frame of `view` reaches beyond the basemap's extent: the widest band, pixels
/// (0 when the extent covers the frame).
pub fn band_beyond_px(view: &View) -> f32 {
    let [x0, y0, x1, y1] = view.rect_screen;
    let b = extent_screen(view);
    [b[0] - x0, b[1] - y0, x1 - b[2], y1 - b[3]].into_iter().fold(0.0, f32::max)
}

/// Whether the frame of `view` shows ground beyond the basemap's extent (the thin frame is
/// drawn). Half a pixel of slack, so a frame fitted to the box itself does not count.
pub fn frame_reaches_beyond(view: &View) -> bool {
    band_beyond_px(view) > 0.5
}

/// Whether the band beyond the extent is wide enough to need [`BEYOND_NOTE`]: a strip of a few
/// pixels reads as the frame's margin, and a three-line note for it would crowd the start view.
pub fn band_needs_note(view: &View) -> bool {
    band_beyond_px(view) >= 16.0
}

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
    /// Reads the four layers with the one GeoJSON decoder. The basemap is decoration: a missing
    /// or refused file, or a feature that breaks a decoder rule, is left out and reported once
    /// (one line naming the file and the feature), and the map still draws.
    pub fn load(source: &DataSource) -> Basemap {
        let mut basemap = Basemap::default();
        for (rel, kind) in FILES {
            let shown = source.display_path(Tree::Assets, rel);
            if !source.exists(Tree::Assets, rel) {
                basemap.problems.push(format!("{shown}: missing (basemap layer skipped)"));
                continue;
            }
            let features = source
                .read(Tree::Assets, rel)
                .map_err(|e| e.to_string())
                .and_then(|text| read_features(&text).map_err(|e| format!("{shown}: {e}")));
            match features {
                Ok(features) => {
                    features.into_iter().for_each(|f| basemap.add_feature(kind, &shown, f))
                }
                Err(e) => basemap.problems.push(e),
            }
        }
        basemap
    }

    /// One decoded feature: its names, then its polygons or lines (points are not drawn).
    fn add_feature(&mut self, kind: BasemapKind, shown: &str, feature: Feature) {
        let prop = |k: &str| {
            feature.properties.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string()
        };
        let name_en =
            [prop("name_en"), prop("name")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
        let name_zh = prop("name_zh");
        let name_zh = if name_zh.is_empty() && prop("name").chars().any(|c| c > '\u{2e80}') {
            prop("name")
        } else {
            name_zh
        };
        match feature.geometry {
            Ok(geometry) => self.add(kind, name_en, name_zh, geometry),
            Err(issue) => {
                self.problems.push(format!("{shown}: feature {}: {issue}", feature.index))
            }
        }
    }

    /// An arc of a line or a ring (the decoder checked its positions and length).
    fn push_arc(&mut self, lonlat: Vec<[f64; 2]>) -> usize {
        let mercator: Vec<[f64; 2]> = lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
        let keep = importance(&mercator);
        self.topology.arcs.push(Arc { lonlat, mercator, keep });
        self.topology.arcs.len() - 1
    }

    fn add(&mut self, kind: BasemapKind, name_en: String, name_zh: String, geometry: Geometry) {
        let mut feature = BasemapFeature {
            kind,
            name_en,
            name_zh,
            shape: None,
            arcs: Vec::new(),
            label_lonlat: None,
        };
        let polygons: Vec<PolygonLonLat> = match geometry {
            Geometry::Polygon(p) => vec![p],
            Geometry::MultiPolygon(mp) => mp,
            Geometry::LineString(l) => {
                feature.arcs.push(self.push_arc(l));
                vec![]
            }
            Geometry::MultiLineString(ls) => {
                for l in ls {
                    feature.arcs.push(self.push_arc(l));
                }
                vec![]
            }
            Geometry::Point(_) | Geometry::MultiPoint(_) | Geometry::GeometryCollection(_) => {
                vec![]
            }
        };
        if !polygons.is_empty() {
            let mut shape_polygons = Vec::new();
            let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
            let mut biggest: Option<(f64, [f64; 2])> = None;
            for polygon in polygons {
                let mut rings = Vec::new();
                // Rings are closed with three distinct vertices (the decoder's ring rule).
                for (k, lonlat) in polygon.into_iter().enumerate() {
                    if k == 0 {
                        let (min, max) =
                            lonlat.iter().fold(([f64::MAX; 2], [f64::MIN; 2]), |(a, b), p| {
                                ([a[0].min(p[0]), a[1].min(p[1])], [b[0].max(p[0]), b[1].max(p[1])])
                            });
                        let size = (max[0] - min[0]) * (max[1] - min[1]);
                        if biggest.is_none_or(|(s, _)| size > s) {
                            biggest =
                                Some((size, [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0]));
                        }
                    }
                    let i = self.push_arc(lonlat);
                    for p in &self.topology.arcs[i].mercator {
                        bbox = [
                            bbox[0].min(p[0]),
                            bbox[1].min(p[1]),
                            bbox[2].max(p[0]),
                            bbox[3].max(p[1]),
                        ];
                    }
                    rings.push(vec![i as i32]);
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
