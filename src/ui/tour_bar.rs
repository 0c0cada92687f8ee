//! The guided tour's bar: where we are, and previous / next.

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::model::tour::TourStop;

pub fn tour_bar_ui(ui: &mut egui::Ui, stops: &[TourStop], stop: usize, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(current) = stops.get(stop) else {
        return vec![Action::TourEnd];
    };
    ui.horizontal(|ui| {
        if ui.add_enabled(stop > 0, egui::Button::new(lang.pick("◀ Previous", "◀ 上一站"))).clicked() {
            actions.push(Action::TourGo(stop - 1));
        }
        ui.label(RichText::new(format!("{} / {}", stop + 1, stops.len())).strong());
        ui.label(RichText::new(lang.name(&current.caption_en, &current.caption_zh)).size(16.0));
        if ui.add_enabled(stop + 1 < stops.len(), egui::Button::new(lang.pick("Next ▶", "下一站 ▶"))).clicked() {
            actions.push(Action::TourGo(stop + 1));
        }
    });
    actions
}
