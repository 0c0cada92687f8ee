//! The top bar: search, home, export, measure, language, large text, tour, reader, tours,
//! presentation — laid out to the window's width: what does not fit goes into a "⋯" menu at the
//! bar's end instead of running off the right edge (issue 19: at 1280×720 with Large text or
//! presenting, Reader, Tours and Present were off screen). Search results drop down under the
//! search box instead of spilling into the bar.

use std::collections::HashMap;

use egui::RichText;

use super::action::Action;
use super::layout::LayoutAction;
use crate::i18n::Lang;
use crate::model::{Atlas, Subject};

/// What the top bar shows besides the atlas.
pub struct TopBarInput<'a> {
    pub atlas: &'a Atlas,
    pub lang: Lang,
    pub classroom: bool,
    /// `None` when there is no guided tour and none is running; else whether one is running.
    pub tour_running: Option<bool>,
    /// The measure tool is on (issue 12).
    pub measuring: bool,
    /// Presentation mode, its high-contrast style and whether its legend is shown.
    pub presenting: bool,
    pub high_contrast: bool,
    pub legend_shown: bool,
    /// The window is too narrow for both side panels (`app::layout`): the bar offers the layers
    /// panel's toggle, `layers_open` saying whether it is shown.
    pub narrow: bool,
    pub layers_open: bool,
    /// Something is selected and its details are shown (narrow windows offer their toggle).
    pub details: Option<bool>,
}

/// The bar's own state: the search text being typed, and the width each piece took when last
/// drawn in the bar (the fitting uses them; measured again when the language or text size
/// changes).
#[derive(Default)]
pub struct TopBarState {
    pub search_text: String,
    widths: HashMap<String, f32>,
    measured_for: Option<(Lang, u32)>,
}

/// One piece of the bar: a key naming it and its variant (for its measured width), how
/// important it is (lower is kept first when the bar is too narrow), and whether it may go into
/// the "⋯" menu (else it is left out: the title).
struct Piece {
    key: String,
    priority: u8,
    in_menu: bool,
    kind: PieceKind,
}

#[derive(Clone, Copy, PartialEq)]
enum PieceKind {
    Presentation,
    LayersToggle,
    Title,
    Search,
    Home,
    Export,
    Measure,
    Tour,
    Reader,
    Language,
    LargeText,
    Present,
}

/// The pieces, in the bar's order.
fn pieces(input: &TopBarInput) -> Vec<Piece> {
    let p = |key: &str, priority: u8, in_menu: bool, kind: PieceKind| Piece {
        key: key.to_string(),
        priority,
        in_menu,
        kind,
    };
    let mut out = Vec::new();
    if input.presenting {
        // Presenting, the way out and the contrast switch come first and always show.
        out.push(p(
            &format!("presentation:{}:{}", input.high_contrast, input.legend_shown),
            0,
            false,
            PieceKind::Presentation,
        ));
    } else if input.narrow {
        out.push(p(
            &format!("layers:{}:{:?}", input.layers_open, input.details),
            1,
            false,
            PieceKind::LayersToggle,
        ));
    }
    out.push(p("title", 12, false, PieceKind::Title));
    out.push(p("search", 1, false, PieceKind::Search));
    out.push(p("home", 2, true, PieceKind::Home));
    out.push(p("export", 6, true, PieceKind::Export));
    out.push(p(&format!("measure:{}", input.measuring), 3, true, PieceKind::Measure));
    out.push(p("language", 9, true, PieceKind::Language));
    out.push(p("large", 10, true, PieceKind::LargeText));
    if let Some(running) = input.tour_running {
        out.push(p(&format!("tour:{running}"), 4, true, PieceKind::Tour));
    }
    out.push(p("reader", 7, true, PieceKind::Reader));
    if !input.presenting {
        out.push(p("present", 5, true, PieceKind::Present));
    }
    out
}

/// Width of the "More ▼" menu button with its spacing, points (a little more than it takes).
const MENU_BUTTON_WIDTH: f32 = 80.0;

pub fn top_bar_ui(ui: &mut egui::Ui, input: &TopBarInput, state: &mut TopBarState) -> Vec<Action> {
    let mut actions = Vec::new();
    let zoom_key = (ui.ctx().zoom_factor() * 100.0).round() as u32;
    if state.measured_for != Some((input.lang, zoom_key)) {
        state.widths.clear();
        state.measured_for = Some((input.lang, zoom_key));
    }
    let all = pieces(input);
    let spacing = ui.spacing().item_spacing.x;
    let known: Option<Vec<f32>> =
        all.iter().map(|p| state.widths.get(&p.key).map(|w| w + spacing)).collect();
    let (inline, menu): (Vec<&Piece>, Vec<&Piece>) = match known {
        Some(widths) => fit(&all, &widths, ui.available_width()),
        // A piece never drawn yet: draw them all in a row this pass to measure them, and run the
        // pass again at once (the row that ran off the edge is never shown).
        None => {
            ui.ctx().request_discard("measure the top bar");
            (all.iter().collect(), Vec::new())
        }
    };
    let mut search = None;
    ui.horizontal(|ui| {
        for piece in &inline {
            let r = ui
                .horizontal(|ui| piece_ui(ui, piece.kind, input, state, &mut actions, &mut search));
            state.widths.insert(piece.key.clone(), r.response.rect.width());
        }
        if !menu.is_empty() {
            ui.menu_button(input.lang.pick("More ▼", "更多 ▼"), |ui| {
                for piece in &menu {
                    ui.horizontal(|ui| {
                        piece_ui(ui, piece.kind, input, state, &mut actions, &mut search)
                    });
                }
            })
            .response
            .on_hover_text(input.lang.pick("The tools that do not fit the bar", "放不下的工具"));
        }
    });
    if let Some(search) = search {
        search_results_ui(ui, &search, input, state, &mut actions);
    }
    actions
}

/// Which pieces show in the bar and which go into the menu: the most important first while they
/// fit `available` (less the menu button when something is left over); the bar keeps its order.
fn fit<'p>(all: &'p [Piece], widths: &[f32], available: f32) -> (Vec<&'p Piece>, Vec<&'p Piece>) {
    let total: f32 = widths.iter().sum();
    if total <= available {
        return (all.iter().collect(), Vec::new());
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| all[i].priority);
    let mut used = MENU_BUTTON_WIDTH;
    let mut shown = vec![false; all.len()];
    for i in order {
        if used + widths[i] <= available {
            used += widths[i];
            shown[i] = true;
        }
    }
    let inline = all.iter().zip(&shown).filter(|(_, s)| **s).map(|(p, _)| p).collect();
    let menu = all.iter().zip(&shown).filter(|(p, s)| !**s && p.in_menu).map(|(p, _)| p).collect();
    (inline, menu)
}

fn piece_ui(
    ui: &mut egui::Ui,
    kind: PieceKind,
    input: &TopBarInput,
    state: &mut TopBarState,
    actions: &mut Vec<Action>,
    search: &mut Option<egui::Response>,
) {
    let lang = input.lang;
    match kind {
        PieceKind::Presentation => actions.extend(super::presentation::presentation_buttons_ui(
            ui,
            lang,
            true,
            input.high_contrast,
            input.legend_shown,
        )),
        PieceKind::Present => actions.extend(super::presentation::presentation_buttons_ui(
            ui,
            lang,
            false,
            input.high_contrast,
            input.legend_shown,
        )),
        PieceKind::LayersToggle => {
            let hint =
                lang.pick("Layers, thematic map, basemap, legend", "图层、专题地图、底图、图例");
            if ui
                .selectable_label(input.layers_open, lang.pick("Layers", "图层"))
                .on_hover_text(hint)
                .clicked()
            {
                actions.push(Action::Layout(LayoutAction::ShowLayers(!input.layers_open)));
            }
            if let Some(shown) = input.details {
                if ui
                    .selectable_label(shown, lang.pick("Details", "详情"))
                    .on_hover_text(lang.pick("The selection's details", "所选对象的详情"))
                    .clicked()
                {
                    actions.push(Action::Layout(LayoutAction::ShowDetails(!shown)));
                }
            }
        }
        PieceKind::Title => {
            ui.label(RichText::new(lang.pick("Guangdong Atlas", "广东地图集")).strong().size(17.0));
            ui.separator();
        }
        PieceKind::Search => *search = Some(search_box_ui(ui, input, state, actions)),
        PieceKind::Home => {
            if ui
                .button(lang.pick("Whole province", "全省"))
                .on_hover_text(lang.pick("Key: Home", "快捷键：Home"))
                .clicked()
            {
                actions.push(Action::Home);
            }
        }
        PieceKind::Export => {
            if ui
                .button(lang.pick("Export…", "导出…"))
                .on_hover_text(lang.pick("PNG, SVG or PDF for reports", "导出 PNG、SVG 或 PDF 图"))
                .clicked()
            {
                actions.push(Action::OpenExport);
            }
        }
        PieceKind::Measure => {
            actions.extend(super::measure::measure_toggle_ui(ui, lang, input.measuring))
        }
        PieceKind::Language => {
            ui.separator();
            if ui.selectable_label(lang == Lang::En, "English").clicked() {
                actions.push(Action::SetLang(Lang::En));
            }
            if ui.selectable_label(lang == Lang::Zh, "中文").clicked() {
                actions.push(Action::SetLang(Lang::Zh));
            }
            ui.separator();
        }
        PieceKind::LargeText => {
            let mut classroom = input.classroom;
            if ui.checkbox(&mut classroom, lang.pick("Large text", "大字模式")).changed() {
                actions.push(Action::SetClassroom(classroom));
            }
        }
        PieceKind::Tour => tour_button_ui(ui, input, actions),
        PieceKind::Reader => {
            actions.extend(super::tour_bar::reader_buttons_ui(ui, lang, input.presenting))
        }
    }
}

/// Width of the search box: narrower in a narrow bar, so the tools keep their room.
fn search_width(ui: &egui::Ui) -> f32 {
    (ui.ctx().content_rect().width() * 0.2).clamp(170.0, 260.0)
}

fn search_box_ui(
    ui: &mut egui::Ui,
    input: &TopBarInput,
    state: &mut TopBarState,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let lang = input.lang;
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.search_text)
            .hint_text(lang.pick(
                "Search a place: 金利镇, Gaoyao, 441204…",
                "搜索地名：金利镇、Gaoyao、441204…",
            ))
            .desired_width(search_width(ui)),
    );
    if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        if let Some(first) = input.atlas.find(&state.search_text).into_iter().next() {
            actions.push(Action::Focus(first));
            state.search_text.clear();
        }
    }
    search
}

fn tour_button_ui(ui: &mut egui::Ui, input: &TopBarInput, actions: &mut Vec<Action>) {
    let lang = input.lang;
    let Some(running) = input.tour_running else { return };
    let label = if running {
        lang.pick("End tour", "结束导览")
    } else {
        lang.pick("▶ Guided tour", "▶ 课堂导览")
    };
    if ui.button(label).clicked() {
        actions.push(if running {
            Action::TourEnd
        } else {
            Action::Tour(super::tour_recorder::TourAction::PlayGuided)
        });
    }
}

/// Live results in a list dropping down under the search box (over the map, like any search
/// field's suggestions), so the bar keeps its height and its buttons stay where they were.
fn search_results_ui(
    ui: &egui::Ui,
    search: &egui::Response,
    input: &TopBarInput,
    state: &mut TopBarState,
    actions: &mut Vec<Action>,
) {
    let lang = input.lang;
    let query = state.search_text.trim().to_string();
    if query.is_empty() {
        return;
    }
    let results: Vec<Subject> = input.atlas.find(&query).into_iter().take(10).collect();
    egui::Area::new(search.id.with("results"))
        .order(egui::Order::Foreground)
        .fixed_pos(search.rect.left_bottom() + egui::vec2(0.0, 2.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(search.rect.width());
                if results.is_empty() {
                    ui.label(RichText::new(lang.pick("No match", "无匹配结果")).weak());
                }
                for subject in results {
                    let text = input.atlas.search_label(&subject, lang == Lang::Zh);
                    if ui.add(egui::Button::new(text).frame(false)).clicked() {
                        actions.push(Action::Focus(subject));
                        state.search_text.clear();
                    }
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(key: &str, priority: u8, in_menu: bool) -> Piece {
        Piece { key: key.into(), priority, in_menu, kind: PieceKind::Home }
    }

    #[test]
    fn what_does_not_fit_goes_into_the_menu_by_importance_and_the_bar_keeps_its_order() {
        let all = [
            piece("title", 9, false),
            piece("search", 1, false),
            piece("home", 2, true),
            piece("tours", 5, true),
            piece("present", 3, true),
        ];
        fn keys(v: &[&Piece]) -> Vec<String> {
            v.iter().map(|p| p.key.clone()).collect()
        }
        let widths = [150.0, 200.0, 100.0, 80.0, 90.0];
        let (inline, menu) = fit(&all, &widths, 1000.0);
        assert_eq!((keys(&inline).len(), menu.len()), (5, 0), "everything fits");
        let (inline, menu) = fit(&all, &widths, 500.0);
        assert_eq!(keys(&inline), ["search", "home", "present"]);
        assert_eq!(keys(&menu), ["tours"], "the title is left out, not put in the menu");
    }
}
