//! Excerpts found for regions in the documents, so a newly added document links itself to the
//! cities, counties and towns it is about — and only to those, with the reason shown and with
//! whether the sentence is *about* the place or only *mentions* it ([`relevance`]).
//!
//! A document is cut into units ([`segment`]): sentences (abbreviation-aware), headings, photo
//! captions, credits, the title and blog boilerplate. Credits, the title (already shown as every
//! excerpt's source; its repeats and teasers too) and boilerplate are never linked. A caption is
//! linked by name: it says what its photo shows. A heading made only of place names ("Gaoyao
//! District-Jinli Town") opens a *section* and is linked to its deepest place (its other places
//! locate it); a heading that is a full clause is linked by name like a sentence; any other
//! heading — a fragment such as "These four towns in Zhaoqing City" — is never linked. A unit
//! repeated in the page is linked once.
//!
//! A region matches a sentence when one of its names (Chinese, core `高要`, English, pinyin,
//! aliases, and English aliases derived from the Chinese generic part, [`table`]) occurs in it,
//! Latin names as whole words with the longest name winning, Chinese names as substrings. A match
//! inside a larger proper noun — an organisation on either side of the name, "X metropolitan
//! area", a hyphenated compound, "Baitu No. 2 Village" — is not the place ([`context`]). A town,
//! or a name shared by several regions, links only when the document also names one of its
//! ancestors (for a city, the province counts: Shenzhen the city links, 深镇镇 needs its county)
//! or lies in the document's focus (the places it names most: "Dasha Town" in an interview about
//! Zhaoqing is Sihui's); a name that is also an ancestor's means the ancestor. Inside a section,
//! a sentence that names no place links to the heading's region as [`LinkKind::BySection`] (so
//! does one naming only the place's ancestors that refers back with "it"/"the town"); the section
//! ends at the next such heading or at the blog footer. Outside a section, a sentence that names
//! only larger units of the place its paragraph's last subject was ("The total industrial output
//! value of the town ranks first … in Zhaoqing" after "… Jinli Provincial High-tech Zone
//! promotes …") links to that place as [`LinkKind::ByParagraph`]. A sentence contained in a
//! curated excerpt of the region is skipped (a curated excerpt inside a longer sentence does not
//! suppress it); the rules' verdict on it judges the curated excerpt instead: chosen by hand, it
//! stays about its place unless the place is only mentioned in passing there.
//!
//! Cost: O(text × longest name) hash probes per document; nothing loops over regions per
//! sentence.

mod clause;
mod context;
mod relevance;
mod segment;
mod table;

use std::collections::{HashMap, HashSet};

use super::atlas::Atlas;
use super::text::has_cjk;
use super::types::{Excerpt, Level, LinkKind, LinkReason, RegionIdx, Relevance, RelevanceRule};
use context::Tokens;
use relevance::{Focus, Judge, UnitContext};
pub(crate) use segment::{segment, Unit, UnitKind};
use table::{Mention, NameSource, NameTable};

/// Qualified names of at least this many words ("Zhaoqing High-tech Zone") are specific enough
/// to link a town-level unit without its county named.
const QUALIFIED_WORDS: usize = 3;
/// A generic lead-in under a sub-heading ("Target investment in leading industries.") has at
/// most this many words.
const LEAD_IN_WORDS: usize = 8;

/// Place names in one unit, without those inside a larger proper noun.
fn place_mentions(table: &NameTable, text: &str) -> Vec<Mention> {
    let mut tokens = Tokens::new(text);
    let latin = table.latin_mentions(&tokens.lower);
    for m in &latin {
        for i in m.tokens.clone() {
            tokens.covered[i] = true;
        }
    }
    let mut out: Vec<Mention> =
        latin.into_iter().filter(|m| !tokens.in_larger_name(&m.tokens)).collect();
    if has_cjk(text) {
        out.extend(table.zh_mentions(text));
    }
    out
}

/// The region's parent chain vouches for it in this document. A town needs its own parent (its
/// county, or the city for towns directly under one) named, or to lie in the document's focus:
/// a city named anywhere would vouch for every homonymous subdistrict in it ("Lingnan", "Dasha"
/// in Guangzhou), the city the document is about vouches for its towns ("Jinli Town, Dasha Town,
/// Xiashuai Township and Shapu Town" in an interview with Zhaoqing's mayor). A county or city
/// needs any ancestor; the province counts as named for a city, since every document here is
/// about Guangdong and the province is never in the name table (so Shenzhen the city links,
/// while 深镇镇, also "Shenzhen", needs its county).
fn ancestor_named(
    atlas: &Atlas,
    idx: RegionIdx,
    named: &HashSet<RegionIdx>,
    focus: &Focus,
) -> bool {
    let region = &atlas.regions[idx];
    let chain = atlas.parent_chain(idx);
    if chain[1..].iter().any(|a| focus.regions.contains(a)) {
        return true;
    }
    if region.level == Level::Town {
        return region.parent.is_some_and(|p| named.contains(&p));
    }
    let is_city = region.level == Level::City;
    chain[1..].iter().any(|&a| {
        if atlas.regions[a].level == Level::Province {
            is_city
        } else {
            named.contains(&a)
        }
    })
}

/// Words by which a sentence refers back to the place of its section.
fn refers_back(text: &str) -> bool {
    let words = crate::model::text::word_tokens(text);
    words.iter().any(|w| w == "it" || w == "its")
        || words.windows(2).any(|p| {
            matches!(p[0].as_str(), "the" | "this") && matches!(p[1].as_str(), "town" | "township")
        })
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

/// The mentions that refer to their region (a region named twice keeps both: the relevance rules
/// read each). Linear in the mentions: a name shared by thousands of regions (a scaled or
/// village-level `regions.csv`) gives thousands of mentions of one match, and a pairwise check of
/// them was quadratic.
fn accepted(
    atlas: &Atlas,
    mentions: &[Mention],
    named: &HashSet<RegionIdx>,
    focus: &Focus,
) -> Vec<Mention> {
    let mut regions_of_match: HashMap<(usize, usize, &str), HashSet<RegionIdx>> = HashMap::new();
    for m in mentions {
        regions_of_match.entry(match_key(m)).or_default().insert(m.entry.region);
    }
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        let idx = m.entry.region;
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
        if (is_town || m.sharing > 1) && !qualified && !ancestor_named(atlas, idx, named, focus) {
            continue;
        }
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

/// The unit kinds whose place names are read (credits, titles and boilerplate are not).
fn names_read(kind: UnitKind) -> bool {
    matches!(kind, UnitKind::Sentence | UnitKind::Heading | UnitKind::Caption)
}

/// One document's units with the place mentions that refer to their region, and its focus.
struct DocLinks {
    units: Vec<Unit>,
    accepted: Vec<Vec<Mention>>,
    focus: Focus,
}

fn doc_links(atlas: &Atlas, table: &NameTable, raw: &str, title: Option<&str>) -> DocLinks {
    let units = segment(raw, title);
    let mentions: Vec<Vec<Mention>> = units
        .iter()
        .map(|u| if names_read(u.kind) { place_mentions(table, &u.text) } else { Vec::new() })
        .collect();
    // Regions named anywhere in the article (credits, the title and footers excluded) vouch for
    // their descendants.
    let named: HashSet<RegionIdx> = mentions.iter().flatten().map(|m| m.entry.region).collect();
    // The focus is read from the places named without its help, then vouches for towns in it.
    let no_focus = Focus { regions: Vec::new() };
    let first: Vec<Vec<Mention>> =
        mentions.iter().map(|m| accepted(atlas, m, &named, &no_focus)).collect();
    let prose: Vec<Vec<Mention>> =
        first
            .into_iter()
            .zip(&units)
            .map(|(m, u)| {
                if matches!(u.kind, UnitKind::Sentence | UnitKind::Caption) {
                    m
                } else {
                    Vec::new()
                }
            })
            .collect();
    let focus = Focus::of(&prose);
    let accepted = mentions.iter().map(|m| accepted(atlas, m, &named, &focus)).collect();
    DocLinks { units, accepted, focus }
}

/// A short generic sentence right under a sub-heading, restating it ("Target investment in
/// leading industries."): no number, no name, no quotation.
fn lead_in(text: &str, after_subheading: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    after_subheading
        && words.len() <= LEAD_IN_WORDS
        && !text.chars().any(|c| c.is_ascii_digit() || matches!(c, '"' | '“' | '”'))
        && words[1..].iter().all(|w| !w.chars().next().is_some_and(char::is_uppercase))
}

/// The place a paragraph is about so far: the subject of its last sentence that had a place as
/// subject.
struct Topic {
    para: usize,
    place: RegionIdx,
    sentence: String,
}

/// The curated excerpts of one document by subject key (region code, alias code or the id of a
/// place that represents a region), so checking a sentence against them costs the few excerpts
/// of its region, not every excerpt of the atlas.
#[derive(Default)]
struct Curated<'a> {
    /// The excerpts with their index in `Atlas::excerpts`.
    by_subject: HashMap<&'a str, Vec<(usize, &'a Excerpt)>>,
}

impl<'a> Curated<'a> {
    /// Every curated excerpt of the atlas, by document then subject: one pass over the excerpts.
    fn by_document(atlas: &'a Atlas) -> HashMap<&'a str, Curated<'a>> {
        let mut out: HashMap<&str, Curated> = HashMap::new();
        for (i, e) in atlas.excerpts.iter().enumerate().filter(|(_, e)| e.link == LinkKind::Curated)
        {
            let doc = out.entry(e.document.as_str()).or_default();
            for s in &e.subjects {
                doc.by_subject.entry(s.as_str()).or_default().push((i, e));
            }
        }
        out
    }
}

/// What the rules said of a region in a unit that a curated excerpt of that region holds: the
/// excerpt's index and the rule.
pub(crate) type CuratedVerdict = (usize, RelevanceRule);

/// A curated excerpt's relevance from the rules' verdicts on the units it holds: chosen by hand
/// it stays about its subject, unless every unit names the subject only in passing (the section
/// heading "Gaoyao District-Jinli Town" curated for Gaoyao locates Jinli).
pub(crate) fn judge_curated(excerpts: &mut [Excerpt], verdicts: &[CuratedVerdict]) {
    let mut by_excerpt: HashMap<usize, Vec<&RelevanceRule>> = HashMap::new();
    for (i, rule) in verdicts {
        by_excerpt.entry(*i).or_default().push(rule);
    }
    for (i, rules) in by_excerpt {
        let Some(e) = excerpts.get_mut(i) else { continue };
        if let Some(passing) = rules
            .iter()
            .find(|r| r.relevance() == Relevance::Mentioned)
            .filter(|_| rules.iter().all(|r| r.relevance() == Relevance::Mentioned))
        {
            e.relevance = Relevance::Mentioned;
            e.relevance_rule = (*passing).clone();
        }
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
        Shared {
            table: NameTable::new(atlas),
            curated: Curated::by_document(atlas),
            represented_by: representing_places(atlas),
        }
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
    /// Verdicts on units that curated excerpts hold (see [`judge_curated`]).
    curated_verdicts: Vec<CuratedVerdict>,
}

impl Linker<'_> {
    /// The curated excerpts of the region (indexes in `Atlas::excerpts`) that hold the sentence:
    /// the sentence is already one of them (or part of one). The region's
    /// keys are those of `Atlas::subject_keys`: its code, its alias codes and the places that
    /// represent one of them.
    fn curated(&self, idx: RegionIdx, sentence: &str) -> Vec<usize> {
        let Some(curated) = self.curated else { return Vec::new() };
        let r = &self.atlas.regions[idx];
        let own = std::iter::once(&r.code).chain(&r.alias_codes).map(String::as_str);
        let places = own
            .clone()
            .flat_map(|c| self.shared.represented_by.get(c).into_iter().flatten().copied());
        own.chain(places)
            .filter_map(|key| curated.by_subject.get(key))
            .flatten()
            .filter(|(_, e)| e.text.contains(sentence))
            .map(|&(i, _)| i)
            .collect()
    }

    fn push(
        &mut self,
        unit_idx: usize,
        idx: RegionIdx,
        text: &str,
        link: LinkKind,
        reason: LinkReason,
        rule: RelevanceRule,
    ) {
        let curated = self.curated(idx, text);
        if !curated.is_empty() {
            // The curated excerpt stands for this link; the rule's verdict judges it.
            self.curated_verdicts.extend(curated.into_iter().map(|i| (i, rule.clone())));
            return;
        }
        let code = self.atlas.regions[idx].code.clone();
        let (prefix, matched_name) = match &reason {
            LinkReason::Name(n) | LinkReason::Alias(n) => ("name", Some(n.clone())),
            LinkReason::SectionHeading(_) => ("section", None),
            LinkReason::Paragraph(_) => ("paragraph", None),
        };
        self.out.push(Excerpt {
            id: format!("{prefix}-{}-{unit_idx}-{code}", self.stem),
            subjects: vec![code],
            document: self.file.to_string(),
            text: text.to_string(),
            link,
            matched_name,
            reason: Some(reason),
            relevance: rule.relevance(),
            relevance_rule: rule,
        });
    }

    /// The relevance of each place named in a unit.
    fn verdicts(
        &self,
        doc: &DocLinks,
        text: &str,
        accepted: &[Mention],
        place: Option<RegionIdx>,
        default: RelevanceRule,
    ) -> Vec<(RegionIdx, RelevanceRule)> {
        let ctx = UnitContext { place, default };
        Judge::new(self.atlas, &doc.focus, text, accepted, &ctx).verdicts()
    }

    fn link_document(&mut self, doc: &DocLinks) {
        let mut section: Option<(RegionIdx, String)> = None;
        let mut topic: Option<Topic> = None;
        let mut seen: HashSet<&str> = HashSet::new();
        let mut after_subheading = false;
        for (i, unit) in doc.units.iter().enumerate() {
            let accepted = &doc.accepted[i];
            // A unit repeated in the page (a title's teaser, a paragraph pasted twice) links once.
            let first_time = seen.insert(unit.text.as_str());
            if topic.as_ref().is_some_and(|t| t.para != unit.para) {
                topic = None;
            }
            let section_of_heading = if unit.kind == UnitKind::Heading {
                section_place(self.atlas, &unit.text, accepted)
            } else {
                None
            };
            match unit.kind {
                UnitKind::Boilerplate => {
                    section = None;
                    topic = None;
                }
                UnitKind::Title | UnitKind::Credit => {}
                UnitKind::Caption if first_time => {
                    let verdicts = self.verdicts(
                        doc,
                        &unit.text,
                        accepted,
                        section.as_ref().map(|s| s.0),
                        RelevanceRule::Caption,
                    );
                    self.link_by_name(i, unit, accepted, &verdicts);
                }
                UnitKind::Heading => match section_of_heading {
                    Some(place) => {
                        section = Some((place, unit.text.clone()));
                        topic = None;
                        if first_time {
                            let verdicts = self.verdicts(
                                doc,
                                &unit.text,
                                accepted,
                                None,
                                RelevanceRule::Heading,
                            );
                            self.link_by_name(i, unit, accepted, &verdicts);
                        }
                    }
                    // A heading that says something ("Turn rural development's shortcomings into
                    // Zhaoqing's development potential") is linked like a sentence; a fragment is not.
                    None if unit.clause && first_time => {
                        let verdicts = self.verdicts(
                            doc,
                            &unit.text,
                            accepted,
                            section.as_ref().map(|s| s.0),
                            RelevanceRule::Named,
                        );
                        self.link_by_name(i, unit, accepted, &verdicts);
                    }
                    None => {}
                },
                UnitKind::Sentence if first_time => {
                    self.link_sentence(doc, i, &section, &mut topic, after_subheading)
                }
                UnitKind::Caption | UnitKind::Sentence => {}
            }
            after_subheading = unit.kind == UnitKind::Heading && section_of_heading.is_none();
        }
    }

    /// A sentence: by name, by section, by paragraph; and the paragraph's topic after it.
    fn link_sentence(
        &mut self,
        doc: &DocLinks,
        i: usize,
        section: &Option<(RegionIdx, String)>,
        topic: &mut Option<Topic>,
        after_subheading: bool,
    ) {
        let unit = &doc.units[i];
        let accepted = &doc.accepted[i];
        let section_place = section.as_ref().map(|s| s.0);
        let base = self.verdicts(doc, &unit.text, accepted, section_place, RelevanceRule::Named);
        let subject = base.iter().find(|(_, r)| *r == RelevanceRule::Subject).map(|&(r, _)| r);
        // Naming only larger units of the paragraph's place, without a subject of its own, the
        // sentence goes on about that place.
        let continues = topic.as_ref().filter(|t| {
            subject.is_none()
                && !accepted.is_empty()
                && accepted.iter().all(|m| {
                    m.entry.region != t.place
                        && self.atlas.parent_chain(t.place).contains(&m.entry.region)
                })
        });
        let verdicts = match continues {
            Some(t) => {
                self.verdicts(doc, &unit.text, accepted, Some(t.place), RelevanceRule::Named)
            }
            None => base,
        };
        self.link_by_name(i, unit, accepted, &verdicts);
        let mut by_section = None;
        if let Some((place, heading)) = section {
            if in_section(self.atlas, *place, &unit.text, accepted) {
                let rule = if lead_in(&unit.text, after_subheading) {
                    RelevanceRule::LeadIn
                } else {
                    RelevanceRule::Section
                };
                self.push(
                    i,
                    *place,
                    &unit.text,
                    LinkKind::BySection,
                    LinkReason::SectionHeading(heading.clone()),
                    rule,
                );
                by_section = Some(*place);
            }
        }
        if let Some(t) = continues {
            if by_section != Some(t.place) {
                let (place, reason) = (t.place, LinkReason::Paragraph(t.sentence.clone()));
                self.push(
                    i,
                    place,
                    &unit.text,
                    LinkKind::ByParagraph,
                    reason,
                    RelevanceRule::Paragraph,
                );
            }
        }
        if let Some(place) = subject {
            *topic = Some(Topic { para: unit.para, place, sentence: unit.text.clone() });
        }
    }

    /// One excerpt per place named in the unit, with the rule that judged it.
    fn link_by_name(
        &mut self,
        unit_idx: usize,
        unit: &Unit,
        accepted: &[Mention],
        verdicts: &[(RegionIdx, RelevanceRule)],
    ) {
        let mut first: HashMap<RegionIdx, &Mention> = HashMap::new();
        for m in accepted {
            first.entry(m.entry.region).or_insert(m);
        }
        for (region, rule) in verdicts {
            let Some(m) = first.get(region) else { continue };
            let reason = match m.entry.source {
                NameSource::Name => LinkReason::Name(m.entry.written.clone()),
                NameSource::Alias => LinkReason::Alias(m.entry.written.clone()),
            };
            self.push(unit_idx, *region, &unit.text, LinkKind::ByName, reason, rule.clone());
        }
    }
}

fn link_one<'a>(
    atlas: &'a Atlas,
    shared: &'a Shared<'a>,
    file: &'a str,
    raw: &str,
) -> (Vec<Excerpt>, Vec<CuratedVerdict>) {
    let title = atlas.document(file).map(|d| d.title.as_str()).filter(|t| !t.trim().is_empty());
    let links = doc_links(atlas, &shared.table, raw, title);
    let stem = file.split('_').next().unwrap_or(file);
    let curated = shared.curated.get(file);
    let mut linker = Linker {
        atlas,
        shared,
        curated,
        file,
        stem,
        out: Vec::new(),
        curated_verdicts: Vec::new(),
    };
    linker.link_document(&links);
    (linker.out, linker.curated_verdicts)
}

/// Every automatic excerpt (by name, section and paragraph) of the atlas's documents, and the
/// rules' verdicts on the units curated excerpts hold ([`judge_curated`]). Linear in the
/// documents' text and the data: the name table, the curated excerpts and the representing
/// places are indexed once, then each unit of text costs hash probes.
pub(crate) fn excerpts_by_name(atlas: &Atlas) -> (Vec<Excerpt>, Vec<CuratedVerdict>) {
    let shared = Shared::new(atlas);
    let mut excerpts = Vec::new();
    let mut verdicts = Vec::new();
    for doc in &atlas.documents {
        let (e, v) = link_one(atlas, &shared, &doc.file, &doc.text);
        excerpts.extend(e);
        verdicts.extend(v);
    }
    (excerpts, verdicts)
}

impl Atlas {
    /// The automatic excerpts a document with this text would get, as if it were `file` (for a
    /// document about to be added, and for the linker's tests). Builds the name table: call
    /// once per document, not per sentence.
    pub fn links_in_text(&self, file: &str, raw: &str) -> Vec<Excerpt> {
        link_one(self, &Shared::new(self), file, raw).0
    }
}
