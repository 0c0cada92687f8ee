//! Tours that teach (issue 19): each caption starts with the stop's position and its name in
//! both languages; the stop's place is raised over the cluster badges; the camera flies (eased,
//! within a second) from stop to stop; a locator inset shows where in Guangdong the class is.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::i18n::Lang;
use gd_atlas::model::Subject;
use gd_atlas::scene::Item;
use gd_atlas::ui::presentation::PresentationAction;
use gd_atlas::ui::reader::ReaderAction;
use gd_atlas::ui::Action;

/// The app at 1280 × 720 (a classroom projector), stepping `step_dt` seconds per frame.
fn harness(step_dt: f32) -> Harness<'static, AtlasApp> {
    let app = crate::support::embedded_app(None);
    Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_step_dt(step_dt)
        .with_context_setup(gd_atlas::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app)
}

/// Runs frames until the camera has landed (at most `max` frames); returns how many it took.
fn land(harness: &mut Harness<'static, AtlasApp>, max: usize) -> usize {
    for n in 1..=max {
        harness.run_steps(1);
        if !harness.state().map.flying() {
            return n;
        }
    }
    max + 1
}

const TOWNS_DOC: &str = "003_324c10c0951cf152.txt";

#[test]
fn document_tour_captions_name_each_stop_in_both_languages() {
    let mut harness = harness(0.25);
    harness.run_steps(2);
    harness.state_mut().push(Action::Reader(ReaderAction::Open(TOWNS_DOC.into())));
    harness.state_mut().push(Action::Reader(ReaderAction::PlayDocumentTour));
    harness.run_steps(8);
    let total = harness.state().reading.tour.len();
    assert!(total >= 4, "the document names several places: {total}");
    let atlas = harness.state().atlas.clone();
    for stop in 0..total.min(6) {
        harness.state_mut().push(Action::TourGo(stop));
        harness.run_steps(8);
        let subject = harness.state().reading.tour[stop]
            .subject
            .clone()
            .expect("a document stop has a subject");
        let en = gd_atlas::ui::reader::subject_name(&atlas, &subject, Lang::En);
        let zh = gd_atlas::ui::reader::subject_name(&atlas, &subject, Lang::Zh);
        let head = format!("{}/{total} · {en} {zh} — ", stop + 1);
        assert!(
            harness.query_by_label_contains(&head).is_some(),
            "stop {stop}: a caption starting {head:?}"
        );
    }
    // In 中文 the Chinese name comes first.
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    harness.run_steps(4);
    let stop = harness.state().reading.tour_stop.expect("touring");
    let subject = harness.state().reading.tour[stop].subject.clone().expect("subject");
    let head = format!(
        "{}/{total} · {} {} — ",
        stop + 1,
        gd_atlas::ui::reader::subject_name(&atlas, &subject, Lang::Zh),
        gd_atlas::ui::reader::subject_name(&atlas, &subject, Lang::En)
    );
    assert!(harness.query_by_label_contains(&head).is_some(), "{head:?}");
}

/// From the province to Jinli Town: the camera starts where it was, moves through views in
/// between (no jump), and lands exactly on the stop's view within one second of frames.
#[test]
fn the_camera_flies_to_a_stop_within_a_second() {
    let mut harness = harness(1.0 / 60.0);
    harness.run_steps(3);
    let start = harness.state().last_view().expect("drawn");
    harness.state_mut().reading.tour = vec![gd_atlas::model::tour::TourStop {
        subject: Some(Subject::Region("441204115".into())),
        caption_en: "Jinli".into(),
        caption_zh: "金利".into(),
        view: None,
        theme: None,
    }];
    harness.state_mut().push(Action::TourGo(0));
    harness.run_steps(1);
    let first = harness.state().last_view().expect("drawn");
    assert!(harness.state().map.flying(), "a flight, not a jump");
    assert!(
        (first.zoom - start.zoom).abs() < 0.2,
        "the first frame is still near the start: {} vs {}",
        first.zoom,
        start.zoom
    );
    let mut zooms = vec![first.zoom];
    let frames = land(&mut harness, 120);
    assert!(frames <= 60, "landed after {frames} frames of 1/60 s");
    // Landed, it is framed once more beside the stop's own furniture if that covers the town
    // (the scale bar and credits of the final zoom), then stays.
    harness.run_steps(3);
    let end = harness.state().last_view().expect("drawn");
    harness.run_steps(5);
    assert_eq!(
        harness.state().last_view().map(|v| (v.center_mercator, v.zoom)),
        Some((end.center_mercator, end.zoom)),
        "it stays there"
    );
    // The stop's town is in the middle of the final view, much closer than the start.
    let jinli = harness.state().atlas.regions
        [harness.state().atlas.region_by_code("441204115").expect("Jinli")]
    .seat_lonlat
    .expect("a seat");
    let p = end.screen_from_mercator().apply(mercator_from_lonlat(jinli));
    let r = end.rect_screen;
    assert!(p[0] > r[0] && p[0] < r[2] && p[1] > r[1] && p[1] < r[3], "Jinli in view");
    assert!(end.zoom > start.zoom + 2.0, "zoomed in: {} → {}", start.zoom, end.zoom);
    // In between: each frame moves, none jumps more than half the way.
    let mut harness2 = harness;
    harness2.state_mut().push(Action::Home);
    harness2.run_steps(2);
    harness2.state_mut().push(Action::TourGo(0));
    for _ in 0..50 {
        harness2.run_steps(1);
        zooms.push(harness2.state().last_view().expect("drawn").zoom);
    }
    let biggest = zooms.windows(2).map(|w| (w[1] - w[0]).abs()).fold(0.0, f64::max);
    assert!(biggest < (end.zoom - start.zoom) / 2.0, "eased, no jump: largest step {biggest}");
}

/// A place inside a cluster: the tour's stop gets its own ringed marker and its name, drawn
/// after every other marker and label (over the cluster badges).
#[test]
fn the_stop_is_raised_over_the_cluster_badges() {
    let mut harness = harness(0.25);
    harness.run_steps(3);
    let atlas = harness.state().atlas.clone();
    // A place that shares its marker with others at the province view.
    let scene = harness.state().map.drawn_scene().expect("a scene").clone();
    let place = scene
        .items
        .iter()
        .find_map(|i| match i {
            Item::Marker(m) if m.places.len() > 1 => Some(m.places[0]),
            _ => None,
        })
        .expect("a cluster at the start view");
    let id = atlas.places[place].id.clone();
    let view = harness.state().last_view().expect("drawn");
    harness.state_mut().reading.tour = vec![gd_atlas::model::tour::TourStop {
        subject: Some(Subject::Place(id)),
        caption_en: String::new(),
        caption_zh: String::new(),
        view: Some((view.center_lonlat(), view.zoom)),
        theme: None,
    }];
    harness.state_mut().push(Action::TourGo(0));
    land(&mut harness, 20);
    harness.run_steps(2);
    let scene = harness.state().map.drawn_scene().expect("a scene");
    let items = &scene.items;
    let own = items
        .iter()
        .rposition(|i| matches!(i, Item::Marker(m) if m.places == vec![place] && m.selected))
        .expect("the stop's own marker");
    let last_cluster = items
        .iter()
        .rposition(|i| matches!(i, Item::Marker(m) if m.places.len() > 1))
        .expect("clusters");
    let name =
        Lang::En.name(&atlas.places[place].name_en, &atlas.places[place].name_zh).to_string();
    let label = items
        .iter()
        .rposition(|i| matches!(i, Item::Label(l) if l.text == name))
        .expect("the stop's name on the map");
    let last_other_label = items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i, Item::Label(l) if l.text != name))
        .map(|(k, _)| k)
        .max()
        .unwrap_or(0);
    assert!(
        own > last_cluster && label > last_other_label,
        "marker {own} after cluster {last_cluster}, name {label} after labels {last_other_label}"
    );
    // A town stop whose places cluster at its seat: its name is written above their marker, once.
    harness.state_mut().reading.tour = vec![gd_atlas::model::tour::TourStop {
        subject: Some(Subject::Region("441204115".into())),
        caption_en: String::new(),
        caption_zh: String::new(),
        view: None,
        theme: None,
    }];
    harness.state_mut().push(Action::TourGo(0));
    land(&mut harness, 20);
    harness.run_steps(2);
    let scene = harness.state().map.drawn_scene().expect("a scene");
    let view = harness.state().last_view().expect("drawn");
    let t = view.screen_from_mercator();
    let names: Vec<&gd_atlas::scene::Label> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Label(l) if l.text == "Jinli Town" => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(names.len(), 1, "the town named once");
    let [w, h] = gd_atlas::scene::label::estimate_text_size(&names[0].text, names[0].size);
    for m in scene.items.iter().filter_map(|i| if let Item::Marker(m) = i { Some(m) } else { None })
    {
        let p = t.apply(m.mercator);
        let l = names[0].pos_screen;
        let clear = (p[0] - l[0]).abs() > w / 2.0 + m.style.radius
            || (p[1] - l[1]).abs() > h / 2.0 + m.style.radius;
        assert!(clear, "the name {l:?} is written across a marker at {p:?}");
    }
    // Ending the tour puts the map back as it was.
    harness.state_mut().push(Action::TourEnd);
    harness.run_steps(3);
    let scene = harness.state().map.drawn_scene().expect("a scene");
    assert!(
        !scene
            .items
            .iter()
            .any(|i| matches!(i, Item::Marker(m) if m.places == vec![place] && m.selected)),
        "no raised marker outside a tour"
    );
}

/// Whether a shape (or a shape inside it) is filled with `colour`: a mesh's vertices, a path's
/// or a rectangle's fill.
fn has_fill(shape: &egui::Shape, colour: egui::Color32) -> bool {
    match shape {
        egui::Shape::Vec(v) => v.iter().any(|s| has_fill(s, colour)),
        egui::Shape::Mesh(m) => m.vertices.iter().any(|v| v.color == colour),
        egui::Shape::Path(p) => p.fill == colour,
        egui::Shape::Rect(r) => r.fill == colour,
        _ => false,
    }
}

/// The locator's province colour is on screen.
fn locator_drawn(harness: &Harness<'static, AtlasApp>) -> bool {
    let colour = egui::Color32::from_rgb(0xee, 0xe8, 0xd8);
    harness.output().shapes.iter().any(|c| has_fill(&c.shape, colour))
}

/// Presenting, zoomed in on a town: the locator inset is drawn in the map's top-right corner
/// with the view's rectangle inside Guangdong; at the province view it is left out.
#[test]
fn presenting_shows_the_locator_when_zoomed_in() {
    let mut harness = harness(0.25);
    harness.run_steps(2);
    harness.state_mut().push(Action::Presentation(PresentationAction::Toggle));
    harness.run_steps(3);
    let atlas = harness.state().atlas.clone();
    let geometry = harness.state().geometry.clone();
    let view = harness.state().last_view().expect("drawn");
    assert!(
        gd_atlas::render::locator::layout_locator(
            &atlas,
            &geometry,
            view.rect_screen,
            view.bbox_mercator(),
            gd_atlas::render::locator::Corner::TopRight,
            0.0,
            1.4
        )
        .is_none(),
        "the province view needs no inset"
    );
    assert!(!locator_drawn(&harness));
    harness.state_mut().push(Action::Focus(Subject::Region("441204115".into())));
    harness.run_steps(4);
    assert!(locator_drawn(&harness), "the inset is drawn");
    let view = harness.state().last_view().expect("drawn");
    let locator = gd_atlas::render::locator::layout_locator(
        &atlas,
        &geometry,
        view.rect_screen,
        view.bbox_mercator(),
        gd_atlas::render::locator::Corner::TopRight,
        0.0,
        1.4,
    )
    .expect("an inset when zoomed in");
    assert!(
        locator.rect[2] <= view.rect_screen[2] && locator.rect[1] >= view.rect_screen[1],
        "in the map's top-right corner"
    );
    let v = locator.view_rect;
    assert!(v[2] - v[0] < 20.0, "a town is a small box in the inset: {v:?}");
}

/// Every stop of the classroom tour at 1280×720 — in the window, with Large text, presenting
/// with Large text — lands with its subject inside the map and none of the furniture (legend,
/// notes, scale bar, credits, locator) over it: the QA pass saw the notes over Gaoyao and the
/// Zhaoming Expressway framed under the furniture once the stop's layout had changed.
#[test]
fn tour_stops_are_framed_clear_of_the_furniture() {
    for (classroom, presenting) in [(false, false), (true, false), (true, true)] {
        let mut app = crate::support::embedded_app(None);
        app.settings.classroom = classroom;
        let scale = if classroom { gd_atlas::app::CLASSROOM_ZOOM } else { 1.0 };
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0 / scale, 720.0 / scale))
            .with_step_dt(1.0 / 30.0)
            .with_context_setup(gd_atlas::ui::fonts::install_fonts)
            .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
        harness.run_steps(4);
        if presenting {
            harness.state_mut().push(Action::Presentation(PresentationAction::Toggle));
            harness.run_steps(4);
        }
        harness.state_mut().push(Action::Tour(gd_atlas::ui::tour_recorder::TourAction::PlayGuided));
        harness.run_steps(4);
        let atlas = harness.state().atlas.clone();
        for stop in 0..harness.state().reading.tour.len() {
            harness.state_mut().push(Action::TourGo(stop));
            harness.run_steps(2);
            land(&mut harness, 90);
            harness.run_steps(10);
            let app = harness.state();
            let view = app.last_view().expect("drawn");
            let subject =
                app.reading.tour[stop].subject.clone().expect("a classroom stop has a subject");
            let polygons = crate::support::subject_polygons_mercator(&atlas, &subject);
            let what = format!(
                "Large text {classroom}, presenting {presenting}, stop {} ({subject:?})",
                stop + 1
            );
            for o in app.map.overlays() {
                assert!(
                    !gd_atlas::map::frame::covers(&view, o, &polygons),
                    "{what}: the furniture box {o:?} covers the subject in {:?}",
                    view.rect_screen
                );
            }
        }
    }
}

/// The QA pass left a census map on and started the classroom tour: its first stop, which sets
/// no theme, showed that map. A stop without a theme shows the plain map; the user's map comes
/// back when the tour ends.
#[test]
fn the_guided_tour_shows_the_plain_map_and_gives_the_users_theme_back() {
    let mut harness = harness(1.0 / 60.0);
    let atlas = harness.state().atlas.clone();
    let spec = gd_atlas::theme::census::census_spec(
        &atlas,
        gd_atlas::theme::ThemeLevel::County,
        "density",
    )
    .expect("the census has a density");
    harness.state_mut().push(Action::SetTheme(Some(spec.clone())));
    harness.run_steps(2);
    assert!(harness.state().theme.theme.is_some(), "the user's census map is on");
    assert!(
        harness.state().reading.tours.guided().first().is_some_and(|s| s.theme.is_none()),
        "the classroom tour's first stop sets no theme"
    );
    harness.get_by_label("▶ Guided tour").click();
    harness.run_steps(2);
    assert_eq!(harness.state().reading.tour_stop, Some(0), "the tour is at its first stop");
    assert!(harness.state().theme.theme.is_none(), "stop 1 shows the plain map");
    assert_eq!(harness.state().settings.theme, None);
    harness.state_mut().push(Action::TourGo(1));
    harness.run_steps(2);
    assert!(harness.state().theme.theme.is_none(), "stop 2 sets no theme either");
    harness.state_mut().push(Action::TourEnd);
    harness.run_steps(2);
    assert_eq!(harness.state().reading.tour_stop, None);
    assert_eq!(harness.state().settings.theme, Some(spec), "the user's map is back");
    assert!(harness.state().theme.theme.is_some());
}
