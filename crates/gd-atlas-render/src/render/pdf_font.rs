//! The embedded font inside a PDF: the glyphs a figure used, subset from the compiled-in Noto
//! Sans CJK SC and written as a CID-keyed Type 0 font with a ToUnicode map.
//!
//! Why this shape: a report must print the same everywhere, so its font travels inside the file
//! (a viewer never substitutes); CJK text needs two-byte glyph codes (`Identity-H`), and copying
//! text out of the PDF needs the ToUnicode map. Subsetting keeps a figure with a few hundred
//! distinct characters at a few tens of kilobytes instead of the whole 0.8 MB font.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;

use super::text::Typeface;

/// The glyphs used so far, keyed by their id in the subset (which is the CID the content
/// stream writes: the subsetter maps glyph ids to CIDs one to one).
pub struct UsedGlyphs {
    remapper: GlyphRemapper,
    /// Subset glyph id → (character shown, advance in font units).
    used: BTreeMap<u16, (char, f32)>,
}

/// Where the font's objects go in the document.
pub struct FontRefs {
    pub type0: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub font_file: Ref,
    pub to_unicode: Ref,
}

impl Default for UsedGlyphs {
    fn default() -> Self {
        UsedGlyphs { remapper: GlyphRemapper::new(), used: BTreeMap::new() }
    }
}

impl UsedGlyphs {
    /// The code (subset glyph id) to write for a glyph of the embedded font.
    pub fn code(&mut self, glyph_id: u16, ch: char, advance_units: f32) -> u16 {
        let code = self.remapper.remap(glyph_id);
        self.used.entry(code).or_insert((ch, advance_units));
        code
    }

    pub fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Writes the Type 0 font, its CID font, descriptor, subset program and ToUnicode map.
    pub fn write(&self, pdf: &mut Pdf, face: &Typeface, refs: &FontRefs) -> Result<(), String> {
        let program = subsetter::subset(crate::fonts::CJK_FONT, 0, &self.remapper)
            .map_err(|e| format!("cannot subset the embedded font: {e}"))?;
        // The subset is an OpenType file with CFF outlines; PDF embeds the bare CFF table.
        let cff = otf_table(&program, b"CFF ").ok_or("the subset font has no CFF table")?;
        let (units_per_em, ascent, descent) = face.metrics_units();
        let to_pdf = |units: f32| units * 1000.0 / units_per_em;
        let base_font = Name(b"GDATLS+NotoSansCJKsc-Regular");
        let info =
            SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        pdf.type0_font(refs.type0)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);
        let mut cid = pdf.cid_font(refs.cid_font);
        cid.subtype(CidFontType::Type0)
            .base_font(base_font)
            .system_info(info)
            .font_descriptor(refs.descriptor)
            .default_width(1000.0);
        let mut widths = cid.widths();
        for (&code, &(_, advance)) in &self.used {
            widths.consecutive(code, [to_pdf(advance)]);
        }
        widths.finish();
        cid.finish();

        let bbox = head_bbox(crate::fonts::CJK_FONT)
            .map(|b| b.map(to_pdf))
            .unwrap_or([-1000.0, -400.0, 3000.0, 1200.0]);
        pdf.font_descriptor(refs.descriptor)
            .name(base_font)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
            .italic_angle(0.0)
            .ascent(to_pdf(ascent))
            .descent(to_pdf(descent))
            .cap_height(to_pdf(ascent) * 0.75)
            .stem_v(80.0)
            .font_file3(refs.font_file);
        pdf.stream(refs.font_file, &deflate(cff))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
        for (&code, &(ch, _)) in &self.used {
            cmap.pair(code, ch);
        }
        let compressed = deflate(&cmap.finish());
        let mut cmap_stream = pdf.cmap(refs.to_unicode, &compressed);
        cmap_stream.name(Name(b"Custom")).system_info(info);
        cmap_stream.filter(Filter::FlateDecode);
        Ok(())
    }
}

/// Compresses a stream (zlib, as PDF's FlateDecode expects).
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// One table of an OpenType file, by its tag, from the table directory.
pub fn otf_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let be_u32 = |at: usize| {
        font.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let num_tables = font.get(4..6).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize)?;
    (0..num_tables).find_map(|i| {
        let record = 12 + 16 * i;
        if font.get(record..record + 4)? != tag {
            return None;
        }
        let (offset, length) = (be_u32(record + 8)?, be_u32(record + 12)?);
        font.get(offset..offset.checked_add(length)?)
    })
}

/// The font's bounding box `[x_min, y_min, x_max, y_max]` in font units, from its `head` table.
fn head_bbox(font: &[u8]) -> Option<[f32; 4]> {
    let head = otf_table(font, b"head")?;
    let at = |o: usize| head.get(o..o + 2).map(|b| i16::from_be_bytes([b[0], b[1]]) as f32);
    Some([at(36)?, at(38)?, at(40)?, at(42)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_and_refuses_truncated_directories() {
        let font = crate::fonts::CJK_FONT;
        assert!(otf_table(font, b"CFF ").is_some_and(|t| t.len() > 100_000));
        let bbox = head_bbox(font).expect("head");
        assert!(bbox[0] < 0.0 && bbox[2] > 1000.0, "{bbox:?}");
        assert!(otf_table(font, b"XXXX").is_none());
        assert!(
            otf_table(&font[..40], b"CFF ").is_none(),
            "a truncated file gives no table, not a panic"
        );
        assert!(otf_table(&[], b"head").is_none());
    }

    #[test]
    fn the_subset_holds_exactly_the_used_glyphs() {
        let face = super::super::text::typeface().expect("font");
        let mut used = UsedGlyphs::default();
        for g in face.glyph_run("广州 Guangzhou") {
            used.code(g.glyph_id, g.ch, g.advance_units);
        }
        let program = subsetter::subset(crate::fonts::CJK_FONT, 0, &used.remapper).expect("subset");
        assert!(program.len() < 30_000, "subset of ~12 glyphs is {} bytes", program.len());
        let cff = otf_table(&program, b"CFF ").expect("CFF table");
        assert!(!cff.is_empty());
        // 广 州 space G u a n g z h o: 11 distinct characters.
        assert_eq!(used.used.len(), 11);
        assert!(used.used.values().any(|(c, _)| *c == '广'));
    }
}
