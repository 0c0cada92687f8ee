//! A note about a theme's numbers (period chosen, fewer classes than asked, cells that are not
//! numbers) in both interface languages: the thematic panel shows it in the window's language,
//! the command line prints the English.

use serde::Serialize;

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub en: String,
    pub zh: String,
}

impl Note {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Note {
        Note { en: en.into(), zh: zh.into() }
    }

    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// The English text, so `note.contains(…)` and `{note}` read as they did when notes were
/// plain strings.
impl std::ops::Deref for Note {
    type Target = str;

    fn deref(&self) -> &str {
        &self.en
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}
