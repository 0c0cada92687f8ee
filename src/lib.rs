//! Guangdong Atlas: a map explorer of Guangdong's regions, parks, logistics hubs and expressways,
//! with the source documents behind every figure.
//!
//! Layering (see `ARCHITECTURE.md`): `model` → `geo` → `scene` → (`map` | `export`) → `ui` → `app`.

pub mod fsutil;
pub mod geo;
pub mod model;
pub mod layer;
pub mod table;
pub mod theme;
pub mod scene;
pub mod render;
pub mod i18n;
pub mod credits;
pub mod map;
pub mod export;
pub mod app;
pub mod fonts;
pub mod ui;
pub mod cli;
