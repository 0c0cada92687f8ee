//! Paints a [`Scene`] in the window, caching the tessellated geometry.
//!
//! The geometry pass (fills, borders, expressways — `render::scene::draw_geometry`, the code the
//! figures use) is tessellated into one `egui::Mesh` when the scene is built (when
//! `app::scene_cache` decides to rebuild). Each frame only applies an affine transform to that
//! mesh: panning and small zoom steps cost a multiply-add per vertex, and epaint has nothing left
//! to tessellate. Markers, labels, the hover outline and the basemap's edge are few and drawn every frame
//! through the shared drawing functions on an [`EguiCanvas`]. The planner's own points go over
//! the markers and labels; there can be 20,000 of them, so they are tessellated once too, into
//! a second mesh drawn between the labels and the bin counts.

use std::sync::Arc;

use egui::epaint::{Mesh, TessellationOptions, Tessellator};
use egui::{Painter, Pos2, Shape};

use crate::model::Atlas;
use crate::render::egui_canvas::EguiCanvas;
use crate::render::scene::{
    draw_basemap_edge, draw_geometry, draw_outline, draw_overlay_items, screen_from_built,
};
use crate::scene::style::HOVER_OUTLINE;
use crate::scene::view::View;
use crate::scene::{Scene, SceneGeometry, Topo};

pub use crate::render::egui_canvas::color32;

/// Tessellated fills and borders of a scene, in the screen space of the view it was built for,
/// and its user points (drawn over the markers and labels).
pub struct PaintedScene {
    pub scene: Scene,
    pub mesh: Arc<Mesh>,
    pub user_points: Arc<Mesh>,
}

/// Tessellates what `draw` puts on `canvas` into one mesh, at the painter's pixels per point.
fn tessellate(painter: &Painter, draw: impl FnOnce(&mut EguiCanvas)) -> Arc<Mesh> {
    let mut canvas = EguiCanvas::new(painter);
    draw(&mut canvas);
    let shapes = canvas.into_shapes();
    let font_tex_size = painter.fonts(|f| f.font_image_size());
    let mut tessellator = Tessellator::new(
        painter.pixels_per_point(),
        TessellationOptions::default(),
        font_tex_size,
        vec![],
    );
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    Arc::new(mesh)
}

/// Tessellates the geometry of `scene` into one mesh and its user points into another, at the
/// painter's pixels per point.
pub fn paint_scene(
    painter: &Painter,
    atlas: &Atlas,
    geometry: &SceneGeometry,
    scene: Scene,
) -> PaintedScene {
    let mesh = tessellate(painter, |canvas| draw_geometry(canvas, atlas, geometry, &scene));
    let points = &scene.items[scene.user_points_range()];
    let user_points = tessellate(painter, |canvas| {
        draw_overlay_items(canvas, &scene, points, &scene.view, &[], &[])
    });
    PaintedScene { scene, mesh, user_points }
}

/// A cached mesh moved from the view it was built for to `now` (`k`, `d`: `screen_from_built`).
fn add_moved(painter: &Painter, mesh: &Arc<Mesh>, k: f32, d: [f32; 2]) {
    if k == 1.0 && d == [0.0, 0.0] {
        // The view it was built for: share the cached mesh, no copy.
        painter.add(Shape::Mesh(mesh.clone()));
    } else {
        let mut mesh = (**mesh).clone();
        for v in &mut mesh.vertices {
            v.pos = Pos2::new(v.pos.x * k + d[0], v.pos.y * k + d[1]);
        }
        painter.add(Shape::mesh(mesh));
    }
}

/// Draws a painted scene for the current view: the cached mesh moved into place, the basemap's
/// edge where the view reaches beyond it, markers (`hover_places` enlarged) and labels (but
/// those under a box of `furniture`, the map's scale bar, notes and credits), the cached user
/// points, then their counts and the measure.
pub fn draw(
    painter: &Painter,
    painted: &PaintedScene,
    now: &View,
    hover_places: &[usize],
    furniture: &[[f32; 4]],
) {
    let (k, d) = screen_from_built(&painted.scene.view, now);
    add_moved(painter, &painted.mesh, k, d);
    let mut canvas = EguiCanvas::new(painter);
    draw_basemap_edge(&mut canvas, now);
    let items = &painted.scene.items;
    let points = painted.scene.user_points_range();
    draw_overlay_items(
        &mut canvas,
        &painted.scene,
        &items[..points.start],
        now,
        hover_places,
        furniture,
    );
    drop(canvas);
    add_moved(painter, &painted.user_points, k, d);
    let mut canvas = EguiCanvas::new(painter);
    draw_overlay_items(
        &mut canvas,
        &painted.scene,
        &items[points.end..],
        now,
        hover_places,
        furniture,
    );
}

/// Outline of one region's rings at the current view (hover highlight; drawn every frame).
pub fn draw_rings(
    painter: &Painter,
    atlas: &Atlas,
    geometry: &SceneGeometry,
    shape: usize,
    view: &View,
    lod: u8,
) {
    let mut canvas = EguiCanvas::new(painter);
    draw_outline(
        &mut canvas,
        atlas,
        geometry,
        (Topo::Regions, shape),
        lod,
        &view.screen_from_mercator(),
        &HOVER_OUTLINE,
    );
}

/// Extent of the offline basemap layers (`scene::basemap::EXTENT_LONLAT`).
pub use crate::render::scene::BASEMAP_EXTENT_LONLAT;
