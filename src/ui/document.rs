//! The document viewer: the whole article, scrolled to the excerpt and with it highlighted.

use std::ops::Range;

use egui::{Color32, RichText};

use super::action::Action;
use crate::i18n::Lang;
use crate::model::Atlas;

pub struct DocumentView {
    pub file: String,
    pub excerpt: Option<String>,
    scrolled: bool,
}

impl DocumentView {
    pub fn new(file: String, excerpt: Option<String>) -> Self {
        DocumentView { file, excerpt, scrolled: false }
    }
}

/// Byte range in `text` of `excerpt`, comparing with all runs of whitespace collapsed (the
/// excerpts are stored whitespace-normalised; the articles break sentences across lines).
pub fn find_normalised(text: &str, excerpt: &str) -> Option<Range<usize>> {
    let mut norm = String::with_capacity(text.len());
    let mut starts: Vec<usize> = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !last_space {
                norm.push(' ');
                starts.push(i);
            }
            last_space = true;
        } else {
            norm.push(c);
            for _ in 0..c.len_utf8() {
                starts.push(i);
            }
            last_space = false;
        }
    }
    let needle: String = excerpt.split_whitespace().collect::<Vec<_>>().join(" ");
    if needle.is_empty() {
        return None;
    }
    let at = norm.find(&needle)?;
    let start = starts[at];
    let end_norm = at + needle.len() - 1;
    let last = starts[end_norm];
    let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
    Some(start..end)
}

/// A document's title as `lang` shows it (the atlas's translation in 中文, marked so, with the
/// original title kept below it; an untitled article by its topic).
pub fn title_ui(ui: &mut egui::Ui, doc: &crate::model::Document, lang: Lang) {
    ui.label(RichText::new(doc.display_title(lang)).strong().size(16.0));
    if let Some(original) = doc.original_title(lang) {
        ui.label(
            RichText::new(format!("{}{original}", lang.pick("Original title: ", "原标题：")))
                .weak(),
        );
        ui.label(
            RichText::new(lang.pick("Title translated by the atlas", "标题为本图集译文"))
                .weak()
                .small(),
        );
    }
}

/// The document window; returns `CloseDocument` when the user closes it (or the file is gone).
pub fn document_window(
    ctx: &egui::Context,
    atlas: &Atlas,
    view: &mut DocumentView,
    lang: Lang,
) -> Vec<Action> {
    let Some(doc) = atlas.document(&view.file) else {
        return vec![Action::CloseDocument];
    };
    let mut open = true;
    super::windows::in_map_area(
        ctx,
        egui::Window::new(RichText::new(lang.pick("Source document", "来源文献"))),
    )
    .open(&mut open)
    .default_size([640.0, 700.0])
    .vscroll(false)
    .show(ctx, |ui| {
        title_ui(ui, doc, lang);
        let publisher = doc.publisher_in(lang);
        let meta: Vec<&str> = [publisher.as_str(), doc.date.as_str(), doc.file.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        ui.label(RichText::new(meta.join(" · ")).weak());
        if !doc.note.is_empty() {
            let shown = doc.note_in(lang);
            super::details::data_note(ui, &doc.note, shown, lang, |t| RichText::new(t).italics());
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| article_ui(ui, &doc.text, view));
    });
    if open {
        Vec::new()
    } else {
        vec![Action::CloseDocument]
    }
}

/// One galley for the whole article (paragraphs keep their spacing), with the excerpt
/// highlighted; the first time, scroll so the excerpt is centred.
fn article_ui(ui: &mut egui::Ui, text: &str, view: &mut DocumentView) {
    let range = view.excerpt.as_deref().and_then(|e| find_normalised(text, e));
    let color = ui.visuals().text_color();
    let normal =
        egui::TextFormat { font_id: egui::FontId::proportional(14.0), color, ..Default::default() };
    let marked = egui::TextFormat {
        background: Color32::from_rgb(0xff, 0xe0, 0x8a),
        color: Color32::BLACK,
        ..normal.clone()
    };
    let mut job = egui::text::LayoutJob::default();
    let r = range.clone().unwrap_or(0..0);
    job.append(&text[..r.start], 0.0, normal.clone());
    job.append(&text[r.clone()], 0.0, marked);
    job.append(&text[r.end..], 0.0, normal);
    job.wrap.max_width = ui.available_width();
    let galley = ui.painter().layout_job(job);
    let response = ui.label(galley.clone());
    if range.is_some() && !view.scrolled {
        let start_char = text[..r.start].chars().count();
        let at = galley.pos_from_cursor(egui::text::CCursor::new(start_char));
        ui.scroll_to_rect(at.translate(response.rect.min.to_vec2()), Some(egui::Align::Center));
        view.scrolled = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_excerpt_across_line_breaks() {
        let text = "Intro.\nThe total industrial output value of Jinli Town reached 47.51 billion yuan,\nA year-on-year increase";
        let r = find_normalised(text, "Jinli Town reached 47.51 billion yuan, A year-on-year")
            .expect("found");
        assert!(text[r.clone()].starts_with("Jinli Town"));
        assert!(text[r].ends_with("year-on-year"));
        assert!(find_normalised(text, "not in the text").is_none());
    }
}
