//! Paints a [`Scene`] on a [`Canvas`]: the same items, in the same order and style, as the
//! window's painter (`crate::map::paint`), but with exact even-odd fills from the rings instead
//! of cached triangles.

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use crate::model::Atlas;
use crate::scene::lod_cache::LodCache;
use crate::scene::style::{self, Dash, LineStyle, MarkerShape, MarkerStyle};
use crate::scene::view::ScreenFromMercator;
use crate::scene::{Item, Marker, Scene, SceneGeometry, Topo};

/// Appends `origin + rel` projected to the screen (two multiply-adds per vertex).
fn project_into(
    out: &mut Polylines,
    screen_from_mercator: &ScreenFromMercator,
    origin_mercator: [f64; 2],
    rel_mercator: &[[f32; 2]],
    closed: bool,
) {
    let o = screen_from_mercator.apply(origin_mercator);
    let s = screen_from_mercator.scale as f32;
    out.push_part(rel_mercator.iter().map(|p| [o[0] + p[0] * s, o[1] + p[1] * s]), closed);
}

pub fn draw_scene(canvas: &mut dyn Canvas, atlas: &Atlas, geometry: &SceneGeometry, scene: &Scene) {
    let screen_from_mercator = scene.view.screen_from_mercator();
    let lod = scene.lod;
    let cache = |topo: Topo| -> &LodCache {
        match topo {
            Topo::Regions => &geometry.regions_lod,
            Topo::Basemap => &geometry.basemap_lod,
        }
    };
    let mut buf = Polylines::default();
    canvas.fill(&Polylines::rect(scene.view.rect_screen), scene.background, Some(FillTag { class: "background", code: None }));
    canvas.begin_group("map");
    for item in &scene.items {
        buf.clear();
        match item {
            Item::Fill { topo, shape, color } => {
                let topology = topo.of(atlas, geometry);
                let mesh = cache(*topo).shape(topology, lod, *shape);
                for ring in &mesh.rings {
                    project_into(&mut buf, &screen_from_mercator, mesh.origin_mercator, &mesh.vertices[ring.start as usize..ring.end as usize], true);
                }
                if buf.is_empty() {
                    continue;
                }
                // The selection's tint is a fill of the selected region drawn over the city fills.
                let class = match topo {
                    Topo::Regions if *color == style::SELECTION_FILL => "selection-fill",
                    Topo::Regions => "region-fill",
                    Topo::Basemap => "basemap-fill",
                };
                let code = topology.shapes[*shape].code.as_str();
                canvas.fill(&buf, *color, Some(FillTag { class, code: Some(code) }));
            }
            Item::Arcs { topo, arcs, style } => {
                let topology = topo.of(atlas, geometry);
                for &arc in arcs {
                    let line = cache(*topo).arc(topology, lod, arc as usize);
                    project_into(&mut buf, &screen_from_mercator, line.origin_mercator, &line.points, false);
                }
                canvas.stroke(&buf, style);
            }
            Item::Rings { topo, shape, style } => {
                let topology = topo.of(atlas, geometry);
                let mesh = cache(*topo).shape(topology, lod, *shape);
                for ring in &mesh.rings {
                    project_into(&mut buf, &screen_from_mercator, mesh.origin_mercator, &mesh.vertices[ring.start as usize..ring.end as usize], true);
                }
                canvas.stroke(&buf, style);
            }
            Item::Polyline { mercator, style } => {
                buf.push_part(mercator.iter().map(|&m| screen_from_mercator.apply(m)), false);
                canvas.stroke(&buf, style);
            }
            Item::Marker(m) => draw_marker(canvas, m, screen_from_mercator.apply(m.mercator)),
            Item::Label(l) => canvas.text(&TextRun {
                text: &l.text,
                pos_screen: l.pos_screen,
                size: l.size,
                align: HAlign::Center,
                color: l.color,
                halo: Some((l.halo, 1.4)),
            }),
        }
    }
    canvas.end_group();
}

fn solid(width: f32, color: style::Color) -> LineStyle {
    LineStyle { width, color, dash: Dash::Solid }
}

/// A marker as the window draws it (`map::paint::draw_marker`): area halo, glyph, selection
/// ring and the cluster's count badge.
pub fn draw_marker(canvas: &mut dyn Canvas, m: &Marker, pos_screen: [f32; 2]) {
    if let Some(r) = m.halo_radius {
        let halo = Polylines::circle(pos_screen, r);
        canvas.fill(&halo, style::AREA_HALO, None);
        canvas.stroke(&halo, &style::AREA_HALO_OUTLINE);
    }
    let grow = if m.selected { 1.35 } else { 1.0 };
    marker_symbol(canvas, pos_screen, &m.style, grow);
    if m.selected {
        let ring = Polylines::circle(pos_screen, m.style.radius * 1.35 + 5.0);
        canvas.stroke(&ring, &solid(2.5, style::SELECTION_OUTLINE.color));
    }
    if m.places.len() > 1 {
        let badge = [pos_screen[0] + m.style.radius + 4.0, pos_screen[1] - m.style.radius - 4.0];
        canvas.fill(&Polylines::circle(badge, 7.5), [0x30, 0x30, 0x30, 255], None);
        let count = m.places.len().to_string();
        canvas.text(&TextRun { text: &count, pos_screen: badge, size: 9.5, align: HAlign::Center, color: [255, 255, 255, 255], halo: None });
    }
}

/// One marker glyph, the shapes of `map::paint::marker_symbol`.
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
        MarkerShape::Diamond => Polylines::polygon(&[at(0.0, -r * 1.2), at(r * 1.2, 0.0), at(0.0, r * 1.2), at(-r * 1.2, 0.0)]),
        MarkerShape::Triangle => Polylines::polygon(&[at(0.0, -r * 1.25), at(r * 1.15, r * 0.9), at(-r * 1.15, r * 0.9)]),
    };
    canvas.fill(&shape, style.fill, None);
    if style.shape == MarkerShape::Square {
        // egui strokes the square outside its edge.
        let h = r * 0.9 + 0.75;
        canvas.stroke(&Polylines::rect([c[0] - h, c[1] - h, c[0] + h, c[1] + h]), &outline);
    } else {
        canvas.stroke(&shape, &outline);
    }
}
