//! Saved views (issue 12): a named bookmark of what the map shows — centre, zoom, atlas layers,
//! selection, thematic map, which of the planner's layers are visible — and its text form, short
//! enough to paste into an e-mail or give as `gd-atlas --view TEXT`.
//!
//! The text form is `gd-atlas:v1;` followed by `key=value` parts separated by `;`:
//!
//! ```text
//! gd-atlas:v1;n=Zhaoqing%20east;c=112.46500,23.05000;z=9.25;l=cities,counties,labels;s=region:441204;u=/data/parks.csv|/data/roads.geojson;t=eyJzb3VyY2Ui…
//! ```
//!
//! - `n` name, `c` centre lon,lat (WGS84, 5 decimals ≈ 1 m), `z` zoom (2 decimals);
//! - `l` the atlas layers that are on (the `--layers` keys; empty: none);
//! - `s` the selection: `region:CODE`, `place:ID`, `line:ID` or `feature:N@PATH` (feature N of
//!   the user layer read from PATH); absent: nothing selected;
//! - `u` the visible user layers by file path, `|`-separated; `t` the theme spec as base64url
//!   JSON (absent: no theme). Only `c` and `z` are required.
//!
//! Values are written as typed except `% ; | = , @`, spaces and control characters, which
//! become `%XX` (so Chinese names stay readable).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::layers::{LayerId, Layers};
use crate::theme::ThemeSpec;

/// What a saved view selects; user features are named by their layer's file (layer ids are
/// numbers of one run of the app).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewSelection {
    Region(String),
    Place(String),
    Line(String),
    Feature { path: PathBuf, feature: u32 },
}

/// A named bookmark, stored with the settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedView {
    pub name: String,
    pub center_lonlat: [f64; 2],
    pub zoom: f64,
    pub layers: Layers,
    pub selection: Option<ViewSelection>,
    pub theme: Option<ThemeSpec>,
    /// The user layers to show (by file path); the others are hidden when the view is opened.
    pub user_layers_visible: Vec<PathBuf>,
}

impl Default for SavedView {
    fn default() -> Self {
        SavedView {
            name: String::new(),
            center_lonlat: [113.4, 23.3],
            zoom: 7.0,
            layers: Layers::default(),
            selection: None,
            theme: None,
            user_layers_visible: Vec::new(),
        }
    }
}

pub const TEXT_PREFIX: &str = "gd-atlas:v1;";

/// Zoom range a view may ask for (the window's).
const ZOOM_RANGE: std::ops::RangeInclusive<f64> = 2.0..=19.0;

impl SavedView {
    /// The text form (see the module documentation).
    pub fn to_text(&self) -> String {
        let mut parts = vec![
            format!("n={}", escape(&self.name)),
            format!("c={:.5},{:.5}", self.center_lonlat[0], self.center_lonlat[1]),
            format!("z={:.2}", self.zoom),
        ];
        let on: Vec<&str> = LayerId::ALL
            .iter()
            .copied()
            .filter(|&id| self.layers.get(id))
            .map(LayerId::key)
            .collect();
        parts.push(format!("l={}", on.join(",")));
        if let Some(s) = &self.selection {
            parts.push(format!("s={}", selection_text(s)));
        }
        if !self.user_layers_visible.is_empty() {
            let paths: Vec<String> =
                self.user_layers_visible.iter().map(|p| escape(&p.to_string_lossy())).collect();
            parts.push(format!("u={}", paths.join("|")));
        }
        if let Some(theme) = &self.theme {
            let json = serde_json::to_string(theme).unwrap_or_default();
            parts.push(format!("t={}", base64url_encode(json.as_bytes())));
        }
        format!("{TEXT_PREFIX}{}", parts.join(";"))
    }

    /// Reads a text form; the error is one line naming the part at fault.
    pub fn from_text(text: &str) -> Result<SavedView, String> {
        let text = text.trim();
        let body = text.strip_prefix(TEXT_PREFIX).ok_or_else(|| {
            let head: String = text.chars().take(16).collect();
            format!("view text must start with {TEXT_PREFIX:?} (it starts with {head:?})")
        })?;
        let mut view = SavedView { layers: Layers::none(), ..SavedView::default() };
        let (mut has_center, mut has_zoom) = (false, false);
        for part in body.split(';').filter(|p| !p.trim().is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("view text: part {part:?} is not key=value"))?;
            match key.trim() {
                "n" => view.name = unescape(value)?,
                "c" => (view.center_lonlat, has_center) = (parse_center(value)?, true),
                "z" => (view.zoom, has_zoom) = (parse_zoom(value)?, true),
                "l" => view.layers = parse_layers(value)?,
                "s" => view.selection = Some(parse_selection(value)?),
                "u" => {
                    view.user_layers_visible = value
                        .split('|')
                        .filter(|p| !p.is_empty())
                        .map(|p| unescape(p).map(PathBuf::from))
                        .collect::<Result<_, _>>()?
                }
                "t" => view.theme = Some(parse_theme(value)?),
                other => {
                    return Err(format!(
                        "view text: unknown part {other:?} (known: n, c, z, l, s, u, t)"
                    ))
                }
            }
        }
        if !has_center || !has_zoom {
            return Err("view text needs a centre c=LON,LAT and a zoom z=ZOOM".into());
        }
        Ok(view)
    }
}

fn parse_center(value: &str) -> Result<[f64; 2], String> {
    let bad = || format!("view text: centre c={value:?} must be LON,LAT in degrees");
    let (lon, lat) = value.split_once(',').ok_or_else(bad)?;
    let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
    let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
    if !((-180.0..=180.0).contains(&lon) && (-85.0..=85.0).contains(&lat)) {
        return Err(format!(
            "view text: centre c={value:?} is outside the world (lon −180…180, lat −85…85)"
        ));
    }
    Ok([lon, lat])
}

fn parse_zoom(value: &str) -> Result<f64, String> {
    let zoom: f64 =
        value.trim().parse().map_err(|_| format!("view text: zoom z={value:?} is not a number"))?;
    if !ZOOM_RANGE.contains(&zoom) {
        return Err(format!(
            "view text: zoom z={value:?} is outside {}…{}",
            ZOOM_RANGE.start(),
            ZOOM_RANGE.end()
        ));
    }
    Ok(zoom)
}

fn parse_layers(value: &str) -> Result<Layers, String> {
    let mut layers = Layers::none();
    for key in value.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let id = LayerId::ALL.iter().copied().find(|id| id.key() == key).ok_or_else(|| {
            let known: Vec<&str> = LayerId::ALL.iter().map(|l| l.key()).collect();
            format!("view text: unknown layer {key:?} in l= (known: {})", known.join(", "))
        })?;
        *layers.get_mut(id) = true;
    }
    Ok(layers)
}

fn selection_text(s: &ViewSelection) -> String {
    match s {
        ViewSelection::Region(code) => format!("region:{}", escape(code)),
        ViewSelection::Place(id) => format!("place:{}", escape(id)),
        ViewSelection::Line(id) => format!("line:{}", escape(id)),
        ViewSelection::Feature { path, feature } => {
            format!("feature:{feature}@{}", escape(&path.to_string_lossy()))
        }
    }
}

fn parse_selection(value: &str) -> Result<ViewSelection, String> {
    let bad = || {
        format!("view text: selection s={value:?} must be region:CODE, place:ID, line:ID or feature:N@PATH")
    };
    let (kind, rest) = value.split_once(':').ok_or_else(bad)?;
    Ok(match kind {
        "region" => ViewSelection::Region(unescape(rest)?),
        "place" => ViewSelection::Place(unescape(rest)?),
        "line" => ViewSelection::Line(unescape(rest)?),
        "feature" => {
            let (n, path) = rest.split_once('@').ok_or_else(bad)?;
            ViewSelection::Feature {
                path: PathBuf::from(unescape(path)?),
                feature: n.parse().map_err(|_| bad())?,
            }
        }
        _ => return Err(bad()),
    })
}

fn parse_theme(value: &str) -> Result<ThemeSpec, String> {
    let bytes = base64url_decode(value.trim())
        .ok_or_else(|| "view text: theme t= is not base64url".to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| format!("view text: theme t= is not a theme ({e})"))
}

/// `%XX` for the separators, `%`, spaces and controls; everything else as typed.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | ';' | '|' | '=' | ',' | '@')
            || c.is_ascii_whitespace()
            || c.is_ascii_control()
        {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn unescape(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            out.push(hex.ok_or_else(|| format!("view text: bad escape in {text:?} (use %XX)"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("view text: {text:?} is not UTF-8 once unescaped"))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in URLs, e-mails and shell arguments.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= (B64.iter().position(|&b| b == c)? as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_view() -> SavedView {
        let mut theme = ThemeSpec::new(crate::theme::AttributeSpec::Table {
            path: "/tmp/gdp 2023;v2.csv".into(),
            sheet: Some("Sheet 1".into()),
            column: "GDP（亿元）".into(),
            key: Some("县".into()),
            parent: None,
            level: Some(crate::theme::ThemeLevel::County),
        });
        theme.classes = 4;
        theme.reversed = true;
        let layers = Layers { towns: false, context: false, ..Layers::default() };
        SavedView {
            name: "肇庆 east; 50% = ok|, @home".into(),
            center_lonlat: [112.46512, 23.05009],
            zoom: 9.25,
            layers,
            selection: Some(ViewSelection::Feature {
                path: "/data/my parks;1.csv".into(),
                feature: 42,
            }),
            theme: Some(theme),
            user_layers_visible: vec![
                "/data/my parks;1.csv".into(),
                "C:\\maps\\roads|a.geojson".into(),
            ],
        }
    }

    #[test]
    fn every_field_round_trips_through_the_text() {
        let view = full_view();
        let text = view.to_text();
        assert!(text.starts_with(TEXT_PREFIX) && !text.contains('\n'), "{text}");
        assert_eq!(SavedView::from_text(&text), Ok(view.clone()));
        for selection in [
            ViewSelection::Region("441204".into()),
            ViewSelection::Place("P-12".into()),
            ViewSelection::Line("L3".into()),
        ] {
            let v = SavedView {
                selection: Some(selection),
                theme: None,
                user_layers_visible: Vec::new(),
                ..view.clone()
            };
            assert_eq!(SavedView::from_text(&v.to_text()), Ok(v));
        }
        let bare = SavedView { layers: Layers::none(), ..SavedView::default() };
        assert_eq!(SavedView::from_text(&bare.to_text()), Ok(bare));
    }

    #[test]
    fn a_simple_view_reads_as_plain_text() {
        let v = SavedView {
            name: "Gaoyao".into(),
            selection: Some(ViewSelection::Region("441204".into())),
            ..SavedView::default()
        };
        assert_eq!(
            v.to_text(),
            "gd-atlas:v1;n=Gaoyao;c=113.40000,23.30000;z=7.00;l=cities,counties,towns,parks,logistics,expressways,places,context,labels;s=region:441204"
        );
        // Surrounding whitespace (an e-mail's line) and missing optional parts are fine.
        let short = SavedView::from_text("  gd-atlas:v1;c=113,23;z=8\n").expect("minimal");
        assert_eq!(
            (short.center_lonlat, short.zoom, short.layers.clone()),
            ([113.0, 23.0], 8.0, Layers::none())
        );
    }

    #[test]
    fn bad_texts_give_one_line_errors() {
        let cases = [
            ("gd-atlas:v2;c=1,2;z=3", "must start with"),
            ("", "must start with"),
            ("gd-atlas:v1;z=7", "needs a centre"),
            ("gd-atlas:v1;c=113.4;z=7", "LON,LAT"),
            ("gd-atlas:v1;c=500,23;z=7", "outside the world"),
            ("gd-atlas:v1;c=113,23;z=seven", "not a number"),
            ("gd-atlas:v1;c=113,23;z=40", "outside"),
            ("gd-atlas:v1;c=113,23;z=7;l=cities,roadz", "roadz"),
            ("gd-atlas:v1;c=113,23;z=7;s=town:1", "selection"),
            ("gd-atlas:v1;c=113,23;z=7;s=feature:x@a.csv", "selection"),
            ("gd-atlas:v1;c=113,23;z=7;t=!!", "base64url"),
            ("gd-atlas:v1;c=113,23;z=7;t=e30", "not a theme"),
            ("gd-atlas:v1;c=113,23;z=7;n=50%", "bad escape"),
            ("gd-atlas:v1;c=113,23;z=7;q=1", "unknown part"),
            ("gd-atlas:v1;c=113,23;z", "key=value"),
        ];
        for (text, want) in cases {
            let err = SavedView::from_text(text).expect_err(text);
            assert!(err.contains(want) && !err.contains('\n'), "{text}: {err}");
        }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..12u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97).wrapping_add(250)).collect();
            let text = base64url_encode(&bytes);
            assert!(text.bytes().all(|b| B64.contains(&b)));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"hi?"), "aGk_");
    }
}
