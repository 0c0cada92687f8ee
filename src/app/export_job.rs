//! An export rendered on a worker thread, so a 4K figure never freezes the window.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

use crate::export::{export_to_file, ExportRequest};
use crate::model::Atlas;
use crate::scene::user_layer::DrawnLayer;
use crate::scene::SceneGeometry;

/// The written path, or the one-line error.
pub type ExportResult = Result<String, String>;

pub struct ExportJob {
    rx: Receiver<ExportResult>,
}

impl ExportJob {
    pub fn start(atlas: Arc<Atlas>, geometry: Arc<SceneGeometry>, request: ExportRequest, path: PathBuf) -> ExportJob {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let result = export_to_file(&atlas, &geometry, &request, &path).map(|_| path.display().to_string()).map_err(|e| e.to_string());
            let _ = tx.send(result);
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

/// The window's visible user layers (bottom first) go into the figure as drawn.
pub fn with_user_layers(mut request: ExportRequest, drawn: Vec<DrawnLayer>) -> ExportRequest {
    request.user_layers = drawn;
    request
}
