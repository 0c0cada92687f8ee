//! The legend: the rows of `scene::layers::legend_entries`, with symbols painted by the same
//! marker and line code the map uses.

use egui::{Pos2, Rect, Sense, Stroke};

use crate::map::paint::{color32, marker_symbol};
use crate::scene::layers::{LegendEntry, LegendSymbol};
use crate::scene::style::{self, Dash};

pub fn legend_ui(ui: &mut egui::Ui, entries: &[LegendEntry]) {
    for entry in entries {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(30.0, 16.0), Sense::hover());
            symbol(ui, rect, &entry.symbol);
            ui.add(egui::Label::new(&entry.label).wrap());
        });
    }
}

fn symbol(ui: &egui::Ui, rect: Rect, symbol: &LegendSymbol) {
    let painter = ui.painter();
    let c = rect.center();
    match symbol {
        LegendSymbol::Fill(color, outline) => {
            painter.rect(rect.shrink(2.0), 1.0, color32(*color), Stroke::new(outline.width, color32(outline.color)), egui::StrokeKind::Inside);
        }
        LegendSymbol::Line(line) => {
            let pts = [Pos2::new(rect.left() + 1.0, c.y), Pos2::new(rect.right() - 1.0, c.y)];
            let color = color32(line.color);
            match line.dash {
                Dash::Solid => {
                    painter.line_segment(pts, Stroke::new(line.width, color));
                }
                Dash::Dashed { on, off } => {
                    painter.extend(egui::Shape::dashed_line(&pts, Stroke::new(line.width, color), on, off));
                }
                Dash::Dotted { spacing } => {
                    painter.extend(egui::Shape::dotted_line(&pts, color, spacing, line.width * 0.6));
                }
            }
        }
        LegendSymbol::Marker(m) => marker_symbol(painter, c, m, 0.9),
        LegendSymbol::AreaHalo => {
            painter.circle_filled(c, 7.5, color32(style::AREA_HALO));
            painter.circle_stroke(c, 7.5, Stroke::new(1.0, color32(style::AREA_HALO_OUTLINE.color)));
            painter.circle_filled(c, 2.5, color32(style::marker_style(crate::model::PlaceKind::Other, crate::model::Status::Existing).fill));
        }
    }
}
