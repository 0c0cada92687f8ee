//! The export dialog: a report-ready PNG or SVG of what the window shows.
//!
//! The figure keeps the window's centre and shows at least its visible extent (fitted to the
//! chosen aspect), with the same layers, language and selection highlight. Rendering runs on a
//! worker thread so a 4K export does not freeze the window; the result path or the one-line
//! error is shown in the dialog.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

use egui::RichText;

use crate::app::AtlasApp;
use crate::export::furniture::FurnitureOptions;
use crate::export::presets::{check_size, PRESETS};
use crate::export::{export_to_file, ExportRequest, Format};
use crate::i18n::Lang;
use crate::model::Subject;
use crate::scene::layers::{Layers, TOWN_MIN_ZOOM};
use crate::scene::view::View;

pub struct ExportDialogState {
    /// Index into `PRESETS`, or `None` for the custom size.
    pub preset: Option<usize>,
    pub custom_size: [u32; 2],
    pub furniture: FurnitureOptions,
    pub format: Format,
    pub path: String,
    /// Last result: the written path, or the error line.
    pub status: Option<Result<String, String>>,
    running: Option<Receiver<Result<String, String>>>,
}

impl Default for ExportDialogState {
    fn default() -> Self {
        let dir = directories::UserDirs::new()
            .and_then(|d| d.picture_dir().or(d.document_dir()).map(|p| p.to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        ExportDialogState {
            preset: Some(0),
            custom_size: [2400, 1600],
            furniture: FurnitureOptions::default(),
            format: Format::Png,
            path: dir.join("guangdong-atlas-map.png").display().to_string(),
            status: None,
            running: None,
        }
    }
}

impl ExportDialogState {
    pub fn size_px(&self) -> [u32; 2] {
        self.preset.and_then(|i| PRESETS.get(i)).map_or(self.custom_size, |p| p.size_px)
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

/// The export request for the window's current view: same centre, the visible extent fitted
/// into the figure's map area, the window's layers (towns only if the window draws them),
/// language and selection.
pub fn request_for_view(
    view: &View,
    layers: &Layers,
    towns_at_all_zooms: bool,
    lang: Lang,
    selection: Option<&Subject>,
    size_px: [u32; 2],
    furniture: &FurnitureOptions,
) -> Result<ExportRequest, String> {
    check_size(size_px)?;
    let mut request = ExportRequest::new(size_px, view.bbox_mercator());
    request.margin = 0.0;
    request.layers = layers.clone();
    request.layers.towns = layers.towns && (view.zoom >= TOWN_MIN_ZOOM || towns_at_all_zooms);
    request.lang = lang;
    request.highlight = selection.cloned();
    request.furniture = furniture.clone();
    Ok(request)
}

/// Replaces the extension of the path text with the format's.
fn with_extension(path: &str, format: Format) -> String {
    PathBuf::from(path).with_extension(format.extension()).display().to_string()
}

pub fn export_window(app: &mut AtlasApp, ctx: &egui::Context) {
    if !app.show_export {
        return;
    }
    let lang = app.settings.lang;
    // Collect a finished export.
    if let Some(rx) = &app.export_dialog.running {
        match rx.try_recv() {
            Ok(result) => {
                app.export_dialog.status = Some(result);
                app.export_dialog.running = None;
            }
            Err(TryRecvError::Disconnected) => {
                app.export_dialog.status = Some(Err("the export stopped unexpectedly".into()));
                app.export_dialog.running = None;
            }
            Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }
    let mut open = true;
    let mut start = false;
    let state = &mut app.export_dialog;
    egui::Window::new(lang.pick("Export map", "导出地图")).open(&mut open).resizable(false).show(ctx, |ui| {
        egui::Grid::new("export_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label(lang.pick("Size", "尺寸"));
            ui.vertical(|ui| {
                for (i, p) in PRESETS.iter().enumerate() {
                    ui.radio_value(&mut state.preset, Some(i), p.label);
                }
                ui.horizontal(|ui| {
                    ui.radio_value(&mut state.preset, None, lang.pick("Custom", "自定义"));
                    let enabled = state.preset.is_none();
                    ui.add_enabled(enabled, egui::DragValue::new(&mut state.custom_size[0]).range(1..=20_000).suffix(" px"));
                    ui.label("×");
                    ui.add_enabled(enabled, egui::DragValue::new(&mut state.custom_size[1]).range(1..=20_000).suffix(" px"));
                });
            });
            ui.end_row();
            ui.label(lang.pick("Title", "标题"));
            ui.text_edit_singleline(&mut state.furniture.title);
            ui.end_row();
            ui.label(lang.pick("Subtitle", "副标题"));
            ui.text_edit_singleline(&mut state.furniture.subtitle);
            ui.end_row();
            ui.label(lang.pick("Show", "显示"));
            ui.vertical(|ui| {
                ui.checkbox(&mut state.furniture.legend, lang.pick("Legend", "图例"));
                ui.checkbox(&mut state.furniture.scale_bar, lang.pick("Scale bar", "比例尺"));
                ui.checkbox(&mut state.furniture.north_arrow, lang.pick("North arrow", "指北针"));
                ui.checkbox(&mut state.furniture.credits, lang.pick("Attribution and credits", "数据来源与版权"));
                ui.checkbox(&mut state.furniture.approximate_note, lang.pick("Approximate-geometry note", "近似边界说明"));
            });
            ui.end_row();
            ui.label(lang.pick("Format", "格式"));
            ui.horizontal(|ui| {
                let before = state.format;
                ui.radio_value(&mut state.format, Format::Png, "PNG");
                ui.radio_value(&mut state.format, Format::Svg, "SVG");
                if state.format != before {
                    state.path = with_extension(&state.path, state.format);
                }
            });
            ui.end_row();
            ui.label(lang.pick("File", "文件"));
            ui.add(egui::TextEdit::singleline(&mut state.path).desired_width(360.0));
            ui.end_row();
        });
        ui.separator();
        ui.horizontal(|ui| {
            let label = lang.pick("Export", "导出");
            if ui.add_enabled(!state.is_running(), egui::Button::new(label)).clicked() {
                start = true;
            }
            if state.is_running() {
                ui.spinner();
                ui.label(lang.pick("Rendering…", "正在生成…"));
            }
        });
        match &state.status {
            Some(Ok(path)) => {
                ui.label(RichText::new(format!("{} {path}", lang.pick("Saved:", "已保存："))).color(egui::Color32::from_rgb(0x1e, 0x7a, 0x3c)));
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(egui::Color32::from_rgb(0xc6, 0x1e, 0x2e)));
            }
            None => {}
        }
    });
    if start {
        start_export(app);
    }
    if !open {
        app.show_export = false;
    }
}

fn start_export(app: &mut AtlasApp) {
    let state = &mut app.export_dialog;
    state.status = None;
    let Some(view) = app.last_view else {
        state.status = Some(Err("the map has not been drawn yet".into()));
        return;
    };
    let path = PathBuf::from(state.path.trim());
    if let Err(e) = Format::from_path(&path) {
        state.status = Some(Err(e));
        return;
    }
    let request = match request_for_view(
        &view,
        &app.settings.layers,
        app.settings.towns_at_all_zooms,
        app.settings.lang,
        app.selection.as_ref(),
        state.size_px(),
        &state.furniture,
    ) {
        Ok(r) => r,
        Err(e) => {
            state.status = Some(Err(e));
            return;
        }
    };
    let (tx, rx) = channel();
    let atlas = app.atlas.clone();
    let geometry = app.geometry.clone();
    std::thread::spawn(move || {
        let result = export_to_file(&atlas, &geometry, &request, &path).map(|_| path.display().to_string()).map_err(|e| e.to_string());
        let _ = tx.send(result);
    });
    state.running = Some(rx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::mercator::mercator_from_lonlat;

    #[test]
    fn request_keeps_the_window_extent_and_its_town_visibility() {
        let view = View { center_mercator: mercator_from_lonlat([112.6, 23.1]), zoom: 8.0, rect_screen: [0.0, 0.0, 1000.0, 700.0] };
        let furniture = FurnitureOptions::default();
        let req = request_for_view(&view, &Layers::default(), false, Lang::Zh, None, [3840, 2160], &furniture).expect("valid");
        assert_eq!(req.extent_mercator, view.bbox_mercator());
        assert_eq!(req.margin, 0.0);
        assert!(!req.layers.towns, "the window draws no towns at zoom 8");
        let req = request_for_view(&view, &Layers::default(), true, Lang::Zh, None, [3840, 2160], &furniture).expect("valid");
        assert!(req.layers.towns);
        assert!(request_for_view(&view, &Layers::default(), false, Lang::En, None, [0, 10], &furniture).is_err());
        assert_eq!(with_extension("/tmp/a.png", Format::Svg), "/tmp/a.svg");
    }
}
