//! Guessing which column holds the region key, which level the table is about, which column (if
//! any) is the table's province column and which names each row's parent — from the header and,
//! above all, the contents. Every guess comes with the reason in words, and each can be
//! overridden (`--key`, `--level`, `--parent`).
//!
//! The whole table is looked at (a sample spread over all of it past [`GUESS_ROWS`]): a national
//! table lists Guangdong's rows after row 2,000, so its head says nothing about them.

use std::collections::{HashMap, HashSet};

use crate::model::RegionIdx;
use crate::table::header::column_letters;
use crate::table::{Table, TableRow};

use super::keys::parse_code;
use super::legend::format_number;
use super::level::ThemeLevel;
use super::matcher::{Outcome, RegionMatcher, Unmatched};
use super::provinces::{outside_guangdong, province_named};
use super::reason::{ColumnName, Found, GuessReason, LevelWhy, Looked};

/// Rows looked at when guessing: all of them up to this many, else this many spread evenly
/// over the table (a 300,000-row table must not cost a lookup per cell and level).
pub const GUESS_ROWS: usize = 20_000;
/// Header words that suggest a key column (a tie-break only: contents decide).
const KEY_WORDS: &[&str] = &[
    "代码", "编码", "区划", "名称", "地区", "区域", "县", "区", "镇", "街道", "乡", "code", "name",
    "region", "county", "district", "town",
];
/// Header words of parent columns (a tie-break between columns the contents qualify, and said
/// in the reason).
const PARENT_WORDS: &[&str] =
    &["所属", "上级", "地市", "市", "县", "地区", "parent", "prefecture", "city", "county"];
/// Header words of a province column.
const PROVINCE_WORDS: &[&str] = &["省", "省份", "自治区", "province"];
/// Share of a column's non-empty cells that must name provinces for it to be the province column.
const PROVINCE_SHARE: (usize, usize) = (8, 10);

/// A chosen column and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnChoice {
    pub column: usize,
    pub reason: GuessReason,
}

/// The key column, the level, the parent column and the province column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyChoice {
    pub key: ColumnChoice,
    pub level: ThemeLevel,
    pub level_reason: GuessReason,
    /// The nearest parent: the city for counties, the county (or city) for towns.
    pub parent: Option<ColumnChoice>,
    /// A column of province names: rows of other provinces are outside Guangdong.
    pub province: Option<ColumnChoice>,
}

/// What the user fixed; the rest is guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub key: Option<String>,
    pub parent: Option<String>,
    pub level: Option<ThemeLevel>,
}

/// The rows guessing looks at, with their index in `Table::rows`.
fn sample(table: &Table) -> impl Iterator<Item = (usize, &TableRow)> {
    let step = table.rows.len().div_ceil(GUESS_ROWS).max(1);
    table.rows.iter().enumerate().step_by(step)
}

/// The rows guessing looks at, counted.
pub fn looked(table: &Table) -> Looked {
    Looked { looked: sample(table).count(), total: table.rows.len() }
}

/// `all 3,358 rows` or `20,000 rows spread over all 310,352`.
pub fn sample_words(table: &Table) -> String {
    looked(table).text(crate::i18n::Lang::En)
}

/// A count with thousands separators.
pub fn count(n: usize) -> String {
    format_number(n as f64, 0)
}

#[derive(Clone, Debug, Default)]
struct Hits {
    nonempty: usize,
    by_code: usize,
    by_name: usize,
    /// Different cell texts that matched: a key column names many regions once each, while a
    /// parent column repeats a few (a town table's county column matches counties in every row).
    distinct: HashSet<String>,
}

impl Hits {
    fn total(&self) -> usize {
        self.by_code + self.by_name
    }

    /// Mostly codes: a code names one region; a name may name several across China.
    fn is_code_column(&self) -> bool {
        self.by_code > self.by_name
    }
}

/// A number that is not a code (a population, a share) cannot name a region: no lookup.
fn cannot_name_a_region(cell: &str) -> bool {
    !cell.chars().any(char::is_alphabetic) && parse_code(cell).is_none()
}

fn count_hits(table: &Table, column: usize, matcher: &RegionMatcher) -> Hits {
    let mut hits = Hits::default();
    // A column repeats its names (a 市 column, a 省 column): look each text up once.
    let mut seen: HashMap<&str, Option<bool>> = HashMap::new();
    for (_, row) in sample(table) {
        let cell = row.cell(column).trim();
        if cell.is_empty() {
            continue;
        }
        hits.nonempty += 1;
        let found = *seen.entry(cell).or_insert_with(|| {
            if cannot_name_a_region(cell)
                || matches!(matcher.lookup(cell, None), Outcome::Unmatched(_))
            {
                None
            } else {
                Some(parse_code(cell).is_some())
            }
        });
        let Some(by_code) = found else { continue };
        if by_code {
            hits.by_code += 1;
        } else {
            hits.by_name += 1;
        }
        if !hits.distinct.contains(cell) {
            hits.distinct.insert(cell.to_string());
        }
    }
    hits
}

fn has_word(name: &str, words: &[&str]) -> bool {
    let lower = name.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// `column "区划代码" (A)`, as a reason names it.
fn column_name(table: &Table, column: usize) -> ColumnName {
    ColumnName { name: table.columns[column].clone(), letters: column_letters(column) }
}

/// `column "区划代码" (A)`, in the English of errors.
fn describe_column(table: &Table, column: usize) -> String {
    column_name(table, column).text(crate::i18n::Lang::En)
}

/// A column's hits at one level.
struct Candidate {
    column: usize,
    matcher: usize,
    hits: Hits,
    /// A code column holding at least 90 % as many of the level's regions as the best column:
    /// it wins over name columns (a name may be another province's homonym; a code may not). A
    /// code column that leaves many rows' units out does not (their names would be lost).
    codes_preferred: bool,
}

impl Candidate {
    fn score(&self, table: &Table) -> (bool, usize, usize, bool) {
        (
            self.codes_preferred,
            self.hits.distinct.len(),
            self.hits.total(),
            has_word(&table.columns[self.column], KEY_WORDS),
        )
    }
}

/// The best column at each level (`None` where no column names any region of it), and the
/// best name column there when a code column was preferred to it (for the reason).
fn best_per_level(
    table: &Table,
    columns: &[usize],
    matchers: &[&RegionMatcher],
) -> Vec<Option<(Candidate, Option<usize>)>> {
    (0..matchers.len())
        .map(|m| {
            let mut candidates: Vec<Candidate> = columns
                .iter()
                .map(|&column| Candidate {
                    column,
                    matcher: m,
                    hits: count_hits(table, column, matchers[m]),
                    codes_preferred: false,
                })
                .filter(|c| c.hits.total() > 0)
                .collect();
            let most = candidates.iter().map(|c| c.hits.distinct.len()).max().unwrap_or(0);
            for c in &mut candidates {
                c.codes_preferred =
                    c.hits.is_code_column() && c.hits.distinct.len() * 10 >= most * 9;
            }
            let best_name = candidates
                .iter()
                .filter(|c| !c.hits.is_code_column())
                .max_by_key(|c| c.hits.distinct.len())
                .map(|c| c.column);
            let best = candidates
                .into_iter()
                .max_by(|a, b| a.score(table).cmp(&b.score(table)).then(b.column.cmp(&a.column)))?;
            let passed_over = best_name.filter(|_| best.codes_preferred);
            Some((best, passed_over))
        })
        .collect()
}

/// The level: the best-scoring candidate, except that a table naming a unit and, in another
/// column, that unit's parent is a table of the finer level (the parent column is its parent
/// column, however many parents it matches). The finer column must name at least half as many
/// different regions as the coarser one: three towns that happen to share a name with a county
/// of a national table do not make it a town table. `matchers` go from coarse to fine.
fn pick_level(
    table: &Table,
    matchers: &[&RegionMatcher],
    bests: Vec<Option<(Candidate, Option<usize>)>>,
) -> Option<(Candidate, Option<usize>, LevelWhy)> {
    let parent_rule = (1..bests.len()).rev().find_map(|fine| {
        let (f, _) = bests[fine].as_ref()?;
        (0..fine).find_map(|coarse| {
            let (c, _) = bests[coarse].as_ref()?;
            if c.column == f.column || f.hits.distinct.len() * 2 < c.hits.distinct.len() {
                return None;
            }
            let resolved = resolved_rows(table, f.column, matchers[fine], None);
            let (hits, nonempty) = parent_share(table, &resolved, c.column, matchers[fine]);
            is_parent_column(hits, nonempty, resolved.len()).then(|| {
                let why = LevelWhy::ParentColumn {
                    column: column_name(table, c.column),
                    parent_level: matchers[coarse].level(),
                    hits,
                    rows: nonempty,
                };
                (fine, why)
            })
        })
    });
    if let Some((fine, why)) = parent_rule {
        let (candidate, passed_over) = bests.into_iter().nth(fine).flatten()?;
        return Some((candidate, passed_over, why));
    }
    let (best, passed_over) = bests.into_iter().flatten().max_by(|(a, _), (b, _)| {
        a.score(table).cmp(&b.score(table)).then(b.column.cmp(&a.column))
    })?;
    Some((best, passed_over, LevelWhy::MostNames))
}

/// Chooses key column and level (`matchers` holds one matcher per level to consider, coarse
/// to fine).
pub fn choose_key(
    table: &Table,
    matchers: &[&RegionMatcher],
    overrides: &Overrides,
) -> Result<(ColumnChoice, ThemeLevel, GuessReason), String> {
    let fixed_key = overrides.key.as_deref().map(|k| table.column_index(k)).transpose()?;
    let columns: Vec<usize> =
        fixed_key.map_or_else(|| (0..table.columns.len()).collect(), |c| vec![c]);
    let bests = best_per_level(table, &columns, matchers);
    let Some((chosen, passed_over, level_why)) = pick_level(table, matchers, bests) else {
        let which = match fixed_key {
            Some(c) => format!("{} holds no", describe_column(table, c)),
            None => "no column holds".to_string(),
        };
        return Err(format!(
            "{}: {which} codes or names of {} (looked at {})",
            table.path,
            matchers.iter().map(|m| m.level().plural()).collect::<Vec<_>>().join(" or "),
            sample_words(table)
        ));
    };
    let (column, hits, level) = (chosen.column, &chosen.hits, matchers[chosen.matcher].level());
    let found = Found {
        level,
        nonempty: hits.nonempty,
        by_code: hits.by_code,
        by_name: hits.by_name,
        distinct: hits.distinct.len(),
        looked: looked(table),
    };
    let key_reason = match fixed_key {
        Some(_) => {
            GuessReason::KeyGiven { column: column_name(table, column), found: found.clone() }
        }
        None => GuessReason::Key {
            column: column_name(table, column),
            found: found.clone(),
            preferred_to: passed_over.map(|c| column_name(table, c)),
        },
    };
    let level_reason = match overrides.level {
        Some(_) => GuessReason::LevelGiven(level),
        None => GuessReason::Level { found, why: (matchers.len() > 1).then_some(level_why) },
    };
    Ok((ColumnChoice { column, reason: key_reason }, level, level_reason))
}

/// The province column: the other column (not the key) whose non-empty cells name provinces of
/// China (`广东省`, `山西`, `Guangdong`, `440000`) in at least 80 % of the rows looked at — the
/// province header words break a tie. A column naming only Guangdong qualifies too (harmless:
/// every row is then inside).
pub fn choose_province(table: &Table, key: usize) -> Option<ColumnChoice> {
    let mut best: Option<(usize, bool, usize, usize, usize)> = None; // (named, header, guangdong, nonempty, column)
    for column in (0..table.columns.len()).filter(|&c| c != key) {
        let (mut nonempty, mut named, mut guangdong) = (0usize, 0usize, 0usize);
        for (_, row) in sample(table) {
            let cell = row.cell(column).trim();
            if cell.is_empty() {
                continue;
            }
            nonempty += 1;
            if let Some(p) = province_named(cell) {
                named += 1;
                guangdong += usize::from(p.is_guangdong());
            }
        }
        let qualifies = named > 0 && named * PROVINCE_SHARE.1 >= nonempty * PROVINCE_SHARE.0;
        let header = has_word(&table.columns[column], PROVINCE_WORDS);
        if qualifies && best.is_none_or(|b| (named, header) > (b.0, b.1)) {
            best = Some((named, header, guangdong, nonempty, column));
        }
    }
    best.map(|(named, _, guangdong, nonempty, column)| ColumnChoice {
        column,
        reason: GuessReason::Province {
            column: column_name(table, column),
            named,
            nonempty,
            guangdong,
        },
    })
}

/// Sampled rows whose key cell names one or more regions (rows a province column or a code puts
/// outside Guangdong left out): (row index, regions).
fn resolved_rows(
    table: &Table,
    key: usize,
    matcher: &RegionMatcher,
    province: Option<usize>,
) -> Vec<(usize, Vec<RegionIdx>)> {
    sample(table)
        .filter(|(_, row)| {
            outside_guangdong(row.cell(key), province.map(|p| row.cell(p))).is_none()
        })
        .filter_map(|(i, row)| match matcher.lookup(row.cell(key), None) {
            Outcome::Matched { region, .. } => Some((i, vec![region])),
            Outcome::Ambiguous { candidates, .. } => Some((i, candidates)),
            Outcome::Unmatched(Unmatched::ParentMismatch { candidates }) => Some((i, candidates)),
            Outcome::Unmatched(_) => None,
        })
        .collect()
}

/// (cells naming the parent of the row's region, non-empty cells) of a column over `resolved`.
fn parent_share(
    table: &Table,
    resolved: &[(usize, Vec<RegionIdx>)],
    column: usize,
    matcher: &RegionMatcher,
) -> (usize, usize) {
    let mut nonempty = 0;
    let mut hits = 0;
    for (i, regions) in resolved {
        let cell = table.rows[*i].cell(column);
        if cell.trim().is_empty() {
            continue;
        }
        nonempty += 1;
        hits += usize::from(regions.iter().any(|&r| matcher.parent_matches(r, cell)));
    }
    (hits, nonempty)
}

/// At least 60 % of the non-empty cells, and at least 3 (fewer when fewer rows resolved).
fn is_parent_column(hits: usize, nonempty: usize, resolved: usize) -> bool {
    hits >= 3.min(resolved).max(1) && hits * 10 >= nonempty * 6
}

/// Chooses the parent column: the user's, or the column (neither the key nor the province
/// column) whose cells name the parent of the region in the row's key cell in at least 60 % of
/// the rows looked at (and at least 3); on a tie, the one whose header says parent (市, 所属, …).
pub fn choose_parent(
    table: &Table,
    key: usize,
    province: Option<usize>,
    matcher: &RegionMatcher,
    overrides: &Overrides,
) -> Result<Option<ColumnChoice>, String> {
    if let Some(name) = &overrides.parent {
        let column = table.column_index(name)?;
        return Ok(Some(ColumnChoice {
            column,
            reason: GuessReason::ParentGiven(column_name(table, column)),
        }));
    }
    if matcher.level() == ThemeLevel::City {
        // A city's only parent is the province: the province column's job.
        return Ok(None);
    }
    let resolved = resolved_rows(table, key, matcher, province);
    let mut best: Option<(usize, bool, usize, usize)> = None; // (hits, header, nonempty, column)
    for column in (0..table.columns.len()).filter(|&c| c != key && Some(c) != province) {
        let (hits, nonempty) = parent_share(table, &resolved, column, matcher);
        let header = has_word(&table.columns[column], PARENT_WORDS);
        if is_parent_column(hits, nonempty, resolved.len())
            && best.is_none_or(|b| (hits, header) > (b.0, b.1))
        {
            best = Some((hits, header, nonempty, column));
        }
    }
    Ok(best.map(|(hits, _, nonempty, column)| ColumnChoice {
        column,
        reason: GuessReason::Parent { column: column_name(table, column), hits, nonempty },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::number::DecimalMark;
    use crate::table::TableFormat;

    fn table_of(rows: usize) -> Table {
        Table {
            path: "t.csv".into(),
            format: TableFormat::Workbook { sheet: "S".into(), sheets: vec!["S".into()] },
            columns: vec!["a".into()],
            header_line: Some(1),
            rows: (0..rows)
                .map(|i| TableRow { line: i as u64 + 2, cells: vec![i.to_string()] })
                .collect(),
            decimal: DecimalMark::Point,
            notes: Vec::new(),
            cut_short: None,
        }
    }

    #[test]
    fn guessing_looks_at_the_whole_table_or_a_sample_spread_over_it() {
        let small = table_of(3358);
        assert_eq!(sample(&small).count(), 3358);
        assert_eq!(sample_words(&small), "all 3,358 rows");
        let large = table_of(310_352);
        let looked: Vec<usize> = sample(&large).map(|(i, _)| i).collect();
        assert!(looked.len() <= GUESS_ROWS && looked.len() > GUESS_ROWS / 2, "{}", looked.len());
        assert!(*looked.last().unwrap_or(&0) > 300_000, "the tail of the table is looked at");
        assert_eq!(
            sample_words(&large),
            format!("{} rows spread over all 310,352", count(looked.len()))
        );
    }

    #[test]
    fn numbers_that_are_not_codes_name_no_region() {
        assert!(cannot_name_a_region("1795826"));
        assert!(cannot_name_a_region("12.5%"));
        assert!(!cannot_name_a_region("440305"));
        assert!(!cannot_name_a_region("南山区"));
        assert!(!cannot_name_a_region("Nanshan"));
    }
}
