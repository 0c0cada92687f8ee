//! What user-layer feature is under the pointer, until the scene side's picker is merged.
//!
//! MERGE(H2): the body of [`pick_user`] becomes
//! ```ignore
//! use crate::map::pick::{pick_bin, pick_feature};
//! pick_bin(scene, view, pos_screen)
//!     .map(|b| UserHit::Bin { count: b.count as usize, mercator: b.center_mercator })
//!     .or_else(|| pick_feature(layers, view, pos_screen).map(UserHit::Feature))
//! ```
//! and the interim picker below is deleted. [`UserHit`] is what the window does with either.
//! Each query uses the layer's indexes (R-tree of points, boxes of lines and shapes), so a
//! million points cost a tree descent, not a scan.

use crate::geo::bbox::Bbox;
use crate::geo::pip::point_in_multipolygon;
use crate::geo::topology::Space;
use crate::layer::LayerData;
use crate::model::FeatureKey;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::view::View;
use crate::scene::Scene;

/// A user-layer hit: one feature, or a bin of points drawn as one symbol at low zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UserHit {
    Feature(FeatureKey),
    Bin { count: usize, mercator: [f64; 2] },
}

/// Slack around a drawn point or line, in screen points.
const SLACK: f64 = 4.0;

/// The topmost user hit at `pos_screen`: a bin of points the scene drew (`scene`, once the
/// scene draws bins), else a feature (layers bottom first, so searched in reverse).
pub fn pick_user(layers: &[DrawnLayer], scene: &Scene, view: &View, pos_screen: [f32; 2]) -> Option<UserHit> {
    let _bins_come_with_the_merge = scene;
    let mercator = view.screen_from_mercator().inverse(pos_screen);
    let pixels_per_mercator = view.pixels_per_mercator();
    for drawn in layers.iter().rev() {
        let data = &drawn.layer.data;
        let found = pick_point(data, drawn, mercator, pixels_per_mercator)
            .or_else(|| pick_line(data, drawn, mercator, pixels_per_mercator))
            .or_else(|| pick_polygon(data, mercator));
        if let Some(feature) = found {
            return Some(UserHit::Feature(FeatureKey { layer: drawn.layer.id, feature }));
        }
    }
    None
}

fn pick_point(data: &LayerData, drawn: &DrawnLayer, mercator: [f64; 2], pixels_per_mercator: f64) -> Option<u32> {
    let nearest = data.points.index.nearest_neighbor(&mercator)?;
    let p = nearest.geom();
    let d_screen = ((p[0] - mercator[0]).powi(2) + (p[1] - mercator[1]).powi(2)).sqrt() * pixels_per_mercator;
    (d_screen <= drawn.style.size(nearest.data as usize) as f64 + SLACK).then_some(nearest.data)
}

fn pick_line(data: &LayerData, drawn: &DrawnLayer, mercator: [f64; 2], pixels_per_mercator: f64) -> Option<u32> {
    let reach = (drawn.style.base_size as f64 + SLACK) / pixels_per_mercator;
    for arc in data.line_index.intersecting(Bbox::around(mercator, reach)) {
        let pts = &data.topology.arcs[arc].mercator;
        if pts.windows(2).any(|w| distance_to_segment(mercator, w[0], w[1]) <= reach) {
            return data.line_feature.get(arc).copied();
        }
    }
    None
}

fn pick_polygon(data: &LayerData, mercator: [f64; 2]) -> Option<u32> {
    let mut ring = Vec::new();
    for shape in data.shape_index.candidates(mercator) {
        let polygons: Vec<Vec<Vec<[f64; 2]>>> = data.topology.shapes[shape]
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|refs| {
                        ring.clear();
                        data.topology.ring_into(refs, 0.0, Space::Mercator, &mut ring);
                        ring.clone()
                    })
                    .collect()
            })
            .collect();
        if point_in_multipolygon(mercator, &polygons) {
            return data.shape_feature.get(shape).copied();
        }
    }
    None
}

fn distance_to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0) };
    ((p[0] - a[0] - t * dx).powi(2) + (p[1] - a[1] - t * dy).powi(2)).sqrt()
}
