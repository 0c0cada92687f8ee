//! Where a region's name goes when it has no seat: an interior point of its largest part.
//!
//! One algorithm, used twice: the asset build stores the point of every shipped shape in
//! `regions.topo.bin` (`topology_bin`), and the scene computes it on first use for a shape the
//! binary does not cover (a topology read from edited JSON, a user's town file). Computing it
//! was about 7 % of a 4K export's CPU and sat on the main thread's path before painting
//! (issue 21), so the shipped shapes' points are read, not computed.

use geo::{Area, Coord, InteriorPoint, LineString, MultiPolygon, Polygon};

use super::mercator::lonlat_from_mercator;
use super::topology::{Space, Topology};

/// The rings are simplified to half a pixel at zoom 10 (the scene's level-of-detail tolerance
/// for level 10, 256-pixel tiles): the point only has to lie inside, and the full-detail rings
/// would cost several times as much for no visible difference.
pub const TOLERANCE_MERCATOR: f32 = (0.5 / (256.0 * 1024.0)) as f32;

/// An interior point (lon/lat) of the largest part of `shape`, by area in mercator; `None` for
/// a shape with no ring of three or more positions.
pub fn largest_part_interior_point(topology: &Topology, shape: usize) -> Option<[f64; 2]> {
    let mut best: Option<(f64, Polygon)> = None;
    let mut buf = Vec::new();
    for polygon in &topology.shapes.get(shape)?.polygons {
        let mut rings: Vec<LineString> = Vec::new();
        for ring in polygon {
            buf.clear();
            topology.ring_into(ring, TOLERANCE_MERCATOR, Space::Mercator, &mut buf);
            if buf.len() >= 3 {
                rings.push(buf.iter().map(|p| Coord { x: p[0], y: p[1] }).collect());
            }
        }
        if rings.is_empty() {
            continue;
        }
        let exterior = rings.remove(0);
        let poly = Polygon::new(exterior, rings);
        let area = poly.unsigned_area();
        if best.as_ref().is_none_or(|(a, _)| area > *a) {
            best = Some((area, poly));
        }
    }
    let (_, poly) = best?;
    let p = MultiPolygon::new(vec![poly]).interior_point()?;
    Some(lonlat_from_mercator([p.x(), p.y()]))
}
