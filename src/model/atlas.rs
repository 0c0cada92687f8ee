//! The loaded atlas and the queries the window, the exports and the CLI share.

use std::collections::{HashMap, HashSet};

use crate::geo::index::BboxIndex;
use crate::geo::pip::point_in_multipolygon;
use crate::geo::topology::{Topology, TopologyError, TopologyFile};

use super::error::LoadError;
use super::link;
use super::rows::{self, KnownException};
use super::source::{DataSource, Tree};
use super::text::normalise_whitespace;
use super::types::*;

/// Full-detail lon/lat rings of one shape: polygons → rings (exterior first) → open ring.
pub type ShapeRings = Vec<Vec<Vec<LonLat>>>;

/// File names inside the data and asset trees (the contract of `ARCHITECTURE.md`).
pub mod files {
    pub const REGIONS: &str = "regions.csv";
    pub const DOCUMENTS: &str = "documents.csv";
    pub const DOCUMENT_DIR: &str = "documents";
    pub const PLACES: &str = "places.csv";
    pub const LINES: &str = "lines.geojson";
    pub const INDICATORS: &str = "indicators.csv";
    pub const EXCERPTS: &str = "excerpts.csv";
    pub const EXCEPTIONS: &str = "known_exceptions.csv";
    pub const TOPOLOGY: &str = "geo/regions.topo.json";
    pub const TOWN_CODE_LIST: &str = "geo/town_code_list.csv";
}

/// The 1-based line of each row in its file, parallel to the atlas vectors, so checks that run
/// after loading can still say `file:line`.
#[derive(Clone, Debug, Default)]
pub struct SourceLines {
    pub regions: Vec<u64>,
    pub documents: Vec<u64>,
    pub places: Vec<u64>,
    pub indicators: Vec<u64>,
    /// Curated excerpts only (the first `curated_excerpts` of [`Atlas::excerpts`]).
    pub excerpts: Vec<u64>,
    pub exceptions: Vec<u64>,
}

/// The regions containing a point, one per level (`county` is `None` in Dongguan and Zhongshan).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AtResult {
    pub province: Option<RegionIdx>,
    pub city: Option<RegionIdx>,
    pub county: Option<RegionIdx>,
    pub town: Option<RegionIdx>,
}

pub struct Atlas {
    pub source: DataSource,
    pub regions: Vec<Region>,
    pub places: Vec<Place>,
    pub lines: Vec<Line>,
    pub documents: Vec<Document>,
    pub indicators: Vec<Indicator>,
    /// Curated excerpts first (`data/excerpts.csv`), then those linked by name.
    pub excerpts: Vec<Excerpt>,
    pub curated_excerpts: usize,
    pub known_exceptions: Vec<KnownException>,
    pub topology: Topology,
    pub source_lines: SourceLines,
    /// Whitespace-normalised text of each document (verbatim checks, linking).
    pub(crate) documents_normalised: Vec<String>,
    by_code: HashMap<String, RegionIdx>,
    by_level: [Vec<RegionIdx>; 4],
    children: Vec<Vec<RegionIdx>>,
    place_by_id: HashMap<String, usize>,
    line_by_id: HashMap<String, usize>,
    document_by_file: HashMap<String, usize>,
    shape_rings: Vec<ShapeRings>,
    /// Lon/lat bounding box of each shape.
    shape_bbox_lonlat: Vec<[f64; 4]>,
    level_index: [BboxIndex; 4],
    excerpts_by_subject: HashMap<String, Vec<usize>>,
    indicators_by_subject: HashMap<String, Vec<usize>>,
    pub(crate) search_entries: Vec<super::search::SearchEntry>,
}

fn level_slot(level: Level) -> usize {
    level as usize
}

impl Atlas {
    /// Loads and cross-checks everything; the first problem is returned as one line.
    pub fn load(source: &DataSource) -> Result<Atlas, LoadError> {
        let path = |tree, rel: &str| source.display_path(tree, rel);

        // Regions and their codes.
        let regions_path = path(Tree::Data, files::REGIONS);
        let region_rows = rows::parse_regions(&source.read(Tree::Data, files::REGIONS)?, &regions_path)?;
        let (region_lines, mut regions): (Vec<u64>, Vec<Region>) = region_rows.into_iter().unzip();
        let mut by_code = HashMap::with_capacity(regions.len() * 2);
        for (idx, r) in regions.iter().enumerate() {
            for code in std::iter::once(&r.code).chain(&r.alias_codes) {
                if let Some(&other) = by_code.get(code) {
                    let other: &Region = &regions[other];
                    return Err(LoadError::line(
                        &regions_path,
                        region_lines[idx],
                        format!("code {code} is already used by {} {}", other.code, other.name_zh),
                    ));
                }
                by_code.insert(code.clone(), idx);
            }
        }
        let mut children = vec![Vec::new(); regions.len()];
        for idx in 0..regions.len() {
            let line = region_lines[idx];
            let r = &regions[idx];
            match (&r.parent_code, r.level) {
                (None, Level::Province) => {}
                (None, level) => {
                    return Err(LoadError::line(&regions_path, line, format!("a {} needs a parent_code", level.as_str())))
                }
                (Some(p), level) => {
                    let Some(&parent) = by_code.get(p) else {
                        return Err(LoadError::line(&regions_path, line, format!("unknown parent_code {p}")));
                    };
                    let parent_level = regions[parent].level;
                    if parent_level >= level {
                        return Err(LoadError::line(
                            &regions_path,
                            line,
                            format!("parent {p} is a {}, not coarser than this {}", parent_level.as_str(), level.as_str()),
                        ));
                    }
                    regions[idx].parent = Some(parent);
                    children[parent].push(idx);
                }
            }
        }

        // Geometry.
        let topo_path = path(Tree::Assets, files::TOPOLOGY);
        let topo_text = source.read(Tree::Assets, files::TOPOLOGY)?;
        let topo_file: TopologyFile = serde_json::from_str(&topo_text)
            .map_err(|e| LoadError::line(&topo_path, e.line() as u64, format!("invalid topology JSON: {e}")))?;
        let shape_codes: Vec<String> = topo_file.shapes.iter().map(|s| s.code.clone()).collect();
        let topology = Topology::from_file(topo_file).map_err(|e| match e {
            TopologyError::Shape { code, problem } => {
                let index = shape_codes.iter().position(|c| *c == code).unwrap_or(0);
                LoadError::feature(&topo_path, index, Some(code), problem)
            }
            other => LoadError::file(&topo_path, other.to_string()),
        })?;
        for (shape_idx, shape) in topology.shapes.iter().enumerate() {
            let Some(&idx) = by_code.get(&shape.code) else {
                return Err(LoadError::feature(&topo_path, shape_idx, Some(shape.code.clone()), "no region has this code"));
            };
            if regions[idx].code != shape.code {
                return Err(LoadError::feature(&topo_path, shape_idx, Some(shape.code.clone()), "shape uses an alias code"));
            }
            if regions[idx].shape.is_some() {
                return Err(LoadError::feature(&topo_path, shape_idx, Some(shape.code.clone()), "second shape for this code"));
            }
            if regions[idx].geometry == GeometryKind::None {
                return Err(LoadError::line(
                    &regions_path,
                    region_lines[idx],
                    format!("{} has geometry \"none\" but a shape in {}", shape.code, files::TOPOLOGY),
                ));
            }
            regions[idx].shape = Some(shape_idx);
        }
        if let Some(idx) = regions.iter().position(|r| r.geometry != GeometryKind::None && r.shape.is_none()) {
            return Err(LoadError::line(
                &regions_path,
                region_lines[idx],
                format!("{} has geometry {:?} but no shape in {}", regions[idx].code, regions[idx].geometry.as_str(), files::TOPOLOGY),
            ));
        }

        // Documents.
        let docs_path = path(Tree::Data, files::DOCUMENTS);
        let doc_rows = rows::parse_documents(&source.read(Tree::Data, files::DOCUMENTS)?, &docs_path)?;
        let (document_lines, mut documents): (Vec<u64>, Vec<Document>) = doc_rows.into_iter().unzip();
        let mut document_by_file = HashMap::new();
        for (i, d) in documents.iter_mut().enumerate() {
            if document_by_file.insert(d.file.clone(), i).is_some() {
                return Err(LoadError::line(&docs_path, document_lines[i], format!("document {} listed twice", d.file)));
            }
            let rel = format!("{}/{}", files::DOCUMENT_DIR, d.file);
            d.text = source.read(Tree::Data, &rel)?.into_owned();
        }
        let documents_normalised: Vec<String> = documents.iter().map(|d| normalise_whitespace(&d.text)).collect();

        // Lines and places (they refer to each other).
        let lines_path = path(Tree::Data, files::LINES);
        let lines = rows::parse_lines(&source.read(Tree::Data, files::LINES)?, &lines_path)?;
        let mut line_by_id = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            if line_by_id.insert(l.id.clone(), i).is_some() {
                return Err(LoadError::feature(&lines_path, i, Some(l.id.clone()), "id used twice"));
            }
        }
        let places_path = path(Tree::Data, files::PLACES);
        let place_rows = rows::parse_places(&source.read(Tree::Data, files::PLACES)?, &places_path)?;
        let (place_lines, places): (Vec<u64>, Vec<Place>) = place_rows.into_iter().unzip();
        let mut place_by_id = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let fail = |problem: String| LoadError::line(&places_path, place_lines[i], problem);
            if line_by_id.contains_key(&p.id) || place_by_id.insert(p.id.clone(), i).is_some() {
                return Err(fail(format!("id {} used twice", p.id)));
            }
            if !by_code.contains_key(&p.region_code) {
                return Err(fail(format!("unknown region_code {:?}", p.region_code)));
            }
            if let Some(rep) = &p.represents {
                if !by_code.contains_key(rep) {
                    return Err(fail(format!("unknown represents code {rep:?}")));
                }
            }
            if let Some(l) = p.line_ids.iter().find(|l| !line_by_id.contains_key(*l)) {
                return Err(fail(format!("unknown line id {l:?} in line_ids")));
            }
        }
        for (i, l) in lines.iter().enumerate() {
            if let Some(pid) = &l.place_id {
                if !place_by_id.contains_key(pid) {
                    return Err(LoadError::feature(&lines_path, i, Some(l.id.clone()), format!("unknown place_id {pid:?}")));
                }
            }
        }
        let subject_exists =
            |s: &str| by_code.contains_key(s) || place_by_id.contains_key(s) || line_by_id.contains_key(s);
        let verbatim_in = |file: &str, text: &str| -> Result<(), String> {
            let Some(&d) = document_by_file.get(file) else {
                return Err(format!("unknown document {file:?}"));
            };
            if documents_normalised[d].contains(text) {
                Ok(())
            } else {
                Err(format!("text not found verbatim in {file}: {:?}", short(text)))
            }
        };

        // Indicators.
        let ind_path = path(Tree::Data, files::INDICATORS);
        let ind_rows = rows::parse_indicators(&source.read(Tree::Data, files::INDICATORS)?, &ind_path)?;
        let (indicator_lines, indicators): (Vec<u64>, Vec<Indicator>) = ind_rows.into_iter().unzip();
        let mut seen = HashSet::new();
        for (i, ind) in indicators.iter().enumerate() {
            let fail = |problem: String| LoadError::line(&ind_path, indicator_lines[i], problem);
            if !seen.insert(ind.id.as_str()) {
                return Err(fail(format!("id {} used twice", ind.id)));
            }
            if !subject_exists(&ind.subject) {
                return Err(fail(format!("unknown subject {:?}", ind.subject)));
            }
            verbatim_in(&ind.document, &ind.excerpt).map_err(fail)?;
        }

        // Curated excerpts.
        let ex_path = path(Tree::Data, files::EXCERPTS);
        let ex_rows = rows::parse_excerpts(&source.read(Tree::Data, files::EXCERPTS)?, &ex_path)?;
        let (excerpt_lines, mut excerpts): (Vec<u64>, Vec<Excerpt>) = ex_rows.into_iter().unzip();
        let mut seen = HashSet::new();
        for (i, ex) in excerpts.iter().enumerate() {
            let fail = |problem: String| LoadError::line(&ex_path, excerpt_lines[i], problem);
            if !seen.insert(ex.id.as_str()) {
                return Err(fail(format!("id {} used twice", ex.id)));
            }
            if let Some(s) = ex.subjects.iter().find(|s| !subject_exists(s)) {
                return Err(fail(format!("unknown subject {s:?}")));
            }
            verbatim_in(&ex.document, &ex.text).map_err(fail)?;
        }

        // Known exceptions (optional file).
        let mut exception_lines = Vec::new();
        let mut known_exceptions = Vec::new();
        if source.exists(Tree::Data, files::EXCEPTIONS) {
            let exc_path = path(Tree::Data, files::EXCEPTIONS);
            for (line, e) in rows::parse_exceptions(&source.read(Tree::Data, files::EXCEPTIONS)?, &exc_path)? {
                if !place_by_id.contains_key(&e.id) && !line_by_id.contains_key(&e.id) && !by_code.contains_key(&e.id) {
                    return Err(LoadError::line(&exc_path, line, format!("unknown id {:?}", e.id)));
                }
                exception_lines.push(line);
                known_exceptions.push(e);
            }
        }

        let mut by_level: [Vec<RegionIdx>; 4] = Default::default();
        for (idx, r) in regions.iter().enumerate() {
            by_level[level_slot(r.level)].push(idx);
        }
        let curated_excerpts = excerpts.len();
        let shape_rings: Vec<ShapeRings> = topology
            .shapes
            .iter()
            .map(|s| s.polygons.iter().map(|poly| poly.iter().map(|ring| topology.ring_lonlat(ring)).collect()).collect())
            .collect();
        let shape_bbox_lonlat = shape_rings.iter().map(|rings| bbox_of(rings)).collect();

        let mut atlas = Atlas {
            source: source.clone(),
            regions,
            places,
            lines,
            documents,
            indicators,
            excerpts: Vec::new(),
            curated_excerpts,
            known_exceptions,
            topology,
            source_lines: SourceLines {
                regions: region_lines,
                documents: document_lines,
                places: place_lines,
                indicators: indicator_lines,
                excerpts: excerpt_lines,
                exceptions: exception_lines,
            },
            documents_normalised,
            by_code,
            by_level,
            children,
            place_by_id,
            line_by_id,
            document_by_file,
            shape_rings,
            shape_bbox_lonlat,
            level_index: Default::default(),
            excerpts_by_subject: HashMap::new(),
            indicators_by_subject: HashMap::new(),
            search_entries: Vec::new(),
        };
        atlas.excerpts = std::mem::take(&mut excerpts);
        let by_name = link::excerpts_by_name(&atlas);
        atlas.excerpts.extend(by_name);
        atlas.rebuild_indexes();
        Ok(atlas)
    }

    /// Recomputes every derived lookup (after loading, or after user town geometry arrives).
    pub(crate) fn rebuild_indexes(&mut self) {
        for level in Level::ALL {
            let items: Vec<([f64; 4], usize)> = self.by_level[level_slot(level)]
                .iter()
                .filter_map(|&idx| self.regions[idx].shape.map(|s| (self.shape_bbox_lonlat[s], idx)))
                .collect();
            self.level_index[level_slot(level)] = BboxIndex::new(items);
        }
        self.excerpts_by_subject.clear();
        for (i, ex) in self.excerpts.iter().enumerate() {
            for s in &ex.subjects {
                self.excerpts_by_subject.entry(s.clone()).or_default().push(i);
            }
        }
        self.indicators_by_subject.clear();
        for (i, ind) in self.indicators.iter().enumerate() {
            self.indicators_by_subject.entry(ind.subject.clone()).or_default().push(i);
        }
        self.search_entries = super::search::build_entries(self);
    }

    /// Adds a shape (decoded rings in lon/lat) to the caches; used by the user town loader.
    pub(crate) fn push_shape_cache(&mut self, rings: ShapeRings) {
        self.shape_bbox_lonlat.push(bbox_of(&rings));
        self.shape_rings.push(rings);
    }

    // ----- Lookups -------------------------------------------------------------------------

    /// A region by its code or one of its alias codes.
    pub fn region_by_code(&self, code: &str) -> Option<RegionIdx> {
        self.by_code.get(code.trim()).copied()
    }

    pub fn place_by_id(&self, id: &str) -> Option<&Place> {
        self.place_by_id.get(id).map(|&i| &self.places[i])
    }

    pub fn line_by_id(&self, id: &str) -> Option<&Line> {
        self.line_by_id.get(id).map(|&i| &self.lines[i])
    }

    pub fn document(&self, file: &str) -> Option<&Document> {
        self.document_by_file.get(file).map(|&i| &self.documents[i])
    }

    /// Whitespace-normalised text of a document (what excerpts are quoted from).
    pub fn document_normalised(&self, file: &str) -> Option<&str> {
        self.document_by_file.get(file).map(|&i| self.documents_normalised[i].as_str())
    }

    /// Self first, then each parent up to the province.
    pub fn parent_chain(&self, idx: RegionIdx) -> Vec<RegionIdx> {
        let mut chain = vec![idx];
        let mut cur = idx;
        while let Some(p) = self.regions[cur].parent {
            if chain.contains(&p) {
                break; // a cycle cannot pass the loader's level check, but never loop forever
            }
            chain.push(p);
            cur = p;
        }
        chain
    }

    pub fn children(&self, idx: RegionIdx) -> &[RegionIdx] {
        &self.children[idx]
    }

    pub fn regions_of_level(&self, level: Level) -> &[RegionIdx] {
        &self.by_level[level_slot(level)]
    }

    /// Full-detail lon/lat rings of a topology shape.
    pub fn shape_rings_lonlat(&self, shape: usize) -> &ShapeRings {
        &self.shape_rings[shape]
    }

    pub fn shape_bbox_lonlat(&self, shape: usize) -> [f64; 4] {
        self.shape_bbox_lonlat[shape]
    }

    /// The region of a level whose shape contains the point (exact, holes respected). A real
    /// town wins over an approximate cell where a user file made them overlap.
    pub fn region_at(&self, lonlat: LonLat, level: Level) -> Option<RegionIdx> {
        let mut approximate = None;
        for idx in self.level_index[level_slot(level)].candidates(lonlat) {
            let region = &self.regions[idx];
            let Some(shape) = region.shape else { continue };
            if point_in_multipolygon(lonlat, &self.shape_rings[shape]) {
                if region.geometry == GeometryKind::Real {
                    return Some(idx);
                }
                approximate = approximate.or(Some(idx));
            }
        }
        approximate
    }

    /// Every level's region at a point.
    pub fn at(&self, lonlat: LonLat) -> AtResult {
        AtResult {
            province: self.region_at(lonlat, Level::Province),
            city: self.region_at(lonlat, Level::City),
            county: self.region_at(lonlat, Level::County),
            town: self.region_at(lonlat, Level::Town),
        }
    }

    /// The ids that stand for a subject in `indicators.csv` / `excerpts.csv`: a region's code
    /// and alias codes plus the places that `represent` it; a line's own id plus its place.
    pub(crate) fn subject_keys(&self, subject: &Subject) -> Vec<String> {
        match subject {
            Subject::Region(code) => {
                let Some(idx) = self.region_by_code(code) else { return Vec::new() };
                let r = &self.regions[idx];
                let mut keys: Vec<String> = std::iter::once(r.code.clone()).chain(r.alias_codes.iter().cloned()).collect();
                let own: Vec<String> = keys.clone();
                keys.extend(
                    self.places
                        .iter()
                        .filter(|p| p.represents.as_ref().is_some_and(|rep| own.contains(rep)))
                        .map(|p| p.id.clone()),
                );
                keys
            }
            Subject::Place(id) => vec![id.clone()],
            Subject::Line(id) => {
                let mut keys = vec![id.clone()];
                if let Some(pid) = self.line_by_id(id).and_then(|l| l.place_id.clone()) {
                    keys.push(pid);
                }
                keys
            }
        }
    }

    /// Indicators of a subject (for a region: its own plus those of places that represent it).
    pub fn indicators_for(&self, subject: &Subject) -> Vec<&Indicator> {
        let mut out: Vec<usize> = Vec::new();
        for key in self.subject_keys(subject) {
            for &i in self.indicators_by_subject.get(&key).into_iter().flatten() {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        out.into_iter().map(|i| &self.indicators[i]).collect()
    }

    /// Excerpts of a subject: curated ones first, then those found by name.
    pub fn excerpts_for(&self, subject: &Subject) -> Vec<&Excerpt> {
        let mut out: Vec<usize> = Vec::new();
        for key in self.subject_keys(subject) {
            for &i in self.excerpts_by_subject.get(&key).into_iter().flatten() {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        out.into_iter().map(|i| &self.excerpts[i]).collect()
    }

    /// Places of a region: markers that claim it (or a region inside it), that represent it, or,
    /// for a town, whose point lies in its shape.
    pub fn places_in(&self, region: RegionIdx) -> Vec<&Place> {
        let code = &self.regions[region].code;
        let is_town = self.regions[region].level == Level::Town;
        self.places
            .iter()
            .filter(|p| {
                if p.represents.as_deref() == Some(code.as_str()) {
                    return true;
                }
                if let Some(claimed) = self.region_by_code(&p.region_code) {
                    if self.parent_chain(claimed).contains(&region) {
                        return true;
                    }
                }
                is_town && p.lonlat.is_some_and(|ll| self.region_at(ll, Level::Town) == Some(region))
            })
            .collect()
    }

    /// Display name of a subject (Chinese name, then English) for messages and lists.
    pub fn subject_label(&self, subject: &Subject) -> String {
        match subject {
            Subject::Region(code) => match self.region_by_code(code) {
                Some(i) => format!("{} {}", self.regions[i].name_zh, self.regions[i].name_en),
                None => code.clone(),
            },
            Subject::Place(id) => self.place_by_id(id).map_or(id.clone(), |p| format!("{} {}", p.name_zh, p.name_en)),
            Subject::Line(id) => self.line_by_id(id).map_or(id.clone(), |l| format!("{} {}", l.name_zh, l.name_en)),
        }
    }
}

fn bbox_of(rings: &ShapeRings) -> [f64; 4] {
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for p in rings.iter().flatten().flatten() {
        b = [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])];
    }
    b
}

/// The first words of a long text, for error messages.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
