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
    fn a_narrow_window_shows_one_side_panel_at_a_time() {
        let mut s = LayoutState::default();
        assert!(s.layers_shown(false) && s.details_shown(false, false), "wide: both, always");
        assert!(!s.layers_shown(true) && !s.details_shown(true, false), "narrow: none until asked");
        assert!(s.details_shown(true, true), "a selection shows its details");
        s.layers_open = true;
        assert!(s.layers_shown(true) && !s.details_shown(true, true));
    }
}
