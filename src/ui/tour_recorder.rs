//! Recording a tour in the app: add the current view and selection as a stop, edit its caption,
//! reorder, delete, save to `data/tours/<name>.csv`; the saved tours can be played from here.

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::model::tour::{Tour, TourStop};
use crate::model::Atlas;

#[derive(Clone, Debug, PartialEq)]
pub enum TourAction {
    /// Show or hide the recorder window.
    ShowRecorder(bool),
    /// Append the current view and selection as a stop.
    AddStop,
    EditCaption {
        stop: usize,
        en: String,
        zh: String,
    },
    Move {
        stop: usize,
        up: bool,
    },
    Delete(usize),
    /// Write the recorded stops to `data/tours/<name>.csv`.
    Save(String),
    /// Play a saved tour (index in the loaded tours) or, with `None`, the one being recorded.
    Play(Option<usize>),
    /// The top bar's "▶ Guided tour": always the classroom tour (`data/tours/classroom.csv`),
    /// whatever tour was played last (a document's tour has its own button in the reader).
    PlayGuided,
    /// Next (+1) or previous (−1) stop of the running tour (Space, arrows, PageUp/PageDown).
    Step(i32),
}

pub struct RecorderInput<'a> {
    pub atlas: &'a Atlas,
    pub lang: Lang,
    pub stops: &'a [TourStop],
    pub tours: &'a [Tour],
    /// The last save's outcome.
    pub status: Option<&'a str>,
}

/// The recorder window; `name` is the tour name being typed.
pub fn recorder_window(
    ctx: &egui::Context,
    input: &RecorderInput,
    name: &mut String,
) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    let mut open = true;
    super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Tours", "导览")))
        .open(&mut open)
        .default_size([460.0, 480.0])
        .show(ctx, |ui| {
            saved_tours_ui(ui, input, &mut actions);
            ui.separator();
            ui.label(RichText::new(lang.pick("Record a tour", "录制导览")).strong());
            if ui
                .button(
                    lang.pick(
                        "＋ Add stop (this view and selection)",
                        "＋ 添加一站（当前视图与选择）",
                    ),
                )
                .clicked()
            {
                actions.push(Action::Tour(TourAction::AddStop));
            }
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| stops_ui(ui, input, &mut actions));
            ui.horizontal(|ui| {
                ui.label(lang.pick("Name", "名称"));
                ui.text_edit_singleline(name);
                let can = !input.stops.is_empty() && !name.trim().is_empty();
                if ui.add_enabled(can, egui::Button::new(lang.pick("Save", "保存"))).clicked() {
                    actions.push(Action::Tour(TourAction::Save(name.clone())));
                }
                if ui
                    .add_enabled(
                        !input.stops.is_empty(),
                        egui::Button::new(lang.pick("▶ Play", "▶ 播放")),
                    )
                    .clicked()
                {
                    actions.push(Action::Tour(TourAction::Play(None)));
                }
            });
            if let Some(s) = input.status {
                ui.label(s);
            }
        });
    if !open {
        actions.push(Action::Tour(TourAction::ShowRecorder(false)));
    }
    actions
}

fn saved_tours_ui(ui: &mut egui::Ui, input: &RecorderInput, actions: &mut Vec<Action>) {
    let lang = input.lang;
    ui.label(
        RichText::new(lang.pick("Saved tours (data/tours/)", "已保存的导览（data/tours/）"))
            .strong(),
    );
    for (i, tour) in input.tours.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui.button("▶").clicked() {
                actions.push(Action::Tour(TourAction::Play(Some(i))));
            }
            ui.label(format!("{} ({} {})", tour.name, tour.stops.len(), lang.pick("stops", "站")));
        });
    }
}

/// One row per recorded stop: what it shows, its captions, up/down/delete.
fn stops_ui(ui: &mut egui::Ui, input: &RecorderInput, actions: &mut Vec<Action>) {
    let lang = input.lang;
    let n = input.stops.len();
    for (i, stop) in input.stops.iter().enumerate() {
        ui.push_id(i, |ui| {
            let what = stop.subject.as_ref().map_or_else(
                || lang.pick("(view only)", "（仅视图）").to_string(),
                |s| input.atlas.subject_label(s),
            );
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{}. {what}", i + 1)).strong());
                if ui.add_enabled(i > 0, egui::Button::new("▲")).clicked() {
                    actions.push(Action::Tour(TourAction::Move { stop: i, up: true }));
                }
                if ui.add_enabled(i + 1 < n, egui::Button::new("▼")).clicked() {
                    actions.push(Action::Tour(TourAction::Move { stop: i, up: false }));
                }
                if ui.button(lang.pick("Delete", "删除")).clicked() {
                    actions.push(Action::Tour(TourAction::Delete(i)));
                }
            });
            let (mut en, mut zh) = (stop.caption_en.clone(), stop.caption_zh.clone());
            let a = ui
                .add(egui::TextEdit::singleline(&mut en).hint_text("Caption (English)"))
                .changed();
            let b = ui.add(egui::TextEdit::singleline(&mut zh).hint_text("说明（中文）")).changed();
            if a || b {
                actions.push(Action::Tour(TourAction::EditCaption { stop: i, en, zh }));
            }
        });
    }
}
