//! Presentation mode (issue 12): full screen, no side panels, larger labels and lines, an
//! optional high-contrast style and a pointer highlight. Esc leaves the mode before it clears
//! anything else, so a presenter never loses the selection by leaving.

use super::state::AtlasApp;
use crate::ui::measure::MeasureAction;
use crate::ui::presentation::PresentationAction;
use crate::ui::Action;

/// Label and line scale of the map while presenting: names read from the back of a room at
/// 1280×720. With "Large text" on, the window's zoom factor (`CLASSROOM_ZOOM`, 1.45) already
/// makes them that large, so the two do not multiply: names twice their size left room for 13
/// of the 21 prefecture cities at 1280×720 (issue 19 QA).
pub const PRESENTATION_TEXT_SCALE: f32 = 1.4;

#[derive(Default)]
pub struct PresentationState {
    pub on: bool,
    pub high_contrast: bool,
    /// Hide the legend drawn on the map while presenting: at 1280×720 it covers a quarter of
    /// the map, and a teacher who has explained it wants the room back.
    pub legend_hidden: bool,
    /// Unfold the notes on the map while presenting (folded to a chip by default: they covered
    /// a corner of the map the room looks at).
    pub notes_open: bool,
    /// The full-screen command to send to the window at the next frame (apply has no context).
    fullscreen_to_send: Option<bool>,
}

impl PresentationState {
    /// The scene's label and line scale; `classroom`: Large text is on (its zoom factor scales
    /// the names already).
    pub fn text_scale(&self, classroom: bool) -> f32 {
        if self.on && !classroom {
            PRESENTATION_TEXT_SCALE
        } else {
            1.0
        }
    }

    /// High contrast applies only while presenting.
    pub fn high_contrast(&self) -> bool {
        self.on && self.high_contrast
    }
}

impl AtlasApp {
    pub(super) fn apply_presentation(&mut self, action: PresentationAction) {
        let state = &mut self.presentation;
        let on = match action {
            PresentationAction::Toggle => !state.on,
            PresentationAction::Leave => false,
            PresentationAction::SetHighContrast(high) => {
                state.high_contrast = high;
                return;
            }
            PresentationAction::SetLegend(shown) => {
                state.legend_hidden = !shown;
                self.refit_province_if_shown();
                return;
            }
            PresentationAction::SetNotes(open) => {
                state.notes_open = open;
                self.refit_province_if_shown();
                return;
            }
        };
        if on != state.on {
            state.on = on;
            state.fullscreen_to_send = Some(on);
            self.refit_province_if_shown();
        }
    }

    /// Whether presentation mode is on (tests, the top bar).
    pub fn presenting(&self) -> bool {
        self.presentation.on
    }

    /// Whether the legend is drawn on the map while presenting (tests).
    pub fn presentation_legend_shown(&self) -> bool {
        !self.presentation.legend_hidden
    }

    /// Sends the pending full-screen command to the window.
    pub(super) fn send_fullscreen(&mut self, ctx: &egui::Context) {
        if let Some(on) = self.presentation.fullscreen_to_send.take() {
            // In the browser the page asks for its full screen (eframe's web runner has no
            // viewport commands); the click that started presenting lets it.
            #[cfg(target_arch = "wasm32")]
            {
                let _ = ctx;
                crate::web::set_fullscreen(on);
            }
            #[cfg(not(target_arch = "wasm32"))]
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
    }
}

/// While presenting, Esc leaves the mode instead of clearing the selection or the measure.
pub fn presentation_keys(ctx: &egui::Context, keys: &mut Vec<Action>) {
    let esc = !ctx.egui_wants_keyboard_input() && ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if esc {
        keys.retain(|a| {
            *a != Action::ClearSelection && *a != Action::Measure(MeasureAction::Clear)
        });
        keys.push(Action::Presentation(PresentationAction::Leave));
    }
}
