//! `cargo run --release -p gd-atlas-build -- ../shared [--out DIR]`: regenerates `data/` and
//! `assets/geo/` from the raw inputs. `--out` defaults to the repository root (two levels above
//! this crate), so the command works from any directory of a clone; nothing at app run time reads
//! `../shared`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: build-assets <path to the shared inputs, e.g. ../shared> [--out <repository root>]";

/// `(shared, out)` from the command line, or a one-line usage problem.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(PathBuf, PathBuf), String> {
    let mut shared = None;
    let mut out = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a directory")?)),
            _ if shared.is_none() && !arg.starts_with("--") => shared = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let shared = shared.ok_or("missing the shared inputs folder")?;
    let out = out.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    Ok((shared, out))
}

fn main() -> ExitCode {
    let (shared, out) = match parse_args(std::env::args().skip(1)) {
        Ok(paths) => paths,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !shared.join("gazetteer").is_dir() {
        eprintln!("{}: not the shared inputs folder (no gazetteer/ inside)", shared.display());
        return ExitCode::from(2);
    }
    if !out.join("Cargo.toml").is_file() || !out.join("data").is_dir() {
        eprintln!(
            "{}: not the gd-atlas repository root (no Cargo.toml and data/ inside)",
            out.display()
        );
        return ExitCode::from(2);
    }
    match gd_atlas_build::run(&shared, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
