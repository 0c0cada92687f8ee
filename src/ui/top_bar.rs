//! The top bar: search, home, language, classroom mode, tour.

use egui::RichText;

use crate::app::{Action, AtlasApp};
use crate::i18n::Lang;
use crate::model::Subject;

pub fn top_bar_ui(app: &mut AtlasApp, ui: &mut egui::Ui) {
    let lang = app.settings.lang;
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.pick("Guangdong Atlas", "广东地图集")).strong().size(17.0));
        ui.separator();
        let search = ui.add(
            egui::TextEdit::singleline(&mut app.search_text)
                .hint_text(lang.pick("Search a place: 金利镇, Gaoyao, 441204…", "搜索地名：金利镇、Gaoyao、441204…"))
                .desired_width(280.0),
        );
        if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            if let Some(first) = app.atlas.find(&app.search_text).into_iter().next() {
                app.push(Action::Focus(first));
                app.search_text.clear();
            }
        }
        if ui.button(lang.pick("Whole province", "全省")).on_hover_text("Home").clicked() {
            app.push(Action::Home);
        }
        if ui.button(lang.pick("Export…", "导出…")).on_hover_text(lang.pick("PNG or SVG for reports", "导出 PNG 或 SVG 图片")).clicked() {
            app.show_export = true;
            // A report figure usually wants the selected place as its title: offer it.
            if app.export_dialog.furniture.title.is_empty() {
                if let Some(subject) = &app.selection {
                    app.export_dialog.furniture.title = crate::ui::details::subject_title(&app.atlas, subject, lang);
                }
            }
        }
        ui.separator();
        let mut zh = app.settings.lang == Lang::Zh;
        if ui.selectable_label(!zh, "English").clicked() {
            zh = false;
        }
        if ui.selectable_label(zh, "中文").clicked() {
            zh = true;
        }
        app.settings.lang = if zh { Lang::Zh } else { Lang::En };
        ui.separator();
        ui.checkbox(&mut app.settings.classroom, lang.pick("Large text", "大字模式"));
        if !app.tour.is_empty() {
            let label = if app.tour_stop.is_some() { lang.pick("End tour", "结束导览") } else { lang.pick("▶ Guided tour", "▶ 导览") };
            if ui.button(label).clicked() {
                if app.tour_stop.is_some() {
                    app.tour_stop = None;
                } else {
                    app.tour_stop = Some(0);
                    let subject = app.tour[0].subject.clone();
                    app.push(Action::Focus(subject));
                }
            }
        }
    });
    // Live results under the search box.
    let query = app.search_text.trim().to_string();
    if query.chars().count() >= 1 {
        let results: Vec<Subject> = app.atlas.find(&query).into_iter().take(10).collect();
        if results.is_empty() {
            ui.label(RichText::new(lang.pick("No match", "无匹配结果")).weak());
        } else {
            ui.horizontal_wrapped(|ui| {
                for subject in results {
                    let text = crate::ui::details::subject_title(&app.atlas, &subject, lang);
                    if ui.small_button(text).clicked() {
                        app.push(Action::Focus(subject));
                        app.search_text.clear();
                    }
                }
            });
        }
    }
}
