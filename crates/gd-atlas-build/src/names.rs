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

/// Final generic parts of non-town units, longest first: what is left before one of these is the
/// unit's proper name (`core_zh`, romanised as `name_pinyin`).
const OTHER_SUFFIXES: &[&str] = &[
    "高新技术产业开发区",
    "经济开发试验区",
    "产业转移工业园",
    "高新科技产业园",
    "省级自然保护区",
    "滨海旅游度假区",
    "商贸物流中心",
    "经济开发区",
    "自然保护区",
    "综合保税区",
    "华侨农场",
    "旅游度假区",
    "生态旅游区",
    "国际机场",
    "产业转移园",
    "科技工业园",
    "工业园区",
    "发展中心",
    "开发区",
    "管理区",
    "管理处",
    "工业园",
    "产业园",
    "工业区",
    "科技园",
    "保税区",
    "旅游区",
    "度假区",
    "合作区",
    "农林场",
    "原种场",
    "苗圃场",
    "劳教所",
    "林场",
    "分场",
    "农场",
    "茶场",
    "盐场",
    "监狱",
    "新区",
    "水库",
    "矿区",
    "园区",
    "港",
    "矿",
];

/// English for the generic words inside a non-town unit's name, longest Chinese first. Everything
/// between them is a proper name and stays pinyin: 湛江奋勇高新技术产业开发区 → "Zhanjiang Fenyong
/// High-tech Industrial Development Zone", 阳江林场罗琴分场 → "Yangjiang Forest Farm Luoqin Branch".
const GENERIC_WORDS: &[(&str, &str)] = &[
    ("高新技术产业开发区", "High-tech Industrial Development Zone"),
    ("经济开发试验区", "Economic Development Pilot Zone"),
    ("产业转移工业园", "Industrial Transfer Park"),
    ("高新科技产业园", "High-tech Industrial Park"),
    ("滨海旅游度假区", "Coastal Tourist Resort"),
    ("省级自然保护区", "Provincial Nature Reserve"),
    ("商贸物流中心", "Trade and Logistics Centre"),
    ("畜牧果林场", "Livestock and Fruit Forest Farm"),
    ("经济开发区", "Economic Development Zone"),
    ("自然保护区", "Nature Reserve"),
    ("综合保税区", "Comprehensive Bonded Zone"),
    ("戒毒劳教所", "Drug Rehabilitation Centre"),
    ("产业转移园", "Industrial Transfer Park"),
    ("科技工业园", "Science and Technology Industrial Park"),
    ("华侨管理区", "Overseas Chinese Management Area"),
    ("华侨农场", "Overseas Chinese Farm"),
    ("旅游度假区", "Tourist Resort"),
    ("生态旅游区", "Eco-tourism Area"),
    ("滨海新区", "Coastal New Area"),
    ("国际机场", "International Airport"),
    ("工业园区", "Industrial Park"),
    ("发展中心", "Development Centre"),
    ("科创小镇", "Innovation Town"),
    ("开发区", "Development Zone"),
    ("管理区", "Management Area"),
    ("管理处", "Management Office"),
    ("工业园", "Industrial Park"),
    ("产业园", "Industrial Park"),
    ("工业区", "Industrial Zone"),
    ("科技园", "Science Park"),
    ("保税区", "Bonded Zone"),
    ("旅游区", "Tourist Area"),
    ("度假区", "Resort"),
    ("合作区", "Cooperation Zone"),
    ("农林场", "Agroforestry Farm"),
    ("果林场", "Fruit Forest Farm"),
    ("原种场", "Seed Farm"),
    ("苗圃场", "Nursery"),
    ("劳教所", "Re-education Centre"),
    ("矿务局", "Mining Bureau"),
    ("林业局", "Forestry Bureau"),
    ("珠三角", "Pearl River Delta"),
    ("硫铁矿", "Pyrite Mine"),
    ("生态园", "Eco-park"),
    ("林场", "Forest Farm"),
    ("分场", "Branch"),
    ("农场", "Farm"),
    ("茶场", "Tea Farm"),
    ("盐场", "Salt Works"),
    ("监狱", "Prison"),
    ("新区", "New Area"),
    ("水库", "Reservoir"),
    ("矿区", "Mining Area"),
    ("国营", "State-owned"),
    ("国有", "State-owned"),
    ("军区", "Military Region"),
    ("沿海", "Coastal"),
    ("女子", "Women's"),
    ("第二", "No. 2"),
];

/// Generic words read as such only at the end of a name (inside one they are part of a proper
/// name: 联港 is a name, 东莞港 is Dongguan Port).
const FINAL_WORDS: &[(&str, &str)] =
    &[("园区", "Park"), ("港", "Port"), ("矿", "Mine"), ("区", "District")];

/// Generic words read as such only at the start of a name (省三水劳教所, 县苗圃场).
const INITIAL_WORDS: &[(&str, &str)] = &[("省", "Provincial"), ("县", "County")];

/// Administrative suffixes that end a proper name inside a longer one and are dropped from the
/// English (广东省江门监狱 → "Guangdong Jiangmen Prison").
const ADMIN_MARKERS: &[char] = &['省', '市', '县', '区'];

/// Names that start a proper name of their own when glued to the next one (东莞大岭山 → Dongguan
/// Dalingshan): the province and its cities.
const CITY_CORES: &[&str] = &[
    "广东", "广州", "深圳", "珠海", "汕头", "佛山", "韶关", "湛江", "肇庆", "江门", "茂名", "惠州",
    "梅州", "汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮",
];

/// Whole names with an established English form that no word-by-word reading gives.
const WHOLE_NAMES: &[(&str, &str)] = &[("中海石油南海西部公司", "CNOOC Nanhai West Company")];

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
    // Cantonese-area toponym: 涌 (a stream) is chong in every place name (东涌 Dongchong, 麻涌 Machong).
    ('涌', "chong"),
];

/// Readings that depend on the neighbouring character: 陂 is pi in 高陂 but bei in 车陂; 埔 is
/// bu in 大埔 (the county and its forest farm) but pu in 黄埔; 厦 is sha in 广厦; 重 is chong in
/// 重阳; 畜 is xu in 畜牧.
const PHRASE_READINGS: &[(&str, &[&str])] = &[
    ("车陂", &["che", "bei"]),
    ("大埔", &["da", "bu"]),
    ("广厦", &["guang", "sha"]),
    ("重阳", &["chong", "yang"]),
    ("畜牧", &["xu", "mu"]),
];

/// Pinyin syllables of a string; characters without a reading are kept as they are.
pub fn syllables(zh: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = zh;
    while let Some(c) = rest.chars().next() {
        if let Some((phrase, readings)) = PHRASE_READINGS.iter().find(|(p, _)| rest.starts_with(p))
        {
            out.extend(readings.iter().map(|r| r.to_string()));
            rest = &rest[phrase.len()..];
            continue;
        }
        out.push(match PLACE_READINGS.iter().find(|(k, _)| *k == c) {
            Some((_, reading)) => reading.to_string(),
            None => match c.to_pinyin() {
                Some(p) => p.plain().to_string(),
                None => c.to_string(),
            },
        });
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Syllables written as one word, with an apostrophe where a syllable after the first starts
/// with a, e or o (Bao'an, Xi'an, Chang'an): without it "Baoan" and "Xian" read differently.
fn concat_syllables(syllables: &[String]) -> String {
    let mut word = String::new();
    for (i, s) in syllables.iter().enumerate() {
        if i > 0 && s.starts_with(['a', 'e', 'o']) {
            word.push('\'');
        }
        word.push_str(s);
    }
    word
}

/// The name without apostrophes ("Baoan" for "Bao'an"), as people often type it.
pub fn without_apostrophes(name: &str) -> String {
    name.replace(['\'', '’'], "")
}

/// The source's own pinyin for a county or city ("Baoan") with the apostrophes the characters
/// call for ("Bao'an"); the source is kept as it is when it is not the plain reading.
pub fn apostrophised(core_zh: &str, source_pinyin: &str) -> String {
    let generated = joined(core_zh);
    if !source_pinyin.is_empty()
        && without_apostrophes(&generated).eq_ignore_ascii_case(source_pinyin)
    {
        generated
    } else {
        source_pinyin.to_string()
    }
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
            let word = capitalise(&concat_syllables(&syllables(p)));
            if *inside {
                format!("({word})")
            } else {
                word
            }
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
            return TownName {
                core_zh: rest.to_string(),
                unit_kind: "ethnic_township",
                name_pinyin: pinyin,
                name_en,
            };
        }
    }
    for &(suffix, kind, en) in TOWN_SUFFIXES {
        if let Some(core) = zh.strip_suffix(suffix) {
            if !core.is_empty() {
                let pinyin = joined(core);
                return TownName {
                    core_zh: core.to_string(),
                    unit_kind: kind,
                    name_en: format!("{pinyin} {en}"),
                    name_pinyin: pinyin,
                };
            }
        }
    }
    let core = OTHER_SUFFIXES
        .iter()
        .find_map(|suffix| zh.strip_suffix(suffix).filter(|c| !c.is_empty()))
        .unwrap_or(zh);
    TownName {
        core_zh: core.to_string(),
        unit_kind: "other_unit",
        name_en: other_unit_en(zh),
        name_pinyin: other_unit_pinyin(core),
    }
}

/// English name of a farm, prison, park …: generic words translated, proper names in pinyin.
pub fn other_unit_en(zh: &str) -> String {
    if let Some((_, en)) = WHOLE_NAMES.iter().find(|(z, _)| *z == zh) {
        return en.to_string();
    }
    parts(zh)
        .iter()
        .map(|(p, inside)| {
            let words = translate_words(p, true).join(" ");
            if *inside {
                format!("({words})")
            } else {
                words
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pinyin of a non-town unit's proper name: its proper words only (深圳市宝安 → "Shenzhen Bao'an",
/// 曲仁矿务局田螺冲 → "Quren Tianluochong"); the whole name's pinyin when it has none (保税区).
fn other_unit_pinyin(core_zh: &str) -> String {
    let is_generic = |w: &String| GENERIC_WORDS.iter().chain(INITIAL_WORDS).any(|(_, en)| en == w);
    let proper: Vec<String> = parts(core_zh)
        .iter()
        .filter_map(|(p, inside)| {
            // The core has lost its final generic word already: 联港 is a name, not "Lian Port".
            let words: Vec<String> =
                translate_words(p, false).into_iter().filter(|w| !is_generic(w)).collect();
            let words = words.join(" ");
            match (words.is_empty(), inside) {
                (true, _) => None,
                (false, true) => Some(format!("({words})")),
                (false, false) => Some(words),
            }
        })
        .collect();
    if proper.is_empty() {
        joined(core_zh)
    } else {
        proper.join(" ")
    }
}

/// Splits one part of a unit name into English words: generic words translated, runs of other
/// characters romanised as one proper name each (split after an administrative suffix or a city).
/// `finals`: read the [`FINAL_WORDS`] at the end (the whole name, not its core).
fn translate_words(zh: &str, finals: bool) -> Vec<String> {
    let mut words = Vec::new();
    let mut run = String::new();
    let mut rest = zh;
    let flush = |run: &mut String, words: &mut Vec<String>| {
        if !run.is_empty() {
            words.push(joined(run));
            run.clear();
        }
    };
    while let Some(c) = rest.chars().next() {
        let at_start = words.is_empty() && run.is_empty();
        let generic = GENERIC_WORDS.iter().find(|(w, _)| rest.starts_with(w)).copied();
        let positional = if at_start {
            INITIAL_WORDS.iter().find(|(w, _)| rest.starts_with(w) && rest.len() > w.len()).copied()
        } else {
            None
        };
        let final_word = FINAL_WORDS
            .iter()
            .find(|(w, _)| finals && rest == *w && !(run.is_empty() && words.is_empty()))
            .copied();
        if let Some((w, en)) = generic.or(positional).or(final_word) {
            flush(&mut run, &mut words);
            words.push(en.to_string());
            rest = &rest[w.len()..];
            continue;
        }
        if run.chars().count() >= 2 && ADMIN_MARKERS.contains(&c) && rest.len() > c.len_utf8() {
            flush(&mut run, &mut words);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(city) = CITY_CORES
            .iter()
            .find(|city| run.is_empty() && rest.starts_with(*city) && rest.len() > city.len())
        {
            words.push(joined(city));
            rest = &rest[city.len()..];
            // 广东省 / 惠州市: the suffix of the city itself is not a word of the name.
            if let Some(marker) = rest
                .chars()
                .next()
                .filter(|m| ADMIN_MARKERS.contains(m) && rest.len() > m.len_utf8())
            {
                rest = &rest[marker.len_utf8()..];
            }
            continue;
        }
        run.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut run, &mut words);
    words
}

/// Strips a county/city suffix (自治县, 区, 县, 市, 省) and gives the unit kind of a county.
pub fn admin_core(zh: &str) -> (&str, &'static str) {
    for (suffix, kind) in [
        ("自治县", "autonomous_county"),
        ("区", "district"),
        ("县", "county"),
        ("市", "county_city"),
        ("省", "province"),
    ] {
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
        assert_eq!(n.name_en, "Dongguan Dalingshan (Nanxiong) Industrial Transfer Park");
        assert_eq!(town_name("吕田镇").name_pinyin, "Lütian");
        assert_eq!(spaced("吕田"), "Lu Tian");
        assert_eq!(town_name("长安镇").name_pinyin, "Chang'an");
        assert_eq!(town_name("新圩镇").name_pinyin, "Xinxu");
        assert_eq!(spaced("佛山"), "Fo Shan");
    }

    #[test]
    fn apostrophes_and_cantonese_readings() {
        assert_eq!(town_name("保安镇").name_en, "Bao'an Town");
        assert_eq!(joined("西安"), "Xi'an");
        assert_eq!(joined("潮安"), "Chao'an");
        assert_eq!(joined("金利"), "Jinli");
        assert_eq!(without_apostrophes("Bao'an"), "Baoan");
        assert_eq!(apostrophised("宝安", "Baoan"), "Bao'an");
        assert_eq!(apostrophised("郁南", "Yunan"), "Yunan");
        assert_eq!(apostrophised("云安", "Yunan"), "Yun'an");
        assert_eq!(town_name("东涌镇").name_pinyin, "Dongchong");
        assert_eq!(town_name("麻涌镇").name_pinyin, "Machong");
        assert_eq!(town_name("重阳镇").name_pinyin, "Chongyang");
        assert_eq!(town_name("车陂街道").name_en, "Chebei Subdistrict");
        assert_eq!(town_name("高陂镇").name_pinyin, "Gaopi");
        assert_eq!(town_name("广厦街道").name_pinyin, "Guangsha");
        assert_eq!(town_name("大埔林场").name_en, "Dabu Forest Farm");
        assert_eq!(spaced("大埔"), "Da Bu");
    }

    #[test]
    fn other_unit_generic_parts_translated() {
        assert_eq!(
            town_name("肇庆高新技术产业开发区").name_en,
            "Zhaoqing High-tech Industrial Development Zone"
        );
        assert_eq!(town_name("肇庆高新技术产业开发区").core_zh, "肇庆");
        assert_eq!(town_name("深圳市宝安国际机场").name_pinyin, "Shenzhen Bao'an");
        assert_eq!(town_name("保税区").name_pinyin, "Baoshuiqu");
        assert_eq!(town_name("联港工业区").name_pinyin, "Liangang");
        assert_eq!(town_name("珠海（揭阳）产业转移工业园").name_pinyin, "Zhuhai (Jieyang)");
        assert_eq!(
            other_unit_en("湛江奋勇高新技术产业开发区"),
            "Zhanjiang Fenyong High-tech Industrial Development Zone"
        );
        assert_eq!(other_unit_en("广东省江门监狱"), "Guangdong Jiangmen Prison");
        assert_eq!(other_unit_en("阳江林场罗琴分场"), "Yangjiang Forest Farm Luoqin Branch");
        assert_eq!(other_unit_en("深圳市宝安国际机场"), "Shenzhen Bao'an International Airport");
        assert_eq!(other_unit_en("新会经济开发区"), "Xinhui Economic Development Zone");
        assert_eq!(other_unit_en("省三水劳教所"), "Provincial Sanshui Re-education Centre");
        assert_eq!(other_unit_en("联港工业区"), "Liangang Industrial Zone");
        assert_eq!(other_unit_en("东莞港"), "Dongguan Port");
        assert_eq!(other_unit_en("保税区"), "Bonded Zone");
        assert_eq!(
            other_unit_en("湛江市坡头区官渡工业园"),
            "Zhanjiang Potou Guandu Industrial Park"
        );
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
