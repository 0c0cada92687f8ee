//! The guided tour's bar: where we are, previous / next, and the stop's caption large enough to
//! read from the back of a classroom (26 pt, wrapped). Also the top bar's reader and tour buttons.

use egui::RichText;

use super::action::Action;
use super::reader::ReaderAction;
use super::tour_recorder::TourAction;
use crate::i18n::Lang;
use crate::model::tour::TourStop;

/// The caption's size in points: legible on a projector from the back row.
pub const CAPTION_SIZE: f32 = 26.0;

pub fn tour_bar_ui(ui: &mut egui::Ui, stops: &[TourStop], stop: usize, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(current) = stops.get(stop) else {
        return vec![Action::TourEnd];
    };
    ui.horizontal(|ui| {
        // Space steps the tour (keys.rs): no button of the bar keeps the focus to take it too.
        let clicked = |r: egui::Response| {
            let c = r.clicked();
            r.surrender_focus();
            c
        };
        if clicked(ui.add_enabled(stop > 0, egui::Button::new(lang.pick("◀ Previous", "◀ 上一站")))) {
            actions.push(Action::TourGo(stop - 1));
        }
        ui.label(RichText::new(format!("{} / {}", stop + 1, stops.len())).strong());
        if clicked(ui.add_enabled(stop + 1 < stops.len(), egui::Button::new(lang.pick("Next ▶", "下一站 ▶")))) {
            actions.push(Action::TourGo(stop + 1));
        }
        if clicked(ui.button(lang.pick("End tour", "结束导览"))) {
            actions.push(Action::TourEnd);
        }
        ui.label(RichText::new(lang.pick("Space / → / PageDown: next", "空格 / → / PageDown：下一站")).weak());
    });
    ui.add(egui::Label::new(RichText::new(lang.name(&current.caption_en, &current.caption_zh)).size(CAPTION_SIZE)).wrap());
    actions
}

/// "Reader" and "Tours" buttons, beside the top bar's own.
pub fn reader_buttons_ui(ui: &mut egui::Ui, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    if ui.button(lang.pick("Reader", "阅读")).on_hover_text(lang.pick("Read the documents with the map", "对照地图阅读文献")).clicked() {
        actions.push(Action::Reader(ReaderAction::Show(true)));
    }
    if ui.button(lang.pick("Tours…", "导览…")).on_hover_text(lang.pick("Record, save and play tours", "录制、保存、播放导览")).clicked() {
        actions.push(Action::Tour(TourAction::ShowRecorder(true)));
    }
    actions
}
