//! Compare (issue 12) as a planner uses it: pin a county from its panel, Ctrl+click another on
//! the map, read the shared indicator in one row, export the table as CSV, see the pins outlined.
//!
//! The committed data has no indicator that two counties share, so the test atlas is the
//! committed `data/` copied to a temporary directory with one more row: Gaoyao's tribute
//! tangerine output for 2022, beside Deqing's (IND057, a converted figure).

use std::path::PathBuf;

use crate::support::copy_dir;
use egui::{Event, Modifiers, PointerButton};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, Level, Subject};
use gd_atlas::scene::{style, Item};
use gd_atlas::ui::Action;

const DEQING: &str = "441226";
const GAOYAO: &str = "441204";
const JINLI: &str = "441204115";
const ROW: &str = "tribute tangerine output";

/// The committed data plus Gaoyao's tangerine output (same document and excerpt as IND057).
fn data_with_shared_indicator() -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&repo.join("data"), &dir);
    let path = dir.join("indicators.csv");
    let text = std::fs::read_to_string(&path).expect("indicators.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let deqing = reader
        .records()
        .flatten()
        .find(|r| r.get(0) == Some("IND057"))
        .expect("IND057 is Deqing's tangerine output");
    let mut writer = csv::Writer::from_writer(Vec::new());
    let (document, excerpt) =
        (deqing.get(11).unwrap_or_default(), deqing.get(12).unwrap_or_default());
    // The *_zh columns, the last (correction_reason_zh) empty as the row has no reason.
    let zh = ["贡柑产量", "高要", "1200万", "斤", "2022年", "", "", ""];
    let english = [
        "IND999",
        GAOYAO,
        "Gaoyao",
        ROW,
        "12 million",
        "jin",
        "2022",
        "",
        "",
        "",
        "",
        document,
        excerpt,
    ];
    writer.write_record(english.iter().chain(zh.iter())).expect("a CSV row");
    let row = String::from_utf8(writer.into_inner().expect("CSV bytes")).expect("UTF-8");
    let sep = if text.ends_with('\n') { "" } else { "\n" };
    std::fs::write(&path, format!("{text}{sep}{row}")).expect("write indicators.csv");
    dir
}

fn harness() -> (Harness<'static, AtlasApp>, PathBuf) {
    let dir = data_with_shared_indicator();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = DataSource::Dir { data: dir.clone(), assets: Some(repo.join("assets")) };
    let atlas = Atlas::load(&source).unwrap_or_else(|e| panic!("test data must load: {e}"));
    let app = AtlasApp::new(&egui::Context::default(), atlas, None);
    let harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    (harness, dir)
}

/// The point of Gaoyao county farthest from every marker (on a grid around Jinli's seat), so a
/// click there hits the county, not a marker.
fn gaoyao_point(atlas: &Atlas) -> [f64; 2] {
    let gaoyao = atlas.region_by_code(GAOYAO).expect("Gaoyao exists");
    let seat = atlas.regions[atlas.region_by_code(JINLI).expect("Jinli")]
        .seat_lonlat
        .expect("Jinli has a seat");
    let markers: Vec<[f64; 2]> = atlas.places.iter().filter_map(|pl| pl.lonlat).collect();
    let clearance = |p: [f64; 2]| {
        markers.iter().map(|q| (q[0] - p[0]).hypot(q[1] - p[1])).fold(f64::INFINITY, f64::min)
    };
    let grid = (-20..=20).flat_map(|i| {
        (-20..=20).map(move |j| [seat[0] + i as f64 * 0.01, seat[1] + j as f64 * 0.01])
    });
    grid.filter(|&p| atlas.region_at(p, Level::County) == Some(gaoyao))
        .max_by(|&a, &b| clearance(a).total_cmp(&clearance(b)))
        .expect("a point inside Gaoyao")
}

fn ctrl_click(harness: &mut Harness<'static, AtlasApp>, pos: egui::Pos2) {
    let modifiers = Modifiers { ctrl: true, command: true, ..Modifiers::NONE };
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
fn two_counties_compare_side_by_side_export_and_outline() {
    let (mut harness, dir) = harness();
    // Pin Deqing from its details panel.
    harness.state_mut().push(Action::Focus(Subject::Region(DEQING.into())));
    harness.run_steps(4);
    harness.get_by_label("Pin to compare").click();
    harness.run_steps(3);
    assert_eq!(harness.state().pinned(), [DEQING]);
    // Ctrl+click Gaoyao on the map: pinned, not selected.
    let p = gaoyao_point(&harness.state().atlas.clone());
    harness.state_mut().set_view(p, 8.0);
    harness.run_steps(4);
    let pos = harness.state().screen_pos_of_lonlat(p).expect("a frame was drawn");
    ctrl_click(&mut harness, pos);
    assert_eq!(
        harness.state().pinned(),
        [DEQING, GAOYAO],
        "selected {:?} at {pos:?}",
        harness.state().selected()
    );
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Region(DEQING.into())),
        "Ctrl+click pins without selecting"
    );

    // One row for the shared indicator, with both values; Deqing's converted figure is marked.
    let table = harness.state().compare_table().clone();
    let rows: Vec<_> = table.rows.iter().filter(|r| r.label == ROW).collect();
    assert_eq!(rows.len(), 1, "{:?}", table.rows);
    assert!(rows[0].cells.iter().all(Option::is_some), "{:?}", rows[0]);
    assert!(
        harness.query_all_by_label_contains("12 million jin").count() >= 1,
        "Gaoyao's value is in the window"
    );
    harness.get_by_label(&format!("{ROW} (2022)"));

    // CSV export: BOM, the shared row with both values.
    let csv_path = dir.join("compare.csv");
    harness.state_mut().selection.compare.csv_path = csv_path.display().to_string();
    harness.run_steps(2);
    harness.get_by_label("Export CSV").click();
    harness.run_steps(3);
    let bytes = std::fs::read(&csv_path).expect("the CSV was written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{ROW},2022,")))
        .expect("the shared row in the CSV");
    assert!(line.contains("12 million") && line.contains("corrected: converted"), "{line}");

    // Both pins are outlined in the built scene.
    let atlas = harness.state().atlas.clone();
    let scene = harness.state().map.drawn_scene().expect("a scene was drawn");
    let pinned_shapes: Vec<usize> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rings { shape, style: s, .. } if *s == style::PINNED_OUTLINE => Some(*shape),
            _ => None,
        })
        .collect();
    for code in [DEQING, GAOYAO] {
        let shape =
            atlas.regions[atlas.region_by_code(code).expect("region")].shape.expect("a shape");
        assert!(pinned_shapes.contains(&shape), "{code} is outlined as pinned");
    }

    // Clear: no pins, no outline.
    harness.get_by_label("Clear all").click();
    harness.run_steps(4);
    assert!(harness.state().pinned().is_empty());
    let scene = harness.state().map.drawn_scene().expect("a scene was drawn");
    assert!(!scene
        .items
        .iter()
        .any(|i| matches!(i, Item::Rings { style: s, .. } if *s == style::PINNED_OUTLINE)));
    let _ = std::fs::remove_dir_all(&dir);
}

/// An export of pinned regions outlines them as the window does.
#[test]
fn exports_outline_the_pinned_regions() {
    use gd_atlas::export::{compose, extent::province_extent, ExportRequest};
    let f = crate::export_render::fixture();
    let extent = province_extent(&f.atlas).expect("the province has an extent");
    let mut request = ExportRequest::new([1200, 900], extent);
    request.scene.pinned = vec![DEQING.into(), GAOYAO.into()];
    let composition = compose(&f.atlas, &f.geometry, &request).expect("composes");
    let outlined = composition
        .scene
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rings { style: s, .. } if *s == style::PINNED_OUTLINE))
        .count();
    assert_eq!(outlined, 2);
    let row = "Pinned for comparison";
    let legend = |c: &gd_atlas::export::Composition| {
        c.scene.legend_entries(gd_atlas::i18n::Lang::En).into_iter().any(|e| e.label == row)
    };
    assert!(legend(&composition), "the legend explains the dashed blue outline");
    request.scene.pinned.clear();
    let plain = compose(&f.atlas, &f.geometry, &request).expect("composes");
    assert!(!plain
        .scene
        .items
        .iter()
        .any(|i| matches!(i, Item::Rings { style: s, .. } if *s == style::PINNED_OUTLINE)));
    assert!(!legend(&plain), "no pins, no legend row");
}
