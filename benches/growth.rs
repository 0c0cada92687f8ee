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
//! Inputs are generated in the temp folder on first use (seeded, never committed).
//! Run: `cargo bench --bench growth`.

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{render, ExportRequest, Format};
use gd_atlas::layer::style::resolve;
use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Level};
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::user_layer::{DrawnLayer, UserLayer};
use gd_atlas::scene::SceneGeometry;

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("gd-atlas-bench-growth-{name}"))
}

fn read_rows(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    (header, reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect())
}

fn write_rows(path: &Path, header: &csv::StringRecord, rows: &[csv::StringRecord]) {
    let mut writer = csv::Writer::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    writer.write_record(header).unwrap_or_else(|e| panic!("{e}"));
    for r in rows {
        writer.write_record(r).unwrap_or_else(|e| panic!("{e}"));
    }
    writer.flush().unwrap_or_else(|e| panic!("{e}"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())).flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
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
            std::fs::copy(source.join("documents").join(&d[0]), data.join("documents").join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            all_docs.push(csv::StringRecord::from(std::iter::once(file.as_str()).chain(d.iter().skip(1)).collect::<Vec<_>>()));
        }
        for e in &excerpts {
            let (id, file) = (format!("{}x{copy}", &e[0]), renamed(&e[2], copy));
            all_excerpts.push(csv::StringRecord::from(vec![id.as_str(), &e[1], file.as_str(), &e[3]]));
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
        eprintln!("load_regions_10x/{factor}: {} regions, {} documents, {} excerpts", atlas.regions.len(), atlas.documents.len(), atlas.excerpts.len());
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
                        let _ = write!(out, "{sep}[{:.7},{:.7}]", pair[0][0] + (pair[1][0] - pair[0][0]) * t, pair[0][1] + (pair[1][1] - pair[0][1]) * t);
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
        std::fs::write(&path, towns_geojson(atlas, pieces)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
        eprintln!("load_official_towns_20mb/{megabytes}: {} ({:.1} MB)", path.display(), size as f64 / 1e6);
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
                let data = load_layer(spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
                let style = resolve(&data, &spec.style);
                let mut request = ExportRequest::new([1920, 1080], extent);
                request.user_layers = vec![DrawnLayer::new(Arc::new(UserLayer::new(1, data)), style)];
                render(&atlas, &geometry, &request, Format::Png).map(|(bytes, _)| bytes.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load_regions, load_official_towns, export_line);
criterion_main!(benches);
