//! Panels and egui helpers (layers/legend, details, search, document viewer, export dialog).

pub mod fonts;
pub mod details;
pub mod document;
pub mod export_dialog;
pub mod furniture;
pub mod layers_panel;
pub mod legend;
pub mod top_bar;
pub mod tour_bar;
