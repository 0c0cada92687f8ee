//! Settings survive upgrades (issue 20): files in the shapes earlier versions wrote load whole
//! and are never set aside as damaged; a newer version's file keeps everything this version can
//! read, names what it skipped, and keeps a copy so the newer fields are not lost on save.

use std::path::{Path, PathBuf};

use gd_atlas::app::settings::Settings;
use gd_atlas::i18n::Lang;
use gd_atlas::map::tiles::BasemapChoice;
use gd_atlas::theme::{AttributeSpec, Method};

/// A fixture copied into a fresh folder (loading may write copies beside it).
fn copy_of(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir()
        .join(format!("gd-atlas-settings-upgrade-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/settings").join(name);
    let path = dir.join("settings.json");
    std::fs::copy(&from, &path).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    (dir, path)
}

/// Loads an old fixture: no message, nothing set aside or copied.
fn load_old(name: &str) -> Settings {
    let (dir, path) = copy_of(name);
    let (settings, message) = Settings::load(&path);
    assert_eq!(message, None, "{name} loads without a word");
    let others: Vec<_> =
        std::fs::read_dir(&dir).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(others.len(), 1, "{name}: nothing set aside: {others:?}");
    let _ = std::fs::remove_dir_all(&dir);
    settings
}

#[test]
fn the_first_windows_settings_load_whole() {
    let s = load_old("v1_first_window.json");
    assert_eq!(
        (s.center_lonlat, s.zoom, s.lang, s.classroom),
        ([112.47, 23.05], 9.5, Lang::Zh, true)
    );
    assert!(!s.layers.towns && s.layers.cities);
    assert_eq!(s.basemap, BasemapChoice::OpenStreetMap);
    assert!(s.theme.is_none() && s.views.is_empty() && s.user_layers.is_empty());
}

#[test]
fn a_theme_without_its_newer_fields_loads() {
    let s = load_old("v2_theme.json");
    let theme = s.theme.expect("the theme is kept");
    assert!(matches!(theme.source, AttributeSpec::Table { ref column, .. } if column == "GDP"));
    assert_eq!(
        (theme.method, theme.classes, theme.palette.as_str(), theme.per_km2, theme.centre),
        (Method::NaturalBreaks, 6, "Blues", true, None)
    );
    assert!(matches!(s.basemap, BasemapChoice::Local(_)));
}

#[test]
fn user_layers_of_the_third_shape_load() {
    let s = load_old("v3_user_layers.json");
    assert_eq!(s.user_layers.len(), 1);
    assert_eq!(s.user_layers[0].opacity, 0.8);
    assert!(s.theme.as_ref().is_some_and(|t| t.reversed));
}

#[test]
fn saved_views_of_the_fourth_shape_load() {
    let s = load_old("v4_views.json");
    assert_eq!(s.views.len(), 1);
    assert_eq!(s.views[0].name, "金利镇");
    assert!(s.views[0].theme.is_some());
}

#[test]
fn a_newer_versions_file_keeps_what_it_can_and_a_copy() {
    let (dir, path) = copy_of("future_version.json");
    let (s, message) = Settings::load(&path);
    let message = message.expect("the user is told");
    assert!(!message.contains('\n'), "one line: {message}");
    for part in ["basemap", "theme", "1 of 2 user_layers", "1 of 2 views"] {
        assert!(message.contains(part), "{part:?} named in {message}");
    }
    assert!(message.contains("settings.json.kept"), "{message}");
    // Everything readable is kept.
    assert_eq!(
        (s.center_lonlat, s.zoom, s.lang, s.classroom),
        ([114.05, 22.55], 9.0, Lang::Zh, true)
    );
    assert!(!s.layers.counties, "the layer toggles are read though one is unknown");
    assert_eq!(s.basemap, BasemapChoice::None);
    assert!(s.theme.is_none());
    assert_eq!(s.user_layers.len(), 1);
    assert_eq!(s.views.len(), 1);
    assert_eq!(s.views[0].name, "深圳");
    // The original file is kept beside it, byte for byte, and the file itself is untouched.
    let original = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/settings/future_version.json"),
    )
    .expect("fixture");
    assert_eq!(std::fs::read(dir.join("settings.json.kept")).expect("copy kept"), original);
    assert_eq!(std::fs::read(&path).expect("file"), original);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_layer_toggles_default_on() {
    let (s, skipped) =
        Settings::from_value_lenient(serde_json::json!({ "layers": { "towns": false } }));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert!(!s.layers.towns);
    assert!(
        s.layers.cities && s.layers.parks && s.layers.labels,
        "toggles missing from the file default on"
    );
}

/// The folder of the last export (issue 19 QA: the dialog offered the working directory) is
/// absent from every older file — the dialog then offers a user folder —, read when present,
/// and a value that is not a path is skipped and named, the rest kept.
#[test]
fn the_last_export_folder_is_optional() {
    for name in ["v1_first_window.json", "v2_theme.json", "v3_user_layers.json", "v4_views.json"] {
        assert_eq!(load_old(name).last_export_dir, None, "{name}");
    }
    let (s, skipped) = Settings::from_value_lenient(
        serde_json::json!({ "last_export_dir": "/srv/figures", "zoom": 9.0 }),
    );
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(s.last_export_dir, Some(PathBuf::from("/srv/figures")));
    let (s, skipped) =
        Settings::from_value_lenient(serde_json::json!({ "last_export_dir": 5, "zoom": 9.0 }));
    assert_eq!(skipped, ["last_export_dir"]);
    assert_eq!((s.last_export_dir, s.zoom), (None, 9.0));
}
