//! Property test (proptest): the approximate town areas of a county — Voronoi cells of random
//! town seats clipped to a random county and rounded to micro-degrees (`cells::county_cells`) —
//! tile the county: their areas add up to the county's, and every sample point of the county lies
//! in exactly one cell, the cell of its nearest seat on the map.
//!
//! Runs with `cargo test -p gd-atlas-build` (not in CI's plain `cargo test`, like the rest of
//! the asset build).

use std::f64::consts::TAU;

use gd_atlas_build::cells::county_cells;
use gd_atlas_build::topo::PolygonE6;
use gd_atlas_core::geo::mercator::mercator_from_lonlat;
use gd_atlas_core::geo::pip::point_in_polygon;
use proptest::prelude::*;

const CENTER: [f64; 2] = [113.0, 23.0];

/// A county (one closed ring) of 8–40 vertices at angles `(i + jitter) / n` of a turn (jitter
/// < 0.5, so the ring is simple, and consecutive vertices are under 68° apart) with radii in
/// 0.15–0.4°: it contains the disc of radius 0.15 · cos(34°) ≈ 0.124° around the centre.
fn county() -> impl Strategy<Value = Vec<[f64; 2]>> {
    prop::collection::vec((0.0..0.5f64, 0.15..0.4f64), 8..40).prop_map(|steps| {
        let n = steps.len() as f64;
        let mut ring: Vec<[f64; 2]> = steps
            .iter()
            .enumerate()
            .map(|(i, &(jitter, r))| {
                let angle = (i as f64 + jitter) / n * TAU;
                [CENTER[0] + r * angle.cos(), CENTER[1] + r * angle.sin()]
            })
            .collect();
        ring.push(ring[0]);
        ring
    })
}

/// Seats within 0.12° of the centre (inside any county above), at least 0.005° apart.
fn seats() -> impl Strategy<Value = Vec<[f64; 2]>> {
    prop::collection::vec((0.0..TAU, 0.0..0.12f64), 1..25).prop_map(|polar| {
        let mut out: Vec<[f64; 2]> = Vec::new();
        for (a, r) in polar {
            let p = [CENTER[0] + r * a.cos(), CENTER[1] + r * a.sin()];
            if out.iter().all(|q| (q[0] - p[0]).hypot(q[1] - p[1]) > 0.005) {
                out.push(p);
            }
        }
        out
    })
}

fn ring_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    ((0..n)
        .map(|i| ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1])
        .sum::<f64>()
        / 2.0)
        .abs()
}

/// A cell part in degrees: open rings, exterior first.
fn degrees(polygon: &PolygonE6) -> Vec<Vec<[f64; 2]>> {
    polygon
        .iter()
        .map(|r| r.iter().map(|p| [p[0] as f64 * 1e-6, p[1] as f64 * 1e-6]).collect())
        .collect()
}

fn polygon_area(rings: &[Vec<[f64; 2]>]) -> f64 {
    ring_area(&rings[0]) - rings[1..].iter().map(|h| ring_area(h)).sum::<f64>()
}

fn near_any_edge(p: [f64; 2], rings: &[Vec<[f64; 2]>], eps: f64) -> bool {
    rings.iter().any(|r| {
        (0..r.len()).any(|i| {
            let (a, b) = (r[i], r[(i + 1) % r.len()]);
            let d = [b[0] - a[0], b[1] - a[1]];
            let len2 = d[0] * d[0] + d[1] * d[1];
            let t = if len2 == 0.0 {
                0.0
            } else {
                (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
            };
            (p[0] - a[0] - t * d[0]).hypot(p[1] - a[1] - t * d[1]) < eps
        })
    })
}

/// Seat indices by mercator distance from `p`: (nearest, its distance, the runner-up distance).
fn nearest_seat(p: [f64; 2], seats: &[[f64; 2]]) -> (usize, f64, f64) {
    let m = mercator_from_lonlat(p);
    let mut d: Vec<(f64, usize)> = seats
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let q = mercator_from_lonlat(s);
            ((q[0] - m[0]).hypot(q[1] - m[1]), i)
        })
        .collect();
    d.sort_by(|a, b| a.0.total_cmp(&b.0));
    (d[0].1, d[0].0, d.get(1).map_or(f64::INFINITY, |x| x.0))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn voronoi_cells_tile_their_county(
        county in county(),
        seats in seats(),
        samples in prop::collection::vec((-0.45..0.45f64, -0.45..0.45f64), 200),
    ) {
        let cells = county_cells(&vec![vec![county.clone()]], &seats);
        prop_assert_eq!(cells.len(), seats.len());
        let cells_deg: Vec<Vec<Vec<Vec<[f64; 2]>>>> = cells.iter().map(|parts| parts.iter().map(degrees).collect()).collect();
        for (i, parts) in cells_deg.iter().enumerate() {
            prop_assert!(!parts.is_empty(), "seat {} inside the county has no cell", i);
        }
        let county_open = vec![county[..county.len() - 1].to_vec()];
        let county_area = polygon_area(&county_open);
        let cells_area: f64 = cells_deg.iter().flatten().map(|p| polygon_area(p)).sum();
        // Rounding to micro-degrees moves each vertex by ≤ 0.7e-6°: far below this.
        prop_assert!((cells_area - county_area).abs() < 1e-4 * county_area, "cells {} vs county {}", cells_area, county_area);
        for (dx, dy) in samples {
            let p = [CENTER[0] + dx, CENTER[1] + dy];
            let boundary = near_any_edge(p, &county_open, 1e-5) || cells_deg.iter().flatten().any(|c| near_any_edge(p, c, 1e-5));
            if boundary {
                continue;
            }
            let hits: Vec<usize> = (0..cells_deg.len()).filter(|&i| cells_deg[i].iter().any(|c| point_in_polygon(p, c))).collect();
            if !point_in_polygon(p, &county_open) {
                prop_assert!(hits.is_empty(), "{:?} outside the county is in cells {:?}", p, hits);
                continue;
            }
            prop_assert_eq!(hits.len(), 1, "{:?} in the county is in cells {:?}", p, hits);
            let (nearest, d0, d1) = nearest_seat(p, &seats);
            if d1 - d0 > 1e-7 {
                prop_assert_eq!(hits[0], nearest, "{:?} is in the cell of seat {}, not of its nearest seat", p, hits[0]);
            }
        }
    }
}
