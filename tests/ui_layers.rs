//! The planner's own layers in the window: add a point table and a polygon file, click a point
//! and read its attributes, restart and find the layers again, a missing file, a categorical
//! style's classes, the in-app file dialog. Headless (egui_kittest drives `AtlasApp::show`); the
//! files are tiny and read by a small synchronous loader, so the app's own logic is what is tested.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::Modifiers;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::user_layers::{LayerState, Loader};
use gd_atlas::app::AtlasApp;
use gd_atlas::geo::geojson::read_features;
use gd_atlas::layer::load::{LayerError, LoadProgress};
use gd_atlas::layer::style::{ResolvedStyle, StyleClass};
use gd_atlas::layer::{Crs, LayerBuilder, LayerData, LayerSpec, LayerStyle, StyleMode};
use gd_atlas::model::source::DataSource;
use gd_atlas::model::{Atlas, FeatureKey, Level, Subject};
use gd_atlas::ui::action::LayerAction;
use gd_atlas::ui::Action;

/// Three enterprises near the Gaoyao district seat (WGS84), and a table row number for each.
const POINTS_CSV: &str = "name,kind,lon,lat\nJinli hardware works,factory,112.52,23.03\nGaoyao cold store,warehouse,112.56,23.05\nNanan bearings,factory,112.46,23.06\n";

/// One square zone around 112.30°E 23.30°N.
const ZONES_GEOJSON: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"zone":"North logistics zone","area_ha":120},
  "geometry":{"type":"Polygon","coordinates":[[[112.28,23.28],[112.32,23.28],[112.32,23.32],[112.28,23.32],[112.28,23.28]]]}}]}"#;

/// Reads the two tiny formats above: a CSV with `lon`/`lat` columns, or GeoJSON polygons.
fn test_loader() -> Loader {
    Arc::new(|spec: &LayerSpec, _: &LoadProgress| {
        let text = std::fs::read_to_string(&spec.path)
            .map_err(|e| LayerError(format!("{}: {e}", spec.path.display())))?;
        if spec.path.extension().is_some_and(|e| e == "csv") {
            Ok(points_layer(spec, &text))
        } else {
            polygons_layer(spec, &text)
        }
    })
}

fn points_layer(spec: &LayerSpec, text: &str) -> LayerData {
    let mut lines = text.lines();
    let columns: Vec<String> = lines.next().unwrap_or("").split(',').map(str::to_string).collect();
    let mut b = LayerBuilder::new(spec.path.clone(), "CSV".into(), spec.crs, columns, true);
    for (i, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let f = b.push_feature(i as u32 + 2, cells.iter().copied());
        let (lon, lat) = (cells[2].parse().expect("lon"), cells[3].parse().expect("lat"));
        b.push_point(f, spec.crs.to_wgs84([lon, lat]));
    }
    b.finish()
}

fn polygons_layer(spec: &LayerSpec, text: &str) -> Result<LayerData, LayerError> {
    let features = read_features(text).map_err(|e| LayerError(e.to_string()))?;
    let columns: Vec<String> = features
        .first()
        .map(|f| f.properties.0.iter().map(|(k, _)| k.clone()).collect())
        .unwrap_or_default();
    let mut b =
        LayerBuilder::new(spec.path.clone(), "GeoJSON".into(), spec.crs, columns.clone(), false);
    for f in features {
        let cells: Vec<String> = columns.iter().map(|c| f.properties.text_or_empty(c)).collect();
        let id = b.push_feature(f.index as u32, cells.iter().map(String::as_str));
        let polygons = f
            .geometry
            .map_err(|issue| issue.text)
            .and_then(|g| g.into_polygons())
            .map_err(LayerError)?;
        b.push_polygons(id, polygons);
    }
    Ok(b.finish())
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-ui-layers-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("enterprises.csv"), POINTS_CSV).expect("write points");
    std::fs::write(dir.join("zones.geojson"), ZONES_GEOJSON).expect("write zones");
    dir
}

fn harness_with(settings: Option<PathBuf>) -> Harness<'static, AtlasApp> {
    let atlas = Atlas::load(&DataSource::Embedded)
        .unwrap_or_else(|e| panic!("embedded data must load: {e}"));
    let app =
        AtlasApp::with_loader(&egui::Context::default(), atlas, settings, test_loader(), false);
    crate::support::app_harness(app, [1600.0, 1400.0])
}

fn add_layer(harness: &mut Harness<'static, AtlasApp>, path: &Path) {
    harness
        .state_mut()
        .push(Action::UserLayer(LayerAction::Add(LayerSpec::new(path.to_path_buf(), Crs::Wgs84))));
    harness.run_steps(3);
}

use crate::ui_explorer::click;

fn click_lonlat(harness: &mut Harness<'static, AtlasApp>, lonlat: [f64; 2], zoom: f64) {
    harness.state_mut().set_view(lonlat, zoom);
    harness.run_steps(4);
    let pos = harness.state().screen_pos_of_lonlat(lonlat).expect("a frame was drawn");
    click(harness, pos);
}

fn assert_shows(harness: &Harness<'static, AtlasApp>, text: &str) {
    assert!(
        harness.query_all_by_label_contains(text).count() >= 1,
        "nothing on screen contains {text:?}"
    );
}

fn layer_id(harness: &Harness<'static, AtlasApp>, file: &str) -> u64 {
    let app = harness.state();
    app.user_layers
        .entries()
        .iter()
        .find(|e| e.spec.path.ends_with(file))
        .map(|e| e.id)
        .expect("the layer is listed")
}

#[test]
fn clicking_a_point_and_a_zone_shows_their_attributes_and_region() {
    let dir = scratch("click");
    let mut harness = harness_with(None);
    add_layer(&mut harness, &dir.join("enterprises.csv"));
    add_layer(&mut harness, &dir.join("zones.geojson"));
    assert_shows(&harness, "points · 3 features");
    assert_shows(&harness, "polygons · 1 features");

    // Hovering names the layer and the first attributes; nothing is selected yet.
    harness.state_mut().set_view([112.56, 23.05], 13.0);
    harness.run_steps(4);
    let pos = harness.state().screen_pos_of_lonlat([112.56, 23.05]).expect("a frame was drawn");
    harness.hover_at(pos);
    harness.run_steps(3);
    assert_shows(&harness, "enterprises.csv\nname: Gaoyao cold store");
    click_lonlat(&mut harness, [112.56, 23.05], 13.0);
    let points = layer_id(&harness, "enterprises.csv");
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Feature(FeatureKey { layer: points, feature: 1 }))
    );
    assert_shows(&harness, "Gaoyao cold store");
    assert_shows(&harness, "warehouse");
    assert_shows(&harness, "row 3");
    // The county it lies in, as a link that selects the county.
    let atlas = harness.state().atlas.clone();
    let county = atlas.region_at([112.56, 23.05], Level::County).expect("inside a county");
    let county_name = atlas.regions[county].name_en.clone();
    harness.get_by_label(&county_name).click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Region(atlas.regions[county].code.clone()))
    );

    click_lonlat(&mut harness, [112.30, 23.30], 12.0);
    let zones = layer_id(&harness, "zones.geojson");
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Feature(FeatureKey { layer: zones, feature: 0 }))
    );
    assert_shows(&harness, "North logistics zone");
    assert_shows(&harness, "feature 0");

    // Esc clears a feature as any selection.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn layers_and_their_styles_persist_across_a_restart() {
    let dir = scratch("restart");
    let settings = dir.join("settings.json");
    let mut harness = harness_with(Some(settings.clone()));
    add_layer(&mut harness, &dir.join("enterprises.csv"));
    add_layer(&mut harness, &dir.join("zones.geojson"));
    let points = layer_id(&harness, "enterprises.csv");
    let style = LayerStyle {
        mode: StyleMode::Categories { attribute: "kind".into() },
        label: Some("name".into()),
        ..Default::default()
    };
    harness.state_mut().push(Action::UserLayer(LayerAction::SetStyle(points, style.clone())));
    harness.state_mut().push(Action::UserLayer(LayerAction::SetOpacity(points, 0.5)));
    harness.run_steps(3);
    harness.state_mut().save_settings();
    drop(harness);

    let harness = harness_with(Some(settings));
    let specs: Vec<LayerSpec> =
        harness.state().user_layers.entries().iter().map(|e| e.spec.clone()).collect();
    assert_eq!(specs.len(), 2);
    assert!(
        specs[0].path.ends_with("enterprises.csv") && specs[1].path.ends_with("zones.geojson"),
        "paint order kept"
    );
    assert_eq!(specs[0].style, style);
    assert_eq!(specs[0].opacity, 0.5);
    assert_eq!(harness.state().user_layers.loaded().len(), 2, "both read again on start");
    assert_shows(&harness, "enterprises.csv");
    assert_shows(&harness, "zones.geojson");
    // `--layer` naming a file the settings restored does not list it twice.
    let mut harness = harness;
    add_layer(&mut harness, &dir.join("enterprises.csv"));
    assert_eq!(harness.state().user_layers.entries().len(), 2);
}

/// Gaoyao district's outline as Amap would publish it: every vertex moved to GCJ-02.
fn gaoyao_in_gcj02(atlas: &Atlas) -> Vec<Vec<[f64; 2]>> {
    let shape = atlas
        .region_by_code("441204")
        .and_then(|i| atlas.regions[i].shape)
        .expect("Gaoyao has a shape");
    let exterior = &atlas.topology.shapes[shape].polygons[0][0];
    let mut ring: Vec<[f64; 2]> = atlas
        .topology
        .ring_lonlat(exterior)
        .into_iter()
        .map(gd_atlas::geo::china_crs::gcj02_from_wgs84)
        .collect();
    ring.push(ring[0]);
    vec![ring]
}

#[test]
fn a_gcj02_outline_is_flagged_and_once_converted_lies_in_its_county() {
    let dir = scratch("offset");
    let atlas = Atlas::load(&DataSource::Embedded)
        .unwrap_or_else(|e| panic!("embedded data must load: {e}"));
    let outline = gaoyao_in_gcj02(&atlas);
    // Reads any file as that outline, converted as the spec says. The hint is the one the offset
    // check gives such data (the app recomputes it after the load where that check exists).
    let loader: Loader = Arc::new(move |spec: &LayerSpec, _: &LoadProgress| {
        let mut b = LayerBuilder::new(
            spec.path.clone(),
            "GeoJSON".into(),
            spec.crs,
            vec!["name".into()],
            false,
        );
        let f = b.push_feature(0, ["Gaoyao (Amap)"]);
        b.push_polygons(
            f,
            vec![outline
                .iter()
                .map(|r| r.iter().map(|&p| spec.crs.to_wgs84(p)).collect())
                .collect()],
        );
        let mut data = b.finish();
        if spec.crs == Crs::Wgs84 {
            data.offset_hint = Some(gd_atlas::layer::data::OffsetHint {
                likely: Crs::Gcj02,
                median_as_read_m: 540.0,
                median_converted_m: 35.0,
            });
        }
        Ok(data)
    });
    let app = AtlasApp::with_loader(&egui::Context::default(), atlas, None, loader, false);
    let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
    add_layer(&mut harness, &dir.join("zones.geojson"));
    assert_shows(&harness, "Looks offset like GCJ-02");
    let before = layer_id(&harness, "zones.geojson");
    harness.get_by_label("Convert from GCJ-02").click();
    harness.run_steps(3);
    let entry = &harness.state().user_layers.entries()[0];
    assert_eq!(entry.spec.crs, Crs::Gcj02, "the choice is kept in the spec (and the settings)");
    assert_ne!(entry.id, before, "read again");
    assert_eq!(harness.query_all_by_label_contains("Looks offset").count(), 0);

    // Converted, the outline lies on Gaoyao's own border (to a few metres; as read it was
    // hundreds of metres off).
    let atlas = harness.state().atlas.clone();
    let shape = atlas
        .region_by_code("441204")
        .and_then(|i| atlas.regions[i].shape)
        .expect("Gaoyao has a shape");
    let exterior = atlas.topology.ring_lonlat(&atlas.topology.shapes[shape].polygons[0][0]);
    let border = gd_atlas::geo::bbox::Bbox::from_points(
        exterior.into_iter().map(gd_atlas::geo::mercator::mercator_from_lonlat),
    );
    let converted = entry.loaded().expect("loaded").data.bbox_mercator;
    let off = (0..2)
        .map(|k| {
            (converted.min[k] - border.min[k]).abs().max((converted.max[k] - border.max[k]).abs())
        })
        .fold(0.0, f64::max);
    assert!(off < 2e-7, "converted outline is {:.0} m off Gaoyao's border", off * 40_075_016.0);
    // Selected, the converted outline's interior point lies in Gaoyao.
    let key = FeatureKey { layer: entry.id, feature: 0 };
    harness.state_mut().push(Action::Focus(Subject::Feature(key)));
    harness.run_steps(4);
    assert_eq!(harness.state().selected(), Some(&Subject::Feature(key)));
    assert_shows(&harness, "Gaoyao District");
}

#[test]
fn a_missing_file_keeps_its_entry_with_its_message() {
    let dir = scratch("missing");
    let settings = dir.join("settings.json");
    let gone = dir.join("moved-away.geojson");
    let saved = gd_atlas::app::settings::Settings {
        user_layers: vec![LayerSpec::new(gone.clone(), Crs::Gcj02)],
        ..Default::default()
    };
    saved.save(&settings).expect("write settings");

    let mut harness = harness_with(Some(settings));
    assert_shows(&harness, &format!("file not found: {}", gone.display()));
    assert!(matches!(harness.state().user_layers.entries()[0].state, LayerState::Failed { .. }));
    // The file comes back: Retry reads it.
    std::fs::write(&gone, ZONES_GEOJSON).expect("restore the file");
    harness.get_by_label("Retry").click();
    harness.run_steps(3);
    assert_eq!(harness.state().user_layers.loaded().len(), 1);
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert!(harness.state().user_layers.entries().is_empty());
}

#[test]
fn choosing_categories_lists_the_classes_of_the_resolved_style() {
    let dir = scratch("categories");
    let mut harness = harness_with(None);
    add_layer(&mut harness, &dir.join("enterprises.csv"));
    harness.get_by_label("Style").click();
    harness.run_steps(2);
    harness.get_by_label("Categories").click();
    harness.run_steps(3);
    let app = harness.state();
    let entry = &app.user_layers.entries()[0];
    assert_eq!(
        entry.spec.style.mode,
        StyleMode::Categories { attribute: "name".into() },
        "the first column until another is chosen"
    );
    let LayerState::Loaded { style, .. } = &entry.state else { panic!("loaded") };
    for class in &style.classes {
        assert_shows(&harness, &format!("{} ({})", class.label, class.count));
    }
}

#[test]
fn the_panel_lists_each_category_with_its_count() {
    let mut b =
        LayerBuilder::new("sites.csv".into(), "CSV".into(), Crs::Wgs84, vec!["kind".into()], true);
    let f = b.push_feature(2, ["factory"]);
    b.push_point(f, [113.0, 23.0]);
    let data = b.finish();
    let style = ResolvedStyle {
        classes: vec![
            StyleClass { label: "factory".into(), color: [31, 119, 180, 255], count: 2 },
            StyleClass { label: "warehouse".into(), color: [255, 127, 14, 255], count: 1 },
        ],
        attribute: Some("kind".into()),
        ..Default::default()
    };
    let spec = LayerSpec::new("sites.csv".into(), Crs::Wgs84);
    let harness =
        Harness::builder().with_context_setup(gd_atlas::ui::fonts::install_fonts).build_ui(|ui| {
            let rows = [gd_atlas::ui::user_layers_panel::LayerRow {
                id: 1,
                spec: &spec,
                status: gd_atlas::ui::user_layers_panel::LayerStatus::Loaded {
                    data: &data,
                    style: &style,
                },
            }];
            gd_atlas::ui::user_layers_panel::user_layers_panel_ui(
                ui,
                gd_atlas::i18n::Lang::En,
                &rows,
            );
        });
    harness.get_by_label("factory (2)");
    harness.get_by_label("warehouse (1)");
    harness.get_by_label("kind");
}

#[test]
fn the_file_dialog_lists_a_folder_and_adds_the_chosen_file() {
    let dir = scratch("dialog");
    std::fs::write(dir.join("notes.pdf"), "not a layer").expect("write");
    std::fs::create_dir_all(dir.join("older")).expect("subfolder");
    let mut harness = harness_with(None);
    harness.get_by_label("Add layer…").click();
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    harness.run_steps(1);
    // Replace the folder shown by the scratch folder, then Enter to go there.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, "Path").type_text(&dir.display().to_string());
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_shows(&harness, "older/");
    assert_shows(&harness, "zones.geojson");
    assert_eq!(
        harness.query_all_by_label_contains("notes.pdf").count(),
        0,
        "only layer and table files are listed"
    );
    harness.get_by_label("enterprises.csv").click();
    harness.run_steps(2);
    harness.get_by_label("OK").click();
    harness.run_steps(4);
    let app = harness.state();
    assert_eq!(app.user_layers.loaded().len(), 1);
    assert!(app.user_layers.entries()[0].spec.path.ends_with("enterprises.csv"));
    assert!(app.panels.user_layers.dialog.is_none(), "the dialog closes");
    // Opened again, it lists the folder of the file chosen (the application remembers it).
    harness.get_by_label("Add layer…").click();
    harness.run_steps(2);
    assert_shows(&harness, "zones.geojson");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().panels.user_layers.dialog.is_none(), "Cancel closes it");
}

/// A file dropped on the window (the integration's handle, as winit gives it).
#[derive(Debug)]
struct TestDrop(PathBuf);

impl egui::DroppedFile for TestDrop {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_point_table_becomes_a_layer_and_a_county_table_a_theme() {
    let dir = scratch("drop");
    let counties = dir.join("gdp.csv");
    std::fs::write(&counties, "县名,GDP\n高要区,1200\n端州区,1000\n").expect("write table");
    let mut harness = harness_with(None);
    for path in [dir.join("enterprises.csv"), counties.clone()] {
        harness.input_mut().dropped_files.push(Arc::new(TestDrop(path)));
    }
    harness.run_steps(4);
    let app = harness.state();
    assert_eq!(app.user_layers.loaded().len(), 1);
    assert!(app.user_layers.entries()[0].spec.path.ends_with("enterprises.csv"));
    let theme_path = match app.settings.theme.as_ref().map(|s| &s.source) {
        Some(gd_atlas::theme::AttributeSpec::Table { path, .. }) => Some(path.clone()),
        _ => None,
    };
    assert_eq!(theme_path, Some(counties), "the table without coordinates shades the counties");
}

/// "Zoom to" frames every feature of the layer, each point's symbol whole inside the map with
/// room around it and none under the map's furniture; points are drawn large enough to see, with
/// a dark outline.
#[test]
fn zoom_to_fits_every_feature_with_a_margin_and_points_are_visible() {
    let dir = scratch("zoom-to");
    let mut harness = crate::support::app_harness(
        AtlasApp::with_loader(
            &egui::Context::default(),
            Atlas::load(&DataSource::Embedded).expect("loads"),
            None,
            test_loader(),
            false,
        ),
        [1280.0, 720.0],
    );
    add_layer(&mut harness, &dir.join("enterprises.csv"));
    let id = layer_id(&harness, "enterprises.csv");
    harness.get_by_label("Zoom to").click();
    harness.run_steps(6);
    let app = harness.state();
    let view = app.last_view().expect("drawn");
    let entry = app.user_layers.entry(id).expect("listed");
    let layer = entry.loaded().expect("loaded").clone();
    let radius = entry.spec.style.size;
    assert!(radius >= 5.0, "a point is a dot of at least 10 points: radius {radius}");
    let t = view.screen_from_mercator();
    let r = view.rect_screen;
    for (i, &p) in layer.data.points.mercator.iter().enumerate() {
        let q = t.apply(p);
        let room = radius + 10.0;
        assert!(
            q[0] >= r[0] + room
                && q[0] <= r[2] - room
                && q[1] >= r[1] + room
                && q[1] <= r[3] - room,
            "point {i} at {q:?} is at the edge of {r:?}"
        );
        for o in app.map.overlays() {
            let clear = q[0] + radius < o[0]
                || q[0] - radius > o[2]
                || q[1] + radius < o[1]
                || q[1] - radius > o[3];
            assert!(clear, "point {i} at {q:?} is under the furniture box {o:?}");
        }
    }
    // Drawn with the dark outline.
    let scene = app.map.drawn_scene().expect("a scene");
    assert!(scene.items.iter().any(|i| matches!(i, gd_atlas::scene::Item::UserPoints { points, .. } if points.iter().all(|p| p.radius >= 5.0))));
    assert_eq!(gd_atlas::scene::style::USER_POINT_OUTLINE.color[..3], [0x1a, 0x1a, 0x1a]);
    let _ = std::fs::remove_dir_all(&dir);
}
