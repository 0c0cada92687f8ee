//! Keyboard shortcuts of the map, as actions: `+`/`-` zoom, arrows pan, Esc clears, Home, F11
//! presentation mode.
//! While a tour runs, Space, Right/Left and PageDown/PageUp step it (what presentation clickers
//! send) and the left and right arrows no longer pan.

use egui::Key;

use crate::ui::tour_recorder::TourAction;
use crate::ui::Action;

/// The actions of the keys pressed this frame (none while a text field has the keyboard).
pub fn key_actions(ctx: &egui::Context, tour_running: bool) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input(|i| {
        let mut actions = Vec::new();
        if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
            actions.push(Action::ZoomBy(1.0));
        }
        if i.key_pressed(Key::Minus) {
            actions.push(Action::ZoomBy(-1.0));
        }
        if i.key_pressed(Key::Escape) {
            actions.push(Action::ClearSelection);
        }
        if i.key_pressed(Key::F11) {
            actions.push(Action::Presentation(crate::ui::presentation::PresentationAction::Toggle));
        }
        if i.key_pressed(Key::Home) {
            actions.push(Action::Home);
        }
        let axis = |plus: Key, minus: Key| {
            (i.key_pressed(plus) as i32 - i.key_pressed(minus) as i32) as f32
        };
        let mut pan = [axis(Key::ArrowRight, Key::ArrowLeft), axis(Key::ArrowDown, Key::ArrowUp)];
        if tour_running {
            let forward = [Key::Space, Key::ArrowRight, Key::PageDown]
                .iter()
                .filter(|&&k| i.key_pressed(k))
                .count() as i32;
            let back =
                [Key::ArrowLeft, Key::PageUp].iter().filter(|&&k| i.key_pressed(k)).count() as i32;
            if forward != back {
                actions.push(Action::Tour(TourAction::Step(forward - back)));
            }
            pan[0] = 0.0;
        }
        if pan != [0.0, 0.0] {
            // A quarter of the map per key press.
            actions.push(Action::PanBy([pan[0] * 0.25, pan[1] * 0.25]));
        }
        actions
    })
}
