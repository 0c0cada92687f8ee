//! Benchmarks of a planner's own layers in the window (issue 10), each next to a naive baseline
//! in the same run. Every case is one window frame that rebuilds the map: build the scene,
//! tessellate its geometry into the cached mesh, draw the overlay, tessellate the frame — at
//! province view (zoom 7, a 1600 × 1000 map) with the atlas's own layers off, so the user layer
//! is what is measured. Caches are warm (criterion's warm-up builds every level used).
//!
//! - `frame_user_points_1m`: 1,000,000 random points over Guangdong, binned in 28-point cells
//!   (`aggregated`) — against `naive`: one marker item per point.
//! - `frame_user_polygons_100k`: 100,000 small random hexagons (0.3–3 km across), culled by box
//!   and those under 1.5 points drawn as one speck mesh (`culled`) — against `naive`: every
//!   polygon filled and outlined whatever its size.
//! - `frame_user_line_1m_vertices`: one line of 1,000,000 vertices across the province, drawn
//!   from the level-of-detail cache (`lod`) — against `naive`: the full-detail polyline.
//!
//! Data are generated here (seeded). Run: `cargo bench --bench layer_frame` (release profile).

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use egui::{Pos2, RawInput, Rect};
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::layer::style::resolve;
use gd_atlas::layer::{Crs, LayerBuilder, LayerData, LayerStyle};
use gd_atlas::map::paint::{draw, paint_scene};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::style::{self, Dash, LineStyle, MarkerShape, MarkerStyle};
use gd_atlas::scene::user_layer::{DrawnLayer, UserLayer};
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, Item, Marker, Scene, SceneGeometry, SceneInput};

const SIZE: [f32; 2] = [1600.0, 1000.0];
/// Guangdong's box, lon/lat.
const WEST: f64 = 109.7;
const EAST: f64 = 117.3;
const SOUTH: f64 = 20.2;
const NORTH: f64 = 25.5;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn lonlat(&mut self) -> [f64; 2] {
        [WEST + (EAST - WEST) * self.next(), SOUTH + (NORTH - SOUTH) * self.next()]
    }
}

fn builder(name: &str) -> LayerBuilder {
    LayerBuilder::new(name.into(), "generated".into(), Crs::Wgs84, vec!["id".into()], true)
}

fn points_1m() -> LayerData {
    let mut b = builder("points_1m.csv");
    let mut rng = Lcg(1);
    for i in 0..1_000_000u32 {
        let f = b.push_feature(i + 2, [""]);
        b.push_point(f, rng.lonlat());
    }
    b.finish()
}

fn polygons_100k() -> LayerData {
    let mut b = builder("parcels_100k.geojson");
    let mut rng = Lcg(2);
    for i in 0..100_000u32 {
        let c = rng.lonlat();
        let r = 0.0015 + 0.0135 * rng.next();
        let mut ring: Vec<[f64; 2]> = (0..6)
            .map(|k| {
                let a = k as f64 * std::f64::consts::TAU / 6.0;
                [c[0] + r * a.cos(), c[1] + r * a.sin()]
            })
            .collect();
        ring.push(ring[0]);
        let f = b.push_feature(i, [""]);
        b.push_polygons(f, vec![vec![ring]]);
    }
    b.finish()
}

fn line_1m_vertices() -> LayerData {
    let mut b = builder("line_1m.geojson");
    let mut rng = Lcg(3);
    let n = 1_000_000;
    let line: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let t = i as f64 / n as f64;
            [WEST + (EAST - WEST) * t, 23.0 + 1.5 * (t * 40.0).sin() + 0.002 * rng.next()]
        })
        .collect();
    let f = b.push_feature(0, [""]);
    b.push_line(f, line);
    b.finish()
}

fn drawn(data: LayerData, id: u64) -> DrawnLayer {
    let style = resolve(&data, &LayerStyle::default());
    DrawnLayer::new(Arc::new(UserLayer::new(id, data)), style)
}

fn view() -> View {
    View {
        center_mercator: mercator_from_lonlat([113.5, 22.9]),
        zoom: 7.0,
        rect_screen: [0.0, 0.0, SIZE[0], SIZE[1]],
    }
}

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(SIZE[0], SIZE[1]))),
        time: Some(time),
        ..Default::default()
    }
}

struct Env<'a> {
    atlas: &'a Atlas,
    geometry: &'a SceneGeometry,
    request: gd_atlas::scene::SceneRequest,
    ctx: egui::Context,
}

impl Env<'_> {
    fn scene(&self, user_layers: &[DrawnLayer]) -> Scene {
        build_scene(&SceneInput {
            user_layers,
            ..SceneInput::new(self.atlas, self.geometry, view(), &self.request)
        })
    }

    /// One window frame that rebuilds the map with `make_scene`; returns the primitive count.
    fn frame(&self, time: f64, make_scene: impl Fn() -> Scene) -> usize {
        let out = self.ctx.run_ui(input(time), |ui| {
            let painter = ui.painter();
            let painted = paint_scene(painter, self.atlas, self.geometry, make_scene());
            draw(painter, &painted, &view(), &[], &[]);
        });
        self.ctx.tessellate(out.shapes, out.pixels_per_point).len()
    }
}

/// The naive points: the scene without the layer, plus one marker per point.
fn with_markers(mut scene: Scene, data: &LayerData) -> Scene {
    let style = MarkerStyle {
        shape: MarkerShape::Circle,
        fill: [214, 39, 40, 255],
        outline: [255, 255, 255, 255],
        radius: 3.5,
    };
    scene.items.extend(data.points.mercator.iter().map(|&mercator| {
        Item::Marker(Marker {
            mercator,
            style,
            halo_radius: None,
            places: vec![0],
            selected: false,
        })
    }));
    scene
}

/// The naive polygons: every shape filled and outlined, in one item.
fn with_every_polygon(mut scene: Scene, drawn: &DrawnLayer) -> Scene {
    let shapes = (0..drawn.layer.data.topology.shapes.len() as u32).collect();
    let outline = LineStyle { width: 0.8, color: style::rgb(128, 20, 20), dash: Dash::Solid };
    scene.items.push(Item::UserFills { layer: 0, shapes, color: [214, 39, 40, 150], outline });
    scene.user_layers = vec![drawn.clone()];
    scene
}

/// The naive line: the full-detail polyline.
fn with_full_line(mut scene: Scene, data: &LayerData) -> Scene {
    let mercator = data.topology.arcs[0].mercator.clone();
    scene.items.push(Item::Polyline {
        mercator,
        style: LineStyle { width: 3.5, color: [214, 39, 40, 255], dash: Dash::Solid },
    });
    scene
}

fn benches(c: &mut Criterion) {
    let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
    let ctx = egui::Context::default();
    gd_atlas::ui::fonts::install_fonts(&ctx);
    let env = Env {
        atlas: &atlas,
        geometry: &geometry,
        request: gd_atlas::scene::SceneRequest::of_layers(Layers::none()),
        ctx,
    };
    let mut time = 0.0;
    let mut tick = || {
        time += 1.0 / 60.0;
        time
    };

    let points = [drawn(points_1m(), 1)];
    let mut group = c.benchmark_group("frame_user_points_1m");
    group.sample_size(10);
    group.bench_function("aggregated", |b| b.iter(|| env.frame(tick(), || env.scene(&points))));
    group.bench_function("naive", |b| {
        b.iter(|| env.frame(tick(), || with_markers(env.scene(&[]), &points[0].layer.data)))
    });
    group.finish();

    let polygons = [drawn(polygons_100k(), 2)];
    let mut group = c.benchmark_group("frame_user_polygons_100k");
    group.sample_size(10);
    group.bench_function("culled", |b| b.iter(|| env.frame(tick(), || env.scene(&polygons))));
    group.bench_function("naive", |b| {
        b.iter(|| env.frame(tick(), || with_every_polygon(env.scene(&[]), &polygons[0])))
    });
    group.finish();

    let line = [drawn(line_1m_vertices(), 3)];
    let mut group = c.benchmark_group("frame_user_line_1m_vertices");
    group.sample_size(10);
    group.bench_function("lod", |b| b.iter(|| env.frame(tick(), || env.scene(&line))));
    group.bench_function("naive", |b| {
        b.iter(|| env.frame(tick(), || with_full_line(env.scene(&[]), &line[0].layer.data)))
    });
    group.finish();
}

criterion_group!(layer_frame_benches, benches);
criterion_main!(layer_frame_benches);
