//! The scene: what to draw, in which order and style, for a view and a set of layers.
//!
//! Built once per change of zoom, layers, selection or language — not per frame — and painted
//! by three painters: the window (`crate::map`), the PNG and the SVG exports (`crate::export`).
//! Sharing it is what makes a report figure look like the app.

pub mod basemap;
mod build;
pub mod furniture;
pub mod geometry;
pub mod label;
pub mod layers;
pub mod legend;
pub mod lod_cache;
pub mod style;
pub mod user_layer;
pub mod view;

pub use build::{build_scene, LodPolicy, SceneInput};
pub use geometry::SceneGeometry;

use crate::model::Subject;
use layers::Layers;
use style::{Color, Hatch, LineStyle, MarkerStyle};
use view::View;

/// Which topology a shape or arc index refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topo {
    Regions,
    Basemap,
}

impl Topo {
    pub fn of<'a>(self, atlas: &'a crate::model::Atlas, geometry: &'a SceneGeometry) -> &'a crate::geo::topology::Topology {
        match self {
            Topo::Regions => &atlas.topology,
            Topo::Basemap => &geometry.basemap.topology,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Item {
    /// A filled shape (concave, multi-part, with holes).
    Fill { topo: Topo, shape: usize, color: Color },
    /// Hatch lines clipped to a shape (even-odd, so concave shapes and holes are exact), drawn
    /// over its fill: the no-data style of a theme.
    Hatch { topo: Topo, shape: usize, hatch: Hatch },
    /// Shared-border arcs, each drawn once.
    Arcs { topo: Topo, arcs: Vec<u32>, style: LineStyle },
    /// The rings of one shape (selection and hover outlines).
    Rings { topo: Topo, shape: usize, style: LineStyle },
    /// A polyline given in mercator (expressways).
    Polyline { mercator: Vec<[f64; 2]>, style: LineStyle },
    Marker(Marker),
    Label(Label),
}

/// A place marker, or a cluster of places that fall on (nearly) the same spot.
#[derive(Clone, Debug)]
pub struct Marker {
    pub mercator: [f64; 2],
    pub style: MarkerStyle,
    /// Radius in screen points of the "located only to an area" halo, if any.
    pub halo_radius: Option<f32>,
    /// Indices into `Atlas::places`; more than one for a cluster.
    pub places: Vec<usize>,
    pub selected: bool,
}

#[derive(Clone, Debug)]
pub struct Label {
    /// Centre of the text, screen points.
    pub pos_screen: [f32; 2],
    pub text: String,
    pub size: f32,
    pub color: Color,
    pub halo: Color,
}

/// The result of [`build_scene`], in painting order: all geometry (fills, borders, outlines,
/// expressways) first, then markers, then labels — the painters draw geometry and the overlay
/// in separate passes (`crate::render::scene`) and rely on this order.
#[derive(Clone, Debug)]
pub struct Scene {
    pub view: View,
    /// The level of detail drawn (see `SceneInput::lod_bias`, `LodPolicy`).
    pub lod: u8,
    pub background: Color,
    pub items: Vec<Item>,
    /// The layers it was built with (the legend lists these).
    pub layers: Layers,
    /// How approximate town borders are drawn: dashed, or light and solid from afar in the window.
    pub approx_town_style: LineStyle,
    /// What is on screen, for the legend and the notes ("approximate areas", "schematic lines").
    pub towns_drawn: bool,
    /// Towns with a real (official-source) boundary are among the drawn towns.
    pub real_towns_drawn: bool,
    pub approximate_drawn: bool,
    pub schematic_drawn: bool,
    pub basemap_drawn: bool,
    pub selection: Option<Subject>,
    /// The theme drawn (`SceneInput::theme`): its title and classes, for the legend and credits.
    pub theme: Option<legend::ThemeLegend>,
}
