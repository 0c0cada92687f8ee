//! Where the time of `gd-atlas export --preset 4k --layers cities,counties --out x.png` goes,
//! phase by phase (issue 21): the same calls as the command, each timed, medians of N runs.
//!
//! Run: `cargo run --release --example export_phases -- [N]` (default 15).

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{compose, render_pixmap, ExportRequest};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::SceneGeometry;

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    // `raster`: only rasterise, `runs` times (for a profiler).
    if std::env::args().nth(2).as_deref() == Some("raster") {
        let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
        let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
        let mut request = ExportRequest::new(
            [3840, 2160],
            province_extent(&atlas).unwrap_or_else(|| panic!("no province")),
        );
        request.scene.layers =
            Layers::parse_list("cities,counties").unwrap_or_else(|e| panic!("{e}"));
        let composition = compose(&atlas, &geometry, &request).unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..runs {
            std::hint::black_box(
                render_pixmap(&atlas, &geometry, &composition).unwrap_or_else(|e| panic!("{e}")),
            );
        }
        return;
    }
    let names = [
        "atlas load",
        "basemap load",
        "scene geometry",
        "compose (scene, labels)",
        "rasterise",
        "encode PNG",
        "total",
        "(encode, zlib default)",
    ];
    let mut sizes = [0usize; 2];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for _ in 0..runs {
        let mut lap = Instant::now();
        let mut split = |i: usize, times: &mut Vec<Vec<f64>>| {
            times[i].push(lap.elapsed().as_secs_f64() * 1e3);
            lap = Instant::now();
        };
        let start = Instant::now();
        let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
        split(0, &mut times);
        let basemap = Basemap::load(&atlas.source);
        split(1, &mut times);
        let geometry = SceneGeometry::new(&atlas, basemap);
        split(2, &mut times);
        let mut request = ExportRequest::new(
            [3840, 2160],
            province_extent(&atlas).unwrap_or_else(|| panic!("no province")),
        );
        request.scene.layers =
            Layers::parse_list("cities,counties").unwrap_or_else(|e| panic!("{e}"));
        let composition = compose(&atlas, &geometry, &request).unwrap_or_else(|e| panic!("{e}"));
        split(3, &mut times);
        let pixmap =
            render_pixmap(&atlas, &geometry, &composition).unwrap_or_else(|e| panic!("{e}"));
        split(4, &mut times);
        let bytes = gd_atlas::render::png::encode_png(&pixmap).unwrap_or_else(|e| panic!("{e}"));
        split(5, &mut times);
        times[6].push(start.elapsed().as_secs_f64() * 1e3);
        // zlib's default level (not the `png` crate's default, which is fdeflate), for
        // comparison; not part of the total.
        let lap = Instant::now();
        let before = encode_default_level(&pixmap);
        times[7].push(lap.elapsed().as_secs_f64() * 1e3);
        sizes = [bytes.len(), before.len()];
    }
    for (name, mut t) in names.iter().zip(times) {
        t.sort_by(f64::total_cmp);
        println!("{name:>26}: median {:7.1} ms   min {:7.1} ms", t[t.len() / 2], t[0]);
    }
    println!(
        "PNG size: {:.2} MB (fdeflate, as exported), {:.2} MB (zlib level 6)",
        sizes[0] as f64 / 1e6,
        sizes[1] as f64 / 1e6
    );
}

/// The opaque figure encoded at zlib's default level (6).
fn encode_default_level(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Default);
    let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
    writer.write_image_data(pixmap.data()).unwrap_or_else(|e| panic!("{e}"));
    writer.finish().unwrap_or_else(|e| panic!("{e}"));
    out
}
