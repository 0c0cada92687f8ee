//! Excerpts found for regions in the documents, so a newly added document links itself to the
//! cities, counties and towns it is about — and only to those, with the reason shown.
//!
//! A document is cut into units ([`segment`]): sentences (abbreviation-aware), headings,
//! captions/credits/bylines and blog boilerplate. Captions, credits and boilerplate are never
//! linked: an empty photo credit ("Picture source published by Gaoyao") is no excerpt, and a
//! caption's place is said again by the prose around it (a design choice: the UI then needs no
//! third group). A heading made only of place names ("Gaoyao District-Jinli Town") opens a
//! *section* and is not itself an excerpt; other headings are linked like sentences.
//!
//! A region matches a sentence when one of its names (Chinese, core `高要`, English, pinyin,
//! aliases, and English aliases derived from the Chinese generic part, [`table`]) occurs in it,
//! Latin names as whole words with the longest name winning, Chinese names as substrings. A match
//! inside a larger proper noun — an organisation, "X metropolitan area", a hyphenated compound,
//! "Baitu No. 2 Village" — is not the place ([`context`]). A town, or a name shared by several
//! regions, links only when the document also names one of its ancestors (for a city, the
//! province counts: Shenzhen the city links, 深镇镇 needs its county); a name that is also an
//! ancestor's means the ancestor. Inside a section, a sentence that names no place links to the
//! heading's region as [`LinkKind::BySection`] (so does one naming only the place's ancestors
//! that refers back with "it"/"the town"); the section ends at the next such heading or at the
//! blog footer. A sentence contained in a curated excerpt of the
//! region is skipped (a curated excerpt inside a longer sentence does not suppress it).
//!
//! Cost: O(text × longest name) hash probes per document; nothing loops over regions per
//! sentence.

mod context;
mod segment;
mod table;

use std::collections::{HashMap, HashSet};

use super::atlas::Atlas;
use super::text::has_cjk;
use super::types::{Excerpt, Level, LinkKind, LinkReason, RegionIdx};
use context::Tokens;
pub(crate) use segment::{segment, Unit, UnitKind};
use table::{Mention, NameSource, NameTable};

/// Qualified names of at least this many words ("Zhaoqing High-tech Zone") are specific enough
/// to link a town-level unit without its county named.
const QUALIFIED_WORDS: usize = 3;

/// Place names in one unit, without those inside a larger proper noun.
fn place_mentions(table: &NameTable, text: &str) -> Vec<Mention> {
    let mut tokens = Tokens::new(text);
    let latin = table.latin_mentions(&tokens.lower);
    for m in &latin {
        for i in m.tokens.clone() {
            tokens.covered[i] = true;
        }
    }
    let mut out: Vec<Mention> = latin.into_iter().filter(|m| !tokens.in_larger_name(&m.tokens)).collect();
    if has_cjk(text) {
        out.extend(table.zh_mentions(text));
    }
    out
}

/// The region's parent chain vouches for it in this document. A town needs its own parent (its
/// county, or the city for towns directly under one) named: a city named anywhere would vouch
/// for every homonymous subdistrict in it ("Lingnan", "Dasha" in Guangzhou). A county or city
/// needs any ancestor; the province counts as named for a city, since every document here is
/// about Guangdong and the province is never in the name table (so Shenzhen the city links,
/// while 深镇镇, also "Shenzhen", needs its county).
fn ancestor_named(atlas: &Atlas, idx: RegionIdx, named: &HashSet<RegionIdx>) -> bool {
    let region = &atlas.regions[idx];
    if region.level == Level::Town {
        return region.parent.is_some_and(|p| named.contains(&p));
    }
    let is_city = region.level == Level::City;
    atlas.parent_chain(idx)[1..]
        .iter()
        .any(|&a| if atlas.regions[a].level == Level::Province { is_city } else { named.contains(&a) })
}

/// Words by which a sentence refers back to the place of its section.
fn refers_back(text: &str) -> bool {
    let words = crate::model::text::word_tokens(text);
    words.iter().any(|w| w == "it" || w == "its")
        || words.windows(2).any(|p| matches!(p[0].as_str(), "the" | "this") && matches!(p[1].as_str(), "town" | "township"))
}

/// A sentence under a section heading belongs to the section's place when it names no place,
/// or names only the place's ancestors and refers back to it ("It has the Zhaoqing (Sihui) …
/// Park"). A sentence naming another place is about that place. Only accepted mentions count:
/// "Chengbei Road" in the Jinli section is no 城北 (none of their counties is named).
fn in_section(atlas: &Atlas, place: RegionIdx, text: &str, mentions: &[Mention]) -> bool {
    if mentions.is_empty() {
        return true;
    }
    let chain = atlas.parent_chain(place);
    mentions.iter().all(|m| chain[1..].contains(&m.entry.region)) && refers_back(text)
}

/// The key of the text match a mention comes from: one match shared by several regions gives
/// several mentions with the same key.
fn match_key(m: &Mention) -> (usize, usize, &str) {
    if m.words > 0 {
        (m.tokens.start, m.tokens.end, "")
    } else {
        (0, 0, m.entry.written.as_str())
    }
}

/// The mentions that refer to their region, one per region. Linear in the mentions: a name
/// shared by thousands of regions (a scaled or village-level `regions.csv`) gives thousands of
/// mentions of one match, and a pairwise check of them was quadratic.
fn accepted(atlas: &Atlas, mentions: &[Mention], named: &HashSet<RegionIdx>) -> Vec<Mention> {
    let mut regions_of_match: HashMap<(usize, usize, &str), HashSet<RegionIdx>> = HashMap::new();
    for m in mentions {
        regions_of_match.entry(match_key(m)).or_default().insert(m.entry.region);
    }
    let mut seen: HashSet<RegionIdx> = HashSet::new();
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        let idx = m.entry.region;
        if seen.contains(&idx) {
            continue;
        }
        // A name that also names an ancestor (Puning the county, 普宁产业转移工业园 under it)
        // means the ancestor.
        let same_match = &regions_of_match[&match_key(m)];
        if atlas.parent_chain(idx)[1..].iter().any(|a| same_match.contains(a)) {
            continue;
        }
        // Towns are small and their names collide with people and places elsewhere ("Li Xi",
        // "Beijing"); shared names are ambiguous: both need an ancestor named in the document.
        let is_town = atlas.regions[idx].level == Level::Town;
        let qualified = m.sharing == 1 && m.words >= QUALIFIED_WORDS;
        if (is_town || m.sharing > 1) && !qualified && !ancestor_named(atlas, idx, named) {
            continue;
        }
        seen.insert(idx);
        out.push(m.clone());
    }
    out
}

/// The region a heading names when the heading is nothing but place names (the deepest one:
/// "Gaoyao District-Jinli Town" → Jinli).
fn section_place(atlas: &Atlas, heading: &str, accepted: &[Mention]) -> Option<RegionIdx> {
    let tokens = Tokens::new(heading);
    if tokens.lower.is_empty() || has_cjk(heading) {
        return None;
    }
    let all_named = (0..tokens.lower.len()).all(|i| accepted.iter().any(|m| m.tokens.contains(&i)));
    let deepest = accepted.iter().map(|m| atlas.regions[m.entry.region].level).max()?;
    let mut at_deepest = accepted.iter().filter(|m| atlas.regions[m.entry.region].level == deepest);
    let first = at_deepest.next()?.entry.region;
    (all_named && at_deepest.all(|m| m.entry.region == first)).then_some(first)
}

/// One document's units with the place mentions that refer to their region.
struct DocLinks {
    units: Vec<Unit>,
    accepted: Vec<Vec<Mention>>,
}

fn doc_links(atlas: &Atlas, table: &NameTable, raw: &str) -> DocLinks {
    let units = segment(raw);
    let mentions: Vec<Vec<Mention>> = units
        .iter()
        .map(|u| match u.kind {
            UnitKind::Sentence | UnitKind::Heading => place_mentions(table, &u.text),
            UnitKind::Caption | UnitKind::Boilerplate => Vec::new(),
        })
        .collect();
    // Regions named anywhere in the article (captions and footers excluded) vouch for their
    // descendants.
    let named: HashSet<RegionIdx> = mentions.iter().flatten().map(|m| m.entry.region).collect();
    let accepted = mentions.iter().map(|m| accepted(atlas, m, &named)).collect();
    DocLinks { units, accepted }
}

/// The curated excerpts of one document by subject key (region code, alias code or the id of a
/// place that represents a region), so checking a sentence against them costs the few excerpts
/// of its region, not every excerpt of the atlas.
#[derive(Default)]
struct Curated<'a> {
    by_subject: HashMap<&'a str, Vec<&'a Excerpt>>,
}

impl<'a> Curated<'a> {
    /// Every curated excerpt of the atlas, by document then subject: one pass over the excerpts.
    fn by_document(atlas: &'a Atlas) -> HashMap<&'a str, Curated<'a>> {
        let mut out: HashMap<&str, Curated> = HashMap::new();
        for e in atlas.excerpts.iter().filter(|e| e.link == LinkKind::Curated) {
            let doc = out.entry(e.document.as_str()).or_default();
            for s in &e.subjects {
                doc.by_subject.entry(s.as_str()).or_default().push(e);
            }
        }
        out
    }
}

/// The places that represent each region (by region code), so a region's subject keys are
/// found without a scan of every place.
fn representing_places(atlas: &Atlas) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in &atlas.places {
        if let Some(rep) = &p.represents {
            out.entry(rep.as_str()).or_default().push(p.id.as_str());
        }
    }
    out
}

/// What one linking run builds once and shares between documents.
struct Shared<'a> {
    table: NameTable,
    curated: HashMap<&'a str, Curated<'a>>,
    represented_by: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Shared<'a> {
    fn new(atlas: &'a Atlas) -> Shared<'a> {
        Shared { table: NameTable::new(atlas), curated: Curated::by_document(atlas), represented_by: representing_places(atlas) }
    }
}

/// Builds the automatic excerpts of one document.
struct Linker<'a> {
    atlas: &'a Atlas,
    shared: &'a Shared<'a>,
    /// The curated excerpts of this document.
    curated: Option<&'a Curated<'a>>,
    file: &'a str,
    stem: &'a str,
    out: Vec<Excerpt>,
}

impl Linker<'_> {
    /// The sentence is already a curated excerpt of the region (or part of one). The region's
    /// keys are those of `Atlas::subject_keys`: its code, its alias codes and the places that
    /// represent one of them.
    fn curated(&self, idx: RegionIdx, sentence: &str) -> bool {
        let Some(curated) = self.curated else { return false };
        let r = &self.atlas.regions[idx];
        let own = std::iter::once(&r.code).chain(&r.alias_codes).map(String::as_str);
        let places = own.clone().flat_map(|c| self.shared.represented_by.get(c).into_iter().flatten().copied());
        own.chain(places)
            .filter_map(|key| curated.by_subject.get(key))
            .flatten()
            .any(|e| e.text.contains(sentence))
    }

    fn push(&mut self, unit_idx: usize, idx: RegionIdx, text: &str, link: LinkKind, reason: LinkReason) {
        if self.curated(idx, text) {
            return;
        }
        let code = self.atlas.regions[idx].code.clone();
        let (prefix, matched_name) = match &reason {
            LinkReason::Name(n) | LinkReason::Alias(n) => ("name", Some(n.clone())),
            LinkReason::SectionHeading(_) => ("section", None),
        };
        self.out.push(Excerpt {
            id: format!("{prefix}-{}-{unit_idx}-{code}", self.stem),
            subjects: vec![code],
            document: self.file.to_string(),
            text: text.to_string(),
            link,
            matched_name,
            reason: Some(reason),
        });
    }

    fn link_document(&mut self, doc: &DocLinks) {
        let mut section: Option<(RegionIdx, String)> = None;
        for (i, unit) in doc.units.iter().enumerate() {
            match unit.kind {
                UnitKind::Boilerplate => section = None,
                UnitKind::Caption => {}
                UnitKind::Heading => match section_place(self.atlas, &unit.text, &doc.accepted[i]) {
                    Some(place) => section = Some((place, unit.text.clone())),
                    // A heading that is more than place names ("These four towns in Zhaoqing
                    // City") is a short excerpt of its own.
                    None => self.link_by_name(i, unit, &doc.accepted[i]),
                },
                UnitKind::Sentence => {
                    self.link_by_name(i, unit, &doc.accepted[i]);
                    if let Some((place, heading)) = &section {
                        if in_section(self.atlas, *place, &unit.text, &doc.accepted[i]) {
                            self.push(i, *place, &unit.text, LinkKind::BySection, LinkReason::SectionHeading(heading.clone()));
                        }
                    }
                }
            }
        }
    }

    fn link_by_name(&mut self, unit_idx: usize, unit: &Unit, accepted: &[Mention]) {
        for m in accepted {
            let reason = match m.entry.source {
                NameSource::Name => LinkReason::Name(m.entry.written.clone()),
                NameSource::Alias => LinkReason::Alias(m.entry.written.clone()),
            };
            self.push(unit_idx, m.entry.region, &unit.text, LinkKind::ByName, reason);
        }
    }
}

fn link_one<'a>(atlas: &'a Atlas, shared: &'a Shared<'a>, file: &'a str, raw: &str) -> Vec<Excerpt> {
    let links = doc_links(atlas, &shared.table, raw);
    let stem = file.split('_').next().unwrap_or(file);
    let curated = shared.curated.get(file);
    let mut linker = Linker { atlas, shared, curated, file, stem, out: Vec::new() };
    linker.link_document(&links);
    linker.out
}

/// Every automatic excerpt (by name and by section) of the atlas's documents. Linear in the
/// documents' text and the data: the name table, the curated excerpts and the representing
/// places are indexed once, then each unit of text costs hash probes.
pub(crate) fn excerpts_by_name(atlas: &Atlas) -> Vec<Excerpt> {
    let shared = Shared::new(atlas);
    atlas.documents.iter().flat_map(|doc| link_one(atlas, &shared, &doc.file, &doc.text)).collect()
}

impl Atlas {
    /// The automatic excerpts a document with this text would get, as if it were `file` (for a
    /// document about to be added, and for the linker's tests). Builds the name table: call
    /// once per document, not per sentence.
    pub fn links_in_text(&self, file: &str, raw: &str) -> Vec<Excerpt> {
        link_one(self, &Shared::new(self), file, raw)
    }
}
