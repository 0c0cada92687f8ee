//! Search by name or code over regions, places and lines, ranked so the most literal match comes
//! first: code, exact Chinese, exact English/pinyin/alias (any case), prefix, then substring.

use super::atlas::Atlas;
use super::names::{is_zh, region_names};
use super::types::{Level, Subject};

pub(crate) struct SearchEntry {
    subject: Subject,
    /// Codes and ids, lower case.
    codes: Vec<String>,
    /// Chinese names as written.
    names_zh: Vec<String>,
    /// Other names, lower case.
    names_lower: Vec<String>,
    /// Tie-break: coarser regions first, then places, then lines.
    kind_rank: u8,
    sort_name: String,
}

pub(crate) fn build_entries(atlas: &Atlas) -> Vec<SearchEntry> {
    let mut entries = Vec::with_capacity(atlas.regions.len() + atlas.places.len() + atlas.lines.len());
    let split = |names: Vec<String>| -> (Vec<String>, Vec<String>) {
        let (zh, other): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| is_zh(n));
        (zh, other.into_iter().map(|n| n.to_lowercase()).collect())
    };
    for r in &atlas.regions {
        let (names_zh, names_lower) = split(region_names(r));
        let codes = std::iter::once(&r.code).chain(&r.alias_codes).map(|c| c.to_lowercase()).collect();
        let kind_rank = match r.level {
            Level::Province => 0,
            Level::City => 1,
            Level::County => 2,
            Level::Town => 3,
        };
        entries.push(SearchEntry { subject: Subject::Region(r.code.clone()), codes, names_zh, names_lower, kind_rank, sort_name: r.name_en.clone() });
    }
    for p in &atlas.places {
        let (names_zh, names_lower) = split(vec![p.name_zh.clone(), p.name_en.clone()]);
        entries.push(SearchEntry {
            subject: Subject::Place(p.id.clone()),
            codes: vec![p.id.to_lowercase()],
            names_zh,
            names_lower,
            kind_rank: 4,
            sort_name: p.name_en.clone(),
        });
    }
    for l in &atlas.lines {
        let (names_zh, names_lower) = split(vec![l.name_zh.clone(), l.name_en.clone()]);
        entries.push(SearchEntry {
            subject: Subject::Line(l.id.clone()),
            codes: vec![l.id.to_lowercase()],
            names_zh,
            names_lower,
            kind_rank: 5,
            sort_name: l.name_en.clone(),
        });
    }
    entries
}

impl SearchEntry {
    /// 0 = code, 1 = exact Chinese, 2 = exact other name, 3 = prefix, 4 = contains.
    fn rank(&self, query: &str, query_lower: &str) -> Option<u8> {
        if self.codes.iter().any(|c| c == query_lower) {
            return Some(0);
        }
        if self.names_zh.iter().any(|n| n == query) {
            return Some(1);
        }
        if self.names_lower.iter().any(|n| n == query_lower) {
            return Some(2);
        }
        let all = || self.codes.iter().chain(&self.names_lower).map(String::as_str).chain(self.names_zh.iter().map(String::as_str));
        if all().any(|n| n.starts_with(query_lower) || n.starts_with(query)) {
            return Some(3);
        }
        if all().any(|n| n.contains(query_lower) || n.contains(query)) {
            return Some(4);
        }
        None
    }
}

impl Atlas {
    /// Subjects matching a name or code, best first. An empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<Subject> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let query_lower = query.to_lowercase();
        let mut hits: Vec<(u8, u8, &str, &Subject)> = self
            .search_entries
            .iter()
            .filter_map(|e| e.rank(query, &query_lower).map(|rank| (rank, e.kind_rank, e.sort_name.as_str(), &e.subject)))
            .collect();
        hits.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        hits.into_iter().map(|h| h.3.clone()).collect()
    }
}
