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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LayerId {
    Cities,
    Counties,
    Towns,
    Parks,
    Logistics,
    Expressways,
    OtherPlaces,
    Context,
    Labels,
}

impl LayerId {
    pub const ALL: [LayerId; 9] = [
        LayerId::Cities,
        LayerId::Counties,
        LayerId::Towns,
        LayerId::Parks,
        LayerId::Logistics,
        LayerId::Expressways,
        LayerId::OtherPlaces,
        LayerId::Context,
        LayerId::Labels,
    ];

    /// Name used on the command line (`--layers cities,towns`).
    pub fn key(self) -> &'static str {
        match self {
            LayerId::Cities => "cities",
            LayerId::Counties => "counties",
            LayerId::Towns => "towns",
            LayerId::Parks => "parks",
            LayerId::Logistics => "logistics",
            LayerId::Expressways => "expressways",
            LayerId::OtherPlaces => "places",
            LayerId::Context => "context",
            LayerId::Labels => "labels",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            LayerId::Cities => lang.pick("Prefecture cities", "地级市"),
            LayerId::Counties => lang.pick("Counties and districts", "县（区、市）"),
            LayerId::Towns => lang.pick("Towns and subdistricts", "镇（街道）"),
            LayerId::Parks => lang.pick("Industrial parks", "产业园区"),
            LayerId::Logistics => lang.pick("Logistics hubs, ports, airport", "物流枢纽、港口、机场"),
            LayerId::Expressways => lang.pick("Expressways and roads", "高速公路与道路"),
            LayerId::OtherPlaces => lang.pick("Other places and projects", "其他地点与项目"),
            LayerId::Context => lang.pick("Rivers and neighbours", "河流与邻近地区"),
            LayerId::Labels => lang.pick("Labels", "标注"),
        }
    }
}

/// The set of visible layers. Serialised with the app state; a toggle missing from an older
/// file takes its default (on), so adding a layer never breaks existing settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    pub cities: bool,
    pub counties: bool,
    pub towns: bool,
    pub parks: bool,
    pub logistics: bool,
    pub expressways: bool,
    pub other_places: bool,
    pub context: bool,
    pub labels: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            cities: true,
            counties: true,
            towns: true,
            parks: true,
            logistics: true,
            expressways: true,
            other_places: true,
            context: true,
            labels: true,
        }
    }
}

impl Layers {
    pub fn none() -> Self {
        Layers {
            cities: false,
            counties: false,
            towns: false,
            parks: false,
            logistics: false,
            expressways: false,
            other_places: false,
            context: false,
            labels: false,
        }
    }

    /// Whether any layer with place markers is on (expressways and roads have markers too).
    pub fn any_markers(&self) -> bool {
        self.parks || self.logistics || self.other_places || self.expressways
    }

    pub fn get(&self, id: LayerId) -> bool {
        match id {
            LayerId::Cities => self.cities,
            LayerId::Counties => self.counties,
            LayerId::Towns => self.towns,
            LayerId::Parks => self.parks,
            LayerId::Logistics => self.logistics,
            LayerId::Expressways => self.expressways,
            LayerId::OtherPlaces => self.other_places,
            LayerId::Context => self.context,
            LayerId::Labels => self.labels,
        }
    }

    pub fn get_mut(&mut self, id: LayerId) -> &mut bool {
        match id {
            LayerId::Cities => &mut self.cities,
            LayerId::Counties => &mut self.counties,
            LayerId::Towns => &mut self.towns,
            LayerId::Parks => &mut self.parks,
            LayerId::Logistics => &mut self.logistics,
            LayerId::Expressways => &mut self.expressways,
            LayerId::OtherPlaces => &mut self.other_places,
            LayerId::Context => &mut self.context,
            LayerId::Labels => &mut self.labels,
        }
    }

    /// Parses `cities,counties,towns` (the CLI's `--layers`). Labels and context stay on.
    pub fn parse_list(list: &str) -> Result<Layers, String> {
        let mut layers = Layers::none();
        layers.labels = true;
        layers.context = true;
        for key in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let id = LayerId::ALL
                .into_iter()
                .find(|id| id.key() == key)
                .ok_or_else(|| {
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
        match kind {
            PlaceKind::IndustrialPark => LayerId::Parks,
            PlaceKind::LogisticsHub | PlaceKind::Port | PlaceKind::Airport => LayerId::Logistics,
            PlaceKind::Expressway | PlaceKind::Road => LayerId::Expressways,
            PlaceKind::Town | PlaceKind::Other => LayerId::OtherPlaces,
        }
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
