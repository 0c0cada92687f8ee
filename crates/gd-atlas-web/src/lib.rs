//! The browser entry point of Guangdong Atlas: `tools/web/build.sh` compiles this crate to
//! WebAssembly and `index.html` calls the exported start function once the module is loaded.
//! Everything else (the app, its browser platform code) lives in the app crate, `gd_atlas::web`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the app on the page's `<canvas id="gd-atlas-canvas">` (see `gd_atlas::web::start`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    gd_atlas::web::start();
}
