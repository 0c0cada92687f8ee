//! Collects every region shape as rounded rings: province, cities, counties, the real Dongguan
//! towns and the approximate (Voronoi) towns, then makes shared borders share their vertices.

use std::collections::BTreeMap;

use super::cells::county_cells;
use super::io::BuildResult;
use gd_atlas_core::model::GeometryKind;

use super::regions::{PolygonsLonLat, Regions};
use super::topo::{insert_shared_vertices, ring_e6, PolygonE6, ShapeE6};

pub struct Shapes {
    pub shapes: Vec<ShapeE6>,
    /// Parent code (county, or Zhongshan) → codes of its approximate towns.
    pub approximate_by_parent: BTreeMap<String, Vec<String>>,
    pub inserted: usize,
}

/// A rounding of one coordinate is within 0.71 µ°; a point inserted into a segment of another
/// ring must lie this close to it.
const ON_SEGMENT_E6: f64 = 1.5;

fn rounded(polygons: &PolygonsLonLat) -> Vec<PolygonE6> {
    polygons
        .iter()
        .map(|rings| rings.iter().map(|r| ring_e6(r)).filter(|r| r.len() >= 3).collect::<Vec<_>>())
        .filter(|p: &PolygonE6| !p.is_empty())
        .collect()
}

pub fn build(regions: &Regions) -> BuildResult<Shapes> {
    let mut shapes = Vec::new();
    for u in std::iter::once(&regions.province).chain(&regions.cities).chain(&regions.counties) {
        shapes.push(ShapeE6 { code: u.code.clone(), polygons: rounded(&u.polygons) });
    }
    for (code, polygons) in &regions.dongguan_towns {
        shapes.push(ShapeE6 { code: code.clone(), polygons: rounded(polygons) });
    }
    let mut approximate_by_parent: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in regions.towns.iter().filter(|t| t.geometry == GeometryKind::Approximate) {
        approximate_by_parent.entry(t.parent_code.clone()).or_default().push(t.code.clone());
    }
    for (parent, codes) in &approximate_by_parent {
        let polygons = regions
            .town_parent_polygons(parent)
            .ok_or_else(|| format!("towns: no polygon for parent region {parent}"))?;
        let seats: Vec<[f64; 2]> =
            codes.iter().filter_map(|c| regions.town(c).and_then(|t| t.seat_lonlat)).collect();
        if seats.len() != codes.len() {
            return Err(format!("towns: an approximate town of {parent} has no seat"));
        }
        for (code, cell) in codes.iter().zip(county_cells(polygons, &seats)) {
            if cell.is_empty() {
                return Err(format!("geo/towns/town_seats.csv: the Voronoi cell of town {code} misses its parent region {parent} (seat outside it?)"));
            }
            shapes.push(ShapeE6 { code: code.clone(), polygons: cell });
        }
    }
    let inserted = insert_shared_vertices(&mut shapes, ON_SEGMENT_E6);
    Ok(Shapes { shapes, approximate_by_parent, inserted })
}
