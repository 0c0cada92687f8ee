//! `export_4k` (issue 4/5): a 3840×2160 PNG of the whole province with every town drawn,
//! rendered and encoded, next to a naive baseline in the same run (every outline at full detail,
//! `MAX_LOD`, instead of the level of detail for the device pixels).
//!
//! Run: `cargo bench --bench export`. Meshes are cached per level of detail as in the app, so
//! the first render (printed before the measurements) pays for building them once.

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{compose, render, render_pixmap, ExportRequest, Format};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::lod_cache::MAX_LOD;
use gd_atlas::scene::SceneGeometry;

fn export_4k(c: &mut Criterion) {
    let atlas = Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
    let extent = province_extent(&atlas).unwrap_or_else(|| panic!("no province shape"));
    let mut request = ExportRequest::new([3840, 2160], extent);
    request.scene.layers.towns = true; // forced at every zoom by the exporter
    request.furniture.title = "广东省 Guangdong".into();

    let t0 = Instant::now();
    let (png, composition) =
        render(&atlas, &geometry, &request, Format::Png).unwrap_or_else(|e| panic!("{e}"));
    assert!(composition.scene.towns_drawn, "the benchmark must draw the towns");
    eprintln!(
        "export_4k: first (cold) render {:.0} ms, {} bytes, level of detail {}, {} scene items",
        t0.elapsed().as_secs_f64() * 1e3,
        png.len(),
        composition.scene.lod,
        composition.scene.items.len()
    );

    let mut group = c.benchmark_group("export_4k");
    group.sample_size(10);
    group.bench_function("lod", |b| {
        b.iter(|| render(&atlas, &geometry, &request, Format::Png).map(|r| r.0.len()))
    });
    group.bench_function("naive", |b| {
        b.iter(|| {
            let mut composition =
                compose(&atlas, &geometry, &request).unwrap_or_else(|e| panic!("{e}"));
            composition.scene.lod = MAX_LOD;
            render_pixmap(&atlas, &geometry, &composition).map(|p| p.encode_png().map(|b| b.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, export_4k);
criterion_main!(benches);
