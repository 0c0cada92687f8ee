//! Map furniture of an exported figure: title band, legend, scale bar, north arrow,
//! approximate-geometry note and the credits band.
//!
//! Laid out once (boxes in logical pixels, kept in [`FurnitureLayout`] so tests and the dialog
//! know where each piece is) and drawn through [`Canvas`], so the PNG and the SVG agree.
//! The layout happens in two steps because the bands decide the map's rectangle, and the map's
//! scene decides what the legend, scale bar and note say.

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use super::draw_scene::marker_symbol;
use super::text::Typeface;
use crate::i18n::Lang;
use crate::scene::furniture::{scale_bar, ScaleBar};
use crate::scene::layers::{legend_entries, LegendEntry, LegendSymbol, Layers};
use crate::scene::style::{self, Color, Dash, LineStyle};
use crate::scene::view::View;
use crate::scene::Scene;

/// Which furniture to draw; every piece can be turned off for a bare map.
#[derive(Clone, Debug, PartialEq)]
pub struct FurnitureOptions {
    pub title: String,
    pub subtitle: String,
    pub legend: bool,
    pub scale_bar: bool,
    pub north_arrow: bool,
    /// Attribution of every data source (and of the tiles, when tiles are drawn).
    pub credits: bool,
    /// The note saying town areas are approximate and expressways schematic, when they show.
    pub approximate_note: bool,
}

impl Default for FurnitureOptions {
    fn default() -> Self {
        FurnitureOptions {
            title: String::new(),
            subtitle: String::new(),
            legend: true,
            scale_bar: true,
            north_arrow: true,
            credits: true,
            approximate_note: true,
        }
    }
}

/// `[min_x, min_y, max_x, max_y]`, logical pixels.
pub type Rect = [f32; 4];

const MARGIN: f32 = 14.0;
const INK: Color = [0x26, 0x26, 0x26, 255];
const INK_SOFT: Color = [0x4a, 0x4a, 0x4a, 255];
const PANEL: Color = [255, 255, 255, 232];
const PANEL_EDGE: LineStyle = LineStyle { width: 0.8, color: [0x9a, 0x9a, 0x9a, 255], dash: Dash::Solid };
const FRAME: LineStyle = LineStyle { width: 1.0, color: [0x55, 0x55, 0x55, 255], dash: Dash::Solid };

const TITLE_SIZE: f32 = 24.0;
const SUBTITLE_SIZE: f32 = 14.0;
const CREDITS_SIZE: f32 = 9.0;
const LEGEND_TITLE_SIZE: f32 = 12.0;
const LEGEND_SIZE: f32 = 10.5;
const NOTE_SIZE: f32 = 10.5;
const SYMBOL_W: f32 = 28.0;
const LEGEND_LABEL_MAX_W: f32 = 230.0;

/// Lines of text in a box, each line's anchor (left end, middle of the line box).
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub rect: Rect,
    pub lines: Vec<(String, [f32; 2], f32)>,
}

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

#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBarBox {
    pub rect: Rect,
    pub bar: ScaleBar,
    /// Left end of the bar (top-left corner of the bar's rectangle).
    pub bar_origin: [f32; 2],
    pub bar_height: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FurnitureLayout {
    pub page: Rect,
    /// Where the map is drawn: the page minus the title and credits bands.
    pub map: Rect,
    pub title: Option<TextBlock>,
    pub credits: Option<TextBlock>,
    pub legend: Option<LegendBox>,
    pub scale_bar: Option<ScaleBarBox>,
    pub north_arrow: Option<Rect>,
    pub note: Option<TextBlock>,
}

fn block(face: &Typeface, lines: Vec<String>, size: f32, left: f32, top: f32, line_gap: f32) -> (Vec<(String, [f32; 2], f32)>, f32) {
    let lh = face.line_height(size) * line_gap;
    let mut y = top;
    let mut out = Vec::new();
    for line in lines {
        out.push((line, [left, y + lh / 2.0], size));
        y += lh;
    }
    (out, y)
}

/// The credits paragraph: every data source, then the tiles' attribution when tiles are drawn.
pub fn credits_text(lang: Lang, tiles_attribution: Option<&str>) -> String {
    let sources: Vec<String> = crate::credits::CREDITS.iter().map(|(what, who)| format!("{what}: {who}")).collect();
    let mut text = format!("{} {}.", lang.pick("Data sources —", "数据来源 —"), sources.join("; "));
    if let Some(tiles) = tiles_attribution {
        text = format!("{} {tiles}. {text}", lang.pick("Basemap:", "底图："));
    }
    text
}

impl FurnitureLayout {
    /// Step 1: the bands, which fix the map's rectangle.
    pub fn bands(face: &Typeface, options: &FurnitureOptions, page: Rect, lang: Lang, tiles_attribution: Option<&str>) -> FurnitureLayout {
        let width = page[2] - page[0];
        let text_w = (width - 2.0 * MARGIN).max(10.0);
        let mut top = page[1];
        let title = (!options.title.trim().is_empty() || !options.subtitle.trim().is_empty()).then(|| {
            let mut lines = Vec::new();
            let mut y = page[1] + MARGIN * 0.8;
            for (text, size) in [(options.title.trim(), TITLE_SIZE), (options.subtitle.trim(), SUBTITLE_SIZE)] {
                if text.is_empty() {
                    continue;
                }
                let (l, bottom) = block(face, face.wrap(text, size, text_w), size, page[0] + MARGIN, y, 1.1);
                lines.extend(l);
                y = bottom + 2.0;
            }
            let rect = [page[0], page[1], page[2], y + MARGIN * 0.5];
            top = rect[3];
            TextBlock { rect, lines }
        });
        let mut bottom = page[3];
        let credits = options.credits.then(|| {
            let wrapped = face.wrap(&credits_text(lang, tiles_attribution), CREDITS_SIZE, text_w);
            let height = wrapped.len() as f32 * face.line_height(CREDITS_SIZE) * 1.05 + 10.0;
            let rect = [page[0], page[3] - height, page[2], page[3]];
            let (lines, _) = block(face, wrapped, CREDITS_SIZE, page[0] + MARGIN, rect[1] + 5.0, 1.05);
            bottom = rect[1];
            TextBlock { rect, lines }
        });
        FurnitureLayout {
            page,
            map: [page[0], top, page[2], bottom.max(top + 1.0)],
            title,
            credits,
            legend: None,
            scale_bar: None,
            north_arrow: None,
            note: None,
        }
    }

    /// Step 2: the boxes inside the map, from what the scene actually shows.
    pub fn place_overlays(&mut self, face: &Typeface, options: &FurnitureOptions, scene: &Scene, view: &View, layers: &Layers, lang: Lang) {
        let map = self.map;
        let map_w = map[2] - map[0];
        if options.north_arrow {
            let (w, h) = (34.0, 54.0);
            self.north_arrow = Some([map[2] - MARGIN - w, map[1] + MARGIN, map[2] - MARGIN, map[1] + MARGIN + h]);
        }
        if options.scale_bar {
            let max_len = (map_w * 0.3).min(200.0);
            if let Some(bar) = scale_bar(view.metres_per_pixel(), max_len) {
                let label_h = face.line_height(11.0);
                let bar_height = 5.0;
                let w = bar.length_screen.max(face.width(&bar.label, 11.0)) + 16.0;
                let h = 8.0 + label_h + 4.0 + bar_height + 8.0;
                let rect = [map[0] + MARGIN, map[3] - MARGIN - h, map[0] + MARGIN + w, map[3] - MARGIN];
                let bar_origin = [(rect[0] + 8.0).round(), (rect[3] - 8.0 - bar_height).round()];
                self.scale_bar = Some(ScaleBarBox { rect, bar, bar_origin, bar_height });
            }
        }
        if options.approximate_note && (scene.approximate_drawn || scene.schematic_drawn) {
            let mut notes = Vec::new();
            if scene.approximate_drawn {
                notes.push(lang.pick(
                    "Dashed town areas are approximate (Voronoi cells around town seats), not official boundaries.",
                    "虚线镇域为按镇政府驻地划分的近似范围（泰森多边形），非官方边界。",
                ));
            }
            if scene.schematic_drawn {
                notes.push(lang.pick("Expressway lines are schematic alignments.", "高速公路线路为示意走向。"));
            }
            let max_w = (map_w * 0.42).clamp(120.0, 420.0);
            let lines: Vec<String> = notes.iter().flat_map(|n| face.wrap(n, NOTE_SIZE, max_w)).collect();
            let w = lines.iter().map(|l| face.width(l, NOTE_SIZE)).fold(0.0, f32::max) + 16.0;
            let left = map[0] + MARGIN;
            let (lines, bottom) = block(face, lines, NOTE_SIZE, left + 8.0, map[1] + MARGIN + 6.0, 1.1);
            self.note = Some(TextBlock { rect: [left, map[1] + MARGIN, left + w, bottom + 6.0], lines });
        }
        if options.legend {
            let entries = legend_entries(layers, scene.real_towns_drawn, scene.approximate_drawn, lang);
            let label_w = LEGEND_LABEL_MAX_W.min((map_w * 0.35).max(80.0));
            let pad = 9.0;
            let heading_text = lang.pick("Legend", "图例").to_string();
            let heading_h = face.line_height(LEGEND_TITLE_SIZE) * 1.2;
            let mut rows = Vec::new();
            let mut y = pad + heading_h + 2.0;
            let mut widest = face.width(&heading_text, LEGEND_TITLE_SIZE);
            // Rows are laid out from (0, 0) and moved into place once the panel's size is known.
            for entry in entries {
                let wrapped = face.wrap(&entry.label, LEGEND_SIZE, label_w);
                widest = widest.max(SYMBOL_W + 8.0 + wrapped.iter().map(|l| face.width(l, LEGEND_SIZE)).fold(0.0, f32::max));
                let text_h = wrapped.len() as f32 * face.line_height(LEGEND_SIZE) * 1.05;
                let row_h = text_h.max(17.0);
                let (lines, _) = block(face, wrapped, LEGEND_SIZE, pad + SYMBOL_W + 8.0, y + (row_h - text_h) / 2.0, 1.05);
                let symbol_rect = [pad, y + row_h / 2.0 - 7.0, pad + SYMBOL_W, y + row_h / 2.0 + 7.0];
                rows.push(LegendRow { entry, symbol_rect, label: TextBlock { rect: [pad + SYMBOL_W + 8.0, y, pad + widest, y + row_h], lines } });
                y += row_h + 3.0;
            }
            let (w, h) = (widest + 2.0 * pad, y + pad - 3.0);
            let origin = [map[2] - MARGIN - w, (map[3] - MARGIN - h).max(map[1] + MARGIN)];
            let shift = |r: Rect| [r[0] + origin[0], r[1] + origin[1], r[2] + origin[0], r[3] + origin[1]];
            let shift_block = |b: TextBlock| TextBlock {
                rect: shift(b.rect),
                lines: b.lines.into_iter().map(|(t, p, s)| (t, [p[0] + origin[0], p[1] + origin[1]], s)).collect(),
            };
            let heading = shift_block(TextBlock {
                rect: [pad, pad, w - pad, pad + heading_h],
                lines: vec![(heading_text, [pad, pad + heading_h / 2.0], LEGEND_TITLE_SIZE)],
            });
            let rows = rows
                .into_iter()
                .map(|r| LegendRow { entry: r.entry, symbol_rect: shift(r.symbol_rect), label: shift_block(r.label) })
                .collect();
            self.legend = Some(LegendBox { rect: [origin[0], origin[1], origin[0] + w, origin[1] + h], heading, rows });
        }
    }

    /// Every box drawn over the map, with a pixel of room for its antialiased outline: nothing
    /// of a piece is drawn outside its box (tests check this).
    pub fn overlay_boxes(&self) -> Vec<(&'static str, Rect)> {
        let mut out = Vec::new();
        if let Some(l) = &self.legend {
            out.push(("legend", l.rect));
        }
        if let Some(s) = &self.scale_bar {
            out.push(("scale_bar", s.rect));
        }
        if let Some(n) = self.north_arrow {
            out.push(("north_arrow", n));
        }
        if let Some(n) = &self.note {
            out.push(("note", n.rect));
        }
        out.into_iter().map(|(name, r)| (name, [r[0] - 1.0, r[1] - 1.0, r[2] + 1.0, r[3] + 1.0])).collect()
    }
}

fn text_lines(canvas: &mut dyn Canvas, block: &TextBlock, color: Color) {
    for (text, pos, size) in &block.lines {
        canvas.text(&TextRun { text, pos_screen: *pos, size: *size, align: HAlign::Left, color, halo: None });
    }
}

fn panel(canvas: &mut dyn Canvas, rect: Rect) {
    let shape = Polylines::rect(rect);
    canvas.fill(&shape, PANEL, Some(FillTag { class: "panel", code: None }));
    canvas.stroke(&shape, &PANEL_EDGE);
}

fn legend_symbol(canvas: &mut dyn Canvas, symbol: &LegendSymbol, r: Rect) {
    let mid_y = (r[1] + r[3]) / 2.0;
    match symbol {
        LegendSymbol::Fill(color, outline) => {
            let shape = Polylines::rect([r[0] + 2.0, r[1] + 1.0, r[2] - 2.0, r[3] - 1.0]);
            canvas.fill(&shape, *color, Some(FillTag { class: "legend-fill", code: None }));
            canvas.stroke(&shape, outline);
        }
        LegendSymbol::Line(line) => canvas.stroke(&Polylines::line([r[0] + 1.0, mid_y], [r[2] - 1.0, mid_y]), line),
        LegendSymbol::Marker(marker) => {
            let mut m = *marker;
            m.radius = m.radius.min(6.0);
            marker_symbol(canvas, [(r[0] + r[2]) / 2.0, mid_y], &m, 1.0);
        }
        LegendSymbol::AreaHalo => {
            let halo = Polylines::circle([(r[0] + r[2]) / 2.0, mid_y], 7.0);
            canvas.fill(&halo, style::AREA_HALO, None);
            canvas.stroke(&halo, &style::AREA_HALO_OUTLINE);
        }
    }
}

fn north_arrow(canvas: &mut dyn Canvas, face: &Typeface, r: Rect) {
    panel(canvas, r);
    let cx = (r[0] + r[2]) / 2.0;
    let n_size = 13.0;
    let n_y = r[1] + 4.0 + face.line_height(n_size) / 2.0;
    canvas.text(&TextRun { text: "N", pos_screen: [cx, n_y], size: n_size, align: HAlign::Center, color: INK, halo: None });
    let tip = [cx, n_y + face.line_height(n_size) / 2.0 + 2.0];
    let base_y = r[3] - 5.0;
    let notch = [cx, base_y - (base_y - tip[1]) * 0.28];
    let half_w = 9.0;
    // The classic split arrow: the left half solid, the right half open.
    canvas.fill(&Polylines::polygon(&[tip, [cx - half_w, base_y], notch]), INK, None);
    let right = Polylines::polygon(&[tip, notch, [cx + half_w, base_y]]);
    canvas.fill(&right, [255, 255, 255, 255], None);
    canvas.stroke(&Polylines::polygon(&[tip, [cx - half_w, base_y], notch, [cx + half_w, base_y]]), &LineStyle { width: 1.0, color: INK, dash: Dash::Solid });
}

fn scale_bar_draw(canvas: &mut dyn Canvas, face: &Typeface, s: &ScaleBarBox) {
    panel(canvas, s.rect);
    let [x0, y0] = s.bar_origin;
    let len = s.bar.length_screen;
    let h = s.bar_height;
    canvas.fill(&Polylines::rect([x0, y0, x0 + len / 2.0, y0 + h]), INK, None);
    canvas.fill(&Polylines::rect([x0 + len / 2.0, y0, x0 + len, y0 + h]), [255, 255, 255, 255], None);
    canvas.stroke(&Polylines::rect([x0, y0, x0 + len, y0 + h]), &LineStyle { width: 1.0, color: INK, dash: Dash::Solid });
    let label_y = y0 - 4.0 - face.line_height(11.0) / 2.0;
    canvas.text(&TextRun { text: &s.bar.label, pos_screen: [x0 + len / 2.0, label_y], size: 11.0, align: HAlign::Center, color: INK, halo: None });
}

/// Draws the furniture over an already painted map.
pub fn draw_furniture(canvas: &mut dyn Canvas, face: &Typeface, layout: &FurnitureLayout) {
    let white = [255, 255, 255, 255];
    canvas.begin_group("furniture");
    if let Some(t) = &layout.title {
        canvas.fill(&Polylines::rect(t.rect), white, Some(FillTag { class: "band", code: None }));
        for (i, (text, pos, size)) in t.lines.iter().enumerate() {
            let color = if *size >= TITLE_SIZE || i == 0 { INK } else { INK_SOFT };
            canvas.text(&TextRun { text, pos_screen: *pos, size: *size, align: HAlign::Left, color, halo: None });
        }
    }
    if let Some(c) = &layout.credits {
        canvas.fill(&Polylines::rect(c.rect), white, Some(FillTag { class: "band", code: None }));
        text_lines(canvas, c, INK_SOFT);
    }
    canvas.stroke(&Polylines::rect(layout.map), &FRAME);
    if let Some(n) = &layout.note {
        panel(canvas, n.rect);
        text_lines(canvas, n, INK);
    }
    if let Some(r) = layout.north_arrow {
        north_arrow(canvas, face, r);
    }
    if let Some(s) = &layout.scale_bar {
        scale_bar_draw(canvas, face, s);
    }
    if let Some(l) = &layout.legend {
        panel(canvas, l.rect);
        text_lines(canvas, &l.heading, INK);
        for row in &l.rows {
            legend_symbol(canvas, &row.entry.symbol, row.symbol_rect);
            text_lines(canvas, &row.label, INK);
        }
    }
    canvas.end_group();
}
