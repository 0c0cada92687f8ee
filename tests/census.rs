//! The 2020 census as the atlas's statistics (issue 18): values against the raw yearbook table,
//! densities over the computed areas, changes only for unchanged units, `validate` catching a
//! tampered table, `info --json`, the themed export's credit, themed tour stops.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gd_atlas::i18n::Lang;
use gd_atlas::model::census::{words, Peers};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::Atlas;

use crate::cli_commands::{gd_atlas, repo};

fn atlas() -> &'static Atlas {
    static ATLAS: std::sync::OnceLock<Atlas> = std::sync::OnceLock::new();
    ATLAS.get_or_init(|| {
        Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("embedded data loads: {e}"))
    })
}

/// The raw 2020 table as the repository holds it: code → header → cell.
fn raw_2020() -> HashMap<String, HashMap<String, String>> {
    let text = std::fs::read_to_string(repo().join("data/census/census2020_county_guangdong.csv"))
        .expect("the raw table is committed");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let row: HashMap<String, String> =
                headers.iter().zip(r.iter()).map(|(h, c)| (h.to_string(), c.to_string())).collect();
            (row["区划代码"].clone(), row)
        })
        .collect()
}

fn num(raw: &HashMap<String, HashMap<String, String>>, code: &str, column: &str) -> f64 {
    raw[code][column].parse().unwrap_or_else(|_| panic!("{code} {column}: {:?}", raw[code][column]))
}

/// The value of statistic `id` for region `code`, or panic with the reason.
fn value(id: &str, code: &str) -> f64 {
    let a = atlas();
    let stat = a.census.statistic(id).unwrap_or_else(|| panic!("statistic {id} exists"));
    let region = a.region_by_code(code).expect("region");
    match a.census.value(stat, region) {
        Some(Ok(v)) => v.value,
        other => panic!("{id} {code}: {other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

#[test]
fn every_unit_of_the_yearbook_is_a_census_unit() {
    let a = atlas();
    let count = |p: Peers| a.census.units.iter().filter(|u| u.peers == p).count();
    assert_eq!(
        (count(Peers::Province), count(Peers::Cities), count(Peers::Counties)),
        (1, 21, 122)
    );
    for id in [
        "population",
        "urban_share",
        "sex_ratio",
        "household_size",
        "age_0_14_share",
        "age_15_64_share",
        "age_65_share",
        "from_other_province_share",
        "from_elsewhere_in_province_share",
        "schooling_years",
        "college_share",
        "illiteracy_rate",
        "manufacturing_share",
        "agriculture_share",
        "floor_area_per_person",
        "car_share",
        "density",
        "population_change_2010_2020",
    ] {
        assert!(a.census.statistic(id).is_some(), "the catalogue has {id}");
    }
}

#[test]
fn values_match_the_raw_table() {
    let raw = raw_2020();
    // As stated.
    assert_eq!(value("population", "445281"), 1_998_619.0);
    assert_eq!(value("population", "440306"), 4_476_554.0);
    assert_eq!(value("sex_ratio", "440100"), num(&raw, "440100", "性别比（女=100）"));
    assert_eq!(value("schooling_years", "441204"), num(&raw, "441204", "平均受教育年限_合计"));
    // Derived shares, recomputed here from the named columns.
    let urban = 100.0 * num(&raw, "440100", "城镇人口") / num(&raw, "440100", "人口数_合计");
    assert!(close(value("urban_share", "440100"), urban));
    assert_eq!(format!("{:.2}", value("urban_share", "440100")), "86.19", "the bulletin's 86.19 %");
    let other = 100.0 * num(&raw, "441900", "户口登记地在外乡镇街道人口_省外")
        / num(&raw, "441900", "人口数_合计");
    assert!(close(value("from_other_province_share", "441900"), other));
    let levels = ["未上过学", "学前教育", "小学", "初中", "高中", "大学专科", "本科及以上"];
    let both = |code: &str, level: &str| {
        num(&raw, code, &format!("{level}_男")) + num(&raw, code, &format!("{level}_女"))
    };
    let college = 100.0 * (both("445281", "大学专科") + both("445281", "本科及以上"))
        / levels.iter().map(|l| both("445281", l)).sum::<f64>();
    assert!(
        close(value("college_share", "445281"), college),
        "{} vs {college}",
        value("college_share", "445281")
    );
    let car = 100.0 * num(&raw, "441204", "拥有家用汽车") / num(&raw, "441204", "家庭户户数_长表");
    assert!(close(value("car_share", "441204"), car));
}

#[test]
fn density_divides_by_the_area_computed_from_the_boundaries() {
    let a = atlas();
    let stat = a.census.statistic("density").expect("density");
    for code in ["445281", "440106", "441900", "440000"] {
        let region = a.region_by_code(code).expect("region");
        let area = gd_atlas::model::area::region_area(a, region).expect("a shape").km2;
        let v = a.census.value(stat, region).expect("a unit").as_ref().expect("a value");
        assert_eq!(v.area_km2, Some(area), "{code}: the area used is recorded");
        assert!(close(v.value, value("population", code) / area), "{code}");
        assert!(words::source_text(v, gd_atlas::i18n::Lang::En)
            .contains("area computed from the boundaries"));
    }
}

#[test]
fn change_since_2010_only_for_units_shown_unchanged() {
    let a = atlas();
    let stat = a.census.statistic("population_change_2010_2020").expect("change");
    // Cities: from the boundary-adjusted file. Shenzhen 17,560,061 / 10,423,973 → +68.46 %.
    assert_eq!(format!("{:.2}", value("population_change_2010_2020", "440300")), "68.46");
    assert!(value("population_change_2010_2020", "441400") < 0.0, "Meizhou lost people");
    // Foshan's districts are unchanged: a value, with the reason it may be compared.
    let chancheng = a.region_by_code("440604").expect("Chancheng");
    let v =
        a.census.value(stat, chancheng).expect("unit").as_ref().expect("Chancheng is comparable");
    assert!(
        v.note.as_ref().is_some_and(|n| n.en.contains("add up") && n.zh.contains("之和")),
        "{v:?}"
    );
    // Bao'an lost Longhua and Guangming: no value, never a guess, and the reason says why.
    let baoan = a.region_by_code("440306").expect("Bao'an");
    let why = a.census.value(stat, baoan).expect("unit").as_ref().expect_err("Bao'an changed");
    assert_eq!(why.short(Lang::Zh), "2010年后区划有变", "{why:?}");
    let why = &why.en;
    assert!(
        why.contains("redrawn") || why.contains("did not exist") || why.contains("add up"),
        "{why}"
    );
    let with_value = a.census.peer_values(stat, Peers::Counties).len();
    assert!((1..122).contains(&with_value), "{with_value} counties comparable");
}

#[test]
fn ranks_are_among_peers() {
    let a = atlas();
    let stat = a.census.statistic("population").expect("population");
    let baoan = a.region_by_code("440306").expect("Bao'an");
    let rank = a.census.rank(stat, baoan).expect("ranked");
    assert_eq!((rank.rank, rank.of), (1, 122), "Bao'an is the most populous county-level unit");
    let guangzhou = a.region_by_code("440100").expect("Guangzhou");
    let rank = a.census.rank(stat, guangzhou).expect("ranked");
    assert_eq!(rank.of, 21);
    assert_eq!(rank.rank, 1, "Guangzhou (18,676,605) is ahead of Shenzhen (17,560,061)");
}

#[test]
fn puning_is_cross_checked_both_readings_shown() {
    let checks = atlas().census.cross_checks_for("445281");
    assert_eq!(checks.len(), 1);
    let c = checks[0];
    assert!(c.census_en.contains("3rd of China's 311 county-level cities"), "{}", c.census_en);
    assert!(
        c.census_en.contains("昆山市 2,092,496")
            && c.census_en.contains("晋江市 2,061,551")
            && c.census_en.contains("普宁市 1,998,619"),
        "{}",
        c.census_en
    );
    assert!(c.other_reading_en.contains("registered"), "{}", c.other_reading_en);
    let zhaoqing = atlas().census.cross_checks_for("441200");
    assert!(
        zhaoqing
            .iter()
            .any(|c| c.census_en.starts_with("By area (computed from the boundaries) it is 1st")),
        "{zhaoqing:?}"
    );
}

/// A temporary copy of the data to tamper with.
struct Copy(PathBuf);

impl Copy {
    fn new(name: &str) -> Copy {
        let root =
            std::env::temp_dir().join(format!("gd-atlas-census-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        crate::support::copy_dir(&repo().join("data"), &root.join("data"));
        Copy(root)
    }

    fn data(&self) -> PathBuf {
        self.0.join("data")
    }

    /// Sets one cell of the 2020 table.
    fn set(&self, code: &str, column: &str, value: &str) {
        set_cell(&self.data().join("census/census2020_county_guangdong.csv"), code, column, value);
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn set_cell(path: &Path, code: &str, column: &str, value: &str) {
    let text = std::fs::read_to_string(path).expect("table");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let col = headers.iter().position(|h| h == column).expect("column");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).expect("write");
    for record in reader.records() {
        let record = record.expect("row");
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(k, c)| if record.get(0) == Some(code) && k == col { value } else { c })
            .collect();
        writer.write_record(cells).expect("write");
    }
    std::fs::write(path, writer.into_inner().expect("bytes")).expect("write table");
}

#[test]
fn validate_catches_a_county_that_no_longer_adds_up() {
    let copy = Copy::new("sum");
    copy.set("441204", "人口数_合计", "741592");
    let out = gd_atlas(&["--data", copy.data().to_str().expect("utf-8 path"), "validate"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("census2020_county_guangdong.csv")
            && err.contains("\"人口数_合计\" of 441200"),
        "{err}"
    );
}

#[test]
fn validate_catches_a_share_over_100_and_na_is_no_data() {
    let copy = Copy::new("share");
    copy.set("441204", "人口比重_65岁及以上", "112.5");
    copy.set("441226", "制造业", "NA");
    let atlas = Atlas::load(&DataSource::from_data_dir(&copy.data())).expect("loads");
    let problems: Vec<String> = atlas.validate().errors.iter().map(|e| e.to_string()).collect();
    assert!(
        problems.iter().any(|p| p.contains("age_65_share is 112.50 % for unit 441204")),
        "{problems:?}"
    );
    let stat = atlas.census.statistic("manufacturing_share").expect("stat");
    let deqing = atlas.region_by_code("441226").expect("Deqing");
    let why = atlas.census.value(stat, deqing).expect("unit").as_ref().expect_err("NA is no data");
    assert!(why.en.contains("NA") && why.zh.contains("NA"), "{why:?}");
    assert_eq!(why.short(Lang::Zh), "年鉴未列此数");
}

#[test]
fn info_json_carries_the_census() {
    let out = gd_atlas(&["info", "普宁市", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let census = &v["census"];
    assert_eq!(census["credit"], "2020 census: NBS county yearbook via leiii/census (MIT)");
    let figures = census["figures"].as_array().expect("figures");
    let population = figures.iter().find(|f| f["id"] == "population").expect("population");
    assert_eq!(population["value"], 1_998_619.0);
    assert_eq!(population["rank"]["of"], 122);
    assert_eq!(population["cells"][0]["column"], "人口数_合计");
    assert!(population["cells"][0]["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("census2020_county_guangdong.csv")));
    let density = figures.iter().find(|f| f["id"] == "density").expect("density");
    assert_eq!(density["area_note"], "area computed from the boundaries");
    assert!(census["cross_checks"][0]["census_en"].as_str().is_some_and(|t| t.contains("3rd")));
}

#[test]
fn a_census_export_credits_the_census() {
    let dir = std::env::temp_dir().join(format!("gd-atlas-census-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let svg = dir.join("density.svg");
    let out = gd_atlas(&[
        "export",
        "--theme-builtin",
        "census:density",
        "--level",
        "county",
        "--width",
        "900",
        "--height",
        "700",
        "--out",
        svg.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(
        text.contains("2020 census: NBS county yearbook via leiii/census (MIT)"),
        "the credit is on the figure"
    );
    assert!(text.contains("Population density"), "the legend names the figure");
    // A figure without census values does not carry the census credit.
    let plain = dir.join("plain.svg");
    let out = gd_atlas(&[
        "export",
        "--width",
        "600",
        "--height",
        "400",
        "--out",
        plain.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!std::fs::read_to_string(&plain).expect("svg").contains("leiii/census"));
    let unknown = gd_atlas(&[
        "export",
        "--theme-builtin",
        "census:nope",
        "--out",
        plain.to_str().expect("path"),
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each themed stop of the uneven-development tour quotes the figure it shades, as the atlas
/// formats it, and names a statistic of the catalogue.
#[test]
fn uneven_development_tour_quotes_its_figures() {
    let a = atlas();
    let (tours, problems) = gd_atlas::model::tour::load_tours(&DataSource::Embedded, Some(a));
    assert!(problems.is_empty(), "{problems:?}");
    let tour = tours.iter().find(|t| t.name == "uneven_development").expect("the tour ships");
    assert!(tour.stops.len() >= 8);
    for (i, stop) in tour.stops.iter().enumerate() {
        let theme = stop
            .theme
            .clone()
            .flatten()
            .unwrap_or_else(|| panic!("stop {} sets a census theme", i + 1));
        let Some(gd_atlas::model::Subject::Region(code)) = &stop.subject else {
            panic!("stop {} is a region", i + 1)
        };
        let stat = a.census.statistic(&theme.statistic).expect("a catalogue statistic");
        let region = a.region_by_code(code).expect("region");
        let v = a.census.value(stat, region).expect("a census unit").as_ref().expect("a value");
        let shown = a.census.statistics[stat].format(v.value);
        assert!(
            stop.caption_en.contains(&shown),
            "stop {}: {:?} should quote {shown}",
            i + 1,
            stop.caption_en
        );
        assert!(
            stop.caption_zh.contains(&shown),
            "stop {}: {:?} should quote {shown}",
            i + 1,
            stop.caption_zh
        );
    }
}

/// "Registered in another province" shades the delta dark: Dongguan, Bao'an and Guangming in
/// the top class, the northern and eastern counties in the lowest.
#[test]
fn migrants_theme_shades_the_delta_dark() {
    use gd_atlas::theme::{census::census_spec, RegionFill, Theme, ThemeLevel};
    let a = atlas();
    let spec =
        census_spec(a, ThemeLevel::County, "from_other_province_share").expect("a census spec");
    assert_eq!(spec.palette, "YlOrRd");
    let theme = Theme::build(a, spec).expect("builds");
    let class = |code: &str| match theme.fill(a.region_by_code(code).expect("region")) {
        Some(RegionFill::Class { index, .. }) => index,
        other => panic!("{code}: {other:?}"),
    };
    let top = theme.colours.len() - 1;
    for delta in ["441900", "440306", "440311"] {
        assert_eq!(class(delta), top, "{delta} is in the darkest class");
    }
    for periphery in ["445224", "440882", "441581"] {
        assert_eq!(class(periphery), 0, "{periphery} is in the lightest class");
    }
    assert_eq!(theme.values.values.len(), 124, "122 counties + Dongguan + Zhongshan");
    assert_eq!(theme.legend_title(Lang::En), "Registered in another province, 2020 census (%)");
    assert_eq!(theme.legend_title(Lang::Zh), "户口登记地在外省，2020年普查（%）");
}

/// A statistic centred on the province's value splits its classes there.
#[test]
fn diverging_statistics_split_at_the_province_value() {
    use gd_atlas::theme::{census::census_spec, Theme, ThemeLevel};
    let a = atlas();
    let spec = census_spec(a, ThemeLevel::County, "schooling_years").expect("spec");
    let province = a
        .census
        .province_value(a.census.statistic("schooling_years").expect("stat"))
        .expect("9.88");
    assert_eq!(spec.centre, Some(province));
    let theme = Theme::build(a, spec).expect("builds");
    let bounds = &theme.classification.upper_bounds;
    assert_eq!(bounds.len(), 6);
    assert_eq!(bounds[2], province, "the third class ends at Guangdong's 9.88 years: {bounds:?}");
}

/// A selected unit of a thematic map keeps its class colour (outline only): a tour stop shows
/// the value its caption quotes; without a theme the selection is tinted as before.
#[test]
fn selection_over_a_theme_is_an_outline_only() {
    use gd_atlas::scene::basemap::Basemap;
    use gd_atlas::scene::geometry::SceneGeometry;
    use gd_atlas::scene::layers::Layers;
    use gd_atlas::scene::view::View;
    use gd_atlas::scene::{build_scene, SceneInput};
    use gd_atlas::scene::{style, Item};
    use gd_atlas::theme::{census::census_spec, Theme, ThemeLevel};
    let a = atlas();
    let geometry = SceneGeometry::new(a, Basemap::load(&a.source));
    let layers = Layers::default();
    let view = View::fit(
        gd_atlas::export::extent::province_extent(a).expect("extent"),
        [0.0, 0.0, 800.0, 600.0],
        0.05,
    );
    let selection = gd_atlas::model::Subject::Region("441200".into());
    let theme = Theme::build(
        a,
        census_spec(a, ThemeLevel::City, "population_change_2010_2020").expect("spec"),
    )
    .expect("theme");
    let tinted = |theme: Option<&Theme>| {
        let request = gd_atlas::scene::SceneRequest {
            selection: Some(selection.clone()),
            ..gd_atlas::scene::SceneRequest::of_layers(layers.clone())
        };
        let scene =
            build_scene(&SceneInput { theme, ..SceneInput::new(a, &geometry, view, &request) });
        scene
            .items
            .iter()
            .any(|i| matches!(i, Item::Fill { color, .. } if *color == style::SELECTION_FILL))
    };
    assert!(tinted(None), "without a theme the selection is tinted");
    assert!(!tinted(Some(&theme)), "over a theme only the outline marks it");
}

/// Compare: pinned counties side by side with their census figures, in the CSV with the line
/// each value was read from; a unit without a value says "no data".
#[test]
fn compare_lists_census_figures_with_their_source() {
    use gd_atlas::model::compare::{compare_table, to_csv, CENSUS_PERIOD};
    let a = atlas();
    let table = compare_table(a, &["445281".into(), "441204".into(), "440306".into()], |_| None);
    let population = table
        .rows
        .iter()
        .find(|r| r.label == "Resident population" && r.period == CENSUS_PERIOD)
        .expect("a census row");
    let texts: Vec<&str> =
        population.cells.iter().map(|c| c.as_ref().map_or("", |c| c.text.as_str())).collect();
    assert_eq!(texts, ["1,998,619", "741,591", "4,476,554"]);
    assert_eq!(population.numbers(), 3, "bars for all three");
    let change =
        table.rows.iter().find(|r| r.label == "Population change 2010–2020").expect("change row");
    let baoan = change.cells[2].as_ref().map_or("", |c| c.text.as_str());
    assert!(
        baoan.starts_with("no data (") && baoan.len() > "no data ()".len(),
        "Bao'an changed since 2010, and the cell says why: {baoan:?}"
    );
    let csv = to_csv(&table);
    let line = csv
        .lines()
        .find(|l| l.starts_with("Resident population,2020 census,"))
        .expect("the CSV row");
    assert!(line.contains("1,998,619") || line.contains("\"1,998,619\""), "{line}");
    assert!(
        line.contains("census: data/census/census2020_county_guangdong.csv")
            && line.contains(":139 (count: 人口数_合计)"),
        "{line}"
    );
}

/// Every built-in census theme (each statistic, city and county level, as the catalogue draws
/// it and by each method) prints legend classes that read normally: neighbouring classes share
/// their printed bound ("78 – 155", "155 – 279", not "154 – 279" after "78 – 155") or, for
/// whole numbers, abut ("2 – 3", "4 – 34"), and every unit's value, printed as the details panel
/// prints it (`legend::number_text`: the legend's ends are the data's minimum and maximum so
/// printed), lies in its printed class.
#[test]
fn census_legends_share_their_bounds_and_hold_every_value() {
    use gd_atlas::theme::classify::Method;
    use gd_atlas::theme::{census::census_spec, RegionFill, Theme, ThemeLevel};
    let a = atlas();
    let number = |text: &str| -> f64 {
        let t = text.trim().replace(',', "").replace('−', "-");
        t.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
    };
    let bounds = |label: &str| match label.split_once(" – ") {
        Some((low, high)) => (number(low), number(high)),
        None => (number(label), number(label)),
    };
    let mut checked = 0;
    for stat in &a.census.statistics {
        for level in [ThemeLevel::City, ThemeLevel::County] {
            let Some(spec) = census_spec(a, level, &stat.id) else { continue };
            for method in [
                None,
                Some(Method::Quantile),
                Some(Method::EqualInterval),
                Some(Method::NaturalBreaks),
            ] {
                let mut spec = spec.clone();
                if let Some(m) = method {
                    spec.method = m;
                }
                let what = format!("{} {level:?} {:?}", stat.id, spec.method);
                let Ok(theme) = Theme::build(a, spec) else { continue };
                let labels: Vec<&str> =
                    theme.legend.iter().filter(|r| !r.hatched).map(|r| r.label.as_str()).collect();
                let whole = theme.classification.value_decimals == 0;
                for pair in labels.windows(2).filter(|p| p[0] != "–" && p[1] != "–") {
                    let ((_, upper), (lower, _)) = (bounds(pair[0]), bounds(pair[1]));
                    if whole {
                        assert!(upper < lower, "{what}: {pair:?} overlap");
                    } else {
                        assert_eq!(
                            pair[0].rsplit(" – ").next(),
                            pair[1].split(" – ").next(),
                            "{what}: {labels:?} do not share their bound ({} decimals, ranges {:?}, bounds {:?})",
                            theme.classification.value_decimals,
                            theme.classification.class_ranges,
                            theme.classification.upper_bounds
                        );
                    }
                }
                for (&region, value) in &theme.values.values {
                    let Some(RegionFill::Class { index, .. }) = theme.fill(region) else {
                        panic!("{what}: {} has a value but no class", a.regions[region].code)
                    };
                    let (low, high) = bounds(&theme.legend[index].label);
                    let printed =
                        gd_atlas::theme::legend::number_text(&theme.classification, value);
                    assert!(
                        low <= number(&printed) && number(&printed) <= high,
                        "{what}: {} = {} (printed {printed}) outside its class {:?}",
                        a.regions[region].code,
                        value.value,
                        theme.legend[index].label
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "{checked} census legends checked");
}

/// The printed numbers of a legend row: `12,345 – 30,917` → ["12,345", "30,917"].
fn bound_texts(label: &str) -> Vec<&str> {
    label.split(" – ").map(str::trim).collect()
}

/// A legend's outer bounds are the data's own minimum and maximum printed exactly as the
/// details panel prints a value (the QA pass read 30,918 at the top of the density legend
/// while the details said 30,917 for the same county: the maximum was rounded outward). Every
/// census statistic, counties and cities; the printed bounds also ascend.
#[test]
fn legend_ends_print_the_data_extremes_as_the_details_do() {
    use gd_atlas::theme::{census::census_spec, Theme, ThemeLevel};
    let atlas = atlas();
    let mut wrong = Vec::new();
    for s in &atlas.census.statistics {
        for level in [ThemeLevel::County, ThemeLevel::City] {
            let spec = census_spec(atlas, level, &s.id).expect("a catalogue statistic");
            let theme = Theme::build(atlas, spec).unwrap_or_else(|e| panic!("{}: {e}", s.id));
            let numbers: Vec<f64> = theme.values.values.values().map(|v| v.value).collect();
            let min = numbers.iter().copied().fold(f64::INFINITY, f64::min);
            let max = numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let rows: Vec<&str> =
                theme.legend.iter().filter(|r| !r.hatched).map(|r| r.label.as_str()).collect();
            let first = bound_texts(rows[0]);
            let last = bound_texts(rows[rows.len() - 1]);
            let (low, high) = (first[0], last[last.len() - 1]);
            if low != s.format(min) || high != s.format(max) {
                wrong.push(format!(
                    "{} {level:?}: legend {low} … {high}, details {} … {}: {rows:?}",
                    s.id,
                    s.format(min),
                    s.format(max)
                ));
            }
            let printed: Vec<f64> = rows
                .iter()
                .flat_map(|r| bound_texts(r))
                .filter(|t| *t != "–")
                .map(|t| t.replace(',', "").replace('−', "-").parse::<f64>().expect("a number"))
                .collect();
            if printed.windows(2).any(|w| w[0] > w[1]) {
                wrong.push(format!("{} {level:?}: bounds do not ascend: {rows:?}", s.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{} legends:\n{}", wrong.len(), wrong.join("\n"));
}
