//! The little of a sentence's structure the relevance rules need, read from its words and
//! punctuation (no parser, no part-of-speech model: the texts are machine translations whose
//! grammar a parser would not trust either):
//!
//! - *items* and *runs*: a place name with the capitalised words glued to it ("Jinli Provincial
//!   High-tech Zone") is an item; items joined by commas, "and" or "or" are a run ("Jinli Town
//!   and Lubu Town, Gaoyao, Zhaoqing, Dasha Town and Longfu Town");
//! - the *subject*: a run that is not the object of a preposition and is followed by a verb
//!   ("Gaoyao will build", "Dasha Town in Sihui ranked", "Longfu Town's regional economy has
//!   grown", "Zhaoqing, as a member of …, serves");
//! - the *opening phrase*: the words before the first comma ("Talking about the future
//!   development of Zhaoqing's industries, …").

use std::ops::Range;

use super::context::Tokens;

/// Words after which a name is the object of a preposition, not a subject.
const PREPOSITIONS: &[&str] = &[
    "in",
    "of",
    "from",
    "to",
    "at",
    "by",
    "with",
    "for",
    "on",
    "into",
    "than",
    "between",
    "among",
    "across",
    "toward",
    "towards",
    "like",
    "including",
    "about",
    "around",
    "near",
    "within",
    "throughout",
    "under",
    "over",
    "via",
    "beside",
    "besides",
];
/// Capitalised words that open a clause or a phrase, never a list item ("In the five local
/// starting areas …").
const NOT_ITEMS: &[&str] = &[
    "in", "the", "a", "an", "it", "its", "this", "these", "that", "those", "we", "he", "she",
    "they", "as", "at", "on", "for", "from", "with", "by", "since", "among", "to", "of", "and",
    "or", "but", "if", "when", "while", "there", "here", "what", "how", "why",
];
/// Finite verbs that follow a subject.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should",
    "must", "may", "might", "shall", "does", "do", "did",
];
/// Irregular past tenses that follow a subject ("Zhaoqing became one of …").
const IRREGULAR_PAST: &[&str] = &[
    "became", "built", "made", "took", "led", "set", "won", "grew", "began", "saw", "found",
    "held", "gave", "came", "went", "got", "put", "kept", "left", "sent", "met", "spent", "stood",
    "brought", "sought", "told", "sold", "rose", "fell", "drew",
];
/// Adverbs between a subject and its verb ("Gaoyao boldly innovates", "is also planning").
const ADVERBS: &[&str] = &[
    "also", "not", "still", "always", "already", "now", "then", "even", "just", "further", "first",
    "never",
];
/// Words that open an appositive after a subject ("Zhaoqing, as a member of …, serves").
const APPOSITIVE_STARTS: &[&str] = &["as", "a", "an", "which", "who", "the"];
/// How many words of a possessive's noun phrase are looked through for its verb
/// ("Longfu Town's regional economy has grown").
const POSSESSED_WORDS: usize = 4;

/// Structure queries over one unit's tokens.
pub(crate) struct Clause<'t, 'a> {
    t: &'t Tokens<'a>,
}

impl<'t, 'a> Clause<'t, 'a> {
    pub(crate) fn new(t: &'t Tokens<'a>) -> Self {
        Clause { t }
    }

    fn len(&self) -> usize {
        self.t.lower.len()
    }

    fn word(&self, i: usize) -> &str {
        &self.t.text[self.t.spans[i].0..self.t.spans[i].1]
    }

    /// The text between token `i - 1` and token `i` (`i` may be the token count: the rest).
    pub(crate) fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.t.spans[i - 1].1 };
        let end = self.t.spans.get(i).map_or(self.t.text.len(), |s| s.0);
        &self.t.text[start..end]
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `i` may belong to a list item: part of a place name, or a capitalised word that
    /// does not open a clause.
    fn item_word(&self, i: usize) -> bool {
        self.t.covered[i] || (self.capitalised(i) && !NOT_ITEMS.contains(&self.t.lower[i].as_str()))
    }

    /// Words inside one item are joined by spaces or hyphens only.
    fn glued(&self, i: usize) -> bool {
        self.gap_before(i).chars().all(|c| c == ' ' || c == '-' || c == '–' || c == '·')
    }

    /// The word at `i` joins the item it is glued to: an item word, or any word after a hyphen
    /// ("High-tech", "Cross-border").
    fn joins(&self, i: usize) -> bool {
        self.item_word(i) || matches!(self.gap_before(i), "-" | "–")
    }

    /// The item holding `range`: the name with the capitalised words glued to it.
    fn item(&self, range: &Range<usize>) -> Range<usize> {
        let (mut a, mut b) = (range.start, range.end);
        while a > 0 && self.glued(a) && self.item_word(a - 1) {
            a -= 1;
        }
        while b < self.len() && self.glued(b) && self.joins(b) {
            b += 1;
        }
        a..b
    }

    /// The items joined to the one holding `range` by "and" or "or" (not by a comma): its
    /// partners in a pair ("Shantou and Jieyang").
    pub(crate) fn and_partners(&self, range: &Range<usize>) -> Vec<Range<usize>> {
        let item = self.item(range);
        let by_and = |at: usize| {
            at < self.len()
                && matches!(self.t.lower[at].as_str(), "and" | "or")
                && !self.gap_before(at).contains([',', '，'])
        };
        let mut out = Vec::new();
        if by_and(item.end) {
            out.extend(self.next_item(item.end));
        }
        if item.start >= 2 && by_and(item.start - 1) {
            out.extend(self.previous_item(item.start));
        }
        out
    }

    /// An item that holds a place name: across a bare comma only such items are list items (a
    /// comma after "As the Hometown of Small Hardware" closes a phrase, it joins no list).
    fn names_a_place(&self, item: &Range<usize>) -> bool {
        item.clone().any(|i| self.t.covered[i])
    }

    /// The item after the one ending at `end`, across a comma, "and" or "or".
    fn next_item(&self, end: usize) -> Option<Range<usize>> {
        if end >= self.len() {
            return None;
        }
        let gap = self.gap_before(end).trim();
        if matches!(gap, "," | "，" | "、") && self.item_word(end) {
            return Some(self.item(&(end..end + 1))).filter(|item| self.names_a_place(item));
        }
        if matches!(gap, "" | ",")
            && matches!(self.t.lower[end].as_str(), "and" | "or")
            && end + 1 < self.len()
        {
            let after = end + 1;
            return (self.gap_before(after).trim().is_empty() && self.item_word(after))
                .then(|| self.item(&(after..after + 1)));
        }
        None
    }

    /// The item before the one starting at `start`, across a comma, "and" or "or".
    fn previous_item(&self, start: usize) -> Option<Range<usize>> {
        if start == 0 {
            return None;
        }
        let gap = self.gap_before(start).trim();
        if matches!(gap, "," | "，" | "、") && self.item_word(start - 1) {
            return Some(self.item(&(start - 1..start))).filter(|item| self.names_a_place(item));
        }
        if gap.is_empty() && matches!(self.t.lower[start - 1].as_str(), "and" | "or") && start >= 2
        {
            let before = start - 1;
            let sep = self.gap_before(before).trim();
            return (matches!(sep, "" | ",") && self.item_word(before - 1))
                .then(|| self.item(&(before - 1..before)));
        }
        None
    }

    /// The run of coordinated items holding the name at `range`.
    pub(crate) fn run(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.item(range);
        let (mut a, mut b) = (first.start, first.end);
        while let Some(next) = self.next_item(b) {
            b = next.end;
        }
        while let Some(previous) = self.previous_item(a) {
            a = previous.start;
        }
        a..b
    }

    /// The name at `range` is followed by a possessive "’s".
    pub(crate) fn possessive(&self, range: &Range<usize>) -> bool {
        range.end < self.len()
            && self.t.lower[range.end] == "s"
            && matches!(self.gap_before(range.end), "'" | "’")
    }

    /// Token `i` is a finite verb (for `strict`, an auxiliary, an irregular past or an "-ed"
    /// form; otherwise also a present-tense "-s" form: "Zhaoqing insists").
    fn verb(&self, i: usize, strict: bool) -> bool {
        if self.capitalised(i) {
            return false;
        }
        let w = self.t.lower[i].as_str();
        let third_person = w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("ics");
        AUXILIARIES.contains(&w)
            || IRREGULAR_PAST.contains(&w)
            || (w.len() > 3 && w.ends_with("ed"))
            || (!strict && third_person)
    }

    /// Skips adverbs ("boldly", "also") from token `i`.
    fn skip_adverbs(&self, mut i: usize) -> usize {
        while i < self.len()
            && (ADVERBS.contains(&self.t.lower[i].as_str())
                || (self.t.lower[i].ends_with("ly") && !self.capitalised(i)))
        {
            i += 1;
        }
        i
    }

    /// The first token after the next comma from `i` (an appositive's end).
    fn after_comma(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&k| self.gap_before(k).contains([',', '，']))
    }

    /// A verb follows the run ending at `end`: directly, after a locator ("… in Sihui were"),
    /// after an appositive (", as a member of …, serves") or through a possessive's noun phrase.
    fn verb_follows(&self, end: usize) -> bool {
        let mut i = end;
        // "Dasha Town and Longfu Town in Sihui were selected": a locator inside the subject.
        if i + 1 < self.len() && self.t.lower[i] == "in" && self.t.covered[i + 1] {
            i = self.item(&(i + 1..i + 2)).end;
        }
        if i >= self.len() {
            return false;
        }
        if self.possessive(&(0..i)) {
            return (i + 1..self.len().min(i + 1 + POSSESSED_WORDS + 1)).any(|k| {
                let k = self.skip_adverbs(k);
                k < self.len()
                    && self.verb(k, true)
                    && (i + 1..k).all(|w| {
                        !self.capitalised(w) && !PREPOSITIONS.contains(&self.t.lower[w].as_str())
                    })
            });
        }
        if self.gap_before(i).contains([',', '，'])
            && APPOSITIVE_STARTS.contains(&self.t.lower[i].as_str())
        {
            match self.after_comma(i) {
                Some(k) => i = k,
                None => return false,
            }
        }
        let i = self.skip_adverbs(i);
        i < self.len() && self.verb(i, false)
    }

    /// The name at `range` is (part of) a subject: its run is not the object of a preposition
    /// and a verb follows it.
    pub(crate) fn subject(&self, range: &Range<usize>) -> bool {
        let run = self.run(range);
        let governed = run.start > 0
            && PREPOSITIONS.contains(&self.t.lower[run.start - 1].as_str())
            && !self.gap_before(run.start).contains([',', ':', ';']);
        let bracketed = self.gap_before(run.start).contains(['(', '（']);
        !governed && !bracketed && self.verb_follows(run.end)
    }

    /// The name at `range` lies in the opening phrase, before the sentence's first comma.
    pub(crate) fn in_opening_phrase(&self, range: &Range<usize>) -> bool {
        !(1..=range.start).any(|k| self.gap_before(k).contains([',', '，']))
    }

    /// The words between two token positions.
    pub(crate) fn words_between(&self, a: usize, b: usize) -> &[String] {
        &self.t.lower[a.min(b)..b.max(a)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens with the given word ranges covered by place names.
    fn tokens<'a>(text: &'a str, names: &[Range<usize>]) -> Tokens<'a> {
        let mut t = Tokens::new(text);
        for r in names {
            for i in r.clone() {
                t.covered[i] = true;
            }
        }
        t
    }

    #[test]
    fn runs_join_coordinated_names() {
        let text = "Among them, Jinli Town and Lubu Town, Gaoyao, Zhaoqing, Dasha Town and Longfu Town in Sihui were selected.";
        let t = tokens(text, &[2..4, 5..7, 7..8, 8..9, 9..11, 12..14, 15..16]);
        let c = Clause::new(&t);
        assert_eq!(c.run(&(9..11)), 2..14);
        assert!(c.subject(&(2..4)), "the towns were selected");
        assert!(!c.subject(&(15..16)), "Sihui only locates them");
        assert_eq!(c.and_partners(&(9..11)), vec![12..14], "Dasha Town and Longfu Town");
        assert!(c.and_partners(&(8..9)).is_empty(), "Zhaoqing is joined by commas only");
    }

    #[test]
    fn subjects_are_told_from_objects() {
        let cases: &[(&str, Range<usize>, bool)] = &[
            ("Gaoyao will build a new city in Jinli.", 0..1, true),
            ("Gaoyao will build a new city in Jinli.", 7..8, false),
            ("In addition, Gao Yao is also planning to build a scenic belt.", 2..4, true),
            ("Gaoyao boldly innovates its management mechanism.", 0..1, true),
            ("Longfu Town's regional economy has grown.", 0..2, true),
            ("Zhaoqing, as a member of the Greater Bay Area, serves the province.", 0..1, true),
            ("There are also many suppliers from Guangzhou and Shenzhen.", 6..7, false),
            ("customers in Guangzhou can receive the goods", 2..3, false),
            ("Talking about the development of Zhaoqing's industries, he said", 5..6, false),
            ("Zhaoqing people have since joined the area.", 0..1, false),
            ("As the Hometown of Small Hardware, Jinli Provincial High-tech Zone promotes the town.", 6..7, true),
        ];
        for (text, name, want) in cases {
            let t = tokens(text, std::slice::from_ref(name));
            assert_eq!(Clause::new(&t).subject(name), *want, "{text}: {name:?}");
        }
    }

    #[test]
    fn possessives_and_opening_phrases() {
        let text =
            "Talking about the development of Zhaoqing’s industries, Xu said that Jinli grows.";
        let t = tokens(text, &[5..6, 11..12]);
        let c = Clause::new(&t);
        assert!(c.possessive(&(5..6)));
        assert!(c.in_opening_phrase(&(5..6)));
        assert!(!c.in_opening_phrase(&(11..12)));
    }
}
