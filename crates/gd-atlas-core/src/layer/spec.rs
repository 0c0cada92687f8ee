//! What the settings keep of a user layer, and what `--layer` builds: the file, how to read its
//! coordinates, and how to draw it. The loaded data is never stored: the file is read again on
//! start (it may have been edited), and a missing file keeps its entry with a message.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::crs::Crs;
/// RGBA, as `scene::style::Color` (the layer model does not depend on the scene).
pub type Color = [u8; 4];

/// The longitude and latitude columns of a table layer (chosen by the user or guessed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordColumns {
    pub lon: String,
    pub lat: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerSpec {
    pub path: PathBuf,
    /// The system the file's coordinates are in; converted to WGS84 on load.
    pub crs: Crs,
    /// Table layers: the coordinate columns (`None`: guessed from the header).
    pub columns: Option<CoordColumns>,
    /// Workbooks: the sheet (`None`: the first).
    pub sheet: Option<String>,
    pub style: LayerStyle,
    pub visible: bool,
    /// 0 (invisible) to 1 (opaque), applied to fills, lines and symbols.
    pub opacity: f32,
}

impl Default for LayerSpec {
    fn default() -> Self {
        LayerSpec {
            path: PathBuf::new(),
            crs: Crs::Wgs84,
            columns: None,
            sheet: None,
            style: LayerStyle::default(),
            visible: true,
            opacity: 1.0,
        }
    }
}

impl LayerSpec {
    pub fn new(path: PathBuf, crs: Crs) -> Self {
        LayerSpec { path, crs, ..Default::default() }
    }
}

/// How a layer's features get their colour and size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StyleMode {
    /// Every feature in [`LayerStyle::color`].
    Single,
    /// One colour per distinct value of an attribute (the most frequent values get their own
    /// colour, the rest "other"), listed in the legend.
    Categories { attribute: String },
    /// Points: circle area proportional to a numeric attribute. Lines: width classes of it.
    /// Polygons: filled in the single colour (size has no meaning for an area).
    Sized { attribute: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerStyle {
    pub mode: StyleMode,
    /// The single colour (and the colour of sized symbols).
    pub color: Color,
    /// Point radius, or line width, in screen points (the smallest size of a sized style).
    pub size: f32,
    /// Label each feature with this attribute (when zoomed in enough to read them).
    pub label: Option<String>,
}

impl Default for LayerStyle {
    fn default() -> Self {
        // A 10-point dot (5-point lines): a 7-point dot in the atlas's red read as one more
        // atlas marker, lost among them (issue 19).
        LayerStyle { mode: StyleMode::Single, color: [214, 39, 40, 255], size: 5.0, label: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_round_trips_through_json() {
        let spec = LayerSpec {
            path: "/data/企业.csv".into(),
            crs: Crs::Gcj02,
            columns: Some(CoordColumns { lon: "经度".into(), lat: "纬度".into() }),
            sheet: None,
            style: LayerStyle {
                mode: StyleMode::Categories { attribute: "行业".into() },
                label: Some("名称".into()),
                ..Default::default()
            },
            visible: false,
            opacity: 0.5,
        };
        let json = serde_json::to_string(&spec).unwrap();
        assert!(
            json.contains("\"crs\":\"gcj02\"") && json.contains("\"kind\":\"categories\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<LayerSpec>(&json).unwrap(), spec);
        // Old or hand-written entries with only a path load with defaults.
        let minimal: LayerSpec = serde_json::from_str(r#"{"path":"a.geojson"}"#).unwrap();
        assert_eq!(minimal.crs, Crs::Wgs84);
        assert!(minimal.visible);
    }
}
