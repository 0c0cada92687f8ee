//! Geometry algorithms and formats, one per module. No egui, no file access (callers pass text).

pub mod bbox;
pub mod china_crs;
pub mod crossing;
pub mod ellipsoid_area;
pub mod geojson;
pub mod great_circle;
pub mod index;
pub mod label_point;
pub mod mercator;
pub mod pip;
pub mod simplify;
pub mod topology;
pub mod topology_bin;
pub mod zorder;
