//! Geometry algorithms, one per module. No egui, no I/O.

pub mod index;
pub mod mercator;
pub mod pip;
pub mod simplify;
pub mod topology;
pub mod voronoi;
