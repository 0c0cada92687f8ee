//! The locator inset: Guangdong in miniature with the rectangle the map shows, so a class
//! zoomed in on one town (or the reader of a printed county map) still sees where in the
//! province it is. Drawn in presentation mode and, when asked for, on figures.
//!
//! Laid out once (the province's rings projected into the inset, the view's rectangle) and
//! drawn by one function on any canvas, like the rest of the furniture.

use super::canvas::{Canvas, FillTag, Polylines};
use super::furniture::{Rect, MARGIN};
use crate::model::{Atlas, Level};
use crate::scene::lod_cache::lod_for_zoom;
use crate::scene::style::{Color, Dash, LineStyle};
use crate::scene::view::View;
use crate::scene::SceneGeometry;

/// The inset's width in logical pixels at text scale 1 (a figure); the window's presentation
/// mode scales it like its text.
pub const LOCATOR_WIDTH: f32 = 150.0;

const PANEL: Color = [255, 255, 255, 235];
const PANEL_EDGE: LineStyle =
    LineStyle { width: 0.8, color: [0x9a, 0x9a, 0x9a, 255], dash: Dash::Solid };
const PROVINCE_FILL: Color = [0xee, 0xe8, 0xd8, 255];
const PROVINCE_EDGE: LineStyle =
    LineStyle { width: 0.8, color: [0x6b, 0x6b, 0x6b, 255], dash: Dash::Solid };
const VIEW_FILL: Color = [0xd6, 0x27, 0x28, 50];
const VIEW_EDGE: LineStyle =
    LineStyle { width: 2.0, color: [0xd6, 0x27, 0x28, 255], dash: Dash::Solid };

/// The smallest side the view's rectangle is drawn with: a town-scale view of the province is
/// a fraction of a pixel in the inset, and must still be seen.
const MIN_VIEW_SIDE: f32 = 7.0;

/// Which corner of the map the inset sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    TopRight,
    TopLeft,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LocatorBox {
    /// The panel, logical pixels.
    pub rect: Rect,
    /// The province's rings, projected into the panel.
    pub province: Polylines,
    /// The map's view in the panel (at least [`MIN_VIEW_SIDE`] on a side, clipped to the panel).
    pub view_rect: Rect,
}

/// The province's shape index and mercator bounding box.
fn province_shape(atlas: &Atlas) -> Option<(usize, [f64; 4])> {
    atlas.regions_of_level(Level::Province).iter().find_map(|&i| {
        let shape = atlas.regions[i].shape?;
        Some((shape, atlas.topology.shapes[shape].bbox_mercator.to_array()))
    })
}

/// Lays out the inset in `corner` of `map`, `top_offset` below the map's top edge (room for a
/// north arrow), `scale` times [`LOCATOR_WIDTH`] wide. `None` when the view already shows the
/// whole province (the inset would only repeat the map) or the map is too small to hold it.
pub fn layout_locator(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    map: Rect,
    view_bbox_mercator: [f64; 4],
    corner: Corner,
    top_offset: f32,
    scale: f32,
) -> Option<LocatorBox> {
    let (shape, province) = province_shape(atlas)?;
    let v = view_bbox_mercator;
    // A pixel of slack: a province framed to the map's edge (fits allow half a pixel) is shown.
    let px = (v[2] - v[0]) / (map[2] - map[0]).max(1.0) as f64;
    let shows_all = v[0] <= province[0] + px
        && v[1] <= province[1] + px
        && v[2] >= province[2] - px
        && v[3] >= province[3] - px;
    if shows_all {
        return None;
    }
    let width = LOCATOR_WIDTH * scale;
    let aspect = ((province[3] - province[1]) / (province[2] - province[0])) as f32;
    let height = width * aspect;
    if map[2] - map[0] < 3.0 * width || map[3] - map[1] < 2.0 * height {
        return None;
    }
    let top = map[1] + MARGIN + top_offset;
    let rect = match corner {
        Corner::TopRight => [map[2] - MARGIN - width, top, map[2] - MARGIN, top + height],
        Corner::TopLeft => [map[0] + MARGIN, top, map[0] + MARGIN + width, top + height],
    };
    let pad = 5.0 * scale;
    let inner = [rect[0] + pad, rect[1] + pad, rect[2] - pad, rect[3] - pad];
    let inset = View::fit(province, inner, 0.0);
    let t = inset.screen_from_mercator();
    let mut rings = Polylines::default();
    // A coarse level is plenty for a shape a hundred pixels wide.
    rings.push_rings(
        &t,
        geometry.regions_lod.shape(&atlas.topology, lod_for_zoom(inset.zoom), shape),
    );
    let a = t.apply([v[0], v[1]]);
    let b = t.apply([v[2], v[3]]);
    Some(LocatorBox {
        rect,
        province: rings,
        view_rect: view_rect_in(inner, [a[0], a[1], b[0], b[1]]),
    })
}

/// The view's rectangle grown to [`MIN_VIEW_SIDE`] about its centre and clipped to `inner`.
fn view_rect_in(inner: Rect, r: Rect) -> Rect {
    let grow = |lo: f32, hi: f32| {
        let (mid, half) = ((lo + hi) / 2.0, ((hi - lo) / 2.0).max(MIN_VIEW_SIDE / 2.0));
        (mid - half, mid + half)
    };
    let (x0, x1) = grow(r[0], r[2]);
    let (y0, y1) = grow(r[1], r[3]);
    let clipped = [x0.max(inner[0]), y0.max(inner[1]), x1.min(inner[2]), y1.min(inner[3])];
    if clipped[0] < clipped[2] && clipped[1] < clipped[3] {
        clipped
    } else {
        // Entirely outside the province's box: pin it to the nearest edge so it still shows
        // which way the view lies.
        let cx = ((x0 + x1) / 2.0).clamp(inner[0], inner[2]);
        let cy = ((y0 + y1) / 2.0).clamp(inner[1], inner[3]);
        let h = MIN_VIEW_SIDE / 2.0;
        [cx - h, cy - h, cx + h, cy + h]
    }
}

/// The panel, the province, the view's rectangle.
pub fn draw_locator(canvas: &mut dyn Canvas, locator: &LocatorBox) {
    let panel = Polylines::rect(locator.rect);
    canvas.fill(&panel, PANEL, Some(FillTag { class: "locator", code: None }));
    canvas.stroke(&panel, &PANEL_EDGE);
    canvas.fill(
        &locator.province,
        PROVINCE_FILL,
        Some(FillTag { class: "locator-province", code: None }),
    );
    canvas.stroke(&locator.province, &PROVINCE_EDGE);
    let view = Polylines::rect(locator.view_rect);
    canvas.fill(&view, VIEW_FILL, Some(FillTag { class: "locator-view", code: None }));
    canvas.stroke(&view, &VIEW_EDGE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_view_still_shows_and_an_outside_one_is_pinned_to_the_edge() {
        let inner = [0.0, 0.0, 100.0, 80.0];
        let r = view_rect_in(inner, [50.0, 40.0, 50.2, 40.1]);
        assert!(
            r[2] - r[0] >= MIN_VIEW_SIDE - 1e-3 && r[3] - r[1] >= MIN_VIEW_SIDE - 1e-3,
            "{r:?}"
        );
        let r = view_rect_in(inner, [150.0, 40.0, 160.0, 50.0]);
        assert!(r[2] <= 100.0 + MIN_VIEW_SIDE && r[0] >= 90.0, "pinned to the right edge: {r:?}");
        let r = view_rect_in(inner, [-50.0, -50.0, 200.0, 200.0]);
        assert_eq!(r, inner, "clipped to the panel");
    }
}
