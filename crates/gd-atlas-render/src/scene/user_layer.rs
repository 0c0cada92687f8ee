//! A loaded user layer as the scene sees it: its data plus the level-of-detail cache of its lines
//! and polygons, shared (`Arc`) by the window, the scene items and exports on worker threads.

use std::sync::Arc;

use super::lod_cache::LodCache;
use crate::layer::style::ResolvedStyle;
use crate::layer::LayerData;

pub struct UserLayer {
    /// Unique for this run of the app (the `layer` of `Subject::Feature`).
    pub id: u64,
    pub data: LayerData,
    pub lod: LodCache,
}

impl UserLayer {
    pub fn new(id: u64, data: LayerData) -> Self {
        let lod = LodCache::new(&data.topology);
        UserLayer { id, data, lod }
    }
}

impl std::fmt::Debug for UserLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UserLayer({}, {})", self.id, self.data.path.display())
    }
}

/// One visible user layer to draw, with its resolved style and opacity. `SceneInput::user_layers`
/// lists them bottom first.
#[derive(Clone)]
pub struct DrawnLayer {
    pub layer: Arc<UserLayer>,
    pub style: Arc<ResolvedStyle>,
    /// 0..=1, multiplies every colour's alpha.
    pub opacity: f32,
}

/// Two drawn layers are equal when they share the same loaded layer and resolved style (both are
/// rebuilt, never mutated) at the same opacity: what an export request needs to compare.
impl PartialEq for DrawnLayer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.layer, &other.layer)
            && Arc::ptr_eq(&self.style, &other.style)
            && self.opacity == other.opacity
    }
}

/// Short: a scene or an export request printed in a test message must not list a million
/// per-feature classes.
impl std::fmt::Debug for DrawnLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DrawnLayer({:?}, {} classes, opacity {})",
            self.layer,
            self.style.classes.len(),
            self.opacity
        )
    }
}

impl DrawnLayer {
    /// A layer drawn fully opaque in `style`.
    pub fn new(layer: Arc<UserLayer>, style: ResolvedStyle) -> Self {
        DrawnLayer { layer, style: Arc::new(style), opacity: 1.0 }
    }

    /// The layer's display name (its file name).
    pub fn name(&self) -> String {
        self.layer.data.name()
    }
}
