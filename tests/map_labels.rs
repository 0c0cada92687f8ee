//! A map that reads (issue 19): at province scale every prefecture city is labelled, in English
//! and in 中文, in the window and in the figures; Hong Kong and Macao too.

use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{compose, ExportRequest};
use gd_atlas::i18n::Lang;
use gd_atlas::model::Level;
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, Item, Scene, SceneInput};

use crate::export_render::fixture;

/// The city names a scene labels, and those it leaves out.
fn city_labels(scene: &Scene, lang: Lang) -> (Vec<String>, Vec<String>) {
    let atlas = &fixture().atlas;
    let labels: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|i| if let Item::Label(l) = i { Some(l.text.as_str()) } else { None })
        .collect();
    let mut placed = Vec::new();
    let mut missing = Vec::new();
    for &idx in atlas.regions_of_level(Level::City) {
        let r = &atlas.regions[idx];
        let names = [r.name_en.as_str(), r.name_zh.as_str(), r.name_pinyin.as_str()];
        let name = match lang {
            Lang::En => r.name_pinyin.clone(),
            Lang::Zh => r.name_zh.clone(),
        };
        if labels.iter().any(|l| names.contains(l)) {
            placed.push(name);
        } else {
            missing.push(name);
        }
    }
    (placed, missing)
}

fn window_scene(map_size: [f32; 2], lang: Lang, text_scale: f32) -> Scene {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("the province has a shape");
    let view = View::fit(extent, [0.0, 0.0, map_size[0], map_size[1]], 0.02);
    let request = gd_atlas::scene::SceneRequest { lang, text_scale, ..Default::default() };
    build_scene(&SceneInput::new(&f.atlas, &f.geometry, view, &request))
}

/// The province fitted into a figure of `size` (or an A4 page), in `lang`.
fn export_scene(size: Option<[u32; 2]>, lang: Lang) -> Scene {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("the province has a shape");
    let mut request = match size {
        Some(size) => ExportRequest::new(size, extent),
        None => ExportRequest::new([1, 1], extent)
            .on_paper(gd_atlas::export::presets::paper("a4").expect("A4")),
    };
    request.scene.lang = lang;
    compose(&f.atlas, &f.geometry, &request).expect("composes").scene
}

/// The window's maps at province scale: the map beside both side panels of a 1600×1000 window,
/// of a 1280×720 one, and a 1280×720 presentation (no panels, labels 1.4 times larger).
const WINDOW_MAPS: [([f32; 2], f32); 3] =
    [([950.0, 960.0], 1.0), ([630.0, 680.0], 1.0), ([1280.0, 680.0], 1.4)];

#[test]
fn every_prefecture_city_is_labelled_at_province_scale_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        for size in [Some([1920, 1080]), Some([1280, 720]), None] {
            let (placed, missing) = city_labels(&export_scene(size, lang), lang);
            assert!(
                missing.is_empty(),
                "export {size:?} {lang:?}: {} labelled, missing {missing:?}",
                placed.len()
            );
        }
        for (map, scale) in WINDOW_MAPS {
            let (placed, missing) = city_labels(&window_scene(map, lang, scale), lang);
            assert!(
                missing.is_empty(),
                "window map {map:?} ×{scale} {lang:?}: {} labelled, missing {missing:?}",
                placed.len()
            );
        }
    }
}

#[test]
fn english_city_labels_are_the_names_people_look_for() {
    let labels = |scene: &Scene| -> Vec<String> {
        scene
            .items
            .iter()
            .filter_map(|i| if let Item::Label(l) = i { Some(l.text.clone()) } else { None })
            .collect()
    };
    let en = labels(&export_scene(Some([1920, 1080]), Lang::En));
    assert!(
        en.iter().any(|l| l == "Guangzhou") && !en.iter().any(|l| l.ends_with(" City")),
        "{en:?}"
    );
    let zh = labels(&export_scene(Some([1920, 1080]), Lang::Zh));
    assert!(zh.iter().any(|l| l == "广州市"), "{zh:?}");
}

#[test]
fn hong_kong_and_macao_are_labelled_in_both_languages() {
    for (lang, names) in [(Lang::En, ["Hong Kong", "Macao"]), (Lang::Zh, ["香港", "澳门"])] {
        let scenes =
            [export_scene(Some([1920, 1080]), lang), window_scene(WINDOW_MAPS[0].0, lang, 1.0)];
        for scene in &scenes {
            let labels: Vec<&str> = scene
                .items
                .iter()
                .filter_map(|i| if let Item::Label(l) = i { Some(l.text.as_str()) } else { None })
                .collect();
            for name in names {
                assert!(
                    labels.contains(&name),
                    "{name} in {lang:?} at {:?}: {labels:?}",
                    scene.view.rect_screen
                );
            }
        }
    }
}

/// A city's name moved off its spot stays on its own city where it can: at province scale, in
/// both languages, every city's label centre lies on that city, except where the city has no
/// spot for it — smaller on screen than its name, or every spot on it under a marker, a count
/// badge or another name (names keep off markers, issue 19 QA). Such a name sits beside its
/// city: its box meets the city's. Besides the cities narrower than their names (Dongguan and
/// Zhongshan, whose seats carry a town marker, on the 630-point map and with Large text), at
/// most one name is off its city (Foshan on the cramped 630×680 map, under the Foshan parks).
#[test]
fn moved_city_names_stay_on_their_city() {
    let f = fixture();
    for lang in [Lang::En, Lang::Zh] {
        for (map, scale) in WINDOW_MAPS.into_iter().chain([([866.0, 455.0], 1.0)]) {
            let scene = window_scene(map, lang, scale);
            let t = scene.view.screen_from_mercator();
            let mut off = Vec::new();
            for &idx in f.atlas.regions_of_level(Level::City) {
                let r = &f.atlas.regions[idx];
                let Some(label) = scene.items.iter().find_map(|i| match i {
                    Item::Label(l) if l.text == gd_atlas::scene::map_name(r, lang) => Some(l),
                    _ => None,
                }) else {
                    continue;
                };
                let lonlat =
                    gd_atlas::geo::mercator::lonlat_from_mercator(t.inverse(label.pos_screen));
                if f.atlas.region_at(lonlat, Level::City) == Some(idx) {
                    continue;
                }
                let b = f.atlas.topology.shapes[r.shape.expect("a city has a shape")]
                    .bbox_mercator
                    .to_array();
                let (p0, p1) = (t.apply([b[0], b[1]]), t.apply([b[2], b[3]]));
                let city = [p0[0].min(p1[0]), p0[1].min(p1[1]), p0[0].max(p1[0]), p0[1].max(p1[1])];
                assert!(
                    boxes_meet(&drawn_label_box(label), &city),
                    "map {map:?} {lang:?}: {:?} at {:?} is not beside its city {city:?}",
                    label.text,
                    label.pos_screen
                );
                let name = drawn_label_box(label);
                let smaller = city[2] - city[0] < name[2] - name[0];
                if !smaller {
                    off.push(label.text.clone());
                }
            }
            assert!(off.len() <= 1, "map {map:?} {lang:?}: names off their city: {off:?}");
        }
    }
}

/// The window itself at 1280×720 pixels, in English and in 中文: normal, Large text, presenting,
/// and presenting with Large text (the classroom's projector, where the QA pass counted 13 of
/// 21 names) — and there at the classroom tour's first stop (the province under the census map,
/// with its three-line caption: Jiangmen and Shanwei dropped, 19 of 21). Every prefecture city
/// is named on the map the app actually drew.
#[test]
fn the_window_at_1280x720_names_every_prefecture_city() {
    let modes = [
        (false, false, false),
        (true, false, false),
        (false, true, false),
        (true, true, false),
        (true, true, true),
    ];
    for lang in [Lang::En, Lang::Zh] {
        for (classroom, presenting, first_stop) in modes {
            let mut app = crate::support::embedded_app(None);
            app.settings.classroom = classroom;
            app.settings.lang = lang;
            let scale = if classroom { gd_atlas::app::CLASSROOM_ZOOM } else { 1.0 };
            let mut harness = crate::support::app_harness(app, [1280.0 / scale, 720.0 / scale]);
            harness.run_steps(4);
            if presenting {
                harness.key_press(egui::Key::F11);
            }
            harness.run_steps(8);
            if first_stop {
                let play = gd_atlas::ui::tour_recorder::TourAction::PlayGuided;
                harness.state_mut().push(gd_atlas::ui::Action::Tour(play));
                harness.run_steps(4);
                harness.state_mut().push(gd_atlas::ui::Action::TourGo(0));
                for _ in 0..120 {
                    harness.run_steps(1);
                    if !harness.state().map.flying() {
                        break;
                    }
                }
                harness.run_steps(10);
                assert_eq!(harness.state().reading.tour_stop, Some(0), "at the first stop");
            }
            let scene = harness.state().map.drawn_scene().expect("a scene was drawn");
            let (placed, missing) = city_labels(scene, lang);
            assert!(missing.is_empty(), "{lang:?} Large text {classroom} presenting {presenting} first tour stop {first_stop}: {} labelled, missing {missing:?}", placed.len());
        }
    }
}

/// The text box a label is drawn in, measured with the embedded font the painters use: the
/// run's width centred on the label's position, one line high.
fn drawn_label_box(l: &gd_atlas::scene::Label) -> [f32; 4] {
    let face = gd_atlas::render::text::typeface().expect("the embedded font");
    let (w, h) = (face.width(&l.text, l.size), face.line_height(l.size));
    let p = l.pos_screen;
    [p[0] - w / 2.0, p[1] - h / 2.0, p[0] + w / 2.0, p[1] + h / 2.0]
}

/// The box of a marker's glyph and, for a cluster, of its count badge as `render::symbols`
/// draws them (the badge: a 7.5-point circle up and to the right, 4 points off the glyph).
fn drawn_marker_box(m: &gd_atlas::scene::Marker, pos: [f32; 2]) -> [f32; 4] {
    let r = m.style.radius;
    let mut b = [pos[0] - r, pos[1] - r, pos[0] + r, pos[1] + r];
    if m.places.len() > 1 {
        let centre = [pos[0] + r + 4.0, pos[1] - r - 4.0];
        b = [b[0], centre[1] - 7.5, centre[0] + 7.5, b[3]];
    }
    b
}

fn boxes_meet(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The drawn box (screen) of every marker of a scene.
fn marker_boxes(scene: &Scene) -> Vec<[f32; 4]> {
    let t = scene.view.screen_from_mercator();
    scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Marker(m) => Some(drawn_marker_box(m, t.apply(m.mercator))),
            _ => None,
        })
        .collect()
}

/// Whether the segment `a`–`b` passes through the box (Liang–Barsky clipping). Written here
/// again on purpose, not `scene::label::segment_crosses`: the test's judge of a crossing must
/// not be the code whose placement it judges.
fn segment_crosses_box(a: [f32; 2], b: [f32; 2], r: &[f32; 4]) -> bool {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in
        [(-d[0], a[0] - r[0]), (d[0], r[2] - a[0]), (-d[1], a[1] - r[1]), (d[1], r[3] - a[1])]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// What keeps a scene's labels honest: each label's drawn box over a marker or badge, and each
/// city's or neighbour's name crossed by an atlas line, as one line per fault.
fn label_faults(scene: &Scene, lang: Lang, what: &str) -> Vec<String> {
    let f = fixture();
    let t = scene.view.screen_from_mercator();
    let markers = marker_boxes(scene);
    let segments: Vec<([f32; 2], [f32; 2])> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Polyline { mercator, .. } => Some(mercator),
            _ => None,
        })
        .flat_map(|line| line.windows(2).map(|w| (t.apply(w[0]), t.apply(w[1]))))
        .collect();
    let named: Vec<String> = f
        .atlas
        .regions_of_level(Level::City)
        .iter()
        .map(|&i| gd_atlas::scene::map_name(&f.atlas.regions[i], lang))
        .chain(["Hong Kong", "Macao", "香港", "澳门"].map(String::from))
        .collect();
    let mut faults = Vec::new();
    let mut cities = 0;
    for l in scene.items.iter().filter_map(|i| if let Item::Label(l) = i { Some(l) } else { None })
    {
        let b = drawn_label_box(l);
        let at = format!("{what} {lang:?} {:?} at {:?}", l.text, l.pos_screen);
        if markers.iter().any(|m| boxes_meet(&b, m)) {
            faults.push(format!("{at}: over a marker or badge"));
        }
        if named.contains(&l.text) {
            cities += 1;
            if segments.iter().any(|&(a, c)| segment_crosses_box(a, c, &b)) {
                faults.push(format!("{at}: crossed by a line"));
            }
        }
    }
    assert!(cities >= 23, "{what} {lang:?}: {cities} city and neighbour names");
    faults
}

/// The QA pass at province scale: 佛山市's first character under markers, Shantou's label beside
/// and under a marker, 高要区 under a cluster badge, Macao's name crossed by the Hong Kong–
/// Zhuhai–Macao bridge and Yunfu's by a planned expressway. On the map the window draws at
/// 1600×1000 and 1280×720, and on 1080p, 4K, A4-300-dpi and A4 PDF province figures, in both
/// languages: no
/// label's drawn text box meets a marker or a count badge, and no city's or neighbour's name is
/// crossed by an expressway line (each has a free spot here, so the rule "crossed only when no
/// free spot exists" reads as "never crossed").
/// The window on the embedded atlas at `size` in `lang`, settled: every level of detail
/// triangulated, then a few frames, so that the scene it holds does not depend on the warm-up
/// thread's timing (which zoom it was built at: 7.14 or 7.19 for a camera at 7.09 at 1280×720;
/// scenes at the zooms around are checked by
/// `province_labels_keep_off_lines_at_every_zoom_near_the_fit`).
fn settled_window(
    lang: Lang,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, gd_atlas::app::AtlasApp> {
    let mut app = crate::support::embedded_app(None);
    app.settings.lang = lang;
    let mut harness = crate::support::app_harness(app, size);
    harness.run_steps(12);
    harness.state_mut().finish_warming();
    harness.run_steps(4);
    harness
}

#[test]
fn province_labels_keep_off_markers_badges_and_lines() {
    let mut wrong = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for size in [[1600.0, 1000.0], [1280.0, 720.0]] {
            let harness = settled_window(lang, size);
            let scene = harness.state().map.drawn_scene().expect("a scene was drawn");
            wrong.extend(label_faults(scene, lang, &format!("window {size:?}")));
        }
        // 1080p, 4K and A4 at 300 dpi (county names from 4K on), and an A4 PDF page.
        for size in [Some([1920, 1080]), Some([3840, 2160]), Some([3508, 2480]), None] {
            let scene = export_scene(size, lang);
            wrong.extend(label_faults(&scene, lang, &format!("export {size:?}")));
        }
    }
    assert!(wrong.is_empty(), "{} labels:\n{}", wrong.len(), wrong.join("\n"));
}

/// 高要区 under a cluster badge (issue 19 QA): with county names shown — Zhaoqing and Foshan
/// fitted into the window's map, in both languages — no name's drawn box meets a marker or a
/// count badge; county names move beside their spot to keep off them.
#[test]
fn county_names_keep_off_markers_and_badges() {
    let f = fixture();
    for lang in [Lang::En, Lang::Zh] {
        for code in ["441200", "440600"] {
            let idx = f.atlas.region_by_code(code).expect("the city");
            let extent = gd_atlas::export::extent::region_extent(&f.atlas, idx).expect("a shape");
            for map in [[950.0, 960.0], [1280.0, 680.0]] {
                let view = View::fit(extent, [0.0, 0.0, map[0], map[1]], 0.02);
                assert!(view.zoom >= gd_atlas::scene::layers::COUNTY_LABEL_MIN_ZOOM);
                let request = gd_atlas::scene::SceneRequest { lang, ..Default::default() };
                let scene = build_scene(&SceneInput::new(&f.atlas, &f.geometry, view, &request));
                let markers = marker_boxes(&scene);
                let labels: Vec<&gd_atlas::scene::Label> = scene
                    .items
                    .iter()
                    .filter_map(|i| if let Item::Label(l) = i { Some(l) } else { None })
                    .collect();
                let gaoyao = gd_atlas::scene::map_name(
                    &f.atlas.regions[f.atlas.region_by_code("441204").expect("Gaoyao")],
                    lang,
                );
                if code == "441200" {
                    assert!(labels.iter().any(|l| l.text == gaoyao), "{gaoyao} is named");
                }
                for l in labels {
                    let b = drawn_label_box(l);
                    assert!(
                        !markers.iter().any(|m| boxes_meet(&b, m)),
                        "{code} {map:?} {lang:?}: {:?} at {:?} over a marker or badge",
                        l.text,
                        l.pos_screen
                    );
                }
            }
        }
    }
}

/// The window keeps a scene built a little off the camera's zoom (`app::scene_cache`), and
/// which zoom that is depended on the warm-up thread's timing: at 1280×720 a scene built at
/// zoom 7.14 had Zhongshan's name crossed by an expressway, one at 7.19 did not (issue 21). So
/// names are checked at every zoom a province view may be drawn at: ±0.3 around the fit of the
/// maps of a 1280×720 and a 1600×1000 window, in steps of 0.01 (244 scenes), built as the
/// window builds them (pan margin, labels kept to the map) — no city's or neighbour's name over
/// a marker or crossed by a line. Before the placement tried every size and its farther spots
/// clear of lines ahead of a spot crossed by one, 106 names failed here (Yunfu in 68 scenes).
#[test]
fn province_labels_keep_off_lines_at_every_zoom_near_the_fit() {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("the province has a shape");
    let mut wrong = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for (map, _) in &WINDOW_MAPS[..2] {
            let fit = View::fit(extent, [0.0, 0.0, map[0], map[1]], 0.02);
            for step in -30..=30 {
                let view = View { zoom: fit.zoom + f64::from(step) * 0.01, ..fit };
                let request = gd_atlas::scene::SceneRequest { lang, ..Default::default() };
                let wide = gd_atlas::app::scene_cache::with_pan_margin(view);
                let scene = build_scene(&SceneInput {
                    label_bounds: Some(view.rect_screen),
                    ..SceneInput::new(&f.atlas, &f.geometry, wide, &request)
                });
                let what = format!("map {map:?} at zoom {:.2}", view.zoom);
                wrong.extend(label_faults(&scene, lang, &what));
            }
        }
    }
    assert!(wrong.is_empty(), "{} labels:\n{}", wrong.len(), wrong.join("\n"));
}

/// "Hainan" showed through the window's translucent scale bar at 1280×720 (the map had moved
/// the name under it): the window lays out its scale bar, notes and credits first and draws no
/// name under them; every other name is drawn. Checked on the settled window at 1280×720 and
/// 1600×1000 in both languages, drawing its scene, view and furniture boxes again on a
/// recording canvas as `map::paint::draw` does.
#[test]
fn the_window_draws_no_name_under_its_furniture() {
    use gd_atlas::render::recording::{Primitive, RecordingCanvas};
    let mut hidden = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for size in [[1600.0, 1000.0], [1280.0, 720.0]] {
            let harness = settled_window(lang, size);
            let map = &harness.state().map;
            let scene = map.drawn_scene().expect("a scene was drawn");
            let view = map.last_view.expect("a view was drawn");
            let boxes = map.overlays();
            assert!(!boxes.is_empty(), "{size:?}: the scale bar and credits at least");
            let mut canvas = RecordingCanvas::default();
            gd_atlas::render::scene::draw_overlay_items(
                &mut canvas,
                scene,
                &scene.items,
                &view,
                &[],
                boxes,
            );
            let drawn: Vec<String> = canvas
                .primitives
                .into_iter()
                .filter_map(
                    |p| if let Primitive::Text { text, .. } = p { Some(text) } else { None },
                )
                .collect();
            let (k, d) = gd_atlas::render::scene::screen_from_built(&scene.view, &view);
            for l in scene.items.iter().filter_map(|i| match i {
                Item::Label(l) => Some(l),
                _ => None,
            }) {
                let pos = [l.pos_screen[0] * k + d[0], l.pos_screen[1] * k + d[1]];
                let r = gd_atlas::scene::label::label_box(pos, &l.text, l.size, 0.0);
                let under = boxes.iter().any(|b| boxes_meet(&r, b));
                assert_eq!(
                    drawn.contains(&l.text),
                    !under,
                    "{size:?} {lang:?}: {:?} at {pos:?}, under the furniture: {under}",
                    l.text
                );
                if under {
                    hidden.push(format!("{size:?} {}", l.text));
                }
            }
        }
    }
    // The case that was seen: Hainan's name under the scale bar of the 1280×720 window.
    assert!(hidden.iter().any(|t| t.ends_with(" Hainan") || t.ends_with(" 海南")), "{hidden:?}");
}
