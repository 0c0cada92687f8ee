//! Joining planners' tables to the atlas's regions (issue 9): codes (6, 9, 12 digits, old
//! codes), full and short Chinese names, pinyin, English, names after their parents, homonyms
//! resolved by a parent column, a GBK file, an XLSX workbook, duplicates; then themes built from
//! a table and from the atlas's own figures; and the `join` command's output and exit codes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::cli_commands::{gd_atlas, repo};
use gd_atlas::model::{Atlas, DataSource};
use gd_atlas::table::{parse_table, read_table, TableFormat};
use gd_atlas::theme::join::{join_table, JoinReport};
use gd_atlas::theme::{
    AttributeSpec, Builtin, Method, Overrides, RegionFill, Theme, ThemeLevel, ThemeSpec,
};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/theme").join(name)
}

fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| {
        let source =
            DataSource::Dir { data: repo().join("data"), assets: Some(repo().join("assets")) };
        Atlas::load(&source).unwrap_or_else(|e| panic!("atlas loads: {e}"))
    })
}

fn join(name: &str, overrides: &Overrides) -> JoinReport {
    let table = read_table(&fixture(name), None).unwrap_or_else(|e| panic!("{e}"));
    join_table(atlas(), &table, overrides).unwrap_or_else(|e| panic!("{e}"))
}

/// The region code each matched line joined to.
fn matched_codes(report: &JoinReport) -> Vec<(u64, String)> {
    report.matched.iter().map(|m| (m.line, m.region.code.clone())).collect()
}

#[test]
fn county_table_joins_by_every_kind_of_key() {
    let report = join("counties_utf8_bom.csv", &Overrides::default());
    assert!(report.format.contains("UTF-8 with BOM"), "{}", report.format);
    assert_eq!(report.level, ThemeLevel::County);
    assert_eq!(report.key_column, "区县");
    assert_eq!(report.parent_column.as_deref(), Some("所属地市"), "{:?}", report.parent_reason);
    assert!(
        report.key_reason.to_string().contains("区县"),
        "the reason names the column: {}",
        report.key_reason
    );
    let expected = [
        (3, "441202"),  // full name 端州区
        (4, "441203"),  // short name 鼎湖
        (5, "441204"),  // English Gaoyao District
        (6, "441223"),  // pinyin guangning
        (7, "441224"),  // 6-digit code
        (8, "441225"),  // 12-digit padded code
        (9, "441226"),  // 德庆县 (its value is not a number, the join still holds)
        (12, "441284"), // 四会市
        (13, "441284"), // 四会: duplicate
        (14, "441900"), // 东莞市: a city without counties is a county-level unit
    ];
    let expected: Vec<(u64, String)> = expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
    assert_eq!(matched_codes(&report), expected);
    assert_eq!(report.unmatched.len(), 1);
    let typo = &report.unmatched[0];
    assert_eq!((typo.line, typo.key.as_str()), (10, "高耀区"));
    assert_eq!(
        typo.suggestions.first().map(|s| s.code.as_str()),
        Some("441204"),
        "nearest name is 高要区"
    );
    // Yunan is the pinyin of both 云安区 and 郁南县, both in 云浮市: the parent cannot choose.
    assert_eq!(report.ambiguous.len(), 1);
    let mut candidates: Vec<&str> =
        report.ambiguous[0].candidates.iter().map(|c| c.code.as_str()).collect();
    candidates.sort_unstable();
    assert_eq!(candidates, vec!["445303", "445322"]);
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        (report.duplicates[0].used_line, report.duplicates[0].ignored_lines.clone()),
        (12, vec![13])
    );
    assert_eq!(report.without_data.len(), 124 - 9, "122 counties + Dongguan + Zhongshan, 9 joined");
    assert!(
        report.table_notes.iter().any(|n| n.contains("title line")),
        "{:?}",
        report.table_notes
    );
}

#[test]
fn gbk_town_table_resolves_homonyms_by_parent() {
    let bytes = std::fs::read(fixture("towns_gbk.csv")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is GBK");
    let report = join("towns_gbk.csv", &Overrides::default());
    assert!(report.format.contains("GBK"), "{}", report.format);
    assert_eq!(report.level, ThemeLevel::Town, "{}", report.level_reason);
    assert_eq!(report.parent_column.as_deref(), Some("所属县区"));
    let expected = [
        (2, "441284105"),  // 大沙镇 in 四会市
        (3, "440783106"),  // 大沙镇 in 开平市
        (5, "440115103"),  // 东涌镇 in 南沙区
        (6, "441502102"),  // 东涌 (short) in 城区
        (7, "441204115"),  // 金利镇
        (8, "441204103"),  // 12-digit village code → its town 禄步镇
        (9, "440104016"),  // old code 440104024 → 建设街道
        (10, "441204111"), // 肇庆市高要区蛟塘镇: name after its parents
    ];
    let expected: Vec<(u64, String)> = expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
    assert_eq!(matched_codes(&report), expected);
    let by_parent: Vec<u64> =
        report.matched.iter().filter(|m| m.resolved == "by parent").map(|m| m.line).collect();
    assert_eq!(by_parent, vec![2, 3, 5, 6]);
    assert_eq!(report.ambiguous.len(), 1, "大沙镇 without a parent");
    assert_eq!(report.ambiguous[0].line, 4);
    assert_eq!(report.ambiguous[0].candidates.len(), 2);
    assert!(
        report.ambiguous[0].candidates.iter().all(|c| !c.parent_zh.is_empty()),
        "candidates name their parents"
    );
    assert_eq!(report.unmatched.len(), 1, "金利镇 is not in 端州区");
    assert_eq!(report.unmatched[0].line, 11);
    assert!(
        report.unmatched[0].reason.to_string().contains("端州区"),
        "{}",
        report.unmatched[0].reason
    );
    assert!(report.duplicates.is_empty());
}

#[test]
fn xlsx_first_sheet_with_merged_title_and_numeric_codes() {
    let table = read_table(&fixture("counties.xlsx"), None).expect("reads");
    assert!(
        matches!(&table.format, TableFormat::Workbook { sheet, sheets } if sheet == "数据" && sheets.len() == 2)
    );
    assert_eq!(table.columns, vec!["代码", "名称", "GDP"]);
    assert_eq!(table.rows[0].cell(0), "441202", "a numeric code cell reads back as the code");
    let report = join_table(atlas(), &table, &Overrides::default()).expect("joins");
    assert_eq!(report.key_column, "代码");
    assert_eq!(
        matched_codes(&report).iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>(),
        vec!["441202", "441203", "441204", "441284"]
    );
    assert_eq!(report.unmatched.len(), 1);
    assert!(
        report.unmatched[0].reason.to_string().contains("no county has code 441999"),
        "{}",
        report.unmatched[0].reason
    );
    let notes = read_table(&fixture("counties.xlsx"), Some("备注")).expect("second sheet");
    assert!(join_table(atlas(), &notes, &Overrides::default())
        .unwrap_err()
        .contains("no column holds"));
    let err = read_table(&fixture("counties.xlsx"), Some("Nope")).unwrap_err().to_string();
    assert!(err.contains("no sheet named \"Nope\"") && err.contains("\"数据\", \"备注\""), "{err}");
}

#[test]
fn overrides_win_over_guesses() {
    let table = read_table(&fixture("counties.xlsx"), None).expect("reads");
    let overrides =
        Overrides { key: Some("名称".into()), level: Some(ThemeLevel::County), parent: None };
    let report = join_table(atlas(), &table, &overrides).expect("joins");
    assert_eq!(report.key_column, "名称");
    assert!(report.key_reason.to_string().contains("--key"));
    assert_eq!(report.unmatched[0].key, "不存在区");
    let town_level = Overrides { level: Some(ThemeLevel::Town), ..Overrides::default() };
    let err = join_table(atlas(), &table, &town_level).unwrap_err();
    assert!(err.contains("no column holds codes or names of towns"), "{err}");
}

#[test]
fn a_table_theme_colours_the_joined_counties() {
    let source = AttributeSpec::Table {
        path: fixture("counties_utf8_bom.csv"),
        sheet: None,
        column: "地区生产总值（亿元）".into(),
        key: None,
        parent: None,
        level: None,
    };
    let theme = Theme::build(
        atlas(),
        ThemeSpec { method: Method::NaturalBreaks, classes: 3, ..ThemeSpec::new(source) },
    )
    .expect("builds");
    let idx = |code: &str| atlas().region_by_code(code).expect("code");
    let duanzhou = theme.value(idx("441202")).expect("端州区 has a value");
    assert_eq!(duanzhou.value, 1234.5);
    assert!(matches!(&duanzhou.source, gd_atlas::theme::ValueSource::TableCell { line: 3, .. }));
    assert_eq!(theme.value(idx("441223")).map(|v| v.value), Some(321.0), "full-width digits");
    assert_eq!(
        theme.value(idx("441284")).map(|v| v.value),
        Some(500.0),
        "the first of the duplicate rows"
    );
    assert!(
        matches!(theme.fill(idx("441900")), Some(RegionFill::Class { index: 2, .. })),
        "Dongguan is in the top class"
    );
    assert_eq!(theme.fill(idx("441226")), Some(RegionFill::NoData), "德庆县's — is no data");
    assert!(theme
        .no_data_reason(idx("441226"))
        .is_some_and(|r| r.en.contains("not a number") && r.zh.contains("不是数字")));
    assert_eq!(theme.fill(idx("441200")), None, "a city with counties is not a unit");
    assert_eq!(theme.classification.counts.iter().sum::<usize>(), 8);
    assert_eq!(theme.legend.last().map(|r| (r.hatched, r.count)), Some((true, 124 - 8)));
    assert!(
        theme.values.notes.iter().any(|n| n.contains("not numbers") && n.contains("line 9")),
        "{:?}",
        theme.values.notes
    );
}

#[test]
fn built_in_area_and_indicator_themes() {
    let area = Theme::build(
        atlas(),
        ThemeSpec::new(AttributeSpec::Builtin {
            level: ThemeLevel::County,
            builtin: Builtin::Area,
        }),
    )
    .expect("area");
    let total: f64 = area.values.values.values().map(|v| v.value).sum();
    // Guangdong's land area is about 179,800 km²; the county-level units tile the province.
    assert!((170_000.0..190_000.0).contains(&total), "sum of county areas {total}");
    let province = gd_atlas::theme::area::region_area(
        atlas(),
        atlas().region_by_code("440000").expect("province"),
    )
    .expect("shape");
    assert!((total - province.km2).abs() / province.km2 < 0.01, "{total} vs {}", province.km2);
    let towns = Theme::build(
        atlas(),
        ThemeSpec::new(AttributeSpec::Builtin { level: ThemeLevel::Town, builtin: Builtin::Area }),
    )
    .expect("towns");
    let jinli = towns.value(atlas().region_by_code("441204115").expect("Jinli")).expect("area");
    assert!(jinli.approximate, "approximate towns have approximate areas");
    let name = "total industrial output value".to_string();
    let values = gd_atlas::theme::builtin::builtin_values(
        atlas(),
        ThemeLevel::Town,
        &Builtin::Indicator { name, period: None },
    );
    let jinli = values
        .values
        .get(&atlas().region_by_code("441204115").expect("Jinli"))
        .expect("Jinli's output");
    assert_eq!(jinli.value, 47.51e9);
    assert!(
        matches!(&jinli.source, gd_atlas::theme::ValueSource::Indicator { id, .. } if id == "IND087")
    );
}

#[test]
fn report_csv_lists_every_category() {
    let report = join("towns_gbk.csv", &Overrides::default());
    let bytes = gd_atlas::theme::report_csv::report_csv(&report);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let table =
        parse_table(text.as_bytes(), "report.csv", None).expect("the report is a readable table");
    let categories: Vec<&str> = table.rows.iter().map(|r| r.cell(0)).collect();
    assert_eq!(categories.iter().filter(|c| **c == "matched").count(), 8);
    assert_eq!(categories.iter().filter(|c| **c == "ambiguous").count(), 1);
    assert_eq!(categories.iter().filter(|c| **c == "unmatched").count(), 1);
    assert!(categories.iter().filter(|c| **c == "without_data").count() > 1700);
}

// ----- The `join` command -----------------------------------------------------------------

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn join_command_prints_the_report_and_saves_it() {
    let out_dir = std::env::temp_dir().join(format!("gd-atlas-join-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let report_path = out_dir.join("report.csv");
    let towns = fixture("towns_gbk.csv");
    let o = gd_atlas(&["join", path_arg(&towns), "--report-out", path_arg(&report_path)]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "unmatched rows are not a failure: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("summary: 10 rows: 8 matched (0 duplicate), 1 unmatched, 1 ambiguous"),
        "{stdout}"
    );
    assert!(stdout.contains("line 11"), "the unmatched row is named: {stdout}");
    assert!(stdout.contains("大沙镇 441284105 (四会市)"), "{stdout}");
    assert!(std::fs::read(&report_path).expect("report written").starts_with(b"\xEF\xBB\xBF"));
    let o = gd_atlas(&["join", path_arg(&fixture("counties_utf8_bom.csv")), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["counts"]["matched"], 10);
    assert_eq!(v["counts"]["duplicate_rows"], 1);
    assert_eq!(v["unmatched"][0]["suggestions"][0]["code"], "441204");
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn join_command_exit_codes() {
    let code = |args: &[&str]| {
        let o = gd_atlas(args);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        (o.status.code(), stderr)
    };
    let missing = code(&["join", "no/such/table.csv"]);
    assert_eq!(missing.0, Some(1));
    assert!(missing.1.starts_with("error: no/such/table.csv: cannot read"), "{}", missing.1);
    assert_eq!(missing.1.lines().count(), 1, "one line: {}", missing.1);
    let xlsx = fixture("counties.xlsx");
    let bad_sheet = code(&["join", path_arg(&xlsx), "--sheet", "Nope"]);
    assert_eq!(bad_sheet.0, Some(2), "{}", bad_sheet.1);
    let bad_level = code(&["join", path_arg(&xlsx), "--level", "village"]);
    assert_eq!(bad_level.0, Some(2));
    let bad_key = code(&["join", path_arg(&xlsx), "--key", "人口"]);
    assert_eq!(bad_key.0, Some(2));
    assert!(bad_key.1.contains("columns: \"代码\", \"名称\", \"GDP\""), "{}", bad_key.1);
    let no_key = code(&["join", path_arg(&xlsx), "--sheet", "备注"]);
    assert_eq!(no_key.0, Some(1), "{}", no_key.1);
}

#[test]
fn a_town_table_with_messy_names_is_still_a_town_table() {
    // Half the town names are garbled; every row names its county. The county column matches
    // counties in every row, but a key column names many different regions, and it wins.
    let atlas = atlas();
    let towns: Vec<usize> = atlas
        .regions_of_level(gd_atlas::model::Level::Town)
        .iter()
        .copied()
        .filter(|&t| atlas.regions[t].shape.is_some())
        .collect();
    let mut text = String::from("乡镇,县区,产值\n");
    for (i, &t) in towns.iter().step_by(5).take(300).enumerate() {
        let town = &atlas.regions[t];
        let county = town.parent.map(|p| atlas.regions[p].name_zh.clone()).unwrap_or_default();
        let name = if i % 2 == 0 { town.name_zh.clone() } else { format!("{}某", town.name_zh) };
        text.push_str(&format!("{name},{county},{i}\n"));
    }
    let table = parse_table(text.as_bytes(), "messy.csv", None).expect("reads");
    let report = join_table(atlas, &table, &Overrides::default()).expect("joins");
    assert_eq!(report.level, ThemeLevel::Town, "{}", report.level_reason);
    assert_eq!(report.key_column, "乡镇");
    assert_eq!(report.parent_column.as_deref(), Some("县区"));
    assert_eq!(report.rows, 300);
    assert_eq!(
        report.matched.len() + report.unmatched.len() + report.ambiguous.len(),
        300,
        "every row is in one category"
    );
    assert!(report.unmatched.len() >= 150, "the garbled half does not join: {}", report.summary());
    assert!(
        report.unmatched.iter().all(|u| !u.suggestions.is_empty()),
        "a garbled name has a nearest name"
    );
}

#[test]
fn a_column_without_numbers_is_refused_in_one_line() {
    let source = AttributeSpec::Table {
        path: fixture("counties_utf8_bom.csv"),
        sheet: None,
        column: "所属地市".into(),
        key: None,
        parent: None,
        level: None,
    };
    let err = Theme::build(atlas(), ThemeSpec::new(source)).err().unwrap_or_default();
    assert!(err.contains("counties_utf8_bom.csv") && err.contains("has no numbers"), "{err}");
    assert_eq!(err.lines().count(), 1);
    let missing = AttributeSpec::Table {
        path: fixture("gone.csv"),
        sheet: None,
        column: "GDP".into(),
        key: None,
        parent: None,
        level: None,
    };
    let err = Theme::build(atlas(), ThemeSpec::new(missing)).err().unwrap_or_default();
    assert!(err.contains("gone.csv: cannot read"), "{err}");
}

#[test]
fn built_in_counts_agree_with_the_details_panel_and_are_listed() {
    let atlas = atlas();
    let places = gd_atlas::theme::builtin::builtin_values(
        atlas,
        ThemeLevel::County,
        &Builtin::Places { place_kind: None },
    );
    for (&region, v) in &places.values {
        assert_eq!(
            v.value as usize,
            atlas.places_in(region).len(),
            "{}",
            atlas.regions[region].name_zh
        );
    }
    assert!(places.values.values().any(|v| v.value > 0.0));
    let listed = gd_atlas::theme::builtin::list_builtins(atlas, ThemeLevel::Town);
    let area = listed.iter().find(|b| b.builtin == Builtin::Area).expect("area is listed");
    let drawable = atlas
        .regions_of_level(gd_atlas::model::Level::Town)
        .iter()
        .filter(|&&t| atlas.regions[t].shape.is_some())
        .count();
    assert_eq!(area.with_data, drawable);
    let output = listed
        .iter()
        .find(|b| matches!(&b.builtin, Builtin::Indicator { name, .. } if name == "total industrial output value"))
        .expect("Jinli's output is on offer at town level");
    assert_eq!((output.with_data, output.periods.clone()), (1, vec!["2022".to_string()]));
    for info in &listed {
        assert_eq!(
            Builtin::parse(&info.builtin.key()).as_ref(),
            Some(&info.builtin),
            "text form round-trips"
        );
    }
}

/// Bad tables given to `gd-atlas join`: each is refused with exit 1 and one line naming the
/// file, and the file itself is left exactly as it was.
#[test]
fn bad_tables_are_refused_in_one_line_and_left_untouched() {
    let dir = std::env::temp_dir().join(format!("gd-atlas-bad-tables-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let utf16_no_bom: Vec<u8> =
        "县,GDP\n高要区,1\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", Vec::new()),
        ("header_only.csv", "县,GDP\n".as_bytes().to_vec()),
        ("binary.csv", (0..=255u8).cycle().take(4096).collect()),
        ("utf16_no_bom.csv", utf16_no_bom),
        ("not_a_workbook.xlsx", b"PK\x03\x04 this is not a zip archive".to_vec()),
        ("no_key_column.csv", "a,b\n1,2\n3,4\n".as_bytes().to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write the case");
        let out = gd_atlas(&["join", path_arg(&path)]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
        assert!(stderr.contains(name), "{name}: the message names the file: {stderr}");
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            bytes,
            "{name}: the file is untouched"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
