//! The compare window (issue 12): pinned regions side by side, one row per indicator and
//! period, small bars where two or more pinned regions have a number, CSV export.
//!
//! Bars are drawn with egui's painter, not a plotting crate: a row needs one scaled rectangle
//! per cell, and a plotting dependency would lengthen every CI build.

use std::path::PathBuf;

use egui::{Color32, RichText};

use super::action::Action;
use crate::i18n::Lang;
use crate::model::compare::{cell_note_in, Cell, CompareTable, Row};
use crate::model::Level;

/// What the compare window, the details panel and Ctrl+click ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    Pin(String),
    Unpin(String),
    /// Ctrl+click on the map: pin, or unpin when already pinned.
    Toggle(String),
    Clear,
    /// Write the table as CSV (UTF-8 with BOM) to this path.
    ExportCsv(PathBuf),
}

/// The window's own fields and the table of the pinned regions (rebuilt by the app when the
/// pins change, not every frame: areas are measured on full-detail boundaries).
#[derive(Default)]
pub struct CompareState {
    pub pinned: Vec<String>,
    pub table: CompareTable,
    pub csv_path: String,
    /// The last export's outcome, shown under the path field.
    pub status: Option<Result<String, String>>,
}

impl CompareState {
    /// Applies a pin change; returns whether the pins changed (the table must be rebuilt).
    pub fn change_pins(&mut self, action: &CompareAction) -> bool {
        let before = self.pinned.clone();
        match action {
            CompareAction::Pin(code) if !self.pinned.contains(code) => {
                self.pinned.push(code.clone())
            }
            CompareAction::Unpin(code) => self.pinned.retain(|c| c != code),
            CompareAction::Toggle(code) if self.pinned.contains(code) => {
                self.pinned.retain(|c| c != code)
            }
            CompareAction::Toggle(code) => self.pinned.push(code.clone()),
            CompareAction::Clear => self.pinned.clear(),
            _ => {}
        }
        before != self.pinned
    }
}

/// The details panel's button for a region.
pub fn pin_button_ui(ui: &mut egui::Ui, lang: Lang, code: &str, pinned: bool) -> Option<Action> {
    let (text, action) = match pinned {
        true => (lang.pick("Unpin from compare", "取消对比"), CompareAction::Unpin(code.into())),
        false => (lang.pick("Pin to compare", "加入对比"), CompareAction::Pin(code.into())),
    };
    ui.button(text)
        .on_hover_text(
            lang.pick("Ctrl+click on the map also pins a region", "在地图上 Ctrl+点击也可加入对比"),
        )
        .clicked()
        .then_some(Action::Compare(action))
}

/// "counties", "towns" … for the line that says which level Ctrl+click pins.
pub fn level_plural(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Province => lang.pick("provinces", "省"),
        Level::City => lang.pick("prefecture cities", "地级市"),
        Level::County => lang.pick("counties", "县（区、市）"),
        Level::Town => lang.pick("towns", "乡镇（街道）"),
    }
}

/// Which level is compared (Ctrl+click pins the region of that level under the pointer, see
/// `app::compare::pin_level`), and a warning when the pins mix levels: a town's figures beside a
/// county's are not a comparison.
fn level_ui(ui: &mut egui::Ui, lang: Lang, levels: &[Level]) {
    let Some(&first) = levels.first() else { return };
    let line = match lang {
        Lang::En => format!("Comparing {}: Ctrl+click on the map pins the one under the pointer, whatever the zoom.", level_plural(first, lang)),
        Lang::Zh => format!("正在对比{}：在地图上 Ctrl+点击，无论缩放级别，都加入指针下的{}。", level_plural(first, lang), level_plural(first, lang)),
    };
    ui.label(RichText::new(line).weak());
    let mut distinct: Vec<Level> = levels.to_vec();
    distinct.sort_by_key(|l| *l as u8);
    distinct.dedup();
    if distinct.len() > 1 {
        let counts: Vec<String> = distinct
            .iter()
            .map(|&l| {
                format!("{} {}", levels.iter().filter(|&&x| x == l).count(), level_plural(l, lang))
            })
            .collect();
        let text = match lang {
            Lang::En => format!(
                "Mixed levels ({}): figures of a town and of a county are not comparable.",
                counts.join(", ")
            ),
            Lang::Zh => format!("层级混杂（{}）：乡镇与县的数据不可直接比较。", counts.join("，")),
        };
        ui.colored_label(Color32::from_rgb(0xb0, 0x3a, 0x2e), text);
    }
}

/// The floating window while any region is pinned; `levels` are the pinned regions' levels in
/// pin order.
pub fn compare_window(
    ctx: &egui::Context,
    lang: Lang,
    state: &mut CompareState,
    levels: &[Level],
) -> Vec<Action> {
    let mut actions = Vec::new();
    if state.pinned.is_empty() {
        return actions;
    }
    let mut open = true;
    // The window widens as regions are pinned, so every column is in sight without a hidden
    // horizontal scroll (up to the screen's width; beyond it the table scrolls).
    let wanted = INDICATOR_WIDTH + 40.0 + COLUMN_WIDTH * state.table.columns.len() as f32;
    let min_width = wanted.min(super::windows::window_area(ctx).width() - 20.0).max(300.0);
    super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Compare", "对比")))
        .open(&mut open)
        .min_width(min_width)
        .default_width(min_width)
        .show(ctx, |ui| {
            level_ui(ui, lang, levels);
            egui::ScrollArea::both()
                .max_height(260.0)
                .show(ui, |ui| table_ui(ui, lang, &state.table, &mut actions));
            ui.separator();
            export_ui(ui, lang, state, &mut actions);
        });
    if !open {
        actions.push(Action::Compare(CompareAction::Clear));
    }
    actions
}

fn table_ui(ui: &mut egui::Ui, lang: Lang, table: &CompareTable, actions: &mut Vec<Action>) {
    egui::Grid::new("compare_grid").striped(true).show(ui, |ui| {
        ui.label(RichText::new(lang.pick("Indicator", "指标")).strong());
        for c in &table.columns {
            ui.horizontal(|ui| {
                // The interface's language first, the other beside it (as every title does).
                let (first, second) = match lang {
                    Lang::En => (&c.name_en, &c.name_zh),
                    Lang::Zh => (&c.name_zh, &c.name_en),
                };
                ui.label(RichText::new(format!("{first} {second}")).strong());
                if ui.small_button("×").on_hover_text(lang.pick("Unpin", "取消对比")).clicked()
                {
                    actions.push(Action::Compare(CompareAction::Unpin(c.code.clone())));
                }
            });
        }
        ui.end_row();
        for row in &table.rows {
            row_ui(ui, row, lang);
            ui.end_row();
        }
    });
}

/// Widths of the indicator column (its names wrap) and of one region's column.
const INDICATOR_WIDTH: f32 = 280.0;
const COLUMN_WIDTH: f32 = 170.0;

fn row_ui(ui: &mut egui::Ui, row: &Row, lang: Lang) {
    let label = row.title(lang);
    ui.vertical(|ui| {
        ui.set_max_width(INDICATOR_WIDTH);
        ui.add(egui::Label::new(label).wrap());
    });
    let max = if row.numbers() >= 2 { row.max_number().filter(|m| *m > 0.0) } else { None };
    for cell in &row.cells {
        ui.vertical(|ui| match cell {
            Some(c) => cell_ui(ui, c, max, lang),
            None => {
                ui.weak("—");
            }
        });
    }
}

fn cell_ui(ui: &mut egui::Ui, cell: &Cell, max: Option<f64>, lang: Lang) {
    let note = cell_note_in(cell, lang);
    // Corrections and approximate areas are marked; a census cell's source is only hovered.
    let mark = if cell.correction.is_some() || cell.approximate { " *" } else { "" };
    let response = ui.label(format!("{}{mark}", cell.shown(lang)).trim().to_string());
    if !note.is_empty() {
        response.on_hover_text(note);
    }
    if let (Some(max), Some(v)) = (max, cell.number) {
        bar_ui(ui, (v / max).clamp(0.0, 1.0) as f32);
    }
}

/// A horizontal bar, `fraction` of the cell's bar width.
fn bar_ui(ui: &mut egui::Ui, fraction: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(90.0, 6.0), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 1.0, Color32::from_gray(225));
    let bar =
        egui::Rect::from_min_size(rect.min, egui::vec2(rect.width() * fraction, rect.height()));
    painter.rect_filled(bar, 1.0, Color32::from_rgb(0x1f, 0x5f, 0xb4));
}

fn export_ui(ui: &mut egui::Ui, lang: Lang, state: &mut CompareState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label(lang.pick("CSV file:", "CSV 文件："));
        ui.add(
            egui::TextEdit::singleline(&mut state.csv_path)
                .desired_width(260.0)
                .hint_text("compare.csv"),
        );
        let path = state.csv_path.trim();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new(lang.pick("Export CSV", "导出 CSV")))
            .clicked()
        {
            actions.push(Action::Compare(CompareAction::ExportCsv(PathBuf::from(path))));
        }
        if ui.button(lang.pick("Clear all", "全部清除")).clicked() {
            actions.push(Action::Compare(CompareAction::Clear));
        }
    });
    match &state.status {
        Some(Ok(path)) => ui.label(format!("{} {path}", lang.pick("Written:", "已写入："))),
        Some(Err(e)) => ui.colored_label(Color32::from_rgb(0xc6, 0x1e, 0x2e), e),
        None => ui.weak(
            lang.pick("* corrected value (hover for its kind)", "* 为更正值（悬停查看类型）"),
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_toggle_and_clear() {
        let mut s = CompareState::default();
        assert!(s.change_pins(&CompareAction::Pin("441284".into())));
        assert!(
            !s.change_pins(&CompareAction::Pin("441284".into())),
            "pinning twice changes nothing"
        );
        assert!(s.change_pins(&CompareAction::Toggle("441204".into())));
        assert_eq!(s.pinned, ["441284", "441204"]);
        assert!(s.change_pins(&CompareAction::Toggle("441284".into())));
        assert_eq!(s.pinned, ["441204"]);
        assert!(s.change_pins(&CompareAction::Clear));
        assert!(s.pinned.is_empty());
    }
}
