//! The words a table join gives for its guesses (key, level, parent and province columns), the
//! table's scope, and a row it could not join — each a message with its figures, rendered in
//! either language. One description per message: the CLI, the CSV and the JSON report read the
//! English rendering ([`fmt::Display`], also what `serde` writes), the window the one of its
//! language (`text(lang)`), so the two cannot drift apart.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::i18n::Lang;
use crate::model::Level;

use super::guess::count;
use super::level::ThemeLevel;

/// A column as a reason names it: `column "区划代码" (A)` / `“区划代码”列（A）`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnName {
    pub name: String,
    /// The spreadsheet letters (`A`, `AB`).
    pub letters: String,
}

impl ColumnName {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("column {:?} ({})", self.name, self.letters),
            Lang::Zh => format!("“{}”列（{}）", self.name, self.letters),
        }
    }
}

/// The rows a guess looked at: all of them, or a sample spread evenly over a large table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Looked {
    pub looked: usize,
    pub total: usize,
}

impl Looked {
    /// `all 3,358 rows` or `20,000 rows spread over all 310,352`.
    pub fn text(self, lang: Lang) -> String {
        let (looked, total) = (count(self.looked), count(self.total));
        match (lang, self.looked >= self.total) {
            (Lang::En, true) => format!("all {total} rows"),
            (Lang::En, false) => format!("{looked} rows spread over all {total}"),
            (Lang::Zh, true) => format!("全部 {total} 行"),
            (Lang::Zh, false) => format!("从全部 {total} 行中均匀抽取 {looked} 行"),
        }
    }
}

/// What a key column's cells are at one level: how many name a unit of it, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub level: ThemeLevel,
    pub nonempty: usize,
    pub by_code: usize,
    pub by_name: usize,
    /// Different cell texts that named a unit.
    pub distinct: usize,
    pub looked: Looked,
}

impl Found {
    pub fn text(&self, lang: Lang) -> String {
        let hits = count(self.by_code + self.by_name);
        let (nonempty, distinct, looked) =
            (count(self.nonempty), count(self.distinct), self.looked.text(lang));
        let (code, name) = (count(self.by_code), count(self.by_name));
        match lang {
            Lang::En => {
                let how = match (self.by_code, self.by_name) {
                    (0, _) => "by name".to_string(),
                    (_, 0) => "by code".to_string(),
                    _ => format!("{name} by name, {code} by code"),
                };
                format!(
                    "{hits} of {nonempty} non-empty cells ({looked}) are {}-level codes or names ({how}; {distinct} different)",
                    self.level.as_str()
                )
            }
            Lang::Zh => {
                let how = match (self.by_code, self.by_name) {
                    (0, _) => "按名称".to_string(),
                    (_, 0) => "按代码".to_string(),
                    _ => format!("按名称 {name} 个，按代码 {code} 个"),
                };
                format!(
                    "{nonempty} 个非空单元格（{looked}）中有 {hits} 个是{}的代码或名称（{how}；{distinct} 个不同）",
                    units_zh(self.level)
                )
            }
        }
    }
}

/// Why the level is the level, beyond what the key column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelWhy {
    /// Another column names the coarser unit of most rows: the table is of the finer level.
    ParentColumn { column: ColumnName, parent_level: ThemeLevel, hits: usize, rows: usize },
    /// The best-scoring column at any level.
    MostNames,
}

impl LevelWhy {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::ParentColumn { column, parent_level, hits, rows }, Lang::En) => format!(
                "{} names the {} of {} of the {} rows",
                column.text(lang),
                parent_level.plural(),
                count(*hits),
                count(*rows)
            ),
            (Self::ParentColumn { column, parent_level, hits, rows }, Lang::Zh) => format!(
                "{}在 {} 行中的 {} 行写明了所属{}",
                column.text(lang),
                count(*rows),
                count(*hits),
                units_zh(*parent_level)
            ),
            (Self::MostNames, Lang::En) => {
                "more different names or codes than any column at another level".into()
            }
            (Self::MostNames, Lang::Zh) => "不同的名称或代码多于其他层级的任何一列".into(),
        }
    }
}

/// The reason for one guess of a join (or that the user gave it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuessReason {
    /// The key column, guessed; `preferred_to`: a name column passed over for this code column.
    Key { column: ColumnName, found: Found, preferred_to: Option<ColumnName> },
    /// The key column, given with `--key`.
    KeyGiven { column: ColumnName, found: Found },
    /// The level, guessed (`why` when more than one level was considered).
    Level { found: Found, why: Option<LevelWhy> },
    /// The level, given with `--level`.
    LevelGiven(ThemeLevel),
    /// The province column: most cells name provinces of China.
    Province { column: ColumnName, named: usize, nonempty: usize, guangdong: usize },
    /// The parent column, guessed: most cells name the parent of the row's unit.
    Parent { column: ColumnName, hits: usize, nonempty: usize },
    /// The parent column, given with `--parent`.
    ParentGiven(ColumnName),
}

impl GuessReason {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::Key { column, found, preferred_to } => {
                let preferred = preferred_to.as_ref().map_or_else(String::new, |c| match lang {
                    Lang::En => format!("; preferred to {}, which names them too: a code is unambiguous, a name may be another province's", c.text(lang)),
                    Lang::Zh => format!("；优先于同样写出这些单位的{}：代码不会有歧义，名称可能属于其他省份", c.text(lang)),
                });
                let sep = if zh { "：" } else { ": " };
                format!("{}{sep}{}{preferred}", column.text(lang), found.text(lang))
            }
            Self::KeyGiven { column, found } => match lang {
                Lang::En => format!("{} given with --key; {}", column.text(lang), found.text(lang)),
                Lang::Zh => format!("{}（由 --key 指定）；{}", column.text(lang), found.text(lang)),
            },
            Self::Level { found, why } => match why {
                Some(why) => format!(
                    "{}{}{}",
                    found.text(lang),
                    if zh { "；" } else { "; " },
                    why.text(lang)
                ),
                None => found.text(lang),
            },
            Self::LevelGiven(level) => match lang {
                Lang::En => format!("{} given with --level", level.as_str()),
                Lang::Zh => format!("{}（由 --level 指定）", level.title(lang)),
            },
            Self::Province { column, named, nonempty, guangdong } => {
                let (named, nonempty, guangdong) =
                    (count(*named), count(*nonempty), count(*guangdong));
                match lang {
                    Lang::En => format!("{}: {named} of {nonempty} non-empty cells name provinces of China ({guangdong} Guangdong); rows of other provinces are outside Guangdong", column.text(lang)),
                    Lang::Zh => format!("{}：{nonempty} 个非空单元格中有 {named} 个是中国的省级单位（其中广东 {guangdong} 个）；其他省份的行在广东省以外", column.text(lang)),
                }
            }
            Self::Parent { column, hits, nonempty } => match lang {
                Lang::En => format!(
                    "{}: {} of {} cells name the parent of the row's region",
                    column.text(lang),
                    count(*hits),
                    count(*nonempty)
                ),
                Lang::Zh => format!(
                    "{}：{} 个单元格中有 {} 个写明了该行单位的上级",
                    column.text(lang),
                    count(*nonempty),
                    count(*hits)
                ),
            },
            Self::ParentGiven(column) => match lang {
                Lang::En => format!("{} given with --parent", column.text(lang)),
                Lang::Zh => format!("{}（由 --parent 指定）", column.text(lang)),
            },
        }
    }
}

/// Why names shared with units elsewhere in China need confirming in this table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeNote {
    /// Rows of other provinces.
    Outside { rows: usize },
    /// Most rows name no place in Guangdong.
    Unknown { unknown: usize, nonempty: usize },
}

impl ScopeNote {
    pub fn text(&self, lang: Lang) -> String {
        let consequence = lang.pick(
            "names that units elsewhere in China also have (城区, 南山区, 白云区, 龙华区, …) join only where a code, parent or province cell confirms them",
            "国内其他地方也有的名称（城区、南山区、白云区、龙华区……）只在代码、上级或省份单元格确认时才匹配",
        );
        match (self, lang) {
            (Self::Outside { rows }, Lang::En) => {
                format!("{} rows are outside Guangdong: {consequence}", count(*rows))
            }
            (Self::Outside { rows }, Lang::Zh) => {
                format!("{} 行在广东省以外：{consequence}", count(*rows))
            }
            (Self::Unknown { unknown, nonempty }, Lang::En) => format!(
                "{} of {} rows name no place in Guangdong, so the table may cover more of China: {consequence}",
                count(*unknown),
                count(*nonempty)
            ),
            (Self::Unknown { unknown, nonempty }, Lang::Zh) => format!(
                "{} 行中有 {} 行不是广东的地名，表格可能涵盖全国更多地区：{consequence}",
                count(*nonempty),
                count(*unknown)
            ),
        }
    }
}

/// `地级市`, `县级单位`, `镇级单位`: a level's units in Chinese.
fn units_zh(level: ThemeLevel) -> &'static str {
    level.plural_in(Lang::Zh).trim_start_matches('个')
}

/// A region a row names at another level than the table's: `广州市 440100 (city)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRegion {
    pub name_zh: String,
    pub code: String,
    pub level: Level,
}

/// `province`, `city`… / `省级`, `地级市`…
fn level_word(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Province => lang.pick("province", "省级"),
        Level::City => lang.pick("city", "地级市"),
        Level::County => lang.pick("county", "县级"),
        Level::Town => lang.pick("town", "镇级"),
    }
}

/// Why a row did not join a unit of the table's level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowReason {
    EmptyKey,
    UnknownCode {
        level: ThemeLevel,
        code: String,
    },
    UnknownName {
        level: ThemeLevel,
    },
    /// The unit of this name is not in the row's parent.
    ParentMismatch {
        level: ThemeLevel,
        parent: String,
    },
    /// The key names regions of another level (by name, every region that carries it).
    OtherLevel {
        level: ThemeLevel,
        regions: Vec<NamedRegion>,
    },
}

impl RowReason {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::EmptyKey, _) => lang.pick("empty key cell", "关键列单元格为空").into(),
            (Self::UnknownCode { level, code }, Lang::En) => {
                format!("no {} has code {code}", level.as_str())
            }
            (Self::UnknownCode { level, code }, Lang::Zh) => {
                format!("没有代码为 {code} 的{}", units_zh(*level))
            }
            (Self::UnknownName { level }, Lang::En) => {
                format!("no {} has this name", level.as_str())
            }
            (Self::UnknownName { level }, Lang::Zh) => {
                format!("没有这个名称的{}", units_zh(*level))
            }
            (Self::ParentMismatch { level, parent }, Lang::En) => {
                format!("the {} of this name is not in {parent:?}", level.as_str())
            }
            (Self::ParentMismatch { level, parent }, Lang::Zh) => {
                format!("这个名称的{}不在“{parent}”", units_zh(*level))
            }
            (Self::OtherLevel { level, regions }, _) => {
                let named: Vec<String> = regions
                    .iter()
                    .map(|r| match lang {
                        Lang::En => {
                            format!("{} {} ({})", r.name_zh, r.code, level_word(r.level, lang))
                        }
                        Lang::Zh => {
                            format!("{} {}（{}）", r.name_zh, r.code, level_word(r.level, lang))
                        }
                    })
                    .collect();
                match lang {
                    Lang::En => format!("{}: not a {}", named.join(", "), level.as_str()),
                    Lang::Zh => format!("{}：不是{}", named.join("、"), units_zh(*level)),
                }
            }
        }
    }
}

/// Which name of a region a key cell matched: `full name` / `全称`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Full,
    Short,
    Any,
}

impl NameKind {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Self::Full => lang.pick("full name", "全称"),
            Self::Short => lang.pick("short name", "简称"),
            Self::Any => lang.pick("name", "名称"),
        }
    }
}

/// What confirmed a row as a Guangdong unit: `code` / `代码`.
fn confirmation_word(by: &str, lang: Lang) -> &str {
    match (by, lang) {
        (_, Lang::En) => by,
        ("code", _) => "代码",
        ("parent", _) => "上级",
        ("province", _) => "省份",
        _ => "行",
    }
}

/// Why a row is ambiguous (`region`: the candidate's label, `高要区 441204 (肇庆市)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmbiguousNote {
    /// Several units of the level carry the name; `parent`: the row's parent cell, and whether
    /// it named none of their parents.
    SameName {
        candidates: usize,
        name: NameKind,
        parent: Option<String>,
        parent_matched_none: bool,
    },
    /// A name shared with a unit elsewhere in China, and nothing confirms this row is ours.
    Unconfirmed { region: String },
    /// Another row, confirmed, is this unit; this one differs and is not confirmed.
    ConfirmedElsewhere { line: u64, region: String, by: &'static str },
    /// Several rows could be this unit, their values differ and none is confirmed.
    Undecided { rows: usize, region: String },
}

impl AmbiguousNote {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::SameName { candidates, name, parent, parent_matched_none }, Lang::En) => {
                let name = name.text(lang);
                match (parent, parent_matched_none) {
                    (Some(p), true) => format!("{candidates} regions have this {name}; parent {p:?} is none of theirs"),
                    (Some(p), false) => format!("{candidates} regions have this {name} in {p:?}"),
                    (None, _) => format!("{candidates} regions have this {name}: add a parent column (county or city) to choose"),
                }
            }
            (Self::SameName { candidates, name, parent, parent_matched_none }, Lang::Zh) => {
                let name = name.text(lang);
                match (parent, parent_matched_none) {
                    (Some(p), true) => format!("{candidates} 个单位有这个{name}；上级“{p}”不是其中任何一个的上级"),
                    (Some(p), false) => format!("“{p}”内有 {candidates} 个单位有这个{name}"),
                    (None, _) => format!("{candidates} 个单位有这个{name}：请添加上级列（区县或地级市）以便选择"),
                }
            }
            (Self::Unconfirmed { region }, Lang::En) => format!("a unit elsewhere in China has this name too, and no code, parent or province cell confirms that this row is {region}"),
            (Self::Unconfirmed { region }, Lang::Zh) => format!("国内其他地方也有同名单位，且没有代码、上级或省份单元格确认这一行是{region}"),
            (Self::ConfirmedElsewhere { line, region, by }, Lang::En) => format!("line {line} is {region} (confirmed by its {by}); this row names it too with other values and nothing confirms it: it may be another unit of the same name"),
            (Self::ConfirmedElsewhere { line, region, by }, Lang::Zh) => format!("第 {line} 行是{region}（由其{}确认）；这一行也写出了它，但数值不同且无从确认：可能是另一个同名单位", confirmation_word(by, lang)),
            (Self::Undecided { rows, region }, Lang::En) => format!("{rows} rows could be {region} and their values differ; nothing (no code, parent or province cell) tells which, if any, is Guangdong's: none is used"),
            (Self::Undecided { rows, region }, Lang::Zh) => format!("{rows} 行都可能是{region}，且数值不同；没有代码、上级或省份单元格说明哪一行（如果有）是广东的：均不采用"),
        }
    }
}

/// The English rendering: what the CLI prints and the reports write.
macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text(Lang::En))
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}
english_display!(GuessReason, ScopeNote, RowReason, AmbiguousNote);

#[cfg(test)]
mod tests {
    use super::*;

    fn found() -> Found {
        Found {
            level: ThemeLevel::County,
            nonempty: 3358,
            by_code: 124,
            by_name: 0,
            distinct: 124,
            looked: Looked { looked: 3358, total: 3358 },
        }
    }

    #[test]
    fn the_english_rendering_is_the_reports_wording() {
        let column = ColumnName { name: "区划代码".into(), letters: "A".into() };
        let reason = GuessReason::Key { column, found: found(), preferred_to: None };
        assert_eq!(
            reason.to_string(),
            "column \"区划代码\" (A): 124 of 3,358 non-empty cells (all 3,358 rows) are county-level codes or names (by code; 124 different)"
        );
        assert_eq!(
            reason.text(Lang::Zh),
            "“区划代码”列（A）：3,358 个非空单元格（全部 3,358 行）中有 124 个是县级单位的代码或名称（按代码；124 个不同）"
        );
    }

    #[test]
    fn a_row_of_another_level_names_the_level_in_each_language() {
        let why = RowReason::OtherLevel {
            level: ThemeLevel::County,
            regions: vec![NamedRegion {
                name_zh: "广州市".into(),
                code: "440100".into(),
                level: Level::City,
            }],
        };
        assert_eq!(why.to_string(), "广州市 440100 (city): not a county");
        assert_eq!(why.text(Lang::Zh), "广州市 440100（地级市）：不是县级单位");
    }
}
