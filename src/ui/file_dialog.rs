//! Opening layer files: an in-app file dialog (a native one needs a desktop portal, absent under
//! Xvfb and on many planners' locked-down machines) and the dispatch of files dropped on the
//! window between user layers and thematic tables.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::action::{Action, LayerAction};
use super::user_layers_panel::crs_name;
use crate::i18n::Lang;
use crate::layer::{Crs, LayerSpec};

/// File name endings the dialog lists (folders are always listed).
pub const LAYER_EXTENSIONS: [&str; 7] = ["geojson", "json", "csv", "tsv", "txt", "xlsx", "xls"];

/// One folder entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub name: String,
    pub is_dir: bool,
}

/// The dialog's state: the folder shown (listed once per folder, not per frame), the path being
/// typed and the coordinate system chosen.
pub struct FileDialog {
    pub dir: PathBuf,
    pub path_text: String,
    pub crs: Crs,
    listing: Result<Vec<Listed>, String>,
    pub error: Option<String>,
}

impl FileDialog {
    pub fn new(dir: PathBuf) -> Self {
        let mut dialog = FileDialog {
            dir: PathBuf::new(),
            path_text: String::new(),
            crs: Crs::Wgs84,
            listing: Ok(Vec::new()),
            error: None,
        };
        dialog.enter(dir);
        dialog
    }

    /// Shows a folder (its listing is read now).
    pub fn enter(&mut self, dir: PathBuf) {
        self.listing = list_dir(&dir);
        self.path_text = dir.display().to_string();
        self.dir = dir;
        self.error = None;
    }

    pub fn listing(&self) -> Result<&[Listed], &str> {
        self.listing.as_deref().map_err(String::as_str)
    }

    /// OK (or Enter, or a double click): a folder is entered, a file becomes a layer.
    #[cfg(not(target_arch = "wasm32"))]
    fn accept(&mut self) -> Option<LayerSpec> {
        let path = PathBuf::from(self.path_text.trim());
        if path.is_dir() {
            self.enter(path);
            None
        } else if path.is_file() {
            Some(LayerSpec::new(path, self.crs))
        } else {
            self.error = Some(format!("file not found: {}", path.display()));
            None
        }
    }
}

/// Folders first, then the files with a layer or table extension, each sorted by name.
pub fn list_dir(dir: &Path) -> Result<Vec<Listed>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<Listed> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().ok()?.is_dir() || entry.path().is_dir();
            (is_dir || has_layer_extension(Path::new(&name))).then_some(Listed { name, is_dir })
        })
        .filter(|l| !l.name.starts_with('.'))
        .collect();
    out.sort_by(|a, b| {
        b.is_dir.cmp(&a.is_dir).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(out)
}

pub fn has_layer_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| LAYER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The dialog window while open. It browses and takes typed paths on its own (`state`); a chosen
/// file comes back as `Add`, and closing it (OK with a file, Cancel, ×) as `CloseFileDialog` —
/// the application closes it and remembers the folder (`apply`).
pub fn file_dialog_window(ctx: &egui::Context, lang: Lang, state: &mut FileDialog) -> Vec<Action> {
    let mut open = true;
    let mut outcome: Option<Option<LayerSpec>> = None;
    super::windows::in_map_area(ctx, egui::Window::new(lang.pick("Add layer", "添加图层")))
        .open(&mut open)
        .collapsible(false)
        .default_size([520.0, 460.0])
        .show(ctx, |ui| {
            outcome = dialog_body_ui(ui, lang, state);
        });
    let mut actions = Vec::new();
    if let Some(Some(spec)) = &outcome {
        actions.push(Action::UserLayer(LayerAction::Add(spec.clone())));
    }
    if !open || outcome.is_some() {
        actions.push(Action::UserLayer(LayerAction::CloseFileDialog));
    }
    actions
}

/// `Some(Some(spec))`: a file was chosen; `Some(None)`: cancelled; `None`: still open.
fn dialog_body_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut FileDialog,
) -> Option<Option<LayerSpec>> {
    #[cfg(target_arch = "wasm32")]
    return browser_body_ui(ui, lang, state);
    #[cfg(not(target_arch = "wasm32"))]
    folder_body_ui(ui, lang, state)
}

/// In the browser a page cannot list folders: the coordinate system is chosen here, then the
/// browser's own file picker (one or more files); they are added once read (`web::files`).
#[cfg(target_arch = "wasm32")]
fn browser_body_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut FileDialog,
) -> Option<Option<LayerSpec>> {
    let mut outcome = None;
    ui.label(
        RichText::new(lang.pick(
            "GeoJSON, CSV, TSV, TXT, XLSX, XLS — or drop files on the map",
            "GeoJSON、CSV、TSV、TXT、XLSX、XLS——也可把文件拖到地图上",
        ))
        .weak()
        .small(),
    );
    crs_row_ui(ui, lang, state);
    ui.horizontal(|ui| {
        if ui.button(lang.pick("Choose files…", "选择文件…")).clicked() {
            crate::web::files::pick(crate::web::files::Purpose::Layer(state.crs));
            outcome = Some(None);
        }
        if ui.button(lang.pick("Cancel", "取消")).clicked() {
            outcome = Some(None);
        }
    });
    outcome
}

/// The coordinate system the chosen file is in.
#[cfg(target_arch = "wasm32")]
fn crs_row_ui(ui: &mut egui::Ui, lang: Lang, state: &mut FileDialog) {
    ui.horizontal(|ui| {
        egui::ComboBox::new("file_dialog_crs", lang.pick("coordinates", "坐标系"))
            .selected_text(crs_name(state.crs))
            .show_ui(ui, |ui| {
                for c in Crs::ALL {
                    ui.selectable_value(&mut state.crs, c, crs_name(c));
                }
            });
        ui.label(RichText::new(state.crs.describe()).weak().small());
    });
}

/// The desktop's dialog: a folder's listing and a path to type.
#[cfg(not(target_arch = "wasm32"))]
fn folder_body_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut FileDialog,
) -> Option<Option<LayerSpec>> {
    let mut outcome = None;
    ui.horizontal(|ui| {
        if ui.button(lang.pick("↑ Up", "↑ 上一级")).clicked() {
            if let Some(parent) = state.dir.parent().map(Path::to_path_buf) {
                state.enter(parent);
            }
        }
        let label = ui.label(lang.pick("Path", "路径"));
        let field = ui
            .add(egui::TextEdit::singleline(&mut state.path_text).desired_width(380.0))
            .labelled_by(label.id);
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            outcome = state.accept().map(Some);
        }
    });
    ui.label(
        RichText::new(
            lang.pick("GeoJSON, CSV, TSV, TXT, XLSX, XLS", "GeoJSON、CSV、TSV、TXT、XLSX、XLS"),
        )
        .weak()
        .small(),
    );
    egui::ScrollArea::vertical().max_height(280.0).auto_shrink([false, true]).show(ui, |ui| {
        if let Some(chosen) = listing_ui(ui, lang, state) {
            outcome = Some(Some(chosen));
        }
    });
    if let Some(err) = &state.error {
        ui.colored_label(egui::Color32::from_rgb(0xb0, 0x3a, 0x2e), err);
    }
    ui.horizontal(|ui| {
        egui::ComboBox::new("file_dialog_crs", lang.pick("coordinates", "坐标系"))
            .selected_text(crs_name(state.crs))
            .show_ui(ui, |ui| {
                for c in Crs::ALL {
                    ui.selectable_value(&mut state.crs, c, crs_name(c));
                }
            });
        ui.label(RichText::new(state.crs.describe_in(lang)).weak().small());
    });
    ui.horizontal(|ui| {
        if ui.button("OK").clicked() {
            outcome = state.accept().map(Some);
        }
        if ui.button(lang.pick("Cancel", "取消")).clicked() {
            outcome = Some(None);
        }
    });
    outcome
}

/// The folder's entries: a click on a folder enters it, on a file fills the path, a double click
/// on a file chooses it.
#[cfg(not(target_arch = "wasm32"))]
fn listing_ui(ui: &mut egui::Ui, lang: Lang, state: &mut FileDialog) -> Option<LayerSpec> {
    let entries = match &state.listing {
        Ok(entries) => entries.clone(),
        Err(e) => {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x3a, 0x2e), e);
            return None;
        }
    };
    if entries.is_empty() {
        ui.label(RichText::new(lang.pick("(no layer files here)", "（此处没有图层文件）")).weak());
    }
    for entry in entries {
        let path = state.dir.join(&entry.name);
        let text = if entry.is_dir { format!("{}/", entry.name) } else { entry.name.clone() };
        let selected = !entry.is_dir && state.path_text == path.display().to_string();
        let response = ui.selectable_label(selected, text);
        if entry.is_dir && response.clicked() {
            state.enter(path);
            return None;
        }
        if response.double_clicked() {
            return Some(LayerSpec::new(path, state.crs));
        }
        if response.clicked() {
            state.path_text = path.display().to_string();
            state.error = None;
        }
    }
    None
}

/// Files dropped on the window this frame, each as a layer or a thematic table.
pub fn dropped_files(ctx: &egui::Context) -> Vec<Action> {
    #[cfg(not(target_arch = "wasm32"))]
    let paths: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    // A page reads dropped files asynchronously: they come back as actions in a later frame
    // (`web::files::take_actions`), dispatched by `dispatch_dropped` as here.
    #[cfg(target_arch = "wasm32")]
    let paths: Vec<PathBuf> = {
        crate::web::files::read_dropped(ctx);
        Vec::new()
    };
    dispatch_dropped(&paths, looks_like_layer)
}

/// A file that looks like a layer (GeoJSON, or a table with longitude/latitude columns) becomes
/// one; anything else is read as a thematic table (only the first such: one theme at a time).
pub fn dispatch_dropped(paths: &[PathBuf], is_layer: impl Fn(&Path) -> bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut table_taken = false;
    for path in paths {
        if is_layer(path) {
            actions.push(Action::UserLayer(LayerAction::Add(LayerSpec::new(
                path.clone(),
                Crs::Wgs84,
            ))));
        } else if !table_taken {
            table_taken = true;
            actions.push(Action::LoadThemeTable(path.clone()));
        }
    }
    actions
}

fn looks_like_layer(path: &Path) -> bool {
    crate::layer::load::looks_like_layer(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_go_to_layers_or_to_the_first_table() {
        let paths: Vec<PathBuf> =
            vec!["sites.geojson".into(), "gdp.csv".into(), "points.csv".into(), "more.xlsx".into()];
        let actions =
            dispatch_dropped(&paths, |p| p.ends_with("sites.geojson") || p.ends_with("points.csv"));
        assert_eq!(
            actions,
            vec![
                Action::UserLayer(LayerAction::Add(LayerSpec::new(
                    "sites.geojson".into(),
                    Crs::Wgs84
                ))),
                Action::LoadThemeTable("gdp.csv".into()),
                Action::UserLayer(LayerAction::Add(LayerSpec::new(
                    "points.csv".into(),
                    Crs::Wgs84
                ))),
            ]
        );
    }

    #[test]
    fn the_interim_layer_test_reads_the_header() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-drop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let points = dir.join("points.csv");
        std::fs::write(&points, "\u{feff}名称,经度,纬度\nA,113.1,23.1\n").expect("write");
        let table = dir.join("gdp.csv");
        std::fs::write(&table, "县,GDP\n高要区,1200\n").expect("write");
        assert!(looks_like_layer(&points));
        assert!(!looks_like_layer(&table));
        assert!(looks_like_layer(Path::new("anything.geojson")));
        let listed = list_dir(&dir).expect("lists");
        assert_eq!(
            listed.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
            vec!["gdp.csv", "points.csv"]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
