//! Guangdong Atlas: a map explorer of Guangdong's regions, parks, logistics hubs and expressways,
//! with the source documents behind every figure.
//!
//! The app layer (see `ARCHITECTURE.md`): the window (`app`, `map`, `ui`) and the command line
//! (`cli`), on top of `gd-atlas-render` (scene, painter, export) and `gd-atlas-core` (geometry,
//! model, tables, layers, themes). The lower crates' modules are re-exported under their usual
//! names, so `gd_atlas::model::Atlas` and `crate::scene::…` read as before.

pub use gd_atlas_core::{credits, fsutil, geo, i18n, layer, model, par, table, theme};
pub use gd_atlas_render::{export, fonts, render, scene};

pub mod app;
pub mod cli;
pub mod map;
pub mod platform;
pub mod ui;
/// The web edition's browser glue (README, "Web").
#[cfg(target_arch = "wasm32")]
pub mod web;
