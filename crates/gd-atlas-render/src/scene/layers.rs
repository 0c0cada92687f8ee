//! Which layers are shown (window and exports alike).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::{Level, PlaceKind};

/// Towns are drawn from this zoom on in the window (below it they are too small to read);
/// exports ignore it when towns are asked for explicitly.
pub const TOWN_MIN_ZOOM: f64 = 8.6;
/// County names from this zoom on, town names from `TOWN_LABEL_MIN_ZOOM`.
pub const COUNTY_LABEL_MIN_ZOOM: f64 = 8.0;
pub const TOWN_LABEL_MIN_ZOOM: f64 = 10.2;

/// Declares every layer once: its id, its field in [`Layers`] (the settings file's key, so a
/// field is never renamed), its `--layers` name and its title in both languages. The enum, the
/// struct, the defaults (all on), `none`, `get`, `get_mut`, `key` and `title` are generated.
macro_rules! layer_catalogue {
    ($( $id:ident, $field:ident, $key:literal, $en:literal, $zh:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum LayerId {
            $($id,)*
        }

        impl LayerId {
            /// Every layer, in the layer panel's order.
            pub const ALL: &'static [LayerId] = &[$(LayerId::$id,)*];

            /// Name used on the command line (`--layers cities,towns`) and in a view's text.
            pub fn key(self) -> &'static str {
                match self {
                    $(LayerId::$id => $key,)*
                }
            }

            /// The layer panel's name.
            pub fn title(self, lang: Lang) -> &'static str {
                match self {
                    $(LayerId::$id => lang.pick($en, $zh),)*
                }
            }
        }

        /// The set of visible layers. Serialised with the app state; a toggle missing from an
        /// older file takes its default (on), so adding a layer never breaks existing settings.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct Layers {
            $(pub $field: bool,)*
        }

        impl Default for Layers {
            fn default() -> Self {
                Layers { $($field: true,)* }
            }
        }

        impl Layers {
            pub fn none() -> Self {
                Layers { $($field: false,)* }
            }

            pub fn get(&self, id: LayerId) -> bool {
                match id {
                    $(LayerId::$id => self.$field,)*
                }
            }

            pub fn get_mut(&mut self, id: LayerId) -> &mut bool {
                match id {
                    $(LayerId::$id => &mut self.$field,)*
                }
            }
        }
    };
}

layer_catalogue! {
    Cities, cities, "cities", "Prefecture cities", "地级市";
    Counties, counties, "counties", "Counties and districts", "县（区、市）";
    Towns, towns, "towns", "Towns and subdistricts", "镇（街道）";
    Parks, parks, "parks", "Industrial parks", "产业园区";
    Logistics, logistics, "logistics", "Logistics hubs, ports, airport", "物流枢纽、港口、机场";
    Expressways, expressways, "expressways", "Expressways and roads", "高速公路与道路";
    OtherPlaces, other_places, "places", "Other places and projects", "其他地点与项目";
    Context, context, "context", "Rivers and neighbours", "河流与邻近地区";
    Labels, labels, "labels", "Labels", "标注";
}

impl Layers {
    /// Whether any layer with place markers is on (from the catalogue of kinds: expressways and
    /// roads have markers too).
    pub fn any_markers(&self) -> bool {
        super::kinds::PLACE_SYMBOLS.iter().any(|s| self.get(s.layer))
    }

    /// Parses `cities,counties,towns` (the CLI's `--layers`). Labels and context stay on.
    pub fn parse_list(list: &str) -> Result<Layers, String> {
        let mut layers = Layers::none();
        layers.labels = true;
        layers.context = true;
        for key in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let id = LayerId::ALL.iter().copied().find(|id| id.key() == key).ok_or_else(|| {
                let known: Vec<&str> = LayerId::ALL.iter().map(|l| l.key()).collect();
                format!("unknown layer {key:?} (known: {})", known.join(", "))
            })?;
            *layers.get_mut(id) = true;
        }
        Ok(layers)
    }

    /// Whether a level's regions are drawn (outlines and picking).
    pub fn level_visible(&self, level: Level, zoom: f64, force_towns: bool) -> bool {
        match level {
            Level::Province => true,
            Level::City => self.cities,
            Level::County => self.counties,
            Level::Town => self.towns && (force_towns || zoom >= TOWN_MIN_ZOOM),
        }
    }

    /// The layer a place's marker belongs to.
    pub fn place_layer(kind: PlaceKind) -> LayerId {
        super::kinds::place_symbol(kind).layer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_list_accepts_known_and_rejects_unknown() {
        let l = Layers::parse_list("cities,towns").expect("valid list");
        assert!(l.cities && l.towns && !l.counties && !l.parks);
        let err = Layers::parse_list("cities,roadz").unwrap_err();
        assert!(err.contains("roadz"), "{err}");
    }
}
