//! Matching one key cell (and an optional parent cell) to a region of a theme level.
//!
//! The rules, in order; the first that finds anything decides, and **a guess never matches**:
//! 1. a code (6/9/12 digits, old codes through `alias_codes`) → that region, if it is of the level;
//! 2. a full name (`高要区`, `Gaoyao District`);
//! 3. a short name (`高要`, `Gaoyao`, pinyin, the atlas's aliases);
//! 4. a name written after its parents (`肇庆市高要区`, `广东省肇庆市高要区`).
//!
//! Several regions with the name (homonyms such as the two `大沙镇`) are narrowed by the parent
//! cell (a county or city, by name or code), then by exact spelling (`Yun'an` vs `Yunan`);
//! still several → ambiguous. A unique name whose parent cell names another parent → unmatched.
//! A parent cell may name the unit itself when the unit is a city (a yearbook's 市 column says
//! 东莞市 on Dongguan's own row). A code or name of a region of another level (a prefecture row in
//! a county table) is reported as such, not as an unknown name.

use std::collections::HashMap;

use crate::model::names::{en_core, zh_core};
use crate::model::{Atlas, Level, RegionIdx};

use super::keys::{name_key, parse_code, spelling_key, CodeForm};
use super::level::{theme_units, ThemeLevel};
use super::suggest::SuggestIndex;

/// Suggestions shown per unmatched row, and the pool they are ranked from.
pub const MAX_SUGGESTIONS: usize = 3;
const SUGGESTION_POOL: usize = 8;

/// Which rule matched a row (shown in the join report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchRule {
    Code(CodeForm),
    /// An old code listed in the region's `alias_codes`.
    AliasCode,
    FullName,
    ShortName,
    /// The name after its parents' names in the same cell.
    QualifiedName,
}

impl MatchRule {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Code(form) => form.describe(),
            Self::AliasCode => "old code (alias)",
            Self::FullName => "full name",
            Self::ShortName => "short name, pinyin or alias",
            Self::QualifiedName => "name after its parents' names",
        }
    }
}

/// What one key resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Matched { region: RegionIdx, rule: MatchRule, how: Resolution },
    Ambiguous { candidates: Vec<RegionIdx>, rule: MatchRule, parent_matched_none: bool },
    Unmatched(Unmatched),
}

/// How a unique match was reached among the regions that carry the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Only one region carries it.
    Unique,
    /// Several do; the parent cell picked one.
    ByParent,
    /// Several do; only one is spelled exactly so (apostrophes, hyphens).
    BySpelling,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unmatched {
    EmptyKey,
    UnknownCode {
        code: String,
    },
    /// A known code or name of regions of another level (a county code in a town table, a
    /// prefecture row in a county table): one region for a code, maybe several for a name.
    OtherLevel {
        regions: Vec<RegionIdx>,
    },
    UnknownName,
    /// The name is known but none of its regions lies in the parent the row names.
    ParentMismatch {
        candidates: Vec<RegionIdx>,
    },
}

/// The name keys of one region: full names, then short ones.
fn name_keys(region: &crate::model::Region) -> (Vec<String>, Vec<String>) {
    let full = vec![name_key(&region.name_zh), name_key(&region.name_en)];
    let mut short: Vec<String> = Vec::new();
    short.extend(zh_core(&region.name_zh).map(name_key));
    short.extend(en_core(&region.name_en).map(name_key));
    short.push(name_key(&region.name_pinyin));
    short.extend(region.aliases.iter().map(|a| name_key(a)));
    let keep = |v: Vec<String>| v.into_iter().filter(|k| !k.is_empty()).collect::<Vec<_>>();
    (keep(full), keep(short))
}

/// Name and code lookups for the units of one theme level.
pub struct RegionMatcher<'a> {
    atlas: &'a Atlas,
    level: ThemeLevel,
    units: Vec<RegionIdx>,
    is_unit: Vec<bool>,
    full: HashMap<String, Vec<RegionIdx>>,
    short: HashMap<String, Vec<RegionIdx>>,
    /// Regions that are not units of the level, by name: full names of all, short names of the
    /// province, cities and counties (towns' short names would shadow too much).
    others: HashMap<String, Vec<RegionIdx>>,
    suggest: SuggestIndex,
}

impl<'a> RegionMatcher<'a> {
    pub fn new(atlas: &'a Atlas, level: ThemeLevel) -> Self {
        let units = theme_units(atlas, level);
        let mut is_unit = vec![false; atlas.regions.len()];
        let mut full: HashMap<String, Vec<RegionIdx>> = HashMap::new();
        let mut short: HashMap<String, Vec<RegionIdx>> = HashMap::new();
        let mut suggest_names = Vec::new();
        for &idx in &units {
            is_unit[idx] = true;
            let region = &atlas.regions[idx];
            let (full_keys, short_keys) = name_keys(region);
            for (map, keys) in [(&mut full, &full_keys), (&mut short, &short_keys)] {
                for key in keys {
                    let list = map.entry(key.clone()).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            }
            let codes = std::iter::once(&region.code).chain(&region.alias_codes).cloned();
            suggest_names
                .extend(full_keys.into_iter().chain(short_keys).chain(codes).map(|k| (k, idx)));
        }
        let others = other_level_names(atlas, &is_unit);
        Self {
            atlas,
            level,
            units,
            is_unit,
            full,
            short,
            others,
            suggest: SuggestIndex::new(suggest_names),
        }
    }

    pub fn level(&self) -> ThemeLevel {
        self.level
    }

    pub fn atlas(&self) -> &'a Atlas {
        self.atlas
    }

    /// The units of the level, in atlas order.
    pub fn units(&self) -> &[RegionIdx] {
        &self.units
    }

    pub fn is_unit(&self, region: RegionIdx) -> bool {
        self.is_unit.get(region).copied().unwrap_or(false)
    }

    /// Resolves a key cell, with the row's parent cell when the table has one.
    pub fn lookup(&self, key: &str, parent: Option<&str>) -> Outcome {
        let parent = parent.map(str::trim).filter(|p| !p.is_empty());
        if key.trim().is_empty() {
            return Outcome::Unmatched(Unmatched::EmptyKey);
        }
        if let Some(code) = parse_code(key) {
            return match self.atlas.region_by_code(&code.code) {
                Some(idx) if self.is_unit(idx) => {
                    let rule = if self.atlas.regions[idx].code == code.code {
                        MatchRule::Code(code.form)
                    } else {
                        MatchRule::AliasCode
                    };
                    Outcome::Matched { region: idx, rule, how: Resolution::Unique }
                }
                Some(idx) => Outcome::Unmatched(Unmatched::OtherLevel { regions: vec![idx] }),
                None => Outcome::Unmatched(Unmatched::UnknownCode { code: code.code }),
            };
        }
        let k = name_key(key);
        let tiers =
            [(self.full.get(&k), MatchRule::FullName), (self.short.get(&k), MatchRule::ShortName)];
        for (candidates, rule) in tiers {
            if let Some(candidates) = candidates {
                return self.resolve(candidates.clone(), rule, key, parent);
            }
        }
        let qualified = self.qualified(&k);
        if !qualified.is_empty() {
            return self.resolve(qualified, MatchRule::QualifiedName, key, parent);
        }
        match self.others.get(&k) {
            Some(regions) => Outcome::Unmatched(Unmatched::OtherLevel { regions: regions.clone() }),
            None => Outcome::Unmatched(Unmatched::UnknownName),
        }
    }

    /// Narrows the regions carrying a name by the parent cell, then by exact spelling.
    fn resolve(
        &self,
        candidates: Vec<RegionIdx>,
        rule: MatchRule,
        key: &str,
        parent: Option<&str>,
    ) -> Outcome {
        let mut candidates = candidates;
        let mut how = Resolution::Unique;
        if let Some(parent) = parent {
            let inside: Vec<RegionIdx> =
                candidates.iter().copied().filter(|&c| self.parent_matches(c, parent)).collect();
            match inside.len() {
                0 if candidates.len() == 1 => {
                    return Outcome::Unmatched(Unmatched::ParentMismatch { candidates })
                }
                0 => return Outcome::Ambiguous { candidates, rule, parent_matched_none: true },
                _ => {
                    if inside.len() < candidates.len() {
                        how = Resolution::ByParent;
                    }
                    candidates = inside;
                }
            }
        }
        if candidates.len() > 1 {
            let spelling = spelling_key(key);
            let exact: Vec<RegionIdx> =
                candidates.iter().copied().filter(|&c| self.spelled(c, &spelling)).collect();
            if exact.len() == 1 {
                candidates = exact;
                how = Resolution::BySpelling;
            }
        }
        match candidates.as_slice() {
            [one] => Outcome::Matched { region: *one, rule, how },
            _ => Outcome::Ambiguous { candidates, rule, parent_matched_none: false },
        }
    }

    fn spelled(&self, region: RegionIdx, spelling: &str) -> bool {
        let r = &self.atlas.regions[region];
        [&r.name_zh, &r.name_en, &r.name_pinyin]
            .into_iter()
            .chain(&r.aliases)
            .any(|n| spelling_key(n) == spelling)
    }

    /// Name keys of a region's parents (city, county; the province too), each with its codes.
    /// A city counts as its own parent: a yearbook's 市 column names 东莞市 on Dongguan's row,
    /// and a prefecture row's 市 cell is the prefecture itself.
    fn ancestor_keys(&self, region: RegionIdx) -> Vec<(Vec<String>, Vec<String>)> {
        let is_city = self.atlas.regions[region].level == Level::City;
        self.atlas
            .parent_chain(region)
            .into_iter()
            .skip(usize::from(!is_city))
            .map(|p| {
                let r = &self.atlas.regions[p];
                let (mut names, short) = name_keys(r);
                names.extend(short);
                let codes =
                    std::iter::once(r.code.clone()).chain(r.alias_codes.iter().cloned()).collect();
                (names, codes)
            })
            .collect()
    }

    /// True when the parent cell names (by code, or by one or more names run together) the
    /// region's parents.
    pub fn parent_matches(&self, region: RegionIdx, parent: &str) -> bool {
        let ancestors = self.ancestor_keys(region);
        if let Some(code) = parse_code(parent) {
            return ancestors.iter().any(|(_, codes)| codes.contains(&code.code));
        }
        let names: Vec<&str> =
            ancestors.iter().flat_map(|(n, _)| n.iter().map(String::as_str)).collect();
        consumed_by(&name_key(parent), &names)
    }

    /// Regions whose name ends the key after nothing but their parents' names. The name must
    /// have two characters at least: `揭西县` is not 揭西 followed by a unit called `县`.
    fn qualified(&self, key: &str) -> Vec<RegionIdx> {
        for (start, _) in key.char_indices().skip(1) {
            let (prefix, rest) = key.split_at(start);
            if rest.chars().nth(1).is_none() {
                break;
            }
            let mut found: Vec<RegionIdx> = Vec::new();
            for candidates in [self.full.get(rest), self.short.get(rest)].into_iter().flatten() {
                for &c in candidates {
                    let ancestors = self.ancestor_keys(c);
                    let names: Vec<&str> =
                        ancestors.iter().flat_map(|(n, _)| n.iter().map(String::as_str)).collect();
                    if !found.contains(&c) && consumed_by(prefix, &names) {
                        found.push(c);
                    }
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// Up to three regions with names near the key (never used as matches), nearest first; on a
    /// tie, those in the row's parent first (`高耀区` in 肇庆市 suggests 高要区 before 高明区).
    pub fn suggestions(&self, key: &str, parent: Option<&str>) -> Vec<RegionIdx> {
        let query = parse_code(key).map_or_else(|| name_key(key), |c| c.code);
        let mut ranked: Vec<(usize, bool, RegionIdx)> = self
            .suggest
            .suggest(&query, SUGGESTION_POOL)
            .into_iter()
            .map(|(region, distance)| {
                (distance, !parent.is_some_and(|p| self.parent_matches(region, p)), region)
            })
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().map(|(_, _, region)| region).take(MAX_SUGGESTIONS).collect()
    }
}

/// Names of the regions that are not units (see `RegionMatcher::others`).
fn other_level_names(atlas: &Atlas, is_unit: &[bool]) -> HashMap<String, Vec<RegionIdx>> {
    let mut others: HashMap<String, Vec<RegionIdx>> = HashMap::new();
    for (idx, region) in atlas.regions.iter().enumerate() {
        if is_unit.get(idx).copied().unwrap_or(false) {
            continue;
        }
        let (full, short) = name_keys(region);
        let short = if region.level == Level::Town { Vec::new() } else { short };
        for key in full.into_iter().chain(short) {
            let list = others.entry(key).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
    }
    others
}

/// True when `text` is one or more of `names` written one after another (longest first).
fn consumed_by(text: &str, names: &[&str]) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let longest =
            names.iter().filter(|n| !n.is_empty() && rest.starts_with(**n)).map(|n| n.len()).max();
        match longest {
            Some(len) => rest = &rest[len..],
            None => return false,
        }
    }
    !text.is_empty()
}

#[cfg(test)]
mod tests {
    use super::consumed_by;

    #[test]
    fn parent_prefixes_are_consumed_whole() {
        let names = ["广东省", "广东", "肇庆市", "肇庆"];
        assert!(consumed_by("肇庆市", &names));
        assert!(consumed_by("广东省肇庆市", &names));
        assert!(consumed_by("广东肇庆", &names));
        assert!(!consumed_by("肇庆市端州", &names));
        assert!(!consumed_by("", &names));
    }
}
