//! Thin solid strokes painted straight from each pixel's distance to the line, instead of
//! tiny-skia's stroker and anti-aliased fill (issue 21: the figures' borders are 1–4 device
//! pixels wide, and stroking them was the largest part of a 4K export's painting).
//!
//! Why it is cheaper: tiny-skia turns a stroke into an outline (offset curves, joins and caps),
//! then scan-converts that outline with four sub-scanlines per row, sorting its edges first. Here
//! each pixel near a segment gets the coverage of a box filter of one pixel over the stroke —
//! `clamp(half_width + ½ − distance, 0, 1)` — once, and the stroke is the union of its segments'
//! capsules (the largest coverage any segment gives a pixel), which is a stroke with round joins
//! and round caps, as tiny-skia's with `LineJoin::Round` and `LineCap::Round`. The pixels are
//! those of an analytic anti-aliasing rather than tiny-skia's 4×4 supersampling: the same line,
//! edge pixels a few levels apart (measured in `BENCHMARKS.md`, issue 21).

use tiny_skia::{PixmapMut, Transform};

use super::canvas::Polylines;
use crate::scene::style::Color;

/// Scratch of one band: the stroke's coverage of each pixel (0–255), and per row the columns
/// touched, so that blending and clearing visit only those.
#[derive(Default)]
pub struct ThinStroker {
    cover: Vec<u8>,
    /// Per row, the chunks of [`ThinStroker::chunk`] columns with coverage, one bit each: a
    /// border across the whole figure touches a few pixels of each chunk it crosses, and
    /// blending visits only those chunks, not the whole row between its ends.
    chunks: Vec<u64>,
    width: u32,
    /// Columns per chunk: the row's width in 64 chunks, at least 16.
    chunk: u32,
}

impl ThinStroker {
    /// Strokes `shape` (logical pixels, drawn through `transform`: a scale and a translation)
    /// `width_px` device pixels wide in `color` over `pixmap`.
    pub fn stroke(
        &mut self,
        pixmap: &mut PixmapMut,
        transform: Transform,
        shape: &Polylines,
        width_px: f32,
        color: Color,
    ) {
        self.reset(pixmap.width(), pixmap.height());
        let device =
            |p: [f32; 2]| [p[0] * transform.sx + transform.tx, p[1] * transform.sy + transform.ty];
        let half = width_px / 2.0;
        for (range, closed) in &shape.parts {
            let pts = shape.part_points(range);
            for w in pts.windows(2) {
                self.segment(device(w[0]), device(w[1]), half);
            }
            if *closed && pts.len() > 2 {
                self.segment(device(pts[pts.len() - 1]), device(pts[0]), half);
            }
        }
        self.blend(pixmap, color);
    }

    /// Sizes the scratch for a `width`×`height` band; the coverage is all zero between strokes
    /// (`blend` clears what it read).
    fn reset(&mut self, width: u32, height: u32) {
        let len = width as usize * height as usize;
        if self.width != width || self.cover.len() != len {
            self.cover.clear();
            self.cover.resize(len, 0);
            self.width = width;
        }
        self.chunk = width.div_ceil(64).max(16);
        self.chunks.clear();
        self.chunks.resize(height as usize, 0);
    }

    /// Adds the coverage of the capsule of radius `half` around segment `a`–`b` (device pixels).
    fn segment(&mut self, a: [f32; 2], b: [f32; 2], half: f32) {
        let height = self.chunks.len() as i64;
        let width = self.width as i64;
        // Pixels whose centre lies within `reach` of the segment can be covered.
        let reach = half + 0.5;
        let y_lo = ((a[1].min(b[1]) - reach).floor() as i64).max(0);
        let y_hi = ((a[1].max(b[1]) + reach).ceil() as i64).min(height);
        if y_lo >= y_hi {
            return;
        }
        let d = [b[0] - a[0], b[1] - a[1]];
        let len2 = d[0] * d[0] + d[1] * d[1];
        // The peak coverage of a stroke narrower than a pixel is its width, not a whole pixel.
        let peak = (2.0 * half).min(1.0);
        for y in y_lo..y_hi {
            let cy = y as f32 + 0.5;
            // The columns of this row within `reach` of the segment: the segment's x over the
            // rows `cy ± reach`, widened by `reach`.
            let Some((x0, x1)) = x_range_near_row(a, b, cy, reach) else { continue };
            let x_lo = (x0.floor() as i64).max(0);
            let x_hi = (x1.ceil() as i64 + 1).min(width);
            if x_lo >= x_hi {
                continue;
            }
            let row = y as usize * self.width as usize;
            for x in x_lo..x_hi {
                let c = [x as f32 + 0.5, cy];
                let dist = distance_to_segment(c, a, d, len2);
                let cover = (reach - dist).min(peak);
                if cover <= 0.0 {
                    continue;
                }
                let v = (cover * 255.0 + 0.5) as u8;
                let cell = &mut self.cover[row + x as usize];
                if v > *cell {
                    *cell = v;
                }
            }
            let (first, last) = (x_lo as u32 / self.chunk, (x_hi as u32 - 1) / self.chunk);
            // Bits first..=last (last < 64: the row has at most 64 chunks).
            self.chunks[y as usize] |= (u64::MAX >> (63 - last)) & (u64::MAX << first);
        }
    }

    /// Blends `color` (straight RGBA) over the pixmap (premultiplied) by the coverage, source
    /// over, and clears the coverage it read.
    fn blend(&mut self, pixmap: &mut PixmapMut, color: Color) {
        let alpha = color[3] as u32;
        let premul = |c: u8| (c as u32 * alpha + 127) / 255;
        let src = [premul(color[0]), premul(color[1]), premul(color[2]), alpha];
        let row_bytes = self.width as usize * 4;
        let data = pixmap.data_mut();
        let chunk = self.chunk as usize;
        for (y, &bits) in self.chunks.iter().enumerate() {
            let row = y * self.width as usize;
            let columns = (0..64)
                .filter(|i| bits & (1 << i) != 0)
                .flat_map(|i| i * chunk..((i + 1) * chunk).min(self.width as usize));
            for x in columns {
                let cover = std::mem::take(&mut self.cover[row + x]) as u32;
                if cover == 0 {
                    continue;
                }
                let px = &mut data[y * row_bytes + 4 * x..y * row_bytes + 4 * x + 4];
                let keep = 255 - (alpha * cover + 127) / 255;
                for (dst, s) in px.iter_mut().zip(src) {
                    *dst =
                        ((s * cover + 127) / 255 + (*dst as u32 * keep + 127) / 255).min(255) as u8;
                }
            }
        }
    }
}

/// The x range (device pixels) of the points within `reach` of segment `a`–`b` on the row whose
/// centre is at `cy`: the segment clipped to the rows `cy ± reach`, widened by `reach`. `None`
/// when the segment does not come that near the row.
fn x_range_near_row(a: [f32; 2], b: [f32; 2], cy: f32, reach: f32) -> Option<(f32, f32)> {
    let (top, bottom) = (cy - reach, cy + reach);
    let (ya, yb) = (a[1].min(b[1]).max(top), a[1].max(b[1]).min(bottom));
    if ya > yb {
        return None;
    }
    let dy = b[1] - a[1];
    let (lo, hi) = if dy.abs() < 1e-6 {
        (a[0].min(b[0]), a[0].max(b[0]))
    } else {
        let x_at = |y: f32| a[0] + (y - a[1]) / dy * (b[0] - a[0]);
        let (xa, xb) = (x_at(ya), x_at(yb));
        (xa.min(xb), xa.max(xb))
    };
    Some((lo - reach, hi + reach))
}

/// Distance from `c` to the segment from `a` along `d` (`len2` = |d|²).
fn distance_to_segment(c: [f32; 2], a: [f32; 2], d: [f32; 2], len2: f32) -> f32 {
    let v = [c[0] - a[0], c[1] - a[1]];
    let t = if len2 > 0.0 { ((v[0] * d[0] + v[1] * d[1]) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let e = [v[0] - t * d[0], v[1] - t * d[1]];
    (e[0] * e[0] + e[1] * e[1]).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiny_skia::{LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke};

    /// The same polyline stroked here and by tiny-skia (round joins and caps).
    fn both(points: &[[f32; 2]], closed: bool, width: f32, color: Color) -> (Pixmap, Pixmap) {
        let mut shape = Polylines::default();
        shape.push_part(points.iter().copied(), closed);
        let mut ours = Pixmap::new(64, 48).expect("pixmap");
        ours.fill(tiny_skia::Color::WHITE);
        let mut theirs = ours.clone();
        ThinStroker::default().stroke(
            &mut ours.as_mut(),
            Transform::identity(),
            &shape,
            width,
            color,
        );
        let mut pb = PathBuilder::new();
        pb.move_to(points[0][0], points[0][1]);
        for p in &points[1..] {
            pb.line_to(p[0], p[1]);
        }
        if closed {
            pb.close();
        }
        let mut paint = Paint::default();
        paint.set_color_rgba8(color[0], color[1], color[2], color[3]);
        paint.anti_alias = true;
        let stroke = Stroke {
            width,
            line_join: LineJoin::Round,
            line_cap: LineCap::Round,
            ..Stroke::default()
        };
        theirs.stroke_path(
            &pb.finish().expect("path"),
            &paint,
            &stroke,
            Transform::identity(),
            None,
        );
        (ours, theirs)
    }

    /// Sum over the pixels of the darkening (255 − red), a measure of the ink laid down.
    fn ink(p: &Pixmap) -> f64 {
        p.pixels().iter().map(|px| 255.0 - px.red() as f64).sum()
    }

    #[test]
    fn strokes_lay_down_tiny_skias_ink_on_the_same_pixels() {
        // (Measured: ink within 0.3 %, solid pixels within 2 of tiny-skia's, edge pixels up to
        // 84 levels apart, at every width of this range; at exactly one pixel tiny-skia draws a
        // hairline, 19 % lighter, which is why the canvas routes only wider strokes here.)
        let zigzag = [[3.0, 5.0], [30.0, 40.0], [33.5, 8.2], [60.0, 30.0]];
        for width in [1.2, 1.5, 1.9, 2.9, 4.3] {
            let (ours, theirs) = both(&zigzag, false, width, [20, 20, 20, 255]);
            let (a, b) = (ink(&ours), ink(&theirs));
            assert!((a - b).abs() / b < 0.01, "width {width}: ink {a} vs tiny-skia's {b}");
            let solid = |p: &Pixmap| p.pixels().iter().filter(|px| px.red() <= 21).count();
            let (s_ours, s_theirs) = (solid(&ours), solid(&theirs));
            assert!(s_ours.abs_diff(s_theirs) <= 3, "width {width}: {s_ours} vs {s_theirs} solid");
            // Away from the line's edges the pixels are the same; on them, partial coverage
            // differs by at most about a third.
            for (o, t) in ours.pixels().iter().zip(theirs.pixels()) {
                let diff = o.red().abs_diff(t.red());
                assert!(diff <= 90, "width {width}: a pixel {} vs {}", o.red(), t.red());
            }
        }
    }

    #[test]
    fn a_closed_ring_is_stroked_all_round_and_translucent_colour_blends() {
        let square = [[10.0, 10.0], [50.0, 10.0], [50.0, 40.0], [10.0, 40.0]];
        let (ours, theirs) = both(&square, true, 2.0, [200, 0, 0, 128]);
        // The closing edge (x = 10) is painted.
        assert_eq!(ours.pixel(10, 25).map(|p| p.red()), theirs.pixel(10, 25).map(|p| p.red()));
        assert!(ours.pixel(10, 25).is_some_and(|p| p.green() < 200), "closing edge painted");
        // Half-transparent red over white: pinkish, not red, and the same as tiny-skia's.
        let (o, t) = (ours.pixel(30, 10).expect("px"), theirs.pixel(30, 10).expect("px"));
        assert!((o.green() as i32 - t.green() as i32).abs() <= 2, "{o:?} vs {t:?}");
        assert_eq!(o.alpha(), 255);
        // Inside and outside untouched.
        assert_eq!(ours.pixel(30, 25), theirs.pixel(30, 25));
        assert_eq!(ours.pixel(2, 2), theirs.pixel(2, 2));
    }

    #[test]
    fn segments_past_the_band_and_degenerate_ones_are_safe() {
        let mut shape = Polylines::default();
        shape.push_part([[-100.0, -50.0], [500.0, 300.0], [500.0, 300.0], [20.0, 20.0]], false);
        let mut p = Pixmap::new(40, 30).expect("pixmap");
        let mut s = ThinStroker::default();
        s.stroke(
            &mut p.as_mut(),
            Transform::from_translate(0.0, -5.0),
            &shape,
            2.0,
            [0, 0, 0, 255],
        );
        assert!(p.pixels().iter().any(|px| px.alpha() > 0), "the line crosses the band");
        // The scratch is clear again: a second stroke of nothing paints nothing.
        let before = p.clone();
        s.stroke(
            &mut p.as_mut(),
            Transform::identity(),
            &Polylines::default(),
            2.0,
            [0, 0, 0, 255],
        );
        assert_eq!(p, before);
    }
}
