//! Command line: `gd-atlas [--data DIR] [--towns FILE.geojson] [validate | info | at]`; with no
//! subcommand the window opens. One module per subcommand, so more (e.g. `export`) slot in.

pub mod at;
pub mod export;
pub mod export_view;
pub mod info;
pub mod join;
pub mod json;
pub mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

use crate::model::{Atlas, DataSource};

/// Exit code for bad data (or a failed check).
pub const EXIT_DATA: u8 = 1;
/// Exit code for bad arguments.
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "gd-atlas",
    version,
    about = "Guangdong Atlas: regions, parks, hubs and expressways with their source documents"
)]
pub struct Cli {
    /// Data directory (default: $GD_ATLAS_DATA, else ./data, else the copy built into the program).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Official town boundaries (GeoJSON, WGS84, 9-digit codes) replacing the approximate areas.
    #[arg(long, global = true, value_name = "FILE.geojson")]
    pub towns: Option<PathBuf>,
    /// Open the window on this region, place or line (name or code), selected.
    #[arg(long, value_name = "NAME-OR-CODE")]
    pub select: Option<String>,
    /// Open the window with this layer file (GeoJSON, or CSV/XLSX with longitude/latitude
    /// columns) added on top; repeatable. A file already listed in the settings is not doubled.
    #[arg(long = "layer", value_name = "FILE")]
    pub layer: Vec<PathBuf>,
    /// Coordinate system of the --layer files: wgs84 (default), gcj02 (Amap, Tencent), bd09
    /// (Baidu). Given once it applies to every --layer; else once per --layer, in order.
    #[arg(long = "layer-crs", value_name = "wgs84|gcj02|bd09")]
    pub layer_crs: Vec<String>,
    /// Open the window on a saved view's text (`gd-atlas:v1;c=LON,LAT;z=ZOOM;…`, as copied from
    /// the Saved views panel): centre, zoom, layers, selection, theme, visible user layers.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub view: Option<String>,
    /// Open the window playing this tour of data/tours/ (its file name without .csv, e.g.
    /// uneven_development): a lesson one command away.
    #[arg(long, value_name = "NAME")]
    pub tour: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check every data file and print counts per level.
    Validate(validate::Args),
    /// Names, parent chain, geometry, indicators and excerpts of a region, place or line.
    Info(info::Args),
    /// The province, city, county and town at a WGS84 point.
    At(at::Args),
    /// A report-ready PNG, SVG or PDF map with title, legend, scale bar, north arrow and credits.
    // Boxed: its many options would otherwise size every variant.
    Export(Box<export::Args>),
    /// Join a table (CSV or XLSX) to the counties or towns and report what did not join.
    Join(join::Args),
}

/// A failed command: the message (one line) and the exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn data(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: EXIT_DATA }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: EXIT_USAGE }
    }
}

/// Loads the atlas from the resolved source, plus the user's town file when given.
pub fn load_atlas(cli: &Cli) -> Result<Atlas, Failure> {
    load_atlas_from(cli.data.as_deref(), cli.towns.as_deref())
}

/// [`load_atlas`] from the values of `--data` and `--towns` (for a loading thread, which cannot
/// borrow the arguments).
pub fn load_atlas_from(data: Option<&Path>, towns: Option<&Path>) -> Result<Atlas, Failure> {
    let source = DataSource::resolve(data);
    let mut atlas = Atlas::load(&source).map_err(|e| Failure::data(e.to_string()))?;
    if let Some(towns) = towns {
        let loaded = atlas.load_user_towns(towns).map_err(|e| Failure::data(e.to_string()))?;
        for w in &loaded.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(atlas)
}

/// Parses the process arguments and runs; `run_window` opens the app (no subcommand) and loads
/// the atlas itself ([`load_atlas`]), so that it can load it while the window is being made.
pub fn main(run_window: fn(&Cli) -> Result<(), Failure>) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    if cli.command.is_some() {
        default_sigpipe();
    }
    let result = match &cli.command {
        Some(Command::Validate(args)) => validate::run(&cli, args),
        Some(Command::Info(args)) => info::run(&cli, args),
        Some(Command::At(args)) => at::run(&cli, args),
        Some(Command::Export(args)) => export::run(&cli, args),
        Some(Command::Join(args)) => join::run(&cli, args),
        None => run_window(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// A command's output piped into `head` or `less` ends quietly when the reader stops: Rust
/// ignores SIGPIPE, so the next `println!` got EPIPE and panicked with a backtrace (issue 19
/// QA: `gd-atlas info 广东省 | head`). The default action ends the process as it ends `cat`.
/// Not for the window, which must not die because whoever started it closed a pipe.
fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called on the main thread before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A bad command line as one line on stderr, exit 2; `--help` and `--version` print as usual.
fn argument_error(e: &clap::Error) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
    }
    eprintln!("{}", one_line_usage_error(&e.render().to_string()));
    ExitCode::from(EXIT_USAGE)
}

/// clap's error block (message, indented details, a blank line, `Usage: …`, a blank line, "For
/// more information, try '--help'.") folded into one line: `error: message details (usage: …)`.
/// Scripts and people read one line; the full help is one `--help` away.
pub fn one_line_usage_error(rendered: &str) -> String {
    let mut paragraphs = rendered.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let message = paragraphs
        .next()
        .unwrap_or("error: bad arguments")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let usage = paragraphs
        .find_map(|p| p.strip_prefix("Usage: "))
        .map(|u| u.split_whitespace().collect::<Vec<_>>().join(" "));
    let message = message.strip_suffix(':').map_or(message.clone(), str::to_string);
    match usage {
        Some(u) => format!("{message} (usage: {u}; see --help)"),
        None => format!("{message} (see --help)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_errors_fold_into_one_line() {
        for args in [
            vec!["gd-atlas", "info"],
            vec!["gd-atlas", "--towns"],
            vec!["gd-atlas", "at", "x"],
            vec!["gd-atlas", "--nonsense"],
        ] {
            let e = Cli::try_parse_from(&args).expect_err("bad arguments");
            let line = one_line_usage_error(&e.render().to_string());
            assert!(!line.contains('\n') && line.starts_with("error: "), "{args:?}: {line}");
        }
        let e = Cli::try_parse_from(["gd-atlas", "info"]).expect_err("missing query");
        assert_eq!(
            one_line_usage_error(&e.render().to_string()),
            "error: the following required arguments were not provided: <QUERY> (usage: gd-atlas info <QUERY>; see --help)"
        );
    }
}
