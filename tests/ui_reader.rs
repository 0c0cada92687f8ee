//! Reader mode and tours as a teacher uses them (issue 12): read article 003 with the map, click
//! a marked place, play the document's tour with the keys a clicker sends, record and save a tour.

use crate::support::copy_dir;
use egui::Key;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::mentions::document_mentions;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::tour::{document_tour, load_tours};
use gd_atlas::model::{Atlas, Subject};
use gd_atlas::scene::Item;
use gd_atlas::ui::reader::ReaderAction;
use gd_atlas::ui::tour_recorder::TourAction;
use gd_atlas::ui::Action;

const DOC_003: &str = "003_324c10c0951cf152.txt";
const JINLI: &str = "441204115";
const LUBU: &str = "441204103";
const DASHA_SIHUI: &str = "441284105";
const LONGFU: &str = "441284100";

fn harness_on(source: &DataSource) -> Harness<'static, AtlasApp> {
    let atlas = Atlas::load(source).unwrap_or_else(|e| panic!("data must load: {e}"));
    let app = AtlasApp::new(&egui::Context::default(), atlas, None);
    crate::support::app_harness(app, [1600.0, 1000.0])
}

fn run(harness: &mut Harness<'static, AtlasApp>, action: Action) {
    harness.state_mut().push(action);
    harness.run_steps(4);
}

fn with_003_open() -> Harness<'static, AtlasApp> {
    let mut harness = harness_on(&DataSource::Embedded);
    harness.run_steps(2);
    run(&mut harness, Action::Reader(ReaderAction::Open(DOC_003.into())));
    harness
}

fn region(code: &str) -> Subject {
    Subject::Region(code.into())
}

#[test]
fn clicking_the_lubu_mark_in_article_003_selects_lubu() {
    let mut harness = with_003_open();
    // The Chinese name is shown beside the marks.
    assert!(
        harness.query_all_by_label_contains("禄步镇").count() >= 1,
        "禄步镇 beside the Lubu marks"
    );
    let mark = harness.get_all_by_label("Lubu Town").next().expect("a mark on \"Lubu Town\"");
    mark.click();
    harness.run_steps(4);
    assert_eq!(harness.state().selected(), Some(&region(LUBU)));
}

#[test]
fn the_document_tour_follows_the_order_of_mention_and_the_clicker_keys() {
    let atlas = Atlas::load(&DataSource::Embedded).expect("loads");
    let mentions = document_mentions(&atlas, DOC_003).expect("article 003 exists");
    let tour = document_tour(&mentions);
    let position = |code: &str| {
        tour.stops
            .iter()
            .position(|s| s.subject == Some(region(code)))
            .unwrap_or_else(|| panic!("{code} is a stop"))
    };
    let order = [JINLI, LUBU, DASHA_SIHUI, LONGFU].map(position);
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "Jinli → Lubu → Dasha → Longfu, got stops {order:?}"
    );
    let lubu = &tour.stops[order[1]];
    assert!(
        lubu.caption_en.contains("Lubu Town"),
        "the stop shows the sentence naming it: {}",
        lubu.caption_en
    );

    let mut harness = with_003_open();
    run(&mut harness, Action::Reader(ReaderAction::PlayDocumentTour));
    assert_eq!(harness.state().reading.tour_stop, Some(0));
    assert!(
        !harness.state().reading.reader.shown,
        "the reader steps aside so the map shows the stop"
    );
    assert!(
        harness.state().reading.reader.doc.is_some(),
        "the document stays open for Reader to bring back"
    );
    assert_eq!(harness.state().selected(), tour.stops[0].subject.as_ref());
    for (key, expected) in [
        (Key::Space, 1),
        (Key::PageDown, 2),
        (Key::ArrowRight, 3),
        (Key::PageUp, 2),
        (Key::ArrowLeft, 1),
    ] {
        harness.key_press(key);
        harness.run_steps(3);
        assert_eq!(harness.state().reading.tour_stop, Some(expected), "after {key:?}");
        assert_eq!(
            harness.state().selected(),
            tour.stops[expected].subject.as_ref(),
            "after {key:?}"
        );
    }
}

/// Places whose markers the map draws now.
fn drawn_places(harness: &Harness<'static, AtlasApp>) -> Vec<usize> {
    let scene = harness.state().map.drawn_scene().expect("a scene was drawn");
    scene
        .items
        .iter()
        .filter_map(|i| if let Item::Marker(m) = i { Some(m.places.clone()) } else { None })
        .flatten()
        .collect()
}

#[test]
fn only_mentioned_hides_places_the_document_does_not_mention() {
    let mut harness = with_003_open();
    harness.state_mut().set_view([112.6, 23.2], 9.0);
    harness.run_steps(4);
    let before = drawn_places(&harness);
    let atlas = harness.state().atlas.clone();
    let ids = document_mentions(&atlas, DOC_003).expect("003").subject_ids();
    let unmentioned = before.iter().copied().find(|&i| {
        let p = &atlas.places[i];
        !ids.contains(&p.id) && !p.represents.as_ref().is_some_and(|r| ids.contains(r))
    });
    let unmentioned =
        unmentioned.expect("the map shows some place that article 003 does not mention");
    run(&mut harness, Action::Reader(ReaderAction::SetOnlyMentioned(true)));
    let after = drawn_places(&harness);
    assert!(!after.contains(&unmentioned), "{} still drawn", atlas.places[unmentioned].id);
    assert!(after.len() < before.len());
    run(&mut harness, Action::Reader(ReaderAction::CloseDocument));
    assert!(drawn_places(&harness).contains(&unmentioned), "closing the document lifts the filter");
}

#[test]
fn a_recorded_tour_saves_and_reloads_with_the_same_stops() {
    let tmp = std::env::temp_dir().join(format!("gd-atlas-tours-{}", std::process::id()));
    let data = tmp.join("data");
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    let mut harness = harness_on(&DataSource::from_data_dir(&data));
    harness.run_steps(2);
    run(&mut harness, Action::Focus(region(JINLI)));
    run(&mut harness, Action::Tour(TourAction::AddStop));
    run(&mut harness, Action::Focus(region(LUBU)));
    run(&mut harness, Action::Tour(TourAction::AddStop));
    run(
        &mut harness,
        Action::Tour(TourAction::EditCaption {
            stop: 1,
            en: "Lubu, \"rapeseed\" fields".into(),
            zh: "禄步".into(),
        }),
    );
    run(&mut harness, Action::Tour(TourAction::Move { stop: 1, up: true }));
    run(&mut harness, Action::Tour(TourAction::Save("my class".into())));
    let recorded = harness.state().reading.tours.recorded.clone();
    assert_eq!(recorded[0].subject, Some(region(LUBU)), "moved up");
    assert!(recorded.iter().all(|s| s.view.is_some()), "each stop keeps its view");
    assert!(
        data.join("tours/my_class.csv").is_file(),
        "{:?}",
        harness.state().reading.tours.status
    );
    let (tours, problems) = load_tours(&DataSource::from_data_dir(&data), None);
    assert!(problems.is_empty(), "{problems:?}");
    let saved = tours.iter().find(|t| t.name == "my_class").expect("reloaded");
    assert_eq!(saved.stops.len(), 2);
    for (a, b) in saved.stops.iter().zip(&recorded) {
        assert_eq!(
            (&a.subject, &a.caption_en, &a.caption_zh),
            (&b.subject, &b.caption_en, &b.caption_zh)
        );
        let (va, vb) = (a.view.expect("view"), b.view.expect("view"));
        assert!(
            (va.0[0] - vb.0[0]).abs() < 1e-5
                && (va.0[1] - vb.0[1]).abs() < 1e-5
                && (va.1 - vb.1).abs() < 0.01
        );
    }
    assert!(
        harness.state().reading.tours.saved.iter().any(|t| t.name == "my_class"),
        "the app lists it"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn validate_names_the_tour_file_and_line_of_a_bad_row() {
    let tmp = std::env::temp_dir().join(format!("gd-atlas-badtour-{}", std::process::id()));
    let data = tmp.join("data");
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    std::fs::write(
        data.join("tours/bad.csv"),
        "subject,caption_en,caption_zh\n441204,Gaoyao,高要\n449999999,Nowhere,无\n",
    )
    .expect("write");
    std::fs::write(
        data.join("tours/open.csv"),
        "subject,caption_en,caption_zh\n441204,\"never closed,x\n",
    )
    .expect("write");
    let atlas = Atlas::load(&DataSource::from_data_dir(&data)).expect("loads");
    let errors: Vec<String> = atlas.validate().errors.iter().map(|e| e.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("tours/bad.csv:3:") && e.contains("449999999")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("tours/open.csv:2:") && e.contains("quote")),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.contains("classroom.csv")),
        "the shipped tour is valid: {errors:?}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn space_after_clicking_document_tour_steps_instead_of_restarting() {
    let mut harness = with_003_open();
    harness.get_by_label("▶ Document tour").click();
    harness.run_steps(4);
    assert_eq!(harness.state().reading.tour_stop, Some(0));
    harness.key_press(Key::Space);
    harness.run_steps(3);
    assert_eq!(
        harness.state().reading.tour_stop,
        Some(1),
        "the focused button must not take Space and restart the tour"
    );
}

#[test]
fn on_the_built_in_data_a_recorded_tour_is_kept_beside_the_settings() {
    // The Windows exe runs on its built-in data: there is no data folder to save into, so a
    // recorded tour goes to `tours` beside settings.json and is listed again after a restart.
    let tmp = std::env::temp_dir().join(format!("gd-atlas-user-tours-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let settings = tmp.join("config").join("settings.json");
    let mut harness = crate::support::app_harness(
        crate::support::embedded_app(Some(settings.clone())),
        [1400.0, 900.0],
    );
    harness.run_steps(2);
    run(&mut harness, Action::Focus(region(JINLI)));
    run(&mut harness, Action::Tour(TourAction::AddStop));
    run(&mut harness, Action::Tour(TourAction::Save("第一课 金利".into())));
    let file = tmp.join("config").join("tours").join("第一课_金利.csv");
    assert!(file.is_file(), "{:?}", harness.state().reading.tours.status);
    let names =
        |app: &AtlasApp| app.reading.tours.saved.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(harness.state()).last().map(String::as_str),
        Some("第一课_金利"),
        "listed after the atlas's own"
    );
    let restarted = crate::support::embedded_app(Some(settings));
    let listed = names(&restarted);
    assert!(
        listed.contains(&"classroom".to_string())
            && listed.last().map(String::as_str) == Some("第一课_金利"),
        "{listed:?}"
    );
    let stop = &restarted.reading.tours.saved.last().expect("the recorded tour").stops[0];
    assert_eq!(stop.subject, Some(region(JINLI)));
    // Without a settings file (nowhere to keep it) saving is refused in one line.
    let mut no_settings =
        crate::support::app_harness(crate::support::embedded_app(None), [1400.0, 900.0]);
    run(&mut no_settings, Action::Tour(TourAction::AddStop));
    run(&mut no_settings, Action::Tour(TourAction::Save("x".into())));
    let status = no_settings.state().reading.tours.status.clone().unwrap_or_default();
    assert!(status.starts_with("cannot save") && !status.contains('\n'), "{status}");
    let _ = std::fs::remove_dir_all(&tmp);
}
