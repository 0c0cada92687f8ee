//! The map in the central panel: walkers for the pan/zoom gestures and tiles, our cached scene
//! on top, hover and click picking. Returns the user's picks as actions.

use std::sync::Arc;

use walkers::{lon_lat, MapMemory};

use super::basemap_tiles::BasemapTiles;
use super::scene_cache::{with_pan_margin, Decision, KeyContent, SceneCache, SceneKey};
use super::settings::HOME_CENTER_LONLAT;
use super::user_pick::{pick_user, UserHit};
use super::warm::FirstScene;
use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::map::frame::{
    fit_in_free_area, frame_subject, frames_clear, free_area, wheel_zoom_levels, zoom_around,
    FitSubject, MapBounds, Rect, MAX_ZOOM, WHEEL_EASING_S, ZOOM_PER_NOTCH,
};
use crate::map::paint;
use crate::map::pick::{pick, Pick};
use crate::model::{Atlas, Level, Subject};
use crate::render::egui_canvas::EguiCanvas;
use crate::render::locator::{draw_locator, layout_locator, Corner};
use crate::scene::lod_cache::lod_for_zoom;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::view::View;
use crate::scene::{build_scene, LodPolicy, Scene, SceneGeometry, SceneInput, SceneRequest};
use crate::ui::furniture::{FurnitureDrawn, Presenting, Toggle};
use crate::ui::{Action, Selection};

/// What the map draws, besides its own state.
pub struct MapInput<'a> {
    pub atlas: &'a Arc<Atlas>,
    pub geometry: &'a Arc<SceneGeometry>,
    /// What the map shows (layers, language, selection, pins, measure, the reader's filter,
    /// presentation's text scale and contrast): built by the app each frame, the same type an
    /// export carries, and the scene cache's key.
    pub request: SceneRequest,
    /// The thematic map drawn over the regions, and its generation (bumped on every rebuild).
    pub theme: Option<&'a crate::theme::Theme>,
    pub theme_generation: u64,
    /// The visible user layers, bottom first, and `UserLayers::generation`.
    pub user_layers: &'a [DrawnLayer],
    pub user_layers_generation: u64,
    /// The measure tool is on: clicks add vertices, a double-click finishes (no zoom, no selection).
    pub measuring: bool,
    /// The level Ctrl+click pins (`AtlasApp::pin_level`; `None`: the finest level drawn).
    pub pin_level: Option<Level>,
    /// The place under the pointer in the reader, outlined like the map's own hover.
    pub reader_hover: Option<&'a Subject>,
    /// The background triangulation, told the first scene's levels of detail.
    pub warmup: &'a super::warm::Warmup,
    /// Presentation mode (issue 12): the legend on the map (the side panels are hidden) and a
    /// ring around the pointer (the request carries its text scale and contrast).
    pub presenting: bool,
    /// While presenting, the legend on the map and the notes are unfolded (a click folds them).
    pub presentation_legend: bool,
    pub presentation_notes: bool,
}

/// What the pointer is over: a user's feature (or bin of points) above the atlas.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    Atlas(Pick),
    User(UserHit),
}

/// The map's state: position, the painted scene, what is under the pointer.
pub struct MapView {
    pub memory: MapMemory,
    cache: SceneCache,
    hover: Option<Hit>,
    /// The view of the last frame (tests, exports, key panning).
    pub last_view: Option<View>,
    /// When the first frame drawn coarser (`FIRST_FRAME_COARSER`) was refined.
    pub refine: FirstRefinement,
    /// How far out and how far off the map may go (none: only walkers' own limits).
    pub bounds: Option<MapBounds>,
    /// A box to frame in the free part of the map at the next frame (start view, Whole
    /// province, a selection, a tour stop).
    pending_fit: Option<PendingFit>,
    /// The furniture's boxes drawn over the map in the last frame, and the map's rectangle then.
    overlays: (Rect, Vec<Rect>),
    /// Frames drawn (a fit trusts only furniture drawn after it was asked for).
    frames: u64,
    /// Wheel notches still to apply (eased over a few frames), and the pointer they zoom around.
    wheel: Option<(f64, [f32; 2])>,
    /// The province, framed again when the map's rectangle changes (a side panel opens or
    /// closes, presentation, Large text) while it was shown whole; with its margin.
    pub province: Option<(FitSubject, f64)>,
    /// A camera flight in progress (between tour stops).
    flight: Option<Flight>,
    /// The map rectangle the flight's target was framed in: a stop that opens a panel or
    /// lengthens the caption changes the map under the flight, whose target is then framed
    /// again (`retarget_flight`).
    flight_framed_for: Option<Rect>,
    /// The subject framed last and the view that framed it, kept while the user leaves the
    /// view alone: when the map's rectangle or its furniture change under it (Large text, a
    /// caption that wraps to more lines, a details panel that widens, notes that grow), it is
    /// framed again (`keep_framing`).
    framed: Option<Framed>,
}

/// A framing that settled: what was framed, the view it gave and the furniture beside it.
#[derive(Clone, Debug)]
struct Framed {
    fit: PendingFit,
    view: View,
    overlays: Vec<Rect>,
}

/// Times in a row a framing is redone because the furniture drawn beside it changed and
/// covered it, without the map's rectangle changing: furniture that follows the view (the
/// scale bar's length) could otherwise chase the framing for ever.
const MAX_FURNITURE_REFITS: u8 = 3;
/// Times a flight's target is framed beside the furniture drawn at that target (a pass drawn
/// and discarded, `probe_flight_target`) before the flight lands on the last one framed.
const MAX_TARGET_PROBES: u8 = 4;

/// How long a flight between two tour stops takes, seconds: long enough to see which way the
/// map moves, short enough not to keep a class waiting.
pub const FLIGHT_SECONDS: f64 = 0.8;

/// The camera flying from one view to another: the centre moves and the zoom changes together,
/// eased in and out; between stops far apart it zooms out on the way, so the room sees where the
/// next stop lies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub from_mercator: [f64; 2],
    pub from_zoom: f64,
    pub to_mercator: [f64; 2],
    pub to_zoom: f64,
    /// How far the zoom dips below the lower of the two (0 when both centres fit one view).
    dip: f64,
    /// `egui` time of the first frame drawn (set by that frame).
    started: Option<f64>,
    /// Passes left to frame the target beside its own furniture (0: the target is final).
    probes_left: u8,
}

impl Flight {
    /// A flight in a map of `size_screen` points; `None` when there is nowhere to go.
    pub fn new(
        from_mercator: [f64; 2],
        from_zoom: f64,
        to_mercator: [f64; 2],
        to_zoom: f64,
        size_screen: [f32; 2],
    ) -> Option<Flight> {
        let distance = (to_mercator[0] - from_mercator[0]).hypot(to_mercator[1] - from_mercator[1]);
        if distance < 1e-12 && (to_zoom - from_zoom).abs() < 1e-3 {
            return None;
        }
        // The zoom at which both centres fit in 80 % of the map's shorter side.
        let side = (size_screen[0].min(size_screen[1]).max(1.0) * 0.8) as f64;
        let fit_zoom = (side / (crate::scene::view::TILE_SIZE * distance.max(1e-12))).log2();
        let dip = (from_zoom.min(to_zoom) - fit_zoom).max(0.0);
        Some(Flight {
            from_mercator,
            from_zoom,
            to_mercator,
            to_zoom,
            dip,
            started: None,
            probes_left: 0,
        })
    }

    /// Centre and zoom `elapsed` seconds after the start, and whether the flight is over (then
    /// exactly the target).
    pub fn at(&self, elapsed: f64) -> ([f64; 2], f64, bool) {
        let t = (elapsed / FLIGHT_SECONDS).clamp(0.0, 1.0);
        if t >= 1.0 {
            return (self.to_mercator, self.to_zoom, true);
        }
        // Cubic ease in and out.
        let e = if t < 0.5 { 4.0 * t * t * t } else { 1.0 - (-2.0 * t + 2.0).powi(3) / 2.0 };
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let center = [
            lerp(self.from_mercator[0], self.to_mercator[0]),
            lerp(self.from_mercator[1], self.to_mercator[1]),
        ];
        let zoom = lerp(self.from_zoom, self.to_zoom) - self.dip * (std::f64::consts::PI * e).sin();
        (center, zoom, false)
    }
}

/// A mercator box waiting to be framed, and how many frames framed it without knowing the
/// furniture of the map's current rectangle (the first frames of the window, a change of text
/// size: the map's rectangle is not yet the one the furniture was laid out in).
#[derive(Clone, Debug)]
struct PendingFit {
    subject: FitSubject,
    margin: f64,
    max_zoom: f64,
    blind: u8,
    /// `MapView::frames` when the fit was asked for.
    since: u64,
    /// Fly there from this view instead of jumping (a tour stop).
    fly_from: Option<View>,
    /// The framing after a flight: the view landed on stays when its subject is clear of the
    /// furniture and in the map (no jump for nothing), else it is framed again.
    after_flight: bool,
    /// How many times in a row the furniture alone made this subject be framed again.
    refits: u8,
}

/// Frames a fit may be redone while the map's rectangle settles.
const MAX_BLIND_FITS: u8 = 6;

impl MapView {
    pub fn new(center_lonlat: [f64; 2], zoom: f64) -> MapView {
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(center_lonlat[0], center_lonlat[1]));
        let _ = memory.set_zoom(zoom);
        MapView {
            memory,
            cache: SceneCache::default(),
            hover: None,
            last_view: None,
            refine: FirstRefinement::default(),
            bounds: None,
            pending_fit: None,
            overlays: ([0.0; 4], Vec::new()),
            frames: 0,
            wheel: None,
            province: None,
            flight: None,
            flight_framed_for: None,
            framed: None,
        }
    }

    /// Frames `subject` as large as the map allows with none of its furniture over it (see
    /// `map::frame::frame_subject`), with `margin` (0.05 = 5 % on each side) and no closer than
    /// `max_zoom`, from the next frame on (the map's size and furniture are known only then).
    pub fn fit(&mut self, subject: FitSubject, margin: f64, max_zoom: f64) {
        self.pending_fit = Some(PendingFit {
            subject,
            margin,
            max_zoom,
            blind: 0,
            since: self.frames,
            fly_from: None,
            after_flight: false,
            refits: 0,
        });
        self.wheel = None;
        self.flight = None;
        self.framed = None;
    }

    /// The part of the last frame's map that its furniture (notes, scale bar, credits, legend)
    /// leaves free, screen points.
    pub fn free_rect(&self) -> Option<Rect> {
        let map = self.last_view?.rect_screen;
        Some(if self.overlays.0 == map { free_area(map, &self.overlays.1) } else { map })
    }

    /// The furniture's boxes over the last frame's map (tests: nothing is framed under them).
    pub fn overlays(&self) -> &[Rect] {
        &self.overlays.1
    }

    /// Whether the last frame showed the whole province.
    pub fn province_shown(&self) -> bool {
        let (Some(view), Some((province, _))) = (self.last_view, &self.province) else {
            return false;
        };
        let (shown, p) = (view.bbox_mercator(), province.bbox_mercator);
        // A pixel of slack: a fit may put the province's edge half a pixel past the map's (it
        // was then not "shown", and leaving presentation did not frame it again).
        let px = (shown[2] - shown[0]) / view.width().max(1.0) as f64;
        shown[0] <= p[0] + px
            && shown[1] <= p[1] + px
            && shown[2] >= p[2] - px
            && shown[3] >= p[3] - px
    }

    /// Frames the province again when the map's rectangle changed under a view that showed it
    /// whole (the details panel opening in a narrow window cut off Zhanjiang).
    fn keep_province_whole(&mut self, map_rect: Rect) {
        let changed = self.last_view.is_some_and(|v| v.rect_screen != map_rect);
        // A view set since (a saved view opened from the province, which opened the details
        // panel) is kept: only the province left as it was is framed again.
        let kept = self.last_view.is_some_and(|v| same_view(&self.memory_view(v.rect_screen), &v));
        if changed
            && kept
            && self.pending_fit.is_none()
            && self.flight.is_none()
            && self.province_shown()
        {
            if let Some((subject, margin)) = self.province.clone() {
                self.fit(subject, margin, MAX_ZOOM);
            }
        }
    }

    /// Moves walkers' memory to `view`'s centre and zoom.
    fn set_memory(&mut self, view: &View) {
        let lonlat = view.center_lonlat();
        self.memory.center_at(lon_lat(lonlat[0], lonlat[1]));
        let _ = self.memory.set_zoom(view.zoom);
    }

    /// The view walkers will draw in `map_rect` from its memory (before this frame's gestures).
    fn memory_view(&self, map_rect: Rect) -> View {
        let center = self.memory.detached().map_or(HOME_CENTER_LONLAT, |p| [p.x(), p.y()]);
        View {
            center_mercator: mercator_from_lonlat(center),
            zoom: self.memory.zoom(),
            rect_screen: map_rect,
        }
    }

    /// Frames the pending subject in `map_rect`. Returns whether the frame must be drawn again:
    /// the furniture of the framed view is known only once it is drawn (the scale bar's length
    /// follows the zoom, and the credits sit beside it), so the framing is redone until the
    /// view it gives is the view the furniture was drawn for.
    fn frame_pending(&mut self, map_rect: Rect) -> bool {
        if self.flight.is_some() {
            // The flight lands on the fitted view; the fit is refined once it has.
            return false;
        }
        let Some(fit) = self.pending_fit.take() else { return false };
        // The furniture of this rectangle, drawn since the fit was asked for (a fold or unfold of
        // the legend changes it).
        let known =
            self.overlays.0 == map_rect && (self.frames > fit.since || fit.fly_from.is_some());
        let landed = self.last_view.filter(|v| v.rect_screen == map_rect);
        if let Some(landed) = landed.filter(|v| {
            fit.after_flight && known && frames_clear(&fit.subject, v, &self.overlays.1)
        }) {
            // Landed clear of the furniture: the stop stays where the flight put it.
            self.set_memory(&landed);
            self.framed = Some(Framed { fit, view: landed, overlays: self.overlays.1.clone() });
            return false;
        }
        let mut view = match known {
            true => {
                frame_subject(&fit.subject, map_rect, &self.overlays.1, fit.margin, fit.max_zoom)
            }
            false => fit_in_free_area(
                fit.subject.bbox_mercator,
                map_rect,
                map_rect,
                fit.margin,
                fit.max_zoom,
            ),
        };
        if let Some(b) = self.bounds {
            view = b.clamp(view);
        }
        self.set_memory(&view);
        if let Some(from) = fit.fly_from {
            // A tour stop: fly there at once, framed beside the furniture of the view flown
            // from (settling it first would show the room the stop before the flight to it)…
            self.fly_from(Some(from));
            self.flight_framed_for = Some(map_rect);
            if let Some(flight) = self.flight.as_mut() {
                flight.probes_left = MAX_TARGET_PROBES;
            }
            // …and framed again once landed, beside the furniture of the stop itself: its
            // layout may differ (the details panel, a longer caption, the notes, the locator),
            // and the stop framed for the old one had the notes over Gaoyao (issue 19 QA).
            self.pending_fit = Some(PendingFit {
                fly_from: None,
                blind: 0,
                since: self.frames,
                after_flight: true,
                ..fit
            });
            return false;
        }
        let settled = known && self.last_view.is_some_and(|drawn| same_view(&drawn, &view));
        if settled || fit.blind >= MAX_BLIND_FITS {
            let overlays = if known { self.overlays.1.clone() } else { Vec::new() };
            self.framed = Some(Framed { fit, view, overlays });
            false
        } else {
            self.pending_fit = Some(PendingFit { blind: fit.blind + 1, since: self.frames, ..fit });
            true
        }
    }

    /// Frames a flight's target again when the map under it is not the one it was framed in
    /// (the stop's own layout: a details panel, a longer caption), in the bare rectangle; the
    /// target is then framed beside its own furniture again (`probe_flight_target`), and the
    /// flight bends towards it early on instead of landing beside the old layout and jumping.
    fn retarget_flight(&mut self, map_rect: Rect) {
        let (Some(flight), Some(fit)) = (self.flight.as_mut(), self.pending_fit.as_ref()) else {
            return;
        };
        if self.flight_framed_for == Some(map_rect) {
            return;
        }
        self.flight_framed_for = Some(map_rect);
        let mut view = frame_subject(&fit.subject, map_rect, &[], fit.margin, fit.max_zoom);
        if let Some(b) = self.bounds {
            view = b.clamp(view);
        }
        (flight.to_mercator, flight.to_zoom) = (view.center_mercator, view.zoom);
        flight.probes_left = MAX_TARGET_PROBES;
    }

    /// Whether this pass draws the flight's target instead of the flight (to learn the target's
    /// furniture): only in a pass egui will discard, so no frame the user sees shows it.
    fn probing_target(&self, ui: &egui::Ui) -> bool {
        let discardable =
            ui.ctx().current_pass_index() == 0 && ui.ctx().options(|o| o.max_passes.get()) > 1;
        discardable
            && self.pending_fit.is_some()
            && self.flight.as_ref().is_some_and(|f| f.probes_left > 0)
    }

    /// Frames the flight's target again beside the furniture just drawn at it (`drawn`, in a
    /// pass that is discarded): the flight then lands on a view whose own scale bar, credits,
    /// legend and locator leave its subject clear, and nothing is framed again once it has
    /// landed — the "small correction after a flight lands" the QA pass saw (the target had
    /// been framed beside the furniture of the stop flown from). Done when framing gives the
    /// view drawn, or after [`MAX_TARGET_PROBES`] passes.
    fn probe_flight_target(&mut self, drawn: &View, overlays: &[Rect]) {
        let (Some(flight), Some(fit)) = (self.flight.as_mut(), self.pending_fit.as_ref()) else {
            return;
        };
        let mut view =
            frame_subject(&fit.subject, drawn.rect_screen, overlays, fit.margin, fit.max_zoom);
        if let Some(b) = self.bounds {
            view = b.clamp(view);
        }
        flight.probes_left = if same_view(&view, drawn) { 0 } else { flight.probes_left - 1 };
        (flight.to_mercator, flight.to_zoom) = (view.center_mercator, view.zoom);
    }

    /// Frames the last framed subject again when the map's rectangle changed under its view,
    /// or when the furniture drawn beside it changed and now covers it — once the new layout
    /// is drawn (a change of text size takes effect a frame later) and only while the user has
    /// not moved the map since (then the view is theirs). One rule for a tour stop, a search
    /// result and a selection: Large text switched on at a stop left Dasha cut off until the
    /// stop was entered again (issue 19 QA).
    fn keep_framing(&mut self, map_rect: Rect) {
        if self.pending_fit.is_some() || self.flight.is_some() {
            return;
        }
        let Some(framed) = &self.framed else { return };
        if !same_camera(&self.memory_view(map_rect), &framed.view) {
            self.framed = None;
            return;
        }
        let resized = framed.view.rect_screen != map_rect;
        let drawn = self.last_view.filter(|v| v.rect_screen == map_rect);
        let covered = self.overlays.0 == map_rect
            && self.overlays.1 != framed.overlays
            && drawn.is_some_and(|v| !frames_clear(&framed.fit.subject, &v, &self.overlays.1));
        let refits = if resized { 0 } else { framed.fit.refits + 1 };
        if resized || (covered && refits <= MAX_FURNITURE_REFITS) {
            // Framed anew by the rule (not kept as landed, as after a flight).
            let fit = PendingFit {
                blind: 0,
                since: self.frames,
                refits,
                after_flight: false,
                ..framed.fit.clone()
            };
            self.pending_fit = Some(fit);
        }
    }

    /// Wheel zoom, ours instead of walkers' (whose step grew with the frame time: ~1.3 levels a
    /// notch on a slow frame): half a level a notch, eased over a few frames; a trackpad's
    /// small steps as they come. Only when the pointer is over the map and no window covers it.
    fn wheel_zoom(&mut self, ui: &mut egui::Ui, map_rect: Rect) {
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let inside = |p: &egui::Pos2| {
            p.x >= map_rect[0] && p.x <= map_rect[2] && p.y >= map_rect[1] && p.y <= map_rect[3]
        };
        if let Some(p) =
            pointer.filter(|p| inside(p) && ui.ctx().layer_id_at(*p) == Some(ui.layer_id()))
        {
            let (notches, points) = ui.input(|i| {
                let mut sums = (0.0, 0.0);
                for e in &i.events {
                    if let egui::Event::MouseWheel { unit, delta, modifiers, .. } = e {
                        // Ctrl+wheel is egui's pinch-zoom, left to walkers.
                        if modifiers.ctrl || modifiers.command {
                            continue;
                        }
                        let levels = wheel_zoom_levels(*unit, delta.y);
                        if *unit == egui::MouseWheelUnit::Point {
                            sums.1 += levels
                        } else {
                            sums.0 += levels
                        }
                    }
                }
                // X11 reports one click of the wheel twice in a frame (seen under Xvfb): a frame's
                // notches count as one at most.
                (sums.0.clamp(-ZOOM_PER_NOTCH, ZOOM_PER_NOTCH), sums.1)
            });
            // Walkers must not zoom by the same scroll.
            ui.input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
            let pending = self.wheel.map_or(0.0, |(r, _)| r);
            if notches != 0.0 || (points != 0.0 && pending != 0.0) {
                self.wheel = Some(((pending + notches + points).clamp(-2.0, 2.0), [p.x, p.y]));
            } else if points != 0.0 {
                self.zoom_at(points, [p.x, p.y], map_rect);
            }
        }
        let Some((remaining, anchor)) = self.wheel else { return };
        let dt = ui
            .input(|i| if i.stable_dt > 0.0 { i.stable_dt } else { i.predicted_dt })
            .clamp(1.0 / 240.0, 0.1) as f64;
        let step = if remaining.abs() < 0.01 {
            remaining
        } else {
            remaining * (1.0 - (-dt / WHEEL_EASING_S).exp())
        };
        let applied = self.zoom_at(step, anchor, map_rect);
        let left = remaining - step;
        // At a limit the rest of the notch is dropped rather than waited for.
        self.wheel = (left.abs() > 1e-4 && applied).then_some((left, anchor));
        if self.wheel.is_some() {
            ui.ctx().request_repaint();
        }
    }

    /// Zooms by `levels` around `anchor_screen`, within the bounds; whether the zoom changed.
    fn zoom_at(&mut self, levels: f64, anchor_screen: [f32; 2], map_rect: Rect) -> bool {
        let view = self.memory_view(map_rect);
        let size = [map_rect[2] - map_rect[0], map_rect[3] - map_rect[1]];
        let target = self.bounds.map_or((view.zoom + levels).clamp(0.0, MAX_ZOOM), |b| {
            b.clamp_zoom(view.zoom + levels, size)
        });
        if (target - view.zoom).abs() < 1e-9 {
            return false;
        }
        let mut zoomed = zoom_around(&view, target - view.zoom, anchor_screen);
        if let Some(b) = self.bounds {
            zoomed = b.clamp(zoomed);
        }
        self.set_memory(&zoomed);
        true
    }

    /// Puts a view walkers moved out of bounds (a drag, a pinch) back within them; whether it did.
    fn keep_in_bounds(&mut self, view: &View) -> bool {
        let Some(b) = self.bounds else { return false };
        let clamped = b.clamp(*view);
        let moved = (clamped.center_mercator[0] - view.center_mercator[0]).abs() > 1e-9
            || (clamped.center_mercator[1] - view.center_mercator[1]).abs() > 1e-9
            || (clamped.zoom - view.zoom).abs() > 1e-9;
        if moved {
            self.set_memory(&clamped);
        }
        moved
    }

    /// Centres and zooms the map on a lon/lat, at once: a flight in progress stops, and a framing
    /// still pending (the start's province) is dropped — the view asked for now wins (a view opened
    /// at start, `--view` or a web link, was otherwise replaced by the province a few frames later).
    pub fn set_view(&mut self, center_lonlat: [f64; 2], zoom: f64) {
        self.flight = None;
        self.pending_fit = None;
        self.framed = None;
        self.memory.center_at(lon_lat(center_lonlat[0], center_lonlat[1]));
        let _ = self.memory.set_zoom(zoom.clamp(3.0, 18.0));
    }

    /// Turns the jump to the view just set (`set_view`, a fit) into a flight from `from`, the
    /// view shown before it (`None` before the first frame: nothing to fly from).
    pub fn fly_from(&mut self, from: Option<View>) {
        if let Some(fit) = self.pending_fit.as_mut().filter(|_| from.is_some()) {
            // The fit is framed now, beside the furniture of the last frame, and flown to.
            fit.fly_from = from;
            if let Some(map_rect) = self.last_view.map(|v| v.rect_screen) {
                self.frame_pending(map_rect);
            }
            return;
        }
        let (Some(from), Some(to)) = (from, self.memory.detached()) else { return };
        let to_mercator = mercator_from_lonlat([to.x(), to.y()]);
        let size = [from.width(), from.height()];
        self.flight =
            Flight::new(from.center_mercator, from.zoom, to_mercator, self.memory.zoom(), size);
        if let Some(f) = &self.flight {
            // The first frame of the flight shows where it starts.
            self.place_camera(f.from_mercator, f.from_zoom);
        }
    }

    /// Whether the camera is flying (tests; the frame asks for the next one while it is).
    pub fn flying(&self) -> bool {
        self.flight.is_some()
    }

    fn place_camera(&mut self, center_mercator: [f64; 2], zoom: f64) {
        let lonlat = lonlat_from_mercator(center_mercator);
        self.memory.center_at(lon_lat(lonlat[0], lonlat[1]));
        let _ = self.memory.set_zoom(zoom.clamp(3.0, 18.0));
    }

    /// Moves the camera along the flight for this frame; a press, a drag or a wheel on the
    /// window ends the flight where it is (the user takes over).
    fn advance_flight(&mut self, ui: &egui::Ui) {
        if self.interrupt_flight(ui) {
            return;
        }
        let Some(flight) = &mut self.flight else { return };
        let now = ui.input(|i| i.time);
        let started = *flight.started.get_or_insert(now);
        let (center, zoom, done) = flight.at(now - started);
        self.place_camera(center, zoom);
        if done {
            self.flight = None;
        } else {
            ui.ctx().request_repaint();
        }
    }

    /// Ends the flight where it is when the user presses on the window or turns the wheel
    /// (they take over: no framing after the flight either); whether it did.
    fn interrupt_flight(&mut self, ui: &egui::Ui) -> bool {
        if self.flight.is_none() {
            return false;
        }
        let interrupted = ui.input(|i| {
            let wheel = i.events.iter().any(|e| matches!(e, egui::Event::MouseWheel { .. }));
            i.pointer.any_pressed() || wheel
        });
        if interrupted {
            self.flight = None;
            self.pending_fit = None;
        }
        interrupted
    }

    pub fn zoom_by(&mut self, steps: f64) {
        if self.flight.take().is_some() {
            self.pending_fit = None;
        }
        let _ = self.memory.set_zoom((self.memory.zoom() + steps).clamp(3.0, 18.0));
    }

    /// Pans by a fraction of the map's size (arrow keys).
    pub fn pan_by(&mut self, fraction: [f32; 2]) {
        if self.flight.take().is_some() {
            self.pending_fit = None;
        }
        let Some(view) = self.last_view else { return };
        let step_screen = [view.width() * fraction[0], view.height() * fraction[1]];
        let center_screen = view.center_screen();
        let mercator = view.screen_from_mercator().inverse([
            center_screen[0] as f32 + step_screen[0],
            center_screen[1] as f32 + step_screen[1],
        ]);
        let lonlat = lonlat_from_mercator(mercator);
        self.memory.center_at(lon_lat(lonlat[0], lonlat[1]));
    }

    /// The scene on screen (the legend lists what it actually draws).
    pub fn drawn_scene(&self) -> Option<&Scene> {
        self.cache.scene()
    }

    /// What the pointer is over, for the tooltip.
    pub fn hover(&self) -> Option<&Hit> {
        self.hover.as_ref()
    }

    /// Where the camera is for this pass, in `map_rect`: the province or the framed subject
    /// framed again after a change of layout, a pending fit framed, the flight steered (or its
    /// target drawn, in a pass to be discarded), the wheel applied. Returns whether the pass must
    /// be run again (a fit framed without its furniture) and whether it draws the flight's target.
    fn place_view(&mut self, ui: &mut egui::Ui, map_rect: Rect) -> (bool, bool) {
        self.keep_province_whole(map_rect);
        self.keep_framing(map_rect);
        let reframe = self.frame_pending(map_rect);
        self.retarget_flight(map_rect);
        let probing = self.probing_target(ui) && !self.interrupt_flight(ui);
        match self.flight.filter(|_| probing) {
            Some(f) => self.place_camera(f.to_mercator, f.to_zoom),
            None => self.advance_flight(ui),
        }
        self.wheel_zoom(ui, map_rect);
        (reframe, probing)
    }

    /// Draws the map and returns the click's action, if any.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        input: &MapInput,
        tiles: &mut BasemapTiles,
        attribution: &str,
    ) -> Vec<Action> {
        // The rectangle walkers is about to take: the rest of the central panel.
        let r = ui.available_rect_before_wrap();
        let map_rect = [r.min.x, r.min.y, r.max.x, r.max.y];
        let (reframe, probing) = self.place_view(ui, map_rect);
        let has_tiles = tiles.has_tiles();
        let map = walkers::Map::new(
            tiles.tiles_mut(),
            &mut self.memory,
            lon_lat(HOME_CENTER_LONLAT[0], HOME_CENTER_LONLAT[1]),
        )
        .zoom_with_ctrl(false)
        .double_click_to_zoom(!input.measuring);
        let cache = &mut self.cache;
        let hover = &mut self.hover;
        let refine = &mut self.refine;
        let mut furniture = FurnitureDrawn::default();
        let inner = map.show(ui, |ui, response, projector, _memory| {
            let rect = response.rect;
            let center_lonlat = projector.unproject(rect.center().to_vec2());
            let view = View {
                center_mercator: mercator_from_lonlat([center_lonlat.x(), center_lonlat.y()]),
                zoom: projector.zoom(),
                rect_screen: [rect.min.x, rect.min.y, rect.max.x, rect.max.y],
            };
            let painter = ui.painter().with_clip_rect(rect);
            if !has_tiles {
                painter.rect_filled(rect, 0.0, paint::color32(crate::scene::style::SEA));
            }
            refresh_scene(&painter, cache, refine, input, &view);
            let Some((_, painted)) = cache.get() else { return (view, None) };
            *hover = response
                .hover_pos()
                .and_then(|p| pick_at(input, &painted.scene, &view, [p.x, p.y]));
            let atlas_hover = match hover.as_ref() {
                Some(Hit::Atlas(pick)) => Some(pick),
                _ => None,
            };
            furniture = draw_map(&painter, painted, input, &view, atlas_hover, attribution);
            if let Some(pos) = response.hover_pos().filter(|_| input.presenting) {
                crate::ui::presentation::draw_pointer_ring(&painter, pos);
            }
            if input.measuring {
                return (view, measure_click(response, &view).map(MapClick::Measure));
            }
            if ctrl_held(ui) {
                let pin = response
                    .clicked_by(egui::PointerButton::Primary)
                    .then(|| response.interact_pointer_pos())
                    .flatten();
                let code = pin.and_then(|p| pin_at(input, &painted.scene, &view, [p.x, p.y]));
                return (view, code.map(MapClick::Pin));
            }
            let click = response
                .clicked_by(egui::PointerButton::Primary)
                .then(|| {
                    response
                        .interact_pointer_pos()
                        .map(|p| pick_at(input, &painted.scene, &view, [p.x, p.y]))
                })
                .flatten();
            (view, click.map(MapClick::Pick))
        });
        let (view, click) = inner.inner;
        self.last_view = Some(view);
        self.frames += 1;
        let mut actions = furniture_clicks(ui, &furniture, input);
        if probing {
            self.probe_flight_target(&view, &furniture.boxes);
        }
        self.overlays = (view.rect_screen, furniture.boxes);
        // A frame framed without its furniture, a flight's target drawn to learn its furniture,
        // or a view moved out of bounds by a gesture, is not shown: the pass is run again at
        // once with the corrected view.
        if self.keep_in_bounds(&view) || reframe || probing {
            ui.ctx().request_discard("frame the map within its bounds and free area");
            ui.ctx().request_repaint();
        }
        if let Some(text) = self.hover.as_ref().and_then(|hit| hover_text(input, hit)) {
            inner.response.clone().on_hover_text_at_pointer(text);
        }
        let click = match click {
            Some(MapClick::Measure(action)) => Some(Action::Measure(action)),
            // Ctrl+click pins (or unpins) a region for comparison instead of selecting it.
            Some(MapClick::Pin(code)) => {
                Some(Action::Compare(crate::ui::compare::CompareAction::Toggle(code)))
            }
            Some(MapClick::Pick(hit)) => pick_action(hit),
            None => None,
        };
        actions.extend(click);
        actions
    }
}

/// What a plain click on the map asks for: select what it hit (a user's bin zooms in), or clear
/// the selection on empty ground.
fn pick_action(hit: Option<Hit>) -> Option<Action> {
    Some(match hit {
        Some(Hit::Atlas(hit)) => Action::Select(Selection::in_cluster(hit.subject, hit.cluster)),
        Some(Hit::User(UserHit::Feature(key))) => {
            Action::Select(Selection::of(Subject::Feature(key)))
        }
        Some(Hit::User(UserHit::Bin { mercator, .. })) => {
            Action::ZoomInAt { lonlat: lonlat_from_mercator(mercator), steps: 2.0 }
        }
        None => Action::ClearSelection,
    })
}

/// Clicks on the furniture that folds (presenting: the legend, the notes) and the credits' full
/// text when its line was cut. Registered after the map, so a click there is not a map click.
fn furniture_clicks(
    ui: &mut egui::Ui,
    furniture: &FurnitureDrawn,
    input: &MapInput,
) -> Vec<Action> {
    use crate::ui::presentation::PresentationAction;
    let rect = |r: &Rect| egui::Rect::from_min_max(egui::pos2(r[0], r[1]), egui::pos2(r[2], r[3]));
    let mut actions = Vec::new();
    for (i, (r, toggle)) in furniture.toggles.iter().enumerate() {
        let response = ui
            .interact(rect(r), ui.scope_id().with(("furniture", i)), egui::Sense::click())
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        let hint = input.request.lang.pick("Click to fold or unfold", "点击折叠或展开");
        if response.on_hover_text(hint).clicked() {
            actions.push(Action::Presentation(match toggle {
                Toggle::Legend => PresentationAction::SetLegend(!input.presentation_legend),
                Toggle::Notes => PresentationAction::SetNotes(!input.presentation_notes),
            }));
        }
    }
    if let Some((r, text)) = &furniture.credits_cut {
        ui.interact(rect(r), ui.scope_id().with("credits"), egui::Sense::hover())
            .on_hover_text(text);
    }
    actions
}

/// Whether two views have the same centre and zoom (to a hundredth of a point, a millionth of
/// a level), whatever their rectangles.
fn same_camera(a: &View, b: &View) -> bool {
    let scale = a.pixels_per_mercator();
    (a.zoom - b.zoom).abs() < 1e-6
        && ((a.center_mercator[0] - b.center_mercator[0]) * scale).abs() < 0.01
        && ((a.center_mercator[1] - b.center_mercator[1]) * scale).abs() < 0.01
}

/// Whether two views show the same map (to a hundredth of a point and of a zoom level).
fn same_view(a: &View, b: &View) -> bool {
    let scale = a.pixels_per_mercator();
    a.rect_screen == b.rect_screen
        && (a.zoom - b.zoom).abs() < 0.01
        && ((a.center_mercator[0] - b.center_mercator[0]) * scale).abs() < 0.01
        && ((a.center_mercator[1] - b.center_mercator[1]) * scale).abs() < 0.01
}

/// A click on the map: a pick (selection), a region to pin (Ctrl+click) or, with the measure
/// tool on, a vertex or the end.
enum MapClick {
    Pick(Option<Hit>),
    Pin(String),
    Measure(crate::ui::measure::MeasureAction),
}

/// Ctrl (or Cmd) is held; the press's own modifiers count too (they reach the click's frame
/// before the key state does).
fn ctrl_held(ui: &egui::Ui) -> bool {
    ui.input(|i| {
        let pressed_with_ctrl = i.events.iter().any(|e| matches!(e, egui::Event::PointerButton { modifiers, .. } if modifiers.ctrl || modifiers.command));
        i.modifiers.ctrl || i.modifiers.command || pressed_with_ctrl
    })
}

/// The region Ctrl+click pins at `pos_screen`: of the level being compared (`pin_level`) whatever
/// the zoom draws — a county while towns are shown, even over a marker —; a city without
/// counties (Dongguan, Zhongshan) stands for a county, as in the county themes. Without a level,
/// the region a plain click would pick.
fn pin_at(input: &MapInput, scene: &Scene, view: &View, pos_screen: [f32; 2]) -> Option<String> {
    let atlas = input.atlas;
    let Some(level) = input.pin_level else {
        return match pick(atlas, scene, view, &input.request.layers, pos_screen)?.subject {
            Subject::Region(code) => Some(code),
            _ => None,
        };
    };
    let lonlat = lonlat_from_mercator(view.screen_from_mercator().inverse(pos_screen));
    let idx = atlas.region_at(lonlat, level).or_else(|| {
        (level == Level::County).then(|| atlas.region_at(lonlat, Level::City)).flatten()
    })?;
    Some(atlas.regions[idx].code.clone())
}

/// With the measure tool on: a click adds the point under the pointer, a double-click (whose
/// first click already added it) finishes the path.
fn measure_click(
    response: &egui::Response,
    view: &View,
) -> Option<crate::ui::measure::MeasureAction> {
    use crate::ui::measure::MeasureAction;
    if response.double_clicked_by(egui::PointerButton::Primary) {
        return Some(MeasureAction::Finish);
    }
    let pos = response
        .clicked_by(egui::PointerButton::Primary)
        .then(|| response.interact_pointer_pos())
        .flatten()?;
    let mercator = view.screen_from_mercator().inverse([pos.x, pos.y]);
    Some(MeasureAction::AddPoint(lonlat_from_mercator(mercator)))
}

/// User layers first (drawn on top), then the atlas's markers, lines and regions.
fn pick_at(input: &MapInput, scene: &Scene, view: &View, pos_screen: [f32; 2]) -> Option<Hit> {
    pick_user(input.user_layers, scene, view, pos_screen).map(Hit::User).or_else(|| {
        pick(input.atlas, scene, view, &input.request.layers, pos_screen).map(Hit::Atlas)
    })
}

/// The tooltip: a region, place or line as in the details; a user's feature with its layer and
/// label (or first attributes); a bin with its count.
fn hover_text(input: &MapInput, hit: &Hit) -> Option<String> {
    match hit {
        Hit::Atlas(pick) => {
            let mut text = crate::ui::details::tooltip_text(
                input.atlas,
                &pick.subject,
                pick.cluster.len(),
                input.request.lang,
            );
            if let Some(line) = input.theme.and_then(|t| {
                crate::ui::theme_details::hover_line(
                    input.atlas,
                    t,
                    &pick.subject,
                    input.request.lang,
                )
            }) {
                text.push('\n');
                text.push_str(&line);
            }
            Some(text)
        }
        Hit::User(UserHit::Feature(key)) => {
            let drawn = input.user_layers.iter().find(|d| d.layer.id == key.layer)?;
            Some(crate::ui::feature_details::feature_tooltip(
                &drawn.layer,
                key.feature,
                drawn.style.label_column,
            ))
        }
        Hit::User(UserHit::Bin { count, .. }) => Some(format!(
            "{count} {}",
            input.request.lang.pick("points — click to zoom in", "个点——点击放大")
        )),
    }
}

/// How many levels of detail coarser than its zoom wants the window's first scene is drawn
/// (issue 21, the first frame): at the province view of a 1600×1000 window, level 7 instead of
/// 8 — lines simplified to 0.8 instead of 0.4 pixels, which the eye does not tell apart at that
/// scale (BENCHMARKS.md, "First window frame (issue 21, speed III)": screenshots of both) —
/// 59 % of the triangles for llvmpipe to set up and rasterise, and a level that triangulates
/// in a fraction of the time. The next frame rebuilds it at the wanted level
/// ([`FirstRefinement`]), so the frames after the first are exactly what they were. Not done
/// without a warm-up thread (the browser): the UI thread would triangulate the wanted level
/// alone right after, so a coarser frame would only add a frame.
pub const FIRST_FRAME_COARSER: f64 = 1.0;

/// The first scene, drawn coarser than wanted (`FIRST_FRAME_COARSER`), and its refinement.
#[derive(Default)]
pub struct FirstRefinement {
    /// The cached scene is the first one, drawn coarser, for this view: once the first frame
    /// is on screen it is rebuilt at the wanted level at once (`LodPolicy::Exact`), this thread
    /// triangulating beside the warm-up thread rather than waiting for it (on a busy machine a
    /// nice'd thread gets a tenth of a core, and the full detail came ~0.2 s after the first
    /// frame) — for the same view, unless the scene is stale anyway, so that the cache then
    /// holds exactly the scene a first frame at full detail would have left there (the start
    /// view is framed over several passes, and the map keeps a scene built a little off the
    /// camera's zoom: a scene built a frame later, at another zoom, moved a label at 1280×720).
    pending: Option<View>,
    /// The frame (egui's number) whose scene was refined, until its drawing is timed
    /// (`GD_ATLAS_TIMING`).
    pub drawn_in_frame: Option<u64>,
}

/// Rebuilds the painted scene when the cache says so, or to refine the first frame's (see
/// [`FirstRefinement`]); asks for a repaint while a level of detail is still being prepared in
/// the background.
fn refresh_scene(
    painter: &egui::Painter,
    cache: &mut SceneCache,
    refine: &mut FirstRefinement,
    input: &MapInput,
    view: &View,
) {
    let ctx = painter.ctx();
    let geometry = input.geometry;
    let wanted = SceneKey {
        zoom: view.zoom,
        lod: lod_for_zoom(view.zoom),
        content: KeyContent {
            request: input.request.clone(),
            size: [view.width(), view.height()],
            pixels_per_point: ctx.pixels_per_point(),
            theme_generation: input.theme_generation,
            user_layers_generation: input.user_layers_generation,
        },
    };
    let first = cache.get().is_none();
    let coarser = first && input.warmup.running();
    let lod_bias = if coarser { -FIRST_FRAME_COARSER } else { 0.0 };
    if first {
        let drawn = lod_for_zoom(view.zoom + lod_bias);
        input.warmup.first_scene(FirstScene { drawn, wanted: wanted.lod });
    }
    // Frame 0's passes draw the first scene; the frame after it refines it (see
    // `FirstRefinement::pending` for the view).
    let stale = cache.decide(&wanted, view, |_| false) == Decision::Rebuild;
    let refine_at = (refine.pending.filter(|_| ctx.cumulative_frame_nr() > 0)).map(|first_view| {
        if stale {
            *view
        } else {
            first_view
        }
    });
    let decision = match refine_at {
        Some(_) => Decision::Rebuild,
        None => cache.decide(&wanted, view, |lod| geometry.is_warm(lod)),
    };
    match decision {
        Decision::Reuse => {}
        Decision::Rebuild => {
            let at = refine_at.unwrap_or(*view);
            let for_at = SceneKey { zoom: at.zoom, lod: lod_for_zoom(at.zoom), ..wanted.clone() };
            // A jump to a level that is not triangulated yet (search, tour, --select) draws
            // the nearest coarser level that is, and is redrawn when the right one is ready.
            let lod_policy = match refine_at {
                Some(_) => LodPolicy::Exact,
                None => LodPolicy::NearestReady,
            };
            let scene = build_scene(&SceneInput {
                view: with_pan_margin(at),
                lod_policy,
                lod_bias,
                theme: input.theme,
                user_layers: input.user_layers,
                label_bounds: Some(at.rect_screen),
                ..SceneInput::new(input.atlas, geometry, with_pan_margin(at), &input.request)
            });
            let key = SceneKey { lod: scene.lod, ..for_at };
            let refined = refine.pending.is_some() && key.lod == lod_for_zoom(at.zoom);
            let coarse = (coarser || refine.pending.is_some()) && key.lod < lod_for_zoom(at.zoom);
            refine.pending = coarse.then_some(at);
            let painted = paint::paint_scene(painter, input.atlas, geometry, scene);
            if refined {
                refine.drawn_in_frame = Some(ctx.cumulative_frame_nr());
            }
            if first || refined {
                super::frame_timing::startup_mark(&format!(
                    "scene built at level {} for level {} ({} vertices, {} triangles)",
                    key.lod,
                    lod_for_zoom(at.zoom),
                    painted.mesh.vertices.len(),
                    painted.mesh.indices.len() / 3
                ));
            }
            cache.store(key, painted);
        }
    }
    if cache.get().is_some_and(|(k, _)| k.lod != wanted.lod) {
        // Come back when the background thread has the wanted level ready.
        input.warmup.wake_when_warm(wanted.lod, ctx);
    }
}

/// The locator inset in the top-right corner, else in the top-left one under what is there,
/// never over the legend or another box of the furniture (a tall legend reached the top-right
/// corner and the inset hid its first classes); none when neither corner is free.
fn place_locator(
    input: &MapInput,
    view: &View,
    boxes: &[Rect],
) -> Option<crate::render::locator::LocatorBox> {
    let overlaps =
        |r: &Rect| boxes.iter().any(|b| r[0] < b[2] && b[0] < r[2] && r[1] < b[3] && b[1] < r[3]);
    let at = |corner, below| {
        layout_locator(
            input.atlas,
            input.geometry,
            view.rect_screen,
            view.bbox_mercator(),
            corner,
            below,
            input.request.text_scale,
        )
    };
    let right = at(Corner::TopRight, 0.0)?;
    if !overlaps(&right.rect) {
        return Some(right);
    }
    let map = view.rect_screen;
    let left_column = [map[0], map[1], map[0] + (right.rect[2] - right.rect[0]) + 20.0, map[3]];
    let below = boxes
        .iter()
        .filter(|b| b[0] < left_column[2] && b[1] < map[1] + (map[3] - map[1]) / 2.0)
        .map(|b| b[3] - map[1])
        .fold(0.0, f32::max);
    at(Corner::TopLeft, below).filter(|l| !overlaps(&l.rect))
}

/// The cached scene moved into place, the hovered region's outline, the map's furniture.
/// Returns what the furniture drew (the map frames its subjects beside it; some of it folds).
fn draw_map(
    painter: &egui::Painter,
    painted: &paint::PaintedScene,
    input: &MapInput,
    view: &View,
    hover: Option<&Pick>,
    attribution: &str,
) -> FurnitureDrawn {
    let reader_pick = input.reader_hover.map(|subject| reader_pick(input.atlas, subject));
    let hover = hover.or(reader_pick.as_ref());
    let hover_places: &[usize] = hover.map(|h| h.cluster.as_slice()).unwrap_or_default();
    let presenting = input.presenting.then_some(Presenting {
        text_scale: input.request.text_scale,
        legend_open: input.presentation_legend,
        notes_open: input.presentation_notes,
    });
    let canvas = EguiCanvas::new(painter);
    let furniture = crate::ui::furniture::layout_map_furniture(
        &canvas,
        view,
        &painted.scene,
        input.request.lang,
        attribution,
        presenting,
    );
    let mut boxes = furniture.boxes();
    // Where in Guangdong the room is looking, once the map is zoomed in on a town; framing
    // keeps its subjects clear of it like the rest of the furniture.
    let locator = input.presenting.then(|| place_locator(input, view, &boxes)).flatten();
    boxes.extend(locator.as_ref().map(|l| l.rect));
    drop(canvas);
    paint::draw(painter, painted, view, hover_places, &boxes);
    if let Some(Pick { subject: hovered @ Subject::Region(code), .. }) = hover {
        if input.request.selection.as_ref() != Some(hovered) {
            if let Some(shape) =
                input.atlas.region_by_code(code).and_then(|i| input.atlas.regions[i].shape)
            {
                paint::draw_rings(
                    painter,
                    input.atlas,
                    input.geometry,
                    shape,
                    view,
                    painted.scene.lod,
                );
            }
        }
    }
    let canvas = &mut EguiCanvas::new(painter);
    let mut drawn = furniture.draw(canvas, attribution);
    if let Some(locator) = locator {
        draw_locator(canvas, &locator);
        drawn.boxes.push(locator.rect);
    }
    drawn
}

/// The reader's hovered place as a pick of the map: a place marker is lit, a region outlined.
fn reader_pick(atlas: &Atlas, subject: &Subject) -> Pick {
    let cluster = match subject {
        Subject::Place(id) => atlas.places.iter().position(|p| &p.id == id).into_iter().collect(),
        _ => Vec::new(),
    };
    Pick { subject: subject.clone(), cluster }
}
