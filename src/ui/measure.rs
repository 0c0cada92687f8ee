//! The measure tool's controls: the toggle, the window listing segment and total lengths and
//! the ring's radius, and its keys (Enter finishes a path, Esc clears). Clicks on the map while
//! the tool is on add vertices instead of selecting (see `app::map_view`).

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::scene::measure::{format_km, Measure, Ring};

/// What the measure tool asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureAction {
    /// Turn the tool on or off (off keeps nothing on the map or in exports).
    SetOn(bool),
    /// A click: a new vertex (after a finished path, the first of a new one).
    AddPoint([f64; 2]),
    /// Double-click or Enter: the path is complete; the next click starts another.
    Finish,
    /// Esc: no path, no ring.
    Clear,
    /// A ring of `radius_km` around the path's last vertex, or none.
    SetRing(Option<Ring>),
}

/// The window's own fields: the ring's radius being typed.
pub struct MeasurePanelState {
    pub ring_km_text: String,
}

impl Default for MeasurePanelState {
    fn default() -> Self {
        // About an hour's drive on Guangdong's expressways.
        MeasurePanelState { ring_km_text: "80".into() }
    }
}

/// The top bar's toggle.
pub fn measure_toggle_ui(ui: &mut egui::Ui, lang: Lang, on: bool) -> Option<Action> {
    let hint = lang.pick("Click on the map to measure great-circle distances; double-click or Enter ends a path, Esc clears", "在地图上点击测量大圆距离；双击或回车结束，Esc 清除");
    ui.selectable_label(on, lang.pick("Measure", "测距"))
        .on_hover_text(hint)
        .clicked()
        .then_some(Action::Measure(MeasureAction::SetOn(!on)))
}

/// The floating window while the tool is on: each segment, the total, and the ring controls.
pub fn measure_window(
    ctx: &egui::Context,
    lang: Lang,
    measure: &Measure,
    finished: bool,
    state: &mut MeasurePanelState,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut open = true;
    // In the map's top-right corner, below the top bar (see `ui::windows`).
    let area = super::windows::window_area(ctx);
    egui::Window::new(lang.pick("Measure", "测距"))
        .open(&mut open)
        .pivot(egui::Align2::RIGHT_TOP)
        .fixed_pos(area.right_top())
        .constrain_to(area)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            lengths_ui(ui, lang, measure, finished);
            ui.separator();
            ring_ui(ui, lang, measure, state, &mut actions);
            if ui.button(lang.pick("Clear (Esc)", "清除（Esc）")).clicked() {
                actions.push(Action::Measure(MeasureAction::Clear));
            }
        });
    if !open {
        actions.push(Action::Measure(MeasureAction::SetOn(false)));
    }
    actions
}

fn lengths_ui(ui: &mut egui::Ui, lang: Lang, measure: &Measure, finished: bool) {
    let segments = measure.segments_km();
    if measure.path_lonlat.is_empty() {
        ui.label(
            RichText::new(lang.pick("Click on the map to start a path.", "在地图上点击开始测量。"))
                .weak(),
        );
        return;
    }
    for (i, km) in segments.iter().enumerate() {
        ui.label(format!("{} {}: {}", lang.pick("Segment", "第"), i + 1, format_km(*km)));
    }
    ui.label(
        RichText::new(format!("{} {}", lang.pick("Total", "总长"), format_km(measure.total_km())))
            .strong()
            .size(16.0),
    );
    let hint = if finished {
        lang.pick("Finished: the next click starts a new path.", "已结束：再次点击开始新路径。")
    } else {
        lang.pick("Double-click or Enter to finish.", "双击或回车结束。")
    };
    ui.label(RichText::new(hint).weak());
}

fn ring_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    measure: &Measure,
    state: &mut MeasurePanelState,
    actions: &mut Vec<Action>,
) {
    let last = measure.path_lonlat.last().copied();
    ui.horizontal(|ui| {
        ui.label(lang.pick("Ring of", "半径"));
        ui.add(egui::TextEdit::singleline(&mut state.ring_km_text).desired_width(50.0));
        ui.label("km");
        let radius_km =
            state.ring_km_text.trim().parse::<f64>().ok().filter(|r| *r > 0.0 && *r <= 5000.0);
        let can = last.is_some() && radius_km.is_some();
        let button = ui.add_enabled(
            can,
            egui::Button::new(lang.pick("around the last point", "围绕最后一点")),
        );
        if let (true, Some(center_lonlat), Some(radius_km)) = (button.clicked(), last, radius_km) {
            actions.push(Action::Measure(MeasureAction::SetRing(Some(Ring {
                center_lonlat,
                radius_km,
            }))));
        }
    });
    if let Some(ring) = &measure.ring {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} {} ({:.4}, {:.4})",
                lang.pick("Ring", "圆环"),
                format_km(ring.radius_km),
                ring.center_lonlat[0],
                ring.center_lonlat[1]
            ));
            if ui.small_button(lang.pick("Remove", "移除")).clicked() {
                actions.push(Action::Measure(MeasureAction::SetRing(None)));
            }
        });
    }
}

/// Enter finishes the path and Esc clears it while the tool is on (none while typing).
pub fn measure_keys(ctx: &egui::Context) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input(|i| {
        let mut actions = Vec::new();
        if i.key_pressed(egui::Key::Enter) {
            actions.push(Action::Measure(MeasureAction::Finish));
        }
        if i.key_pressed(egui::Key::Escape) {
            actions.push(Action::Measure(MeasureAction::Clear));
        }
        actions
    })
}
