//! Left panel: layer toggles, basemap choice, legend, credits.

use egui::RichText;

use crate::app::AtlasApp;
use crate::map::tiles::{BasemapChoice, Reachability};
use crate::scene::layers::{LayerId, TOWN_MIN_ZOOM};

pub fn layers_panel_ui(app: &mut AtlasApp, ui: &mut egui::Ui) {
    let lang = app.settings.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(lang.pick("Layers", "图层"));
        let zoom = app.last_view.map(|v| v.zoom).unwrap_or(0.0);
        for id in LayerId::ALL {
            let title = id.title(lang);
            ui.checkbox(app.settings.layers.get_mut(id), title);
            if id == LayerId::Towns && app.settings.layers.towns {
                ui.indent("towns_all_zooms", |ui| {
                    ui.checkbox(&mut app.settings.towns_at_all_zooms, lang.pick("at every zoom", "所有缩放级别均显示"));
                    if zoom < TOWN_MIN_ZOOM && !app.settings.towns_at_all_zooms {
                        ui.label(RichText::new(lang.pick("(shown when zoomed in closer)", "（放大后显示）")).weak().small());
                    }
                });
            }
        }
        ui.separator();
        ui.heading(lang.pick("Basemap", "底图"));
        let before = app.settings.basemap.clone();
        let is_local = matches!(app.settings.basemap, BasemapChoice::Local(_));
        if ui.radio(app.settings.basemap == BasemapChoice::None, lang.pick("None (offline outline map)", "无（离线矢量底图）")).clicked() {
            app.settings.basemap = BasemapChoice::None;
        }
        if ui.radio(app.settings.basemap == BasemapChoice::OpenStreetMap, "OpenStreetMap").clicked() {
            app.settings.basemap = BasemapChoice::OpenStreetMap;
        }
        if app.settings.basemap == BasemapChoice::OpenStreetMap {
            match app.osm_status() {
                Some(Reachability::Checking) => {
                    ui.label(RichText::new(lang.pick("Checking the connection…", "正在检查网络连接…")).weak());
                }
                Some(Reachability::Offline(why)) => {
                    ui.colored_label(egui::Color32::from_rgb(0xb0, 0x3a, 0x2e), format!("{} ({why})", lang.pick("Offline: tiles cannot be loaded; the outline map is shown", "离线：无法加载瓦片，显示矢量底图")));
                }
                _ => {}
            }
        }
        if ui.radio(is_local, lang.pick("Local tiles (.pmtiles or {z}/{x}/{y}.png folder)", "本地瓦片（.pmtiles 或 {z}/{x}/{y}.png 目录）")).clicked()
            && !app.local_tiles_text.trim().is_empty()
        {
            app.settings.basemap = BasemapChoice::Local(app.local_tiles_text.trim().into());
        }
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut app.local_tiles_text).hint_text("/path/to/tiles").desired_width(150.0));
            if ui.button(lang.pick("Use", "使用")).clicked() && !app.local_tiles_text.trim().is_empty() {
                app.settings.basemap = BasemapChoice::Local(app.local_tiles_text.trim().into());
            }
        });
        if let Some(err) = &app.tiles_error {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x3a, 0x2e), err);
        }
        if before != app.settings.basemap {
            app.tiles_error = None;
        }
        ui.separator();
        ui.heading(lang.pick("Legend", "图例"));
        let entries = app.drawn_scene().map(|s| s.legend_entries(lang)).unwrap_or_default();
        crate::ui::legend::legend_ui(ui, &entries);
        ui.separator();
        egui::CollapsingHeader::new(lang.pick("Sources and credits", "数据来源与版权")).show(ui, |ui| {
            for (what, who) in crate::credits::CREDITS {
                ui.label(RichText::new(*what).strong());
                ui.label(*who);
            }
            ui.label(RichText::new(lang.pick("Full provenance: data/SOURCES.md", "完整来源说明：data/SOURCES.md")).weak());
        });
        for m in &app.messages {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x3a, 0x2e), m);
        }
    });
}
