//! Inputs that once failed a fuzz target (`fuzz/`, README "Fuzzing"), kept in
//! `tests/fixtures/fuzz/<target>/` and replayed here through the same public functions, with the
//! same checks as the target.

use std::path::{Path, PathBuf};

use gd_atlas::app::settings::Settings;

/// The kept inputs of one fuzz target (at least one: an empty folder would test nothing).
fn kept_inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no kept inputs in {}", dir.display());
    files
}

/// `settings` target: a damaged value holding a line break (`"lang": "Zh⏎…"`) made serde quote
/// it verbatim, so the "damaged settings" notice spanned several lines. It must be one line, the
/// defaults must be used, and they must survive a save and a load.
#[test]
fn damaged_settings_message_is_one_line() {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-fuzz-regressions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for input in kept_inputs("settings") {
        let path = dir.join("settings.json");
        std::fs::copy(&input, &path).expect("copy the kept input");
        let (settings, message) = Settings::load(&path);
        let message = message
            .unwrap_or_else(|| panic!("{}: damaged settings give a message", input.display()));
        assert!(!message.contains(['\n', '\r']), "{}: {message:?}", input.display());
        assert!(message.contains("damaged settings ignored"), "{message}");
        assert_eq!(settings, Settings::default());
        let saved = dir.join("saved.json");
        settings.save(&saved).expect("save");
        assert_eq!(Settings::load(&saved), (settings, None));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `user_towns` target, issue 21: a star of long spikes (every segment box overlaps the others:
/// the R-tree crossing check went all-pairs), a comb of 2,000 thin teeth and a spiral band of 20
/// turns (the other shapes whose segment boxes pile up; Douglas–Peucker peels a comb one tooth
/// at a time) must load in well under a second of work; nine inner Dongguan towns shifted by
/// GCJ-02 or BD-09 (no county border to measure against) must load with the offset warning.
/// Any error is one line.
#[test]
fn official_town_files_of_issue_21_load_as_they_should() {
    for input in kept_inputs("user_towns") {
        let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let mut atlas = gd_atlas::model::Atlas::load(&gd_atlas::model::DataSource::Embedded)
            .expect("the embedded atlas");
        let started = std::time::Instant::now();
        let loaded = atlas.load_user_towns(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
        assert!(warnings.iter().all(|w| !w.contains('\n')), "{name}: {warnings:?}");
        match name.as_str() {
            "star-of-long-spikes.geojson"
            | "comb-of-thin-teeth.geojson"
            | "spiral-band.geojson" => {
                assert!(started.elapsed().as_secs_f64() < 10.0, "{name}: {:?}", started.elapsed())
            }
            "inner-dongguan-gcj02.geojson" => assert!(
                warnings.iter().any(|w| w.contains("looks shifted the way GCJ-02")),
                "{name}: {warnings:?}"
            ),
            "inner-dongguan-bd09.geojson" => assert!(
                warnings.iter().any(|w| w.contains("looks shifted the way BD-09")),
                "{name}: {warnings:?}"
            ),
            other => panic!("a kept input without an expectation: {other}"),
        }
    }
}

/// `user_files` target, issue 21: files cut off or with a quote never closed. Their first byte
/// picks the reader as in the target (0 a thematic table, 1 a CSV layer, 3 a GeoJSON layer). A
/// refusal names the line; a partial load says so first. The `shape-…` inputs (a star of 4,000
/// long spikes, a zigzag line of 8,000 vertices) are good files of adversarial shape: they load
/// whole, without a warning, in well under a second of work.
#[test]
fn user_files_cut_short_say_so_first() {
    use gd_atlas::layer::{load_layer, LayerSpec, LoadProgress};
    let dir = std::env::temp_dir().join(format!("gd-atlas-fuzz-user-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for input in kept_inputs("user_files") {
        let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(&input).expect("kept input");
        if name.starts_with("shape-") {
            let (mode, content) = bytes.split_first().expect("a selector byte");
            assert_eq!(*mode, 3, "{name}: a GeoJSON layer");
            let path = dir.join("shape.geojson");
            std::fs::write(&path, content).expect("write");
            let started = std::time::Instant::now();
            let data = load_layer(
                &LayerSpec::new(path, gd_atlas::layer::Crs::Wgs84),
                &LoadProgress::default(),
            )
            .unwrap_or_else(|e| panic!("{name}: {}", e.0));
            assert!(started.elapsed().as_secs_f64() < 10.0, "{name}: {:?}", started.elapsed());
            assert!(data.load_warnings().is_empty(), "{name}: {:?}", data.load_warnings());
            continue;
        }
        let (mode, content) = bytes.split_first().expect("a selector byte");
        // What the first line about the file must say.
        let expected = if name.contains("quote-never-closed") {
            "a quote opened on this line is never closed"
        } else if name.contains("syntax-error") {
            "file breaks off at line 3"
        } else {
            "file ends early at line"
        };
        let first_line = match mode {
            0 => match gd_atlas::table::parse_table(content, "t.csv", None) {
                Ok(table) => table.notes.first().cloned().unwrap_or_default(),
                Err(e) => e.to_string(),
            },
            1 | 3 => {
                let path = dir.join(if *mode == 1 { "layer.csv" } else { "layer.geojson" });
                std::fs::write(&path, content).expect("write");
                match load_layer(
                    &LayerSpec::new(path, gd_atlas::layer::Crs::Wgs84),
                    &LoadProgress::default(),
                ) {
                    Ok(data) => data.load_warnings().first().cloned().unwrap_or_default(),
                    Err(e) => e.0,
                }
            }
            other => panic!("{name}: selector {other} is not used here"),
        };
        assert!(
            first_line.contains(expected) && !first_line.contains('\n'),
            "{name}: {first_line:?} should say {expected:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
