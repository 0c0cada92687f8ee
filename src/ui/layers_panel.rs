//! Left panel: notices (on top, where they are seen), layer toggles, basemap choice, legend,
//! credits.

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::map::tiles::{BasemapChoice, Reachability};
use crate::scene::layers::{LayerId, Layers, TOWN_MIN_ZOOM};
use crate::scene::legend::LegendEntry;

/// What the panel shows; it changes nothing itself.
pub struct LayersPanelInput<'a> {
    pub lang: Lang,
    pub layers: &'a Layers,
    pub towns_at_all_zooms: bool,
    /// Zoom of the map as last drawn (says when towns appear).
    pub zoom: f64,
    pub basemap: &'a BasemapChoice,
    /// Whether the OpenStreetMap server answered (only while OSM is chosen).
    pub osm: Option<&'a Reachability>,
    pub tiles_error: Option<&'a str>,
    /// The legend of what the map actually draws (from the drawn scene).
    pub legend: &'a [LegendEntry],
    /// Non-fatal problems to show (a damaged settings file, a missing tour, broken tiles,
    /// settings not saved, rows skipped), one line each with a button that dismisses it.
    pub messages: &'a [String],
    /// A thematic map is drawn: its palette's credit is listed.
    pub theme_drawn: bool,
}

/// The panel's own state: the local-tiles path being typed.
#[derive(Default)]
pub struct LayersPanelState {
    pub local_tiles_text: String,
}

const WARNING: egui::Color32 = egui::Color32::from_rgb(0xb0, 0x3a, 0x2e);

/// The panel; `theme_ui` draws the thematic-map section (below the layers) and returns its actions.
pub fn layers_panel_ui(
    ui: &mut egui::Ui,
    input: &LayersPanelInput,
    state: &mut LayersPanelState,
    theme_ui: impl FnOnce(&mut egui::Ui) -> Vec<Action>,
) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        // Problems first, where they are seen (at the bottom they hid below the legend).
        if !input.messages.is_empty() {
            notices_ui(ui, lang, input.messages, &mut actions);
            ui.separator();
        }
        ui.heading(lang.pick("Layers", "图层"));
        layer_toggles_ui(ui, input, &mut actions);
        ui.separator();
        actions.extend(theme_ui(ui));
        ui.separator();
        ui.heading(lang.pick("Basemap", "底图"));
        basemap_ui(ui, input, state, &mut actions);
        ui.separator();
        ui.heading(lang.pick("Legend", "图例"));
        crate::ui::legend::legend_ui(ui, input.legend);
        ui.separator();
        credits_ui(ui, lang, input.theme_drawn);
    });
    actions
}

/// One line per notice (the whole text on hover) with a dismiss button.
fn notices_ui(ui: &mut egui::Ui, lang: Lang, notices: &[String], actions: &mut Vec<Action>) {
    for text in notices {
        ui.horizontal(|ui| {
            if ui.small_button("×").on_hover_text(lang.pick("Dismiss", "关闭")).clicked() {
                actions.push(Action::DismissNotice(text.clone()));
            }
            ui.add(egui::Label::new(RichText::new(text).color(WARNING)).truncate())
                .on_hover_text(text);
        });
    }
}

fn layer_toggles_ui(ui: &mut egui::Ui, input: &LayersPanelInput, actions: &mut Vec<Action>) {
    let lang = input.lang;
    for &id in LayerId::ALL {
        let mut on = input.layers.get(id);
        if ui.checkbox(&mut on, id.title(lang)).changed() {
            actions.push(Action::SetLayer(id, on));
        }
        if id == LayerId::Towns && input.layers.towns {
            ui.indent("towns_all_zooms", |ui| {
                let mut all = input.towns_at_all_zooms;
                if ui.checkbox(&mut all, lang.pick("at every zoom", "所有缩放级别均显示")).changed()
                {
                    actions.push(Action::SetTownsAtAllZooms(all));
                }
                if input.zoom < TOWN_MIN_ZOOM && !input.towns_at_all_zooms {
                    ui.label(
                        RichText::new(lang.pick("(shown when zoomed in closer)", "（放大后显示）"))
                            .weak()
                            .small(),
                    );
                }
            });
        }
    }
}

fn basemap_ui(
    ui: &mut egui::Ui,
    input: &LayersPanelInput,
    state: &mut LayersPanelState,
    actions: &mut Vec<Action>,
) {
    let lang = input.lang;
    let basemap = input.basemap;
    if ui
        .radio(
            *basemap == BasemapChoice::None,
            lang.pick("None (offline outline map)", "无（离线矢量底图）"),
        )
        .clicked()
    {
        actions.push(Action::SetBasemap(BasemapChoice::None));
    }
    if ui.radio(*basemap == BasemapChoice::OpenStreetMap, "OpenStreetMap").clicked() {
        actions.push(Action::SetBasemap(BasemapChoice::OpenStreetMap));
    }
    match input.osm {
        Some(Reachability::Checking) => {
            ui.label(
                RichText::new(lang.pick("Checking the connection…", "正在检查网络连接…")).weak(),
            );
        }
        Some(Reachability::Offline(why)) => {
            let text = lang.pick(
                "Offline: tiles cannot be loaded; the outline map is shown",
                "离线：无法加载瓦片，显示矢量底图",
            );
            ui.colored_label(WARNING, format!("{text} ({why})"));
        }
        _ => {}
    }
    let is_local = matches!(basemap, BasemapChoice::Local(_));
    let local_path = state.local_tiles_text.trim().to_string();
    let label = lang.pick(
        "Local tiles (.pmtiles or {z}/{x}/{y}.png folder)",
        "本地瓦片（.pmtiles 或 {z}/{x}/{y}.png 目录）",
    );
    if ui.radio(is_local, label).clicked() && !local_path.is_empty() {
        actions.push(Action::SetBasemap(BasemapChoice::Local(local_path.clone().into())));
    }
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.local_tiles_text)
                .hint_text("/path/to/tiles")
                .desired_width(150.0),
        );
        if ui.button(lang.pick("Use", "使用")).clicked() && !local_path.is_empty() {
            actions.push(Action::SetBasemap(BasemapChoice::Local(local_path.into())));
        }
    });
    if let Some(err) = input.tiles_error {
        ui.colored_label(WARNING, err);
    }
}

fn credits_ui(ui: &mut egui::Ui, lang: Lang, theme_drawn: bool) {
    egui::CollapsingHeader::new(lang.pick("Sources and credits", "数据来源与版权")).show(
        ui,
        |ui| {
            // The census is always credited here: its figures are in every region's details.
            for (what, who) in crate::credits::sources(theme_drawn, true, lang) {
                ui.label(RichText::new(what).strong());
                ui.label(who);
            }
            ui.label(
                RichText::new(
                    lang.pick("Full provenance: data/SOURCES.md", "完整来源说明：data/SOURCES.md"),
                )
                .weak(),
            );
        },
    );
}
