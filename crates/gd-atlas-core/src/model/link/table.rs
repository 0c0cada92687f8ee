//! The linker's name table and the name matches in one unit of text.
//!
//! Lookups are hash probes of word n-grams (Latin) and character n-grams (Chinese) of bounded
//! length, so matching costs O(text × longest name), never O(sentences × regions).

use std::collections::HashMap;

use crate::model::atlas::Atlas;
use crate::model::names::{is_zh, region_names};
use crate::model::text::word_tokens;
use crate::model::types::{Level, Region, RegionIdx};

/// Latin names shorter than this (letters) are too likely to be ordinary words.
const MIN_LATIN_LEN: usize = 4;
/// Chinese names need at least two characters.
const MIN_ZH_CHARS: usize = 2;

/// English for the generic part of non-town units, longest Chinese first. The data's English
/// names glue these into pinyin ("Zhaoqinggaoxinjishuchanye Development Zone"), which no
/// article writes; articles say "Zhaoqing High-tech Zone".
const GENERIC_EN: &[(&str, &[&str])] = &[
    (
        "高新技术产业开发区",
        &["High-tech Zone", "Hi-tech Zone", "High-tech Industrial Development Zone"],
    ),
    (
        "经济技术开发区",
        &["Economic and Technological Development Zone", "Economic Development Zone"],
    ),
    ("产业转移工业园", &["Industrial Transfer Park"]),
    ("综合保税区", &["Comprehensive Bonded Zone", "Bonded Zone"]),
    ("华侨农场", &["Overseas Chinese Farm"]),
    ("高新区", &["High-tech Zone", "Hi-tech Zone"]),
    ("工业园", &["Industrial Park"]),
    ("开发区", &["Development Zone"]),
    ("林场", &["Forest Farm"]),
    ("农场", &["Farm"]),
    ("监狱", &["Prison"]),
];

/// Where a name comes from: the region's own names, or an alias (data or derived).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameSource {
    Name,
    Alias,
}

#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub region: RegionIdx,
    /// The name as written in the data (shown and highlighted).
    pub written: String,
    pub source: NameSource,
}

pub(crate) struct NameTable {
    /// Space-joined lower-case word tokens → regions with that name.
    latin: HashMap<String, Vec<Entry>>,
    zh: HashMap<String, Vec<Entry>>,
    max_words: usize,
    max_zh_chars: usize,
}

/// One name found in a unit.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub entry: Entry,
    /// How many regions share the matched key.
    pub sharing: usize,
    /// Word tokens of the key (0 for Chinese names).
    pub words: usize,
    /// Token range of a Latin match (empty for Chinese).
    pub tokens: std::ops::Range<usize>,
}

/// `肇庆高新技术产业开发区` with aliases `Zhao Qing Gao Xin …` → `Zhaoqing High-tech Zone`, …
pub(crate) fn derived_aliases(region: &Region) -> Vec<String> {
    let Some((suffix, english)) = GENERIC_EN.iter().find(|(s, _)| region.name_zh.ends_with(s))
    else {
        return Vec::new();
    };
    let prefix_chars = region.name_zh.chars().count() - suffix.chars().count();
    // The spaced pinyin alias has one syllable per leading character of the Chinese name.
    let syllables =
        region.aliases.iter().map(|a| a.split_whitespace().collect::<Vec<_>>()).find(|s| {
            s.len() >= prefix_chars && s.iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        });
    let Some(syllables) = syllables.filter(|_| prefix_chars >= 2) else {
        return Vec::new();
    };
    let joined: String = syllables[..prefix_chars].concat().to_lowercase();
    let mut chars = joined.chars();
    let prefix: String =
        chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    english.iter().map(|e| format!("{prefix} {e}")).collect()
}

impl NameTable {
    pub(crate) fn new(atlas: &Atlas) -> NameTable {
        let mut table = NameTable {
            latin: HashMap::new(),
            zh: HashMap::new(),
            max_words: 1,
            max_zh_chars: MIN_ZH_CHARS,
        };
        for (idx, region) in atlas.regions.iter().enumerate() {
            if region.level == Level::Province {
                continue; // the province is named everywhere; linking it would bury its own excerpts
            }
            // Farms, prisons and parks are named after their town or county ("Foshan Prison"):
            // only their full names refer to them.
            let names = if region.unit_kind == "other_unit" {
                vec![region.name_zh.clone(), region.name_en.clone()]
            } else {
                region_names(region)
            };
            for name in names {
                let source = if region.aliases.contains(&name) {
                    NameSource::Alias
                } else {
                    NameSource::Name
                };
                table.add(idx, name, source);
            }
            for alias in derived_aliases(region) {
                table.add(idx, alias, NameSource::Alias);
            }
        }
        table
    }

    fn add(&mut self, region: RegionIdx, written: String, source: NameSource) {
        let (key, list) = if is_zh(&written) {
            let chars = written.chars().count();
            if chars < MIN_ZH_CHARS {
                return;
            }
            self.max_zh_chars = self.max_zh_chars.max(chars);
            (written.clone(), &mut self.zh)
        } else {
            let tokens = word_tokens(&written);
            let letters: usize = tokens.iter().map(|t| t.chars().count()).sum();
            if tokens.is_empty() || letters < MIN_LATIN_LEN {
                return;
            }
            self.max_words = self.max_words.max(tokens.len());
            (tokens.join(" "), &mut self.latin)
        };
        let list = list.entry(key).or_default();
        // Regions are added in order, so an entry of this region can only be the last one: a
        // name shared by many regions costs O(1) per region, not a scan of the list.
        if list.last().is_none_or(|e| e.region != region) {
            list.push(Entry { region, written, source });
        }
    }

    /// Latin names in `tokens`, longest first at each position; a longer name hides the shorter
    /// ones inside it ("Yunan County" is not also "Yunan").
    pub(crate) fn latin_mentions(&self, tokens: &[String]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            let longest = (1..=self.max_words.min(tokens.len() - start)).rev().find_map(|n| {
                self.latin.get(&tokens[start..start + n].join(" ")).map(|list| (n, list))
            });
            match longest {
                Some((n, list)) => {
                    out.extend(list.iter().map(|e| Mention {
                        entry: e.clone(),
                        sharing: list.len(),
                        words: n,
                        tokens: start..start + n,
                    }));
                    start += n;
                }
                None => start += 1,
            }
        }
        out
    }

    /// Chinese names in `text`, longest first at each character.
    pub(crate) fn zh_mentions(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        let starts: Vec<usize> =
            text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let mut at = 0;
        while at + 1 < starts.len() {
            let max = self.max_zh_chars.min(starts.len() - 1 - at);
            let longest = (MIN_ZH_CHARS..=max)
                .rev()
                .find_map(|n| self.zh.get(&text[starts[at]..starts[at + n]]).map(|l| (n, l)));
            match longest {
                Some((n, list)) => {
                    out.extend(list.iter().map(|e| Mention {
                        entry: e.clone(),
                        sharing: list.len(),
                        words: 0,
                        tokens: 0..0,
                    }));
                    at += n;
                }
                None => at += 1,
            }
        }
        out
    }
}
