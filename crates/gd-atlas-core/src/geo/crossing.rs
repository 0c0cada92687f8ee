//! Do any two segments of a set cross? A Shamos–Hoey sweep in exact integer arithmetic:
//! O(n log n) in the worst case, whatever the shape.
//!
//! Why not bounding boxes in an R-tree: a star of long spikes (all spikes meet near its centre),
//! a comb or a spiral has segment boxes that all overlap each other, and the tree then hands
//! back every pair — the town check took 13 s for a 5 MB star and never finished at 200 MB.
//!
//! Only **proper** crossings count: two segments whose interiors cut through each other at one
//! point. Segments that share an end point (neighbours in a ring), a vertex lying on another
//! segment (rings touching at a vertex, as some official data does) and collinear overlaps do
//! not. The sweep stops at the first crossing it meets, which is not necessarily the leftmost.
//!
//! How: end points are visited in (x, y) order — a sweep line tilted by an infinitesimal shear,
//! so vertical segments need no special case. The status holds the segments the line cuts,
//! ordered bottom to top; a segment is compared with its neighbours when it enters and the two
//! segments around it when it leaves. The order of two segments is decided by orientation tests
//! on the end points only (no intersection point is ever computed), exact in `i128`. Segments
//! that touch the line at the same point are ordered by where they go (just right of the line),
//! collinear overlapping ones by their index. While no crossing lies left of the line this
//! order is a total order of the cut segments, which is what the sweep's correctness rests on
//! (the classic argument: the leftmost crossing's two segments, or a segment ending at it and
//! one of them, are neighbours in the status just before it).

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::ops::Bound;

/// A segment between two integer points (e.g. micro-degrees).
pub type SegmentI = [[i64; 2]; 2];

/// The indices (into `segments`) of two segments that properly cross, or `None`. Zero-length
/// segments are ignored.
pub fn find_crossing(segments: &[SegmentI]) -> Option<(usize, usize)> {
    let keys: Vec<Key> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s[0] != s[1])
        .map(|(id, s)| {
            let (l, r) = if s[0] < s[1] { (s[0], s[1]) } else { (s[1], s[0]) };
            Key { l, r, id }
        })
        .collect();
    // Events: (point, 0 = leaves, 1 = enters, key): at one point, segments ending there leave
    // before those starting there enter (they only touch there).
    let mut events: Vec<([i64; 2], u8, u32)> = Vec::with_capacity(keys.len() * 2);
    for (k, key) in keys.iter().enumerate() {
        events.push((key.l, 1, k as u32));
        events.push((key.r, 0, k as u32));
    }
    events.sort_unstable();
    let mut status: BTreeSet<Key> = BTreeSet::new();
    for &(_, kind, k) in &events {
        let key = keys[k as usize];
        let below = status.range(..key).next_back().copied();
        let above = status.range((Bound::Excluded(key), Bound::Unbounded)).next().copied();
        if kind == 1 {
            for other in [below, above].into_iter().flatten() {
                if crosses(&key, &other) {
                    return Some((key.id.min(other.id), key.id.max(other.id)));
                }
            }
            status.insert(key);
        } else {
            status.remove(&key);
            if let (Some(b), Some(a)) = (below, above) {
                if crosses(&b, &a) {
                    return Some((b.id.min(a.id), b.id.max(a.id)));
                }
            }
        }
    }
    None
}

/// The point where two crossing segments meet (for messages; `f64`).
pub fn crossing_point(s: &SegmentI, t: &SegmentI) -> [f64; 2] {
    let p = [s[0][0] as f64, s[0][1] as f64];
    let d = [(s[1][0] - s[0][0]) as f64, (s[1][1] - s[0][1]) as f64];
    let q = [t[0][0] as f64, t[0][1] as f64];
    let e = [(t[1][0] - t[0][0]) as f64, (t[1][1] - t[0][1]) as f64];
    let denominator = d[0] * e[1] - d[1] * e[0];
    if denominator == 0.0 {
        return p;
    }
    let u = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / denominator;
    [p[0] + u * d[0], p[1] + u * d[1]]
}

/// A segment in the status: its left (lexicographically smaller) and right end, and its index.
#[derive(Clone, Copy, Debug)]
struct Key {
    l: [i64; 2],
    r: [i64; 2],
    id: usize,
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    /// Bottom to top along the sweep line (see the module comment). Symmetric by construction:
    /// the segment that starts later is always placed against the other.
    fn cmp(&self, other: &Self) -> Ordering {
        if self.id == other.id {
            Ordering::Equal
        } else if (self.l, self.id) < (other.l, other.id) {
            later_against(self, other)
        } else {
            later_against(other, self).reverse()
        }
    }
}

/// The order of `s` relative to `t`, where `t` starts no earlier than `s`: `t`'s left end
/// lies within `s`'s span, so its side of `s` is `t`'s side; on `s`, the side of `t`'s right end.
fn later_against(s: &Key, t: &Key) -> Ordering {
    let side = match orient(s.l, s.r, t.l) {
        0 => orient(s.l, s.r, t.r),
        o => o,
    };
    match side {
        1 => Ordering::Less,     // t above s
        -1 => Ordering::Greater, // t below s
        _ => s.id.cmp(&t.id),    // collinear overlap
    }
}

/// Sign of the turn a → b → c: 1 left (counter-clockwise), −1 right, 0 collinear. Exact.
fn orient(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i32 {
    let cross = i128::from(b[0] - a[0]) * i128::from(c[1] - a[1])
        - i128::from(b[1] - a[1]) * i128::from(c[0] - a[0]);
    cross.signum() as i32
}

/// The two segments cut through each other's interiors.
fn crosses(s: &Key, t: &Key) -> bool {
    orient(s.l, s.r, t.l) * orient(s.l, s.r, t.r) < 0
        && orient(t.l, t.r, s.l) * orient(t.l, t.r, s.r) < 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_force(segments: &[SegmentI]) -> bool {
        let keys: Vec<Key> = segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s[0] != s[1])
            .map(|(id, s)| Key { l: s[0].min(s[1]), r: s[0].max(s[1]), id })
            .collect();
        keys.iter().enumerate().any(|(i, s)| keys[i + 1..].iter().any(|t| crosses(s, t)))
    }

    /// xorshift: reproducible without a dependency.
    fn rng(mut state: u64) -> impl FnMut(i64) -> i64 {
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as i64
        }
    }

    #[test]
    fn agrees_with_all_pairs_on_degenerate_random_sets() {
        // Points on a tiny grid: shared end points, vertices on segments, collinear overlaps,
        // vertical segments and many segments through one point are the rule, not the exception.
        let mut next = rng(0x9E37_79B9_7F4A_7C15);
        let (mut with, mut without) = (0, 0);
        for case in 0..20_000 {
            let grid = 3 + case % 5;
            let n = 2 + (case % 13) as usize;
            let segments: Vec<SegmentI> =
                (0..n).map(|_| [[next(grid), next(grid)], [next(grid), next(grid)]]).collect();
            let expected = brute_force(&segments);
            let found = find_crossing(&segments);
            assert_eq!(found.is_some(), expected, "{segments:?}");
            if let Some((i, j)) = found {
                let key = |k: usize| Key {
                    l: segments[k][0].min(segments[k][1]),
                    r: segments[k][0].max(segments[k][1]),
                    id: k,
                };
                assert!(crosses(&key(i), &key(j)), "reported pair does not cross: {segments:?}");
            }
            if expected {
                with += 1
            } else {
                without += 1
            }
        }
        assert!(with > 2000 && without > 2000, "both outcomes exercised: {with} / {without}");
    }

    #[test]
    fn non_crossing_polylines_pass_and_one_moved_vertex_fails() {
        // A closed random polygon built without crossings: a star-shaped one (angles sorted).
        let mut next = rng(42);
        for n in [3usize, 10, 100, 1000] {
            let mut angles: Vec<i64> = (0..n).map(|_| next(1_000_000)).collect();
            angles.sort_unstable();
            angles.dedup();
            let ring: Vec<[i64; 2]> = angles
                .iter()
                .map(|&a| {
                    let t = a as f64 / 1e6 * std::f64::consts::TAU;
                    let r = 1000.0 + next(100_000) as f64;
                    [(r * t.cos()).round() as i64, (r * t.sin()).round() as i64]
                })
                .collect();
            let segments: Vec<SegmentI> =
                (0..ring.len()).map(|k| [ring[k], ring[(k + 1) % ring.len()]]).collect();
            assert!(!brute_force(&segments));
            assert_eq!(find_crossing(&segments), None, "n = {n}");
        }
        // A bow tie.
        let bow: Vec<SegmentI> =
            vec![[[0, 0], [10, 10]], [[10, 10], [10, 0]], [[10, 0], [0, 10]], [[0, 10], [0, 0]]];
        assert_eq!(find_crossing(&bow), Some((0, 2)));
        assert_eq!(crossing_point(&bow[0], &bow[2]), [5.0, 5.0]);
    }

    #[test]
    fn a_triangulated_grid_with_long_overlaps_only_touches_until_one_diagonal_is_added() {
        // Unit edges of a 40×40 grid, one diagonal per cell, and long segments lying over whole
        // rows (and parts of rows): shared end points, T-junctions and collinear overlaps
        // everywhere, no proper crossing.
        let k = 40i64;
        let mut segments: Vec<SegmentI> = Vec::new();
        for i in 0..k {
            for j in 0..k {
                segments.push([[i, j], [i + 1, j]]);
                segments.push([[i, j], [i, j + 1]]);
                segments.push([[i, j], [i + 1, j + 1]]);
            }
            segments.push([[0, i], [k, i]]);
            segments.push([[1, i], [k - 1, i]]);
            segments.push([[k - 3, i], [2, i]]);
        }
        assert_eq!(find_crossing(&segments), None);
        segments.push([[17, 21], [16, 22]]);
        let (i, j) = find_crossing(&segments).expect("the other diagonal of a cell crosses");
        assert_eq!(j, segments.len() - 1);
        assert_eq!(segments[i], [[16, 21], [17, 22]]);
    }

    #[test]
    fn many_segments_through_one_point_are_fast_and_only_touch() {
        // A flower: 100,000 petals whose rings all pass through the centre — every pair of
        // segments there touches, none crosses. All-pairs at that point would be 10^10 tests.
        let mut segments = Vec::new();
        let n = 100_000i64;
        for k in 0..n {
            let t = k as f64 / n as f64 * std::f64::consts::TAU;
            let t2 = (k as f64 + 0.4) / n as f64 * std::f64::consts::TAU;
            let a = [(1e8 * t.cos()) as i64, (1e8 * t.sin()) as i64];
            let b = [(1e8 * t2.cos()) as i64, (1e8 * t2.sin()) as i64];
            segments.extend([[[0, 0], a], [a, b], [b, [0, 0]]]);
        }
        assert_eq!(find_crossing(&segments), None);
    }
}
