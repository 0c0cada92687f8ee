//! The drawing surface both exporters implement, so the scene and the furniture are painted by
//! one piece of code and the PNG and the SVG cannot drift apart.
//!
//! All coordinates are *logical* pixels (the space the scene was built in); each canvas applies
//! the device-pixel ratio itself (tiny-skia by a transform, SVG by its `viewBox`).

use std::ops::Range;

use crate::scene::style::{Color, LineStyle};

/// Several polylines in one flat buffer: the parts of a shape (rings) or of a border set (arcs).
/// Reused between items so painting does not allocate per ring.
#[derive(Clone, Debug, Default)]
pub struct Polylines {
    pub points_screen: Vec<[f32; 2]>,
    /// Ranges of `points_screen`, and whether the part is closed.
    pub parts: Vec<(Range<u32>, bool)>,
}

impl Polylines {
    pub fn clear(&mut self) {
        self.points_screen.clear();
        self.parts.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Adds one part; parts with fewer than two points are skipped.
    pub fn push_part(&mut self, points_screen: impl IntoIterator<Item = [f32; 2]>, closed: bool) {
        let start = self.points_screen.len() as u32;
        self.points_screen.extend(points_screen);
        let end = self.points_screen.len() as u32;
        if end - start < 2 {
            self.points_screen.truncate(start as usize);
            return;
        }
        self.parts.push((start..end, closed));
    }

    pub fn part_points(&self, part: &Range<u32>) -> &[[f32; 2]] {
        &self.points_screen[part.start as usize..part.end as usize]
    }

    pub fn rect(rect_screen: [f32; 4]) -> Polylines {
        let [x0, y0, x1, y1] = rect_screen;
        let mut p = Polylines::default();
        p.push_part([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], true);
        p
    }

    pub fn polygon(points_screen: &[[f32; 2]]) -> Polylines {
        let mut p = Polylines::default();
        p.push_part(points_screen.iter().copied(), true);
        p
    }

    /// A circle as a closed polygon (fine enough for markers at any export size).
    pub fn circle(center_screen: [f32; 2], radius: f32) -> Polylines {
        let n = ((radius * 2.0) as usize).clamp(24, 96);
        let mut p = Polylines::default();
        p.push_part(
            (0..n).map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                [center_screen[0] + radius * a.cos(), center_screen[1] + radius * a.sin()]
            }),
            true,
        );
        p
    }

    pub fn line(a_screen: [f32; 2], b_screen: [f32; 2]) -> Polylines {
        let mut p = Polylines::default();
        p.push_part([a_screen, b_screen], false);
        p
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// One line of text. `pos_screen` is the anchor point: horizontally per `align`, vertically the
/// middle of the font's ascent–descent box (so centred labels sit on their point).
#[derive(Clone, Debug)]
pub struct TextRun<'a> {
    pub text: &'a str,
    pub pos_screen: [f32; 2],
    pub size: f32,
    pub align: HAlign,
    pub color: Color,
    /// Halo colour and width (logical pixels on each side of the glyph outline).
    pub halo: Option<(Color, f32)>,
}

/// What a filled shape is, so the SVG can name it (`class`, `data-code`).
#[derive(Clone, Copy, Debug)]
pub struct FillTag<'a> {
    pub class: &'a str,
    pub code: Option<&'a str>,
}

pub trait Canvas {
    /// Fills the closed parts with the even-odd rule: holes and multipolygons come out exact
    /// without triangles.
    fn fill(&mut self, shape: &Polylines, color: Color, tag: Option<FillTag>);
    /// Strokes every part with the line style (dashes and dots included).
    fn stroke(&mut self, shape: &Polylines, style: &LineStyle);
    fn text(&mut self, run: &TextRun);
    /// Groups for the SVG's structure (`<g id=…>`); the PNG ignores them.
    fn begin_group(&mut self, _id: &str) {}
    fn end_group(&mut self) {}
}
