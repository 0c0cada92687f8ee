//! A national county table (issue 24): all of China in code order, Guangdong's rows after line
//! 2,000, homonyms of Guangdong units in other provinces (城区, 南山区, 白云区, 龙华区). With no
//! options every Guangdong county, Dongguan and Zhongshan join by their own row, no row of
//! another province joins, and a homonym is never picked by row order.
//! Fixture: tests/fixtures/theme/national_counties{_gbk.csv,.xlsx} (README there).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::cli_commands::{gd_atlas, repo};
use egui_kittest::kittest::Queryable;
use gd_atlas::model::{Atlas, DataSource};
use gd_atlas::table::{parse_table, read_table, Table, TableFormat};
use gd_atlas::theme::join::{join_table, JoinReport};
use gd_atlas::theme::level::theme_units;
use gd_atlas::theme::{
    AttributeSpec, Overrides, RegionFill, Theme, ThemeLevel, ThemeSpec, ValueSource,
};

const GBK: &str = "national_counties_gbk.csv";
const XLSX: &str = "national_counties.xlsx";
/// The summary a planner reads first, for either format of the fixture.
const SUMMARY: &str =
    "3,358 rows: 124 matched (0 duplicate), 3,214 outside Guangdong, 20 at another level (1 province, 19 cities), 0 unmatched, 0 ambiguous; 0 counties without data";
const SUMMARY_ZH: &str =
    "共 3,358 行：匹配 124 行（重复 0 行），广东省以外 3,214 行，其他层级 20 行（1 个省级单位、19 个地级市），未匹配 0 行，有歧义 0 行；0 个县级单位无数据";
/// Lines (CSV) / sheet rows (XLSX: the same, the header is row 1) of rows the test names.
const SHENZHEN_NANSHAN_LINE: u64 = 2083;
const HEGANG_NANSHAN_LINE: u64 = 695;

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

fn table(name: &str) -> Table {
    read_table(&fixture(name), None).unwrap_or_else(|e| panic!("{e}"))
}

fn join(table: &Table, overrides: &Overrides) -> JoinReport {
    join_table(atlas(), table, overrides).unwrap_or_else(|e| panic!("{e}"))
}

/// Every row is in exactly one category.
fn assert_rows_accounted(report: &JoinReport) {
    let categories = report.matched.len()
        + report.outside.len()
        + report.other_level.len()
        + report.unmatched.len()
        + report.ambiguous.len();
    assert_eq!(categories, report.rows, "{}", report.summary());
}

/// Each matched row joined the unit whose code is in its own 区划代码 cell, and lies in 广东省.
fn assert_own_rows(table: &Table, report: &JoinReport) {
    for m in &report.matched {
        let row = &table.rows[m.row];
        assert_eq!(
            row.cell(0),
            m.region.code,
            "line {} ({}) joined {}",
            m.line,
            m.key,
            m.region.label()
        );
        assert_eq!(row.cell(1), "广东省", "line {} is of another province", m.line);
    }
}

/// A copy of the fixture with only some of its columns, as a planner's own table might be.
fn with_columns(columns: &[usize], skip_line: Option<u64>) -> Table {
    let full = table(GBK);
    let mut text = String::new();
    let pick = |cells: Vec<&str>| {
        columns.iter().map(|&c| cells[c].to_string()).collect::<Vec<_>>().join(",")
    };
    text.push_str(&pick(full.columns.iter().map(String::as_str).collect()));
    text.push('\n');
    for row in full.rows.iter().filter(|r| Some(r.line) != skip_line) {
        text.push_str(&pick((0..full.columns.len()).map(|c| row.cell(c)).collect()));
        text.push('\n');
    }
    parse_table(text.as_bytes(), "national_subset.csv", None).expect("reads")
}

#[test]
fn the_fixture_is_a_national_table_in_code_order() {
    let bytes = std::fs::read(fixture(GBK)).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the CSV really is GBK");
    for name in [GBK, XLSX] {
        let t = table(name);
        assert_eq!(
            t.columns,
            vec!["区划代码", "省", "市", "区县", "人口数_合计", "来源"],
            "{name}"
        );
        assert_eq!(t.rows.len(), 3358, "{name}");
        let first_gd = t.rows.iter().find(|r| r.cell(1) == "广东省").map(|r| r.line);
        assert_eq!(first_gd, Some(2056), "{name}: Guangdong starts after line 2,000");
        let codes: Vec<u64> = t.rows.iter().filter_map(|r| r.cell(0).parse().ok()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{name}: rows are in code order");
        for (line, name_zh) in
            [(243, "城区"), (HEGANG_NANSHAN_LINE, "南山区"), (2327, "龙华区"), (2608, "白云区")]
        {
            let row = t.rows.iter().find(|r| r.line == line).expect("line");
            assert_eq!(
                row.cell(3),
                name_zh,
                "{name}: the homonym of another province at line {line}"
            );
            assert_ne!(row.cell(1), "广东省");
        }
    }
    assert!(matches!(table(XLSX).format, TableFormat::Workbook { .. }));
}

#[test]
fn with_no_options_every_unit_joins_its_own_row_and_nothing_else_joins() {
    for name in [GBK, XLSX] {
        let t = table(name);
        let report = join(&t, &Overrides::default());
        assert_eq!(report.summary(), SUMMARY, "{name}");
        // The window's 中文 reads the same counts in Chinese (the CLI and the CSV keep English).
        assert_eq!(report.summary_in(gd_atlas::i18n::Lang::Zh), SUMMARY_ZH, "{name}");
        assert_eq!(report.level, ThemeLevel::County, "{name}: {}", report.level_reason);
        assert_eq!(report.key_column, "区划代码", "{name}: {}", report.key_reason);
        assert!(
            report.key_reason.to_string().contains("preferred to column \"区县\""),
            "{name}: the code column wins over the name column: {}",
            report.key_reason
        );
        assert_eq!(report.province_column.as_deref(), Some("省"), "{name}");
        assert!(
            report
                .province_reason
                .as_ref()
                .is_some_and(|r| r.to_string().contains("144 Guangdong")),
            "{name}: {:?}",
            report.province_reason
        );
        assert_eq!(
            report.parent_column.as_deref(),
            Some("市"),
            "{name}: {:?}",
            report.parent_reason
        );
        assert_own_rows(&t, &report);
        let joined: BTreeSet<String> =
            report.matched.iter().map(|m| m.region.code.clone()).collect();
        let units: BTreeSet<String> = theme_units(atlas(), ThemeLevel::County)
            .iter()
            .map(|&r| atlas().regions[r].code.clone())
            .collect();
        assert_eq!(joined, units, "{name}: the 122 counties, Dongguan and Zhongshan");
        assert!(joined.contains("441900") && joined.contains("442000"));
        let elsewhere = t.rows.iter().filter(|r| r.cell(1) != "广东省").count();
        assert_eq!(
            report.outside.len(),
            elsewhere,
            "{name}: every row of another province is outside Guangdong"
        );
        let shanxi = report.outside_by_province().into_iter().find(|(p, _)| p == "山西省");
        assert_eq!(shanxi, Some(("山西省".to_string(), 133)));
        assert_eq!(report.other_level_breakdown(), "1 province, 19 cities", "{name}");
        assert!(
            report.duplicates.is_empty()
                && report.unmatched.is_empty()
                && report.ambiguous.is_empty()
        );
        assert!(report.scope_note.is_some());
        assert_rows_accounted(&report);
    }
}

#[test]
fn the_code_column_given_with_key_is_accepted() {
    let t = table(XLSX);
    let report = join(&t, &Overrides { key: Some("区划代码".into()), ..Overrides::default() });
    assert_eq!(report.summary(), SUMMARY);
    assert!(report.key_reason.to_string().contains("--key"), "{}", report.key_reason);
    let o = gd_atlas(&["join", fixture(GBK).to_str().expect("utf-8"), "--key", "区划代码"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        stdout.lines().next(),
        Some(format!("summary: {SUMMARY}").as_str()),
        "the report leads with the summary"
    );
}

#[test]
fn by_name_the_parents_keep_other_provinces_out_and_cities_join_their_own_row() {
    let t = table(GBK);
    for overrides in [
        Overrides { key: Some("区县".into()), ..Overrides::default() },
        Overrides {
            key: Some("区县".into()), parent: Some("市".into()), ..Overrides::default()
        },
    ] {
        let report = join(&t, &overrides);
        assert_eq!(report.summary(), SUMMARY, "{overrides:?}");
        assert_own_rows(&t, &report);
        let dongguan =
            report.matched.iter().find(|m| m.region.code == "441900").expect("Dongguan joins");
        assert_eq!(
            (dongguan.key.as_str(), dongguan.parent.as_deref()),
            ("东莞市", Some("东莞市")),
            "its 市 cell names the city itself"
        );
        assert!(report
            .outside
            .iter()
            .any(|o| o.line == HEGANG_NANSHAN_LINE && o.province == "黑龙江省"));
    }
    // Without a province column, the 市 cell still tells 鹤岗's 南山区 from 深圳's.
    let city_and_name = with_columns(&[2, 3, 4], None);
    let report = join(&city_and_name, &Overrides::default());
    assert_eq!(report.key_column, "区县");
    assert_eq!(report.parent_column.as_deref(), Some("市"));
    let nanshan = report.matched.iter().find(|m| m.region.code == "440305").expect("Nanshan joins");
    assert_eq!(nanshan.line, SHENZHEN_NANSHAN_LINE);
    let hegang = report
        .outside
        .iter()
        .find(|o| o.line == HEGANG_NANSHAN_LINE)
        .expect("鹤岗's 南山区 is outside");
    assert!(hegang.reason.contains("230404"), "{}", hegang.reason);
    assert_eq!(report.matched.len(), 124);
    assert!(report.ambiguous.is_empty());
    assert_rows_accounted(&report);
}

#[test]
fn without_parent_columns_a_homonym_is_ambiguous_never_picked() {
    let names_only = with_columns(&[3, 4], None);
    let report = join(&names_only, &Overrides::default());
    assert_eq!(report.key_column, "区县");
    assert_eq!((report.parent_column.as_deref(), report.province_column.as_deref()), (None, None));
    assert!(
        report
            .scope_note
            .as_ref()
            .is_some_and(|n| n.to_string().contains("name no place in Guangdong")),
        "{:?}",
        report.scope_note
    );
    let ambiguous: Vec<(u64, &str)> =
        report.ambiguous.iter().map(|a| (a.line, a.key.as_str())).collect();
    for (line, key) in [
        (243, "城区"),
        (244, "城区"),
        (2157, "城区"),
        (HEGANG_NANSHAN_LINE, "南山区"),
        (SHENZHEN_NANSHAN_LINE, "南山区"),
        (2062, "白云区"),
        (2608, "白云区"),
        (2087, "龙华区"),
        (2327, "龙华区"),
    ] {
        assert!(ambiguous.contains(&(line, key)), "line {line} {key} is ambiguous: {ambiguous:?}");
    }
    let hegang = report.ambiguous.iter().find(|a| a.line == HEGANG_NANSHAN_LINE).expect("listed");
    assert_eq!(hegang.values, "人口数_合计 119662", "the row's values are shown");
    assert_eq!(hegang.elsewhere, vec!["南山区 230404 (黑龙江省鹤岗市)".to_string()]);
    assert_eq!(
        hegang.candidates[0].label(),
        "南山区 440305 (深圳市)",
        "the candidate with its parent"
    );
    for code in ["440305", "440111", "440309", "441502"] {
        assert!(
            report.matched.iter().all(|m| m.region.code != code),
            "{code} is never matched by a name alone"
        );
        assert!(report.without_data.iter().any(|r| r.code == code), "{code} has no data");
    }
    // Even when Shenzhen's own row is missing, 鹤岗's is not taken for it.
    let without_shenzhen = with_columns(&[3, 4], Some(SHENZHEN_NANSHAN_LINE));
    let report = join(&without_shenzhen, &Overrides::default());
    assert!(report.matched.iter().all(|m| m.region.code != "440305"));
    assert!(report.ambiguous.iter().any(|a| a.line == HEGANG_NANSHAN_LINE));
    assert_rows_accounted(&report);
}

#[test]
fn rows_for_one_unit_that_differ_are_ambiguous_unless_confirmed() {
    // A Guangdong table (no province, no homonym evidence): two rows for 城区 with different
    // values, nothing to say which is Guangdong's → neither is used.
    let text = "区县,人口\n城区,100\n端州区,5\n城区,200\n鼎湖区,6\n高要区,7\n四会市,8\n四会,8\n";
    let t = parse_table(text.as_bytes(), "two_chengqu.csv", None).expect("reads");
    let report = join(&t, &Overrides::default());
    assert!(report.scope_note.is_none(), "a Guangdong table: {:?}", report.scope_note);
    let lines: Vec<u64> = report.ambiguous.iter().map(|a| a.line).collect();
    assert_eq!(lines, vec![2, 4]);
    assert!(
        report.ambiguous[0].note.to_string().contains("their values differ"),
        "{}",
        report.ambiguous[0].note
    );
    assert!(report.without_data.iter().any(|r| r.code == "441502"));
    assert_eq!(report.ambiguous_regions.len(), 1);
    // Same values: a harmless duplicate, the first used.
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        (report.duplicates[0].region.code.as_str(), report.duplicates[0].used_line),
        ("441284", 7)
    );
    assert_rows_accounted(&report);

    // A row confirmed by its parent is used; the unconfirmed one is ambiguous.
    let text = "区县,市,人口\n城区,,100\n城区,汕尾市,200\n端州区,肇庆市,5\n鼎湖区,肇庆市,6\n";
    let t = parse_table(text.as_bytes(), "one_confirmed.csv", None).expect("reads");
    let report = join(&t, &Overrides::default());
    assert_eq!(report.parent_column.as_deref(), Some("市"));
    let chengqu =
        report.matched.iter().find(|m| m.region.code == "441502").expect("the confirmed row");
    assert_eq!((chengqu.line, chengqu.confirmed_by), (3, Some("parent")));
    assert_eq!(report.ambiguous.iter().map(|a| a.line).collect::<Vec<_>>(), vec![2]);

    // A Guangdong-only table naming 南山区 alone still joins it: nothing says the table reaches
    // beyond Guangdong.
    let t =
        parse_table("区县,人口\n南山区,1\n福田区,2\n罗湖区,3\n".as_bytes(), "shenzhen.csv", None)
            .expect("reads");
    let report = join(&t, &Overrides::default());
    assert_eq!(report.matched.len(), 3, "{}", report.summary());
}

#[test]
fn at_city_level_the_prefecture_rows_join() {
    let t = table(GBK);
    let report = join(&t, &Overrides { level: Some(ThemeLevel::City), ..Overrides::default() });
    assert_eq!(report.matched.len(), 21, "{}", report.summary());
    assert_own_rows(&t, &report);
    assert!(report.without_data.is_empty());
    assert_eq!(report.other_level_breakdown(), "1 province, 122 counties");
    assert_eq!(report.outside.len(), 3214);
}

#[test]
fn the_theme_and_the_export_shade_nanshan_by_its_own_row() {
    let source = AttributeSpec::Table {
        path: fixture(XLSX),
        sheet: None,
        column: "人口数_合计".into(),
        key: None,
        parent: None,
        level: None,
    };
    let theme = Theme::build(atlas(), ThemeSpec::new(source)).expect("builds");
    let nanshan = atlas().region_by_code("440305").expect("Nanshan");
    let value = theme.value(nanshan).expect("Nanshan has a value");
    assert_eq!(value.value, 1_795_826.0);
    assert!(
        matches!(&value.source, ValueSource::TableCell { line, .. } if *line == SHENZHEN_NANSHAN_LINE)
    );
    assert_eq!(theme.values.values.len(), 124);
    assert!(matches!(
        theme.fill(atlas().region_by_code("441900").expect("Dongguan")),
        Some(RegionFill::Class { .. })
    ));

    // The figure: Nanshan's fill is the legend colour of the class holding 1,795,826, not of
    // the class 鹤岗's 119,662 would fall in.
    let dir = std::env::temp_dir().join(format!("gd-atlas-national-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let svg = dir.join("shenzhen.svg");
    let o = gd_atlas(&[
        "export",
        "--out",
        svg.to_str().expect("utf-8"),
        "--width",
        "600",
        "--height",
        "400",
        "--region",
        "深圳市",
        "--theme",
        fixture(GBK).to_str().expect("utf-8"),
        "--theme-column",
        "人口数_合计",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(SUMMARY),
        "the join summary goes to stderr"
    );
    let text = std::fs::read_to_string(&svg).expect("svg");
    let fill_of = |code: &str| {
        let at = text.find(&format!("data-code=\"{code}\" fill=\"")).expect("the region is drawn")
            + format!("data-code=\"{code}\" fill=\"").len();
        text[at..at + 7].to_string()
    };
    let class_colour = |v: f64| {
        theme.classification.class_of(v).map(|i| {
            format!(
                "#{:02x}{:02x}{:02x}",
                theme.colours[i][0], theme.colours[i][1], theme.colours[i][2]
            )
        })
    };
    assert_eq!(Some(fill_of("440305")), class_colour(1_795_826.0));
    assert_ne!(
        class_colour(1_795_826.0),
        class_colour(119_662.0),
        "the two values are in different classes"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_join_command_reports_the_national_table() {
    let dir = std::env::temp_dir().join(format!("gd-atlas-national-join-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let out = dir.join("report.csv");
    let o = gd_atlas(&[
        "join",
        fixture(GBK).to_str().expect("utf-8"),
        "--report-out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().next(), Some(format!("summary: {SUMMARY}").as_str()));
    assert!(stdout.contains("province: column \"省\" (B)"), "{stdout}");
    assert!(stdout.contains("山西省 133"), "outside rows are counted by province");
    assert!(stdout.contains("\"440100\": 广州市 440100 (city): not a county"), "{stdout}");
    let csv = std::fs::read(&out).expect("report written");
    let csv = String::from_utf8_lossy(&csv[3..]);
    assert_eq!(csv.lines().filter(|l| l.starts_with("outside_guangdong,")).count(), 3214);
    assert_eq!(csv.lines().filter(|l| l.starts_with("other_level,")).count(), 20);
    let o = gd_atlas(&["join", fixture(XLSX).to_str().expect("utf-8"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["counts"]["outside_guangdong"], 3214);
    assert_eq!(v["counts"]["other_level"], 20);
    assert_eq!(v["summary"], SUMMARY);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_window_leads_the_join_report_with_the_summary() {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
    let source = AttributeSpec::Table {
        path: fixture(GBK),
        sheet: None,
        column: "人口数_合计".into(),
        key: None,
        parent: None,
        level: None,
    };
    harness.state_mut().push(gd_atlas::ui::Action::SetTheme(Some(ThemeSpec::new(source))));
    harness.run_steps(4);
    assert_eq!(harness.state().theme.error, None);
    harness.get_by_label(SUMMARY);
    assert!(harness.query_all_by_label_contains("Outside Guangdong (3,214)").count() >= 1);
    assert!(
        harness.query_all_by_label_contains("At another level (20: 1 province, 19 cities)").count()
            >= 1
    );
}

#[test]
fn a_code_column_wins_only_when_it_names_nearly_every_unit() {
    // Codes for 6 of 10 counties, names for all 10: the names column keeps the other four.
    let text = "代码,名称,GDP\n441202,端州区,1\n441203,鼎湖区,2\n441204,高要区,3\n441223,广宁县,4\n441224,怀集县,5\n441225,封开县,6\n,德庆县,7\n,四会市,8\n,新兴县,9\n,郁南县,10\n";
    let t = parse_table(text.as_bytes(), "some_codes.csv", None).expect("reads");
    let report = join(&t, &Overrides::default());
    assert_eq!(report.key_column, "名称", "{}", report.key_reason);
    assert_eq!(report.matched.len(), 10);
    // Codes for all ten: the code column wins, and says why.
    let text = text
        .replace(",德庆县", "441226,德庆县")
        .replace(",四会市", "441284,四会市")
        .replace(",新兴县", "445321,新兴县")
        .replace(",郁南县", "445322,郁南县");
    let t = parse_table(text.as_bytes(), "all_codes.csv", None).expect("reads");
    let report = join(&t, &Overrides::default());
    assert_eq!(report.key_column, "代码");
    assert!(
        report.key_reason.to_string().contains("a code is unambiguous"),
        "{}",
        report.key_reason
    );
}
