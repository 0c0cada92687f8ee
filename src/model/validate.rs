//! Checks that need the whole loaded atlas (the loader already rejects broken rows, unknown
//! codes and excerpts that are not verbatim): markers inside their regions, approximate towns
//! tiling their county, seats inside their cells, and the counts `gd-atlas validate` prints.

use geo::{ChamberlainDuquetteArea, Coord, LineString, MultiPolygon, Polygon};

use crate::geo::pip::point_in_multipolygon;

use super::atlas::{files, Atlas};
use super::source::Tree;
use super::types::{GeometryKind, Level, LinkKind, RegionIdx};

/// Grid points per side sampled in a county's bounding box for the tiling check.
pub const TILING_GRID: usize = 24;
/// Relative difference allowed between a county's area and the sum of its town cells' areas
/// (cells are clipped to the county and share its arcs, so only float rounding remains).
pub const TILING_AREA_TOLERANCE: f64 = 0.001;

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Counts {
    pub provinces: usize,
    pub cities: usize,
    pub counties: usize,
    pub towns: usize,
    pub towns_real: usize,
    pub towns_approximate: usize,
    pub towns_no_geometry: usize,
    pub places: usize,
    pub lines: usize,
    pub documents: usize,
    pub indicators: usize,
    pub excerpts_curated: usize,
    pub excerpts_by_name: usize,
    pub known_exceptions: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    /// `file:line: problem`, one per problem.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub counts: Counts,
}

impl Atlas {
    pub fn counts(&self) -> Counts {
        let towns = self.regions_of_level(Level::Town);
        let town_kind = |k: GeometryKind| towns.iter().filter(|&&i| self.regions[i].geometry == k).count();
        Counts {
            provinces: self.regions_of_level(Level::Province).len(),
            cities: self.regions_of_level(Level::City).len(),
            counties: self.regions_of_level(Level::County).len(),
            towns: towns.len(),
            towns_real: town_kind(GeometryKind::Real),
            towns_approximate: town_kind(GeometryKind::Approximate),
            towns_no_geometry: town_kind(GeometryKind::None),
            places: self.places.len(),
            lines: self.lines.len(),
            documents: self.documents.len(),
            indicators: self.indicators.len(),
            excerpts_curated: self.excerpts.iter().filter(|e| e.link == LinkKind::Curated).count(),
            excerpts_by_name: self.excerpts.iter().filter(|e| e.link == LinkKind::ByName).count(),
            known_exceptions: self.known_exceptions.len(),
        }
    }

    /// Area of a region's shape on the sphere, km² (None without a shape).
    pub fn region_area_km2(&self, idx: RegionIdx) -> Option<f64> {
        let shape = self.regions[idx].shape?;
        let to_ring = |ring: &Vec<[f64; 2]>| LineString::new(ring.iter().map(|p| Coord { x: p[0], y: p[1] }).collect());
        let polygons: Vec<Polygon<f64>> = self
            .shape_rings_lonlat(shape)
            .iter()
            .filter(|rings| !rings.is_empty())
            .map(|rings| Polygon::new(to_ring(&rings[0]), rings[1..].iter().map(to_ring).collect()))
            .collect();
        Some(MultiPolygon::new(polygons).chamberlain_duquette_unsigned_area() / 1e6)
    }

    /// Town children of a parent (county, or Dongguan/Zhongshan) that have a shape.
    pub fn town_cells_of(&self, parent: RegionIdx) -> Vec<RegionIdx> {
        self.children(parent)
            .iter()
            .copied()
            .filter(|&c| self.regions[c].level == Level::Town && self.regions[c].shape.is_some())
            .collect()
    }

    /// Grid points of the parent's bounding box where its town cells do not cover the parent
    /// exactly once: `(lonlat, inside parent, number of cells containing it)`.
    pub fn tiling_defects(&self, parent: RegionIdx, grid: usize) -> Vec<([f64; 2], bool, usize)> {
        let Some(parent_shape) = self.regions[parent].shape else { return Vec::new() };
        let cells = self.town_cells_of(parent);
        let parent_rings = self.shape_rings_lonlat(parent_shape);
        let b = self.shape_bbox_lonlat(parent_shape);
        let mut defects = Vec::new();
        for i in 0..grid {
            for j in 0..grid {
                // Irrational-ish offsets keep grid points off the micro-degree vertex lattice.
                let lonlat = [
                    b[0] + (b[2] - b[0]) * (i as f64 + 0.5 + 0.0137) / grid as f64,
                    b[1] + (b[3] - b[1]) * (j as f64 + 0.5 + 0.0071) / grid as f64,
                ];
                let inside = point_in_multipolygon(lonlat, parent_rings);
                let hits = cells
                    .iter()
                    .filter(|&&c| {
                        let s = self.regions[c].shape.unwrap_or(usize::MAX);
                        let bb = self.shape_bbox_lonlat(s);
                        lonlat[0] >= bb[0]
                            && lonlat[0] <= bb[2]
                            && lonlat[1] >= bb[1]
                            && lonlat[1] <= bb[3]
                            && point_in_multipolygon(lonlat, self.shape_rings_lonlat(s))
                    })
                    .count();
                if hits != usize::from(inside) {
                    defects.push((lonlat, inside, hits));
                }
            }
        }
        defects
    }

    /// Runs every whole-atlas check.
    pub fn validate(&self) -> Report {
        let mut report = Report { counts: self.counts(), ..Default::default() };
        let regions_path = self.source.display_path(Tree::Data, files::REGIONS);
        let places_path = self.source.display_path(Tree::Data, files::PLACES);

        // Markers inside the region they claim, unless listed with a reason.
        for (i, place) in self.places.iter().enumerate() {
            let Some(lonlat) = place.lonlat else { continue };
            let Some(region) = self.region_by_code(&place.region_code) else { continue };
            let Some(shape) = self.regions[region].shape else { continue };
            if point_in_multipolygon(lonlat, self.shape_rings_lonlat(shape)) {
                continue;
            }
            if self.known_exceptions.iter().any(|e| e.id == place.id) {
                continue;
            }
            report.errors.push(format!(
                "{}:{}: {} ({}, {}) lies outside its region_code {} {} and is not in {}",
                places_path,
                self.source_lines.places[i],
                place.id,
                lonlat[0],
                lonlat[1],
                place.region_code,
                self.regions[region].name_zh,
                files::EXCEPTIONS
            ));
        }

        // Towns: seat points, approximate cells.
        let mut without_seat = Vec::new();
        for &t in self.regions_of_level(Level::Town) {
            let town = &self.regions[t];
            let line = self.source_lines.regions[t];
            match (town.geometry, town.seat_lonlat, town.shape) {
                (GeometryKind::Approximate, None, _) => report.errors.push(format!(
                    "{regions_path}:{line}: {} {} is approximate but has no seat point to build its cell from",
                    town.code, town.name_zh
                )),
                (GeometryKind::Approximate, Some(seat), Some(shape)) => {
                    if !point_in_multipolygon(seat, self.shape_rings_lonlat(shape)) {
                        report.errors.push(format!(
                            "{regions_path}:{line}: seat ({}, {}) of {} {} lies outside its own approximate cell",
                            seat[0], seat[1], town.code, town.name_zh
                        ));
                    }
                }
                (GeometryKind::Real, Some(seat), Some(shape)) => {
                    if !point_in_multipolygon(seat, self.shape_rings_lonlat(shape)) {
                        report.warnings.push(format!(
                            "{regions_path}:{line}: seat point of {} {} lies outside its real polygon",
                            town.code, town.name_zh
                        ));
                    }
                }
                _ => {}
            }
            if town.seat_lonlat.is_none() {
                without_seat.push(format!("{} {}", town.code, town.name_zh));
            }
        }
        if !without_seat.is_empty() {
            report.warnings.push(format!(
                "{} towns have no seat point (searchable, no cell): {}",
                without_seat.len(),
                without_seat.join(", ")
            ));
        }

        // Approximate cells tile their county (or city without counties).
        let parents: Vec<RegionIdx> = self
            .regions
            .iter()
            .enumerate()
            .filter(|(i, r)| r.level != Level::Town && r.level != Level::Province && !self.town_cells_of(*i).is_empty())
            .map(|(i, _)| i)
            .collect();
        for parent in parents {
            let cells = self.town_cells_of(parent);
            if cells.iter().any(|&c| self.regions[c].geometry != GeometryKind::Approximate) {
                continue; // real polygons come from another source and need not tile exactly
            }
            let p = &self.regions[parent];
            let line = self.source_lines.regions[parent];
            let defects = self.tiling_defects(parent, TILING_GRID);
            if let Some((lonlat, inside, hits)) = defects.first() {
                report.errors.push(format!(
                    "{regions_path}:{line}: town cells of {} {} do not tile it: {} of {} sample points wrong, e.g. ({:.6}, {:.6}) {} the county is in {} cells",
                    p.code,
                    p.name_zh,
                    defects.len(),
                    TILING_GRID * TILING_GRID,
                    lonlat[0],
                    lonlat[1],
                    if *inside { "inside" } else { "outside" },
                    hits
                ));
            }
            let parent_area = self.region_area_km2(parent).unwrap_or(0.0);
            let cells_area: f64 = cells.iter().filter_map(|&c| self.region_area_km2(c)).sum();
            if parent_area > 0.0 && ((cells_area - parent_area) / parent_area).abs() > TILING_AREA_TOLERANCE {
                report.errors.push(format!(
                    "{regions_path}:{line}: town cells of {} {} cover {cells_area:.1} km² but the county is {parent_area:.1} km²",
                    p.code, p.name_zh
                ));
            }
        }
        report
    }
}
