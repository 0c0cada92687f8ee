//! The planner's own layers in the window: their specs (persisted in the settings), their loading
//! on background threads, and the loaded data with its resolved style.
//!
//! A file of a million points takes seconds to read, so every load runs on its own thread with a
//! shared [`LoadProgress`] (the panel's progress bar and Cancel button); the window keeps working
//! and is asked to repaint when a load ends. The loader is a parameter so tests load synchronously
//! from data they built.

use std::path::Path;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

use crate::layer::load::{LayerError, LoadProgress};
use crate::layer::style::{resolve, restyle, ResolvedStyle};
use crate::layer::{LayerData, LayerSpec};
use crate::model::Atlas;
use crate::scene::user_layer::{DrawnLayer, UserLayer};

/// Reads a layer file. `crate::layer::load::load_layer` in the app; tests inject their own.
pub type Loader =
    Arc<dyn Fn(&LayerSpec, &LoadProgress) -> Result<LayerData, LayerError> + Send + Sync>;

/// Where a layer is: being read, drawn, or failed with a one-line message.
pub enum LayerState {
    Loading { progress: Arc<LoadProgress> },
    Loaded { layer: Arc<UserLayer>, style: Arc<ResolvedStyle> },
    Failed { message: String },
}

/// One layer of the list.
pub struct LayerEntry {
    /// Unique for this run (the `layer` of `Subject::Feature`); a reload gets a new id, so a
    /// selection never points into data it was not made from.
    pub id: u64,
    pub spec: LayerSpec,
    pub state: LayerState,
    job: Option<Receiver<Result<UserLayer, String>>>,
}

impl LayerEntry {
    pub fn loaded(&self) -> Option<&Arc<UserLayer>> {
        match &self.state {
            LayerState::Loaded { layer, .. } => Some(layer),
            _ => None,
        }
    }
}

/// The user's layers in paint order (bottom first).
pub struct UserLayers {
    entries: Vec<LayerEntry>,
    next_id: u64,
    /// Bumped on every change that alters what is drawn: part of the scene cache's key.
    pub generation: u64,
    loader: Loader,
    /// `false` in tests: the loader runs at once on the calling thread.
    background: bool,
    atlas: Arc<Atlas>,
    /// Woken when a background load ends (nothing else would repaint an idle window).
    repaint: Option<egui::Context>,
}

impl UserLayers {
    pub fn new(
        atlas: Arc<Atlas>,
        loader: Loader,
        background: bool,
        repaint: Option<egui::Context>,
    ) -> Self {
        UserLayers {
            entries: Vec::new(),
            next_id: 1,
            generation: 0,
            loader,
            background,
            atlas,
            repaint,
        }
    }

    pub fn entries(&self) -> &[LayerEntry] {
        &self.entries
    }

    pub fn entry(&self, id: u64) -> Option<&LayerEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The specs to persist, in paint order.
    pub fn specs(&self) -> Vec<LayerSpec> {
        self.entries.iter().map(|e| e.spec.clone()).collect()
    }

    /// Every loaded layer (for the details panel and tooltips).
    pub fn loaded(&self) -> Vec<Arc<UserLayer>> {
        self.entries.iter().filter_map(|e| e.loaded().cloned()).collect()
    }

    /// The visible loaded layers with their styles, bottom first: what the scene and exports draw.
    pub fn drawn(&self) -> Vec<DrawnLayer> {
        self.entries
            .iter()
            .filter(|e| e.spec.visible)
            .filter_map(|e| match &e.state {
                LayerState::Loaded { layer, style } => Some(DrawnLayer {
                    layer: layer.clone(),
                    style: style.clone(),
                    opacity: e.spec.opacity,
                }),
                _ => None,
            })
            .collect()
    }

    /// Whether a file is listed already (`--layer` does not add a layer the settings restored).
    pub fn contains_path(&self, path: &Path) -> bool {
        self.entries.iter().any(|e| same_file(&e.spec.path, path))
    }

    /// Adds a layer on top and starts reading it; returns its id.
    pub fn add(&mut self, spec: LayerSpec) -> u64 {
        let id = self.take_id();
        self.entries.push(LayerEntry {
            id,
            spec,
            state: LayerState::Failed { message: String::new() },
            job: None,
        });
        self.start_load(self.entries.len() - 1);
        id
    }

    /// Reads an entry's file again (under a new id); returns the new id.
    pub fn reload(&mut self, id: u64) -> Option<u64> {
        let index = self.index(id)?;
        self.cancel_job(index);
        self.entries[index].id = self.take_id();
        self.start_load(index);
        Some(self.entries[index].id)
    }

    pub fn remove(&mut self, id: u64) {
        if let Some(index) = self.index(id) {
            self.cancel_job(index);
            self.entries.remove(index);
            self.generation += 1;
        }
    }

    /// Edits a spec in place. Style changes re-resolve the style (`restyle`: one pass over the
    /// features, skipped when only a categorical style's colour, size or label changed);
    /// visibility and opacity only bump the generation.
    pub fn edit(&mut self, id: u64, change: impl FnOnce(&mut LayerSpec)) {
        let Some(index) = self.index(id) else { return };
        let entry = &mut self.entries[index];
        let before = entry.spec.style.clone();
        change(&mut entry.spec);
        if entry.spec.style != before {
            if let LayerState::Loaded { layer, style } = &mut entry.state {
                *style = Arc::new(restyle(style, &layer.data, &before, &entry.spec.style));
            }
        }
        self.generation += 1;
    }

    /// Moves a layer one step up (drawn later) or down.
    pub fn move_layer(&mut self, id: u64, up: bool) {
        let Some(index) = self.index(id) else { return };
        let other = if up { index + 1 } else { index.wrapping_sub(1) };
        if other < self.entries.len() {
            self.entries.swap(index, other);
            self.generation += 1;
        }
    }

    /// Collects finished loads; returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        for entry in &mut self.entries {
            let Some(rx) = &entry.job else { continue };
            let result = match rx.try_recv() {
                Ok(result) => result,
                Err(TryRecvError::Empty) => continue,
                Err(TryRecvError::Disconnected) => {
                    Err(format!("{}: loading stopped unexpectedly", entry.spec.path.display()))
                }
            };
            entry.job = None;
            entry.state = finished_state(result, &entry.spec);
            changed = true;
        }
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// Whether a load is running (the window polls while one is).
    pub fn loading(&self) -> bool {
        self.entries.iter().any(|e| e.job.is_some())
    }

    fn take_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id - 1
    }

    fn index(&self, id: u64) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    fn cancel_job(&mut self, index: usize) {
        let entry = &mut self.entries[index];
        if let LayerState::Loading { progress } = &entry.state {
            progress.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        entry.job = None;
    }

    /// A missing file fails at once with a plain message; anything else is read on a thread
    /// (or here, in tests).
    fn start_load(&mut self, index: usize) {
        self.generation += 1;
        let entry = &mut self.entries[index];
        if !crate::platform::file_exists(&entry.spec.path) {
            entry.state = LayerState::Failed {
                message: crate::platform::missing_file_message(&entry.spec.path),
            };
            return;
        }
        let progress = Arc::new(LoadProgress::default());
        let job = LoadJob {
            id: entry.id,
            spec: entry.spec.clone(),
            progress: progress.clone(),
            loader: self.loader.clone(),
            atlas: self.atlas.clone(),
        };
        if !self.background {
            entry.state = finished_state(job.run(), &entry.spec);
            return;
        }
        let (tx, rx) = channel();
        let repaint = self.repaint.clone();
        crate::platform::spawn("layer-load", move || {
            let _ = tx.send(job.run());
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
        entry.state = LayerState::Loading { progress };
        entry.job = Some(rx);
    }
}

/// Everything a loading thread needs.
struct LoadJob {
    id: u64,
    spec: LayerSpec,
    progress: Arc<LoadProgress>,
    loader: Loader,
    atlas: Arc<Atlas>,
}

impl LoadJob {
    /// Reads the file, checks its offset against the county borders, builds the level-of-detail
    /// cache: all the slow work, off the UI thread.
    fn run(self) -> Result<UserLayer, String> {
        let data = (self.loader)(&self.spec, &self.progress).map_err(|e| e.0)?;
        let data = with_offset_hint(&self.atlas, data);
        Ok(UserLayer::new(self.id, data))
    }
}

/// The GCJ-02 / BD-09 offset hint, computed once the layer is read.
/// A hint the loader set itself (tests inject one) is kept.
fn with_offset_hint(atlas: &Atlas, mut data: LayerData) -> LayerData {
    if data.offset_hint.is_none() {
        data.offset_hint = crate::layer::offset::offset_hint(atlas, &data);
    }
    data
}

fn finished_state(result: Result<UserLayer, String>, spec: &LayerSpec) -> LayerState {
    match result {
        Ok(layer) => {
            let style = Arc::new(resolve(&layer.data, &spec.style));
            LayerState::Loaded { layer: Arc::new(layer), style }
        }
        Err(message) => LayerState::Failed { message },
    }
}

/// Two spellings of one file (relative and absolute) are the same layer.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::{Crs, LayerBuilder, LayerStyle, StyleMode};
    use crate::model::source::DataSource;

    fn atlas() -> Arc<Atlas> {
        Arc::new(Atlas::load(&DataSource::Embedded).expect("embedded atlas"))
    }

    /// A loader that builds three points for any existing path.
    fn points_loader() -> Loader {
        Arc::new(|spec: &LayerSpec, _: &LoadProgress| {
            let mut b = LayerBuilder::new(
                spec.path.clone(),
                "test".into(),
                spec.crs,
                vec!["kind".into()],
                true,
            );
            for (i, kind) in ["a", "b", "a"].into_iter().enumerate() {
                let f = b.push_feature(i as u32 + 2, [kind]);
                b.push_point(f, [113.0 + i as f64 * 0.01, 23.0]);
            }
            Ok(b.finish())
        })
    }

    fn temp_file(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("gd-atlas-user-layers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join(name);
        std::fs::write(&path, "x").expect("write");
        path
    }

    #[test]
    fn add_style_move_and_remove_bump_the_generation() {
        let mut store = UserLayers::new(atlas(), points_loader(), false, None);
        let a = store.add(LayerSpec::new(temp_file("a.csv"), Crs::Wgs84));
        let b = store.add(LayerSpec::new(temp_file("b.csv"), Crs::Wgs84));
        assert_eq!(store.drawn().len(), 2);
        assert_eq!(store.drawn()[1].layer.id, b, "added on top");
        let g = store.generation;
        store.move_layer(b, false);
        assert_eq!(store.drawn()[0].layer.id, b);
        store.move_layer(b, false);
        assert_eq!(store.drawn()[0].layer.id, b, "the bottom layer stays at the bottom");
        store.edit(a, |s| {
            s.style = LayerStyle {
                mode: StyleMode::Categories { attribute: "kind".into() },
                ..Default::default()
            }
        });
        assert!(store.generation > g);
        store.edit(a, |s| s.visible = false);
        assert_eq!(store.drawn().len(), 1);
        store.remove(a);
        assert_eq!(store.specs().len(), 1);
        assert!(store.contains_path(&temp_file("b.csv")));
    }

    #[test]
    fn a_missing_file_keeps_its_entry_and_a_reload_gets_a_new_id() {
        let mut store = UserLayers::new(atlas(), points_loader(), false, None);
        let gone = std::env::temp_dir().join("gd-atlas-no-such-layer.geojson");
        let id = store.add(LayerSpec::new(gone.clone(), Crs::Wgs84));
        match &store.entry(id).expect("kept").state {
            LayerState::Failed { message } => {
                assert_eq!(*message, format!("file not found: {}", gone.display()))
            }
            _ => panic!("a missing file fails"),
        }
        let new_id = store.reload(id).expect("listed");
        assert_ne!(new_id, id);
        assert!(store.entry(new_id).is_some());
    }

    #[test]
    fn cancel_stops_the_loading_thread_and_removes_the_entry() {
        // A loader that reads "forever" until told to stop, as a 500 MB file would.
        let loader: Loader = Arc::new(|spec: &LayerSpec, progress: &LoadProgress| {
            while !progress.cancel.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(LayerError(format!("{}: cancelled", spec.path.display())))
        });
        let mut store = UserLayers::new(atlas(), loader, true, None);
        let id = store.add(LayerSpec::new(temp_file("big.csv"), Crs::Wgs84));
        let Some(LayerState::Loading { progress }) = store.entry(id).map(|e| &e.state) else {
            panic!("loading")
        };
        let progress = progress.clone();
        store.remove(id);
        assert!(store.entries().is_empty());
        assert!(
            progress.cancel.load(std::sync::atomic::Ordering::Relaxed),
            "the thread is told to stop"
        );
        assert!(!store.poll(), "nothing arrives for a removed layer");
    }

    #[test]
    fn a_background_load_arrives_through_poll() {
        let mut store = UserLayers::new(atlas(), points_loader(), true, None);
        let id = store.add(LayerSpec::new(temp_file("c.csv"), Crs::Wgs84));
        assert!(matches!(store.entry(id).map(|e| &e.state), Some(LayerState::Loading { .. })));
        while store.loading() {
            store.poll();
            std::thread::yield_now();
        }
        assert_eq!(store.loaded().len(), 1);
        assert_eq!(store.loaded()[0].data.feature_count(), 3);
    }
}
