//! Region areas in km², on the WGS84 ellipsoid.
//!
//! Method: each polygon of the region's full-detail topology rings is measured with Karney's
//! geodesic polygon area (`geo::GeodesicArea`, from GeographicLib): edges are geodesics on the
//! WGS84 ellipsoid, so the result needs no projection and is exact to well under 0.1 % for
//! shapes this size. Holes are subtracted. The accuracy that matters is the boundary's own: for
//! approximate towns (Voronoi cells) the area is that of the cell and is flagged approximate.

use geo::{Coord, GeodesicArea, LineString, Polygon};

use crate::model::{Atlas, GeometryKind, RegionIdx};

/// Area of a region's shape, and whether the shape is only approximate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionArea {
    pub km2: f64,
    pub approximate: bool,
}

/// Words for the details panel and the report.
pub const AREA_METHOD: &str = "geodesic area on the WGS84 ellipsoid (Karney) of the boundary drawn in the atlas";

/// How an area is computed, in Chinese (the thematic map's source line).
pub const AREA_METHOD_ZH: &str = "按图集所绘边界计算：WGS84 椭球面上的测地面积（Karney 算法）";

/// The area of a region, `None` when it has no shape.
pub fn region_area(atlas: &Atlas, region: RegionIdx) -> Option<RegionArea> {
    let r = &atlas.regions[region];
    let shape = r.shape?;
    let m2: f64 = atlas
        .shape_rings_lonlat(shape)
        .iter()
        .filter_map(|rings| {
            let (exterior, holes) = rings.split_first()?;
            let ring = |pts: &Vec<[f64; 2]>| LineString::from(pts.iter().map(|p| Coord { x: p[0], y: p[1] }).collect::<Vec<_>>());
            let polygon = Polygon::new(ring(exterior), holes.iter().map(ring).collect());
            Some(polygon.geodesic_area_unsigned())
        })
        .sum();
    Some(RegionArea { km2: m2 / 1e6, approximate: r.geometry == GeometryKind::Approximate })
}
