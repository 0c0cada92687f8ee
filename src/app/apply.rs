//! The one place where the application's state changes: each action the panels, the map and the
//! keys returned, applied at the start of a pass before anything is drawn.

use super::export_job::ExportJob;
use super::settings::{HOME_CENTER_LONLAT, HOME_ZOOM};
use super::state::AtlasApp;
use crate::export::extent::province_extent;
use crate::geo::bbox::Bbox;
use crate::map::frame::FitSubject;
use crate::model::Subject;
use crate::scene::user_layer::UserLayer;
use crate::ui::action::LayerAction;
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
            Action::ShowAllExcerpts => self.selection.all_excerpts = true,
            Action::OpenDocument { file, excerpt } => {
                self.reading.document = Some(DocumentView::new(file, excerpt))
            }
            Action::CloseDocument => self.reading.document = None,
            Action::Home => self.home(),
            Action::ZoomBy(steps) => self.map.zoom_by(steps),
            Action::PanBy(fraction) => self.map.pan_by(fraction),
            Action::SetLang(lang) => self.settings.lang = lang,
            Action::SetClassroom(on) => {
                self.settings.classroom = on;
                self.refit_province_if_shown();
            }
            Action::SetLayer(id, on) => *self.settings.layers.get_mut(id) = on,
            Action::SetTownsAtAllZooms(on) => self.settings.towns_at_all_zooms = on,
            Action::SetBasemap(choice) => self.settings.basemap = choice,
            Action::OpenExport => self.open_export(),
            Action::CloseExport => self.export.open = false,
            Action::ExportFinished(result) => {
                // The next export (and the next start) is offered in this figure's folder.
                if let Ok(written) = &result {
                    let folder = std::path::Path::new(written).parent();
                    if let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty()) {
                        self.settings.last_export_dir = Some(folder.to_path_buf());
                    }
                }
                self.export.dialog.status = Some(result);
                self.export.job = None;
            }
            Action::StartExport { request, path } => {
                self.export.dialog.status = None;
                let mut request =
                    super::export_job::with_user_layers(*request, self.user_layers.drawn());
                // The window's request (measure, pins, high contrast, the reader's filter …)
                // with the dialog's choices: its layers (towns as the figure's zoom reads them),
                // language, selection and markers.
                let dialog = request.scene.clone();
                request.scene = crate::scene::SceneRequest {
                    layers: dialog.layers,
                    lang: dialog.lang,
                    selection: dialog.selection,
                    markers: dialog.markers,
                    ..self.scene_request()
                };
                self.export.job = Some(ExportJob::start(
                    self.atlas.clone(),
                    self.geometry.clone(),
                    request,
                    path,
                ));
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
            Action::TourEnd => self.end_tour(),
            Action::ZoomInAt { lonlat, steps } => {
                let zoom = self.map.last_view.map_or(self.settings.zoom, |v| v.zoom);
                self.map.set_view(lonlat, zoom + steps);
            }
            Action::UserLayer(action) => self.apply_layer_action(action),
            Action::Measure(action) => self.apply_measure(action),
            Action::View(action) => self.apply_view(action),
            Action::Reader(action) => self.apply_reader(action),
            Action::Tour(action) => self.apply_tour(action),
            Action::Compare(action) => self.apply_compare(action),
            Action::Presentation(action) => self.apply_presentation(action),
            Action::DismissNotice(text) => self.messages.dismiss(&text),
            Action::Layout(action) => self.apply_layout(action),
        }
    }

    /// Changes to the user layers; the settings keep their specs (see `current_settings`).
    fn apply_layer_action(&mut self, action: LayerAction) {
        let layers = &mut self.user_layers;
        match action {
            LayerAction::Add(mut spec) => {
                if !layers.contains_path(&spec.path) {
                    // A fresh layer gets the next distinct colour, as `export --layer` does.
                    if spec.style == crate::layer::LayerStyle::default() {
                        spec.style.color =
                            crate::layer::style::default_layer_color(layers.entries().len());
                    }
                    // The file dialog opens next time in this file's folder.
                    self.panels.user_layers.last_dir =
                        spec.path.parent().map(std::path::Path::to_path_buf);
                    layers.add(spec);
                }
            }
            LayerAction::OpenFileDialog => {
                let panel = &mut self.panels.user_layers;
                let dir = panel
                    .last_dir
                    .clone()
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                panel.dialog = Some(crate::ui::file_dialog::FileDialog::new(dir));
            }
            LayerAction::CloseFileDialog => self.panels.user_layers.dialog = None,
            LayerAction::Remove(id) | LayerAction::Cancel(id) => {
                layers.remove(id);
                self.clear_selection_of_layer(id);
            }
            LayerAction::Retry(id) => {
                layers.reload(id);
                self.clear_selection_of_layer(id);
            }
            LayerAction::SetCrs(id, crs) => {
                layers.edit(id, |s| s.crs = crs);
                layers.reload(id);
                self.clear_selection_of_layer(id);
            }
            LayerAction::SetVisible(id, on) => layers.edit(id, |s| s.visible = on),
            LayerAction::SetOpacity(id, opacity) => {
                layers.edit(id, |s| s.opacity = opacity.clamp(0.0, 1.0))
            }
            LayerAction::SetStyle(id, style) => layers.edit(id, |s| s.style = style),
            LayerAction::Move { id, up } => layers.move_layer(id, up),
            LayerAction::ZoomTo(id) => {
                let extent =
                    layers.entry(id).and_then(|e| e.loaded()).map(|l| l.data.bbox_mercator);
                if let Some(bbox_mercator) = extent.filter(|b| !b.is_empty()) {
                    self.fit(FitSubject::of_box(bbox_mercator.to_array()));
                }
            }
        }
    }

    /// A selected feature of a layer that is gone (or read again under a new id) is unselected.
    fn clear_selection_of_layer(&mut self, id: u64) {
        if matches!(self.selected(), Some(Subject::Feature(key)) if key.layer == id) {
            self.select(None);
        }
    }

    /// Persists the spec and (re)builds the theme; a spec that fails stays listed with its error.
    pub(super) fn set_theme(&mut self, spec: Option<crate::theme::ThemeSpec>) {
        self.theme.set(&self.atlas, spec.as_ref());
        self.theme.report_status = None;
        self.settings.theme = spec;
    }

    /// A new subject folds the excerpt list back to its first few.
    pub(super) fn select(&mut self, selection: Option<Selection>) {
        if self.selected() != selection.as_ref().map(|s| &s.subject) {
            self.selection.all_excerpts = false;
            if selection.is_some() {
                self.show_details_of_new_selection();
            }
        }
        self.selection.current = selection;
    }

    /// Opens the export dialog (its title follows the extent and the language until typed).
    fn open_export(&mut self) {
        self.export.open = true;
    }

    /// The selection's name for a figure's title, in the window's language.
    pub(super) fn selection_title(&self) -> Option<String> {
        let subject = self.selected()?;
        Some(match subject {
            Subject::Feature(key) => {
                let loaded = self.user_layers.loaded();
                let layer = crate::ui::feature_details::find_layer(&loaded, key);
                layer
                    .map(|l| crate::ui::feature_details::feature_title(l, key.feature))
                    .unwrap_or_default()
            }
            _ => crate::ui::details::subject_title(&self.atlas, subject, self.settings.lang),
        })
    }

    pub(super) fn tour_go(&mut self, stop: usize) {
        let Some(stop_data) = self.reading.tour.get(stop).cloned() else {
            self.reading.tour_stop = None;
            return;
        };
        self.reading.tour_stop = Some(stop);
        self.show_stop(&stop_data);
        // A narrow window (Large text at 1280×720) keeps the stop's details closed: the caption
        // tells the stop, and the panel beside a three-line caption left the map 55 % of the
        // window. The top bar's Details button opens them (until the next stop).
        self.layout.details_hidden = true;
    }

    /// Brings a subject into view: a region fits its shape, a place or line its box.
    pub(super) fn focus(&mut self, subject: &Subject) {
        let loaded = self.user_layers.loaded();
        if let Some(bbox_mercator) = subject_extent(&self.atlas, &loaded, subject) {
            let polygons_mercator = match subject {
                Subject::Region(code) => self
                    .atlas
                    .region_by_code(code)
                    .map(|i| region_polygons_mercator(&self.atlas, i))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            self.fit(FitSubject { bbox_mercator, polygons_mercator });
        }
    }

    /// Shows a subject with a small margin (not closer than zoom 14), none of the map's
    /// furniture over it.
    fn fit(&mut self, subject: FitSubject) {
        self.map.fit(subject, SUBJECT_MARGIN, SUBJECT_MAX_ZOOM);
    }

    /// When the map shows the whole province, frames it again (after a change of layout: Large
    /// text, presentation): the teacher who presses Present on the province sees it fill the
    /// screen; a closer view is left as it is.
    pub(super) fn refit_province_if_shown(&mut self) {
        if self.map.province_shown() {
            self.home();
        }
    }

    /// *Whole province* (Home): Guangdong as large as the map allows, clear of its furniture.
    fn home(&mut self) {
        match self.map.province.clone() {
            Some((subject, margin)) => self.map.fit(subject, margin, crate::map::frame::MAX_ZOOM),
            None => self.map.set_view(HOME_CENTER_LONLAT, HOME_ZOOM),
        }
    }
}

/// Guangdong's box and shape, for the start view and *Whole province*.
pub fn province_subject(atlas: &crate::model::Atlas) -> Option<FitSubject> {
    let bbox_mercator = province_extent(atlas)?;
    let idx = atlas.regions_of_level(crate::model::Level::Province).first().copied();
    Some(FitSubject {
        bbox_mercator,
        polygons_mercator: idx.map(|i| region_polygons_mercator(atlas, i)).unwrap_or_default(),
    })
}

/// Simplification of the outlines a fit keeps clear of the furniture, mercator units (~0.8 km:
/// a fraction of a pixel at the zooms that frame a province or a city), at most.
const FIT_OUTLINE_TOLERANCE: f32 = 2e-5;
/// …and at most this fraction of the region's larger side: a town framed across 500 pixels is
/// framed at a zoom where 0.8 km is 18 pixels, and its simplified outline let the credits cover
/// its edge (issue 19 QA).
const FIT_OUTLINE_SHARE: f32 = 1.0 / 2000.0;

/// A region's polygons in mercator, simplified for framing (empty without a shape).
fn region_polygons_mercator(atlas: &crate::model::Atlas, idx: usize) -> Vec<Vec<Vec<[f64; 2]>>> {
    let Some(shape) = atlas.regions[idx].shape else { return Vec::new() };
    let topology = &atlas.topology;
    let b = topology.shapes[shape].bbox_mercator.to_array();
    let tolerance =
        FIT_OUTLINE_TOLERANCE.min(((b[2] - b[0]).max(b[3] - b[1]) as f32) * FIT_OUTLINE_SHARE);
    topology.shapes[shape]
        .polygons
        .iter()
        .map(|polygon| {
            polygon
                .iter()
                .map(|ring| {
                    let mut out = Vec::new();
                    topology.ring_into(
                        ring,
                        tolerance,
                        crate::geo::topology::Space::Mercator,
                        &mut out,
                    );
                    out
                })
                .collect()
        })
        .collect()
}

/// Space around the province framed by *Whole province* and the start view (2 % a side).
pub const PROVINCE_MARGIN: f64 = 0.02;
/// Space around a framed subject (8 % a side), and the closest a subject is framed (a place is
/// a tiny box: street level would show nothing around it).
const SUBJECT_MARGIN: f64 = 0.08;
const SUBJECT_MAX_ZOOM: f64 = 14.0;

/// The mercator extent to show for a subject: a region's shape, a small box around a place,
/// a line's control points, a user feature's geometry (a point gets the place's box).
pub(super) fn subject_extent(
    atlas: &crate::model::Atlas,
    user_layers: &[std::sync::Arc<UserLayer>],
    subject: &Subject,
) -> Option<[f64; 4]> {
    let bbox_mercator = match subject {
        Subject::Region(_) | Subject::Place(_) | Subject::Line(_) => {
            return crate::export::extent::subject_extent(atlas, subject)
        }
        Subject::Feature(key) => {
            let data = &crate::ui::feature_details::find_layer(user_layers, key)?.data;
            let bbox = crate::ui::feature_details::feature_bbox_mercator(data, key.feature);
            let half = crate::export::extent::PLACE_BOX_HALF;
            if bbox.width() < 2.0 * half && bbox.height() < 2.0 * half && !bbox.is_empty() {
                Bbox::around(bbox.center(), half)
            } else {
                bbox
            }
        }
    };
    (!bbox_mercator.is_empty()).then(|| bbox_mercator.to_array())
}
