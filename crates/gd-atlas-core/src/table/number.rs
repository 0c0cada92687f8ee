//! A cell is a number or it is not: `1234.5`, `1,234.5`, `1 234`, full-width `１２３，４`,
//! `12.5%`, `(1,234)` (accounting negative), `1.2e5`, `3.5万` / `2亿` (Chinese myriads). Units
//! (`123 元`), ranges (`10-20`), words (`first`) and missing-value marks (`-`, `—`, `N/A`) are not
//! numbers: the caller counts them as no data and lists them, rather than guessing.

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellValue {
    /// A finite number; `percent` when it was written with `%` (the value is the number before it).
    Number { value: f64, percent: bool },
    /// Nothing but whitespace.
    Empty,
    /// Text that is not a number.
    Text,
}

/// Which mark separates decimals. `DecimalComma` (`1.234,5`) is only assumed for
/// semicolon-delimited files, where European spreadsheets use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

/// Full-width forms (what Chinese input methods type) to ASCII; other characters unchanged.
pub fn to_halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// Reads one cell.
pub fn parse_cell(text: &str, mark: DecimalMark) -> CellValue {
    let cleaned: String = text.chars().map(to_halfwidth).collect();
    let s = cleaned.trim();
    if s.is_empty() {
        return CellValue::Empty;
    }
    match parse_number(s, mark) {
        Some((value, percent)) => CellValue::Number { value, percent },
        None => CellValue::Text,
    }
}

fn parse_number(s: &str, mark: DecimalMark) -> Option<(f64, bool)> {
    let (s, negate_parens) = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (s, false),
    };
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (s, scale) = strip_myriad(s);
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    let plain = ungroup(body.trim_start(), mark)?;
    let value: f64 = plain.parse().ok()?;
    let value = sign * value * scale * if negate_parens { -1.0 } else { 1.0 };
    value.is_finite().then_some((value, percent))
}

/// `万` = 10⁴, `亿` = 10⁸, `万亿` = 10¹².
fn strip_myriad(s: &str) -> (&str, f64) {
    for (suffix, scale) in [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return (rest.trim_end(), scale);
        }
    }
    (s, 1.0)
}

/// Removes digit grouping and returns text `f64::from_str` reads, or `None` when the text is not
/// a plainly written number. Groups must be three digits, so `1,23` is refused rather than read
/// as 123.
fn ungroup(body: &str, mark: DecimalMark) -> Option<String> {
    let (group_seps, decimal): (&[char], char) = match mark {
        DecimalMark::Point => (&[',', ' ', '\u{A0}', '\u{202F}', '\u{2009}', '\''], '.'),
        DecimalMark::Comma => (&['.', ' ', '\u{A0}', '\u{202F}', '\u{2009}', '\''], ','),
    };
    let (int_part, rest) = match body.find([decimal, 'e', 'E']) {
        Some(i) => body.split_at(i),
        None => (body, ""),
    };
    if int_part.is_empty() && !rest.starts_with(decimal) {
        return None;
    }
    let mut digits = String::with_capacity(body.len());
    if int_part.contains(group_seps) {
        let groups: Vec<&str> = int_part.split(group_seps).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        groups.iter().for_each(|g| digits.push_str(g));
    } else {
        digits.push_str(int_part);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.push_str(&fraction_and_exponent(rest, decimal)?);
    Some(digits)
}

/// `.5`, `.5e3`, `e-2` with the decimal mark made a point; anything else is refused.
fn fraction_and_exponent(rest: &str, decimal: char) -> Option<String> {
    let mut out = String::new();
    let mut rest = rest;
    if let Some(frac) = rest.strip_prefix(decimal) {
        let end = frac.find(['e', 'E']).unwrap_or(frac.len());
        let (digits, tail) = frac.split_at(end);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('.');
        out.push_str(digits);
        rest = tail;
    }
    if let Some(exp) = rest.strip_prefix(['e', 'E']) {
        let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if unsigned.is_empty()
            || unsigned.len() > 3
            || !unsigned.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        out.push('e');
        out.push_str(exp);
    } else if !rest.is_empty() {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        match parse_cell(s, DecimalMark::Point) {
            CellValue::Number { value, .. } => Some(value),
            _ => None,
        }
    }

    #[test]
    fn reads_the_ways_planners_write_numbers() {
        assert_eq!(num("1234.5"), Some(1234.5));
        assert_eq!(num(" 1,234.5 "), Some(1234.5));
        assert_eq!(num("1 234"), Some(1234.0));
        assert_eq!(num("1\u{A0}234 567"), Some(1_234_567.0));
        assert_eq!(num("１２３，４５６．７"), Some(123_456.7));
        assert_eq!(num("－５"), Some(-5.0));
        assert_eq!(num("-0.5"), Some(-0.5));
        assert_eq!(num("+7"), Some(7.0));
        assert_eq!(num(".5"), Some(0.5));
        assert_eq!(num("(1,234)"), Some(-1234.0));
        assert_eq!(num("1.2e5"), Some(120_000.0));
        assert_eq!(num("3.5万"), Some(35_000.0));
        assert_eq!(num("2亿"), Some(2e8));
        assert_eq!(
            parse_cell("12.5%", DecimalMark::Point),
            CellValue::Number { value: 12.5, percent: true }
        );
        assert_eq!(
            parse_cell("１２．５％", DecimalMark::Point),
            CellValue::Number { value: 12.5, percent: true }
        );
    }

    #[test]
    fn refuses_what_is_not_plainly_a_number() {
        for s in [
            "1,23",
            "12,3456",
            "1,,234",
            "abc",
            "12 元",
            "10-20",
            "-",
            "—",
            "N/A",
            "NaN",
            "inf",
            "1e999",
            "1.2.3",
            "1e",
            "e5",
            ",5",
            "1,234,56",
            "0x10",
            "１２３４５６７８９０ab",
        ] {
            assert_eq!(parse_cell(s, DecimalMark::Point), CellValue::Text, "{s:?}");
        }
        assert_eq!(parse_cell("  ", DecimalMark::Point), CellValue::Empty);
        assert_eq!(parse_cell("\u{3000}", DecimalMark::Point), CellValue::Empty);
    }

    #[test]
    fn decimal_comma_only_when_asked() {
        assert_eq!(
            parse_cell("1.234,5", DecimalMark::Comma),
            CellValue::Number { value: 1234.5, percent: false }
        );
        assert_eq!(
            parse_cell("0,25", DecimalMark::Comma),
            CellValue::Number { value: 0.25, percent: false }
        );
        assert_eq!(parse_cell("1.234,5", DecimalMark::Point), CellValue::Text);
        assert_eq!(num("1,234"), Some(1234.0));
    }
}
