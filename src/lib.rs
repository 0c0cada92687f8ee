//! Guangdong Atlas: a map explorer of Guangdong's regions, parks, logistics hubs and expressways,
//! with the source documents behind every figure.
//!
//! Layering (see `ARCHITECTURE.md`): `model` → `geo` → `scene` → (`map` | `export`) → `ui` → `app`.

pub mod build;
pub mod geo;
pub mod model;
pub mod export;
pub mod cli;
pub mod fonts;
pub mod ui;
