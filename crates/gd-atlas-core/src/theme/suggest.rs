//! "Did you mean" for keys that matched nothing: the nearest region names and codes by edit
//! distance. Suggestions are only ever shown, never used as matches.
//!
//! Cost stays near-linear: candidates come from an index of character bigrams (with start/end
//! marks), only the 32 sharing the most bigrams are compared, and the comparison is a Levenshtein
//! distance that gives up past a small bound.

use std::collections::HashMap;

use crate::model::RegionIdx;

/// Bigrams shared by more names than this say little and would cost much: skipped.
const MAX_POSTINGS: usize = 400;
/// Candidates compared exactly per query.
const SHORTLIST: usize = 32;

pub struct SuggestIndex {
    /// (comparison key, chars of it, region).
    entries: Vec<(Vec<char>, RegionIdx)>,
    postings: HashMap<(char, char), Vec<u32>>,
}

fn bigrams(chars: &[char]) -> Vec<(char, char)> {
    let padded: Vec<char> = std::iter::once('\u{2}')
        .chain(chars.iter().copied())
        .chain(std::iter::once('\u{3}'))
        .collect();
    let mut grams: Vec<(char, char)> = padded.windows(2).map(|w| (w[0], w[1])).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

impl SuggestIndex {
    /// `names`: (comparison key, region) pairs; a region may have several.
    pub fn new(names: impl IntoIterator<Item = (String, RegionIdx)>) -> Self {
        let mut entries = Vec::new();
        let mut postings: HashMap<(char, char), Vec<u32>> = HashMap::new();
        for (key, region) in names {
            let chars: Vec<char> = key.chars().collect();
            if chars.is_empty() {
                continue;
            }
            let id = entries.len() as u32;
            for gram in bigrams(&chars) {
                postings.entry(gram).or_default().push(id);
            }
            entries.push((chars, region));
        }
        Self { entries, postings }
    }

    /// Up to `limit` regions whose names are nearest to `key` (a comparison key), nearest first,
    /// with their edit distance. Empty when nothing is close.
    pub fn suggest(&self, key: &str, limit: usize) -> Vec<(RegionIdx, usize)> {
        let query: Vec<char> = key.chars().collect();
        if query.is_empty() {
            return Vec::new();
        }
        let bound = (query.len() / 3).max(1);
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for gram in bigrams(&query) {
            match self.postings.get(&gram) {
                Some(ids) if ids.len() <= MAX_POSTINGS => {
                    ids.iter().for_each(|&id| *shared.entry(id).or_default() += 1)
                }
                _ => {}
            }
        }
        let mut shortlist: Vec<(u32, u32)> = shared.into_iter().collect();
        shortlist.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        shortlist.truncate(SHORTLIST);
        let mut found: Vec<(usize, u32, RegionIdx)> = shortlist
            .into_iter()
            .filter_map(|(id, common)| {
                let (chars, region) = &self.entries[id as usize];
                bounded_levenshtein(&query, chars, bound).map(|d| (d, u32::MAX - common, *region))
            })
            .collect();
        found.sort_unstable();
        let mut out: Vec<(RegionIdx, usize)> = Vec::new();
        for (distance, _, region) in found {
            if !out.iter().any(|&(r, _)| r == region) {
                out.push((region, distance));
            }
            if out.len() == limit {
                break;
            }
        }
        out
    }
}

/// Levenshtein distance in characters, or `None` when it exceeds `bound`. Only the diagonal band
/// of width `2·bound + 1` is computed: O(bound · length).
pub fn bounded_levenshtein(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let inf = bound + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| if j <= bound { j } else { inf }).collect();
    let mut cur = vec![inf; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(bound).max(1);
        let hi = (i + bound).min(b.len());
        cur.fill(inf);
        cur[0] = if i <= bound { i } else { inf };
        let mut row_min = cur[0];
        for j in lo..=hi {
            let substitution = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let value = substitution.min(prev[j] + 1).min(cur[j - 1] + 1).min(inf);
            cur[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn full_levenshtein(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(prev[j] + 1)
                    .min(cur[j - 1] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "gaoyao",
            "gaoyo",
            "gayao",
            "jinli",
            "jinlii",
            "高要",
            "高耀",
            "高要区",
            "",
            "a",
            "dasha",
            "dashan",
            "sihui",
        ];
        for a in words {
            for b in words {
                let full = full_levenshtein(&chars(a), &chars(b));
                for bound in 0..4 {
                    let expected = (full <= bound).then_some(full);
                    assert_eq!(
                        bounded_levenshtein(&chars(a), &chars(b), bound),
                        expected,
                        "{a} {b} {bound}"
                    );
                }
            }
        }
    }

    #[test]
    fn suggests_nearest_names_first() {
        let index = SuggestIndex::new(vec![
            ("gaoyao".to_string(), 1),
            ("高要".to_string(), 1),
            ("gaozhou".to_string(), 2),
            ("sihui".to_string(), 3),
        ]);
        assert_eq!(index.suggest("gaoyoa", 3), vec![(1, 2)]);
        assert_eq!(index.suggest("高耀", 3), vec![(1, 1)]);
        // Equally near: the one sharing more bigrams first.
        assert_eq!(index.suggest("gaozhao", 3), vec![(2, 2), (1, 2)]);
        assert_eq!(index.suggest("gaozhao", 1), vec![(2, 2)]);
        assert_eq!(index.suggest("shenzhen", 3), vec![]);
    }
}
