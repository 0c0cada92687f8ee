//! Presentation mode (issue 12): the top bar's button, and the pointer highlight drawn over the
//! map so people at the back of a room can follow what the presenter points at.

use crate::i18n::Lang;

use super::Action;

/// What the button, F11 and Esc ask of presentation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentationAction {
    /// F11 and the button: enter when off, leave when on.
    Toggle,
    /// Esc while presenting (Esc clears the selection only once the mode is left).
    Leave,
    /// Stronger borders and darker labels, for washed-out projectors.
    SetHighContrast(bool),
    /// Show or hide the legend on the map.
    SetLegend(bool),
    /// Unfold or fold the notes on the map.
    SetNotes(bool),
}

/// The top bar's "Present" button and, while presenting, the high-contrast switch.
pub fn presentation_buttons_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    on: bool,
    high_contrast: bool,
    legend: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let label = if on {
        lang.pick("Leave presentation (Esc)", "退出演示 (Esc)")
    } else {
        lang.pick("Present (F11)", "演示 (F11)")
    };
    if ui
        .button(label)
        .on_hover_text(
            lang.pick(
                "Full screen, larger text and lines, no side panels",
                "全屏、大字粗线、隐藏侧栏",
            ),
        )
        .clicked()
    {
        actions.push(Action::Presentation(PresentationAction::Toggle));
    }
    if on {
        let mut contrast = high_contrast;
        if ui.checkbox(&mut contrast, lang.pick("High contrast", "高对比度")).changed() {
            actions.push(Action::Presentation(PresentationAction::SetHighContrast(contrast)));
        }
        let mut shown = legend;
        if ui.checkbox(&mut shown, lang.pick("Legend", "图例")).changed() {
            actions.push(Action::Presentation(PresentationAction::SetLegend(shown)));
        }
    }
    actions
}

/// Radius of the pointer highlight, points: large enough to see from the back of a classroom,
/// small enough not to hide a county.
pub const POINTER_RING_RADIUS: f32 = 26.0;

/// A translucent ring around the pointer (drawn last, over the map and its furniture).
pub fn draw_pointer_ring(painter: &egui::Painter, pos_screen: egui::Pos2) {
    let fill = egui::Color32::from_rgba_unmultiplied(0xff, 0xd0, 0x20, 60);
    let edge = egui::Stroke::new(4.0, egui::Color32::from_rgba_unmultiplied(0xe0, 0x60, 0x00, 190));
    painter.circle(pos_screen, POINTER_RING_RADIUS, fill, edge);
}
