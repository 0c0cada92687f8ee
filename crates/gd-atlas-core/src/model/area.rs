//! Region areas in km², on the WGS84 ellipsoid.
//!
//! Method: each polygon of the region's full-detail topology rings is measured on the WGS84
//! ellipsoid through an equal-area projection (`geo::ellipsoid_area`; within 10⁻⁶ of Karney's
//! geodesic polygon area for these boundaries, and a hundred times faster, which the census
//! densities of every unit at load need). Holes are subtracted. The accuracy that matters is
//! the boundary's own: for approximate towns (Voronoi cells) the area is that of the cell and
//! is flagged approximate.

use crate::geo::ellipsoid_area::polygon_area_m2;

use super::atlas::ShapeRings;
use super::{Atlas, GeometryKind, RegionIdx};

/// Area of a region's shape, and whether the shape is only approximate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionArea {
    pub km2: f64,
    pub approximate: bool,
}

/// Words for the details panel and the report.
pub const AREA_METHOD: &str = "area on the WGS84 ellipsoid (equal-area projection, within a millionth of the geodesic area) of the boundary drawn in the atlas";

/// How an area is computed, in Chinese (the thematic map's source line).
pub const AREA_METHOD_ZH: &str =
    "按图集所绘边界计算：WGS84 椭球面上的面积（等积投影，与测地面积相差不超过百万分之一）";

/// Area on the ellipsoid (m²) of a shape given by its full-detail rings (polygons of rings).
pub fn shape_area_m2(rings: &ShapeRings) -> f64 {
    rings.iter().map(|polygon| polygon_area_m2(polygon)).sum()
}

/// The area of a region, `None` when it has no shape.
pub fn region_area(atlas: &Atlas, region: RegionIdx) -> Option<RegionArea> {
    let r = &atlas.regions[region];
    let shape = r.shape?;
    let m2 = atlas.shape_area_m2(shape);
    Some(RegionArea { km2: m2 / 1e6, approximate: r.geometry == GeometryKind::Approximate })
}
