//! Output sizes offered by the CLI (`--preset`) and the export dialog.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Name on the command line.
    pub key: &'static str,
    pub label: &'static str,
    pub label_zh: &'static str,
    pub size_px: [u32; 2],
}

pub const PRESETS: [Preset; 3] = [
    Preset {
        key: "1080p",
        label: "1920 × 1080 (Full HD)",
        label_zh: "1920 × 1080（全高清）",
        size_px: [1920, 1080],
    },
    Preset {
        key: "4k",
        label: "3840 × 2160 (4K UHD)",
        label_zh: "3840 × 2160（4K 超高清）",
        size_px: [3840, 2160],
    },
    // A4 is 297 × 210 mm; at 300 dpi that is 3507.9 × 2480.3 pixels.
    Preset {
        key: "a4-300dpi",
        label: "A4 landscape, 300 dpi (3508 × 2480)",
        label_zh: "A4 横向，300 dpi（3508 × 2480）",
        size_px: [3508, 2480],
    },
];

/// Paper for PDF figures, landscape. A report's figure fills the page inside the margin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paper {
    /// Name on the command line (`--page`).
    pub key: &'static str,
    pub label: &'static str,
    pub label_zh: &'static str,
    /// Landscape width and height in millimetres.
    pub size_mm: [u32; 2],
}

pub const PAPERS: [Paper; 2] = [
    Paper {
        key: "a4",
        label: "A4 landscape (297 × 210 mm)",
        label_zh: "A4 横向（297 × 210 毫米）",
        size_mm: [297, 210],
    },
    Paper {
        key: "a3",
        label: "A3 landscape (420 × 297 mm)",
        label_zh: "A3 横向（420 × 297 毫米）",
        size_mm: [420, 297],
    },
];

/// White margin on every side of a printed figure (most office printers cannot print the
/// outer 4–6 mm; 10 mm also leaves room to hole-punch).
pub const PAPER_MARGIN_MM: f32 = 10.0;

/// Logical pixels per inch on paper: the figure's text and lines, laid out in logical pixels,
/// print at the size they have on a 96-dpi screen (a 12-pixel label is 9 pt).
pub const PAPER_LOGICAL_DPI: f32 = 96.0;

/// Level of detail for print: outlines as fine as a 300-dpi printer's dots.
pub const PAPER_DPR: f32 = 300.0 / PAPER_LOGICAL_DPI;

impl Paper {
    /// The page, in points, with the standard margin.
    pub fn page(self) -> crate::render::pdf::PdfPage {
        use crate::render::pdf::PT_PER_MM;
        let [w, h] = self.size_mm;
        crate::render::pdf::PdfPage {
            size_pt: [w as f32 * PT_PER_MM, h as f32 * PT_PER_MM],
            margin_pt: PAPER_MARGIN_MM * PT_PER_MM,
        }
    }

    /// The figure's size in device pixels at [`PAPER_DPR`]: the printable area in logical
    /// pixels times the ratio (an A4 page is about 3272 × 2244).
    pub fn size_px(self) -> [u32; 2] {
        let side = |mm: u32| {
            ((mm as f32 - 2.0 * PAPER_MARGIN_MM) / 25.4 * PAPER_LOGICAL_DPI * PAPER_DPR).round()
                as u32
        };
        [side(self.size_mm[0]), side(self.size_mm[1])]
    }
}

pub fn paper(key: &str) -> Option<Paper> {
    PAPERS.iter().copied().find(|p| p.key.eq_ignore_ascii_case(key))
}

pub fn preset(key: &str) -> Option<Preset> {
    PRESETS.iter().copied().find(|p| p.key.eq_ignore_ascii_case(key))
}

/// Largest accepted side and pixel count: beyond them the pixmap alone would take gigabytes.
pub const MAX_SIDE: u32 = 20_000;
pub const MAX_PIXELS: u64 = 120_000_000;

/// Checks an image size; the message names the problem in one line.
pub fn check_size(size_px: [u32; 2]) -> Result<(), String> {
    let [w, h] = size_px;
    if w == 0 || h == 0 {
        return Err(format!("image size {w}×{h} has a zero side"));
    }
    if w > MAX_SIDE || h > MAX_SIDE || (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!(
            "image size {w}×{h} is too large (at most {MAX_SIDE} per side and {MAX_PIXELS} pixels)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_limits() {
        assert_eq!(preset("4K").map(|p| p.size_px), Some([3840, 2160]));
        assert_eq!(preset("a4-300dpi").map(|p| p.size_px), Some([3508, 2480]));
        assert!(preset("8k").is_none());
        assert!(check_size([0, 10]).is_err());
        assert!(check_size([30_000, 10]).is_err());
        assert!(check_size([3840, 2160]).is_ok());
    }

    #[test]
    fn papers_fit_their_printable_area() {
        let a4 = paper("A4").expect("a4");
        // 277 mm at 96 logical dpi is 1046.9 logical pixels; at 300/96 that is 3271.7 device pixels.
        assert_eq!(a4.size_px(), [3272, 2244]);
        assert!(check_size(a4.size_px()).is_ok());
        let a3 = paper("a3").expect("a3");
        assert!(check_size(a3.size_px()).is_ok());
        let page = a3.page();
        assert!(
            (page.size_pt[0] - 1190.55).abs() < 0.01 && (page.size_pt[1] - 841.89).abs() < 0.01
        );
        assert!(paper("letter").is_none());
    }
}
