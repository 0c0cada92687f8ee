//! The map in the central panel: walkers for the pan/zoom gestures and tiles, our cached scene
//! on top, hover and click picking. Returns the user's picks as actions.

use std::sync::Arc;

use walkers::{lon_lat, MapMemory};

use super::basemap_tiles::BasemapTiles;
use super::scene_cache::{with_pan_margin, Decision, SceneCache, SceneKey};
use super::settings::HOME_CENTER_LONLAT;
use super::user_pick::{pick_user, UserHit};
use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::i18n::Lang;
use crate::map::paint;
use crate::map::pick::{pick, Pick};
use crate::model::{Atlas, Subject};
use crate::scene::layers::Layers;
use crate::render::egui_canvas::EguiCanvas;
use crate::render::locator::{draw_locator, layout_locator, Corner};
use crate::scene::lod_cache::lod_for_zoom;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::view::View;
use crate::scene::{build_scene, LodPolicy, Scene, SceneGeometry, SceneInput};
use crate::ui::{Action, Selection};

/// What the map draws, besides its own state.
pub struct MapInput<'a> {
    pub atlas: &'a Arc<Atlas>,
    pub geometry: &'a Arc<SceneGeometry>,
    pub layers: &'a Layers,
    pub towns_at_all_zooms: bool,
    pub lang: Lang,
    pub selection: Option<&'a Subject>,
    /// The thematic map drawn over the regions, and its generation (bumped on every rebuild).
    pub theme: Option<&'a crate::theme::Theme>,
    pub theme_generation: u64,
    /// The visible user layers, bottom first, and `UserLayers::generation`.
    pub user_layers: &'a [DrawnLayer],
    pub user_layers_generation: u64,
    /// The measure tool's path and ring, drawn when not empty.
    pub measure: Option<&'a crate::scene::measure::Measure>,
    /// The measure tool is on: clicks add vertices, a double-click finishes (no zoom, no selection).
    pub measuring: bool,
    /// Reader mode: only the places of the open document (subject ids), and a number that
    /// changes when that set does (0 when off).
    pub only_subjects: Option<&'a std::collections::HashSet<String>>,
    /// Regions pinned for comparison (outlined).
    pub pinned: &'a [String],
    pub only_generation: u64,
    /// The place under the pointer in the reader, outlined like the map's own hover.
    pub reader_hover: Option<&'a Subject>,
    /// Presentation mode (issue 12): the legend on the map (the side panels are hidden) and a
    /// ring around the pointer; labels and lines scaled by `text_scale`, and the high-contrast
    /// style when asked for.
    pub presenting: bool,
    pub text_scale: f32,
    pub high_contrast: bool,
    /// While presenting, draw the legend on the map (the presenter can hide it).
    pub presentation_legend: bool,
    /// A tour is running: its stop (the selection) is named on the map and a place's marker
    /// raised over the cluster badges.
    pub touring: bool,
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
    /// A camera flight in progress (between tour stops).
    flight: Option<Flight>,
}

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
}

impl Flight {
    /// A flight in a map of `size_screen` points; `None` when there is nowhere to go.
    pub fn new(from_mercator: [f64; 2], from_zoom: f64, to_mercator: [f64; 2], to_zoom: f64, size_screen: [f32; 2]) -> Option<Flight> {
        let distance = (to_mercator[0] - from_mercator[0]).hypot(to_mercator[1] - from_mercator[1]);
        if distance < 1e-12 && (to_zoom - from_zoom).abs() < 1e-3 {
            return None;
        }
        // The zoom at which both centres fit in 80 % of the map's shorter side.
        let side = (size_screen[0].min(size_screen[1]).max(1.0) * 0.8) as f64;
        let fit_zoom = (side / (crate::scene::view::TILE_SIZE * distance.max(1e-12))).log2();
        let dip = (from_zoom.min(to_zoom) - fit_zoom).max(0.0);
        Some(Flight { from_mercator, from_zoom, to_mercator, to_zoom, dip, started: None })
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
        let center = [lerp(self.from_mercator[0], self.to_mercator[0]), lerp(self.from_mercator[1], self.to_mercator[1])];
        let zoom = lerp(self.from_zoom, self.to_zoom) - self.dip * (std::f64::consts::PI * e).sin();
        (center, zoom, false)
    }
}

impl MapView {
    pub fn new(center_lonlat: [f64; 2], zoom: f64) -> MapView {
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(center_lonlat[0], center_lonlat[1]));
        let _ = memory.set_zoom(zoom);
        MapView { memory, cache: SceneCache::default(), hover: None, last_view: None, flight: None }
    }

    /// Centres and zooms the map on a lon/lat (at once: a flight in progress stops).
    pub fn set_view(&mut self, center_lonlat: [f64; 2], zoom: f64) {
        self.flight = None;
        self.memory.center_at(lon_lat(center_lonlat[0], center_lonlat[1]));
        let _ = self.memory.set_zoom(zoom.clamp(3.0, 18.0));
    }

    /// Turns the jump to the view just set (`set_view`, a fit) into a flight from `from`, the
    /// view shown before it (`None` before the first frame: nothing to fly from).
    pub fn fly_from(&mut self, from: Option<View>) {
        let (Some(from), Some(to)) = (from, self.memory.detached()) else { return };
        let to_mercator = mercator_from_lonlat([to.x(), to.y()]);
        let size = [from.width(), from.height()];
        self.flight = Flight::new(from.center_mercator, from.zoom, to_mercator, self.memory.zoom(), size);
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
        let Some(flight) = &mut self.flight else { return };
        let (now, interrupted) = ui.input(|i| {
            let wheel = i.events.iter().any(|e| matches!(e, egui::Event::MouseWheel { .. }));
            (i.time, i.pointer.any_pressed() || wheel)
        });
        if interrupted {
            self.flight = None;
            return;
        }
        let started = *flight.started.get_or_insert(now);
        let (center, zoom, done) = flight.at(now - started);
        self.place_camera(center, zoom);
        if done {
            self.flight = None;
        } else {
            ui.ctx().request_repaint();
        }
    }

    pub fn zoom_by(&mut self, steps: f64) {
        self.flight = None;
        let _ = self.memory.set_zoom((self.memory.zoom() + steps).clamp(3.0, 18.0));
    }

    /// Pans by a fraction of the map's size (arrow keys).
    pub fn pan_by(&mut self, fraction: [f32; 2]) {
        self.flight = None;
        let Some(view) = self.last_view else { return };
        let step_screen = [view.width() * fraction[0], view.height() * fraction[1]];
        let center_screen = view.center_screen();
        let mercator = view.screen_from_mercator().inverse([center_screen[0] as f32 + step_screen[0], center_screen[1] as f32 + step_screen[1]]);
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

    /// Draws the map and returns the click's action, if any.
    pub fn show(&mut self, ui: &mut egui::Ui, input: &MapInput, tiles: &mut BasemapTiles, attribution: &str) -> Vec<Action> {
        self.advance_flight(ui);
        let has_tiles = tiles.has_tiles();
        let map = walkers::Map::new(tiles.tiles_mut(), &mut self.memory, lon_lat(HOME_CENTER_LONLAT[0], HOME_CENTER_LONLAT[1]))
            .zoom_with_ctrl(false)
            .double_click_to_zoom(!input.measuring);
        let cache = &mut self.cache;
        let hover = &mut self.hover;
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
            refresh_scene(&painter, cache, input, &view);
            let Some((_, painted)) = cache.get() else { return (view, None) };
            *hover = response.hover_pos().and_then(|p| pick_at(input, &painted.scene, &view, [p.x, p.y]));
            let atlas_hover = match hover.as_ref() {
                Some(Hit::Atlas(pick)) => Some(pick),
                _ => None,
            };
            draw_map(&painter, painted, input, &view, atlas_hover, attribution);
            if let Some(pos) = response.hover_pos().filter(|_| input.presenting) {
                crate::ui::presentation::draw_pointer_ring(&painter, pos);
            }
            if input.measuring {
                return (view, measure_click(&response, &view).map(MapClick::Measure));
            }
            let click = response
                .clicked_by(egui::PointerButton::Primary)
                .then(|| response.interact_pointer_pos().map(|p| pick_at(input, &painted.scene, &view, [p.x, p.y])))
                .flatten();
            (view, click.map(MapClick::Pick))
        });
        let (view, click) = inner.inner;
        self.last_view = Some(view);
        if let Some(text) = self.hover.as_ref().and_then(|hit| hover_text(input, hit)) {
            inner.response.clone().on_hover_text_at_pointer(text);
        }
        let click = match click {
            Some(MapClick::Measure(action)) => return vec![Action::Measure(action)],
            Some(MapClick::Pick(hit)) => Some(hit),
            None => None,
        };
        // The press's own modifiers count too (they reach the click's frame before the key state).
        let ctrl = ui.input(|i| {
            let pressed_with_ctrl = i.events.iter().any(|e| matches!(e, egui::Event::PointerButton { modifiers, .. } if modifiers.ctrl || modifiers.command));
            i.modifiers.ctrl || i.modifiers.command || pressed_with_ctrl
        });
        match click {
            // Ctrl+click pins (or unpins) a region for comparison instead of selecting it.
            Some(Some(Hit::Atlas(crate::map::pick::Pick { subject: Subject::Region(code), .. }))) if ctrl => {
                vec![Action::Compare(crate::ui::compare::CompareAction::Toggle(code))]
            }
            Some(Some(Hit::Atlas(hit))) => vec![Action::Select(Selection::in_cluster(hit.subject, hit.cluster))],
            Some(Some(Hit::User(UserHit::Feature(key)))) => vec![Action::Select(Selection::of(Subject::Feature(key)))],
            Some(Some(Hit::User(UserHit::Bin { mercator, .. }))) => vec![Action::ZoomInAt { lonlat: lonlat_from_mercator(mercator), steps: 2.0 }],
            Some(None) => vec![Action::ClearSelection],
            None => Vec::new(),
        }
    }
}

/// A click on the map: a pick (selection) or, with the measure tool on, a vertex or the end.
enum MapClick {
    Pick(Option<Hit>),
    Measure(crate::ui::measure::MeasureAction),
}

/// With the measure tool on: a click adds the point under the pointer, a double-click (whose
/// first click already added it) finishes the path.
fn measure_click(response: &egui::Response, view: &View) -> Option<crate::ui::measure::MeasureAction> {
    use crate::ui::measure::MeasureAction;
    if response.double_clicked_by(egui::PointerButton::Primary) {
        return Some(MeasureAction::Finish);
    }
    let pos = response.clicked_by(egui::PointerButton::Primary).then(|| response.interact_pointer_pos()).flatten()?;
    let mercator = view.screen_from_mercator().inverse([pos.x, pos.y]);
    Some(MeasureAction::AddPoint(lonlat_from_mercator(mercator)))
}

/// User layers first (drawn on top), then the atlas's markers, lines and regions.
fn pick_at(input: &MapInput, scene: &Scene, view: &View, pos_screen: [f32; 2]) -> Option<Hit> {
    pick_user(input.user_layers, scene, view, pos_screen)
        .map(Hit::User)
        .or_else(|| pick(input.atlas, scene, view, input.layers, pos_screen).map(Hit::Atlas))
}

/// The tooltip: a region, place or line as in the details; a user's feature with its layer and
/// label (or first attributes); a bin with its count.
fn hover_text(input: &MapInput, hit: &Hit) -> Option<String> {
    match hit {
        Hit::Atlas(pick) => {
            let mut text = crate::ui::details::tooltip_text(input.atlas, &pick.subject, pick.cluster.len(), input.lang);
            if let Some(line) = input.theme.and_then(|t| crate::ui::theme_details::hover_line(input.atlas, t, &pick.subject, input.lang)) {
                text.push('\n');
                text.push_str(&line);
            }
            Some(text)
        }
        Hit::User(UserHit::Feature(key)) => {
            let drawn = input.user_layers.iter().find(|d| d.layer.id == key.layer)?;
            Some(crate::ui::feature_details::feature_tooltip(&drawn.layer, key.feature, drawn.style.label_column))
        }
        Hit::User(UserHit::Bin { count, .. }) => Some(format!("{count} {}", input.lang.pick("points — click to zoom in", "个点——点击放大"))),
    }
}

/// Rebuilds the painted scene when the cache says so; asks for a repaint while a level of
/// detail is still being prepared in the background.
fn refresh_scene(painter: &egui::Painter, cache: &mut SceneCache, input: &MapInput, view: &View) {
    let ctx = painter.ctx();
    let geometry = input.geometry;
    let wanted = SceneKey {
        zoom: view.zoom,
        lod: lod_for_zoom(view.zoom),
        size: [view.width(), view.height()],
        layers: input.layers.clone(),
        towns_at_all_zooms: input.towns_at_all_zooms,
        lang: input.lang,
        selection: input.selection.cloned(),
        pixels_per_point: ctx.pixels_per_point(),
        theme_generation: input.theme_generation,
        user_layers_generation: input.user_layers_generation,
        measure: input.measure.cloned(),
        only_generation: input.only_generation,
        pinned: input.pinned.to_vec(),
        text_scale: input.text_scale,
        high_contrast: input.high_contrast,
        label_selection: input.presenting || input.touring,
    };
    match cache.decide(&wanted, view, |lod| geometry.is_warm(lod)) {
        Decision::Reuse => {}
        Decision::Rebuild => {
            // A jump to a level that is not triangulated yet (search, tour, --select) draws
            // the nearest coarser level that is, and is redrawn when the right one is ready.
            let scene = build_scene(&SceneInput {
                atlas: input.atlas,
                geometry,
                view: with_pan_margin(*view),
                layers: input.layers,
                lang: input.lang,
                selection: input.selection,
                force_towns: input.towns_at_all_zooms,
                text_scale: input.text_scale,
                interactive: true,
                lod_bias: 0.0,
                lod_policy: LodPolicy::NearestReady,
                // Presenting, the details panel is hidden: the selection is named on the map;
                // touring, the stop stands out from the markers around it.
                label_selection: wanted.label_selection,
                theme: input.theme,
                user_layers: input.user_layers,
                measure: input.measure,
                only_subjects: input.only_subjects,
                pinned: input.pinned,
                high_contrast: input.high_contrast,
                markers: crate::scene::MarkerMode::Clustered,
            });
            let key = SceneKey { lod: scene.lod, ..wanted };
            cache.store(key, paint::paint_scene(painter, input.atlas, geometry, scene));
        }
    }
    if cache.get().is_some_and(|(k, _)| k.lod != lod_for_zoom(view.zoom)) {
        // Come back when the background thread has the wanted level ready.
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
    }
}

/// The cached scene moved into place, the hovered region's outline, the map's furniture.
fn draw_map(painter: &egui::Painter, painted: &paint::PaintedScene, input: &MapInput, view: &View, hover: Option<&Pick>, attribution: &str) {
    let reader_pick = input.reader_hover.map(|subject| reader_pick(input.atlas, subject));
    let hover = hover.or(reader_pick.as_ref());
    let hover_places: &[usize] = hover.map(|h| h.cluster.as_slice()).unwrap_or_default();
    paint::draw(painter, painted, view, hover_places);
    if let Some(Pick { subject: hovered @ Subject::Region(code), .. }) = hover {
        if input.selection != Some(hovered) {
            if let Some(shape) = input.atlas.region_by_code(code).and_then(|i| input.atlas.regions[i].shape) {
                paint::draw_rings(painter, input.atlas, input.geometry, shape, view, painted.scene.lod);
            }
        }
    }
    let presenting = input.presenting.then_some(input.text_scale);
    let canvas = &mut EguiCanvas::new(painter);
    crate::ui::furniture::draw_map_furniture(canvas, view, &painted.scene, input.lang, attribution, presenting, input.presentation_legend);
    if input.presenting {
        // Where in Guangdong the room is looking, once the map is zoomed in on a town.
        let locator = layout_locator(input.atlas, input.geometry, view.rect_screen, view.bbox_mercator(), Corner::TopRight, 0.0, input.text_scale);
        if let Some(locator) = &locator {
            draw_locator(canvas, locator);
        }
    }
}

/// The reader's hovered place as a pick of the map: a place marker is lit, a region outlined.
fn reader_pick(atlas: &Atlas, subject: &Subject) -> Pick {
    let cluster = match subject {
        Subject::Place(id) => atlas.places.iter().position(|p| &p.id == id).into_iter().collect(),
        _ => Vec::new(),
    };
    Pick { subject: subject.clone(), cluster }
}
