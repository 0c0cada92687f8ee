//! Saved views in the left panel: save the current view under a name, open, rename, delete,
//! copy one as text, and open a pasted text (`scene::saved_view` has the text form).

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::scene::saved_view::SavedView;

/// What the views panel asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewAction {
    /// Save what the map shows now under this name (a view of that name is replaced).
    SaveCurrent(String),
    /// Go to a view: centre, zoom, layers, selection, theme, visible user layers.
    Open(Box<SavedView>),
    Rename(usize, String),
    Delete(usize),
    /// Web edition: copy the page's link to what the map shows now (the view's text as the
    /// URL's fragment), under this name.
    #[cfg(target_arch = "wasm32")]
    CopyLink(String),
}

/// The panel's own fields.
#[derive(Default)]
pub struct ViewsPanelState {
    pub new_name: String,
    pub paste_text: String,
    /// The pasted text's error (one line), until it is edited.
    pub paste_error: Option<String>,
    /// The view being renamed and the name being typed.
    pub renaming: Option<(usize, String)>,
    /// The text last copied, shown so it can also be selected by hand (and read by tests).
    pub copied: Option<String>,
}

pub fn views_panel_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    views: &[SavedView],
    state: &mut ViewsPanelState,
) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::CollapsingHeader::new(RichText::new(lang.pick("Saved views", "保存的视图")).strong())
        .id_salt("saved_views")
        .default_open(true)
        .show(ui, |ui| {
            save_row_ui(ui, lang, state, &mut actions);
            for (i, view) in views.iter().enumerate() {
                view_row_ui(ui, lang, i, view, state, &mut actions);
            }
            if let Some(text) = &state.copied {
                ui.label(RichText::new(lang.pick("Copied:", "已复制：")).weak());
                ui.add(egui::Label::new(RichText::new(text.as_str()).monospace().small()).wrap());
            }
            paste_row_ui(ui, lang, state, &mut actions);
        });
    actions
}

fn save_row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut ViewsPanelState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Name", "名称"));
        ui.add(egui::TextEdit::singleline(&mut state.new_name).desired_width(110.0))
            .labelled_by(label.id);
        let name = state.new_name.trim().to_string();
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new(lang.pick("Save view", "保存视图")))
            .clicked()
        {
            actions.push(Action::View(ViewAction::SaveCurrent(name.clone())));
            state.new_name.clear();
        }
        #[cfg(target_arch = "wasm32")]
        if ui
            .button(lang.pick("Copy link", "复制链接"))
            .on_hover_text(
                lang.pick("A link that opens the map as it is now", "打开当前地图的链接"),
            )
            .clicked()
        {
            actions.push(Action::View(ViewAction::CopyLink(name)));
        }
    });
}

fn view_row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    i: usize,
    view: &SavedView,
    state: &mut ViewsPanelState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if let Some((_, name)) = state.renaming.as_mut().filter(|(k, _)| *k == i) {
            ui.add(egui::TextEdit::singleline(name).desired_width(110.0));
            if ui.small_button("OK").clicked() && !name.trim().is_empty() {
                actions.push(Action::View(ViewAction::Rename(i, name.trim().to_string())));
                state.renaming = None;
            }
            return;
        }
        if ui
            .link(view.name.as_str())
            .on_hover_text(lang.pick("Go to this view", "转到此视图"))
            .clicked()
        {
            actions.push(Action::View(ViewAction::Open(Box::new(view.clone()))));
        }
        if ui
            .small_button(lang.pick("Copy text", "复制文本"))
            .on_hover_text(lang.pick(
                "Copy as text to paste in an e-mail or use with --view",
                "复制为文本，可粘贴到邮件或用于 --view",
            ))
            .clicked()
        {
            let text = view.to_text();
            ui.ctx().copy_text(text.clone());
            state.copied = Some(text);
        }
        #[cfg(target_arch = "wasm32")]
        if ui
            .small_button(lang.pick("Copy link", "复制链接"))
            .on_hover_text(
                lang.pick("A link to this page that opens this view", "打开此视图的网页链接"),
            )
            .clicked()
        {
            let link = crate::web::view_link(&view.to_text());
            ui.ctx().copy_text(link.clone());
            state.copied = Some(link);
        }
        if ui.small_button(lang.pick("Rename", "重命名")).clicked() {
            state.renaming = Some((i, view.name.clone()));
        }
        if ui.small_button(lang.pick("Delete", "删除")).clicked() {
            actions.push(Action::View(ViewAction::Delete(i)));
        }
    });
}

fn paste_row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut ViewsPanelState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Paste", "粘贴"));
        let hint = lang.pick("a view text (gd-atlas:v1;…)", "视图文本（gd-atlas:v1;…）");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut state.paste_text)
                    .hint_text(hint)
                    .desired_width(130.0),
            )
            .labelled_by(label.id);
        if edit.changed() {
            state.paste_error = None;
        }
        let go = ui
            .add_enabled(
                !state.paste_text.trim().is_empty(),
                egui::Button::new(lang.pick("Open", "打开")),
            )
            .clicked();
        if go
            || (edit.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && !state.paste_text.trim().is_empty())
        {
            match SavedView::from_text(&state.paste_text) {
                Ok(view) => {
                    actions.push(Action::View(ViewAction::Open(Box::new(view))));
                    state.paste_text.clear();
                }
                Err(e) => state.paste_error = Some(e),
            }
        }
    });
    if let Some(e) = &state.paste_error {
        ui.colored_label(egui::Color32::from_rgb(0xb0, 0x20, 0x20), e.as_str());
    }
}
