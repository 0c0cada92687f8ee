//! The furniture of an exported figure: which pieces, and where on the page they go — title
//! band, credits band, and over the map the notes (top left), north arrow (top right), scale
//! bar (bottom left) and legend (bottom right).
//!
//! Each piece is laid out and drawn by `crate::render::furniture`, the code the window uses for
//! its own scale bar, notes and credits. The layout happens in two steps because the bands decide
//! the map's rectangle, and the map's scene decides what the legend, scale bar and note say.

use crate::i18n::Lang;
use crate::render::canvas::{Canvas, Polylines, TextMeasure};
use crate::render::furniture::{
    self as pieces, Backdrop, LegendBox, NorthArrowBox, Rect, ScaleBarBox, TextBlock,
};
use crate::render::locator::{draw_locator, LocatorBox};
use crate::scene::style::{Dash, LineStyle};
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
    /// A locator inset: Guangdong with the figure's extent as a rectangle (left out when the
    /// figure shows the whole province).
    pub locator: bool,
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
            locator: false,
        }
    }
}

const FRAME: LineStyle =
    LineStyle { width: 1.0, color: [0x55, 0x55, 0x55, 255], dash: Dash::Solid };

#[derive(Clone, Debug, PartialEq)]
pub struct FurnitureLayout {
    pub page: Rect,
    /// Where the map is drawn: the page minus the title and credits bands.
    pub map: Rect,
    pub title: Option<TextBlock>,
    pub credits: Option<TextBlock>,
    pub legend: Option<LegendBox>,
    pub scale_bar: Option<ScaleBarBox>,
    pub north_arrow: Option<NorthArrowBox>,
    pub note: Option<TextBlock>,
    /// Placed by `export::compose`, which has the atlas the inset draws.
    pub locator: Option<LocatorBox>,
}

/// The share of the map one box may cover before it is left out (see
/// `FurnitureLayout::leave_out_crowding`): a legend on a 1080p province figure covers ≈ 12 %.
pub const CROWDING_SHARE: f32 = 0.35;

fn area(r: Rect) -> f32 {
    (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0)
}

impl FurnitureLayout {
    /// Step 1: the bands, which fix the map's rectangle. `credits` is the credits band's text
    /// (`render::furniture::credits_text`: the sources of what the figure draws).
    pub fn bands(
        measure: &dyn TextMeasure,
        options: &FurnitureOptions,
        page: Rect,
        credits_text: &str,
    ) -> FurnitureLayout {
        let title = pieces::layout_title(measure, &options.title, &options.subtitle, page);
        let credits =
            options.credits.then(|| pieces::layout_credits_band(measure, credits_text, page));
        let top = title.as_ref().map_or(page[1], |t| t.rect[3]);
        let bottom = credits.as_ref().map_or(page[3], |c| c.rect[1]);
        FurnitureLayout {
            page,
            map: [page[0], top, page[2], bottom.max(top + 1.0)],
            title,
            credits,
            legend: None,
            scale_bar: None,
            north_arrow: None,
            note: None,
            locator: None,
        }
    }

    /// The share of the page's height the credits band takes (0 without credits).
    pub fn credits_share(&self) -> f32 {
        let page_h = (self.page[3] - self.page[1]).max(1.0);
        self.credits.as_ref().map_or(0.0, |c| (c.rect[3] - c.rect[1]) / page_h)
    }

    /// Step 3: leaves out the boxes that would bury the map — a legend, notes box or locator
    /// covering more than [`CROWDING_SHARE`] of it (a 200 × 150 figure was all legend, notes
    /// and credits, issue 19 QA) — and names them. The credits stay: they are owed to the
    /// data's sources whatever the size.
    pub fn leave_out_crowding(&mut self) -> Vec<&'static str> {
        let map_area = area(self.map);
        let crowds = |r: Option<Rect>| r.is_some_and(|r| area(r) > CROWDING_SHARE * map_area);
        let out: Vec<&'static str> = [
            ("legend", crowds(self.legend.as_ref().map(|l| l.rect))),
            ("note", crowds(self.note.as_ref().map(|n| n.rect))),
            ("locator", crowds(self.locator.as_ref().map(|l| l.rect))),
        ]
        .into_iter()
        .filter_map(|(name, crowding)| crowding.then_some(name))
        .collect();
        self.leave_out(&out);
        out
    }

    /// Leaves out the boxes named (as [`FurnitureLayout::leave_out_crowding`] names them) again
    /// after a new placement.
    pub fn leave_out(&mut self, names: &[&str]) {
        for name in names {
            match *name {
                "legend" => self.legend = None,
                "note" => self.note = None,
                "locator" => self.locator = None,
                _ => {}
            }
        }
    }

    /// Step 2: the boxes inside the map, from what the scene actually shows.
    pub fn place_overlays(
        &mut self,
        measure: &dyn TextMeasure,
        options: &FurnitureOptions,
        scene: &Scene,
        view: &View,
        lang: Lang,
    ) {
        let map = self.map;
        self.north_arrow = options.north_arrow.then(|| pieces::layout_north_arrow(measure, map));
        self.scale_bar =
            options.scale_bar.then(|| pieces::layout_scale_bar(measure, view, map, 1.0)).flatten();
        self.note = options
            .approximate_note
            .then(|| pieces::layout_notes(measure, &scene.notes(lang, view), map, 1.0))
            .flatten();
        self.legend = options.legend.then(|| {
            pieces::layout_legend(
                measure,
                lang.pick("Legend", "图例"),
                scene.legend_entries(lang),
                map,
            )
        });
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
        if let Some(n) = &self.north_arrow {
            out.push(("north_arrow", n.rect));
        }
        if let Some(n) = &self.note {
            out.push(("note", n.rect));
        }
        if let Some(l) = &self.locator {
            out.push(("locator", l.rect));
        }
        out.into_iter()
            .map(|(name, r)| (name, [r[0] - 1.0, r[1] - 1.0, r[2] + 1.0, r[3] + 1.0]))
            .collect()
    }
}

/// Draws the furniture over an already painted map.
pub fn draw_furniture(canvas: &mut dyn Canvas, layout: &FurnitureLayout) {
    canvas.begin_group("furniture");
    if let Some(t) = &layout.title {
        pieces::draw_title(canvas, t);
    }
    if let Some(c) = &layout.credits {
        pieces::draw_credits(canvas, c, Backdrop::Band);
    }
    canvas.stroke(&Polylines::rect(layout.map), &FRAME);
    if let Some(n) = &layout.note {
        pieces::draw_notes(canvas, n);
    }
    if let Some(n) = &layout.north_arrow {
        pieces::draw_north_arrow(canvas, n);
    }
    if let Some(s) = &layout.scale_bar {
        pieces::draw_scale_bar(canvas, s);
    }
    if let Some(l) = &layout.legend {
        pieces::draw_legend(canvas, l);
    }
    if let Some(l) = &layout.locator {
        draw_locator(canvas, l);
    }
    canvas.end_group();
}
