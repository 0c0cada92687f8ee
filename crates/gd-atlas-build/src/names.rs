//! Romanised names generated from the Chinese name with the `pinyin` crate.
//!
//! The town list's own pinyin column was joined by code from another list and is wrong for about
//! 230 rows (`geo/boundaries/SOURCES.md`), so town names are regenerated from the characters.

use pinyin::ToPinyin;

/// Chinese suffix → (unit kind, English suffix), longest first so `民族乡` wins over `乡`.
const TOWN_SUFFIXES: &[(&str, &str, &str)] = &[
    ("街道", "subdistrict", "Subdistrict"),
    ("镇", "town", "Town"),
    ("乡", "township", "Township"),
];

/// Ethnic groups named in Guangdong's ethnic townships (瑶族乡, 壮族瑶族乡, 畲族乡).
const ETHNIC: &[(&str, &str)] = &[("瑶族", "Yao"), ("壮族", "Zhuang"), ("畲族", "She")];

/// Suffixes of non-town units (farms, prisons, parks …) and their English rendering.
const OTHER_SUFFIXES: &[(&str, &str)] = &[
    ("华侨农场", "Overseas Chinese Farm"),
    ("农场", "Farm"),
    ("林场", "Forest Farm"),
    ("茶场", "Tea Farm"),
    ("盐场", "Salt Works"),
    ("监狱", "Prison"),
    ("劳教所", "Re-education Centre"),
    ("开发区", "Development Zone"),
    ("管理区", "Management Area"),
    ("产业转移工业园", "Industrial Transfer Park"),
    ("经济开发试验区", "Economic Development Pilot Zone"),
    ("旅游度假区", "Tourist Resort"),
    ("旅游区", "Tourist Area"),
    ("工业园区", "Industrial Park"),
    ("工业园", "Industrial Park"),
    ("产业园", "Industrial Park"),
    ("产业转移园", "Industrial Transfer Park"),
    ("工业区", "Industrial Zone"),
    ("科技园", "Science Park"),
    ("保税区", "Bonded Zone"),
    ("保护区", "Nature Reserve"),
    ("试验区", "Pilot Zone"),
    ("合作区", "Cooperation Zone"),
    ("新区", "New Area"),
    ("度假区", "Resort"),
    ("国际机场", "International Airport"),
];

/// Place-name readings of polyphonic characters where the crate's default reading is wrong for
/// Guangdong toponyms. Found by comparing the generated names with the GeoNames romanisations of
/// the town seats (e.g. 长安 Chang'an not Zhang'an, 新圩 Xinxu not Xinwei, 高陂 Gaopi, 佛山 Foshan).
const PLACE_READINGS: &[(char, &str)] = &[
    ('长', "chang"),
    ('都', "du"),
    ('陂', "pi"),
    ('圩', "xu"),
    ('厦', "xia"),
    ('咀', "zui"),
    ('调', "tiao"),
    ('勒', "le"),
    ('曾', "zeng"),
    ('佛', "fo"),
    ('浰', "li"),
];

/// Pinyin syllables of a string; characters without a reading are kept as they are.
pub fn syllables(zh: &str) -> Vec<String> {
    zh.chars()
        .map(|c| match PLACE_READINGS.iter().find(|(k, _)| *k == c) {
            Some((_, reading)) => reading.to_string(),
            None => match c.to_pinyin() {
                Some(p) => p.plain().to_string(),
                None => c.to_string(),
            },
        })
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Splits at full-width parentheses: 东莞大岭山（南雄）产业转移 → [东莞大岭山, 南雄, 产业转移] with
/// a flag for the parenthesised part.
fn parts(zh: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    for c in zh.chars() {
        match c {
            '（' | '(' | '）' | ')' => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), inside));
                }
                inside = matches!(c, '（' | '(');
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push((current, inside));
    }
    out
}

/// "Jinli" from 金利: syllables joined, first letter capitalised (parenthesised parts kept apart).
pub fn joined(zh: &str) -> String {
    parts(zh)
        .iter()
        .map(|(p, inside)| {
            let word = capitalise(&syllables(p).concat());
            if *inside { format!("({word})") } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Jin Li" from 金利: every syllable capitalised, space separated, in plain ASCII (ü → u), as a
/// search alias.
pub fn spaced(zh: &str) -> String {
    syllables(&parts(zh).into_iter().map(|p| p.0).collect::<String>())
        .iter()
        .map(|s| capitalise(&s.replace('ü', "u")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when every character of the name has a pinyin reading.
pub fn fully_romanised(zh: &str) -> bool {
    zh.chars().all(|c| c.to_pinyin().is_some())
}

/// A town-level name split into its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct TownName {
    /// The name without its administrative suffix, e.g. 金利.
    pub core_zh: String,
    pub unit_kind: &'static str,
    pub name_pinyin: String,
    pub name_en: String,
}

/// Splits a town-level name (金利镇, 下帅壮族瑶族乡, 华侨农场 …) and romanises it.
pub fn town_name(zh: &str) -> TownName {
    // Ethnic townships: core + one or more ethnic groups + 乡.
    if let Some(stem) = zh.strip_suffix('乡') {
        let mut rest = stem;
        let mut groups = Vec::new();
        while let Some((group_zh, group_en)) = ETHNIC.iter().find(|(g, _)| rest.ends_with(g)) {
            rest = &rest[..rest.len() - group_zh.len()];
            groups.insert(0, *group_en);
        }
        if !groups.is_empty() && !rest.is_empty() {
            let pinyin = joined(rest);
            let name_en = format!("{pinyin} {} Ethnic Township", groups.join(" and "));
            return TownName { core_zh: rest.to_string(), unit_kind: "ethnic_township", name_pinyin: pinyin, name_en };
        }
    }
    for &(suffix, kind, en) in TOWN_SUFFIXES {
        if let Some(core) = zh.strip_suffix(suffix) {
            if !core.is_empty() {
                let pinyin = joined(core);
                return TownName { core_zh: core.to_string(), unit_kind: kind, name_en: format!("{pinyin} {en}"), name_pinyin: pinyin };
            }
        }
    }
    for &(suffix, en) in OTHER_SUFFIXES {
        if let Some(core) = zh.strip_suffix(suffix) {
            if !core.is_empty() {
                let pinyin = joined(core);
                return TownName { core_zh: core.to_string(), unit_kind: "other_unit", name_en: format!("{pinyin} {en}"), name_pinyin: pinyin };
            }
        }
    }
    let pinyin = joined(zh);
    TownName { core_zh: zh.to_string(), unit_kind: "other_unit", name_en: pinyin.clone(), name_pinyin: pinyin }
}

/// Strips a county/city suffix (自治县, 区, 县, 市, 省) and gives the unit kind of a county.
pub fn admin_core(zh: &str) -> (&str, &'static str) {
    for (suffix, kind) in [("自治县", "autonomous_county"), ("区", "district"), ("县", "county"), ("市", "county_city"), ("省", "province")] {
        if let Some(core) = zh.strip_suffix(suffix) {
            if !core.is_empty() {
                return (core, kind);
            }
        }
    }
    (zh, "county")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jinli_town() {
        let n = town_name("金利镇");
        assert_eq!(n.core_zh, "金利");
        assert_eq!(n.name_pinyin, "Jinli");
        assert_eq!(n.name_en, "Jinli Town");
        assert_eq!(n.unit_kind, "town");
        assert_eq!(spaced("金利"), "Jin Li");
    }

    #[test]
    fn subdistrict_and_ethnic_township() {
        assert_eq!(town_name("沙面街道").name_en, "Shamian Subdistrict");
        let n = town_name("下帅壮族瑶族乡");
        assert_eq!(n.core_zh, "下帅");
        assert_eq!(n.unit_kind, "ethnic_township");
        assert_eq!(n.name_en, "Xiashuai Zhuang and Yao Ethnic Township");
        assert_eq!(town_name("深渡水乡").unit_kind, "township");
    }

    #[test]
    fn parentheses_and_umlaut() {
        let n = town_name("东莞大岭山（南雄）产业转移工业园");
        assert_eq!(n.name_en, "Dongguandalingshan (Nanxiong) Industrial Transfer Park");
        assert_eq!(town_name("吕田镇").name_pinyin, "Lütian");
        assert_eq!(spaced("吕田"), "Lu Tian");
        assert_eq!(town_name("长安镇").name_pinyin, "Changan");
        assert_eq!(town_name("新圩镇").name_pinyin, "Xinxu");
        assert_eq!(spaced("佛山"), "Fo Shan");
    }

    #[test]
    fn other_units_and_counties() {
        let n = town_name("华侨农场");
        assert_eq!(n.unit_kind, "other_unit");
        assert!(n.name_en.ends_with("Farm"), "{}", n.name_en);
        assert_eq!(admin_core("高要区"), ("高要", "district"));
        assert_eq!(admin_core("连南瑶族自治县"), ("连南瑶族", "autonomous_county"));
        assert_eq!(admin_core("四会市").1, "county_city");
    }
}
