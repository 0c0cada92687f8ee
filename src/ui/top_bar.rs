//! The top bar: search, home, export, language, large text, tour.

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::model::{Atlas, Subject};

/// What the top bar shows besides the atlas.
pub struct TopBarInput<'a> {
    pub atlas: &'a Atlas,
    pub lang: Lang,
    pub classroom: bool,
    /// `None` when there is no tour; else whether it is running.
    pub tour_running: Option<bool>,
    /// The measure tool is on (issue 12).
    pub measuring: bool,
}

/// The bar's own state: the search text being typed.
#[derive(Default)]
pub struct TopBarState {
    pub search_text: String,
}

pub fn top_bar_ui(ui: &mut egui::Ui, input: &TopBarInput, state: &mut TopBarState) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.pick("Guangdong Atlas", "广东地图集")).strong().size(17.0));
        ui.separator();
        search_box_ui(ui, input, state, &mut actions);
        if ui.button(lang.pick("Whole province", "全省")).on_hover_text(lang.pick("Key: Home", "快捷键：Home")).clicked() {
            actions.push(Action::Home);
        }
        if ui.button(lang.pick("Export…", "导出…")).on_hover_text(lang.pick("PNG, SVG or PDF for reports", "导出 PNG、SVG 或 PDF 图")).clicked() {
            actions.push(Action::OpenExport);
        }
        actions.extend(super::measure::measure_toggle_ui(ui, lang, input.measuring));
        ui.separator();
        if ui.selectable_label(lang == Lang::En, "English").clicked() {
            actions.push(Action::SetLang(Lang::En));
        }
        if ui.selectable_label(lang == Lang::Zh, "中文").clicked() {
            actions.push(Action::SetLang(Lang::Zh));
        }
        ui.separator();
        let mut classroom = input.classroom;
        if ui.checkbox(&mut classroom, lang.pick("Large text", "大字模式")).changed() {
            actions.push(Action::SetClassroom(classroom));
        }
        tour_button_ui(ui, input, &mut actions);
    });
    search_results_ui(ui, input, state, &mut actions);
    actions
}

fn search_box_ui(ui: &mut egui::Ui, input: &TopBarInput, state: &mut TopBarState, actions: &mut Vec<Action>) {
    let lang = input.lang;
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.search_text)
            .hint_text(lang.pick("Search a place: 金利镇, Gaoyao, 441204…", "搜索地名：金利镇、Gaoyao、441204…"))
            .desired_width(280.0),
    );
    if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        if let Some(first) = input.atlas.find(&state.search_text).into_iter().next() {
            actions.push(Action::Focus(first));
            state.search_text.clear();
        }
    }
}

fn tour_button_ui(ui: &mut egui::Ui, input: &TopBarInput, actions: &mut Vec<Action>) {
    let lang = input.lang;
    let Some(running) = input.tour_running else { return };
    let label = if running { lang.pick("End tour", "结束导览") } else { lang.pick("▶ Guided tour", "▶ 课堂导览") };
    if ui.button(label).clicked() {
        actions.push(if running { Action::TourEnd } else { Action::TourGo(0) });
    }
}

/// Live results under the search box.
fn search_results_ui(ui: &mut egui::Ui, input: &TopBarInput, state: &mut TopBarState, actions: &mut Vec<Action>) {
    let lang = input.lang;
    let query = state.search_text.trim().to_string();
    if query.is_empty() {
        return;
    }
    let results: Vec<Subject> = input.atlas.find(&query).into_iter().take(10).collect();
    if results.is_empty() {
        ui.label(RichText::new(lang.pick("No match", "无匹配结果")).weak());
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for subject in results {
            let text = input.atlas.search_label(&subject, lang == Lang::Zh);
            if ui.small_button(text).clicked() {
                actions.push(Action::Focus(subject));
                state.search_text.clear();
            }
        }
    });
}
