//! Paints a [`Scene`] with egui, caching the tessellated geometry.
//!
//! Fills and borders are turned into one `egui::Mesh` when the scene is built (on a change of
//! zoom level, layers, selection or language). Each frame only applies an affine transform to
//! that mesh: panning and small zoom steps cost a multiply-add per vertex, and epaint has nothing
//! left to tessellate. Markers and labels are few and drawn directly.

use std::sync::Arc;

use egui::epaint::{Mesh, PathStroke, TessellationOptions, Tessellator, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke};

use crate::model::Atlas;
use crate::scene::lod_cache::LodCache;
use crate::scene::style::{Color, Dash, LineStyle, MarkerShape};
use crate::scene::view::{ScreenFromMercator, View};
use crate::scene::{Item, Marker, Scene, SceneGeometry, Topo};

pub fn color32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// Tessellated fills and borders of a scene, in the screen space of the view it was built for.
pub struct PaintedScene {
    pub scene: Scene,
    pub mesh: Arc<Mesh>,
}

/// Maps positions from the screen space of `built` to that of `now` (same mercator, other view).
pub fn screen_from_built(built: &View, now: &View) -> (f32, [f32; 2]) {
    let a = built.screen_from_mercator();
    let b = now.screen_from_mercator();
    let k = b.scale / a.scale;
    (k as f32, [(b.offset[0] - a.offset[0] * k) as f32, (b.offset[1] - a.offset[1] * k) as f32])
}

fn stroke_points(
    out: &mut Vec<Shape>,
    points: Vec<Pos2>,
    style: &LineStyle,
    closed: bool,
) {
    if points.len() < 2 {
        return;
    }
    let color = color32(style.color);
    match style.dash {
        Dash::Solid => {
            let stroke = PathStroke::new(style.width, color);
            out.push(if closed { Shape::closed_line(points, stroke) } else { Shape::line(points, stroke) });
        }
        Dash::Dashed { on, off } => {
            let mut pts = points;
            if closed {
                pts.push(pts[0]);
            }
            Shape::dashed_line_many(&pts, Stroke::new(style.width, color), on, off, out);
        }
        Dash::Dotted { spacing } => {
            let mut pts = points;
            if closed {
                pts.push(pts[0]);
            }
            out.extend(Shape::dotted_line(&pts, color, spacing, style.width * 0.6));
        }
    }
}

fn project_rel(t: &ScreenFromMercator, origin: [f64; 2], rel: &[[f32; 2]]) -> Vec<Pos2> {
    // origin·scale + offset in f64 once, then f32 multiply-adds per vertex.
    let o = t.apply(origin);
    let s = t.scale as f32;
    rel.iter().map(|p| Pos2::new(o[0] + p[0] * s, o[1] + p[1] * s)).collect()
}

/// Tessellates the fills and borders of `scene` into one mesh.
pub fn paint_scene(atlas: &Atlas, geometry: &SceneGeometry, scene: Scene, pixels_per_point: f32) -> PaintedScene {
    let t = scene.view.screen_from_mercator();
    let lod = scene.lod;
    let mut mesh = Mesh::default();
    let mut tessellator = Tessellator::new(pixels_per_point, TessellationOptions::default(), [1, 1], vec![]);
    let cache = |topo: Topo| -> &LodCache {
        match topo {
            Topo::Regions => &geometry.regions_lod,
            Topo::Basemap => &geometry.basemap_lod,
        }
    };
    let mut shapes: Vec<Shape> = Vec::new();
    for item in &scene.items {
        match item {
            Item::Fill { topo, shape, color } => {
                flush(&mut tessellator, &mut shapes, &mut mesh);
                let topology = topo.of(atlas, geometry);
                let sm = cache(*topo).shape(topology, lod, *shape);
                let base = mesh.vertices.len() as u32;
                let c = color32(*color);
                for p in project_rel(&t, sm.origin_mercator, &sm.vertices) {
                    mesh.vertices.push(Vertex { pos: p, uv: WHITE_UV, color: c });
                }
                mesh.indices.extend(sm.triangles.iter().map(|i| base + i));
            }
            Item::Arcs { topo, arcs, style } => {
                let topology = topo.of(atlas, geometry);
                for &arc in arcs {
                    let line = cache(*topo).arc(topology, lod, arc as usize);
                    stroke_points(&mut shapes, project_rel(&t, line.origin_mercator, &line.points), style, false);
                }
            }
            Item::Rings { topo, shape, style } => {
                let topology = topo.of(atlas, geometry);
                let sm = cache(*topo).shape(topology, lod, *shape);
                for ring in &sm.rings {
                    let rel = &sm.vertices[ring.start as usize..ring.end as usize];
                    stroke_points(&mut shapes, project_rel(&t, sm.origin_mercator, rel), style, true);
                }
            }
            Item::Polyline { mercator, style } => {
                let pts = mercator.iter().map(|&m| {
                    let p = t.apply(m);
                    Pos2::new(p[0], p[1])
                });
                stroke_points(&mut shapes, pts.collect(), style, false);
            }
            Item::Marker(_) | Item::Label(_) => {}
        }
    }
    flush(&mut tessellator, &mut shapes, &mut mesh);
    PaintedScene { scene, mesh: Arc::new(mesh) }
}

fn flush(tessellator: &mut Tessellator, shapes: &mut Vec<Shape>, mesh: &mut Mesh) {
    for shape in shapes.drain(..) {
        tessellator.tessellate_shape(shape, mesh);
    }
}

/// Draws a painted scene for the current view: the cached mesh moved into place, then markers
/// and labels.
pub fn draw(painter: &Painter, painted: &PaintedScene, atlas: &Atlas, now: &View, hover_places: &[usize]) {
    let (k, d) = screen_from_built(&painted.scene.view, now);
    if k == 1.0 && d == [0.0, 0.0] {
        // The view it was built for: share the cached mesh, no copy.
        painter.add(Shape::Mesh(painted.mesh.clone()));
    } else {
        let mut mesh = (*painted.mesh).clone();
        for v in &mut mesh.vertices {
            v.pos = Pos2::new(v.pos.x * k + d[0], v.pos.y * k + d[1]);
        }
        painter.add(Shape::mesh(mesh));
    }
    let t = now.screen_from_mercator();
    veil_outside_data(painter, &t);
    for item in &painted.scene.items {
        match item {
            Item::Marker(m) => {
                let hovered = m.places.iter().any(|p| hover_places.contains(p));
                draw_marker(painter, m, t.apply(m.mercator), hovered, atlas);
            }
            Item::Label(l) => {
                let pos = Pos2::new(l.pos_screen[0] * k + d[0], l.pos_screen[1] * k + d[1]);
                draw_label(painter, pos, &l.text, l.size, color32(l.color), color32(l.halo));
            }
            _ => {}
        }
    }
}

pub fn draw_label(painter: &Painter, pos: Pos2, text: &str, size: f32, color: Color32, halo: Color32) {
    let font = FontId::proportional(size);
    // A halo of offset copies keeps names readable over borders and fills.
    // Four copies, not eight: labels are re-tessellated every frame and the diagonals add little.
    for (dx, dy) in [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0)] {
        painter.text(pos + egui::vec2(dx, dy), Align2::CENTER_CENTER, text, font.clone(), halo);
    }
    painter.text(pos, Align2::CENTER_CENTER, text, font, color);
}

pub fn draw_marker(painter: &Painter, m: &Marker, pos: [f32; 2], hovered: bool, _atlas: &Atlas) {
    let c = Pos2::new(pos[0], pos[1]);
    if let Some(r) = m.halo_radius {
        painter.circle_filled(c, r, color32(crate::scene::style::AREA_HALO));
        let style = crate::scene::style::AREA_HALO_OUTLINE;
        let n = 48;
        let ring: Vec<Pos2> = (0..=n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                c + egui::vec2(a.cos() * r, a.sin() * r)
            })
            .collect();
        let mut shapes = Vec::new();
        stroke_points(&mut shapes, ring, &style, false);
        painter.extend(shapes);
    }
    marker_symbol(painter, c, &m.style, if hovered || m.selected { 1.35 } else { 1.0 });
    if m.selected {
        painter.circle_stroke(c, m.style.radius * 1.35 + 5.0, Stroke::new(2.5, color32(crate::scene::style::SELECTION_OUTLINE.color)));
    }
    if m.places.len() > 1 {
        let badge = c + egui::vec2(m.style.radius + 4.0, -m.style.radius - 4.0);
        painter.circle_filled(badge, 7.5, Color32::from_rgb(0x30, 0x30, 0x30));
        painter.text(badge, Align2::CENTER_CENTER, m.places.len().to_string(), FontId::proportional(9.5), Color32::WHITE);
    }
}

/// One marker glyph: the same shapes the exports draw.
pub fn marker_symbol(painter: &Painter, c: Pos2, style: &crate::scene::style::MarkerStyle, grow: f32) {
    let r = style.radius * grow;
    let fill = color32(style.fill);
    let outline = Stroke::new(1.5, color32(style.outline));
    match style.shape {
        MarkerShape::Circle => {
            painter.circle(c, r, fill, outline);
        }
        MarkerShape::Square => {
            painter.rect(
                egui::Rect::from_center_size(c, egui::vec2(2.0 * r * 0.9, 2.0 * r * 0.9)),
                1.0,
                fill,
                outline,
                egui::StrokeKind::Outside,
            );
        }
        MarkerShape::Diamond => {
            let pts = vec![c + egui::vec2(0.0, -r * 1.2), c + egui::vec2(r * 1.2, 0.0), c + egui::vec2(0.0, r * 1.2), c + egui::vec2(-r * 1.2, 0.0)];
            painter.add(Shape::convex_polygon(pts, fill, outline));
        }
        MarkerShape::Triangle => {
            let pts = vec![c + egui::vec2(0.0, -r * 1.25), c + egui::vec2(r * 1.15, r * 0.9), c + egui::vec2(-r * 1.15, r * 0.9)];
            painter.add(Shape::convex_polygon(pts, fill, outline));
        }
    }
}

/// Outline of one region's rings at the current view (hover highlight; drawn every frame).
pub fn draw_rings(painter: &Painter, atlas: &Atlas, geometry: &SceneGeometry, shape: usize, view: &View, lod: u8) {
    let t = view.screen_from_mercator();
    let sm = geometry.regions_lod.shape(&atlas.topology, lod, shape);
    let mut shapes = Vec::new();
    for ring in &sm.rings {
        let rel = &sm.vertices[ring.start as usize..ring.end as usize];
        stroke_points(&mut shapes, project_rel(&t, sm.origin_mercator, rel), &crate::scene::style::HOVER_OUTLINE, true);
    }
    painter.extend(shapes);
}

/// Extent of the offline basemap layers (they are clipped to this lon/lat box).
pub const BASEMAP_EXTENT_LONLAT: [f64; 4] = [109.2, 19.7, 117.8, 25.9];

/// Pales everything outside the basemap's extent, so the box edges read as the map's frame
/// rather than as coastlines.
fn veil_outside_data(painter: &Painter, t: &ScreenFromMercator) {
    let a = t.apply(crate::geo::mercator::mercator_from_lonlat([BASEMAP_EXTENT_LONLAT[0], BASEMAP_EXTENT_LONLAT[3]]));
    let b = t.apply(crate::geo::mercator::mercator_from_lonlat([BASEMAP_EXTENT_LONLAT[2], BASEMAP_EXTENT_LONLAT[1]]));
    let clip = painter.clip_rect();
    let veil = Color32::from_rgba_unmultiplied(236, 236, 236, 235);
    let inner = egui::Rect::from_min_max(Pos2::new(a[0], a[1]), Pos2::new(b[0], b[1]));
    for r in [
        egui::Rect::from_min_max(clip.min, Pos2::new(clip.max.x, inner.min.y)),
        egui::Rect::from_min_max(Pos2::new(clip.min.x, inner.max.y), clip.max),
        egui::Rect::from_min_max(Pos2::new(clip.min.x, inner.min.y), Pos2::new(inner.min.x, inner.max.y)),
        egui::Rect::from_min_max(Pos2::new(inner.max.x, inner.min.y), Pos2::new(clip.max.x, inner.max.y)),
    ] {
        if r.is_positive() {
            painter.rect_filled(r.intersect(clip), 0.0, veil);
        }
    }
    painter.rect_stroke(inner, 0.0, Stroke::new(0.8, Color32::from_gray(190)), egui::StrokeKind::Middle);
}
