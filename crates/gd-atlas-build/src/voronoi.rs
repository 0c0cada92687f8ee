//! Voronoi (Thiessen) cells by half-plane clipping, for the asset build's approximate town areas.
//!
//! A county has at most ~40 town seats, so the O(n²) construction (clip a bounding box by the
//! perpendicular bisector of every other site) is simpler and more robust than Fortune's sweep,
//! and it yields each cell directly as a convex polygon. Work in mercator so the bisectors are
//! true "nearest seat on the map" boundaries.

use gd_atlas_core::geo::bbox::Bbox;

/// Keeps the part of the convex polygon `poly` on the side of the half-plane `n · p <= c`.
fn clip_half_plane(poly: &[[f64; 2]], n: [f64; 2], c: f64) -> Vec<[f64; 2]> {
    let side = |p: [f64; 2]| n[0] * p[0] + n[1] * p[1] - c;
    let mut out = Vec::with_capacity(poly.len() + 1);
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        let (sa, sb) = (side(a), side(b));
        if sa <= 0.0 {
            out.push(a);
        }
        if (sa < 0.0 && sb > 0.0) || (sa > 0.0 && sb < 0.0) {
            let t = sa / (sa - sb);
            out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
    }
    out
}

/// The Voronoi cell of every site inside `bbox`, as an open convex ring (counter-clockwise in a
/// y-up frame). Sites must be distinct; a duplicate site gets an empty cell, which the caller
/// should treat as an error.
pub fn voronoi_cells(sites: &[[f64; 2]], bbox: Bbox) -> Vec<Vec<[f64; 2]>> {
    let (min, max) = (bbox.min, bbox.max);
    let frame = vec![[min[0], min[1]], [max[0], min[1]], [max[0], max[1]], [min[0], max[1]]];
    sites
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let mut cell = frame.clone();
            for (j, &o) in sites.iter().enumerate() {
                if i == j || cell.is_empty() {
                    continue;
                }
                if o == s {
                    return Vec::new();
                }
                // Points closer to s than to o: (o - s) · p <= (|o|² - |s|²) / 2.
                let n = [o[0] - s[0], o[1] - s[1]];
                let c = (o[0] * o[0] + o[1] * o[1] - s[0] * s[0] - s[1] * s[1]) / 2.0;
                cell = clip_half_plane(&cell, n, c);
            }
            cell
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(ring: &[[f64; 2]]) -> f64 {
        let n = ring.len();
        (0..n)
            .map(|i| ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1])
            .sum::<f64>()
            / 2.0
    }

    #[test]
    fn two_sites_split_the_box_at_the_bisector() {
        let cells =
            voronoi_cells(&[[1.0, 1.0], [3.0, 1.0]], Bbox::from_array([0.0, 0.0, 4.0, 2.0]));
        assert!((area(&cells[0]) - 4.0).abs() < 1e-12);
        assert!((area(&cells[1]) - 4.0).abs() < 1e-12);
        assert!(cells[0].iter().all(|p| p[0] <= 2.0 + 1e-12));
    }

    #[test]
    fn cells_tile_the_box() {
        let sites: Vec<[f64; 2]> = (0..30)
            .map(|i| [((i * 37) % 101) as f64 / 10.0, ((i * 59) % 97) as f64 / 10.0])
            .collect();
        let cells = voronoi_cells(&sites, Bbox::from_array([-1.0, -1.0, 11.0, 11.0]));
        let total: f64 = cells.iter().map(|c| area(c)).sum();
        assert!((total - 144.0).abs() < 1e-9, "cells must tile the box: {total}");
        for (cell, s) in cells.iter().zip(&sites) {
            // Every vertex of a cell is at least as close to its own site as to any other.
            for p in cell {
                let d_own = (p[0] - s[0]).powi(2) + (p[1] - s[1]).powi(2);
                assert!(sites
                    .iter()
                    .all(|o| (p[0] - o[0]).powi(2) + (p[1] - o[1]).powi(2) >= d_own - 1e-9));
            }
        }
    }

    #[test]
    fn duplicate_site_gives_empty_cell() {
        let cells =
            voronoi_cells(&[[1.0, 1.0], [1.0, 1.0]], Bbox::from_array([0.0, 0.0, 2.0, 2.0]));
        assert!(cells[0].is_empty());
    }
}
