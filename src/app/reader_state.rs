//! Reader mode's and the tours' state, and how their actions change it.

use std::collections::HashSet;

use super::state::AtlasApp;
use crate::model::mentions::{document_mentions, DocumentMentions};
use crate::model::tour::{document_tour, save_tour, Tour, TourStop};
use crate::ui::reader::ReaderAction;
use crate::ui::tour_recorder::TourAction;
use crate::ui::Selection;

#[derive(Default)]
pub struct ReaderState {
    /// The reader window is shown.
    pub shown: bool,
    pub doc: Option<DocumentMentions>,
    /// Show only the open document's places on the map.
    pub only_mentioned: bool,
    /// Subject ids of the open document's places (the scene's filter).
    pub only_ids: std::sync::Arc<HashSet<String>>,
    /// Changes with every document opened (the scene cache's key).
    pub generation: u64,
    pub hovered: Option<crate::model::Subject>,
    /// Places mentioned by each document (filled when the list is first shown).
    pub counts: Vec<usize>,
}

impl ReaderState {
    /// The filter the map applies, when on and a document is open.
    pub fn only_subjects(&self) -> Option<std::sync::Arc<HashSet<String>>> {
        (self.only_mentioned && self.doc.is_some()).then(|| self.only_ids.clone())
    }
}

/// The tour being recorded and the saved tours.
#[derive(Default)]
pub struct TourState {
    /// Every file of `data/tours/`, by name.
    pub saved: Vec<Tour>,
    pub recorded: Vec<TourStop>,
    pub recorder_shown: bool,
    pub name: String,
    pub status: Option<String>,
    /// The thematic map before a tour's stops began setting it: given back when the tour ends,
    /// so a lesson with census maps does not take the teacher's own map away.
    pub theme_before: Option<Option<crate::theme::ThemeSpec>>,
}

/// Name (file stem) of the tour the top bar's "▶ Guided tour" plays.
pub const GUIDED_TOUR: &str = "classroom";

impl TourState {
    /// The guided tour's stops: `data/tours/classroom.csv`, else the first saved tour (a data
    /// folder of its own may name its tours otherwise).
    pub fn guided(&self) -> &[TourStop] {
        let tour = self.saved.iter().find(|t| t.name == GUIDED_TOUR).or(self.saved.first());
        tour.map_or(&[], |t| t.stops.as_slice())
    }
}

impl AtlasApp {
    pub(super) fn apply_reader(&mut self, action: ReaderAction) {
        match action {
            ReaderAction::Show(on) => {
                self.reading.reader.shown = on;
                if on && self.reading.reader.counts.is_empty() {
                    let atlas = &self.atlas;
                    self.reading.reader.counts = atlas
                        .documents
                        .iter()
                        .map(|d| document_mentions(atlas, &d.file).map_or(0, |m| m.places.len()))
                        .collect();
                }
            }
            ReaderAction::Open(file) => self.open_in_reader(&file),
            ReaderAction::CloseDocument => {
                self.reading.reader.doc = None;
                self.reading.reader.hovered = None;
            }
            ReaderAction::Hover(subject) => self.reading.reader.hovered = subject,
            ReaderAction::SetOnlyMentioned(on) => self.reading.reader.only_mentioned = on,
            ReaderAction::PlayDocumentTour => {
                if let Some(doc) = &self.reading.reader.doc {
                    self.reading.tour = document_tour(doc).stops;
                    // The tour shows each stop's sentence in its caption, and the reader window
                    // would cover the places it flies to (Reader brings it back, still open at
                    // the document).
                    self.reading.reader.shown = false;
                    self.tour_go(0);
                }
            }
        }
    }

    /// Opens a document in the reader (showing the window).
    pub fn open_in_reader(&mut self, file: &str) {
        self.reading.reader.shown = true;
        self.reading.reader.doc = document_mentions(&self.atlas, file);
        self.reading.reader.only_ids = std::sync::Arc::new(
            self.reading.reader.doc.as_ref().map(|d| d.subject_ids()).unwrap_or_default(),
        );
        self.reading.reader.generation += 1;
        self.reading.reader.hovered = None;
    }

    pub(super) fn apply_tour(&mut self, action: TourAction) {
        let rec = &mut self.reading.tours.recorded;
        match action {
            TourAction::ShowRecorder(on) => self.reading.tours.recorder_shown = on,
            TourAction::AddStop => {
                let stop = self.stop_here();
                self.reading.tours.recorded.push(stop);
            }
            TourAction::EditCaption { stop, en, zh } => {
                if let Some(s) = rec.get_mut(stop) {
                    s.caption_en = en;
                    s.caption_zh = zh;
                }
            }
            TourAction::Move { stop, up } => {
                let other = if up { stop.checked_sub(1) } else { Some(stop + 1) };
                if let Some(other) = other.filter(|&o| o < rec.len() && stop < rec.len()) {
                    rec.swap(stop, other);
                }
            }
            TourAction::Delete(stop) => {
                if stop < rec.len() {
                    rec.remove(stop);
                }
            }
            TourAction::Save(name) => self.save_recorded(&name),
            TourAction::Play(which) => {
                let stops = match which {
                    Some(i) => {
                        self.reading.tours.saved.get(i).map(|t| t.stops.clone()).unwrap_or_default()
                    }
                    None => self.reading.tours.recorded.clone(),
                };
                self.reading.tour = stops;
                self.tour_go(0);
            }
            TourAction::PlayGuided => {
                self.reading.tour = self.reading.tours.guided().to_vec();
                self.tour_go(0);
            }
            TourAction::Step(by) => {
                if let Some(stop) = self.reading.tour_stop {
                    let next = stop as i64 + by as i64;
                    if next >= 0 && (next as usize) < self.reading.tour.len() {
                        self.tour_go(next as usize);
                    }
                }
            }
        }
    }

    /// The current view and selection as a stop, captioned with the selection's name.
    /// A recorded stop keeps the census map shown (other themes cannot be written in a tour).
    fn census_stop_theme(&self) -> Option<Option<crate::model::tour::StopTheme>> {
        use crate::theme::{AttributeSpec, Builtin, ThemeLevel};
        match self.settings.theme.as_ref().map(|s| &s.source) {
            Some(AttributeSpec::Builtin { level, builtin: Builtin::Census { id } }) => {
                Some(Some(crate::model::tour::StopTheme {
                    statistic: id.clone(),
                    city_level: *level == ThemeLevel::City,
                }))
            }
            _ => None,
        }
    }

    fn stop_here(&self) -> TourStop {
        let subject =
            self.selected().filter(|s| !matches!(s, crate::model::Subject::Feature(_))).cloned();
        let view = self.map.last_view.map(|v| (v.center_lonlat(), v.zoom));
        let (caption_en, caption_zh) = match &subject {
            Some(s) => (
                crate::ui::reader::subject_name(&self.atlas, s, crate::i18n::Lang::En),
                crate::ui::reader::subject_name(&self.atlas, s, crate::i18n::Lang::Zh),
            ),
            None => Default::default(),
        };
        TourStop { subject, caption_en, caption_zh, view, theme: self.census_stop_theme() }
    }

    /// Writes the recorded tour into the data directory (on the built-in data: the user's
    /// folder beside the settings, `user_tours`) and reloads the saved tours.
    fn save_recorded(&mut self, name: &str) {
        let root = match super::user_tours::save_root(&self.atlas.source, self.settings_path()) {
            Ok(root) => root,
            Err(e) => {
                self.reading.tours.status = Some(e);
                return;
            }
        };
        self.reading.tours.status =
            Some(match save_tour(&root, name, &self.reading.tours.recorded) {
                Ok(path) => format!("saved {}", path.display()),
                Err(e) => e,
            });
        self.reload_tours();
    }

    /// Reads `data/tours/` and the user's tours again; bad files are listed in the messages.
    pub fn reload_tours(&mut self) {
        let (saved, problems) = super::user_tours::all_tours(&self.atlas, self.settings_path());
        self.reading.tours.saved = saved;
        for p in problems.iter().map(|e| e.to_string()) {
            if !self.messages.contains(&p) {
                self.messages.push(p);
            }
        }
    }

    /// Selects a stop's subject (if any) and shows its view, or fits the subject.
    /// Ends the tour; a theme the tour's stops set gives way to the one shown before.
    pub(super) fn end_tour(&mut self) {
        self.reading.tour_stop = None;
        if let Some(before) = self.reading.tours.theme_before.take() {
            self.set_theme(before);
        }
    }

    /// Selects a stop's subject (if any) and flies to its view, or to the subject fitted.
    pub(super) fn show_stop(&mut self, stop: &TourStop) {
        let before = self.map.last_view;
        match (&stop.view, &stop.subject) {
            (Some((center_lonlat, zoom)), _) => self.map.set_view(*center_lonlat, *zoom),
            (None, Some(subject)) => self.focus(subject),
            (None, None) => {}
        }
        self.map.fly_from(before);
        if let Some(subject) = &stop.subject {
            self.select(Some(Selection::of(subject.clone())));
        }
        // A stop without a theme of its own shows the plain map, as its author saw it — not
        // whatever map the user left on, which `end_tour` gives back.
        let theme = stop.theme.clone().flatten();
        if self.reading.tours.theme_before.is_none() {
            self.reading.tours.theme_before = Some(self.settings.theme.clone());
        }
        let spec = theme.and_then(|t| {
            let level = if t.city_level {
                crate::theme::ThemeLevel::City
            } else {
                crate::theme::ThemeLevel::County
            };
            crate::theme::census::census_spec(&self.atlas, level, &t.statistic)
        });
        if spec.is_some() || self.settings.theme.is_some() {
            self.set_theme(spec);
        }
    }
}
