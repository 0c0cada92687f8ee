//! Draws the measure tool's item (path, vertices, ring, lengths) on any canvas: the window every
//! frame at the current view, the figures once. Positions are mercator, so a pan needs no rebuild.

use super::canvas::{Canvas, Polylines};
use super::symbols::draw_label;
use crate::scene::measure::MeasureItem;
use crate::scene::style::{rgb, rgba, Dash, LineStyle, LABEL_HALO};
use crate::scene::view::ScreenFromMercator;
use crate::scene::Label;

/// A dark magenta that no atlas layer uses, with a white casing so it reads over any fill.
const MEASURE_COLOR: [u8; 4] = rgb(0xa0, 0x10, 0x80);
const CASING: LineStyle =
    LineStyle { width: 4.5, color: rgba(0xff, 0xff, 0xff, 220), dash: Dash::Solid };
const PATH: LineStyle = LineStyle { width: 2.5, color: MEASURE_COLOR, dash: Dash::Solid };
const RING: LineStyle =
    LineStyle { width: 2.0, color: MEASURE_COLOR, dash: Dash::Dashed { on: 8.0, off: 5.0 } };
const VERTEX_RADIUS: f32 = 4.0;
const LABEL_SIZE: f32 = 13.0;

/// The path and ring with their casing, the vertices as dots, then the labels above them.
pub fn draw_measure(canvas: &mut dyn Canvas, item: &MeasureItem, t: &ScreenFromMercator) {
    canvas.begin_group("measure");
    if item.ring_mercator.len() > 2 {
        let ring =
            Polylines::polygon(&item.ring_mercator.iter().map(|&m| t.apply(m)).collect::<Vec<_>>());
        canvas.stroke(&ring, &CASING);
        canvas.stroke(&ring, &RING);
    }
    if let Some(center) = item.center_mercator {
        canvas.fill(&Polylines::circle(t.apply(center), VERTEX_RADIUS * 0.75), MEASURE_COLOR, None);
    }
    if item.path_mercator.len() > 1 {
        let mut path = Polylines::default();
        path.push_part(item.path_mercator.iter().map(|&m| t.apply(m)), false);
        canvas.stroke(&path, &CASING);
        canvas.stroke(&path, &PATH);
    }
    for &v in &item.vertices_mercator {
        let dot = Polylines::circle(t.apply(v), VERTEX_RADIUS);
        canvas.fill(&dot, [255, 255, 255, 255], None);
        canvas.stroke(&dot, &PATH);
    }
    for l in &item.labels {
        let p = t.apply(l.mercator);
        let label = Label {
            pos_screen: p,
            text: l.text.clone(),
            size: LABEL_SIZE,
            color: MEASURE_COLOR,
            halo: LABEL_HALO,
        };
        // Above the point, clear of the line and the vertex dot.
        draw_label(canvas, &label, [p[0], p[1] - LABEL_SIZE])
    }
    canvas.end_group();
}
