//! Loading in two named steps before the atlas indexes itself: **parse** every file on its own
//! (rows with their line numbers, the topology decoded), then **cross-check** the joins between
//! them (codes, parents, shapes, ids, verbatim excerpts). The first problem stops the load, as one
//! `file:line: problem` line. [`super::Atlas::load`] runs both and then builds the lookups.

use std::collections::{HashMap, HashSet};

use crate::geo::topology::{Topology, TopologyError, TopologyFile};

use super::atlas::files;
use super::error::LoadError;
use super::rows::{self, KnownException};
use super::source::{DataSource, Tree};
use super::text::normalise_whitespace;
use super::types::*;

/// The rows of one file, each with its 1-based line, so checks after parsing can say `file:line`.
pub(crate) struct Table<T> {
    pub path: String,
    pub rows: Vec<T>,
    pub lines: Vec<u64>,
}

impl<T> Table<T> {
    fn new(path: String, numbered: Vec<(u64, T)>) -> Self {
        let (lines, rows) = numbered.into_iter().unzip();
        Self { path, rows, lines }
    }

    fn error(&self, row: usize, problem: impl Into<String>) -> LoadError {
        LoadError::line(&self.path, self.lines[row], problem)
    }
}

/// Step 1: every file parsed on its own.
pub(crate) struct Parsed {
    pub regions: Table<Region>,
    pub topology_path: String,
    pub topology: Topology,
    /// Documents with their text read from `documents/`.
    pub documents: Table<Document>,
    pub lines_path: String,
    pub lines: Vec<Line>,
    pub places: Table<Place>,
    pub indicators: Table<Indicator>,
    pub excerpts: Table<Excerpt>,
    /// Empty when the optional file is absent.
    pub exceptions: Table<KnownException>,
    /// The census catalogue and tables; `None` when `census/catalogue.csv` is absent (an older
    /// data folder): the atlas then simply has no census figures.
    pub census: Option<ParsedCensus>,
}

/// The census files parsed on their own; joined to the regions after indexing (densities need
/// the regions' areas).
pub(crate) struct ParsedCensus {
    pub catalogue_path: String,
    pub statistics: Vec<super::census::Statistic>,
    pub tables: super::census::Tables,
    /// The county-level cities of all China and the claims checked against the census
    /// (both optional).
    pub china_county_cities: Option<super::census::RawTable>,
    pub cross_checks: Option<super::census::crosscheck::ParsedChecks>,
    /// `unit_notes.csv`: (path, text), when present.
    pub unit_notes: Option<(String, String)>,
}

/// A reader of one CSV file of `rows`: `(text, path shown in errors)` → numbered rows.
type RowParser<T> = fn(&str, &str) -> Result<Vec<(u64, T)>, LoadError>;

/// Reads and parses one CSV file of the data tree with `parser`.
fn table<T>(source: &DataSource, rel: &str, parser: RowParser<T>) -> Result<Table<T>, LoadError> {
    let path = source.display_path(Tree::Data, rel);
    let numbered = parser(&source.read(Tree::Data, rel)?, &path)?;
    Ok(Table::new(path, numbered))
}

pub(crate) fn parse(source: &DataSource) -> Result<Parsed, LoadError> {
    // The topology (a quarter of the load) is decoded beside the tables; a problem is still
    // reported in the order the files were read in before: regions, topology, then the rest.
    let (tables, topology) = crate::par::both(|| parse_tables(source), || parse_topology(source));
    let (regions, rest) = tables?;
    let (topology_path, topology) = topology?;
    let Tables { documents, lines_path, lines, places, indicators, excerpts, exceptions, census } =
        rest?;
    Ok(Parsed {
        regions,
        topology_path,
        topology,
        documents,
        lines_path,
        lines,
        places,
        indicators,
        excerpts,
        exceptions,
        census,
    })
}

/// What [`parse`] reads beside the topology.
struct Tables {
    documents: Table<Document>,
    lines_path: String,
    lines: Vec<Line>,
    places: Table<Place>,
    indicators: Table<Indicator>,
    excerpts: Table<Excerpt>,
    exceptions: Table<KnownException>,
    census: Option<ParsedCensus>,
}

/// `regions.csv`, then the other tables, the documents, the lines and the census. The outer
/// error is `regions.csv`'s, the inner one the first problem of the rest: the caller reports
/// the topology's problems between the two, in the order the files were once read in.
fn parse_tables(
    source: &DataSource,
) -> Result<(Table<Region>, Result<Tables, LoadError>), LoadError> {
    let regions = table(source, files::REGIONS, rows::parse_regions)?;
    if regions.rows.is_empty() {
        // Checked before the topology's problems, so the message blames the file that is wrong.
        return Err(LoadError::line(
            &regions.path,
            1,
            "no rows after the header: the atlas needs at least the province",
        ));
    }
    Ok((regions, parse_other_tables(source)))
}

fn parse_other_tables(source: &DataSource) -> Result<Tables, LoadError> {
    let mut documents = table(source, files::DOCUMENTS, rows::parse_documents)?;
    for d in &mut documents.rows {
        d.text =
            source.read(Tree::Data, &format!("{}/{}", files::DOCUMENT_DIR, d.file))?.into_owned();
    }
    let lines_path = source.display_path(Tree::Data, files::LINES);
    let lines = rows::parse_lines(&source.read(Tree::Data, files::LINES)?, &lines_path)?;
    let exceptions = if source.exists(Tree::Data, files::EXCEPTIONS) {
        table(source, files::EXCEPTIONS, rows::parse_exceptions)?
    } else {
        Table::new(source.display_path(Tree::Data, files::EXCEPTIONS), Vec::new())
    };
    Ok(Tables {
        documents,
        lines_path,
        lines,
        places: table(source, files::PLACES, rows::parse_places)?,
        indicators: table(source, files::INDICATORS, rows::parse_indicators)?,
        excerpts: table(source, files::EXCERPTS, rows::parse_excerpts)?,
        exceptions,
        census: parse_census(source)?,
    })
}

/// The census catalogue and its three tables, if the catalogue is there.
fn parse_census(source: &DataSource) -> Result<Option<ParsedCensus>, LoadError> {
    use super::census::{catalogue, tables, RawTable, TableId, Tables};
    if !source.exists(Tree::Data, tables::files::CATALOGUE) {
        return Ok(None);
    }
    let catalogue_path = source.display_path(Tree::Data, tables::files::CATALOGUE);
    let statistics = catalogue::parse_catalogue(
        &source.read(Tree::Data, tables::files::CATALOGUE)?,
        &catalogue_path,
    )?;
    let read = |id: TableId| -> Result<RawTable, LoadError> {
        let (rel, code, name) = tables::layout(id);
        let path = source.display_path(Tree::Data, rel);
        RawTable::parse(&source.read(Tree::Data, rel)?, &path, code, name)
    };
    let tables = Tables {
        c2020: read(TableId::C2020)?,
        c2010: read(TableId::C2010)?,
        city: read(TableId::City)?,
    };
    let china_county_cities = if source.exists(Tree::Data, tables::files::CHINA_COUNTY_CITIES) {
        let path = source.display_path(Tree::Data, tables::files::CHINA_COUNTY_CITIES);
        Some(RawTable::parse(
            &source.read(Tree::Data, tables::files::CHINA_COUNTY_CITIES)?,
            &path,
            "区划代码",
            "区县",
        )?)
    } else {
        None
    };
    let cross_checks = if source.exists(Tree::Data, super::census::crosscheck::FILE) {
        let path = source.display_path(Tree::Data, super::census::crosscheck::FILE);
        Some(super::census::crosscheck::parse(
            &source.read(Tree::Data, super::census::crosscheck::FILE)?,
            &path,
        )?)
    } else {
        None
    };
    let unit_notes = if source.exists(Tree::Data, tables::files::UNIT_NOTES) {
        Some((
            source.display_path(Tree::Data, tables::files::UNIT_NOTES),
            source.read(Tree::Data, tables::files::UNIT_NOTES)?.into_owned(),
        ))
    } else {
        None
    };
    Ok(Some(ParsedCensus {
        catalogue_path,
        statistics,
        tables,
        china_county_cities,
        cross_checks,
        unit_notes,
    }))
}

/// `regions.topo.json` decoded; a broken shape is named by its index and code.
fn parse_topology(source: &DataSource) -> Result<(String, Topology), LoadError> {
    let path = source.display_path(Tree::Assets, files::TOPOLOGY);
    let text = source.read(Tree::Assets, files::TOPOLOGY)?;
    // The binary form made from this very JSON, when it is beside it (`geo::topology_bin`).
    if let Some(bin) = source.read_bytes(Tree::Assets, files::TOPOLOGY_BIN) {
        match crate::geo::topology_bin::decode(&bin, text.as_bytes()) {
            Ok(topology) => return Ok((path, topology)),
            Err(e) => log::debug!(
                "{}: not used ({e}); reading the JSON",
                source.display_path(Tree::Assets, files::TOPOLOGY_BIN)
            ),
        }
    }
    let file: TopologyFile = serde_json::from_str(&text).map_err(|e| LoadError::json(&path, &e))?;
    check_topology_polygons(&file, &path)?;
    let shape_codes: Vec<String> = file.shapes.iter().map(|s| s.code.clone()).collect();
    let topology = Topology::from_file(file).map_err(|e| match e {
        TopologyError::Shape { code, problem } => {
            let index = shape_codes.iter().position(|c| *c == code).unwrap_or(0);
            LoadError::feature(&path, index, Some(code), problem)
        }
        other => LoadError::file(&path, other.to_string()),
    })?;
    Ok((path, topology))
}

/// Every polygon of every shape has an exterior ring. The topology accepts a polygon with no
/// rings (`[[]]`), and such a shape only shows up later as a tiling defect blamed on
/// `regions.csv`: name the shape here instead.
fn check_topology_polygons(file: &TopologyFile, path: &str) -> Result<(), LoadError> {
    for (index, shape) in file.shapes.iter().enumerate() {
        if let Some(p) = shape.polygons.iter().position(|rings| rings.is_empty()) {
            return Err(LoadError::feature(
                path,
                index,
                Some(shape.code.clone()),
                format!("polygon {p} has no rings"),
            ));
        }
    }
    Ok(())
}

/// The keys every join resolves through.
#[derive(Default)]
pub(crate) struct Keys {
    /// Region codes and alias codes.
    pub by_code: HashMap<String, RegionIdx>,
    pub place_by_id: HashMap<String, usize>,
    pub line_by_id: HashMap<String, usize>,
    pub document_by_file: HashMap<String, usize>,
}

impl Keys {
    /// A subject of an indicator or excerpt: a region code, a place id or a line id.
    fn subject_exists(&self, s: &str) -> bool {
        self.by_code.contains_key(s)
            || self.place_by_id.contains_key(s)
            || self.line_by_id.contains_key(s)
    }
}

/// Step 2's result: the parsed files with parents and shapes resolved, and the keys.
pub(crate) struct Checked {
    pub parsed: Parsed,
    pub keys: Keys,
    pub children: Vec<Vec<RegionIdx>>,
    /// Whitespace-normalised text of each document (verbatim checks, linking).
    pub documents_normalised: Vec<String>,
}

pub(crate) fn cross_check(mut parsed: Parsed) -> Result<Checked, LoadError> {
    let mut keys = Keys { by_code: region_codes(&parsed.regions)?, ..Keys::default() };
    let children = link_parents(&mut parsed.regions, &keys.by_code)?;
    attach_shapes(&mut parsed.regions, &parsed.topology, &parsed.topology_path, &keys.by_code)?;
    keys.document_by_file = document_files(&parsed.documents)?;
    keys.line_by_id = line_ids(&parsed.lines, &parsed.lines_path)?;
    keys.place_by_id = check_places(&parsed.places, &keys)?;
    check_line_places(&parsed.lines, &parsed.lines_path, &keys)?;
    let documents_normalised: Vec<String> =
        parsed.documents.rows.iter().map(|d| normalise_whitespace(&d.text)).collect();
    let verbatim = Verbatim { keys: &keys, normalised: &documents_normalised };
    check_indicators(&parsed.indicators, &verbatim)?;
    check_excerpts(&parsed.excerpts, &verbatim)?;
    check_exceptions(&parsed.exceptions, &keys)?;
    Ok(Checked { parsed, keys, children, documents_normalised })
}

/// Every code and alias code names one region.
fn region_codes(regions: &Table<Region>) -> Result<HashMap<String, RegionIdx>, LoadError> {
    let mut by_code = HashMap::with_capacity(regions.rows.len() * 2);
    for (idx, r) in regions.rows.iter().enumerate() {
        for code in std::iter::once(&r.code).chain(&r.alias_codes) {
            if let Some(&other) = by_code.get(code) {
                let other: &Region = &regions.rows[other];
                return Err(regions.error(
                    idx,
                    format!("code {code} is already used by {} {}", other.code, other.name_zh),
                ));
            }
            by_code.insert(code.clone(), idx);
        }
    }
    Ok(by_code)
}

/// Resolves each `parent_code` (which must be of a coarser level); returns the children lists.
fn link_parents(
    regions: &mut Table<Region>,
    by_code: &HashMap<String, RegionIdx>,
) -> Result<Vec<Vec<RegionIdx>>, LoadError> {
    let mut children = vec![Vec::new(); regions.rows.len()];
    for idx in 0..regions.rows.len() {
        let r = &regions.rows[idx];
        let Some(p) = &r.parent_code else {
            if r.level != Level::Province {
                return Err(regions.error(idx, format!("a {} needs a parent_code", r.level)));
            }
            continue;
        };
        let Some(&parent) = by_code.get(p) else {
            return Err(regions.error(idx, format!("unknown parent_code {p}")));
        };
        let parent_level = regions.rows[parent].level;
        if parent_level >= r.level {
            return Err(regions.error(
                idx,
                format!("parent {p} is a {parent_level}, not coarser than this {}", r.level),
            ));
        }
        regions.rows[idx].parent = Some(parent);
        children[parent].push(idx);
    }
    Ok(children)
}

/// Each topology shape belongs to one region with geometry, by its primary code, and each region
/// with geometry has a shape.
fn attach_shapes(
    regions: &mut Table<Region>,
    topology: &Topology,
    topo_path: &str,
    by_code: &HashMap<String, RegionIdx>,
) -> Result<(), LoadError> {
    for (shape_idx, shape) in topology.shapes.iter().enumerate() {
        let fail = |problem: &str| {
            LoadError::feature(topo_path, shape_idx, Some(shape.code.clone()), problem)
        };
        let Some(&idx) = by_code.get(&shape.code) else {
            return Err(fail("no region has this code"));
        };
        let region = &regions.rows[idx];
        if region.code != shape.code {
            return Err(fail("shape uses an alias code"));
        }
        if region.shape.is_some() {
            return Err(fail("second shape for this code"));
        }
        if region.geometry == GeometryKind::None {
            return Err(regions.error(
                idx,
                format!("{} has geometry \"none\" but a shape in {}", shape.code, files::TOPOLOGY),
            ));
        }
        regions.rows[idx].shape = Some(shape_idx);
    }
    // Usually the topology lost a shape (the rows say what every region is): name it first,
    // with the row that expects the shape.
    match regions.rows.iter().position(|r| r.geometry != GeometryKind::None && r.shape.is_none()) {
        Some(idx) => {
            let r = &regions.rows[idx];
            Err(LoadError::file(
                topo_path,
                format!(
                    "no shape for {} {} ({}:{} says geometry {:?})",
                    r.code,
                    r.name_zh,
                    regions.path,
                    regions.lines[idx],
                    r.geometry.as_str()
                ),
            ))
        }
        None => Ok(()),
    }
}

fn document_files(documents: &Table<Document>) -> Result<HashMap<String, usize>, LoadError> {
    let mut by_file = HashMap::new();
    for (i, d) in documents.rows.iter().enumerate() {
        if by_file.insert(d.file.clone(), i).is_some() {
            return Err(documents.error(i, format!("document {} listed twice", d.file)));
        }
    }
    Ok(by_file)
}

fn line_ids(lines: &[Line], path: &str) -> Result<HashMap<String, usize>, LoadError> {
    let mut by_id = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if by_id.insert(l.id.clone(), i).is_some() {
            return Err(LoadError::feature(path, i, Some(l.id.clone()), "id used twice"));
        }
    }
    Ok(by_id)
}

/// Place ids are unique (also against line ids) and their codes and line ids exist.
fn check_places(places: &Table<Place>, keys: &Keys) -> Result<HashMap<String, usize>, LoadError> {
    let mut by_id = HashMap::new();
    for (i, p) in places.rows.iter().enumerate() {
        if keys.line_by_id.contains_key(&p.id) || by_id.insert(p.id.clone(), i).is_some() {
            return Err(places.error(i, format!("id {} used twice", p.id)));
        }
        if !keys.by_code.contains_key(&p.region_code) {
            return Err(places.error(i, format!("unknown region_code {:?}", p.region_code)));
        }
        if let Some(rep) = p.represents.as_ref().filter(|rep| !keys.by_code.contains_key(*rep)) {
            return Err(places.error(i, format!("unknown represents code {rep:?}")));
        }
        if let Some(l) = p.line_ids.iter().find(|l| !keys.line_by_id.contains_key(*l)) {
            return Err(places.error(i, format!("unknown line id {l:?} in line_ids")));
        }
    }
    Ok(by_id)
}

fn check_line_places(lines: &[Line], path: &str, keys: &Keys) -> Result<(), LoadError> {
    for (i, l) in lines.iter().enumerate() {
        if let Some(pid) = l.place_id.as_ref().filter(|pid| !keys.place_by_id.contains_key(*pid)) {
            return Err(LoadError::feature(
                path,
                i,
                Some(l.id.clone()),
                format!("unknown place_id {pid:?}"),
            ));
        }
    }
    Ok(())
}

/// Checks that a quoted text occurs in its document.
struct Verbatim<'a> {
    keys: &'a Keys,
    normalised: &'a [String],
}

impl Verbatim<'_> {
    fn check(&self, file: &str, text: &str) -> Result<(), String> {
        let Some(&d) = self.keys.document_by_file.get(file) else {
            return Err(format!("unknown document {file:?}"));
        };
        if self.normalised[d].contains(text) {
            Ok(())
        } else {
            Err(format!("text not found verbatim in {file}: {:?}", short(text)))
        }
    }
}

fn check_indicators(indicators: &Table<Indicator>, verbatim: &Verbatim) -> Result<(), LoadError> {
    let mut seen = HashSet::new();
    for (i, ind) in indicators.rows.iter().enumerate() {
        if !seen.insert(ind.id.as_str()) {
            return Err(indicators.error(i, format!("id {} used twice", ind.id)));
        }
        if !verbatim.keys.subject_exists(&ind.subject) {
            return Err(indicators.error(i, format!("unknown subject {:?}", ind.subject)));
        }
        verbatim
            .check(&ind.document, &ind.excerpt)
            .map_err(|problem| indicators.error(i, problem))?;
    }
    Ok(())
}

fn check_excerpts(excerpts: &Table<Excerpt>, verbatim: &Verbatim) -> Result<(), LoadError> {
    let mut seen = HashSet::new();
    for (i, ex) in excerpts.rows.iter().enumerate() {
        if !seen.insert(ex.id.as_str()) {
            return Err(excerpts.error(i, format!("id {} used twice", ex.id)));
        }
        if let Some(s) = ex.subjects.iter().find(|s| !verbatim.keys.subject_exists(s)) {
            return Err(excerpts.error(i, format!("unknown subject {s:?}")));
        }
        verbatim.check(&ex.document, &ex.text).map_err(|problem| excerpts.error(i, problem))?;
    }
    Ok(())
}

/// Each exception names a known id, once per check: a second row for the same id and check
/// would make one of two reasons silently unused.
fn check_exceptions(exceptions: &Table<KnownException>, keys: &Keys) -> Result<(), LoadError> {
    let mut first_line: HashMap<(&str, &str), u64> = HashMap::new();
    for (i, e) in exceptions.rows.iter().enumerate() {
        if !keys.subject_exists(&e.id) {
            return Err(exceptions.error(i, format!("unknown id {:?}", e.id)));
        }
        if let Some(first) = first_line.insert((e.id.trim(), e.check.trim()), exceptions.lines[i]) {
            return Err(exceptions.error(
                i,
                format!(
                    "{} {} is listed twice (lines {first} and {})",
                    e.id, e.check, exceptions.lines[i]
                ),
            ));
        }
    }
    Ok(())
}

/// The first words of a long text, for error messages.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
