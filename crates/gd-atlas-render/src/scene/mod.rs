//! The scene: what to draw, in which order and style, for a view and a set of layers.
//!
//! Built once per change of the [`SceneRequest`] or of the zoom — not per frame — and painted by
//! four painters through the one [`Canvas`](crate::render::canvas::Canvas) code: the window
//! (egui; `gd_atlas::map` in the app crate), and the PNG (tiny-skia), SVG and PDF figures
//! (`crate::export`). Sharing it is what makes a report figure look like the app.

pub mod basemap;
mod build;
pub mod free_area;
pub mod furniture;
pub mod geometry;
pub mod kinds;
pub mod label;
pub mod layers;
pub mod legend;
pub mod lod_cache;
pub mod measure;
pub mod request;
pub mod saved_view;
pub mod style;
pub mod user_items;
pub mod user_layer;
pub mod view;

pub use build::{build_scene, map_name, LodPolicy, MarkerMode, SceneInput};
pub use geometry::SceneGeometry;
pub use request::SceneRequest;

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

impl Item {
    /// A user layer's points, bins or selected point's ring: drawn over the atlas's markers and
    /// labels (the overlay pass), not with the geometry.
    pub fn is_user_point(&self) -> bool {
        matches!(self, Item::UserPoints { .. } | Item::UserBins { .. } | Item::UserPointRing { .. })
    }

    /// The user layer (`Scene::user_layers` index) an item draws, if any.
    pub fn user_layer(&self) -> Option<usize> {
        match self {
            Item::UserFills { layer, .. }
            | Item::UserSpecks { layer, .. }
            | Item::UserRings { layer, .. }
            | Item::UserLines { layer, .. }
            | Item::UserPoints { layer, .. }
            | Item::UserBins { layer, .. }
            | Item::UserPointRing { layer, .. } => Some(*layer),
            _ => None,
        }
    }
}

impl Topo {
    pub fn of<'a>(
        self,
        atlas: &'a crate::model::Atlas,
        geometry: &'a SceneGeometry,
    ) -> &'a crate::geo::topology::Topology {
        match self {
            Topo::Regions => &atlas.topology,
            Topo::Basemap => &geometry.basemap.topology,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Item {
    /// A filled shape (concave, multi-part, with holes).
    Fill {
        topo: Topo,
        shape: usize,
        color: Color,
    },
    /// Hatch lines clipped to a shape (even-odd, so concave shapes and holes are exact), drawn
    /// over its fill: the no-data style of a theme.
    Hatch {
        topo: Topo,
        shape: usize,
        hatch: Hatch,
    },
    /// Shared-border arcs, each drawn once.
    Arcs {
        topo: Topo,
        arcs: Vec<u32>,
        style: LineStyle,
    },
    /// The rings of one shape (selection and hover outlines).
    Rings {
        topo: Topo,
        shape: usize,
        style: LineStyle,
    },
    /// A polyline given in mercator (expressways).
    Polyline {
        mercator: Vec<[f64; 2]>,
        style: LineStyle,
    },
    /// Plain paper beyond the basemap's extent (`scene::basemap::EXTENT_LONLAT`), over the
    /// background and the basemap's fills and under everything else: its sources are clipped to
    /// the box, so beyond it the atlas knows neither land nor sea.
    PaperBeyondBasemap,
    Marker(Marker),
    Label(Label),
    /// Polygons of a user layer (`Scene::user_layers[layer]`) in one style class: each shape
    /// filled from the layer's own level-of-detail cache, then all outlined.
    UserFills {
        layer: usize,
        shapes: Vec<u32>,
        color: Color,
        outline: LineStyle,
    },
    /// User polygons smaller than a pixel or two at this zoom, as one mesh of small squares
    /// (one per covered cell): 100,000 parcels at province view cost one item, not 100,000.
    UserSpecks {
        layer: usize,
        mesh: std::sync::Arc<lod_cache::ShapeMesh>,
        color: Color,
    },
    /// The rings of one user polygon (the selection outline).
    UserRings {
        layer: usize,
        shape: usize,
        style: LineStyle,
    },
    /// Line parts of a user layer (arcs `0..line_feature.len()` of its topology) in one style.
    UserLines {
        layer: usize,
        arcs: Vec<u32>,
        style: LineStyle,
    },
    /// Points of a user layer drawn one by one.
    UserPoints {
        layer: usize,
        points: Vec<UserPoint>,
    },
    /// Points of a user layer aggregated in screen cells (too many to draw one by one); each
    /// bin's count is an `Item::Label` in the overlay.
    UserBins {
        layer: usize,
        bins: Vec<PointBin>,
    },
    /// A ring around a selected user point.
    UserPointRing {
        layer: usize,
        mercator: [f64; 2],
        radius: f32,
        style: LineStyle,
    },
    /// The measure tool's path, ring and lengths (issue 12), drawn last in the overlay.
    Measure(Box<measure::MeasureItem>),
}

/// One user point symbol: a circle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UserPoint {
    pub mercator: [f64; 2],
    pub radius: f32,
    pub color: Color,
}

/// Points aggregated in one screen cell: drawn as a circle at their mean position, its radius
/// growing with the log of the count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointBin {
    pub mercator: [f64; 2],
    pub count: u32,
    pub radius: f32,
    pub color: Color,
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
/// expressways, user polygons and lines) first, then markers, then labels, then user points
/// and their counts, then the measure — the painters draw geometry and the overlay in separate
/// passes (`crate::render::scene`) and rely on this order.
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
    /// The user layers drawn, bottom first; `Item::User*` refer to them by index.
    pub user_layers: Vec<user_layer::DrawnLayer>,
    /// Per user layer: whether its points were aggregated in bins (the legend says so).
    pub user_binned: Vec<bool>,
    /// Regions pinned for comparison were outlined (the legend gets a row for the outline).
    pub pinned_drawn: bool,
}

impl Scene {
    /// Where the user points are among the items (consecutive, over the markers and labels):
    /// the window caches them in a mesh of their own and draws the items around them.
    pub fn user_points_range(&self) -> std::ops::Range<usize> {
        let start = self.items.iter().position(Item::is_user_point);
        match start {
            Some(start) => {
                start..start + self.items[start..].iter().take_while(|i| i.is_user_point()).count()
            }
            None => {
                let end = self
                    .items
                    .iter()
                    .rposition(|i| matches!(i, Item::Marker(_) | Item::Label(_)))
                    .map_or(0, |i| i + 1);
                end..end
            }
        }
    }
}
