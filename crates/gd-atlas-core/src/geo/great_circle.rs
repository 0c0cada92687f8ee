//! Great-circle distances and points on the sphere, for the measure tool.
//!
//! The haversine formula on a sphere of the WGS84 ellipsoid's mean radius (IUGG R₁): within
//! 0.5 % of the ellipsoidal distance everywhere, and closer at Guangdong's latitudes — plenty for
//! "how far is it" on a province map, and exact enough that the figure agrees with the window.

/// Mean radius of the WGS84 ellipsoid, km (R₁ = (2a + b) / 3).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance between two WGS84 points, km (haversine: stable for short distances).
pub fn distance_km(a_lonlat: [f64; 2], b_lonlat: [f64; 2]) -> f64 {
    let (lat1, lat2) = (a_lonlat[1].to_radians(), b_lonlat[1].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b_lonlat[0] - a_lonlat[0]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Total length of a path through `path_lonlat`, km (0 for fewer than two points).
pub fn path_length_km(path_lonlat: &[[f64; 2]]) -> f64 {
    path_lonlat.windows(2).map(|w| distance_km(w[0], w[1])).sum()
}

/// The point `distance_km` from `start_lonlat` along the initial bearing `bearing_deg`
/// (clockwise from north): the destination-point formula on the sphere.
pub fn destination(start_lonlat: [f64; 2], bearing_deg: f64, distance_km: f64) -> [f64; 2] {
    let delta = distance_km / EARTH_RADIUS_KM;
    let theta = bearing_deg.to_radians();
    let (lat1, lon1) = (start_lonlat[1].to_radians(), start_lonlat[0].to_radians());
    let lat2 =
        (lat1.sin() * delta.cos() + lat1.cos() * delta.sin() * theta.cos()).clamp(-1.0, 1.0).asin();
    let lon2 = lon1
        + (theta.sin() * delta.sin() * lat1.cos()).atan2(delta.cos() - lat1.sin() * lat2.sin());
    // Normalised to [-180, 180).
    [(lon2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0, lat2.to_degrees()]
}

/// A geodesic circle of radius `radius_km` around `center_lonlat` as a closed ring of
/// `vertices` points (the first is not repeated): every point is exactly `radius_km` away.
pub fn circle(center_lonlat: [f64; 2], radius_km: f64, vertices: usize) -> Vec<[f64; 2]> {
    let n = vertices.max(3);
    (0..n).map(|i| destination(center_lonlat, 360.0 * i as f64 / n as f64, radius_km)).collect()
}

/// Points along the great circle from `a_lonlat` to `b_lonlat`, ends included, about one every
/// `step_km` (at most 256 pieces): long segments curve on a Mercator map, short ones do not.
pub fn densify(a_lonlat: [f64; 2], b_lonlat: [f64; 2], step_km: f64) -> Vec<[f64; 2]> {
    let d = distance_km(a_lonlat, b_lonlat);
    let pieces = if step_km > 0.0 { ((d / step_km).ceil() as usize).clamp(1, 256) } else { 1 };
    if pieces == 1 || d == 0.0 {
        return vec![a_lonlat, b_lonlat];
    }
    let to_vec = |p: [f64; 2]| {
        let (lon, lat) = (p[0].to_radians(), p[1].to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (va, vb) = (to_vec(a_lonlat), to_vec(b_lonlat));
    let omega = d / EARTH_RADIUS_KM;
    let mut out = Vec::with_capacity(pieces + 1);
    out.push(a_lonlat);
    for i in 1..pieces {
        let f = i as f64 / pieces as f64;
        // Spherical linear interpolation between the two unit vectors.
        let (wa, wb) = (((1.0 - f) * omega).sin() / omega.sin(), (f * omega).sin() / omega.sin());
        let v = [wa * va[0] + wb * vb[0], wa * va[1] + wb * vb[1], wa * va[2] + wb * vb[2]];
        out.push([
            v[1].atan2(v[0]).to_degrees(),
            v[2].atan2((v[0] * v[0] + v[1] * v[1]).sqrt()).to_degrees(),
        ]);
    }
    out.push(b_lonlat);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// City-centre coordinates (Wikipedia infoboxes): Guangzhou 23.1291 N 113.2644 E,
    /// Shenzhen 22.5431 N 114.0579 E. Their straight-line distance is quoted as about 104–105 km
    /// (e.g. distance calculators give 104.3 km).
    const GUANGZHOU: [f64; 2] = [113.2644, 23.1291];
    const SHENZHEN: [f64; 2] = [114.0579, 22.5431];

    #[test]
    fn guangzhou_to_shenzhen_is_about_104_km() {
        let d = distance_km(GUANGZHOU, SHENZHEN);
        assert!((103.5..105.5).contains(&d), "{d}");
        assert!((distance_km(SHENZHEN, GUANGZHOU) - d).abs() < 1e-9, "symmetric");
    }

    #[test]
    fn exact_distances_on_the_sphere() {
        // One degree along a meridian is R·π/180 = 111.195 km; a quarter meridian is R·π/2.
        assert!((distance_km([113.0, 23.0], [113.0, 24.0]) - 111.1951).abs() < 1e-3);
        assert!(
            (distance_km([0.0, 0.0], [0.0, 90.0]) - EARTH_RADIUS_KM * std::f64::consts::FRAC_PI_2)
                .abs()
                < 1e-6
        );
        // Antipodes (the haversine's clamp keeps asin defined).
        assert!(
            (distance_km([10.0, 20.0], [-170.0, -20.0]) - EARTH_RADIUS_KM * std::f64::consts::PI)
                .abs()
                < 1e-6
        );
        assert_eq!(distance_km(GUANGZHOU, GUANGZHOU), 0.0);
        // London Heathrow – New York JFK ≈ 5,540 km (great circle, published as 5,555 km on the ellipsoid).
        let d = distance_km([-0.4543, 51.4700], [-73.7781, 40.6413]);
        assert!((5520.0..5560.0).contains(&d), "{d}");
    }

    #[test]
    fn path_length_sums_its_segments() {
        let path = [GUANGZHOU, SHENZHEN, [113.0, 23.0]];
        let want = distance_km(GUANGZHOU, SHENZHEN) + distance_km(SHENZHEN, [113.0, 23.0]);
        assert!((path_length_km(&path) - want).abs() < 1e-9);
        assert_eq!(path_length_km(&path[..1]), 0.0);
    }

    #[test]
    fn destination_and_circle_are_at_the_radius() {
        let east = destination(GUANGZHOU, 90.0, 60.0);
        assert!((distance_km(GUANGZHOU, east) - 60.0).abs() < 1e-6);
        assert!(east[0] > GUANGZHOU[0]);
        let north = destination(GUANGZHOU, 0.0, 111.1951);
        assert!((north[1] - 24.1291).abs() < 1e-4 && (north[0] - GUANGZHOU[0]).abs() < 1e-9);
        let ring = circle(GUANGZHOU, 80.0, 128);
        assert_eq!(ring.len(), 128);
        assert!(ring.iter().all(|&p| (distance_km(GUANGZHOU, p) - 80.0).abs() < 1e-6));
        // Across the antimeridian the longitude is wrapped.
        assert!(destination([179.9, 0.0], 90.0, 50.0)[0] < -179.0);
    }

    #[test]
    fn densified_points_lie_on_the_segment() {
        let a = [100.0, 10.0];
        let b = [130.0, 40.0];
        let pts = densify(a, b, 100.0);
        assert!(pts.len() > 30 && pts.len() <= 257);
        let total = distance_km(a, b);
        let along = path_length_km(&pts);
        assert!(
            (along - total).abs() < 1e-6,
            "{along} vs {total}: the points are on the great circle"
        );
        assert_eq!(densify(GUANGZHOU, SHENZHEN, 200.0), vec![GUANGZHOU, SHENZHEN]);
    }
}
