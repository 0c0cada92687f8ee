//! The atlas model: regions, places, lines, documents, indicators and excerpts, loaded from
//! `data/` and `assets/geo/`. Knows nothing of egui, so the CLI, the tests and the exports use it
//! as the window does.

mod load;
mod types;

pub mod area;
pub mod atlas;
pub mod census;
pub mod compare;
pub mod enum_text;
pub mod error;
pub mod kinds;
pub mod link;
pub mod mentions;
pub mod names;
pub mod rows;
pub mod search;
pub mod source;
pub mod text;
pub mod tour;
pub mod town_checks;
pub mod user_towns;
pub mod validate;

pub use atlas::{AtResult, Atlas, BoundarySource, ShapeRings};
pub use error::{LoadError, Location};
pub use source::DataSource;
pub use types::*;
