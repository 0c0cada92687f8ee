//! Where the floating windows (compare, measure, reader, tours, document, export, add layer) may
//! go: inside the map's area, below the top bar. A window that reached into the top bar took the
//! clicks meant for its buttons (issue 19: with two regions pinned, the Compare window opened at
//! the screen's corner and its edge covered the left half of Measure). Every window is made with
//! [`in_map_area`]; the app records the map's area each frame with [`set_map_area`].

use egui::{Context, Id, Pos2, Rect, Vec2};

/// Kept clear between a window and the top of the map: more than egui's corner grab radius
/// (10 points), so not even a window's resize handle reaches the top bar.
const TOP_CLEARANCE: f32 = 14.0;
/// Kept clear on the other sides (the side panels' resize handles).
const SIDE_CLEARANCE: f32 = 6.0;

fn key() -> Id {
    Id::unique("gd-atlas-map-area")
}

/// Records the map's rectangle (the central panel, in points) for this frame's windows.
pub fn set_map_area(ctx: &Context, map_rect: Rect) {
    ctx.data_mut(|d| d.insert_temp(key(), map_rect));
}

/// The rectangle windows are kept in: the map's area less the clearances (the whole content
/// rectangle less the same clearances before the map was first drawn).
pub fn window_area(ctx: &Context) -> Rect {
    let map = ctx.data(|d| d.get_temp::<Rect>(key())).unwrap_or_else(|| ctx.content_rect());
    let area = Rect::from_min_max(
        map.min + Vec2::new(SIDE_CLEARANCE, TOP_CLEARANCE),
        map.max - Vec2::splat(SIDE_CLEARANCE),
    );
    // A map too small for a window: the window still fits the screen, never the top bar.
    if area.width() < 200.0 || area.height() < 120.0 {
        let screen = ctx.content_rect();
        return Rect::from_min_max(Pos2::new(screen.min.x, area.min.y), screen.max);
    }
    area
}

/// `window` constrained to the map's area, opening at its top-left corner unless it was placed.
pub fn in_map_area<'a>(ctx: &Context, window: egui::Window<'a>) -> egui::Window<'a> {
    let area = window_area(ctx);
    window.constrain_to(area).default_pos(area.min + Vec2::splat(8.0))
}
