//! GCJ-02 ("Mars coordinates", Amap and Tencent) and BD-09 (Baidu) to and from WGS84.
//!
//! GCJ-02 moves WGS84 by a smooth, position-dependent offset of a few hundred metres (the
//! widely published formula of the Krasovsky-ellipsoid transform). It has no closed inverse, so
//! [`wgs84_from_gcj02`] inverts it by fixed-point iteration, to well under a millimetre. BD-09 is a
//! further rotation and shift of GCJ-02 with an exact inverse. Outside China the offsets are not
//! applied (positions are returned unchanged), as the published transform does.

use std::f64::consts::PI;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, metres.
const KRASOVSKY_A: f64 = 6_378_245.0;
/// Its first eccentricity squared.
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// Whether the offset applies (the transform leaves positions outside China's box unchanged).
pub fn in_china(lonlat: [f64; 2]) -> bool {
    let [lon, lat] = lonlat;
    (72.004..=137.8347).contains(&lon) && (0.8293..=55.8271).contains(&lat)
}

fn offset_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn offset_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// GCJ-02 offset (degrees) at a WGS84 position.
fn gcj02_offset(lonlat: [f64; 2]) -> [f64; 2] {
    let [lon, lat] = lonlat;
    let dlat = offset_lat(lon - 105.0, lat - 35.0);
    let dlon = offset_lon(lon - 105.0, lat - 35.0);
    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    [
        dlon * 180.0 / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI),
        dlat * 180.0 / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI),
    ]
}

pub fn gcj02_from_wgs84(lonlat: [f64; 2]) -> [f64; 2] {
    if !in_china(lonlat) {
        return lonlat;
    }
    let d = gcj02_offset(lonlat);
    [lonlat[0] + d[0], lonlat[1] + d[1]]
}

/// Inverse of [`gcj02_from_wgs84`] by fixed-point iteration (the offset varies slowly, so each
/// step gains about five orders of magnitude; three or four steps reach 1e-10 degrees).
pub fn wgs84_from_gcj02(gcj: [f64; 2]) -> [f64; 2] {
    if !in_china(gcj) {
        return gcj;
    }
    let mut wgs = gcj;
    for _ in 0..10 {
        let back = gcj02_from_wgs84(wgs);
        let err = [back[0] - gcj[0], back[1] - gcj[1]];
        wgs = [wgs[0] - err[0], wgs[1] - err[1]];
        if err[0].abs() < 1e-10 && err[1].abs() < 1e-10 {
            break;
        }
    }
    wgs
}

pub fn bd09_from_gcj02(gcj: [f64; 2]) -> [f64; 2] {
    let [x, y] = gcj;
    let z = (x * x + y * y).sqrt() + 0.000_02 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) + 0.000_003 * (x * BD_X_PI).cos();
    [z * theta.cos() + 0.0065, z * theta.sin() + 0.006]
}

/// Inverse of [`bd09_from_gcj02`]: the published closed form (good to about a metre), refined
/// by fixed-point iteration on the forward transform.
pub fn gcj02_from_bd09(bd: [f64; 2]) -> [f64; 2] {
    let (x, y) = (bd[0] - 0.0065, bd[1] - 0.006);
    let z = (x * x + y * y).sqrt() - 0.000_02 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) - 0.000_003 * (x * BD_X_PI).cos();
    let mut gcj = [z * theta.cos(), z * theta.sin()];
    for _ in 0..10 {
        let back = bd09_from_gcj02(gcj);
        let err = [back[0] - bd[0], back[1] - bd[1]];
        gcj = [gcj[0] - err[0], gcj[1] - err[1]];
        if err[0].abs() < 1e-10 && err[1].abs() < 1e-10 {
            break;
        }
    }
    gcj
}

pub fn wgs84_from_bd09(bd: [f64; 2]) -> [f64; 2] {
    wgs84_from_gcj02(gcj02_from_bd09(bd))
}

pub fn bd09_from_wgs84(lonlat: [f64; 2]) -> [f64; 2] {
    bd09_from_gcj02(gcj02_from_wgs84(lonlat))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres between two nearby lon/lat positions (equirectangular; fine at these distances).
    fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
        let k = 111_320.0;
        let dx = (a[0] - b[0]) * k * (a[1].to_radians().cos());
        let dy = (a[1] - b[1]) * k;
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn guangzhou_offset_is_a_few_hundred_metres_and_inverts() {
        // Guangzhou Tower (WGS84, OpenStreetMap).
        let wgs = [113.3245, 23.1064];
        let gcj = gcj02_from_wgs84(wgs);
        let d = metres(wgs, gcj);
        assert!((200.0..800.0).contains(&d), "GCJ-02 offset {d} m");
        // Amap moves Guangzhou east-southeast and north by ~0.005° and ~-0.0027°.
        assert!(gcj[0] > wgs[0] && gcj[1] < wgs[1], "{gcj:?}");
        let back = wgs84_from_gcj02(gcj);
        assert!(metres(back, wgs) < 0.001, "{back:?}");
    }

    #[test]
    fn published_reference_point() {
        // A pair widely used to check implementations: WGS84 (116.397128, 39.916527) in Beijing
        // is GCJ-02 (116.403370, 39.917935) to six decimals.
        let gcj = gcj02_from_wgs84([116.397128, 39.916527]);
        assert!((gcj[0] - 116.403370).abs() < 2e-5 && (gcj[1] - 39.917935).abs() < 2e-5, "{gcj:?}");
    }

    #[test]
    fn bd09_round_trips() {
        let wgs = [112.465, 23.05];
        let bd = bd09_from_wgs84(wgs);
        let d = metres(wgs, bd);
        assert!((500.0..1500.0).contains(&d), "BD-09 offset {d} m");
        assert!(metres(wgs84_from_bd09(bd), wgs) < 0.01);
    }

    #[test]
    fn outside_china_unchanged() {
        assert_eq!(gcj02_from_wgs84([2.35, 48.85]), [2.35, 48.85]);
        assert_eq!(wgs84_from_gcj02([2.35, 48.85]), [2.35, 48.85]);
    }
}
