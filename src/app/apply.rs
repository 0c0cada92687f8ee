//! The one place where the application's state changes: each action the panels, the map and the
//! keys returned, applied at the start of a pass before anything is drawn.

use super::export_job::ExportJob;
use super::settings::{HOME_CENTER_LONLAT, HOME_ZOOM};
use super::state::AtlasApp;
use crate::export::extent::region_extent;
use crate::geo::bbox::Bbox;
use crate::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use crate::model::Subject;
use crate::scene::view::View;
use crate::ui::document::DocumentView;
use crate::ui::{Action, Selection};

impl AtlasApp {
    /// Applies the queued actions in order.
    pub(super) fn apply_pending(&mut self) {
        for action in std::mem::take(&mut self.pending) {
            self.apply(action);
        }
    }

    pub(super) fn apply(&mut self, action: Action) {
        match action {
            Action::Select(selection) => self.select(Some(selection)),
            Action::Focus(subject) => {
                self.focus(&subject);
                self.select(Some(Selection::of(subject)));
            }
            Action::ClearSelection => self.select(None),
            Action::ShowAllExcerpts => self.show_all_excerpts = true,
            Action::OpenDocument { file, excerpt } => self.document = Some(DocumentView::new(file, excerpt)),
            Action::CloseDocument => self.document = None,
            Action::Home => self.map.set_view(HOME_CENTER_LONLAT, HOME_ZOOM),
            Action::ZoomBy(steps) => self.map.zoom_by(steps),
            Action::PanBy(fraction) => self.map.pan_by(fraction),
            Action::SetLang(lang) => self.settings.lang = lang,
            Action::SetClassroom(on) => self.settings.classroom = on,
            Action::SetLayer(id, on) => *self.settings.layers.get_mut(id) = on,
            Action::SetTownsAtAllZooms(on) => self.settings.towns_at_all_zooms = on,
            Action::SetBasemap(choice) => self.settings.basemap = choice,
            Action::OpenExport => self.open_export(),
            Action::CloseExport => self.show_export = false,
            Action::StartExport { request, path } => {
                self.export_dialog.status = None;
                self.export_job = Some(ExportJob::start(self.atlas.clone(), self.geometry.clone(), *request, path));
            }
            Action::SetTheme(spec) => self.set_theme(spec),
            Action::LoadThemeTable(path) => {
                let style = self.settings.theme.clone();
                match self.theme.load_table(&self.atlas, &path, style.as_ref()) {
                    Ok(spec) => self.set_theme(Some(spec)),
                    Err(e) => self.theme.error = Some(e),
                }
            }
            Action::SaveJoinReport(path) => self.theme.save_report(path),
            Action::TourGo(stop) => self.tour_go(stop),
            Action::TourEnd => self.tour_stop = None,
        }
    }

    /// Persists the spec and (re)builds the theme; a spec that fails stays listed with its error.
    fn set_theme(&mut self, spec: Option<crate::theme::ThemeSpec>) {
        self.theme.set(&self.atlas, spec.as_ref());
        self.theme.report_status = None;
        self.settings.theme = spec;
    }

    /// A new subject folds the excerpt list back to its first few.
    fn select(&mut self, selection: Option<Selection>) {
        if self.selected() != selection.as_ref().map(|s| &s.subject) {
            self.show_all_excerpts = false;
        }
        self.selection = selection;
    }

    /// Opens the export dialog; a report figure usually wants the selected place as its title.
    fn open_export(&mut self) {
        self.show_export = true;
        if self.export_dialog.furniture.title.is_empty() {
            if let Some(subject) = self.selected() {
                self.export_dialog.furniture.title = crate::ui::details::subject_title(&self.atlas, subject, self.settings.lang);
            }
        }
    }

    fn tour_go(&mut self, stop: usize) {
        let Some(subject) = self.tour.get(stop).map(|s| s.subject.clone()) else {
            self.tour_stop = None;
            return;
        };
        self.tour_stop = Some(stop);
        self.focus(&subject);
        self.select(Some(Selection::of(subject)));
    }

    /// Brings a subject into view: a region fits its extent, a place or line centres on it.
    fn focus(&mut self, subject: &Subject) {
        let size = self.map.last_view.map(|v| [v.width(), v.height()]).unwrap_or([1000.0, 800.0]);
        let Some(bbox_mercator) = subject_extent(&self.atlas, subject) else { return };
        let view = View::fit(bbox_mercator, [0.0, 0.0, size[0], size[1]], 0.08);
        self.map.set_view(lonlat_from_mercator(view.center_mercator), view.zoom.min(14.0));
    }
}

/// The mercator extent to show for a subject: a region's shape, a small box around a place,
/// a line's control points.
fn subject_extent(atlas: &crate::model::Atlas, subject: &Subject) -> Option<[f64; 4]> {
    let bbox_mercator = match subject {
        Subject::Region(code) => return atlas.region_by_code(code).and_then(|i| region_extent(atlas, i)),
        Subject::Place(id) => Bbox::around(mercator_from_lonlat(atlas.place_by_id(id)?.lonlat?), 3e-4),
        Subject::Line(id) => Bbox::from_points(atlas.line_by_id(id)?.lonlat.iter().map(|&p| mercator_from_lonlat(p))),
        Subject::Feature(_) => return None,
    };
    (!bbox_mercator.is_empty()).then(|| bbox_mercator.to_array())
}
