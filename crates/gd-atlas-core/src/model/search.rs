//! Search by name or code over regions, places and lines, ranked so the most literal match comes
//! first: code, exact Chinese, exact English/pinyin, exact alias, the same name typed loosely
//! (without apostrophes, spaces, tone marks or unit words), prefix, then substring.
//!
//! [`Atlas::resolve`] is the one-answer form `info` uses: a name shared by several regions of one
//! level is ambiguous (every candidate is returned), a name shared across levels picks the higher
//! level and names the others, and a qualified form (`四会市大沙镇`, `Dasha, Sihui`) narrows a
//! name by one of its parents.

use super::atlas::Atlas;
use super::names::{en_core, is_zh, zh_core};
use super::types::{Level, Region, RegionIdx, Subject};

/// English unit words dropped when folding a typed name (`Dasha Town` → `dasha`).
const EN_UNIT_WORDS: &[&str] =
    &[" subdistrict", " district", " county", " city", " township", " town"];
/// Unit words typed in pinyin (`bǎo ān qū`), dropped from queries only: in the data the same
/// syllables end real names (坪石 "Ping Shi").
const PINYIN_UNIT_WORDS: &[&str] = &[" qu", " xian", " shi", " zhen", " jiedao", " xiang"];
/// Chinese unit suffixes dropped when folding (`大沙镇` → `大沙`), longest first.
const ZH_UNIT_SUFFIXES: &[&str] = &["街道", "自治县", "区", "县", "市", "镇", "乡"];

/// Ranks of [`SearchEntry::rank`]; everything up to `RANK_FOLDED` is an exact match.
const RANK_CODE: u8 = 0;
const RANK_ZH: u8 = 1;
const RANK_NAME: u8 = 2;
const RANK_ALIAS: u8 = 3;
const RANK_FOLDED: u8 = 4;
const RANK_PREFIX: u8 = 5;
const RANK_CONTAINS: u8 = 6;

pub(crate) struct SearchEntry {
    subject: Subject,
    /// Codes and ids, lower case.
    codes: Vec<String>,
    /// Chinese names as written.
    names_zh: Vec<String>,
    /// Own Latin names (English, its core, pinyin), lower case.
    names_lower: Vec<String>,
    /// Latin aliases, lower case.
    aliases_lower: Vec<String>,
    /// Every name folded by [`fold`].
    folded: Vec<String>,
    /// Tie-break: coarser regions first, then places, then lines.
    kind_rank: u8,
    sort_name: String,
}

/// One result of the search: how well it matched and the subject.
struct Hit<'a> {
    rank: u8,
    kind_rank: u8,
    sort_name: &'a str,
    subject: &'a Subject,
}

/// What a typed name refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    /// One subject; `also` lists the other matches (other levels, or looser matches).
    Found {
        subject: Subject,
        also: Vec<Subject>,
    },
    /// Several subjects of the same level share the name: the caller must ask which.
    Ambiguous(Vec<Subject>),
    NotFound,
}

/// A typed name reduced to what identifies it: lower case, no tone marks, no apostrophes, spaces
/// or hyphens, no unit word (`Bao'an District`, `bǎo ān`, `Baoan` → `baoan`; `大沙镇` → `大沙`).
pub fn fold(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let mut core = lower.as_str();
    if let Some(c) =
        EN_UNIT_WORDS.iter().find_map(|w| core.strip_suffix(w).filter(|c| !c.trim().is_empty()))
    {
        core = c;
    }
    if let Some(c) = ZH_UNIT_SUFFIXES
        .iter()
        .find_map(|s| core.strip_suffix(s).filter(|c| c.chars().count() >= 2))
    {
        core = c;
    }
    core.chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | ' ' | '-' | '·' | '.'))
        .map(plain_letter)
        .collect()
}

/// [`fold`] for what a person typed: also drops a unit word typed in pinyin.
fn fold_query(query: &str) -> String {
    let plain: String = query.trim().to_lowercase().chars().map(plain_letter).collect();
    match PINYIN_UNIT_WORDS
        .iter()
        .find_map(|w| plain.strip_suffix(w).filter(|c| !c.trim().is_empty()))
    {
        Some(core) => fold(core),
        None => fold(&plain),
    }
}

/// The letter without its tone mark (pinyin vowels), ü as u.
fn plain_letter(c: char) -> char {
    match c {
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' | 'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
        _ => c,
    }
}

/// A region's own names (not its aliases): Chinese and its core, English and its core, pinyin.
fn own_names(r: &Region) -> Vec<String> {
    let mut names = vec![r.name_zh.clone(), r.name_en.clone(), r.name_pinyin.clone()];
    names.extend(zh_core(&r.name_zh).map(str::to_string));
    names.extend(en_core(&r.name_en).map(str::to_string));
    names.retain(|n| !n.trim().is_empty());
    names
}

/// Coarser regions first (the tie-break of equal matches and the level rule of [`pick`]).
fn level_rank(level: Level) -> u8 {
    match level {
        Level::Province => 0,
        Level::City => 1,
        Level::County => 2,
        Level::Town => 3,
    }
}

fn entry(
    subject: Subject,
    codes: Vec<String>,
    own: Vec<String>,
    aliases: Vec<String>,
    kind_rank: u8,
    sort_name: &str,
) -> SearchEntry {
    let folded = own.iter().chain(&aliases).map(|n| fold(n)).filter(|f| !f.is_empty()).collect();
    let (names_zh, names_lower): (Vec<String>, Vec<String>) =
        own.into_iter().partition(|n| is_zh(n));
    let (aliases_zh, aliases_lower): (Vec<String>, Vec<String>) =
        aliases.into_iter().partition(|n| is_zh(n));
    SearchEntry {
        subject,
        codes,
        names_zh: names_zh.into_iter().chain(aliases_zh).collect(),
        names_lower: names_lower.into_iter().map(|n| n.to_lowercase()).collect(),
        aliases_lower: aliases_lower.into_iter().map(|n| n.to_lowercase()).collect(),
        folded,
        kind_rank,
        sort_name: sort_name.to_string(),
    }
}

pub(crate) fn build_entries(atlas: &Atlas) -> Vec<SearchEntry> {
    let mut entries =
        Vec::with_capacity(atlas.regions.len() + atlas.places.len() + atlas.lines.len());
    for r in &atlas.regions {
        let codes =
            std::iter::once(&r.code).chain(&r.alias_codes).map(|c| c.to_lowercase()).collect();
        entries.push(entry(
            Subject::Region(r.code.clone()),
            codes,
            own_names(r),
            r.aliases.clone(),
            level_rank(r.level),
            &r.name_en,
        ));
    }
    for p in &atlas.places {
        let names = vec![p.name_zh.clone(), p.name_en.clone()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect();
        entries.push(entry(
            Subject::Place(p.id.clone()),
            vec![p.id.to_lowercase()],
            names,
            Vec::new(),
            4,
            &p.name_en,
        ));
    }
    for l in &atlas.lines {
        let names = vec![l.name_zh.clone(), l.name_en.clone()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect();
        entries.push(entry(
            Subject::Line(l.id.clone()),
            vec![l.id.to_lowercase()],
            names,
            Vec::new(),
            5,
            &l.name_en,
        ));
    }
    entries
}

impl SearchEntry {
    /// The best rank of the query among this entry's names, `None` when nothing matches.
    fn rank(&self, query: &str, query_lower: &str, query_folded: &str) -> Option<u8> {
        if self.codes.iter().any(|c| c == query_lower) {
            return Some(RANK_CODE);
        }
        if self.names_zh.iter().any(|n| n == query) {
            return Some(RANK_ZH);
        }
        if self.names_lower.iter().any(|n| n == query_lower) {
            return Some(RANK_NAME);
        }
        if self.aliases_lower.iter().any(|n| n == query_lower) {
            return Some(RANK_ALIAS);
        }
        if !query_folded.is_empty() && self.folded.iter().any(|n| n == query_folded) {
            return Some(RANK_FOLDED);
        }
        let all = || {
            self.codes
                .iter()
                .chain(&self.names_lower)
                .chain(&self.aliases_lower)
                .map(String::as_str)
                .chain(self.names_zh.iter().map(String::as_str))
        };
        let folded_prefix =
            !query_folded.is_empty() && self.folded.iter().any(|f| f.starts_with(query_folded));
        if all().any(|n| n.starts_with(query_lower) || n.starts_with(query)) || folded_prefix {
            return Some(RANK_PREFIX);
        }
        if all().any(|n| n.contains(query_lower) || n.contains(query)) {
            return Some(RANK_CONTAINS);
        }
        None
    }
}

impl Atlas {
    /// Every matching entry, best first.
    fn ranked(&self, query: &str) -> Vec<Hit<'_>> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let (query_lower, query_folded) = (query.to_lowercase(), fold_query(query));
        let mut hits: Vec<Hit> = self
            .search_entries
            .iter()
            .filter_map(|e| {
                let rank = e.rank(query, &query_lower, &query_folded)?;
                Some(Hit {
                    rank,
                    kind_rank: e.kind_rank,
                    sort_name: &e.sort_name,
                    subject: &e.subject,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            (a.rank, a.kind_rank, a.sort_name).cmp(&(b.rank, b.kind_rank, b.sort_name))
        });
        hits
    }

    /// Subjects matching a name or code, best first. An empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<Subject> {
        self.ranked(query).into_iter().map(|h| h.subject.clone()).collect()
    }

    /// The one subject a typed name or code means, or every candidate when it is ambiguous.
    pub fn resolve(&self, query: &str) -> Resolution {
        let hits = self.ranked(query);
        if let Some(best) = hits.first().map(|h| h.rank).filter(|&r| r <= RANK_FOLDED) {
            let exact: Vec<(u8, Subject)> = hits
                .iter()
                .take_while(|h| h.rank == best)
                .map(|h| (h.kind_rank, h.subject.clone()))
                .collect();
            // Looser exact matches ("Yunan" is 郁南县's name and an alias of 云安区) are named too.
            let looser = hits
                .iter()
                .skip(exact.len())
                .take_while(|h| h.rank <= RANK_FOLDED)
                .map(|h| h.subject.clone());
            return match pick(exact) {
                Resolution::Found { subject, mut also } => {
                    also.extend(looser);
                    Resolution::Found { subject, also }
                }
                other => other,
            };
        }
        let qualified = self.qualified(query);
        if !qualified.is_empty() {
            return pick(qualified);
        }
        match hits.split_first() {
            Some((first, rest)) => Resolution::Found {
                subject: first.subject.clone(),
                also: rest.iter().take(5).map(|h| h.subject.clone()).collect(),
            },
            None => Resolution::NotFound,
        }
    }

    /// Regions whose name matches `query` exactly (loosely typed forms included).
    fn exact_regions(&self, query: &str) -> Vec<RegionIdx> {
        self.ranked(query)
            .into_iter()
            .take_while(|h| h.rank <= RANK_FOLDED)
            .filter_map(|h| match h.subject {
                Subject::Region(code) => self.region_by_code(code),
                _ => None,
            })
            .collect()
    }

    /// A name narrowed by a parent's name: `四会市大沙镇`, `Dasha, Sihui`, `Dasha Sihui`,
    /// `Sihui Dasha` → the regions named like the child part with a parent named like the other.
    fn qualified(&self, query: &str) -> Vec<(u8, Subject)> {
        let mut found: Vec<RegionIdx> = Vec::new();
        for (child, parent) in qualified_splits(query) {
            let parents = self.exact_regions(&parent);
            if parents.is_empty() {
                continue;
            }
            for idx in self.exact_regions(&child) {
                let chain = self.parent_chain(idx);
                if chain[1..].iter().any(|p| parents.contains(p)) && !found.contains(&idx) {
                    found.push(idx);
                }
            }
        }
        found
            .into_iter()
            .map(|i| {
                (level_rank(self.regions[i].level), Subject::Region(self.regions[i].code.clone()))
            })
            .collect()
    }

    /// A search result's label: the name and, for towns and counties, the parent chain up to the
    /// city, so homonyms can be told apart ("Dongchong Town — Nansha District, Guangzhou City").
    pub fn search_label(&self, subject: &Subject, chinese: bool) -> String {
        let pick = |en: &str, zh: &str| {
            if (chinese && !zh.is_empty()) || en.is_empty() {
                zh.to_string()
            } else {
                en.to_string()
            }
        };
        if let (Subject::Place(id), true) = (subject, chinese) {
            if let Some(p) = self.place_by_id(id) {
                return format!(
                    "{} {}",
                    p.name_zh,
                    english_with_chinese_kind(&p.name_en, &p.subkind)
                );
            }
        }
        let Subject::Region(code) = subject else { return self.subject_label(subject) };
        let Some(idx) = self.region_by_code(code) else { return code.clone() };
        let r = &self.regions[idx];
        let parents: Vec<String> = self.parent_chain(idx)[1..]
            .iter()
            .filter(|&&p| self.regions[p].level != Level::Province)
            .map(|&p| pick(&self.regions[p].name_en, &self.regions[p].name_zh))
            .collect();
        let name = pick(&r.name_en, &r.name_zh);
        if parents.is_empty() {
            name
        } else {
            format!("{name} — {}", parents.join(", "))
        }
    }
}

/// The kinds of place a gazetteer name states in brackets after the name
/// ("Puning (county-level city)"): subkind, the English words, their Chinese.
const KIND_GLOSSES: &[(&str, &str, &str)] = &[
    ("county_level_city", "county-level city", "县级市"),
    ("prefecture_city", "prefecture-level city", "地级市"),
];

/// A place's English name for a 中文 list: the name stays as written (it is what an English
/// query matched), but a bracketed kind that repeats the place's subkind is given in Chinese —
/// "Puning (county-level city)" reads "Puning（县级市）". Other brackets (locators, other names)
/// are part of the name and stay.
pub fn english_with_chinese_kind(name_en: &str, subkind: &str) -> String {
    for (kind, en, zh) in KIND_GLOSSES {
        let bracket = format!("({en})");
        if subkind == *kind {
            if let Some(name) = name_en.strip_suffix(bracket.as_str()) {
                return format!("{}（{zh}）", name.trim_end());
            }
        }
    }
    name_en.to_string()
}

/// Candidates of one level win over coarser ones being absent: the coarsest level present is the
/// answer, unless several subjects share it.
fn pick(mut candidates: Vec<(u8, Subject)>) -> Resolution {
    candidates.sort_by_key(|c| c.0);
    let Some(top) = candidates.first().map(|c| c.0) else { return Resolution::NotFound };
    type Ranked = Vec<(u8, Subject)>;
    let (best, others): (Ranked, Ranked) = candidates.into_iter().partition(|c| c.0 == top);
    let mut best: Vec<Subject> = best.into_iter().map(|c| c.1).collect();
    if best.len() > 1 {
        return Resolution::Ambiguous(best);
    }
    Resolution::Found { subject: best.remove(0), also: others.into_iter().map(|c| c.1).collect() }
}

/// (child, parent) readings of a qualified name: Chinese split at every character (parent
/// first), `child, parent` at a comma, and Latin words split at every gap in both orders.
fn qualified_splits(query: &str) -> Vec<(String, String)> {
    let query = query.trim();
    let mut out = Vec::new();
    if let Some((a, b)) = query.split_once([',', '，']) {
        out.push((a.trim().to_string(), b.trim().to_string()));
        out.push((b.trim().to_string(), a.trim().to_string()));
        return out;
    }
    if is_zh(query) && !query.contains(' ') {
        let starts: Vec<usize> = query.char_indices().map(|(i, _)| i).skip(2).collect();
        for i in starts.into_iter().filter(|&i| query[i..].chars().count() >= 2) {
            out.push((query[i..].to_string(), query[..i].to_string()));
        }
        return out;
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    for k in 1..words.len() {
        let (a, b) = (words[..k].join(" "), words[k..].join(" "));
        out.push((a.clone(), b.clone()));
        out.push((b, a));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_marks_spaces_and_unit_words() {
        assert_eq!(fold("Bao'an District"), "baoan");
        assert_eq!(fold("bǎo ān"), "baoan");
        assert_eq!(fold("Baoan"), "baoan");
        assert_eq!(fold("大沙镇"), "大沙");
        assert_eq!(fold("沙面街道"), "沙面");
        assert_eq!(fold("Dasha Town"), "dasha");
        assert_eq!(fold("Town"), "town");
        assert_eq!(fold_query("bǎo ān qū"), "baoan");
        assert_eq!(fold("Ping Shi"), "pingshi");
    }

    #[test]
    fn qualified_forms_split_both_ways() {
        assert!(qualified_splits("四会市大沙镇").contains(&("大沙镇".into(), "四会市".into())));
        assert!(qualified_splits("Dasha, Sihui").contains(&("Dasha".into(), "Sihui".into())));
        let words = qualified_splits("Dasha Sihui");
        assert!(
            words.contains(&("Dasha".into(), "Sihui".into()))
                && words.contains(&("Sihui".into(), "Dasha".into()))
        );
    }
}
