//! The thematic map as a planner makes one in the window: write a county table, load it through
//! the panel, read the classes and the join report, change method and palette, click a county.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Subject};
use gd_atlas::theme::{AttributeSpec, Method};
use gd_atlas::ui::Action;

/// Zhaoqing's counties with two figures, and one county that does not exist (line 10).
const TABLE: &str = "县名,人口,GDP\n端州区,60,1000\n鼎湖区,20,300\n高要区,75,1200\n广宁县,45,250\n怀集县,80,420\n封开县,38,200\n德庆县,34,230\n四会市,60,900\n不存在县,10,50\n";

fn harness() -> Harness<'static, AtlasApp> {
    let app = crate::support::embedded_app(None);
    crate::support::app_harness(app, [1600.0, 1400.0])
}

fn write_table(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-theme-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("zhaoqing.csv");
    std::fs::write(&path, TABLE).expect("write table");
    path
}

/// Chooses "Table", types the path, presses Load.
fn load_through_panel(harness: &mut Harness<'static, AtlasApp>, path: &std::path::Path) {
    harness.get_by_label("Table").click();
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Table file");
    field.focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "Table file")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Load").click();
    harness.run_steps(3);
}

/// Opens a combo box by its label and picks an entry.
fn choose(harness: &mut Harness<'static, AtlasApp>, combo: &str, entry: &str) {
    harness.get_by_label(combo).click();
    harness.run_steps(2);
    harness.get_by_label(entry).click();
    harness.run_steps(3);
}

fn theme_column(harness: &Harness<'static, AtlasApp>) -> Option<String> {
    match harness.state().settings.theme.as_ref().map(|s| &s.source) {
        Some(AttributeSpec::Table { column, .. }) => Some(column.clone()),
        _ => None,
    }
}

#[test]
fn a_county_table_loads_shades_reports_and_reclassifies() {
    let path = write_table("load");
    let mut harness = harness();
    load_through_panel(&mut harness, &path);
    assert_eq!(harness.state().theme.error, None);
    assert_eq!(
        theme_column(&harness).as_deref(),
        Some("人口"),
        "the first column of numbers that is not the key"
    );
    choose(&mut harness, "Value column", "GDP");
    assert_eq!(theme_column(&harness).as_deref(), Some("GDP"));

    // Classes with their counts, in the legend (the one the map and the exports draw).
    let theme = harness.state().theme.theme.clone().expect("the theme is built");
    let class_rows: Vec<_> = theme.legend.iter().filter(|r| !r.hatched).collect();
    assert_eq!(
        class_rows.iter().map(|r| r.count).sum::<usize>(),
        8,
        "the eight Zhaoqing counties have values"
    );
    for row in &theme.legend {
        harness.get_by_label(&format!("{} ({})", row.label, row.count));
    }
    // The join report names the row that did not join.
    let report = theme.join.as_ref().expect("a table theme has a join report");
    assert_eq!(report.unmatched.len(), 1);
    assert!(
        harness.query_all_by_label_contains("line 10: 不存在县").count() >= 1,
        "the unmatched row is listed"
    );

    // Another method gives other bounds; another palette other colours. Neither reads the table
    // again: it is gone now.
    std::fs::remove_file(&path).expect("remove the table");
    let before_bounds = theme.classification.upper_bounds.clone();
    choose(&mut harness, "Method", "equal interval");
    let theme = harness.state().theme.theme.clone().expect("rebuilt");
    assert_eq!(theme.spec.method, Method::EqualInterval);
    assert_eq!(harness.state().theme.error, None, "re-classified without the file");
    assert_ne!(theme.classification.upper_bounds, before_bounds);
    let before_colours = theme.colours.clone();
    let generation = harness.state().theme.generation;
    harness.get_by_label("Palette").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Blues").click();
    harness.run_steps(3);
    let theme = harness.state().theme.theme.clone().expect("rebuilt");
    assert_eq!(theme.spec.palette, "Blues");
    assert_ne!(theme.colours, before_colours);
    assert!(harness.state().theme.generation > generation, "the scene cache sees a new theme");

    // The selected county's details: value, class, source line.
    harness.state_mut().push(Action::Focus(Subject::Region("441204".into())));
    harness.run_steps(4);
    harness.get_by_label("1,200");
    assert!(
        harness
            .query_all_by_label_contains("zhaoqing.csv line 4, column \"GDP\": \"1200\"")
            .count()
            >= 1,
        "the source row is shown"
    );

    // The report saves as CSV, and the panel says where.
    let out = path.with_file_name("report.csv");
    harness.state_mut().push(Action::SaveJoinReport(out.clone()));
    harness.run_steps(3);
    let csv = std::fs::read_to_string(&out).expect("the report was written");
    assert!(csv.contains("不存在县"));
    assert!(harness.query_all_by_label_contains("report.csv").count() >= 1);
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}

#[test]
fn a_missing_table_stays_listed_and_is_not_drawn() {
    let path = write_table("missing");
    let mut harness = harness();
    load_through_panel(&mut harness, &path);
    assert!(harness.state().theme.theme.is_some());
    let spec = harness.state().settings.theme.clone();
    std::fs::remove_file(&path).expect("remove");

    // A restart with these settings.
    let settings_dir = path.parent().expect("dir").join("config");
    let settings_path = settings_dir.join("settings.json");
    let settings = gd_atlas::app::settings::Settings { theme: spec.clone(), ..Default::default() };
    settings.save(&settings_path).expect("save settings");
    let atlas = Atlas::load(&DataSource::Embedded).expect("atlas");
    let app = AtlasApp::new(&egui::Context::default(), atlas, Some(settings_path));
    let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
    harness.run_steps(3);
    assert!(harness.state().theme.theme.is_none(), "nothing to draw");
    assert_eq!(harness.state().settings.theme, spec, "the theme stays in the settings");
    assert!(
        harness.query_all_by_label_contains("the table file is missing").count() >= 1,
        "one-line message in the panel"
    );
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "Table file").value().as_deref(),
        Some(path.display().to_string().as_str())
    );
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}
