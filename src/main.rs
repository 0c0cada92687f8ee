//! `gd-atlas`: the window with no subcommand, else `validate`, `info`, `at` (see `cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    gd_atlas::cli::main(gd_atlas::app::run)
}
