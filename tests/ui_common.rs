//! How every window test drives the app: the app on the embedded data, in a kittest harness of
//! a given size with the app's fonts installed (the harness panics on glyphs it lacks).

use std::path::PathBuf;

use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;

/// The app on the embedded data, with settings from `settings` (none: defaults, not saved).
pub fn embedded_app(settings: Option<PathBuf>) -> AtlasApp {
    let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("embedded data must load: {e}"));
    AtlasApp::new(&egui::Context::default(), atlas, settings)
}

/// A harness showing `app` in a window of `size` points.
pub fn app_harness(app: AtlasApp, size: [f32; 2]) -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_context_setup(gd_atlas::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app)
}
