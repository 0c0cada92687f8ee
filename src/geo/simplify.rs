//! Douglas–Peucker *importance*: for every vertex of a polyline, the largest tolerance at which
//! Douglas–Peucker would still keep it.
//!
//! Storing this once per vertex turns any level of detail into a filter (`keep >= tolerance`), so
//! the asset build simplifies each shared arc once and every zoom level reuses it. The tolerance
//! of a vertex is capped by the one of the split that exposed it, so the kept sets are nested:
//! a vertex kept at a coarse level is kept at every finer level.

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
    let n = points.len();
    let mut keep = vec![0.0f32; n];
    if n == 0 {
        return keep;
    }
    keep[0] = KEEP_ALWAYS;
    keep[n - 1] = KEEP_ALWAYS;
    // (first, last, cap): the open range first+1..last is unresolved, capped by the parent's value.
    let mut stack = vec![(0usize, n - 1, KEEP_ALWAYS)];
    while let Some((first, last, cap)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
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
        let value = (best_d as f32).min(cap);
        keep[best] = value;
        stack.push((first, best, value));
        stack.push((best, last, value));
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
        let pts: Vec<[f64; 2]> = (0..50).map(|i| [i as f64, ((i * 7919) % 13) as f64 * 0.1]).collect();
        let keep = douglas_peucker_importance(&pts);
        for t in [0.05f32, 0.2, 0.5, 1.0] {
            let coarse = simplify(&pts, t * 2.0);
            let fine = simplify(&pts, t);
            assert!(coarse.iter().all(|p| fine.contains(p)), "levels must be nested");
        }
        assert!(keep.iter().all(|k| *k >= 0.0));
    }
}
