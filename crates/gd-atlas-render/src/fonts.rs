//! The embedded CJK font: a subset of Noto Sans CJK SC (SIL OFL 1.1).
//!
//! Why embedded: egui's bundled fonts have no Chinese glyphs, the egui_kittest harness panics on
//! missing glyphs, and the PNG export rasterises labels with `ab_glyph` without any system fonts.
//! One font file, compiled in, makes the window, the tests and the exports show the same glyphs
//! on every machine. This module has no egui dependency so the CLI and exporters can use it;
//! the app crate's `gd_atlas::ui::fonts::install_fonts` hands it to egui.
//!
//! The subset holds every character of the project's data, assets and string literals plus the
//! 3,755 common (GB 2312 level-1) hanzi; regenerate it with `tools/subset_font.py` when data
//! gains new characters (the test below fails when a region name is not covered).

/// The font file (CFF outlines in an OpenType container; both egui's `skrifa` and `ab_glyph` read it).
pub static CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Regular-subset.otf");

/// The family name stored in the font (name ID 1), also used as egui's font key and as the
/// `font-family` of exported SVG text.
pub const CJK_FONT_FAMILY: &str = "Noto Sans CJK SC";

/// Credit line to show in the about box and export furniture (the OFL requires the copyright
/// notice and licence to travel with the font; the full text is `assets/fonts/OFL.txt`).
pub const CJK_FONT_CREDIT: &str = "Chinese text: Noto Sans CJK SC (subset), \
    Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'. \
    Licensed under the SIL Open Font License, Version 1.1.";

/// The full licence text shipped beside the font, for an about/credits window.
pub const CJK_FONT_LICENSE: &str = include_str!("../../../assets/fonts/OFL.txt");

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use ab_glyph::{Font, FontRef, GlyphId};

    fn font() -> FontRef<'static> {
        FontRef::try_from_slice(CJK_FONT).expect("embedded CJK font must parse with ab_glyph")
    }

    /// Characters of `text` that the font has no glyph for (whitespace excluded).
    fn missing_chars(font: &FontRef<'_>, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|&c| font.glyph_id(c) == GlyphId(0))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// A Hangul syllable and a Devanagari letter: not in the subset, so they prove the coverage
    /// checks can fail. Built from code points, because `tools/subset_font.py` adds every
    /// character of a string literal to the subset.
    pub(crate) fn not_in_subset() -> String {
        [0x0915, 0xD55C].into_iter().filter_map(char::from_u32).collect()
    }

    #[test]
    fn parses_and_has_outlines_for_chinese() {
        let font = font();
        assert!(font.glyph_count() > 1000, "glyph count {}", font.glyph_count());
        assert_eq!(missing_chars(&font, "金利镇 高要区 肇庆市 广东省"), Vec::<char>::new());
        // A real outline, not an empty glyph: the PNG export draws these.
        let glyph = font.glyph_id('镇').with_scale(24.0);
        let outlined = font.outline_glyph(glyph).expect("镇 has an outline");
        assert!(outlined.px_bounds().width() > 10.0);
    }

    #[test]
    fn reports_characters_outside_the_subset() {
        assert_eq!(
            missing_chars(&font(), &not_in_subset()),
            not_in_subset().chars().collect::<Vec<_>>()
        );
        assert_eq!(missing_chars(&font(), &format!("镇{}", not_in_subset())).len(), 2);
    }

    #[test]
    fn family_name_is_stored_in_the_font() {
        // Windows-platform name records are UTF-16BE; ab_glyph exposes no name table, so look
        // for the encoded string (a renamed or wrong font fails this).
        let utf16be = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>();
        let contains = |needle: &[u8]| CJK_FONT.windows(needle.len()).any(|w| w == needle);
        assert!(contains(&utf16be(CJK_FONT_FAMILY)));
        assert!(!contains(&utf16be("Noto Sans CJK JP")));
        assert!(CJK_FONT_LICENSE.contains("SIL OPEN FONT LICENSE Version 1.1"));
    }

    /// Every name (and alias) in `data/regions.csv` must be drawable, or labels show boxes
    /// and the kittest harness panics. Fix by re-running `tools/subset_font.py`.
    #[test]
    fn covers_every_region_name_in_data() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/regions.csv");
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{path} must exist to check font coverage: {e}"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("regions.csv has a header").clone();
        let columns: Vec<usize> = ["name_zh", "name_en", "aliases"]
            .iter()
            .filter_map(|name| headers.iter().position(|h| h == *name))
            .collect();
        assert!(!columns.is_empty(), "regions.csv has no name columns: {headers:?}");

        let font = font();
        let mut names = String::new();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("regions.csv row parses");
            for &col in &columns {
                names.push_str(record.get(col).unwrap_or(""));
                names.push(' ');
            }
            rows += 1;
        }
        assert!(rows > 100, "only {rows} rows in regions.csv");
        let missing = missing_chars(&font, &names);
        assert!(
            missing.is_empty(),
            "font subset lacks {} chars used in data/regions.csv: {:?}; re-run tools/subset_font.py",
            missing.len(),
            missing.iter().collect::<String>()
        );
    }

    /// Text files under `dir` (recursively), sorted; empty if `dir` does not exist.
    fn text_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(text_files(&path));
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["csv", "txt", "json", "geojson"].contains(&e))
            {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    /// Documents, excerpts, places and basemap names are shown in the UI too: every character
    /// in `data/` and `assets/geo/` must be in the subset (the script scans the same files).
    #[test]
    fn covers_every_character_in_data_and_geo_assets() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let files: Vec<_> =
            ["data", "assets/geo"].iter().flat_map(|dir| text_files(&root.join(dir))).collect();
        assert!(files.len() >= 5, "expected data files, found {files:?}");
        let font = font();
        let mut problems = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let missing = missing_chars(&font, &text);
            if !missing.is_empty() {
                problems.push(format!(
                    "{}: {:?}",
                    path.display(),
                    missing.iter().collect::<String>()
                ));
            }
        }
        assert!(
            problems.is_empty(),
            "re-run tools/subset_font.py; missing glyphs in {problems:#?}"
        );
    }
}
