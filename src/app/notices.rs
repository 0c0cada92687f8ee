//! Non-fatal problems the window shows in the layers panel: one line each, dismissable, and
//! logged (`log::warn!`) when they first arrive — broken tiles, settings that could not be
//! saved, rows skipped on load, a damaged settings file, a bad tour file.

use std::collections::HashSet;

/// The notices on show, in arrival order, and the texts the user dismissed: a problem that
/// recurs (every autosave of an unwritable config folder) is shown and logged once, and stays
/// dismissed.
#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<String>,
    seen: HashSet<String>,
}

impl Notices {
    /// Adds `text` unless it is already shown or was dismissed; logs it the first time.
    pub fn push(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.seen.insert(text.clone()) {
            log::warn!("{text}");
            self.shown.push(text);
        }
    }

    pub fn contains(&self, text: &str) -> bool {
        self.shown.iter().any(|t| t == text)
    }

    /// Hides a notice for the rest of the session.
    pub fn dismiss(&mut self, text: &str) {
        self.shown.retain(|t| t != text);
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
}
