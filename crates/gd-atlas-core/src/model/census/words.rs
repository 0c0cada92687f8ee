//! Census figures in words, shared by the details panel, `info`, compare and its CSV, so every
//! place that shows a figure cites it the same way.

use crate::i18n::Lang;

use super::{CensusValue, NoValue, Peers, Rank, Statistic};

/// "1,998,619 people", "58.60%", "2.06%（占15岁及以上人口）": joined as every value of the
/// atlas is ([`crate::model::value_with_unit`]).
pub fn value_text(stat: &Statistic, value: f64, lang: Lang) -> String {
    crate::model::value_with_unit(
        lang,
        &stat.format(value),
        lang.name(&stat.unit_en, &stat.unit_zh),
    )
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "3rd of 122 counties" / "122个县级单位中第3".
pub fn rank_text(rank: Rank, peers: Peers, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let what = match peers {
                Peers::Counties => "counties",
                Peers::Cities => "cities",
                Peers::Province => "provinces",
            };
            format!("{} of {} {what}", ordinal(rank.rank), rank.of)
        }
        Lang::Zh => {
            let what = match peers {
                Peers::Counties => "个县级单位",
                Peers::Cities => "个地级市",
                Peers::Province => "个省",
            };
            format!("{}{what}中第{}", rank.of, rank.rank)
        }
    }
}

/// The cells a value was read from: "data/census/…csv line 140: 制造业 = 1234 / 各种行业人口总计 = 5678".
pub fn source_text(value: &CensusValue, lang: Lang) -> String {
    let Some(first) = value.cells.first() else { return String::new() };
    let cells: Vec<String> =
        value.cells.iter().map(|c| format!("{} = {}", c.column, c.stated)).collect();
    let same_row = value.cells.iter().all(|c| c.file == first.file && c.line == first.line);
    let cited = if same_row {
        format!("{} {} {}: {}", first.file, lang.pick("line", "第"), first.line, cells.join(", "))
    } else {
        value
            .cells
            .iter()
            .map(|c| format!("{}:{} {} = {}", c.file, c.line, c.column, c.stated))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let area = value.area_km2.map(|a| {
        format!(
            "; {} {} km² ({})",
            lang.pick("area", "面积"),
            super::format_number(a, 1),
            lang.pick("area computed from the boundaries", "面积由边界计算")
        )
    });
    format!("{cited}{}", area.unwrap_or_default())
}

/// The credit line in the language.
pub fn credit(lang: Lang) -> &'static str {
    lang.pick(super::CREDIT_EN, super::CREDIT_ZH)
}

/// "No data: not given in the yearbook (…)" in the language: the full sentence, for hover.
pub fn no_data_text(reason: &NoValue, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No data: {}", reason.en),
        Lang::Zh => format!("无数据：{}", reason.zh),
    }
}

/// "no data (boundaries changed since 2010)" / "无数据（2010年后区划有变）": what a panel shows in
/// place of the value, so the reason is read without hovering.
pub fn no_data_short(reason: &NoValue, lang: Lang) -> String {
    match lang {
        Lang::En => format!("no data ({})", reason.short_en),
        Lang::Zh => format!("无数据（{}）", reason.short_zh),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> =
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 122].iter().map(|&n| ordinal(n)).collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th", "122nd"
            ]
        );
    }

    #[test]
    fn ranks_in_both_languages() {
        let r = Rank { rank: 3, of: 122 };
        assert_eq!(rank_text(r, Peers::Counties, Lang::En), "3rd of 122 counties");
        assert_eq!(rank_text(r, Peers::Counties, Lang::Zh), "122个县级单位中第3");
    }
}
