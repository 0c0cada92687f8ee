//! Paints a [`Scene`] on a [`Canvas`], in two passes:
//!
//! - **geometry** (fills, borders, outlines, expressways), which scales with the map: the window
//!   paints it once per built scene into a cached mesh and only moves that mesh per frame;
//! - **overlay** (markers and labels, then the planner's own points over them), which keeps its
//!   size in screen space and reacts to hover: the window paints markers and labels every frame
//!   and the user points from a cached mesh of their own (`gd_atlas::map::paint`, app crate).
//!
//! The figures paint both passes, one after the other, which is the scene's own item order
//! (`build_scene` puts markers and labels after all geometry).

use super::canvas::{Canvas, FillTag, Polylines};
use super::hatch::hatch_segments;
use super::symbols::{draw_label, draw_marker};
use crate::model::Atlas;
use crate::scene::lod_cache::LodCache;
use crate::scene::style::{self, Dash, LineStyle};
use crate::scene::user_items::darker;
use crate::scene::view::{ScreenFromMercator, View};
use crate::scene::{Item, Scene, SceneGeometry, Topo};

/// The background, the geometry, then the overlay: a whole map (the figures).
pub fn draw_scene(canvas: &mut dyn Canvas, atlas: &Atlas, geometry: &SceneGeometry, scene: &Scene) {
    canvas.fill(
        &Polylines::rect(scene.view.rect_screen),
        scene.background,
        Some(FillTag { class: "background", code: None }),
    );
    canvas.begin_group("map");
    draw_geometry(canvas, atlas, geometry, scene);
    draw_basemap_edge(canvas, &scene.view);
    draw_overlay(canvas, scene, &scene.view, &[]);
    canvas.end_group();
}

/// Extent of the offline basemap layers (`scene::basemap::EXTENT_LONLAT`).
pub use crate::scene::basemap::EXTENT_LONLAT as BASEMAP_EXTENT_LONLAT;

const BASEMAP_EDGE: LineStyle =
    LineStyle { width: 0.8, color: [170, 170, 170, 255], dash: Dash::Solid };

/// `Item::PaperBeyondBasemap`: plain paper over the background and the basemap's fills
/// everywhere beyond the basemap's extent, where the atlas knows neither land nor sea (sea
/// painted there covered Guangxi and Fujian; the grey veil that followed read as unexplained
/// bands and was drawn over the user's layers too). The bands reach a frame's width past the
/// scene's own frame, so the window's cached mesh still covers the map while it is moved
/// during a pan or zoom.
fn fill_beyond_basemap(canvas: &mut dyn Canvas, view: &View) {
    let [x0, y0, x1, y1] = view.rect_screen;
    let (w, h) = (x1 - x0, y1 - y0);
    let outer = [x0 - w, y0 - h, x1 + w, y1 + h];
    let e = crate::scene::basemap::extent_screen(view);
    let inner = [e[0].max(outer[0]), e[1].max(outer[1]), e[2].min(outer[2]), e[3].min(outer[3])];
    // The bands overlap at the corners: abutting bands leave an anti-aliased seam along their
    // shared edge (seen in the window as a faint line across the paper).
    let bands = [
        [outer[0], outer[1], outer[2], inner[1]],
        [outer[0], inner[3], outer[2], outer[3]],
        [outer[0], outer[1], inner[0], outer[3]],
        [inner[2], outer[1], outer[2], outer[3]],
    ];
    let tag = Some(FillTag { class: "beyond-basemap", code: None });
    for band in bands.into_iter().filter(|b| b[2] > b[0] && b[3] > b[1]) {
        canvas.fill(&Polylines::rect(band), style::PAPER, tag);
    }
}

/// The thin grey frame where the basemap's extent ends inside the map: the edge the note
/// (`scene::basemap::BEYOND_NOTE`) names, so the cut land reads as the map's end, not a coast.
pub fn draw_basemap_edge(canvas: &mut dyn Canvas, view: &View) {
    if crate::scene::basemap::frame_reaches_beyond(view) {
        let extent = crate::scene::basemap::extent_screen(view);
        canvas.stroke(&Polylines::rect(extent), &BASEMAP_EDGE);
    }
}

fn lod_cache(geometry: &SceneGeometry, topo: Topo) -> &LodCache {
    match topo {
        Topo::Regions => &geometry.regions_lod,
        Topo::Basemap => &geometry.basemap_lod,
    }
}

/// SVG class of a fill. The selection's tint is a fill of the selected region drawn over the
/// city fills.
fn fill_class(topo: Topo, color: style::Color) -> &'static str {
    match topo {
        Topo::Regions if color == style::SELECTION_FILL => "selection-fill",
        Topo::Regions => "region-fill",
        Topo::Basemap => "basemap-fill",
    }
}

/// Fills, shared borders, outlines and expressways, at the scene's level of detail, in the
/// screen space of the view the scene was built for.
pub fn draw_geometry(
    canvas: &mut dyn Canvas,
    atlas: &Atlas,
    geometry: &SceneGeometry,
    scene: &Scene,
) {
    let screen_from_mercator = scene.view.screen_from_mercator();
    let lod = scene.lod;
    let mut buf = Polylines::default();
    // User layers' items are consecutive per layer: one SVG group each. Their points belong to
    // the overlay.
    let mut user_group: Option<usize> = None;
    for item in scene.items.iter().filter(|i| !i.is_user_point()) {
        buf.clear();
        if item.user_layer() != user_group {
            if user_group.is_some() {
                canvas.end_group();
            }
            user_group = item.user_layer();
            if let Some(k) = user_group {
                canvas.begin_group(&format!("user-layer-{k}"));
            }
        }
        if let Some(k) = user_group {
            draw_user_item(canvas, scene, k, item, &screen_from_mercator, &mut buf);
            continue;
        }
        match item {
            Item::Fill { topo, shape, color } => {
                let topology = topo.of(atlas, geometry);
                let mesh = lod_cache(geometry, *topo).shape(topology, lod, *shape);
                let code = topology.shapes[*shape].code.as_str();
                let tag = FillTag { class: fill_class(*topo, *color), code: Some(code) };
                canvas.fill_mesh(mesh, &screen_from_mercator, *color, Some(tag));
            }
            Item::Hatch { topo, shape, hatch } => {
                let mesh = lod_cache(geometry, *topo).shape(topo.of(atlas, geometry), lod, *shape);
                let mut rings = Polylines::default();
                rings.push_rings(&screen_from_mercator, mesh);
                hatch_segments(&rings, hatch.spacing, scene.view.rect_screen, &mut buf);
                if !buf.is_empty() {
                    canvas.stroke(&buf, &hatch.line);
                }
            }
            Item::Arcs { topo, arcs, style } => {
                let topology = topo.of(atlas, geometry);
                for &arc in arcs {
                    let line = lod_cache(geometry, *topo).arc(topology, lod, arc as usize);
                    buf.push_projected(
                        &screen_from_mercator,
                        line.origin_mercator,
                        &line.points,
                        false,
                    );
                }
                canvas.stroke(&buf, style);
            }
            Item::Rings { topo, shape, style } => {
                draw_outline(
                    canvas,
                    atlas,
                    geometry,
                    (*topo, *shape),
                    lod,
                    &screen_from_mercator,
                    style,
                );
            }
            Item::Polyline { mercator, style } => {
                buf.push_part(mercator.iter().map(|&m| screen_from_mercator.apply(m)), false);
                canvas.stroke(&buf, style);
            }
            Item::PaperBeyondBasemap => fill_beyond_basemap(canvas, &scene.view),
            Item::Marker(_) | Item::Label(_) => {}
            _ => {}
        }
    }
    if user_group.is_some() {
        canvas.end_group();
    }
}

/// How far outside the scene's rectangle user lines are still drawn (their width, the window's
/// small zoom steps): beyond it, long lines are cut so a deep zoom on a country-long line does
/// not stroke a million off-screen vertices.
const LINE_CLIP_MARGIN: f32 = 64.0;

/// How a user point reads on any background and in print: a white halo under it, a dark
/// outline of its own colour around it.
const USER_POINT_HALO: LineStyle =
    LineStyle { width: 2.0, color: [255, 255, 255, 230], dash: style::Dash::Solid };
const USER_POINT_OUTLINE_WIDTH: f32 = 1.0;

/// One item of user layer `k` at `t`: fills and specks tagged `user-layer` with the layer's
/// name (the SVG's class and `data-code`), lines clipped to the view, points and bins as
/// circles (outlined, over a white halo).
fn draw_user_item(
    canvas: &mut dyn Canvas,
    scene: &Scene,
    k: usize,
    item: &Item,
    t: &ScreenFromMercator,
    buf: &mut Polylines,
) {
    let Some(drawn) = scene.user_layers.get(k) else { return };
    let (layer, lod) = (&drawn.layer, scene.lod);
    let topology = &layer.data.topology;
    let name = drawn.name();
    let tag = Some(FillTag { class: "user-layer", code: Some(name.as_str()) });
    match item {
        Item::UserFills { shapes, color, outline, .. } => {
            for &s in shapes {
                let mesh = layer.lod.shape(topology, lod, s as usize);
                canvas.fill_mesh(mesh, t, *color, tag);
                buf.push_rings(t, mesh);
            }
            canvas.stroke(buf, outline);
        }
        Item::UserSpecks { mesh, color, .. } => canvas.fill_mesh(mesh, t, *color, tag),
        Item::UserRings { shape, style, .. } => {
            buf.push_rings(t, layer.lod.shape(topology, lod, *shape));
            canvas.stroke(buf, style);
        }
        Item::UserLines { arcs, style, .. } => {
            let r = scene.view.rect_screen;
            let clip = [
                r[0] - LINE_CLIP_MARGIN,
                r[1] - LINE_CLIP_MARGIN,
                r[2] + LINE_CLIP_MARGIN,
                r[3] + LINE_CLIP_MARGIN,
            ];
            for &arc in arcs {
                let line = layer.lod.arc(topology, lod, arc as usize);
                push_clipped(buf, t, line.origin_mercator, &line.points, clip);
            }
            canvas.stroke(buf, style);
        }
        Item::UserPoints { points, .. } => {
            for p in points {
                let c = t.apply(p.mercator);
                canvas.stroke(
                    &Polylines::circle(c, p.radius + USER_POINT_OUTLINE_WIDTH),
                    &USER_POINT_HALO,
                );
                let circle = Polylines::circle(c, p.radius);
                canvas.fill(&circle, p.color, tag);
                canvas.stroke(
                    &circle,
                    &LineStyle {
                        width: USER_POINT_OUTLINE_WIDTH,
                        color: darker(p.color),
                        dash: style::Dash::Solid,
                    },
                );
            }
        }
        Item::UserBins { bins, .. } => {
            let outline =
                LineStyle { width: 1.2, color: [255, 255, 255, 235], dash: style::Dash::Solid };
            for b in bins {
                let c = t.apply(b.mercator);
                let circle = Polylines::circle(c, b.radius);
                canvas.fill(
                    &circle,
                    b.color,
                    Some(FillTag { class: "user-layer-bin", code: Some(name.as_str()) }),
                );
                canvas.stroke(&circle, &outline);
                canvas.stroke(
                    &Polylines::circle(c, b.radius + 1.0),
                    &LineStyle { width: 0.8, color: darker(b.color), dash: style::Dash::Solid },
                );
            }
        }
        Item::UserPointRing { mercator, radius, style, .. } => {
            canvas.stroke(&Polylines::circle(t.apply(*mercator), *radius), style)
        }
        _ => {}
    }
}

/// Appends a cached polyline projected to the screen, keeping only the runs of segments whose
/// box meets `clip_screen`.
fn push_clipped(
    buf: &mut Polylines,
    t: &ScreenFromMercator,
    origin_mercator: [f64; 2],
    rel_mercator: &[[f32; 2]],
    clip_screen: [f32; 4],
) {
    let o = t.apply(origin_mercator);
    let s = t.scale as f32;
    let meets = |a: [f32; 2], b: [f32; 2]| {
        a[0].min(b[0]) <= clip_screen[2]
            && a[0].max(b[0]) >= clip_screen[0]
            && a[1].min(b[1]) <= clip_screen[3]
            && a[1].max(b[1]) >= clip_screen[1]
    };
    let mut start = buf.points_screen.len();
    let mut prev: Option<[f32; 2]> = None;
    for p in rel_mercator {
        let q = [o[0] + p[0] * s, o[1] + p[1] * s];
        if let Some(a) = prev {
            if meets(a, q) {
                if buf.points_screen.len() == start {
                    buf.points_screen.push(a);
                }
                buf.points_screen.push(q);
            } else if buf.points_screen.len() > start {
                buf.parts.push((start as u32..buf.points_screen.len() as u32, false));
                start = buf.points_screen.len();
            }
        }
        prev = Some(q);
    }
    if buf.points_screen.len() > start {
        buf.parts.push((start as u32..buf.points_screen.len() as u32, false));
    }
}

/// The rings of one shape at a level of detail: selection outlines in the scene, and the
/// window's hover outline (drawn every frame at the current view).
pub fn draw_outline(
    canvas: &mut dyn Canvas,
    atlas: &Atlas,
    geometry: &SceneGeometry,
    (topo, shape): (Topo, usize),
    lod: u8,
    screen_from_mercator: &ScreenFromMercator,
    style: &LineStyle,
) {
    let mesh = lod_cache(geometry, topo).shape(topo.of(atlas, geometry), lod, shape);
    let mut rings = Polylines::default();
    rings.push_rings(screen_from_mercator, mesh);
    canvas.stroke(&rings, style);
}

/// Maps positions from the screen space of `built` to that of `now` (same mercator, other
/// view): `pos_now = pos_built · k + d`. The identity when the views are equal.
pub fn screen_from_built(built: &View, now: &View) -> (f32, [f32; 2]) {
    let a = built.screen_from_mercator();
    let b = now.screen_from_mercator();
    let k = b.scale / a.scale;
    (k as f32, [(b.offset[0] - a.offset[0] * k) as f32, (b.offset[1] - a.offset[1] * k) as f32])
}

/// Markers, labels, then the user points and their counts, at the view `now` (the scene's own
/// view for figures; the current frame's in the window). Markers of `emphasised_places`
/// (hovered) are drawn larger.
pub fn draw_overlay(
    canvas: &mut dyn Canvas,
    scene: &Scene,
    now: &View,
    emphasised_places: &[usize],
) {
    draw_overlay_items(canvas, scene, &scene.items, now, emphasised_places, &[]);
}

/// [`draw_overlay`] of some of the scene's items (the window draws the user points from a
/// cached mesh between the items before them and those after). Labels meeting a box of
/// `hidden_under` are not drawn: the window's scale bar, notes and credits sit on the map in
/// translucent boxes, and a name the map moved under one showed through as a ghost ("Hainan"
/// under the scale bar at 1280×720). A figure places its names clear of its furniture instead
/// (`SceneInput::label_keep_out`) and passes none.
pub fn draw_overlay_items(
    canvas: &mut dyn Canvas,
    scene: &Scene,
    items: &[Item],
    now: &View,
    emphasised_places: &[usize],
    hidden_under: &[[f32; 4]],
) {
    let screen_from_mercator = now.screen_from_mercator();
    let (k, d) = screen_from_built(&scene.view, now);
    let mut buf = Polylines::default();
    let mut user_group: Option<usize> = None;
    for item in items {
        let points_of = if item.is_user_point() { item.user_layer() } else { None };
        if points_of != user_group {
            if user_group.is_some() {
                canvas.end_group();
            }
            user_group = points_of;
            if let Some(layer) = user_group {
                canvas.begin_group(&format!("user-layer-{layer}-points"));
            }
        }
        match item {
            Item::Marker(m) => {
                let emphasised = m.places.iter().any(|p| emphasised_places.contains(p));
                draw_marker(canvas, m, screen_from_mercator.apply(m.mercator), emphasised);
            }
            Item::Label(l) => {
                let pos = [l.pos_screen[0] * k + d[0], l.pos_screen[1] * k + d[1]];
                let r = crate::scene::label::label_box(pos, &l.text, l.size, 0.0);
                if !hidden_under.iter().any(|h| crate::scene::label::intersects(&r, h)) {
                    draw_label(canvas, l, pos);
                }
            }
            Item::Measure(m) => super::measure::draw_measure(canvas, m, &screen_from_mercator),
            _ if item.is_user_point() => {
                buf.clear();
                if let Some(layer) = points_of {
                    draw_user_item(canvas, scene, layer, item, &screen_from_mercator, &mut buf);
                }
            }
            _ => {}
        }
    }
    if user_group.is_some() {
        canvas.end_group();
    }
}
