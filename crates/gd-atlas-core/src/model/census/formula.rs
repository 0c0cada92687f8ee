//! The formula of a census statistic, as written in `data/census/catalogue.csv`: the text a
//! planner reads in the details panel is the text the atlas evaluates, so the two cannot drift.
//!
//! Grammar (one line; alternatives are tried in order, the first that applies to a unit wins):
//! ```text
//! formula     = alternative { " ; " alternative }
//! alternative = kind ":" sum [ "/" sum ]
//! sum         = column { "+" column }
//! column      = [ table "." ] header          (table: c2020 (default) | c2010 | city)
//! kind        = stated | count | share | per_km2 | change
//! ```
//! - `stated: X` — one column as the yearbook gives it (a share or mean it computed itself).
//! - `count: X + Y` — a sum of counts.
//! - `share: X + Y / Z` — 100 × (X + Y) / Z, in %.
//! - `per_km2: X` — X divided by the unit's geodesic area computed from the atlas's boundaries.
//! - `change: X / Y` — 100 × (X / Y − 1), in %: X the later count, Y the earlier.

use std::fmt;

/// The raw tables a formula can read (`data/census/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 2020 county yearbook: province, 21 cities, 122 counties (2020 units).
    C2020,
    /// 2010 county yearbook on **2010 units**: only comparable units may be read.
    C2010,
    /// Both censuses for the 21 cities, 2010 adjusted to 2020 boundaries by the dataset's authors.
    City,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::C2020, TableId::C2010, TableId::City];

    /// The prefix used in formulas.
    pub fn prefix(self) -> &'static str {
        match self {
            TableId::C2020 => "c2020",
            TableId::C2010 => "c2010",
            TableId::City => "city",
        }
    }

    fn parse(prefix: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.prefix() == prefix)
    }
}

/// One column of one table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ColumnRef {
    pub table: TableId,
    pub header: String,
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.table {
            TableId::C2020 => f.write_str(&self.header),
            t => write!(f, "{}.{}", t.prefix(), self.header),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Stated,
    Count,
    Share,
    PerKm2,
    Change,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "stated" => Kind::Stated,
            "count" => Kind::Count,
            "share" => Kind::Share,
            "per_km2" => Kind::PerKm2,
            "change" => Kind::Change,
            _ => return None,
        })
    }

    fn needs_denominator(self) -> bool {
        matches!(self, Kind::Share | Kind::Change)
    }
}

/// One way of computing a statistic from named columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub kind: Kind,
    pub numerator: Vec<ColumnRef>,
    pub denominator: Vec<ColumnRef>,
    /// The alternative as written, shown with each value it gives.
    pub text: String,
}

impl Alternative {
    /// Every column it reads, numerator first.
    pub fn columns(&self) -> impl Iterator<Item = &ColumnRef> {
        self.numerator.iter().chain(&self.denominator)
    }

    /// The tables it reads (a unit needs a row in each).
    pub fn tables(&self) -> Vec<TableId> {
        let mut tables: Vec<TableId> = self.columns().map(|c| c.table).collect();
        tables.sort();
        tables.dedup();
        tables
    }

    /// The value from the column sums (`None` when a denominator is zero).
    pub fn apply(&self, numerator: f64, denominator: f64, area_km2: Option<f64>) -> Option<f64> {
        match self.kind {
            Kind::Stated | Kind::Count => Some(numerator),
            Kind::Share => (denominator != 0.0).then(|| 100.0 * numerator / denominator),
            Kind::Change => (denominator != 0.0).then(|| 100.0 * (numerator / denominator - 1.0)),
            Kind::PerKm2 => area_km2.filter(|a| *a > 0.0).map(|a| numerator / a),
        }
    }
}

/// A parsed formula: its alternatives in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    pub text: String,
    pub alternatives: Vec<Alternative>,
}

impl Formula {
    /// Parses a formula; the error is one line naming the part that is wrong.
    pub fn parse(text: &str) -> Result<Formula, String> {
        let alternatives = text.split(';').map(parse_alternative).collect::<Result<Vec<_>, _>>()?;
        Ok(Formula { text: text.trim().to_string(), alternatives })
    }

    /// Whether any alternative divides by the unit's area.
    pub fn uses_area(&self) -> bool {
        self.alternatives.iter().any(|a| a.kind == Kind::PerKm2)
    }

    /// Whether the values are percentages (shares and changes).
    pub fn is_percent(&self) -> bool {
        self.alternatives.iter().all(|a| matches!(a.kind, Kind::Share | Kind::Change))
    }
}

fn parse_alternative(text: &str) -> Result<Alternative, String> {
    let text = text.trim();
    let (kind_word, body) =
        text.split_once(':').ok_or_else(|| format!("{text:?}: expected `kind: columns`"))?;
    let kind = Kind::parse(kind_word.trim()).ok_or_else(|| {
        format!("{:?}: unknown kind (stated, count, share, per_km2 or change)", kind_word.trim())
    })?;
    let (numerator, denominator) = match body.split_once('/') {
        Some((n, d)) => (parse_sum(n)?, parse_sum(d)?),
        None => (parse_sum(body)?, Vec::new()),
    };
    if kind.needs_denominator() == denominator.is_empty() {
        let want = if kind.needs_denominator() { "needs" } else { "takes no" };
        return Err(format!("{text:?}: `{kind_word}` {want} a denominator (`/`)"));
    }
    if kind == Kind::Stated && numerator.len() != 1 {
        return Err(format!("{text:?}: `stated` takes exactly one column"));
    }
    Ok(Alternative { kind, numerator, denominator, text: text.to_string() })
}

fn parse_sum(text: &str) -> Result<Vec<ColumnRef>, String> {
    text.split('+').map(parse_column).collect()
}

fn parse_column(text: &str) -> Result<ColumnRef, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty column name".to_string());
    }
    let (table, header) = match text.split_once('.') {
        Some((prefix, header)) => match TableId::parse(prefix) {
            Some(table) => (table, header),
            None => {
                return Err(format!("{text:?}: unknown table {prefix:?} (c2020, c2010 or city)"))
            }
        },
        None => (TableId::C2020, text),
    };
    Ok(ColumnRef { table, header: header.trim().to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_and_alternatives() {
        let f = Formula::parse(
            "change: city.popu_2020 / city.popu_2010 ; change: 人口数_合计 / c2010.合计",
        )
        .unwrap();
        assert_eq!(f.alternatives.len(), 2);
        assert_eq!(f.alternatives[0].tables(), vec![TableId::City]);
        assert_eq!(f.alternatives[1].tables(), vec![TableId::C2020, TableId::C2010]);
        let share = Formula::parse("share: 大学专科_男 + 大学专科_女 / 人口数_合计").unwrap();
        assert_eq!(share.alternatives[0].numerator.len(), 2);
        assert!(share.is_percent());
        assert!(Formula::parse("per_km2: 人口数_合计").unwrap().uses_area());
    }

    #[test]
    fn refuses_malformed_formulas_in_one_line() {
        for bad in [
            "share: a",
            "stated: a + b",
            "count: a / b",
            "mean: a",
            "share: a / ",
            "count: x.a",
            "a",
        ] {
            let e = Formula::parse(bad).unwrap_err();
            assert!(!e.contains('\n') && !e.is_empty(), "{bad}: {e}");
        }
    }

    #[test]
    fn applies_kinds() {
        let share = Formula::parse("share: a / b").unwrap();
        assert_eq!(share.alternatives[0].apply(1.0, 4.0, None), Some(25.0));
        assert_eq!(share.alternatives[0].apply(1.0, 0.0, None), None);
        let change = Formula::parse("change: a / b").unwrap();
        assert!((change.alternatives[0].apply(120.0, 100.0, None).unwrap() - 20.0).abs() < 1e-9);
        let density = Formula::parse("per_km2: a").unwrap();
        assert_eq!(density.alternatives[0].apply(100.0, 0.0, Some(4.0)), Some(25.0));
        assert_eq!(density.alternatives[0].apply(100.0, 0.0, None), None);
    }
}
