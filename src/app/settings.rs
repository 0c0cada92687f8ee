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
    /// The map showed the whole province when the settings were saved: the next start frames it
    /// for that window's size instead of restoring a centre and zoom that may cut it off.
    pub province_view: bool,
    /// The folder of the last figure exported: the export dialog offers it next time (absent
    /// in older settings; a folder gone since is passed over, `ui::export_dialog::default_export_dir`).
    pub last_export_dir: Option<PathBuf>,
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
            province_view: false,
            last_export_dir: None,
        }
    }
}

/// Where settings live: `settings.json` in the user's config folder on the desktop; in the
/// browser, the `localStorage` entry of that name (see `platform::store`).
pub fn default_path() -> Option<PathBuf> {
    #[cfg(not(target_arch = "wasm32"))]
    return directories::ProjectDirs::from("org", "gd-atlas", "gd-atlas")
        .map(|d| d.config_dir().join("settings.json"));
    #[cfg(target_arch = "wasm32")]
    return Some(PathBuf::from("gd-atlas/settings.json"));
}

/// Damaged settings files kept aside at most (`settings.json.damaged`, `….damaged.2`, …); past
/// that the oldest copies are left alone and the newest damaged file is overwritten in place.
const MAX_DAMAGED_COPIES: usize = 100;

impl Settings {
    /// Reads settings; a missing file gives the defaults, a damaged one the defaults plus a
    /// one-line message (the damaged file is kept aside under the first free name
    /// `settings.json.damaged`, `settings.json.damaged.2`, …, so a second damaged file never
    /// replaces the first). Values out of range are put back in range ([`Settings::sanitise`]).
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let text = match crate::platform::store::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None)
            }
            Err(e) => {
                return (
                    Settings::default(),
                    Some(format!("{}: cannot read settings: {e}", path.display())),
                )
            }
        };
        let value = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) if v.is_object() => v,
            Ok(_) => return (Settings::default(), Some(set_aside(path, "not a JSON object"))),
            Err(e) => return (Settings::default(), Some(set_aside(path, &e.to_string()))),
        };
        let (mut s, skipped) = Settings::from_value_lenient(value);
        let fixed = s.sanitise();
        let mut notes = Vec::new();
        if !skipped.is_empty() {
            // Written by another version (or edited by hand): the rest is used, and a copy of the
            // file is kept so a newer version's settings are not lost when these are saved.
            let copy = keep_copy(path);
            notes.push(format!(
                "settings this version cannot read were skipped ({}); {copy}",
                skipped.join(", ")
            ));
        }
        if !fixed.is_empty() {
            notes.push(format!("settings out of range reset: {}", fixed.join(", ")));
        }
        let msg = (!notes.is_empty()).then(|| {
            crate::model::error::one_line(format!("{}: {}", path.display(), notes.join("; ")))
        });
        (s, msg)
    }

    /// Settings from a JSON object, field by field: a field (or one saved view, one layer) that
    /// does not parse — a newer version's value, a hand edit — keeps its default and is named in
    /// the returned list, instead of discarding every other setting. Missing fields take their
    /// defaults, unknown fields are ignored.
    pub fn from_value_lenient(value: serde_json::Value) -> (Settings, Vec<String>) {
        use serde::de::DeserializeOwned;
        use serde_json::Value;
        let serde_json::Value::Object(mut map) = value else {
            return (Settings::default(), vec!["the whole file".into()]);
        };
        let mut skipped = Vec::new();
        let mut out = Settings::default();
        fn field<T: DeserializeOwned>(
            map: &mut serde_json::Map<String, Value>,
            key: &str,
            slot: &mut T,
            skipped: &mut Vec<String>,
        ) {
            if let Some(v) = map.remove(key) {
                match serde_json::from_value::<T>(v) {
                    Ok(parsed) => *slot = parsed,
                    Err(_) => skipped.push(key.to_string()),
                }
            }
        }
        fn items<T: DeserializeOwned>(
            map: &mut serde_json::Map<String, Value>,
            key: &str,
            slot: &mut Vec<T>,
            skipped: &mut Vec<String>,
        ) {
            match map.remove(key) {
                Some(Value::Array(list)) => {
                    let total = list.len();
                    slot.clear();
                    slot.extend(
                        list.into_iter().filter_map(|v| serde_json::from_value::<T>(v).ok()),
                    );
                    if slot.len() < total {
                        skipped.push(format!("{} of {total} {key}", total - slot.len()));
                    }
                }
                Some(Value::Null) | None => {}
                Some(_) => skipped.push(key.to_string()),
            }
        }
        field(&mut map, "center_lonlat", &mut out.center_lonlat, &mut skipped);
        field(&mut map, "zoom", &mut out.zoom, &mut skipped);
        field(&mut map, "layers", &mut out.layers, &mut skipped);
        field(&mut map, "basemap", &mut out.basemap, &mut skipped);
        field(&mut map, "lang", &mut out.lang, &mut skipped);
        field(&mut map, "classroom", &mut out.classroom, &mut skipped);
        field(&mut map, "towns_at_all_zooms", &mut out.towns_at_all_zooms, &mut skipped);
        field(&mut map, "theme", &mut out.theme, &mut skipped);
        field(&mut map, "last_export_dir", &mut out.last_export_dir, &mut skipped);
        items(&mut map, "user_layers", &mut out.user_layers, &mut skipped);
        items(&mut map, "views", &mut out.views, &mut skipped);
        // Any other field of `Settings` still parses the plain way (a field added later and
        // forgotten here is read, not lost): merge what is left over the defaults.
        if !map.is_empty() {
            let mut rest = serde_json::to_value(&out).unwrap_or(Value::Null);
            if let Value::Object(rest_map) = &mut rest {
                for (k, v) in map {
                    if rest_map.contains_key(&k) {
                        rest_map.insert(k, v);
                    }
                }
            }
            match serde_json::from_value::<Settings>(rest) {
                Ok(merged) => out = merged,
                Err(_) => skipped.push("other fields".into()),
            }
        }
        (out, skipped)
    }

    /// Puts every number back in the range the app can use, naming what changed. A huge but
    /// finite centre (1e300) once went through the mercator projection as infinity and came back
    /// as NaN, which JSON writes as `null`: the next start judged its own file damaged.
    pub fn sanitise(&mut self) -> Vec<&'static str> {
        let mut fixed = Vec::new();
        if !valid_center(self.center_lonlat) {
            self.center_lonlat = HOME_CENTER_LONLAT;
            fixed.push("center_lonlat");
        }
        if !valid_zoom(self.zoom) {
            self.zoom = HOME_ZOOM;
            fixed.push("zoom");
        }
        for view in &mut self.views {
            if !valid_center(view.center_lonlat) || !valid_zoom(view.zoom) {
                (view.center_lonlat, view.zoom) = (HOME_CENTER_LONLAT, HOME_ZOOM);
                fixed.push("views");
            }
        }
        for layer in &mut self.user_layers {
            if !(layer.opacity.is_finite() && (0.0..=1.0).contains(&layer.opacity)) {
                layer.opacity = 1.0;
                fixed.push("user_layers.opacity");
            }
            if !(layer.style.size.is_finite() && (0.1..=MAX_STYLE_SIZE).contains(&layer.style.size))
            {
                layer.style.size = crate::layer::LayerStyle::default().size;
                fixed.push("user_layers.style.size");
            }
        }
        fixed.dedup();
        fixed
    }

    /// Writes the settings (numbers sanitised first, so the file always loads back).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut clean = self.clone();
        clean.sanitise();
        let json = serde_json::to_string_pretty(&clean)
            .map_err(|e| format!("cannot encode settings: {e}"))?;
        write_atomically(path, json.as_bytes())
    }
}

/// Largest point radius or line width a layer style may ask for (screen points).
const MAX_STYLE_SIZE: f32 = 100.0;

/// A centre the map can show: finite, longitude in ±180°, latitude inside Web Mercator's ±85.05°.
fn valid_center(lonlat: [f64; 2]) -> bool {
    lonlat.iter().all(|v| v.is_finite()) && lonlat[0].abs() <= 180.0 && lonlat[1].abs() <= 85.05
}

fn valid_zoom(zoom: f64) -> bool {
    zoom.is_finite() && (2.0..=19.0).contains(&zoom)
}

/// Moves a damaged settings file to the first free `….damaged[.N]` name; the message says where.
fn set_aside(path: &Path, problem: &str) -> String {
    let free = (1..=MAX_DAMAGED_COPIES)
        .map(|n| damaged_name(path, n))
        .find(|p| !crate::platform::store::exists(p));
    let kept = match free {
        Some(aside) => match crate::platform::store::rename(path, &aside) {
            Ok(()) => format!("kept as {}", aside.display()),
            Err(e) => format!("could not keep it aside ({e})"),
        },
        None => format!("not kept: {MAX_DAMAGED_COPIES} damaged copies exist already"),
    };
    // One line even when serde quotes a damaged value holding a line break (found by fuzzing).
    crate::model::error::one_line(format!(
        "{}: damaged settings ignored ({problem}); {kept}",
        path.display()
    ))
}

/// Copies the settings file to the first free `….kept[.N]` name before fields it could not read
/// are lost by the next save; the words say where.
fn keep_copy(path: &Path) -> String {
    let free = (1..=MAX_DAMAGED_COPIES)
        .map(|n| kept_name(path, n))
        .find(|p| !crate::platform::store::exists(p));
    match free {
        Some(copy) => match crate::platform::store::copy(path, &copy) {
            Ok(_) => format!("a copy is kept as {}", copy.display()),
            Err(e) => format!("no copy could be kept ({e})"),
        },
        None => format!("no copy kept: {MAX_DAMAGED_COPIES} copies exist already"),
    }
}

/// `settings.json.kept` for the first copy, `settings.json.kept.N` for the N-th.
pub fn kept_name(path: &Path, n: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".kept");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// `settings.json.damaged` for the first copy, `settings.json.damaged.N` for the N-th.
pub fn damaged_name(path: &Path, n: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".damaged");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename
/// (the exports' writer), creating the config directory on first use.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::platform::store::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damaged_file() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-settings-{}", std::process::id()));
        let path = dir.join("settings.json");
        let mut s = Settings { lang: Lang::Zh, zoom: 9.5, ..Settings::default() };
        s.layers.towns = false;
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
    fn a_second_damaged_file_does_not_replace_the_first() {
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-settings-damaged-{}", std::process::id()));
        let path = dir.join("settings.json");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(&path, "{ first").expect("write");
        let (_, first) = Settings::load(&path);
        std::fs::write(&path, "{ second").expect("write");
        let (_, second) = Settings::load(&path);
        assert_eq!(
            std::fs::read_to_string(damaged_name(&path, 1)).ok().as_deref(),
            Some("{ first")
        );
        assert_eq!(
            std::fs::read_to_string(damaged_name(&path, 2)).ok().as_deref(),
            Some("{ second")
        );
        assert!(first.is_some_and(|m| m.ends_with("settings.json.damaged")));
        assert!(second.is_some_and(|m| m.ends_with("settings.json.damaged.2") && !m.contains('\n')));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// No `null` where a number belongs: in an array (coordinates) or as a zoom, opacity or size
    /// (options such as `"theme": null` are fine).
    fn no_null_numbers(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Array(items) => {
                items.iter().all(|i| !i.is_null() && no_null_numbers(i))
            }
            serde_json::Value::Object(map) => map.iter().all(|(k, v)| {
                !(["zoom", "opacity", "size"].contains(&k.as_str()) && v.is_null())
                    && no_null_numbers(v)
            }),
            _ => true,
        }
    }

    #[test]
    fn huge_coordinates_are_reset_on_load_and_the_saved_file_loads_back_clean() {
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-settings-huge-{}", std::process::id()));
        let path = dir.join("settings.json");
        std::fs::create_dir_all(&dir).expect("dir");
        let huge = r#"{"center_lonlat":[1e308,-1e300],"zoom":1e300,"views":[{"name":"far","center_lonlat":[1e200,5.0],"zoom":8.0}],
            "user_layers":[{"path":"a.csv","opacity":1e300,"style":{"size":1e39}}]}"#;
        std::fs::write(&path, huge).expect("write");
        let (s, msg) = Settings::load(&path);
        assert!(
            msg.as_deref().is_some_and(|m| m.contains("center_lonlat")
                && m.contains("views")
                && m.contains("opacity")),
            "{msg:?}"
        );
        assert_eq!((s.center_lonlat, s.zoom), (HOME_CENTER_LONLAT, HOME_ZOOM));
        assert_eq!(s.views[0].center_lonlat, HOME_CENTER_LONLAT);
        assert_eq!(
            (s.user_layers[0].opacity, s.user_layers[0].style.size),
            (1.0, crate::layer::LayerStyle::default().size)
        );
        s.save(&path).expect("save");
        let written = std::fs::read_to_string(&path).expect("read");
        assert!(no_null_numbers(&serde_json::from_str(&written).expect("JSON")), "{written}");
        assert_eq!(
            Settings::load(&path),
            (s.clone(), None),
            "the next start finds its own file clean"
        );
        // Even a state that went non-finite in memory is saved loadable.
        let mut broken = s;
        broken.center_lonlat = [f64::NAN, f64::INFINITY];
        broken.save(&path).expect("save");
        assert!(no_null_numbers(
            &serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON")
        ));
        assert!(Settings::load(&path).1.is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn settings_without_a_theme_still_load_and_a_theme_round_trips() {
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-settings-theme-{}", std::process::id()));
        let path = dir.join("settings.json");
        std::fs::create_dir_all(&dir).expect("dir");
        // Written by a version without themes.
        std::fs::write(
            &path,
            r#"{"center_lonlat":[113.0,23.0],"zoom":8.0,"lang":"Zh","classroom":true}"#,
        )
        .expect("write");
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
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-settings-views-{}", std::process::id()));
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
