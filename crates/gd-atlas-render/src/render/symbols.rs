//! The symbols of the map — markers, labels and the legend's swatches — each drawn by one
//! function for the window and the figures alike.

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use super::hatch::hatch_segments;
use crate::scene::legend::LegendSymbol;
use crate::scene::style::{self, Dash, LineStyle, MarkerShape, MarkerStyle};
use crate::scene::{Label, Marker};

/// Half-width of a label's halo, logical pixels: wide enough to lift names off borders and
/// fills, narrow enough not to hide the lines they name.
pub const LABEL_HALO_WIDTH: f32 = 1.4;

/// A hovered or selected marker is drawn this much larger.
const EMPHASIS_GROWTH: f32 = 1.35;

fn solid(width: f32, color: style::Color) -> LineStyle {
    LineStyle { width, color, dash: Dash::Solid }
}

/// A marker: the "located only to an area" halo, the glyph, the selection ring and a cluster's
/// count badge. `emphasised` (hover in the window) enlarges the glyph as selection does.
pub fn draw_marker(canvas: &mut dyn Canvas, m: &Marker, pos_screen: [f32; 2], emphasised: bool) {
    if let Some(r) = m.halo_radius {
        let halo = Polylines::circle(pos_screen, r);
        canvas.fill(&halo, style::AREA_HALO, None);
        canvas.stroke(&halo, &style::AREA_HALO_OUTLINE);
    }
    let grow = if m.selected || emphasised { EMPHASIS_GROWTH } else { 1.0 };
    marker_symbol(canvas, pos_screen, &m.style, grow);
    if m.selected {
        let ring = Polylines::circle(pos_screen, m.style.radius * EMPHASIS_GROWTH + 5.0);
        canvas.stroke(&ring, &solid(2.5, style::SELECTION_OUTLINE.color));
    }
    if m.places.len() > 1 {
        let badge = [pos_screen[0] + m.style.radius + 4.0, pos_screen[1] - m.style.radius - 4.0];
        canvas.fill(&Polylines::circle(badge, 7.5), [0x30, 0x30, 0x30, 255], None);
        let count = m.places.len().to_string();
        canvas.text(&TextRun {
            text: &count,
            pos_screen: badge,
            size: 9.5,
            align: HAlign::Center,
            color: [255, 255, 255, 255],
            halo: None,
        });
    }
}

/// One marker glyph (square, diamond, circle or triangle) centred on `c`, `grow` times its size.
pub fn marker_symbol(canvas: &mut dyn Canvas, c: [f32; 2], style: &MarkerStyle, grow: f32) {
    let r = style.radius * grow;
    let outline = solid(1.5, style.outline);
    let at = |dx: f32, dy: f32| [c[0] + dx, c[1] + dy];
    let shape = match style.shape {
        MarkerShape::Circle => Polylines::circle(c, r),
        MarkerShape::Square => {
            let h = r * 0.9;
            Polylines::rect([c[0] - h, c[1] - h, c[0] + h, c[1] + h])
        }
        MarkerShape::Diamond => Polylines::polygon(&[
            at(0.0, -r * 1.2),
            at(r * 1.2, 0.0),
            at(0.0, r * 1.2),
            at(-r * 1.2, 0.0),
        ]),
        MarkerShape::Triangle => {
            Polylines::polygon(&[at(0.0, -r * 1.25), at(r * 1.15, r * 0.9), at(-r * 1.15, r * 0.9)])
        }
    };
    canvas.fill(&shape, style.fill, None);
    if style.shape == MarkerShape::Square {
        // The square's outline sits outside its edge, so the fill keeps its full size.
        let h = r * 0.9 + 0.75;
        canvas.stroke(&Polylines::rect([c[0] - h, c[1] - h, c[0] + h, c[1] + h]), &outline);
    } else {
        canvas.stroke(&shape, &outline);
    }
}

/// A place name centred on `pos_screen`, with its halo.
pub fn draw_label(canvas: &mut dyn Canvas, label: &Label, pos_screen: [f32; 2]) {
    canvas.text(&TextRun {
        text: &label.text,
        pos_screen,
        size: label.size,
        align: HAlign::Center,
        color: label.color,
        halo: Some((label.halo, LABEL_HALO_WIDTH)),
    });
}

/// A legend row's swatch, fitted in `rect_screen` (`[min_x, min_y, max_x, max_y]`, about
/// 28 × 14): the window's legend list and the figures' legend box both draw it here.
pub fn draw_legend_symbol(canvas: &mut dyn Canvas, symbol: &LegendSymbol, rect_screen: [f32; 4]) {
    let r = rect_screen;
    let mid = [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0];
    match symbol {
        LegendSymbol::Fill(color, outline) => {
            let shape = Polylines::rect([r[0] + 2.0, r[1] + 1.0, r[2] - 2.0, r[3] - 1.0]);
            canvas.fill(&shape, *color, Some(FillTag { class: "legend-fill", code: None }));
            canvas.stroke(&shape, outline);
        }
        LegendSymbol::Heading => {}
        LegendSymbol::HatchedFill(color, hatch, outline) => {
            let shape = Polylines::rect([r[0] + 2.0, r[1] + 1.0, r[2] - 2.0, r[3] - 1.0]);
            canvas.fill(&shape, *color, Some(FillTag { class: "legend-fill", code: None }));
            let mut lines = Polylines::default();
            hatch_segments(&shape, hatch.spacing, r, &mut lines);
            canvas.stroke(&lines, &hatch.line);
            canvas.stroke(&shape, outline);
        }
        LegendSymbol::Line(line) => {
            canvas.stroke(&Polylines::line([r[0] + 1.0, mid[1]], [r[2] - 1.0, mid[1]]), line)
        }
        LegendSymbol::Marker(marker) => {
            let mut m = *marker;
            m.radius = m.radius.min(6.0);
            marker_symbol(canvas, mid, &m, 1.0);
        }
        LegendSymbol::Circle(color, radius) => {
            let r = radius.min((r[3] - r[1]) / 2.0).max(1.5);
            let circle = Polylines::circle(mid, r);
            canvas.fill(
                &circle,
                *color,
                Some(FillTag { class: "legend-fill user-layer", code: None }),
            );
            canvas.stroke(&circle, &style::USER_POINT_OUTLINE);
        }
        LegendSymbol::StatusShades => {
            // Three small squares at the marker opacities of the three statuses.
            for (i, status) in crate::model::Status::ALL.into_iter().enumerate() {
                let x = r[0] + 3.0 + i as f32 * 8.0;
                let square = Polylines::rect([x, mid[1] - 3.5, x + 7.0, mid[1] + 3.5]);
                canvas.fill(
                    &square,
                    [0x55, 0x55, 0x55, crate::scene::kinds::status_alpha(status)],
                    None,
                );
            }
        }
        LegendSymbol::CityFills => {
            let (x0, x1) = (r[0] + 2.0, r[2] - 2.0);
            let codes = ["440100", "440300", "441200", "445100"];
            let step = (x1 - x0) / codes.len() as f32;
            for (i, code) in codes.into_iter().enumerate() {
                let x = x0 + i as f32 * step;
                let stripe = Polylines::rect([x, r[1] + 1.0, x + step, r[3] - 1.0]);
                let tag = Some(FillTag { class: "legend-fill", code: None });
                canvas.fill(&stripe, style::city_fill(code), tag);
            }
            let outline = Polylines::rect([x0, r[1] + 1.0, x1, r[3] - 1.0]);
            canvas.stroke(&outline, &style::CITY_OUTLINE);
        }
        LegendSymbol::AreaHalo => {
            let halo = Polylines::circle(mid, 7.0);
            canvas.fill(&halo, style::AREA_HALO, None);
            canvas.stroke(&halo, &style::AREA_HALO_OUTLINE);
        }
    }
}
