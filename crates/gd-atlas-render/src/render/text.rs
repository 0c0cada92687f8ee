//! Text from the embedded CJK font: measuring and glyph outlines; and line wrapping for any
//! [`TextMeasure`].
//!
//! The exports cannot rely on system fonts (CI has none, and a report must look the same on every
//! machine), so the PNG, SVG and PDF figures measure with the font compiled into the program
//! (`crate::fonts::CJK_FONT`); the PNG also draws its glyph outlines as paths, and the PDF embeds
//! a subset of it (`super::pdf_font`).

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};

use super::canvas::TextMeasure;

pub struct Typeface {
    font: FontRef<'static>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

/// One glyph of a line: its id in the embedded font, the character it shows, and its pen
/// position and advance in font units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub glyph_id: u16,
    pub ch: char,
    pub x_units: f32,
    pub advance_units: f32,
}

/// Receives glyph outlines in logical pixels (y down).
pub trait OutlineSink {
    fn move_to(&mut self, p: [f32; 2]);
    fn line_to(&mut self, p: [f32; 2]);
    fn quad_to(&mut self, c: [f32; 2], p: [f32; 2]);
    fn cubic_to(&mut self, c1: [f32; 2], c2: [f32; 2], p: [f32; 2]);
    fn close(&mut self);
}

/// The embedded font, parsed once. An error means the build embedded a broken font file.
pub fn typeface() -> Result<&'static Typeface, String> {
    static FACE: OnceLock<Result<Typeface, String>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = FontRef::try_from_slice(crate::fonts::CJK_FONT)
            .map_err(|e| format!("embedded font {}: {e}", crate::fonts::CJK_FONT_FAMILY))?;
        let units_per_em = font.units_per_em().unwrap_or(1000.0);
        Ok(Typeface {
            ascent: font.ascent_unscaled(),
            descent: font.descent_unscaled(),
            font,
            units_per_em,
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn is_cjk(c: char) -> bool {
    (c as u32) >= 0x2E80
}

impl Typeface {
    /// Pixels per font unit at `size` (the size is the em, like CSS `font-size`).
    fn scale(&self, size: f32) -> f32 {
        size / self.units_per_em
    }

    /// Glyphs of a line with their x offsets from the line start, in pixels.
    fn layout(&self, text: &str, size: f32) -> (Vec<(GlyphId, f32)>, f32) {
        let s = self.scale(size);
        let mut x = 0.0;
        let mut prev: Option<GlyphId> = None;
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars().filter(|c| !c.is_control()) {
            let id = self.font.glyph_id(c);
            if let Some(p) = prev {
                x += self.font.kern_unscaled(p, id) * s;
            }
            out.push((id, x));
            x += self.font.h_advance_unscaled(id) * s;
            prev = Some(id);
        }
        (out, x)
    }

    /// The glyphs of a line in font units, for targets that place glyphs of the embedded font
    /// themselves (the PDF writes glyph ids and lets the viewer draw the outlines). Same layout
    /// as every other target: advances plus kerning.
    pub fn glyph_run(&self, text: &str) -> Vec<PlacedGlyph> {
        let (glyphs, _) = self.layout(text, self.units_per_em);
        let chars = text.chars().filter(|c| !c.is_control());
        glyphs
            .into_iter()
            .zip(chars)
            .map(|((id, x_units), ch)| PlacedGlyph {
                glyph_id: id.0,
                ch,
                x_units,
                advance_units: self.font.h_advance_unscaled(id),
            })
            .collect()
    }

    /// Font units per em and the ascent and descent (font units, descent negative).
    pub fn metrics_units(&self) -> (f32, f32, f32) {
        (self.units_per_em, self.ascent, self.descent)
    }

    /// Width of a line of text in pixels.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.layout(text, size).1
    }

    /// Distance from the anchor's y (middle of the ascent–descent box) down to the baseline.
    pub fn baseline_offset(&self, size: f32) -> f32 {
        (self.ascent + self.descent) / 2.0 * self.scale(size)
    }

    /// Height of a line box (ascent − descent) in pixels.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascent - self.descent) * self.scale(size)
    }

    /// Characters the font has no glyph for (they would show as empty boxes).
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| {
                !c.is_whitespace() && !c.is_control() && self.font.glyph_id(*c) == GlyphId(0)
            })
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// Emits the outlines of a line whose left end of the baseline is at `origin_screen`.
    pub fn outline(
        &self,
        text: &str,
        size: f32,
        origin_screen: [f32; 2],
        sink: &mut impl OutlineSink,
    ) {
        let s = self.scale(size);
        let (glyphs, _) = self.layout(text, size);
        for (id, dx) in glyphs {
            let Some(outline) = self.font.outline(id) else { continue };
            let ox = origin_screen[0] + dx;
            let oy = origin_screen[1];
            let pt = |p: ab_glyph::Point| [ox + p.x * s, oy - p.y * s];
            let mut last: Option<[f32; 2]> = None;
            for curve in &outline.curves {
                let (start, end) = match curve {
                    OutlineCurve::Line(a, b)
                    | OutlineCurve::Quad(a, _, b)
                    | OutlineCurve::Cubic(a, _, _, b) => (pt(*a), pt(*b)),
                };
                if last != Some(start) {
                    if last.is_some() {
                        sink.close();
                    }
                    sink.move_to(start);
                }
                match curve {
                    OutlineCurve::Line(..) => sink.line_to(end),
                    OutlineCurve::Quad(_, c, _) => sink.quad_to(pt(*c), end),
                    OutlineCurve::Cubic(_, c1, c2, _) => sink.cubic_to(pt(*c1), pt(*c2), end),
                }
                last = Some(end);
            }
            if last.is_some() {
                sink.close();
            }
        }
    }
}

impl TextMeasure for Typeface {
    fn width(&self, text: &str, size: f32) -> f32 {
        Typeface::width(self, text, size)
    }

    fn line_height(&self, size: f32) -> f32 {
        Typeface::line_height(self, size)
    }
}

/// Greedy line breaking at spaces and between CJK characters, for `max_width` pixels as
/// `measure` measures them.
pub fn wrap(measure: &dyn TextMeasure, text: &str, size: f32, max_width: f32) -> Vec<String> {
    // Tokens: a CJK character, or a run of other non-space characters; `true` when a space
    // came before it (kept when the token joins a line).
    let mut tokens: Vec<(bool, String)> = Vec::new();
    let mut space_before = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        // Closing punctuation never starts a line (，。）、 stay with the character before).
        let closing = "，。、；：！？）」』】》,.;:!?)".contains(c);
        let joins = !space_before
            && tokens.last().is_some_and(|(_, t)| {
                closing || (!is_cjk(c) && t.chars().last().is_some_and(|p| !is_cjk(p)))
            });
        // A version or short number stays with the word before it: "CC BY 4.0", "License 1.1"
        // (a Chinese credits line began "4.0；", issue 19 QA).
        let version = space_before
            && c.is_ascii_digit()
            && tokens.last().is_some_and(|(_, t)| t.ends_with(|p: char| p.is_ascii_alphabetic()))
            && text[i..].chars().take_while(|c| !c.is_whitespace()).count() <= 6;
        if joins || version {
            if let Some((_, t)) = tokens.last_mut() {
                if version {
                    t.push(' ');
                }
                t.push(c);
            }
        } else {
            tokens.push((space_before, c.to_string()));
        }
        space_before = false;
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for (space, token) in tokens {
        if line.is_empty() {
            line = token;
            continue;
        }
        let candidate = if space { format!("{line} {token}") } else { format!("{line}{token}") };
        if measure.width(&candidate, size) > max_width {
            lines.push(std::mem::replace(&mut line, token));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_wraps() {
        let face = typeface().expect("font");
        let w1 = face.width("肇庆", 20.0);
        assert!((w1 - 40.0).abs() < 4.0, "CJK advance ≈ 1 em, got {w1}");
        let lines = wrap(face, "Approximate town area around the seat", 10.0, 70.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| face.width(l, 10.0) <= 70.0 || !l.contains(' ')), "{lines:?}");
        assert_eq!(lines.join(" "), "Approximate town area around the seat");
        let zh = wrap(face, "镇域近似范围非官方边界", 10.0, 35.0);
        assert!(zh.len() >= 3 && zh.concat() == "镇域近似范围非官方边界", "{zh:?}");
        // A version stays with its name (a Chinese credits line began "4.0；").
        for width in (40..300).step_by(4) {
            let text = "GeoNames（geonames.org，CC BY 4.0）与 Vonng/adcode";
            let credits = wrap(face, text, 10.0, width as f32);
            assert!(!credits.iter().any(|l| l.starts_with("4.0")), "{width}: {credits:?}");
        }
        // A line may not start with a comma or a closing bracket.
        for width in [20.0, 25.0, 30.0, 35.0, 45.0] {
            let lines = wrap(face, "泰森多边形，非官方边界）。", 10.0, width);
            assert!(
                lines
                    .iter()
                    .all(|l| !l.starts_with('，') && !l.starts_with('）') && !l.starts_with('。')),
                "{lines:?}"
            );
            assert_eq!(lines.concat(), "泰森多边形，非官方边界）。");
        }
    }

    #[test]
    fn reports_missing_glyphs() {
        let face = typeface().expect("font");
        assert!(face.missing_chars("金利镇 Jinli").is_empty());
        let hangul: String = [0xD55Cu32].into_iter().filter_map(char::from_u32).collect();
        assert_eq!(face.missing_chars(&hangul).len(), 1);
    }
}
