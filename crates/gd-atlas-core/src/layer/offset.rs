//! Does a layer read as WGS84 look shifted the way GCJ-02 (Amap/Tencent) or BD-09 (Baidu) data
//! is? Boundary and road files made from those maps sit a few hundred metres off the atlas's own
//! borders. A sample of the layer's line and polygon vertices is measured against the county and
//! town border vertices as read and as converted from each system; when a conversion brings them
//! much closer, the layer's info offers it.

use rstar::RTree;

use super::crs::Crs;
use super::data::{LayerData, OffsetHint};
use crate::geo::bbox::Bbox;
use crate::geo::china_crs::{wgs84_from_bd09, wgs84_from_gcj02};
use crate::model::Atlas;

/// A conversion of a lon/lat from a Chinese system to WGS84.
type ToWgs84 = fn([f64; 2]) -> [f64; 2];

/// Vertices measured at most (spread over the whole layer).
const MAX_SAMPLE: usize = 5000;
/// Below this median distance the layer already fits the borders.
const MIN_OFFSET_M: f64 = 100.0;
/// A conversion must bring the median below this share of the distance as read.
const CONVERTED_RATIO: f64 = 0.4;
/// Metres per degree at Guangdong's latitude (≈ 23.5° N): a local metric good to a percent, which
/// is all a median of offsets needs.
const M_PER_DEG_LON: f64 = 111_320.0 * 0.917;
const M_PER_DEG_LAT: f64 = 110_574.0;
/// Layer vertices farther than this outside the atlas's extent are not measured (degrees).
const EXTENT_MARGIN_DEG: f64 = 0.1;

/// Lon/lat in metres east and north on a local plane at Guangdong's latitude (an affine map, so
/// point-in-polygon answers do not change).
pub(crate) fn local_m(lonlat: [f64; 2]) -> [f64; 2] {
    [lonlat[0] * M_PER_DEG_LON, lonlat[1] * M_PER_DEG_LAT]
}

/// A hint when the layer (read as WGS84, with lines or polygons) fits the atlas's borders much
/// better after converting it from GCJ-02 or BD-09.
pub fn offset_hint(atlas: &Atlas, data: &LayerData) -> Option<OffsetHint> {
    if data.crs != Crs::Wgs84 || data.topology.arcs.is_empty() {
        return None;
    }
    let (borders, extent) = border_vertices(atlas);
    let sample = sample_vertices(data, extent.expanded(EXTENT_MARGIN_DEG));
    offset_of_sample(&borders, &sample)
}

/// The hint for any sample of lon/lat vertices meant to follow `borders_m` (border vertices in
/// [`local_m`] metres): shared by user layers and official town files (`model::user_towns`).
/// `None` for fewer than 20 vertices, a sample that already fits, or no conversion that fits
/// much better.
pub(crate) fn offset_of_sample(
    borders_m: &RTree<[f64; 2]>,
    sample: &[[f64; 2]],
) -> Option<OffsetHint> {
    let borders = borders_m;
    if sample.len() < 20 {
        return None;
    }
    let as_read = median_distance_m(borders, sample.iter().copied())?;
    if as_read < MIN_OFFSET_M {
        return None;
    }
    let conversions: [(Crs, ToWgs84); 2] =
        [(Crs::Gcj02, wgs84_from_gcj02), (Crs::Bd09, wgs84_from_bd09)];
    let (likely, converted) = conversions
        .iter()
        .filter_map(|&(crs, convert)| {
            median_distance_m(borders, sample.iter().map(|&p| convert(p))).map(|d| (crs, d))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    (converted < CONVERTED_RATIO * as_read).then_some(OffsetHint {
        likely,
        median_as_read_m: as_read,
        median_converted_m: converted,
    })
}

/// Every border vertex of the atlas (province, city, county and town arcs) in local metres, and
/// their lon/lat extent.
fn border_vertices(atlas: &Atlas) -> (RTree<[f64; 2]>, Bbox) {
    let mut extent = Bbox::EMPTY;
    let mut points = Vec::new();
    for arc in &atlas.topology.arcs {
        for &p in &arc.lonlat {
            extent.extend(p);
            points.push(local_m(p));
        }
    }
    (RTree::bulk_load(points), extent)
}

/// Up to [`MAX_SAMPLE`] line and ring vertices (lon/lat) inside `extent`, evenly strided over the
/// layer so one long feature does not decide alone.
fn sample_vertices(data: &LayerData, extent: Bbox) -> Vec<[f64; 2]> {
    let total: usize = data.topology.arcs.iter().map(|a| a.lonlat.len()).sum();
    let stride = total.div_ceil(MAX_SAMPLE).max(1);
    data.topology
        .arcs
        .iter()
        .flat_map(|a| a.lonlat.iter())
        .step_by(stride)
        .filter(|&&p| extent.contains(p))
        .copied()
        .collect()
}

/// The median distance (metres) from the positions to their nearest border vertex.
fn median_distance_m(
    borders: &RTree<[f64; 2]>,
    lonlat: impl Iterator<Item = [f64; 2]>,
) -> Option<f64> {
    let mut distances: Vec<f64> = lonlat
        .filter_map(|p| {
            let q = local_m(p);
            borders
                .nearest_neighbor(&q)
                .map(|n| ((n[0] - q[0]).powi(2) + (n[1] - q[1]).powi(2)).sqrt())
        })
        .collect();
    if distances.is_empty() {
        return None;
    }
    let middle = distances.len() / 2;
    let (_, median, _) = distances.select_nth_unstable_by(middle, f64::total_cmp);
    Some(*median)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_distances_to_the_nearest_vertex() {
        let borders = RTree::bulk_load(vec![local_m([113.0, 23.0]), local_m([114.0, 23.0])]);
        let one_km_north = 1000.0 / M_PER_DEG_LAT;
        let positions = [
            [113.0, 23.0 + one_km_north],
            [114.0, 23.0 + 2.0 * one_km_north],
            [113.0, 23.0 + 3.0 * one_km_north],
        ];
        let median = median_distance_m(&borders, positions.into_iter()).unwrap_or(f64::NAN);
        assert!((median - 2000.0).abs() < 1e-6, "{median}");
        assert_eq!(median_distance_m(&borders, std::iter::empty()), None);
    }
}
