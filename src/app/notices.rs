//! Non-fatal problems the window shows in the layers panel: one line each, dismissable, and
//! logged (`log::warn!`) when they first arrive — broken tiles, settings that could not be
//! saved, rows skipped on load, a damaged settings file, a bad tour file.

use std::collections::HashSet;

/// The notices on show, in arrival order, and the keys the user dismissed: a problem that
/// recurs (every autosave of an unwritable config folder) is shown and logged once, and stays
/// dismissed. A notice with a count ("12 broken basemap tiles in …") keeps one key while its
/// text changes: it is updated in place and logged only when it first arrives, so stderr gets
/// one line, not one per tile.
#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<String>,
    /// The key of each shown notice (its text, unless pushed with [`Notices::push_keyed`]).
    keys: Vec<String>,
    seen: HashSet<String>,
}

impl Notices {
    /// Adds `text` unless it is already shown or was dismissed; logs it the first time.
    pub fn push(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.push_keyed(&text.clone(), text);
    }

    /// Adds `text` under `key`, or replaces the text shown under `key` (without logging again);
    /// nothing when that key was dismissed.
    pub fn push_keyed(&mut self, key: &str, text: String) {
        if let Some(i) = self.keys.iter().position(|k| k == key) {
            self.shown[i] = text;
        } else if self.seen.insert(key.to_string()) {
            log::warn!("{text}");
            self.shown.push(text);
            self.keys.push(key.to_string());
        }
    }

    pub fn contains(&self, text: &str) -> bool {
        self.shown.iter().any(|t| t == text)
    }

    /// Hides a notice (by its text as shown) for the rest of the session.
    pub fn dismiss(&mut self, text: &str) {
        while let Some(i) = self.shown.iter().position(|t| t == text) {
            self.shown.remove(i);
            self.keys.remove(i);
        }
    }

    pub fn shown(&self) -> &[String] {
        &self.shown
    }
}

impl Extend<String> for Notices {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        for text in iter {
            self.push(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_is_shown_once_and_stays_dismissed() {
        let mut n = Notices::default();
        n.push("settings not saved: /x: read-only");
        n.push("settings not saved: /x: read-only");
        n.push("tiles: 3 broken");
        assert_eq!(n.shown().len(), 2, "a repeated problem is one notice");
        n.dismiss("settings not saved: /x: read-only");
        n.push("settings not saved: /x: read-only");
        assert_eq!(n.shown(), ["tiles: 3 broken"], "a dismissed notice does not come back");
        assert!(n.contains("tiles: 3 broken") && !n.contains("settings not saved: /x: read-only"));
    }

    #[test]
    fn a_counted_notice_is_updated_in_place_and_stays_dismissed() {
        let mut n = Notices::default();
        n.push_keyed("broken tiles in /t", "1 broken tile in /t: first /t/7/1/2.png".into());
        n.push("settings not saved: /x: read-only");
        n.push_keyed("broken tiles in /t", "12 broken tiles in /t: first /t/7/1/2.png".into());
        assert_eq!(
            n.shown(),
            ["12 broken tiles in /t: first /t/7/1/2.png", "settings not saved: /x: read-only"]
        );
        n.dismiss("12 broken tiles in /t: first /t/7/1/2.png");
        n.push_keyed("broken tiles in /t", "13 broken tiles in /t: first /t/7/1/2.png".into());
        assert_eq!(n.shown(), ["settings not saved: /x: read-only"]);
    }
}
