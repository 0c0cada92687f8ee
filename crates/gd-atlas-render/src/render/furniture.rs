//! Map furniture — scale bar, north arrow, notes, credits, legend box and title band — for the
//! window and the figures alike.
//!
//! Each piece is laid out by one function (boxes in logical pixels, measured with the target's
//! [`TextMeasure`], so tests and callers know where it goes) and drawn by one function through a
//! [`Canvas`]. Layout and drawing are separate because a figure's bands decide the map's
//! rectangle, and the map's scene decides what the legend, scale bar and notes say.

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextMeasure, TextRun};
use super::symbols::draw_legend_symbol;
use super::text::wrap;
use crate::i18n::Lang;
use crate::scene::furniture::{scale_bar, ScaleBar};
use crate::scene::legend::{LegendEntry, LegendSymbol};
use crate::scene::style::{Color, Dash, LineStyle};
use crate::scene::view::View;

/// `[min_x, min_y, max_x, max_y]`, logical pixels.
pub type Rect = [f32; 4];

/// Space between the map's edge and the panels over it.
pub const MARGIN: f32 = 14.0;
const INK: Color = [0x26, 0x26, 0x26, 255];
const INK_SOFT: Color = [0x4a, 0x4a, 0x4a, 255];
const WHITE: Color = [255, 255, 255, 255];
const PANEL: Color = [255, 255, 255, 232];
const PANEL_EDGE: LineStyle =
    LineStyle { width: 0.8, color: [0x9a, 0x9a, 0x9a, 255], dash: Dash::Solid };

pub const TITLE_SIZE: f32 = 24.0;
pub const SUBTITLE_SIZE: f32 = 14.0;
pub const CREDITS_SIZE: f32 = 9.0;
const LEGEND_TITLE_SIZE: f32 = 12.0;
const LEGEND_SIZE: f32 = 10.5;
pub const NOTE_SIZE: f32 = 10.5;
const SCALE_LABEL_SIZE: f32 = 11.0;
const NORTH_SIZE: f32 = 13.0;
/// Size of a legend swatch (the window's legend list uses it too).
pub const LEGEND_SYMBOL_SIZE: [f32; 2] = [28.0, 14.0];
const LEGEND_LABEL_MAX_W: f32 = 230.0;

/// Size of a legend row's swatch: [`LEGEND_SYMBOL_SIZE`], taller for a large proportional circle
/// so the size samples of a sized point layer keep their true radii (the window's legend list
/// sizes its swatches with this too).
pub fn legend_symbol_size(symbol: &LegendSymbol) -> [f32; 2] {
    match symbol {
        LegendSymbol::Circle(_, radius) => {
            [LEGEND_SYMBOL_SIZE[0], LEGEND_SYMBOL_SIZE[1].max(2.0 * radius + 2.0)]
        }
        _ => LEGEND_SYMBOL_SIZE,
    }
}

/// Lines of text in a box; each line's anchor is its left end, middle of the line box.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub rect: Rect,
    pub lines: Vec<(String, [f32; 2], f32)>,
}

/// What is under a box of text: a panel floating over the map, or a white band of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backdrop {
    Panel,
    Band,
}

fn backdrop(canvas: &mut dyn Canvas, rect: Rect, backdrop: Backdrop) {
    let shape = Polylines::rect(rect);
    match backdrop {
        Backdrop::Panel => {
            canvas.fill(&shape, PANEL, Some(FillTag { class: "panel", code: None }));
            canvas.stroke(&shape, &PANEL_EDGE);
        }
        Backdrop::Band => canvas.fill(&shape, WHITE, Some(FillTag { class: "band", code: None })),
    }
}

/// Lays out `lines` from `top`, `line_gap` × the line height apart; returns them and the bottom.
fn stack(
    measure: &dyn TextMeasure,
    lines: Vec<String>,
    size: f32,
    left: f32,
    top: f32,
    line_gap: f32,
) -> (Vec<(String, [f32; 2], f32)>, f32) {
    let lh = measure.line_height(size) * line_gap;
    let mut y = top;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        out.push((line, [left, y + lh / 2.0], size));
        y += lh;
    }
    (out, y)
}

fn text_lines(canvas: &mut dyn Canvas, block: &TextBlock, color: Color) {
    for (text, pos, size) in &block.lines {
        canvas.text(&TextRun {
            text,
            pos_screen: *pos,
            size: *size,
            align: HAlign::Left,
            color,
            halo: None,
        });
    }
}

fn widest(measure: &dyn TextMeasure, lines: &[String], size: f32) -> f32 {
    lines.iter().map(|l| measure.width(l, size)).fold(0.0, f32::max)
}

// ---- Scale bar ----------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBarBox {
    pub rect: Rect,
    pub bar: ScaleBar,
    /// Left end of the bar (top-left corner of the bar's rectangle).
    pub bar_origin: [f32; 2],
    pub bar_height: f32,
    /// Anchor of the length label (centre of its line box) and its size.
    pub label_pos: [f32; 2],
    pub label_size: f32,
}

/// The scale bar in the bottom-left corner of `map`, at most 30 % of its width (200 px), for
/// the true ground distance at the view's centre latitude. `None` when no round length fits.
pub fn layout_scale_bar(
    measure: &dyn TextMeasure,
    view: &View,
    map: Rect,
    text_scale: f32,
) -> Option<ScaleBarBox> {
    let max_len = ((map[2] - map[0]) * 0.3).min(200.0);
    let bar = scale_bar(view.metres_per_pixel(), max_len)?;
    let label_size = SCALE_LABEL_SIZE * text_scale;
    let label_h = measure.line_height(label_size);
    let bar_height = 5.0;
    let w = bar.length_screen.max(measure.width(&bar.label, label_size)) + 16.0;
    let h = 8.0 + label_h + 4.0 + bar_height + 8.0;
    let rect = [map[0] + MARGIN, map[3] - MARGIN - h, map[0] + MARGIN + w, map[3] - MARGIN];
    // Whole pixels, so the bar's ends are crisp and its length exact.
    let bar_origin = [(rect[0] + 8.0).round(), (rect[3] - 8.0 - bar_height).round()];
    let label_pos = [bar_origin[0] + bar.length_screen / 2.0, bar_origin[1] - 4.0 - label_h / 2.0];
    Some(ScaleBarBox { rect, bar, bar_origin, bar_height, label_pos, label_size })
}

/// A checkered bar (half dark, half white) in a panel, its length written above it.
pub fn draw_scale_bar(canvas: &mut dyn Canvas, s: &ScaleBarBox) {
    backdrop(canvas, s.rect, Backdrop::Panel);
    let [x0, y0] = s.bar_origin;
    let len = s.bar.length_screen;
    let h = s.bar_height;
    canvas.fill(&Polylines::rect([x0, y0, x0 + len / 2.0, y0 + h]), INK, None);
    canvas.fill(&Polylines::rect([x0 + len / 2.0, y0, x0 + len, y0 + h]), WHITE, None);
    canvas.stroke(
        &Polylines::rect([x0, y0, x0 + len, y0 + h]),
        &LineStyle { width: 1.0, color: INK, dash: Dash::Solid },
    );
    canvas.text(&TextRun {
        text: &s.bar.label,
        pos_screen: s.label_pos,
        size: s.label_size,
        align: HAlign::Center,
        color: INK,
        halo: None,
    });
}

// ---- North arrow --------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
pub struct NorthArrowBox {
    pub rect: Rect,
    /// Centre of the "N"'s line box, and the arrow's tip below it.
    pub letter_pos: [f32; 2],
    pub tip: [f32; 2],
}

/// The north arrow in the top-right corner of `map` (the maps are north-up Web Mercator).
pub fn layout_north_arrow(measure: &dyn TextMeasure, map: Rect) -> NorthArrowBox {
    let (w, h) = (34.0, 54.0);
    let rect = [map[2] - MARGIN - w, map[1] + MARGIN, map[2] - MARGIN, map[1] + MARGIN + h];
    let cx = (rect[0] + rect[2]) / 2.0;
    let lh = measure.line_height(NORTH_SIZE);
    let letter_pos = [cx, rect[1] + 4.0 + lh / 2.0];
    NorthArrowBox { rect, letter_pos, tip: [cx, letter_pos[1] + lh / 2.0 + 2.0] }
}

/// The classic split arrow under an "N": the left half solid, the right half open.
pub fn draw_north_arrow(canvas: &mut dyn Canvas, n: &NorthArrowBox) {
    backdrop(canvas, n.rect, Backdrop::Panel);
    canvas.text(&TextRun {
        text: "N",
        pos_screen: n.letter_pos,
        size: NORTH_SIZE,
        align: HAlign::Center,
        color: INK,
        halo: None,
    });
    let (tip, cx) = (n.tip, n.tip[0]);
    let base_y = n.rect[3] - 5.0;
    let notch = [cx, base_y - (base_y - tip[1]) * 0.28];
    let half_w = 9.0;
    canvas.fill(&Polylines::polygon(&[tip, [cx - half_w, base_y], notch]), INK, None);
    canvas.fill(&Polylines::polygon(&[tip, notch, [cx + half_w, base_y]]), WHITE, None);
    canvas.stroke(
        &Polylines::polygon(&[tip, [cx - half_w, base_y], notch, [cx + half_w, base_y]]),
        &LineStyle { width: 1.0, color: INK, dash: Dash::Solid },
    );
}

// ---- Notes and credits --------------------------------------------------------------------

/// The notes about what the map shows (`Scene::notes`), wrapped in a panel in the top-left
/// corner of `map`. `None` when there is nothing to say.
pub fn layout_notes(
    measure: &dyn TextMeasure,
    notes: &[&str],
    map: Rect,
    text_scale: f32,
) -> Option<TextBlock> {
    if notes.is_empty() {
        return None;
    }
    let size = NOTE_SIZE * text_scale;
    let max_w = ((map[2] - map[0]) * 0.42).clamp(120.0, 420.0 * text_scale);
    let lines: Vec<String> = notes.iter().flat_map(|n| wrap(measure, n, size, max_w)).collect();
    let w = widest(measure, &lines, size) + 16.0;
    let (left, top) = (map[0] + MARGIN, map[1] + MARGIN);
    let (lines, bottom) = stack(measure, lines, size, left + 8.0, top + 6.0, 1.1);
    Some(TextBlock { rect: [left, top, left + w, bottom + 6.0], lines })
}

pub fn draw_notes(canvas: &mut dyn Canvas, block: &TextBlock) {
    backdrop(canvas, block.rect, Backdrop::Panel);
    text_lines(canvas, block, INK);
}

/// `sources` preceded by the basemap tiles' attribution when tiles are drawn.
fn with_tiles_attribution(lang: Lang, tiles_attribution: Option<&str>, sources: String) -> String {
    match tiles_attribution {
        Some(tiles) => {
            format!("{} {tiles}{} {sources}", lang.pick("Basemap:", "底图："), lang.pick(".", "。"))
        }
        None => sources,
    }
}

/// The figures' credits paragraph: every data source, after the tiles' attribution.
/// With `theme_drawn` the ColorBrewer credit is included (`credits::sources`).
/// Each user layer drawn (`user_data`: its file name) is credited as "<file name> (user data)".
pub fn credits_text(
    lang: Lang,
    tiles_attribution: Option<&str>,
    theme_drawn: bool,
    census_drawn: bool,
    user_data: &[String],
) -> String {
    let (colon, separator, stop) = match lang {
        Lang::En => (": ", "; ", "."),
        Lang::Zh => ("：", "；", "。"),
    };
    let mut sources: Vec<String> = crate::credits::sources(theme_drawn, census_drawn, lang)
        .iter()
        .map(|(what, who)| format!("{what}{colon}{who}"))
        .collect();
    sources.extend(user_data_credits(lang, user_data));
    let sources =
        format!("{} {}{stop}", lang.pick("Data sources —", "数据来源 —"), sources.join(separator));
    with_tiles_attribution(lang, tiles_attribution, sources)
}

/// The credits of a figure too small for [`credits_text`]'s band (see `export::compose`): the
/// window's short line, then the census, theme and user sources the figure shows.
pub fn compact_credits_text(
    lang: Lang,
    tiles_attribution: Option<&str>,
    theme_drawn: bool,
    census_drawn: bool,
    user_data: &[String],
) -> String {
    let (colon, separator) = lang.pick2((": ", " · "), ("：", " · "));
    let full = crate::credits::sources(theme_drawn, census_drawn, lang);
    let extra =
        full.iter().skip(lang.pick2(crate::credits::CREDITS, crate::credits::CREDITS_ZH).len());
    let mut parts = vec![crate::credits::short_credits(lang).to_string()];
    parts.extend(extra.map(|(what, who)| format!("{what}{colon}{who}")));
    parts.extend(user_data_credits(lang, user_data));
    with_tiles_attribution(lang, tiles_attribution, parts.join(separator))
}

/// The user's own layers as credits lines: "sites.csv (user data)".
fn user_data_credits(lang: Lang, user_data: &[String]) -> impl Iterator<Item = String> + '_ {
    user_data.iter().map(move |name| format!("{name} {}", lang.pick("(user data)", "（用户数据）")))
}

/// The window's attribution: the short credits line, after the tiles' attribution.
pub fn attribution_text(lang: Lang, tiles_attribution: Option<&str>) -> String {
    with_tiles_attribution(lang, tiles_attribution, crate::credits::short_credits(lang).to_string())
}

/// A figure's credits: a band across the bottom of `page`.
pub fn layout_credits_band(measure: &dyn TextMeasure, text: &str, page: Rect) -> TextBlock {
    let text_w = (page[2] - page[0] - 2.0 * MARGIN).max(10.0);
    let wrapped = wrap(measure, text, CREDITS_SIZE, text_w);
    let height = wrapped.len() as f32 * measure.line_height(CREDITS_SIZE) * 1.05 + 10.0;
    let rect = [page[0], page[3] - height, page[2], page[3]];
    let (lines, _) = stack(measure, wrapped, CREDITS_SIZE, page[0] + MARGIN, rect[1] + 5.0, 1.05);
    TextBlock { rect, lines }
}

/// The window's credits: a panel in the bottom-right corner of `map`, wrapped so it stays to
/// the right of `left_limit` (the scale bar's edge).
pub fn layout_attribution(
    measure: &dyn TextMeasure,
    text: &str,
    map: Rect,
    left_limit: f32,
    text_scale: f32,
) -> Option<TextBlock> {
    let size = CREDITS_SIZE * text_scale;
    let inset = MARGIN / 2.0;
    // The box (text + 6 px padding on each side) keeps `inset` from the map's right edge and
    // from `left_limit`.
    let max_w = map[2] - left_limit.max(map[0]) - 2.0 * inset - 12.0;
    if max_w < 40.0 {
        return None;
    }
    let lines = wrap(measure, text, size, max_w);
    let w = widest(measure, &lines, size) + 12.0;
    let h = lines.len() as f32 * measure.line_height(size) * 1.05 + 8.0;
    let rect = [map[2] - inset - w, map[3] - inset - h, map[2] - inset, map[3] - inset];
    let (lines, _) = stack(measure, lines, size, rect[0] + 6.0, rect[1] + 4.0, 1.05);
    Some(TextBlock { rect, lines })
}

pub fn draw_credits(canvas: &mut dyn Canvas, block: &TextBlock, on: Backdrop) {
    backdrop(canvas, block.rect, on);
    text_lines(canvas, block, INK_SOFT);
}

// ---- Title band ---------------------------------------------------------------------------

/// A figure's title and subtitle in a band across the top of `page`; `None` when both are empty.
pub fn layout_title(
    measure: &dyn TextMeasure,
    title: &str,
    subtitle: &str,
    page: Rect,
) -> Option<TextBlock> {
    let text_w = (page[2] - page[0] - 2.0 * MARGIN).max(10.0);
    let mut lines = Vec::new();
    let mut y = page[1] + MARGIN * 0.8;
    for (text, size) in [(title.trim(), TITLE_SIZE), (subtitle.trim(), SUBTITLE_SIZE)] {
        if text.is_empty() {
            continue;
        }
        let (l, bottom) =
            stack(measure, wrap(measure, text, size, text_w), size, page[0] + MARGIN, y, 1.1);
        lines.extend(l);
        y = bottom + 2.0;
    }
    (!lines.is_empty())
        .then(|| TextBlock { rect: [page[0], page[1], page[2], y + MARGIN * 0.5], lines })
}

pub fn draw_title(canvas: &mut dyn Canvas, block: &TextBlock) {
    backdrop(canvas, block.rect, Backdrop::Band);
    for (i, (text, pos, size)) in block.lines.iter().enumerate() {
        let color = if *size >= TITLE_SIZE || i == 0 { INK } else { INK_SOFT };
        canvas.text(&TextRun {
            text,
            pos_screen: *pos,
            size: *size,
            align: HAlign::Left,
            color,
            halo: None,
        });
    }
}

// ---- Legend box ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    pub entry: LegendEntry,
    /// Where the symbol is drawn, and the label's lines.
    pub symbol_rect: Rect,
    pub label: TextBlock,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendBox {
    pub rect: Rect,
    pub heading: TextBlock,
    pub rows: Vec<LegendRow>,
}

fn shift_rect(r: Rect, by: [f32; 2]) -> Rect {
    [r[0] + by[0], r[1] + by[1], r[2] + by[0], r[3] + by[1]]
}

fn shift_block(b: TextBlock, by: [f32; 2]) -> TextBlock {
    TextBlock {
        rect: shift_rect(b.rect, by),
        lines: b.lines.into_iter().map(|(t, p, s)| (t, [p[0] + by[0], p[1] + by[1]], s)).collect(),
    }
}

/// A section title inside the legend (a theme's attribute): no swatch, the label spans the row
/// (as wide as a swatch and a label) in the heading's size. Returns the row, its bottom and width.
fn legend_heading_row(
    measure: &dyn TextMeasure,
    entry: LegendEntry,
    pad: f32,
    top: f32,
    label_w: f32,
    title_size: f32,
) -> (LegendRow, f32, f32) {
    let max_w = LEGEND_SYMBOL_SIZE[0] + 8.0 + label_w;
    let wrapped = wrap(measure, &entry.label, title_size, max_w);
    let width = widest(measure, &wrapped, title_size);
    let (lines, bottom) = stack(measure, wrapped, title_size, pad, top + 2.0, 1.1);
    let row = LegendRow {
        entry,
        symbol_rect: [pad, top, pad, top],
        label: TextBlock { rect: [pad, top, pad + width, bottom], lines },
    };
    (row, bottom, width)
}

/// The legend panel in the bottom-right corner of `map`: a heading, then one row per entry
/// (swatch and wrapped label). Rows are laid out from (0, 0) and moved into place once the
/// panel's size is known.
pub fn layout_legend(
    measure: &dyn TextMeasure,
    heading: &str,
    entries: Vec<LegendEntry>,
    map: Rect,
) -> LegendBox {
    layout_legend_scaled(measure, heading, entries, map, 1.0)
}

/// [`layout_legend`] with its text `text_scale` times larger (the window's presentation mode,
/// read from across a room).
pub fn layout_legend_scaled(
    measure: &dyn TextMeasure,
    heading: &str,
    entries: Vec<LegendEntry>,
    map: Rect,
    text_scale: f32,
) -> LegendBox {
    layout_legend_rows(measure, heading, entries, map, text_scale, (17.0 * text_scale, 3.0))
}

/// [`layout_legend_scaled`] with each row only as tall as its text or swatch (a figure's rows
/// are at least 17 points): the window's compact legend while presenting, whose text is as
/// large as the rest of the furniture and must still cover little of the map.
pub fn layout_legend_compact(
    measure: &dyn TextMeasure,
    heading: &str,
    entries: Vec<LegendEntry>,
    map: Rect,
    text_scale: f32,
) -> LegendBox {
    layout_legend_rows(measure, heading, entries, map, text_scale, (0.0, 1.0))
}

/// The legend's layout with rows at least `rows.0` points tall, `rows.1` points apart.
fn layout_legend_rows(
    measure: &dyn TextMeasure,
    heading: &str,
    entries: Vec<LegendEntry>,
    map: Rect,
    text_scale: f32,
    rows_h_gap: (f32, f32),
) -> LegendBox {
    let (min_row_h, gap) = rows_h_gap;
    let (title_size, text_size) = (LEGEND_TITLE_SIZE * text_scale, LEGEND_SIZE * text_scale);
    let label_w = (LEGEND_LABEL_MAX_W * text_scale).min(((map[2] - map[0]) * 0.35).max(80.0));
    let pad = 9.0;
    let symbol_w = LEGEND_SYMBOL_SIZE[0];
    let heading_h = measure.line_height(title_size) * 1.2;
    let mut rows = Vec::new();
    let mut y = pad + heading_h + 2.0;
    let mut widest_row = measure.width(heading, title_size);
    for entry in entries {
        if entry.symbol == LegendSymbol::Heading {
            let (row, bottom, width) =
                legend_heading_row(measure, entry, pad, y, label_w, title_size);
            widest_row = widest_row.max(width);
            rows.push(row);
            y = bottom + gap;
            continue;
        }
        let symbol_h = legend_symbol_size(&entry.symbol)[1];
        let wrapped = wrap(measure, &entry.label, text_size, label_w);
        widest_row = widest_row.max(symbol_w + 8.0 + widest(measure, &wrapped, text_size));
        let text_h = wrapped.len() as f32 * measure.line_height(text_size) * 1.05;
        let row_h = text_h.max(min_row_h).max(symbol_h + 3.0);
        let (lines, _) = stack(
            measure,
            wrapped,
            text_size,
            pad + symbol_w + 8.0,
            y + (row_h - text_h) / 2.0,
            1.05,
        );
        let symbol_rect =
            [pad, y + (row_h - symbol_h) / 2.0, pad + symbol_w, y + (row_h + symbol_h) / 2.0];
        rows.push(LegendRow {
            entry,
            symbol_rect,
            label: TextBlock {
                rect: [pad + symbol_w + 8.0, y, pad + widest_row, y + row_h],
                lines,
            },
        });
        y += row_h + gap;
    }
    let (w, h) = (widest_row + 2.0 * pad, y + pad - gap);
    let origin = [map[2] - MARGIN - w, (map[3] - MARGIN - h).max(map[1] + MARGIN)];
    let heading = TextBlock {
        rect: [pad, pad, w - pad, pad + heading_h],
        lines: vec![(heading.to_string(), [pad, pad + heading_h / 2.0], title_size)],
    };
    LegendBox {
        rect: [origin[0], origin[1], origin[0] + w, origin[1] + h],
        heading: shift_block(heading, origin),
        rows: rows
            .into_iter()
            .map(|r| LegendRow {
                entry: r.entry,
                symbol_rect: shift_rect(r.symbol_rect, origin),
                label: shift_block(r.label, origin),
            })
            .collect(),
    }
}

pub fn draw_legend(canvas: &mut dyn Canvas, legend: &LegendBox) {
    backdrop(canvas, legend.rect, Backdrop::Panel);
    text_lines(canvas, &legend.heading, INK);
    for row in &legend.rows {
        draw_legend_symbol(canvas, &row.entry.symbol, row.symbol_rect);
        text_lines(canvas, &row.label, INK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recording::{FixedAdvance, Primitive, RecordingCanvas};

    const MEASURE: FixedAdvance = FixedAdvance { em: 0.6 };

    #[test]
    fn attribution_stays_right_of_the_scale_bar_and_inside_the_map() {
        let map = [0.0, 0.0, 700.0, 500.0];
        let text = attribution_text(Lang::En, Some("© OpenStreetMap contributors"));
        let block = layout_attribution(&MEASURE, &text, map, 250.0, 1.2).expect("room for it");
        assert!(
            block.rect[0] >= 250.0 && block.rect[2] <= map[2] && block.rect[3] <= map[3],
            "{:?}",
            block.rect
        );
        assert!(block.lines.len() > 1, "a long line wraps: {:?}", block.lines);
        assert!(
            block.lines[0].0.starts_with("Basemap: © OpenStreetMap contributors."),
            "{:?}",
            block.lines[0]
        );
        assert!(layout_attribution(&MEASURE, &text, map, 690.0, 1.2).is_none(), "no room, no box");
    }

    /// A large proportional circle gets a row tall enough for its true radius, inside the box.
    #[test]
    fn legend_rows_grow_for_large_circles() {
        let entry = |symbol, label: &str| LegendEntry { symbol, label: label.to_string() };
        let entries = vec![
            entry(LegendSymbol::Circle([0, 0, 0, 255], 17.5), "1,600"),
            entry(LegendSymbol::Circle([0, 0, 0, 255], 3.5), "100"),
        ];
        let legend = layout_legend(&MEASURE, "Legend", entries, [0.0, 0.0, 1000.0, 800.0]);
        let [big, small] = [&legend.rows[0], &legend.rows[1]];
        assert!(big.symbol_rect[3] - big.symbol_rect[1] >= 37.0, "{:?}", big.symbol_rect);
        assert_eq!(small.symbol_rect[3] - small.symbol_rect[1], LEGEND_SYMBOL_SIZE[1]);
        assert!(small.symbol_rect[1] >= big.symbol_rect[3], "rows do not overlap");
        assert!(legend.rect[1] <= big.symbol_rect[1] && small.symbol_rect[3] <= legend.rect[3]);
    }

    #[test]
    fn notes_are_one_panel_with_every_line() {
        let notes =
            ["Dashed town areas are approximate.", "Expressway lines are schematic alignments."];
        let block =
            layout_notes(&MEASURE, &notes, [10.0, 20.0, 1010.0, 820.0], 1.0).expect("notes");
        assert_eq!(block.rect[0..2], [10.0 + MARGIN, 20.0 + MARGIN]);
        assert_eq!(block.lines.len(), 2);
        let mut canvas = RecordingCanvas::default();
        draw_notes(&mut canvas, &block);
        let kinds: Vec<&str> = canvas
            .primitives
            .iter()
            .map(|p| match p {
                Primitive::Fill { .. } => "fill",
                Primitive::Stroke { .. } => "stroke",
                Primitive::Text { .. } => "text",
                _ => "group",
            })
            .collect();
        assert_eq!(kinds, ["fill", "stroke", "text", "text"]);
        assert!(layout_notes(&MEASURE, &[], [0.0, 0.0, 100.0, 100.0], 1.0).is_none());
    }
}
