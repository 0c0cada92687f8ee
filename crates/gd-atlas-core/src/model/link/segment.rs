//! A document cut into the units a reader sees: sentences, headings, photo captions, credits,
//! the title, and the blog boilerplate after the article.
//!
//! The articles are translations pasted line by line: a sentence may run over several lines
//! ending in commas, a heading is a short line with no closing punctuation, a photo caption is a
//! line starting with `△`/`▲` (its credit on the same line), and the page ends with blog footers
//! ("No comments:", "Post a Comment", related posts). Working line by line keeps a credit from
//! being glued to the heading below it, which a whitespace-normalised text cannot do.
//!
//! - The document's title (and its repeats and teasers, "… selected →") is not an excerpt: the
//!   title is already shown as every excerpt's source.
//! - A caption is split into what the photo shows (linked by name, like a sentence) and its credit
//!   ("Photo by …", "Image source published by Gaoyao": never linked).
//! - A run of short unpunctuated lines that leads into a line ending with a comma is *verse*: one
//!   sentence laid out a clause per line ("A bustling construction site / … / Jinli Starting Area /
//!   This is the "near water tower" in Zhaoqing, …"), not a pile of headings.
//! - A heading that is a full clause ("Turn rural development's shortcomings into Zhaoqing's
//!   development potential") is marked `clause`: it says something and may be linked; a fragment
//!   ("These four towns in Zhaoqing City") never is.
//!
//! Every unit's text is whitespace-normalised and a substring of the normalised document (units
//! are runs of whole, consecutive lines, or a caption line without its mark and credit), so
//! excerpts stay verbatim.

use crate::model::text::{normalise_whitespace, split_sentences};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Prose: linked by name, by section, or by paragraph.
    Sentence,
    /// A short line without closing punctuation; a heading made of place names opens a section.
    Heading,
    /// What a photo shows (the caption without its mark and credit): linked by name only.
    Caption,
    /// Photo credit, byline, publisher line: never linked (an empty credit is no excerpt).
    Credit,
    /// The document's title, its repeats and teasers: never linked.
    Title,
    /// Blog footer and the related-post titles after it: never linked.
    Boilerplate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub text: String,
    pub kind: UnitKind,
    /// The raw line the unit starts on: units of one line are one paragraph.
    pub para: usize,
    /// A heading that is a full clause, not a fragment.
    pub clause: bool,
}

/// A line starting one of these ends the article: what follows is the blog page around it.
const FOOTER_STARTS: &[&str] = &[
    "No comments:",
    "Post a Comment",
    "Newer Post",
    "Older Post",
    "Subscribe to:",
    "Please first Login",
    "Labels:",
];
/// Credit and byline starts (a credit on its own line or after a caption, a byline under the title).
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
/// Marks a teaser adds after a repeated title ("… selected →").
const TEASER_MARKS: &[char] = &['→', '↓', '>', '»', ' '];
/// A line without closing punctuation longer than this is prose, not a heading.
const HEADING_MAX_WORDS: usize = 20;
/// Finite verbs that make a line a clause ("These four towns in Zhaoqing were selected").
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should",
    "must", "may", "might", "shall",
];
/// Verbs that open the imperative headings of these policy texts ("Turn rural development's
/// shortcomings into …", "Build a new pattern of …"): a heading starting with one is a clause.
const IMPERATIVES: &[&str] = &[
    "accelerate",
    "adhere",
    "build",
    "concentrate",
    "create",
    "deepen",
    "develop",
    "expand",
    "focus",
    "help",
    "helping",
    "highlight",
    "implement",
    "improve",
    "join",
    "joining",
    "lead",
    "leading",
    "optimize",
    "pay",
    "promote",
    "seize",
    "strengthen",
    "take",
    "turn",
    "upgrade",
];
/// How many of the first lines may hold the title and its repeat, when the document list gives none.
const TITLE_LINES: usize = 5;

/// True for a line that closes a sentence (closing quotes and brackets looked through).
fn ends_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '”', '’', '\'', ')', '）', '」']);
    core.ends_with(['.', '!', '?', ';', '。', '！', '？', '；', '…'])
}

/// True for a line that announces a continuation (comma, colon, dash).
fn ends_open(line: &str) -> bool {
    line.ends_with([',', '，', '、', ':', '：', '—', '-', '–'])
}

/// True for a line that a verse run leads into: it goes on after a comma or a dash (a colon
/// announces a heading's second line or a list, not the rest of a sentence).
fn ends_continuing(line: &str) -> bool {
    line.ends_with([',', '，', '、', '—', '-', '–'])
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn is_footer(line: &str) -> bool {
    FOOTER_STARTS.iter().any(|s| line.starts_with(s))
}

/// A short line without closing or continuing punctuation: a heading, unless it is part of a
/// running sentence or of verse.
fn is_bare_short(line: &str) -> bool {
    !ends_terminal(line) && !ends_open(line) && word_count(line) <= HEADING_MAX_WORDS
}

/// A line that is a full clause: it has a finite verb, or opens with an imperative.
pub(crate) fn is_clause(line: &str) -> bool {
    let words = crate::model::text::word_tokens(line);
    words.iter().any(|w| AUXILIARIES.contains(&w.as_str()))
        || words.first().is_some_and(|w| IMPERATIVES.contains(&w.as_str()))
}

/// Credit lines: a credit or byline standing alone.
fn is_credit(line: &str) -> bool {
    if CREDIT_STARTS.iter().any(|s| line.starts_with(s)) {
        return true;
    }
    !ends_terminal(line)
        && word_count(line) <= HEADING_MAX_WORDS
        && line.split_whitespace().any(|w| BYLINE_WORDS.contains(&w))
}

/// What a caption line shows, and its credit: `△Jinli Town. Photo by Chen Yancheng` →
/// ("Jinli Town.", "Photo by Chen Yancheng"); a whole line in brackets is a caption too. `None`
/// for a line that is no caption.
fn caption_parts(line: &str) -> Option<(&str, &str)> {
    let rest = if let Some(rest) = line.strip_prefix(CAPTION_MARKS) {
        rest.trim_start_matches(CAPTION_MARKS).trim()
    } else if (line.starts_with('(') && line.ends_with(')'))
        || (line.starts_with('（') && line.ends_with('）'))
    {
        let open = line.chars().next().map_or(1, char::len_utf8);
        let close = line.chars().last().map_or(1, char::len_utf8);
        line[open..line.len() - close].trim()
    } else {
        return None;
    };
    // The credit starts at the line's start or after the sentence that ends the caption.
    let credit_at = CREDIT_STARTS
        .iter()
        .flat_map(|c| rest.match_indices(c).map(|(i, _)| i))
        .filter(|&i| i == 0 || rest[..i].trim_end().ends_with(['.', '。']))
        .min();
    Some(match credit_at {
        Some(i) => (rest[..i].trim(), rest[i..].trim()),
        None => (rest, ""),
    })
}

/// Normalised text of a title line for comparison: teaser marks at the end dropped.
fn title_key(line: &str) -> String {
    normalise_whitespace(line).trim_end_matches(TEASER_MARKS).to_string()
}

/// The title lines are recognised by: the title the document list gives, else a line repeated
/// among the first lines of the page (WeChat pages print the title twice).
fn title_of(lines: &[(usize, &str)], title: Option<&str>) -> Option<String> {
    if let Some(t) = title.map(title_key).filter(|t| !t.is_empty()) {
        return Some(t);
    }
    let first: Vec<String> = lines.iter().take(TITLE_LINES).map(|(_, l)| title_key(l)).collect();
    first
        .iter()
        .enumerate()
        .find(|(i, l)| !l.is_empty() && first[i + 1..].contains(l))
        .map(|(_, l)| l.clone())
}

/// Accumulates lines of one running sentence group until a line closes it.
struct Builder {
    out: Vec<Unit>,
    buf: String,
    /// The raw line the buffer starts on.
    buf_para: usize,
}

impl Builder {
    fn push(&mut self, text: &str, kind: UnitKind, para: usize) {
        let text = normalise_whitespace(text);
        if !text.is_empty() {
            let clause = kind == UnitKind::Heading && is_clause(&text);
            self.out.push(Unit { text, kind, para, clause });
        }
    }

    fn flush(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let normalised = normalise_whitespace(&buf);
        for s in split_sentences(&normalised) {
            self.out.push(Unit {
                text: s.to_string(),
                kind: UnitKind::Sentence,
                para: self.buf_para,
                clause: false,
            });
        }
    }

    fn append(&mut self, line: &str, para: usize) {
        if self.buf.is_empty() {
            self.buf_para = para;
        } else {
            self.buf.push(' ');
        }
        self.buf.push_str(line);
    }

    /// A caption line: what it shows (one unit) and its credit (another).
    fn caption(&mut self, body: &str, credit: &str, para: usize) {
        self.flush();
        self.push(body, UnitKind::Caption, para);
        self.push(credit, UnitKind::Credit, para);
    }

    /// One line; `verse` when it is part of a run of short lines leading into a sentence.
    fn line(&mut self, line: &str, para: usize, verse: bool) {
        if let Some((body, credit)) = caption_parts(line) {
            self.caption(body, credit, para);
            return;
        }
        if is_credit(line) {
            self.flush();
            self.push(line, UnitKind::Credit, para);
            return;
        }
        let bare = !ends_terminal(line) && !ends_open(line);
        let short = word_count(line) <= HEADING_MAX_WORDS;
        if bare && short && self.buf.is_empty() && !verse {
            self.push(line, UnitKind::Heading, para);
            return;
        }
        // "Gathering momentum:" + "Concentrate efforts to …": a two-line heading.
        if bare
            && short
            && self.buf.trim_end().ends_with([':', '：'])
            && !self.buf.contains(['.', '。'])
        {
            self.append(line, para);
            let heading = std::mem::take(&mut self.buf);
            self.push(&heading, UnitKind::Heading, self.buf_para);
            return;
        }
        self.append(line, para);
        if ends_terminal(line) || (bare && !short) {
            self.flush();
        }
    }
}

/// True when the short bare line at `i` starts verse: it and the short bare lines after it lead
/// into a line that goes on after a comma or dash.
fn starts_verse(lines: &[(usize, &str)], i: usize) -> bool {
    let plain = |l: &str| is_bare_short(l) && caption_parts(l).is_none() && !is_credit(l);
    lines[i..].iter().map(|(_, l)| *l).find(|l| !plain(l)).is_some_and(|l| {
        ends_continuing(l) && caption_parts(l).is_none() && !is_credit(l) && !is_footer(l)
    })
}

/// The units of a raw document, in order. `title` is the document's title from the document
/// list, when it has one.
pub(crate) fn segment(raw: &str, title: Option<&str>) -> Vec<Unit> {
    let lines: Vec<(usize, &str)> =
        raw.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty()).collect();
    let title = title_of(&lines, title);
    let mut b = Builder { out: Vec::new(), buf: String::new(), buf_para: 0 };
    let mut verse = false;
    let mut rest = lines.len();
    for (k, &(para, line)) in lines.iter().enumerate() {
        if is_footer(line) {
            b.flush();
            b.push(line, UnitKind::Boilerplate, para);
            rest = k + 1;
            break;
        }
        if title.as_deref().is_some_and(|t| title_key(line) == t) {
            b.flush();
            b.push(line, UnitKind::Title, para);
            continue;
        }
        // A verse run lasts until the line it leads into.
        if !is_bare_short(line) {
            verse = false;
        } else if !verse && b.buf.is_empty() {
            verse = starts_verse(&lines, k);
        }
        b.line(line, para, verse);
    }
    b.flush();
    for &(para, line) in &lines[rest.min(lines.len())..] {
        b.push(line, UnitKind::Boilerplate, para);
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<(UnitKind, String)> {
        segment(raw, None).into_iter().map(|u| (u.kind, u.text)).collect()
    }

    #[test]
    fn credit_is_split_from_the_heading_below_it() {
        let raw = "△Picture source published by Gaoyao\n\nSihui City-Dasha Town\n\nIn 2023, Dasha Town ranked 816th.";
        assert_eq!(
            kinds(raw),
            vec![
                (UnitKind::Credit, "Picture source published by Gaoyao".into()),
                (UnitKind::Heading, "Sihui City-Dasha Town".into()),
                (UnitKind::Sentence, "In 2023, Dasha Town ranked 816th.".into()),
            ]
        );
    }

    #[test]
    fn comma_lines_join_and_footer_ends_the_article() {
        let raw = "Zhaoqing will continue,\n\nThe blueprint of projects\n\nConvert to \"real picture\".\n\nNo comments:\n\nPost a Comment\n\nZhaoqing may welcome flying cars";
        let units = kinds(raw);
        assert_eq!(
            units[0],
            (
                UnitKind::Sentence,
                "Zhaoqing will continue, The blueprint of projects Convert to \"real picture\"."
                    .into()
            )
        );
        assert!(units[1..].iter().all(|(k, _)| *k == UnitKind::Boilerplate), "{units:?}");
        assert_eq!(units.len(), 4);
    }

    #[test]
    fn bylines_and_credits_are_credits() {
        for line in [
            "Source: Gaoyao Publishing",
            "Hong Kong Economic Herald 2023 Two Sessions Reporting Team Reporter Sun Lei",
            "Released by Zhaoqing 2023-10-20 19:16 Published in Guangdong",
        ] {
            assert_eq!(kinds(line), vec![(UnitKind::Credit, line.to_string())], "{line}");
        }
        assert_eq!(kinds("Gathering momentum:\nConcentrate efforts")[0].0, UnitKind::Heading);
    }

    #[test]
    fn a_caption_shows_what_its_photo_shows_and_its_credit_is_apart() {
        assert_eq!(
            kinds("▲ Jinli hardware products. Photo by Chen Yancheng"),
            vec![
                (UnitKind::Caption, "Jinli hardware products.".into()),
                (UnitKind::Credit, "Photo by Chen Yancheng".into())
            ]
        );
        assert_eq!(
            kinds(
                "(Delegate to the National People’s Congress, Mayor of Zhaoqing City Xu Xiaoxiong)"
            ),
            vec![(
                UnitKind::Caption,
                "Delegate to the National People’s Congress, Mayor of Zhaoqing City Xu Xiaoxiong"
                    .into()
            )]
        );
        assert_eq!(
            kinds("△Photo provided by Gaoyao District Cultural Center"),
            vec![(UnitKind::Credit, "Photo provided by Gaoyao District Cultural Center".into())]
        );
    }

    #[test]
    fn the_title_and_its_teaser_are_titles() {
        let raw = "Top 1,000! These four towns in Zhaoqing were selected\n\n Top 1,000! These four towns in Zhaoqing were selected →\n\nThe towns grew.";
        let units = segment(raw, Some("Top 1,000! These four towns in Zhaoqing were selected"));
        assert_eq!(
            units.iter().map(|u| u.kind).collect::<Vec<_>>(),
            vec![UnitKind::Title, UnitKind::Title, UnitKind::Sentence]
        );
        // Without the document list's title, the repeat at the top of the page gives it away.
        assert_eq!(kinds(raw)[1].0, UnitKind::Title);
    }

    #[test]
    fn verse_runs_into_one_sentence_and_headings_stay_headings() {
        let raw = "A bustling construction site\nJinli Starting Area\nThis is the tower in Zhaoqing,\nJinli Town, Gaoyao District.\n01\nAdhere to the principle\nJinli has 5800 enterprises.";
        assert_eq!(
            kinds(raw),
            vec![
                (UnitKind::Sentence, "A bustling construction site Jinli Starting Area This is the tower in Zhaoqing, Jinli Town, Gaoyao District.".into()),
                (UnitKind::Heading, "01".into()),
                (UnitKind::Heading, "Adhere to the principle".into()),
                (UnitKind::Sentence, "Jinli has 5800 enterprises.".into()),
            ]
        );
    }

    #[test]
    fn clause_headings_are_told_from_fragments() {
        let units = segment("Turn rural shortcomings into Zhaoqing’s potential\n\nThese four towns in Zhaoqing City\n\nWhat is the secret?", None);
        assert_eq!(
            units.iter().map(|u| (u.kind, u.clause)).collect::<Vec<_>>(),
            vec![
                (UnitKind::Heading, true),
                (UnitKind::Heading, false),
                (UnitKind::Sentence, false)
            ]
        );
    }
}
