//! The words for each kind of thing the atlas draws — place kinds and construction statuses —
//! described once, in both interface languages. The details panel, the legend (window and
//! figures) and the titles of `places:KIND` themes take their names from here (the map's
//! tooltip names a place and how precisely it is located, not its kind); the symbols (shape,
//! colour, layer toggle) are described once beside them in the render crate
//! (`gd_atlas_render::scene::kinds`), keyed by the same enums.

use super::{PlaceKind, Status};
use crate::i18n::Lang;

/// A place kind's names: the singular for a place's details panel and a `places:KIND` theme's
/// title, the plural for a legend row.
#[derive(Clone, Copy, Debug)]
pub struct PlaceKindWords {
    pub kind: PlaceKind,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub plural_en: &'static str,
}

/// Every place kind, in the order legends list them.
pub const PLACE_KINDS: [PlaceKindWords; 8] = [
    PlaceKindWords {
        kind: PlaceKind::IndustrialPark,
        name_en: "industrial park",
        name_zh: "产业园区",
        plural_en: "Industrial parks",
    },
    PlaceKindWords {
        kind: PlaceKind::LogisticsHub,
        name_en: "logistics hub",
        name_zh: "物流枢纽",
        plural_en: "Logistics hubs",
    },
    PlaceKindWords {
        kind: PlaceKind::Port, name_en: "port", name_zh: "港口", plural_en: "Ports"
    },
    PlaceKindWords {
        kind: PlaceKind::Airport,
        name_en: "airport",
        name_zh: "机场",
        plural_en: "Airports",
    },
    PlaceKindWords {
        kind: PlaceKind::Expressway,
        name_en: "expressway project",
        name_zh: "高速公路项目",
        plural_en: "Expressway projects",
    },
    PlaceKindWords {
        kind: PlaceKind::Road,
        name_en: "road project",
        name_zh: "道路项目",
        plural_en: "Road projects",
    },
    PlaceKindWords { kind: PlaceKind::Town, name_en: "town", name_zh: "镇", plural_en: "Towns" },
    PlaceKindWords {
        kind: PlaceKind::Other,
        name_en: "other place or project",
        name_zh: "其他地点或项目",
        plural_en: "Other places and projects",
    },
];

impl PlaceKind {
    /// Every kind, in the order of [`PLACE_KINDS`].
    pub const ALL: [PlaceKind; 8] = [
        PlaceKind::IndustrialPark,
        PlaceKind::LogisticsHub,
        PlaceKind::Port,
        PlaceKind::Airport,
        PlaceKind::Expressway,
        PlaceKind::Road,
        PlaceKind::Town,
        PlaceKind::Other,
    ];

    /// Its entry in [`PLACE_KINDS`].
    pub fn words(self) -> &'static PlaceKindWords {
        // The table is in the enum's order (a test checks it).
        &PLACE_KINDS[self as usize]
    }

    /// `industrial park` / `产业园区`.
    pub fn name(self, lang: Lang) -> &'static str {
        let w = self.words();
        lang.pick(w.name_en, w.name_zh)
    }

    /// `Industrial parks` / `产业园区` (Chinese has no plural).
    pub fn plural(self, lang: Lang) -> &'static str {
        let w = self.words();
        lang.pick(w.plural_en, w.name_zh)
    }
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Existing, Status::UnderConstruction, Status::Planned];

    /// `existing` / `已建成`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Status::Existing => lang.pick("existing", "已建成"),
            Status::UnderConstruction => lang.pick("under construction", "在建"),
            Status::Planned => lang.pick("planned", "规划中"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_enums_order_and_names_every_kind() {
        for (i, kind) in PlaceKind::ALL.iter().enumerate() {
            assert_eq!(PLACE_KINDS[i].kind, *kind);
            assert_eq!(kind.words().kind, *kind);
            assert!(!kind.name(Lang::Zh).is_ascii(), "{kind:?} has a Chinese name");
        }
    }
}
