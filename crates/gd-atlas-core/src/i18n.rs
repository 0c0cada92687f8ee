//! The two interface languages. Names come from the data (Chinese and English columns); this
//! module only picks between them and translates the interface's own words.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Picks the English or the Chinese text.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// Picks the English or the Chinese pair (several words that go together).
    pub fn pick2<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A name in this language, falling back to the other when empty.
    pub fn name<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En if !en.is_empty() => en,
            Lang::Zh if !zh.is_empty() => zh,
            _ if !en.is_empty() => en,
            _ => zh,
        }
    }
}
