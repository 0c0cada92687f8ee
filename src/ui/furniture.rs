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
/// measures text with the fonts it draws with).
pub fn draw_map_furniture(canvas: &mut (impl Canvas + TextMeasure), view: &View, scene: &Scene, lang: Lang, attribution: &str) {
    let map = view.rect_screen;
    let measure: &dyn TextMeasure = &*canvas;
    let scale_bar = pieces::layout_scale_bar(measure, view, map, WINDOW_TEXT_SCALE);
    let notes = pieces::layout_notes(measure, &scene.notes(lang), map, WINDOW_TEXT_SCALE);
    let credits_left = scale_bar.as_ref().map_or(map[0], |s| s.rect[2]);
    let credits = pieces::layout_attribution(measure, attribution, map, credits_left, WINDOW_TEXT_SCALE);
    if let Some(s) = &scale_bar {
        pieces::draw_scale_bar(canvas, s);
    }
    if let Some(n) = &notes {
        pieces::draw_notes(canvas, n);
    }
    if let Some(c) = &credits {
        pieces::draw_credits(canvas, c, Backdrop::Panel);
    }
}
