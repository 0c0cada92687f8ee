//! An export rendered on a worker thread, so a 4K figure never freezes the window.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
use crate::export::export_to_file;
use crate::export::ExportRequest;
use crate::model::Atlas;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::SceneGeometry;

/// The written path, or the one-line error.
pub type ExportResult = Result<String, String>;

pub struct ExportJob {
    rx: Receiver<ExportResult>,
}

impl ExportJob {
    pub fn start(
        atlas: Arc<Atlas>,
        geometry: Arc<SceneGeometry>,
        request: ExportRequest,
        path: PathBuf,
    ) -> ExportJob {
        let (tx, rx) = channel();
        crate::platform::spawn("export", move || {
            let _ = tx.send(export(&atlas, &geometry, &request, &path));
        });
        ExportJob { rx }
    }

    /// The result once the worker is done; a worker that died says so rather than spinning.
    pub fn poll(&self) -> Option<ExportResult> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Disconnected) => Some(Err("the export stopped unexpectedly".into())),
            Err(TryRecvError::Empty) => None,
        }
    }
}

/// Writes the figure to `path` on the desktop; the written path, or the one-line error.
#[cfg(not(target_arch = "wasm32"))]
fn export(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    path: &std::path::Path,
) -> ExportResult {
    export_to_file(atlas, geometry, request, path)
        .map(|_| path.display().to_string())
        .map_err(|e| e.to_string())
}

/// In the browser the figure is downloaded: the path's file name names the download (the
/// browser puts it in the user's downloads folder, or asks where).
#[cfg(target_arch = "wasm32")]
fn export(
    atlas: &Atlas,
    geometry: &SceneGeometry,
    request: &ExportRequest,
    path: &std::path::Path,
) -> ExportResult {
    let format = crate::export::file::Format::from_path(path)?;
    let (bytes, _) =
        crate::export::render(atlas, geometry, request, format).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("guangdong-atlas-map.{}", format.extension()));
    let mime = match format {
        crate::export::file::Format::Png => "image/png",
        crate::export::file::Format::Svg => "image/svg+xml",
        crate::export::file::Format::Pdf => "application/pdf",
    };
    crate::web::download(&name, &bytes, mime)?;
    Ok(format!("{name} (downloaded)"))
}

/// The window's visible user layers (bottom first) go into the figure as drawn.
pub fn with_user_layers(mut request: ExportRequest, drawn: Vec<DrawnLayer>) -> ExportRequest {
    request.user_layers = drawn;
    request
}
