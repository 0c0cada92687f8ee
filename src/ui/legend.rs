//! The window's legend: a list of the scene's legend rows (`Scene::legend_entries`), each swatch
//! drawn by the function that draws the figures' legend (`render::symbols::draw_legend_symbol`).

use egui::Sense;

use crate::render::egui_canvas::EguiCanvas;
use crate::render::furniture::LEGEND_SYMBOL_SIZE;
use crate::render::symbols::draw_legend_symbol;
use crate::scene::legend::LegendEntry;

pub fn legend_ui(ui: &mut egui::Ui, entries: &[LegendEntry]) {
    let [w, h] = LEGEND_SYMBOL_SIZE;
    for entry in entries {
        ui.horizontal(|ui| {
            // A little room around the swatch, as in the figures' legend rows.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(w + 2.0, h + 2.0), Sense::hover());
            let swatch = rect.shrink(1.0);
            // The canvas is a temporary: its shapes reach the painter at the end of the statement.
            draw_legend_symbol(
                &mut EguiCanvas::new(ui.painter()),
                &entry.symbol,
                [swatch.min.x, swatch.min.y, swatch.max.x, swatch.max.y],
            );
            ui.add(egui::Label::new(&entry.label).wrap());
        });
    }
}
