//! The explorer window as a person uses it: click the map, read the panel. Headless (no display,
//! no GPU, no network): egui_kittest drives the real `AtlasApp::show`.

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::{Atlas, Level, PlaceKind, Precision, Subject};

const JINLI: &str = "441204115";
const GAOYAO: &str = "441204";

/// The app on the embedded data in a 1600×1000 window (shared with `ui_views`).
pub(crate) fn harness() -> Harness<'static, AtlasApp> {
    let app = crate::support::embedded_app(None);
    crate::support::app_harness(app, [1600.0, 1000.0])
}

/// Press and release at `pos` as a person would (hover first; shared with `ui_layers`).
pub(crate) fn click(harness: &mut Harness<'static, AtlasApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run_steps(2);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run_steps(3);
}

/// A point inside Jinli town that is not under any marker (many Jinli projects share the seat).
fn jinli_point(atlas: &Atlas) -> [f64; 2] {
    let jinli = atlas.region_by_code(JINLI).expect("Jinli exists");
    let seat = atlas.regions[jinli].seat_lonlat.expect("Jinli has a seat");
    for (dx, dy) in
        [(0.02, 0.0), (-0.02, 0.0), (0.0, 0.02), (0.0, -0.02), (0.015, 0.015), (-0.015, -0.015)]
    {
        let p = [seat[0] + dx, seat[1] + dy];
        let far_from_markers = atlas
            .places
            .iter()
            .filter_map(|pl| pl.lonlat)
            .all(|q| (q[0] - p[0]).abs() > 0.008 || (q[1] - p[1]).abs() > 0.008);
        if atlas.region_at(p, Level::Town) == Some(jinli) && far_from_markers {
            return p;
        }
    }
    panic!("no marker-free point found inside Jinli");
}

/// The panel (or a tooltip) shows `text` somewhere.
fn assert_shows(harness: &Harness<'static, AtlasApp>, text: &str) {
    assert!(
        harness.query_all_by_label_contains(text).count() >= 1,
        "nothing on screen contains {text:?}"
    );
}

fn show_town_view(harness: &mut Harness<'static, AtlasApp>, center: [f64; 2]) {
    harness.state_mut().set_view(center, 11.0);
    harness.run_steps(4);
}

fn screen_pos(harness: &Harness<'static, AtlasApp>, lonlat: [f64; 2]) -> Pos2 {
    harness.state().screen_pos_of_lonlat(lonlat).expect("a frame was drawn")
}

/// A harness at town zoom over Jinli, after a click on a marker-free point of Jinli.
fn harness_with_jinli_clicked() -> (Harness<'static, AtlasApp>, [f64; 2]) {
    let mut harness = harness();
    let p = jinli_point(&harness.state().atlas.clone());
    show_town_view(&mut harness, p);
    let pos = screen_pos(&harness, p);
    click(&mut harness, pos);
    (harness, p)
}

#[test]
fn clicking_jinli_shows_its_output_and_excerpt() {
    let (harness, _) = harness_with_jinli_clicked();
    assert_eq!(harness.state().selected(), Some(&Subject::Region(JINLI.into())));
    harness.get_by_label("47.51 billion yuan");
    assert_shows(
        &harness,
        "The total industrial output value of Jinli Town reached 47.51 billion yuan",
    );
    assert_shows(&harness, "004_6c30c6adb5630b5b.txt");
    assert_shows(&harness, "Approximate area, not an official boundary");
}

#[test]
fn breadcrumb_goes_up_to_gaoyao() {
    let (mut harness, _) = harness_with_jinli_clicked();
    harness.get_by_label("Gaoyao District").click();
    harness.run_steps(4);
    assert_eq!(harness.state().selected(), Some(&Subject::Region(GAOYAO.into())));
}

#[test]
fn clicking_a_park_marker_shows_excerpt_and_precision() {
    let mut harness = harness();
    let atlas = harness.state().atlas.clone();
    // A park whose marker is not shared with other places, so the click selects it alone.
    let park = atlas
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::IndustrialPark)
        .filter_map(|p| p.lonlat.map(|ll| (p, ll)))
        .find(|(p, ll)| {
            !atlas.excerpts_for(&Subject::Place(p.id.clone())).is_empty()
                && atlas.places.iter().filter(|q| q.lonlat == Some(*ll)).count() == 1
        })
        .expect("a park with its own marker and an excerpt");
    let (park, lonlat) = park;
    show_town_view(&mut harness, lonlat);
    let pos = screen_pos(&harness, lonlat);
    click(&mut harness, pos);
    assert_eq!(harness.state().selected(), Some(&Subject::Place(park.id.clone())));
    let words = park.precision.describe_en();
    assert_shows(&harness, words);
    let excerpt = &atlas.excerpts_for(&Subject::Place(park.id.clone()))[0].text;
    let start: String = excerpt.chars().take(40).collect();
    assert_shows(&harness, &start);
    assert_ne!(park.precision, Precision::Unlocated);
}

#[test]
fn towns_layer_off_stops_towns_from_being_picked() {
    let mut harness = harness();
    let p = jinli_point(&harness.state().atlas.clone());
    show_town_view(&mut harness, p);
    harness.get_by_label("Towns and subdistricts").click();
    harness.run_steps(3);
    assert!(!harness.state().settings.layers.towns);
    let pos = screen_pos(&harness, p);
    click(&mut harness, pos);
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Region(GAOYAO.into())),
        "the county is picked instead"
    );
}

#[test]
fn clicking_the_sea_clears_the_selection() {
    let (mut harness, _) = harness_with_jinli_clicked();
    assert!(harness.state().selected().is_some());
    // Open sea south of the Pearl River estuary.
    let sea = [113.9, 21.6];
    harness.state_mut().set_view(sea, 9.0);
    harness.run_steps(4);
    let pos = screen_pos(&harness, sea);
    click(&mut harness, pos);
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn switching_language_shows_chinese_names() {
    let (mut harness, _) = harness_with_jinli_clicked();
    assert!(harness.query_by_label("金利镇").is_none(), "English first");
    harness.get_by_label("中文").click();
    harness.run_steps(3);
    assert!(harness.query_all_by_label("金利镇").count() >= 1, "the panel names Jinli in Chinese");
    assert!(
        harness.query_all_by_label("高要区").count() >= 1,
        "the breadcrumb names Gaoyao in Chinese"
    );
}

#[test]
fn escape_clears_and_home_returns_to_the_province() {
    let (mut harness, _) = harness_with_jinli_clicked();
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().selected(), None);
    harness.key_press(egui::Key::Home);
    harness.run_steps(3);
    let zoom = harness.state().last_view().expect("drawn").zoom;
    assert!(zoom < 8.0, "home shows the whole province, zoom {zoom}");
}

/// The map is drawn after the side panels, yet one click must update the selection and the
/// details panel in the frame the user sees (the app applies actions before panels draw and
/// asks egui for a second pass when the map produced one).
#[test]
fn one_click_updates_selection_and_details_in_the_same_frame() {
    let mut harness = harness();
    let p = jinli_point(&harness.state().atlas.clone());
    show_town_view(&mut harness, p);
    let pos = screen_pos(&harness, p);
    harness.hover_at(pos);
    harness.run_steps(2);
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    assert_eq!(harness.state().selected(), None, "a press alone selects nothing");
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    assert_eq!(harness.state().selected(), Some(&Subject::Region(JINLI.into())));
    harness.get_by_label("47.51 billion yuan");
}

/// A marker shared by several places: the click selects the first and lists all of them in the
/// same frame; choosing another from the list keeps the list.
#[test]
fn a_cluster_click_lists_its_places_and_keeps_them_when_one_is_chosen() {
    let mut harness = harness();
    let atlas = harness.state().atlas.clone();
    let shared = atlas
        .places
        .iter()
        .filter_map(|p| p.lonlat)
        .find(|ll| atlas.places.iter().filter(|q| q.lonlat == Some(*ll)).count() >= 3)
        .expect("some point is shared by three or more places");
    for &id in gd_atlas::scene::layers::LayerId::ALL {
        *harness.state_mut().settings.layers.get_mut(id) = true;
    }
    show_town_view(&mut harness, shared);
    let pos = screen_pos(&harness, shared);
    click(&mut harness, pos);
    let selection = harness.state().selection.current.clone().expect("a place is selected");
    assert!(selection.cluster.len() >= 3, "the cluster is listed: {selection:?}");
    assert_shows(&harness, "places share this marker");
    let other = &atlas.places[selection.cluster[1]];
    let other_name = other.name_en.clone();
    harness.get_all_by_label(&other_name).next().expect("listed").click();
    harness.run_steps(2);
    let after = harness.state().selection.current.clone().expect("still selected");
    assert_eq!(after.subject, Subject::Place(other.id.clone()));
    assert_eq!(after.cluster, selection.cluster, "the list stays");
}
