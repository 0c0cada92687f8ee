//! Output sizes offered by the CLI (`--preset`) and the export dialog.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Name on the command line.
    pub key: &'static str,
    pub label: &'static str,
    pub size_px: [u32; 2],
}

pub const PRESETS: [Preset; 3] = [
    Preset { key: "1080p", label: "1920 × 1080 (Full HD)", size_px: [1920, 1080] },
    Preset { key: "4k", label: "3840 × 2160 (4K UHD)", size_px: [3840, 2160] },
    // A4 is 297 × 210 mm; at 300 dpi that is 3507.9 × 2480.3 pixels.
    Preset { key: "a4-300dpi", label: "A4 landscape, 300 dpi (3508 × 2480)", size_px: [3508, 2480] },
];

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
        return Err(format!("image size {w}×{h} is too large (at most {MAX_SIDE} per side and {MAX_PIXELS} pixels)"));
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
}
