//! Benchmarks of thematic maps (issue 9), each next to a baseline in the same run:
//!
//! - `join_classify_10k`: a 10,000-row town table (codes, full names, names with their county,
//!   and garbled names that need suggestions) parsed, joined, classified and coloured — against
//!   `/naive`, a linear scan of every region per row comparing code and names exactly, then the
//!   same classification (it matches far fewer rows and suggests nothing).
//! - `frame_with_theme`: the window's map with a county theme on, against the same map without
//!   it: `rebuild` (build the scene, tessellate its geometry, draw a frame: a change of zoom,
//!   layers or theme) and `cached` (a frame of an already painted scene: panning).
//!
//! Run: `cargo bench --bench theme` (release profile).

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;

use criterion::{criterion_group, criterion_main, Criterion};
use egui::{Pos2, RawInput, Rect};
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::map::paint::{draw, paint_scene};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Level};
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, SceneGeometry, SceneInput};
use gd_atlas::table::parse_table;
use gd_atlas::theme::classify::classify;
use gd_atlas::theme::join::join_table;
use gd_atlas::theme::level::theme_units;
use gd_atlas::theme::table_values::table_values;
use gd_atlas::theme::{AttributeSpec, Builtin, Method, Overrides, Theme, ThemeLevel, ThemeSpec};

const ROWS: usize = 10_000;
const SIZE: [f32; 2] = [1920.0, 1080.0];

fn load() -> Atlas {
    Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

/// A town table as a planner might send it: a quarter codes, a quarter full names, a quarter
/// names with their county in front, a quarter garbled (a character dropped and one added).
fn town_table(atlas: &Atlas) -> Vec<u8> {
    let towns = atlas.regions_of_level(Level::Town);
    let mut csv = String::from("镇街,县区,产值\n");
    for i in 0..ROWS {
        let town = &atlas.regions[towns[i % towns.len()]];
        let county = town.parent.map(|p| atlas.regions[p].name_zh.as_str()).unwrap_or("");
        let key = match i % 4 {
            0 => town.code.clone(),
            1 => town.name_zh.clone(),
            2 => format!("{county}{}", town.name_zh),
            _ => format!("{}甲", town.name_zh.chars().skip(1).collect::<String>()),
        };
        let _ = writeln!(csv, "{key},{county},{}", (i * 37 % 9_973) as f64 * 1.5);
    }
    csv.into_bytes()
}

/// Parse, join, take the value column, classify, colour, build the legend.
fn join_classify(atlas: &Atlas, bytes: &[u8]) -> usize {
    let table = parse_table(bytes, "towns.csv", None).unwrap_or_else(|e| panic!("{e}"));
    let report = join_table(atlas, &table, &Overrides::default()).unwrap_or_else(|e| panic!("{e}"));
    let values = table_values(&table, &report, "产值", theme_units(atlas, report.level))
        .unwrap_or_else(|e| panic!("{e}"));
    let source = AttributeSpec::Builtin { level: ThemeLevel::Town, builtin: Builtin::Area };
    let mut spec = ThemeSpec::new(source);
    spec.method = Method::NaturalBreaks;
    let theme = Theme::from_values(spec, values, Some(report)).unwrap_or_else(|e| panic!("{e}"));
    theme.legend.len()
}

/// The naive join: every row compared with every region's code and names.
fn naive_join_classify(atlas: &Atlas, bytes: &[u8]) -> usize {
    let table = parse_table(bytes, "towns.csv", None).unwrap_or_else(|e| panic!("{e}"));
    let mut values = Vec::new();
    for row in &table.rows {
        let key = row.cell(0).trim();
        let found = atlas
            .regions
            .iter()
            .position(|r| r.code == key || r.name_zh == key || r.name_en.eq_ignore_ascii_case(key));
        if found.is_some() {
            values.extend(row.cell(2).trim().parse::<f64>().ok());
        }
    }
    classify(&values, &Method::NaturalBreaks, 5, 0).map(|c| c.classes()).unwrap_or(0)
}

fn join_benches(c: &mut Criterion, atlas: &Atlas) {
    let bytes = town_table(atlas);
    let mut group = c.benchmark_group("join_classify_10k");
    group.sample_size(10);
    group.bench_function("join", |b| b.iter(|| join_classify(atlas, &bytes)));
    group.bench_function("naive", |b| b.iter(|| naive_join_classify(atlas, &bytes)));
    group.finish();
}

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(SIZE[0], SIZE[1]))),
        time: Some(time),
        ..Default::default()
    }
}

/// The scene the window builds for the province view, with or without the theme.
fn scene_input<'a>(
    atlas: &'a Atlas,
    geometry: &'a SceneGeometry,
    request: &'a gd_atlas::scene::SceneRequest,
    view: View,
    theme: Option<&'a Theme>,
) -> SceneInput<'a> {
    SceneInput { theme, ..SceneInput::new(atlas, geometry, view, request) }
}

/// One egui pass that rebuilds (or only redraws) the map, plus epaint tessellation.
fn frame(
    ctx: &egui::Context,
    input_for: &SceneInput,
    rebuild: bool,
    painted: &mut Option<gd_atlas::map::paint::PaintedScene>,
    time: f64,
) -> usize {
    let out = ctx.run_ui(input(time), |ui| {
        let painter = ui.painter();
        if rebuild || painted.is_none() {
            *painted = Some(paint_scene(
                painter,
                input_for.atlas,
                input_for.geometry,
                build_scene(input_for),
            ));
        }
        if let Some(p) = painted {
            draw(painter, p, &input_for.view, &[], &[]);
        }
    });
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn frame_benches(c: &mut Criterion, atlas: &Atlas) {
    let geometry = SceneGeometry::new(atlas, Basemap::load(&atlas.source));
    let theme = Theme::build(
        atlas,
        ThemeSpec::new(AttributeSpec::Builtin {
            level: ThemeLevel::County,
            builtin: Builtin::Area,
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let layers = gd_atlas::scene::SceneRequest::of_layers(Layers::default());
    let view = View {
        center_mercator: mercator_from_lonlat([113.4, 23.3]),
        zoom: 7.0,
        rect_screen: [0.0, 0.0, SIZE[0], SIZE[1]],
    };
    let ctx = egui::Context::default();
    gd_atlas::ui::fonts::install_fonts(&ctx);
    let mut time = 0.0;
    let mut group = c.benchmark_group("frame_with_theme");
    group.sample_size(20);
    for (name, theme) in [("theme", Some(&theme)), ("plain", None)] {
        let input_for = scene_input(atlas, &geometry, &layers, view, theme);
        let mut painted = None;
        for rebuild in [true, false] {
            let label = format!("{}/{name}", if rebuild { "rebuild" } else { "cached" });
            group.bench_function(label, |b| {
                b.iter(|| {
                    time += 1.0 / 60.0;
                    frame(&ctx, &input_for, rebuild, &mut painted, time)
                })
            });
        }
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let atlas = load();
    join_benches(c, &atlas);
    frame_benches(c, &atlas);
}

criterion_group!(theme_benches, benches);
criterion_main!(theme_benches);
