//! The left panel's "My layers" section: the planner's own layers, top of the paint order first,
//! each with its visibility, what it holds, its coordinate system, the offset warning, opacity,
//! order and style; a load in progress shows a bar and Cancel, a failed one its message with
//! Retry and Remove. Every change is returned as a [`LayerAction`].

use std::path::Path;

use egui::{Color32, RichText};

use super::action::{Action, LayerAction};
use super::file_dialog::FileDialog;
use crate::i18n::Lang;
use crate::layer::style::ResolvedStyle;
use crate::layer::{Crs, FeatureKind, LayerData, LayerSpec, LayerStyle, StyleMode};

const WARNING: Color32 = Color32::from_rgb(0xb0, 0x3a, 0x2e);

/// How a listed layer stands.
pub enum LayerStatus<'a> {
    Loading { done_bytes: u64, total_bytes: u64 },
    Loaded { data: &'a LayerData, style: &'a ResolvedStyle },
    Failed(&'a str),
}

/// One layer as the panel sees it.
pub struct LayerRow<'a> {
    pub id: u64,
    pub spec: &'a LayerSpec,
    pub status: LayerStatus<'a>,
}

/// The file dialog, when open, and where it opens next; the application opens and closes it
/// (`LayerAction::OpenFileDialog`, `CloseFileDialog`), the dialog browses on its own.
#[derive(Default)]
pub struct UserLayersPanelState {
    pub dialog: Option<FileDialog>,
    /// Where the dialog opens next (the folder of the last file chosen).
    pub last_dir: Option<std::path::PathBuf>,
}

/// The section; `rows` in paint order (bottom first), listed top first as on the map.
pub fn user_layers_panel_ui(ui: &mut egui::Ui, lang: Lang, rows: &[LayerRow]) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(lang.pick("My layers", "我的图层"));
        if ui.button(lang.pick("Add layer…", "添加图层…")).clicked() {
            actions.push(LayerAction::OpenFileDialog);
        }
    });
    if rows.is_empty() {
        ui.label(RichText::new(lang.pick("GeoJSON, or CSV/XLSX with longitude and latitude columns; or drop a file on the map.", "GeoJSON，或含经纬度列的 CSV/XLSX；也可把文件拖到地图上。")).weak());
    }
    for (k, row) in rows.iter().enumerate().rev() {
        let position = (k + 1 < rows.len(), k > 0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            layer_row_ui(ui, lang, row, position, &mut actions);
        });
    }
    actions.into_iter().map(Action::UserLayer).collect()
}

/// `position`: (can move up, can move down).
fn layer_row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    row: &LayerRow,
    position: (bool, bool),
    actions: &mut Vec<LayerAction>,
) {
    let id = row.id;
    ui.horizontal(|ui| {
        let mut visible = row.spec.visible;
        if ui.checkbox(&mut visible, RichText::new(file_name(&row.spec.path)).strong()).changed() {
            actions.push(LayerAction::SetVisible(id, visible));
        }
        if ui
            .add_enabled(position.0, egui::Button::new("↑").small())
            .on_hover_text(lang.pick("Move up", "上移"))
            .clicked()
        {
            actions.push(LayerAction::Move { id, up: true });
        }
        if ui
            .add_enabled(position.1, egui::Button::new("↓").small())
            .on_hover_text(lang.pick("Move down", "下移"))
            .clicked()
        {
            actions.push(LayerAction::Move { id, up: false });
        }
        if matches!(row.status, LayerStatus::Loaded { .. })
            && ui.small_button(lang.pick("Zoom to", "缩放至")).clicked()
        {
            actions.push(LayerAction::ZoomTo(id));
        }
        if ui.small_button(lang.pick("Remove", "移除")).clicked() {
            actions.push(LayerAction::Remove(id));
        }
    });
    match &row.status {
        LayerStatus::Loading { done_bytes, total_bytes } => {
            loading_ui(ui, lang, id, *done_bytes, *total_bytes, actions)
        }
        LayerStatus::Failed(message) => {
            ui.colored_label(WARNING, *message);
            if ui.button(lang.pick("Retry", "重试")).clicked() {
                actions.push(LayerAction::Retry(id));
            }
        }
        LayerStatus::Loaded { data, style } => loaded_ui(ui, lang, row, data, style, actions),
    }
}

fn loading_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    id: u64,
    done: u64,
    total: u64,
    actions: &mut Vec<LayerAction>,
) {
    ui.horizontal(|ui| {
        let fraction = if total > 0 { done as f32 / total as f32 } else { 0.0 };
        ui.add(
            egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                .show_percentage()
                .desired_width(140.0)
                .animate(true),
        );
        if ui.button(lang.pick("Cancel", "取消")).clicked() {
            actions.push(LayerAction::Cancel(id));
        }
    });
}

fn loaded_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    row: &LayerRow,
    data: &LayerData,
    style: &ResolvedStyle,
    actions: &mut Vec<LayerAction>,
) {
    let id = row.id;
    cut_short_ui(ui, lang, data);
    ui.label(
        RichText::new(format!(
            "{} · {} {}",
            kinds_text(&data.kinds(), lang),
            data.feature_count(),
            lang.pick("features", "个要素")
        ))
        .small(),
    );
    ui.label(RichText::new(format_words(&data.format, lang)).weak().small());
    skipped_ui(ui, lang, id, data);
    crs_ui(ui, lang, row, actions);
    if let Some(hint) = &data.offset_hint {
        ui.colored_label(
            WARNING,
            format!(
                "{} {} ({:.0} m → {:.0} m {})",
                lang.pick("⚠ Looks offset like", "⚠ 看似偏移，疑为"),
                crs_name(hint.likely),
                hint.median_as_read_m,
                hint.median_converted_m,
                lang.pick("from the county borders after converting", "（转换后与县界距离）")
            ),
        );
        if hint.likely != row.spec.crs
            && ui
                .button(format!(
                    "{} {}",
                    lang.pick("Convert from", "转换自"),
                    crs_name(hint.likely)
                ))
                .clicked()
        {
            actions.push(LayerAction::SetCrs(id, hint.likely));
        }
    }
    let mut opacity = row.spec.opacity;
    if ui
        .add(egui::Slider::new(&mut opacity, 0.0..=1.0).text(lang.pick("opacity", "不透明度")))
        .changed()
    {
        actions.push(LayerAction::SetOpacity(id, opacity));
    }
    egui::CollapsingHeader::new(lang.pick("Style", "样式")).id_salt(("layer_style", id)).show(
        ui,
        |ui| {
            if let Some(style) = style_editor_ui(ui, lang, id, data, &row.spec.style) {
                actions.push(LayerAction::SetStyle(id, style));
            }
        },
    );
    classes_ui(ui, style);
}

/// A file that broke off early says so before anything else about the layer: the features
/// before the break would otherwise pass for the whole file.
fn cut_short_ui(ui: &mut egui::Ui, lang: Lang, data: &LayerData) {
    let Some(cut) = &data.cut_short else { return };
    let text = match lang {
        Lang::Zh => format!("⚠ {}", cut.describe_zh()),
        Lang::En => format!("⚠ {}", cut.describe()),
    };
    ui.colored_label(WARNING, text);
}

/// How many features were not usable, with the first reasons on request.
fn skipped_ui(ui: &mut egui::Ui, lang: Lang, id: u64, data: &LayerData) {
    if data.skipped == 0 {
        return;
    }
    egui::CollapsingHeader::new(
        RichText::new(format!(
            "{} {}",
            data.skipped,
            lang.pick("features skipped", "个要素被跳过")
        ))
        .color(WARNING),
    )
    .id_salt(("layer_skipped", id))
    .show(ui, |ui| {
        for reason in &data.skipped_examples {
            ui.label(RichText::new(reason).small());
        }
    });
}

/// The coordinate system the file was read in; choosing another reads it again.
fn crs_ui(ui: &mut egui::Ui, lang: Lang, row: &LayerRow, actions: &mut Vec<LayerAction>) {
    let mut crs = row.spec.crs;
    egui::ComboBox::new(("layer_crs", row.id), lang.pick("coordinates", "坐标系"))
        .selected_text(crs_name(crs))
        .show_ui(ui, |ui| {
            for c in Crs::ALL {
                ui.selectable_value(&mut crs, c, crs_name(c));
            }
        });
    if crs != row.spec.crs {
        actions.push(LayerAction::SetCrs(row.id, crs));
    }
    ui.label(RichText::new(row.spec.crs.describe_in(lang)).weak().small());
}

/// How the file was read (`CSV, UTF-8, comma`, `XLSX sheet "Sheet1"`), in `lang`: the loader's
/// words for separators and sheets translated, the format and encoding names kept.
pub fn format_words(format: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format.to_string(),
        Lang::Zh => format
            .replace(", comma", "，逗号分隔")
            .replace(", semicolon", "，分号分隔")
            .replace(", tab", "，制表符分隔")
            .replace(" sheet ", " 工作表 ")
            .replace(", ", "，")
            .replacen("text", "文本", 1),
    }
}

pub fn crs_name(crs: Crs) -> &'static str {
    match crs {
        Crs::Wgs84 => "WGS84",
        Crs::Gcj02 => "GCJ-02",
        Crs::Bd09 => "BD-09",
    }
}

/// Mode, attribute, colour, size and label; returns the edited style when something changed.
fn style_editor_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    id: u64,
    data: &LayerData,
    current: &LayerStyle,
) -> Option<LayerStyle> {
    let columns = &data.attributes.columns;
    let mut style = current.clone();
    let attribute = match &style.mode {
        StyleMode::Single => None,
        StyleMode::Categories { attribute } | StyleMode::Sized { attribute } => {
            Some(attribute.clone())
        }
    };
    // On a switch of mode, keep the attribute when it suits the new mode, else suggest one (a
    // column of few values for categories, of numbers for sizes).
    let first = |numeric: bool| {
        attribute
            .clone()
            .filter(|a| {
                data.attributes
                    .column_index(a)
                    .is_some_and(|c| crate::layer::style::attribute_suits(data, c, numeric))
            })
            .or_else(|| crate::layer::style::suggest_attribute(data, numeric))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        if ui.radio(matches!(style.mode, StyleMode::Single), lang.pick("Single", "单一")).clicked()
        {
            style.mode = StyleMode::Single;
        }
        if ui
            .radio(
                matches!(style.mode, StyleMode::Categories { .. }),
                lang.pick("Categories", "分类"),
            )
            .clicked()
        {
            style.mode = StyleMode::Categories { attribute: first(false) };
        }
        if ui
            .radio(matches!(style.mode, StyleMode::Sized { .. }), lang.pick("Sized", "按数值大小"))
            .clicked()
        {
            style.mode = StyleMode::Sized { attribute: first(true) };
        }
    });
    if let StyleMode::Categories { attribute } | StyleMode::Sized { attribute } = &mut style.mode {
        column_combo(ui, ("layer_attr", id), lang.pick("attribute", "属性"), columns, attribute);
    }
    ui.horizontal(|ui| {
        let [r, g, b, a] = style.color;
        let mut color = Color32::from_rgba_unmultiplied(r, g, b, a);
        egui::color_picker::color_edit_button_srgba(
            ui,
            &mut color,
            egui::color_picker::Alpha::Opaque,
        );
        style.color = color.to_srgba_unmultiplied();
        ui.add(egui::Slider::new(&mut style.size, 0.5..=20.0).text(lang.pick("size", "大小")));
    });
    let mut label = style.label.clone().unwrap_or_default();
    let none = lang.pick("(none)", "（无）");
    egui::ComboBox::new(("layer_label", id), lang.pick("label", "标注"))
        .selected_text(if label.is_empty() { none } else { label.as_str() })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut label, String::new(), none);
            for c in columns {
                ui.selectable_value(&mut label, c.clone(), c);
            }
        });
    style.label = (!label.is_empty()).then_some(label);
    (style != *current).then_some(style)
}

fn column_combo(
    ui: &mut egui::Ui,
    salt: (&str, u64),
    label: &str,
    columns: &[String],
    value: &mut String,
) {
    egui::ComboBox::new(salt, label).selected_text(value.as_str()).show_ui(ui, |ui| {
        for c in columns {
            ui.selectable_value(value, c.clone(), c);
        }
    });
}

/// The style's classes (the layer's legend rows): swatch, label and count.
pub fn classes_ui(ui: &mut egui::Ui, style: &ResolvedStyle) {
    if let Some(attribute) = &style.attribute {
        ui.label(RichText::new(attribute).strong().small());
    }
    for class in &style.classes {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            let [r, g, b, a] = class.color;
            ui.painter().rect_filled(rect, 2.0, Color32::from_rgba_unmultiplied(r, g, b, a));
            ui.label(format!("{} ({})", class.label, class.count));
        });
    }
    for (value, size) in &style.size_legend {
        ui.label(format!("{value}: {size:.1}"));
    }
}

fn kinds_text(kinds: &[FeatureKind], lang: Lang) -> String {
    let words: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            FeatureKind::Point => lang.pick("points", "点"),
            FeatureKind::Line => lang.pick("lines", "线"),
            FeatureKind::Polygon => lang.pick("polygons", "面"),
        })
        .collect();
    if words.is_empty() {
        lang.pick("empty", "空").to_string()
    } else {
        words.join(" + ")
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
