//! Web Mercator normalised to the unit square (x east, y south), the space meshes are cached in.
//!
//! Working in this space keeps triangulations exact at every zoom: a screen transform of it is
//! affine (scale + offset), so the window and the exports project a vertex with two multiply-adds.

use std::f64::consts::PI;

/// Latitude limit of Web Mercator.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// Mean Earth radius used by Web Mercator (EPSG:3857), metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;

pub fn mercator_from_lonlat(lonlat: [f64; 2]) -> [f64; 2] {
    let lat = lonlat[1].clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lonlat[0] + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    [x, y]
}

pub fn lonlat_from_mercator(mercator: [f64; 2]) -> [f64; 2] {
    let lon = mercator[0] * 360.0 - 180.0;
    let n = PI * (1.0 - 2.0 * mercator[1]);
    let lat = n.sinh().atan().to_degrees();
    [lon, lat]
}

/// Ground metres per mercator unit at a latitude (the unit square spans the equator once).
pub fn metres_per_mercator_unit(lat_deg: f64) -> f64 {
    2.0 * PI * EARTH_RADIUS_M * lat_deg.to_radians().cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let lonlat = [112.585, 23.06];
        let back = lonlat_from_mercator(mercator_from_lonlat(lonlat));
        assert!((back[0] - lonlat[0]).abs() < 1e-9 && (back[1] - lonlat[1]).abs() < 1e-9);
    }

    #[test]
    fn origin_and_orientation() {
        let m = mercator_from_lonlat([0.0, 0.0]);
        assert!((m[0] - 0.5).abs() < 1e-12 && (m[1] - 0.5).abs() < 1e-12);
        // North is up: a larger latitude has a smaller y.
        assert!(mercator_from_lonlat([0.0, 30.0])[1] < mercator_from_lonlat([0.0, 20.0])[1]);
    }
}
