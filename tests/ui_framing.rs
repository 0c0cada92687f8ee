//! Framing in the window (issue 19 QA, second pass): the subject of a tour stop, a search or a
//! selection is fitted into the part of the map the overlays drawn this frame leave free, kept
//! off the map's edges, and framed again when the layout changes under it (Large text, a
//! caption that wraps, a panel that widens) while the user has not moved the map; a camera
//! flight lands exactly on its target, with nothing framed again after it.

use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::i18n::Lang;
use gd_atlas::map::frame::covers;
use gd_atlas::model::Subject;
use gd_atlas::scene::view::View;
use gd_atlas::ui::presentation::PresentationAction;
use gd_atlas::ui::tour_recorder::TourAction;
use gd_atlas::ui::Action;

/// A window of `px` pixels in points (Large text draws 1.45 pixels a point; the harness keeps
/// one pixel a point, so the window's size in points is given instead).
fn points(classroom: bool, px: [f32; 2]) -> egui::Vec2 {
    let scale = if classroom { gd_atlas::app::CLASSROOM_ZOOM } else { 1.0 };
    egui::vec2(px[0] / scale, px[1] / scale)
}

/// The app in `lang`, Large text `classroom`, in a window of `px` pixels, `dt` seconds a frame.
fn harness(lang: Lang, classroom: bool, px: [f32; 2], dt: f32) -> Harness<'static, AtlasApp> {
    let mut app = crate::support::embedded_app(None);
    app.settings.classroom = classroom;
    app.settings.lang = lang;
    let mut harness = Harness::builder()
        .with_size(points(classroom, px))
        .with_step_dt(dt)
        .with_context_setup(gd_atlas::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    harness.run_steps(4);
    harness
}

/// Runs frames until the camera has landed (at most `max`).
fn land(harness: &mut Harness<'static, AtlasApp>, max: usize) {
    for _ in 0..max {
        harness.run_steps(1);
        if !harness.state().map.flying() {
            return;
        }
    }
    panic!("still flying after {max} frames");
}

/// How far (screen points) the subject stays inside the last frame's map at its closest edge
/// (negative: cut off), and the furniture boxes over it.
fn framing(harness: &Harness<'static, AtlasApp>, subject: &Subject) -> (f32, Vec<[f32; 4]>) {
    let app = harness.state();
    let view = app.last_view().expect("drawn");
    let polygons = crate::support::subject_polygons_mercator(&app.atlas, subject);
    let t = view.screen_from_mercator();
    let r = view.rect_screen;
    let room = polygons
        .iter()
        .flatten()
        .flatten()
        .map(|&p| {
            let s = t.apply(p);
            (s[0] - r[0]).min(r[2] - s[0]).min(s[1] - r[1]).min(r[3] - s[1])
        })
        .fold(f32::MAX, f32::min);
    let over = app.map.overlays().iter().copied().filter(|o| covers(&view, o, &polygons)).collect();
    (room, over)
}

/// Starts the classroom tour (presenting first when asked).
fn start_tour(harness: &mut Harness<'static, AtlasApp>, presenting: bool) {
    if presenting {
        harness.state_mut().push(Action::Presentation(PresentationAction::Toggle));
        harness.run_steps(4);
    }
    harness.state_mut().push(Action::Tour(TourAction::PlayGuided));
    harness.run_steps(4);
}

/// QA: at 1280×720 in 中文, presenting with Large text, stop 7's expressway ran to the top bar
/// (its end 3 points under it, moved off centre to clear the scale bar). Every stop keeps its
/// subject at least a few points inside the map's edges, clear of the furniture, in both
/// languages.
#[test]
fn tour_stops_keep_off_the_map_edges_presenting_with_large_text() {
    for lang in [Lang::Zh, Lang::En] {
        let mut harness = harness(lang, true, [1280.0, 720.0], 1.0 / 30.0);
        start_tour(&mut harness, true);
        for stop in 0..harness.state().reading.tour.len() {
            harness.state_mut().push(Action::TourGo(stop));
            harness.run_steps(2);
            land(&mut harness, 90);
            harness.run_steps(10);
            let subject = harness.state().reading.tour[stop].subject.clone().expect("a subject");
            let (room, over) = framing(&harness, &subject);
            assert!(
                room >= 8.0 && over.is_empty(),
                "{lang:?}, stop {}: {room:.1} points from the map's edge, covered by {over:?}",
                stop + 1
            );
        }
    }
}

/// QA: Large text switched on at stop 8 left Dasha cut off until the stop was entered again.
/// The stop is framed again once the new layout is drawn; switched back off, again; but a map
/// the user has moved since is left where they put it.
#[test]
fn a_change_of_text_size_frames_the_stop_again() {
    for presenting in [false, true] {
        let mut harness = harness(Lang::En, false, [1280.0, 720.0], 1.0 / 30.0);
        start_tour(&mut harness, presenting);
        harness.state_mut().push(Action::TourGo(7));
        harness.run_steps(2);
        land(&mut harness, 90);
        harness.run_steps(6);
        let dasha = harness.state().reading.tour[7].subject.clone().expect("Dasha");
        assert_eq!(dasha, Subject::Region("441284105".into()));
        let (room, over) = framing(&harness, &dasha);
        assert!(room >= 0.0 && over.is_empty(), "framed at first: {room}, {over:?}");
        for classroom in [true, false] {
            harness.state_mut().push(Action::SetClassroom(classroom));
            harness.set_size(points(classroom, [1280.0, 720.0]));
            harness.run_steps(8);
            let (room, over) = framing(&harness, &dasha);
            assert!(
                room >= 0.0 && over.is_empty(),
                "presenting {presenting}, Large text {classroom}: Dasha {room:.1} points inside \
                 the map, covered by {over:?}"
            );
        }
        // Moved by the user, the map stays where they put it when the layout changes.
        harness.state_mut().push(Action::PanBy([0.3, 0.0]));
        harness.run_steps(3);
        let moved = harness.state().last_view().expect("drawn");
        harness.state_mut().push(Action::SetClassroom(true));
        harness.set_size(points(true, [1280.0, 720.0]));
        harness.run_steps(8);
        let after = harness.state().last_view().expect("drawn");
        assert_eq!(
            (after.center_mercator, after.zoom),
            (moved.center_mercator, moved.zoom),
            "the user's view is kept"
        );
    }
}

/// QA: a searched expressway was framed under the notes box. Picked from the search, each line
/// is framed clear of the furniture — and stays so when the map's rectangle changes after it
/// was framed (a panel widening, the window resized) — in both languages.
#[test]
fn a_searched_expressway_is_framed_clear_of_the_notes_and_stays_so() {
    for lang in [Lang::En, Lang::Zh] {
        let mut harness = harness(lang, false, [1280.0, 720.0], 1.0 / 30.0);
        for line in ["L001", "L003", "L006"] {
            harness.set_size(egui::vec2(1280.0, 720.0));
            let subject = Subject::Line(line.into());
            harness.state_mut().push(Action::Focus(subject.clone()));
            harness.run_steps(8);
            let (room, over) = framing(&harness, &subject);
            assert!(room >= 0.0 && over.is_empty(), "{lang:?} {line}: {room:.1}, {over:?}");
            for size in [[1180.0, 720.0], [1280.0, 640.0]] {
                harness.set_size(egui::vec2(size[0], size[1]));
                harness.run_steps(8);
                let (room, over) = framing(&harness, &subject);
                assert!(
                    room >= 0.0 && over.is_empty(),
                    "{lang:?} {line} in {size:?}: {room:.1} points inside, covered by {over:?}"
                );
            }
        }
    }
}

/// Whether two views have the same centre (to a thousandth of a point) and zoom.
fn same(a: &View, b: &View) -> bool {
    let s = a.pixels_per_mercator();
    a.rect_screen == b.rect_screen
        && (a.zoom - b.zoom).abs() < 1e-9
        && ((a.center_mercator[0] - b.center_mercator[0]) * s).abs() < 1e-3
        && ((a.center_mercator[1] - b.center_mercator[1]) * s).abs() < 1e-3
}

/// QA: "a small correction after a flight lands". At every stop of the classroom tour — in
/// the window and presenting with Large text — the view of the flight's last frame is the
/// view of the frames after it: the target was framed beside its own furniture before landing.
#[test]
fn a_flight_lands_exactly_on_its_target() {
    for (classroom, presenting) in [(false, false), (true, true)] {
        let mut harness = harness(Lang::En, classroom, [1280.0, 720.0], 1.0 / 60.0);
        start_tour(&mut harness, presenting);
        for stop in 1..harness.state().reading.tour.len() {
            harness.state_mut().push(Action::TourGo(stop));
            land(&mut harness, 120);
            let landed = harness.state().last_view().expect("drawn");
            for after in 1..=5 {
                harness.run_steps(1);
                let view = harness.state().last_view().expect("drawn");
                assert!(
                    same(&landed, &view),
                    "Large text {classroom}, stop {}: {after} frame(s) after landing the view \
                     moved from {landed:?} to {view:?}",
                    stop + 1
                );
            }
        }
    }
}
