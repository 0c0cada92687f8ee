//! Excerpts found for regions by name, so a newly added document links itself to the cities,
//! counties and towns it mentions.
//!
//! Each document is split into whitespace-normalised sentences. A region matches a sentence when
//! one of its names (Chinese, Chinese core `高要`, English, pinyin `Gaoyao`, aliases `Gao Yao`)
//! occurs in it: Latin names as whole words, Chinese names as substrings. A town, or a name shared
//! by several regions, links only when the same document also names its parent county (or city);
//! a name that is also an ancestor's means the ancestor; sentences that repeat a curated excerpt
//! of the region are skipped.

use std::collections::{HashMap, HashSet};

use super::atlas::Atlas;
use super::names::{is_zh, region_names};
use super::text::{split_sentences, word_tokens};
use super::types::{Excerpt, Level, LinkKind, RegionIdx, Subject};

/// Latin names shorter than this (letters) are too likely to be ordinary words.
const MIN_LATIN_LEN: usize = 4;
/// Chinese names need at least two characters.
const MIN_ZH_CHARS: usize = 2;

/// Name keys of the linkable regions: the name as written, per key.
struct NameTable {
    /// Space-joined lower-case word tokens → (region, name as written).
    latin: HashMap<String, Vec<(RegionIdx, String)>>,
    zh: HashMap<String, Vec<RegionIdx>>,
    max_words: usize,
}

fn name_table(atlas: &Atlas) -> NameTable {
    let mut table = NameTable { latin: HashMap::new(), zh: HashMap::new(), max_words: 1 };
    for (idx, region) in atlas.regions.iter().enumerate() {
        if region.level == Level::Province {
            continue; // the province is named everywhere; linking it would bury its own excerpts
        }
        // Farms, prisons and parks are named after their town or county ("Foshan Prison"): only
        // their full names refer to them.
        let names = if region.unit_kind == "other_unit" {
            vec![region.name_zh.clone(), region.name_en.clone()]
        } else {
            region_names(region)
        };
        for name in names {
            if is_zh(&name) {
                if name.chars().count() >= MIN_ZH_CHARS {
                    let list = table.zh.entry(name).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            } else {
                let tokens = word_tokens(&name);
                let letters: usize = tokens.iter().map(|t| t.chars().count()).sum();
                if tokens.is_empty() || letters < MIN_LATIN_LEN {
                    continue;
                }
                table.max_words = table.max_words.max(tokens.len());
                let list = table.latin.entry(tokens.join(" ")).or_default();
                if !list.iter().any(|(i, _)| *i == idx) {
                    list.push((idx, name));
                }
            }
        }
    }
    table
}

/// Regions named in one sentence: (region, name as written, number of regions sharing the name).
fn matches_in(table: &NameTable, sentence: &str) -> Vec<(RegionIdx, String, usize)> {
    let mut out = Vec::new();
    let tokens = word_tokens(sentence);
    let mut key = String::new();
    for start in 0..tokens.len() {
        key.clear();
        for n in 0..table.max_words.min(tokens.len() - start) {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&tokens[start + n]);
            if let Some(list) = table.latin.get(&key) {
                out.extend(list.iter().map(|(i, name)| (*i, name.clone(), list.len())));
            }
        }
    }
    if is_zh(sentence) {
        for (name, list) in &table.zh {
            if sentence.contains(name.as_str()) {
                out.extend(list.iter().map(|&i| (i, name.clone(), list.len())));
            }
        }
    }
    out
}

pub(crate) fn excerpts_by_name(atlas: &Atlas) -> Vec<Excerpt> {
    let table = name_table(atlas);
    let mut out = Vec::new();
    for (doc_idx, doc) in atlas.documents.iter().enumerate() {
        let sentences = split_sentences(&atlas.documents_normalised[doc_idx]);
        let found: Vec<Vec<(RegionIdx, String, usize)>> = sentences.iter().map(|s| matches_in(&table, s)).collect();
        // Regions named anywhere in the document vouch for their children.
        let named: HashSet<RegionIdx> = found.iter().flatten().map(|(i, _, _)| *i).collect();
        let curated: Vec<&Excerpt> =
            atlas.excerpts.iter().filter(|e| e.link == LinkKind::Curated && e.document == doc.file).collect();
        let stem = doc.file.split('_').next().unwrap_or(&doc.file);
        for (sentence_idx, matches) in found.iter().enumerate() {
            let sentence = sentences[sentence_idx];
            let mut linked: Vec<RegionIdx> = Vec::new();
            for (idx, name, sharing) in matches {
                if linked.contains(idx) {
                    continue;
                }
                // A name that also names an ancestor (Puning the county, 普宁产业转移工业园 under
                // it) means the ancestor.
                let chain = atlas.parent_chain(*idx);
                if matches.iter().any(|(other, other_name, _)| other_name == name && chain[1..].contains(other)) {
                    continue;
                }
                // Towns are small and their names collide with people and places elsewhere
                // ("Li Xi", "Beijing"): they need their county (or city) named in the same
                // document. So does any name shared by several regions.
                let parent_named = chain.get(1).is_some_and(|p| named.contains(p));
                let is_town = atlas.regions[*idx].level == Level::Town;
                if (is_town || *sharing > 1) && !parent_named {
                    continue;
                }
                let region = &atlas.regions[*idx];
                let keys = atlas.subject_keys(&Subject::Region(region.code.clone()));
                let duplicate = curated.iter().any(|e| {
                    e.subjects.iter().any(|s| keys.contains(s)) && (e.text.contains(sentence) || sentence.contains(e.text.as_str()))
                });
                if duplicate {
                    continue;
                }
                linked.push(*idx);
                out.push(Excerpt {
                    id: format!("name-{stem}-{sentence_idx}-{}", region.code),
                    subjects: vec![region.code.clone()],
                    document: doc.file.clone(),
                    text: sentence.to_string(),
                    link: LinkKind::ByName,
                    matched_name: Some(name.clone()),
                });
            }
        }
    }
    out
}
