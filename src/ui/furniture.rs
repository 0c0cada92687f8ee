//! The furniture on the window's map — scale bar (bottom left), notes (top left) and credits
//! (bottom right) — laid out and drawn by the functions the figures use, so they look and read
//! the same; the legend lives in the left panel (`ui::legend`).

use crate::i18n::Lang;
use crate::render::canvas::{Canvas, TextMeasure};
use crate::render::furniture::{self as pieces, Backdrop};
use crate::scene::view::View;
use crate::scene::Scene;

/// Screen text is read from further away than a printed figure: the window's furniture text is
/// this much larger than a figure's (notes at 12.6 px, as the window has long used).
pub const WINDOW_TEXT_SCALE: f32 = 1.2;

/// Draws the scale bar, the notes about what `scene` shows, and the `attribution` (see
/// `render::furniture::attribution_text`) over the map of `view`, on the window's canvas (which
/// measures text with the fonts it draws with). `presenting` (presentation mode's text scale)
/// enlarges them and adds the legend box (unless `legend` is off), since the panel that lists
/// the legend is hidden.
/// Returns the boxes drawn (the map frames its subjects in the part they leave free).
pub fn draw_map_furniture(canvas: &mut (impl Canvas + TextMeasure), view: &View, scene: &Scene, lang: Lang, attribution: &str, presenting: Option<f32>, legend: bool) -> Vec<[f32; 4]> {
    let map = view.rect_screen;
    let measure: &dyn TextMeasure = &*canvas;
    let text_scale = WINDOW_TEXT_SCALE * presenting.unwrap_or(1.0);
    let scale_bar = pieces::layout_scale_bar(measure, view, map, text_scale);
    let notes = pieces::layout_notes(measure, &scene.notes(lang), map, text_scale);
    let legend = presenting.filter(|_| legend).map(|s| pieces::layout_legend_scaled(measure, lang.pick("Legend", "图例"), scene.legend_entries(lang), map, s));
    // Credits sit between the scale bar and the legend box.
    let credits_left = scale_bar.as_ref().map_or(map[0], |s| s.rect[2]);
    let credits_map = legend.as_ref().map_or(map, |l| [map[0], map[1], l.rect[0], map[3]]);
    let credits = pieces::layout_attribution(measure, attribution, credits_map, credits_left, text_scale);
    if let Some(l) = &legend {
        pieces::draw_legend(canvas, l);
    }
    if let Some(s) = &scale_bar {
        pieces::draw_scale_bar(canvas, s);
    }
    if let Some(n) = &notes {
        pieces::draw_notes(canvas, n);
    }
    if let Some(c) = &credits {
        pieces::draw_credits(canvas, c, Backdrop::Panel);
    }
    let boxes = [legend.map(|l| l.rect), scale_bar.map(|s| s.rect), notes.map(|n| n.rect), credits.map(|c| c.rect)];
    boxes.into_iter().flatten().collect()
}
