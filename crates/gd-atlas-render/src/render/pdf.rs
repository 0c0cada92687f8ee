//! The PDF canvas: the same scene and furniture as the PNG and SVG, as vector paths and real
//! text in the embedded font (subset into the file), on one page.
//!
//! Reports are printed, so the page has a paper size and margins ([`PdfPage`]) and the figure —
//! laid out in logical pixels like every export — is scaled uniformly into the printable area
//! and centred. Fills are even-odd paths, borders stroked paths with the same dashes as the
//! PNG; transparency uses one graphics state per alpha value. The output is deterministic: the
//! same drawing gives the same bytes (no dates, a fixed subset tag).

use std::collections::BTreeSet;

use pdf_writer::types::{LineCapStyle, LineJoinStyle, TextRenderingMode};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use super::pdf_font::{deflate, FontRefs, UsedGlyphs};
use super::text::{PlacedGlyph, Typeface};
use crate::scene::style::{Color, Dash, LineStyle};

/// Points (1/72 inch) per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A page: its size and the white margin kept on every side, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PdfPage {
    pub size_pt: [f32; 2],
    pub margin_pt: f32,
}

impl PdfPage {
    /// The printable area `[x, y, width, height]` in points.
    fn printable_pt(&self) -> [f32; 4] {
        let m =
            self.margin_pt.clamp(0.0, self.size_pt[0].min(self.size_pt[1]) / 2.0 - 1.0).max(0.0);
        [m, m, self.size_pt[0] - 2.0 * m, self.size_pt[1] - 2.0 * m]
    }
}

/// Which alpha a graphics state sets: the fill's (`ca`) or the stroke's (`CA`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum AlphaKind {
    Fill,
    Stroke,
}

pub struct PdfCanvas {
    content: Content,
    face: &'static Typeface,
    page: PdfPage,
    glyphs: UsedGlyphs,
    /// Graphics states the content refers to, written as resources at the end.
    alphas: BTreeSet<(AlphaKind, u8)>,
    fill_alpha: u8,
    stroke_alpha: u8,
    /// The alphas in force when each open clip was pushed: restoring the graphics state
    /// brings them back, so the cache must follow.
    clip_stack: Vec<(u8, u8)>,
}

fn rgb(c: Color) -> [f32; 3] {
    [c[0] as f32 / 255.0, c[1] as f32 / 255.0, c[2] as f32 / 255.0]
}

fn alpha_name(kind: AlphaKind, alpha: u8) -> String {
    match kind {
        AlphaKind::Fill => format!("ca{alpha}"),
        AlphaKind::Stroke => format!("CA{alpha}"),
    }
}

impl PdfCanvas {
    /// A page whose printable area shows a figure of `logical_size` (logical pixels), scaled to
    /// fit and centred.
    pub fn new(page: PdfPage, logical_size: [f32; 2], face: &'static Typeface) -> PdfCanvas {
        let mut content = Content::new();
        let [x, y, w, h] = page.printable_pt();
        let scale = (w / logical_size[0].max(1.0)).min(h / logical_size[1].max(1.0));
        let left_pt = x + (w - logical_size[0] * scale) / 2.0;
        let top_pt = y + (h - logical_size[1] * scale) / 2.0;
        // Logical pixels are y-down from the figure's top-left corner; PDF is y-up from the
        // page's bottom-left, so the y axis is flipped once here (text flips it back).
        content.transform([scale, 0.0, 0.0, -scale, left_pt, page.size_pt[1] - top_pt]);
        // The map is drawn past the figure's edges (a PNG or SVG ends there anyway); on paper
        // the margins must stay white, so everything is clipped to the figure.
        content.rect(0.0, 0.0, logical_size[0], logical_size[1]).clip_nonzero().end_path();
        content.set_line_join(LineJoinStyle::RoundJoin);
        PdfCanvas {
            content,
            face,
            page,
            glyphs: UsedGlyphs::default(),
            alphas: BTreeSet::new(),
            fill_alpha: 255,
            stroke_alpha: 255,
            clip_stack: Vec::new(),
        }
    }

    fn set_alpha(&mut self, kind: AlphaKind, alpha: u8) {
        let current = match kind {
            AlphaKind::Fill => &mut self.fill_alpha,
            AlphaKind::Stroke => &mut self.stroke_alpha,
        };
        if *current == alpha {
            return;
        }
        *current = alpha;
        self.alphas.insert((kind, alpha));
        self.content.set_parameters(Name(alpha_name(kind, alpha).as_bytes()));
    }

    fn set_fill(&mut self, color: Color) {
        let [r, g, b] = rgb(color);
        self.content.set_fill_rgb(r, g, b);
        self.set_alpha(AlphaKind::Fill, color[3]);
    }

    fn set_stroke(&mut self, color: Color, width: f32) {
        let [r, g, b] = rgb(color);
        self.content.set_stroke_rgb(r, g, b);
        self.content.set_line_width(width.max(0.1));
        self.set_alpha(AlphaKind::Stroke, color[3]);
    }

    fn path(&mut self, shape: &Polylines) {
        for (range, closed) in &shape.parts {
            let points = shape.part_points(range);
            let Some((first, rest)) = points.split_first() else { continue };
            self.content.move_to(first[0], first[1]);
            for p in rest {
                self.content.line_to(p[0], p[1]);
            }
            if *closed {
                self.content.close_path();
            }
        }
    }

    /// Dashes and caps as the PNG strokes them (`render::png::stroke_for`); the line width.
    fn set_dash(&mut self, style: &LineStyle) -> f32 {
        match style.dash {
            Dash::Solid => {
                self.content.set_line_cap(LineCapStyle::RoundCap).set_dash_pattern([], 0.0);
                style.width
            }
            Dash::Dashed { on, off } => {
                self.content
                    .set_line_cap(LineCapStyle::ButtCap)
                    .set_dash_pattern([on.max(0.1), off.max(0.1)], 0.0);
                style.width
            }
            Dash::Dotted { spacing } => {
                let width = style.width * 1.2;
                self.content
                    .set_line_cap(LineCapStyle::RoundCap)
                    .set_dash_pattern([0.01, spacing.max(width + 0.5)], 0.0);
                width
            }
        }
    }

    /// Shows a laid-out line with its left baseline end at `origin`: the glyph codes in runs,
    /// with an adjustment wherever kerning moves a glyph from its plain advance.
    fn show_glyphs(&mut self, glyphs: &[PlacedGlyph], size: f32, origin: [f32; 2]) {
        let (units_per_em, _, _) = self.face.metrics_units();
        let codes: Vec<(u16, f32)> = glyphs
            .iter()
            .map(|g| (self.glyphs.code(g.glyph_id, g.ch, g.advance_units), g.x_units))
            .collect();
        self.content.begin_text();
        self.content.set_font(Name(b"F0"), size);
        self.content.set_text_matrix([1.0, 0.0, 0.0, -1.0, origin[0], origin[1]]);
        let mut shown = self.content.show_positioned();
        let mut items = shown.items();
        let mut run: Vec<u8> = Vec::new();
        let mut pen_units = 0.0;
        for (&(code, x_units), g) in codes.iter().zip(glyphs) {
            let shift = x_units - pen_units;
            if shift.abs() > 0.01 {
                if !run.is_empty() {
                    items.show(Str(&run));
                    run.clear();
                }
                items.adjust(-shift * 1000.0 / units_per_em);
            }
            run.extend_from_slice(&code.to_be_bytes());
            pen_units = x_units + g.advance_units;
        }
        if !run.is_empty() {
            items.show(Str(&run));
        }
        items.finish();
        shown.finish();
        self.content.end_text();
    }

    /// The finished document: one page, its resources, the font subset, a title if given.
    pub fn finish(mut self, title: Option<&str>) -> Result<Vec<u8>, String> {
        let mut next = 1;
        let mut alloc = || {
            next += 1;
            Ref::new(next - 1)
        };
        let (catalog, pages, page_id, content_id, info) =
            (alloc(), alloc(), alloc(), alloc(), alloc());
        let font = FontRefs {
            type0: alloc(),
            cid_font: alloc(),
            descriptor: alloc(),
            font_file: alloc(),
            to_unicode: alloc(),
        };
        let states: Vec<((AlphaKind, u8), Ref)> =
            self.alphas.iter().map(|&k| (k, alloc())).collect();

        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(pages);
        pdf.pages(pages).kids([page_id]).count(1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, self.page.size_pt[0], self.page.size_pt[1]))
            .parent(pages)
            .contents(content_id);
        let mut resources = page.resources();
        if !self.glyphs.is_empty() {
            resources.fonts().pair(Name(b"F0"), font.type0);
        }
        let mut gs = resources.ext_g_states();
        for ((kind, alpha), id) in &states {
            gs.pair(Name(alpha_name(*kind, *alpha).as_bytes()), *id);
        }
        gs.finish();
        resources.finish();
        page.finish();
        for ((kind, alpha), id) in states {
            let mut state = pdf.ext_graphics(id);
            match kind {
                AlphaKind::Fill => state.non_stroking_alpha(alpha as f32 / 255.0),
                AlphaKind::Stroke => state.stroking_alpha(alpha as f32 / 255.0),
            };
        }
        let content = std::mem::replace(&mut self.content, Content::new()).finish();
        pdf.stream(content_id, &deflate(&content)).filter(Filter::FlateDecode);
        if !self.glyphs.is_empty() {
            self.glyphs.write(&mut pdf, self.face, &font)?;
        }
        let mut doc_info = pdf.document_info(info);
        doc_info.producer(TextStr(concat!("Guangdong Atlas ", env!("CARGO_PKG_VERSION"))));
        if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
            doc_info.title(TextStr(title));
        }
        doc_info.finish();
        Ok(pdf.finish())
    }
}

impl Canvas for PdfCanvas {
    fn clip_to(&mut self, rect_screen: [f32; 4]) {
        self.clip_stack.push((self.fill_alpha, self.stroke_alpha));
        let [x0, y0, x1, y1] = rect_screen;
        self.content.save_state();
        self.content.rect(x0, y0, x1 - x0, y1 - y0).clip_nonzero().end_path();
    }

    fn end_clip(&mut self) {
        if let Some((fill, stroke)) = self.clip_stack.pop() {
            self.content.restore_state();
            (self.fill_alpha, self.stroke_alpha) = (fill, stroke);
        }
    }

    fn fill(&mut self, shape: &Polylines, color: Color, _tag: Option<FillTag>) {
        if shape.is_empty() || color[3] == 0 {
            return;
        }
        self.set_fill(color);
        self.path(shape);
        self.content.fill_even_odd();
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        if shape.is_empty() || style.color[3] == 0 {
            return;
        }
        let width = self.set_dash(style);
        self.set_stroke(style.color, width);
        self.path(shape);
        self.content.stroke();
    }

    fn text(&mut self, run: &TextRun) {
        let glyphs = self.face.glyph_run(run.text);
        let Some(last) = glyphs.last() else { return };
        let (units_per_em, _, _) = self.face.metrics_units();
        let width = (last.x_units + last.advance_units) * run.size / units_per_em;
        let left = match run.align {
            HAlign::Left => run.pos_screen[0],
            HAlign::Center => run.pos_screen[0] - width / 2.0,
            HAlign::Right => run.pos_screen[0] - width,
        };
        let origin = [left, run.pos_screen[1] + self.face.baseline_offset(run.size)];
        if let Some((halo, halo_width)) = run.halo {
            self.set_stroke(halo, 2.0 * halo_width);
            self.content.set_line_cap(LineCapStyle::RoundCap).set_dash_pattern([], 0.0);
            self.content.set_text_rendering_mode(TextRenderingMode::Stroke);
            self.show_glyphs(&glyphs, run.size, origin);
            self.content.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        self.set_fill(run.color);
        self.show_glyphs(&glyphs, run.size, origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::typeface;

    fn a4() -> PdfPage {
        PdfPage { size_pt: [297.0 * PT_PER_MM, 210.0 * PT_PER_MM], margin_pt: 10.0 * PT_PER_MM }
    }

    fn sample(title: Option<&str>) -> Vec<u8> {
        let face = typeface().expect("font");
        let mut canvas = PdfCanvas::new(a4(), [1000.0, 700.0], face);
        canvas.fill(&Polylines::rect([10.0, 10.0, 200.0, 100.0]), [200, 30, 30, 128], None);
        canvas.stroke(
            &Polylines::line([0.0, 0.0], [500.0, 500.0]),
            &LineStyle {
                width: 2.0,
                color: [0, 0, 0, 255],
                dash: Dash::Dashed { on: 4.0, off: 2.0 },
            },
        );
        let run = TextRun {
            text: "肇庆市 Zhaoqing",
            pos_screen: [500.0, 350.0],
            size: 14.0,
            align: HAlign::Center,
            color: [20, 20, 20, 255],
            halo: Some(([255, 255, 255, 255], 2.0)),
        };
        canvas.text(&run);
        canvas.finish(title).expect("pdf")
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn writes_a_page_with_an_embedded_subset_font_and_alpha_states() {
        let bytes = sample(Some("Guangdong"));
        assert!(bytes.starts_with(b"%PDF-1.7"));
        assert!(contains(&bytes, b"/MediaBox [0 0 841.8898 595.2756"), "A4 landscape media box");
        assert!(contains(&bytes, b"/FontFile3"));
        assert!(contains(&bytes, b"/CIDFontType0C"));
        assert!(contains(&bytes, b"/Identity-H"));
        assert!(contains(&bytes, b"/ToUnicode"));
        assert!(
            contains(&bytes, b"/ca 0.5019608"),
            "the half-transparent fill has its graphics state"
        );
        assert!(contains(&bytes, b"(Guangdong)"), "the title is in the document info");
        assert!(
            bytes.len() < 60_000,
            "a dozen glyphs must not embed the whole 0.8 MB font: {} bytes",
            bytes.len()
        );
        assert_eq!(bytes, sample(Some("Guangdong")), "the same drawing gives the same bytes");
    }

    #[test]
    fn drawing_is_clipped_to_the_figure_so_the_margins_stay_white() {
        let face = typeface().expect("font");
        let mut canvas = PdfCanvas::new(a4(), [1000.0, 700.0], face);
        canvas.fill(&Polylines::rect([-500.0, -500.0, 2000.0, 2000.0]), [0, 0, 0, 255], None);
        let content = String::from_utf8(canvas.content.finish().to_vec()).expect("ascii");
        let clip = content.find("0 0 1000 700 re\nW\nn").expect("a clip to the figure");
        assert!(clip < content.find("f*").expect("the fill"), "the clip comes before any drawing");
    }

    /// A clip is undone with the graphics state, and the alphas it brings back are known: a
    /// half-transparent fill after the clip sets its alpha again.
    #[test]
    fn a_clip_ends_with_its_graphics_state() {
        let face = typeface().expect("font");
        let mut canvas = PdfCanvas::new(a4(), [1000.0, 700.0], face);
        canvas.clip_to([10.0, 60.0, 990.0, 640.0]);
        canvas.fill(&Polylines::rect([0.0, 0.0, 1000.0, 700.0]), [0, 0, 0, 128], None);
        canvas.end_clip();
        canvas.fill(&Polylines::rect([0.0, 0.0, 10.0, 10.0]), [0, 0, 0, 128], None);
        let content = String::from_utf8(canvas.content.finish().to_vec()).expect("ascii");
        let clip = content.find("q\n10 60 980 580 re\nW\nn").expect("the map's clip");
        let restore = content.find("\nQ\n").expect("the clip ends");
        assert!(clip < restore);
        assert_eq!(content.matches("/ca128 gs").count(), 2, "{content}");
    }

    #[test]
    fn a_drawing_without_text_has_no_font() {
        let face = typeface().expect("font");
        let mut canvas = PdfCanvas::new(a4(), [100.0, 100.0], face);
        canvas.fill(&Polylines::rect([0.0, 0.0, 10.0, 10.0]), [0, 0, 0, 255], None);
        let bytes = canvas.finish(None).expect("pdf");
        assert!(!contains(&bytes, b"/FontFile3"));
        assert!(!contains(&bytes, b"/Title"));
    }

    #[test]
    fn the_figure_is_centred_in_the_printable_area() {
        let page = a4();
        let [x, y, w, h] = page.printable_pt();
        assert!((x - 28.346).abs() < 0.01 && (y - x).abs() < 1e-3);
        assert!((w - 277.0 * PT_PER_MM).abs() < 0.01 && (h - 190.0 * PT_PER_MM).abs() < 0.01);
        let silly = PdfPage { size_pt: [10.0, 10.0], margin_pt: 50.0 };
        let [_, _, w, h] = silly.printable_pt();
        assert!(w > 0.0 && h > 0.0, "a margin larger than the page leaves a printable area");
    }
}
