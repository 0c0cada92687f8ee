//! Growth benchmarks (issue 13): each load or export at three or four input sizes, so
//! `BENCHMARKS.md` can show that the time grows near-linearly with the input.
//!
//! - `load_regions_10x/{1,2,4,10}`: `Atlas::load` of a copy of `data/` scaled k times: every town
//!   row copied k−1 times under new codes (names made unique, no shape: they only add rows,
//!   search entries and name-table keys), and the documents with their curated excerpts copied k−1
//!   times under new file names (so the excerpt linker reads k times the text). The issue
//!   measured a 50 MB `regions.csv` at 456 s, almost all in linking.
//! - `load_official_towns_20mb/{5,10,20}`: `Atlas::load_user_towns` of an official town file of
//!   about that many megabytes, made by densifying the atlas's own town polygons (every edge cut
//!   into equal pieces): parse, checks, topology and run-time simplification.
//! - `export_line_1e6_vertices/{250000,500000,1000000}`: a user line layer (one GeoJSON
//!   LineString, a random walk across the province) loaded, styled and exported as a 1920×1080
//!   PNG — what `gd-atlas export --layer line.geojson` does after the atlas is loaded.
//!
//!
//! Adversarial shapes (issue 21), each at 1×/2×/4×/10× of 100,000 vertices (10⁶ at 10×), as
//! one town of an official town file and as a user layer — the shapes whose segment boxes all
//! overlap (a star of long spikes, a comb, a spiral band), a zigzag line bouncing across its
//! box, and a plain wiggly ring:
//! - `adv_town_load/{star,comb,spiral,ring}/N`: `Atlas::load_user_towns` (parse, crossings,
//!   containment, offset, topology, run-time simplification);
//! - `adv_town_export/{…}/N`: that atlas exported as a 640×400 PNG zoomed on the town, towns on
//!   (level-of-detail cache built cold each time);
//! - `adv_layer_export/{star,comb,spiral,zigzag,ring}/N`: the shape as a user layer, loaded and
//!   exported as a 640×400 PNG zoomed on it;
//! - `adv_layer_frame/{…}/N`: a cold window frame of that layer at the same view (scene, the
//!   egui tessellation with the fills' triangulation);
//! - `adv_crossings_star/{sweep,rtree_naive}/N`: the crossing check alone on a star of long
//!   spikes in exact micro-degrees, against the R-tree of segment boxes it replaced (the naive
//!   baseline, quadratic on this shape: run to 200,000 vertices only, and only with
//!   `GD_ATLAS_BENCH_NAIVE=1` — 65 s a call at 100,000);
//! - `adv_layer_line_export/walk/N`: a user layer of one random-walk LineString across the
//!   province (as `export_line_1e6_vertices`) exported as a 1920×1080 PNG of the province;
//! - `adv_data_line_export/{thinned,naive}/N`: `data/lines.geojson` with its first line
//!   replaced by a random walk of N vertices, loaded and exported at 320×200 (`N` = 0: the
//!   unchanged data, the fixed part); `naive` strokes the full-detail line as before (to 200,000
//!   vertices only: 56 s at 10⁶; only with `GD_ATLAS_BENCH_NAIVE=1`).
//!
//! Exponents: `python3 tools/growth_exponents.py target/criterion` fits log t against log N.
//!
//! Inputs are generated in the temp folder on first use (seeded, never committed).
//! Run: `cargo bench --bench growth`.

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use gd_atlas::export::extent::mercator_of_lonlat_bbox;
use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{render, ExportRequest, Format};
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::layer::style::resolve;
use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Level};
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::user_layer::{DrawnLayer, UserLayer};
use gd_atlas::scene::view::View;
use gd_atlas::scene::SceneGeometry;
use gd_atlas::scene::{build_scene, Item, SceneInput};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("gd-atlas-bench-growth-{name}"))
}

fn read_rows(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    (header, reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect())
}

fn write_rows(path: &Path, header: &csv::StringRecord, rows: &[csv::StringRecord]) {
    let mut writer =
        csv::Writer::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    writer.write_record(header).unwrap_or_else(|e| panic!("{e}"));
    for r in rows {
        writer.write_record(r).unwrap_or_else(|e| panic!("{e}"));
    }
    writer.flush().unwrap_or_else(|e| panic!("{e}"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())).flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}

/// Town rows copied `factor − 1` times: code = the first six digits + a free three-digit suffix
/// (600 and up; the real ones stop at 570), names made unique, no shape, no aliases.
fn scaled_regions(rows: &[csv::StringRecord], factor: usize) -> Vec<csv::StringRecord> {
    let mut out = rows.to_vec();
    let mut next_suffix: std::collections::HashMap<String, usize> = Default::default();
    for copy in 1..factor {
        for r in rows.iter().filter(|r| &r[1] == "town") {
            let prefix = r[0][..6].to_string();
            let suffix = next_suffix.entry(prefix.clone()).or_insert(600);
            let code = format!("{prefix}{suffix:03}");
            *suffix += 1;
            let fields: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, v)| match i {
                    0 => code.clone(),
                    3 => format!("{v}{copy}号"),
                    4 => format!("{v} No{copy}"),
                    5 => format!("{v}{copy}"),
                    6 | 12 => String::new(),
                    8 => "none".into(),
                    _ => v.to_string(),
                })
                .collect();
            out.push(csv::StringRecord::from(fields));
        }
    }
    out
}

/// `data/` scaled `factor` times (see the module doc), written once.
fn scaled_data_dir(factor: usize) -> PathBuf {
    let root = temp(&format!("data-{factor}x"));
    let data = root.join("data");
    if data.join("regions.csv").is_file() {
        return data;
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&source, &data);
    let (header, rows) = read_rows(&source.join("regions.csv"));
    write_rows(&data.join("regions.csv"), &header, &scaled_regions(&rows, factor));
    let renamed = |file: &str, copy: usize| match file.split_once('_') {
        Some((stem, rest)) => format!("{stem}x{copy}_{rest}"),
        None => format!("x{copy}_{file}"),
    };
    let (doc_header, docs) = read_rows(&source.join("documents.csv"));
    let (ex_header, excerpts) = read_rows(&source.join("excerpts.csv"));
    let (mut all_docs, mut all_excerpts) = (docs.clone(), excerpts.clone());
    for copy in 1..factor {
        for d in &docs {
            let file = renamed(&d[0], copy);
            std::fs::copy(source.join("documents").join(&d[0]), data.join("documents").join(&file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            all_docs.push(csv::StringRecord::from(
                std::iter::once(file.as_str()).chain(d.iter().skip(1)).collect::<Vec<_>>(),
            ));
        }
        for e in &excerpts {
            let (id, file) = (format!("{}x{copy}", &e[0]), renamed(&e[2], copy));
            all_excerpts.push(csv::StringRecord::from(vec![
                id.as_str(),
                &e[1],
                file.as_str(),
                &e[3],
            ]));
        }
    }
    write_rows(&data.join("documents.csv"), &doc_header, &all_docs);
    write_rows(&data.join("excerpts.csv"), &ex_header, &all_excerpts);
    data
}

fn load_regions(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_regions_10x");
    group.sample_size(10);
    for factor in [1, 2, 4, 10] {
        let source = DataSource::Dir { data: scaled_data_dir(factor), assets: None };
        let atlas = Atlas::load(&source).unwrap_or_else(|e| panic!("{factor}x: {e}"));
        eprintln!(
            "load_regions_10x/{factor}: {} regions, {} documents, {} excerpts",
            atlas.regions.len(),
            atlas.documents.len(),
            atlas.excerpts.len()
        );
        group.bench_with_input(BenchmarkId::from_parameter(factor), &source, |b, source| {
            b.iter(|| Atlas::load(source).unwrap_or_else(|e| panic!("{e}")))
        });
    }
    group.finish();
}

/// A GeoJSON of every town with a shape, each edge cut into `pieces` equal parts.
fn towns_geojson(atlas: &Atlas, pieces: usize) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    let mut first_feature = true;
    for r in atlas.regions.iter().filter(|r| r.level == Level::Town) {
        let Some(shape) = r.shape else { continue };
        if !first_feature {
            out.push_str(",\n");
        }
        first_feature = false;
        let _ = write!(out, "{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{}\"}},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[", r.code);
        for (p, polygon) in atlas.topology.shapes[shape].polygons.iter().enumerate() {
            out.push_str(if p == 0 { "[" } else { ",[" });
            for (k, ring_refs) in polygon.iter().enumerate() {
                let mut ring = atlas.topology.ring_lonlat(ring_refs);
                ring.push(ring[0]);
                out.push_str(if k == 0 { "[" } else { ",[" });
                for (i, pair) in ring.windows(2).enumerate() {
                    for j in 0..pieces {
                        let t = j as f64 / pieces as f64;
                        let sep = if i == 0 && j == 0 { "" } else { "," };
                        let _ = write!(
                            out,
                            "{sep}[{:.7},{:.7}]",
                            pair[0][0] + (pair[1][0] - pair[0][0]) * t,
                            pair[0][1] + (pair[1][1] - pair[0][1]) * t
                        );
                    }
                }
                let _ = write!(out, ",[{:.7},{:.7}]]", ring[0][0], ring[0][1]);
            }
            out.push(']');
        }
        out.push_str("]}}");
    }
    out.push_str("\n]}\n");
    out
}

/// An official town file of about `megabytes`, written once.
fn towns_file(atlas: &Atlas, megabytes: usize) -> PathBuf {
    let path = temp(&format!("towns-{megabytes}mb.geojson"));
    if !std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        let one = towns_geojson(atlas, 1).len();
        let pieces = (megabytes * 1_000_000).div_ceil(one).max(1);
        std::fs::write(&path, towns_geojson(atlas, pieces))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    path
}

fn load_official_towns(c: &mut Criterion) {
    let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("load_official_towns_20mb");
    group.sample_size(10);
    for megabytes in [5, 10, 20] {
        let path = towns_file(&atlas, megabytes);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        eprintln!(
            "load_official_towns_20mb/{megabytes}: {} ({:.1} MB)",
            path.display(),
            size as f64 / 1e6
        );
        group.bench_with_input(BenchmarkId::from_parameter(megabytes), &path, |b, path| {
            b.iter_batched(
                || Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}")),
                |mut atlas| atlas.load_user_towns(path).unwrap_or_else(|e| panic!("{e}")),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// One LineString of `n` vertices: a seeded random walk drifting east across the province.
fn line_file(n: usize) -> PathBuf {
    let path = temp(&format!("line-{n}.geojson"));
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return path;
    }
    let mut state = 0x2545_F491_u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        f64::from(state) / f64::from(u32::MAX) - 0.5
    };
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"walk\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
    let (mut lon, mut lat) = (110.0, 23.0);
    for i in 0..n {
        lon += 6.5 / n as f64 + 0.0005 * next();
        lat = (lat + 0.0005 * next()).clamp(21.0, 25.0);
        let _ = write!(out, "{}[{lon:.6},{lat:.6}]", if i == 0 { "" } else { "," });
    }
    out.push_str("]}}]}\n");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn export_line(c: &mut Criterion) {
    let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
    let extent = province_extent(&atlas).unwrap_or_else(|| panic!("no province shape"));
    let mut group = c.benchmark_group("export_line_1e6_vertices");
    group.sample_size(10);
    for n in [250_000, 500_000, 1_000_000] {
        let spec = LayerSpec::new(line_file(n), Crs::Wgs84);
        group.bench_with_input(BenchmarkId::from_parameter(n), &spec, |b, spec| {
            b.iter(|| {
                let data =
                    load_layer(spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
                let style = resolve(&data, &spec.style);
                let mut request = ExportRequest::new([1920, 1080], extent);
                request.user_layers =
                    vec![DrawnLayer::new(Arc::new(UserLayer::new(1, data)), style)];
                render(&atlas, &geometry, &request, Format::Png).map(|(bytes, _)| bytes.len())
            })
        });
    }
    group.finish();
}

// ---------------------------------------------------------------- adversarial shapes (issue 21)

/// Vertex counts of the adversarial benches: 1×, 2×, 4× and 10× of 100,000.
const ADVERSARIAL_SIZES: [usize; 4] = [100_000, 200_000, 400_000, 1_000_000];
/// The town the shapes stand for (Shamian, Liwan): its seat, and a box around the shapes.
const TOWN_CODE: &str = "440103001";
const CENTRE: [f64; 2] = [113.242977, 23.109923];
const SHAPE_BOX: [f64; 4] = [113.218, 23.085, 113.268, 23.135];

#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `n/2` spikes 0.02° long from 0.0005° around the centre: every spike's box covers it.
    Star,
    /// `n/4` teeth 0.02° long on a 0.02°-wide spine.
    Comb,
    /// A band 0.0004° wide winding 20 times around the centre (`n/2` vertices per side).
    Spiral,
    /// A line of `n` vertices bouncing between two latitudes 0.02° apart.
    Zigzag,
    /// A circle of radius 0.02° with 37 waves, `n` vertices.
    Ring,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Star => "star",
            Shape::Comb => "comb",
            Shape::Spiral => "spiral",
            Shape::Zigzag => "zigzag",
            Shape::Ring => "ring",
        }
    }

    /// The shape's vertices (a ring, not closed; or the zigzag's line) for about `n` vertices.
    fn vertices(self, n: usize) -> Vec<[f64; 2]> {
        let [x0, y0] = CENTRE;
        let tau = std::f64::consts::TAU;
        match self {
            Shape::Star => {
                let spikes = n / 2;
                (0..2 * spikes)
                    .map(|k| {
                        let (a, r) = (
                            tau * k as f64 / (2 * spikes) as f64,
                            if k % 2 == 0 { 0.02 } else { 0.0005 },
                        );
                        [x0 + r * a.cos(), y0 + r * a.sin()]
                    })
                    .collect()
            }
            Shape::Comb => {
                let teeth = n / 4;
                let w = 0.02 / teeth as f64;
                let mut ring = Vec::with_capacity(4 * teeth + 3);
                for k in 0..teeth {
                    let x = x0 - 0.01 + k as f64 * w;
                    ring.extend([
                        [x, y0],
                        [x, y0 + 0.02],
                        [x + w / 2.0, y0 + 0.02],
                        [x + w / 2.0, y0],
                    ]);
                }
                ring.extend([[x0 + 0.01, y0], [x0 + 0.01, y0 - 0.002], [x0 - 0.01, y0 - 0.002]]);
                ring
            }
            Shape::Spiral => {
                let side = n / 2;
                let point = |k: usize, extra: f64| {
                    let (t, r) = (
                        20.0 * tau * k as f64 / side as f64,
                        0.001 + 0.019 * k as f64 / side as f64 + extra,
                    );
                    [x0 + r * t.cos(), y0 + r * t.sin()]
                };
                (0..side)
                    .map(|k| point(k, 0.0004))
                    .chain((0..side).rev().map(|k| point(k, 0.0)))
                    .collect()
            }
            Shape::Zigzag => (0..n)
                .map(|k| {
                    [
                        x0 - 0.01 + 0.02 * k as f64 / n as f64,
                        y0 + if k % 2 == 1 { 0.02 } else { 0.0 },
                    ]
                })
                .collect(),
            Shape::Ring => (0..n)
                .map(|k| {
                    let a = tau * k as f64 / n as f64;
                    let r = 0.02 + 0.001 * (37.0 * a).sin();
                    [x0 + r * a.cos(), y0 + r * a.sin()]
                })
                .collect(),
        }
    }

    /// A one-feature GeoJSON file of the shape (7 decimals, like the files the issue used),
    /// written once.
    fn file(self, n: usize) -> PathBuf {
        let path = temp(&format!("adv-{}-{n}.geojson", self.name()));
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
            return path;
        }
        let mut vertices = self.vertices(n);
        let (kind, open, close) = match self {
            Shape::Zigzag => ("LineString", "[", "]"),
            _ => {
                vertices.push(vertices[0]);
                ("Polygon", "[[", "]]")
            }
        };
        let mut out = format!("{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{TOWN_CODE}\"}},\"geometry\":{{\"type\":\"{kind}\",\"coordinates\":{open}");
        for (i, p) in vertices.iter().enumerate() {
            let _ = write!(out, "{}[{:.7},{:.7}]", if i == 0 { "" } else { "," }, p[0], p[1]);
        }
        let _ = writeln!(out, "{close}}}}}]}}");
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }
}

const TOWN_SHAPES: [Shape; 4] = [Shape::Star, Shape::Comb, Shape::Spiral, Shape::Ring];
const LAYER_SHAPES: [Shape; 5] =
    [Shape::Star, Shape::Comb, Shape::Spiral, Shape::Zigzag, Shape::Ring];

fn embedded_atlas() -> Atlas {
    Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

/// A 640×400 PNG zoomed on the shapes' box, towns drawn.
fn zoomed_request() -> ExportRequest {
    let mut request = ExportRequest::new([640, 400], mercator_of_lonlat_bbox(SHAPE_BOX));
    request.scene.layers.towns = true;
    request
}

fn adversarial_towns(c: &mut Criterion) {
    let mut group = c.benchmark_group("adv_town_load");
    group.sample_size(10);
    for shape in TOWN_SHAPES {
        for n in ADVERSARIAL_SIZES {
            let path = shape.file(n);
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &path, |b, path| {
                b.iter_batched(
                    embedded_atlas,
                    |mut atlas| atlas.load_user_towns(path).unwrap_or_else(|e| panic!("{e}")),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
    let mut group = c.benchmark_group("adv_town_export");
    group.sample_size(10);
    for shape in TOWN_SHAPES {
        for n in ADVERSARIAL_SIZES {
            let mut atlas = embedded_atlas();
            atlas.load_user_towns(&shape.file(n)).unwrap_or_else(|e| panic!("{e}"));
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &atlas, |b, atlas| {
                b.iter_batched(
                    || SceneGeometry::new(atlas, Basemap::load(&atlas.source)),
                    |geometry| {
                        render(atlas, &geometry, &zoomed_request(), Format::Png)
                            .map(|(bytes, _)| bytes.len())
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

fn adversarial_layers(c: &mut Criterion) {
    let atlas = embedded_atlas();
    let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
    let mut group = c.benchmark_group("adv_layer_export");
    group.sample_size(10);
    for shape in LAYER_SHAPES {
        for n in ADVERSARIAL_SIZES {
            let spec = LayerSpec::new(shape.file(n), Crs::Wgs84);
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &spec, |b, spec| {
                b.iter(|| {
                    let data = load_layer(spec, &LoadProgress::default())
                        .unwrap_or_else(|e| panic!("{e}"));
                    let style = resolve(&data, &spec.style);
                    let mut request = zoomed_request();
                    request.user_layers =
                        vec![DrawnLayer::new(Arc::new(UserLayer::new(1, data)), style)];
                    render(&atlas, &geometry, &request, Format::Png).map(|(bytes, _)| bytes.len())
                })
            });
        }
    }
    group.finish();
    let ctx = egui::Context::default();
    gd_atlas::ui::fonts::install_fonts(&ctx);
    let layers = Layers::default();
    let rect = [0.0, 0.0, 1600.0, 1000.0];
    let view = View::fit(mercator_of_lonlat_bbox(SHAPE_BOX), rect, 0.04);
    let mut time = 0.0;
    let mut group = c.benchmark_group("adv_layer_frame");
    group.sample_size(10);
    for shape in LAYER_SHAPES {
        for n in ADVERSARIAL_SIZES {
            let spec = LayerSpec::new(shape.file(n), Crs::Wgs84);
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &spec, |b, spec| {
                b.iter_batched(
                    // A fresh level-of-detail cache: the frame that first shows the layer.
                    || {
                        let data = load_layer(spec, &LoadProgress::default())
                            .unwrap_or_else(|e| panic!("{e}"));
                        let style = resolve(&data, &spec.style);
                        [DrawnLayer::new(Arc::new(UserLayer::new(1, data)), style)]
                    },
                    |drawn| {
                        time += 1.0 / 60.0;
                        let input = egui::RawInput {
                            screen_rect: Some(egui::Rect::from_min_max(
                                egui::Pos2::ZERO,
                                egui::pos2(rect[2], rect[3]),
                            )),
                            time: Some(time),
                            ..Default::default()
                        };
                        let mut out = ctx.run_ui(input, |ui| {
                            let scene = build_scene(&SceneInput {
                                user_layers: &drawn,
                                ..SceneInput::new(
                                    &atlas,
                                    &geometry,
                                    view,
                                    &gd_atlas::scene::SceneRequest::of_layers(layers.clone()),
                                )
                            });
                            let painted = gd_atlas::map::paint::paint_scene(
                                ui.painter(),
                                &atlas,
                                &geometry,
                                scene,
                            );
                            gd_atlas::map::paint::draw(ui.painter(), &painted, &view, &[], &[]);
                        });
                        // No GPU here: the font atlas is not uploaded.
                        out.textures_delta.clear();
                        ctx.tessellate(out.shapes, out.pixels_per_point).len()
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

/// A star of `n/2` long spikes in exact micro-degrees (9.5° long, from 0.5° around the centre),
/// no two spikes crossing: the crossing check's worst case for boxes.
fn exact_star(n: usize) -> Vec<Vec<[f64; 2]>> {
    let spikes = n / 2;
    let mut ring: Vec<[f64; 2]> = (0..2 * spikes)
        .map(|k| {
            let (a, r) = (
                std::f64::consts::TAU * k as f64 / (2 * spikes) as f64,
                if k % 2 == 0 { 10.0 } else { 0.5 },
            );
            [((r * a.cos()) * 1e6).round() * 1e-6, ((r * a.sin()) * 1e6).round() * 1e-6]
        })
        .collect();
    ring.push(ring[0]);
    vec![ring]
}

/// The crossing check this issue replaced: every segment's box in an R-tree, each segment
/// tested against the boxes that meet its own (all of them, on a star).
fn rtree_crossing(polygon: &[Vec<[f64; 2]>]) -> bool {
    use rstar::primitives::{GeomWithData, Rectangle};
    use rstar::{RTree, RTreeObject};
    let e6 = |p: [f64; 2]| [(p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64];
    let orient = |a: [i64; 2], b: [i64; 2], c: [i64; 2]| {
        ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).signum()
    };
    let mut segments = Vec::new();
    for ring in polygon {
        for pair in ring.windows(2) {
            let (a, b) = (e6(pair[0]), e6(pair[1]));
            if a != b {
                segments.push(GeomWithData::new(Rectangle::from_corners(a, b), (a, b)));
            }
        }
    }
    let tree = RTree::bulk_load(segments);
    let found = tree.iter().any(|s| {
        let (a, b) = s.data;
        tree.locate_in_envelope_intersecting(&s.envelope()).any(|o| {
            let (c, d) = o.data;
            (a, b) < (c, d)
                && orient(a, b, c) * orient(a, b, d) < 0
                && orient(c, d, a) * orient(c, d, b) < 0
        })
    });
    found
}

/// The quadratic baselines (`rtree_naive`, `naive`) only with `GD_ATLAS_BENCH_NAIVE=1`: on the
/// 2-core machine one `rtree_naive` call at 100,000 vertices takes 65 s, ten samples 11 minutes.
fn naive_baselines() -> bool {
    std::env::var_os("GD_ATLAS_BENCH_NAIVE").is_some()
}

fn adversarial_crossings(c: &mut Criterion) {
    let mut group = c.benchmark_group("adv_crossings_star");
    group.sample_size(10);
    for n in ADVERSARIAL_SIZES {
        let star = exact_star(n);
        assert!(gd_atlas::model::town_checks::ring_crossing(&star).is_none());
        group.bench_with_input(BenchmarkId::new("sweep", n), &star, |b, star| {
            b.iter(|| gd_atlas::model::town_checks::ring_crossing(star))
        });
        if n <= 200_000 && naive_baselines() {
            assert!(!rtree_crossing(&star), "the baseline finds no crossing either");
            group.bench_with_input(BenchmarkId::new("rtree_naive", n), &star, |b, star| {
                b.iter(|| rtree_crossing(star))
            });
        }
    }
    group.finish();
}

/// A user layer of one random-walk LineString across the province (`line_file`) at 1×/2×/4×/10×
/// sizes, loaded, styled and exported as a 1920×1080 PNG of the province: the 10⁶-vertex user
/// line of issue 21 on the same sizes as the other adversarial shapes.
fn adversarial_layer_line(c: &mut Criterion) {
    let atlas = embedded_atlas();
    let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
    let extent = province_extent(&atlas).unwrap_or_else(|| panic!("no province shape"));
    let mut group = c.benchmark_group("adv_layer_line_export");
    group.sample_size(10);
    for n in ADVERSARIAL_SIZES {
        let spec = LayerSpec::new(line_file(n), Crs::Wgs84);
        group.bench_with_input(BenchmarkId::new("walk", n), &spec, |b, spec| {
            b.iter(|| {
                let data =
                    load_layer(spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
                let style = resolve(&data, &spec.style);
                let mut request = ExportRequest::new([1920, 1080], extent);
                request.user_layers =
                    vec![DrawnLayer::new(Arc::new(UserLayer::new(1, data)), style)];
                render(&atlas, &geometry, &request, Format::Png).map(|(bytes, _)| bytes.len())
            })
        });
    }
    group.finish();
}

/// `data/` with its first line replaced by a random walk of `n` vertices across the province
/// (`n` = 0: unchanged), written once.
fn data_with_line(n: usize) -> PathBuf {
    let root = temp(&format!("data-line-{n}"));
    let data = root.join("data");
    if data.join("regions.csv").is_file() {
        return data;
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&source, &data);
    if n > 0 {
        let text =
            std::fs::read_to_string(source.join("lines.geojson")).unwrap_or_else(|e| panic!("{e}"));
        let mut lines: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let walk = std::fs::read_to_string(line_file(n)).unwrap_or_else(|e| panic!("{e}"));
        let walk: serde_json::Value = serde_json::from_str(&walk).unwrap_or_else(|e| panic!("{e}"));
        lines["features"][0]["geometry"]["coordinates"] =
            walk["features"][0]["geometry"]["coordinates"].clone();
        std::fs::write(data.join("lines.geojson"), lines.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    data
}

fn adversarial_data_line(c: &mut Criterion) {
    let mut group = c.benchmark_group("adv_data_line_export");
    group.sample_size(10);
    let export = |source: &DataSource, naive: bool| {
        let atlas = Atlas::load(source).unwrap_or_else(|e| panic!("{e}"));
        let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
        let extent = province_extent(&atlas).unwrap_or_else(|| panic!("no province shape"));
        let request = ExportRequest::new([320, 200], extent);
        let mut composition = gd_atlas::export::compose(&atlas, &geometry, &request)
            .unwrap_or_else(|e| panic!("{e}"));
        if naive {
            // The full-detail line in each of its styles, as the scene drew it before.
            let full: Vec<[f64; 2]> =
                atlas.lines[0].lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
            let styles: Vec<_> = composition
                .scene
                .items
                .iter()
                .filter_map(
                    |i| if let Item::Polyline { style, .. } = i { Some(*style) } else { None },
                )
                .collect();
            composition.scene.items.retain(|i| !matches!(i, Item::Polyline { .. }));
            composition.scene.items.extend(
                styles.into_iter().map(|style| Item::Polyline { mercator: full.clone(), style }),
            );
        }
        let pixmap = gd_atlas::export::render_pixmap(&atlas, &geometry, &composition)
            .unwrap_or_else(|e| panic!("{e}"));
        gd_atlas::render::png::encode_png(&pixmap).map(|bytes| bytes.len())
    };
    for n in std::iter::once(0).chain(ADVERSARIAL_SIZES) {
        let source = DataSource::Dir { data: data_with_line(n), assets: None };
        group.bench_with_input(BenchmarkId::new("thinned", n), &source, |b, source| {
            b.iter(|| export(source, false))
        });
        if n <= 200_000 && naive_baselines() {
            group.bench_with_input(BenchmarkId::new("naive", n), &source, |b, source| {
                b.iter(|| export(source, true))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, load_regions, load_official_towns, export_line);
criterion_group!(
    adversarial,
    adversarial_crossings,
    adversarial_towns,
    adversarial_layers,
    adversarial_layer_line,
    adversarial_data_line
);
criterion_main!(benches, adversarial);
