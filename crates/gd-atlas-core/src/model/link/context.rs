//! Names that are part of a larger proper noun and so do not refer to the place.
//!
//! Rules on the words around a match, not sentence patches:
//! - an organisation: the name opens a run of capitalised words that holds an organisation word
//!   ("Guangzhou Yuexiu Group …", "Zhuhai Hengqin Cross-border Network Technology Co., Ltd.",
//!   "Hong Kong-Zhuhai-Macao Bridge"), or ends an organisation's name, after "of" or in brackets
//!   ("the Fourth People's Hospital of Zhaoqing City", "… Inspection Station (Zhaoqing)"): the
//!   place there names who runs it, not where the sentence is. A place's own government ("Zhaoqing
//!   Municipal Party Committee") and facilities named after it ("Lubu Central Health Center") are
//!   not foreign organisations and keep their place;
//! - "X metropolitan area": a region around the city, not the city;
//! - a hyphenated compound with a capitalised word that names no region ("Hong Kong-Zhuhai-…",
//!   "Shenzhen-China Corridor"); "Gaoyao District-Jinli Town" (both parts places) stays;
//! - a numbered or generic settlement named after the place: "Baitu No. 2 Village" is a village
//!   of Lubu, not 白土镇.

/// Words that end an organisation's or a structure's name (lower case).
const ORG_WORDS: &[&str] = &[
    "group",
    "co",
    "company",
    "ltd",
    "limited",
    "corporation",
    "corp",
    "inc",
    "bank",
    "university",
    "motors",
    "airport",
    "bridge",
    "corridor",
    "expressway",
    "railway",
    "metro",
];
/// Words that end an organisation's name before "of X" or "(X)" ("… Hospital of Zhaoqing City",
/// "… Inspection Station (Zhaoqing)"), lower case.
const ORG_HEAD_WORDS: &[&str] = &[
    "hospital",
    "station",
    "center",
    "centre",
    "school",
    "university",
    "college",
    "institute",
    "academy",
    "bureau",
    "office",
    "bank",
    "company",
    "corporation",
    "association",
    "chamber",
    "federation",
    "court",
    "laboratory",
];
/// Longest run of capitalised words looked at after a name.
const MAX_CHAIN: usize = 8;

/// Word tokens of a text with their byte spans (same split as `text::word_tokens`).
pub(crate) fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The text of a unit with its tokens, and which tokens any region name covers.
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub spans: Vec<(usize, usize)>,
    pub lower: Vec<String>,
    pub covered: Vec<bool>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Tokens<'a> {
        let spans = token_spans(text);
        let lower = spans.iter().map(|&(a, b)| text[a..b].to_lowercase()).collect();
        Tokens { text, covered: vec![false; spans.len()], spans, lower }
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.spans[i].0..self.spans[i].1]
    }

    /// What lies between token `i - 1` and token `i`.
    fn gap_before(&self, i: usize) -> &str {
        &self.text[self.spans[i - 1].1..self.spans[i].0]
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// The match `range` is part of an organisation, compound or settlement name.
    pub(crate) fn in_larger_name(&self, range: &std::ops::Range<usize>) -> bool {
        self.opens_organisation(range.end)
            || self.ends_organisation(range)
            || self.metropolitan(range.end)
            || self.hyphen_compound(range)
            || self.numbered_settlement(range.end)
    }

    /// What lies after token `i` up to the next token (or the end of the text).
    fn gap_after(&self, i: usize) -> &str {
        let end = self.spans.get(i + 1).map_or(self.text.len(), |s| s.0);
        &self.text[self.spans[i].1..end]
    }

    /// A capitalised organisation word at token `i` ("Hospital", "Station").
    fn org_head(&self, i: usize) -> bool {
        self.capitalised(i) && ORG_HEAD_WORDS.contains(&self.lower[i].as_str())
    }

    /// The name closes an organisation's name: "… Hospital of [the] Zhaoqing City",
    /// "… Station (Zhaoqing)".
    fn ends_organisation(&self, range: &std::ops::Range<usize>) -> bool {
        let start = range.start;
        if start == 0 {
            return false;
        }
        let bracketed = self.gap_before(start).trim_end().ends_with(['(', '（'])
            && self.gap_after(range.end - 1).trim_start().starts_with([')', '）'])
            && self.org_head(start - 1);
        let mut of = start - 1;
        if self.lower[of] == "the" && of > 0 {
            of -= 1;
        }
        let after_of = self.lower[of] == "of" && of > 0 && self.org_head(of - 1);
        bracketed || after_of
    }

    fn opens_organisation(&self, end: usize) -> bool {
        let mut i = end;
        while i < self.lower.len() && i < end + MAX_CHAIN {
            let gap = self.gap_before(i);
            let joined = gap
                .chars()
                .all(|c| c == ' ' || c == '(' || c == ')' || c == '&' || c == '-' || c == '–');
            let hyphenated = gap == "-";
            if !joined || !(self.capitalised(i) || hyphenated) {
                return false;
            }
            if ORG_WORDS.contains(&self.lower[i].as_str()) {
                return true;
            }
            i += 1;
        }
        false
    }

    fn metropolitan(&self, end: usize) -> bool {
        self.lower.get(end).is_some_and(|w| w == "metropolitan")
            && self
                .lower
                .get(end + 1)
                .is_some_and(|w| matches!(w.as_str(), "area" | "circle" | "region"))
    }

    fn hyphen_compound(&self, range: &std::ops::Range<usize>) -> bool {
        let is_dash = |gap: &str| gap == "-" || gap == "–";
        let foreign = |i: usize| self.capitalised(i) && !self.covered[i];
        let before =
            range.start > 0 && is_dash(self.gap_before(range.start)) && foreign(range.start - 1);
        let after = range.end < self.lower.len()
            && is_dash(self.gap_before(range.end))
            && foreign(range.end);
        before || after
    }

    /// "Baitu No. 2 Village", "Baitu 2nd Village".
    fn numbered_settlement(&self, end: usize) -> bool {
        let mut i = end;
        if self.lower.get(i).is_some_and(|w| w == "no") {
            i += 1;
        }
        let numbered =
            self.lower.get(i).is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
        numbered
            && self.lower.get(i + 1).is_some_and(|w| {
                matches!(w.as_str(), "village" | "villages" | "team" | "group" | "road" | "street")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn larger(text: &str, name_words: std::ops::Range<usize>, covered: &[usize]) -> bool {
        let mut t = Tokens::new(text);
        for &c in covered {
            t.covered[c] = true;
        }
        t.in_larger_name(&name_words)
    }

    #[test]
    fn organisations_and_compounds_are_not_the_place() {
        assert!(larger(
            "enterprises such as Guangzhou Yuexiu Group Yueguan Co., Ltd.",
            3..4,
            &[3, 4]
        ));
        assert!(larger(
            "chairman of Zhuhai Hengqin Cross-border Network Technology Co., Ltd.",
            2..3,
            &[2]
        ));
        assert!(larger("such as the Hong Kong-Zhuhai-Macao Bridge", 5..6, &[5]));
        assert!(larger("the Shenzhen-China Corridor", 1..2, &[1]));
        assert!(larger("joined the 4 trillion Guangzhou metropolitan area", 4..5, &[4]));
        assert!(larger("a base in Baitu No. 2 Village to enrich", 3..4, &[3]));
        // Organisations that end with the place: who runs them, not where the sentence is.
        assert!(larger(
            "the new hospital of the Fourth People's Hospital of Zhaoqing City (Jinli Center)",
            10..12,
            &[10, 11, 12]
        ));
        assert!(larger(
            "Small Hardware Product Inspection Station (Zhaoqing), Gaoyao has",
            5..6,
            &[5, 7]
        ));
    }

    #[test]
    fn places_in_ordinary_context_stay() {
        assert!(!larger("Gaoyao District-Jinli Town", 2..4, &[0, 1, 2, 3]));
        assert!(!larger("Xpeng Motors’ Zhaoqing factory", 2..3, &[2]));
        assert!(!larger("customers in Guangzhou can receive", 2..3, &[2]));
        assert!(!larger("a \"Zhaoqing-wide\" service brand", 1..2, &[1]));
        assert!(!larger("Lubu Town, Gaoyao District.", 0..2, &[0, 1, 2, 3]));
        // The city's own bodies and the town's facilities keep their place.
        assert!(!larger("Zhaoqing Municipal Party Committee has deployed", 0..1, &[0]));
        assert!(!larger("Secretary of the Zhaoqing Municipal Party Committee", 3..4, &[3]));
        assert!(!larger(
            "Hospital of Zhaoqing City (Jinli Center Health Center)",
            4..5,
            &[2, 3, 4]
        ));
        assert!(!larger("donate equipment to Lubu Central Health Center", 3..4, &[3]));
    }
}
