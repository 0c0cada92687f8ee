//! The guided tour's bar: where we are, previous / next, and the stop's caption large enough to
//! read from the back of a classroom (26 pt, wrapped), starting with the stop's position and its
//! name in both languages. Also the top bar's reader and tour buttons.

use egui::RichText;

use super::action::Action;
use super::reader::ReaderAction;
use super::tour_recorder::TourAction;
use crate::i18n::Lang;
use crate::model::tour::TourStop;
use crate::model::Atlas;

/// The caption's size in points: legible on a projector from the back row.
pub const CAPTION_SIZE: f32 = 26.0;

/// "5/26 · Dasha Town 大沙镇 — caption": the stop's position, its name in the interface's
/// language then the other (once when they are the same or one is missing), then the caption.
/// A class that looked away knows where the map is and how far the tour has come; captions
/// written for one stop ("Top 1,000 in the country!") no longer read alike on five.
pub fn stop_caption(
    stop: usize,
    total: usize,
    names: Option<(&str, &str)>,
    caption: &str,
    lang: Lang,
) -> String {
    let mut text = format!("{}/{total}", stop + 1);
    if let Some((en, zh)) = names {
        let (first, second) = match lang {
            Lang::En => (en, zh),
            Lang::Zh => (zh, en),
        };
        let name = match (first.trim(), second.trim()) {
            ("", other) | (other, "") => other.to_string(),
            (a, b) if a == b => a.to_string(),
            (a, b) => format!("{a} {b}"),
        };
        if !name.is_empty() {
            text.push_str(" · ");
            text.push_str(&name);
        }
    }
    let caption = caption.trim();
    if !caption.is_empty() {
        text.push_str(" — ");
        text.push_str(caption);
    }
    text
}

/// The stop's caption line for `lang` (see [`stop_caption`]).
pub fn stop_caption_of(atlas: &Atlas, stops: &[TourStop], stop: usize, lang: Lang) -> String {
    let Some(current) = stops.get(stop) else { return String::new() };
    let names = current.subject.as_ref().map(|s| {
        (
            super::reader::subject_name(atlas, s, Lang::En),
            super::reader::subject_name(atlas, s, Lang::Zh),
        )
    });
    let names = names.as_ref().map(|(en, zh)| (en.as_str(), zh.as_str()));
    stop_caption(
        stop,
        stops.len(),
        names,
        lang.name(&current.caption_en, &current.caption_zh),
        lang,
    )
}

pub fn tour_bar_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    stops: &[TourStop],
    stop: usize,
    lang: Lang,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if stop >= stops.len() {
        return vec![Action::TourEnd];
    }
    ui.horizontal(|ui| {
        // Space steps the tour (keys.rs): no button of the bar keeps the focus to take it too.
        let clicked = |r: egui::Response| {
            let c = r.clicked();
            r.surrender_focus();
            c
        };
        if clicked(ui.add_enabled(stop > 0, egui::Button::new(lang.pick("◀ Previous", "◀ 上一站"))))
        {
            actions.push(Action::TourGo(stop - 1));
        }
        if clicked(ui.add_enabled(
            stop + 1 < stops.len(),
            egui::Button::new(lang.pick("Next ▶", "下一站 ▶")),
        )) {
            actions.push(Action::TourGo(stop + 1));
        }
        if clicked(ui.button(lang.pick("End tour", "结束导览"))) {
            actions.push(Action::TourEnd);
        }
        ui.label(
            RichText::new(lang.pick("Space / → / PageDown: next", "空格 / → / PageDown：下一站"))
                .weak(),
        );
    });
    ui.add(
        egui::Label::new(
            RichText::new(stop_caption_of(atlas, stops, stop, lang)).size(CAPTION_SIZE),
        )
        .wrap(),
    );
    actions
}

/// "Reader" and "Tours" buttons, beside the top bar's own. While `presenting` their windows
/// are not drawn (they would cover the map the room looks at), so the buttons are disabled and
/// say why instead of doing nothing.
pub fn reader_buttons_ui(ui: &mut egui::Ui, lang: Lang, presenting: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let why = lang.pick(
        "Leave presentation (Esc) to open it: its window would cover the map",
        "退出演示 (Esc) 后可打开：其窗口会遮挡地图",
    );
    let reader = ui.add_enabled(!presenting, egui::Button::new(lang.pick("Reader", "阅读")));
    if reader
        .on_hover_text(lang.pick("Read the documents with the map", "对照地图阅读文献"))
        .on_disabled_hover_text(why)
        .clicked()
    {
        actions.push(Action::Reader(ReaderAction::Show(true)));
    }
    let tours = ui.add_enabled(!presenting, egui::Button::new(lang.pick("Tours…", "导览管理…")));
    if tours
        .on_hover_text(lang.pick("Record, save and play tours", "录制、保存、播放导览"))
        .on_disabled_hover_text(why)
        .clicked()
    {
        actions.push(Action::Tour(TourAction::ShowRecorder(true)));
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caption_starts_with_the_position_and_both_names() {
        let names = Some(("Dasha Town", "大沙镇"));
        assert_eq!(
            stop_caption(4, 26, names, "Top 1,000 in the country!", Lang::En),
            "5/26 · Dasha Town 大沙镇 — Top 1,000 in the country!"
        );
        assert_eq!(
            stop_caption(4, 26, names, "全国千强镇！", Lang::Zh),
            "5/26 · 大沙镇 Dasha Town — 全国千强镇！"
        );
        assert_eq!(stop_caption(0, 3, Some(("", "金利镇")), "", Lang::En), "1/3 · 金利镇");
        assert_eq!(
            stop_caption(2, 3, None, "The Pearl River Delta", Lang::En),
            "3/3 — The Pearl River Delta"
        );
    }
}
