//! Where a document mentions each place: the curated excerpts and the automatic links of one
//! document located in its text, so the reader can mark them and a tour can follow them.
//!
//! The excerpts are stored whitespace-normalised and the articles break sentences across lines,
//! so the text is normalised once (with a map back to raw byte offsets) and every excerpt is
//! looked up in it. Automatic excerpts come in the order of the text, so each is searched from
//! where the previous one was found: the whole document costs one pass plus the curated
//! excerpts (a handful per document), each one search.

use std::collections::HashMap;
use std::ops::Range;

use super::atlas::Atlas;
use super::tour::parse_subject;
use super::types::{Excerpt, LinkKind, Relevance, Subject};

/// One place mentioned at one spot of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub subject: Subject,
    pub kind: LinkKind,
    /// The sentence is about the place, or only mentions it in passing.
    pub relevance: Relevance,
    /// Byte range in the raw document text of the sentence (or curated excerpt).
    pub sentence: Range<usize>,
    /// Byte range of the place's name inside the sentence, when it is written there (a sentence
    /// linked by its section usually does not name the place).
    pub name: Option<Range<usize>>,
}

impl Mention {
    /// Where the mark starts: the name if written, else the sentence.
    pub fn start(&self) -> usize {
        self.name.as_ref().map_or(self.sentence.start, |r| r.start)
    }
}

/// A place of the document, in order of first mention.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionedPlace {
    pub subject: Subject,
    /// Index in [`DocumentMentions::mentions`] of its first mention.
    pub first: usize,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentMentions {
    pub file: String,
    pub text: String,
    /// Sorted by [`Mention::start`].
    pub mentions: Vec<Mention>,
    pub places: Vec<MentionedPlace>,
}

impl DocumentMentions {
    pub fn sentence_of(&self, m: &Mention) -> &str {
        self.text.get(m.sentence.clone()).unwrap_or_default()
    }

    /// The subject keys of the places mentioned (region codes, place and line ids).
    pub fn subject_ids(&self) -> std::collections::HashSet<String> {
        self.places.iter().map(|p| subject_id(&p.subject)).collect()
    }
}

fn subject_id(s: &Subject) -> String {
    match s {
        Subject::Region(id) | Subject::Place(id) | Subject::Line(id) => id.clone(),
        Subject::Feature(k) => format!("{}:{}", k.layer, k.feature),
    }
}

/// The document's text with whitespace runs collapsed to one space, lowercased (ASCII, so byte
/// lengths are kept), and the raw byte offset of each of its bytes.
struct Normalised {
    lower: String,
    raw_at: Vec<usize>,
}

impl Normalised {
    fn new(text: &str) -> Self {
        let mut lower = String::with_capacity(text.len());
        let mut raw_at = Vec::with_capacity(text.len());
        let mut last_space = true;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !last_space {
                    lower.push(' ');
                    raw_at.push(i);
                }
                last_space = true;
            } else {
                lower.push(c.to_ascii_lowercase());
                raw_at.extend(std::iter::repeat_n(i, c.len_utf8()));
                last_space = false;
            }
        }
        Normalised { lower, raw_at }
    }

    fn needle(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
    }

    /// Normalised range of `needle` at or after `from`.
    fn find(&self, needle: &str, from: usize) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let at = from + self.lower.get(from..)?.find(needle)?;
        Some(at..at + needle.len())
    }

    /// The raw byte range of a (non-empty) normalised range.
    fn raw(&self, text: &str, r: &Range<usize>) -> Range<usize> {
        let start = self.raw_at[r.start];
        let last = self.raw_at[r.end - 1];
        start..last + text[last..].chars().next().map_or(1, char::len_utf8)
    }
}

/// Names to look for inside a curated excerpt (it names its place, but not through the linker).
fn written_names(atlas: &Atlas, subject: &Subject) -> Vec<String> {
    let mut names = match subject {
        Subject::Region(code) => atlas.region_by_code(code).map(|i| {
            let r = &atlas.regions[i];
            let mut v = vec![r.name_en.clone(), r.name_pinyin.clone(), r.name_zh.clone()];
            v.extend(r.aliases.iter().cloned());
            // "Lubu Town" is also written "Lubu".
            v.extend(r.name_en.split_whitespace().next().map(str::to_string));
            v
        }),
        Subject::Place(id) => {
            atlas.place_by_id(id).map(|p| vec![p.name_en.clone(), p.name_zh.clone()])
        }
        Subject::Line(id) => {
            atlas.line_by_id(id).map(|l| vec![l.name_en.clone(), l.name_zh.clone()])
        }
        Subject::Feature(_) => None,
    }
    .unwrap_or_default();
    names.retain(|n| !n.trim().is_empty());
    names
}

/// Locates one excerpt: the sentence, then the name in it (the matched name for a link by name).
fn locate(
    atlas: &Atlas,
    norm: &Normalised,
    ex: &Excerpt,
    subject: &Subject,
    from: usize,
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let needle = Normalised::needle(&ex.text);
    let sentence = norm.find(&needle, from).or_else(|| norm.find(&needle, 0))?;
    let names = match (&ex.link, &ex.matched_name) {
        (LinkKind::ByName, Some(n)) => vec![n.clone()],
        (LinkKind::BySection | LinkKind::ByParagraph, _) => Vec::new(),
        _ => written_names(atlas, subject),
    };
    let within = &norm.lower[sentence.clone()];
    let name = names.iter().find_map(|n| {
        let n = Normalised::needle(n);
        within.find(&n).map(|at| sentence.start + at..sentence.start + at + n.len())
    });
    Some((sentence, name))
}

/// Every mention of a place in the document, with the places in order of first mention.
/// Excerpts whose text is not found (the document was edited since) are left out.
pub fn document_mentions(atlas: &Atlas, file: &str) -> Option<DocumentMentions> {
    let doc = atlas.document(file)?;
    let norm = Normalised::new(&doc.text);
    let mut mentions = Vec::new();
    let mut cursor = 0;
    for ex in atlas.excerpts.iter().filter(|e| e.document == file) {
        for subject in
            ex.subjects.iter().filter_map(|s| parse_subject(s)).map(|s| region_of_place(atlas, s))
        {
            let from = if ex.link == LinkKind::Curated { 0 } else { cursor };
            let Some((sentence, name)) = locate(atlas, &norm, ex, &subject, from) else { continue };
            if ex.link != LinkKind::Curated {
                cursor = sentence.start;
            }
            mentions.push(Mention {
                subject,
                kind: ex.link,
                relevance: ex.relevance,
                sentence: norm.raw(&doc.text, &sentence),
                name: name.map(|n| norm.raw(&doc.text, &n)),
            });
        }
    }
    mentions.sort_by_key(|m| (m.start(), m.sentence.start));
    let places = places_in_order(&mentions);
    Some(DocumentMentions { file: file.to_string(), text: doc.text.clone(), mentions, places })
}

/// A place marker that stands for a region (a town's seat marker) is that region: the reader
/// lists Lubu Town once, not as the town and its marker.
fn region_of_place(atlas: &Atlas, subject: Subject) -> Subject {
    match &subject {
        Subject::Place(id) => match atlas.place_by_id(id).and_then(|p| p.represents.clone()) {
            Some(code) if atlas.region_by_code(&code).is_some() => Subject::Region(code),
            _ => subject,
        },
        _ => subject,
    }
}

fn places_in_order(mentions: &[Mention]) -> Vec<MentionedPlace> {
    let mut at: HashMap<&Subject, usize> = HashMap::new();
    let mut places: Vec<MentionedPlace> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        match at.get(&m.subject) {
            Some(&k) => places[k].count += 1,
            None => {
                at.insert(&m.subject, places.len());
                places.push(MentionedPlace { subject: m.subject.clone(), first: i, count: 1 });
            }
        }
    }
    places
}

/// The Chinese name shown beside a mark (the texts are English).
pub fn name_zh(atlas: &Atlas, subject: &Subject) -> String {
    match subject {
        Subject::Region(code) => {
            atlas.region_by_code(code).map(|i| atlas.regions[i].name_zh.clone())
        }
        Subject::Place(id) => atlas.place_by_id(id).map(|p| p.name_zh.clone()),
        Subject::Line(id) => atlas.line_by_id(id).map(|l| l.name_zh.clone()),
        Subject::Feature(_) => None,
    }
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_ranges_map_back_to_raw_text() {
        let text = "Intro.\nJinli   Town reached\n47 billion.";
        let norm = Normalised::new(text);
        let r = norm.find(&Normalised::needle("jinli town reached 47"), 0).expect("found");
        assert_eq!(&text[norm.raw(text, &r)], "Jinli   Town reached\n47");
    }
}
