//! CPU time of the GeoJSON loads (issue 20 item 5, the one decoder), for before/after comparisons
//! on a shared machine: each load is timed by the CPU time of its thread
//! (`/proc/thread-self/schedstat`), which other processes' load inflates far less than wall time.
//! Prints the minimum and the median of N runs per load. Only public calls that every version
//! since issue 21 has (`load_layer`, `Atlas::load_user_towns`), so the same file builds on an
//! older commit for the "before".
//!
//! Inputs: the files `cargo bench --bench growth` and `--bench layer_load` write to the temp
//! folder (a load whose file is missing is left out).
//!
//! Run: `cargo run --release --example geojson_cpu -- [N]` (default 7).

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};

use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;

/// CPU time of this thread so far, nanoseconds (Linux).
fn thread_cpu_ns() -> u64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    text.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Minimum and median of `runs` timings of `f` (each after `setup`, which is not timed), in ms.
fn measure<S>(runs: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let state = setup();
            let start = thread_cpu_ns();
            f(state);
            (thread_cpu_ns() - start) as f64 / 1e6
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[0], ms[ms.len() / 2])
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(name)
}

fn layer(runs: usize, label: &str, path: &Path) {
    let spec = LayerSpec::new(path.to_path_buf(), Crs::Wgs84);
    let (min, median) = measure(
        runs,
        || (),
        |()| {
            let data =
                load_layer(&spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box(data);
        },
    );
    println!("{label:<34} min {min:>9.1} ms   median {median:>9.1} ms");
}

fn towns(runs: usize, label: &str, path: &Path) {
    let (min, median) = measure(
        runs,
        || Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}")),
        |mut atlas| {
            let loaded = atlas.load_user_towns(path).unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box((loaded.replaced, atlas));
        },
    );
    println!("{label:<34} min {min:>9.1} ms   median {median:>9.1} ms");
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    let layers = [
        ("layer: 100k polygons + properties", "gd-atlas-bench-polygons-100000.geojson"),
        ("layer: one line of 10^6 vertices", "gd-atlas-bench-growth-line-1000000.geojson"),
        ("layer: star of 10^6 vertices", "gd-atlas-bench-growth-adv-star-1000000.geojson"),
    ];
    for (label, name) in layers {
        let path = temp(name);
        if path.is_file() {
            layer(runs, label, &path);
        }
    }
    let town_files = [
        ("towns: 20 MB official file", "gd-atlas-bench-growth-towns-20mb.geojson"),
        ("towns: star of 10^5 vertices", "gd-atlas-bench-growth-adv-star-100000.geojson"),
    ];
    for (label, name) in town_files {
        let path = temp(name);
        if path.is_file() {
            towns(runs, label, &path);
        }
    }
}
