//! Approximate town areas: Voronoi cells of the town seats of one county, clipped to the county
//! polygon, then rounded to integer micro-degrees and snapped so that neighbouring cells and the
//! county border carry identical vertices (which lets the topology share their arcs).

use std::collections::{BTreeSet, HashMap};

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use crate::voronoi::voronoi_cells;
use gd_atlas_core::geo::bbox::Bbox;
use gd_atlas_core::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};

use super::regions::PolygonsLonLat;
use super::topo::{ring_e6, PolygonE6, RingE6};

/// Vertices closer than this (micro-degrees, per axis) are the same point after the clip.
const SNAP_E6: i64 = 3;

pub fn to_geo(polygons: &PolygonsLonLat) -> MultiPolygon<f64> {
    MultiPolygon(
        polygons
            .iter()
            .map(|rings| {
                let mut rings = rings
                    .iter()
                    .map(|r| LineString(r.iter().map(|p| Coord { x: p[0], y: p[1] }).collect()));
                let exterior = rings.next().unwrap_or_else(|| LineString(vec![]));
                Polygon::new(exterior, rings.collect())
            })
            .collect(),
    )
}

pub fn e6_to_geo(polygons: &[PolygonE6]) -> MultiPolygon<f64> {
    let ring = |r: &RingE6| {
        let mut pts: Vec<Coord<f64>> =
            r.iter().map(|p| Coord { x: p[0] as f64 * 1e-6, y: p[1] as f64 * 1e-6 }).collect();
        if let Some(&first) = pts.first() {
            pts.push(first);
        }
        LineString(pts)
    };
    MultiPolygon(
        polygons
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

/// Cells of one county, in the order of `seats_lonlat`, as rounded polygons (may be empty when a
/// seat's cell falls entirely outside the county, which the caller reports).
pub fn county_cells(county: &PolygonsLonLat, seats_lonlat: &[[f64; 2]]) -> Vec<Vec<PolygonE6>> {
    let county_geo = to_geo(county);
    // Frame: the county's bounding box in mercator with a generous margin, so every cell that
    // touches the county is complete inside it.
    let bbox_mercator = Bbox::from_points(
        county.iter().flatten().flatten().chain(seats_lonlat).map(|&p| mercator_from_lonlat(p)),
    );
    let frame_mercator = bbox_mercator.expanded(bbox_mercator.width().max(bbox_mercator.height()));
    let seats_mercator: Vec<[f64; 2]> =
        seats_lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
    let mut snapper = Snapper::new(county);
    voronoi_cells(&seats_mercator, frame_mercator)
        .iter()
        .map(|cell_mercator| {
            if cell_mercator.len() < 3 {
                Vec::new()
            } else {
                clip_cell(cell_mercator, &county_geo, &mut snapper)
            }
        })
        .collect()
}

/// Moves rounded vertices onto nearby existing ones: first the county's own vertices (exact
/// micro-degrees in the source), then cell-only vertices already seen, so a crossing point
/// computed twice (once per neighbouring cell) collapses to one.
struct Snapper {
    county_grid: HashMap<[i64; 2], Vec<[i64; 2]>>,
    free_grid: HashMap<[i64; 2], Vec<[i64; 2]>>,
}

impl Snapper {
    fn new(county: &PolygonsLonLat) -> Self {
        let county_vertices: BTreeSet<[i64; 2]> =
            county.iter().flatten().flat_map(|ring| ring_e6(ring)).collect();
        let mut county_grid: HashMap<[i64; 2], Vec<[i64; 2]>> = HashMap::new();
        for p in county_vertices {
            county_grid.entry(Self::cell_of(p)).or_default().push(p);
        }
        Self { county_grid, free_grid: HashMap::new() }
    }

    fn cell_of(p: [i64; 2]) -> [i64; 2] {
        [p[0].div_euclid(SNAP_E6 * 2), p[1].div_euclid(SNAP_E6 * 2)]
    }

    /// The nearest vertex within `SNAP_E6` per axis in `grid` (ties broken by coordinates).
    fn nearest(grid: &HashMap<[i64; 2], Vec<[i64; 2]>>, p: [i64; 2]) -> Option<[i64; 2]> {
        let c = Self::cell_of(p);
        let near = |q: &[i64; 2]| (q[0] - p[0]).abs() <= SNAP_E6 && (q[1] - p[1]).abs() <= SNAP_E6;
        let dist = |q: &[i64; 2]| (q[0] - p[0]).pow(2) + (q[1] - p[1]).pow(2);
        let mut best: Option<[i64; 2]> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for q in grid.get(&[c[0] + dx, c[1] + dy]).into_iter().flatten().filter(|q| near(q))
                {
                    if best.is_none_or(|b| (dist(q), *q) < (dist(&b), b)) {
                        best = Some(*q);
                    }
                }
            }
        }
        best
    }

    fn snap(&mut self, p: [i64; 2]) -> [i64; 2] {
        if let Some(q) =
            Self::nearest(&self.county_grid, p).or_else(|| Self::nearest(&self.free_grid, p))
        {
            return q;
        }
        self.free_grid.entry(Self::cell_of(p)).or_default().push(p);
        p
    }
}

/// One Voronoi cell clipped to the county, rounded and snapped; parts whose exterior collapses
/// are dropped.
fn clip_cell(
    cell_mercator: &[[f64; 2]],
    county_geo: &MultiPolygon<f64>,
    snapper: &mut Snapper,
) -> Vec<PolygonE6> {
    let mut ring: Vec<Coord<f64>> = cell_mercator
        .iter()
        .map(|&m| {
            let p = lonlat_from_mercator(m);
            Coord { x: p[0], y: p[1] }
        })
        .collect();
    ring.push(ring[0]);
    let clipped = Polygon::new(LineString(ring), vec![]).intersection(county_geo);
    let mut out = Vec::new();
    for poly in clipped.0 {
        let mut rings = Vec::new();
        for ls in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            let pts: Vec<[f64; 2]> = ls.0.iter().map(|c| [c.x, c.y]).collect();
            let mut r: RingE6 = Vec::new();
            for p in ring_e6(&pts) {
                let q = snapper.snap(p);
                if r.last() != Some(&q) {
                    r.push(q);
                }
            }
            while r.len() > 1 && r.first() == r.last() {
                r.pop();
            }
            if r.len() >= 3 {
                rings.push(r);
            } else if rings.is_empty() {
                break; // the exterior collapsed: drop the whole part
            }
        }
        if !rings.is_empty() {
            out.push(rings);
        }
    }
    out
}
