//! Loading a planner's point layer (issue 10), next to a naive baseline in the same run:
//!
//! - `load_user_points_1m/streaming`: `load_layer` on a generated 1,000,000-row CSV (lon, lat,
//!   name, category, value; ≈ 45 MB): rows streamed from the file into column arenas, points into
//!   mercator, the picking R-tree bulk-loaded. The target is ≤ 3 s.
//! - `load_user_points_1m/naive`: the same file read with the `csv` crate into
//!   `Vec<Vec<String>>` (one `StringRecord` per row, one `String` per cell), then the points built
//!   from it, no checks and no index: what a first version would do.
//! - `load_user_geojson_100k/streaming`: `load_layer` on a generated GeoJSON of 100,000 features
//!   (≈ 30 MB): a small polygon each (left open every other time, one vertex written twice every
//!   third: the decoder's repairs), with a name, a category and a value — the one GeoJSON
//!   decoder (`geo::geojson`) under its rules, properties into column arenas, rings into the
//!   layer's topology.
//!
//! The files are written once to the temp folder. Run: `cargo bench --bench layer_load`.

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};

const ROWS: usize = 1_000_000;
const CATEGORIES: [&str; 6] = ["制造业", "物流", "批发零售", "科技", "建筑", "其他"];

/// A 1M-row point table spread over Guangdong, written once.
fn points_csv() -> PathBuf {
    let path = std::env::temp_dir().join(format!("gd-atlas-bench-points-{ROWS}.csv"));
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return path;
    }
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = std::io::BufWriter::new(file);
    let _ = writeln!(out, "lon,lat,name,category,value");
    let mut state = 0x9E37_79B9_u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        f64::from(state) / f64::from(u32::MAX)
    };
    for i in 0..ROWS {
        let (lon, lat) = (109.7 + next() * 7.4, 20.2 + next() * 5.3);
        let value = (next() * 10_000.0).round() / 10.0;
        let _ =
            writeln!(out, "{lon:.6},{lat:.6},企业{i},{},{value}", CATEGORIES[i % CATEGORIES.len()]);
    }
    out.flush().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

/// The baseline: every row a `Vec<String>`, then points.
fn naive_load(path: &Path) -> (Vec<[f64; 2]>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<Vec<String>> = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    let points = rows
        .iter()
        .filter_map(|r| {
            Some(mercator_from_lonlat([r.first()?.parse().ok()?, r.get(1)?.parse().ok()?]))
        })
        .collect();
    (points, rows)
}

const FEATURES: usize = 100_000;

/// 100,000 small polygons over Guangdong with three properties each, written once.
fn polygons_geojson() -> PathBuf {
    let path = std::env::temp_dir().join(format!("gd-atlas-bench-polygons-{FEATURES}.geojson"));
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return path;
    }
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = std::io::BufWriter::new(file);
    let _ = write!(out, "{{\"type\":\"FeatureCollection\",\"features\":[");
    let mut state = 0x2545_F491_u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        f64::from(state) / f64::from(u32::MAX)
    };
    for i in 0..FEATURES {
        let (lon, lat, r) = (109.7 + next() * 7.4, 20.2 + next() * 5.3, 0.001 + next() * 0.01);
        let mut ring: Vec<String> = (0..8)
            .map(|k| {
                let a = std::f64::consts::TAU * k as f64 / 8.0;
                format!("[{:.6},{:.6}]", lon + r * a.cos(), lat + r * a.sin())
            })
            .collect();
        if i % 3 == 0 {
            ring.insert(1, ring[1].clone());
        }
        if i % 2 == 0 {
            ring.push(ring[0].clone());
        }
        let category = CATEGORIES[i % CATEGORIES.len()];
        let value = (next() * 10_000.0).round() / 10.0;
        let _ = write!(
            out,
            "{}\n{{\"type\":\"Feature\",\"properties\":{{\"name\":\"地块{i}\",\"category\":\"{category}\",\"value\":{value}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{}]]}}}}",
            if i == 0 { "" } else { "," },
            ring.join(",")
        );
    }
    let _ = writeln!(out, "\n]}}");
    out.flush().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn load_user_geojson_100k(c: &mut Criterion) {
    let spec = LayerSpec::new(polygons_geojson(), Crs::Wgs84);
    let mut group = c.benchmark_group("load_user_geojson_100k");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("streaming", |b| {
        b.iter(|| {
            let data =
                load_layer(&spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((data.feature_count(), data.skipped), (FEATURES, 0));
            data
        })
    });
    group.finish();
}

fn load_user_points_1m(c: &mut Criterion) {
    let path = points_csv();
    let spec = LayerSpec::new(path.clone(), Crs::Wgs84);
    let mut group = c.benchmark_group("load_user_points_1m");
    group.sample_size(10).measurement_time(Duration::from_secs(40));
    group.bench_function("streaming", |b| {
        b.iter(|| {
            let data =
                load_layer(&spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(data.points.len(), ROWS);
            data
        })
    });
    group.bench_function("naive", |b| b.iter(|| naive_load(&path)));
    group.finish();
}

criterion_group!(benches, load_user_points_1m, load_user_geojson_100k);
criterion_main!(benches);
