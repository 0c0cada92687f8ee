//! The eframe application: window, state, persistence. A thin shell over `ui` and `map`:
//! panels return actions, `apply` changes the state, `map_view` draws the cached scene.

mod apply;
mod autosave;
mod basemap_tiles;
mod compare;
mod export_job;
mod frame_timing;
mod keys;
pub mod layout;
pub mod map_view;
pub mod notices;
mod presentation;
pub mod reader_state;
pub mod scene_cache;
pub mod settings;
mod state;
pub mod substates;
pub mod theme_state;
pub mod user_layers;
mod user_pick;
pub mod user_tours;
pub mod views;
mod warm;

pub use state::AtlasApp;

#[cfg(not(target_arch = "wasm32"))]
use crate::model::Atlas;

/// How much larger everything is drawn with "Large text" (egui's zoom factor): a 1280×720
/// projector shows a window of 883×497 points.
pub const CLASSROOM_ZOOM: f32 = 1.45;

/// When the process started (set first thing in `main`), for the start-up timing.
pub static PROCESS_START: std::sync::OnceLock<web_time::Instant> = std::sync::OnceLock::new();

#[cfg(not(target_arch = "wasm32"))]
/// Opens the window on `atlas` (with `select` — a name or code — selected and in view, and the
/// `layers` of `--layer` added on top of those the settings restore) and runs until it is closed.
/// `view` (`--view TEXT`) is opened once those layers are listed, so its visibility applies to them.
pub fn run(
    atlas: Atlas,
    select: Option<String>,
    layers: Vec<crate::layer::LayerSpec>,
    view: Option<crate::scene::saved_view::SavedView>,
    tour: Option<String>,
) -> Result<(), String> {
    let started = PROCESS_START.get().copied().unwrap_or_else(web_time::Instant::now);
    let selected = match &select {
        Some(query) => Some(atlas.find(query).into_iter().next().ok_or_else(|| {
            format!("--select {query:?}: no region, place or line of that name or code")
        })?),
        None => None,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Guangdong Atlas · 广东地图集")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let settings_path = settings::default_path();
    eframe::run_native(
        "Guangdong Atlas",
        options,
        Box::new(move |cc| {
            let mut app = AtlasApp::new(&cc.egui_ctx, atlas, settings_path);
            app.started = Some(started);
            if let Some(subject) = selected {
                app.push(crate::ui::Action::Focus(subject));
            }
            for spec in layers {
                app.push(crate::ui::Action::UserLayer(crate::ui::action::LayerAction::Add(spec)));
            }
            if let Some(view) = view {
                app.push(crate::ui::Action::View(crate::ui::views_panel::ViewAction::Open(
                    Box::new(view),
                )));
            }
            if let Some(index) =
                tour.and_then(|name| app.reading.tours.saved.iter().position(|t| t.name == name))
            {
                app.push(crate::ui::Action::Tour(crate::ui::tour_recorder::TourAction::Play(
                    Some(index),
                )));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let pass = web_time::Instant::now();
        self.show(ui);
        let pass = pass.elapsed().as_secs_f32();
        if let Some(cpu) = frame.info().cpu_usage {
            self.record_frame_time(cpu, pass);
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}
