//! Panels and egui helpers (layers/legend, details, document viewer, export dialog, tour bar).
//!
//! Every panel is a function of narrow inputs (the atlas, the selection, a few settings) that
//! returns [`Action`]s; none imports `crate::app` or changes application state itself.

pub mod action;
pub mod census;
pub mod compare;
pub mod details;
pub mod document;
pub mod export_dialog;
pub mod feature_details;
pub mod file_dialog;
pub mod fonts;
pub mod furniture;
pub mod join_report;
pub mod layers_panel;
pub mod layout;
pub mod legend;
pub mod measure;
pub mod presentation;
pub mod reader;
pub mod selection;
pub mod theme_details;
pub mod theme_panel;
pub mod top_bar;
pub mod tour_bar;
pub mod tour_recorder;
pub mod user_layers_panel;
pub mod views_panel;
pub mod windows;

pub use action::Action;
pub use selection::Selection;
