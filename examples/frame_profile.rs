//! A profiling loop for the window's frame (used with `perf record` to find where a frame's time
//! goes; see BENCHMARKS.md). Runs the real UI headless at 1920×1080 with towns at every zoom.
//!
//! `cargo run --release --example frame_profile -- [ZOOM]`; `SELECT=1` selects Jinli first.

use std::time::Instant;

use egui::{Pos2, RawInput, Rect};
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Subject};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let zoom: f64 = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| format!("zoom {arg:?} is not a number"))?,
        None => 7.0,
    };
    let ctx = egui::Context::default();
    let t0 = Instant::now();
    let atlas = Atlas::load(&DataSource::Embedded).map_err(|e| e.to_string())?;
    let t_load = t0.elapsed();
    let mut app = AtlasApp::new(&ctx, atlas, None);
    let t_app = t0.elapsed();
    app.settings.towns_at_all_zooms = true;
    if std::env::var_os("SELECT").is_some() {
        app.push(gd_atlas::ui::Action::Select(gd_atlas::ui::Selection::of(Subject::Region(
            "441204115".into(),
        ))));
    }
    app.set_view([113.4, 23.3], zoom);
    let warm = Instant::now();
    app.finish_warming();
    println!("warming every level of detail: {:?}", warm.elapsed());
    let input = |t: f64| RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(1920.0, 1080.0))),
        time: Some(t),
        ..Default::default()
    };
    let first = Instant::now();
    for i in 0..3 {
        let mut out = ctx.run_ui(input(i as f64), |ui| app.show(ui));
        out.textures_delta.clear(); // no renderer to upload the font atlas to
        let _ = ctx.tessellate(out.shapes, 1.0);
    }
    let first = first.elapsed() / 3;
    let (mut ui_s, mut tess_s, mut vertices) = (0.0, 0.0, 0);
    let n = 50;
    for i in 0..n {
        let s = Instant::now();
        let mut out = ctx.run_ui(input(10.0 + i as f64 / 60.0), |ui| app.show(ui));
        ui_s += s.elapsed().as_secs_f64();
        out.textures_delta.clear();
        let s = Instant::now();
        let primitives = ctx.tessellate(out.shapes, 1.0);
        tess_s += s.elapsed().as_secs_f64();
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                _ => 0,
            })
            .sum();
    }
    println!("load {t_load:?}, app ready {t_app:?}, first frames {first:?} each");
    println!(
        "zoom {zoom}: run_ui {:.2} ms, tessellate {:.2} ms, {vertices} vertices",
        ui_s / n as f64 * 1e3,
        tess_s / n as f64 * 1e3
    );
    Ok(())
}
