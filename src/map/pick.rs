//! What is under the pointer: markers first, then expressways, then the finest visible region;
//! and, for the planner's own layers, their features ([`pick_feature`]) and point bins
//! ([`pick_bin`]).

use rstar::AABB;

use crate::geo::bbox::Bbox;
use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::geo::pip::point_in_polygon;
use crate::geo::topology::Space;
use crate::model::{Atlas, FeatureKey, Level, Subject};
use crate::scene::layers::Layers;
use crate::scene::user_items::POINTS_INDIVIDUAL_MAX;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::view::{ScreenFromMercator, View};
use crate::scene::{Item, Scene};

/// The result of a pick: what was hit, and for marker clusters every place in the cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    pub subject: Subject,
    pub cluster: Vec<usize>,
}

fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p[0] - a[0] - t * dx).powi(2) + (p[1] - a[1] - t * dy).powi(2)).sqrt()
}

/// Picks at `pos_screen` in `view`, using the scene's markers (so clusters pick as drawn).
pub fn pick(
    atlas: &Atlas,
    scene: &Scene,
    view: &View,
    layers: &Layers,
    pos_screen: [f32; 2],
) -> Option<Pick> {
    let t = view.screen_from_mercator();
    // Markers: nearest within its radius plus a few points of slack.
    let mut best: Option<(f32, &crate::scene::Marker)> = None;
    for item in &scene.items {
        if let Item::Marker(m) = item {
            let p = t.apply(m.mercator);
            let d = ((p[0] - pos_screen[0]).powi(2) + (p[1] - pos_screen[1]).powi(2)).sqrt();
            if d <= m.style.radius + 5.0 && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, m));
            }
        }
    }
    if let Some((_, m)) = best {
        let first = m.places[0];
        return Some(Pick {
            subject: Subject::Place(atlas.places[first].id.clone()),
            cluster: m.places.clone(),
        });
    }
    // Expressways: within 6 points of the drawn line.
    if layers.expressways {
        for line in &atlas.lines {
            let pts: Vec<[f32; 2]> =
                line.lonlat.iter().map(|&p| t.apply(mercator_from_lonlat(p))).collect();
            if pts.windows(2).any(|w| distance_to_segment(pos_screen, w[0], w[1]) <= 6.0) {
                return Some(Pick { subject: Subject::Line(line.id.clone()), cluster: vec![] });
            }
        }
    }
    // Regions: the finest level that is drawn.
    let lonlat = lonlat_from_mercator(t.inverse(pos_screen));
    for level in [Level::Town, Level::County, Level::City, Level::Province] {
        if !layers.level_visible(level, view.zoom, scene.towns_drawn) {
            continue;
        }
        if let Some(idx) = atlas.region_at(lonlat, level) {
            return Some(Pick {
                subject: Subject::Region(atlas.regions[idx].code.clone()),
                cluster: vec![],
            });
        }
    }
    None
}

// ---- User layers ----------------------------------------------------------------------------

/// Slack around a user point symbol, and the reach of a user line, in screen points.
pub const USER_POINT_SLACK: f32 = 3.0;
pub const USER_LINE_REACH: f32 = 5.0;

/// The feature of a user layer under the pointer: the topmost layer first (`layers` is bottom
/// first); within a layer points, then lines, then polygons. Points that the scene aggregates at
/// this view (more than `POINTS_INDIVIDUAL_MAX` in view) are not picked: see [`pick_bin`].
///
/// Points: the nearest within its symbol's radius + 3 points (R-tree); lines: within 5 points of
/// a full-detail segment (box index first); polygons: exact even-odd point-in-polygon of the
/// full-detail rings of the shapes whose box holds the point.
pub fn pick_feature(
    layers: &[DrawnLayer],
    view: &View,
    pos_screen: [f32; 2],
) -> Option<FeatureKey> {
    let t = view.screen_from_mercator();
    for drawn in layers.iter().rev() {
        let hit = pick_user_point(drawn, view, pos_screen)
            .or_else(|| pick_user_line(drawn, &t, pos_screen))
            .or_else(|| pick_user_polygon(drawn, t.inverse(pos_screen)));
        if let Some(feature) = hit {
            return Some(FeatureKey { layer: drawn.layer.id, feature });
        }
    }
    None
}

/// Whether the scene draws this layer's points in bins at `view` (same rule as the scene: more
/// than `POINTS_INDIVIDUAL_MAX` in the view's box; counting stops there).
pub fn points_binned(drawn: &DrawnLayer, view: &View) -> bool {
    let b = view.bbox_mercator();
    let envelope = AABB::from_corners([b[0], b[1]], [b[2], b[3]]);
    drawn
        .layer
        .data
        .points
        .index
        .locate_in_envelope(&envelope)
        .take(POINTS_INDIVIDUAL_MAX + 1)
        .count()
        > POINTS_INDIVIDUAL_MAX
}

fn pick_user_point(drawn: &DrawnLayer, view: &View, pos_screen: [f32; 2]) -> Option<u32> {
    let data = &drawn.layer.data;
    if data.points.is_empty() || points_binned(drawn, view) {
        return None;
    }
    let t = view.screen_from_mercator();
    let largest = drawn.style.feature_size.iter().copied().fold(drawn.style.base_size, f32::max);
    let reach_mercator = (largest + USER_POINT_SLACK) as f64 / t.scale;
    let pos_mercator = t.inverse(pos_screen);
    let mut best: Option<(f32, u32)> = None;
    for p in data.points.index.locate_within_distance(pos_mercator, reach_mercator * reach_mercator)
    {
        let q = t.apply(*p.geom());
        let d = ((q[0] - pos_screen[0]).powi(2) + (q[1] - pos_screen[1]).powi(2)).sqrt();
        if d <= drawn.style.size(p.data as usize) + USER_POINT_SLACK
            && best.is_none_or(|(bd, _)| d < bd)
        {
            best = Some((d, p.data));
        }
    }
    best.map(|(_, f)| f)
}

fn pick_user_line(drawn: &DrawnLayer, t: &ScreenFromMercator, pos_screen: [f32; 2]) -> Option<u32> {
    let data = &drawn.layer.data;
    if data.line_feature.is_empty() {
        return None;
    }
    let widest = drawn.style.feature_size.iter().copied().fold(drawn.style.base_size, f32::max);
    let reach_screen = USER_LINE_REACH.max(widest / 2.0 + 2.0);
    let reach_mercator = reach_screen as f64 / t.scale;
    let pos_mercator = t.inverse(pos_screen);
    let near = Bbox::around(pos_mercator, reach_mercator);
    let mut candidates: Vec<usize> = data.line_index.intersecting(near).collect();
    candidates.sort_unstable_by(|a, b| b.cmp(a)); // later lines are drawn on top
    for arc in candidates {
        let feature = data.line_feature[arc];
        let reach = USER_LINE_REACH.max(drawn.style.size(feature as usize) / 2.0 + 2.0);
        let points = &data.topology.arcs[arc].mercator;
        // Only segments whose box is near the pointer are projected and measured.
        let hit = points.windows(2).any(|w| {
            let (a, b) = (w[0], w[1]);
            let seg = Bbox::new([a[0].min(b[0]), a[1].min(b[1])], [a[0].max(b[0]), a[1].max(b[1])]);
            seg.intersects(near) && distance_to_segment(pos_screen, t.apply(a), t.apply(b)) <= reach
        });
        if hit {
            return Some(feature);
        }
    }
    None
}

fn pick_user_polygon(drawn: &DrawnLayer, pos_mercator: [f64; 2]) -> Option<u32> {
    let data = &drawn.layer.data;
    let mut candidates: Vec<usize> = data.shape_index.candidates(pos_mercator).collect();
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    let mut ring = Vec::new();
    for s in candidates {
        let shape = &data.topology.shapes[s];
        let inside = shape.polygons.iter().any(|polygon| {
            let rings: Vec<Vec<[f64; 2]>> = polygon
                .iter()
                .map(|r| {
                    ring.clear();
                    data.topology.ring_into(r, 0.0, Space::Mercator, &mut ring);
                    ring.clone()
                })
                .collect();
            point_in_polygon(pos_mercator, &rings)
        });
        if inside {
            return data.shape_feature.get(s).copied();
        }
    }
    None
}

/// Aggregated points under the pointer: a bin is not a feature, but the app can say how many
/// points it holds and zoom on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BinHit {
    /// `UserLayer::id` of the layer.
    pub layer: u64,
    pub count: u32,
    pub center_mercator: [f64; 2],
}

/// The bin drawn under `pos_screen` in `scene` (topmost first), seen at `view`.
pub fn pick_bin(scene: &Scene, view: &View, pos_screen: [f32; 2]) -> Option<BinHit> {
    let t = view.screen_from_mercator();
    let (k_scale, _) = crate::render::scene::screen_from_built(&scene.view, view);
    for item in scene.items.iter().rev() {
        let Item::UserBins { layer, bins } = item else { continue };
        let hit = bins.iter().rev().find(|b| {
            let q = t.apply(b.mercator);
            ((q[0] - pos_screen[0]).powi(2) + (q[1] - pos_screen[1]).powi(2)).sqrt()
                <= b.radius * k_scale + 2.0
        });
        if let (Some(b), Some(drawn)) = (hit, scene.user_layers.get(*layer)) {
            return Some(BinHit {
                layer: drawn.layer.id,
                count: b.count,
                center_mercator: b.mercator,
            });
        }
    }
    None
}
