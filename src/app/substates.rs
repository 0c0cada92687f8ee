//! The application's state, grouped by what it is about (issue 20): each group is owned by
//! `AtlasApp`, changed only by `apply` (and the functions it calls), and read by the panels
//! through narrow inputs. Groups that have their own behaviour live in their own modules
//! (`MapView`, `ThemeState`, `UserLayers`, `ReaderState`, `TourState`, `MeasureState`,
//! `PresentationState`, `LayoutState`); this module holds the ones that are only data.

use super::export_job::ExportJob;
use super::reader_state::{ReaderState, TourState};
use crate::model::tour::TourStop;
use crate::ui;
use crate::ui::document::DocumentView;
use crate::ui::export_dialog::ExportDialogState;
use crate::ui::Selection;

/// What is selected, how much of it the details panel lists, and the regions pinned beside it.
#[derive(Default)]
pub struct SelectionState {
    pub current: Option<Selection>,
    /// The details panel lists every excerpt only on request (some places have dozens).
    pub all_excerpts: bool,
    /// Regions pinned for comparison, their table and the CSV path (issue 12).
    pub compare: ui::compare::CompareState,
}

/// Reading and touring: the document open beside the map, reader mode, the tour being played
/// (its stops and where it is), the saved tours and the one being recorded.
#[derive(Default)]
pub struct Reading {
    pub document: Option<DocumentView>,
    pub reader: ReaderState,
    /// The stops of the tour being played (empty: none).
    pub tour: Vec<TourStop>,
    /// The stop shown, while a tour plays.
    pub tour_stop: Option<usize>,
    pub tours: TourState,
}

/// The export dialog: open or not, its form, and the export being rendered.
#[derive(Default)]
pub struct ExportState {
    pub open: bool,
    pub dialog: ExportDialogState,
    pub(super) job: Option<ExportJob>,
}

/// What the panels are in the middle of: fields being typed, a file dialog open. Only the
/// panels change these, while they draw (like a text field's cursor); everything they ask of
/// the application comes back as an action.
#[derive(Default)]
pub struct Panels {
    pub(super) top_bar: ui::top_bar::TopBarState,
    pub(super) layers: ui::layers_panel::LayersPanelState,
    pub user_layers: ui::user_layers_panel::UserLayersPanelState,
    pub theme: ui::theme_panel::ThemePanelState,
    pub views: ui::views_panel::ViewsPanelState,
}
