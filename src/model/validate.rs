//! Checks that need the whole loaded atlas (the loader already rejects broken rows, unknown
//! codes and excerpts that are not verbatim): markers inside their regions, approximate towns
//! tiling their county, seats inside their cells, and the counts `gd-atlas validate` prints.

use std::collections::{HashMap, HashSet};

use geo::{ChamberlainDuquetteArea, Coord, LineString, Polygon};

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
    ///
    /// Ring orientation is not part of the topology contract, so each ring's area is taken
    /// unsigned and holes are subtracted (geo's signed sum would add a hole wound like its
    /// exterior's opposite).
    pub fn region_area_km2(&self, idx: RegionIdx) -> Option<f64> {
        let shape = self.regions[idx].shape?;
        let ring_m2 = |ring: &Vec<[f64; 2]>| {
            let line = LineString::new(ring.iter().map(|p| Coord { x: p[0], y: p[1] }).collect());
            Polygon::new(line, Vec::new()).chamberlain_duquette_unsigned_area()
        };
        let m2: f64 = self
            .shape_rings_lonlat(shape)
            .iter()
            .filter(|rings| !rings.is_empty())
            .map(|rings| ring_m2(&rings[0]) - rings[1..].iter().map(ring_m2).sum::<f64>())
            .sum();
        Some(m2 / 1e6)
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
        self.check_town_code_list(&mut report);
        report
    }

    /// Every code of the official town code list appears exactly once as a town code or alias
    /// code, and every town code comes from the list.
    fn check_town_code_list(&self, report: &mut Report) {
        if !self.source.exists(Tree::Assets, files::TOWN_CODE_LIST) {
            report.warnings.push(format!("{} is missing: town codes not checked against it", files::TOWN_CODE_LIST));
            return;
        }
        let list_path = self.source.display_path(Tree::Assets, files::TOWN_CODE_LIST);
        let text = match self.source.read(Tree::Assets, files::TOWN_CODE_LIST) {
            Ok(t) => t,
            Err(e) => return report.errors.push(e.to_string()),
        };
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let Some(col) = reader.headers().ok().and_then(|h| h.iter().position(|c| c == "town_code")) else {
            return report.errors.push(format!("{list_path}:1: no town_code column"));
        };
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for &t in self.regions_of_level(Level::Town) {
            let r = &self.regions[t];
            for code in std::iter::once(&r.code).chain(&r.alias_codes) {
                *uses.entry(code.as_str()).or_default() += 1;
            }
        }
        let mut listed = HashSet::new();
        for record in reader.records() {
            let Ok(record) = record else { continue };
            let line = record.position().map_or(0, |p| p.line());
            let code = record.get(col).unwrap_or("").trim().to_string();
            match uses.get(code.as_str()).copied().unwrap_or(0) {
                1 => {}
                0 => report.errors.push(format!("{list_path}:{line}: town code {code} is missing from {}", files::REGIONS)),
                n => report.errors.push(format!("{list_path}:{line}: town code {code} appears {n} times in {}", files::REGIONS)),
            }
            listed.insert(code);
        }
        let regions_path = self.source.display_path(Tree::Data, files::REGIONS);
        for &t in self.regions_of_level(Level::Town) {
            let r = &self.regions[t];
            for code in std::iter::once(&r.code).chain(&r.alias_codes) {
                if !listed.contains(code) {
                    report.errors.push(format!("{regions_path}:{}: town code {code} is not in {}", self.source_lines.regions[t], files::TOWN_CODE_LIST));
                }
            }
        }
    }
}
