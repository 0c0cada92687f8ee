//! Builds a [`Scene`] from the atlas, a view, the layers and the selection.

use super::basemap::BasemapKind;
use super::geometry::{
    SceneGeometry, ARC_CITY, ARC_COUNTY, ARC_PROVINCE, ARC_TOWN_APPROX, ARC_TOWN_REAL,
};
use super::label::{
    estimate_text_size, intersects, label_box, place_labels, Candidate, Home, LineObstacle, Room,
};
use super::layers::{Layers, COUNTY_LABEL_MIN_ZOOM, TOWN_LABEL_MIN_ZOOM};
use super::legend::ThemeLegend;
use super::lod_cache::{lod_for_zoom, MIN_LOD};
use super::style::{self, LineStyle};
use super::user_items::{push_user_layers, UserStep};
use super::user_layer::DrawnLayer;
use super::view::View;
use super::{Item, Label, Marker, Scene, SceneRequest, Topo};
use crate::geo::mercator::mercator_from_lonlat;
use crate::i18n::Lang;
use crate::model::{Atlas, GeometryKind, Level, Precision, Subject};
use crate::theme::level::theme_units;
use crate::theme::{RegionFill, Theme};

pub struct SceneInput<'a> {
    pub atlas: &'a Atlas,
    pub geometry: &'a SceneGeometry,
    pub view: View,
    /// What the map shows (layers, language, selection, pins, markers, filters …): the same
    /// request in the window and in every export.
    pub request: &'a SceneRequest,
    /// In the window, where a frame has a budget, approximate town borders are drawn as light
    /// solid lines until the towns are large enough for dashes to read (thousands of tiny dashes
    /// at province view cost more than the whole rest of the frame and read as grey noise).
    /// Exports always dash them.
    pub interactive: bool,
    /// Added to the view's zoom to choose the level of detail: outlines must be as fine as the
    /// *device* pixels, so a figure drawn at a device-pixel ratio `r` passes `log2(r)`.
    pub lod_bias: f64,
    pub lod_policy: LodPolicy,
    /// A thematic map: the theme's units are filled with their class colour (or the no-data
    /// style) instead of the city colours, and the legend lists its classes.
    pub theme: Option<&'a Theme>,
    /// The planner's own layers to draw, bottom first (issue 10), over the region borders and
    /// under the atlas's expressways and markers.
    pub user_layers: &'a [DrawnLayer],
    /// The part of `view` on screen when it is larger (the window builds its scene with a
    /// margin for panning): a label anchored in it is placed wholly in it, so a city's name at
    /// the map's edge is not cut by the edge. `None`: the whole view.
    pub label_bounds: Option<[f32; 4]>,
    /// Boxes drawn over the map that labels keep off as they keep off markers: a figure's
    /// legend, notes, scale bar, north arrow and locator (labels were cut mid-word by them or
    /// showed through the legend, issue 19 QA).
    pub label_keep_out: &'a [[f32; 4]],
}

/// How a scene draws the places of its visible layers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MarkerMode {
    /// Places within a few points of each other share one marker with a count badge.
    #[default]
    Clustered,
    /// Every place has a marker of its own (they may overlap).
    Separate,
    /// No place markers (a choropleth figure: badges would hide the class colours). The
    /// expressway lines and the selection's own marker are still drawn.
    Hidden,
}

/// Whether the reader's filter keeps this subject id.
fn kept(input: &SceneInput, id: &str) -> bool {
    input.request.only_subjects.as_ref().is_none_or(|only| only.contains(id))
}

impl<'a> SceneInput<'a> {
    /// A scene of `view` as `request` asks: no theme or user layers, exact level of detail,
    /// interactive styling. Callers override what they need with struct update syntax
    /// (`SceneInput { theme: Some(&t), ..SceneInput::new(…) }`).
    pub fn new(
        atlas: &'a Atlas,
        geometry: &'a SceneGeometry,
        view: View,
        request: &'a SceneRequest,
    ) -> Self {
        SceneInput {
            atlas,
            geometry,
            view,
            request,
            interactive: true,
            lod_bias: 0.0,
            lod_policy: LodPolicy::Exact,
            theme: None,
            user_layers: &[],
            label_bounds: None,
            label_keep_out: &[],
        }
    }
}

/// Which level of detail a scene is drawn at when the wanted one is not triangulated yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LodPolicy {
    /// The wanted level, built on demand (figures: no frame budget).
    Exact,
    /// The nearest coarser level that is ready, so a jump (search, tour, `--select`) never stalls
    /// a frame; the window redraws when the wanted level is ready.
    NearestReady,
}

/// Zoom from which the window dashes approximate town borders.
pub const DASHED_TOWNS_MIN_ZOOM: f64 = 10.5;

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Ground radius represented by an area-level marker's halo, metres.
fn halo_metres(precision: Precision) -> Option<f64> {
    match precision {
        Precision::Zone => Some(8_000.0),
        Precision::Town => Some(4_000.0),
        Precision::County => Some(12_000.0),
        Precision::City => Some(20_000.0),
        Precision::Region => Some(15_000.0),
        _ => None,
    }
}

/// The level of detail for the view's zoom plus the bias, or the nearest coarser ready one.
fn choose_lod(input: &SceneInput) -> u8 {
    let wanted = lod_for_zoom(input.view.zoom + input.lod_bias);
    match input.lod_policy {
        LodPolicy::Exact => wanted,
        LodPolicy::NearestReady => {
            (MIN_LOD..=wanted).rev().find(|&l| input.geometry.is_warm(l)).unwrap_or(wanted)
        }
    }
}

/// Which kinds of border `push_borders` drew, for the legend and the notes.
struct BordersDrawn {
    /// Towns are shown at this zoom (or forced).
    towns_on: bool,
    towns: bool,
    real_towns: bool,
    approximate: bool,
    approx_style: LineStyle,
}

/// Builds the scene in painting order: basemap areas, region fills, rivers, borders, selection,
/// user polygons and lines, expressways, markers, labels (and the selection's label and
/// marker), user points and their counts, the measure.
pub fn build_scene(input: &SceneInput) -> Scene {
    let bbox_view = input.view.bbox_mercator();
    let mut items = Vec::new();
    let basemap_drawn = push_basemap_areas(input, bbox_view, &mut items);
    if super::basemap::frame_reaches_beyond(&input.view) {
        items.push(Item::PaperBeyondBasemap);
    }
    push_region_fills(input, bbox_view, &mut items);
    push_theme_fills(input, bbox_view, &mut items);
    push_rivers(input, &mut items);
    let borders = push_borders(input, bbox_view, &mut items);
    let selection_drawn = push_selection(input, &mut items);
    let pinned_drawn = push_pinned(input, &mut items);
    let lod = choose_lod(input);
    let user_step = UserStep {
        layers: input.user_layers,
        view: input.view,
        selection: input.request.selection.as_ref(),
        text_scale: input.request.text_scale,
    };
    let user = push_user_layers(&user_step, &mut items);
    let schematic_drawn = push_expressways(input, &mut items);
    push_markers(input, &mut items);
    push_labels(input, bbox_view, borders.towns_on, user.candidates, &mut items);
    if input.request.label_selection {
        emphasise_selection_label(input, &mut items);
    }
    // The planner's own points over the atlas's markers and names: they are what the figure is
    // about, and a 3-point dot under a marker or a label cannot be seen.
    items.extend(user.points);
    items.extend(user.counts);
    items.extend(
        input
            .request
            .measure
            .as_ref()
            .and_then(|m| super::measure::measure_item(m, input.request.lang))
            .map(|m| Item::Measure(Box::new(m))),
    );
    Scene {
        view: input.view,
        lod,
        background: style::SEA,
        items,
        // The legend lists what is drawn: no marker rows when the markers are left out.
        layers: match input.request.markers {
            MarkerMode::Hidden => super::layers::Layers {
                parks: false,
                logistics: false,
                other_places: false,
                ..input.request.layers.clone()
            },
            _ => input.request.layers.clone(),
        },
        approx_town_style: borders.approx_style,
        towns_drawn: borders.towns,
        real_towns_drawn: borders.real_towns,
        approximate_drawn: borders.approximate,
        schematic_drawn,
        basemap_drawn,
        selection: input.request.selection.clone(),
        theme: input.theme.map(|t| ThemeLegend::of(t, input.request.lang)),
        user_layers: input.user_layers.to_vec(),
        user_binned: user.binned,
        pinned_drawn,
        selection_drawn,
    }
}

/// Whether a region has a shape and it overlaps the view.
fn region_visible(atlas: &Atlas, idx: usize, bbox_view: [f64; 4]) -> bool {
    atlas.regions[idx]
        .shape
        .is_some_and(|s| overlaps(atlas.topology.shapes[s].bbox_mercator.to_array(), bbox_view))
}

/// Step 1: Basemap areas: land, neighbours (outlined), lakes. Returns whether any is in view.
fn push_basemap_areas(input: &SceneInput, bbox_view: [f64; 4], items: &mut Vec<Item>) -> bool {
    let basemap = &input.geometry.basemap;
    let mut drawn = false;
    for kind in [BasemapKind::Land, BasemapKind::Neighbour, BasemapKind::Lake] {
        if kind != BasemapKind::Land && !input.request.layers.context {
            continue;
        }
        for f in basemap.features.iter().filter(|f| f.kind == kind) {
            let Some(shape) = f.shape else { continue };
            if !overlaps(basemap.topology.shapes[shape].bbox_mercator.to_array(), bbox_view) {
                continue;
            }
            drawn = true;
            let color = match kind {
                BasemapKind::Lake => style::LAKE,
                _ => style::LAND_OUTSIDE,
            };
            items.push(Item::Fill { topo: Topo::Basemap, shape, color });
            if kind == BasemapKind::Neighbour {
                items.push(Item::Rings {
                    topo: Topo::Basemap,
                    shape,
                    style: style::NEIGHBOUR_OUTLINE,
                });
            }
        }
    }
    drawn
}

/// Step 2: Region fills: one soft colour per city (the province's when cities are off).
fn push_region_fills(input: &SceneInput, bbox_view: [f64; 4], items: &mut Vec<Item>) {
    let atlas = input.atlas;
    let fill_level = if input.request.layers.cities { Level::City } else { Level::Province };
    for &idx in atlas.regions_of_level(fill_level) {
        if !region_visible(atlas, idx, bbox_view) {
            continue;
        }
        let r = &atlas.regions[idx];
        let color = if fill_level == Level::City {
            style::city_fill(&r.code)
        } else {
            style::PROVINCE_FILL
        };
        if let Some(shape) = r.shape {
            items.push(Item::Fill { topo: Topo::Regions, shape, color });
        }
    }
}

/// 2b. A theme's units over the city fills: each in its class colour, or the no-data grey. Only
/// the units of the theme's level are filled (at county level that includes Dongguan and
/// Zhongshan, cities without counties), so everything else keeps its usual colour.
fn push_theme_fills(input: &SceneInput, bbox_view: [f64; 4], items: &mut Vec<Item>) {
    let Some(theme) = input.theme else { return };
    let atlas = input.atlas;
    for idx in theme_units(atlas, theme.values.level) {
        let (Some(fill), Some(shape)) = (theme.fill(idx), atlas.regions[idx].shape) else {
            continue;
        };
        if !region_visible(atlas, idx, bbox_view) {
            continue;
        }
        items.push(Item::Fill { topo: Topo::Regions, shape, color: style::theme_fill(fill) });
        if fill == RegionFill::NoData {
            items.push(Item::Hatch { topo: Topo::Regions, shape, hatch: style::NO_DATA_HATCH });
        }
    }
}

/// Step 3: Rivers, above the land.
fn push_rivers(input: &SceneInput, items: &mut Vec<Item>) {
    if !input.request.layers.context {
        return;
    }
    let arcs: Vec<u32> = input
        .geometry
        .basemap
        .features
        .iter()
        .filter(|f| f.kind == BasemapKind::River)
        .flat_map(|f| f.arcs.iter().map(|&a| a as u32))
        .collect();
    if !arcs.is_empty() {
        items.push(Item::Arcs { topo: Topo::Basemap, arcs, style: style::RIVER });
    }
}

/// Step 4: Borders, each shared arc once, in the style of the coarsest visible level using it;
/// finest first so coarser borders are painted over them.
fn push_borders(input: &SceneInput, bbox_view: [f64; 4], items: &mut Vec<Item>) -> BordersDrawn {
    let SceneInput { geometry, view, .. } = *input;
    let layers = &input.request.layers;
    let towns_on = layers.level_visible(Level::Town, view.zoom, input.request.force_towns);
    let mut visible_bits = ARC_PROVINCE;
    if layers.cities {
        visible_bits |= ARC_CITY;
    }
    if layers.counties {
        visible_bits |= ARC_COUNTY;
    }
    if towns_on {
        visible_bits |= ARC_TOWN_REAL | ARC_TOWN_APPROX;
    }
    let mut buckets: [Vec<u32>; 5] = Default::default();
    for (arc, &bits) in geometry.arc_levels.iter().enumerate() {
        let shown = bits & visible_bits;
        if shown != 0 && overlaps(geometry.arc_bbox_mercator[arc], bbox_view) {
            buckets[shown.trailing_zeros() as usize].push(arc as u32);
        }
    }
    let approx_style = if input.interactive && view.zoom < DASHED_TOWNS_MIN_ZOOM {
        style::TOWN_OUTLINE_APPROX_FAR
    } else {
        style::TOWN_OUTLINE_APPROX
    };
    let drawn = BordersDrawn {
        towns_on,
        towns: towns_on && (!buckets[3].is_empty() || !buckets[4].is_empty()),
        real_towns: towns_on && !buckets[3].is_empty(),
        approximate: towns_on && !buckets[4].is_empty(),
        approx_style,
    };
    let bucket_styles = [
        style::PROVINCE_OUTLINE,
        style::CITY_OUTLINE,
        style::COUNTY_OUTLINE,
        style::TOWN_OUTLINE_REAL,
        approx_style,
    ]
    .map(|s| style::border_style(s, input.request.text_scale, input.request.high_contrast));
    for bucket in (0..5).rev() {
        let arcs = std::mem::take(&mut buckets[bucket]);
        if !arcs.is_empty() {
            items.push(Item::Arcs { topo: Topo::Regions, arcs, style: bucket_styles[bucket] });
        }
    }
    drawn
}

/// Step 5: The selected region's tint and outline, under the lines and markers.
/// Returns the selected region's name when its outline was drawn (the legend names it).
fn push_selection(input: &SceneInput, items: &mut Vec<Item>) -> Option<String> {
    let atlas = input.atlas;
    let Some(Subject::Region(code)) = &input.request.selection else { return None };
    let idx = atlas.region_by_code(code)?;
    let region = &atlas.regions[idx];
    if let Some(shape) = region.shape {
        // Over a thematic map the tint would hide the selected unit's class colour (a tour
        // stop shows the very value its caption quotes): the outline alone marks it.
        if input.theme.is_none() {
            items.push(Item::Fill { topo: Topo::Regions, shape, color: style::SELECTION_FILL });
        }
        // A white casing under the outline, and over a thematic map a near-black one: a red
        // line on a palette of reds could not be seen.
        items.push(Item::Rings { topo: Topo::Regions, shape, style: style::SELECTION_CASING });
        let outline = style::selection_outline(input.theme.is_some());
        items.push(Item::Rings { topo: Topo::Regions, shape, style: outline });
        return Some(input.request.lang.name(&region.name_en, &region.name_zh).to_string());
    }
    None
}

/// 5b. The regions pinned for comparison, outlined over the selection's tint. Returns whether
/// any was drawn (the legend then explains the dashed blue outline).
fn push_pinned(input: &SceneInput, items: &mut Vec<Item>) -> bool {
    let atlas = input.atlas;
    let before = items.len();
    for shape in input
        .request
        .pinned
        .iter()
        .filter_map(|code| atlas.region_by_code(code).and_then(|i| atlas.regions[i].shape))
    {
        items.push(Item::Rings { topo: Topo::Regions, shape, style: style::PINNED_OUTLINE });
    }
    items.len() > before
}

/// Step 6: Expressways with a white casing so they read over any fill (and the selection's wider
/// outline under a selected one). Returns whether a schematic line is drawn. Each line is cut to
/// the view and thinned to vertices [`LINE_MIN_STEP_PX`] apart first ([`line_parts_in_view`]).
fn push_expressways(input: &SceneInput, items: &mut Vec<Item>) -> bool {
    let mut schematic_drawn = false;
    if !input.request.layers.expressways {
        return false;
    }
    for (line, mercator) in input.atlas.lines.iter().zip(&input.geometry.lines_mercator) {
        let parts = line_parts_in_view(mercator, &input.view);
        if parts.is_empty() {
            continue;
        }
        let style = style::expressway_style(line.status);
        let mut styles = Vec::with_capacity(3);
        if input.request.selection.as_ref() == Some(&Subject::Line(line.id.clone())) {
            styles.push(LineStyle { width: style.width + 7.0, ..style::SELECTION_OUTLINE });
        }
        // A white casing; wider over a thematic map, where a red or orange line on counties
        // of the same reds nearly vanished (issue 19 QA).
        let casing = if input.theme.is_some() { 4.5 } else { 2.5 };
        styles.push(LineStyle {
            width: style.width + casing,
            color: [255, 255, 255, 230],
            dash: style::Dash::Solid,
        });
        styles.push(style);
        for style in styles {
            items.extend(parts.iter().map(|part| Item::Polyline { mercator: part.clone(), style }));
        }
        schematic_drawn |= line.is_schematic();
    }
    schematic_drawn
}

/// Kept vertices of an atlas line are at least this far apart on the screen (points): closer ones
/// are invisible, and a rasteriser's cost grows with the edges on each scanline — a line of a
/// million vertices drawn whole took 56 s at 320×200.
pub const LINE_MIN_STEP_PX: f32 = 0.3;
/// How far outside the view atlas lines are still drawn (their casing; the window's small zoom
/// steps before a rebuild).
const LINE_CLIP_MARGIN_PX: f32 = 64.0;

/// The runs of a line (mercator) whose segments meet the view (plus a margin), each thinned to
/// vertices [`LINE_MIN_STEP_PX`] apart on the screen (a run's first and last vertex are kept).
/// One pass, O(n): what the rasteriser gets is bounded by the line's length on the screen, not
/// by its vertex count.
pub fn line_parts_in_view(mercator: &[[f64; 2]], view: &View) -> Vec<Vec<[f64; 2]>> {
    let t = view.screen_from_mercator();
    let r = view.rect_screen;
    let clip = [
        r[0] - LINE_CLIP_MARGIN_PX,
        r[1] - LINE_CLIP_MARGIN_PX,
        r[2] + LINE_CLIP_MARGIN_PX,
        r[3] + LINE_CLIP_MARGIN_PX,
    ];
    let meets = |a: [f32; 2], b: [f32; 2]| {
        a[0].min(b[0]) <= clip[2]
            && a[0].max(b[0]) >= clip[0]
            && a[1].min(b[1]) <= clip[3]
            && a[1].max(b[1]) >= clip[1]
    };
    let far =
        |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).abs().max((a[1] - b[1]).abs()) >= LINE_MIN_STEP_PX;
    let mut parts = Vec::new();
    let mut part: Vec<[f64; 2]> = Vec::new();
    // The last kept vertex on the screen, and the last vertex passed over since.
    let mut last_kept = [0.0f32; 2];
    let mut pending: Option<[f64; 2]> = None;
    let mut prev: Option<([f64; 2], [f32; 2])> = None;
    for &m in mercator {
        let q = t.apply(m);
        if let Some((prev_m, prev_q)) = prev {
            if meets(prev_q, q) {
                if part.is_empty() {
                    part.push(prev_m);
                    last_kept = prev_q;
                }
                if far(last_kept, q) {
                    part.push(m);
                    last_kept = q;
                    pending = None;
                } else {
                    pending = Some(m);
                }
            } else if !part.is_empty() {
                part.extend(pending.take());
                parts.push(std::mem::take(&mut part));
            }
        }
        prev = Some((m, q));
    }
    if !part.is_empty() {
        part.extend(pending);
        parts.push(part);
    }
    parts.retain(|p| p.len() >= 2);
    parts
}

/// Step 7: Markers of the visible place layers, clustered when they fall within a few points of each
/// other, kept when within 50 points of the view.
fn push_markers(input: &SceneInput, items: &mut Vec<Item>) {
    let SceneInput { atlas, view, .. } = *input;
    let layers = &input.request.layers;
    let t = view.screen_from_mercator();
    let scale = input.request.text_scale.max(0.5);
    let cluster_px = match input.request.markers {
        MarkerMode::Clustered => 9.0 * scale,
        MarkerMode::Separate => 0.0,
        MarkerMode::Hidden => return,
    };
    let mut markers: Vec<Marker> = Vec::new();
    for (i, place) in atlas.places.iter().enumerate() {
        let Some(lonlat) = place.lonlat else { continue };
        if !layers.get(Layers::place_layer(place.kind)) {
            continue;
        }
        let selected = input.request.selection.as_ref() == Some(&Subject::Place(place.id.clone()));
        if !selected
            && !kept(input, &place.id)
            && !place.represents.as_deref().is_some_and(|code| kept(input, code))
        {
            continue;
        }
        let mercator = mercator_from_lonlat(lonlat);
        let pos = t.apply(mercator);
        if let Some(m) = markers.iter_mut().find(|m| {
            let q = t.apply(m.mercator);
            (q[0] - pos[0]).abs() < cluster_px && (q[1] - pos[1]).abs() < cluster_px
        }) {
            m.places.push(i);
            m.selected |= selected;
            continue;
        }
        let mut style = style::marker_style(place.kind, place.status);
        style.radius *= scale;
        let halo_radius = halo_metres(place.precision)
            .map(|m| ((m / view.metres_per_pixel()) as f32).clamp(8.0 * scale, 80.0 * scale));
        markers.push(Marker { mercator, style, halo_radius, places: vec![i], selected });
    }
    let r = view.rect_screen;
    for m in markers {
        let p = t.apply(m.mercator);
        if p[0] >= r[0] - 50.0 && p[0] <= r[2] + 50.0 && p[1] >= r[1] - 50.0 && p[1] <= r[3] + 50.0
        {
            items.push(Item::Marker(m));
        }
    }
}

/// Label candidates of one level's visible regions at its seat or interior point; larger
/// regions first within a level, so the prominent names win.
fn region_label_candidates(
    input: &SceneInput,
    bbox_view: [f64; 4],
    level: Level,
    rank: u8,
    out: &mut Vec<Candidate>,
) {
    let SceneInput { atlas, geometry, view, .. } = *input;
    let lang = input.request.lang;
    let t = view.screen_from_mercator();
    for &idx in atlas.regions_of_level(level) {
        let r = &atlas.regions[idx];
        if !region_visible(atlas, idx, bbox_view)
            || (level == Level::Town && r.geometry == GeometryKind::None)
            || !kept(input, &r.code)
        {
            continue;
        }
        let Some(lonlat) = geometry.label_point(atlas, idx) else { continue };
        let area = r.shape.map(|s| {
            let b = atlas.topology.shapes[s].bbox_mercator.to_array();
            ((b[2] - b[0]) * (b[3] - b[1]) * 1e12) as i64
        });
        out.push(Candidate {
            pos_screen: t.apply(mercator_from_lonlat(lonlat)),
            text: map_name(r, lang),
            size: style::label_size(level) * input.request.text_scale.max(0.5),
            // Larger regions first, so the prominent names win; but cities, which must all be
            // named, smallest first: a small city has few spots on itself, a large one many.
            priority: (
                rank,
                if level == Level::City { area.unwrap_or(0) } else { -area.unwrap_or(0) },
            ),
            // Every prefecture city is named at province scale (issue 19): its name moves
            // beside its spot rather than vanish.
            movable: level == Level::City,
            home: Some(Home::On(idx)),
        });
    }
}

/// A region's name on the map: a prefecture city without "City" in English ("Guangzhou", the
/// name a reader looks for; "Guangzhou City" was too long to fit the Pearl River Delta), every
/// other name as the details panel gives it.
pub fn map_name(region: &crate::model::Region, lang: Lang) -> String {
    let en = match region.level {
        Level::City => region.name_en.strip_suffix(" City").unwrap_or(&region.name_en),
        _ => region.name_en.as_str(),
    };
    lang.name(en, &region.name_zh).to_string()
}

/// A neighbour's name on the map: in 中文 without the administrative suffix, as Chinese maps
/// name them at this scale (香港, 澳门, 广西 for 香港特别行政区, 澳门特别行政区, 广西壮族自治区);
/// the full names did not fit beside Shenzhen and Zhuhai.
pub fn neighbour_map_name(name_en: &str, name_zh: &str, lang: Lang) -> String {
    let short = ["特别行政区", "壮族自治区", "自治区", "省"]
        .iter()
        .find_map(|s| name_zh.strip_suffix(s))
        .filter(|s| !s.is_empty())
        .unwrap_or(name_zh);
    lang.name(name_en, short).to_string()
}

/// Screen boxes of the markers (and their count badges) a scene draws: city names move off them
/// when they can.
fn marker_boxes(items: &[Item], view: &View) -> Vec<[f32; 4]> {
    let t = view.screen_from_mercator();
    items
        .iter()
        .filter_map(|i| match i {
            Item::Marker(m) => {
                let p = t.apply(m.mercator);
                let r = m.style.radius + 1.0;
                // The count badge sits up and to the right of a cluster (`render::symbols`).
                let badge = if m.places.len() > 1 { m.style.radius + 12.0 } else { r };
                Some([p[0] - r, p[1] - badge, p[0] + badge, p[1] + r])
            }
            _ => None,
        })
        .collect()
}

/// The atlas lines a scene draws (expressways, the bridge), once each though each is drawn as
/// a casing and a line: names keep from being crossed by them where they can.
fn line_obstacles(items: &[Item], view: &View) -> Vec<LineObstacle> {
    let t = view.screen_from_mercator();
    // Each line once, at the width of its narrowest stroke: the coloured line over the white
    // casing (the casing is the colour of a name's halo; it may touch the name).
    let mut lines: Vec<(&Vec<[f64; 2]>, f32)> = Vec::new();
    for item in items {
        let Item::Polyline { mercator, style } = item else { continue };
        match lines.iter_mut().find(|(m, _)| *m == mercator) {
            Some((_, width)) => *width = width.min(style.width),
            None => lines.push((mercator, style.width)),
        }
    }
    lines
        .into_iter()
        .filter_map(|(mercator, width)| {
            let screen: Vec<[f32; 2]> = mercator.iter().map(|&m| t.apply(m)).collect();
            LineObstacle::new(&screen, width)
        })
        .collect()
}

/// Step 8: Labels, placed without overlaps: cities, then counties, then user features and towns, then
/// neighbours. The atlas's names only with the labels layer on; user features' names whenever
/// their layer's style asks for them (`user_candidates`).
fn push_labels(
    input: &SceneInput,
    bbox_view: [f64; 4],
    towns_on: bool,
    user_candidates: Vec<Candidate>,
    items: &mut Vec<Item>,
) {
    let mut candidates = user_candidates;
    if input.request.layers.labels {
        atlas_label_candidates(input, bbox_view, towns_on, &mut candidates);
    }
    if candidates.is_empty() {
        return;
    }
    let scale = input.request.text_scale.max(0.5);
    let obstacles = marker_boxes(items, &input.view);
    let lines = line_obstacles(items, &input.view);
    let bounds = input.view.rect_screen;
    let t = input.view.screen_from_mercator();
    let atlas = input.atlas;
    // A moved name stays on the region it names (its centre inside the region's shape), or
    // off the one it does not.
    let at_home = |home: Home, pos: [f32; 2]| {
        let lonlat = crate::geo::mercator::lonlat_from_mercator(t.inverse(pos));
        match home {
            Home::On(idx) => atlas.region_at(lonlat, atlas.regions[idx].level) == Some(idx),
            Home::Off(idx) => atlas.region_at(lonlat, atlas.regions[idx].level) != Some(idx),
        }
    };
    let room = Room {
        bounds,
        shown: input.label_bounds.unwrap_or(bounds),
        padding: 3.0 * scale,
        obstacles: &obstacles,
        lines: &lines,
        keep_out: input.label_keep_out,
        at_home: &at_home,
    };
    for c in place_labels(candidates, &room) {
        let color = style::label_color(input.request.high_contrast);
        items.push(Item::Label(Label {
            pos_screen: c.pos_screen,
            text: c.text,
            size: c.size,
            color,
            halo: style::LABEL_HALO,
        }));
    }
}

/// Names of cities, counties, towns and neighbouring provinces, as the zoom allows.
fn atlas_label_candidates(
    input: &SceneInput,
    bbox_view: [f64; 4],
    towns_on: bool,
    candidates: &mut Vec<Candidate>,
) {
    let SceneInput { view, .. } = *input;
    let layers = &input.request.layers;
    let lang = input.request.lang;
    let zoom = view.zoom;
    let scale = input.request.text_scale.max(0.5);
    if layers.cities && (0.0..=11.5).contains(&zoom) {
        region_label_candidates(input, bbox_view, Level::City, 0, candidates);
    }
    if layers.counties && (COUNTY_LABEL_MIN_ZOOM..=30.0).contains(&zoom) {
        region_label_candidates(input, bbox_view, Level::County, 1, candidates);
    }
    if towns_on && (TOWN_LABEL_MIN_ZOOM..=30.0).contains(&zoom) {
        region_label_candidates(input, bbox_view, Level::Town, 2, candidates);
    }
    drop_ancestor_names_on_selection(input, candidates);
    if layers.context && zoom < 9.5 {
        let t = view.screen_from_mercator();
        for f in input.geometry.basemap.features.iter().filter(|f| f.kind == BasemapKind::Neighbour)
        {
            let Some(lonlat) = f.label_lonlat else { continue };
            candidates.push(Candidate {
                pos_screen: t.apply(mercator_from_lonlat(lonlat)),
                text: neighbour_map_name(&f.name_en, &f.name_zh, lang),
                size: 12.0 * scale,
                priority: (3, 0),
                // Hong Kong and Macao are small: their names move beside them, off Guangdong.
                movable: true,
                home: input.atlas.regions_of_level(Level::Province).first().map(|&p| Home::Off(p)),
            });
        }
    }
}

/// Below this zoom a figure or the window shows the province or most of it (its A4 figure is
/// at ≈ 7.2, a city's at ≈ 8.5–9.5, a county's at ≈ 9.5–11).
const PROVINCE_SCALE_MAX_ZOOM: f64 = 8.5;

/// Leaves out the name of a selected region's city (or county) where it would be printed on
/// the selection itself: "Zhanjiang" in the north of a selected Leizhou reads as the name of
/// that part (issue 19 QA). At province scale every city is named (they move clear of other
/// names themselves), so there they stay.
fn drop_ancestor_names_on_selection(input: &SceneInput, candidates: &mut Vec<Candidate>) {
    if input.view.zoom < PROVINCE_SCALE_MAX_ZOOM {
        return;
    }
    let atlas = input.atlas;
    let Some(Subject::Region(code)) = &input.request.selection else { return };
    let Some(selected) = atlas.region_by_code(code) else { return };
    let ancestors = atlas.parent_chain(selected).split_off(1);
    let level = atlas.regions[selected].level;
    let t = input.view.screen_from_mercator();
    candidates.retain(|c| {
        let on_selection = || {
            let lonlat = crate::geo::mercator::lonlat_from_mercator(t.inverse(c.pos_screen));
            atlas.region_at(lonlat, level) == Some(selected)
        };
        !matches!(c.home, Some(Home::On(h)) if ancestors.contains(&h)) || !on_selection()
    });
}

/// Names the selection on the map, over every other label and marker (a printed figure cannot
/// be clicked for a name; a tour's stop must stand out from the cluster badges around it): a
/// region's name in the selection's colour; a place's own marker, ringed, and its name above
/// it; a line's name at its middle. Labels the name would overlap are dropped; nothing changes
/// when the name does not fit in the view.
fn emphasise_selection_label(input: &SceneInput, items: &mut Vec<Item>) {
    match &input.request.selection {
        Some(Subject::Region(code)) => emphasise_region(input, code, items),
        Some(Subject::Place(id)) => emphasise_place(input, id, items),
        Some(Subject::Line(id)) => emphasise_line(input, id, items),
        _ => {}
    }
}

fn emphasise_region(input: &SceneInput, code: &str, items: &mut Vec<Item>) {
    let SceneInput { atlas, geometry, view, .. } = *input;
    let lang = input.request.lang;
    let Some(idx) = atlas.region_by_code(code) else { return };
    let region = &atlas.regions[idx];
    if region.level == Level::Province {
        // The province fills the map: its name would only push out the city names at its
        // centre (Guangzhou, at a tour's first stop and in a figure of the province).
        return;
    }
    let Some(lonlat) = geometry.label_point(atlas, idx) else { return };
    let text = lang.name(&region.name_en, &region.name_zh).to_string();
    let t = view.screen_from_mercator();
    let mut pos_screen = t.apply(mercator_from_lonlat(lonlat));
    let size = (style::label_size(region.level) + 2.0) * input.request.text_scale.max(0.5);
    // A town's places cluster at its seat, where its name goes: lift the name above their marker
    // and its count badge rather than write it across them.
    let [w, h] = estimate_text_size(&text, size);
    let under = items.iter().filter_map(|i| match i {
        Item::Marker(m) => {
            let p = t.apply(m.mercator);
            let reach = m.style.radius * 1.35 + 10.0;
            let hit = (p[0] - pos_screen[0]).abs() < w / 2.0 + reach
                && (p[1] - pos_screen[1]).abs() < h / 2.0 + reach;
            hit.then_some(p[1] - reach)
        }
        _ => None,
    });
    if let Some(top) = under.reduce(f32::min) {
        pos_screen[1] = top - h / 2.0;
    }
    push_label_on_top(
        input,
        Label {
            pos_screen,
            text,
            size,
            color: style::selection_outline(input.theme.is_some()).color,
            halo: style::LABEL_HALO,
        },
        items,
    );
}

/// The selected place's own marker (out of its cluster, ringed) and its name above it.
fn emphasise_place(input: &SceneInput, id: &str, items: &mut Vec<Item>) {
    let SceneInput { atlas, view, .. } = *input;
    let lang = input.request.lang;
    let Some(i) = atlas.places.iter().position(|p| p.id == id) else { return };
    let place = &atlas.places[i];
    let Some(lonlat) = place.lonlat else { return };
    let mercator = mercator_from_lonlat(lonlat);
    let pos = view.screen_from_mercator().apply(mercator);
    let r = view.rect_screen;
    if pos[0] < r[0] || pos[0] > r[2] || pos[1] < r[1] || pos[1] > r[3] {
        return;
    }
    let scale = input.request.text_scale.max(0.5);
    let mut marker_style = style::marker_style(place.kind, place.status);
    marker_style.radius *= scale;
    let size = 14.0 * scale;
    let text = lang.name(&place.name_en, &place.name_zh).to_string();
    // Above the marker and its selection ring, clear of the count badge's height.
    let ring = marker_style.radius * 1.35 + 5.0;
    let pos_screen = [pos[0], pos[1] - ring - 4.0 * scale - size * 0.6];
    // No other name under the raised marker and its ring.
    drop_labels_in(items, [pos[0] - ring, pos[1] - ring, pos[0] + ring, pos[1] + ring]);
    push_label_on_top(
        input,
        Label {
            pos_screen,
            text,
            size,
            color: style::SELECTION_OUTLINE.color,
            halo: style::LABEL_HALO,
        },
        items,
    );
    items.push(Item::Marker(Marker {
        mercator,
        style: marker_style,
        halo_radius: None,
        places: vec![i],
        selected: true,
    }));
}

/// A line's name at its middle control point.
fn emphasise_line(input: &SceneInput, id: &str, items: &mut Vec<Item>) {
    let SceneInput { atlas, view, .. } = *input;
    let lang = input.request.lang;
    let Some(line) = atlas.line_by_id(id) else { return };
    let Some(&mid) = line.lonlat.get(line.lonlat.len() / 2) else { return };
    let pos = view.screen_from_mercator().apply(mercator_from_lonlat(mid));
    let size = 14.0 * input.request.text_scale.max(0.5);
    let text = lang.name(&line.name_en, &line.name_zh).to_string();
    push_label_on_top(
        input,
        Label {
            pos_screen: [pos[0], pos[1] - size],
            text,
            size,
            color: style::SELECTION_OUTLINE.color,
            halo: style::LABEL_HALO,
        },
        items,
    );
}

/// Adds `label` after every other item, dropping the labels it overlaps and any other label of
/// the same name; does nothing when it would not fit in the view.
fn push_label_on_top(input: &SceneInput, mut label: Label, items: &mut Vec<Item>) {
    let [w, h] = estimate_text_size(&label.text, label.size);
    let bounds = input.view.rect_screen;
    let box_at = |p: [f32; 2]| label_box(p, &label.text, label.size, 0.0);
    let fits = |r: [f32; 4]| {
        r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3]
    };
    let clear = |r: [f32; 4]| !input.label_keep_out.iter().any(|b| intersects(&r, b));
    // Off a figure's boxes (the legend cut "Gaoyao District", issue 19 QA): the nearest of the
    // spots beside it that is clear, else where it was.
    let p = label.pos_screen;
    let spot = ON_TOP_SPOTS
        .iter()
        .map(|s| [p[0] + s[0] * w, p[1] + s[1] * h])
        .find(|&q| fits(box_at(q)) && clear(box_at(q)))
        .unwrap_or(p);
    let rect = box_at(spot);
    if !fits(rect) {
        return;
    }
    label.pos_screen = spot;
    drop_labels_in(items, rect);
    // The same name elsewhere (the region's own label, where the raised one moved away from).
    items.retain(|item| !matches!(item, Item::Label(l) if l.text == label.text));
    items.push(Item::Label(label));
}

/// Where a name raised over the others may move to keep off a figure's boxes, in multiples of
/// its own width and height: its spot, then left (a box sits in a corner: the name moves away
/// from the map's edge), right, up, down, and twice as far.
const ON_TOP_SPOTS: [[f32; 2]; 9] = [
    [0.0, 0.0],
    [-0.6, 0.0],
    [0.6, 0.0],
    [0.0, -1.2],
    [0.0, 1.2],
    [-1.2, 0.0],
    [1.2, 0.0],
    [0.0, -2.4],
    [0.0, 2.4],
];

/// Drops the labels whose box meets `rect_screen`.
fn drop_labels_in(items: &mut Vec<Item>, rect: [f32; 4]) {
    items.retain(|item| match item {
        Item::Label(l) => {
            let [lw, lh] = estimate_text_size(&l.text, l.size);
            let p = l.pos_screen;
            p[0] + lw / 2.0 < rect[0]
                || p[0] - lw / 2.0 > rect[2]
                || p[1] + lh / 2.0 < rect[1]
                || p[1] - lh / 2.0 > rect[3]
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        View::fit([0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 320.0, 200.0], 0.0)
    }

    #[test]
    fn a_million_vertex_line_is_thinned_to_its_screen_length() {
        let view = view();
        // A random walk of 10^6 tiny steps across the view (xorshift, reproducible).
        let mut state = 0x2545_F491_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            f64::from(state) / f64::from(u32::MAX) - 0.5
        };
        let n = 1_000_000;
        let (mut x, mut y) = (0.0, 0.5);
        let line: Vec<[f64; 2]> = (0..n)
            .map(|_| {
                x += 1.0 / n as f64 + 1e-5 * next();
                y += 1e-5 * next();
                [x, y]
            })
            .collect();
        let parts = line_parts_in_view(&line, &view);
        assert_eq!(parts.len(), 1);
        let kept = parts[0].len();
        assert!(kept < 50_000, "{kept} vertices kept of {n}");
        assert_eq!((parts[0][0], parts[0][kept - 1]), (line[0], line[n - 1]), "the ends are kept");
        // Every vertex left out lies within the step of the last one kept before it.
        let t = view.screen_from_mercator();
        let mut last_kept = t.apply(line[0]);
        let mut k = 0;
        for &p in &line {
            let q = t.apply(p);
            if k < kept && p == parts[0][k] {
                last_kept = q;
                k += 1;
            } else {
                let d = (q[0] - last_kept[0]).abs().max((q[1] - last_kept[1]).abs());
                assert!(d < LINE_MIN_STEP_PX, "a vertex {d} px from the kept line");
            }
        }
        assert_eq!(k, kept, "the kept vertices are a subsequence of the line");
    }

    #[test]
    fn lines_are_cut_to_the_view() {
        let view = view();
        // Out of the view's right side (beyond the margin) and back in: two runs.
        let line = vec![[0.2, 0.5], [0.5, 0.5], [3.0, 0.5], [3.0, 0.6], [0.5, 0.6], [0.3, 0.6]];
        let parts = line_parts_in_view(&line, &view);
        assert_eq!(
            parts,
            vec![
                vec![[0.2, 0.5], [0.5, 0.5], [3.0, 0.5]],
                vec![[3.0, 0.6], [0.5, 0.6], [0.3, 0.6]]
            ]
        );
        assert!(line_parts_in_view(&[[5.0, 5.0], [6.0, 5.0]], &view).is_empty(), "wholly outside");
        assert!(line_parts_in_view(&[[0.5, 0.5]], &view).is_empty(), "one vertex");
    }
}
