//! The application state and the frame: actions applied first, then the panels around the map.

use std::path::PathBuf;
use std::sync::Arc;
use web_time::Instant;

use egui::Pos2;

use super::autosave::Autosave;
use super::basemap_tiles::BasemapTiles;
use super::frame_timing::FrameTiming;
use super::map_view::{MapInput, MapView};
use super::notices::Notices;
use super::reader_state::TourState;
use super::settings::Settings;
use super::substates::{ExportState, Panels, Reading, SelectionState};
use super::theme_state::ThemeState;
use super::user_layers::{LayerState, Loader, UserLayers};
use super::warm::Warmup;
use crate::geo::mercator::mercator_from_lonlat;
use crate::model::{Atlas, Subject};
use crate::scene::basemap::Basemap;
use crate::scene::legend::LegendEntry;
use crate::scene::view::View;
use crate::scene::SceneGeometry;
use crate::ui::layers_panel::LayersPanelState;
use crate::ui::theme_panel::ThemePanelState;
use crate::ui::user_layers_panel::{LayerRow, LayerStatus};
use crate::ui::{self, Action};

pub struct AtlasApp {
    pub atlas: Arc<Atlas>,
    pub geometry: Arc<SceneGeometry>,
    pub settings: Settings,
    autosave: Autosave,
    /// The map's camera and the scene drawn from it.
    pub map: MapView,
    /// What is selected and the regions pinned beside it.
    pub selection: SelectionState,
    /// The document beside the map, reader mode, tours played and recorded.
    pub reading: Reading,
    /// The thematic map built from `settings.theme`.
    pub theme: ThemeState,
    /// The planner's own layers (their specs are saved in `settings.user_layers`).
    pub user_layers: UserLayers,
    tiles: BasemapTiles,
    /// The measure tool (issue 12).
    pub measure: super::views::MeasureState,
    /// The export dialog and the export being rendered.
    pub export: ExportState,
    /// Which side panels a narrow window shows (issue 19).
    pub layout: super::layout::LayoutState,
    /// Presentation mode (issue 12): full screen, no side panels, larger labels and lines.
    pub(super) presentation: super::presentation::PresentationState,
    /// What the panels are in the middle of (fields being typed, the file dialog).
    pub panels: Panels,
    /// Non-fatal problems shown in the layers panel (damaged settings, bad tour file, broken
    /// tiles, settings not saved, rows skipped), one line each, dismissable, logged.
    pub messages: Notices,
    /// Actions waiting to be applied at the start of the next pass.
    pub(super) pending: Vec<Action>,
    /// Triangulates fills of every level of detail in the background (see `SceneGeometry::warm`).
    /// Started with the app, not after the first frame: it computes the province view's label
    /// points and triangulates the first scene's levels beside the frame's own scene build
    /// (issue 21: deferring it all made the first UI pass ~20 ms slower), then holds the other
    /// levels until the first frame is presented (`app::warm`).
    warmup: Warmup,
    /// Set by `app::run`; with `GD_ATLAS_TIMING` in the environment the time to the first drawn
    /// frame is printed once (start-up budget: 0.5 s).
    pub started: Option<Instant>,
    frame_timing: FrameTiming,
}

impl AtlasApp {
    /// The settings file (`None` in tests that must not write the user's folders); the user's
    /// recorded tours live beside it (`user_tours`).
    pub fn settings_path(&self) -> Option<&std::path::Path> {
        self.autosave.path()
    }

    pub fn new(ctx: &egui::Context, atlas: Atlas, settings_path: Option<PathBuf>) -> Self {
        let basemap = Basemap::load(&atlas.source);
        Self::with_basemap(ctx, atlas, basemap, settings_path)
    }

    /// The app on an atlas and the basemap read beside it (`app::run` reads both on a thread
    /// while the window is made).
    pub fn with_basemap(
        ctx: &egui::Context,
        atlas: Atlas,
        basemap: Basemap,
        settings_path: Option<PathBuf>,
    ) -> Self {
        let loader: Loader = Arc::new(crate::layer::load::load_layer);
        Self::build(ctx, atlas, basemap, settings_path, loader, true)
    }

    /// The app with its layer files read by `loader`, on background threads or (tests) at once.
    pub fn with_loader(
        ctx: &egui::Context,
        atlas: Atlas,
        settings_path: Option<PathBuf>,
        loader: Loader,
        background: bool,
    ) -> Self {
        let basemap = Basemap::load(&atlas.source);
        Self::build(ctx, atlas, basemap, settings_path, loader, background)
    }

    fn build(
        ctx: &egui::Context,
        atlas: Atlas,
        basemap: Basemap,
        settings_path: Option<PathBuf>,
        loader: Loader,
        background: bool,
    ) -> Self {
        crate::ui::fonts::install_fonts(ctx);
        // A light theme: maps are read like paper, and the exports are printed on white.
        ctx.set_visuals(egui::Visuals::light());
        let (settings, settings_msg) = match &settings_path {
            Some(p) => Settings::load(p),
            None => (Settings::default(), None),
        };
        let mut messages = Notices::default();
        messages.extend(basemap.problems.clone());
        messages.extend(settings_msg);
        let (saved_tours, tour_problems) =
            super::user_tours::all_tours(&atlas, settings_path.as_deref());
        messages.extend(tour_problems.iter().map(|e| e.to_string()));
        let geometry = Arc::new(SceneGeometry::new(&atlas, basemap));
        let atlas = Arc::new(atlas);
        let warmup = Warmup::spawn(atlas.clone(), geometry.clone(), settings.zoom);
        let layers_panel = LayersPanelState {
            local_tiles_text: match &settings.basemap {
                crate::map::tiles::BasemapChoice::Local(p) => p.display().to_string(),
                _ => String::new(),
            },
        };
        let mut theme = ThemeState::default();
        // A theme whose table has gone missing stays in the settings, listed with its error.
        theme.set(&atlas, settings.theme.as_ref());
        let theme_panel = ThemePanelState::for_spec(settings.theme.as_ref());
        let map = start_map(&atlas, &settings);
        let last_export_dir = settings.last_export_dir.clone();
        let mut user_layers = UserLayers::new(atlas.clone(), loader, background, Some(ctx.clone()));
        for spec in &settings.user_layers {
            user_layers.add(spec.clone());
        }
        AtlasApp {
            user_layers,
            measure: Default::default(),
            presentation: Default::default(),
            layout: Default::default(),
            theme,
            map,
            atlas,
            geometry,
            settings,
            autosave: Autosave::new(settings_path),
            selection: SelectionState::default(),
            tiles: BasemapTiles::default(),
            reading: Reading {
                tours: TourState { saved: saved_tours, ..Default::default() },
                ..Default::default()
            },
            messages,
            panels: Panels { layers: layers_panel, theme: theme_panel, ..Default::default() },
            pending: Vec::new(),
            export: ExportState {
                dialog: ui::export_dialog::ExportDialogState::in_folder(
                    &ui::export_dialog::default_export_dir(last_export_dir.as_deref()),
                ),
                ..Default::default()
            },
            warmup,
            started: None,
            frame_timing: FrameTiming::default(),
        }
    }

    /// The selected subject, if any.
    pub fn selected(&self) -> Option<&Subject> {
        self.selection.current.as_ref().map(|s| &s.subject)
    }

    /// The view of the last drawn frame.
    pub fn last_view(&self) -> Option<View> {
        self.map.last_view
    }

    /// Records eframe's CPU time of a frame and of our pass (`GD_ATLAS_TIMING`).
    pub fn record_frame_time(&mut self, frame: f32, pass: f32) {
        if FrameTiming::enabled() {
            if let Some(line) = self.frame_timing.record(frame, pass) {
                eprintln!("{line}");
            }
        }
        // In the browser: `?timing` in the page's URL, lines in the console.
        #[cfg(target_arch = "wasm32")]
        if crate::web::timing_enabled() {
            if let Some(line) = self.frame_timing.record(frame, pass) {
                crate::web::console_line(&line);
            }
        }
    }

    /// The browser tab's title: the app and what is selected (web edition; a teacher's tabs of
    /// lesson stops are told apart, and the smoke test reads the selection there).
    #[cfg(target_arch = "wasm32")]
    fn page_title(&self) -> String {
        let app = "Guangdong Atlas · 广东地图集";
        match self.selected() {
            Some(subject) => {
                let name =
                    crate::ui::reader::subject_name(&self.atlas, subject, self.settings.lang);
                if name.is_empty() {
                    app.to_string()
                } else {
                    format!("{name} — {app}")
                }
            }
            None => app.to_string(),
        }
    }

    /// With `GD_ATLAS_TIMING`, prints when the first frame was drawn: at the start of the
    /// second frame's pass, since eframe paints a frame's shapes and presents it (tessellation,
    /// GL drawing, buffer swap) before it runs the next pass. The end of the first UI pass, which
    /// comes before all of that, is printed as a start-up step.
    #[cfg(not(target_arch = "wasm32"))]
    fn first_frame_timing(&mut self, ctx: &egui::Context) {
        let Some(started) = self.started else { return };
        if ctx.cumulative_frame_nr() == 0 {
            super::frame_timing::startup_mark("first UI pass begins");
            return;
        }
        self.started = None;
        if FrameTiming::enabled() {
            eprintln!(
                "first frame drawn {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1e3
            );
        }
    }

    /// Waits for the background triangulation to finish (benchmarks measure steady frames).
    pub fn finish_warming(&mut self) {
        self.warmup.finish();
    }

    /// Queues an action; it is applied at the start of the next pass.
    pub fn push(&mut self, action: Action) {
        self.pending.push(action);
    }

    /// The settings as they would be saved now (with the current view).
    fn current_settings(&self) -> Settings {
        let mut current = self.settings.clone();
        current.user_layers = self.user_layers.specs();
        if let Some(view) = &self.map.last_view {
            current.center_lonlat = view.center_lonlat();
            current.zoom = view.zoom;
            current.province_view = self.map.province_shown();
        }
        current
    }

    pub fn save_settings(&mut self) {
        let current = self.current_settings();
        if let Err(e) = self.autosave.save(&current, Instant::now()) {
            self.messages.push(format!("settings not saved: {e}"));
        }
    }

    /// Saves a few seconds after a change (see `Autosave`), once the map has been drawn.
    fn autosave(&mut self) {
        if self.map.last_view.is_some()
            && self.autosave.is_due(&self.current_settings(), Instant::now())
        {
            self.save_settings();
        }
    }

    /// The basemap tiles' credit, when tiles are actually drawn (tests: broken tiles are not
    /// credited).
    pub fn tiles_attribution(&self) -> Option<String> {
        self.tiles.attribution()
    }

    /// Screen position of a lon/lat in the last drawn frame (tests, tour).
    pub fn screen_pos_of_lonlat(&self, lonlat: [f64; 2]) -> Option<Pos2> {
        let view = self.map.last_view?;
        let p = view.screen_from_mercator().apply(mercator_from_lonlat(lonlat));
        Some(Pos2::new(p[0], p[1]))
    }

    /// Centres and zooms the map on a lon/lat.
    pub fn set_view(&mut self, center_lonlat: [f64; 2], zoom: f64) {
        self.map.set_view(center_lonlat, zoom);
    }

    /// One frame: apply what the last pass asked for, then draw. When this pass asks for
    /// something (a click on the map, which is drawn after the side panels), egui is asked to
    /// discard it and run another pass at once, so the selection, the cluster list and the
    /// details panel change together in the frame the user sees.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        #[cfg(not(target_arch = "wasm32"))]
        self.first_frame_timing(&ctx);
        if ctx.cumulative_frame_nr() > 0 {
            self.warmup.presented();
        }
        if self.map.refine.drawn_in_frame.is_some_and(|n| ctx.cumulative_frame_nr() > n) {
            self.map.refine.drawn_in_frame = None;
            super::frame_timing::startup_mark("frame at the wanted level of detail drawn");
        }
        // The browser's background work (layer loads, exports) runs here, after the frame that
        // showed it starting (`platform::spawn`).
        crate::platform::run_deferred();
        // A view from the page's URL (web edition: `index.html#gd-atlas:v1;…`, at start or when
        // the fragment changes).
        #[cfg(target_arch = "wasm32")]
        match crate::web::take_linked_view() {
            Some(Ok(view)) => self
                .pending
                .push(Action::View(crate::ui::views_panel::ViewAction::Open(Box::new(view)))),
            Some(Err(e)) => self.messages.push(e),
            None => {}
        }
        self.pending.extend(self.poll_export(&ctx));
        self.apply_pending();
        self.poll_user_layers(&ctx);
        ctx.set_zoom_factor(if self.settings.classroom { super::CLASSROOM_ZOOM } else { 1.0 });
        let mut keys = super::keys::key_actions(&ctx, self.reading.tour_stop.is_some());
        if self.measure.on {
            // Esc clears the measure, not the selection; Enter ends the path.
            keys.retain(|a| *a != Action::ClearSelection);
            keys.extend(ui::measure::measure_keys(&ctx));
        }
        if self.presentation.on {
            super::presentation::presentation_keys(&ctx, &mut keys);
        }
        self.send_fullscreen(&ctx);
        self.pending.extend(keys);
        self.tiles.ensure(&self.settings.basemap, &ctx);
        for (key, text) in self.tiles.problems() {
            self.messages.push_keyed(&key, text);
        }
        self.panels_ui(ui, &ctx);
        if !self.pending.is_empty() {
            ctx.request_discard("apply panel actions before showing the frame");
            ctx.request_repaint();
        }
        self.autosave();
        #[cfg(target_arch = "wasm32")]
        crate::web::set_title(&self.page_title());
        if self.started.is_some() {
            super::frame_timing::startup_mark("first UI pass done");
            // The next frame tells when this one was drawn (`first_frame_timing`).
            ctx.request_repaint();
        }
        // The web edition logs it always (the smoke test and BENCHMARKS.md read it).
        #[cfg(target_arch = "wasm32")]
        if let Some(started) = self.started.take() {
            crate::web::log_first_map(started);
        }
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let width = ctx.content_rect().width();
        let selected = self.selection.current.is_some();
        let narrow = super::layout::one_panel_at_a_time(width, selected);
        let top = egui::Panel::top("top_bar").show(ui, |ui| {
            let input = ui::top_bar::TopBarInput {
                atlas: &self.atlas,
                lang,
                classroom: self.settings.classroom,
                tour_running: (self.reading.tour_stop.is_some()
                    || !self.reading.tours.guided().is_empty())
                .then_some(self.reading.tour_stop.is_some()),
                measuring: self.measure.on,
                presenting: self.presentation.on,
                high_contrast: self.presentation.high_contrast,
                legend_shown: !self.presentation.legend_hidden,
                narrow,
                layers_open: self.layout.layers_open,
                details: selected.then_some(self.layout.details_shown(narrow, selected)),
            };
            ui::top_bar::top_bar_ui(ui, &input, &mut self.panels.top_bar)
        });
        self.pending.extend(top.inner);
        if let Some(stop) = self.reading.tour_stop {
            let bar = egui::Panel::bottom("tour").show(ui, |ui| {
                ui::tour_bar::tour_bar_ui(ui, &self.atlas, &self.reading.tour, stop, lang)
            });
            self.pending.extend(bar.inner);
        }
        if self.presentation.on {
            // The map takes the whole screen; its legend is drawn on the map instead.
            let map = egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| self.map_ui(ui));
            self.pending.extend(map.inner);
            self.windows_ui(ctx);
            return;
        }
        // A narrow window (Large text at 1280×720, or 1280×720 with a selection) shows one side
        // panel at a time, narrower; a wide one both, within the side room: the map keeps at
        // least `MAP_MIN_SHARE` of the window whatever the panels hold (`app::layout`).
        let narrow_width = width * super::layout::NARROW_PANEL_SHARE;
        // Panels are this far apart from each other and the map.
        let gap = ui.spacing().item_spacing.x;
        if self.layout.layers_shown(narrow) {
            self.layers_panel(ui, narrow, selected);
        }
        if self.layout.details_shown(narrow, selected) {
            let loaded = self.user_layers.loaded();
            let details_input = ui::details::DetailsInput {
                show_all_excerpts: self.selection.all_excerpts,
                theme: self.theme.theme.as_deref(),
                user_layers: &loaded,
                lang,
                pinned: &self.selection.compare.pinned,
            };
            let panel = match (narrow, selected) {
                (true, _) => egui::Panel::right("details_narrow")
                    .default_size(narrow_width)
                    .max_size(narrow_width),
                // Nothing selected: only the invitation to click, in a strip (an empty 400-point
                // panel left the map less than half of a 1280×720 window).
                (false, false) => {
                    egui::Panel::right("details_hint").exact_size(super::layout::HINT_PANEL_WIDTH)
                }
                (false, true) => egui::Panel::right("details")
                    .default_size(super::layout::DETAILS_WIDTH)
                    .max_size(ui.available_width() - width * super::layout::MAP_MIN_SHARE - gap),
            };
            let details = panel.resizable(true).show(ui, |ui| {
                let mut actions = Vec::new();
                if narrow && ui.small_button(lang.pick("× Close details", "× 关闭详情")).clicked()
                {
                    actions
                        .push(Action::Layout(crate::ui::layout::LayoutAction::ShowDetails(false)));
                }
                actions.extend(ui::details::details_panel_ui(
                    ui,
                    &self.atlas,
                    self.selection.current.as_ref(),
                    &details_input,
                ));
                actions
            });
            self.pending.extend(details.inner);
        }
        // The map runs to the panels' edges: no margin of empty panel around it.
        let map =
            egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| self.map_ui(ui));
        self.pending.extend(map.inner);
        self.windows_ui(ctx);
    }

    /// The layers panel: in a narrow window a share of it; in a wide one its usual width, at most
    /// the side room the details (or their strip) leave it.
    fn layers_panel(&mut self, ui: &mut egui::Ui, narrow: bool, selected: bool) {
        let width = ui.ctx().content_rect().width();
        let narrow_width = width * super::layout::NARROW_PANEL_SHARE;
        let beside = match selected {
            true => super::layout::DETAILS_MIN_WIDTH,
            false => super::layout::HINT_PANEL_WIDTH,
        };
        let gaps = 2.0 * ui.spacing().item_spacing.x;
        let panel = if narrow {
            egui::Panel::left("layers_narrow").default_size(narrow_width).max_size(narrow_width)
        } else {
            egui::Panel::left("layers").default_size(super::layout::LAYERS_WIDTH).max_size(
                super::layout::LAYERS_ROOM.max(super::layout::side_room(width) - beside - gaps),
            )
        };
        let layers = panel.resizable(true).show(ui, |ui| self.left_panel_ui(ui));
        self.pending.extend(layers.inner);
    }

    /// Atlas layers, my layers, thematic map, basemap, legend, credits; and files dropped on the
    /// window (layers or a thematic table).
    fn left_panel_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let lang = self.settings.lang;
        let legend = self.legend_entries();
        let osm = self.tiles.osm_status().cloned();
        let input = ui::layers_panel::LayersPanelInput {
            lang,
            layers: &self.settings.layers,
            towns_at_all_zooms: self.settings.towns_at_all_zooms,
            zoom: self.map.last_view.map_or(0.0, |v| v.zoom),
            basemap: &self.settings.basemap,
            osm: osm.as_ref(),
            tiles_error: self.tiles.error(),
            legend: &legend,
            messages: self.messages.shown(),
            theme_drawn: self.theme.theme.is_some(),
        };
        let rows = layer_rows(&self.user_layers);
        let theme_input = ui::theme_panel::ThemePanelInput {
            lang,
            atlas: &self.atlas,
            spec: self.settings.theme.as_ref(),
            theme: self.theme.theme.as_deref(),
            error: self.theme.error.as_deref(),
            columns: &self.theme.columns,
            value_columns: &self.theme.value_columns,
            report_status: self.theme.report_status.as_ref(),
            last_table: self.theme.last_table.as_ref(),
        };
        let theme_panel = &mut self.panels.theme;
        let (views, views_panel) = (&self.settings.views, &mut self.panels.views);
        let mut actions =
            ui::layers_panel::layers_panel_ui(ui, &input, &mut self.panels.layers, |ui| {
                let mut actions = ui::views_panel::views_panel_ui(ui, lang, views, views_panel);
                ui.separator();
                actions.extend(ui::user_layers_panel::user_layers_panel_ui(ui, lang, &rows));
                ui.separator();
                actions.extend(ui::theme_panel::theme_panel_ui(ui, &theme_input, theme_panel));
                actions
            });
        actions.extend(ui::file_dialog::dropped_files(ui.ctx()));
        // Files the browser's picker has read since the last frame (`web::files`).
        #[cfg(target_arch = "wasm32")]
        actions.extend(crate::web::files::take_actions());
        actions
    }

    /// What the map shows now: the window's scene request, which an export starts from too
    /// (so a figure honours everything the window does: high contrast, the reader's filter,
    /// pins, the measure).
    pub fn scene_request(&self) -> crate::scene::SceneRequest {
        crate::scene::SceneRequest {
            layers: self.settings.layers.clone(),
            lang: self.settings.lang,
            selection: self.selection.current.as_ref().map(|s| s.subject.clone()),
            force_towns: self.settings.towns_at_all_zooms,
            text_scale: self.presentation.text_scale(self.settings.classroom),
            // Presenting, the details panel is hidden: the selection is named on the map;
            // touring, the stop stands out from the markers around it.
            label_selection: self.presentation.on || self.reading.tour_stop.is_some(),
            high_contrast: self.presentation.high_contrast(),
            pinned: self.selection.compare.pinned.clone(),
            markers: crate::scene::MarkerMode::Clustered,
            measure: self.measure.drawn().cloned(),
            only_subjects: self.reading.reader.only_subjects(),
        }
    }

    fn map_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        // The floating windows drawn after the map stay inside it (`ui::windows`).
        ui::windows::set_map_area(ui.ctx(), ui.max_rect());
        let drawn = self.user_layers.drawn();
        let input = MapInput {
            atlas: &self.atlas,
            geometry: &self.geometry,
            request: self.scene_request(),
            theme: self.theme.theme.as_deref(),
            theme_generation: self.theme.generation,
            user_layers: &drawn,
            user_layers_generation: self.user_layers.generation,
            measuring: self.measure.on,
            reader_hover: self.reading.reader.hovered.as_ref(),
            warmup: &self.warmup,
            pin_level: self.pin_level(),
            presenting: self.presentation.on,
            presentation_legend: !self.presentation.legend_hidden,
            presentation_notes: self.presentation.notes_open,
        };
        let attribution = crate::render::furniture::attribution_text(
            self.settings.lang,
            self.tiles.attribution().as_deref(),
        );
        self.map.show(ui, &input, &mut self.tiles, &attribution)
    }

    /// The document viewer and the export dialog, when open.
    fn windows_ui(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        if let Some(view) = self.reading.document.as_mut() {
            let actions = ui::document::document_window(ctx, &self.atlas, view, lang);
            self.pending.extend(actions);
        }
        let levels = self.pinned_levels();
        let actions = ui::compare::compare_window(ctx, lang, &mut self.selection.compare, &levels);
        self.pending.extend(actions);
        if self.measure.on {
            let actions = ui::measure::measure_window(
                ctx,
                lang,
                &self.measure.measure,
                self.measure.finished,
                &mut self.measure.panel,
            );
            self.pending.extend(actions);
        }
        self.reader_windows_ui(ctx);
        if let Some(dialog) = self.panels.user_layers.dialog.as_mut() {
            let actions = ui::file_dialog::file_dialog_window(ctx, lang, dialog);
            self.pending.extend(actions);
        }
        if self.export.open {
            let selection = self.selection.current.as_ref().map(|s| &s.subject);
            let loaded = self.user_layers.loaded();
            let input = ui::export_dialog::ExportDialogInput {
                lang,
                view: self.map.last_view,
                layers: &self.settings.layers,
                towns_at_all_zooms: self.settings.towns_at_all_zooms,
                selection,
                running: self.export.job.is_some(),
                theme: self.theme.theme.as_ref(),
                province_extent: crate::export::extent::province_extent(&self.atlas),
                selection_extent: selection
                    .and_then(|s| super::apply::subject_extent(&self.atlas, &loaded, s)),
                pinned_extent: crate::export::extent::regions_extent(
                    &self.atlas,
                    &self.selection.compare.pinned,
                ),
                pinned: &self.selection.compare.pinned,
                titles: self.extent_titles(),
            };
            let actions = ui::export_dialog::export_window(ctx, &input, &mut self.export.dialog);
            self.pending.extend(actions);
        }
    }

    /// The names of the export dialog's extents in the window's language: the selection's,
    /// the province's, the pinned regions' (joined).
    fn extent_titles(&self) -> ui::export_dialog::ExtentTitles {
        let lang = self.settings.lang;
        let province =
            self.atlas.regions_of_level(crate::model::Level::Province).first().map(|&i| {
                let r = &self.atlas.regions[i];
                lang.name(&r.name_en, &r.name_zh).to_string()
            });
        let names: Vec<String> = self
            .selection
            .compare
            .pinned
            .iter()
            .map(|code| {
                ui::details::subject_title(&self.atlas, &Subject::Region(code.clone()), lang)
            })
            .collect();
        ui::export_dialog::ExtentTitles {
            selection: self.selection_title(),
            province: province.unwrap_or_else(|| lang.pick("Guangdong", "广东省").to_string()),
            pinned: (!names.is_empty()).then(|| names.join(lang.pick(", ", "、"))),
        }
    }

    /// The reader and the tour recorder, when shown; hidden while presenting, like the panels
    /// (they would cover the map the room looks at).
    fn reader_windows_ui(&mut self, ctx: &egui::Context) {
        if self.presentation.on {
            return;
        }
        let lang = self.settings.lang;
        if self.reading.reader.shown {
            let input = ui::reader::ReaderInput {
                atlas: &self.atlas,
                lang,
                doc: self.reading.reader.doc.as_ref(),
                counts: &self.reading.reader.counts,
                only_mentioned: self.reading.reader.only_mentioned,
                hovered: self.reading.reader.hovered.as_ref(),
            };
            let actions = ui::reader::reader_window(ctx, &input);
            self.pending.extend(actions);
        }
        if self.reading.tours.recorder_shown {
            let input = ui::tour_recorder::RecorderInput {
                atlas: &self.atlas,
                lang,
                stops: &self.reading.tours.recorded,
                tours: &self.reading.tours.saved,
                status: self.reading.tours.status.as_deref(),
            };
            let actions =
                ui::tour_recorder::recorder_window(ctx, &input, &mut self.reading.tours.name);
            self.pending.extend(actions);
        }
    }

    /// The legend of what the map draws now (the scene decides it, as for the figures).
    fn legend_entries(&self) -> Vec<LegendEntry> {
        self.map.drawn_scene().map(|s| s.legend_entries(self.settings.lang)).unwrap_or_default()
    }

    /// Collects finished layer loads; while one runs, comes back for its progress bar.
    fn poll_user_layers(&mut self, ctx: &egui::Context) {
        if self.user_layers.poll() {
            for e in self.user_layers.entries() {
                if let LayerState::Loaded { layer, .. } = &e.state {
                    for warning in layer.data.load_warnings() {
                        self.messages.push(format!("{}: {warning}", e.spec.path.display()));
                    }
                }
            }
        }
        if self.user_layers.loading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// A finished export, as an action (`apply` puts it in the dialog's status).
    fn poll_export(&self, ctx: &egui::Context) -> Option<Action> {
        let job = self.export.job.as_ref()?;
        let result = job.poll();
        if result.is_none() {
            // Nothing else wakes the window while an export renders.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        result.map(Action::ExportFinished)
    }
}

/// The map at start: the saved view, or — for a new user, whose settings still hold the default
/// view, or one who left the map on the whole province — Guangdong framed clear of the map's
/// furniture, whatever the window's size (the fixed default cut off Zhanjiang and Chaozhou at
/// 1280×720). Zoom and pan are bounded by the province and the basemap.
fn start_map(atlas: &Atlas, settings: &Settings) -> MapView {
    let mut map = MapView::new(settings.center_lonlat, settings.zoom);
    let province = crate::export::extent::province_extent(atlas);
    map.bounds = province.map(|province_mercator| crate::map::frame::MapBounds {
        province_mercator,
        basemap_mercator: crate::export::extent::mercator_of_lonlat_bbox(
            crate::map::paint::BASEMAP_EXTENT_LONLAT,
        ),
    });
    let default_view = settings.center_lonlat == super::settings::HOME_CENTER_LONLAT
        && settings.zoom == super::settings::HOME_ZOOM;
    map.province =
        super::apply::province_subject(atlas).map(|s| (s, super::apply::PROVINCE_MARGIN));
    if let (true, Some((subject, margin))) =
        (default_view || settings.province_view, map.province.clone())
    {
        map.fit(subject, margin, crate::map::frame::MAX_ZOOM);
    }
    map
}

/// The user-layers panel's view of the store.
fn layer_rows(layers: &UserLayers) -> Vec<LayerRow<'_>> {
    layers
        .entries()
        .iter()
        .map(|e| LayerRow {
            id: e.id,
            spec: &e.spec,
            status: match &e.state {
                LayerState::Loading { progress } => LayerStatus::Loading {
                    done_bytes: progress.done_bytes.load(std::sync::atomic::Ordering::Relaxed),
                    total_bytes: progress.total_bytes.load(std::sync::atomic::Ordering::Relaxed),
                },
                LayerState::Loaded { layer, style } => {
                    LayerStatus::Loaded { data: &layer.data, style }
                }
                LayerState::Failed { message } => LayerStatus::Failed(message),
            },
        })
        .collect()
}
