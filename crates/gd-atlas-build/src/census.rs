//! The 2020 census as the atlas's own statistics (issue 18): copies the yearbook extracts of
//! `../shared/stats/` verbatim into `data/census/` (every figure the app shows is read from their
//! cells, so it can cite file, line and column) and writes `data/census/catalogue.csv`, the one
//! description of each statistic. Before writing, every formula is parsed with the app's own
//! parser and every column it reads is looked up in the table it names, so a catalogue the build
//! writes is one the app can evaluate.

use std::path::Path;

use gd_atlas_core::model::census::catalogue::COLUMNS;
use gd_atlas_core::model::census::tables::{files, layout};
use gd_atlas_core::model::census::{checks, crosscheck, Formula, RawTable, TableId};

use crate::io::{self, BuildResult};

/// One statistic: `(id, group, name_en, name_zh, unit_en, unit_zh, decimals, formula,
/// definition_en, definition_zh, headline, map: method, classes, palette, centre)`.
type Def = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u8,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u8,
    &'static str,
    &'static str,
);

/// The groups: id, English, Chinese (in display order).
const GROUPS: &[(&str, &str, &str)] = &[
    ("population", "Population", "人口"),
    ("age", "Age", "年龄结构"),
    ("migration", "Where residents are registered", "户口登记地"),
    ("education", "Education", "受教育程度"),
    ("employment", "Employment", "就业"),
    ("housing", "Housing", "住房"),
    ("change", "Change since 2010", "2010年以来的变化"),
];

/// Long-form figures (industry, occupation, housing) come from the census long form, a sample
/// of about one household in ten: one decimal is all a share of them supports.
const CATALOGUE: &[Def] = &[
    ("population", "population", "Resident population", "常住人口", "people", "人", 0,
     "count: 人口数_合计",
     "People usually resident in the unit at the census moment (2020-11-01), as the yearbook gives it.",
     "2020年11月1日零时常住人口（年鉴原值）。", "1", "quantile", 5, "YlOrRd", ""),
    ("density", "population", "Population density", "人口密度", "people per km²", "人/平方千米", 0,
     "per_km2: 人口数_合计",
     "Resident population divided by the unit's area; area computed from the boundaries drawn in the atlas (geodesic, WGS84), not an official land area.",
     "常住人口除以面积；面积由地图所用边界按WGS84椭球计算，并非官方土地面积。", "2", "quantile", 7, "YlOrRd", ""),
    ("urban_share", "population", "Urban share", "城镇人口比重", "%", "%", 2,
     "share: 城镇人口 / 人口数_合计",
     "Urban residents (城镇人口) as a share of the resident population.",
     "城镇人口占常住人口的比重。", "3", "quantile", 5, "PuBuGn", ""),
    ("sex_ratio", "population", "Sex ratio", "性别比", "males per 100 females", "女=100", 2,
     "stated: 性别比（女=100）",
     "Males per 100 females among residents, as the yearbook gives it.",
     "常住人口性别比（以女性为100），年鉴原值。", "", "quantile", 6, "PuOr", "province"),
    ("minority_share", "population", "Ethnic minority share", "少数民族人口比重", "%", "%", 2,
     "stated: 少数民族人口比重（%）",
     "Residents of an ethnic minority as a share of the resident population, as the yearbook gives it.",
     "少数民族人口占常住人口的比重，年鉴原值。", "", "quantile", 5, "Purples", ""),
    ("households", "population", "Family households", "家庭户数", "households", "户", 0,
     "count: 家庭户数",
     "Family households (家庭户), as the yearbook gives them; collective households not included.",
     "家庭户户数（不含集体户），年鉴原值。", "", "quantile", 5, "Greens", ""),
    ("household_size", "population", "Average household size", "平均家庭户规模", "people per household", "人/户", 2,
     "stated: 户规模",
     "Average number of people in a family household, as the yearbook gives it.",
     "平均每个家庭户的人口数，年鉴原值。", "", "quantile", 5, "Greens", ""),
    ("age_0_14_share", "age", "Aged 0–14", "0—14岁人口比重", "%", "%", 2,
     "stated: 人口比重_0-14岁",
     "Residents aged 0 to 14 as a share of the resident population, as the yearbook gives it.",
     "0—14岁人口占常住人口的比重，年鉴原值。", "", "quantile", 5, "Greens", ""),
    ("age_15_64_share", "age", "Aged 15–64", "15—64岁人口比重", "%", "%", 2,
     "stated: 人口比重_15-64岁",
     "Residents aged 15 to 64 as a share of the resident population, as the yearbook gives it.",
     "15—64岁人口占常住人口的比重，年鉴原值。", "", "quantile", 5, "OrRd", ""),
    ("age_65_share", "age", "Aged 65 and over", "65岁及以上人口比重", "%", "%", 2,
     "stated: 人口比重_65岁及以上",
     "Residents aged 65 and over as a share of the resident population, as the yearbook gives it.",
     "65岁及以上人口占常住人口的比重，年鉴原值。", "5", "quantile", 5, "Purples", ""),
    ("from_other_province_share", "migration", "Registered in another province", "户口登记地在外省", "%", "%", 2,
     "share: 户口登记地在外乡镇街道人口_省外 / 人口数_合计",
     "Residents whose household registration (hukou) is in another province, as a share of the resident population.",
     "户口登记地在省外的常住人口占常住人口的比重。", "4", "quantile", 5, "YlOrRd", ""),
    ("from_elsewhere_in_province_share", "migration", "Registered elsewhere in Guangdong", "户口登记地在本省其他县", "%", "%", 2,
     "share: 户口登记地在外乡镇街道人口_本省其他县 / 人口数_合计",
     "Residents registered in another county of Guangdong, as a share of the resident population.",
     "户口登记地在本省其他县（市、区）的常住人口占常住人口的比重。", "", "quantile", 5, "YlGnBu", ""),
    ("from_same_county_share", "migration", "Registered in another township of the county", "户口登记地在本县其他乡镇街道", "%", "%", 2,
     "share: 户口登记地在外乡镇街道人口_本县 / 人口数_合计",
     "Residents registered in another township or subdistrict of the same county, as a share of the resident population.",
     "户口登记地在本县（市、区）其他乡镇街道的常住人口占常住人口的比重。", "", "quantile", 5, "Purples", ""),
    ("schooling_years", "education", "Average years of schooling", "平均受教育年限", "years", "年", 2,
     "stated: 平均受教育年限_合计",
     "Average years of schooling of residents aged 15 and over, as the yearbook gives it.",
     "15岁及以上人口平均受教育年限，年鉴原值。", "6", "quantile", 6, "RdBu", "province"),
    ("college_share", "education", "College education", "大专及以上学历人口比重", "%", "%", 2,
     "share: 大学专科_男 + 大学专科_女 + 本科及以上_男 + 本科及以上_女 / 未上过学_男 + 未上过学_女 + 学前教育_男 + 学前教育_女 + 小学_男 + 小学_女 + 初中_男 + 初中_女 + 高中_男 + 高中_女 + 大学专科_男 + 大学专科_女 + 本科及以上_男 + 本科及以上_女",
     "Residents with junior college (大学专科) or bachelor's or higher education, both sexes, as a share of the sum of all seven attainment levels (residents aged 3 and over).",
     "大学专科及本科以上人口（男女合计）占七个受教育程度人口之和（3岁及以上人口）的比重。", "", "quantile", 5, "Blues", ""),
    ("illiteracy_rate", "education", "Illiteracy rate", "文盲率", "% of residents aged 15+", "占15岁及以上人口%", 2,
     "stated: 文盲占15岁及以上人口比重",
     "Illiterate residents as a share of residents aged 15 and over, as the yearbook gives it.",
     "文盲人口占15岁及以上人口的比重，年鉴原值。", "", "quantile", 5, "OrRd", ""),
    ("manufacturing_share", "employment", "Working in manufacturing", "制造业就业比重", "%", "%", 1,
     "share: 制造业 / 各种行业人口总计",
     "Employed people working in manufacturing as a share of all employed people, by industry (long-form sample, about 1 in 10).",
     "制造业就业人口占各行业就业人口总计的比重（长表抽样，约十分之一）。", "7", "quantile", 5, "OrRd", ""),
    ("agriculture_share", "employment", "Working in farming, forestry, fishing", "农林牧渔业就业比重", "%", "%", 1,
     "share: 农林牧渔业 / 各种行业人口总计",
     "Employed people in agriculture, forestry, animal husbandry and fishery as a share of all employed people (long-form sample).",
     "农林牧渔业就业人口占各行业就业人口总计的比重（长表抽样）。", "", "quantile", 5, "Greens", ""),
    ("it_share", "employment", "Working in information technology", "信息技术服务业就业比重", "%", "%", 1,
     "share: 信息传输软件和信息技术服务业 / 各种行业人口总计",
     "Employed people in information transmission, software and IT services as a share of all employed people (long-form sample).",
     "信息传输、软件和信息技术服务业就业人口占各行业就业人口总计的比重（长表抽样）。", "", "quantile", 5, "Purples", ""),
    ("floor_area_per_person", "housing", "Floor area per person", "人均住房建筑面积", "m² per person", "平方米/人", 2,
     "stated: 人均住房建筑面积",
     "Average floor area of family households' housing per person, as the yearbook gives it (long-form sample).",
     "家庭户人均住房建筑面积，年鉴原值（长表抽样）。", "", "quantile", 5, "YlGnBu", ""),
    ("car_share", "housing", "Households with a car", "拥有家用汽车的家庭户比重", "%", "%", 1,
     "share: 拥有家用汽车 / 家庭户户数_长表",
     "Family households owning a car as a share of family households in the long-form sample.",
     "拥有家用汽车的家庭户占家庭户户数（长表）的比重。", "", "quantile", 5, "Greens", ""),
    ("lift_share", "housing", "Homes in a building with a lift", "住房所在建筑有电梯的比重", "%", "%", 1,
     "share: 住房所在建筑有电梯 / 家庭户户数_长表",
     "Family households living in a building with a lift as a share of family households in the long-form sample.",
     "住房所在建筑有电梯的家庭户占家庭户户数（长表）的比重。", "", "quantile", 5, "PuBuGn", ""),
    ("rented_share", "housing", "Renting their home", "租赁住房的家庭户比重", "%", "%", 1,
     "share: 住房来源_租赁 / 家庭户户数_长表",
     "Family households renting their home as a share of family households in the long-form sample.",
     "租赁住房的家庭户占家庭户户数（长表）的比重。", "", "quantile", 5, "OrRd", ""),
    ("population_change_2010_2020", "change", "Population change 2010–2020", "2010—2020年常住人口增长率", "%", "%", 2,
     "change: city.popu_2020 / city.popu_2010 ; change: 人口数_合计 / c2010.合计",
     "Change of the resident population from the 2010 to the 2020 census. Cities: 2010 adjusted to 2020 boundaries by the dataset's authors. Counties: only where the data show the unit is unchanged; otherwise no value.",
     "2010年至2020年常住人口的变化率。地级市：2010年数据已由数据集作者按2020年行政区划调整。县级：仅在数据表明区划未变时计算，否则无数据。", "", "quantile", 6, "RdBu", "0"),
];

/// Document claims the census can speak to: `(id, subject, document, excerpt (verbatim),
/// claim_en, claim_zh, check, other_reading_en, other_reading_zh)`. The census side of each is
/// computed by the app from the tables (`model::census::crosscheck`), never written here.
const CROSS_CHECKS: &[[&str; 9]] = &[
    [
        "CC001",
        "445281",
        "000_d4ce577234dfad9e.txt",
        "Among the 57 counties or county-level cities in Guangdong, Puning, a county-level city in Jieyang, is the most populous county-level city in China.",
        "Puning is the most populous county-level city in China.",
        "普宁是全国人口最多的县级市。",
        "rank_china_county_cities:population",
        "The claim is commonly made of registered (hukou) population, which the census tables do not give: the atlas cannot check that reading, and picks neither.",
        "这一说法通常指户籍人口，而人口普查表不含户籍人口：本图集无法核对该口径，两种读法均不取舍。",
    ],
    [
        "CC002",
        "441200",
        "002_81e73b3d1f7686e6.txt",
        "As the largest city in the Guangdong-Hong Kong-Macao Greater Bay Area, how does Zhaoqing City, Guangdong Province plan for the city’s high-quality development and integrate into the new development pattern?",
        "Zhaoqing is the largest city of the Greater Bay Area.",
        "肇庆是粤港澳大湾区面积最大的城市。",
        "rank_among:area:440100|440300|440400|440600|440700|441200|441300|441900|442000",
        "The nine Guangdong cities of the Greater Bay Area are ranked; Hong Kong and Macao are not units of the atlas.",
        "仅比较大湾区的九个广东城市；香港、澳门不是本图集的统计单位。",
    ],
    [
        "CC003",
        "441200",
        "002_81e73b3d1f7686e6.txt",
        "As the largest city in the Guangdong-Hong Kong-Macao Greater Bay Area, how does Zhaoqing City, Guangdong Province plan for the city’s high-quality development and integrate into the new development pattern?",
        "Zhaoqing is the largest city of the Greater Bay Area.",
        "肇庆是粤港澳大湾区面积最大的城市。",
        "rank_among:population:440100|440300|440400|440600|440700|441200|441300|441900|442000",
        "“Largest” read as population rather than area; Hong Kong and Macao are not units of the atlas.",
        "若“最大”按人口理解；香港、澳门不是本图集的统计单位。",
    ],
];

/// Caveats about single units, from `../shared/stats/SOURCES.md`: `(code, note_en, note_zh)`.
const UNIT_NOTES: &[[&str; 3]] = &[[
    "440307",
    "Longgang's census figures include the Dapeng New Area (the Shenzhen census bulletin lists them apart: 3,979,037 + 156,236); the atlas's Longgang boundary includes Dapeng too.",
    "龙岗区的普查数据包含大鹏新区（深圳市普查公报分列为3,979,037人和156,236人）；图集中的龙岗区边界也包含大鹏新区。",
]];

const RAW: &[(TableId, &str)] = &[
    (TableId::C2020, "stats/census2020_county_guangdong.csv"),
    (TableId::C2010, "stats/census2010_county_guangdong.csv"),
    (TableId::City, "stats/census_city_2010_2020_guangdong.csv"),
];

/// Copies the tables verbatim, checks them and the catalogue, writes the catalogue. Returns a
/// one-line summary.
pub fn build(shared: &Path, data: &Path) -> BuildResult<String> {
    let mut tables = Vec::new();
    for (id, raw) in RAW {
        let (rel, code, name) = layout(*id);
        let text = io::read_text(&shared.join(raw))?;
        let table = RawTable::parse(&text, rel, code, name).map_err(|e| e.to_string())?;
        io::write_text(&data.join(rel), &text)?;
        tables.push((*id, table));
    }
    io::write_text(
        &data.join(files::CHINA_COUNTY_CITIES),
        &io::read_text(&shared.join("stats/census2020_county_level_cities_china.csv"))?,
    )?;
    let c2020 = &tables[0].1;
    let sums = checks::additivity(c2020);
    if let Some(first) = sums.first() {
        return Err(format!(
            "{} additivity problems in the 2020 table, first: {first}",
            sums.len()
        ));
    }
    let rows = catalogue_rows(&tables)?;
    io::write_csv(&data.join(files::CATALOGUE), COLUMNS, &rows)?;
    let checks: Vec<Vec<String>> =
        CROSS_CHECKS.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    io::write_csv(&data.join(crosscheck::FILE), crosscheck::COLUMNS, &checks)?;
    let notes: Vec<Vec<String>> =
        UNIT_NOTES.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    io::write_csv(&data.join(files::UNIT_NOTES), &["code", "note_en", "note_zh"], &notes)?;
    Ok(format!(
        "census: {} statistics over {} units, tables copied verbatim, counts add up",
        rows.len(),
        c2020.rows.len()
    ))
}

fn catalogue_rows(tables: &[(TableId, RawTable)]) -> BuildResult<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    for def in CATALOGUE {
        let (
            id,
            group,
            name_en,
            name_zh,
            unit_en,
            unit_zh,
            decimals,
            formula,
            def_en,
            def_zh,
            headline,
            method,
            classes,
            palette,
            centre,
        ) = *def;
        let parsed = Formula::parse(formula).map_err(|e| format!("catalogue {id}: {e}"))?;
        for column in parsed.alternatives.iter().flat_map(|a| a.columns()) {
            let table = tables
                .iter()
                .find(|(t, _)| *t == column.table)
                .map(|(_, t)| t)
                .ok_or("missing table")?;
            if !table.has_column(&column.header) {
                return Err(format!(
                    "catalogue {id}: {} has no column {:?}",
                    table.path, column.header
                ));
            }
        }
        let (_, group_en, group_zh) = GROUPS
            .iter()
            .find(|g| g.0 == group)
            .ok_or_else(|| format!("catalogue {id}: unknown group {group}"))?;
        rows.push(
            [
                id,
                group,
                group_en,
                group_zh,
                name_en,
                name_zh,
                unit_en,
                unit_zh,
                &decimals.to_string(),
                formula,
                def_en,
                def_zh,
                headline,
                method,
                &classes.to_string(),
                palette,
                centre,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        );
    }
    Ok(rows)
}
