//! The scene items of user layers (a planner's own points, lines and polygons). Polygons and
//! lines are in the geometry pass (the window's cached mesh holds them and a frame only moves
//! that mesh); points, bins and their counts come after the atlas's markers and labels, so a
//! planner's own sites are never hidden under them (the window caches them in a mesh of their
//! own, `gd_atlas::map::paint` in the app crate).
//!
//! Each step is linear in what it looks at, with a small constant, because a planner's file can
//! hold a million points:
//! - polygons are culled with the layer's R-tree of boxes; those smaller than a pixel or two are
//!   not items of their own but squares of one coverage mesh ("specks");
//! - lines are drawn from the layer's level-of-detail cache (vertex filtering by `keep`, cached per
//!   level), grouped by style class;
//! - points are projected once each into a dense grid of 28-pixel cells (one multiply-add and one
//!   array add per point): when few are in view they are drawn one by one, otherwise each
//!   occupied cell becomes a bin with its count.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::label::Candidate;
use super::lod_cache::ShapeMesh;
use super::style::{self, Color, Dash, LineStyle};
use super::user_layer::DrawnLayer;
use super::view::{ScreenFromMercator, View};
use super::{Item, Label, PointBin, UserPoint};
use crate::geo::bbox::Bbox;
use crate::geo::zorder;
use crate::layer::PointSet;
use crate::model::Subject;
use std::ops::Range;

/// More points than this in view are aggregated in bins.
pub const POINTS_INDIVIDUAL_MAX: usize = 20_000;
/// Smallest side of a bin's cell on screen, points (cells are Z-order squares of the world, so
/// between this and twice this).
pub const BIN_CELL_PX: f32 = 36.0;
/// Polygons whose box is smaller than this on both sides are drawn as specks: the cells their
/// box covers (a triangulated hexagon of three pixels reads no differently, and costs far more).
pub const SPECK_PX: f64 = 4.0;
/// Side of a speck's cell (and square), points.
const SPECK_CELL_PX: f32 = 2.0;
/// Label candidates per layer (placement keeps those that fit).
pub const LABELS_PER_LAYER_MAX: usize = 400;
/// Colour of a bin whose points are of mixed categories (no class holds half of them).
pub const MIXED_BIN: Color = [80, 80, 80, 255];
const LABEL_RANK: u8 = 2;

/// What the user-layer steps add to a scene besides geometry items.
#[derive(Default)]
pub struct UserOverlay {
    /// Points, bins and the selected point's ring, drawn over the atlas's markers and labels.
    pub points: Vec<Item>,
    /// Bin counts, drawn over everything (after the placed labels and the points).
    pub counts: Vec<Item>,
    /// Feature names for the label placement.
    pub candidates: Vec<Candidate>,
    /// Per layer: whether its points were aggregated.
    pub binned: Vec<bool>,
}

/// The inputs of the user-layer steps (part of `SceneInput`).
pub struct UserStep<'a> {
    pub layers: &'a [DrawnLayer],
    pub view: View,
    pub selection: Option<&'a Subject>,
    pub text_scale: f32,
}

impl UserStep<'_> {
    /// The selected feature, if it belongs to `layer`.
    fn selected_in(&self, layer: &DrawnLayer) -> Option<usize> {
        match self.selection {
            Some(Subject::Feature(key)) if key.layer == layer.layer.id => {
                Some(key.feature as usize)
            }
            _ => None,
        }
    }
}

/// `color` with its alpha multiplied by `opacity` (and `alpha`, 0..=1).
pub fn fade(color: Color, opacity: f32) -> Color {
    [color[0], color[1], color[2], (color[3] as f32 * opacity.clamp(0.0, 1.0)).round() as u8]
}

/// The outline colour of a user polygon fill (and its legend swatch).
pub fn darker(c: Color) -> Color {
    [(c[0] as f32 * 0.6) as u8, (c[1] as f32 * 0.6) as u8, (c[2] as f32 * 0.6) as u8, c[3]]
}

/// Every user layer, bottom first: polygons and lines of each into `items`, points of each into
/// [`UserOverlay::points`] (the caller puts them over the markers and labels).
pub fn push_user_layers(step: &UserStep, items: &mut Vec<Item>) -> UserOverlay {
    let mut overlay = UserOverlay::default();
    let mut points = Vec::new();
    let t = step.view.screen_from_mercator();
    for (k, layer) in step.layers.iter().enumerate() {
        let before = overlay.candidates.len();
        push_polygons(step, k, layer, &t, items, &mut overlay);
        push_lines(step, k, layer, &t, items, &mut overlay);
        let binned = push_points(step, k, layer, &t, &mut points, &mut overlay);
        overlay.binned.push(binned);
        overlay.candidates.truncate(before + LABELS_PER_LAYER_MAX);
    }
    overlay.points = points;
    overlay
}

fn label_text(layer: &DrawnLayer, feature: usize) -> Option<String> {
    let column = layer.style.label_column?;
    let text = layer.layer.data.attributes.get(feature, column).trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Adds a label candidate for a feature drawn on its own (capped per layer).
fn push_candidate(
    step: &UserStep,
    layer: &DrawnLayer,
    feature: usize,
    pos_screen: [f32; 2],
    out: &mut Vec<Candidate>,
    room: usize,
) {
    if out.len() >= room {
        return;
    }
    if let Some(text) = label_text(layer, feature) {
        out.push(Candidate {
            pos_screen,
            text,
            size: 11.0 * step.text_scale.max(0.5),
            priority: (LABEL_RANK, 0),
            movable: false,
            home: None,
        });
    }
}

/// Polygons: one fill item per style class (culled by box), tiny ones as specks, then the
/// selected one's outline.
fn push_polygons(
    step: &UserStep,
    k: usize,
    layer: &DrawnLayer,
    t: &ScreenFromMercator,
    items: &mut Vec<Item>,
    overlay: &mut UserOverlay,
) {
    let data = &layer.layer.data;
    if data.shape_feature.is_empty() {
        return;
    }
    let classes = layer.style.classes.len().max(1);
    let mut by_class: Vec<Vec<u32>> = vec![Vec::new(); classes];
    let mut specks: Option<SpeckGrid> = None;
    let room = overlay.candidates.len() + LABELS_PER_LAYER_MAX;
    for (b, s) in data.shape_index.intersecting_boxes(Bbox::from_array(step.view.bbox_mercator())) {
        let feature = data.shape_feature[s] as usize;
        let class = layer.style.class_of(feature).min(classes - 1);
        if b.width() * t.scale < SPECK_PX && b.height() * t.scale < SPECK_PX {
            specks.get_or_insert_with(|| SpeckGrid::new(step.view.rect_screen, classes)).mark(
                t.apply(b.min),
                t.apply(b.max),
                class,
            );
            continue;
        }
        by_class[class].push(s as u32);
        push_candidate(step, layer, feature, t.apply(b.center()), &mut overlay.candidates, room);
    }
    for (class, shapes) in by_class.into_iter().enumerate() {
        if shapes.is_empty() {
            continue;
        }
        let color = layer.style.classes.get(class).map_or(style::rgb(150, 150, 150), |c| c.color);
        let outline =
            LineStyle { width: 0.8, color: fade(darker(color), layer.opacity), dash: Dash::Solid };
        items.push(Item::UserFills {
            layer: k,
            shapes,
            color: fade([color[0], color[1], color[2], 150], layer.opacity),
            outline,
        });
    }
    if let Some(grid) = specks {
        for (class, mesh) in grid.meshes(t) {
            let color =
                layer.style.classes.get(class).map_or(style::rgb(150, 150, 150), |c| c.color);
            // Between the fill's alpha and the outline's: a field of specks reads like the same
            // polygons seen from afar, and what lies under them still shows.
            items.push(Item::UserSpecks {
                layer: k,
                mesh: Arc::new(mesh),
                color: fade([color[0], color[1], color[2], 185], layer.opacity),
            });
        }
    }
    if let Some(feature) = step.selected_in(layer) {
        for (s, _) in data.shape_feature.iter().enumerate().filter(|(_, &f)| f as usize == feature)
        {
            items.push(Item::UserRings { layer: k, shape: s, style: style::SELECTION_OUTLINE });
        }
    }
}

/// Screen cells covered by sub-pixel polygons, with the class of the last one in each.
struct SpeckGrid {
    origin_screen: [f32; 2],
    cols: usize,
    rows: usize,
    /// `class + 1` per cell; 0 is empty. One byte: a style has at most 12 classes, and the grid
    /// (400,000 cells for a 1600×1000 map) is written at random, so its size is its cost.
    cells: Vec<u8>,
    classes: usize,
}

impl SpeckGrid {
    fn new(rect_screen: [f32; 4], classes: usize) -> SpeckGrid {
        let cols = ((rect_screen[2] - rect_screen[0]) / SPECK_CELL_PX).ceil().max(1.0) as usize;
        let rows = ((rect_screen[3] - rect_screen[1]) / SPECK_CELL_PX).ceil().max(1.0) as usize;
        SpeckGrid {
            origin_screen: [rect_screen[0], rect_screen[1]],
            cols,
            rows,
            cells: vec![0; cols * rows],
            classes,
        }
    }

    /// Marks the cells a small box covers (at most three by three).
    fn mark(&mut self, min_screen: [f32; 2], max_screen: [f32; 2], class: usize) {
        // `as usize` truncates, which is the floor for the non-negative values left after `max`.
        let cell = |v: f32, o: f32, n: usize| (((v - o) / SPECK_CELL_PX).max(0.0) as usize).min(n);
        let (x0, x1) = (
            cell(min_screen[0], self.origin_screen[0], self.cols),
            cell(max_screen[0], self.origin_screen[0], self.cols),
        );
        let (y0, y1) = (
            cell(min_screen[1], self.origin_screen[1], self.rows),
            cell(max_screen[1], self.origin_screen[1], self.rows),
        );
        for y in y0..=y1.min(self.rows - 1) {
            for x in x0..=x1.min(self.cols - 1) {
                self.cells[y * self.cols + x] = (class.min(u8::MAX as usize - 1) + 1) as u8;
            }
        }
    }

    /// One mesh per class that has any, in mercator relative to the grid's corner: each run of
    /// cells of one class along a row is one rectangle, so a dense field of 100,000 parcels is a
    /// few hundred quads to tessellate and draw, not one per cell.
    fn meshes(&self, t: &ScreenFromMercator) -> Vec<(usize, ShapeMesh)> {
        let origin_mercator = t.inverse(self.origin_screen);
        let side = (SPECK_CELL_PX as f64 / t.scale) as f32;
        // (vertices, rings, triangles) per class.
        type ClassMesh = (Vec<[f32; 2]>, Vec<std::ops::Range<u32>>, Vec<u32>);
        let mut meshes: Vec<ClassMesh> = vec![Default::default(); self.classes];
        for (row, cells) in self.cells.chunks(self.cols).enumerate() {
            let mut x = 0;
            while x < cells.len() {
                let c = cells[x];
                let run = cells[x..].iter().take_while(|&&v| v == c).count();
                if c != 0 {
                    let (vertices, rings, triangles) = &mut meshes[c as usize - 1];
                    let (x0, x1, y0) =
                        (x as f32 * side, (x + run) as f32 * side, row as f32 * side);
                    let base = vertices.len() as u32;
                    vertices.extend([[x0, y0], [x1, y0], [x1, y0 + side], [x0, y0 + side]]);
                    triangles.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
                    rings.push(base..base + 4);
                }
                x += run;
            }
        }
        meshes
            .into_iter()
            .enumerate()
            .filter(|(_, (vertices, _, _))| !vertices.is_empty())
            .map(|(class, (vertices, rings, triangles))| {
                (class, ShapeMesh::with_triangles(origin_mercator, vertices, rings, triangles))
            })
            .collect()
    }
}

/// Lines: the selected feature's wide outline, a white casing, then one item per (class, width).
fn push_lines(
    step: &UserStep,
    k: usize,
    layer: &DrawnLayer,
    t: &ScreenFromMercator,
    items: &mut Vec<Item>,
    overlay: &mut UserOverlay,
) {
    let data = &layer.layer.data;
    if data.line_feature.is_empty() {
        return;
    }
    let selected = step.selected_in(layer);
    let room = overlay.candidates.len() + LABELS_PER_LAYER_MAX;
    // (class, width in 1/100 pt) -> arcs: a handful of groups, ordered thin first.
    let mut groups: BTreeMap<(u32, u16), Vec<u32>> = BTreeMap::new();
    let mut selected_arcs = Vec::new();
    let mut last_labelled = None;
    for arc in data.line_index.intersecting(Bbox::from_array(step.view.bbox_mercator())) {
        let feature = data.line_feature[arc] as usize;
        let width = layer.style.size(feature) * step.text_scale.max(0.5);
        groups
            .entry(((width * 100.0) as u32, layer.style.class_of(feature) as u16))
            .or_default()
            .push(arc as u32);
        if selected == Some(feature) {
            selected_arcs.push(arc as u32);
        }
        if layer.style.label_column.is_some() && last_labelled != Some(feature) {
            last_labelled = Some(feature);
            let m = &data.topology.arcs[arc].mercator;
            push_candidate(
                step,
                layer,
                feature,
                t.apply(m[m.len() / 2]),
                &mut overlay.candidates,
                room,
            );
        }
    }
    if !selected_arcs.is_empty() {
        let width = selected.map_or(1.0, |f| layer.style.size(f)) * step.text_scale.max(0.5) + 6.0;
        items.push(Item::UserLines {
            layer: k,
            arcs: selected_arcs,
            style: LineStyle { width, ..style::SELECTION_OUTLINE },
        });
    }
    for (&(width, _), arcs) in &groups {
        let casing = LineStyle {
            width: width as f32 / 100.0 + 2.0,
            color: fade([255, 255, 255, 200], layer.opacity),
            dash: Dash::Solid,
        };
        items.push(Item::UserLines { layer: k, arcs: arcs.clone(), style: casing });
    }
    for ((width, class), arcs) in groups {
        let color =
            layer.style.classes.get(class as usize).map_or(style::rgb(150, 150, 150), |c| c.color);
        let style = LineStyle {
            width: width as f32 / 100.0,
            color: fade(color, layer.opacity),
            dash: Dash::Solid,
        };
        items.push(Item::UserLines { layer: k, arcs, style });
    }
}

/// Cells of the Z-order grid (`geo::zorder`) that cover the view, with their runs of points:
/// cells are squares of the world, so bins stay put while the map pans.
struct BinCells {
    level: u32,
    /// Side of a cell on screen, points.
    cell_px: f64,
    /// Runs of `PointSet` indices, one per non-empty cell in view.
    runs: Vec<Range<usize>>,
    total: usize,
}

/// The finest Z-order level whose cells are at least [`BIN_CELL_PX`] wide on screen.
fn bin_level(scale: f64) -> u32 {
    (scale / BIN_CELL_PX as f64).log2().floor().clamp(0.0, zorder::BITS as f64) as u32
}

impl BinCells {
    /// Two binary searches per cell in view: O(cells · log n), whatever the number of points.
    fn of_view(points: &PointSet, bbox_mercator: [f64; 4], scale: f64) -> BinCells {
        let level = bin_level(scale);
        let [x0, y0] = zorder::cell_of(level, [bbox_mercator[0], bbox_mercator[1]]);
        let [x1, y1] = zorder::cell_of(level, [bbox_mercator[2], bbox_mercator[3]]);
        let mut runs = Vec::new();
        let mut total = 0;
        for cy in y0..=y1 {
            for cx in x0..=x1 {
                let run = points.cell_range(level, [cx, cy]);
                if !run.is_empty() {
                    total += run.len();
                    runs.push(run);
                }
            }
        }
        BinCells { level, cell_px: scale / 2f64.powi(level as i32), runs, total }
    }
}

/// Points one by one when at most [`POINTS_INDIVIDUAL_MAX`] are in view, bins otherwise.
/// Returns whether they were binned.
fn push_points(
    step: &UserStep,
    k: usize,
    layer: &DrawnLayer,
    t: &ScreenFromMercator,
    items: &mut Vec<Item>,
    overlay: &mut UserOverlay,
) -> bool {
    let data = &layer.layer.data;
    if data.points.is_empty() {
        return false;
    }
    let cells = BinCells::of_view(&data.points, step.view.bbox_mercator(), t.scale);
    let binned = cells.total > POINTS_INDIVIDUAL_MAX;
    if binned {
        push_bins(step, k, layer, t, &cells, items, overlay);
    } else {
        let r = step.view.rect_screen;
        let in_view: Vec<u32> = cells
            .runs
            .iter()
            .flat_map(|run| run.clone())
            .filter(|&i| {
                let p = t.apply(data.points.mercator[i]);
                p[0] >= r[0] - 50.0
                    && p[0] <= r[2] + 50.0
                    && p[1] >= r[1] - 50.0
                    && p[1] <= r[3] + 50.0
            })
            .map(|i| i as u32)
            .collect();
        push_individual_points(step, k, layer, t, &in_view, items, overlay);
    }
    if let Some(feature) = step.selected_in(layer) {
        for (i, _) in data.points.feature.iter().enumerate().filter(|(_, &f)| f as usize == feature)
        {
            let radius = layer.style.size(feature) * step.text_scale.max(0.5) + 4.0;
            items.push(Item::UserPointRing {
                layer: k,
                mercator: data.points.mercator[i],
                radius,
                style: LineStyle { width: 2.5, ..style::SELECTION_OUTLINE },
            });
        }
    }
    binned
}

fn push_individual_points(
    step: &UserStep,
    k: usize,
    layer: &DrawnLayer,
    t: &ScreenFromMercator,
    in_view: &[u32],
    items: &mut Vec<Item>,
    overlay: &mut UserOverlay,
) {
    if in_view.is_empty() {
        return;
    }
    let data = &layer.layer.data;
    let grow = step.text_scale.max(0.5);
    let mut points: Vec<UserPoint> = in_view
        .iter()
        .map(|&i| {
            let feature = data.points.feature[i as usize] as usize;
            UserPoint {
                mercator: data.points.mercator[i as usize],
                radius: layer.style.size(feature) * grow,
                color: fade(layer.style.color(feature), layer.opacity),
            }
        })
        .collect();
    if !layer.style.feature_size.is_empty() {
        // Large circles first, so the small ones stay visible on top.
        points.sort_by(|a, b| b.radius.total_cmp(&a.radius));
    }
    let room = overlay.candidates.len() + LABELS_PER_LAYER_MAX;
    if layer.style.label_column.is_some() {
        for &i in in_view {
            let (feature, m) =
                (data.points.feature[i as usize] as usize, data.points.mercator[i as usize]);
            let p = t.apply(m);
            let dy = layer.style.size(feature) * grow + 8.0 * grow;
            push_candidate(step, layer, feature, [p[0], p[1] + dy], &mut overlay.candidates, room);
        }
    }
    items.push(Item::UserPoints { layer: k, points });
}

/// Radius of a bin of `count` points: 4 points for one, +3 per tenfold, at most 17.
pub fn bin_radius(count: u32) -> f32 {
    // At most 17 points: two neighbouring bins (40-point cells) rarely touch, so a province of
    // bins reads as a grid of counts rather than one red blob.
    (4.0 + 3.0 * (count.max(1) as f32).log10()).min(17.0)
}

/// "987", "1.2k", "12k", "1.2M".
pub fn compact_count(count: u32) -> String {
    match count {
        0..=999 => count.to_string(),
        1_000..=9_999 => format!("{:.1}k", count as f32 / 1e3),
        10_000..=999_999 => format!("{}k", count / 1000),
        _ => format!("{:.1}M", count as f32 / 1e6),
    }
}

fn push_bins(
    step: &UserStep,
    k: usize,
    layer: &DrawnLayer,
    t: &ScreenFromMercator,
    cells: &BinCells,
    items: &mut Vec<Item>,
    overlay: &mut UserOverlay,
) {
    let grow = step.text_scale.max(0.5);
    let points = &layer.layer.data.points;
    // Neighbouring bins never overlap: at most half a cell, less a point.
    let max_radius = (cells.cell_px as f32 / 2.0 - 1.0).max(4.0);
    let mut bins = Vec::with_capacity(cells.runs.len());
    for run in &cells.runs {
        let count = run.len() as u32;
        let Some(mercator) = points.mean_mercator(run.clone()) else { continue };
        let color = bin_color(layer, points, run.clone());
        let radius = (bin_radius(count) * grow).min(max_radius);
        bins.push(PointBin {
            mercator,
            count,
            radius,
            color: fade([color[0], color[1], color[2], 225], layer.opacity),
        });
        // Single digits are read from the symbol's size; their labels only added clutter.
        if count >= 10 {
            overlay.counts.push(Item::Label(Label {
                pos_screen: t.apply(mercator),
                text: compact_count(count),
                size: 9.5 * grow,
                color: style::LABEL_COLOR,
                halo: style::LABEL_HALO,
            }));
        }
    }
    debug_assert!(cells.level <= zorder::BITS);
    items.push(Item::UserBins { layer: k, bins });
}

/// Points looked at to colour a bin of a categorical layer.
const BIN_COLOR_SAMPLE: usize = 64;

/// The layer's colour; for a categorical style the class holding at least half of the bin's
/// points (estimated from up to 64 of them spread over the run, so a bin of 100,000 points costs
/// no more than one of 64), or a neutral grey when the bin is mixed.
fn bin_color(layer: &DrawnLayer, points: &PointSet, run: Range<usize>) -> Color {
    let classes = &layer.style.classes;
    if classes.len() <= 1 {
        return classes.first().map_or(MIXED_BIN, |c| c.color);
    }
    let step = run.len().div_ceil(BIN_COLOR_SAMPLE).max(1);
    let mut counts = vec![0usize; classes.len()];
    let mut seen = 0usize;
    for i in run.step_by(step) {
        let class = layer.style.class_of(points.feature[i] as usize).min(classes.len() - 1);
        counts[class] += 1;
        seen += 1;
    }
    let (class, &top) = counts.iter().enumerate().max_by_key(|(_, &c)| c).unwrap_or((0, &0));
    if top * 2 >= seen {
        classes.get(class).map_or(MIXED_BIN, |c| c.color)
    } else {
        MIXED_BIN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_short() {
        assert_eq!(compact_count(987), "987");
        assert_eq!(compact_count(1234), "1.2k");
        assert_eq!(compact_count(56_789), "56k");
        assert_eq!(compact_count(1_250_000), "1.2M");
        assert!(bin_radius(1) < bin_radius(10) && bin_radius(10) < bin_radius(1000));
        assert_eq!(bin_radius(10_000_000), 17.0);
    }

    #[test]
    fn fade_scales_alpha() {
        assert_eq!(fade([10, 20, 30, 200], 0.5), [10, 20, 30, 100]);
        assert_eq!(fade([10, 20, 30, 200], 2.0), [10, 20, 30, 200]);
    }
}
