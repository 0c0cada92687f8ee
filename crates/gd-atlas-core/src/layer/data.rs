//! A loaded user layer: attributes (column-major text, so a million rows cost a few allocations),
//! point, line and polygon geometry in mercator, and the indexes that picking needs.

use std::path::PathBuf;

use rstar::primitives::GeomWithData;
use rstar::RTree;

use super::crs::Crs;
use crate::geo::bbox::Bbox;
use crate::geo::index::BboxIndex;
use crate::geo::mercator::mercator_from_lonlat;
use crate::geo::topology::{Arc, Topology};
use crate::geo::zorder;

/// Feature attributes: one text arena per column, so a 1,000,000-row table is a handful of
/// allocations rather than millions of `String`s.
#[derive(Clone, Debug, Default)]
pub struct Attributes {
    pub columns: Vec<String>,
    cells: Vec<TextColumn>,
    rows: usize,
}

#[derive(Clone, Debug, Default)]
struct TextColumn {
    text: String,
    /// End offset in `text` of each row's cell.
    ends: Vec<u32>,
}

impl Attributes {
    pub fn new(columns: Vec<String>) -> Self {
        let cells = columns.iter().map(|_| TextColumn::default()).collect();
        Attributes { columns, cells, rows: 0 }
    }

    /// Appends one row; missing cells are empty, extra cells are ignored.
    pub fn push_row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        let mut it = cells.into_iter();
        for col in &mut self.cells {
            col.text.push_str(it.next().unwrap_or(""));
            col.ends.push(col.text.len().min(u32::MAX as usize) as u32);
        }
        self.rows += 1;
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The cell of a row and column ("" out of range).
    pub fn get(&self, row: usize, column: usize) -> &str {
        let Some(col) = self.cells.get(column) else { return "" };
        let Some(&end) = col.ends.get(row) else { return "" };
        let start = if row == 0 { 0 } else { col.ends[row - 1] };
        col.text.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// `(column, value)` pairs of one row, for the details panel.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.columns.iter().enumerate().map(move |(c, name)| (name.as_str(), self.get(row, c)))
    }
}

/// Points in mercator with the feature each belongs to (a MultiPoint has several), sorted in Z
/// order by [`LayerBuilder::finish`] so the scene bins a million points per view in
/// O(cells · log n) (see `geo::zorder`).
#[derive(Debug, Default)]
pub struct PointSet {
    pub mercator: Vec<[f64; 2]>,
    pub feature: Vec<u32>,
    /// Z-order key of each point, ascending.
    pub zorder: Vec<u64>,
    /// `prefix_mercator[i]` = sum of `mercator[..i]` (n + 1 entries): a run's mean position.
    pub prefix_mercator: Vec<[f64; 2]>,
    /// Built by [`LayerBuilder::finish`]: nearest-point picking among a million points.
    pub index: RTree<GeomWithData<[f64; 2], u32>>,
}

impl PointSet {
    /// Sorts the points by Z-order key and builds the prefix sums.
    fn sort_in_zorder(&mut self) {
        let mut order: Vec<(u64, u32)> =
            self.mercator.iter().enumerate().map(|(i, &p)| (zorder::key(p), i as u32)).collect();
        order.sort_unstable();
        self.mercator = order.iter().map(|&(_, i)| self.mercator[i as usize]).collect();
        self.feature = order.iter().map(|&(_, i)| self.feature[i as usize]).collect();
        self.zorder = order.into_iter().map(|(k, _)| k).collect();
        let mut sum = [0.0f64; 2];
        self.prefix_mercator = std::iter::once(sum)
            .chain(self.mercator.iter().map(|p| {
                sum = [sum[0] + p[0], sum[1] + p[1]];
                sum
            }))
            .collect();
    }

    /// Indices of the points of a Z-order cell (`geo::zorder`).
    pub fn cell_range(&self, level: u32, cell: [u32; 2]) -> std::ops::Range<usize> {
        zorder::cell_range(&self.zorder, level, cell)
    }

    /// Mean mercator position of a run of points (`None` when empty).
    pub fn mean_mercator(&self, run: std::ops::Range<usize>) -> Option<[f64; 2]> {
        let n = run.len() as f64;
        let (a, b) = (self.prefix_mercator.get(run.start)?, self.prefix_mercator.get(run.end)?);
        (n > 0.0).then(|| [(b[0] - a[0]) / n, (b[1] - a[1]) / n])
    }

    pub fn len(&self) -> usize {
        self.mercator.len()
    }

    pub fn is_empty(&self) -> bool {
        self.mercator.is_empty()
    }
}

/// What geometry a layer holds (a GeoJSON file may mix them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureKind {
    Point,
    Line,
    Polygon,
}

/// One loaded layer. Immutable once built; shared (`Arc`) by the app, the scene and exports.
#[derive(Debug, Default)]
pub struct LayerData {
    pub path: PathBuf,
    /// What the file was read as ("GeoJSON", "CSV (UTF-8, comma)", "XLSX sheet 'Sheet1'").
    pub format: String,
    /// The system the file's coordinates were in (converted to WGS84 on load).
    pub crs: Crs,
    pub attributes: Attributes,
    /// Where each feature came from, for messages and the details panel: "row 17", "feature 3".
    pub feature_source: Vec<u32>,
    /// Whether `feature_source` counts table rows (1-based lines) or GeoJSON features (0-based).
    pub source_is_row: bool,
    pub points: PointSet,
    /// Line parts then polygon rings, one arc each, with Douglas–Peucker importance for the
    /// levels of detail. Shapes are the polygon features.
    pub topology: Topology,
    /// Arcs `0..line_arcs` are line parts; `line_feature[i]` is the feature of arc `i`.
    pub line_feature: Vec<u32>,
    /// `shape_feature[s]` is the feature of topology shape `s`.
    pub shape_feature: Vec<u32>,
    /// Mercator boxes of line arcs and of shapes, for picking and culling.
    pub line_index: BboxIndex,
    pub shape_index: BboxIndex,
    pub bbox_mercator: Bbox,
    /// The file broke off before its end (a GeoJSON syntax error, a file cut short) and only
    /// the features before the break were kept. Every report about the layer says this first:
    /// the features before the break look like a whole file otherwise.
    pub cut_short: Option<CutShort>,
    /// Features that could not be used, and the first few reasons (one line each, naming the
    /// feature or row).
    pub skipped: usize,
    pub skipped_examples: Vec<String>,
    /// A hint that the geometry looks shifted the way GCJ-02 / BD-09 data is (`Some(crs)`: the
    /// system it probably is in), with the measured offsets for the info panel.
    pub offset_hint: Option<OffsetHint>,
}

/// Where a file broke off, and how much of it was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutShort {
    /// 1-based line and column of the break.
    pub line: u64,
    pub column: u64,
    /// Features (rows of a table) kept before it.
    pub kept: usize,
    pub kind: CutKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CutKind {
    /// The JSON stops in the middle (a file cut off, a download that did not finish).
    EndsEarly,
    /// A JSON syntax error: what is wrong there. The rest of the file was not read.
    Syntax(String),
    /// A table's last row has fewer cells than its header and no line break after it: cut off
    /// in that row, which was left out.
    LastRowCut { cells: usize, width: usize },
}

impl CutShort {
    /// One line: "file ends early at line 812, column 14: kept 40 feature(s) before it".
    pub fn describe(&self) -> String {
        let (line, column, kept) = (self.line, self.column, self.kept);
        match &self.kind {
            CutKind::EndsEarly => format!(
                "file ends early at line {line}, column {column}: kept {kept} feature(s) before it"
            ),
            CutKind::Syntax(problem) => {
                format!("file breaks off at line {line}, column {column} ({problem}): kept {kept} feature(s) before it; the rest of the file was not read")
            }
            CutKind::LastRowCut { cells, width } => {
                format!("file ends early at line {line}, column {column}: its last row has {cells} of {width} cells and was left out; kept {kept} row(s) before it")
            }
        }
    }

    /// The same in Chinese, for the window's layer panel.
    pub fn describe_zh(&self) -> String {
        let (line, column, kept) = (self.line, self.column, self.kept);
        match &self.kind {
            CutKind::EndsEarly => format!("文件在第 {line} 行第 {column} 列提前结束：只读入了其前的 {kept} 个要素"),
            CutKind::Syntax(problem) => format!("文件在第 {line} 行第 {column} 列出错（{problem}）：只读入了其前的 {kept} 个要素，其后未读"),
            CutKind::LastRowCut { cells, width } => {
                format!("文件在第 {line} 行第 {column} 列提前结束：最后一行只有 {cells}/{width} 个单元格，未读入；读入了其前的 {kept} 行")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OffsetHint {
    pub likely: Crs,
    /// Median distance to the county borders as read, and after converting from `likely`, metres.
    pub median_as_read_m: f64,
    pub median_converted_m: f64,
}

impl OffsetHint {
    /// One line for the layer's info, the CLI's warning and the log.
    pub fn describe(&self) -> String {
        let name = match self.likely {
            Crs::Gcj02 => "GCJ-02 (Amap/Tencent)",
            Crs::Bd09 => "BD-09 (Baidu)",
            Crs::Wgs84 => "WGS84",
        };
        format!(
            "looks shifted the way {name} data is: its borders lie a median {:.0} m off the atlas's county and town borders as read, {:.0} m if read as {name}",
            self.median_as_read_m, self.median_converted_m
        )
    }
}

impl LayerData {
    pub fn feature_count(&self) -> usize {
        self.attributes.len()
    }

    /// What went wrong while reading, most important first, one line each: the file broke off
    /// early, then how many features were skipped (the first reason named). For the command
    /// line's warnings and the window's notices and layer panel.
    pub fn load_warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.cut_short.iter().map(CutShort::describe).collect();
        if self.skipped > 0 {
            let first =
                self.skipped_examples.first().map(|e| format!(" (first: {e})")).unwrap_or_default();
            out.push(format!("{} feature(s) skipped{first}", self.skipped));
        }
        out
    }

    /// "row 17" or "feature 3".
    pub fn feature_label(&self, feature: usize) -> String {
        let n = self.feature_source.get(feature).copied().unwrap_or(feature as u32);
        if self.source_is_row {
            format!("row {n}")
        } else {
            format!("feature {n}")
        }
    }

    /// The display name: the file name.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    pub fn kinds(&self) -> Vec<FeatureKind> {
        let mut kinds = Vec::new();
        if !self.points.is_empty() {
            kinds.push(FeatureKind::Point);
        }
        if !self.line_feature.is_empty() {
            kinds.push(FeatureKind::Line);
        }
        if !self.shape_feature.is_empty() {
            kinds.push(FeatureKind::Polygon);
        }
        kinds
    }
}

/// Collects features as a loader reads them. Geometry is given in **WGS84** lon/lat (the loader
/// converts GCJ-02 / BD-09 first) and checked by the loader; the builder only stores it.
#[derive(Default)]
pub struct LayerBuilder {
    data: LayerData,
    /// Each polygon feature's row and its polygons, until `finish` builds the topology.
    polygons: Vec<(u32, Vec<PolygonRings>)>,
}

/// One polygon's rings in lon/lat, the exterior first.
type PolygonRings = Vec<Vec<[f64; 2]>>;

impl LayerBuilder {
    pub fn new(
        path: PathBuf,
        format: String,
        crs: Crs,
        columns: Vec<String>,
        source_is_row: bool,
    ) -> Self {
        let data = LayerData {
            path,
            format,
            crs,
            attributes: Attributes::new(columns),
            source_is_row,
            ..Default::default()
        };
        LayerBuilder { data, polygons: Vec::new() }
    }

    /// Adds a feature's attributes; returns its index for the geometry calls.
    pub fn push_feature<'a>(
        &mut self,
        source: u32,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> u32 {
        self.data.attributes.push_row(cells);
        self.data.feature_source.push(source);
        (self.data.attributes.len() - 1) as u32
    }

    pub fn push_point(&mut self, feature: u32, lonlat: [f64; 2]) {
        let mercator = mercator_from_lonlat(lonlat);
        self.data.bbox_mercator.extend(mercator);
        self.data.points.mercator.push(mercator);
        self.data.points.feature.push(feature);
    }

    /// One line part (at least two vertices).
    pub fn push_line(&mut self, feature: u32, lonlat: Vec<[f64; 2]>) {
        let arc = Arc::from_lonlat(lonlat);
        for &p in &arc.mercator {
            self.data.bbox_mercator.extend(p);
        }
        self.data.topology.push_arc(arc);
        self.data.line_feature.push(feature);
    }

    /// One polygon feature: polygons of closed rings (first vertex repeated last), exterior first.
    pub fn push_polygons(&mut self, feature: u32, polygons_closed_lonlat: Vec<Vec<Vec<[f64; 2]>>>) {
        self.polygons.push((feature, polygons_closed_lonlat));
    }

    /// Counts a feature that could not be used; the first few reasons are kept.
    pub fn skip(&mut self, reason: String) {
        self.data.skipped += 1;
        if self.data.skipped_examples.len() < 20 {
            self.data.skipped_examples.push(reason);
        }
    }

    pub fn feature_count(&self) -> usize {
        self.data.attributes.len()
    }

    /// Records that the file broke off early (see [`LayerData::cut_short`]).
    pub fn cut_short(&mut self, what: CutShort) {
        self.data.cut_short = Some(what);
    }

    /// Builds polygon shapes (line arcs first, so their indices stay `0..line_feature.len()`)
    /// and the picking indexes.
    pub fn finish(mut self) -> LayerData {
        for (feature, polygons) in std::mem::take(&mut self.polygons) {
            let code = feature.to_string();
            match self.data.topology.push_ring_shape(code, polygons) {
                Ok(_) => self.data.shape_feature.push(feature),
                Err(e) => {
                    let label = self.data.feature_label(feature as usize);
                    self.skip(format!("{label}: {e}"));
                }
            }
        }
        let data = &mut self.data;
        for s in &data.topology.shapes {
            data.bbox_mercator = data.bbox_mercator.union(s.bbox_mercator);
        }
        let line_boxes = data.topology.arcs[..data.line_feature.len()]
            .iter()
            .enumerate()
            .map(|(i, a)| (Bbox::from_points(&a.mercator), i));
        data.line_index = BboxIndex::new(line_boxes);
        data.shape_index = BboxIndex::new(
            data.topology.shapes.iter().enumerate().map(|(i, s)| (s.bbox_mercator, i)),
        );
        data.points.sort_in_zorder();
        let entries = data
            .points
            .mercator
            .iter()
            .zip(&data.points.feature)
            .map(|(&p, &f)| GeomWithData::new(p, f))
            .collect();
        data.points.index = RTree::bulk_load(entries);
        self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_round_trip_rows() {
        let mut a = Attributes::new(vec!["name".into(), "kind".into()]);
        a.push_row(["Foshan plant", "factory"]);
        a.push_row(["仓库", ""]);
        a.push_row(["short"]);
        assert_eq!(a.len(), 3);
        assert_eq!(a.get(0, 0), "Foshan plant");
        assert_eq!(a.get(1, 0), "仓库");
        assert_eq!(a.get(1, 1), "");
        assert_eq!(a.get(2, 1), "");
        assert_eq!(a.get(9, 0), "");
        assert_eq!(
            a.row(0).collect::<Vec<_>>(),
            vec![("name", "Foshan plant"), ("kind", "factory")]
        );
    }

    #[test]
    fn builder_keeps_lines_before_polygons() {
        let mut b = LayerBuilder::new(
            "x.geojson".into(),
            "GeoJSON".into(),
            Crs::Wgs84,
            vec!["id".into()],
            false,
        );
        let f0 = b.push_feature(0, ["a"]);
        b.push_polygons(
            f0,
            vec![vec![vec![[113.0, 23.0], [113.1, 23.0], [113.1, 23.1], [113.0, 23.0]]]],
        );
        let f1 = b.push_feature(1, ["b"]);
        b.push_line(f1, vec![[113.0, 23.0], [113.2, 23.2]]);
        let f2 = b.push_feature(2, ["c"]);
        b.push_point(f2, [113.05, 23.05]);
        let d = b.finish();
        assert_eq!(d.line_feature, vec![1]);
        assert_eq!(d.shape_feature, vec![0]);
        assert_eq!(d.topology.arcs.len(), 2);
        assert_eq!(d.points.index.size(), 1);
        assert_eq!(d.kinds(), vec![FeatureKind::Point, FeatureKind::Line, FeatureKind::Polygon]);
        assert_eq!(d.feature_label(2), "feature 2");
    }
}
