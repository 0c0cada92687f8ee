//! Text normalisation shared by the verbatim checks, the excerpt linker and search.

/// Collapses every run of whitespace (incl. newlines) into one space and trims the ends.
///
/// The articles break sentences across lines; excerpts are stored with this normalisation, so a
/// verbatim check compares normalised excerpt against normalised document.
pub fn normalise_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits a whitespace-normalised document into sentences (ends kept with their sentence).
///
/// A sentence ends at `.`, `!`, `?` or `;` followed by a space, or at Chinese `。！？；` — but not
/// at an abbreviation ("No. 2 Village", "Co. Ltd.", "St.", an initial "J. Smith"): a split there
/// cut "Baitu No. 2 Village" into "… Baitu No." (read as the town Baitu) and "2 Village, …".
/// Decimals never split (no space after the point).
pub fn split_sentences(normalised: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = normalised.as_bytes();
    for (i, ch) in normalised.char_indices() {
        let end = i + ch.len_utf8();
        let is_end = match ch {
            '.' => {
                (bytes.get(end) == Some(&b' ')
                    && !is_abbreviation(&normalised[..i], &normalised[end..]))
                    || end == bytes.len()
            }
            '!' | '?' | ';' => bytes.get(end) == Some(&b' ') || end == bytes.len(),
            '。' | '！' | '？' | '；' => true,
            _ => false,
        };
        if is_end {
            let s = normalised[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = normalised[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Abbreviations that end with a point inside a sentence ("No." only before a number).
const ABBREVIATIONS: &[&str] = &[
    "Co", "Ltd", "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Corp", "Jr", "Sr", "vs", "Mt",
    "Ft", "Fig", "Gov", "Gen", "Rd", "Ave",
];

/// True when the point ending `before` closes an abbreviation rather than a sentence.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let next = after.trim_start().chars().next();
    let initial = word.chars().count() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    match word {
        "No" | "Nos" | "no" => next.is_some_and(|c| c.is_ascii_digit()),
        _ => initial || ABBREVIATIONS.contains(&word),
    }
}

/// Lower-case word tokens: runs of alphanumeric characters (apostrophes and hyphens split words,
/// so "Jinli's" holds "jinli" and "Wei'an" is "wei an").
pub fn word_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// True when the text contains a CJK ideograph (Chinese names are matched as substrings).
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_splits() {
        let doc = normalise_whitespace("One line\n broken here.  Two!\nThree? 四。五");
        assert_eq!(doc, "One line broken here. Two! Three? 四。五");
        assert_eq!(
            split_sentences(&doc),
            vec!["One line broken here.", "Two!", "Three?", "四。", "五"]
        );
        assert_eq!(split_sentences("3.5 billion. Next"), vec!["3.5 billion.", "Next"]);
        assert_eq!(
            split_sentences("Baitu No. 2 Village, Lubu. Next"),
            vec!["Baitu No. 2 Village, Lubu.", "Next"]
        );
        assert_eq!(
            split_sentences("Summit Co. Ltd. makes tiles. J. Smith said no. Next"),
            vec!["Summit Co. Ltd. makes tiles.", "J. Smith said no.", "Next"]
        );
    }

    #[test]
    fn tokens_split_apostrophes() {
        assert_eq!(
            word_tokens("Jinli's Gao-Yao, Wei'an"),
            vec!["jinli", "s", "gao", "yao", "wei", "an"]
        );
    }
}
