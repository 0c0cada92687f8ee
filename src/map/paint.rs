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
use crate::render::canvas::{Canvas, Polylines};
use crate::render::egui_canvas::EguiCanvas;
use crate::render::scene::{draw_geometry, draw_outline, draw_overlay, screen_from_built};
use crate::scene::style::{Color, Dash, LineStyle, HOVER_OUTLINE};
use crate::scene::view::{ScreenFromMercator, View};
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
    veil_outside_data(&mut canvas, &now.screen_from_mercator(), now.rect_screen);
    draw_overlay(&mut canvas, &painted.scene, now, hover_places);
}

/// Outline of one region's rings at the current view (hover highlight; drawn every frame).
pub fn draw_rings(painter: &Painter, atlas: &Atlas, geometry: &SceneGeometry, shape: usize, view: &View, lod: u8) {
    let mut canvas = EguiCanvas::new(painter);
    draw_outline(&mut canvas, atlas, geometry, (Topo::Regions, shape), lod, &view.screen_from_mercator(), &HOVER_OUTLINE);
}

/// Extent of the offline basemap layers (they are clipped to this lon/lat box).
pub const BASEMAP_EXTENT_LONLAT: [f64; 4] = [109.2, 19.7, 117.8, 25.9];

const VEIL: Color = [236, 236, 236, 235];
const VEIL_EDGE: LineStyle = LineStyle { width: 0.8, color: [190, 190, 190, 255], dash: Dash::Solid };

/// Pales everything of `map_screen` outside the basemap's extent, so the box edges read as the
/// map's frame rather than as coastlines.
fn veil_outside_data(canvas: &mut dyn Canvas, t: &ScreenFromMercator, map_screen: [f32; 4]) {
    let a = t.apply(crate::geo::mercator::mercator_from_lonlat([BASEMAP_EXTENT_LONLAT[0], BASEMAP_EXTENT_LONLAT[3]]));
    let b = t.apply(crate::geo::mercator::mercator_from_lonlat([BASEMAP_EXTENT_LONLAT[2], BASEMAP_EXTENT_LONLAT[1]]));
    let [x0, y0, x1, y1] = map_screen;
    let inner = [a[0], a[1], b[0], b[1]];
    let bands = [
        [x0, y0, x1, inner[1]],
        [x0, inner[3], x1, y1],
        [x0, inner[1], inner[0], inner[3]],
        [inner[2], inner[1], x1, inner[3]],
    ];
    for band in bands {
        let r = [band[0].max(x0), band[1].max(y0), band[2].min(x1), band[3].min(y1)];
        if r[2] > r[0] && r[3] > r[1] {
            canvas.fill(&Polylines::rect(r), VEIL, None);
        }
    }
    canvas.stroke(&Polylines::rect(inner), &VEIL_EDGE);
}
