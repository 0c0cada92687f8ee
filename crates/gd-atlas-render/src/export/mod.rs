//! Report-ready figures: PNG (tiny-skia + the embedded font), SVG and PDF of the same scene the
//! window draws, with title, legend, scale bar, north arrow, notes and credits.
//!
//! The pipeline is the window's: `scene::build_scene` decides what is drawn and in which style;
//! `crate::render` paints it and its furniture on a [`Canvas`] that is a tiny-skia pixmap
//! (painted in bands), an SVG document or a PDF page — with the same drawing functions the window uses. A figure is laid
//! out in *logical* pixels (about a 1600-pixel-wide screen) and drawn at a device-pixel ratio, so
//! a 4K image has 4K detail with readable text; the level of detail follows the device pixels.

pub mod extent;
pub mod file;
pub mod furniture;
pub mod presets;

use std::fmt;
use std::path::Path;

use crate::geo::topology::Space;
use crate::model::Atlas;
use crate::render::canvas::{Canvas, FillTag, Polylines};
use crate::render::furniture::Rect;
use crate::render::locator::{layout_locator, Corner};
use crate::render::{pdf, png, svg, text};
use crate::scene::free_area::{fit_in_free_area, free_area};
use crate::scene::user_layer::DrawnLayer;
use crate::scene::view::View;
use crate::scene::{build_scene, Item, LodPolicy, Scene, SceneGeometry, SceneInput, SceneRequest};
pub use file::Format;
use furniture::{FurnitureLayout, FurnitureOptions};

/// Logical width (in pixels) a figure is laid out for; larger images draw it at a higher ratio.
pub const LOGICAL_WIDTH: f32 = 1600.0;

/// A failed export: a bad request (exit 2 on the command line) or a failed write (exit 1).
#[derive(Clone, Debug, PartialEq)]
pub enum ExportError {
    Usage(String),
    Io(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Usage(m) | ExportError::Io(m) => f.write_str(m),
        }
    }
}

/// Everything that decides a figure. The same request gives the same bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub size_px: [u32; 2],
    /// The area that must be visible, mercator `[min_x, min_y, max_x, max_y]`.
    pub extent_mercator: [f64; 4],
    /// Space kept around the extent (0.04 = 4 % on each side).
    pub margin: f64,
    /// What the map shows, as the window's scene request (layers, language, selection,
    /// pins, measure, markers, high contrast, the reader's filter); a figure overrides only
    /// the label scale for its page, draws the towns its layers ask for at any zoom, and always
    /// names its selection (see `compose`).
    pub scene: SceneRequest,
    pub furniture: FurnitureOptions,
    /// Device pixels per logical pixel; `None` picks one from the size ([`auto_dpr`]).
    pub dpr: Option<f32>,
    /// Attribution of basemap tiles, when tiles are drawn (the exporters draw none yet).
    pub tiles_attribution: Option<String>,
    /// A thematic map drawn as in the window (class fills and their legend).
    pub theme: Option<SharedTheme>,
    /// The planner's own layers, bottom first, drawn and listed in the legend as in the window;
    /// each is credited as "<file name> (user data)".
    pub user_layers: Vec<DrawnLayer>,
    /// Show exactly this centre (lon/lat) and zoom (the window's scale: a saved view); the
    /// extent then follows the map's size and `extent_mercator`/`margin` are not used.
    pub center_zoom: Option<([f64; 2], f64)>,
    /// The paper of a PDF figure (page size and margin); `None` makes the page the figure's
    /// own size (a logical pixel is 0.75 pt). Set `size_px` with [`presets::Paper::size_px`]
    /// and `dpr` with [`presets::PAPER_DPR`] so the layout fills the printable area.
    pub paper: Option<presets::Paper>,
    /// Region codes the legend must not cover (the figure's subject: the selected or pinned
    /// regions, `--region`): when it would, the extent is fitted beside the legend instead.
    pub keep_clear: Vec<String>,
}

/// A built theme shared between the window and an export on a worker thread. Two requests are
/// equal when they share the same built theme (a theme is rebuilt whenever its spec changes).
#[derive(Clone)]
pub struct SharedTheme(pub std::sync::Arc<crate::theme::Theme>);

impl PartialEq for SharedTheme {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for SharedTheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedTheme").field(&self.0.spec).finish()
    }
}

impl ExportRequest {
    /// The whole-province figure with every layer, default furniture, English.
    pub fn new(size_px: [u32; 2], extent_mercator: [f64; 4]) -> ExportRequest {
        ExportRequest {
            size_px,
            extent_mercator,
            margin: 0.04,
            scene: SceneRequest::default(),
            furniture: FurnitureOptions::default(),
            dpr: None,
            tiles_attribution: None,
            theme: None,
            user_layers: Vec::new(),
            center_zoom: None,
            paper: None,
            keep_clear: Vec::new(),
        }
    }

    /// About the zoom the extent is drawn at: fitted, with its margin, into the whole page (the
    /// map is the page less its bands, a little smaller). Decides which levels read (towns).
    pub fn fitted_zoom(&self) -> f64 {
        let dpr = self.dpr.unwrap_or_else(|| auto_dpr(self.size_px));
        let page = [0.0, 0.0, self.size_px[0] as f32 / dpr, self.size_px[1] as f32 / dpr];
        View::fit(self.extent_mercator, page, self.margin).zoom
    }

    /// A figure for printing on `paper` (for PDF): its size and ratio follow the printable area.
    pub fn on_paper(mut self, paper: presets::Paper) -> ExportRequest {
        self.size_px = paper.size_px();
        self.dpr = Some(presets::PAPER_DPR);
        self.paper = Some(paper);
        self
    }
}

/// Device-pixel ratio for an image size: the longer side shows about [`LOGICAL_WIDTH`] logical
/// pixels, never fewer than 0.75 device pixels per logical pixel (tiny images keep legible text).
pub fn auto_dpr(size_px: [u32; 2]) -> f32 {
    (size_px[0].max(size_px[1]) as f32 / LOGICAL_WIDTH).clamp(0.75, 8.0)
}

/// A laid-out figure: the view, the scene and where each piece of furniture goes.
pub struct Composition {
    pub size_px: [u32; 2],
    pub dpr: f32,
    /// The map's view, in logical pixels.
    pub view: View,
    pub scene: Scene,
    pub layout: FurnitureLayout,
    /// Furniture the figure was too small for and left out (`"legend"`, `"note"`,
    /// `"locator"`): the CLI and the dialog say so in one line.
    pub left_out: Vec<&'static str>,
}

impl Composition {
    /// A logical rectangle in device pixels, rounded outwards and clipped to the image.
    pub fn device_rect(&self, rect: Rect) -> [u32; 4] {
        let clip = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
        [
            clip((rect[0] * self.dpr).floor(), self.size_px[0]),
            clip((rect[1] * self.dpr).floor(), self.size_px[1]),
            clip((rect[2] * self.dpr).ceil(), self.size_px[0]),
            clip((rect[3] * self.dpr).ceil(), self.size_px[1]),
        ]
    }
}

/// Lays out a figure: bands, the map's view fitted to the extent, the scene, the overlays.
pub fn compose(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
) -> Result<Composition, ExportError> {
    let dpr = checked_dpr(request)?;
    let face = text::typeface().map_err(ExportError::Io)?;
    let page = [0.0, 0.0, request.size_px[0] as f32 / dpr, request.size_px[1] as f32 / dpr];
    let mut layout = bands(face, request, page);
    check_map_room(&layout, request.size_px)?;
    let fitted = request.center_zoom.is_none();
    let mut view = match request.center_zoom {
        Some((center_lonlat, zoom)) => View {
            center_mercator: crate::geo::mercator::mercator_from_lonlat(center_lonlat),
            zoom,
            rect_screen: layout.map,
        },
        None => View::fit(request.extent_mercator, layout.map, request.margin),
    };
    let text_scale = label_scale(layout.map);
    let user_layers = print_sized(&request.user_layers, text_scale);
    // The window's request, with the figure's own label scale; towns at any zoom when asked
    // for; the selection always named (a printed figure cannot be clicked for a name).
    let scene_request = SceneRequest {
        force_towns: request.scene.layers.towns,
        text_scale,
        label_selection: true,
        ..request.scene.clone()
    };
    let scene_of = |view: View, keep_out: &[Rect]| {
        build_scene(&SceneInput {
            interactive: false,
            // The scene is laid out in logical pixels; the outlines must be as fine as device pixels.
            lod_bias: (dpr as f64).log2(),
            lod_policy: LodPolicy::Exact,
            theme: request.theme.as_ref().map(|t| &*t.0),
            user_layers: &user_layers,
            label_keep_out: keep_out,
            ..SceneInput::new(atlas, geometry, view, &scene_request)
        })
    };
    let mut scene = scene_of(view, &[]);
    layout.place_overlays(face, &request.furniture, &scene, &view, request.scene.lang);
    // Decided once, before any fit steps around a box that is then left out.
    let mut left_out = layout.leave_out_crowding();
    // Furniture over the figure's subject (a county whose east end is under the legend box, a
    // northern tip under the notes): fit the extent into the part of the map the boxes leave
    // free instead. A few times at most: the refitted scale bar has another length. The boxes
    // stepped around so far are kept: the second fit must not undo the first.
    let mut covering: Vec<Rect> = Vec::new();
    for _ in 0..3 {
        let over = boxes_over(atlas, &request.keep_clear, &view, &layout);
        if !fitted || over.is_empty() {
            break;
        }
        covering.extend(over);
        view = fit_clear_of(request, layout.map, &covering);
        scene = scene_of(view, &[]);
        layout.place_overlays(face, &request.furniture, &scene, &view, request.scene.lang);
        layout.leave_out(&left_out);
    }
    place_locator(atlas, geometry, request, &view, &mut layout);
    left_out.extend(layout.leave_out_crowding());
    // The names last, clear of every box now over the map (the boxes come from what the scene
    // draws, not from its names, so they stay where they are).
    let boxes: Vec<Rect> = layout.overlay_boxes().into_iter().map(|(_, r)| r).collect();
    if labels_meet(&scene, &boxes) {
        scene = scene_of(view, &boxes);
    }
    Ok(Composition { size_px: request.size_px, dpr, view, scene, layout, left_out })
}

/// Whether a name of `scene` meets any of `boxes` (the scene is built again with the boxes kept
/// clear only then: a scene build is a tenth of a 4K figure's time).
fn labels_meet(scene: &Scene, boxes: &[Rect]) -> bool {
    use crate::scene::label::{intersects, label_box};
    scene.items.iter().any(|item| {
        let Item::Label(l) = item else { return false };
        let r = label_box(l.pos_screen, &l.text, l.size, 0.0);
        boxes.iter().any(|b| intersects(&r, b))
    })
}

/// The request's size, device-pixel ratio and extent checked: the ratio to draw at.
fn checked_dpr(request: &ExportRequest) -> Result<f32, ExportError> {
    presets::check_size(request.size_px).map_err(ExportError::Usage)?;
    let dpr = request.dpr.unwrap_or_else(|| auto_dpr(request.size_px));
    if !(dpr.is_finite() && dpr > 0.0) {
        return Err(ExportError::Usage(format!(
            "device-pixel ratio {dpr} must be a positive number"
        )));
    }
    let e = request.extent_mercator;
    if !(e.iter().all(|v| v.is_finite()) && e[0] < e[2] && e[1] < e[3]) {
        return Err(ExportError::Usage(format!("extent {e:?} is empty or not finite")));
    }
    Ok(dpr)
}

/// The title and credits bands of `page`: the full credits, or on a small figure (where they
/// would take over [`COMPACT_CREDITS_SHARE`] of the height) the window's short credits line,
/// so the map keeps its room.
fn bands(face: &text::Typeface, request: &ExportRequest, page: Rect) -> FurnitureLayout {
    let user_data: Vec<String> = request.user_layers.iter().map(DrawnLayer::name).collect();
    let census_drawn = request.theme.as_ref().is_some_and(|t| t.0.shows_census());
    let credits_of = |compact: bool| {
        let text = match compact {
            false => crate::render::furniture::credits_text,
            true => crate::render::furniture::compact_credits_text,
        };
        text(
            request.scene.lang,
            request.tiles_attribution.as_deref(),
            request.theme.is_some(),
            census_drawn,
            &user_data,
        )
    };
    let layout = FurnitureLayout::bands(face, &request.furniture, page, &credits_of(false));
    if layout.credits_share() <= COMPACT_CREDITS_SHARE {
        return layout;
    }
    FurnitureLayout::bands(face, &request.furniture, page, &credits_of(true))
}

/// The locator inset, when asked for: under the north arrow, in the top-right corner.
fn place_locator(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    view: &View,
    layout: &mut FurnitureLayout,
) {
    if !request.furniture.locator {
        return;
    }
    let below = layout.north_arrow.as_ref().map_or(0.0, |n| n.rect[3] - layout.map[1]);
    layout.locator = layout_locator(
        atlas,
        geometry,
        layout.map,
        view.bbox_mercator(),
        Corner::TopRight,
        below,
        1.0,
    );
}

/// Refuses a figure whose title and credits bands leave the map less than
/// [`MIN_MAP_SHARE`] of the page's height: a 200 × 150 figure was all credits over a one-pixel
/// map with a "50000 km" scale bar (issue 19 QA). One line, saying how to get a figure.
fn check_map_room(layout: &FurnitureLayout, size_px: [u32; 2]) -> Result<(), ExportError> {
    let page_h = layout.page[3] - layout.page[1];
    let map_h = layout.map[3] - layout.map[1];
    if map_h >= MIN_MAP_SHARE * page_h {
        return Ok(());
    }
    Err(ExportError::Usage(format!(
        "a {}×{} figure is too small: its title and credits leave the map {:.0}% of the height; give a larger size, or leave the credits out (--no-credits)",
        size_px[0],
        size_px[1],
        100.0 * map_h / page_h
    )))
}

/// The least share of a figure's height its map must keep (see [`check_map_room`]).
pub const MIN_MAP_SHARE: f32 = 0.3;

/// The share of a figure's height above which the full credits give way to the compact ones
/// (`render::furniture::compact_credits_text`): on a 1080p figure the full band takes ≈ 7 %.
pub const COMPACT_CREDITS_SHARE: f32 = 0.2;

/// The furniture boxes of `layout` over any of the regions `codes` in `view`.
fn boxes_over(atlas: &Atlas, codes: &[String], view: &View, layout: &FurnitureLayout) -> Vec<Rect> {
    layout
        .overlay_boxes()
        .into_iter()
        .map(|(_, r)| r)
        .filter(|&r| covers_regions(atlas, codes, view, r))
        .collect()
}

/// The request's extent fitted into the part of `map_screen` the boxes `covering` leave free,
/// a margin's room around each (as between the furniture and the page's edge).
fn fit_clear_of(request: &ExportRequest, map_screen: Rect, covering: &[Rect]) -> View {
    let m = crate::render::furniture::MARGIN;
    let boxes: Vec<Rect> =
        covering.iter().map(|b| [b[0] - m, b[1] - m, b[2] + m, b[3] + m]).collect();
    let free = free_area(map_screen, &boxes);
    fit_in_free_area(request.extent_mercator, map_screen, free, request.margin, f64::MAX)
}

/// Whether `rect_screen` (a legend box) lies over any of the regions `codes` in `view`: over
/// their inside ([`grid_in_regions`]) or over a part of their outline ([`outline_enters`]).
fn covers_regions(atlas: &Atlas, codes: &[String], view: &View, rect_screen: Rect) -> bool {
    grid_in_regions(atlas, codes, view, rect_screen)
        || outline_enters(atlas, codes, view, rect_screen)
}

/// Whether a vertex of the outlines of the regions `codes` (full detail) lies in `rect_screen`.
/// The grid of [`grid_in_regions`] misses a narrow tip under the box's edge: an A4 figure of
/// Gaoyao had its east end under the legend, between two grid columns (issue 19 QA).
fn outline_enters(atlas: &Atlas, codes: &[String], view: &View, rect_screen: Rect) -> bool {
    let t = view.screen_from_mercator();
    let inside = |[x, y]: [f32; 2]| {
        x >= rect_screen[0] && x <= rect_screen[2] && y >= rect_screen[1] && y <= rect_screen[3]
    };
    let mut ring_mercator = Vec::new();
    codes.iter().filter_map(|c| atlas.region_by_code(c)).filter_map(|i| atlas.regions[i].shape).any(
        |s| {
            atlas.topology.shapes[s].polygons.iter().flatten().any(|ring| {
                ring_mercator.clear();
                atlas.topology.ring_into(ring, 0.0, Space::Mercator, &mut ring_mercator);
                ring_mercator.iter().any(|&p| inside(t.apply(p)))
            })
        },
    )
}

/// Whether a 6 × 6 grid of the points of `rect_screen` falls in any of the regions `codes`
/// (exact point in polygon): a box wholly inside a region has no outline vertex in it.
fn grid_in_regions(atlas: &Atlas, codes: &[String], view: &View, rect_screen: Rect) -> bool {
    let regions: Vec<(usize, crate::model::Level)> = codes
        .iter()
        .filter_map(|c| atlas.region_by_code(c))
        .map(|i| (i, atlas.regions[i].level))
        .collect();
    if regions.is_empty() {
        return false;
    }
    let t = view.screen_from_mercator();
    let steps = 6;
    (0..steps).flat_map(|i| (0..steps).map(move |j| (i, j))).any(|(i, j)| {
        let x =
            rect_screen[0] + (rect_screen[2] - rect_screen[0]) * (i as f32 + 0.5) / steps as f32;
        let y =
            rect_screen[1] + (rect_screen[3] - rect_screen[1]) * (j as f32 + 0.5) / steps as f32;
        let lonlat = crate::geo::mercator::lonlat_from_mercator(t.inverse([x, y]));
        regions.iter().any(|&(idx, level)| atlas.region_at(lonlat, level) == Some(idx))
    })
}

/// The map height, logical pixels, at which a figure's names and markers have the window's size
/// (a 1600-pixel-wide figure of 16:9 less its credits band).
const LABEL_REFERENCE_HEIGHT: f32 = 840.0;

/// Label and marker scale for a figure's map: the window's sizes on a large figure, down to
/// 0.8 on a small one (an A4 page is 676 logical pixels high: city names print at 9 pt instead
/// of 11), so a smaller page holds about as many names as a larger one instead of dropping the
/// crowded Pearl River Delta's.
pub fn label_scale(map: Rect) -> f32 {
    let height = (map[3] - map[1]).min((map[2] - map[0]) / 1.6);
    (height / LABEL_REFERENCE_HEIGHT).clamp(0.8, 1.0)
}

/// The smallest radius of a user point on a figure, logical pixels: 4.5 prints as a dot of
/// about 2.4 mm on A4 (a 3-pixel dot of the window would be a speck under the toner).
pub const PRINT_MIN_POINT_RADIUS: f32 = 4.5;

/// The user layers with their point symbols grown to [`PRINT_MIN_POINT_RADIUS`] once drawn at
/// `text_scale` (sized symbols keep their proportions: every size and legend sample grows by the
/// same factor). A layer with lines keeps its sizes: they are line widths too.
fn print_sized(layers: &[DrawnLayer], text_scale: f32) -> Vec<DrawnLayer> {
    let min_radius = PRINT_MIN_POINT_RADIUS / text_scale.max(0.5);
    layers
        .iter()
        .map(|drawn| {
            let mut drawn = drawn.clone();
            let smallest =
                drawn.style.feature_size.iter().copied().fold(drawn.style.base_size, f32::min);
            let data = &drawn.layer.data;
            if data.points.is_empty()
                || !data.line_feature.is_empty()
                || smallest <= 0.0
                || smallest >= min_radius
            {
                return drawn;
            }
            let grow = min_radius / smallest;
            let style = std::sync::Arc::make_mut(&mut drawn.style);
            style.base_size *= grow;
            for size in
                style.feature_size.iter_mut().chain(style.size_legend.iter_mut().map(|(_, r)| r))
            {
                *size *= grow;
            }
            drawn
        })
        .collect()
}

/// Paints a composition on any canvas: white page, map, furniture.
pub fn paint(
    canvas: &mut dyn Canvas,
    atlas: &Atlas,
    geometry: &SceneGeometry,
    composition: &Composition,
) {
    canvas.fill(
        &Polylines::rect(composition.layout.page),
        [255, 255, 255, 255],
        Some(FillTag { class: "page", code: None }),
    );
    // The map inside its frame only (see `Canvas::clip_to`: a PDF's hairline).
    canvas.clip_to(composition.layout.map);
    crate::render::scene::draw_scene(canvas, atlas, geometry, &composition.scene);
    canvas.end_clip();
    furniture::draw_furniture(canvas, &composition.layout);
}

/// The figure as a pixmap (tests read its pixels), painted in bands on every core.
pub fn render_pixmap(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    composition: &Composition,
) -> Result<tiny_skia::Pixmap, ExportError> {
    let face = text::typeface().map_err(ExportError::Io)?;
    png::paint_in_bands(composition.size_px, composition.dpr, face, &|canvas| {
        paint(canvas, atlas, geometry, composition)
    })
    .ok_or_else(|| {
        ExportError::Usage(format!(
            "cannot allocate a {}×{} image",
            composition.size_px[0], composition.size_px[1]
        ))
    })
}

/// The figure as PNG bytes: painted in bands on every core, each band compressed by its thread
/// as soon as it is painted; the bytes of `png::encode_png(&render_pixmap(…))`.
pub fn render_png(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    composition: &Composition,
) -> Result<Vec<u8>, ExportError> {
    let face = text::typeface().map_err(ExportError::Io)?;
    png::paint_png_in_bands(composition.size_px, composition.dpr, face, &|canvas| {
        paint(canvas, atlas, geometry, composition)
    })
    .ok_or_else(|| {
        ExportError::Usage(format!(
            "cannot allocate a {}×{} image",
            composition.size_px[0], composition.size_px[1]
        ))
    })?
    .map_err(ExportError::Io)
}

/// The figure as a one-page PDF: on the request's paper, or on a page of the figure's own size.
pub fn render_pdf(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    composition: &Composition,
    request: &ExportRequest,
) -> Result<Vec<u8>, ExportError> {
    let face = text::typeface().map_err(ExportError::Io)?;
    let logical = [composition.layout.page[2], composition.layout.page[3]];
    let page = request.paper.map(presets::Paper::page).unwrap_or(pdf::PdfPage {
        size_pt: [logical[0] * 0.75, logical[1] * 0.75],
        margin_pt: 0.0,
    });
    let mut canvas = pdf::PdfCanvas::new(page, logical, face);
    paint(&mut canvas, atlas, geometry, composition);
    let title = Some(request.furniture.title.as_str());
    canvas.finish(title).map_err(ExportError::Io)
}

/// Renders the request in a format: PNG bytes, SVG text or a PDF document.
pub fn render(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    format: Format,
) -> Result<(Vec<u8>, Composition), ExportError> {
    let composition = compose(atlas, geometry, request)?;
    let bytes = render_composed(atlas, geometry, &composition, request, format)?;
    Ok((bytes, composition))
}

/// Paints a laid-out figure in a format: PNG bytes, SVG text or a PDF document.
pub fn render_composed(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    composition: &Composition,
    request: &ExportRequest,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Png => render_png(atlas, geometry, composition)?,
        Format::Svg => {
            let face = text::typeface().map_err(ExportError::Io)?;
            let mut canvas = svg::SvgCanvas::new(composition.size_px, composition.dpr, face);
            paint(&mut canvas, atlas, geometry, composition);
            canvas.finish().into_bytes()
        }
        Format::Pdf => render_pdf(atlas, geometry, composition, request)?,
    })
}

/// Renders and writes `path` atomically (temporary file, then rename); the format follows the
/// extension.
pub fn export_to_file(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    path: &Path,
) -> Result<Composition, ExportError> {
    let format = Format::from_path(path).map_err(ExportError::Usage)?;
    file::check_writable_dir(path).map_err(ExportError::Io)?;
    let (bytes, composition) = render(atlas, geometry, request, format)?;
    file::write_atomic(path, &bytes).map_err(ExportError::Io)?;
    Ok(composition)
}
