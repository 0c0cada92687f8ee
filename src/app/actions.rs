//! What panels ask the application to do; applied once per frame by `AtlasApp`.

use crate::model::Subject;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Select without moving the map (a click on the map).
    Select(Subject),
    /// Select and bring into view (search results, breadcrumbs, tour).
    Focus(Subject),
    ClearSelection,
    /// Show the whole article, scrolled to the excerpt.
    OpenDocument { file: String, excerpt: Option<String> },
    Home,
}
