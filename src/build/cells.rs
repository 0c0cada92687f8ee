//! Approximate town areas: Voronoi cells of the town seats of one county, clipped to the county
//! polygon, then rounded to integer micro-degrees and snapped so that neighbouring cells and the
//! county border carry identical vertices (which lets the topology share their arcs).

use std::collections::BTreeMap;

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::geo::voronoi::voronoi_cells;

use super::regions::PolygonsLonLat;
use super::topo::{ring_e6, PolygonE6, RingE6};

/// Vertices closer than this (micro-degrees, per axis) are the same point after the clip.
const SNAP_E6: i64 = 3;

pub fn to_geo(polygons: &PolygonsLonLat) -> MultiPolygon<f64> {
    MultiPolygon(
        polygons
            .iter()
            .map(|rings| {
                let mut rings = rings.iter().map(|r| LineString(r.iter().map(|p| Coord { x: p[0], y: p[1] }).collect()));
                let exterior = rings.next().unwrap_or_else(|| LineString(vec![]));
                Polygon::new(exterior, rings.collect())
            })
            .collect(),
    )
}

pub fn e6_to_geo(polygons: &[PolygonE6]) -> MultiPolygon<f64> {
    let ring = |r: &RingE6| {
        let mut pts: Vec<Coord<f64>> = r.iter().map(|p| Coord { x: p[0] as f64 * 1e-6, y: p[1] as f64 * 1e-6 }).collect();
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
    let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for p in county.iter().flatten().flatten().chain(seats_lonlat) {
        let m = mercator_from_lonlat(*p);
        bbox = [bbox[0].min(m[0]), bbox[1].min(m[1]), bbox[2].max(m[0]), bbox[3].max(m[1])];
    }
    let margin = (bbox[2] - bbox[0]).max(bbox[3] - bbox[1]);
    let frame = [bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin];
    let seats_mercator: Vec<[f64; 2]> = seats_lonlat.iter().map(|&p| mercator_from_lonlat(p)).collect();
    let cells_mercator = voronoi_cells(&seats_mercator, frame);

    // Snap targets: the county's own vertices (exact micro-degrees in the source).
    let mut county_vertices: BTreeMap<[i64; 2], ()> = BTreeMap::new();
    for ring in county.iter().flatten() {
        for p in ring_e6(ring) {
            county_vertices.insert(p, ());
        }
    }
    let mut grid: std::collections::HashMap<[i64; 2], Vec<[i64; 2]>> = std::collections::HashMap::new();
    let cell_of = |p: [i64; 2]| [p[0].div_euclid(SNAP_E6 * 2), p[1].div_euclid(SNAP_E6 * 2)];
    for &p in county_vertices.keys() {
        grid.entry(cell_of(p)).or_default().push(p);
    }
    // Cell-only vertices already seen, so the crossing points computed twice (once per
    // neighbouring cell) collapse to one.
    let mut free: std::collections::HashMap<[i64; 2], Vec<[i64; 2]>> = std::collections::HashMap::new();
    let mut snap = |p: [i64; 2]| -> [i64; 2] {
        let c = cell_of(p);
        let near = |q: &[i64; 2]| (q[0] - p[0]).abs() <= SNAP_E6 && (q[1] - p[1]).abs() <= SNAP_E6;
        let dist = |q: &[i64; 2]| (q[0] - p[0]).pow(2) + (q[1] - p[1]).pow(2);
        for map in [&grid, &free] {
            let mut best: Option<[i64; 2]> = None;
            for dx in -1..=1 {
                for dy in -1..=1 {
                    if let Some(v) = map.get(&[c[0] + dx, c[1] + dy]) {
                        for q in v.iter().filter(|q| near(q)) {
                            if best.is_none_or(|b| (dist(q), *q) < (dist(&b), b)) {
                                best = Some(*q);
                            }
                        }
                    }
                }
            }
            if let Some(b) = best {
                return b;
            }
        }
        free.entry(c).or_default().push(p);
        p
    };

    cells_mercator
        .iter()
        .map(|cell| {
            if cell.len() < 3 {
                return Vec::new();
            }
            let mut ring: Vec<Coord<f64>> = cell
                .iter()
                .map(|&m| {
                    let p = lonlat_from_mercator(m);
                    Coord { x: p[0], y: p[1] }
                })
                .collect();
            ring.push(ring[0]);
            let clipped = Polygon::new(LineString(ring), vec![]).intersection(&county_geo);
            let mut out = Vec::new();
            for poly in clipped.0 {
                let mut rings = Vec::new();
                for ls in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    let pts: Vec<[f64; 2]> = ls.0.iter().map(|c| [c.x, c.y]).collect();
                    let mut r: RingE6 = Vec::new();
                    for p in ring_e6(&pts) {
                        let q = snap(p);
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
        })
        .collect()
}
