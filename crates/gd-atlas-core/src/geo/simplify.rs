//! Douglas–Peucker *importance*: for every vertex of a polyline, the largest tolerance at which
//! Douglas–Peucker would still keep it.
//!
//! Storing this once per vertex turns any level of detail into a filter (`keep >= tolerance`), so
//! the asset build simplifies each shared arc once and every zoom level reuses it. The tolerance
//! of a vertex is capped by the one of the split that exposed it, so the kept sets are nested:
//! a vertex kept at a coarse level is kept at every finer level.
//!
//! Douglas–Peucker is O(n log n) on real outlines but O(n²) on adversarial ones (a dense zigzag
//! whose every split peels off one vertex: a 5 MB town file took 9 s, 20 MB 96 s). Geometry read
//! at run time — a user's file — goes through [`importance`], which runs Douglas–Peucker under a
//! work budget of O(n log n) and, when the budget runs out, ranks that polyline by
//! Visvalingam–Whyatt effective area instead (O(n log n) always, with a heap).
//!
//! The budget is `4·n·log2(n)` distance evaluations: the costliest real ring of the atlas's
//! sources (cities, counties, OSM land, the basemap, `data/lines.geojson`) needs 1.24·n·log2(n),
//! and on a star of long spikes the work spent before the fallback is thrown away — with the
//! earlier 32·n·log2(n) that wasted work was two thirds of exporting a 10⁶-vertex star layer.
//! A run of vertices lying on its chord (a densified straight edge, to 10⁻¹² of the coordinates)
//! resolves at once: all of them get 0, where the splits would have given them at most that
//! distance, so it costs one pass instead of one per vertex.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::topology::KEEP_ALWAYS;

/// Perpendicular distance from `p` to the segment `a`–`b` (to `a` when the segment is a point).
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return ((p[0] - a[0]).powi(2) + (p[1] - a[1]).powi(2)).sqrt();
    }
    let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0);
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

/// Importance of every vertex of `points` (any planar space; use mercator for map LOD).
///
/// End points get [`KEEP_ALWAYS`]. Runs in O(n log n) on typical input, O(n²) worst case.
pub fn douglas_peucker_importance(points: &[[f64; 2]]) -> Vec<f32> {
    douglas_peucker_budgeted(points, usize::MAX).unwrap_or_default()
}

/// Importance of every vertex in O(n log n) whatever the input: Douglas–Peucker when it finishes
/// within [`BUDGET_PER_N_LOG_N`]`·n·log2(n)` distance evaluations (every real outline does),
/// Visvalingam–Whyatt otherwise. Both give nested levels; see the module comment.
pub fn importance(points: &[[f64; 2]]) -> Vec<f32> {
    let n = points.len().max(2);
    let budget = BUDGET_PER_N_LOG_N * n * (usize::BITS - n.leading_zeros()) as usize;
    douglas_peucker_budgeted(points, budget).unwrap_or_else(|| visvalingam_importance(points))
}

/// Douglas–Peucker's work budget in units of `n·log2(n)` distance evaluations: 3× the costliest
/// real ring measured (1.24), small enough that an adversarial ring wastes little before the
/// Visvalingam–Whyatt fallback (module comment).
pub const BUDGET_PER_N_LOG_N: usize = 4;

/// Douglas–Peucker importance, or `None` when more than `budget` point-to-segment distances
/// would be needed.
fn douglas_peucker_budgeted(points: &[[f64; 2]], mut budget: usize) -> Option<Vec<f32>> {
    let n = points.len();
    let mut keep = vec![0.0f32; n];
    if n == 0 {
        return Some(keep);
    }
    keep[0] = KEEP_ALWAYS;
    keep[n - 1] = KEEP_ALWAYS;
    // (first, last, cap): the open range first+1..last is unresolved, capped by the parent's value.
    let mut stack = vec![(0usize, n - 1, KEEP_ALWAYS)];
    while let Some((first, last, cap)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
        budget = budget.checked_sub(last - first - 1)?;
        let (mut best, mut best_d) = (first + 1, -1.0f64);
        for (k, &p) in points.iter().enumerate().take(last).skip(first + 1) {
            let d = segment_distance(p, points[first], points[last]);
            if d > best_d {
                best_d = d;
                best = k;
            }
        }
        // f32 keeps the file small; round down so a vertex is never kept at a coarser tolerance
        // than Douglas–Peucker would keep it, and never above its parent's value.
        if best_d <= on_chord_distance(points[first], points[last]) {
            // Every vertex of the range lies on the chord (to rounding): each would get a value
            // of at most `best_d` (the cap of every later split) however the range were split
            // further, so they keep 0 and the range stops here. Without this a densified
            // straight edge of m vertices costs m²/2 (every split peels off one vertex).
            continue;
        }
        let value = (best_d as f32).min(cap);
        keep[best] = value;
        stack.push((first, best, value));
        stack.push((best, last, value));
    }
    Some(keep)
}

/// Below this distance a vertex counts as lying on the chord `a`–`b`: 10⁻¹² of the chord's
/// coordinates' size, far above the rounding of a distance computed in `f64` and far below any
/// drawing tolerance (half a pixel at zoom 14 is 1.2·10⁻⁷ of the mercator unit square).
fn on_chord_distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    1e-12 * a.iter().chain(&b).fold(0.0f64, |m, v| m.max(v.abs()))
}

/// Twice the area of the triangle `a b c`.
fn triangle_area2(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs()
}

/// Visvalingam–Whyatt importance: vertices are removed smallest effective triangle first (a heap
/// with lazy deletion, neighbours in a linked list); a vertex's value is the square root of the
/// largest area removed up to and including it, so values grow in removal order and the kept sets
/// at any two tolerances are nested. The square root makes it a length, comparable with the
/// Douglas–Peucker tolerance of a level (a vertex off a chord of its own length by `h` gets ≈ `h`).
pub fn visvalingam_importance(points: &[[f64; 2]]) -> Vec<f32> {
    let n = points.len();
    let mut keep = vec![KEEP_ALWAYS; n];
    if n < 3 {
        return keep;
    }
    let mut prev: Vec<usize> = (0..n).map(|i| i.saturating_sub(1)).collect();
    let mut next: Vec<usize> = (0..n).map(|i| (i + 1).min(n - 1)).collect();
    let mut area2 = vec![f64::INFINITY; n];
    let mut heap = BinaryHeap::with_capacity(n);
    for i in 1..n - 1 {
        area2[i] = triangle_area2(points[i - 1], points[i], points[i + 1]);
        // Non-negative floats order like their bit patterns; NaN (from non-finite input) sorts last.
        heap.push(Reverse((area2[i].to_bits(), i)));
    }
    let mut removed = vec![false; n];
    let mut largest = 0.0f64;
    while let Some(Reverse((bits, i))) = heap.pop() {
        if removed[i] || area2[i].to_bits() != bits {
            continue;
        }
        removed[i] = true;
        largest = largest.max(area2[i]);
        keep[i] = ((largest / 2.0).sqrt() as f32).min(KEEP_ALWAYS);
        let (p, q) = (prev[i], next[i]);
        next[p] = q;
        prev[q] = p;
        for v in [p, q] {
            if v != 0 && v != n - 1 {
                area2[v] = triangle_area2(points[prev[v]], points[v], points[next[v]]);
                heap.push(Reverse((area2[v].to_bits(), v)));
            }
        }
    }
    keep
}

/// Douglas–Peucker simplification at one tolerance (for tests and one-off uses).
pub fn simplify(points: &[[f64; 2]], tolerance: f32) -> Vec<[f64; 2]> {
    let keep = douglas_peucker_importance(points);
    points.iter().zip(&keep).filter(|(_, &k)| k >= tolerance).map(|(&p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_points_always_kept() {
        let pts = [[0.0, 0.0], [1.0, 0.1], [2.0, 0.0]];
        let keep = douglas_peucker_importance(&pts);
        assert_eq!(keep[0], KEEP_ALWAYS);
        assert_eq!(keep[2], KEEP_ALWAYS);
        assert!((keep[1] - 0.1).abs() < 1e-6);
        assert_eq!(simplify(&pts, 0.2).len(), 2);
        assert_eq!(simplify(&pts, 0.05).len(), 3);
    }

    #[test]
    fn importance_is_nested() {
        // A zig-zag whose deeper vertices have larger raw distances than their parents.
        let pts: Vec<[f64; 2]> =
            (0..50).map(|i| [i as f64, ((i * 7919) % 13) as f64 * 0.1]).collect();
        let keep = douglas_peucker_importance(&pts);
        for t in [0.05f32, 0.2, 0.5, 1.0] {
            let coarse = simplify(&pts, t * 2.0);
            let fine = simplify(&pts, t);
            assert!(coarse.iter().all(|p| fine.contains(p)), "levels must be nested");
        }
        assert!(keep.iter().all(|k| *k >= 0.0));
    }

    /// A zigzag whose amplitude shrinks with each vertex: every Douglas–Peucker split peels off
    /// one vertex, the quadratic case.
    fn adversarial_zigzag(n: usize) -> Vec<[f64; 2]> {
        (0..n).map(|i| [i as f64, if i % 2 == 0 { 0.0 } else { 1.0 / (i as f64 + 1.0) }]).collect()
    }

    fn kept(keep: &[f32], t: f32) -> Vec<usize> {
        keep.iter().enumerate().filter(|(_, &k)| k >= t).map(|(i, _)| i).collect()
    }

    #[test]
    fn budget_falls_back_to_visvalingam_on_the_quadratic_case() {
        let pts = adversarial_zigzag(4000);
        assert!(
            douglas_peucker_budgeted(&pts, 32 * 4000 * 12).is_none(),
            "the zigzag must exhaust the budget"
        );
        let keep = importance(&pts);
        assert_eq!(keep, visvalingam_importance(&pts));
        assert_eq!((keep[0], keep[3999]), (KEEP_ALWAYS, KEEP_ALWAYS));
        // Nested levels: a coarser tolerance keeps a subset.
        for t in [1e-4f32, 1e-3, 1e-2, 1e-1] {
            let (fine, coarse) = (kept(&keep, t), kept(&keep, t * 3.0));
            assert!(coarse.iter().all(|i| fine.contains(i)), "nested at {t}");
            assert!(coarse.len() <= fine.len());
        }
    }

    #[test]
    fn a_densified_straight_edge_is_resolved_in_one_pass() {
        // A square of half the mercator unit whose bottom edge is cut into 100,000 pieces (not
        // exactly on the chord in f64): before the shortcut Douglas–Peucker peeled them off one
        // per split (5·10⁹ distance evaluations).
        let mut pts: Vec<[f64; 2]> = (0..100_000).map(|i| [i as f64 * 5e-6, 0.0]).collect();
        pts.extend([[0.5, 0.0], [0.5, 0.5], [0.0, 0.5], [0.0, 0.0]]);
        let n = pts.len();
        let keep = douglas_peucker_budgeted(&pts, 4 * n).expect("linear work on a straight edge");
        assert!(keep[1..100_000].iter().all(|&k| k == 0.0), "every vertex on the edge drops");
        assert!(
            keep[n - 3] > 0.7 && keep[n - 4] > 0.35,
            "the corners are kept: {:?}",
            &keep[n - 4..]
        );
        assert_eq!(importance(&pts), keep);
    }

    #[test]
    fn ordinary_outlines_keep_douglas_peucker() {
        let pts: Vec<[f64; 2]> = (0..2000)
            .map(|i| {
                let a = i as f64 / 2000.0 * std::f64::consts::TAU;
                [
                    a.cos() * (1.0 + 0.05 * (a * 17.0).sin()),
                    a.sin() * (1.0 + 0.05 * (a * 17.0).sin()),
                ]
            })
            .collect();
        assert_eq!(importance(&pts), douglas_peucker_importance(&pts));
    }

    #[test]
    fn visvalingam_drops_collinear_first_and_keeps_corners() {
        let pts = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]];
        let keep = visvalingam_importance(&pts);
        assert_eq!(keep[1], 0.0, "a collinear vertex has no area");
        assert!(keep[2] > keep[1] && keep[3] > 0.5, "{keep:?}");
    }
}
