//! Inputs that once failed a fuzz target (`fuzz/`, README "Fuzzing"), kept in
//! `tests/fixtures/fuzz/<target>/` and replayed here through the same public functions, with the
//! same checks as the target.

use std::path::{Path, PathBuf};

use gd_atlas::app::settings::Settings;

/// The kept inputs of one fuzz target (at least one: an empty folder would test nothing).
fn kept_inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("fixture folder").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(!files.is_empty(), "no kept inputs in {}", dir.display());
    files
}

/// `settings` target: a damaged value holding a line break (`"lang": "Zh⏎…"`) made serde quote
/// it verbatim, so the "damaged settings" notice spanned several lines. It must be one line, the
/// defaults must be used, and they must survive a save and a load.
#[test]
fn damaged_settings_message_is_one_line() {
    let dir = std::env::temp_dir().join(format!("gd-atlas-fuzz-regressions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for input in kept_inputs("settings") {
        let path = dir.join("settings.json");
        std::fs::copy(&input, &path).expect("copy the kept input");
        let (settings, message) = Settings::load(&path);
        let message = message.unwrap_or_else(|| panic!("{}: damaged settings give a message", input.display()));
        assert!(!message.contains(['\n', '\r']), "{}: {message:?}", input.display());
        assert!(message.contains("damaged settings ignored"), "{message}");
        assert_eq!(settings, Settings::default());
        let saved = dir.join("saved.json");
        settings.save(&saved).expect("save");
        assert_eq!(Settings::load(&saved), (settings, None));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
