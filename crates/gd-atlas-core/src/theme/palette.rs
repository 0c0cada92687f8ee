//! Colour schemes for the classes, and the no-data style.
//!
//! Sequential schemes run light (low) to dark (high); diverging ones put the light colour in the
//! middle. Every scheme carries ColorBrewer's own colour-blind rating per class count, and the
//! default is a colour-blind-safe sequential scheme. No data is drawn as a mid grey with a
//! darker diagonal hatch: no ColorBrewer class colour is near that grey, and the hatch keeps it
//! distinct in greyscale print too.

use super::colorbrewer::SCHEMES;

pub type Rgb = [u8; 3];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    Sequential,
    Diverging,
}

/// ColorBrewer's colour-blind rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blind {
    Safe,
    /// "maybe" in ColorBrewer's table.
    Maybe,
    Unsafe,
}

#[derive(Debug)]
pub struct Scheme {
    pub name: &'static str,
    pub kind: SchemeKind,
    /// Rating for 3..=9 classes.
    pub blind: [Blind; 7],
    /// Colours for 3..=9 classes, low class first.
    pub colours: [&'static [Rgb]; 7],
}

impl Scheme {
    /// The colours for `classes` classes (3..=9).
    pub fn colours(&self, classes: usize) -> Option<&'static [Rgb]> {
        classes.checked_sub(3).and_then(|i| self.colours.get(i)).copied()
    }

    pub fn blind(&self, classes: usize) -> Blind {
        classes.checked_sub(3).and_then(|i| self.blind.get(i)).copied().unwrap_or(Blind::Unsafe)
    }

    /// Colours for fewer than three classes (a degenerate classification): the lightest, the
    /// darkest, or both, taken from the 3-class set so they stay ColorBrewer colours.
    pub fn colours_for(&self, classes: usize) -> Vec<Rgb> {
        let three = self.colours[0];
        match classes {
            0 => Vec::new(),
            1 => vec![three[1]],
            2 => vec![three[0], three[2]],
            n => self.colours(n.min(9)).unwrap_or(three).to_vec(),
        }
    }
}

/// Every scheme offered.
pub fn schemes() -> &'static [Scheme] {
    SCHEMES
}

/// A scheme by name, ignoring case (`ylorrd` finds `YlOrRd`).
pub fn scheme(name: &str) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim()))
}

/// The default: sequential and colour-blind safe at every class count.
pub const DEFAULT_SCHEME: &str = "YlOrRd";

/// How regions without a value are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoDataStyle {
    pub fill: Rgb,
    /// Diagonal hatch lines over the fill.
    pub hatch: Rgb,
    /// Distance between hatch lines, in screen points.
    pub hatch_spacing: f32,
}

pub const NO_DATA: NoDataStyle =
    NoDataStyle { fill: [189, 189, 189], hatch: [115, 115, 115], hatch_spacing: 6.0 };

#[cfg(test)]
mod tests {
    use super::*;

    /// CIE L*a*b* of an sRGB colour (D65).
    fn lab(rgb: Rgb) -> [f64; 3] {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(rgb[0]), lin(rgb[1]), lin(rgb[2]));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    fn delta_e(a: Rgb, b: Rgb) -> f64 {
        let (a, b) = (lab(a), lab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn tables_are_complete_and_ordered() {
        assert!(schemes().len() >= 13);
        for s in schemes() {
            for n in 3..=9 {
                assert_eq!(s.colours(n).map(<[Rgb]>::len), Some(n), "{} {n}", s.name);
            }
            // Sequential schemes get darker class by class.
            if s.kind == SchemeKind::Sequential {
                let c = s.colours(9).unwrap_or_default();
                assert!(c.windows(2).all(|w| lab(w[0])[0] > lab(w[1])[0]), "{} lightness", s.name);
            }
        }
        assert_eq!(scheme("ylorrd").map(|s| s.name), Some("YlOrRd"));
        assert_eq!(
            scheme("YlOrRd").and_then(|s| s.colours(3)),
            Some(&[[255, 237, 160], [254, 178, 76], [240, 59, 32]][..])
        );
        assert!(scheme("nope").is_none());
    }

    #[test]
    fn default_is_colour_blind_safe_and_ratings_are_colorbrewers() {
        let default = scheme(DEFAULT_SCHEME).expect("default exists");
        assert_eq!(default.kind, SchemeKind::Sequential);
        assert!((3..=9).all(|n| default.blind(n) == Blind::Safe));
        let spectral = scheme("Spectral").expect("Spectral");
        assert_eq!(spectral.blind(3), Blind::Maybe);
        assert_eq!(spectral.blind(6), Blind::Unsafe);
        assert_eq!(scheme("RdBu").map(|s| s.blind(9)), Some(Blind::Safe));
    }

    #[test]
    fn no_data_differs_from_every_class_colour() {
        for s in schemes() {
            for n in 3..=9 {
                for &c in s.colours(n).unwrap_or_default() {
                    let d = delta_e(NO_DATA.fill, c);
                    assert!(d > 12.0, "no-data grey too close to {} {n} {c:?}: ΔE {d:.1}", s.name);
                }
            }
        }
        assert!(delta_e(NO_DATA.fill, NO_DATA.hatch) > 20.0);
    }
}
