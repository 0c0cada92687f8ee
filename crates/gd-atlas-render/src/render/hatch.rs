//! Diagonal hatch lines clipped to a shape, as plain strokes: every canvas (egui, tiny-skia, SVG,
//! PDF) can draw them, and nothing depends on a canvas clipping to a concave path.
//!
//! The lines run along `x + y = k · spacing` (a "/" in screen space). Each ring edge is crossed
//! by the lines whose `k` lies in its half-open range `[min, max)`, so a vertex on a line counts
//! once; sorting the crossings of one line along it and pairing them even-odd gives the inside
//! segments — exact for concave shapes, several parts and holes, in O(edges + crossings).

use super::canvas::Polylines;

/// Appends to `out` the hatch segments inside the closed parts of `rings` (even-odd), for the
/// lines that cross `bounds_screen` (nothing is computed for the lines off screen).
pub fn hatch_segments(
    rings: &Polylines,
    spacing: f32,
    bounds_screen: [f32; 4],
    out: &mut Polylines,
) {
    if !(spacing.is_finite() && spacing > 0.0) {
        return;
    }
    let k_min = ((bounds_screen[0] + bounds_screen[1]) / spacing).floor() as i64;
    let k_max = ((bounds_screen[2] + bounds_screen[3]) / spacing).ceil() as i64;
    // (line index, position along the line as x − y)
    let mut crossings: Vec<(i64, f32)> = Vec::new();
    for (range, closed) in &rings.parts {
        if !closed {
            continue;
        }
        let points = rings.part_points(range);
        for (i, &a) in points.iter().enumerate() {
            let b = points[(i + 1) % points.len()];
            let (ca, cb) = (a[0] + a[1], b[0] + b[1]);
            if ca == cb {
                continue;
            }
            let (lo, hi) = if ca < cb { (ca, cb) } else { (cb, ca) };
            let first = ((lo / spacing).ceil() as i64).max(k_min);
            let last = ((hi / spacing).ceil() as i64 - 1).min(k_max);
            for k in first..=last {
                let t = (k as f32 * spacing - ca) / (cb - ca);
                let p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
                crossings.push((k, p[0] - p[1]));
            }
        }
    }
    crossings.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for pair in crossings.chunk_by(|a, b| a.0 == b.0).flat_map(|line| line.chunks_exact(2)) {
        let c = pair[0].0 as f32 * spacing;
        // Back from (c = x + y, u = x − y) to screen x, y.
        let at = |u: f32| [(c + u) / 2.0, (c - u) / 2.0];
        out.push_part([at(pair[0].1), at(pair[1].1)], false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_length(p: &Polylines) -> f32 {
        p.parts
            .iter()
            .map(|(r, _)| {
                let s = p.part_points(r);
                ((s[1][0] - s[0][0]).powi(2) + (s[1][1] - s[0][1]).powi(2)).sqrt()
            })
            .sum()
    }

    /// Even-odd point in polygon over every closed part.
    fn inside(rings: &Polylines, q: [f32; 2]) -> bool {
        let mut odd = false;
        for (r, _) in &rings.parts {
            let pts = rings.part_points(r);
            for i in 0..pts.len() {
                let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                if (a[1] > q[1]) != (b[1] > q[1])
                    && q[0] < a[0] + (q[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
                {
                    odd = !odd;
                }
            }
        }
        odd
    }

    #[test]
    fn square_with_a_hole_is_hatched_inside_only() {
        let mut rings = Polylines::rect([0.0, 0.0, 100.0, 100.0]);
        rings.push_part([[40.0, 40.0], [60.0, 40.0], [60.0, 60.0], [40.0, 60.0]], true);
        let mut out = Polylines::default();
        hatch_segments(&rings, 5.0, [-10.0, -10.0, 110.0, 110.0], &mut out);
        // Area / spacing along the normal: (100² − 20²) / (5 / √2) ≈ 2715 of line length.
        let expected = (100.0f32 * 100.0 - 20.0 * 20.0) / (5.0 / 2f32.sqrt());
        assert!(
            (total_length(&out) - expected).abs() < expected * 0.03,
            "{} vs {expected}",
            total_length(&out)
        );
        for (r, _) in &out.parts {
            let s = out.part_points(r);
            let mid = [(s[0][0] + s[1][0]) / 2.0, (s[0][1] + s[1][1]) / 2.0];
            assert!(inside(&rings, mid), "segment {s:?} outside the shape or in its hole");
        }
    }

    #[test]
    fn concave_shape_gets_separate_segments_per_lobe() {
        // A U: two prongs joined at the bottom; lines through both prongs make two segments.
        let rings = Polylines::polygon(&[
            [0.0, 0.0],
            [30.0, 0.0],
            [30.0, 70.0],
            [70.0, 70.0],
            [70.0, 0.0],
            [100.0, 0.0],
            [100.0, 100.0],
            [0.0, 100.0],
        ]);
        let mut out = Polylines::default();
        hatch_segments(&rings, 7.0, [0.0, 0.0, 100.0, 100.0], &mut out);
        assert!(!out.is_empty());
        for (r, _) in &out.parts {
            let s = out.part_points(r);
            for t in [0.25, 0.5, 0.75] {
                let q = [s[0][0] + t * (s[1][0] - s[0][0]), s[0][1] + t * (s[1][1] - s[0][1])];
                assert!(inside(&rings, q), "{q:?} of {s:?} is outside the U");
            }
        }
        let mut none = Polylines::default();
        hatch_segments(&rings, 7.0, [500.0, 500.0, 600.0, 600.0], &mut none);
        assert!(none.is_empty(), "lines off screen are not computed");
    }
}
