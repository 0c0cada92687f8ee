//! The drawing surface every target implements — the window (egui), PNG (tiny-skia), SVG, PDF
//! and a recording for tests — so the scene and the furniture are painted by one piece of code and the
//! window and the figures cannot drift apart.
//!
//! All coordinates are *logical* pixels (the space the scene was built in); each canvas applies
//! the device-pixel ratio itself (egui by its `pixels_per_point`, tiny-skia by a transform, SVG
//! by its `viewBox`, PDF by its page's scale).

use std::ops::Range;

use crate::scene::lod_cache::ShapeMesh;
use crate::scene::style::{Color, LineStyle};
use crate::scene::view::ScreenFromMercator;

/// Several polylines in one flat buffer: the parts of a shape (rings) or of a border set (arcs).
/// Reused between items so painting does not allocate per ring.
#[derive(Clone, Debug, Default, PartialEq)]
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

    /// Appends `origin + rel` (mercator, relative to a shape's corner as the LOD cache stores
    /// it) projected to the screen: `origin` in f64 once, then two f32 multiply-adds per vertex.
    pub fn push_projected(
        &mut self,
        screen_from_mercator: &ScreenFromMercator,
        origin_mercator: [f64; 2],
        rel_mercator: &[[f32; 2]],
        closed: bool,
    ) {
        let o = screen_from_mercator.apply(origin_mercator);
        let s = screen_from_mercator.scale as f32;
        self.push_part(rel_mercator.iter().map(|p| [o[0] + p[0] * s, o[1] + p[1] * s]), closed);
    }

    /// The rings of a cached shape, projected.
    pub fn push_rings(&mut self, screen_from_mercator: &ScreenFromMercator, mesh: &ShapeMesh) {
        for ring in &mesh.rings {
            let rel = &mesh.vertices[ring.start as usize..ring.end as usize];
            self.push_projected(screen_from_mercator, mesh.origin_mercator, rel, true);
        }
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

/// A drawing target. Every shared drawing function (`crate::render::scene`, `symbols`,
/// `furniture`) takes `&mut dyn Canvas`, so one function draws a marker or a scale bar for the
/// window and for the figures alike.
pub trait Canvas {
    /// Fills the closed parts with the even-odd rule: holes and multipolygons come out exact
    /// without triangles. (The egui canvas fills each part on its own: see its docs.)
    fn fill(&mut self, shape: &Polylines, color: Color, tag: Option<FillTag>);
    /// Strokes every part with the line style (dashes and dots included).
    fn stroke(&mut self, shape: &Polylines, style: &LineStyle);
    fn text(&mut self, run: &TextRun);
    /// Fills a shape of the level-of-detail cache. By default its rings are filled even-odd like
    /// any other shape; the window overrides this to reuse the cached triangles, since egui
    /// cannot fill concave polygons.
    fn fill_mesh(
        &mut self,
        mesh: &ShapeMesh,
        screen_from_mercator: &ScreenFromMercator,
        color: Color,
        tag: Option<FillTag>,
    ) {
        let mut rings = Polylines::default();
        rings.push_rings(screen_from_mercator, mesh);
        if !rings.is_empty() {
            self.fill(&rings, color, tag);
        }
    }
    /// Groups for the SVG's structure (`<g id=…>`); the other canvases ignore them.
    fn begin_group(&mut self, _id: &str) {}
    fn end_group(&mut self) {}
    /// Draws only inside `rect_screen` until [`Canvas::end_clip`]. Only the PDF needs it: its
    /// page clips the figure, and a map drawn past its frame under the title and credits bands
    /// left a hairline along the page's clipped edge where the viewer's anti-aliasing let it
    /// through (issue 19 QA). The PNG and SVG end at the figure's edge and ignore it.
    fn clip_to(&mut self, _rect_screen: [f32; 4]) {}
    fn end_clip(&mut self) {}
}

/// Text measuring, for laying out furniture before it is drawn. Each target measures with the
/// font it draws with: the figures with the embedded font, the window with egui's fonts.
pub trait TextMeasure {
    /// Width of one line of text, logical pixels.
    fn width(&self, text: &str, size: f32) -> f32;
    /// Height of a line box, logical pixels.
    fn line_height(&self, size: f32) -> f32;
}
