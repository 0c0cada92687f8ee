//! What the user expects to find again after a restart: view, layers, basemap, language, text
//! size. Saved as JSON in the user's config directory, written atomically (temporary file, then
//! rename), so a crash or a full disk never leaves a half-written file in place of good settings.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::map::tiles::BasemapChoice;
use crate::scene::layers::Layers;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub center_lonlat: [f64; 2],
    pub zoom: f64,
    pub layers: Layers,
    pub basemap: BasemapChoice,
    pub lang: Lang,
    /// Large text for classroom projection.
    pub classroom: bool,
    /// Draw towns at every zoom (dense at province view, but shows where towns are small).
    pub towns_at_all_zooms: bool,
    /// The thematic map, if any (absent in settings written before themes existed).
    pub theme: Option<crate::theme::ThemeSpec>,
    /// The planner's own layers in paint order, bottom first (absent in older settings).
    pub user_layers: Vec<crate::layer::LayerSpec>,
    /// Saved views (issue 12), in the order they were saved (absent in older settings).
    pub views: Vec<crate::scene::saved_view::SavedView>,
}

/// The whole province in a ~1200 px wide map.
pub const HOME_CENTER_LONLAT: [f64; 2] = [113.4, 23.3];
pub const HOME_ZOOM: f64 = 7.0;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            center_lonlat: HOME_CENTER_LONLAT,
            zoom: HOME_ZOOM,
            layers: Layers::default(),
            basemap: BasemapChoice::None,
            lang: Lang::En,
            classroom: false,
            towns_at_all_zooms: false,
            theme: None,
            user_layers: Vec::new(),
            views: Vec::new(),
        }
    }
}

pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "gd-atlas", "gd-atlas").map(|d| d.config_dir().join("settings.json"))
}

impl Settings {
    /// Reads settings; a missing file gives the defaults, a damaged one the defaults plus a
    /// one-line message (the damaged file is kept aside as `settings.json.damaged`).
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Settings::default(), None),
            Err(e) => return (Settings::default(), Some(format!("{}: cannot read settings: {e}", path.display()))),
        };
        match serde_json::from_str::<Settings>(&text) {
            Ok(mut s) => {
                if !(s.zoom.is_finite() && (2.0..=19.0).contains(&s.zoom)) {
                    s.zoom = HOME_ZOOM;
                }
                if !s.center_lonlat.iter().all(|v| v.is_finite()) {
                    s.center_lonlat = HOME_CENTER_LONLAT;
                }
                (s, None)
            }
            Err(e) => {
                let aside = path.with_extension("json.damaged");
                let _ = std::fs::rename(path, &aside);
                (
                    Settings::default(),
                    // One line even when serde quotes a damaged value holding a line break (fuzzing).
                    Some(crate::model::error::one_line(format!("{}: damaged settings ignored ({e}); kept as {}", path.display(), aside.display()))),
                )
            }
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        let json = serde_json::to_string_pretty(self).map_err(|e| format!("cannot encode settings: {e}"))?;
        write_atomically(path, json.as_bytes())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename
/// (the exports' writer), creating the config directory on first use.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::export::file::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damaged_file() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-settings-{}", std::process::id()));
        let path = dir.join("settings.json");
        let mut s = Settings::default();
        s.lang = Lang::Zh;
        s.layers.towns = false;
        s.zoom = 9.5;
        s.save(&path).expect("save");
        let (back, msg) = Settings::load(&path);
        assert_eq!(back, s);
        assert!(msg.is_none());
        std::fs::write(&path, "{ not json").expect("write");
        let (back, msg) = Settings::load(&path);
        assert_eq!(back, Settings::default());
        assert!(msg.is_some_and(|m| m.contains("damaged")));
        assert!(path.with_extension("json.damaged").exists(), "the damaged file is kept aside");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn settings_without_a_theme_still_load_and_a_theme_round_trips() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-settings-theme-{}", std::process::id()));
        let path = dir.join("settings.json");
        std::fs::create_dir_all(&dir).expect("dir");
        // Written by a version without themes.
        std::fs::write(&path, r#"{"center_lonlat":[113.0,23.0],"zoom":8.0,"lang":"Zh","classroom":true}"#).expect("write");
        let (old, msg) = Settings::load(&path);
        assert!(msg.is_none(), "{msg:?}");
        assert!(old.classroom && old.theme.is_none());
        let mut s = Settings::default();
        let source = crate::theme::AttributeSpec::Table {
            path: "/tmp/gdp.csv".into(),
            sheet: None,
            column: "GDP".into(),
            key: Some("县".into()),
            parent: None,
            level: Some(crate::theme::ThemeLevel::County),
        };
        let mut spec = crate::theme::ThemeSpec::new(source);
        spec.method = crate::theme::Method::Manual { breaks: vec![10.0, 20.0] };
        spec.per_km2 = true;
        s.theme = Some(spec);
        s.save(&path).expect("save");
        assert_eq!(Settings::load(&path), (s, None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn saved_views_round_trip_with_the_settings() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-settings-views-{}", std::process::id()));
        let path = dir.join("settings.json");
        let mut s = Settings::default();
        let text = "gd-atlas:v1;n=Gaoyao;c=112.46,23.05;z=9.5;l=cities,counties;s=region:441204;u=/data/parks.csv";
        s.views.push(crate::scene::saved_view::SavedView::from_text(text).expect("valid"));
        s.save(&path).expect("save");
        assert_eq!(Settings::load(&path), (s, None));
        // Settings written before views existed load with none.
        std::fs::write(&path, r#"{"zoom":8.0}"#).expect("write");
        assert!(Settings::load(&path).0.views.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
