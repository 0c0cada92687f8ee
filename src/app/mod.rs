//! The eframe application: window, state, persistence. A thin shell over `ui` and `map`:
//! panels return actions, `apply` changes the state, `map_view` draws the cached scene.

mod apply;
mod autosave;
mod basemap_tiles;
mod compare;
mod export_job;
pub mod frame_timing;
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
pub mod warm;

pub use state::AtlasApp;

#[cfg(not(target_arch = "wasm32"))]
use crate::model::Atlas;

/// How much larger everything is drawn with "Large text" (egui's zoom factor): a 1280×720
/// projector shows a window of 883×497 points.
pub const CLASSROOM_ZOOM: f32 = 1.45;

/// When the process started (set first thing in `main`), for the start-up timing.
pub static PROCESS_START: std::sync::OnceLock<web_time::Instant> = std::sync::OnceLock::new();

/// The atlas the window opens on (issue 21, the first frame): loaded already, or being loaded
/// with the basemap on a thread while eframe makes the window and its GL context — the two take
/// about as long each (≈ 60 ms on the 2-core test machine), so done at once they overlap.
#[cfg(not(target_arch = "wasm32"))]
pub enum StartAtlas {
    /// Boxed: an atlas is two kilobytes of fields, the thread's handle a few words.
    Loaded(Box<Atlas>),
    /// The thread's result: the atlas and basemap, or the one-line message of a failed load.
    Loading(std::thread::JoinHandle<Result<(Atlas, crate::scene::basemap::Basemap), String>>),
}

#[cfg(not(target_arch = "wasm32"))]
impl StartAtlas {
    /// Runs `load` on a thread named `atlas-load`, then reads the basemap there too; loads at
    /// once when no thread can be started.
    pub fn load_in_background(
        load: impl Fn() -> Result<Atlas, String> + Send + Sync + 'static,
    ) -> Result<StartAtlas, String> {
        let load = std::sync::Arc::new(load);
        let on_thread = load.clone();
        let spawned = std::thread::Builder::new()
            .name("atlas-load".into())
            // Beside the window's creation on the main thread: the load keeps to this core.
            .spawn(move || crate::par::on_one_core(|| with_basemap(on_thread())));
        match spawned {
            Ok(handle) => Ok(StartAtlas::Loading(handle)),
            Err(_) => Ok(StartAtlas::Loaded(Box::new(load()?))),
        }
    }

    /// The atlas and basemap, waiting for the thread if need be.
    fn wait(self) -> Result<(Atlas, crate::scene::basemap::Basemap), String> {
        match self {
            StartAtlas::Loaded(atlas) => with_basemap(Ok(*atlas)),
            StartAtlas::Loading(handle) => {
                handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }
        }
    }
}

/// The atlas with the basemap read from the same source.
#[cfg(not(target_arch = "wasm32"))]
fn with_basemap(
    atlas: Result<Atlas, String>,
) -> Result<(Atlas, crate::scene::basemap::Basemap), String> {
    let atlas = atlas?;
    let basemap = crate::scene::basemap::Basemap::load(&atlas.source);
    Ok((atlas, basemap))
}

#[cfg(not(target_arch = "wasm32"))]
/// Opens the window on `atlas` (with `select` — a name or code — selected and in view, and the
/// `layers` of `--layer` added on top of those the settings restore) and runs until it is closed.
/// `view` (`--view TEXT`) is opened once those layers are listed, so its visibility applies to them.
/// An atlas still loading is waited for once the window exists; if its load fails, the window
/// closes and the load's message is the error (no frame is drawn without the atlas).
pub fn run(
    atlas: StartAtlas,
    select: Option<String>,
    layers: Vec<crate::layer::LayerSpec>,
    view: Option<crate::scene::saved_view::SavedView>,
    tour: Option<String>,
) -> Result<(), String> {
    let started = PROCESS_START.get().copied().unwrap_or_else(web_time::Instant::now);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Guangdong Atlas · 广东地图集")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0]),
        // No dithering in egui's fragment shader (issue 21, speed): the map is flat colours,
        // which the dither leaves as they are, and on a software GL (llvmpipe: VMs, projector
        // PCs without a driver) its per-pixel noise cost 8 ms of the first frame and 28 ms of
        // the next (a full-detail frame: 325 → 297 ms after start, 9 interleaved starts). What
        // it changes on screen: anti-aliased edge pixels by at most 5 levels of 255.
        dithering: false,
        ..Default::default()
    };
    let settings_path = settings::default_path();
    frame_timing::startup_mark("opening the window");
    // A failure inside the app creator (the atlas's load, an unknown --select) ends eframe with
    // a generic error: the message itself comes back through here.
    let failure: std::sync::Arc<std::sync::Mutex<Option<String>>> = Default::default();
    let failed = failure.clone();
    // Shared so that, when no window can be made, a failed load is still the error reported
    // (bad data is the first thing a user must hear about, as when the atlas loaded first).
    let start = std::sync::Arc::new(std::sync::Mutex::new(Some(atlas)));
    let start_in_creator = start.clone();
    let result = eframe::run_native(
        "Guangdong Atlas",
        options,
        Box::new(move |cc| {
            frame_timing::startup_mark("window and GL context made");
            let fail = |message: String| {
                if let Ok(mut slot) = failed.lock() {
                    *slot = Some(message.clone());
                }
                Err(message.into())
            };
            let taken = start_in_creator.lock().ok().and_then(|mut slot| slot.take());
            let Some(atlas) = taken else {
                return fail("the atlas was handed to an earlier window".into());
            };
            let (atlas, basemap) = match atlas.wait() {
                Ok(loaded) => loaded,
                Err(message) => return fail(message),
            };
            frame_timing::startup_mark("atlas and basemap loaded");
            let selected = match &select {
                Some(query) => match atlas.find(query).into_iter().next() {
                    Some(subject) => Some(subject),
                    None => {
                        return fail(format!(
                            "--select {query:?}: no region, place or line of that name or code"
                        ))
                    }
                },
                None => None,
            };
            let mut app = AtlasApp::with_basemap(&cc.egui_ctx, atlas, basemap, settings_path);
            frame_timing::startup_mark("app state built");
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
    );
    if let Some(message) = failure.lock().ok().and_then(|mut slot| slot.take()) {
        return Err(message);
    }
    if result.is_err() {
        if let Some(atlas) = start.lock().ok().and_then(|mut slot| slot.take()) {
            atlas.wait()?;
        }
    }
    result.map_err(|e| format!("cannot open the window: {e}"))
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::DataSource;

    #[test]
    fn an_atlas_loaded_beside_the_window_arrives_with_its_basemap_or_its_error() {
        let start = StartAtlas::load_in_background(|| {
            Atlas::load(&DataSource::Embedded).map_err(|e| e.to_string())
        })
        .expect("starts");
        assert!(matches!(start, StartAtlas::Loading(_)), "on its own thread");
        let (atlas, basemap) = start.wait().expect("loads");
        assert!(!atlas.regions.is_empty());
        assert!(basemap.problems.is_empty(), "{:?}", basemap.problems);
        let broken = StartAtlas::load_in_background(|| Err("places.csv:12: too few fields".into()))
            .expect("starts");
        assert_eq!(broken.wait().err().as_deref(), Some("places.csv:12: too few fields"));
    }
}
