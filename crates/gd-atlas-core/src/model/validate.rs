//! Checks that need the whole loaded atlas (the loader already rejects broken rows, unknown
//! codes and excerpts that are not verbatim): markers inside their regions, approximate towns
//! tiling their county, seats inside their cells, and the counts `gd-atlas validate` prints.

use std::collections::{HashMap, HashSet};

use geo::{ChamberlainDuquetteArea, Coord, LineString, Polygon};

use crate::geo::pip::point_in_multipolygon;

use super::atlas::{files, Atlas};
use super::error::LoadError;
use super::source::Tree;
use super::types::{GeometryKind, Level, LinkKind, RegionIdx, Relevance};

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
    /// Linked by a section heading naming the region (`LinkKind::BySection`).
    pub excerpts_by_section: usize,
    /// Linked by the subject of their paragraph (`LinkKind::ByParagraph`).
    pub excerpts_by_paragraph: usize,
    /// Automatic excerpts about their region, and those only mentioning it (`Relevance`); the two
    /// add up to the automatic excerpts.
    pub excerpts_about: usize,
    pub excerpts_mentioned: usize,
    pub known_exceptions: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    /// One per problem; each displays as `file:line: problem`.
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadError>,
    /// Warnings about many rows at once (179 towns without a seat): shown as a count and the
    /// first few, every item on request ([`ItemList::line`]).
    pub lists: Vec<ItemList>,
    pub counts: Counts,
}

/// A warning that names many items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemList {
    /// The file the items are rows of.
    pub file: String,
    /// What is wrong with them, after the count ("towns have no seat point …").
    pub what: String,
    pub items: Vec<String>,
}

/// Items a grouped warning names unless all are asked for.
pub const LIST_FIRST: usize = 5;

impl ItemList {
    /// `file: N what: a, b, c, d, e and N−5 more (--verbose lists all)`; every item when
    /// `all`. One line either way: a 5,000-character line of 179 towns on every run hid the
    /// warnings around it.
    pub fn line(&self, all: bool) -> String {
        let n = self.items.len();
        let shown = if all { n } else { n.min(LIST_FIRST) };
        let more = if shown < n {
            format!(" and {} more (--verbose lists all)", n - shown)
        } else {
            String::new()
        };
        format!("{}: {n} {}: {}{more}", self.file, self.what, self.items[..shown].join(", "))
    }
}

impl Atlas {
    pub fn counts(&self) -> Counts {
        let towns = self.regions_of_level(Level::Town);
        let town_kind =
            |k: GeometryKind| towns.iter().filter(|&&i| self.regions[i].geometry == k).count();
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
            excerpts_by_section: self
                .excerpts
                .iter()
                .filter(|e| e.link == LinkKind::BySection)
                .count(),
            excerpts_by_paragraph: self
                .excerpts
                .iter()
                .filter(|e| e.link == LinkKind::ByParagraph)
                .count(),
            excerpts_about: self
                .excerpts
                .iter()
                .filter(|e| e.link != LinkKind::Curated && e.relevance == Relevance::About)
                .count(),
            excerpts_mentioned: self
                .excerpts
                .iter()
                .filter(|e| e.link != LinkKind::Curated && e.relevance == Relevance::Mentioned)
                .count(),
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
        let bbox_lonlat = self.shape_bbox_lonlat(parent_shape);
        let mut defects = Vec::new();
        for i in 0..grid {
            for j in 0..grid {
                // Irrational-ish offsets keep grid points off the micro-degree vertex lattice.
                let lonlat = [
                    bbox_lonlat.min[0]
                        + bbox_lonlat.width() * (i as f64 + 0.5 + 0.0137) / grid as f64,
                    bbox_lonlat.min[1]
                        + bbox_lonlat.height() * (j as f64 + 0.5 + 0.0071) / grid as f64,
                ];
                let inside = point_in_multipolygon(lonlat, parent_rings);
                let hits = cells
                    .iter()
                    .filter_map(|&c| self.regions[c].shape)
                    .filter(|&s| {
                        self.shape_bbox_lonlat(s).contains(lonlat)
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
        self.check_markers(&mut report);
        self.check_town_seats(&mut report);
        self.check_tiling(&mut report);
        self.check_town_code_list(&mut report);
        self.check_encodings(&mut report);
        report.errors.extend(super::census::checks::check(&self.census));
        self.check_translations(&mut report);
        // Every tour file: bad rows and unknown subjects, named by file and line.
        report.errors.extend(crate::model::tour::load_tours(&self.source, Some(self)).1);
        report
    }

    /// The 中文 interface's words from the data: each indicator's Chinese columns present exactly
    /// when their English ones are; each document with its title's translation, or — untitled —
    /// its topic in both languages.
    fn check_translations(&self, report: &mut Report) {
        let path = self.source.display_path(Tree::Data, files::INDICATORS);
        for (i, ind) in self.indicators.iter().enumerate() {
            let z = &ind.zh;
            let pairs = [
                (&ind.indicator, &z.indicator),
                (&ind.subject_label, &z.subject_label),
                (&ind.value_as_stated, &z.value),
                (&ind.unit_as_stated, &z.unit),
                (&ind.period, &z.period),
                (&ind.value_corrected, &z.value_corrected),
                (&ind.unit_corrected, &z.unit_corrected),
                (&ind.correction_reason, &z.correction_reason),
            ];
            for ((en, zh), (zh_column, en_column)) in
                pairs.into_iter().zip(super::rows::INDICATOR_ZH_COLUMNS)
            {
                let problem = match (en.trim().is_empty(), zh.trim().is_empty()) {
                    (false, true) => format!("{}: {zh_column} is empty: the 中文 interface needs the Chinese of {en_column} {en:?}", ind.id),
                    (true, false) => format!("{}: {zh_column} {zh:?} but {en_column} is empty", ind.id),
                    _ => continue,
                };
                report.errors.push(LoadError::line(
                    &path,
                    self.source_lines.indicators[i],
                    problem,
                ));
            }
        }
        let path = self.source.display_path(Tree::Data, files::DOCUMENTS);
        for (i, d) in self.documents.iter().enumerate() {
            let problem = if !d.title.trim().is_empty() && d.title_zh.is_empty() {
                format!(
                    "{}: title_zh is empty: the 中文 interface needs the title's translation",
                    d.file
                )
            } else if d.title.trim().is_empty() && (d.topic.is_empty() || d.topic_zh.is_empty()) {
                format!("{}: no title, so topic and topic_zh must say what it is about (lists would show the file name)", d.file)
            } else {
                continue;
            };
            report.errors.push(LoadError::line(&path, self.source_lines.documents[i], problem));
        }
        self.check_line_translations(report);
        self.check_note_translations(report);
    }

    /// The notes the 中文 details panel and reader show in the atlas's translation — a place's
    /// status and precision notes, coordinate method and notes, a document's note, a control
    /// point's source — each with its `*_zh` exactly when the English is there.
    fn check_note_translations(&self, report: &mut Report) {
        let path = self.source.display_path(Tree::Data, files::PLACES);
        for (i, p) in self.places.iter().enumerate() {
            for (en, zh, column) in [
                (&p.status_note, &p.status_note_zh, "status_note"),
                (&p.precision_note, &p.precision_note_zh, "precision_note"),
                (&p.coord_method, &p.coord_method_zh, "coord_method"),
                (&p.notes, &p.notes_zh, "notes"),
            ] {
                if let Some(problem) = translation_problem(column, en, zh) {
                    let problem = format!("{}: {problem}", p.id);
                    report.errors.push(LoadError::line(
                        &path,
                        self.source_lines.places[i],
                        problem,
                    ));
                }
            }
        }
        let path = self.source.display_path(Tree::Data, files::DOCUMENTS);
        for (i, d) in self.documents.iter().enumerate() {
            if let Some(problem) = translation_problem("note", &d.note, &d.note_zh) {
                let problem = format!("{}: {problem}", d.file);
                report.errors.push(LoadError::line(&path, self.source_lines.documents[i], problem));
            }
        }
        let path = self.source.display_path(Tree::Data, files::LINES);
        for (i, l) in self.lines.iter().enumerate() {
            for cp in &l.control_points {
                if let Some(problem) = translation_problem("src", &cp.src, &cp.src_zh) {
                    let problem = format!("control point {:?}: {problem}", cp.name);
                    report.errors.push(LoadError::feature(&path, i, Some(l.id.clone()), problem));
                }
            }
        }
    }

    /// A line's `source` and `note` each need their `*_zh` (the 中文 details panel shows them).
    fn check_line_translations(&self, report: &mut Report) {
        let path = self.source.display_path(Tree::Data, files::LINES);
        for (i, l) in self.lines.iter().enumerate() {
            for (en, zh, column) in
                [(&l.source, &l.source_zh, "source"), (&l.note, &l.note_zh, "note")]
            {
                let problem = match (en.trim().is_empty(), zh.trim().is_empty()) {
                    (false, true) => format!("{column}_zh is empty: the 中文 interface needs the Chinese of {column} {en:?}"),
                    (true, false) => format!("{column}_zh {zh:?} but {column} is empty"),
                    _ => continue,
                };
                report.errors.push(LoadError::feature(&path, i, Some(l.id.clone()), problem));
            }
        }
    }

    fn regions_error(&self, region: RegionIdx, problem: String) -> LoadError {
        LoadError::line(
            self.source.display_path(Tree::Data, files::REGIONS),
            self.source_lines.regions[region],
            problem,
        )
    }

    /// Markers inside the region they claim, unless listed with a reason.
    fn check_markers(&self, report: &mut Report) {
        let places_path = self.source.display_path(Tree::Data, files::PLACES);
        for (i, place) in self.places.iter().enumerate() {
            let Some(lonlat) = place.lonlat else { continue };
            let Some(region) = self.region_by_code(&place.region_code) else { continue };
            let Some(shape) = self.regions[region].shape else { continue };
            if point_in_multipolygon(lonlat, self.shape_rings_lonlat(shape))
                || self.known_exceptions.iter().any(|e| e.id == place.id)
            {
                continue;
            }
            report.errors.push(LoadError::line(
                &places_path,
                self.source_lines.places[i],
                format!(
                    "{} ({}, {}) lies outside its region_code {} {} and is not in {}",
                    place.id,
                    lonlat[0],
                    lonlat[1],
                    place.region_code,
                    self.regions[region].name_zh,
                    files::EXCEPTIONS
                ),
            ));
        }
    }

    /// Approximate towns need a seat inside their cell; a real town's seat should be inside it.
    fn check_town_seats(&self, report: &mut Report) {
        let mut without_seat = Vec::new();
        for &t in self.regions_of_level(Level::Town) {
            let town = &self.regions[t];
            let seat_inside =
                |seat, shape| point_in_multipolygon(seat, self.shape_rings_lonlat(shape));
            match (town.geometry, town.seat_lonlat, town.shape) {
                (GeometryKind::Approximate, None, _) => report.errors.push(self.regions_error(
                    t,
                    format!(
                        "{} {} is approximate but has no seat point to build its cell from",
                        town.code, town.name_zh
                    ),
                )),
                (GeometryKind::Approximate, Some(seat), Some(shape))
                    if !seat_inside(seat, shape) =>
                {
                    report.errors.push(self.regions_error(
                        t,
                        format!(
                            "seat ({}, {}) of {} {} lies outside its own approximate cell",
                            seat[0], seat[1], town.code, town.name_zh
                        ),
                    ))
                }
                (GeometryKind::Real, Some(seat), Some(shape)) if !seat_inside(seat, shape) => {
                    report.warnings.push(self.regions_error(
                        t,
                        format!(
                            "seat point of {} {} lies outside its real polygon",
                            town.code, town.name_zh
                        ),
                    ))
                }
                _ => {}
            }
            if town.seat_lonlat.is_none() {
                without_seat.push(format!("{} {}", town.code, town.name_zh));
            }
        }
        if !without_seat.is_empty() {
            report.lists.push(ItemList {
                file: self.source.display_path(Tree::Data, files::REGIONS),
                what: "towns have no seat point (searchable, no cell)".into(),
                items: without_seat,
            });
        }
    }

    /// Approximate cells tile their county (or city without counties): sample points and areas.
    fn check_tiling(&self, report: &mut Report) {
        let parents = (0..self.regions.len()).filter(|&i| {
            let level = self.regions[i].level;
            level != Level::Town && level != Level::Province && !self.town_cells_of(i).is_empty()
        });
        for parent in parents {
            let cells = self.town_cells_of(parent);
            if cells.iter().any(|&c| self.regions[c].geometry != GeometryKind::Approximate) {
                continue; // real polygons come from another source and need not tile exactly
            }
            let p = &self.regions[parent];
            let defects = self.tiling_defects(parent, TILING_GRID);
            if let Some((lonlat, inside, hits)) = defects.first() {
                report.errors.push(self.regions_error(
                    parent,
                    format!(
                        "town cells of {} {} do not tile it: {} of {} sample points wrong, e.g. ({:.6}, {:.6}) {} the county is in {} cells",
                        p.code,
                        p.name_zh,
                        defects.len(),
                        TILING_GRID * TILING_GRID,
                        lonlat[0],
                        lonlat[1],
                        if *inside { "inside" } else { "outside" },
                        hits
                    ),
                ));
            }
            let parent_area = self.region_area_km2(parent).unwrap_or(0.0);
            let cells_area: f64 = cells.iter().filter_map(|&c| self.region_area_km2(c)).sum();
            if parent_area > 0.0
                && ((cells_area - parent_area) / parent_area).abs() > TILING_AREA_TOLERANCE
            {
                report.errors.push(self.regions_error(
                    parent,
                    format!("town cells of {} {} cover {cells_area:.1} km² but the county is {parent_area:.1} km²", p.code, p.name_zh),
                ));
            }
        }
    }

    /// Every code of the official town code list appears exactly once as a town code or alias
    /// code, and every town code comes from the list.
    fn check_town_code_list(&self, report: &mut Report) {
        let list_path = self.source.display_path(Tree::Assets, files::TOWN_CODE_LIST);
        if !self.source.exists(Tree::Assets, files::TOWN_CODE_LIST) {
            report
                .warnings
                .push(LoadError::file(&list_path, "missing: town codes not checked against it"));
            return;
        }
        let text = match self.source.read(Tree::Assets, files::TOWN_CODE_LIST) {
            Ok(t) => t,
            Err(e) => return report.errors.push(e),
        };
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let Some(col) = reader.headers().ok().and_then(|h| h.iter().position(|c| c == "town_code"))
        else {
            return report.errors.push(LoadError::line(&list_path, 1, "no town_code column"));
        };
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for &t in self.regions_of_level(Level::Town) {
            for code in self.codes_of(t) {
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
                0 => report.errors.push(LoadError::line(
                    &list_path,
                    line,
                    format!("town code {code} is missing from {}", files::REGIONS),
                )),
                n => report.errors.push(LoadError::line(
                    &list_path,
                    line,
                    format!("town code {code} appears {n} times in {}", files::REGIONS),
                )),
            }
            listed.insert(code);
        }
        for &t in self.regions_of_level(Level::Town) {
            for code in self.codes_of(t).filter(|c| !listed.contains(*c)) {
                report.errors.push(self.regions_error(
                    t,
                    format!("town code {code} is not in {}", files::TOWN_CODE_LIST),
                ));
            }
        }
    }

    /// The loader accepts GBK/GB18030 and UTF-16 (what Excel on a Chinese Windows saves), but
    /// the data contract says UTF-8 and other tools expect it: say which files are not.
    fn check_encodings(&self, report: &mut Report) {
        let csvs = [
            files::REGIONS,
            files::PLACES,
            files::DOCUMENTS,
            files::INDICATORS,
            files::EXCERPTS,
            files::EXCEPTIONS,
            files::LINES,
        ];
        let tours = self
            .source
            .list(Tree::Data, crate::model::tour::TOURS_DIR)
            .into_iter()
            .map(|f| format!("{}/{f}", crate::model::tour::TOURS_DIR));
        for rel in csvs.iter().map(|r| r.to_string()).chain(tours) {
            let Some(bytes) =
                self.source.disk_path(Tree::Data, &rel).and_then(|p| std::fs::read(p).ok())
            else {
                continue;
            };
            match crate::table::decode::decode_text(&bytes) {
                Ok((_, encoding)) if encoding != crate::table::decode::TextEncoding::Utf8 => report.warnings.push(LoadError::file(
                    self.source.display_path(Tree::Data, &rel),
                    format!("encoded as {}, read as such; the data files are UTF-8 (save it as UTF-8 without BOM)", encoding.label()),
                )),
                _ => {}
            }
        }
    }

    /// A region's code and alias codes.
    fn codes_of(&self, region: RegionIdx) -> impl Iterator<Item = &String> {
        let r = &self.regions[region];
        std::iter::once(&r.code).chain(&r.alias_codes)
    }
}

/// `column_zh is empty: …` when the English has no translation, `column_zh … but column is
/// empty` when a translation has no English; `None` when they pair.
fn translation_problem(column: &str, en: &str, zh: &str) -> Option<String> {
    match (en.trim().is_empty(), zh.trim().is_empty()) {
        (false, true) => Some(format!(
            "{column}_zh is empty: the 中文 interface needs the Chinese of {column} {en:?}"
        )),
        (true, false) => Some(format!("{column}_zh {zh:?} but {column} is empty")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_shows_its_count_and_first_five_unless_all_are_asked_for() {
        let list = ItemList {
            file: "data/regions.csv".into(),
            what: "towns have no seat point".into(),
            items: (1..=7).map(|i| format!("44010{i} T{i}")).collect(),
        };
        assert_eq!(list.line(false), "data/regions.csv: 7 towns have no seat point: 440101 T1, 440102 T2, 440103 T3, 440104 T4, 440105 T5 and 2 more (--verbose lists all)");
        assert!(list.line(true).ends_with("440106 T6, 440107 T7"));
        let short = ItemList { items: list.items[..2].to_vec(), ..list };
        assert_eq!(short.line(false), short.line(true));
    }
}
