//! Benchmarks of the frame budget (issue 5). Each optimised path runs next to a naive baseline
//! in the same process so BENCHMARKS.md can report the speed-up as a measured ratio.
//!
//! Run: `cargo bench --bench atlas` (release profile). Names are stable:
//! `load_assets`, `frame_province_all_towns`, `frame_zoomed_pan`, `pick`, each with `/naive`.

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, RawInput, Rect, Shape, Stroke};
use gd_atlas::app::AtlasApp;
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::geo::topology::Space;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Level};
use gd_atlas::scene::view::View;

const SIZE: [f32; 2] = [1920.0, 1080.0];

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(SIZE[0], SIZE[1]))),
        time: Some(time),
        ..Default::default()
    }
}

fn load() -> Atlas {
    Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

/// An app with every layer on and towns drawn at every zoom, warmed up at `center`/`zoom`.
fn app_at(ctx: &egui::Context, center: [f64; 2], zoom: f64) -> AtlasApp {
    let mut app = AtlasApp::new(ctx, load(), None);
    app.settings.towns_at_all_zooms = true;
    app.set_view(center, zoom);
    app.finish_warming();
    for i in 0..3 {
        let out = ctx.run_ui(input(i as f64), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    app
}

/// One egui pass of the real UI plus epaint tessellation: what a frame costs the CPU.
fn frame(ctx: &egui::Context, app: &mut AtlasApp, time: f64) -> usize {
    let out = ctx.run_ui(input(time), |ui| app.show(ui));
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// The naive way: every region of every level at full detail, triangulated and outlined every
/// frame, no culling, no cache.
fn naive_frame(ctx: &egui::Context, atlas: &Atlas, view: &View, time: f64) -> usize {
    let t = view.screen_from_mercator();
    let out = ctx.run_ui(input(time), |ui| {
        let painter = ui.painter();
        let mut ring = Vec::new();
        for region in &atlas.regions {
            let Some(shape) = region.shape else { continue };
            for polygon in &atlas.topology.shapes[shape].polygons {
                let mut flat = Vec::new();
                let mut holes = Vec::new();
                let mut pts: Vec<Pos2> = Vec::new();
                for (k, r) in polygon.iter().enumerate() {
                    ring.clear();
                    atlas.topology.ring_into(r, 0.0, Space::Mercator, &mut ring);
                    if k > 0 {
                        holes.push(flat.len() / 2);
                    }
                    let outline: Vec<Pos2> = ring
                        .iter()
                        .map(|&m| {
                            let p = t.apply(m);
                            flat.extend_from_slice(&[p[0] as f64, p[1] as f64]);
                            Pos2::new(p[0], p[1])
                        })
                        .collect();
                    pts.extend(&outline);
                    painter.add(Shape::closed_line(outline, Stroke::new(0.8, Color32::DARK_GRAY)));
                }
                if let Ok(tris) = earcutr::earcut(&flat, &holes, 2) {
                    let mesh = Mesh {
                        vertices: pts
                            .iter()
                            .map(|&pos| Vertex { pos, uv: WHITE_UV, color: Color32::LIGHT_YELLOW })
                            .collect(),
                        indices: tris.into_iter().map(|i| i as u32).collect(),
                        ..Default::default()
                    };
                    painter.add(Shape::mesh(mesh));
                }
            }
        }
    });
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn view_at(center: [f64; 2], zoom: f64) -> View {
    View {
        center_mercator: mercator_from_lonlat(center),
        zoom,
        rect_screen: [0.0, 0.0, SIZE[0], SIZE[1]],
    }
}

fn benches(c: &mut Criterion) {
    c.bench_function("load_assets", |b| b.iter(load));

    let province = ([113.4, 23.3], 7.0);
    let ctx = egui::Context::default();
    let mut app = app_at(&ctx, province.0, province.1);
    let mut time = 10.0;
    c.bench_function("frame_province_all_towns", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            frame(&ctx, &mut app, time)
        })
    });
    let atlas = load();
    let naive_ctx = egui::Context::default();
    gd_atlas::ui::fonts::install_fonts(&naive_ctx);
    let view = view_at(province.0, province.1);
    let mut group = c.benchmark_group("frame_province_all_towns");
    group.sample_size(10);
    group.bench_function("naive", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            naive_frame(&naive_ctx, &atlas, &view, time)
        })
    });
    group.finish();

    // A pan at county zoom over Zhaoqing, 8 px per frame, towns on.
    let county = ([112.55, 23.1], 10.0);
    let ctx = egui::Context::default();
    let mut app = app_at(&ctx, county.0, county.1);
    let mut step = 0u32;
    c.bench_function("frame_zoomed_pan", |b| {
        b.iter(|| {
            step += 1;
            let lon = county.0[0] + 0.0004 * (step % 400) as f64;
            app.set_view([lon, county.0[1]], county.1);
            time += 1.0 / 60.0;
            frame(&ctx, &mut app, time)
        })
    });
    let mut group = c.benchmark_group("frame_zoomed_pan");
    group.sample_size(10);
    group.bench_function("naive", |b| {
        b.iter(|| {
            step += 1;
            let lon = county.0[0] + 0.0004 * (step % 400) as f64;
            let view = view_at([lon, county.0[1]], county.1);
            time += 1.0 / 60.0;
            naive_frame(&naive_ctx, &atlas, &view, time)
        })
    });
    group.finish();

    // Picking: the town under a point (R-tree + exact point-in-polygon) vs. testing every town.
    let points: Vec<[f64; 2]> = (0..1024u64)
        .map(|i| {
            // A fixed low-discrepancy sequence over the province's bbox, so runs are comparable.
            let a = (i as f64 * 0.618_033_988_75).fract();
            let b = (i as f64 * 0.754_877_666_25).fract();
            [109.7 + 7.5 * a, 20.2 + 5.3 * b]
        })
        .collect();
    let mut k = 0usize;
    c.bench_function("pick", |b| {
        b.iter(|| {
            k = (k + 1) % points.len();
            atlas.region_at(points[k], Level::Town)
        })
    });
    let towns: Vec<usize> = atlas.regions_of_level(Level::Town).to_vec();
    c.bench_function("pick/naive", |b| {
        b.iter_batched(
            || {
                k = (k + 1) % points.len();
                points[k]
            },
            |p| {
                towns.iter().copied().find(|&i| {
                    let Some(shape) = atlas.regions[i].shape else { return false };
                    let rings = &atlas.topology.shapes[shape].polygons;
                    let mut inside = false;
                    for r in rings.iter().flatten() {
                        let ring = atlas.topology.ring_lonlat(r);
                        let n = ring.len();
                        for j in 0..n {
                            let (a, b2) = (ring[j], ring[(j + 1) % n]);
                            if (a[1] > p[1]) != (b2[1] > p[1])
                                && p[0] < a[0] + (p[1] - a[1]) / (b2[1] - a[1]) * (b2[0] - a[0])
                            {
                                inside = !inside;
                            }
                        }
                    }
                    inside
                })
            },
            BatchSize::SmallInput,
        )
    });
}

/// A copy of `data/` (with or without `census/`) in a temporary folder, so both loads read
/// the same way from disk.
fn data_copy(with_census: bool) -> std::path::PathBuf {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("create");
        for entry in std::fs::read_dir(from).expect("read").flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    let root = std::env::temp_dir()
        .join(format!("gd-atlas-bench-census-{with_census}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &root.join("data"));
    if !with_census {
        let _ = std::fs::remove_dir_all(root.join("data/census"));
        let _ = std::fs::remove_file(root.join("data/tours/uneven_development.csv"));
    }
    root.join("data")
}

/// The census's share of the atlas load (issue 18: ≤ 10 ms): the same data folder loaded with
/// and without `census/`; and the areas of its 144 units by the equal-area method against
/// Karney's geodesic area (the naive baseline, what `region_area` used before).
fn census_benches(c: &mut Criterion) {
    let (with, without) = (data_copy(true), data_copy(false));
    let mut group = c.benchmark_group("load_data_dir");
    group.bench_function("with_census", |b| {
        b.iter(|| Atlas::load(&DataSource::from_data_dir(&with)).expect("loads"))
    });
    group.bench_function("without_census", |b| {
        b.iter(|| Atlas::load(&DataSource::from_data_dir(&without)).expect("loads"))
    });
    group.finish();
    let atlas = load();
    let units: Vec<usize> = atlas.census.units.iter().map(|u| u.region).collect();
    let mut group = c.benchmark_group("census_unit_areas");
    group.bench_function("equal_area", |b| {
        b.iter(|| {
            units
                .iter()
                .filter_map(|&r| gd_atlas::model::area::region_area(&atlas, r))
                .map(|a| a.km2)
                .sum::<f64>()
        })
    });
    group.bench_function("naive", |b| {
        b.iter(|| {
            use geo::{Coord, GeodesicArea, LineString, Polygon};
            let mut total = 0.0;
            for &r in &units {
                let Some(shape) = atlas.regions[r].shape else { continue };
                for rings in atlas.shape_rings_lonlat(shape) {
                    let ring = |pts: &Vec<[f64; 2]>| {
                        LineString::from(
                            pts.iter().map(|p| Coord { x: p[0], y: p[1] }).collect::<Vec<_>>(),
                        )
                    };
                    if let Some((ext, holes)) = rings.split_first() {
                        total += Polygon::new(ring(ext), holes.iter().map(ring).collect())
                            .geodesic_area_unsigned();
                    }
                }
            }
            total
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(with.parent().expect("root"));
    let _ = std::fs::remove_dir_all(without.parent().expect("root"));
}

criterion_group!(atlas_benches, benches, census_benches);
criterion_main!(atlas_benches);
