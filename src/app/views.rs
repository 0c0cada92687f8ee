//! Saved views and the measure tool in the application (issue 12): what a view captures and
//! how opening one restores it, and the measure tool's state. Changes go through `apply`.

use super::state::AtlasApp;
use crate::model::{FeatureKey, Subject};
use crate::scene::measure::Measure;
use crate::scene::saved_view::{SavedView, ViewSelection};
use crate::ui::action::LayerAction;
use crate::ui::measure::{MeasureAction, MeasurePanelState};
use crate::ui::views_panel::ViewAction;
use crate::ui::{Action, Selection};

/// The measure tool: on or off, the path and ring, and whether the path is finished.
#[derive(Default)]
pub struct MeasureState {
    pub on: bool,
    pub measure: Measure,
    /// A finished path stays drawn; the next click starts a new one.
    pub finished: bool,
    pub panel: MeasurePanelState,
}

impl MeasureState {
    /// What the map and exports draw: nothing while the tool is off.
    pub fn drawn(&self) -> Option<&Measure> {
        (self.on && !self.measure.is_empty()).then_some(&self.measure)
    }

    fn apply(&mut self, action: MeasureAction) {
        match action {
            MeasureAction::SetOn(on) => self.on = on,
            MeasureAction::AddPoint(lonlat) => {
                if self.finished {
                    self.measure.path_lonlat.clear();
                    self.finished = false;
                }
                // The first click of a double-click on the last vertex is not a new segment.
                if self.measure.path_lonlat.last() != Some(&lonlat) {
                    self.measure.path_lonlat.push(lonlat);
                }
            }
            MeasureAction::Finish => self.finished = !self.measure.path_lonlat.is_empty(),
            MeasureAction::Clear => {
                self.measure = Measure::default();
                self.finished = false;
            }
            MeasureAction::SetRing(ring) => self.measure.ring = ring,
        }
    }
}

impl AtlasApp {
    pub(super) fn apply_measure(&mut self, action: MeasureAction) {
        self.measure.apply(action);
    }

    pub(super) fn apply_view(&mut self, action: ViewAction) {
        let views = &mut self.settings.views;
        match action {
            ViewAction::SaveCurrent(name) => {
                let view = self.current_view(&name);
                let views = &mut self.settings.views;
                match views.iter_mut().find(|v| v.name == name) {
                    Some(existing) => *existing = view,
                    None => views.push(view),
                }
            }
            ViewAction::Open(view) => self.open_view(&view),
            ViewAction::Rename(i, name) => {
                if let Some(v) = views.get_mut(i) {
                    v.name = name;
                }
            }
            ViewAction::Delete(i) => {
                if i < views.len() {
                    views.remove(i);
                }
            }
            #[cfg(target_arch = "wasm32")]
            ViewAction::CopyLink(name) => {
                let link = crate::web::view_link(&self.current_view(&name).to_text());
                crate::web::copy_text(link.clone());
                self.panels.views.copied = Some(link);
            }
        }
    }

    /// What the map shows now, as a saved view named `name`.
    pub fn current_view(&self, name: &str) -> SavedView {
        let (center_lonlat, zoom) = match &self.map.last_view {
            Some(v) => (v.center_lonlat(), v.zoom),
            None => (self.settings.center_lonlat, self.settings.zoom),
        };
        let entries = self.user_layers.entries();
        let selection = self.selected().and_then(|s| match s {
            Subject::Region(code) => Some(ViewSelection::Region(code.clone())),
            Subject::Place(id) => Some(ViewSelection::Place(id.clone())),
            Subject::Line(id) => Some(ViewSelection::Line(id.clone())),
            Subject::Feature(key) => entries.iter().find(|e| e.id == key.layer).map(|e| {
                ViewSelection::Feature { path: e.spec.path.clone(), feature: key.feature }
            }),
        });
        SavedView {
            name: name.to_string(),
            center_lonlat,
            zoom,
            layers: self.settings.layers.clone(),
            selection,
            theme: self.settings.theme.clone(),
            user_layers_visible: entries
                .iter()
                .filter(|e| e.spec.visible)
                .map(|e| e.spec.path.clone())
                .collect(),
        }
    }

    /// Restores a view: centre and zoom exactly, layers, the theme (re-read only if it differs),
    /// user layers shown or hidden by path, and the selection (without moving the map).
    pub fn open_view(&mut self, view: &SavedView) {
        self.map.set_view(view.center_lonlat, view.zoom);
        self.settings.layers = view.layers.clone();
        if self.settings.theme != view.theme {
            self.apply(Action::SetTheme(view.theme.clone()));
        }
        let visibility: Vec<(u64, bool)> = self
            .user_layers
            .entries()
            .iter()
            .map(|e| (e.id, view.user_layers_visible.contains(&e.spec.path)))
            .collect();
        for (id, visible) in visibility {
            if self.user_layers.entry(id).is_some_and(|e| e.spec.visible != visible) {
                self.apply(Action::UserLayer(LayerAction::SetVisible(id, visible)));
            }
        }
        let subject = view.selection.as_ref().and_then(|s| match s {
            ViewSelection::Region(code) => Some(Subject::Region(code.clone())),
            ViewSelection::Place(id) => Some(Subject::Place(id.clone())),
            ViewSelection::Line(id) => Some(Subject::Line(id.clone())),
            ViewSelection::Feature { path, feature } => {
                let entry = self.user_layers.entries().iter().find(|e| &e.spec.path == path);
                entry.map(|e| Subject::Feature(FeatureKey { layer: e.id, feature: *feature }))
            }
        });
        match subject {
            Some(subject) => self.apply(Action::Select(Selection::of(subject))),
            None => self.apply(Action::ClearSelection),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_clicks_finish_and_start_again() {
        let mut m = MeasureState { on: true, ..Default::default() };
        m.apply(MeasureAction::AddPoint([113.0, 23.0]));
        m.apply(MeasureAction::AddPoint([114.0, 22.5]));
        m.apply(MeasureAction::AddPoint([114.0, 22.5]));
        m.apply(MeasureAction::Finish);
        assert!(m.finished && m.measure.path_lonlat.len() == 2);
        m.apply(MeasureAction::AddPoint([112.0, 22.0]));
        assert_eq!(
            m.measure.path_lonlat,
            vec![[112.0, 22.0]],
            "a click after the end starts a new path"
        );
        m.apply(MeasureAction::SetRing(Some(crate::scene::measure::Ring {
            center_lonlat: [112.0, 22.0],
            radius_km: 50.0,
        })));
        assert!(m.drawn().is_some());
        m.apply(MeasureAction::SetOn(false));
        assert!(m.drawn().is_none(), "off: nothing drawn or exported");
        m.apply(MeasureAction::SetOn(true));
        m.apply(MeasureAction::Clear);
        assert!(m.measure.is_empty() && m.drawn().is_none());
    }
}
