//! Furniture drawn on the window's map: scale bar, approximate-geometry note, attribution.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke};

use crate::i18n::Lang;
use crate::scene::furniture::scale_bar;
use crate::scene::view::View;
use crate::scene::Scene;

pub fn map_furniture_ui(painter: &Painter, view: &View, scene: &Scene, lang: Lang) {
    let rect = Rect::from_min_max(Pos2::new(view.rect_screen[0], view.rect_screen[1]), Pos2::new(view.rect_screen[2], view.rect_screen[3]));
    if let Some(bar) = scale_bar(view.metres_per_pixel(), 160.0) {
        let x0 = rect.left() + 16.0;
        let y = rect.bottom() - 34.0;
        let bg = Rect::from_min_max(Pos2::new(x0 - 6.0, y - 20.0), Pos2::new(x0 + bar.length_screen + 8.0, y + 8.0));
        painter.rect_filled(bg, 3.0, Color32::from_white_alpha(200));
        let ink = Stroke::new(2.0, Color32::from_gray(40));
        painter.line_segment([Pos2::new(x0, y), Pos2::new(x0 + bar.length_screen, y)], ink);
        for x in [x0, x0 + bar.length_screen] {
            painter.line_segment([Pos2::new(x, y - 6.0), Pos2::new(x, y + 2.0)], ink);
        }
        painter.text(Pos2::new(x0 + bar.length_screen / 2.0, y - 4.0), Align2::CENTER_BOTTOM, &bar.label, FontId::proportional(12.0), Color32::from_gray(30));
    }
    let mut notes = Vec::new();
    if scene.approximate_drawn {
        notes.push(lang.pick("Dashed town areas are approximate (not official boundaries)", "虚线镇域为近似范围（非官方边界）"));
    }
    if scene.schematic_drawn {
        notes.push(lang.pick("Expressways are schematic alignments", "高速公路为示意走向"));
    }
    for (i, note) in notes.iter().enumerate() {
        let pos = Pos2::new(rect.left() + 16.0, rect.top() + 14.0 + i as f32 * 20.0);
        let galley = painter.layout_no_wrap(note.to_string(), FontId::proportional(12.5), Color32::from_gray(40));
        painter.rect_filled(Rect::from_min_size(pos - egui::vec2(5.0, 2.0), galley.size() + egui::vec2(10.0, 4.0)), 3.0, Color32::from_white_alpha(210));
        painter.galley(pos, galley, Color32::from_gray(40));
    }
}

/// The attribution line drawn on the map: the data credits, and the basemap tiles' attribution
/// when tiles are drawn (the caller knows whether they are).
pub fn attribution_text(tiles_attribution: Option<&str>) -> String {
    match tiles_attribution {
        Some(tiles) => format!("Basemap {tiles} · {}", crate::credits::SHORT_CREDITS),
        None => crate::credits::SHORT_CREDITS.to_string(),
    }
}

/// The data credits, always visible on the map (`text` from [`attribution_text`]).
pub fn attribution_ui(ui: &egui::Ui, rect: Rect, text: &str) {
    let text = text.to_string();
    let painter = ui.painter().with_clip_rect(rect);
    let galley = painter.layout(text, FontId::proportional(11.0), Color32::from_gray(40), rect.width() - 20.0);
    let pos = Pos2::new(rect.right() - galley.size().x - 8.0, rect.bottom() - galley.size().y - 4.0);
    painter.rect_filled(Rect::from_min_size(pos - egui::vec2(4.0, 2.0), galley.size() + egui::vec2(8.0, 4.0)), 2.0, Color32::from_white_alpha(215));
    painter.galley(pos, galley, Color32::from_gray(40));
}
