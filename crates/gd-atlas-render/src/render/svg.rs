//! The SVG canvas: the same scene and furniture as the PNG, as vector paths and real text.
//!
//! One `<path>` per filled shape (even-odd, so holes and islands need no triangles), borders as
//! stroked paths, names as `<text>` in the embedded font's family so the figure stays editable
//! in Inkscape or Illustrator. Coordinates are logical pixels; the `viewBox` maps them to the
//! requested size.

use std::fmt::Write;

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use super::text::Typeface;
use crate::scene::style::{Color, Dash, LineStyle};

pub const FONT_FAMILY: &str = "Noto Sans SC, Noto Sans CJK SC, sans-serif";

pub struct SvgCanvas {
    out: String,
    face: &'static Typeface,
    depth: usize,
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => s.push(c),
        }
    }
    s
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn opacity(attr: &str, c: Color) -> String {
    if c[3] == 255 {
        String::new()
    } else {
        format!(" {attr}=\"{:.3}\"", c[3] as f32 / 255.0)
    }
}

fn path_data(shape: &Polylines) -> String {
    let mut d = String::with_capacity(shape.points_screen.len() * 14);
    for (range, closed) in &shape.parts {
        for (i, p) in shape.part_points(range).iter().enumerate() {
            let _ = write!(d, "{}{:.2} {:.2}", if i == 0 { "M" } else { "L" }, p[0], p[1]);
        }
        if *closed {
            d.push('Z');
        }
    }
    d
}

fn dash_attrs(style: &LineStyle) -> String {
    match style.dash {
        Dash::Solid => " stroke-linecap=\"round\"".to_string(),
        Dash::Dashed { on, off } => format!(" stroke-dasharray=\"{on:.2} {off:.2}\""),
        Dash::Dotted { spacing } => {
            format!(" stroke-dasharray=\"0.01 {spacing:.2}\" stroke-linecap=\"round\"")
        }
    }
}

impl SvgCanvas {
    pub fn new(size_px: [u32; 2], dpr: f32, face: &'static Typeface) -> SvgCanvas {
        let logical = [size_px[0] as f32 / dpr, size_px[1] as f32 / dpr];
        let out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {:.2} {:.2}\" font-family=\"{FONT_FAMILY}\">\n",
            size_px[0], size_px[1], logical[0], logical[1]
        );
        SvgCanvas { out, face, depth: 0 }
    }

    pub fn finish(mut self) -> String {
        while self.depth > 0 {
            self.end_group();
        }
        self.out.push_str("</svg>\n");
        self.out
    }
}

impl Canvas for SvgCanvas {
    fn fill(&mut self, shape: &Polylines, color: Color, tag: Option<FillTag>) {
        if shape.is_empty() {
            return;
        }
        let mut attrs = String::new();
        if let Some(tag) = tag {
            let _ = write!(attrs, " class=\"{}\"", escape(tag.class));
            if let Some(code) = tag.code {
                let _ = write!(attrs, " data-code=\"{}\"", escape(code));
            }
        }
        let _ = writeln!(
            self.out,
            "<path{attrs} fill=\"{}\"{} fill-rule=\"evenodd\" d=\"{}\"/>",
            hex(color),
            opacity("fill-opacity", color),
            path_data(shape)
        );
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        if shape.is_empty() {
            return;
        }
        let width =
            if matches!(style.dash, Dash::Dotted { .. }) { style.width * 1.2 } else { style.width };
        let _ = writeln!(
            self.out,
            "<path fill=\"none\" stroke=\"{}\"{} stroke-width=\"{width:.2}\" stroke-linejoin=\"round\"{} d=\"{}\"/>",
            hex(style.color),
            opacity("stroke-opacity", style.color),
            dash_attrs(style),
            path_data(shape)
        );
    }

    fn text(&mut self, run: &TextRun) {
        let anchor = match run.align {
            HAlign::Left => "start",
            HAlign::Center => "middle",
            HAlign::Right => "end",
        };
        let baseline = run.pos_screen[1] + self.face.baseline_offset(run.size);
        let halo = match run.halo {
            Some((c, w)) => format!(
                " stroke=\"{}\"{} stroke-width=\"{:.2}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                hex(c),
                opacity("stroke-opacity", c),
                2.0 * w
            ),
            None => String::new(),
        };
        let _ = writeln!(
            self.out,
            "<text x=\"{:.2}\" y=\"{baseline:.2}\" font-size=\"{:.2}\" text-anchor=\"{anchor}\" fill=\"{}\"{}{halo}>{}</text>",
            run.pos_screen[0],
            run.size,
            hex(run.color),
            opacity("fill-opacity", run.color),
            escape(run.text)
        );
    }

    fn begin_group(&mut self, id: &str) {
        let _ = writeln!(self.out, "<g id=\"{}\">", escape(id));
        self.depth += 1;
    }

    fn end_group(&mut self) {
        if self.depth > 0 {
            self.out.push_str("</g>\n");
            self.depth -= 1;
        }
    }
}
