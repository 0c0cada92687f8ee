//! Saved views and the measure tool as a person uses them (issue 12): save a view, copy its
//! text, change everything, paste the text back; measure two clicks and read the km; the path
//! is in the built scene and in an SVG figure; `export --view` renders exactly the view.

use egui::accesskit::Role;
use egui::Pos2;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::geo::great_circle::distance_km;
use gd_atlas::model::Subject;
use gd_atlas::scene::measure::format_km;
use gd_atlas::scene::saved_view::{SavedView, ViewSelection};
use gd_atlas::scene::Item;

const GAOYAO: &str = "441204";
const GUANGZHOU: [f64; 2] = [113.2644, 23.1291];
const FOSHAN: [f64; 2] = [113.1214, 23.0215];

use crate::ui_explorer::{click, harness};

fn type_into(harness: &mut Harness<'static, AtlasApp>, label: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, label).focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    harness.run_steps(2);
}

fn screen_pos(harness: &Harness<'static, AtlasApp>, lonlat: [f64; 2]) -> Pos2 {
    harness.state().screen_pos_of_lonlat(lonlat).expect("a frame was drawn")
}

#[test]
fn a_saved_view_round_trips_through_its_text_and_restores_the_map() {
    let mut harness = harness();
    harness.state_mut().set_view([112.46, 23.05], 9.5);
    harness
        .state_mut()
        .push(gd_atlas::ui::Action::SetLayer(gd_atlas::scene::layers::LayerId::Towns, false));
    harness.state_mut().push(gd_atlas::ui::Action::Select(gd_atlas::ui::Selection::of(
        Subject::Region(GAOYAO.into()),
    )));
    harness.run_steps(4);
    type_into(&mut harness, "Name", "Gaoyao works");
    harness.get_by_label("Save view").click();
    harness.run_steps(3);
    let saved = harness.state().settings.views.clone();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "Gaoyao works");
    assert_eq!(saved[0].selection, Some(ViewSelection::Region(GAOYAO.into())));
    assert!(!saved[0].layers.towns && saved[0].layers.counties);
    harness.get_by_label("Copy text").click();
    harness.run_steps(2);
    let text = harness.state().panels.views.copied.clone().expect("the copied text is shown");
    assert_eq!(SavedView::from_text(&text).map(|v| v.name), Ok("Gaoyao works".to_string()));

    // Change everything, then paste the text back.
    harness.state_mut().push(gd_atlas::ui::Action::Home);
    harness
        .state_mut()
        .push(gd_atlas::ui::Action::SetLayer(gd_atlas::scene::layers::LayerId::Towns, true));
    harness.state_mut().push(gd_atlas::ui::Action::ClearSelection);
    harness.run_steps(4);
    assert_eq!(harness.state().selected(), None);
    type_into(&mut harness, "Paste", &text);
    harness.get_by_label("Open").click();
    harness.run_steps(4);
    let app = harness.state();
    assert_eq!(app.selected(), Some(&Subject::Region(GAOYAO.into())));
    assert!(!app.settings.layers.towns);
    let view = app.last_view().expect("drawn");
    let (c, want) = (view.center_lonlat(), saved[0].center_lonlat);
    assert!((c[0] - want[0]).abs() < 1e-4 && (c[1] - want[1]).abs() < 1e-4, "{c:?} vs {want:?}");
    assert!((view.zoom - saved[0].zoom).abs() < 1e-6);
}

#[test]
fn a_bad_pasted_text_shows_a_one_line_error() {
    let mut harness = harness();
    type_into(&mut harness, "Paste", "gd-atlas:v1;c=113,23;z=99");
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    let error = harness.state().panels.views.paste_error.clone().expect("an error");
    assert!(error.contains("zoom") && !error.contains('\n'), "{error}");
    assert!(harness.query_all_by_label_contains("is outside").count() >= 1, "the error is shown");
}

/// Turns the tool on and clicks Guangzhou then Foshan at zoom 10.
fn measured_harness() -> Harness<'static, AtlasApp> {
    let mut harness = harness();
    harness.state_mut().set_view([113.2, 23.08], 10.0);
    harness.run_steps(3);
    harness.get_by_label("Measure").click();
    harness.run_steps(2);
    for lonlat in [GUANGZHOU, FOSHAN] {
        let pos = screen_pos(&harness, lonlat);
        click(&mut harness, pos);
    }
    harness
}

#[test]
fn two_measure_clicks_show_their_great_circle_distance_and_do_not_select() {
    let harness = measured_harness();
    let app = harness.state();
    assert_eq!(app.selected(), None, "measure clicks do not select regions");
    let path = app.measure.measure.path_lonlat.clone();
    assert_eq!(path.len(), 2);
    for (clicked, want) in path.iter().zip([GUANGZHOU, FOSHAN]) {
        assert!(
            (clicked[0] - want[0]).abs() < 0.002 && (clicked[1] - want[1]).abs() < 0.002,
            "{clicked:?} vs {want:?}"
        );
    }
    let km = distance_km(path[0], path[1]);
    assert!((18.0..20.0).contains(&km), "Guangzhou–Foshan centres are about 19 km apart: {km}");
    assert!(
        harness.query_all_by_label_contains(&format!("Total {}", format_km(km))).count() >= 1,
        "the window shows Total {}",
        format_km(km)
    );
    let scene = app.map.drawn_scene().expect("drawn");
    let item = scene
        .items
        .iter()
        .find_map(|i| if let Item::Measure(m) = i { Some(m) } else { None })
        .expect("the measure is a scene item");
    assert_eq!(item.vertices_mercator.len(), 2);
    assert!(item.labels.iter().any(|l| l.text == format!("total {}", format_km(km))));
}

#[test]
fn the_measure_path_and_ring_are_in_an_svg_figure() {
    let mut harness = measured_harness();
    harness.get_by_label("around the last point").click();
    harness.run_steps(2);
    let app = harness.state();
    let measure = app.measure.drawn().cloned().expect("on and not empty");
    assert!(measure
        .ring
        .is_some_and(|r| r.radius_km == 80.0 && r.center_lonlat == measure.path_lonlat[1]));
    let view = app.last_view().expect("drawn");
    let mut request = gd_atlas::export::ExportRequest::new([800, 600], view.bbox_mercator());
    request.scene.measure = Some(measure.clone());
    let (bytes, composition) = gd_atlas::export::render(
        &app.atlas,
        &app.geometry,
        &request,
        gd_atlas::export::Format::Svg,
    )
    .expect("renders");
    assert!(composition.scene.items.iter().any(|i| matches!(i, Item::Measure(_))));
    let svg = String::from_utf8(bytes).expect("utf-8");
    roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(svg.contains("<g id=\"measure\">"), "the measure has its group");
    assert!(
        svg.contains(&format!("total {}", format_km(measure.total_km()))),
        "the total is labelled"
    );
    assert!(svg.contains("r = 80.0 km"), "the ring's radius is labelled");
    // Off: nothing in the figure.
    request.scene.measure = None;
    let (bytes, _) = gd_atlas::export::render(
        &app.atlas,
        &app.geometry,
        &request,
        gd_atlas::export::Format::Svg,
    )
    .expect("renders");
    assert!(!String::from_utf8_lossy(&bytes).contains("id=\"measure\""));
}

#[test]
fn esc_clears_the_measure_and_keeps_the_tool_on() {
    let mut harness = measured_harness();
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().measure.on && harness.state().measure.measure.is_empty());
    assert!(harness
        .state()
        .map
        .drawn_scene()
        .is_some_and(|s| !s.items.iter().any(|i| matches!(i, Item::Measure(_)))));
}

/// A view opened before the first frame (`gd-atlas --view`, a web link `index.html#gd-atlas:v1;…`)
/// is what the map shows, not the province the start frames for a new user.
#[test]
fn a_view_opened_at_start_is_shown_instead_of_the_province() {
    let mut app = crate::support::embedded_app(None);
    let text = "gd-atlas:v1;n=Gaoyao;c=112.46000,23.05000;z=10.00;l=cities,counties,labels;s=region:441204";
    let view = SavedView::from_text(text).expect("valid");
    app.push(gd_atlas::ui::Action::View(gd_atlas::ui::views_panel::ViewAction::Open(Box::new(
        view,
    ))));
    let mut harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    harness.run_steps(8);
    let drawn = harness.state().last_view().expect("drawn");
    let c = drawn.center_lonlat();
    assert!(
        (drawn.zoom - 10.0).abs() < 1e-6
            && (c[0] - 112.46).abs() < 1e-4
            && (c[1] - 23.05).abs() < 1e-4,
        "drawn at zoom {} centre {c:?}",
        drawn.zoom
    );
    assert_eq!(harness.state().selected(), Some(&Subject::Region(GAOYAO.into())));
}

#[test]
fn an_export_of_a_view_has_its_centre_zoom_layers_and_selection() {
    let harness = harness();
    let app = harness.state();
    let text =
        "gd-atlas:v1;n=Gaoyao;c=112.46000,23.05000;z=9.50;l=cities,counties,labels;s=region:441204";
    let view = SavedView::from_text(text).expect("valid");
    let mut request = gd_atlas::export::ExportRequest::new([1200, 800], [0.0, 0.0, 1.0, 1.0]);
    request.scene.layers = view.layers.clone();
    request.scene.selection = Some(Subject::Region(GAOYAO.into()));
    request.center_zoom = Some((view.center_lonlat, view.zoom));
    let composition =
        gd_atlas::export::compose(&app.atlas, &app.geometry, &request).expect("composes");
    let c = composition.view.center_lonlat();
    assert!((c[0] - 112.46).abs() < 1e-9 && (c[1] - 23.05).abs() < 1e-9, "{c:?}");
    assert_eq!(composition.view.zoom, 9.5);
    assert_eq!(composition.scene.selection, Some(Subject::Region(GAOYAO.into())));
    assert!(!composition.scene.layers.towns && composition.scene.layers.counties);
}

#[test]
fn the_apps_export_includes_the_measure_while_the_tool_is_on() {
    let mut harness = measured_harness();
    let view = harness.state().last_view().expect("drawn");
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-views-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let path = dir.join("measured.svg");
    let request = gd_atlas::export::ExportRequest::new([640, 480], view.bbox_mercator());
    harness
        .state_mut()
        .push(gd_atlas::ui::Action::StartExport { request: Box::new(request), path: path.clone() });
    // The figure is rendered on a worker thread; each pass polls it.
    for _ in 0..600 {
        harness.run_steps(1);
        if harness.state().export.dialog.status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let svg = std::fs::read_to_string(&path).expect("the export was written");
    assert!(svg.contains("<g id=\"measure\">"), "the window's measure is in the figure");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn saved_views_are_renamed_and_deleted() {
    use gd_atlas::ui::views_panel::ViewAction;
    let mut harness = harness();
    for name in ["one", "two"] {
        harness.state_mut().push(gd_atlas::ui::Action::View(ViewAction::SaveCurrent(name.into())));
    }
    harness.run_steps(2);
    harness.state_mut().push(gd_atlas::ui::Action::View(ViewAction::SaveCurrent("one".into())));
    harness.run_steps(2);
    assert_eq!(
        harness.state().settings.views.len(),
        2,
        "saving under an existing name replaces it"
    );
    harness.get_all_by_label("Rename").next().expect("a rename button").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().panels.views.renaming,
        Some((0, "one".to_string())),
        "the row turns into a name field"
    );
    // What typing in that field does.
    harness.state_mut().panels.views.renaming = Some((0, "first".into()));
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    harness.get_all_by_label("Delete").nth(1).expect("a delete button").click();
    harness.run_steps(2);
    let names: Vec<String> =
        harness.state().settings.views.iter().map(|v| v.name.clone()).collect();
    assert_eq!(names, vec!["first".to_string()]);
}
