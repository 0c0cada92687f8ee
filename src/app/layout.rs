//! Layouts that adapt to the window (issue 19): when the window is too narrow for both side
//! panels beside a map of reasonable size — 1280×720 with Large text is 883 points wide, and the
//! two panels left a 290-pixel sliver of map — the panels collapse: the layers panel opens from
//! the top bar, the details show beside the map while something is selected, one side panel at a
//! time and narrower, so the map keeps at least 60 % of the window.

use super::state::AtlasApp;
use crate::ui::layout::LayoutAction;

/// Below this width (points) the window is narrow: two panels (250 + 400 points) would leave
/// the map less than 40 % of it.
pub const NARROW_WIDTH: f32 = 1100.0;
/// Width of a side panel in a narrow window, as a fraction of the window's width.
pub const NARROW_PANEL_SHARE: f32 = 0.3;
/// Width of the details panel while nothing is selected (it holds only "Click the map …"),
/// points.
pub const HINT_PANEL_WIDTH: f32 = 170.0;
/// The share of the window's width the map keeps whatever the side panels hold: at 1280×720
/// *All figures* of a county, or a long census name, widened the panels until the map was
/// 330–390 points wide (issue 19 QA). The panels share the rest and wrap their text.
pub const MAP_MIN_SHARE: f32 = 0.6;
/// The layers panel's width in a wide window, and the room it may take at most (its widest
/// row, the thematic map's, is ~275 points in English).
pub const LAYERS_WIDTH: f32 = 250.0;
pub const LAYERS_ROOM: f32 = 280.0;
/// The details panel's width in a wide window, and the narrowest it is beside the layers
/// panel: below that a window shows one side panel at a time while something is selected.
pub const DETAILS_WIDTH: f32 = 400.0;
pub const DETAILS_MIN_WIDTH: f32 = 300.0;

/// Which side panels a narrow window shows (a wide one shows both, as always).
#[derive(Debug, Default)]
pub struct LayoutState {
    /// The layers panel was opened from the top bar.
    pub layers_open: bool,
    /// The details of the selection were closed (a new selection shows them again).
    pub details_hidden: bool,
}

impl LayoutState {
    /// Whether the layers panel shows in a window `narrow` or not.
    pub fn layers_shown(&self, narrow: bool) -> bool {
        !narrow || self.layers_open
    }

    /// Whether the details panel shows, with `selected` something selected.
    pub fn details_shown(&self, narrow: bool, selected: bool) -> bool {
        !narrow || (selected && !self.details_hidden && !self.layers_open)
    }
}

/// Whether a window of `width_points` is narrow.
pub fn is_narrow(width_points: f32) -> bool {
    width_points < NARROW_WIDTH
}

/// The width both side panels may take together in a window of `width_points`.
pub fn side_room(width_points: f32) -> f32 {
    width_points * (1.0 - MAP_MIN_SHARE)
}

/// Whether a window of `width_points` shows one side panel at a time: a narrow one always, and
/// one whose side room cannot hold the layers panel beside a selection's details (1280×720:
/// the details of a county beside the layers left the map under half the window).
pub fn one_panel_at_a_time(width_points: f32, selected: bool) -> bool {
    is_narrow(width_points)
        || (selected && side_room(width_points) < LAYERS_ROOM + DETAILS_MIN_WIDTH)
}

impl AtlasApp {
    pub(super) fn apply_layout(&mut self, action: LayoutAction) {
        let layout = &mut self.layout;
        match action {
            LayoutAction::ShowLayers(on) => {
                layout.layers_open = on;
                // One panel at a time: the details step aside while the layers show.
                layout.details_hidden = on;
            }
            LayoutAction::ShowDetails(on) => {
                layout.details_hidden = !on;
                if on {
                    layout.layers_open = false;
                }
            }
        }
    }

    /// A new selection brings its details back (and, one panel at a time, closes the layers).
    pub(super) fn show_details_of_new_selection(&mut self) {
        self.layout.details_hidden = false;
        self.layout.layers_open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_panels_leave_the_map_its_share() {
        assert!(!one_panel_at_a_time(1280.0, false), "1280: layers and the strip fit");
        assert!(side_room(1280.0) >= LAYERS_ROOM + HINT_PANEL_WIDTH);
        assert!(
            one_panel_at_a_time(1280.0, true),
            "1280: a selection's details replace the layers"
        );
        assert!(!one_panel_at_a_time(1600.0, true), "1600: both");
        assert!(one_panel_at_a_time(1000.0, false), "narrow");
    }

    #[test]
    fn a_narrow_window_shows_one_side_panel_at_a_time() {
        let mut s = LayoutState::default();
        assert!(s.layers_shown(false) && s.details_shown(false, false), "wide: both, always");
        assert!(!s.layers_shown(true) && !s.details_shown(true, false), "narrow: none until asked");
        assert!(s.details_shown(true, true), "a selection shows its details");
        s.layers_open = true;
        assert!(s.layers_shown(true) && !s.details_shown(true, true));
    }
}
