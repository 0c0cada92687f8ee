//! What user-layer feature (or bin of points) is under the pointer.
//!
//! [`UserHit`] is what the window does with either.
//! Each query uses the layer's indexes (R-tree of points, boxes of lines and shapes), so a
//! million points cost a tree descent, not a scan.

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

/// The topmost user hit at `pos_screen`: a bin of points the scene drew, else a feature.
pub fn pick_user(
    layers: &[DrawnLayer],
    scene: &Scene,
    view: &View,
    pos_screen: [f32; 2],
) -> Option<UserHit> {
    use crate::map::pick::{pick_bin, pick_feature};
    pick_bin(scene, view, pos_screen)
        .map(|b| UserHit::Bin { count: b.count as usize, mercator: b.center_mercator })
        .or_else(|| pick_feature(layers, view, pos_screen).map(UserHit::Feature))
}
