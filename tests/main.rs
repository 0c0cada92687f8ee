//! Every integration test in one binary: each test file below is a module.
//!
//! One binary instead of one per file: every integration-test binary links the whole app (egui,
//! walkers, tiny-skia …), and linking them one by one was a large part of a clean CI run.
//! Run one file's tests with `cargo test --test all ui_explorer::`.

mod bad_input;
mod census;
mod cli_commands;
mod data_common;
mod data_geometry;
mod data_integrity;
mod data_timing;
mod export_cli;
mod export_dialog;
mod export_render;
mod export_report;
mod fuzz_regressions;
mod geojson_rules;
mod geojsonhint;
mod geometry_props;
mod layer_draw;
mod layer_load;
mod legend_kinds;
mod link_labels;
mod map_labels;
mod names;
mod settings_upgrade;
mod support;
mod theme_join;
mod theme_national;
mod ui_census;
mod ui_compare;
mod ui_excerpts;
mod ui_explorer;
mod ui_flows;
mod ui_framing;
mod ui_layers;
mod ui_layout;
mod ui_notices;
mod ui_present;
mod ui_reader;
mod ui_theme;
mod ui_tour;
mod ui_views;
mod ui_zh;
