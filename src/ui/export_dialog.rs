//! The export dialog: a report-ready PNG, SVG or PDF of what the window shows.
//!
//! The figure shows the selection (else the whole province) fitted to the page with margins,
//! or — when chosen — the window's current view, the whole province or the pinned regions, with
//! the window's layers, language and selection highlight. Place markers and their clusters can
//! be left out (they are, by default, over a choropleth); a locator inset can be added. The
//! dialog only builds the request; the application renders it on a worker thread
//! (`app::export_job`) so a 4K export does not freeze the window, and puts the written path or
//! the one-line error in `status`.

use std::path::PathBuf;

use egui::RichText;

use super::action::Action;
use crate::export::extent::{ExtentChoice, FIT_MARGIN};
use crate::export::furniture::FurnitureOptions;
use crate::export::presets::{check_size, PAPERS, PRESETS};
use crate::export::{ExportRequest, Format};
use crate::i18n::Lang;
use crate::model::Subject;
use crate::scene::layers::{Layers, TOWN_MIN_ZOOM};
use crate::scene::view::View;
use crate::scene::MarkerMode;

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
    /// What the figure shows; `None`: the selection, else the whole province ([`default_extent`]).
    pub extent: Option<ExtentChoice>,
    /// Draw the window's place markers; `None`: yes, unless a thematic map is drawn.
    pub markers: Option<bool>,
    /// Group places on one spot under one marker with a count badge (as the window does).
    pub clusters: bool,
    /// The title the dialog wrote itself (the extent's name in the window's language): while
    /// the title field still holds it, a change of extent or language writes the new one; a
    /// title the user typed is left alone.
    pub auto_title: Option<String>,
    /// The window's rectangle last frame (`None`: not shown yet): a frame that changes it asks
    /// for another, so the layout settles without waiting for input (see [`settle_layout`]).
    pub shown_rect: Option<egui::Rect>,
}

impl Default for ExportDialogState {
    fn default() -> Self {
        Self::in_folder(&default_export_dir(None))
    }
}

/// The folder a figure is offered in: the last export's (`last`, kept in the settings) while
/// it exists, else the user's pictures or documents folder, else the home folder — never the
/// working directory, which for a double-clicked binary is wherever it was unpacked. In the
/// browser the figure is downloaded: only the file name counts.
pub fn default_export_dir(last: Option<&std::path::Path>) -> PathBuf {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = last;
        PathBuf::new()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let user = directories::UserDirs::new();
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let mut candidates: Vec<PathBuf> = last.map(PathBuf::from).into_iter().collect();
        if let Some(u) = &user {
            candidates.extend(u.picture_dir().map(PathBuf::from));
            candidates.extend(u.document_dir().map(PathBuf::from));
        }
        if let Some(home) = &home {
            candidates.extend([home.join("Pictures"), home.join("Documents"), home.clone()]);
        }
        first_folder(candidates).unwrap_or_else(std::env::temp_dir)
    }
}

/// The first of `candidates` that is a folder now.
#[cfg(not(target_arch = "wasm32"))]
fn first_folder(candidates: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
    candidates.into_iter().find(|p| p.is_dir())
}

impl ExportDialogState {
    /// The dialog's defaults, its file named in `dir`.
    pub fn in_folder(dir: &std::path::Path) -> Self {
        ExportDialogState {
            preset: Some(0),
            custom_size: [2400, 1600],
            paper: 0,
            furniture: FurnitureOptions::default(),
            format: Format::Png,
            path: dir.join("guangdong-atlas-map.png").display().to_string(),
            status: None,
            extent: None,
            markers: None,
            clusters: true,
            auto_title: None,
            shown_rect: None,
        }
    }

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
    request.scene.layers = layers.clone();
    request.scene.layers.towns = layers.towns && (view.zoom >= TOWN_MIN_ZOOM || towns_at_all_zooms);
    request.scene.lang = lang;
    request.scene.selection = selection.cloned();
    request.furniture = furniture.clone();
    Ok(request)
}

/// The extent a figure shows unless the user chose another: the selection when there is one
/// (a report's figure is usually about it), else the whole province — never the window's view,
/// which at the window's zoom leaves the province a fifth of an A4 page.
pub fn default_extent(has_selection: bool) -> ExtentChoice {
    if has_selection {
        ExtentChoice::Selection
    } else {
        ExtentChoice::Province
    }
}

/// Shows `extent_mercator` instead of the window's view: fitted with [`FIT_MARGIN`], towns drawn
/// only if the window would draw them at the figure's zoom (the zoom that fits the extent into
/// the request's page).
pub fn fit_request(
    request: &mut ExportRequest,
    extent_mercator: [f64; 4],
    window_layers: &Layers,
    towns_at_all_zooms: bool,
) {
    request.extent_mercator = extent_mercator;
    request.margin = FIT_MARGIN;
    request.center_zoom = None;
    let zoom = request.fitted_zoom();
    request.scene.layers.towns =
        window_layers.towns && (zoom >= TOWN_MIN_ZOOM || towns_at_all_zooms);
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
    /// Mercator extents the figure can show: the province, the selection (region, place, line
    /// or feature) and the pinned regions, when there are any.
    pub province_extent: Option<[f64; 4]>,
    pub selection_extent: Option<[f64; 4]>,
    pub pinned_extent: Option<[f64; 4]>,
    /// The regions pinned for comparison (the legend keeps off them on a figure of them).
    pub pinned: &'a [String],
    /// The names of what each extent shows, in the window's language: the figure's title
    /// until the user types one.
    pub titles: ExtentTitles,
}

/// A figure's default title for each extent, in the window's language.
#[derive(Clone, Debug, Default)]
pub struct ExtentTitles {
    pub selection: Option<String>,
    pub province: String,
    pub pinned: Option<String>,
}

impl ExtentTitles {
    /// The title of a figure of `choice` (the current view: see
    /// `ExportDialogInput::default_title`, which knows the view; here the selection's).
    pub fn of(&self, choice: ExtentChoice) -> Option<String> {
        match choice {
            ExtentChoice::Selection | ExtentChoice::CurrentView => self.selection.clone(),
            ExtentChoice::Province => Some(self.province.clone()),
            ExtentChoice::Pinned => self.pinned.clone(),
        }
    }
}

/// Area of a box `[x0, y0, x1, y1]` (0 when empty).
fn area(b: [f64; 4]) -> f64 {
    (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0)
}

/// The share of box `inner`'s area that lies in box `outer` (0 for an empty `inner`).
fn share_inside(inner: [f64; 4], outer: [f64; 4]) -> f64 {
    let cut = [
        inner[0].max(outer[0]),
        inner[1].max(outer[1]),
        inner[2].min(outer[2]),
        inner[3].min(outer[3]),
    ];
    let whole = area(inner);
    if whole > 0.0 {
        area(cut) / whole
    } else {
        0.0
    }
}

/// Writes the extent's title into the title field while it holds the dialog's own (or nothing
/// yet): a figure of the province no longer keeps the selection's name, nor a 中文 figure an
/// English title, after the extent or the language changed (issue 19 QA).
fn refresh_auto_title(input: &ExportDialogInput, state: &mut ExportDialogState) {
    let title = &state.furniture.title;
    let ours = match &state.auto_title {
        Some(auto) => auto == title,
        None => title.is_empty(),
    };
    if ours {
        let wanted = input.default_title(input.extent(state)).unwrap_or_default();
        state.furniture.title = wanted.clone();
        state.auto_title = Some(wanted);
    }
}

impl ExportDialogInput<'_> {
    /// The mercator box of an extent choice; `None` for the current view (or a choice that has
    /// nothing to show).
    fn extent_box(&self, choice: ExtentChoice) -> Option<[f64; 4]> {
        match choice {
            ExtentChoice::CurrentView => None,
            ExtentChoice::Province => self.province_extent,
            ExtentChoice::Selection => self.selection_extent,
            ExtentChoice::Pinned => self.pinned_extent,
        }
    }

    /// The choice in force: the user's, else [`default_extent`]; a choice whose subject has gone
    /// (selection cleared, pins removed) falls back to the default.
    fn extent(&self, state: &ExportDialogState) -> ExtentChoice {
        let fallback = default_extent(self.selection_extent.is_some());
        match state.extent {
            Some(ExtentChoice::CurrentView) => ExtentChoice::CurrentView,
            Some(choice) if self.extent_box(choice).is_some() => choice,
            _ => fallback,
        }
    }

    /// The default title of a figure of `choice`. The current view is named after what fills
    /// it: the selection when most of it is in view and it is not lost in the view, else the
    /// province when most of it is in view, else nothing (a figure of the window's current view
    /// showing the whole province came out titled with the selected county — issue 19 QA).
    fn default_title(&self, choice: ExtentChoice) -> Option<String> {
        if choice != ExtentChoice::CurrentView {
            return self.titles.of(choice);
        }
        let view = self.view?.bbox_mercator();
        let fills = |extent: Option<[f64; 4]>, min_share_of_view: f64| {
            extent.is_some_and(|e| {
                share_inside(e, view) >= 0.5 && area(e) >= min_share_of_view * area(view)
            })
        };
        if fills(self.selection_extent, 0.1) {
            self.titles.selection.clone()
        } else if fills(self.province_extent, 0.0) {
            Some(self.titles.province.clone())
        } else {
            None
        }
    }

    /// Markers by default: the window's, except over a choropleth.
    fn markers(&self, state: &ExportDialogState) -> bool {
        self.layers.any_markers() && state.markers.unwrap_or(self.theme.is_none())
    }
}

/// The dialog; returns `StartExport` when the user presses Export with a valid request (an
/// invalid one sets `state.status` to its one-line error) and `CloseExport` when closed.
pub fn export_window(
    ctx: &egui::Context,
    input: &ExportDialogInput,
    state: &mut ExportDialogState,
) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    let mut open = true;
    refresh_auto_title(input, state);
    // The options scroll when taller than the map (Large text at 1280×720 put the Export button
    // off screen); the Export button and the status stay below them, always in view.
    let options_height = (super::windows::window_area(ctx).height() - 150.0).max(120.0);
    let shown =
        super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Export map", "导出地图")))
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(options_height)
                    .auto_shrink([true, true])
                    .show(ui, |ui| {
                        egui::Grid::new("export_grid").num_columns(2).spacing([12.0, 6.0]).show(
                            ui,
                            |ui| {
                                extent_ui(ui, input, state);
                                ui.end_row();
                                form_ui(ui, input, state);
                            },
                        );
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(!input.running, egui::Button::new(lang.pick("Export", "导出")))
                        .clicked()
                    {
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
    settle_layout(ctx, shown.map(|s| s.response.rect), &mut state.shown_rect);
    if !open {
        actions.push(Action::CloseExport);
    }
    actions
}

/// Asks for another frame while the dialog's layout is still changing. A new window first
/// measures itself (the grid and the scroll area size their content on the first frame), and
/// the browser paints only on input: without this, the dialog's first frame lacked the Export
/// row until the mouse moved (issue 19 QA, web).
fn settle_layout(ctx: &egui::Context, rect: Option<egui::Rect>, last: &mut Option<egui::Rect>) {
    if rect != *last {
        ctx.request_repaint();
    }
    *last = rect;
}

/// What the figure shows: the current view, the province, the selection, the pinned regions.
fn extent_ui(ui: &mut egui::Ui, input: &ExportDialogInput, state: &mut ExportDialogState) {
    let lang = input.lang;
    ui.label(lang.pick("Extent", "范围"));
    let current = input.extent(state);
    ui.vertical(|ui| {
        let choices = [
            (
                ExtentChoice::Selection,
                lang.pick("Selection, fitted to the page", "所选对象（充满页面）"),
            ),
            (
                ExtentChoice::Province,
                lang.pick("Whole province, fitted to the page", "全省（充满页面）"),
            ),
            (
                ExtentChoice::Pinned,
                lang.pick("Pinned regions, fitted to the page", "对比中的地区（充满页面）"),
            ),
            (ExtentChoice::CurrentView, lang.pick("Current view of the window", "窗口当前视图")),
        ];
        for (choice, label) in choices {
            let available =
                choice == ExtentChoice::CurrentView || input.extent_box(choice).is_some();
            if ui.add_enabled(available, egui::RadioButton::new(current == choice, label)).clicked()
            {
                state.extent = Some(choice);
            }
        }
    });
}

/// The rows of the form: size (or paper), title, subtitle, furniture and markers, format, file.
fn form_ui(ui: &mut egui::Ui, input: &ExportDialogInput, state: &mut ExportDialogState) {
    let lang = input.lang;
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
        ui.checkbox(
            &mut state.furniture.credits,
            lang.pick("Attribution and credits", "数据来源与版权"),
        );
        ui.checkbox(
            &mut state.furniture.approximate_note,
            lang.pick("Approximate-geometry note", "近似边界说明"),
        );
        ui.checkbox(
            &mut state.furniture.locator,
            lang.pick("Locator map (Guangdong inset)", "位置示意图（广东全省小图）"),
        );
        let mut markers = input.markers(state);
        let changed = ui
            .add_enabled(
                input.layers.any_markers(),
                egui::Checkbox::new(&mut markers, lang.pick("Place markers", "地点标记")),
            )
            .changed();
        if changed {
            state.markers = Some(markers);
        }
        ui.add_enabled(
            markers,
            egui::Checkbox::new(
                &mut state.clusters,
                lang.pick(
                    "Group places on one spot (count badge)",
                    "同一位置的地点合并（显示数量）",
                ),
            ),
        );
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
    ui.label(if cfg!(target_arch = "wasm32") {
        lang.pick("Download as", "下载为")
    } else {
        lang.pick("File", "文件")
    });
    ui.add(egui::TextEdit::singleline(&mut state.path).desired_width(360.0));
    ui.end_row();
}

/// The paper of a PDF (landscape, 10 mm margins).
fn paper_ui(ui: &mut egui::Ui, lang: Lang, state: &mut ExportDialogState) {
    ui.label(lang.pick("Paper", "纸张"));
    ui.vertical(|ui| {
        for (i, p) in PAPERS.iter().enumerate() {
            ui.radio_value(&mut state.paper, i, lang.pick(p.label, p.label_zh));
        }
        ui.label(
            egui::RichText::new(
                lang.pick(
                    "Vector, fonts embedded, 10 mm margins",
                    "矢量，嵌入字体，页边距 10 毫米",
                ),
            )
            .small()
            .weak(),
        );
    });
}

/// The image size: a preset or a custom size in pixels.
fn size_ui(ui: &mut egui::Ui, lang: Lang, state: &mut ExportDialogState) {
    ui.label(lang.pick("Size", "尺寸"));
    ui.vertical(|ui| {
        for (i, p) in PRESETS.iter().enumerate() {
            ui.radio_value(&mut state.preset, Some(i), lang.pick(p.label, p.label_zh));
        }
        ui.horizontal(|ui| {
            ui.radio_value(&mut state.preset, None, lang.pick("Custom", "自定义"));
            let enabled = state.preset.is_none();
            ui.add_enabled(
                enabled,
                egui::DragValue::new(&mut state.custom_size[0]).range(1..=20_000).suffix(" px"),
            );
            ui.label("×");
            ui.add_enabled(
                enabled,
                egui::DragValue::new(&mut state.custom_size[1]).range(1..=20_000).suffix(" px"),
            );
        });
    });
}

fn status_ui(ui: &mut egui::Ui, lang: Lang, status: Option<&Result<String, String>>) {
    match status {
        Some(Ok(path)) => {
            ui.label(
                RichText::new(format!("{} {path}", lang.pick("Saved:", "已保存：")))
                    .color(egui::Color32::from_rgb(0x1e, 0x7a, 0x3c)),
            );
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
    let extent = input.extent(state);
    if let Some(bbox) = input.extent_box(extent) {
        fit_request(&mut request, bbox, input.layers, input.towns_at_all_zooms);
        // The legend keeps off the regions the figure is about.
        request.keep_clear = match (extent, input.selection) {
            (ExtentChoice::Selection, Some(Subject::Region(code))) => vec![code.clone()],
            (ExtentChoice::Pinned, _) => input.pinned.to_vec(),
            // The whole province: the legend keeps off its land (it hid Shantou's coast).
            (ExtentChoice::Province, _) => vec![crate::model::PROVINCE_CODE.to_string()],
            _ => Vec::new(),
        };
    }
    request.scene.markers = match (input.markers(state), state.clusters) {
        (false, _) => MarkerMode::Hidden,
        (true, true) => MarkerMode::Clustered,
        (true, false) => MarkerMode::Separate,
    };
    request.theme = input.theme.map(|t| crate::export::SharedTheme(t.clone()));
    Ok(Action::StartExport { request: Box::new(request), path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::mercator::mercator_from_lonlat;

    #[test]
    fn a_dialog_whose_layout_changed_asks_for_another_frame() {
        let ctx = egui::Context::default();
        let mut last = None;
        let rect = egui::Rect::from_min_size(egui::pos2(8.0, 40.0), egui::vec2(300.0, 200.0));
        // Whether the frame asked the integration (eframe, the browser) for the next at once.
        let mut asked = |rect: Option<egui::Rect>| {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                settle_layout(ui.ctx(), rect, &mut last);
            });
            out.textures_delta.clear();
            out.viewport_output
                .get(&egui::ViewportId::ROOT)
                .is_some_and(|v| v.repaint_delay.is_zero())
        };
        // egui's own first frames settle, with no dialog.
        let idle = (0..10).map(|_| asked(None)).last();
        assert_eq!(idle, Some(false), "no dialog, no repaint");
        assert!(asked(Some(rect)), "the dialog's first frame");
        assert!(asked(Some(rect.expand(10.0))), "a frame that grew the dialog");
        // egui repaints once more after a request; then a settled dialog leaves the page idle.
        let settled = (0..3).map(|_| asked(Some(rect.expand(10.0)))).last();
        assert_eq!(settled, Some(false), "a settled dialog leaves the browser idle");
    }

    #[test]
    fn request_keeps_the_window_extent_and_its_town_visibility() {
        let view = View {
            center_mercator: mercator_from_lonlat([112.6, 23.1]),
            zoom: 8.0,
            rect_screen: [0.0, 0.0, 1000.0, 700.0],
        };
        let furniture = FurnitureOptions::default();
        let req = request_for_view(
            &view,
            &Layers::default(),
            false,
            Lang::Zh,
            None,
            [3840, 2160],
            &furniture,
        )
        .expect("valid");
        assert_eq!(req.extent_mercator, view.bbox_mercator());
        assert_eq!(req.margin, 0.0);
        assert!(!req.scene.layers.towns, "the window draws no towns at zoom 8");
        let req = request_for_view(
            &view,
            &Layers::default(),
            true,
            Lang::Zh,
            None,
            [3840, 2160],
            &furniture,
        )
        .expect("valid");
        assert!(req.scene.layers.towns);
        assert!(request_for_view(
            &view,
            &Layers::default(),
            false,
            Lang::En,
            None,
            [0, 10],
            &furniture
        )
        .is_err());
        assert_eq!(with_extension("/tmp/a.png", Format::Svg), "/tmp/a.svg");
    }
}
