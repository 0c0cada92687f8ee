//! Files a user gives the web edition: the browser's file picker (a hidden `<input type=file>`)
//! and files dropped on the page. Their bytes go into `fsutil::browser_files` under their names,
//! so the desktop's loaders (tables, layers) read them unchanged; each picked file then becomes
//! the same action the desktop's dialog or a drop would give.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::layer::{Crs, LayerSpec};
use crate::ui::action::LayerAction;
use crate::ui::Action;

/// What the picked files are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// User layers, in this coordinate system (the *Add layer* dialog).
    Layer(Crs),
    /// A thematic table (the thematic-map panel).
    Table,
    /// Dropped on the page: a layer if it looks like one, else the thematic table.
    Dropped,
}

thread_local! {
    /// Files read since the last frame, with what they are for.
    static PICKED: RefCell<Vec<(PathBuf, Purpose)>> = const { RefCell::new(Vec::new()) };
}

/// File types offered by the picker (the desktop dialog's list; `.json` for GeoJSON).
const ACCEPT: &str = ".geojson,.json,.csv,.tsv,.txt,.xlsx,.xls,.xlsm,.ods";

/// Opens the browser's file picker; the chosen files are read in the background and come back
/// as actions from [`take_actions`]. Must be called from a click (browsers open pickers only
/// then), which is where the panels call it.
pub fn pick(purpose: Purpose) {
    if let Err(e) = open_picker(purpose) {
        log::warn!("the file picker could not open: {e:?}");
    }
}

fn open_picker(purpose: Purpose) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let input: web_sys::HtmlInputElement = document.create_element("input")?.dyn_into()?;
    input.set_type("file");
    input.set_accept(ACCEPT);
    input.set_multiple(matches!(purpose, Purpose::Layer(_)));
    let chosen = input.clone();
    let on_change = Closure::once_into_js(move || {
        let Some(list) = chosen.files() else { return };
        for i in 0..list.length() {
            if let Some(file) = list.get(i) {
                wasm_bindgen_futures::spawn_local(read_file(file, purpose));
            }
        }
    });
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.click();
    Ok(())
}

/// Reads a picked file's bytes into the store and queues it.
async fn read_file(file: web_sys::File, purpose: Purpose) {
    let name = file.name();
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => {
            let bytes: Arc<[u8]> = js_sys::Uint8Array::new(&buffer).to_vec().into();
            let path = crate::fsutil::browser_files::add(&name, bytes);
            PICKED.with(|p| p.borrow_mut().push((path, purpose)));
            super::request_repaint();
        }
        Err(e) => log::warn!("{name}: cannot read the file: {}", super::js_text(&e)),
    }
}

/// The actions of the files read since the last call: each layer added, the table loaded.
pub fn take_actions() -> Vec<Action> {
    let picked = PICKED.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let mut actions = Vec::new();
    let mut dropped = Vec::new();
    for (path, purpose) in picked {
        match purpose {
            Purpose::Layer(crs) => {
                actions.push(Action::UserLayer(LayerAction::Add(LayerSpec::new(path, crs))))
            }
            Purpose::Table => actions.push(Action::LoadThemeTable(path)),
            Purpose::Dropped => dropped.push(path),
        }
    }
    actions.extend(crate::ui::file_dialog::dispatch_dropped(
        &dropped,
        crate::layer::load::looks_like_layer,
    ));
    actions
}

/// Starts reading the files dropped on the page this frame: a page reads a file's bytes only
/// asynchronously, so they arrive in a later frame through [`take_actions`], then go where a
/// drop on the desktop goes (a layer, or the thematic table).
pub fn read_dropped(ctx: &egui::Context) {
    let files: Vec<egui::DroppedFileHandle> = ctx.input(|i| i.raw.dropped_files.clone());
    for file in files {
        wasm_bindgen_futures::spawn_local(async move {
            let name = file
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "dropped file".into());
            match file.bytes_async().await {
                Ok(bytes) => {
                    let path = crate::fsutil::browser_files::add(&name, bytes.into());
                    PICKED.with(|p| p.borrow_mut().push((path, Purpose::Dropped)));
                    super::request_repaint();
                }
                Err(e) => log::warn!("{name}: cannot read the dropped file: {e}"),
            }
        });
    }
}
