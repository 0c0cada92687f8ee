//! `gd-atlas`: the window with no subcommand, else `validate`, `info`, `at` (see `cli`).

use std::path::PathBuf;
use std::process::ExitCode;

use gd_atlas::app::StartAtlas;
use gd_atlas::cli::{Cli, Failure};
use gd_atlas::layer::{Crs, LayerSpec};
use gd_atlas::model::Atlas;

#[cfg(windows)]
mod windows_console;

/// mimalloc keeps freed pages: the frame's large vertex buffers would otherwise be mmapped and zeroed
/// anew every frame by the system allocator (measured: 3.6 ms → 0.6 ms of tessellation).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let _ = gd_atlas::app::PROCESS_START.set(std::time::Instant::now());
    init_logger();
    gd_atlas::cli::main(run_window)
}

/// Our own warnings (a broken tile, settings not saved, a failed triangulation) go to stderr;
/// other crates' log lines only when they are errors — tiny-skia's "path dashing failed",
/// walkers' per-tile and eframe's start-up chatter are not the user's business (a degenerate
/// `--bbox` once printed twenty lines of them). `RUST_LOG` replaces the whole filter
/// (`RUST_LOG=debug`, `RUST_LOG=gd_atlas=debug,walkers=info`). The window also shows the
/// warnings a user must know about as notices.
fn init_logger() {
    let env = env_logger::Env::default().default_filter_or(DEFAULT_LOG_FILTER);
    let _ = env_logger::Builder::from_env(env).format_timestamp(None).try_init();
}

/// Errors from every crate, warnings from ours: the filter matches by prefix, so `gd_atlas`
/// covers the app (library and binary), `gd_atlas_core` and `gd_atlas_render`.
const DEFAULT_LOG_FILTER: &str = "error,gd_atlas=warn";

/// Opens the window with `--select`, the `--layer` files and `--view`. Without `--select` or
/// `--tour` the atlas is loaded while the window is made (`StartAtlas`); those two name things in
/// the atlas and are checked against it before any window appears.
fn run_window(cli: &Cli) -> Result<(), Failure> {
    let layers = layer_specs(&cli.layer, &cli.layer_crs).map_err(Failure::usage)?;
    let view = cli
        .view
        .as_deref()
        .map(gd_atlas::scene::saved_view::SavedView::from_text)
        .transpose()
        .map_err(|e| Failure::usage(format!("--view: {e}")))?;
    let atlas = if cli.select.is_some() || cli.tour.is_some() {
        let atlas = gd_atlas::cli::load_atlas(cli)?;
        check_names(&atlas, cli)?;
        StartAtlas::Loaded(Box::new(atlas))
    } else {
        let (data, towns) = (cli.data.clone(), cli.towns.clone());
        StartAtlas::load_in_background(move || {
            gd_atlas::cli::load_atlas_from(data.as_deref(), towns.as_deref()).map_err(|f| f.message)
        })
        .map_err(Failure::data)?
    };
    #[cfg(windows)]
    windows_console::release_console_made_for_us();
    gd_atlas::app::run(atlas, cli.select.clone(), layers, view, cli.tour.clone())
        .map_err(Failure::data)
}

/// `--select` and `--tour` name something in the atlas: an error before the window opens.
fn check_names(atlas: &Atlas, cli: &Cli) -> Result<(), Failure> {
    if let Some(query) = &cli.select {
        if atlas.find(query).is_empty() {
            return Err(Failure::data(format!(
                "--select {query:?}: no region, place or line of that name or code"
            )));
        }
    }
    if let Some(name) = &cli.tour {
        let settings = gd_atlas::app::settings::default_path();
        let (tours, _) = gd_atlas::app::user_tours::all_tours(atlas, settings.as_deref());
        if !tours.iter().any(|t| &t.name == name) {
            let names: Vec<&str> = tours.iter().map(|t| t.name.as_str()).collect();
            return Err(Failure::usage(format!("--tour {name:?}: no such tour in data/tours/ or among your recorded tours (tours: {})", names.join(", "))));
        }
    }
    Ok(())
}

/// The specs of `--layer FILE` (repeatable) with `--layer-crs` given once for all of them or once
/// per file, in order.
fn layer_specs(paths: &[PathBuf], crs_texts: &[String]) -> Result<Vec<LayerSpec>, String> {
    let crs: Vec<Crs> = crs_texts
        .iter()
        .map(|t| {
            Crs::parse(t).ok_or_else(|| format!("--layer-crs {t:?}: expected wgs84, gcj02 or bd09"))
        })
        .collect::<Result<_, _>>()?;
    if crs.len() > 1 && crs.len() != paths.len() {
        return Err(format!("--layer-crs given {} times for {} --layer files: give it once for all, or once per file", crs.len(), paths.len()));
    }
    if !crs.is_empty() && paths.is_empty() {
        return Err("--layer-crs without --layer".into());
    }
    Ok(paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            LayerSpec::new(p.clone(), crs.get(i).or(crs.first()).copied().unwrap_or_default())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_takes_repeated_layer_arguments() {
        use clap::{CommandFactory, Parser};
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from([
            "gd-atlas",
            "--layer",
            "a.csv",
            "--layer",
            "b.geojson",
            "--layer-crs",
            "gcj02",
        ])
        .expect("parses");
        assert_eq!(cli.layer, vec![PathBuf::from("a.csv"), PathBuf::from("b.geojson")]);
        let specs = layer_specs(&cli.layer, &cli.layer_crs).expect("valid");
        assert!(specs.iter().all(|s| s.crs == Crs::Gcj02));
    }

    #[test]
    fn layer_crs_once_for_all_or_once_per_file() {
        let paths: Vec<PathBuf> = vec!["a.csv".into(), "b.geojson".into()];
        let all = layer_specs(&paths, &["gcj02".into()]).expect("once for all");
        assert!(all.iter().all(|s| s.crs == Crs::Gcj02));
        let each = layer_specs(&paths, &["bd09".into(), "wgs84".into()]).expect("once per file");
        assert_eq!((each[0].crs, each[1].crs), (Crs::Bd09, Crs::Wgs84));
        assert_eq!(layer_specs(&paths, &[]).expect("default")[1].crs, Crs::Wgs84);
        assert!(layer_specs(&paths, &["utm50".into()]).is_err_and(|e| e.contains("utm50")));
        assert!(layer_specs(&paths, &["gcj02".into(), "bd09".into(), "wgs84".into()]).is_err());
        assert!(layer_specs(&[], &["gcj02".into()]).is_err());
    }
}
