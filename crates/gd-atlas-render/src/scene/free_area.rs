//! The part of a map its furniture leaves free, and fitting a box into that part (issue 19):
//! one rule for the window (`map::frame`: the start view, a selection, a tour stop) and for a
//! figure (`export::compose`: the subject kept from under its legend and notes).
//!
//! Pure geometry on screen rectangles and mercator boxes.

use super::view::{View, TILE_SIZE};

/// `[min_x, min_y, max_x, max_y]` in screen points.
pub type Rect = [f32; 4];

fn area(r: &Rect) -> f32 {
    (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0)
}

pub fn intersects(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The largest rectangle of `map` left by cutting away each overlay (the notes, scale bar,
/// credits and legend, each in a corner) from the side that costs least: a box in the
/// bottom-left corner is cut from the left or from the bottom, whichever keeps more map.
/// Largest boxes first, so a small one is not cut across a big one's cut.
pub fn free_area(map: Rect, overlays: &[Rect]) -> Rect {
    let mut boxes: Vec<Rect> = overlays.iter().copied().filter(|b| intersects(b, &map)).collect();
    boxes.sort_by(|a, b| area(b).total_cmp(&area(a)));
    let mut free = map;
    for b in boxes {
        if !intersects(&b, &free) {
            continue;
        }
        let centre = [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0];
        let mid = [(free[0] + free[2]) / 2.0, (free[1] + free[3]) / 2.0];
        let cuts = [
            (centre[0] < mid[0]).then(|| [b[2], free[1], free[2], free[3]]),
            (centre[0] >= mid[0]).then(|| [free[0], free[1], b[0], free[3]]),
            (centre[1] < mid[1]).then(|| [free[0], b[3], free[2], free[3]]),
            (centre[1] >= mid[1]).then(|| [free[0], free[1], free[2], b[1]]),
        ];
        if let Some(best) = cuts.into_iter().flatten().max_by(|a, b| area(a).total_cmp(&area(b))) {
            free = best;
        }
    }
    // Never less than a third of the map each way: a map covered by its furniture still shows
    // the subject (under it) rather than a speck.
    let (w, h) = (map[2] - map[0], map[3] - map[1]);
    if free[2] - free[0] < w / 3.0 || free[3] - free[1] < h / 3.0 {
        return map;
    }
    free
}

/// The view of `map` (its centre at the map's centre, as walkers draws it) that shows
/// `bbox_mercator` whole inside `free`, with `margin` (0.05 = 5 % on each side) and no closer
/// than `max_zoom`.
pub fn fit_in_free_area(
    bbox_mercator: [f64; 4],
    map: Rect,
    free: Rect,
    margin: f64,
    max_zoom: f64,
) -> View {
    let fitted = View::fit(bbox_mercator, free, margin);
    let zoom = fitted.zoom.min(max_zoom);
    let scale = TILE_SIZE * 2f64.powf(zoom);
    let free_centre = [(free[0] + free[2]) as f64 / 2.0, (free[1] + free[3]) as f64 / 2.0];
    let map_centre = [(map[0] + map[2]) as f64 / 2.0, (map[1] + map[3]) as f64 / 2.0];
    let center_mercator = [
        fitted.center_mercator[0] - (free_centre[0] - map_centre[0]) / scale,
        fitted.center_mercator[1] - (free_centre[1] - map_centre[1]) / scale,
    ];
    View { center_mercator, zoom, rect_screen: map }
}
