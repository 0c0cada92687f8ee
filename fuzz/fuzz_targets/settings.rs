//! The settings file. Whatever it holds, loading gives usable settings; settings the app accepted
//! come back unchanged, and undamaged, through a save and a load (issue 13: huge coordinates were
//! saved as `null` and the next start reset everything); and a saved built-in theme builds (or
//! is refused with one line) as it is at start-up. Table themes are skipped: their path would
//! let the fuzzer read any file.
#![no_main]

use gd_atlas::app::settings::Settings;
use gd_atlas::theme::{AttributeSpec, Theme};
use gd_atlas_fuzz::{atlas, scratch_dir, scratch_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = scratch_file("settings.json", data);
    let (settings, message) = Settings::load(&path);
    if let Some(m) = &message {
        assert!(!m.contains('\n'), "multi-line message: {m}");
    }
    let again_path = scratch_dir().join("saved.json");
    settings.save(&again_path).expect("saving to tmpfs works");
    let (again, message) = Settings::load(&again_path);
    assert_eq!(message, None, "the app's own settings file was judged damaged");
    assert_eq!(again, settings, "settings changed through a save and load");
    if let Some(spec) = settings.theme.filter(|t| matches!(t.source, AttributeSpec::Builtin { .. })) {
        if let Err(e) = Theme::build(atlas(), spec) {
            assert!(!e.contains('\n'), "multi-line theme error: {e}");
        }
    }
});
