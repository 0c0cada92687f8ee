//! The web edition's browser glue (README, "Web"): starting the app on the page's canvas, the
//! view in the page's URL (`index.html#gd-atlas:v1;…` opens that view; "Copy link" makes such a
//! URL), downloads of exported figures, the page's full screen for presentation mode, settings in
//! `localStorage` and the files a user gives the page (file picker, drag and drop).
//!
//! Compiled only for `wasm32`; the desktop never sees this module. Everything here is called
//! from the one thread a page runs the app on.

pub mod files;
pub mod storage;

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::{Atlas, DataSource};
use crate::scene::saved_view::SavedView;

/// The id of the `<canvas>` in `index.html` the app draws on.
pub const CANVAS_ID: &str = "gd-atlas-canvas";

thread_local! {
    /// Kept for the page's lifetime: dropping the runner would stop the app.
    static RUNNER: RefCell<Option<eframe::WebRunner>> = const { RefCell::new(None) };
    /// The app's egui context, for what the page does outside a frame (a picked file arrived:
    /// repaint; "Copy link": the clipboard).
    static CONTEXT: RefCell<Option<egui::Context>> = const { RefCell::new(None) };
}

/// Starts the app (called once by the module's start function): the atlas is loaded from the
/// copy compiled into the wasm, the settings from `localStorage`, the view from the URL.
pub fn start() {
    let started = web_time::Instant::now();
    let _ = eframe::WebLogger::init(log::LevelFilter::Warn);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(message) = run(started).await {
            log::error!("{message}");
            show_failure(&message);
        }
    });
}

async fn run(started: web_time::Instant) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let canvas = document
        .get_element_by_id(CANVAS_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(|| format!("the page has no <canvas id=\"{CANVAS_ID}\">"))?;
    let atlas = Atlas::load(&DataSource::Embedded).map_err(|e| e.to_string())?;
    console_line(&format!(
        "gd-atlas: atlas loaded in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    ));
    // The link's view is opened by the app's first frame (`take_linked_view`); a later change of
    // the fragment (a new link pasted into the same tab: no reload) opens that one.
    queue_view_of_url();
    listen_to_hash_changes()?;
    let runner = eframe::WebRunner::new();
    let options = eframe::WebOptions::default();
    let creator: eframe::AppCreator<'static> = Box::new(move |cc| {
        CONTEXT.with(|c| *c.borrow_mut() = Some(cc.egui_ctx.clone()));
        let mut app =
            crate::app::AtlasApp::new(&cc.egui_ctx, atlas, crate::app::settings::default_path());
        app.started = Some(started);
        Ok(Box::new(app))
    });
    runner
        .start(canvas, options, creator)
        .await
        .map_err(|e| format!("cannot start the app: {}", js_text(&e)))?;
    RUNNER.with(|r| *r.borrow_mut() = Some(runner));
    hide_loading_text();
    Ok(())
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// A JavaScript value (an exception) as text.
fn js_text(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Writes a failure to start into the page, where a user sees it (the console is hidden).
fn show_failure(message: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("gd-atlas-loading")) {
        el.set_text_content(Some(&format!("Guangdong Atlas could not start: {message}")));
    }
}

/// The "Loading…" text under the canvas goes once the app runs.
fn hide_loading_text() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("gd-atlas-loading")) {
        el.remove();
    }
}

thread_local! {
    /// The view of the URL not yet opened by the app: the view, or why it cannot be opened.
    static LINKED_VIEW: RefCell<Option<Result<SavedView, String>>> = const { RefCell::new(None) };
}

/// Reads the URL's fragment into [`LINKED_VIEW`] (nothing when there is none).
fn queue_view_of_url() {
    if let Some(text) = view_text_of_url() {
        let view =
            view_from_hash(&text).map_err(|e| format!("the link's view cannot be opened: {e}"));
        LINKED_VIEW.with(|v| *v.borrow_mut() = Some(view));
        request_repaint();
    }
}

/// Opens the view of a new fragment: pasting another lesson stop's link into the address bar of
/// an open page changes only the fragment, and the page is not reloaded.
fn listen_to_hash_changes() -> Result<(), String> {
    let window = window().ok_or("no window")?;
    let on_change = Closure::<dyn FnMut()>::new(queue_view_of_url);
    window
        .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref())
        .map_err(|e| format!("cannot follow the link's changes: {}", js_text(&e)))?;
    // The listener lives as long as the page.
    on_change.forget();
    Ok(())
}

/// The linked view waiting to be opened, once (the app asks at the start of every frame).
pub fn take_linked_view() -> Option<Result<SavedView, String>> {
    LINKED_VIEW.with(|v| v.borrow_mut().take())
}

/// The URL's fragment without `#`, when it holds a view's text (`#gd-atlas:v1;…`).
fn view_text_of_url() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let text = hash.strip_prefix('#').unwrap_or(&hash);
    (!text.is_empty()).then(|| text.to_string())
}

/// A view from the URL's fragment. The browser may have percent-encoded some characters of a
/// link typed or pasted by hand (`%3B` for `;`): the text as given is tried first, since a view's
/// own escapes (`%20` in a name) must stay escaped, then once decoded.
pub fn view_from_hash(text: &str) -> Result<SavedView, String> {
    SavedView::from_text(text).or_else(|first| {
        let decoded = js_sys::decode_uri_component(text)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| first.clone())?;
        if decoded == text {
            return Err(first);
        }
        SavedView::from_text(&decoded).map_err(|_| first)
    })
}

/// The page's address with `view_text` as its fragment: the link that opens this view.
pub fn view_link(view_text: &str) -> String {
    let location = window().map(|w| w.location());
    let base = location
        .and_then(|l| {
            Some(format!("{}{}{}", l.origin().ok()?, l.pathname().ok()?, l.search().ok()?))
        })
        .unwrap_or_default();
    format!("{base}#{view_text}")
}

/// Copies text to the clipboard through egui (the next frame hands it to the browser).
pub fn copy_text(text: String) {
    CONTEXT.with(|c| {
        if let Some(ctx) = c.borrow().as_ref() {
            ctx.copy_text(text);
            ctx.request_repaint();
        }
    });
}

/// Asks for a frame (a picked file has been read).
pub(crate) fn request_repaint() {
    CONTEXT.with(|c| {
        if let Some(ctx) = c.borrow().as_ref() {
            ctx.request_repaint();
        }
    });
}

/// Offers `bytes` as a downloaded file named `name`: a Blob, an object URL and a click on a
/// temporary `<a download>` (the browser saves it in the downloads folder, or asks where).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail =
        |what: &str, e: JsValue| format!("{name}: cannot download ({what}: {})", js_text(&e));
    let document = document().ok_or("no document")?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| fail("blob", e))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| fail("object URL", e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| fail("link", e))?
        .dyn_into()
        .map_err(|_| format!("{name}: cannot download (not a link element)"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.style().set_property("display", "none").ok();
    let body = document.body().ok_or("no page body")?;
    body.append_child(&anchor).map_err(|e| fail("link", e))?;
    anchor.click();
    anchor.remove();
    // The download has its own reference to the blob once started; the URL can go after a
    // moment (revoking at once can cancel it in some browsers).
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Enters or leaves the page's full screen (presentation mode). The browser allows entering only
/// shortly after a click or key press, which is when presentation mode is started.
pub fn set_fullscreen(on: bool) {
    let Some(document) = document() else { return };
    let result = if on {
        document.document_element().map(|root| root.request_fullscreen()).unwrap_or(Ok(()))
    } else if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
        Ok(())
    } else {
        Ok(())
    };
    if let Err(e) = result {
        log::warn!("full screen refused by the browser: {}", js_text(&e));
    }
}

/// Milliseconds since the page started loading (`performance.now()`).
pub fn page_ms() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Logs the first frame that drew the map, once: the time since the page started loading and
/// since the wasm started (the smoke test and BENCHMARKS.md read this line from the console).
pub fn log_first_map(started: web_time::Instant) {
    let line = format!(
        "gd-atlas: first map drawn {:.0} ms after page load started ({:.0} ms after the app started)",
        page_ms(),
        started.elapsed().as_secs_f64() * 1e3
    );
    web_sys::console::info_1(&line.into());
}

/// Logs a frame-time summary line to the console (`?timing` in the URL, like `GD_ATLAS_TIMING`).
pub fn timing_enabled() -> bool {
    window().and_then(|w| w.location().search().ok()).is_some_and(|s| s.contains("timing"))
}

/// Sets the tab's title when it changed (a DOM write only then).
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        if document.title() != title {
            document.set_title(title);
        }
    }
}

/// Writes one line to the browser console.
pub fn console_line(line: &str) {
    web_sys::console::info_1(&line.into());
}
