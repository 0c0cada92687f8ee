//! Reading a number out of an indicator's value as the articles state it: `37.29 billion`,
//! `more than 95`, `about 280`, `1,356`, `200 (or more)`. Qualified figures are kept but marked
//! approximate; words (`first`, `half`), ranges and lists (`16 → 188`, `2 municipal; 5 local`)
//! are not numbers.

use crate::table::number::{parse_cell, CellValue, DecimalMark};

/// Leading words that qualify a figure (all make it approximate except `all`).
const QUALIFIERS: &[(&str, bool)] = &[
    ("more than ", true),
    ("less than ", true),
    ("approximately ", true),
    ("exceeding ", true),
    ("exceeded ", true),
    ("exceed ", true),
    ("nearly ", true),
    ("almost ", true),
    ("around ", true),
    ("about ", true),
    ("over ", true),
    ("up to ", true),
    ("c. ", true),
    ("all ", false),
];
const SCALES: &[(&str, f64)] =
    &[("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];

/// The number in an indicator value, and whether it is approximate.
pub fn indicator_number(text: &str) -> Option<(f64, bool)> {
    let mut s = text.trim().to_lowercase();
    let mut approximate = false;
    if let Some(open) = s.find('(') {
        if s.ends_with(')') {
            approximate = true; // "(probable)", "(or more)", "(of the … top 100 counties, probable)"
            s.truncate(open);
        }
    }
    let mut rest = s.trim();
    while let Some((qualifier, approx)) = QUALIFIERS.iter().find(|(q, _)| rest.starts_with(q)) {
        rest = rest[qualifier.len()..].trim_start();
        approximate |= approx;
    }
    let (number, scale_word) = rest.split_once(' ').map_or((rest, ""), |(n, w)| (n, w.trim()));
    let scale = match scale_word {
        "" => 1.0,
        word => SCALES.iter().find(|(w, _)| *w == word)?.1,
    };
    match parse_cell(number, DecimalMark::Point) {
        CellValue::Number { value, .. } => Some((value * scale, approximate)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stated_figures() {
        assert_eq!(indicator_number("37.29 billion"), Some((37.29e9, false)));
        assert_eq!(indicator_number("3.729 billion"), Some((3.729e9, false)));
        assert_eq!(indicator_number("1,356"), Some((1356.0, false)));
        assert_eq!(indicator_number("more than 95"), Some((95.0, true)));
        assert_eq!(indicator_number("approximately 31.28 billion"), Some((31.28e9, true)));
        assert_eq!(indicator_number("200 (or more)"), Some((200.0, true)));
        assert_eq!(indicator_number("all 13"), Some((13.0, false)));
        assert_eq!(indicator_number("more than 2000 million"), Some((2e9, true)));
    }

    #[test]
    fn refuses_words_ranges_and_lists() {
        for s in [
            "first",
            "half",
            "16 → 188",
            "2 municipal; 5 local",
            "unresolved",
            "<>,<>",
            "four",
            "top 300",
            "816th",
            "one hour",
            "",
        ] {
            assert_eq!(indicator_number(s), None, "{s:?}");
        }
    }
}
