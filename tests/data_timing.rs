//! Load and pick timings, printed (no timing asserts). Run with
//! `cargo test --release --test data_timing -- --ignored --nocapture`.

use crate::data_common as common;

use std::time::Instant;

use gd_atlas::model::{Atlas, DataSource, Level};

#[test]
#[ignore = "measurement, not a check"]
fn measure_load_and_pick() {
    for (name, source) in
        [("files", common::committed_source()), ("embedded", DataSource::Embedded)]
    {
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let t = Instant::now();
            let atlas = Atlas::load(&source).expect("loads");
            best = best.min(t.elapsed().as_secs_f64());
            std::hint::black_box(&atlas);
        }
        println!("load ({name}): best of 5 = {:.1} ms", best * 1e3);
    }
    let atlas = common::atlas();
    // Query points: every town seat (realistic cursor positions over land) plus the same
    // points shifted half a degree south (mostly sea).
    let points: Vec<[f64; 2]> = atlas
        .regions
        .iter()
        .filter_map(|r| r.seat_lonlat)
        .flat_map(|p| [p, [p[0], p[1] - 0.5]])
        .collect();
    for level in [Level::Town, Level::County] {
        let t = Instant::now();
        let mut hits = 0;
        for _ in 0..5 {
            for &p in &points {
                hits += usize::from(atlas.region_at(p, level).is_some());
            }
        }
        let per = t.elapsed().as_secs_f64() / (5 * points.len()) as f64;
        println!(
            "region_at({level:?}): {:.2} µs per query over {} points ({} hits)",
            per * 1e6,
            points.len(),
            hits / 5
        );
    }
    let t = Instant::now();
    for &p in &points {
        std::hint::black_box(atlas.at(p));
    }
    println!(
        "at (4 levels): {:.2} µs per query",
        t.elapsed().as_secs_f64() / points.len() as f64 * 1e6
    );
}
