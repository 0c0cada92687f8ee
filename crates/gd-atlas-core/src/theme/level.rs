//! The levels a theme shades, and which regions are its units.

use serde::{Deserialize, Serialize};

use crate::model::{Atlas, Level, RegionIdx};

/// Prefecture-level, county-level or town-level units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeLevel {
    /// The 21 prefecture-level cities (a table of city figures, or a national table's
    /// prefecture rows).
    City,
    County,
    Town,
}

impl ThemeLevel {
    /// Coarse to fine (the key guess relies on this order).
    pub const ALL: [ThemeLevel; 3] = [ThemeLevel::City, ThemeLevel::County, ThemeLevel::Town];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::County => "county",
            Self::Town => "town",
        }
    }

    /// `cities`, `counties`, `towns`.
    pub fn plural(self) -> &'static str {
        match self {
            Self::City => "cities",
            Self::County => "counties",
            Self::Town => "towns",
        }
    }

    /// `counties` / `个县级单位`, after a count.
    pub fn plural_in(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::City => lang.pick("cities", "个地级市"),
            Self::County => lang.pick("county-level units", "个县级单位"),
            Self::Town => lang.pick("towns", "个镇级单位"),
        }
    }

    /// `Counties` / `县级`, a choice of level.
    pub fn title(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::City => lang.pick("cities", "地级市"),
            Self::County => lang.pick("counties", "县级"),
            Self::Town => lang.pick("towns", "镇级"),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "city" | "cities" | "prefecture" => Some(Self::City),
            "county" | "counties" => Some(Self::County),
            "town" | "towns" => Some(Self::Town),
            _ => None,
        }
    }
}

/// The regions a theme of this level shades, in atlas order.
///
/// County level: the 122 county-level units **plus the prefecture cities that have no county
/// level** (Dongguan 441900, Zhongshan 442000): statistical yearbooks list them beside the
/// counties, and without them a county map has two holes in the Pearl River Delta. The scene
/// must therefore fill those two cities' shapes when it draws a county-level theme.
/// City level: the 21 prefecture-level cities, Dongguan and Zhongshan among them.
/// Town level: every town-level unit, including those without a shape (they can be joined and
/// listed, not drawn).
pub fn theme_units(atlas: &Atlas, level: ThemeLevel) -> Vec<RegionIdx> {
    match level {
        ThemeLevel::City => atlas.regions_of_level(Level::City).to_vec(),
        ThemeLevel::Town => atlas.regions_of_level(Level::Town).to_vec(),
        ThemeLevel::County => {
            let mut units: Vec<RegionIdx> = atlas.regions_of_level(Level::County).to_vec();
            units.extend(atlas.regions_of_level(Level::City).iter().copied().filter(|&city| {
                !atlas.children(city).iter().any(|&c| atlas.regions[c].level == Level::County)
            }));
            units.sort_unstable();
            units
        }
    }
}
