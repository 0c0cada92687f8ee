//! The atlas model: regions, places, lines, documents, indicators and excerpts, loaded from
//! `data/` and `assets/geo/`. Knows nothing of egui, so the CLI, the tests and the exports use it
//! as the window does.

mod types;

pub use types::*;
