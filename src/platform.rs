//! What the desktop and the browser do differently, in one place, so the rest of the app is
//! written once: background work, the settings' storage and file checks.
//!
//! * Background work: a thread on the desktop. A browser page has one thread for the app
//!   (WebAssembly threads need cross-origin isolation headers a plain static host does not send),
//!   so there the work is deferred to the start of the next frame: the frame that shows
//!   "loading…" or "rendering…" is drawn first, then the work runs, and its result arrives through
//!   the same channel the thread would have used.
//! * Settings: a file in the config folder on the desktop, the page's `localStorage` in the
//!   browser (the path's text is the key).
//! * Files: the disk on the desktop; in the browser only the files the user gave the page
//!   (`fsutil::browser_files`).

use std::path::Path;

/// Runs `work` in the background: on a thread of its own on the desktop, at the start of the
/// next frame in the browser (see the module's doc). `name` names the thread.
pub fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let spawned = std::thread::Builder::new().name(name.to_string()).spawn(work);
        if let Err(e) = spawned {
            log::warn!("cannot start the {name} thread: {e}");
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = name;
        DEFERRED.with(|queue| queue.borrow_mut().push(Box::new(work)));
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static DEFERRED: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs the work [`spawn`] deferred (browser); nothing on the desktop, where threads run it.
/// Called at the start of a frame, before the app polls for results.
pub fn run_deferred() {
    #[cfg(target_arch = "wasm32")]
    {
        let jobs: Vec<Box<dyn FnOnce()>> =
            DEFERRED.with(|queue| std::mem::take(&mut *queue.borrow_mut()));
        for job in jobs {
            job();
        }
    }
}

/// Whether a file the user named can be read: on the disk, or given to the page.
pub fn file_exists(path: &Path) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return path.exists();
    #[cfg(target_arch = "wasm32")]
    return crate::fsutil::stat(path).is_ok();
}

/// Writes a file the user asked for (a CSV report, a table): atomically to `path` on the
/// desktop; in the browser it is downloaded under the path's file name.
pub fn write_user_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    #[cfg(not(target_arch = "wasm32"))]
    return crate::export::file::write_atomic(path, bytes);
    #[cfg(target_arch = "wasm32")]
    {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "gd-atlas.csv".into());
        let mime = if name.to_ascii_lowercase().ends_with(".csv") {
            "text/csv"
        } else {
            "application/octet-stream"
        };
        crate::web::download(&name, bytes, mime)
    }
}

/// What a user is told when a layer's file cannot be found.
pub fn missing_file_message(path: &Path) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return format!("file not found: {}", path.display());
    // A page keeps the files it was given only until it is reloaded.
    #[cfg(target_arch = "wasm32")]
    return format!("{}: not opened in this page since it was loaded; add the file again (Add layer… or drop it)", path.display());
}

/// The settings' storage: files on the desktop, `localStorage` entries in the browser, with the
/// few operations the settings need (read, keep a damaged copy aside, write).
pub mod store {
    use std::path::Path;

    /// The stored text; `NotFound` when nothing was saved yet.
    pub fn read_to_string(path: &Path) -> std::io::Result<String> {
        #[cfg(not(target_arch = "wasm32"))]
        return std::fs::read_to_string(path);
        #[cfg(target_arch = "wasm32")]
        return crate::web::storage::get(&key(path))
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound));
    }

    /// Whether something is stored under `path` (a link counts, as a taken name).
    pub fn exists(path: &Path) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return std::fs::symlink_metadata(path).is_ok();
        #[cfg(target_arch = "wasm32")]
        return crate::web::storage::get(&key(path)).is_some();
    }

    /// Moves what is stored under `from` to `to`.
    pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
        #[cfg(not(target_arch = "wasm32"))]
        return std::fs::rename(from, to);
        #[cfg(target_arch = "wasm32")]
        {
            copy(from, to)?;
            crate::web::storage::remove(&key(from));
            Ok(())
        }
    }

    /// Copies what is stored under `from` to `to`.
    pub fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
        #[cfg(not(target_arch = "wasm32"))]
        return std::fs::copy(from, to).map(|_| ());
        #[cfg(target_arch = "wasm32")]
        {
            let text = read_to_string(from)?;
            crate::web::storage::set(&key(to), &text).map_err(std::io::Error::other)
        }
    }

    /// Writes atomically: a temporary file and a rename on the desktop (creating the config
    /// folder on first use); one `localStorage.setItem`, atomic itself, in the browser.
    pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            crate::export::file::write_atomic(path, bytes)
        }
        #[cfg(target_arch = "wasm32")]
        {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| format!("{}: not text: {e}", path.display()))?;
            crate::web::storage::set(&key(path), text)
        }
    }

    /// The `localStorage` key of a path.
    #[cfg(target_arch = "wasm32")]
    fn key(path: &Path) -> String {
        path.to_string_lossy().into_owned()
    }
}
