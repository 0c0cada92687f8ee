//! The map in the window: paints scenes with egui (under walkers) and picks what is under the
//! pointer. The scene itself is built in `crate::scene`, shared with the exports.

pub mod frame;
pub mod paint;
pub mod pick;
pub mod tiles;
