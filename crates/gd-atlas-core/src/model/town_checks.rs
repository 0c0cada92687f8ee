//! Geometry checks of an official town file (`model::user_towns`): rings that cross themselves,
//! towns that do not lie in their county, and a file shifted the way GCJ-02 / BD-09 data is.
//!
//! Every check is O(n log n) in the worst case, whatever the shape: crossings by a sweep
//! (`geo::crossing`), a town's area by one pass over its edges per grid row, county borders
//! (the atlas's own, friendly data) in R-trees. An R-tree of a town's own segments is not
//! enough: on a star of long spikes, a comb or a spiral every segment box overlaps every other
//! and the tree degenerates to all pairs (a 5 MB star took 13 s, 200 MB never finished).

use rstar::primitives::Line;
use rstar::{RTree, AABB};

use crate::geo::bbox::Bbox;
use crate::geo::crossing::{crossing_point, find_crossing, SegmentI};
use crate::geo::geojson::PolygonLonLat;
use crate::layer::offset::{local_m, offset_of_sample};
use crate::layer::OffsetHint;

/// A town must have at least this share of its vertices, or of its area, inside its county (or
/// near its border).
pub const CONTAINMENT_MIN_SHARE: f64 = 0.9;
/// Distance (metres) outside the county's border a point of a town may lie and still count as
/// inside: official town boundaries and this atlas's county borders come from different
/// surveys and differ by tens to hundreds of metres along rivers and coasts.
pub const CONTAINMENT_BUFFER_M: f64 = 2000.0;
/// Grid points per side sampled over a town's bounding box to measure its area share.
const AREA_GRID: usize = 16;
/// Vertices tested per town at most (a town too thin for the grid), spread evenly over its rings.
const CONTAINMENT_SAMPLE: usize = 1000;
/// Town vertices farther than this from every county border vertex are inner town-to-town
/// borders, which the atlas's approximate cells do not share: they are left out of the offset
/// measure (metres).
const OFFSET_NEAR_BORDER_M: f64 = 1500.0;
/// Vertices measured for the offset at most (over the whole file).
const OFFSET_SAMPLE: usize = 5000;

/// Where a polygon's rings cross: `(ring, other ring, lon/lat of the crossing)`. Only proper
/// crossings count (two segments cutting through each other's interiors); rings that touch at a
/// vertex, as some official data does, pass. A sweep over the segments in micro-degrees
/// ([`find_crossing`]): O(n log n) whatever the shape — a star of long spikes, a comb or a
/// spiral, whose segment boxes all overlap, cost no more than a round town.
pub fn ring_crossing(polygon: &PolygonLonLat) -> Option<(usize, usize, [f64; 2])> {
    let e6 = |p: [f64; 2]| [(p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64];
    let mut segments: Vec<SegmentI> = Vec::new();
    let mut ring_of: Vec<usize> = Vec::new();
    for (ring_idx, ring) in polygon.iter().enumerate() {
        for pair in ring.windows(2) {
            segments.push([e6(pair[0]), e6(pair[1])]);
            ring_of.push(ring_idx);
        }
    }
    let (i, j) = find_crossing(&segments)?;
    let at = crossing_point(&segments[i], &segments[j]);
    Some((ring_of[i], ring_of[j], [at[0] * 1e-6, at[1] * 1e-6]))
}

/// A county's border segments in local metres, for "inside or near" tests in O(log n).
pub struct RingIndex {
    segments: RTree<Line<[f64; 2]>>,
    max_x_m: f64,
}

impl RingIndex {
    /// From the county's polygons (rings closed or open; holes included: even-odd).
    pub fn new(polygons: &[Vec<Vec<[f64; 2]>>]) -> RingIndex {
        let mut lines = Vec::new();
        for ring in polygons.iter().flatten() {
            let n = ring.len();
            for k in 0..n {
                let (a, b) = (local_m(ring[k]), local_m(ring[(k + 1) % n]));
                if a != b {
                    lines.push(Line::new(a, b));
                }
            }
        }
        let max_x_m = lines.iter().map(|l| l.from[0].max(l.to[0])).fold(f64::MIN, f64::max);
        RingIndex { segments: RTree::bulk_load(lines), max_x_m }
    }

    /// Inside the county (even-odd over every ring) or within [`CONTAINMENT_BUFFER_M`] of it.
    /// Grid points are mostly inside: the ray cast first.
    fn covers(&self, lonlat: [f64; 2]) -> bool {
        let p = local_m(lonlat);
        self.contains(p) || self.near(p)
    }

    /// [`RingIndex::covers`] for vertices, which mostly lie on or near a border: the local
    /// distance query first, the ray cast only for the others.
    fn covers_near_first(&self, lonlat: [f64; 2]) -> bool {
        let p = local_m(lonlat);
        self.near(p) || self.contains(p)
    }

    fn near(&self, p_m: [f64; 2]) -> bool {
        self.segments
            .locate_within_distance(p_m, CONTAINMENT_BUFFER_M * CONTAINMENT_BUFFER_M)
            .next()
            .is_some()
    }

    /// Even-odd ray cast towards +x, over the segments the ray's box meets.
    fn contains(&self, p: [f64; 2]) -> bool {
        if p[0] > self.max_x_m {
            return false;
        }
        let ray = AABB::from_corners(p, [self.max_x_m, p[1]]);
        let mut inside = false;
        for l in self.segments.locate_in_envelope_intersecting(&ray) {
            let (a, b) = (l.from, l.to);
            if (a[1] > p[1]) != (b[1] > p[1]) {
                let x_cross = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                if p[0] < x_cross {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Share of a town's vertices (at most [`CONTAINMENT_SAMPLE`], spread evenly) inside the
    /// county or near its border (see [`RingIndex::covers`]), and the first that is not. Fast (the
    /// vertices near a border answer with one local query): a town that passes needs no more.
    pub fn vertex_share(&self, town: &[PolygonLonLat]) -> (f64, Option<[f64; 2]>) {
        let total: usize = town.iter().flatten().map(Vec::len).sum();
        let stride = total.div_ceil(CONTAINMENT_SAMPLE).max(1);
        let mut tally = Tally::default();
        town.iter()
            .flatten()
            .flatten()
            .step_by(stride)
            .for_each(|&v| tally.add(v, self.covers_near_first(v)));
        (tally.share(), tally.first_out)
    }

    /// Share of a town's area inside the county or near its border, and a sample point that is
    /// not: for a town whose few vertices stick out (a coarse polygon, a box) while its area lies
    /// inside. Sampled on an [`AREA_GRID`]² grid over the town's box (the points inside the town
    /// found in one pass over its edges, [`grid_points_inside`]), each located in the county in
    /// O(log n); a town too thin to hold a grid point gets its vertex share.
    pub fn area_share(&self, town: &[PolygonLonLat]) -> (f64, Option<[f64; 2]>) {
        let mut tally = Tally::default();
        for p in grid_points_inside(town) {
            tally.add(p, self.covers(p));
        }
        match tally.tested {
            0 => self.vertex_share(town),
            _ => (tally.share(), tally.first_out),
        }
    }
}

/// The points of an [`AREA_GRID`]² grid over a town's bounding box that lie inside it (even-odd
/// over all its rings). Each edge is met once and adds its crossing with the grid rows it spans
/// to a parity per row and column: O(n · AREA_GRID) whatever the shape. (A ray cast per point
/// through an index of the edges is O(n) per point on a star, whose every spike spans its
/// centre.)
fn grid_points_inside(town: &[PolygonLonLat]) -> Vec<[f64; 2]> {
    let mut bbox = Bbox::EMPTY;
    town.iter().flatten().flatten().for_each(|&p| bbox.extend(p));
    if bbox.is_empty() {
        return Vec::new();
    }
    let at = |i: usize, min: f64, size: f64| min + size * (i as f64 + 0.5) / AREA_GRID as f64;
    let xs: Vec<f64> = (0..AREA_GRID).map(|i| at(i, bbox.min[0], bbox.width())).collect();
    let ys: Vec<f64> = (0..AREA_GRID).map(|j| at(j, bbox.min[1], bbox.height())).collect();
    // flips[j][m]: parity of the crossings on row j with exactly m grid columns left of them; a
    // point lies inside when the crossings to its right are odd (the ray cast towards +x).
    let mut flips = vec![[false; AREA_GRID + 1]; AREA_GRID];
    for ring in town.iter().flatten() {
        let n = ring.len();
        for k in 0..n {
            let (a, b) = (ring[k], ring[(k + 1) % n]);
            let (low, high) = if a[1] < b[1] { (a[1], b[1]) } else { (b[1], a[1]) };
            // Rows with low <= y < high: exactly those where (a.y > y) != (b.y > y).
            for j in ys.partition_point(|&y| y < low)..ys.partition_point(|&y| y < high) {
                let x_cross = a[0] + (ys[j] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                let m = xs.partition_point(|&x| x < x_cross);
                flips[j][m] = !flips[j][m];
            }
        }
    }
    let mut inside = Vec::new();
    for (j, row) in flips.iter().enumerate() {
        let mut parity = false;
        let mut row_inside = [false; AREA_GRID];
        // Column i is inside when the crossings with more than i columns left of them are odd.
        for i in (0..AREA_GRID).rev() {
            parity ^= row[i + 1];
            row_inside[i] = parity;
        }
        inside.extend((0..AREA_GRID).filter(|&i| row_inside[i]).map(|i| [xs[i], ys[j]]));
    }
    inside
}

/// Points tested, covered, and the first one not covered.
#[derive(Default)]
struct Tally {
    tested: usize,
    covered: usize,
    first_out: Option<[f64; 2]>,
}

impl Tally {
    fn add(&mut self, p: [f64; 2], covered: bool) {
        self.tested += 1;
        if covered {
            self.covered += 1;
        } else if self.first_out.is_none() {
            self.first_out = Some(p);
        }
    }

    fn share(&self) -> f64 {
        if self.tested == 0 {
            1.0
        } else {
            self.covered as f64 / self.tested as f64
        }
    }
}

/// Does the file as a whole sit the GCJ-02 / BD-09 distance off the atlas's borders? `borders`:
/// the lon/lat border vertices of the counties its towns belong to (and of the towns the atlas
/// has as real polygons).
pub fn town_offset(borders: &[[f64; 2]], towns: &[&[PolygonLonLat]]) -> Option<OffsetHint> {
    let borders_m = RTree::bulk_load(borders.iter().map(|&p| local_m(p)).collect());
    let total: usize = towns.iter().flat_map(|t| t.iter().flatten()).map(Vec::len).sum();
    let stride = total.div_ceil(OFFSET_SAMPLE).max(1);
    let near = |&&v: &&[f64; 2]| {
        let q = local_m(v);
        borders_m
            .nearest_neighbor(&q)
            .is_some_and(|n| (n[0] - q[0]).hypot(n[1] - q[1]) < OFFSET_NEAR_BORDER_M)
    };
    let sample: Vec<[f64; 2]> = towns
        .iter()
        .flat_map(|t| t.iter().flatten().flatten())
        .step_by(stride)
        .filter(near)
        .copied()
        .collect();
    offset_of_sample(&borders_m, &sample)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, size: f64) -> Vec<[f64; 2]> {
        vec![[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    }

    #[test]
    fn finds_a_bow_tie_and_a_hole_crossing_its_exterior() {
        assert_eq!(ring_crossing(&vec![square(113.0, 23.0, 0.1)]), None);
        let bow_tie =
            vec![vec![[113.0, 23.0], [113.1, 23.1], [113.1, 23.0], [113.0, 23.1], [113.0, 23.0]]];
        let (a, b, at) = ring_crossing(&bow_tie).expect("crosses");
        assert_eq!((a, b), (0, 0));
        assert!((at[0] - 113.05).abs() < 0.06 && (at[1] - 23.05).abs() < 0.06, "{at:?}");
        let hole_out = vec![square(113.0, 23.0, 0.1), square(113.05, 23.05, 0.1)];
        assert_eq!(ring_crossing(&hole_out).map(|c| (c.0.min(c.1), c.0.max(c.1))), Some((0, 1)));
        // Touching at a vertex is not a crossing.
        let touching = vec![vec![
            [113.0, 23.0],
            [113.1, 23.0],
            [113.05, 23.05],
            [113.1, 23.1],
            [113.0, 23.1],
            [113.05, 23.05],
            [113.0, 23.0],
        ]];
        assert_eq!(ring_crossing(&touching), None);
    }

    #[test]
    fn a_long_zigzag_ring_is_checked_quickly_and_passes() {
        // 200,000 vertices: a naive all-pairs test would take minutes.
        let mut ring: Vec<[f64; 2]> =
            (0..100_000).map(|i| [113.0 + i as f64 * 1e-5, 23.0 + (i % 2) as f64 * 1e-4]).collect();
        ring.extend(
            (0..100_000).rev().map(|i| [113.0 + i as f64 * 1e-5, 22.9 - (i % 2) as f64 * 1e-4]),
        );
        ring.push(ring[0]);
        assert_eq!(ring_crossing(&vec![ring]), None);
    }

    /// A star of `n` spikes 0.02° long around a point, `inner` degrees from it between them.
    fn star(n: usize, lon: f64, lat: f64, inner: f64) -> Vec<[f64; 2]> {
        let mut ring: Vec<[f64; 2]> = (0..2 * n)
            .map(|k| {
                let (angle, radius) = (
                    std::f64::consts::PI * k as f64 / n as f64,
                    if k % 2 == 0 { 0.02 } else { inner },
                );
                [lon + radius * angle.cos(), lat + radius * angle.sin()]
            })
            .map(|p| [(p[0] * 1e6).round() * 1e-6, (p[1] * 1e6).round() * 1e-6])
            .collect();
        ring.push(ring[0]);
        ring
    }

    #[test]
    fn a_star_of_long_spikes_is_checked_in_n_log_n() {
        // 200,000 vertices whose segment boxes all overlap near the centre: the R-tree of
        // segments this replaced took seconds here and minutes at 10^6.
        let ring = star(100_000, 113.24, 23.11, 0.0005);
        let started = std::time::Instant::now();
        assert_eq!(ring_crossing(&vec![ring.clone()]), None);
        let county = RingIndex::new(&[vec![square(113.0, 22.9, 0.5)]]);
        assert_eq!(county.area_share(&[vec![ring.clone()]]).0, 1.0);
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
        // One spike bent across its neighbour is found.
        let mut bent = ring;
        bent[2] = [bent[6][0], bent[6][1] + 0.001];
        let (a, b, at) = ring_crossing(&vec![bent]).expect("crosses");
        assert_eq!((a, b), (0, 0));
        assert!((at[0] - 113.24).abs() < 0.03 && (at[1] - 23.11).abs() < 0.03, "{at:?}");
    }

    #[test]
    fn grid_points_inside_agree_with_a_ray_cast_per_point() {
        let with_hole = vec![vec![square(113.0, 23.0, 0.5), square(113.1, 23.1, 0.3)]];
        let shapes: Vec<Vec<PolygonLonLat>> = vec![
            with_hole,
            vec![vec![star(7, 113.24, 23.11, 0.008)]],
            vec![vec![square(113.0, 23.0, 0.1)], vec![square(113.3, 23.3, 0.1)]],
        ];
        for town in shapes {
            let index = RingIndex::new(&town);
            let mut bbox = Bbox::EMPTY;
            town.iter().flatten().flatten().for_each(|&p| bbox.extend(p));
            let mut expected = Vec::new();
            for j in 0..AREA_GRID {
                for i in 0..AREA_GRID {
                    let p = [
                        bbox.min[0] + bbox.width() * (i as f64 + 0.5) / AREA_GRID as f64,
                        bbox.min[1] + bbox.height() * (j as f64 + 0.5) / AREA_GRID as f64,
                    ];
                    if index.contains(local_m(p)) {
                        expected.push(p);
                    }
                }
            }
            assert!(!expected.is_empty());
            assert_eq!(grid_points_inside(&town), expected);
        }
    }

    #[test]
    fn containment_counts_inside_near_and_far_vertices() {
        let county = RingIndex::new(&[vec![square(113.0, 23.0, 0.5)]]);
        let inside = vec![vec![square(113.1, 23.1, 0.1)]];
        assert_eq!(county.vertex_share(&inside), (1.0, None));
        assert_eq!(county.area_share(&inside), (1.0, None));
        // 0.01° (≈ 1 km) outside the border still counts; Beijing does not.
        let near = vec![vec![square(113.51, 23.1, 0.001)]];
        assert_eq!(county.vertex_share(&near).0, 1.0);
        let beijing = [vec![square(116.3, 39.9, 0.1)]];
        assert_eq!(county.vertex_share(&beijing), (0.0, Some([116.3, 39.9])));
        let (share, first_out) = county.area_share(&beijing);
        assert_eq!(share, 0.0);
        assert!(
            first_out
                .is_some_and(|p| (116.3..116.4).contains(&p[0]) && (39.9..40.0).contains(&p[1])),
            "{first_out:?}"
        );
        // By area: half of this town lies east of the border, 0.0196° (2 km) of that near it.
        let (share, _) = county.area_share(&[vec![square(113.4, 23.2, 0.2)]]);
        assert!((0.55..0.65).contains(&share), "{share}");
        // A box whose corners stick out while nearly all its area is inside.
        let corners_out = [vec![vec![
            [112.97, 23.25],
            [113.25, 22.97],
            [113.53, 23.25],
            [113.25, 23.53],
            [112.97, 23.25],
        ]]];
        assert!(
            county.vertex_share(&corners_out).0 < 0.9 && county.area_share(&corners_out).0 > 0.9
        );
        // Too thin for the grid: its vertices decide.
        let thin = vec![vec![[113.1, 23.1], [113.2, 23.1], [113.2, 23.100001], [113.1, 23.1]]];
        assert_eq!(county.area_share(&[thin]).0, 1.0);
        // A hole is outside.
        let with_hole = RingIndex::new(&[vec![square(113.0, 23.0, 0.5), square(113.1, 23.1, 0.3)]]);
        assert!(
            !with_hole.contains(local_m([113.25, 23.25]))
                && with_hole.contains(local_m([113.05, 23.05]))
        );
    }
}
