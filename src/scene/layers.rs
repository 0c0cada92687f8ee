//! Which layers are shown, and the legend that follows from them (window and exports alike).

use serde::{Deserialize, Serialize};

use super::style::{self, Color, LineStyle, MarkerStyle};
use crate::i18n::Lang;
use crate::model::{Level, PlaceKind, Status};

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

/// The set of visible layers. Serialised with the app state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// What a legend row shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendSymbol {
    Fill(Color, LineStyle),
    Line(LineStyle),
    Marker(MarkerStyle),
    AreaHalo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub symbol: LegendSymbol,
    pub label: String,
}

/// Legend rows for the visible layers only: `real_towns_drawn` / `approximate_drawn` say which
/// kinds of town boundary are actually on screen (e.g. Zhaoqing has only approximate ones).
pub fn legend_entries(layers: &Layers, real_towns_drawn: bool, approximate_drawn: bool, lang: Lang) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    let mut push = |symbol, label: &str| out.push(LegendEntry { symbol, label: label.to_string() });
    push(LegendSymbol::Line(style::PROVINCE_OUTLINE), lang.pick("Province boundary", "省界"));
    if layers.cities {
        push(
            LegendSymbol::Fill(style::city_fill("440100"), style::CITY_OUTLINE),
            lang.pick("Prefecture city", "地级市"),
        );
    }
    if layers.counties {
        push(LegendSymbol::Line(style::COUNTY_OUTLINE), lang.pick("County / district boundary", "县（区）界"));
    }
    if real_towns_drawn {
        push(LegendSymbol::Line(style::TOWN_OUTLINE_REAL), lang.pick("Town boundary (official source)", "镇（街道）界"));
    }
    if approximate_drawn {
        push(
            LegendSymbol::Line(style::TOWN_OUTLINE_APPROX),
            lang.pick(
                "Approximate town area (Voronoi cell around the town seat, not an official boundary)",
                "镇域近似范围（按镇政府驻地划分的泰森多边形，非官方边界）",
            ),
        );
    }
    if layers.parks {
        push(LegendSymbol::Marker(style::marker_style(PlaceKind::IndustrialPark, Status::Existing)), lang.pick("Industrial park", "产业园区"));
    }
    if layers.logistics {
        push(LegendSymbol::Marker(style::marker_style(PlaceKind::LogisticsHub, Status::Existing)), lang.pick("Logistics hub / port", "物流枢纽／港口"));
        push(LegendSymbol::Marker(style::marker_style(PlaceKind::Airport, Status::Planned)), lang.pick("Airport (planned: pale)", "机场（规划：浅色）"));
    }
    if layers.other_places {
        push(LegendSymbol::Marker(style::marker_style(PlaceKind::Other, Status::Existing)), lang.pick("Other place or project", "其他地点或项目"));
    }
    if layers.parks || layers.logistics || layers.other_places {
        push(LegendSymbol::AreaHalo, lang.pick("Located only to town/county/city level", "仅定位到镇／县／市级"));
    }
    if layers.expressways {
        push(LegendSymbol::Line(style::expressway_style(Status::Existing)), lang.pick("Expressway, built (schematic)", "高速公路，已建成（示意）"));
        push(
            LegendSymbol::Line(style::expressway_style(Status::UnderConstruction)),
            lang.pick("Expressway, under construction (schematic)", "高速公路，在建（示意）"),
        );
        push(LegendSymbol::Line(style::expressway_style(Status::Planned)), lang.pick("Expressway, planned (schematic)", "高速公路，规划（示意）"));
    }
    out
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

    #[test]
    fn legend_lists_only_visible_layers() {
        let mut layers = Layers::none();
        layers.expressways = true;
        let rows = legend_entries(&layers, false, false, Lang::En);
        assert!(rows.iter().any(|r| r.label.contains("under construction")));
        assert!(!rows.iter().any(|r| r.label.contains("Industrial park")));
        assert!(!rows.iter().any(|r| r.label.contains("Approximate")));
        let rows = legend_entries(&Layers::default(), false, true, Lang::En);
        assert!(rows.iter().any(|r| r.label.contains("Approximate town area")));
        assert!(!rows.iter().any(|r| r.label.contains("official source")), "no real towns on screen, no row");
    }
}
