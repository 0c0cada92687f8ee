//! What the side panels' toggles ask for when the window is too narrow for both panels and a
//! map of reasonable size (`app::layout`): one side panel at a time, opened from the top bar.

/// Show or hide a side panel in a narrow window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutAction {
    /// The layers panel (layers, views, thematic map, basemap, legend); opening it hides the
    /// details.
    ShowLayers(bool),
    /// The details of the selection; opening them hides the layers panel.
    ShowDetails(bool),
}
