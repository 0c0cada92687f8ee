//! Applies compare actions (issue 12): pins change the table, which is rebuilt here once per
//! change (areas are measured on full-detail boundaries, too slow for every frame).

use super::AtlasApp;
use crate::model::compare::{compare_table, to_csv};
use crate::model::Level;
use crate::theme::ThemeLevel;
use crate::ui::compare::CompareAction;

impl AtlasApp {
    pub(super) fn apply_compare(&mut self, action: CompareAction) {
        if let CompareAction::ExportCsv(path) = &action {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(to_csv(&self.selection.compare.table).into_bytes());
            let result =
                crate::platform::write_user_file(path, &bytes).map(|()| path.display().to_string());
            self.selection.compare.status = Some(result);
            return;
        }
        if self.selection.compare.change_pins(&action) {
            let atlas = &self.atlas;
            self.selection.compare.table =
                compare_table(atlas, &self.selection.compare.pinned, |i| {
                    crate::theme::area::region_area(atlas, i).map(|a| (a.km2, a.approximate))
                });
            self.selection.compare.status = None;
        }
    }

    /// The level Ctrl+click pins: the first pin's, else the thematic map's (its county level
    /// includes the two cities without counties, found by `pin_at`), else none (the finest level
    /// drawn, as a plain click picks).
    pub fn pin_level(&self) -> Option<Level> {
        let first =
            self.selection.compare.pinned.first().and_then(|c| self.atlas.region_by_code(c));
        first.map(|i| self.atlas.regions[i].level).or_else(|| {
            self.theme.theme.as_ref().map(|t| match t.values.level {
                ThemeLevel::City => Level::City,
                ThemeLevel::County => Level::County,
                ThemeLevel::Town => Level::Town,
            })
        })
    }

    /// Levels of the pinned regions, in pin order (the compare window warns when they differ).
    pub fn pinned_levels(&self) -> Vec<Level> {
        self.selection
            .compare
            .pinned
            .iter()
            .filter_map(|c| self.atlas.region_by_code(c))
            .map(|i| self.atlas.regions[i].level)
            .collect()
    }

    /// Region codes pinned for comparison, in pin order.
    pub fn pinned(&self) -> &[String] {
        &self.selection.compare.pinned
    }

    /// The compare table as shown (tests read it).
    pub fn compare_table(&self) -> &crate::model::compare::CompareTable {
        &self.selection.compare.table
    }
}
