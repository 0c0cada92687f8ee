//! Shared by the integration tests: how a window test drives the app (the embedded data in a
//! kittest harness of a given size, with the app's fonts: the harness panics on glyphs it
//! lacks), and copying the data folder for tests that edit a copy.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;

/// The app on the embedded data, with settings from `settings` (none: defaults, not saved).
pub fn embedded_app(settings: Option<PathBuf>) -> AtlasApp {
    let atlas = Atlas::load(&DataSource::Embedded)
        .unwrap_or_else(|e| panic!("embedded data must load: {e}"));
    AtlasApp::new(&egui::Context::default(), atlas, settings)
}

/// A harness showing `app` in a window of `size` points.
pub fn app_harness(app: AtlasApp, size: [f32; 2]) -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_context_setup(gd_atlas::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app)
}

/// Copies a folder recursively (the data tests edit a copy of `data/`, never the repository's).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())).flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A subject as mercator polygons: a region's shape at full detail, else the box of the place
/// or line (what a framing or a tour stop must show).
pub fn subject_polygons_mercator(
    atlas: &Atlas,
    subject: &gd_atlas::model::Subject,
) -> Vec<Vec<Vec<[f64; 2]>>> {
    use gd_atlas::geo::mercator::mercator_from_lonlat;
    if let gd_atlas::model::Subject::Region(code) = subject {
        let shape = atlas.regions[atlas.region_by_code(code).expect("the region exists")]
            .shape
            .expect("a shape");
        return atlas
            .shape_rings_lonlat(shape)
            .iter()
            .map(|p| {
                p.iter().map(|r| r.iter().map(|&q| mercator_from_lonlat(q)).collect()).collect()
            })
            .collect();
    }
    let b = gd_atlas::export::extent::subject_extent(atlas, subject)
        .expect("the subject has an extent");
    vec![vec![vec![[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]]]
}
