//! What panels ask the application to do.
//!
//! Panels read narrow inputs (the atlas, the selection, a few settings) and return `Action`s;
//! only the application changes its state, in one place (`app::AtlasApp::apply`), before the
//! panels of the next pass draw. That keeps every panel a pure function of what it is shown and
//! makes one click update the selection, the cluster list and the details panel together.

use std::path::PathBuf;

use super::selection::Selection;
use crate::export::ExportRequest;
use crate::i18n::Lang;
use crate::layer::{Crs, LayerSpec, LayerStyle};
use crate::map::tiles::BasemapChoice;
use crate::model::Subject;
use crate::scene::layers::LayerId;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Select without moving the map (a click on the map or in the cluster list).
    Select(Selection),
    /// Select and bring into view (search results, breadcrumbs, tour, `--select`).
    Focus(Subject),
    ClearSelection,
    /// The details panel lists every excerpt of the selection, not only the first few.
    ShowAllExcerpts,
    /// Show the whole article, scrolled to the excerpt.
    OpenDocument {
        file: String,
        excerpt: Option<String>,
    },
    CloseDocument,
    /// The whole province.
    Home,
    /// Zoom in (positive) or out by whole steps, about the map's centre.
    ZoomBy(f64),
    /// Pan by a fraction of the map's width and height (arrow keys: a quarter).
    PanBy([f32; 2]),
    SetLang(Lang),
    SetClassroom(bool),
    SetLayer(LayerId, bool),
    SetTownsAtAllZooms(bool),
    SetBasemap(BasemapChoice),
    /// Open the export dialog (its title defaults to the selection's name).
    OpenExport,
    CloseExport,
    /// Render a figure on a worker thread and write it to `path`.
    StartExport {
        request: Box<ExportRequest>,
        path: PathBuf,
    },
    /// The export's worker is done: the written path, or the one-line error.
    ExportFinished(Result<String, String>),
    /// Draw a thematic map (`None`: none). Only the classification changed → no re-reading.
    SetTheme(Option<crate::theme::ThemeSpec>),
    /// Read a table file (again) and shade by its first column of numbers.
    LoadThemeTable(PathBuf),
    /// Write the theme's join report as CSV.
    SaveJoinReport(PathBuf),
    /// Start the guided tour, go to a stop, or end it.
    TourGo(usize),
    TourEnd,
    /// Centre the map on a lon/lat and zoom in by whole steps (a click on a bin of points).
    ZoomInAt {
        lonlat: [f64; 2],
        steps: f64,
    },
    /// Something done to the planner's own layers (issue 10).
    UserLayer(LayerAction),
    /// The measure tool (issue 12).
    Measure(super::measure::MeasureAction),
    /// Saved views: save, open, rename, delete (issue 12).
    View(super::views_panel::ViewAction),
    /// Reader mode (issue 12).
    Reader(super::reader::ReaderAction),
    /// Tours: recording, playing, stepping (issue 12).
    Tour(super::tour_recorder::TourAction),
    /// Compare: pin, unpin, export the table (issue 12).
    Compare(super::compare::CompareAction),
    /// Presentation mode: enter, leave, high contrast (issue 12).
    Presentation(super::presentation::PresentationAction),
    /// Hide a notice of the layers panel (by its text) for the rest of the session.
    DismissNotice(String),
    /// Side panels in a narrow window (issue 19).
    Layout(super::layout::LayoutAction),
}

/// What the user-layers panel, the file dialog, drag-and-drop and `--layer` ask for. Layers are
/// named by their id for this run (`UserLayers` numbers them as they are added).
#[derive(Clone, Debug, PartialEq)]
pub enum LayerAction {
    /// Add a layer on top and start loading it (a path already listed is not added twice).
    Add(LayerSpec),
    Remove(u64),
    /// Read the file again (after "file not found", or to pick up an edit).
    Retry(u64),
    /// Stop a load in progress; the entry is removed.
    Cancel(u64),
    SetVisible(u64, bool),
    SetOpacity(u64, f32),
    /// Up (towards the top of the paint order) by one when `true`, else down by one.
    Move {
        id: u64,
        up: bool,
    },
    /// The file's coordinates are in another system: read it again converted from it.
    SetCrs(u64, Crs),
    SetStyle(u64, LayerStyle),
    /// Fit the map to the layer's extent.
    ZoomTo(u64),
    /// Open the file dialog ("Add layer…") in the folder of the last file chosen.
    OpenFileDialog,
    /// Close it (Cancel, ×, or a file chosen: `Add` comes first).
    CloseFileDialog,
}
