//! Geometry algorithms, one per module. No egui, no I/O.

pub mod mercator;
pub mod simplify;
pub mod topology;
pub mod voronoi;
