//! The painter layer: draws a [`Scene`](crate::scene::Scene) and its map furniture on any
//! [`Canvas`](canvas::Canvas) — the window ([`egui_canvas`]), PNG ([`png`], tiny-skia), SVG
//! ([`svg`]), PDF ([`pdf`], with the font subset in [`pdf_font`]) or a [`recording`] for tests.
//!
//! Every visible thing has exactly one drawing function, whatever the target: the scene's
//! geometry and overlay in [`scene`], markers, labels and legend swatches in [`symbols`], the
//! scale bar, north arrow, notes, credits, legend box and title band in [`furniture`]. The
//! window keeps one fast path of its own: it tessellates the geometry pass once per built scene
//! into a cached mesh (`gd_atlas::map::paint`, in the app crate) and moves that mesh per frame.

pub mod canvas;
pub mod egui_canvas;
pub mod furniture;
pub mod hatch;
pub mod locator;
pub mod measure;
pub mod pdf;
pub mod pdf_font;
pub mod png;
pub mod png_stream;
pub mod recording;
pub mod scene;
pub mod svg;
pub mod symbols;
pub mod text;
pub mod thin_stroke;
