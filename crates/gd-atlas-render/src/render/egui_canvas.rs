//! The window's canvas: turns drawing calls into `egui::Shape`s for an `egui::Painter`.
//!
//! Each call becomes exactly one shape (a `Shape::Vec` when it needs several, e.g. the dashes
//! of a line or a label's halo copies), so a test can match shapes to calls one to one. The
//! shapes go to the painter in one batch when the canvas is dropped — or are taken with
//! [`EguiCanvas::into_shapes`] to be tessellated into the window's cached mesh.
//!
//! Markers and labels are drawn through it every frame, so it stays lean: one `Vec<Pos2>` per
//! part, text laid out once per label through egui's galley cache.

use egui::epaint::{Mesh, PathStroke, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind};

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextMeasure, TextRun};
use crate::scene::lod_cache::ShapeMesh;
use crate::scene::style::{Color, Dash, LineStyle};
use crate::scene::view::ScreenFromMercator;

pub fn color32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn pos2(p: [f32; 2]) -> Pos2 {
    Pos2::new(p[0], p[1])
}

pub struct EguiCanvas<'p> {
    painter: &'p Painter,
    shapes: Vec<Shape>,
}

impl<'p> EguiCanvas<'p> {
    pub fn new(painter: &'p Painter) -> Self {
        EguiCanvas { painter, shapes: Vec::new() }
    }

    /// The shapes drawn so far, instead of handing them to the painter.
    pub fn into_shapes(mut self) -> Vec<Shape> {
        std::mem::take(&mut self.shapes)
    }

    fn push(&mut self, mut shapes: Vec<Shape>) {
        match shapes.len() {
            0 => {}
            1 => self.shapes.extend(shapes.pop()),
            _ => self.shapes.push(Shape::Vec(shapes)),
        }
    }
}

impl Drop for EguiCanvas<'_> {
    fn drop(&mut self) {
        if !self.shapes.is_empty() {
            self.painter.extend(std::mem::take(&mut self.shapes));
        }
    }
}

/// The rectangle a closed part traces, if it is an axis-aligned one (`Polylines::rect`): egui
/// draws those aligned to the pixel grid, so panel edges and square markers stay crisp.
fn axis_aligned_rect(points: &[Pos2]) -> Option<Rect> {
    let [a, b, c, d] = points else { return None };
    let horizontal_first = a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x;
    let vertical_first = a.x == b.x && b.y == c.y && c.x == d.x && d.y == a.y;
    (horizontal_first || vertical_first).then(|| Rect::from_two_pos(*a, *c))
}

/// Whether a closed polygon turns one way only (egui fills only convex polygons).
fn is_convex(points: &[Pos2]) -> bool {
    let n = points.len();
    let mut sign = 0.0f32;
    for i in 0..n {
        let (a, b, c) = (points[i], points[(i + 1) % n], points[(i + 2) % n]);
        let cross = (b - a).x * (c - b).y - (b - a).y * (c - b).x;
        if cross != 0.0 {
            if sign == 0.0 {
                sign = cross.signum();
            } else if cross.signum() != sign {
                return false;
            }
        }
    }
    true
}

/// A concave polygon as earcut triangles (not antialiased; nothing the window draws through the
/// canvas is concave, region fills come triangulated through `fill_mesh`).
fn triangulated(points: &[Pos2], color: Color32) -> Option<Shape> {
    let flat: Vec<f64> = points.iter().flat_map(|p| [p.x as f64, p.y as f64]).collect();
    let triangles = earcutr::earcut(&flat, &[], 2).ok()?;
    Some(Shape::mesh(Mesh {
        vertices: points.iter().map(|&pos| Vertex { pos, uv: WHITE_UV, color }).collect(),
        indices: triangles.into_iter().map(|i| i as u32).collect(),
        ..Default::default()
    }))
}

/// One part of a stroke, in the line style: a path, its dashes, or its dots.
/// From this width (points) a closed outline is stroked as [`spike_free_ring`]: egui joins the
/// corners of a closed path with unlimited miters, and a thick outline (the selection's) grew
/// spikes at every sharp corner of a county's border (issue 19 QA).
const SPIKE_FREE_WIDTH: f32 = 1.5;

/// A ring as an open path that runs once round and on over its first segment: egui cuts off
/// the sharp corners of an open path (no spikes), and the overlap hides the two ends (drawn
/// only for opaque strokes, where drawing a segment twice does not show).
fn spike_free_ring(mut points: Vec<Pos2>) -> Vec<Pos2> {
    points.extend_from_slice(&[points[0], points[1]]);
    points
}

/// Whether a ring turns by more than a right angle anywhere (egui's miter there is longer than
/// √2 half-widths). Markers' circles, squares and diamonds do not: they stay closed paths.
fn has_sharp_corner(points: &[Pos2]) -> bool {
    let n = points.len();
    n >= 3
        && (0..n).any(|i| {
            let (prev, here, next) = (points[(i + n - 1) % n], points[i], points[(i + 1) % n]);
            (here - prev).normalized().dot((next - here).normalized()) < -1e-3
        })
}

fn stroke_part(mut points: Vec<Pos2>, closed: bool, style: &LineStyle, out: &mut Vec<Shape>) {
    let color = color32(style.color);
    match style.dash {
        Dash::Solid => {
            // Rectangles and single segments are shapes egui aligns to the pixel grid: crisp
            // panel edges, square markers and legend swatches. A rectangle's stroke is given as
            // the outside of its inner edge, so the grid puts that edge where egui puts a fill
            // of the inner rectangle (a square marker's outline then hugs its fill).
            let rect = if closed { axis_aligned_rect(&points) } else { None };
            let half = style.width / 2.0;
            out.push(match (rect, points.as_slice()) {
                (Some(rect), _) => Shape::rect_stroke(
                    rect.shrink(half),
                    0.0,
                    Stroke::new(style.width, color),
                    StrokeKind::Outside,
                ),
                (None, &[a, b]) if !closed => {
                    Shape::line_segment([a, b], Stroke::new(style.width, color))
                }
                _ if closed
                    && style.width >= SPIKE_FREE_WIDTH
                    && style.color[3] == 255
                    && has_sharp_corner(&points) =>
                {
                    Shape::line(spike_free_ring(points), PathStroke::new(style.width, color))
                }
                _ if closed => Shape::closed_line(points, PathStroke::new(style.width, color)),
                _ => Shape::line(points, PathStroke::new(style.width, color)),
            });
        }
        Dash::Dashed { on, off } => {
            if closed {
                points.push(points[0]);
            }
            Shape::dashed_line_many(&points, Stroke::new(style.width, color), on, off, out);
        }
        Dash::Dotted { spacing } => {
            if closed {
                points.push(points[0]);
            }
            out.extend(Shape::dotted_line(&points, color, spacing, style.width * 0.6));
        }
    }
}

impl Canvas for EguiCanvas<'_> {
    /// Fills each part on its own (egui has no even-odd rule): rectangles, convex parts as
    /// antialiased polygons, others as triangles.
    fn fill(&mut self, shape: &Polylines, color: Color, _tag: Option<FillTag>) {
        let color = color32(color);
        let mut out = Vec::with_capacity(shape.parts.len());
        for (range, _) in &shape.parts {
            let points: Vec<Pos2> = shape.part_points(range).iter().map(|&p| pos2(p)).collect();
            if let Some(rect) = axis_aligned_rect(&points) {
                out.push(Shape::rect_filled(rect, 0.0, color));
            } else if is_convex(&points) {
                out.push(Shape::convex_polygon(points, color, Stroke::NONE));
            } else {
                out.extend(triangulated(&points, color));
            }
        }
        self.push(out);
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        let mut out = Vec::with_capacity(shape.parts.len());
        for (range, closed) in &shape.parts {
            let points = shape.part_points(range).iter().map(|&p| pos2(p)).collect();
            stroke_part(points, *closed, style, &mut out);
        }
        self.push(out);
    }

    /// The label's halo is four copies offset by the halo width, rounded to whole device pixels
    /// (egui snaps text to pixels): cheaper than eight, and the diagonals add little.
    fn text(&mut self, run: &TextRun) {
        let galley = self.painter.layout_no_wrap(
            run.text.to_string(),
            FontId::proportional(run.size),
            color32(run.color),
        );
        let anchor = match run.align {
            HAlign::Left => Align2::LEFT_CENTER,
            HAlign::Center => Align2::CENTER_CENTER,
            HAlign::Right => Align2::RIGHT_CENTER,
        };
        let pos = anchor.anchor_size(pos2(run.pos_screen), galley.size()).min;
        let Some((halo, width)) = run.halo else {
            self.shapes.push(Shape::galley(pos, galley, color32(run.color)));
            return;
        };
        let ppp = self.painter.pixels_per_point();
        let d = (width * ppp).round().max(1.0) / ppp;
        let mut copies: Vec<Shape> = [(-d, 0.0), (d, 0.0), (0.0, -d), (0.0, d)]
            .into_iter()
            .map(|(dx, dy)| {
                Shape::galley_with_override_text_color(
                    pos + egui::vec2(dx, dy),
                    galley.clone(),
                    color32(halo),
                )
            })
            .collect();
        copies.push(Shape::galley(pos, galley, color32(run.color)));
        self.shapes.push(Shape::Vec(copies));
    }

    /// The cached triangles, projected: no triangulation per draw.
    fn fill_mesh(
        &mut self,
        mesh: &ShapeMesh,
        screen_from_mercator: &ScreenFromMercator,
        color: Color,
        _tag: Option<FillTag>,
    ) {
        let triangles = mesh.triangles();
        if triangles.is_empty() {
            return;
        }
        let o = screen_from_mercator.apply(mesh.origin_mercator);
        let s = screen_from_mercator.scale as f32;
        let color = color32(color);
        self.shapes.push(Shape::mesh(Mesh {
            vertices: mesh
                .vertices
                .iter()
                .map(|p| Vertex {
                    pos: Pos2::new(o[0] + p[0] * s, o[1] + p[1] * s),
                    uv: WHITE_UV,
                    color,
                })
                .collect(),
            indices: triangles.to_vec(),
            ..Default::default()
        }));
    }
}

impl TextMeasure for EguiCanvas<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        self.painter
            .layout_no_wrap(text.to_string(), FontId::proportional(size), Color32::PLACEHOLDER)
            .size()
            .x
    }

    fn line_height(&self, size: f32) -> f32 {
        self.painter.fonts_mut(|f| f.row_height(&FontId::proportional(size)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounds of the triangles egui makes of `shapes`.
    fn tessellated_bounds(shapes: Vec<Shape>) -> Rect {
        let mut tessellator =
            egui::epaint::Tessellator::new(1.0, Default::default(), [1, 1], Vec::new());
        let mut mesh = Mesh::default();
        for shape in shapes {
            tessellator.tessellate_shape(shape, &mut mesh);
        }
        mesh.calc_bounds()
    }

    /// A thick ring with a needle-sharp corner stays within its points plus the stroke's width:
    /// no miter spike runs off the corner (the QA pass saw them on the selection's outline).
    #[test]
    fn thick_outlines_have_no_spikes_at_sharp_corners() {
        let ring = vec![
            Pos2::new(0.0, 0.0),
            Pos2::new(100.0, 0.0),
            Pos2::new(100.0, 50.0),
            Pos2::new(50.0, 52.0),
            Pos2::new(100.0, 54.0),
            Pos2::new(100.0, 100.0),
            Pos2::new(0.0, 100.0),
        ];
        let style = LineStyle { width: 6.5, color: [255, 255, 255, 255], dash: Dash::Solid };
        let mut out = Vec::new();
        stroke_part(ring, true, &style, &mut out);
        let bounds = tessellated_bounds(out);
        let allowed = Rect::from_min_max(Pos2::new(-7.0, -7.0), Pos2::new(107.0, 107.0));
        assert!(allowed.contains_rect(bounds), "the stroke spikes out to {bounds:?}");
    }
    use crate::model::PlaceKind;
    use crate::render::recording::{Primitive, RecordingCanvas};
    use crate::render::symbols::draw_marker;
    use crate::scene::style::{marker_style, AREA_HALO_OUTLINE};
    use crate::scene::Marker;
    use egui::epaint::ColorMode;

    /// Markers with every part: area halo (dashed ring), glyph, selection ring, cluster badge;
    /// a diamond and a square (which egui draws as pixel-aligned rectangles).
    fn markers() -> [Marker; 2] {
        let marker = |kind, halo_radius, selected| Marker {
            mercator: [0.5, 0.5],
            style: marker_style(kind, crate::model::Status::Existing),
            halo_radius,
            places: vec![3, 4],
            selected,
        };
        [
            marker(PlaceKind::LogisticsHub, Some(20.0), true),
            marker(PlaceKind::IndustrialPark, None, false),
        ]
    }

    fn points_of(shape: &Polylines) -> Vec<Pos2> {
        shape.points_screen.iter().map(|&p| pos2(p)).collect()
    }

    fn bounds_of(shape: &Polylines) -> Rect {
        Rect::from_points(&points_of(shape))
    }

    /// A recorded call and the egui shape made of it draw the same thing.
    fn assert_same(shape: &Shape, primitive: &Primitive) {
        match (primitive, shape) {
            (Primitive::Fill { shape: polylines, color, .. }, Shape::Path(p)) => {
                assert_eq!(p.fill, color32(*color));
                assert_eq!(p.points, points_of(polylines));
            }
            (Primitive::Fill { shape: polylines, color, .. }, Shape::Rect(r)) => {
                assert_eq!(r.fill, color32(*color));
                assert_eq!(r.rect, bounds_of(polylines));
            }
            (Primitive::Stroke { shape: polylines, style }, Shape::Vec(dashes)) => {
                assert_eq!(*style, AREA_HALO_OUTLINE, "only the dashed halo ring is many shapes");
                assert!(
                    dashes.len() > 5 && polylines.parts[0].1,
                    "{} dashes of a closed ring",
                    dashes.len()
                );
            }
            (Primitive::Stroke { shape: polylines, style }, Shape::Path(p)) => {
                assert_eq!(p.stroke.color, ColorMode::Solid(color32(style.color)));
                assert_eq!(p.stroke.width, style.width);
                assert!(p.closed);
                assert_eq!(p.points, points_of(polylines));
            }
            (Primitive::Stroke { shape: polylines, style }, Shape::Rect(r)) => {
                assert_eq!(r.stroke, Stroke::new(style.width, color32(style.color)));
                // Given as the outside of the inner edge: the same band of pixels.
                assert_eq!(r.rect.expand(style.width / 2.0), bounds_of(polylines));
            }
            (Primitive::Text { text, color, .. }, Shape::Text(t)) => {
                assert_eq!(t.galley.text(), text);
                assert_eq!(t.fallback_color, color32(*color));
            }
            (primitive, shape) => panic!("{primitive:?} drawn as {shape:?}"),
        }
    }

    /// The egui canvas turns each recorded call into the matching shape: same points, colours,
    /// widths and text.
    #[test]
    fn egui_canvas_and_recording_agree_on_markers() {
        let ctx = egui::Context::default();
        ctx.run_ui(egui::RawInput::default(), |ui| {
            for marker in markers() {
                let mut recording = RecordingCanvas::default();
                draw_marker(&mut recording, &marker, [100.0, 80.0], false);
                let mut canvas = EguiCanvas::new(ui.painter());
                draw_marker(&mut canvas, &marker, [100.0, 80.0], false);
                let shapes = canvas.into_shapes();
                assert_eq!(
                    shapes.len(),
                    recording.primitives.len(),
                    "one shape per call: {:#?}",
                    recording.primitives
                );
                for (shape, primitive) in shapes.iter().zip(&recording.primitives) {
                    assert_same(shape, primitive);
                }
            }
        })
        .drop_without_applying_deltas(); // no renderer here to upload the font atlas to
    }

    #[test]
    fn fills_are_rectangles_convex_polygons_or_triangles() {
        let ctx = egui::Context::default();
        ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut canvas = EguiCanvas::new(ui.painter());
            let l_shape = [[0.0, 0.0], [20.0, 0.0], [20.0, 10.0], [10.0, 10.0], [10.0, 20.0], [0.0, 20.0]];
            canvas.fill(&Polylines::polygon(&l_shape), [0, 0, 0, 255], None);
            canvas.fill(&Polylines::rect([0.0, 1.0, 5.0, 6.0]), [0, 0, 0, 255], None);
            canvas.fill(&Polylines::polygon(&[[0.0, 0.0], [4.0, 1.0], [2.0, 5.0]]), [0, 0, 0, 255], None);
            let shapes = canvas.into_shapes();
            let Shape::Mesh(mesh) = &shapes[0] else { panic!("{:?}", shapes[0]) };
            assert_eq!(mesh.indices.len(), 4 * 3, "an L of six corners is four triangles");
            assert!(matches!(&shapes[1], Shape::Rect(r) if r.rect == Rect::from_min_max(Pos2::new(0.0, 1.0), Pos2::new(5.0, 6.0))));
            assert!(matches!(&shapes[2], Shape::Path(p) if p.points.len() == 3));
        })
        .drop_without_applying_deltas(); // no renderer here to upload the font atlas to
    }
}
