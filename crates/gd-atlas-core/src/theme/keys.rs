//! How a table's key cell is compared with region names and codes.
//!
//! Names compare **case-, space- and punctuation-insensitively** after full-width forms become
//! ASCII: `Gaoyao District`, `gaoyao-district` and `ＧａｏｙａｏＤｉｓｔｒｉｃｔ` are one key.
//! Codes are read as the statistical codes planners paste: 6-digit counties, 9-digit towns,
//! 12-digit codes (the last digits of a village are dropped to reach its town; trailing zeros of a
//! padded county or town code too). Excel's `441204.0` is a code as well.

use crate::table::number::to_halfwidth;

/// The comparison form of a name: half-width, lower case, letters and digits (incl. CJK) only.
pub fn name_key(text: &str) -> String {
    text.chars()
        .map(to_halfwidth)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A stricter form that keeps apostrophes and hyphens (`Yun'an` ≠ `Yunan`): used only to break a
/// tie between names that the loose form confuses.
pub fn spelling_key(text: &str) -> String {
    let lower: String = text.chars().map(to_halfwidth).flat_map(char::to_lowercase).collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a code was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeForm {
    /// 6 digits: a county.
    County,
    /// 9 digits: a town.
    Town,
    /// 12 digits ending in 000000 (county) or 000 (town).
    Padded,
    /// 12 digits of a village, truncated to its town's 9.
    Village,
}

impl CodeForm {
    pub fn describe(self) -> &'static str {
        match self {
            Self::County => "6-digit code",
            Self::Town => "9-digit code",
            Self::Padded => "12-digit code (zero-padded)",
            Self::Village => "12-digit village code, truncated to its town",
        }
    }
}

/// A cell read as a region code: the 6- or 9-digit code to look up, and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeKey {
    pub code: String,
    pub form: CodeForm,
}

/// Reads a code cell; `None` when the cell is not all digits of a known length.
pub fn parse_code(text: &str) -> Option<CodeKey> {
    let half: String = text.chars().map(to_halfwidth).collect();
    let mut digits = half.trim();
    if let Some(int) = digits.strip_suffix(".0") {
        digits = int;
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let key = |len: usize, form| Some(CodeKey { code: digits[..len].to_string(), form });
    match digits.len() {
        6 => key(6, CodeForm::County),
        9 if digits.ends_with("000") => key(6, CodeForm::Padded),
        9 => key(9, CodeForm::Town),
        12 if digits.ends_with("000000") => key(6, CodeForm::Padded),
        12 if digits.ends_with("000") => key(9, CodeForm::Padded),
        12 => key(9, CodeForm::Village),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(name_key("Gaoyao District"), "gaoyaodistrict");
        assert_eq!(name_key(" gaoyao-DISTRICT "), "gaoyaodistrict");
        assert_eq!(name_key("ＧａｏｙａｏＤｉｓｔｒｉｃｔ"), "gaoyaodistrict");
        assert_eq!(name_key("高要区 "), "高要区");
        assert_eq!(name_key("Yun'an"), name_key("Yunan"));
        assert_ne!(spelling_key("Yun'an"), spelling_key("Yunan"));
        assert_eq!(spelling_key("  Yun'an   District "), "yun'an district");
    }

    #[test]
    fn codes_of_every_length() {
        let code = |s: &str| parse_code(s).map(|k| (k.code, k.form));
        assert_eq!(code("441204"), Some(("441204".into(), CodeForm::County)));
        assert_eq!(code("441204.0"), Some(("441204".into(), CodeForm::County)));
        assert_eq!(code("４４１２０４"), Some(("441204".into(), CodeForm::County)));
        assert_eq!(code("441204115"), Some(("441204115".into(), CodeForm::Town)));
        assert_eq!(code("441204000"), Some(("441204".into(), CodeForm::Padded)));
        assert_eq!(code("441204115000"), Some(("441204115".into(), CodeForm::Padded)));
        assert_eq!(code("441204000000"), Some(("441204".into(), CodeForm::Padded)));
        assert_eq!(code("441204115201"), Some(("441204115".into(), CodeForm::Village)));
        assert_eq!(code("4412"), None);
        assert_eq!(code("44120x"), None);
        assert_eq!(code(""), None);
    }
}
