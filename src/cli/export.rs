//! `gd-atlas export --out FILE.(png|svg) …`: a report-ready figure without a display or GPU.
//!
//! Arguments are checked before the atlas is loaded, so a typo fails in milliseconds with one
//! line naming the argument (exit 2); a failed write exits 1.

use std::path::{Path, PathBuf};

use super::{load_atlas, Cli, Failure};
use crate::export::extent::{mercator_of_lonlat_bbox, parse_bbox, province_extent, region_extent, resolve_region};
use crate::export::furniture::FurnitureOptions;
use crate::export::presets::{check_size, preset, PRESETS};
use crate::export::{export_to_file, ExportError, ExportRequest, Format};
use crate::i18n::Lang;
use crate::model::{Atlas, Subject};
use crate::scene::basemap::Basemap;
use crate::scene::layers::Layers;
use crate::scene::SceneGeometry;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output file; the extension picks the format (.png or .svg).
    #[arg(long, value_name = "FILE.png|FILE.svg")]
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
}

fn parse_side(name: &str, value: &str) -> Result<u32, Failure> {
    value.trim().parse::<u32>().map_err(|_| Failure::usage(format!("{name} {value:?} is not a whole number of pixels")))
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

/// A highlight: a region by code or name first, else any subject the search finds.
fn resolve_highlight(atlas: &Atlas, query: &str) -> Result<Subject, Failure> {
    if let Ok(idx) = resolve_region(atlas, query) {
        return Ok(Subject::Region(atlas.regions[idx].code.clone()));
    }
    atlas.find(query).into_iter().next().ok_or_else(|| Failure::usage(format!("--highlight {query:?}: nothing by that name or code")))
}

fn io_or_usage(e: ExportError) -> Failure {
    match e {
        ExportError::Usage(m) => Failure::usage(m),
        ExportError::Io(m) => Failure::data(m),
    }
}

fn layers_from(args: &Args) -> Result<Layers, Failure> {
    match &args.layers {
        Some(list) => Layers::parse_list(list).map_err(|e| Failure::usage(format!("--layers: {e}"))),
        None => Ok(Layers::default()),
    }
}

fn lang_from(args: &Args) -> Result<Lang, Failure> {
    match args.lang.as_deref() {
        None => Ok(Lang::En),
        Some(s) => Lang::parse(s.trim()).ok_or_else(|| Failure::usage(format!("--lang {s:?} is unknown (use en or zh)"))),
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
    }
}

/// The mercator area to show: `--region`, `--bbox` (lon/lat), or the whole province.
fn extent_from(atlas: &Atlas, region: Option<&str>, bbox_lonlat: Option<[f64; 4]>) -> Result<[f64; 4], Failure> {
    match (region, bbox_lonlat) {
        (Some(query), _) => {
            let idx = resolve_region(atlas, query).map_err(|e| Failure::usage(format!("--region: {e}")))?;
            region_extent(atlas, idx)
                .ok_or_else(|| Failure::usage(format!("--region {query:?}: {} has no shape or seat to show", atlas.regions[idx].name_zh)))
        }
        (None, Some(lonlat)) => Ok(mercator_of_lonlat_bbox(lonlat)),
        (None, None) => province_extent(atlas).ok_or_else(|| Failure::data("the data has no province shape to show")),
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<(), Failure> {
    // 1. Everything that needs no data.
    let out: &Path = args.out.as_deref().ok_or_else(|| Failure::usage("--out FILE.png|FILE.svg is required"))?;
    let format = Format::from_path(out).map_err(|e| Failure::usage(format!("--out {e}")))?;
    crate::export::file::check_writable_dir(out).map_err(Failure::data)?;
    let size_px = size_from(args)?;
    if args.region.is_some() && args.bbox.is_some() {
        return Err(Failure::usage("give either --region or --bbox, not both"));
    }
    let bbox = args.bbox.as_deref().map(parse_bbox).transpose().map_err(Failure::usage)?;
    let layers = layers_from(args)?;
    let lang = lang_from(args)?;
    let furniture = furniture_from(args);

    // 2. The data: extent and highlight.
    let atlas = load_atlas(cli)?;
    let extent_mercator = extent_from(&atlas, args.region.as_deref(), bbox)?;
    let highlight = args.highlight.as_deref().map(|q| resolve_highlight(&atlas, q)).transpose()?;
    let basemap = Basemap::load(&atlas.source);
    for problem in &basemap.problems {
        eprintln!("warning: {problem}");
    }
    if let Ok(face) = crate::render::text::typeface() {
        let missing = face.missing_chars(&format!("{}{}", furniture.title, furniture.subtitle));
        if !missing.is_empty() {
            eprintln!("warning: the embedded font has no glyph for {:?}; they will show as boxes", missing.iter().collect::<String>());
        }
    }
    let geometry = SceneGeometry::new(&atlas, basemap);

    // 3. Render and write.
    let mut request = ExportRequest::new(size_px, extent_mercator);
    request.layers = layers;
    request.lang = lang;
    request.highlight = highlight;
    request.furniture = furniture;
    let composition = export_to_file(&atlas, &geometry, &request, out).map_err(io_or_usage)?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "wrote {} ({}×{} {}, {:.1} MB, level of detail {})",
        out.display(),
        size_px[0],
        size_px[1],
        format.extension().to_uppercase(),
        bytes as f64 / 1e6,
        composition.scene.lod
    );
    Ok(())
}
