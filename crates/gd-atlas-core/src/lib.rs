//! Guangdong Atlas, the core layer: everything that knows about the data and nothing about
//! drawing it. Geometry algorithms (`geo`), the atlas model and its loaders (`model`), planner
//! tables (`table`), the planner's own layers (`layer`), thematic maps (`theme`), the interface
//! languages (`i18n`), credits and the atomic writer.
//!
//! No egui, eframe, walkers or painter is a dependency of this crate: the renderer
//! (`gd-atlas-render`) and the app (`gd-atlas`) build on it, never the other way round.

pub mod credits;
pub mod fsutil;
pub mod geo;
pub mod i18n;
pub mod layer;
pub mod model;
pub mod par;
pub mod table;
pub mod theme;
