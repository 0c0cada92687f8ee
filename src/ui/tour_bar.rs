//! The guided tour's bar: where we are, and previous / next.

use egui::RichText;

use crate::app::{Action, AtlasApp};

pub fn tour_bar_ui(app: &mut AtlasApp, ui: &mut egui::Ui) {
    let Some(stop) = app.tour_stop else { return };
    let lang = app.settings.lang;
    let n = app.tour.len();
    let Some(current) = app.tour.get(stop).cloned() else {
        app.tour_stop = None;
        return;
    };
    ui.horizontal(|ui| {
        if ui.add_enabled(stop > 0, egui::Button::new(lang.pick("◀ Previous", "◀ 上一站"))).clicked() {
            app.tour_stop = Some(stop - 1);
            app.push(Action::Focus(app.tour[stop - 1].subject.clone()));
        }
        ui.label(RichText::new(format!("{} / {}", stop + 1, n)).strong());
        ui.label(RichText::new(lang.name(&current.caption_en, &current.caption_zh)).size(16.0));
        if ui.add_enabled(stop + 1 < n, egui::Button::new(lang.pick("Next ▶", "下一站 ▶"))).clicked() {
            app.tour_stop = Some(stop + 1);
            app.push(Action::Focus(app.tour[stop + 1].subject.clone()));
        }
    });
}
