//! Paints a [`Scene`] in the window, caching the tessellated geometry.
//!
//! The geometry pass (fills, borders, expressways — `render::scene::draw_geometry`, the code the
//! figures use) is tessellated into one `egui::Mesh` when the scene is built (on a change of zoom
//! level, layers, selection or language). Each frame only applies an affine transform to that
//! mesh: panning and small zoom steps cost a multiply-add per vertex, and epaint has nothing left
//! to tessellate. Markers, labels, the hover outline and the veil are few and drawn every frame
//! through the shared drawing functions on an [`EguiCanvas`].

use std::sync::Arc;

use egui::epaint::{Mesh, TessellationOptions, Tessellator};
use egui::{Painter, Pos2, Shape};

use crate::model::Atlas;
use crate::render::egui_canvas::EguiCanvas;
use crate::render::scene::{draw_geometry, draw_outline, draw_overlay, screen_from_built, veil_outside_basemap};
use crate::scene::style::HOVER_OUTLINE;
use crate::scene::view::View;
use crate::scene::{Scene, SceneGeometry, Topo};

pub use crate::render::egui_canvas::color32;

/// Tessellated fills and borders of a scene, in the screen space of the view it was built for.
pub struct PaintedScene {
    pub scene: Scene,
    pub mesh: Arc<Mesh>,
}

/// Tessellates the geometry of `scene` into one mesh, at the painter's pixels per point.
pub fn paint_scene(painter: &Painter, atlas: &Atlas, geometry: &SceneGeometry, scene: Scene) -> PaintedScene {
    let mut canvas = EguiCanvas::new(painter);
    draw_geometry(&mut canvas, atlas, geometry, &scene);
    let shapes = canvas.into_shapes();
    let font_tex_size = painter.fonts(|f| f.font_image_size());
    let mut tessellator = Tessellator::new(painter.pixels_per_point(), TessellationOptions::default(), font_tex_size, vec![]);
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    PaintedScene { scene, mesh: Arc::new(mesh) }
}

/// Draws a painted scene for the current view: the cached mesh moved into place, the veil
/// outside the data, then markers (`hover_places` enlarged) and labels.
pub fn draw(painter: &Painter, painted: &PaintedScene, now: &View, hover_places: &[usize]) {
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
    let mut canvas = EguiCanvas::new(painter);
    veil_outside_basemap(&mut canvas, &now.screen_from_mercator(), now.rect_screen);
    draw_overlay(&mut canvas, &painted.scene, now, hover_places);
}

/// Outline of one region's rings at the current view (hover highlight; drawn every frame).
pub fn draw_rings(painter: &Painter, atlas: &Atlas, geometry: &SceneGeometry, shape: usize, view: &View, lod: u8) {
    let mut canvas = EguiCanvas::new(painter);
    draw_outline(&mut canvas, atlas, geometry, (Topo::Regions, shape), lod, &view.screen_from_mercator(), &HOVER_OUTLINE);
}

/// Extent of the offline basemap layers (defined with the veil in `render::scene`).
pub use crate::render::scene::BASEMAP_EXTENT_LONLAT;
