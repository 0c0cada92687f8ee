//! The view: which part of the mercator plane lands on which screen rectangle.
//!
//! Shared by the window (where walkers owns centre and zoom) and the exports (which fit a region
//! or a bbox into an image), so both map the world to pixels with the same arithmetic.

use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat, metres_per_mercator_unit};

/// Size of a tile in walkers' zoom convention: at zoom z the world is `256 · 2^z` pixels wide.
pub const TILE_SIZE: f64 = 256.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Mercator position shown at the centre of `rect_screen`.
    pub center_mercator: [f64; 2],
    /// walkers zoom (fractional).
    pub zoom: f64,
    /// `[min_x, min_y, max_x, max_y]` of the map area in screen points / image pixels.
    pub rect_screen: [f32; 4],
}

/// `screen = mercator · scale + offset`, the only transform the painters need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenFromMercator {
    pub scale: f64,
    pub offset: [f64; 2],
}

impl ScreenFromMercator {
    #[inline]
    pub fn apply(&self, mercator: [f64; 2]) -> [f32; 2] {
        [
            (mercator[0] * self.scale + self.offset[0]) as f32,
            (mercator[1] * self.scale + self.offset[1]) as f32,
        ]
    }

    pub fn inverse(&self, pos_screen: [f32; 2]) -> [f64; 2] {
        [
            (pos_screen[0] as f64 - self.offset[0]) / self.scale,
            (pos_screen[1] as f64 - self.offset[1]) / self.scale,
        ]
    }
}

impl View {
    pub fn width(&self) -> f32 {
        self.rect_screen[2] - self.rect_screen[0]
    }

    pub fn height(&self) -> f32 {
        self.rect_screen[3] - self.rect_screen[1]
    }

    pub fn center_screen(&self) -> [f64; 2] {
        [
            (self.rect_screen[0] + self.rect_screen[2]) as f64 / 2.0,
            (self.rect_screen[1] + self.rect_screen[3]) as f64 / 2.0,
        ]
    }

    /// Screen pixels per mercator unit.
    pub fn pixels_per_mercator(&self) -> f64 {
        TILE_SIZE * 2f64.powf(self.zoom)
    }

    pub fn screen_from_mercator(&self) -> ScreenFromMercator {
        let scale = self.pixels_per_mercator();
        let c = self.center_screen();
        ScreenFromMercator {
            scale,
            offset: [
                c[0] - self.center_mercator[0] * scale,
                c[1] - self.center_mercator[1] * scale,
            ],
        }
    }

    pub fn center_lonlat(&self) -> [f64; 2] {
        lonlat_from_mercator(self.center_mercator)
    }

    /// Visible area in mercator, `[min_x, min_y, max_x, max_y]`.
    pub fn bbox_mercator(&self) -> [f64; 4] {
        let t = self.screen_from_mercator();
        let a = t.inverse([self.rect_screen[0], self.rect_screen[1]]);
        let b = t.inverse([self.rect_screen[2], self.rect_screen[3]]);
        [a[0], a[1], b[0], b[1]]
    }

    /// The view that shows `bbox_mercator` whole inside `rect_screen`, with `margin` (0.05 = 5 %).
    pub fn fit(bbox_mercator: [f64; 4], rect_screen: [f32; 4], margin: f64) -> View {
        let w = (rect_screen[2] - rect_screen[0]).max(1.0) as f64;
        let h = (rect_screen[3] - rect_screen[1]).max(1.0) as f64;
        let bw = (bbox_mercator[2] - bbox_mercator[0]).max(1e-12) * (1.0 + 2.0 * margin);
        let bh = (bbox_mercator[3] - bbox_mercator[1]).max(1e-12) * (1.0 + 2.0 * margin);
        let scale = (w / bw).min(h / bh);
        View {
            center_mercator: [
                (bbox_mercator[0] + bbox_mercator[2]) / 2.0,
                (bbox_mercator[1] + bbox_mercator[3]) / 2.0,
            ],
            zoom: (scale / TILE_SIZE).log2(),
            rect_screen,
        }
    }

    /// Ground metres per screen pixel at the view's centre latitude (for the scale bar).
    pub fn metres_per_pixel(&self) -> f64 {
        metres_per_mercator_unit(self.center_lonlat()[1]) / self.pixels_per_mercator()
    }

    pub fn center_at_lonlat(&mut self, lonlat: [f64; 2]) {
        self.center_mercator = mercator_from_lonlat(lonlat);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_contains_bbox_and_round_trips() {
        let a = mercator_from_lonlat([109.6, 25.6]);
        let b = mercator_from_lonlat([117.3, 20.2]);
        let bbox = [a[0], a[1], b[0], b[1]];
        let v = View::fit(bbox, [0.0, 0.0, 1920.0, 1080.0], 0.05);
        let t = v.screen_from_mercator();
        let pa = t.apply([bbox[0], bbox[1]]);
        let pb = t.apply([bbox[2], bbox[3]]);
        assert!(
            pa[0] >= 0.0 && pa[1] >= 0.0 && pb[0] <= 1920.0 && pb[1] <= 1080.0,
            "{pa:?} {pb:?}"
        );
        let back = t.inverse(t.apply(a));
        assert!((back[0] - a[0]).abs() < 1e-9 && (back[1] - a[1]).abs() < 1e-9);
    }

    #[test]
    fn metres_per_pixel_matches_zoom_convention() {
        // At zoom 0 on the equator a 256 px world spans 40,075 km: 156.5 km per pixel.
        let v =
            View { center_mercator: [0.5, 0.5], zoom: 0.0, rect_screen: [0.0, 0.0, 256.0, 256.0] };
        assert!((v.metres_per_pixel() - 156_543.0).abs() < 1.0);
    }
}
