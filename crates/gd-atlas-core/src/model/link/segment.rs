//! A document cut into the units a reader sees: sentences, headings, captions and credits, and
//! the blog boilerplate after the article.
//!
//! The articles are translations pasted line by line: a sentence may run over several lines
//! ending in commas, a heading is a short line with no closing punctuation, a photo caption is a
//! line starting with `△`/`▲` (its credit on the same line), and the page ends with blog footers
//! ("No comments:", "Post a Comment", related posts). Working line by line keeps a credit from
//! being glued to the heading below it, which a whitespace-normalised text cannot do.
//!
//! Every unit's text is whitespace-normalised and a substring of the normalised document (units
//! are runs of whole, consecutive lines), so excerpts stay verbatim.

use crate::model::text::{normalise_whitespace, split_sentences};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Prose: linked by name, or by section.
    Sentence,
    /// A short line without closing punctuation; a heading made of place names opens a section.
    Heading,
    /// Photo caption, photo credit or byline: never linked (an empty credit is no excerpt).
    Caption,
    /// Blog footer and the related-post titles after it: never linked.
    Boilerplate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub text: String,
    pub kind: UnitKind,
}

/// A line starting one of these ends the article: what follows is the blog page around it.
const FOOTER_STARTS: &[&str] =
    &["No comments:", "Post a Comment", "Newer Post", "Older Post", "Subscribe to:", "Please first Login", "Labels:"];
/// Credit and byline starts (a credit on its own line, or a byline under the title).
const CREDIT_STARTS: &[&str] = &[
    "Photo by",
    "Photo courtesy",
    "Photo provided",
    "Photographed by",
    "Picture source",
    "Image source",
    "Source:",
    "Author:",
    "Editor:",
    "Released by",
];
/// Words that make a short unpunctuated line a byline ("… Reporting Team Reporter Sun Lei").
const BYLINE_WORDS: &[&str] = &["Reporter", "Correspondent", "Author:", "Editor:"];
/// Caption marks of the source sites (`△Jinli Town. Photo by …`, `◎Lu Yi`).
const CAPTION_MARKS: &[char] = &['△', '▲', '◎', '▽', '▼'];
/// A line without closing punctuation longer than this is prose, not a heading.
const HEADING_MAX_WORDS: usize = 20;

/// True for a line that closes a sentence (closing quotes and brackets looked through).
fn ends_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '”', '’', '\'', ')', '）', '」']);
    core.ends_with(['.', '!', '?', ';', '。', '！', '？', '；', '…'])
}

/// True for a line that announces a continuation (comma, colon, dash).
fn ends_open(line: &str) -> bool {
    line.ends_with([',', '，', '、', ':', '：', '—', '-', '–'])
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn is_footer(line: &str) -> bool {
    FOOTER_STARTS.iter().any(|s| line.starts_with(s))
}

/// Photo captions, credits and bylines (also a whole line in brackets: a photo caption).
fn is_caption(line: &str) -> bool {
    if line.starts_with(CAPTION_MARKS) || CREDIT_STARTS.iter().any(|s| line.starts_with(s)) {
        return true;
    }
    let bracketed = (line.starts_with('(') && line.ends_with(')')) || (line.starts_with('（') && line.ends_with('）'));
    let byline = !ends_terminal(line)
        && word_count(line) <= HEADING_MAX_WORDS
        && line.split_whitespace().any(|w| BYLINE_WORDS.contains(&w));
    bracketed || byline
}

/// Accumulates lines of one running sentence group until a line closes it.
struct Builder {
    out: Vec<Unit>,
    buf: String,
}

impl Builder {
    fn push(&mut self, text: &str, kind: UnitKind) {
        let text = normalise_whitespace(text);
        if !text.is_empty() {
            self.out.push(Unit { text, kind });
        }
    }

    fn flush(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let normalised = normalise_whitespace(&buf);
        for s in split_sentences(&normalised) {
            self.out.push(Unit { text: s.to_string(), kind: UnitKind::Sentence });
        }
    }

    fn append(&mut self, line: &str) {
        if !self.buf.is_empty() {
            self.buf.push(' ');
        }
        self.buf.push_str(line);
    }

    fn line(&mut self, line: &str) {
        if is_caption(line) {
            self.flush();
            self.push(line, UnitKind::Caption);
            return;
        }
        let bare = !ends_terminal(line) && !ends_open(line);
        let short = word_count(line) <= HEADING_MAX_WORDS;
        if bare && short && self.buf.is_empty() {
            self.push(line, UnitKind::Heading);
            return;
        }
        // "Gathering momentum:" + "Concentrate efforts to …": a two-line heading.
        if bare && short && self.buf.trim_end().ends_with([':', '：']) && !self.buf.contains(['.', '。']) {
            self.append(line);
            let heading = std::mem::take(&mut self.buf);
            self.push(&heading, UnitKind::Heading);
            return;
        }
        self.append(line);
        if ends_terminal(line) || (bare && !short) {
            self.flush();
        }
    }
}

/// The units of a raw document, in order.
pub(crate) fn segment(raw: &str) -> Vec<Unit> {
    let mut b = Builder { out: Vec::new(), buf: String::new() };
    let mut lines = raw.lines().map(str::trim).filter(|l| !l.is_empty());
    for line in lines.by_ref() {
        if is_footer(line) {
            b.flush();
            b.push(line, UnitKind::Boilerplate);
            break;
        }
        b.line(line);
    }
    b.flush();
    for line in lines {
        b.push(line, UnitKind::Boilerplate);
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<(UnitKind, String)> {
        segment(raw).into_iter().map(|u| (u.kind, u.text)).collect()
    }

    #[test]
    fn credit_is_split_from_the_heading_below_it() {
        let raw = "△Picture source published by Gaoyao\n\nSihui City-Dasha Town\n\nIn 2023, Dasha Town ranked 816th.";
        assert_eq!(
            kinds(raw),
            vec![
                (UnitKind::Caption, "△Picture source published by Gaoyao".into()),
                (UnitKind::Heading, "Sihui City-Dasha Town".into()),
                (UnitKind::Sentence, "In 2023, Dasha Town ranked 816th.".into()),
            ]
        );
    }

    #[test]
    fn comma_lines_join_and_footer_ends_the_article() {
        let raw = "Zhaoqing will continue,\n\nThe blueprint of projects\n\nConvert to \"real picture\".\n\nNo comments:\n\nPost a Comment\n\nZhaoqing may welcome flying cars";
        let units = kinds(raw);
        assert_eq!(units[0], (UnitKind::Sentence, "Zhaoqing will continue, The blueprint of projects Convert to \"real picture\".".into()));
        assert!(units[1..].iter().all(|(k, _)| *k == UnitKind::Boilerplate), "{units:?}");
        assert_eq!(units.len(), 4);
    }

    #[test]
    fn bylines_and_bracketed_captions_are_captions() {
        for line in [
            "Source: Gaoyao Publishing",
            "Hong Kong Economic Herald 2023 Two Sessions Reporting Team Reporter Sun Lei",
            "(Delegate to the National People’s Congress, Mayor of Zhaoqing City Xu Xiaoxiong)",
            "▲ Jinli hardware products. Photo by Chen Yancheng",
            "Released by Zhaoqing 2023-10-20 19:16 Published in Guangdong",
        ] {
            assert_eq!(kinds(line), vec![(UnitKind::Caption, line.to_string())], "{line}");
        }
        assert_eq!(kinds("Gathering momentum:\nConcentrate efforts")[0].0, UnitKind::Heading);
    }
}
