//! An official town boundary file (`--towns FILE.geojson`) applied to the repository's atlas.
//! A successful load replaces town shapes in place, so the atlas is reloaded after a few
//! thousand successes to keep memory bounded.
#![no_main]

use std::sync::Mutex;

use gd_atlas::model::Atlas;
use gd_atlas_fuzz::{repo_source, scratch_file};
use libfuzzer_sys::fuzz_target;

static ATLAS: Mutex<Option<(Atlas, usize)>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let mut guard = ATLAS.lock().unwrap_or_else(|e| e.into_inner());
    let stale = guard.as_ref().is_some_and(|(atlas, base)| atlas.topology.shapes.len() > base + 20_000);
    if guard.is_none() || stale {
        let atlas = Atlas::load(&repo_source()).expect("the repository's data loads");
        let base = atlas.topology.shapes.len();
        *guard = Some((atlas, base));
    }
    let (atlas, _) = guard.as_mut().expect("loaded above");
    let path = scratch_file("towns.geojson", data);
    if let Err(e) = atlas.load_user_towns(&path) {
        let text = e.to_string();
        assert!(!text.contains('\n'), "multi-line error: {text}");
    }
});
