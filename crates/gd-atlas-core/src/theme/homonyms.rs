//! Units of other provinces that share a name with a Guangdong unit (山西 阳泉市 城区 and 汕尾
//! 城区; 黑龙江 鹤岗市 南山区 and 深圳 南山区; 贵阳 白云区; 海口 龙华区; 唐山 开平区 and 开平市 by
//! its short name, …), from the 7th census county table of all China
//! (`national_homonyms.csv`, written by `tools/national_homonyms.py`; provenance there).
//!
//! The join uses them twice: a row whose parent cell names the other unit's prefecture or
//! province is that unit's, outside Guangdong; and in a table that reaches beyond Guangdong, a
//! row that names one of these without a parent or code to confirm it is ambiguous, never
//! matched.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::names::zh_core;

use super::keys::{name_key, parse_code};
use super::provinces::PROVINCES;

const CSV: &str = include_str!("national_homonyms.csv");

/// A unit outside Guangdong with a name a Guangdong unit also has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Homonym {
    pub code: String,
    pub province: String,
    pub prefecture: String,
    pub name: String,
}

impl Homonym {
    /// `南山区 230404 (黑龙江省鹤岗市)`.
    pub fn label(&self) -> String {
        format!("{} {} ({}{})", self.name, self.code, self.province, self.prefecture)
    }

    /// True when a parent cell names this unit's prefecture or province (full or short name,
    /// or run together: `黑龙江鹤岗`), or the prefecture's or province's code.
    pub fn parent_is(&self, parent: &str) -> bool {
        if let Some(code) = parse_code(parent) {
            return code.code == format!("{}00", &self.code[..4])
                || code.code == format!("{}0000", &self.code[..2]);
        }
        let province = PROVINCES.iter().find(|p| self.code.starts_with(p.prefix));
        let province_names = province
            .map(|p| {
                std::iter::once(p.name_zh).chain(p.other_names.iter().copied()).collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let names: Vec<String> = [
            Some(self.prefecture.as_str()),
            zh_core(&self.prefecture),
            Some(self.province.as_str()),
        ]
        .into_iter()
        .flatten()
        .chain(province_names)
        .map(name_key)
        .collect();
        let mut rest = name_key(parent);
        while !rest.is_empty() {
            let Some(len) = names
                .iter()
                .filter(|n| !n.is_empty() && rest.starts_with(n.as_str()))
                .map(String::len)
                .max()
            else {
                return false;
            };
            rest.drain(..len);
        }
        !parent.trim().is_empty()
    }
}

/// The list, by name key: each unit under its full name and its short name.
fn by_name() -> &'static HashMap<String, Vec<Homonym>> {
    static MAP: OnceLock<HashMap<String, Vec<Homonym>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<String, Vec<Homonym>> = HashMap::new();
        for h in parse(CSV) {
            let keys: Vec<String> =
                std::iter::once(h.name.as_str()).chain(zh_core(&h.name)).map(name_key).collect();
            for key in keys {
                map.entry(key).or_default().push(h.clone());
            }
        }
        map
    })
}

/// The units of the embedded CSV (`code,province,prefecture,name,population`); a malformed line
/// is skipped (the unit test checks that none is).
fn parse(text: &str) -> Vec<Homonym> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 4 && r[0].len() == 6 && r[0].bytes().all(|b| b.is_ascii_digit()))
        .map(|r| Homonym {
            code: r[0].to_string(),
            province: r[1].to_string(),
            prefecture: r[2].to_string(),
            name: r[3].to_string(),
        })
        .collect()
}

/// The units outside Guangdong that a key cell could name (by full or short name).
pub fn elsewhere(key: &str) -> &'static [Homonym] {
    by_name().get(&name_key(key)).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_list_is_read() {
        let lines = CSV.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(parse(CSV).len(), lines);
        assert!(lines >= 5, "城区 ×2, 南山区, 白云区, 龙华区 at least");
    }

    #[test]
    fn homonyms_by_full_and_short_name() {
        let codes = |key: &str| elsewhere(key).iter().map(|h| h.code.as_str()).collect::<Vec<_>>();
        assert_eq!(codes("城区"), vec!["140302", "140502"]);
        assert_eq!(codes("南山区"), vec!["230404"]);
        assert_eq!(codes("南山"), vec!["230404"], "the short name too");
        assert_eq!(codes("开平"), vec!["130205"], "唐山 开平区 shares the short name of 开平市");
        assert!(codes("高要区").is_empty());
    }

    #[test]
    fn parent_cells_name_the_other_units_places() {
        let nanshan = &elsewhere("南山区")[0];
        assert!(nanshan.parent_is("鹤岗市"));
        assert!(nanshan.parent_is("鹤岗"));
        assert!(nanshan.parent_is("黑龙江省"));
        assert!(nanshan.parent_is("黑龙江鹤岗市"));
        assert!(nanshan.parent_is("230400"));
        assert!(!nanshan.parent_is("深圳市"));
        assert!(!nanshan.parent_is("440300"));
        assert!(!nanshan.parent_is(""));
        assert_eq!(nanshan.label(), "南山区 230404 (黑龙江省鹤岗市)");
    }
}
