//! The export dialog: a report-ready PNG, SVG or PDF of what the window shows.
//!
//! The figure keeps the window's centre and shows at least its visible extent (fitted to the
//! chosen aspect), with the same layers, language and selection highlight. The dialog only builds
//! the request; the application renders it on a worker thread (`app::export_job`) so a 4K export
//! does not freeze the window, and puts the written path or the one-line error in `status`.

use std::path::PathBuf;

use egui::RichText;

use super::action::Action;
use crate::export::furniture::FurnitureOptions;
use crate::export::presets::{check_size, PAPERS, PRESETS};
use crate::export::{ExportRequest, Format};
use crate::i18n::Lang;
use crate::model::Subject;
use crate::scene::layers::{Layers, TOWN_MIN_ZOOM};
use crate::scene::view::View;

pub struct ExportDialogState {
    /// Index into `PRESETS`, or `None` for the custom size.
    pub preset: Option<usize>,
    pub custom_size: [u32; 2],
    /// Index into `PAPERS`: the page of a PDF.
    pub paper: usize,
    pub furniture: FurnitureOptions,
    pub format: Format,
    pub path: String,
    /// Last result: the written path, or the error line (set by the application when the
    /// worker finishes).
    pub status: Option<Result<String, String>>,
}

impl Default for ExportDialogState {
    fn default() -> Self {
        // In the browser the figure is downloaded: only the file name counts.
        #[cfg(target_arch = "wasm32")]
        let dir = PathBuf::new();
        #[cfg(not(target_arch = "wasm32"))]
        let dir = directories::UserDirs::new()
            .and_then(|d| d.picture_dir().or(d.document_dir()).map(|p| p.to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        ExportDialogState {
            preset: Some(0),
            custom_size: [2400, 1600],
            paper: 0,
            furniture: FurnitureOptions::default(),
            format: Format::Png,
            path: dir.join("guangdong-atlas-map.png").display().to_string(),
            status: None,
        }
    }
}

impl ExportDialogState {
    pub fn size_px(&self) -> [u32; 2] {
        self.preset.and_then(|i| PRESETS.get(i)).map_or(self.custom_size, |p| p.size_px)
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

/// What the dialog needs to know of the window: the view to export and what it shows.
pub struct ExportDialogInput<'a> {
    pub lang: Lang,
    /// The map's last drawn view (`None` before the first frame).
    pub view: Option<View>,
    pub layers: &'a Layers,
    pub towns_at_all_zooms: bool,
    pub selection: Option<&'a Subject>,
    /// An export is being rendered.
    pub running: bool,
    /// The window's thematic map: the figure shows it too.
    pub theme: Option<&'a std::sync::Arc<crate::theme::Theme>>,
}

/// The dialog; returns `StartExport` when the user presses Export with a valid request (an
/// invalid one sets `state.status` to its one-line error) and `CloseExport` when closed.
pub fn export_window(ctx: &egui::Context, input: &ExportDialogInput, state: &mut ExportDialogState) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    let mut open = true;
    super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Export map", "导出地图"))).open(&mut open).resizable(false).show(ctx, |ui| {
        egui::Grid::new("export_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| form_ui(ui, lang, state));
        ui.separator();
        ui.horizontal(|ui| {
            if ui.add_enabled(!input.running, egui::Button::new(lang.pick("Export", "导出"))).clicked() {
                match start_request(input, state) {
                    Ok(action) => actions.push(action),
                    Err(e) => state.status = Some(Err(e)),
                }
            }
            if input.running {
                ui.spinner();
                ui.label(lang.pick("Rendering…", "正在生成…"));
            }
        });
        status_ui(ui, lang, state.status.as_ref());
    });
    if !open {
        actions.push(Action::CloseExport);
    }
    actions
}

/// The rows of the form: size (or paper), title, subtitle, furniture, format, file.
fn form_ui(ui: &mut egui::Ui, lang: Lang, state: &mut ExportDialogState) {
    if state.format == Format::Pdf {
        paper_ui(ui, lang, state);
    } else {
        size_ui(ui, lang, state);
    }
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
        ui.radio_value(&mut state.format, Format::Pdf, "PDF");
        if state.format != before {
            state.path = with_extension(&state.path, state.format);
        }
    });
    ui.end_row();
    // In the browser the figure is downloaded under this name (`app::export_job`).
    ui.label(if cfg!(target_arch = "wasm32") { lang.pick("Download as", "下载为") } else { lang.pick("File", "文件") });
    ui.add(egui::TextEdit::singleline(&mut state.path).desired_width(360.0));
    ui.end_row();
}

/// The paper of a PDF (landscape, 10 mm margins).
fn paper_ui(ui: &mut egui::Ui, lang: Lang, state: &mut ExportDialogState) {
    ui.label(lang.pick("Paper", "纸张"));
    ui.vertical(|ui| {
        for (i, p) in PAPERS.iter().enumerate() {
            ui.radio_value(&mut state.paper, i, p.label);
        }
        ui.label(egui::RichText::new(lang.pick("Vector, fonts embedded, 10 mm margins", "矢量，嵌入字体，页边距 10 毫米")).small().weak());
    });
}

/// The image size: a preset or a custom size in pixels.
fn size_ui(ui: &mut egui::Ui, lang: Lang, state: &mut ExportDialogState) {
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
}

fn status_ui(ui: &mut egui::Ui, lang: Lang, status: Option<&Result<String, String>>) {
    match status {
        Some(Ok(path)) => {
            ui.label(RichText::new(format!("{} {path}", lang.pick("Saved:", "已保存："))).color(egui::Color32::from_rgb(0x1e, 0x7a, 0x3c)));
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(egui::Color32::from_rgb(0xc6, 0x1e, 0x2e)));
        }
        None => {}
    }
}

/// The export the form asks for, checked: a drawn view, a known format, a valid size.
fn start_request(input: &ExportDialogInput, state: &ExportDialogState) -> Result<Action, String> {
    let view = input.view.ok_or("the map has not been drawn yet")?;
    let path = PathBuf::from(state.path.trim());
    let format = Format::from_path(&path)?;
    let paper = (format == Format::Pdf).then(|| PAPERS.get(state.paper).copied()).flatten();
    let size_px = paper.map_or_else(|| state.size_px(), |p| p.size_px());
    let mut request = request_for_view(
        &view,
        input.layers,
        input.towns_at_all_zooms,
        input.lang,
        input.selection,
        size_px,
        &state.furniture,
    )?;
    if let Some(paper) = paper {
        request = request.on_paper(paper);
    }
    request.theme = input.theme.map(|t| crate::export::SharedTheme(t.clone()));
    Ok(Action::StartExport { request: Box::new(request), path })
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
