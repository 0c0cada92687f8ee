//! `cargo run --bin build-assets -- ../shared`: regenerates `data/` and `assets/geo/` from the raw
//! inputs. Run from the crate root; nothing at app run time reads `../shared`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(shared), None) = (args.next(), args.next()) else {
        eprintln!("usage: build-assets <path to the shared inputs, e.g. ../shared>");
        return ExitCode::from(2);
    };
    let shared = PathBuf::from(shared);
    if !shared.join("gazetteer").is_dir() {
        eprintln!("{}: not the shared inputs folder (no gazetteer/ inside)", shared.display());
        return ExitCode::from(2);
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match gd_atlas::build::run(&shared, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
