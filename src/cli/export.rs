//! `gd-atlas export --out FILE.(png|svg) …`: a report-ready figure without a display or GPU.
//!
//! With `--theme TABLE --theme-column C` or `--theme-builtin NAME` the counties or towns are
//! shaded as the window shades them (`docs/theme.md`); a table theme prints its join summary.
//! With `--layer FILE` (repeatable, `--layer-crs` for GCJ-02/BD-09 files) the planner's own
//! points, lines and polygons are drawn over the borders, listed in the legend and credited.
//!
//! Arguments are checked before the atlas is loaded, so a typo fails in milliseconds with one
//! line naming the argument (exit 2); a failed write exits 1.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{load_atlas, load_atlas_for_figure, Cli, Failure};
use crate::app::frame_timing::startup_mark as mark;
use crate::export::extent::{
    mercator_of_lonlat_bbox, parse_bbox, province_extent, region_extent, resolve_region,
};
use crate::export::furniture::FurnitureOptions;
use crate::export::presets::{check_size, paper, preset, Paper, PAPERS, PRESETS};
use crate::export::{
    compose, render_composed, Composition, ExportError, ExportRequest, Format, SharedTheme,
};
use crate::geo::bbox::Bbox;
use crate::geo::mercator::lonlat_from_mercator;
use crate::i18n::Lang;
use crate::layer::load::{load_layer, LoadProgress};
use crate::layer::style::{default_layer_color, resolve};
use crate::layer::{Crs, LayerSpec};
use crate::model::{Atlas, Subject};
use crate::scene::basemap::Basemap;
use crate::scene::layers::Layers;
use crate::scene::user_layer::{DrawnLayer, UserLayer};
use crate::scene::{MarkerMode, SceneGeometry};
use crate::table::read_table;
use crate::theme::builtin::list_builtins;
use crate::theme::classify::{MAX_CLASSES, MIN_CLASSES};
use crate::theme::join::join_table;
use crate::theme::level::theme_units;
use crate::theme::table_values::table_values;
use crate::theme::{
    palette, AttributeSpec, Builtin, Method, Overrides, Theme, ThemeLevel, ThemeSpec,
};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output file; the extension picks the format (.png, .svg or .pdf).
    #[arg(long, value_name = "FILE.png|FILE.svg|FILE.pdf")]
    pub out: Option<PathBuf>,
    /// Image width in pixels (with --height).
    #[arg(long, value_name = "PX", allow_hyphen_values = true)]
    pub width: Option<String>,
    /// Image height in pixels (with --width).
    #[arg(long, value_name = "PX", allow_hyphen_values = true)]
    pub height: Option<String>,
    /// Size preset: 1080p (1920×1080, the default), 4k (3840×2160), a4-300dpi (3508×2480).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Paper of a PDF: a4 (the default for .pdf) or a3, landscape with 10 mm margins. With
    /// --preset or --width/--height instead, the PDF page is the figure's own size.
    #[arg(long, value_name = "a4|a3")]
    pub page: Option<String>,
    /// Show this region (name or code), e.g. 441200 or 肇庆市. Default: the whole province.
    #[arg(long, value_name = "NAME-OR-CODE")]
    pub region: Option<String>,
    /// Show this box: lon0,lat0,lon1,lat1 (WGS84 degrees, south-west then north-east).
    #[arg(long, value_name = "LON0,LAT0,LON1,LAT1", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Visible layers: cities,counties,towns,parks,logistics,expressways (and places,context,labels).
    #[arg(long, value_name = "LIST")]
    pub layers: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Language of names and furniture: en or zh.
    #[arg(long, value_name = "en|zh")]
    pub lang: Option<String>,
    /// Highlight a region (name or code) as the window highlights a selection.
    #[arg(long, value_name = "NAME-OR-CODE")]
    pub highlight: Option<String>,
    #[arg(long)]
    pub no_legend: bool,
    #[arg(long)]
    pub no_scale_bar: bool,
    #[arg(long)]
    pub no_north_arrow: bool,
    /// Leave out the data-source attribution band.
    #[arg(long)]
    pub no_credits: bool,
    /// Leave out the "approximate areas / schematic lines" note.
    #[arg(long)]
    pub no_note: bool,
    /// Add a locator inset: Guangdong with the figure's extent as a rectangle (left out when
    /// the figure shows the whole province).
    #[arg(long)]
    pub locator: bool,
    /// Draw every place on its own instead of grouping places on one spot under a marker with
    /// a count badge.
    #[arg(long)]
    pub no_clusters: bool,
    /// Shade counties or towns by a column of this table (CSV/TSV in UTF-8, GBK/GB18030 or
    /// UTF-16, or an XLSX/XLS workbook); needs --theme-column.
    #[arg(long, value_name = "TABLE")]
    pub theme: Option<PathBuf>,
    /// The table's value column (header, letter or number).
    #[arg(long, value_name = "COLUMN")]
    pub theme_column: Option<String>,
    /// Shade by one of the atlas's own figures: area, places, places:KIND, excerpts,
    /// indicators, indicator:NAME[@PERIOD], census:ID (a 2020-census statistic, e.g.
    /// census:density; `gd-atlas info 广东省` lists them).
    #[arg(long, value_name = "NAME")]
    pub theme_builtin: Option<String>,
    /// The table's key column; guessed when left out.
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,
    /// The table's parent (county or city) column, for homonyms; guessed when left out.
    #[arg(long, value_name = "COLUMN")]
    pub parent: Option<String>,
    /// The theme's level: city, county or town (guessed for a table, county for --theme-builtin).
    #[arg(long, value_name = "city|county|town")]
    pub level: Option<String>,
    /// Workbook sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Number of classes, 3 to 9 (default 5; a census statistic comes with its own number, e.g. 7 for density, which this overrides).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub classes: Option<String>,
    /// Classification: quantile (default; a census statistic comes with its own), equal or jenks.
    #[arg(long, value_name = "quantile|equal|jenks")]
    pub method: Option<String>,
    /// ColorBrewer palette (default YlOrRd), e.g. Blues, RdBu; `-r` suffix reverses it.
    #[arg(long, value_name = "NAME")]
    pub palette: Option<String>,
    /// Divide each value by the unit's area (values per km²).
    #[arg(long)]
    pub per_km2: bool,
    /// Draw a layer of your own: a GeoJSON file, or a CSV/XLSX table with longitude/latitude
    /// columns (repeatable; drawn in the order given, the last on top).
    #[arg(long = "layer", value_name = "FILE")]
    pub layers_files: Vec<PathBuf>,
    /// Coordinate system of the layers: wgs84 (default), gcj02 (Amap, Tencent) or bd09 (Baidu).
    /// Give it once for every --layer, or once after each --layer.
    #[arg(long = "layer-crs", value_name = "wgs84|gcj02|bd09")]
    pub layer_crs: Vec<String>,
    /// Render a saved view's text exactly (centre, zoom, layers, selection, theme, user layers);
    /// the extent follows the view at the image's size. Not with --region, --bbox, --layers,
    /// --highlight, --theme or --theme-builtin.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub view: Option<String>,
    /// Draw a measured path with its great-circle lengths: "LON,LAT;LON,LAT;…".
    #[arg(long, value_name = "LON,LAT;LON,LAT;…", allow_hyphen_values = true)]
    pub measure: Option<String>,
    /// Draw a ring of KM kilometres around a point, e.g. 113.26,23.13,80.
    #[arg(long, value_name = "LON,LAT,KM", allow_hyphen_values = true)]
    pub ring: Option<String>,
}

/// The user layers asked for, checked without reading them: one `--layer-crs` for all layers,
/// or one per `--layer` in the same order.
fn layer_specs_from(args: &Args) -> Result<Vec<LayerSpec>, Failure> {
    let crs: Vec<Crs> = args
        .layer_crs
        .iter()
        .map(|text| {
            Crs::parse(text).ok_or_else(|| {
                Failure::usage(format!("--layer-crs {text:?} is unknown (wgs84, gcj02 or bd09)"))
            })
        })
        .collect::<Result<_, _>>()?;
    let files = &args.layers_files;
    if !crs.is_empty() && files.is_empty() {
        return Err(Failure::usage("--layer-crs needs --layer FILE"));
    }
    if crs.len() > 1 && crs.len() != files.len() {
        return Err(Failure::usage(format!(
            "{} --layer-crs for {} --layer: give one for all layers, or one after each --layer",
            crs.len(),
            files.len()
        )));
    }
    let crs_of =
        |i: usize| if crs.len() == 1 { crs[0] } else { crs.get(i).copied().unwrap_or_default() };
    Ok(files
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let mut spec = LayerSpec::new(path.clone(), crs_of(i));
            spec.style.color = default_layer_color(i);
            spec
        })
        .collect())
}

/// Reads the layers (exit 1 naming the file when one cannot be read; features that could not be
/// used are counted in a warning and the export goes on) and resolves their styles.
fn load_user_layers(atlas: &Atlas, specs: &[LayerSpec]) -> Result<Vec<DrawnLayer>, Failure> {
    let mut drawn = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let data =
            load_layer(spec, &LoadProgress::default()).map_err(|e| Failure::data(e.to_string()))?;
        for warning in data.load_warnings() {
            eprintln!("warning: {}: {warning}", spec.path.display());
        }
        if let Some(hint) = crate::layer::offset_hint(atlas, &data) {
            eprintln!(
                "warning: {}: {} (use --layer-crs {})",
                spec.path.display(),
                hint.describe(),
                hint.likely.as_str()
            );
        }
        let style = resolve(&data, &spec.style);
        drawn.push(DrawnLayer::new(Arc::new(UserLayer::new(i as u64 + 1, data)), style));
    }
    Ok(drawn)
}

/// One line for each layer that lies wholly outside the figure's map (`map_mercator`): drawn
/// nowhere, it would leave a figure without the user's data and without a word (a file in
/// the wrong coordinates, or the wrong `--region`).
fn layers_outside(map_mercator: [f64; 4], layers: &[DrawnLayer]) -> Vec<String> {
    let map = Bbox::from_array(map_mercator);
    let (west_north, east_south) = (lonlat_from_mercator(map.min), lonlat_from_mercator(map.max));
    layers
        .iter()
        .map(|l| &l.layer.data)
        .filter(|data| !data.bbox_mercator.is_empty() && !data.bbox_mercator.intersects(map))
        .map(|data| {
            format!(
                "{}: lies at {}, outside the figure (which shows {:.2}–{:.2}°E, {:.2}–{:.2}°N): wrong coordinates, or the wrong --region/--bbox?",
                data.path.display(),
                degrees_text(lonlat_from_mercator(data.bbox_mercator.center())),
                west_north[0],
                east_south[0],
                east_south[1],
                west_north[1]
            )
        })
        .collect()
}

/// What a figure that wrote fine may still lack (issue 19 QA: a `--bbox` in the open sea gave a
/// blank page and a 200 × 150 figure was all furniture, each with only "wrote …"): the
/// furniture left out for want of room, and a map with no part of Guangdong in it.
fn figure_warnings(composition: &Composition) -> Vec<String> {
    let mut out = Vec::new();
    if !composition.left_out.is_empty() {
        out.push(format!(
            "the figure is too small for its {}: left out (give a larger --width/--height or --preset)",
            composition.left_out.join(", ")
        ));
    }
    let regions_drawn = composition.scene.items.iter().any(|item| {
        matches!(item, crate::scene::Item::Fill { topo: crate::scene::Topo::Regions, .. })
    });
    if !regions_drawn {
        let [x0, y0, x1, y1] = composition.view.bbox_mercator();
        let ([w, n], [e, s]) = (lonlat_from_mercator([x0, y0]), lonlat_from_mercator([x1, y1]));
        out.push(format!(
            "the figure shows no part of Guangdong ({w:.2}–{e:.2}°E, {s:.2}–{n:.2}°N): the wrong --bbox?"
        ));
    }
    out
}

/// "100.0°E 0.0°N", "73.5°W 40.7°N".
fn degrees_text(lonlat: [f64; 2]) -> String {
    let (lon, lat) = (lonlat[0], lonlat[1]);
    format!(
        "{:.1}°{} {:.1}°{}",
        lon.abs(),
        if lon < 0.0 { "W" } else { "E" },
        lat.abs(),
        if lat < 0.0 { "S" } else { "N" }
    )
}

fn parse_side(name: &str, value: &str) -> Result<u32, Failure> {
    value
        .trim()
        .parse::<u32>()
        .map_err(|_| Failure::usage(format!("{name} {value:?} is not a whole number of pixels")))
}

/// The image size from --preset or --width/--height (1080p when neither is given).
fn size_from(args: &Args) -> Result<[u32; 2], Failure> {
    let size = match (&args.preset, &args.width, &args.height) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(Failure::usage("give either --preset or --width and --height, not both"))
        }
        (Some(name), None, None) => preset(name).map(|p| p.size_px).ok_or_else(|| {
            let known: Vec<&str> = PRESETS.iter().map(|p| p.key).collect();
            Failure::usage(format!("--preset {name:?} is unknown (known: {})", known.join(", ")))
        })?,
        (None, Some(w), Some(h)) => [parse_side("--width", w)?, parse_side("--height", h)?],
        (None, Some(_), None) => return Err(Failure::usage("--width needs --height")),
        (None, None, Some(_)) => return Err(Failure::usage("--height needs --width")),
        (None, None, None) => [1920, 1080],
    };
    check_size(size).map_err(Failure::usage)?;
    Ok(size)
}

/// The paper of a PDF: `--page`, or A4 when no size is given; `None` for a PDF of the figure's
/// own size (`--preset`, `--width`) and for PNG and SVG.
fn paper_from(args: &Args, format: Format) -> Result<Option<Paper>, Failure> {
    let sized = args.preset.is_some() || args.width.is_some() || args.height.is_some();
    match (&args.page, format) {
        (Some(_), Format::Png | Format::Svg) => Err(Failure::usage(
            "--page is for .pdf output (for a printable PNG use --preset a4-300dpi)",
        )),
        (Some(_), Format::Pdf) if sized => {
            Err(Failure::usage("give either --page or --preset/--width/--height, not both"))
        }
        (Some(key), Format::Pdf) => paper(key).map(Some).ok_or_else(|| {
            let known: Vec<&str> = PAPERS.iter().map(|p| p.key).collect();
            Failure::usage(format!("--page {key:?} is unknown (known: {})", known.join(", ")))
        }),
        (None, Format::Pdf) if !sized => Ok(paper("a4")),
        (None, _) => Ok(None),
    }
}

/// What the "wrote" line says of the output's size: pixels, or the paper.
fn size_text(request: &ExportRequest, format: Format) -> String {
    match request.paper {
        Some(paper) => format!("{} {}", paper.label, format.extension().to_uppercase()),
        None => format!(
            "{}×{} {}",
            request.size_px[0],
            request.size_px[1],
            format.extension().to_uppercase()
        ),
    }
}

/// A highlight: a region by code or name first, else any subject the search finds.
fn resolve_highlight(atlas: &Atlas, query: &str) -> Result<Subject, Failure> {
    if let Ok(idx) = resolve_region(atlas, query) {
        return Ok(Subject::Region(atlas.regions[idx].code.clone()));
    }
    atlas.find(query).into_iter().next().ok_or_else(|| {
        Failure::usage(format!("--highlight {query:?}: nothing by that name or code"))
    })
}

fn io_or_usage(e: ExportError) -> Failure {
    match e {
        ExportError::Usage(m) => Failure::usage(m),
        ExportError::Io(m) => Failure::data(m),
    }
}

fn layers_from(args: &Args) -> Result<Layers, Failure> {
    match &args.layers {
        Some(list) => {
            Layers::parse_list(list).map_err(|e| Failure::usage(format!("--layers: {e}")))
        }
        None => Ok(Layers::default()),
    }
}

/// Markers clustered as in the window, one per place with `--no-clusters`; none over a theme
/// unless `--layers` asks for them: markers and their count badges over a choropleth hide the
/// colours the figure is about.
fn markers_from(args: &Args, themed: bool) -> MarkerMode {
    match (args.no_clusters, themed && args.layers.is_none()) {
        (_, true) => MarkerMode::Hidden,
        (true, false) => MarkerMode::Separate,
        (false, false) => MarkerMode::Clustered,
    }
}

fn lang_from(args: &Args) -> Result<Lang, Failure> {
    match args.lang.as_deref() {
        None => Ok(Lang::En),
        Some(s) => Lang::parse(s.trim())
            .ok_or_else(|| Failure::usage(format!("--lang {s:?} is unknown (use en or zh)"))),
    }
}

fn furniture_from(args: &Args) -> FurnitureOptions {
    FurnitureOptions {
        title: args.title.clone().unwrap_or_default(),
        subtitle: args.subtitle.clone().unwrap_or_default(),
        legend: !args.no_legend,
        scale_bar: !args.no_scale_bar,
        north_arrow: !args.no_north_arrow,
        credits: !args.no_credits,
        approximate_note: !args.no_note,
        locator: args.locator,
    }
}

/// The title when `--title` is not given, as the window's Export dialog writes it: the region's
/// name (with its parent: "Gaoyao District (Zhaoqing City)", "雷州市（湛江市）"), the province's, or
/// none for a `--bbox` or a `--view`, which name no place (`--title ""` leaves any title out). CLI figures
/// had no title at all (issue 19 QA).
fn default_title(atlas: &Atlas, region: Option<&str>, bbox: bool, lang: Lang) -> String {
    let code = match (region, bbox) {
        (Some(query), _) => {
            resolve_region(atlas, query).ok().map(|i| atlas.regions[i].code.clone())
        }
        (None, true) => None,
        (None, false) => atlas
            .regions_of_level(crate::model::Level::Province)
            .first()
            .map(|&i| atlas.regions[i].code.clone()),
    };
    code.map(|c| crate::ui::details::subject_title(atlas, &Subject::Region(c), lang))
        .unwrap_or_default()
}

/// The mercator area to show: `--region`, `--bbox` (lon/lat), or the whole province.
fn extent_from(
    atlas: &Atlas,
    region: Option<&str>,
    bbox_lonlat: Option<[f64; 4]>,
) -> Result<[f64; 4], Failure> {
    match (region, bbox_lonlat) {
        (Some(query), _) => {
            let idx = resolve_region(atlas, query)
                .map_err(|e| Failure::usage(format!("--region: {e}")))?;
            region_extent(atlas, idx).ok_or_else(|| {
                Failure::usage(format!(
                    "--region {query:?}: {} has no shape or seat to show",
                    atlas.regions[idx].name_zh
                ))
            })
        }
        (None, Some(lonlat)) => Ok(mercator_of_lonlat_bbox(lonlat)),
        (None, None) => province_extent(atlas)
            .ok_or_else(|| Failure::data("the data has no province shape to show")),
    }
}

/// The first flag of `flags` that is given, by name.
fn first_given<'a>(flags: &[(&'a str, bool)]) -> Option<&'a str> {
    flags.iter().find(|(_, given)| *given).map(|(name, _)| *name)
}

/// Flags that only make sense with a theme, or with a table theme.
fn check_theme_combinations(args: &Args) -> Result<(), Failure> {
    if args.theme.is_some() && args.theme_builtin.is_some() {
        return Err(Failure::usage("give either --theme TABLE or --theme-builtin NAME, not both"));
    }
    if args.theme.is_some() && args.theme_column.is_none() {
        return Err(Failure::usage(
            "--theme needs --theme-column COLUMN (the table's value column)",
        ));
    }
    let table_only = [
        ("--theme-column", args.theme_column.is_some()),
        ("--key", args.key.is_some()),
        ("--parent", args.parent.is_some()),
        ("--sheet", args.sheet.is_some()),
    ];
    if let Some(flag) = first_given(&table_only).filter(|_| args.theme.is_none()) {
        return Err(Failure::usage(format!("{flag} needs --theme TABLE")));
    }
    let theme_only = [
        ("--level", args.level.is_some()),
        ("--classes", args.classes.is_some()),
        ("--method", args.method.is_some()),
        ("--palette", args.palette.is_some()),
        ("--per-km2", args.per_km2),
    ];
    if let Some(flag) =
        first_given(&theme_only).filter(|_| args.theme.is_none() && args.theme_builtin.is_none())
    {
        return Err(Failure::usage(format!("{flag} needs --theme TABLE or --theme-builtin NAME")));
    }
    Ok(())
}

/// The theme asked for, checked without the data (`None` without --theme/--theme-builtin).
fn theme_spec_from(args: &Args) -> Result<Option<ThemeSpec>, Failure> {
    check_theme_combinations(args)?;
    let level = args
        .level
        .as_deref()
        .map(|l| {
            ThemeLevel::parse(l).ok_or_else(|| {
                Failure::usage(format!("--level {l:?} is not a level (city, county or town)"))
            })
        })
        .transpose()?;
    let source = match (&args.theme, &args.theme_builtin) {
        (Some(path), _) => AttributeSpec::Table {
            path: path.clone(),
            sheet: args.sheet.clone(),
            column: args.theme_column.clone().unwrap_or_default(),
            key: args.key.clone(),
            parent: args.parent.clone(),
            level,
        },
        (None, Some(name)) => {
            let builtin = Builtin::parse(name).ok_or_else(|| {
                Failure::usage(format!("--theme-builtin {name:?} is unknown (area, places, places:KIND, excerpts, indicators, indicator:NAME[@PERIOD], census:ID)"))
            })?;
            AttributeSpec::Builtin { level: level.unwrap_or(ThemeLevel::County), builtin }
        }
        (None, None) => return Ok(None),
    };
    let mut spec = ThemeSpec::new(source);
    spec.per_km2 = args.per_km2;
    if let Some(text) = &args.classes {
        spec.classes = text
            .trim()
            .parse()
            .ok()
            .filter(|n| (MIN_CLASSES..=MAX_CLASSES).contains(n))
            .ok_or_else(|| {
                Failure::usage(format!(
                    "--classes {text:?} must be a whole number from {MIN_CLASSES} to {MAX_CLASSES}"
                ))
            })?;
    }
    if let Some(text) = &args.method {
        spec.method = Method::parse(text).ok_or_else(|| {
            Failure::usage(format!("--method {text:?} is unknown (quantile, equal or jenks)"))
        })?;
    }
    if let Some(text) = &args.palette {
        let (name, reversed) =
            text.strip_suffix("-r").map_or((text.as_str(), false), |n| (n, true));
        let scheme = palette::scheme(name).ok_or_else(|| {
            let names: Vec<&str> = palette::schemes().iter().map(|s| s.name).collect();
            Failure::usage(format!(
                "--palette {text:?} is unknown (palettes: {}; add -r to reverse)",
                names.join(", ")
            ))
        })?;
        spec.palette = scheme.name.to_string();
        spec.reversed = reversed;
    }
    Ok(Some(spec))
}

/// Builds the theme on the loaded atlas. A table theme prints its join summary to stderr, so
/// rows that did not join are never passed over in silence.
fn build_theme(atlas: &Atlas, spec: ThemeSpec) -> Result<Theme, Failure> {
    let theme = match &spec.source {
        AttributeSpec::Builtin { level, builtin } => {
            check_builtin_exists(atlas, *level, builtin)?;
            Theme::build(atlas, spec).map_err(Failure::data)?
        }
        AttributeSpec::Table { path, sheet, column, key, parent, level } => {
            let table = read_table(path, sheet.as_deref()).map_err(|e| {
                let no_sheet =
                    e.problem.starts_with("no sheet named") || e.problem.contains("was asked for");
                if no_sheet {
                    Failure::usage(format!("--sheet: {e}"))
                } else {
                    Failure::data(e.to_string())
                }
            })?;
            for (flag, column) in [
                ("--theme-column", Some(column)),
                ("--key", key.as_ref()),
                ("--parent", parent.as_ref()),
            ] {
                if let Some(column) = column {
                    table
                        .column_index(column)
                        .map_err(|e| Failure::usage(format!("{flag}: {e}")))?;
                }
            }
            let overrides = Overrides { key: key.clone(), parent: parent.clone(), level: *level };
            let report = join_table(atlas, &table, &overrides).map_err(Failure::data)?;
            eprintln!(
                "theme: {}: {} (details: gd-atlas join {})",
                table.path,
                report.summary(),
                path.display()
            );
            let values = table_values(&table, &report, column, theme_units(atlas, report.level))
                .map_err(Failure::data)?;
            let values = if spec.per_km2 { values.per_km2(atlas) } else { values };
            Theme::from_values(spec, values, Some(report)).map_err(Failure::data)?
        }
    };
    for note in theme.values.notes.iter().chain(&theme.classification.notes) {
        eprintln!("note: {note}");
    }
    Ok(theme)
}

/// A census statistic is drawn as its catalogue suggests (method, classes, palette, centre)
/// unless the command line says otherwise; an unknown id is a usage error listing the ids.
fn with_census_defaults(atlas: &Atlas, spec: ThemeSpec, args: &Args) -> Result<ThemeSpec, Failure> {
    let AttributeSpec::Builtin { level, builtin: Builtin::Census { id } } = &spec.source else {
        return Ok(spec);
    };
    if args.level.as_deref().map(str::trim) == Some("town") {
        // The window moves a town-level census theme to the counties; a figure asked for towns
        // in so many words would show counties' values on towns (issue 19 QA): refused.
        return Err(Failure::usage(format!(
            "--theme-builtin census:{id} --level town: the 2020 census gives counties, not towns (use --level county or city)"
        )));
    }
    let level = crate::theme::census::census_level(*level);
    let Some(mut defaults) = crate::theme::census::census_spec(atlas, level, id) else {
        let ids: Vec<&str> = atlas.census.statistics.iter().map(|s| s.id.as_str()).collect();
        return Err(Failure::usage(format!(
            "--theme-builtin census:{id}: no such statistic (census ids: {})",
            ids.join(", ")
        )));
    };
    if args.classes.is_some() {
        defaults.classes = spec.classes;
    }
    if args.method.is_some() {
        defaults.method = spec.method;
    }
    if args.palette.is_some() {
        defaults.palette = spec.palette;
        defaults.reversed = spec.reversed;
    }
    defaults.per_km2 = spec.per_km2;
    Ok(defaults)
}

/// An `indicator:NAME` must name an indicator some unit of the level has (a typo would
/// otherwise give an empty map).
fn check_builtin_exists(
    atlas: &Atlas,
    level: ThemeLevel,
    builtin: &Builtin,
) -> Result<(), Failure> {
    let Builtin::Indicator { name, .. } = builtin else { return Ok(()) };
    let on_offer = list_builtins(atlas, level);
    let names: Vec<String> = on_offer
        .iter()
        .filter_map(|b| match &b.builtin {
            Builtin::Indicator { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    if names.contains(name) {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "--theme-builtin: no {} have the indicator {name:?} (they have: {})",
        level.plural(),
        names.join(", ")
    )))
}

/// A title or subtitle character the embedded font lacks would print as a box: said first.
fn warn_missing_glyphs(furniture: &FurnitureOptions) {
    if let Ok(face) = crate::render::text::typeface() {
        let missing = face.missing_chars(&format!("{}{}", furniture.title, furniture.subtitle));
        if !missing.is_empty() {
            eprintln!(
                "warning: the embedded font has no glyph for {:?}; they will show as boxes",
                missing.iter().collect::<String>()
            );
        }
    }
}

/// The regions the legend keeps off: the one the figure is about (`--region`), or the whole
/// province when the figure shows it (no `--bbox`, no saved view).
fn keep_clear(atlas: &Atlas, args: &Args, from_view: bool) -> Vec<String> {
    if let Some(query) = args.region.as_deref() {
        resolve_region(atlas, query)
            .map(|i| vec![atlas.regions[i].code.clone()])
            .unwrap_or_default()
    } else if args.bbox.is_none() && !from_view {
        vec![crate::model::PROVINCE_CODE.to_string()]
    } else {
        Vec::new()
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    // 1. Everything that needs no data.
    let out: &Path = args
        .out
        .as_deref()
        .ok_or_else(|| Failure::usage("--out FILE.png|FILE.svg|FILE.pdf is required"))?;
    let format = Format::from_path(out).map_err(|e| Failure::usage(format!("--out {e}")))?;
    crate::export::file::check_writable_dir(out).map_err(Failure::data)?;
    let size_px = size_from(args)?;
    let paper = paper_from(args, format)?;
    if args.region.is_some() && args.bbox.is_some() {
        return Err(Failure::usage("give either --region or --bbox, not both"));
    }
    let bbox = args.bbox.as_deref().map(parse_bbox).transpose().map_err(Failure::usage)?;
    let view = super::export_view::view_from(args)?;
    let layers = match &view {
        Some(v) => v.layers.clone(),
        None => layers_from(args)?,
    };
    let lang = lang_from(args)?;
    let furniture = furniture_from(args);
    let theme_spec = match &view {
        Some(v) => v.theme.clone(),
        None => theme_spec_from(args)?,
    };
    let layer_specs = super::export_view::with_view_layers(layer_specs_from(args)?, view.as_ref());
    let measure = super::export_view::measure_from(args)?;

    // 2. The data: extent and highlight. The basemap and the font do not depend on the atlas:
    // read on a second core while the atlas loads.
    let (atlas, basemap) = std::thread::scope(|scope| {
        let basemap = scope.spawn(|| {
            let _ = crate::render::text::typeface();
            Basemap::load(&crate::model::DataSource::resolve(cli.data.as_deref()))
        });
        // Only the `excerpts` theme counts excerpts: any other figure skips linking them.
        let counts_excerpts = theme_spec.as_ref().is_some_and(|spec| {
            matches!(spec.source, AttributeSpec::Builtin { builtin: Builtin::Excerpts, .. })
        });
        let atlas = if counts_excerpts { load_atlas(cli) } else { load_atlas_for_figure(cli) };
        (atlas, basemap.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let atlas = atlas?;
    mark("export: atlas and basemap loaded");
    let extent_mercator = extent_from(&atlas, args.region.as_deref(), bbox)?;
    let highlight = match &view {
        Some(v) => super::export_view::view_highlight(v, &layer_specs),
        None => args.highlight.as_deref().map(|q| resolve_highlight(&atlas, q)).transpose()?,
    };
    let theme_spec = theme_spec.map(|spec| with_census_defaults(&atlas, spec, args)).transpose()?;
    let theme = theme_spec.map(|spec| build_theme(&atlas, spec)).transpose()?;
    let user_layers = load_user_layers(&atlas, &layer_specs)?;
    for problem in &basemap.problems {
        eprintln!("warning: {problem}");
    }
    let mut furniture = furniture;
    if args.title.is_none() && view.is_none() {
        furniture.title = default_title(&atlas, args.region.as_deref(), bbox.is_some(), lang);
    }
    warn_missing_glyphs(&furniture);
    let geometry = SceneGeometry::new(&atlas, basemap);

    // 3. Render and write.
    let mut request = ExportRequest::new(size_px, extent_mercator);
    request.scene.layers = layers;
    request.scene.lang = lang;
    request.scene.selection = highlight;
    request.furniture = furniture;
    request.theme = theme.map(|t| SharedTheme(Arc::new(t)));
    request.user_layers = user_layers;
    request.center_zoom = view.map(|v| (v.center_lonlat, v.zoom));
    request.scene.measure = measure;
    request.keep_clear = keep_clear(&atlas, args, request.center_zoom.is_some());
    // A saved view keeps its own layers, markers included.
    request.scene.markers =
        markers_from(args, request.theme.is_some() && request.center_zoom.is_none());
    if let Some(paper) = paper {
        request = request.on_paper(paper);
    }
    if args.layers.is_none() && request.center_zoom.is_none() {
        // Towns as the window shows them: from the zoom at which they read (a province figure
        // of 1,771 town cells is grey noise), unless --layers asks for them.
        let zoom = request.fitted_zoom();
        request.scene.layers.towns = zoom >= crate::scene::layers::TOWN_MIN_ZOOM;
    }
    mark("export: atlas, basemap and scene geometry ready");
    write_figure(&atlas, &geometry, &request, out, format)
}

/// Step 3 of [`run`]: composes, paints and writes the figure, then says what it wrote and
/// what it may lack (warnings after the file exists, so a warning never stops a figure).
fn write_figure(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    out: &Path,
    format: Format,
) -> Result<(), Failure> {
    let composition = compose(atlas, geometry, request).map_err(io_or_usage)?;
    mark("export: composed");
    let bytes =
        render_composed(atlas, geometry, &composition, request, format).map_err(io_or_usage)?;
    mark("export: painted and encoded");
    crate::export::file::write_atomic(out, &bytes).map_err(Failure::data)?;
    mark("export: written");
    for warning in layers_outside(composition.view.bbox_mercator(), &request.user_layers) {
        eprintln!("warning: {warning}");
    }
    for warning in figure_warnings(&composition) {
        eprintln!("warning: {warning}");
    }
    println!(
        "wrote {} ({}, {:.1} MB, level of detail {})",
        out.display(),
        size_text(request, format),
        bytes.len() as f64 / 1e6,
        composition.scene.lod
    );
    mark("export: reported");
    Ok(())
}
