//! What is under the pointer: markers first, then expressways, then the finest visible region.

use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::model::{Atlas, Level, Subject};
use crate::scene::layers::Layers;
use crate::scene::view::View;
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
    let t = if len2 == 0.0 { 0.0 } else { (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0) };
    ((p[0] - a[0] - t * dx).powi(2) + (p[1] - a[1] - t * dy).powi(2)).sqrt()
}

/// Picks at `pos_screen` in `view`, using the scene's markers (so clusters pick as drawn).
pub fn pick(atlas: &Atlas, scene: &Scene, view: &View, layers: &Layers, pos_screen: [f32; 2]) -> Option<Pick> {
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
        return Some(Pick { subject: Subject::Place(atlas.places[first].id.clone()), cluster: m.places.clone() });
    }
    // Expressways: within 6 points of the drawn line.
    if layers.expressways {
        for line in &atlas.lines {
            let pts: Vec<[f32; 2]> = line.lonlat.iter().map(|&p| t.apply(mercator_from_lonlat(p))).collect();
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
            return Some(Pick { subject: Subject::Region(atlas.regions[idx].code.clone()), cluster: vec![] });
        }
    }
    None
}
