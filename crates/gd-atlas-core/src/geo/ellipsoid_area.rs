//! Area on the WGS84 ellipsoid of polygons given in lon/lat degrees.
//!
//! Method: Lambert's cylindrical equal-area projection of the ellipsoid (x = a·λ,
//! y = a·q(φ)/2 with q the authalic function), then the shoelace formula. The projection
//! preserves area exactly, so the result is the ellipsoidal area of the polygon whose edges are
//! straight in the projection; the boundaries drawn here have edges of tens to hundreds of
//! metres, over which that differs from geodesic edges by far less than 10⁻⁶ of the area
//! (checked against Karney's geodesic area in the tests). One logarithm per vertex: the census
//! load computes the areas of 144 units in a few milliseconds, where the geodesic polygon area
//! (an inverse geodesic per edge) took a third of a second.
//!
//! The sine and the logarithm are the `libm` crate's (a Rust port of musl's), not the C
//! library's: glibc and the Windows C runtime round some results differently in the last bit,
//! and `gd-atlas info --json` prints areas and densities in full, so the Linux and Windows
//! builds printed different last digits for the same region (issue 23). With one implementation
//! compiled into both, both print the same bytes.

/// WGS84 semi-major axis, metres.
const A: f64 = 6_378_137.0;
/// WGS84 flattening.
const F: f64 = 1.0 / 298.257_223_563;

fn eccentricity() -> f64 {
    (F * (2.0 - F)).sqrt()
}

/// The authalic function q(φ) of a latitude given by its sine.
fn authalic_q(sin_phi: f64, e: f64) -> f64 {
    let es = e * sin_phi;
    (1.0 - e * e)
        * (sin_phi / (1.0 - es * es) - (1.0 / (2.0 * e)) * libm::log((1.0 - es) / (1.0 + es)))
}

/// Signed area (m², counter-clockwise positive) of one ring of `[lon, lat]` degrees, open or
/// closed.
pub fn ring_area_m2(ring_lonlat: &[[f64; 2]]) -> f64 {
    let e = eccentricity();
    let project = |p: &[f64; 2]| {
        [A * p[0].to_radians(), A * authalic_q(libm::sin(p[1].to_radians()), e) / 2.0]
    };
    let n = ring_lonlat.len();
    if n < 3 {
        return 0.0;
    }
    // Relative to the first vertex: the shoelace then adds small numbers, not huge ones.
    let origin = project(&ring_lonlat[0]);
    let mut twice = 0.0;
    let mut prev = [0.0, 0.0];
    for p in &ring_lonlat[1..] {
        let q = project(p);
        let cur = [q[0] - origin[0], q[1] - origin[1]];
        twice += prev[0] * cur[1] - cur[0] * prev[1];
        prev = cur;
    }
    twice / 2.0
}

/// Area (m²) of a polygon: its exterior ring minus its holes (orientation not relied on).
pub fn polygon_area_m2(rings_lonlat: &[Vec<[f64; 2]>]) -> f64 {
    let Some((exterior, holes)) = rings_lonlat.split_first() else { return 0.0 };
    let holes: f64 = holes.iter().map(|h| ring_area_m2(h).abs()).sum();
    (ring_area_m2(exterior).abs() - holes).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Coord, GeodesicArea, LineString, Polygon};

    fn karney(ring: &[[f64; 2]]) -> f64 {
        let line =
            LineString::from(ring.iter().map(|p| Coord { x: p[0], y: p[1] }).collect::<Vec<_>>());
        Polygon::new(line, vec![]).geodesic_area_unsigned()
    }

    /// A ring of `n` vertices around (lon, lat), `r` degrees across, slightly irregular.
    fn blob(lon: f64, lat: f64, r: f64, n: usize) -> Vec<[f64; 2]> {
        (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let k = 1.0 + 0.2 * (3.0 * t).sin();
                [lon + r * k * t.cos(), lat + r * k * t.sin()]
            })
            .collect()
    }

    #[test]
    fn agrees_with_karneys_geodesic_area() {
        for (lon, lat, r) in
            [(113.3, 23.1, 0.05), (112.5, 23.0, 0.5), (116.0, 24.3, 1.0), (110.3, 21.0, 2.0)]
        {
            let ring = blob(lon, lat, r, 4000);
            let ours = ring_area_m2(&ring).abs();
            let reference = karney(&ring);
            assert!(
                ((ours - reference) / reference).abs() < 1e-6,
                "{lon},{lat},{r}: {ours} vs {reference}"
            );
        }
    }

    #[test]
    fn a_degree_square_at_the_equator() {
        // 1° × 1° at the equator: 12,308.8 km² on WGS84 (well-known figure ≈ 12,308.78).
        let ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        let km2 = ring_area_m2(&ring).abs() / 1e6;
        assert!((km2 - 12_308.78).abs() < 0.5, "{km2}");
    }

    #[test]
    fn holes_are_subtracted_and_degenerate_rings_are_empty() {
        let outer = blob(113.0, 23.0, 0.5, 200);
        let inner = blob(113.0, 23.0, 0.1, 100);
        let whole = polygon_area_m2(std::slice::from_ref(&outer));
        let with_hole = polygon_area_m2(&[outer, inner.clone()]);
        assert!((whole - with_hole - ring_area_m2(&inner).abs()).abs() < 1.0);
        assert_eq!(ring_area_m2(&[[1.0, 1.0], [2.0, 2.0]]), 0.0);
    }
}
