//! The application state and the frame: panels around the map, actions applied in one place.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{Key, Pos2};
use walkers::{lon_lat, MapMemory, Tiles};

use super::settings::{Settings, HOME_CENTER_LONLAT, HOME_ZOOM};
use super::tour::{load_tour, TourStop};
use super::Action;
use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::map::paint::{self, PaintedScene};
use crate::map::pick::{pick, Pick};
use crate::map::tiles::{self, BasemapChoice, NetworkProbe, Reachability};
use crate::model::{Atlas, Subject};
use crate::scene::basemap::Basemap;
use crate::scene::view::View;
use crate::render::egui_canvas::EguiCanvas;
use crate::scene::{build_scene, LodPolicy, SceneGeometry, SceneInput};
use crate::ui;

/// What a cached painted scene depends on, besides the view.
#[derive(Clone, Debug, PartialEq)]
struct SceneKey {
    lod_zoom: f64,
    /// The level of detail actually drawn (coarser than wanted while the wanted one is prepared).
    lod: u8,
    size: [f32; 2],
    layers: crate::scene::layers::Layers,
    towns_at_all_zooms: bool,
    lang: crate::i18n::Lang,
    selection: Option<Subject>,
    pixels_per_point: f32,
}

/// Rebuild the cached scene when the zoom has drifted this far from the one it was built at;
/// in between, the cached mesh is scaled (line widths drift by at most ±15 %).
const REBUILD_ZOOM_DRIFT: f64 = 0.2;

/// Extra area, as a fraction of the map's width and height on each side, that a scene covers
/// beyond the view: a pan reuses the scene until it leaves this margin.
const PAN_MARGIN: f32 = 0.2;

pub struct AtlasApp {
    pub atlas: Arc<Atlas>,
    pub geometry: Arc<SceneGeometry>,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    pub map_memory: MapMemory,
    pub selection: Option<Subject>,
    /// The details panel lists every excerpt only on request (some places have dozens).
    pub show_all_excerpts: bool,
    /// Places of the clicked marker cluster (listed in the details panel).
    pub cluster: Vec<usize>,
    hover: Option<Pick>,
    painted: Option<(SceneKey, PaintedScene)>,
    /// The view of the last frame, for tests and for converting clicks.
    pub last_view: Option<View>,
    tiles: Option<Box<dyn Tiles>>,
    tiles_for: Option<BasemapChoice>,
    pub tiles_error: Option<String>,
    osm_probe: Option<NetworkProbe>,
    pub search_text: String,
    pub document: Option<ui::document::DocumentView>,
    pub tour: Vec<TourStop>,
    pub tour_stop: Option<usize>,
    pub messages: Vec<String>,
    pub local_tiles_text: String,
    pending: Vec<Action>,
    /// The export dialog (`ui::export_dialog`): open or not, and its choices.
    pub show_export: bool,
    pub export_dialog: ui::export_dialog::ExportDialogState,
    /// What was last written to disk, and when (settings are saved a few seconds after a change).
    last_saved: Option<(Settings, std::time::Instant)>,
    /// Triangulates fills of every level of detail in the background (see `SceneGeometry::warm`).
    warm_thread: Option<std::thread::JoinHandle<()>>,
    /// Set by `app::run`; with `GD_ATLAS_TIMING` in the environment the time to the first drawn
    /// frame is printed once (start-up budget: 0.5 s).
    pub started: Option<std::time::Instant>,
    frame_times: Vec<(f32, f32)>,
}

impl AtlasApp {
    pub fn new(ctx: &egui::Context, atlas: Atlas, settings_path: Option<PathBuf>) -> Self {
        crate::ui::fonts::install_fonts(ctx);
        // A light theme: maps are read like paper, and the exports are printed on white.
        ctx.set_visuals(egui::Visuals::light());
        let (settings, settings_msg) = match &settings_path {
            Some(p) => Settings::load(p),
            None => (Settings::default(), None),
        };
        let basemap = Basemap::load(&atlas.source);
        let mut messages: Vec<String> = basemap.problems.clone();
        messages.extend(settings_msg);
        let tour = load_tour(&atlas.source).unwrap_or_else(|e| {
            messages.push(e);
            Vec::new()
        });
        let geometry = Arc::new(SceneGeometry::new(&atlas, basemap));
        let atlas = Arc::new(atlas);
        let warm_thread = {
            let (atlas, geometry) = (atlas.clone(), geometry.clone());
            let start = crate::scene::lod_cache::lod_for_zoom(settings.zoom);
            std::thread::Builder::new()
                .name("lod-warm".into())
                .spawn(move || {
                    // Nearest levels first: the ones the user reaches next.
                    let mut order: Vec<u8> = (crate::scene::lod_cache::MIN_LOD..=crate::scene::lod_cache::MAX_LOD).collect();
                    order.sort_by_key(|&l| ((l as i32 - start as i32).abs(), l));
                    for lod in order {
                        geometry.warm(&atlas, lod);
                    }
                })
                .ok()
        };
        let mut map_memory = MapMemory::default();
        map_memory.center_at(lon_lat(settings.center_lonlat[0], settings.center_lonlat[1]));
        let _ = map_memory.set_zoom(settings.zoom);
        let local_tiles_text = match &settings.basemap {
            BasemapChoice::Local(p) => p.display().to_string(),
            _ => String::new(),
        };
        AtlasApp {
            atlas,
            geometry,
            settings,
            settings_path,
            map_memory,
            selection: None,
            show_all_excerpts: false,
            cluster: Vec::new(),
            hover: None,
            painted: None,
            last_view: None,
            tiles: None,
            tiles_for: None,
            tiles_error: None,
            osm_probe: None,
            search_text: String::new(),
            document: None,
            tour,
            tour_stop: None,
            messages,
            local_tiles_text,
            pending: Vec::new(),
            show_export: false,
            export_dialog: Default::default(),
            last_saved: None,
            warm_thread,
            started: None,
            frame_times: Vec::new(),
        }
    }

    /// With `GD_ATLAS_TIMING` set, prints the mean and worst CPU time of every 30 frames
    /// (measured by eframe around `App::ui`), to check smoothness in the real window.
    /// `frame` is eframe's whole frame (egui pass, tessellation, GPU submit and present);
    /// `pass` is our `show` alone.
    pub fn record_frame_time(&mut self, frame: f32, pass: f32) {
        if std::env::var_os("GD_ATLAS_TIMING").is_none() {
            return;
        }
        self.frame_times.push((frame, pass));
        if self.frame_times.len() >= 30 {
            let n = self.frame_times.len() as f32;
            let mean = |f: fn(&(f32, f32)) -> f32| self.frame_times.iter().map(f).sum::<f32>() / n * 1e3;
            let worst = self.frame_times.iter().map(|t| t.0).fold(0.0, f32::max) * 1e3;
            eprintln!("frames: whole frame mean {:.2} ms (worst {worst:.2}), of which our UI pass {:.2} ms, over {n}", mean(|t| t.0), mean(|t| t.1));
            self.frame_times.clear();
        }
    }

    /// The scene on screen (for the legend: which kinds of boundary are actually drawn).
    pub fn drawn_scene(&self) -> Option<&crate::scene::Scene> {
        self.painted.as_ref().map(|(_, p)| &p.scene)
    }

    /// Waits for the background triangulation to finish (benchmarks measure steady frames).
    pub fn finish_warming(&mut self) {
        if let Some(handle) = self.warm_thread.take() {
            let _ = handle.join();
        }
    }

    pub fn push(&mut self, action: Action) {
        self.pending.push(action);
    }

    pub fn save_settings(&mut self) {
        if let Some(view) = &self.last_view {
            self.settings.center_lonlat = view.center_lonlat();
            self.settings.zoom = view.zoom;
        }
        if let Some(path) = &self.settings_path {
            if let Err(e) = self.settings.save(path) {
                log::warn!("{e}");
            }
        }
        self.last_saved = Some((self.settings.clone(), std::time::Instant::now()));
    }

    /// Saves when the settings (or the view) changed and the last save is a few seconds old, so a
    /// crash loses at most a few seconds of state.
    fn autosave(&mut self) {
        let mut current = self.settings.clone();
        if let Some(view) = &self.last_view {
            current.center_lonlat = view.center_lonlat();
            current.zoom = view.zoom;
        }
        let due = match &self.last_saved {
            None => true,
            Some((saved, at)) => *saved != current && at.elapsed() > std::time::Duration::from_secs(3),
        };
        if due && self.last_view.is_some() {
            self.save_settings();
        }
    }

    /// Screen position of a lon/lat in the last drawn frame (tests, tour).
    pub fn screen_pos_of_lonlat(&self, lonlat: [f64; 2]) -> Option<Pos2> {
        let view = self.last_view?;
        let p = view.screen_from_mercator().apply(mercator_from_lonlat(lonlat));
        Some(Pos2::new(p[0], p[1]))
    }

    /// Centres and zooms the map on a lon/lat.
    pub fn set_view(&mut self, center_lonlat: [f64; 2], zoom: f64) {
        self.map_memory.center_at(lon_lat(center_lonlat[0], center_lonlat[1]));
        let _ = self.map_memory.set_zoom(zoom.clamp(3.0, 18.0));
    }

    /// Brings a subject into view: a region fits its bounding box, a place or line centres on it.
    fn focus(&mut self, subject: &Subject) {
        let size = self.last_view.map(|v| [v.width(), v.height()]).unwrap_or([1000.0, 800.0]);
        let rect = [0.0, 0.0, size[0], size[1]];
        let atlas = self.atlas.clone();
        let bbox_mercator = match subject {
            Subject::Region(code) => atlas.region_by_code(code).and_then(|i| crate::export::extent::region_extent(&atlas, i)),
            Subject::Place(id) => atlas.place_by_id(id).and_then(|p| p.lonlat).map(|p| {
                let m = mercator_from_lonlat(p);
                [m[0] - 3e-4, m[1] - 3e-4, m[0] + 3e-4, m[1] + 3e-4]
            }),
            Subject::Line(id) => atlas.line_by_id(id).map(|l| {
                l.lonlat.iter().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &p| {
                    let m = mercator_from_lonlat(p);
                    [b[0].min(m[0]), b[1].min(m[1]), b[2].max(m[0]), b[3].max(m[1])]
                })
            }),
        };
        if let Some(bbox) = bbox_mercator {
            let view = View::fit(bbox, rect, 0.08);
            self.set_view(lonlat_from_mercator(view.center_mercator), view.zoom.min(14.0));
        }
    }

    fn apply_actions(&mut self) {
        for action in std::mem::take(&mut self.pending) {
            if let Action::Select(s) | Action::Focus(s) = &action {
                if self.selection.as_ref() != Some(s) {
                    self.show_all_excerpts = false;
                }
            }
            match action {
                Action::Select(subject) => {
                    if !matches!(subject, Subject::Place(_)) {
                        self.cluster.clear();
                    }
                    self.selection = Some(subject);
                }
                Action::Focus(subject) => {
                    self.cluster.clear();
                    self.focus(&subject);
                    self.selection = Some(subject);
                }
                Action::ClearSelection => {
                    self.selection = None;
                    self.cluster.clear();
                }
                Action::OpenDocument { file, excerpt } => {
                    self.document = Some(ui::document::DocumentView::new(file, excerpt));
                }
                Action::Home => self.set_view(HOME_CENTER_LONLAT, HOME_ZOOM),
            }
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let (zoom_in, zoom_out, esc, home, pan) = ctx.input(|i| {
            let pan = [
                (i.key_pressed(Key::ArrowRight) as i32 - i.key_pressed(Key::ArrowLeft) as i32) as f32,
                (i.key_pressed(Key::ArrowDown) as i32 - i.key_pressed(Key::ArrowUp) as i32) as f32,
            ];
            (
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Home),
                pan,
            )
        });
        if zoom_in {
            let _ = self.map_memory.set_zoom((self.map_memory.zoom() + 1.0).min(18.0));
        }
        if zoom_out {
            let _ = self.map_memory.set_zoom((self.map_memory.zoom() - 1.0).max(3.0));
        }
        if esc {
            self.push(Action::ClearSelection);
        }
        if home {
            self.push(Action::Home);
        }
        if pan != [0.0, 0.0] {
            if let Some(view) = self.last_view {
                // A quarter of the map per key press.
                let step = [view.width() * 0.25 * pan[0], view.height() * 0.25 * pan[1]];
                let c = view.center_screen();
                let t = view.screen_from_mercator();
                let m = t.inverse([c[0] as f32 + step[0], c[1] as f32 + step[1]]);
                let lonlat = lonlat_from_mercator(m);
                self.map_memory.center_at(lon_lat(lonlat[0], lonlat[1]));
            }
        }
    }

    fn ensure_tiles(&mut self, ctx: &egui::Context) {
        if self.tiles_for.as_ref() == Some(&self.settings.basemap) {
            return;
        }
        self.tiles_for = Some(self.settings.basemap.clone());
        self.tiles_error = None;
        self.tiles = match &self.settings.basemap {
            BasemapChoice::None => None,
            BasemapChoice::OpenStreetMap => {
                self.osm_probe = Some(NetworkProbe::start("tile.openstreetmap.org"));
                Some(Box::new(tiles::osm_tiles(ctx)))
            }
            BasemapChoice::Local(path) => match tiles::local_tiles(path, ctx) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.tiles_error = Some(e);
                    None
                }
            },
        };
    }

    /// OSM status in words for the layers panel ("offline: …").
    pub fn osm_status(&mut self) -> Option<Reachability> {
        self.osm_probe.as_mut().map(|p| p.poll().clone())
    }

    /// Whether tiles are actually being drawn (for the attribution).
    pub fn tiles_attribution(&self) -> Option<String> {
        let t = self.tiles.as_ref()?;
        if matches!(self.osm_probe.as_ref().map(|p| &p.state), Some(Reachability::Offline(_))) {
            return None;
        }
        let a = t.attribution();
        Some(if a.text == "OpenStreetMap contributors" { format!("© {}", a.text) } else { a.text.to_string() })
    }

    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.set_zoom_factor(if self.settings.classroom { 1.45 } else { 1.0 });
        self.handle_keys(&ctx);
        self.ensure_tiles(&ctx);

        egui::Panel::top("top_bar").show(ui, |ui| ui::top_bar::top_bar_ui(self, ui));
        if self.tour_stop.is_some() {
            egui::Panel::bottom("tour").show(ui, |ui| ui::tour_bar::tour_bar_ui(self, ui));
        }
        egui::Panel::left("layers")
            .default_size(250.0)
            .resizable(true)
            .show(ui, |ui| ui::layers_panel::layers_panel_ui(self, ui));
        egui::Panel::right("details")
            .default_size(400.0)
            .resizable(true)
            .show(ui, |ui| ui::details::details_panel_ui(self, ui));
        egui::CentralPanel::default().show(ui, |ui| self.map_ui(ui));
        ui::document::document_window(self, &ctx);
        ui::export_dialog::export_window(self, &ctx);
        self.apply_actions();
        self.autosave();
        if let Some(started) = self.started.take() {
            if std::env::var_os("GD_ATLAS_TIMING").is_some() {
                eprintln!("first frame drawn {:.0} ms after start", started.elapsed().as_secs_f64() * 1e3);
            }
        }
    }

    fn map_ui(&mut self, ui: &mut egui::Ui) {
        let atlas = self.atlas.clone();
        let geometry = self.geometry.clone();
        let ppp = ui.ctx().pixels_per_point();
        let tiles_attribution = self.tiles_attribution();
        let tiles: Option<&mut dyn Tiles> = self.tiles.as_mut().map(|t| t.as_mut() as &mut dyn Tiles);
        let map = walkers::Map::new(tiles, &mut self.map_memory, lon_lat(HOME_CENTER_LONLAT[0], HOME_CENTER_LONLAT[1]))
            .zoom_with_ctrl(false)
            .double_click_to_zoom(true);
        let settings = &self.settings;
        let selection = self.selection.clone();
        let painted_slot = &mut self.painted;
        let hover_slot = &mut self.hover;
        let has_tiles = self.tiles_for.as_ref().is_some_and(|b| *b != BasemapChoice::None) && self.tiles_error.is_none();
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
            // Rebuild the tessellated scene only when what it depends on changed.
            let key = SceneKey {
                lod_zoom: view.zoom,
                lod: crate::scene::lod_cache::lod_for_zoom(view.zoom),
                size: [view.width(), view.height()],
                layers: settings.layers.clone(),
                towns_at_all_zooms: settings.towns_at_all_zooms,
                lang: settings.lang,
                selection: selection.clone(),
                pixels_per_point: ppp,
            };
            let stale = match painted_slot {
                Some((k, _)) => {
                    (k.lod_zoom - key.lod_zoom).abs() > REBUILD_ZOOM_DRIFT
                        || k.size != key.size
                        || k.layers != key.layers
                        || k.towns_at_all_zooms != key.towns_at_all_zooms
                        || k.lang != key.lang
                        || k.selection != key.selection
                        || k.pixels_per_point != key.pixels_per_point
                        || (k.lod != key.lod && geometry.is_warm(key.lod))
                }
                None => true,
            };
            // The scene covers the view plus a margin, so panning reuses it until the view leaves
            // the covered area.
            let covered = painted_slot.as_ref().is_some_and(|(_, p)| {
                let (b, v) = (p.scene.view.bbox_mercator(), view.bbox_mercator());
                b[0] <= v[0] && b[1] <= v[1] && b[2] >= v[2] && b[3] >= v[3]
            });
            let stale = stale || !covered;
            // A level of detail still being triangulated in the background: keep showing the
            // previous scene, scaled, rather than stall this frame (unless there is none yet).
            let target_lod = crate::scene::lod_cache::lod_for_zoom(view.zoom);
            let must_wait = stale && covered && !geometry.is_warm(target_lod)
                && painted_slot.as_ref().is_some_and(|(k, _)| k.size == key.size && k.layers == key.layers && k.lang == key.lang && k.selection == key.selection);
            if must_wait {
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(30));
            }
            if stale && !must_wait {
                let (mx, my) = (view.width() * PAN_MARGIN, view.height() * PAN_MARGIN);
                let r = view.rect_screen;
                let view_with_margin = View { rect_screen: [r[0] - mx, r[1] - my, r[2] + mx, r[3] + my], ..view };
                // A jump to a level that is not triangulated yet (search, tour, --select) draws
                // the nearest coarser level that is, and is redrawn when the right one is ready.
                let scene = build_scene(&SceneInput {
                    atlas: &atlas,
                    geometry: &geometry,
                    view: view_with_margin,
                    layers: &settings.layers,
                    lang: settings.lang,
                    selection: selection.as_ref(),
                    force_towns: settings.towns_at_all_zooms,
                    text_scale: 1.0,
                    interactive: true,
                    lod_bias: 0.0,
                    lod_policy: LodPolicy::NearestReady,
                    label_selection: false,
                });
                let mut key = key;
                key.lod = scene.lod;
                *painted_slot = Some((key, paint::paint_scene(&painter, &atlas, &geometry, scene)));
            }
            let Some((drawn_key, painted)) = painted_slot.as_ref() else { return (view, None) };
            if drawn_key.lod != target_lod {
                // Come back when the background thread has the wanted level ready.
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
            }
            // Hover highlight and tooltip.
            let hover_pos = response.hover_pos();
            *hover_slot = hover_pos.and_then(|p| pick(&atlas, &painted.scene, &view, &settings.layers, [p.x, p.y]));
            let hover_places: Vec<usize> = hover_slot.as_ref().map(|h| h.cluster.clone()).unwrap_or_default();
            paint::draw(&painter, painted, &view, &hover_places);
            if let Some(Pick { subject: Subject::Region(code), .. }) = hover_slot.as_ref() {
                if selection.as_ref() != Some(&Subject::Region(code.clone())) {
                    if let Some(shape) = atlas.region_by_code(code).and_then(|i| atlas.regions[i].shape) {
                        paint::draw_rings(&painter, &atlas, &geometry, shape, &view, painted.scene.lod);
                    }
                }
            }
            let attribution = crate::render::furniture::attribution_text(settings.lang, tiles_attribution.as_deref());
            ui::furniture::draw_map_furniture(&mut EguiCanvas::new(&painter), &view, &painted.scene, settings.lang, &attribution);
            let clicked = response.clicked_by(egui::PointerButton::Primary);
            let click = if clicked {
                response.interact_pointer_pos().map(|p| pick(&atlas, &painted.scene, &view, &settings.layers, [p.x, p.y]))
            } else {
                None
            };
            (view, click)
        });
        let (view, click) = inner.inner;
        self.last_view = Some(view);
        if let Some(hit) = &self.hover {
            let text = ui::details::tooltip_text(&self.atlas, &hit.subject, hit.cluster.len(), self.settings.lang);
            inner.response.clone().on_hover_text_at_pointer(text);
        }
        match click {
            Some(Some(hit)) => {
                self.push(Action::Select(hit.subject));
                self.cluster = if hit.cluster.len() > 1 { hit.cluster } else { Vec::new() };
            }
            Some(None) => self.push(Action::ClearSelection),
            None => {}
        }
    }
}
