//! Is a sentence *about* the place it names, or does it only *mention* it? Decided per name by
//! rules over the sentence's structure ([`super::clause`]), then per place: a place is about when
//! any of its names in the sentence is.
//!
//! A name is a passing mention when (first rule that applies):
//! 1. it is in a person's title: "Mayor of Zhaoqing City Xu Xiaoxiong";
//! 2. it locates a smaller place right next to it: "Jinli Town, Gaoyao District", "Dasha Town in
//!    Sihui", "Gaoyao Jinli", "Zhaoqing (Sihui) … Park", "Puning, a county-level city in Jieyang";
//! 3. the sentence is about a smaller place inside it — named anywhere in the sentence, or the
//!    place of the section or paragraph the sentence belongs to — and the name is neither the
//!    sentence's subject (an actor: "Gaoyao will build … in Jinli") nor the owner of its opening
//!    topic ("Talking about the future development of Zhaoqing's industries, …");
//! 4. the place lies outside what the document is about (its *focus*, below) and is not a subject,
//!    or is a subject set against the focus elsewhere in the sentence ("Guangzhou and Shenzhen
//!    have professional markets, Jieyang has warehousing"; "large cities such as Guangzhou and
//!    Shenzhen, Shantou and Jieyang … made the list"): a comparison, an origin, a destination —
//!    unless it is paired with the focus by "and" ("Shantou and Jieyang … made the list");
//! 5. the sentence names many places and this one is neither its subject nor a focus place: one
//!    item of a long list.
//!
//! Otherwise the name is about its place: as the subject, or simply named (the unit's default:
//! named in a sentence, shown in a caption, the deepest place of a section heading).
//!
//! The document's focus: the places its sentences name most often (at least half as often as
//! the most named one); with their subdivisions they are the document's area.

use std::collections::HashSet;

use super::clause::Clause;
use super::context::Tokens;
use super::table::Mention;
use crate::model::atlas::Atlas;
use crate::model::types::{RegionIdx, RelevanceRule};

/// A sentence naming this many places or more is a list: the places that are not its subject are
/// its items.
const LONG_LIST: usize = 5;
/// An appositive between a smaller place and its locator ("Puning, a county-level city in
/// Jieyang") has at most this many words.
const APPOSITIVE_WORDS: usize = 6;
/// Offices whose holder is named with a place ("Mayor of Zhaoqing City").
const OFFICES: &[&str] = &[
    "mayor",
    "secretary",
    "governor",
    "director",
    "chairman",
    "deputy",
    "delegate",
    "head",
    "president",
    "chief",
    "representative",
];

/// What the document is about: its most named places, most named first.
pub(crate) struct Focus {
    pub regions: Vec<RegionIdx>,
}

impl Focus {
    /// The places named in at least half as many units as the most named one.
    pub(crate) fn of(accepted: &[Vec<Mention>]) -> Focus {
        let mut counts: Vec<(RegionIdx, usize)> = Vec::new();
        for unit in accepted {
            let regions: HashSet<RegionIdx> = unit.iter().map(|m| m.entry.region).collect();
            for r in regions {
                match counts.iter_mut().find(|(c, _)| *c == r) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((r, 1)),
                }
            }
        }
        let max = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
        // Stable: equal counts keep the order of first mention.
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        Focus {
            regions: counts.into_iter().filter(|&(_, n)| n * 2 >= max).map(|(r, _)| r).collect(),
        }
    }

    /// The region is a focus place or lies inside one.
    pub(crate) fn in_area(&self, atlas: &Atlas, idx: RegionIdx) -> bool {
        self.regions.iter().any(|&f| within(atlas, idx, f))
    }

    /// The region has nothing to do with the focus: outside its area and containing none of it.
    fn elsewhere(&self, atlas: &Atlas, idx: RegionIdx) -> bool {
        !self.in_area(atlas, idx) && !self.regions.iter().any(|&f| contains(atlas, idx, f))
    }
}

/// What the rules know of a unit besides its words.
pub(crate) struct UnitContext {
    /// The smaller place the unit is about without naming it: its section's or paragraph's.
    pub place: Option<RegionIdx>,
    /// The about rule when no stronger one applies: named, a caption, a section heading.
    pub default: RelevanceRule,
}

/// Judges the names of one unit.
pub(crate) struct Judge<'a> {
    atlas: &'a Atlas,
    focus: &'a Focus,
    tokens: Tokens<'a>,
    mentions: &'a [Mention],
    ctx: &'a UnitContext,
    /// The distinct places named in the unit.
    places: HashSet<RegionIdx>,
}

/// Above this many places, a unit is a list and its names are not read one against another (the
/// pairwise rules are quadratic in the names).
const MAX_JUDGED_PLACES: usize = 64;

/// `a` is a strict ancestor of `d` (a walk up the parents, no allocation).
fn contains(atlas: &Atlas, a: RegionIdx, d: RegionIdx) -> bool {
    let mut at = atlas.regions[d].parent;
    while let Some(p) = at {
        if p == a {
            return true;
        }
        at = atlas.regions[p].parent;
    }
    false
}

/// `a` is `d` or one of its ancestors.
fn within(atlas: &Atlas, d: RegionIdx, a: RegionIdx) -> bool {
    d == a || contains(atlas, a, d)
}

impl<'a> Judge<'a> {
    pub(crate) fn new(
        atlas: &'a Atlas,
        focus: &'a Focus,
        text: &'a str,
        mentions: &'a [Mention],
        ctx: &'a UnitContext,
    ) -> Judge<'a> {
        let mut tokens = Tokens::new(text);
        for m in mentions.iter().filter(|m| m.words > 0) {
            for i in m.tokens.clone() {
                if let Some(c) = tokens.covered.get_mut(i) {
                    *c = true;
                }
            }
        }
        let places = mentions.iter().map(|m| m.entry.region).collect();
        Judge { atlas, focus, tokens, mentions, ctx, places }
    }

    fn name(&self, idx: RegionIdx) -> String {
        self.atlas.regions[idx].name_en.clone()
    }

    /// One rule per region named in the unit, in order of first mention.
    pub(crate) fn verdicts(&self) -> Vec<(RegionIdx, RelevanceRule)> {
        let mut out: Vec<(RegionIdx, RelevanceRule)> = Vec::new();
        if self.places.len() > MAX_JUDGED_PLACES {
            let mut seen = HashSet::new();
            return self
                .mentions
                .iter()
                .filter(|m| seen.insert(m.entry.region))
                .map(|m| (m.entry.region, RelevanceRule::ListItem))
                .collect();
        }
        for (k, m) in self.mentions.iter().enumerate() {
            let rule = self.rule(k);
            match out.iter_mut().find(|(r, _)| *r == m.entry.region) {
                // A place is about when any of its names is; the subject rule is the strongest.
                Some((_, kept)) => {
                    let better = match (kept.relevance(), rule.relevance()) {
                        (crate::model::Relevance::Mentioned, crate::model::Relevance::About) => {
                            true
                        }
                        (crate::model::Relevance::About, crate::model::Relevance::About) => {
                            rule == RelevanceRule::Subject
                        }
                        _ => false,
                    };
                    if better {
                        *kept = rule;
                    }
                }
                None => out.push((m.entry.region, rule)),
            }
        }
        out
    }

    /// The rule for the `k`-th name.
    fn rule(&self, k: usize) -> RelevanceRule {
        let m = &self.mentions[k];
        let region = m.entry.region;
        // A Chinese name has no word structure read here: named.
        if m.words == 0 {
            return self.ctx.default.clone();
        }
        let range = &m.tokens;
        let clause = Clause::new(&self.tokens);
        if self.in_title(range) {
            return RelevanceRule::Title;
        }
        if let Some(d) = self.adjacent_smaller(k, &clause) {
            return RelevanceRule::Locator(self.name(d));
        }
        let subject = clause.subject(range);
        let opening_topic = clause.possessive(range) && clause.in_opening_phrase(range);
        if !subject && !opening_topic {
            if let Some(d) = self.smaller_place(region) {
                return RelevanceRule::Locator(self.name(d));
            }
        }
        if self.focus.elsewhere(self.atlas, region)
            && (!subject || self.focus_beside(k))
            && !self.paired_with_focus(k, &clause)
        {
            return RelevanceRule::Comparison(self.focus_name());
        }
        if self.places.len() >= LONG_LIST && !subject && !self.focus.regions.contains(&region) {
            return RelevanceRule::ListItem;
        }
        match (&self.ctx.default, subject) {
            (RelevanceRule::Named, true) => RelevanceRule::Subject,
            (default, _) => default.clone(),
        }
    }

    /// "<office> of [the] <name>".
    fn in_title(&self, range: &std::ops::Range<usize>) -> bool {
        let lower = &self.tokens.lower;
        let mut i = range.start;
        if i > 0 && lower[i - 1] == "the" {
            i -= 1;
        }
        i >= 2 && lower[i - 1] == "of" && OFFICES.contains(&lower[i - 2].as_str())
    }

    /// A smaller place named right next to the `k`-th name, which locates it.
    fn adjacent_smaller(&self, k: usize, clause: &Clause) -> Option<RegionIdx> {
        let m = &self.mentions[k];
        let r = m.entry.region;
        self.mentions
            .iter()
            .filter(|d| d.words > 0 && contains(self.atlas, r, d.entry.region))
            .map(|d| (d, &d.tokens))
            .find_map(|(d, dr)| {
                let before = m.tokens.end == dr.start
                    && matches!(clause.gap_before(dr.start).trim(), "" | "-" | "–" | "(" | "（");
                let after = dr.end == m.tokens.start
                    && matches!(
                        clause.gap_before(m.tokens.start).trim(),
                        "," | "，" | "-" | "–" | "(" | "（" | ")"
                    );
                let between = if dr.end < m.tokens.start {
                    clause.words_between(dr.end, m.tokens.start)
                } else {
                    &[]
                };
                let locative = matches!(
                    between.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
                    ["in"] | ["of"] | ["in", "the"] | ["of", "the"]
                );
                let appositive = dr.end < m.tokens.start
                    && clause.gap_before(dr.end).contains([',', '，'])
                    && between.len() <= APPOSITIVE_WORDS
                    && between.last().is_some_and(|w| w == "in" || w == "of");
                (before || after || locative || appositive).then_some(d.entry.region)
            })
    }

    /// A smaller place inside `region` the unit is about: named in it, or its section's or
    /// paragraph's place.
    fn smaller_place(&self, region: RegionIdx) -> Option<RegionIdx> {
        self.mentions
            .iter()
            .map(|d| d.entry.region)
            .chain(self.ctx.place)
            .find(|&d| contains(self.atlas, region, d))
    }

    /// A place of the document's area is named elsewhere in the sentence than the `k`-th name.
    fn focus_beside(&self, k: usize) -> bool {
        let own = &self.mentions[k].tokens;
        self.mentions.iter().any(|d| {
            d.words > 0
                && self.focus.in_area(self.atlas, d.entry.region)
                && (d.tokens.end <= own.start || d.tokens.start >= own.end)
        })
    }

    /// The `k`-th name is paired by "and" with a place of the document's area ("Shantou and
    /// Jieyang … made the list"): what is said of one is said of the other.
    fn paired_with_focus(&self, k: usize, clause: &Clause) -> bool {
        let partners = clause.and_partners(&self.mentions[k].tokens);
        self.mentions.iter().any(|d| {
            d.words > 0
                && self.focus.in_area(self.atlas, d.entry.region)
                && partners.iter().any(|p| p.start <= d.tokens.start && d.tokens.end <= p.end)
        })
    }

    /// The focus place a comparison is set against: the first named in the unit, else the
    /// document's first.
    fn focus_name(&self) -> String {
        let named = self
            .mentions
            .iter()
            .map(|m| m.entry.region)
            .find(|&r| self.focus.in_area(self.atlas, r));
        named.or(self.focus.regions.first().copied()).map(|r| self.name(r)).unwrap_or_default()
    }
}
