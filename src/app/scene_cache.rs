//! The window's painted scene and the rules for when it must be rebuilt.
//!
//! Building and tessellating a scene costs milliseconds; moving a cached mesh costs a
//! multiply-add per vertex. So the window keeps one painted scene, built for the view plus a
//! margin, and rebuilds it only when what it depends on changed: a zoom drift large enough to
//! show in line widths, the map's size, anything in the scene request (layers, language,
//! selection, pins, …: compared whole), the theme or the user layers (their generations), the
//! screen's pixel density, a pan past the margin, or a finer level of detail becoming ready.

use crate::map::paint::PaintedScene;
use crate::scene::view::View;
use crate::scene::{Scene, SceneRequest};

/// Rebuild when the zoom has drifted this far from the one the scene was built at; in between,
/// the cached mesh is scaled (line widths drift by at most ±15 %).
pub const REBUILD_ZOOM_DRIFT: f64 = 0.2;

/// Extra area, as a fraction of the map's width and height on each side, that a scene covers
/// beyond the view: a pan reuses the scene until it leaves this margin.
pub const PAN_MARGIN: f32 = 0.2;

/// What a painted scene depends on, besides the view: the zoom and level of detail drawn,
/// and everything else compared whole (derived equality, no field listed by hand).
#[derive(Clone, Debug, PartialEq)]
pub struct SceneKey {
    pub zoom: f64,
    /// The level of detail drawn (coarser than wanted while the wanted one is prepared).
    pub lod: u8,
    pub content: KeyContent,
}

/// The part of a [`SceneKey`] that forces a rebuild whenever it differs.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyContent {
    /// What the map shows: the window's [`SceneRequest`] (the type every export carries too).
    pub request: SceneRequest,
    pub size: [f32; 2],
    pub pixels_per_point: f32,
    /// `ThemeState::generation`: a new or re-classified theme repaints the regions.
    pub theme_generation: u64,
    /// `UserLayers::generation`: a layer loaded, removed, moved, restyled or hidden.
    pub user_layers_generation: u64,
}

impl SceneKey {
    /// Whether anything but the zoom and the level of detail differs.
    fn content_changed(&self, other: &SceneKey) -> bool {
        self.content != other.content
    }
}

/// What to do with the cached scene this frame.
///
/// There is no "keep the old scene while the wanted level of detail is triangulated": the new
/// scene is built at the nearest level that is ready (cheap: no triangulation), because markers,
/// clusters and labels depend on the zoom, not on the level, and must be right at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Draw the cached scene moved into place.
    Reuse,
    /// Build a new scene.
    Rebuild,
}

/// The scene the window shows, with its key.
#[derive(Default)]
pub struct SceneCache {
    painted: Option<(SceneKey, PaintedScene)>,
}

impl SceneCache {
    /// Decides for a frame that wants `wanted` at `view`; `is_warm(lod)` says whether a level of
    /// detail is triangulated.
    pub fn decide(&self, wanted: &SceneKey, view: &View, is_warm: impl Fn(u8) -> bool) -> Decision {
        let Some((built, painted)) = &self.painted else { return Decision::Rebuild };
        let covered = contains(painted.scene.view.bbox_mercator(), view.bbox_mercator());
        let stale = (built.zoom - wanted.zoom).abs() > REBUILD_ZOOM_DRIFT
            || built.content_changed(wanted)
            || (built.lod != wanted.lod && is_warm(wanted.lod))
            || !covered;
        if stale {
            Decision::Rebuild
        } else {
            Decision::Reuse
        }
    }

    pub fn store(&mut self, key: SceneKey, painted: PaintedScene) {
        self.painted = Some((key, painted));
    }

    pub fn get(&self) -> Option<(&SceneKey, &PaintedScene)> {
        self.painted.as_ref().map(|(k, p)| (k, p))
    }

    /// The scene on screen (the legend lists what it actually draws).
    pub fn scene(&self) -> Option<&Scene> {
        self.painted.as_ref().map(|(_, p)| &p.scene)
    }
}

/// The view a scene is built for: the map plus [`PAN_MARGIN`] on every side.
pub fn with_pan_margin(view: View) -> View {
    let (mx, my) = (view.width() * PAN_MARGIN, view.height() * PAN_MARGIN);
    let r = view.rect_screen;
    View { rect_screen: [r[0] - mx, r[1] - my, r[2] + mx, r[3] + my], ..view }
}

fn contains(outer: [f64; 4], inner: [f64; 4]) -> bool {
    outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::mercator::mercator_from_lonlat;

    fn view_at(lonlat: [f64; 2], zoom: f64) -> View {
        View {
            center_mercator: mercator_from_lonlat(lonlat),
            zoom,
            rect_screen: [0.0, 0.0, 1000.0, 700.0],
        }
    }

    fn key(view: &View, lod: u8) -> SceneKey {
        SceneKey {
            zoom: view.zoom,
            lod,
            content: KeyContent {
                request: SceneRequest::default(),
                size: [view.width(), view.height()],
                pixels_per_point: 1.0,
                theme_generation: 0,
                user_layers_generation: 0,
            },
        }
    }

    /// A cache holding an (empty) scene built for `view` with the pan margin.
    fn cache_for(view: &View, lod: u8) -> SceneCache {
        let scene = Scene {
            view: with_pan_margin(*view),
            lod,
            background: [0, 0, 0, 0],
            items: Vec::new(),
            layers: crate::scene::layers::Layers::default(),
            approx_town_style: crate::scene::style::TOWN_OUTLINE_APPROX,
            towns_drawn: false,
            real_towns_drawn: false,
            approximate_drawn: false,
            schematic_drawn: false,
            basemap_drawn: false,
            selection: None,
            theme: None,
            user_layers: Vec::new(),
            user_binned: Vec::new(),
            pinned_drawn: false,
            selection_drawn: None,
        };
        let mut cache = SceneCache::default();
        cache.store(
            key(view, lod),
            PaintedScene { scene, mesh: Default::default(), user_points: Default::default() },
        );
        cache
    }

    #[test]
    fn empty_cache_builds() {
        let v = view_at([113.0, 23.0], 8.0);
        assert_eq!(SceneCache::default().decide(&key(&v, 3), &v, |_| true), Decision::Rebuild);
    }

    #[test]
    fn small_pan_and_zoom_reuse_large_ones_rebuild() {
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 3);
        let nudged = view_at([113.05, 23.0], 8.1);
        assert_eq!(cache.decide(&key(&nudged, 3), &nudged, |_| true), Decision::Reuse);
        let zoomed = view_at([113.0, 23.0], 8.3);
        assert_eq!(cache.decide(&key(&zoomed, 3), &zoomed, |_| true), Decision::Rebuild);
        let far = view_at([115.0, 23.0], 8.0);
        assert_eq!(
            cache.decide(&key(&far, 3), &far, |_| true),
            Decision::Rebuild,
            "panned past the margin"
        );
    }

    #[test]
    fn content_changes_rebuild() {
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 3);
        let mut k = key(&v, 3);
        k.content.request.selection = Some(crate::model::Subject::Region("441204".into()));
        assert_eq!(cache.decide(&k, &v, |_| true), Decision::Rebuild);
        let mut k = key(&v, 3);
        k.content.request.layers.towns = !k.content.request.layers.towns;
        assert_eq!(cache.decide(&k, &v, |_| true), Decision::Rebuild);
        let mut k = key(&v, 3);
        k.content.pixels_per_point = 2.0;
        assert_eq!(cache.decide(&k, &v, |_| true), Decision::Rebuild);
    }

    /// Every field of the scene request is part of the key: changing any one rebuilds. (A
    /// field left out of a hand-listed comparison once left the map stale.)
    #[test]
    fn every_field_of_the_request_rebuilds() {
        use crate::scene::MarkerMode;
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 3);
        let changes: Vec<fn(&mut SceneRequest)> = vec![
            |r| r.layers.parks = false,
            |r| r.lang = crate::i18n::Lang::Zh,
            |r| r.selection = Some(crate::model::Subject::Place("P001".into())),
            |r| r.force_towns = true,
            |r| r.text_scale = 1.5,
            |r| r.label_selection = true,
            |r| r.high_contrast = true,
            |r| r.pinned = vec!["441204".into()],
            |r| r.markers = MarkerMode::Hidden,
            |r| r.measure = Some(Default::default()),
            |r| {
                r.only_subjects =
                    Some(std::sync::Arc::new(["441204".to_string()].into_iter().collect()))
            },
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut k = key(&v, 3);
            change(&mut k.content.request);
            assert_ne!(
                k.content.request,
                SceneRequest::default(),
                "change {i} changes the request"
            );
            assert_eq!(cache.decide(&k, &v, |_| true), Decision::Rebuild, "change {i}");
        }
    }

    #[test]
    fn a_new_theme_rebuilds_the_same_theme_reuses() {
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 3);
        assert_eq!(cache.decide(&key(&v, 3), &v, |_| true), Decision::Reuse);
        let mut k = key(&v, 3);
        k.content.theme_generation = 1;
        assert_eq!(
            cache.decide(&k, &v, |_| true),
            Decision::Rebuild,
            "a theme was set, changed or removed"
        );
    }

    #[test]
    fn a_user_layer_change_rebuilds() {
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 3);
        let mut k = key(&v, 3);
        k.content.user_layers_generation = 4;
        assert_eq!(
            cache.decide(&k, &v, |_| true),
            Decision::Rebuild,
            "a layer loaded, moved, restyled or hidden"
        );
    }

    #[test]
    fn a_scene_drawn_at_a_coarser_level_is_rebuilt_when_the_wanted_one_is_ready() {
        let v = view_at([113.0, 23.0], 8.0);
        let cache = cache_for(&v, 2);
        let wanted = key(&v, 3);
        assert_eq!(cache.decide(&wanted, &v, |l| l <= 2), Decision::Reuse, "level 3 not ready yet");
        assert_eq!(cache.decide(&wanted, &v, |_| true), Decision::Rebuild, "ready now");
    }
}
