//! Background triangulation of every level of detail, so zooming never waits on earcut.

use std::sync::Arc;
use std::thread::JoinHandle;

use crate::model::Atlas;
use crate::scene::lod_cache::{lod_for_zoom, MAX_LOD, MIN_LOD};
use crate::scene::SceneGeometry;

/// Starts triangulating every level, the levels nearest `start_zoom` first (the ones the user
/// reaches next). `None` when the thread cannot be spawned: levels are then built on demand.
pub fn spawn_warmup(
    atlas: Arc<Atlas>,
    geometry: Arc<SceneGeometry>,
    start_zoom: f64,
) -> Option<JoinHandle<()>> {
    let start = lod_for_zoom(start_zoom);
    std::thread::Builder::new()
        .name("lod-warm".into())
        .spawn(move || {
            for lod in warm_order(start) {
                geometry.warm(&atlas, lod);
            }
        })
        .ok()
}

/// Every level once, by distance from `start`, coarser first on ties.
fn warm_order(start: u8) -> Vec<u8> {
    let mut order: Vec<u8> = (MIN_LOD..=MAX_LOD).collect();
    order.sort_by_key(|&l| ((l as i32 - start as i32).abs(), l));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_levels_first_and_each_once() {
        let start = (MIN_LOD + MAX_LOD) / 2;
        let order = warm_order(start);
        assert_eq!(order[0], start);
        assert_eq!(order.len(), (MAX_LOD - MIN_LOD + 1) as usize);
        let mut sorted = order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), order.len());
        let distances: Vec<i32> = order.iter().map(|&l| (l as i32 - start as i32).abs()).collect();
        assert!(distances.windows(2).all(|w| w[0] <= w[1]));
    }
}
