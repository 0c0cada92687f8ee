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
mod layer_draw;
mod legend_kinds;
mod layer_load;
mod theme_join;
mod theme_national;
mod ui_theme;
mod ui_tour;
mod ui_zh;
mod ui_explorer;
mod link_labels;
mod ui_excerpts;
mod ui_layers;
mod ui_views;
mod names;
mod ui_reader;
mod settings_upgrade;
mod support;
mod ui_compare;
mod ui_census;
mod ui_present;
mod ui_notices;
mod ui_flows;
mod map_labels;
mod ui_layout;
mod geometry_props;
mod geojson_rules;
mod fuzz_regressions;
mod geojsonhint;
