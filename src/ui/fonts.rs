//! Installs the embedded CJK font into egui.
//!
//! The font goes *after* egui's own fonts in both the proportional and the monospace family, so
//! Latin text keeps egui's look (Ubuntu-Light / Hack) and only characters those fonts lack —
//! Chinese names, CJK punctuation, arrows such as → ▲ — come from Noto Sans CJK SC.
//! Installing it explicitly (rather than relying on eframe's system-font fallback) makes the
//! window, the kittest harness and every machine render the same glyphs.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

use crate::fonts::{CJK_FONT, CJK_FONT_FAMILY};

/// Adds the CJK font as the last fallback of the proportional and monospace families.
///
/// Idempotent: egui ignores a second font with the same name. Takes effect at the start of the
/// next pass, or immediately if no text has been laid out yet in this pass (so calling it from
/// the first frame of an app or a test harness works).
pub fn install_fonts(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
        .collect();
    ctx.add_font(FontInsert::new(CJK_FONT_FAMILY, FontData::from_static(CJK_FONT), families));
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, FontId, MissingGlyphPolicy};

    const NAMES: &str = "金利镇 高要区 肇庆市 广东省";
    /// Symbols the UI uses that egui's default fonts lack; ⌂ and ✕ are absent from Noto CJK too.
    const UI_SYMBOLS: &str = "→▲▼●○■□◆✓↑↓←±°′″≈×² km² ，。、：；（）「」《》—·…";

    /// A context that has run one pass (fonts exist only after that) with the CJK font installed.
    fn context_with_fonts(install: bool) -> egui::Context {
        let ctx = egui::Context::default();
        ctx.set_missing_glyph_policy(MissingGlyphPolicy::Panic);
        if install {
            install_fonts(&ctx);
        }
        ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("warm-up");
        })
        .drop_without_applying_deltas(); // no renderer here to upload the font atlas to
        ctx
    }

    fn has_glyphs(ctx: &egui::Context, font_id: &FontId, text: &str) -> bool {
        ctx.fonts_mut(|fonts| {
            text.chars().filter(|c| !c.is_whitespace()).all(|c| fonts.has_glyph(font_id, c))
        })
    }

    /// The fonts (by egui key) that would draw `c` in `family`, in fallback order.
    fn fonts_for(ctx: &egui::Context, family: &FontFamily, c: char) -> Vec<String> {
        ctx.fonts_mut(|fonts| fonts.characters(family).get(&c).cloned().unwrap_or_default())
    }

    #[test]
    fn chinese_names_resolve_in_both_families() {
        let ctx = context_with_fonts(true);
        for font_id in [FontId::proportional(14.0), FontId::monospace(14.0)] {
            assert!(has_glyphs(&ctx, &font_id, NAMES), "{font_id:?}");
            assert!(has_glyphs(&ctx, &font_id, UI_SYMBOLS), "{font_id:?}");
            // Real layout with MissingGlyphPolicy::Panic: any tofu would panic here.
            let galley = ctx.fonts_mut(|fonts| {
                fonts.layout_no_wrap(NAMES.to_owned(), font_id.clone(), Color32::WHITE)
            });
            assert_eq!(galley.rows.len(), 1);
            assert!(galley.size().x > 100.0, "width {}", galley.size().x);
            // The CFF outlines were rasterised into the atlas (an unreadable outline gives an
            // empty rect) and hanzi are full-width (advance ≈ font size).
            for glyph in galley.rows[0].glyphs.iter().filter(|g| g.chr != ' ') {
                assert!(!glyph.uv_rect.is_nothing(), "{:?} has no pixels", glyph.chr);
                assert!(glyph.uv_rect.size.y > 8.0, "{:?}: {:?}", glyph.chr, glyph.uv_rect);
                assert!((glyph.advance_width - 14.0).abs() < 1.0, "{:?}", glyph);
            }
        }
    }

    #[test]
    fn without_the_font_chinese_is_missing() {
        // Shows the check above can fail: egui's default fonts have no hanzi.
        let ctx = context_with_fonts(false);
        assert!(!has_glyphs(&ctx, &FontId::proportional(14.0), "镇"));
    }

    #[test]
    fn characters_outside_the_subset_are_reported_missing() {
        let ctx = context_with_fonts(true);
        // A Hangul syllable and a Devanagari letter, built from code points (the subset script
        // adds every character of a string literal): not in the subset.
        let outside: String = [0x0915, 0xD55C].into_iter().filter_map(char::from_u32).collect();
        for c in outside.chars() {
            assert!(!has_glyphs(&ctx, &FontId::proportional(14.0), &c.to_string()), "{c:?}");
        }
        let laid_out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ctx.fonts_mut(|fonts| {
                fonts.layout_no_wrap(outside.clone(), FontId::proportional(14.0), Color32::WHITE)
            })
        }));
        assert!(laid_out.is_err(), "MissingGlyphPolicy::Panic should catch {outside:?}");
    }

    #[test]
    fn latin_keeps_egui_fonts_and_cjk_is_a_fallback() {
        let ctx = context_with_fonts(true);
        let proportional = fonts_for(&ctx, &FontFamily::Proportional, 'A');
        assert_eq!(proportional.first().map(String::as_str), Some("Ubuntu-Light"));
        let monospace = fonts_for(&ctx, &FontFamily::Monospace, 'A');
        assert_eq!(monospace.first().map(String::as_str), Some("Hack"));
        assert_eq!(
            fonts_for(&ctx, &FontFamily::Proportional, '镇'),
            vec![CJK_FONT_FAMILY.to_owned()]
        );
    }

    #[test]
    fn installing_twice_is_harmless() {
        let ctx = context_with_fonts(true);
        install_fonts(&ctx);
        ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label(NAMES);
        })
        .drop_without_applying_deltas();
        assert_eq!(fonts_for(&ctx, &FontFamily::Proportional, '镇').len(), 1);
    }
}
