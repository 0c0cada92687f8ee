//! Property tests (proptest) of the geometry the atlas relies on:
//! - point-in-polygon (`geo::pip`, even-odd crossings) agrees with an independent winding-number
//!   reference, on arbitrary (even self-intersecting) rings and on polygons with holes;
//! - level-of-detail filtering keeps a border shared by two shapes identical in both at every
//!   level (`scene::lod_cache`), so neighbours never show a gap or a sliver.
//!
//! The Voronoi tiling property lives with the Voronoi code, in the asset build
//! (`cargo test -p gd-atlas-build`); the shipped data's towns are checked to tile their county by
//! `data_geometry::approximate_towns_tile_their_county`.
//!
//! Case counts are modest (debug profile, 2-core CI): 64–128 cases per property.

use std::f64::consts::TAU;

use gd_atlas::geo::pip::{point_in_polygon, point_in_ring};
use gd_atlas::geo::topology::{Arc, Space, Topology};
use gd_atlas::scene::lod_cache::{tolerance_for_lod, LodCache, MAX_LOD, MIN_LOD};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Point in polygon

/// Winding number of an open ring around `p` (Sunday's algorithm: signed upward/downward edge
/// crossings decided by which side of the edge `p` lies on). Written independently of
/// `geo::pip`, which intersects a horizontal ray with each edge and toggles a flag.
fn winding_number(p: [f64; 2], ring: &[[f64; 2]]) -> i32 {
    let is_left =
        |a: [f64; 2], b: [f64; 2]| (b[0] - a[0]) * (p[1] - a[1]) - (p[0] - a[0]) * (b[1] - a[1]);
    let mut wn = 0;
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
        if a[1] <= p[1] {
            if b[1] > p[1] && is_left(a, b) > 0.0 {
                wn += 1;
            }
        } else if b[1] <= p[1] && is_left(a, b) < 0.0 {
            wn -= 1;
        }
    }
    wn
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len2 = d[0] * d[0] + d[1] * d[1];
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
    };
    let q = [a[0] + t * d[0], a[1] + t * d[1]];
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
}

/// Points on (or within rounding of) an edge may go either way in both tests: skip them.
fn near_boundary(p: [f64; 2], rings: &[Vec<[f64; 2]>]) -> bool {
    rings
        .iter()
        .any(|r| (0..r.len()).any(|i| segment_distance(p, r[i], r[(i + 1) % r.len()]) < 1e-9))
}

/// A ring around `center` with `n` vertices at angles `(i + jitter) / n` of a turn (jitter < 0.5,
/// so angles increase and the ring is simple) and radii in `[r_min, r_max]`. Consecutive angles
/// are under 1.5 / n of a turn apart, so with n ≥ 8 the ring contains the disc of radius
/// `r_min · cos(34°)`. Reversed when `clockwise`: pip must not depend on orientation.
fn star_ring(
    center: [f64; 2],
    r_min: f64,
    r_max: f64,
    n: std::ops::Range<usize>,
    clockwise: bool,
) -> impl Strategy<Value = Vec<[f64; 2]>> {
    prop::collection::vec((0.0..0.5f64, r_min..r_max), n).prop_map(move |steps| {
        let n = steps.len() as f64;
        let mut ring: Vec<[f64; 2]> = steps
            .iter()
            .enumerate()
            .map(|(i, &(jitter, r))| {
                let angle = (i as f64 + jitter) / n * TAU;
                [center[0] + r * angle.cos(), center[1] + r * angle.sin()]
            })
            .collect();
        if clockwise {
            ring.reverse();
        }
        ring
    })
}

/// An exterior of radius 5–10 around the origin (8+ vertices: it contains the disc of radius 4.1)
/// with up to three holes of radius ≤ 1.2 whose centres are 2.5 from the origin and 4.3 apart:
/// the holes lie inside the exterior and apart.
fn polygon_with_holes() -> impl Strategy<Value = Vec<Vec<[f64; 2]>>> {
    let hole = |k: usize| {
        let a = k as f64 * TAU / 3.0;
        star_ring([2.5 * a.cos(), 2.5 * a.sin()], 0.3, 1.2, 3..12, k.is_multiple_of(2))
    };
    (star_ring([0.0, 0.0], 5.0, 10.0, 8..40, false), hole(0), hole(1), hole(2), 0..=3usize)
        .prop_map(|(outer, h0, h1, h2, n)| {
            let mut rings = vec![outer];
            rings.extend([h0, h1, h2].into_iter().take(n));
            rings
        })
}

fn point() -> impl Strategy<Value = [f64; 2]> {
    (-11.0..11.0f64, -11.0..11.0f64).prop_map(|(x, y)| [x, y])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Crossing parity equals winding-number parity for any closed ring, however tangled.
    #[test]
    fn point_in_ring_is_winding_parity(
        ring in prop::collection::vec((-10.0..10.0f64, -10.0..10.0f64).prop_map(|(x, y)| [x, y]), 3..30),
        points in prop::collection::vec(point(), 32),
    ) {
        let rings = vec![ring];
        for p in points {
            if near_boundary(p, &rings) {
                continue;
            }
            prop_assert_eq!(point_in_ring(p, &rings[0]), winding_number(p, &rings[0]) % 2 != 0, "point {:?}", p);
        }
    }

    /// Inside a polygon with holes = inside the exterior and inside no hole (by winding number).
    #[test]
    fn point_in_polygon_respects_holes(rings in polygon_with_holes(), points in prop::collection::vec(point(), 64)) {
        for p in points {
            if near_boundary(p, &rings) {
                continue;
            }
            let expected = winding_number(p, &rings[0]) != 0 && rings[1..].iter().all(|h| winding_number(p, h) == 0);
            prop_assert_eq!(point_in_polygon(p, &rings), expected, "point {:?}", p);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Level of detail keeps shared borders identical

/// Two county-sized shapes side by side sharing a wiggly border from `(113, 23)` to
/// `(113, 23 + height)`: shape 0 lies east of it, shape 1 west. Tolerances are computed by
/// `Arc::from_lonlat`, as for geometry read at run time.
fn neighbours(border_dx: &[f64], height: f64, east_dx: &[f64], west_dx: &[f64]) -> Topology {
    let column = |x0: f64, dx: &[f64], from: f64, to: f64| -> Vec<[f64; 2]> {
        let n = dx.len() + 1;
        let mut pts = vec![[113.0, from]];
        pts.extend(
            dx.iter()
                .enumerate()
                .map(|(i, d)| [x0 + d, from + (to - from) * (i + 1) as f64 / n as f64]),
        );
        pts.push([113.0, to]);
        pts
    };
    let (bottom, top) = (23.0, 23.0 + height);
    let mut border = column(113.0, border_dx, bottom, top);
    // Exterior arcs (at least one vertex besides the ends) bulge 1° out with their own wiggle, so the shapes never cross, and stay
    // above the few-pixel size under which a ring vanishes at the coarsest level.
    let east: Vec<[f64; 2]> = column(114.0, east_dx, top, bottom);
    let west: Vec<[f64; 2]> = column(112.0, west_dx, bottom, top);
    border.dedup();
    let mut topology = Topology::default();
    let shared = topology.push_arc(Arc::from_lonlat(border)) as i32;
    let e = topology.push_arc(Arc::from_lonlat(east)) as i32;
    let w = topology.push_arc(Arc::from_lonlat(west)) as i32;
    topology.push_shape("E".into(), vec![vec![vec![shared, e]]]).expect("east ring closes");
    topology.push_shape("W".into(), vec![vec![vec![w, !shared]]]).expect("west ring closes");
    topology
}

/// The ring of a shape's mesh in absolute mercator (the mesh stores `f32` offsets).
fn mesh_ring_mercator(
    cache: &LodCache,
    topology: &Topology,
    lod: u8,
    shape: usize,
) -> Vec<[f64; 2]> {
    let mesh = cache.shape(topology, lod, shape);
    assert_eq!(mesh.rings.len(), 1, "shape {shape} keeps its ring at level {lod}");
    let o = mesh.origin_mercator;
    let range = mesh.rings[0].clone();
    mesh.vertices[range.start as usize..range.end as usize]
        .iter()
        .map(|v| [o[0] + v[0] as f64, o[1] + v[1] as f64])
        .collect()
}

/// Where `run` occurs as a contiguous run of the open cyclic `ring` (exact `f64` equality).
fn find_cyclic(ring: &[[f64; 2]], run: &[[f64; 2]]) -> Option<usize> {
    (0..ring.len()).find(|&s| run.iter().enumerate().all(|(k, p)| ring[(s + k) % ring.len()] == *p))
}

fn offsets(n: std::ops::Range<usize>, amplitude: f64) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-amplitude..amplitude, n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn lod_keeps_shared_borders_identical(
        border_dx in offsets(0..200, 0.2),
        height in 0.5..2.0f64,
        east_dx in offsets(1..40, 0.3),
        west_dx in offsets(1..40, 0.3),
    ) {
        let topology = neighbours(&border_dx, height, &east_dx, &west_dx);
        let cache = LodCache::new(&topology);
        let border = &topology.arcs[0];
        for lod in MIN_LOD..=MAX_LOD {
            let tolerance = tolerance_for_lod(lod);
            let kept: Vec<[f64; 2]> = border.mercator.iter().zip(&border.keep).filter(|(_, &k)| k >= tolerance).map(|(p, _)| *p).collect();
            prop_assert!(kept.len() >= 2, "the border keeps its end points");
            // Exact rings (what picking and the SVG/PNG paths use) hold the same border vertices.
            let mut east = Vec::new();
            let mut west = Vec::new();
            topology.ring_into(&topology.shapes[0].polygons[0][0], tolerance, Space::Mercator, &mut east);
            topology.ring_into(&topology.shapes[1].polygons[0][0], tolerance, Space::Mercator, &mut west);
            let reversed: Vec<[f64; 2]> = kept.iter().rev().copied().collect();
            prop_assert!(find_cyclic(&east, &kept).is_some(), "level {}: east ring lacks the border", lod);
            prop_assert!(find_cyclic(&west, &reversed).is_some(), "level {}: west ring lacks the border", lod);
            // The drawn meshes: the same vertices, equal to far below the level's tolerance.
            let east_mesh = mesh_ring_mercator(&cache, &topology, lod, 0);
            let west_mesh = mesh_ring_mercator(&cache, &topology, lod, 1);
            prop_assert_eq!(east_mesh.len(), east.len());
            prop_assert_eq!(west_mesh.len(), west.len());
            let (e0, w0) = (find_cyclic(&east, &kept).unwrap_or(0), find_cyclic(&west, &reversed).unwrap_or(0));
            for k in 0..kept.len() {
                let a = east_mesh[(e0 + k) % east_mesh.len()];
                let b = west_mesh[(w0 + kept.len() - 1 - k) % west_mesh.len()];
                let gap = (a[0] - b[0]).hypot(a[1] - b[1]);
                prop_assert!(gap < tolerance as f64 * 0.01, "level {}: border vertex {} differs by {:e}", lod, k, gap);
            }
        }
    }
}
