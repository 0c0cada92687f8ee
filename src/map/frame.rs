//! Framing in the window (issue 19): the part of the map the furniture leaves free, fitting a box
//! into that part, and the limits of zoom and pan.
//!
//! Pure geometry on screen rectangles and mercator boxes, so it is tested without a window. The
//! map (`app::map_view`) records the furniture's boxes each frame and frames the start view,
//! *Whole province*, a selection and a tour stop with [`fit_in_free_area`].

pub use crate::scene::free_area::{fit_in_free_area, free_area, intersects, Rect};
use crate::scene::view::{View, TILE_SIZE};

/// What a fit frames: its box and, for a shape, its polygons (mercator, simplified): the
/// furniture may cover the box's empty corners (the sea off Shantou, Guangxi beyond Zhaoqing)
/// but not the shape. A place or a line is framed by its box alone (`polygons` empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FitSubject {
    pub bbox_mercator: [f64; 4],
    pub polygons_mercator: Vec<Vec<Vec<[f64; 2]>>>,
}

impl FitSubject {
    /// A subject that is only its box.
    pub fn of_box(bbox_mercator: [f64; 4]) -> FitSubject {
        FitSubject { bbox_mercator, polygons_mercator: Vec::new() }
    }

    /// The polygons to keep clear of the furniture: the shape, else the box.
    fn polygons(&self) -> Vec<Vec<Vec<[f64; 2]>>> {
        if !self.polygons_mercator.is_empty() {
            return self.polygons_mercator.clone();
        }
        let b = self.bbox_mercator;
        vec![vec![vec![[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]]]
    }
}

/// Zoom steps (levels) and how far (as a share of the map's size) a fit tries zooming out and
/// moving the subject to keep it clear of the furniture.
const FIT_ZOOM_STEP: f64 = 0.05;
const FIT_ZOOM_RANGE: f64 = 1.5;
const FIT_SHIFTS: [f32; 5] = [0.0, -0.06, 0.06, -0.12, 0.12];
/// Room kept between the furniture and the subject, screen points.
const FIT_CLEARANCE: f32 = 4.0;
/// Room kept between the map's edges and the subject's box, screen points: moved off centre to
/// clear the scale bar, the Zhaoming Expressway's end was drawn 3 points under the top bar and
/// read as running under it (issue 19 QA, 1280×720, Large text, presenting).
pub const FIT_EDGE: f32 = 10.0;

/// The view of `map` that shows `subject` as large as it can within the map (with `margin`,
/// no closer than `max_zoom`) and with none of the `overlays` (the furniture's boxes) over its
/// shape: the closest zoom, then the smallest shift of the subject from the map's centre. When
/// no such view exists (a map buried under its furniture), the box fitted in the free area.
pub fn frame_subject(
    subject: &FitSubject,
    map: Rect,
    overlays: &[Rect],
    margin: f64,
    max_zoom: f64,
) -> View {
    let start = View::fit(subject.bbox_mercator, map, margin);
    let start_zoom = start.zoom.min(max_zoom);
    let polygons = subject.polygons();
    let overlays: Vec<Rect> = overlays
        .iter()
        .filter(|b| intersects(b, &map))
        .map(|b| {
            [b[0] - FIT_CLEARANCE, b[1] - FIT_CLEARANCE, b[2] + FIT_CLEARANCE, b[3] + FIT_CLEARANCE]
        })
        .collect();
    let mut shifts: Vec<[f32; 2]> =
        FIT_SHIFTS.iter().flat_map(|&x| FIT_SHIFTS.iter().map(move |&y| [x, y])).collect();
    shifts.sort_by(|a, b| (a[0].abs() + a[1].abs()).total_cmp(&(b[0].abs() + b[1].abs())));
    let (w, h) = (map[2] - map[0], map[3] - map[1]);
    let steps = (FIT_ZOOM_RANGE / FIT_ZOOM_STEP) as usize;
    for step in 0..=steps {
        let zoom = start_zoom - step as f64 * FIT_ZOOM_STEP;
        let scale = TILE_SIZE * 2f64.powf(zoom);
        for shift in &shifts {
            let center_mercator = [
                start.center_mercator[0] - (shift[0] * w) as f64 / scale,
                start.center_mercator[1] - (shift[1] * h) as f64 / scale,
            ];
            let view = View { center_mercator, zoom, rect_screen: map };
            if box_inside(&view, subject.bbox_mercator, inset(map))
                && overlays.iter().all(|o| !covers(&view, o, &polygons))
            {
                return view;
            }
        }
    }
    fit_in_free_area(subject.bbox_mercator, map, free_area(map, &overlays), margin, max_zoom)
}

/// Whether `view` shows `subject` whole in its map with none of the `overlays` (the
/// furniture's boxes, given the framing's clearance) over its shape: what [`frame_subject`]
/// looks for, asked of a view already drawn.
pub fn frames_clear(subject: &FitSubject, view: &View, overlays: &[Rect]) -> bool {
    let map = view.rect_screen;
    let polygons = subject.polygons();
    box_inside(view, subject.bbox_mercator, inset(map))
        && overlays.iter().filter(|b| intersects(b, &map)).all(|b| {
            !covers(
                view,
                &[
                    b[0] - FIT_CLEARANCE,
                    b[1] - FIT_CLEARANCE,
                    b[2] + FIT_CLEARANCE,
                    b[3] + FIT_CLEARANCE,
                ],
                &polygons,
            )
        })
}

/// `map` less [`FIT_EDGE`] on each side (the whole map when it is too small for that).
fn inset(map: Rect) -> Rect {
    let e = FIT_EDGE.min((map[2] - map[0]) / 8.0).min((map[3] - map[1]) / 8.0).max(0.0);
    [map[0] + e, map[1] + e, map[2] - e, map[3] - e]
}

/// Whether `bbox_mercator` lies in `map` in `view`.
fn box_inside(view: &View, bbox_mercator: [f64; 4], map: Rect) -> bool {
    let t = view.screen_from_mercator();
    let (a, b) = (
        t.apply([bbox_mercator[0], bbox_mercator[1]]),
        t.apply([bbox_mercator[2], bbox_mercator[3]]),
    );
    a[0] >= map[0] - 0.5 && a[1] >= map[1] - 0.5 && b[0] <= map[2] + 0.5 && b[1] <= map[3] + 0.5
}

/// Whether the screen box `overlay` covers part of `polygons` in `view`: a vertex of theirs in
/// the box, or a corner of the box inside them (a box wholly inside the shape).
pub fn covers(view: &View, overlay: &Rect, polygons: &[Vec<Vec<[f64; 2]>>]) -> bool {
    let t = view.screen_from_mercator();
    let (a, b) = (t.inverse([overlay[0], overlay[1]]), t.inverse([overlay[2], overlay[3]]));
    let inside = |p: &[f64; 2]| p[0] >= a[0] && p[0] <= b[0] && p[1] >= a[1] && p[1] <= b[1];
    if polygons.iter().flatten().flatten().any(inside) {
        return true;
    }
    [[a[0], a[1]], [b[0], a[1]], [b[0], b[1]], [a[0], b[1]]]
        .iter()
        .any(|&c| crate::geo::pip::point_in_multipolygon(c, polygons))
}

/// How far the map may go: never so far out that Guangdong fills less than half of the map
/// (it became a "75" badge), never so far off that the basemap leaves the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapBounds {
    /// Guangdong's extent, mercator.
    pub province_mercator: [f64; 4],
    /// The offline basemap's extent, mercator: the map's centre stays within it plus
    /// [`PAN_MARGIN`] of its size.
    pub basemap_mercator: [f64; 4],
}

/// How far beyond the basemap the map's centre may be panned, as a fraction of its size.
pub const PAN_MARGIN: f64 = 0.1;
/// The closest zoom (walkers' scale): street level.
pub const MAX_ZOOM: f64 = 18.0;

impl MapBounds {
    /// The farthest zoom for a map of `size` points: the province spans half of the map's width
    /// or of its height, whichever it fills first.
    pub fn min_zoom(&self, size: [f32; 2]) -> f64 {
        let fitted =
            View::fit(self.province_mercator, [0.0, 0.0, size[0].max(1.0), size[1].max(1.0)], 0.0);
        (fitted.zoom - 1.0).clamp(0.0, MAX_ZOOM)
    }

    /// `zoom` within [`min_zoom`](Self::min_zoom) and [`MAX_ZOOM`].
    pub fn clamp_zoom(&self, zoom: f64, size: [f32; 2]) -> f64 {
        zoom.clamp(self.min_zoom(size), MAX_ZOOM)
    }

    /// `center_mercator` moved back within the basemap plus its margin.
    pub fn clamp_center(&self, center_mercator: [f64; 2]) -> [f64; 2] {
        let b = self.basemap_mercator;
        let (mx, my) = ((b[2] - b[0]) * PAN_MARGIN, (b[3] - b[1]) * PAN_MARGIN);
        [
            center_mercator[0].clamp(b[0] - mx, b[2] + mx),
            center_mercator[1].clamp(b[1] - my, b[3] + my),
        ]
    }

    /// The view moved and zoomed back within the bounds (unchanged when it is within them).
    pub fn clamp(&self, view: View) -> View {
        let size = [view.width(), view.height()];
        View {
            center_mercator: self.clamp_center(view.center_mercator),
            zoom: self.clamp_zoom(view.zoom, size),
            ..view
        }
    }
}

/// Zoom levels per wheel notch (a "line" of scrolling): at most half a level, so a notch never
/// skips a whole level of detail (one notch jumped ~1.3 levels through walkers' default).
pub const ZOOM_PER_NOTCH: f64 = 0.5;
/// Zoom levels per point of smooth scrolling (trackpads, and wheels reported in points): a
/// 50-point notch is half a level.
pub const ZOOM_PER_POINT: f64 = ZOOM_PER_NOTCH / 50.0;
/// How long a notch's half level takes to settle (seconds, exponential easing).
pub const WHEEL_EASING_S: f64 = 0.06;

/// The zoom change a wheel event asks for: notches and pages are eased by the caller, points
/// (trackpads) are applied as they come. Each event is capped at [`ZOOM_PER_NOTCH`].
pub fn wheel_zoom_levels(unit: egui::MouseWheelUnit, delta_y: f32) -> f64 {
    let levels = match unit {
        egui::MouseWheelUnit::Line => delta_y as f64 * ZOOM_PER_NOTCH,
        egui::MouseWheelUnit::Page => delta_y as f64 * ZOOM_PER_NOTCH * 2.0,
        egui::MouseWheelUnit::Point => delta_y as f64 * ZOOM_PER_POINT,
    };
    levels.clamp(-ZOOM_PER_NOTCH, ZOOM_PER_NOTCH)
}

/// The view zoomed by `levels` around `anchor_screen` (the pointer): the place under the
/// pointer stays under it.
pub fn zoom_around(view: &View, levels: f64, anchor_screen: [f32; 2]) -> View {
    let t = view.screen_from_mercator();
    let anchor_mercator = t.inverse(anchor_screen);
    let zoom = view.zoom + levels;
    let scale = TILE_SIZE * 2f64.powf(zoom);
    let c = view.center_screen();
    let center_mercator = [
        anchor_mercator[0] - (anchor_screen[0] as f64 - c[0]) / scale,
        anchor_mercator[1] - (anchor_screen[1] as f64 - c[1]) / scale,
    ];
    View { center_mercator, zoom, ..*view }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corner_boxes_are_cut_from_the_cheaper_side() {
        let map = [0.0, 0.0, 1000.0, 600.0];
        // Notes: wide and short in the top-left corner → cut from the top.
        let notes = [14.0, 14.0, 414.0, 60.0];
        // Legend: narrow and tall in the bottom-right corner → cut from the right.
        let legend = [800.0, 200.0, 986.0, 586.0];
        let free = free_area(map, &[notes, legend]);
        assert_eq!(free, [0.0, 60.0, 800.0, 600.0]);
        assert_eq!(free_area(map, &[]), map);
        // Furniture covering nearly everything leaves the whole map (the subject shows under it).
        assert_eq!(free_area(map, &[[0.0, 0.0, 900.0, 580.0]]), map);
    }

    #[test]
    fn a_box_fits_the_free_area_and_the_view_stays_centred_on_the_map() {
        let bbox = [0.80, 0.43, 0.82, 0.44];
        let map = [0.0, 0.0, 1000.0, 600.0];
        let free = [200.0, 100.0, 1000.0, 600.0];
        let v = fit_in_free_area(bbox, map, free, 0.02, 20.0);
        assert_eq!(v.rect_screen, map);
        let t = v.screen_from_mercator();
        let (a, b) = (t.apply([bbox[0], bbox[1]]), t.apply([bbox[2], bbox[3]]));
        assert!(
            a[0] >= free[0] - 0.01
                && a[1] >= free[1] - 0.01
                && b[0] <= free[2] + 0.01
                && b[1] <= free[3] + 0.01,
            "{a:?} {b:?}"
        );
        // Centred in the free part.
        assert!(
            ((a[0] + b[0]) / 2.0 - 600.0).abs() < 0.5 && ((a[1] + b[1]) / 2.0 - 350.0).abs() < 0.5,
            "{a:?} {b:?}"
        );
        assert!(v.zoom > 7.0);
        assert_eq!(
            fit_in_free_area(bbox, map, free, 0.02, 6.0).zoom,
            6.0,
            "never closer than max_zoom"
        );
    }

    fn bounds() -> MapBounds {
        MapBounds {
            province_mercator: [0.80, 0.43, 0.82, 0.445],
            basemap_mercator: [0.79, 0.42, 0.83, 0.45],
        }
    }

    #[test]
    fn the_furniture_may_cover_the_empty_corners_of_the_box_not_the_shape() {
        // A triangle filling the lower-left half of its box.
        let (x0, y0, x1, y1) = (0.80, 0.43, 0.82, 0.45);
        let subject = FitSubject {
            bbox_mercator: [x0, y0, x1, y1],
            polygons_mercator: vec![vec![vec![[x0, y0], [x1, y1], [x0, y1]]]],
        };
        let map = [0.0, 0.0, 800.0, 800.0];
        // A box in the top-right corner, over the triangle's empty half.
        let corner = [560.0, 0.0, 800.0, 240.0];
        let v = frame_subject(&subject, map, &[corner], 0.02, 20.0);
        let boxed = View::fit(subject.bbox_mercator, map, 0.02);
        assert!(
            (v.zoom - boxed.zoom).abs() < 1e-9,
            "nothing to avoid: as large as the box allows ({} vs {})",
            v.zoom,
            boxed.zoom
        );
        assert!(!covers(&v, &corner, &subject.polygons_mercator));
        // A box in the bottom-left corner, over the shape: zoomed out or moved until clear.
        let over = [0.0, 560.0, 240.0, 800.0];
        let v = frame_subject(&subject, map, &[over], 0.02, 20.0);
        assert!(v.zoom < boxed.zoom && !covers(&v, &over, &subject.polygons_mercator), "{v:?}");
        assert!(box_inside(&v, subject.bbox_mercator, map));
    }

    #[test]
    fn zooming_out_stops_when_the_province_is_half_the_map() {
        let b = bounds();
        let size = [1000.0, 600.0];
        let min = b.min_zoom(size);
        let view = View {
            center_mercator: [0.81, 0.4375],
            zoom: min,
            rect_screen: [0.0, 0.0, 1000.0, 600.0],
        };
        let t = view.screen_from_mercator();
        let (p, q) = (t.apply([0.80, 0.43]), t.apply([0.82, 0.445]));
        let share = ((q[0] - p[0]) / 1000.0).max((q[1] - p[1]) / 600.0);
        assert!((share - 0.5).abs() < 1e-3, "{share}");
        assert_eq!(b.clamp_zoom(min - 2.0, size), min);
        assert_eq!(b.clamp_zoom(25.0, size), MAX_ZOOM);
    }

    #[test]
    fn panning_stops_a_tenth_beyond_the_basemap() {
        let b = bounds();
        assert_eq!(b.clamp_center([0.81, 0.43]), [0.81, 0.43], "inside: unchanged");
        let far = b.clamp_center([2.0, -1.0]);
        assert!((far[0] - 0.834).abs() < 1e-9 && (far[1] - 0.417).abs() < 1e-9, "{far:?}");
    }

    #[test]
    fn a_notch_is_half_a_level_and_keeps_the_place_under_the_pointer() {
        assert_eq!(wheel_zoom_levels(egui::MouseWheelUnit::Line, 1.0), 0.5);
        assert_eq!(wheel_zoom_levels(egui::MouseWheelUnit::Line, -3.0), -0.5, "capped per event");
        assert!(
            (wheel_zoom_levels(egui::MouseWheelUnit::Point, 5.0) - 0.05).abs() < 1e-9,
            "a trackpad's small steps stay small"
        );
        let view = View {
            center_mercator: [0.81, 0.43],
            zoom: 8.0,
            rect_screen: [0.0, 0.0, 1000.0, 600.0],
        };
        let anchor = [250.0, 150.0];
        let before = view.screen_from_mercator().inverse(anchor);
        let zoomed = zoom_around(&view, 0.5, anchor);
        let after = zoomed.screen_from_mercator().inverse(anchor);
        assert!((before[0] - after[0]).abs() < 1e-12 && (before[1] - after[1]).abs() < 1e-12);
        assert_eq!(zoomed.zoom, 8.5);
    }
}
