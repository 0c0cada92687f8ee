//! Document claims checked against the census (`data/census/cross_checks.csv`). A claim such as
//! "Puning is the most populous county-level city in China" is shown beside what the census
//! says — computed here from the tables, never typed in — and beside the other reading the
//! census cannot settle. The atlas shows every reading and picks none.
//!
//! `check` forms:
//! - `rank_china_county_cities:population` — the subject's rank by 2020 resident population
//!   among China's county-level cities (`census2020_county_level_cities_china.csv`).
//! - `rank_among:<statistic id or area>:<code>|<code>|…` — the subject's rank among the listed
//!   atlas units by a census statistic or by the area computed from the boundaries.

use serde::Deserialize;

use super::super::error::LoadError;
use super::super::rows::parse_csv;
use super::tables::{number, RawTable};
use super::{format_number, Census};

pub const FILE: &str = "census/cross_checks.csv";
pub const COLUMNS: &[&str] = &[
    "id",
    "subject",
    "document",
    "excerpt",
    "claim_en",
    "claim_zh",
    "check",
    "other_reading_en",
    "other_reading_zh",
];

#[derive(Clone, Debug, Deserialize)]
struct Row {
    id: String,
    subject: String,
    document: String,
    excerpt: String,
    claim_en: String,
    claim_zh: String,
    check: String,
    other_reading_en: String,
    other_reading_zh: String,
}

/// A claim with what the census says about it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CrossCheck {
    pub id: String,
    /// A region code.
    pub subject: String,
    pub document: String,
    /// The verbatim sentence making the claim.
    pub excerpt: String,
    pub claim_en: String,
    pub claim_zh: String,
    /// What the census says, computed from the tables.
    pub census_en: String,
    pub census_zh: String,
    /// The cells the computed reading rests on, in English and in Chinese.
    pub source: String,
    pub source_zh: String,
    /// A reading the census cannot check (e.g. registered population), stated as such.
    pub other_reading_en: String,
    pub other_reading_zh: String,
    pub line: u64,
}

/// The rows of the file, unevaluated.
pub struct ParsedChecks {
    pub path: String,
    rows: Vec<(u64, Row)>,
}

pub fn parse(text: &str, path: &str) -> Result<ParsedChecks, LoadError> {
    Ok(ParsedChecks { path: path.to_string(), rows: parse_csv(text, path, COLUMNS)? })
}

/// What the atlas can compute for a check: the census, units by code, names, areas.
pub struct Context<'a> {
    pub census: &'a Census,
    pub china_county_cities: &'a RawTable,
    pub region: &'a dyn Fn(&str) -> Option<usize>,
    pub name: &'a dyn Fn(usize) -> (String, String),
    pub area_km2: &'a dyn Fn(usize) -> Option<f64>,
    /// Whether a document contains the sentence (whitespace-normalised).
    pub verbatim: &'a dyn Fn(&str, &str) -> bool,
}

/// Evaluates every check; a check that cannot be computed is an error naming its line.
pub fn evaluate(parsed: &ParsedChecks, cx: &Context) -> Result<Vec<CrossCheck>, LoadError> {
    let mut out = Vec::new();
    for (line, row) in &parsed.rows {
        let err = |problem: String| LoadError::line(&parsed.path, *line, problem);
        let subject = (cx.region)(&row.subject)
            .ok_or_else(|| err(format!("subject {} is not a region", row.subject)))?;
        if !(cx.verbatim)(&row.document, &row.excerpt) {
            return Err(err(format!("the excerpt is not verbatim in {}", row.document)));
        }
        let (census_en, census_zh, (source, source_zh)) = match row.check.split_once(':') {
            Some(("rank_china_county_cities", "population")) => china_rank(cx, &row.subject).map_err(err)?,
            Some(("rank_among", rest)) => rank_among(cx, subject, rest).map_err(err)?,
            _ => return Err(err(format!("check {:?}: expected rank_china_county_cities:population or rank_among:<statistic|area>:<codes>", row.check))),
        };
        out.push(CrossCheck {
            id: row.id.clone(),
            subject: row.subject.clone(),
            document: row.document.clone(),
            excerpt: row.excerpt.clone(),
            claim_en: row.claim_en.clone(),
            claim_zh: row.claim_zh.clone(),
            census_en,
            census_zh,
            source,
            source_zh,
            other_reading_en: row.other_reading_en.clone(),
            other_reading_zh: row.other_reading_zh.clone(),
            line: *line,
        });
    }
    Ok(out)
}

/// A data path as the Chinese interface shows it: "(embedded)" said in Chinese.
pub fn path_zh(path: &str) -> String {
    path.strip_suffix(" (embedded)").map_or_else(|| path.to_string(), |p| format!("{p}（内置）"))
}

fn ordinal(n: usize) -> String {
    super::words::ordinal(n)
}

/// Rank among China's county-level cities by 2020 resident population, with the top three.
fn china_rank(cx: &Context, code: &str) -> Result<(String, String, (String, String)), String> {
    let t = cx.china_county_cities;
    let mut rows: Vec<(f64, usize)> = (0..t.rows.len())
        .filter_map(|r| Some((number(t.cell(r, "人口数_合计")?.stated).ok()??, r)))
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let position = rows
        .iter()
        .position(|(_, r)| t.code(*r) == code)
        .ok_or_else(|| format!("{code} is not in {}", t.path))?;
    let shown = &rows[..(position + 1).max(3).min(rows.len())];
    let list: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(i, (v, r))| {
            format!(
                "{}. {}{} {}",
                i + 1,
                t.cell(*r, "市").map_or("", |c| c.stated),
                t.name(*r),
                format_number(*v, 0)
            )
        })
        .collect();
    let lines: Vec<u64> = shown.iter().map(|(_, r)| t.lines[*r]).collect();
    let en = format!(
        "By resident population (2020 census) it is {} of China's {} county-level cities: {}.",
        ordinal(position + 1),
        rows.len(),
        list.join("; ")
    );
    let zh = format!(
        "按常住人口（2020年人口普查），在全国{}个县级市中居第{}位：{}。",
        rows.len(),
        position + 1,
        list.join("；")
    );
    let numbers: Vec<String> = lines.iter().map(u64::to_string).collect();
    let source = format!("{} lines {}", t.path, numbers.join(", "));
    let source_zh = format!("{} 第 {} 行", path_zh(&t.path), numbers.join("、"));
    Ok((en, zh, (source, source_zh)))
}

/// Rank among listed atlas units by a statistic or by area.
fn rank_among(
    cx: &Context,
    subject: usize,
    rest: &str,
) -> Result<(String, String, (String, String)), String> {
    let (what, codes) = rest.split_once(':').ok_or("rank_among needs <statistic|area>:<codes>")?;
    let units: Vec<usize> = codes
        .split('|')
        .map(|c| (cx.region)(c.trim()).ok_or_else(|| format!("{c} is not a region")))
        .collect::<Result<_, _>>()?;
    type ValueOf<'a> = Box<dyn Fn(usize) -> Option<f64> + 'a>;
    let (value_of, en_what, zh_what, source, decimals): (
        ValueOf,
        String,
        String,
        (String, String),
        u8,
    ) = if what == "area" {
        (
            Box::new(|u| (cx.area_km2)(u)),
            "area (computed from the boundaries)".to_string(),
            "面积（由边界计算）".to_string(),
            (
                "areas computed from the atlas's boundaries (WGS84 ellipsoid)".to_string(),
                "面积按图集边界计算（WGS84 椭球面）".to_string(),
            ),
            0,
        )
    } else {
        let stat =
            cx.census.statistic(what).ok_or_else(|| format!("no census statistic {what:?}"))?;
        let s = &cx.census.statistics[stat];
        (
            Box::new(move |u| {
                cx.census.value(stat, u).and_then(|v| v.as_ref().ok()).map(|v| v.value)
            }),
            s.name_en.to_lowercase(),
            s.name_zh.clone(),
            (
                format!("{} ({})", cx.census.tables.c2020.path, s.formula.text),
                format!("{}（{}）", path_zh(&cx.census.tables.c2020.path), s.formula.text),
            ),
            s.decimals,
        )
    };
    let mut ranked: Vec<(f64, usize)> =
        units.iter().filter_map(|&u| Some((value_of(u)?, u))).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let position = ranked
        .iter()
        .position(|(_, u)| *u == subject)
        .ok_or("the subject has no value or is not listed")?;
    let list = |zh: bool| -> String {
        ranked
            .iter()
            .enumerate()
            .map(|(i, (v, u))| {
                let (en, zh_name) = (cx.name)(*u);
                format!(
                    "{}. {} {}",
                    i + 1,
                    if zh { zh_name } else { en },
                    format_number(*v, decimals)
                )
            })
            .collect::<Vec<_>>()
            .join(if zh { "；" } else { "; " })
    };
    let en = format!(
        "By {en_what} it is {} of these {}: {}.",
        ordinal(position + 1),
        ranked.len(),
        list(false)
    );
    let zh = format!(
        "按{zh_what}，在这{}个单位中居第{}位：{}。",
        ranked.len(),
        position + 1,
        list(true)
    );
    Ok((en, zh, source))
}
