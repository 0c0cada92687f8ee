//! The coordinate systems Chinese point and shape data really comes in.
//!
//! Amap (Gaode) and Tencent publish GCJ-02, Baidu publishes BD-09; both are WGS84 moved by a few
//! hundred metres by a published-in-code obfuscation. A layer is converted to WGS84 once, on load,
//! as the user chose; the layer's info shows the choice.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// GPS, OpenStreetMap, official boundary files: used as is.
    #[default]
    Wgs84,
    /// Amap, Tencent ("Mars coordinates").
    Gcj02,
    /// Baidu.
    Bd09,
}

impl Crs {
    pub const ALL: [Crs; 3] = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];

    /// The spelling of `--layer-crs` and of the settings file.
    pub fn as_str(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }

    pub fn parse(text: &str) -> Option<Crs> {
        let t = text.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        match t.as_str() {
            "wgs84" | "epsg4326" | "4326" | "gps" => Some(Crs::Wgs84),
            "gcj02" | "gcj" | "amap" | "gaode" | "tencent" | "mars" => Some(Crs::Gcj02),
            "bd09" | "bd09ll" | "baidu" => Some(Crs::Bd09),
            _ => None,
        }
    }

    /// For the layer's info: what the file was and what was done.
    pub fn describe(self) -> &'static str {
        self.describe_in(crate::i18n::Lang::En)
    }

    /// [`Crs::describe`] in `lang`.
    pub fn describe_in(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Crs::Wgs84 => lang.pick("WGS84 (used as is)", "WGS84（按原样使用）"),
            Crs::Gcj02 => lang.pick(
                "GCJ-02 (Amap/Tencent), converted to WGS84",
                "GCJ-02（高德／腾讯），已转换为 WGS84",
            ),
            Crs::Bd09 => {
                lang.pick("BD-09 (Baidu), converted to WGS84", "BD-09（百度），已转换为 WGS84")
            }
        }
    }

    /// WGS84 position of a position written in this system.
    pub fn to_wgs84(self, lonlat: [f64; 2]) -> [f64; 2] {
        match self {
            Crs::Wgs84 => lonlat,
            Crs::Gcj02 => crate::geo::china_crs::wgs84_from_gcj02(lonlat),
            Crs::Bd09 => crate::geo::china_crs::wgs84_from_bd09(lonlat),
        }
    }
}
