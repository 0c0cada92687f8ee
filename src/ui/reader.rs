//! Reader mode: the documents listed, and one document read whole with every place it mentions
//! marked — a sentence *about* the place (curated excerpt, found by name, by section or
//! paragraph each look different) apart from a passing *mention* (grey) —, the Chinese name
//! beside each mark. Hovering a mark lights the place on the map; clicking flies there and
//! selects it.

use std::ops::Range;

use egui::{Color32, RichText, Sense};

use super::action::Action;
use crate::i18n::Lang;
use crate::model::mentions::{name_zh, DocumentMentions, Mention};
use crate::model::{Atlas, LinkKind, Relevance, Subject};

/// What the reader asks of the application.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderAction {
    /// Show the reader window (the document list when no document is open).
    Show(bool),
    Open(String),
    /// Back to the list.
    CloseDocument,
    /// The mark under the pointer changed (`None`: none).
    Hover(Option<Subject>),
    /// Show only the places of the open document on the map.
    SetOnlyMentioned(bool),
    /// Play the open document's tour.
    PlayDocumentTour,
}

/// What the reader window shows.
pub struct ReaderInput<'a> {
    pub atlas: &'a Atlas,
    pub lang: Lang,
    pub doc: Option<&'a DocumentMentions>,
    /// Places mentioned by each document of `atlas.documents`, same order.
    pub counts: &'a [usize],
    pub only_mentioned: bool,
    pub hovered: Option<&'a Subject>,
}

/// The reader window; returns `Show(false)` when closed.
pub fn reader_window(ctx: &egui::Context, input: &ReaderInput) -> Vec<Action> {
    let lang = input.lang;
    let mut open = true;
    let mut actions = Vec::new();
    super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Reader", "阅读")))
        .open(&mut open)
        .default_size([720.0, 720.0])
        .vscroll(false)
        .show(ctx, |ui| match input.doc {
            Some(doc) => actions = document_ui(ui, input, doc),
            None => actions = documents_list_ui(ui, input),
        });
    if !open {
        actions.push(Action::Reader(ReaderAction::Show(false)));
    }
    actions
}

/// Every document: title, publisher, date where stated, number of places mentioned.
fn documents_list_ui(ui: &mut egui::Ui, input: &ReaderInput) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    ui.label(RichText::new(lang.pick("Documents", "文献")).strong().size(16.0));
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("documents").striped(true).num_columns(4).show(ui, |ui| {
            for h in [
                lang.pick("Title", "标题"),
                lang.pick("Publisher", "发布者"),
                lang.pick("Date", "日期"),
                lang.pick("Places", "地点"),
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (i, doc) in input.atlas.documents.iter().enumerate() {
                let title = doc.display_title(lang);
                let hover = match doc.original_title(lang) {
                    Some(original) => format!("{original}\n{}", doc.file),
                    None => doc.file.clone(),
                };
                if ui
                    .add_sized([360.0, 20.0], egui::Button::new(title).truncate())
                    .on_hover_text(hover)
                    .clicked()
                {
                    actions.push(Action::Reader(ReaderAction::Open(doc.file.clone())));
                }
                ui.label(doc.publisher_in(lang));
                ui.label(&doc.date);
                ui.label(input.counts.get(i).map(|n| n.to_string()).unwrap_or_default());
                ui.end_row();
            }
        });
    });
    actions
}

fn document_ui(ui: &mut egui::Ui, input: &ReaderInput, doc: &DocumentMentions) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    let meta = input.atlas.document(&doc.file);
    ui.horizontal(|ui| {
        if ui.button(lang.pick("◀ All documents", "◀ 全部文献")).clicked() {
            actions.push(Action::Reader(ReaderAction::CloseDocument));
        }
        let mut only = input.only_mentioned;
        if ui
            .checkbox(&mut only, lang.pick("Only these places on the map", "地图只显示这些地点"))
            .changed()
        {
            actions.push(Action::Reader(ReaderAction::SetOnlyMentioned(only)));
        }
        let play = ui.add_enabled(
            !doc.places.is_empty(),
            egui::Button::new(lang.pick("▶ Document tour", "▶ 文献导览")),
        );
        // Space steps the tour: a focused button would also take it and start the tour again.
        if play.clicked() {
            play.surrender_focus();
            actions.push(Action::Reader(ReaderAction::PlayDocumentTour));
        }
    });
    if let Some(m) = meta {
        super::document::title_ui(ui, m, lang);
        let publisher = m.publisher_in(lang);
        let line: Vec<&str> = [publisher.as_str(), m.date.as_str(), m.file.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        ui.label(RichText::new(line.join(" · ")).weak());
    }
    legend_ui(ui, lang);
    ui.separator();
    let mut hovered = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(190.0);
            places_list_ui(ui, input, doc, &mut actions, &mut hovered);
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("reader_text").auto_shrink([false, false]).show(
            ui,
            |ui| {
                text_ui(ui, input, doc, &mut actions, &mut hovered);
            },
        );
    });
    if hovered.as_ref() != input.hovered {
        actions.push(Action::Reader(ReaderAction::Hover(hovered)));
    }
    actions
}

/// The looks of a mark, explained once above the text: what a sentence about the place looks
/// like by how it was linked, and a passing mention.
fn legend_ui(ui: &mut egui::Ui, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.pick("About the place:", "关于该地：")).weak());
        for (kind, en, zh) in [
            (LinkKind::Curated, "curated excerpt", "精选摘录"),
            (LinkKind::ByName, "found by name", "按名称识别"),
            (LinkKind::BySection, "by section or paragraph", "按章节或段落"),
        ] {
            ui.label(RichText::new(lang.pick(en, zh)).background_color(mark_color(kind, Relevance::About)).color(Color32::BLACK));
        }
        ui.label(
            RichText::new(lang.pick("only mentioned in passing", "仅顺带提及"))
                .background_color(mark_color(LinkKind::ByName, Relevance::Mentioned))
                .color(Color32::BLACK),
        )
        .on_hover_text(lang.pick(
            "The sentence names the place only to locate a smaller place, as one item of a long list, in a comparison or in a generic lead-in.",
            "句中提到该地只是为了定位更小的地方、作为长列举之一、用于对比，或属泛泛的引导句。",
        ));
    });
}

/// A mark's background: by how it was linked when the sentence is about the place; one grey for
/// every passing mention, so a reader sees at a glance which sentences are about what.
fn mark_color(kind: LinkKind, relevance: Relevance) -> Color32 {
    match (relevance, kind) {
        (Relevance::Mentioned, _) => Color32::from_rgb(0xe2, 0xe2, 0xe2),
        (Relevance::About, LinkKind::Curated) => Color32::from_rgb(0xff, 0xd8, 0x6a),
        (Relevance::About, LinkKind::ByName) => Color32::from_rgb(0xbf, 0xdc, 0xff),
        (Relevance::About, LinkKind::BySection | LinkKind::ByParagraph) => {
            Color32::from_rgb(0xdd, 0xf0, 0xd4)
        }
    }
}

/// The places in order of first mention, with how often each is mentioned.
fn places_list_ui(
    ui: &mut egui::Ui,
    input: &ReaderInput,
    doc: &DocumentMentions,
    actions: &mut Vec<Action>,
    hovered: &mut Option<Subject>,
) {
    let lang = input.lang;
    ui.label(
        RichText::new(lang.pick("Places, in order of mention", "地点（按提及顺序）")).strong(),
    );
    egui::ScrollArea::vertical().id_salt("reader_places").auto_shrink([false, false]).show(
        ui,
        |ui| {
            for (i, p) in doc.places.iter().enumerate() {
                let label = format!(
                    "{}. {} ×{}",
                    i + 1,
                    subject_name(input.atlas, &p.subject, lang),
                    p.count
                );
                // A place the document only mentions in passing is listed in grey.
                let about = doc
                    .mentions
                    .iter()
                    .any(|m| m.subject == p.subject && m.relevance == Relevance::About);
                let text = if about {
                    RichText::new(label)
                } else {
                    RichText::new(format!("{label} · {}", lang.pick("in passing", "顺带"))).weak()
                };
                let r = ui.add(egui::Label::new(text).sense(Sense::click()));
                if r.hovered() {
                    *hovered = Some(p.subject.clone());
                }
                if r.clicked() {
                    actions.push(Action::Focus(p.subject.clone()));
                }
            }
        },
    );
}

/// The subject's name in the UI's language.
pub fn subject_name(atlas: &Atlas, subject: &Subject, lang: Lang) -> String {
    let en = match subject {
        Subject::Region(code) => {
            atlas.region_by_code(code).map(|i| atlas.regions[i].name_en.clone())
        }
        Subject::Place(id) => atlas.place_by_id(id).map(|p| p.name_en.clone()),
        Subject::Line(id) => atlas.line_by_id(id).map(|l| l.name_en.clone()),
        Subject::Feature(_) => None,
    }
    .unwrap_or_default();
    lang.name(&en, &name_zh(atlas, subject)).to_string()
}

/// A run of the text: plain, or inside a mark (the mention's index).
struct Piece {
    range: Range<usize>,
    mark: Option<usize>,
    /// The mark ends here: show the Chinese name after it.
    mark_ends: bool,
}

/// Mentions that do not overlap an earlier kept one, of one tier (names, or whole sentences).
fn non_overlapping(
    mentions: &[Mention],
    of: impl Fn(&Mention) -> Option<Range<usize>>,
) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> =
        mentions.iter().enumerate().filter_map(|(i, m)| of(m).map(|r| (r, i))).collect();
    // At the same spot, a sentence about the place wins over a passing mention, and the curated
    // excerpt's look over the automatic links.
    out.sort_by_key(|(r, i)| (r.start, mentions[*i].relevance, mentions[*i].kind as u8));
    let mut end = 0;
    out.retain(|(r, _)| {
        let keep = r.start >= end && !r.is_empty();
        if keep {
            end = r.end;
        }
        keep
    });
    out
}

/// Cuts the text at every mark boundary. Names are marked; a sentence linked without its
/// place's name (by section, or a curated excerpt not naming it) is marked whole, under names.
fn pieces(doc: &DocumentMentions) -> Vec<Piece> {
    let names = non_overlapping(&doc.mentions, |m| m.name.clone());
    let spans = non_overlapping(&doc.mentions, |m| m.name.is_none().then(|| m.sentence.clone()));
    let mut cuts: Vec<usize> = vec![0, doc.text.len()];
    cuts.extend(names.iter().chain(&spans).flat_map(|(r, _)| [r.start, r.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let (mut ni, mut si) = (0, 0);
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while ni < names.len() && names[ni].0.end <= a {
            ni += 1;
        }
        while si < spans.len() && spans[si].0.end <= a {
            si += 1;
        }
        let covering = |list: &[(Range<usize>, usize)], k: usize| {
            list.get(k).filter(|(r, _)| r.start <= a).map(|(r, i)| (*i, r.end == b))
        };
        let found = covering(&names, ni).or_else(|| covering(&spans, si));
        out.push(Piece {
            range: a..b,
            mark: found.map(|(i, _)| i),
            mark_ends: found.is_some_and(|(_, e)| e),
        });
    }
    out
}

/// The whole text, flowing, with the marks as clickable runs.
fn text_ui(
    ui: &mut egui::Ui,
    input: &ReaderInput,
    doc: &DocumentMentions,
    actions: &mut Vec<Action>,
    hovered: &mut Option<Subject>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(0.0, 2.0);
        for piece in pieces(doc) {
            let Some(text) = doc.text.get(piece.range.clone()) else { continue };
            let Some(i) = piece.mark else {
                ui.label(RichText::new(text).size(14.0));
                continue;
            };
            let m = &doc.mentions[i];
            let lit = input.hovered == Some(&m.subject);
            let mut rich = RichText::new(text)
                .size(14.0)
                .background_color(mark_color(m.kind, m.relevance))
                .color(Color32::BLACK);
            if lit || (m.kind == LinkKind::ByName && m.relevance == Relevance::About) {
                rich = rich.underline();
            }
            let r = ui
                .add(egui::Label::new(rich).sense(Sense::click()))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            if r.hovered() {
                *hovered = Some(m.subject.clone());
            }
            if r.clicked() {
                actions.push(Action::Focus(m.subject.clone()));
            }
            if piece.mark_ends {
                let zh = name_zh(input.atlas, &m.subject);
                ui.label(
                    RichText::new(format!(" 〔{zh}〕"))
                        .size(12.0)
                        .color(Color32::from_rgb(0x8a, 0x2b, 0x1e)),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(sentence: Range<usize>, name: Option<Range<usize>>) -> Mention {
        Mention {
            subject: Subject::Region("1".into()),
            kind: LinkKind::ByName,
            relevance: Relevance::About,
            sentence,
            name,
        }
    }

    #[test]
    fn pieces_cover_the_text_with_names_over_sentences() {
        let text = "Aa Bb cc. Dd ee.".to_string();
        let doc = DocumentMentions {
            file: "f".into(),
            text,
            mentions: vec![mention(0..9, Some(3..5)), mention(0..9, None), mention(10..16, None)],
            places: Vec::new(),
        };
        let p = pieces(&doc);
        let spans: Vec<(Range<usize>, Option<usize>)> =
            p.iter().map(|p| (p.range.clone(), p.mark)).collect();
        assert_eq!(
            spans,
            vec![
                (0..3, Some(1)),
                (3..5, Some(0)),
                (5..9, Some(1)),
                (9..10, None),
                (10..16, Some(2))
            ]
        );
    }
}
