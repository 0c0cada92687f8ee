//! User layers drawn by the one painter (issue 10): scene items for points (one by one, or in
//! bins above the threshold), lines and polygons; categorical legend rows with counts; the
//! selection outline of a user feature; PNG/SVG/recording canvases; picking by screen position;
//! the `export --layer` arguments.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use gd_atlas::export::extent::province_extent;
use gd_atlas::export::{compose, render, render_pixmap, ExportRequest, Format};
use gd_atlas::geo::mercator::mercator_from_lonlat;
use gd_atlas::i18n::Lang;
use gd_atlas::layer::style::resolve;
use gd_atlas::layer::{Crs, LayerBuilder, LayerStyle, StyleMode};
use gd_atlas::map::pick::{pick_bin, pick_feature};
use gd_atlas::model::{FeatureKey, Subject};
use gd_atlas::render::recording::{Primitive, RecordingCanvas};
use gd_atlas::render::scene::draw_scene;
use gd_atlas::scene::legend::LegendSymbol;
use gd_atlas::scene::style;
use gd_atlas::scene::user_items::POINTS_INDIVIDUAL_MAX;
use gd_atlas::scene::user_layer::{DrawnLayer, UserLayer};
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, Item, Scene, SceneInput};

use crate::export_render::fixture;

/// A deterministic sequence in [0, 1) (no test depends on a random seed's luck).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const KINDS: [&str; 3] = ["factory", "factory", "warehouse"];

/// `n` points in a 1° box south-west of Guangzhou, kinds factory, factory, warehouse, ….
fn points_layer(id: u64, n: usize) -> Arc<UserLayer> {
    let mut b = LayerBuilder::new(
        "sites.csv".into(),
        "CSV".into(),
        Crs::Wgs84,
        vec!["name".into(), "kind".into()],
        true,
    );
    let mut rng = Lcg(7);
    for i in 0..n {
        let name = format!("site {i}");
        let f = b.push_feature(i as u32 + 2, [name.as_str(), KINDS[i % 3]]);
        b.push_point(f, [113.0 + rng.next(), 22.5 + rng.next()]);
    }
    Arc::new(UserLayer::new(id, b.finish()))
}

/// Two roads (one a 2,000-vertex zigzag) and two zones (a big square and a tiny one).
fn lines_and_polygons(id: u64) -> Arc<UserLayer> {
    let mut b = LayerBuilder::new(
        "plan.geojson".into(),
        "GeoJSON".into(),
        Crs::Wgs84,
        vec!["name".into()],
        false,
    );
    let zig: Vec<[f64; 2]> = (0..2000)
        .map(|i| [112.0 + i as f64 * 0.001, 24.0 + if i % 2 == 0 { 0.0 } else { 0.0004 }])
        .collect();
    let f0 = b.push_feature(0, ["zigzag road"]);
    b.push_line(f0, zig);
    let f1 = b.push_feature(1, ["east road"]);
    b.push_line(f1, vec![[114.5, 23.0], [115.5, 23.0]]);
    let f2 = b.push_feature(2, ["big zone"]);
    b.push_polygons(
        f2,
        vec![vec![vec![[112.5, 22.2], [113.0, 22.2], [113.0, 22.6], [112.5, 22.6], [112.5, 22.2]]]],
    );
    let f3 = b.push_feature(3, ["tiny parcel"]);
    b.push_polygons(
        f3,
        vec![vec![vec![[114.0, 24.5], [114.001, 24.5], [114.001, 24.501], [114.0, 24.5]]]],
    );
    Arc::new(UserLayer::new(id, b.finish()))
}

fn drawn(layer: &Arc<UserLayer>, style: LayerStyle) -> DrawnLayer {
    DrawnLayer::new(layer.clone(), resolve(&layer.data, &style))
}

fn categories() -> LayerStyle {
    LayerStyle { mode: StyleMode::Categories { attribute: "kind".into() }, ..Default::default() }
}

/// The province at zoom 7 on a 1600 × 1000 map (the benchmark view).
fn province_view() -> View {
    let mut view = View::fit(
        province_extent(&fixture().atlas).expect("province"),
        [0.0, 0.0, 1600.0, 1000.0],
        0.0,
    );
    view.zoom = 7.0;
    view
}

fn view_at(lonlat: [f64; 2], zoom: f64) -> View {
    View {
        center_mercator: mercator_from_lonlat(lonlat),
        zoom,
        rect_screen: [0.0, 0.0, 1000.0, 700.0],
    }
}

fn scene(view: View, user_layers: &[DrawnLayer], selection: Option<&Subject>) -> Scene {
    let f = fixture();
    let request =
        gd_atlas::scene::SceneRequest { selection: selection.cloned(), ..Default::default() };
    build_scene(&SceneInput {
        user_layers,
        ..SceneInput::new(&f.atlas, &f.geometry, view, &request)
    })
}

fn bins_of(scene: &Scene) -> Vec<&gd_atlas::scene::PointBin> {
    scene
        .items
        .iter()
        .filter_map(|i| if let Item::UserBins { bins, .. } = i { Some(bins) } else { None })
        .flatten()
        .collect()
}

fn points_of(scene: &Scene) -> usize {
    scene
        .items
        .iter()
        .map(|i| if let Item::UserPoints { points, .. } = i { points.len() } else { 0 })
        .sum()
}

#[test]
fn many_points_are_binned_at_province_view_and_drawn_one_by_one_when_zoomed_in() {
    let n = POINTS_INDIVIDUAL_MAX + 10_000;
    let layer = points_layer(1, n);
    let layers = [drawn(&layer, categories())];
    let far = scene(province_view(), &layers, None);
    let bins = bins_of(&far);
    assert!(!bins.is_empty() && points_of(&far) == 0, "binned at province view");
    assert_eq!(
        bins.iter().map(|b| b.count as usize).sum::<usize>(),
        n,
        "every point is in one bin"
    );
    assert!(bins.len() < 2_000, "{} bins", bins.len());
    assert!(
        bins.iter().all(|b| b.color == style::rgba(31, 120, 180, 225)),
        "two thirds are factories: each bin is the factory colour"
    );
    let counts = far.items.iter().filter(|i| matches!(i, Item::Label(l) if l.text.ends_with('k') || l.text.parse::<u32>().is_ok())).count();
    assert!(counts > 0, "bins carry their counts");
    assert_eq!(far.user_binned, vec![true]);

    let near = scene(view_at([113.1, 22.6], 12.0), &layers, None);
    let drawn_one_by_one = points_of(&near);
    assert!(
        drawn_one_by_one > 100 && drawn_one_by_one <= POINTS_INDIVIDUAL_MAX,
        "{drawn_one_by_one} points"
    );
    assert!(bins_of(&near).is_empty());
    assert_eq!(near.user_binned, vec![false]);
}

#[test]
fn categorical_legend_lists_values_with_counts_and_says_when_points_are_grouped() {
    let layer = points_layer(1, 300);
    let s = scene(view_at([113.5, 23.0], 9.0), &[drawn(&layer, categories())], None);
    let rows = s.legend_entries(Lang::En);
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    let heading =
        labels.iter().position(|l| *l == "sites.csv — kind").expect("the layer's heading");
    assert_eq!(rows[heading].symbol, LegendSymbol::Heading);
    assert_eq!(labels[heading + 1], "factory (200)");
    assert_eq!(labels[heading + 2], "warehouse (100)");
    assert!(
        matches!(rows[heading + 1].symbol, LegendSymbol::Circle(c, _) if c == [31, 120, 180, 255])
    );
    assert!(!labels.iter().any(|l| l.contains("grouped")), "300 points are drawn one by one");

    let many = points_layer(2, POINTS_INDIVIDUAL_MAX + 1_000);
    let binned = scene(province_view(), &[drawn(&many, LayerStyle::default())], None);
    let labels: Vec<String> =
        binned.legend_entries(Lang::En).into_iter().map(|r| r.label).collect();
    assert!(labels.contains(&"sites.csv (21,000)".to_string()), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("grouped")), "{labels:?}");
}

#[test]
fn sized_points_list_three_size_samples_at_their_drawn_radii() {
    let mut b =
        LayerBuilder::new("jobs.csv".into(), "CSV".into(), Crs::Wgs84, vec!["jobs".into()], true);
    for (i, jobs) in ["1600", "400", "100", ""].iter().enumerate() {
        let f = b.push_feature(i as u32 + 2, [*jobs]);
        b.push_point(f, [113.0 + i as f64 * 0.05, 23.0]);
    }
    let layer = Arc::new(UserLayer::new(6, b.finish()));
    let style =
        LayerStyle { mode: StyleMode::Sized { attribute: "jobs".into() }, ..Default::default() };
    let s = scene(view_at([113.1, 23.0], 10.0), &[drawn(&layer, style)], None);
    let rows = s.legend_entries(Lang::En);
    let at = rows.iter().position(|r| r.label == "jobs.csv — jobs").expect("heading");
    let samples: Vec<(String, f32)> = rows[at + 1..at + 4]
        .iter()
        .map(|r| match r.symbol {
            LegendSymbol::Circle(_, radius) => (r.label.clone(), radius),
            ref other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(samples.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["1,600", "400", "100"]);
    let drawn_radii: Vec<f32> = s
        .items
        .iter()
        .filter_map(|i| {
            if let Item::UserPoints { points, .. } = i {
                Some(points.iter().map(|p| p.radius))
            } else {
                None
            }
        })
        .flatten()
        .collect();
    for (_, r) in &samples {
        assert!(drawn_radii.contains(r), "legend radius {r} is a drawn radius {drawn_radii:?}");
    }
    assert_eq!(rows[at + 4].label, "(no value) (1)");
}

#[test]
fn lines_and_polygons_are_culled_simplified_and_tiny_polygons_become_specks() {
    let layer = lines_and_polygons(3);
    let layers = [drawn(&layer, LayerStyle::default())];
    let s = scene(province_view(), &layers, None);
    let fills: Vec<&Vec<u32>> = s
        .items
        .iter()
        .filter_map(|i| if let Item::UserFills { shapes, .. } = i { Some(shapes) } else { None })
        .collect();
    assert_eq!(fills, vec![&vec![0u32]], "only the big zone is a fill");
    assert_eq!(
        s.items.iter().filter(|i| matches!(i, Item::UserSpecks { .. })).count(),
        1,
        "the tiny parcel is a speck"
    );
    let line_arcs: Vec<&Vec<u32>> = s
        .items
        .iter()
        .filter_map(|i| if let Item::UserLines { arcs, .. } = i { Some(arcs) } else { None })
        .collect();
    assert_eq!(line_arcs.len(), 2, "casing and line");
    assert_eq!(line_arcs[1].len(), 2);

    // Zoomed on the east road: the zigzag and the zone are culled.
    let east = scene(view_at([115.0, 23.0], 10.0), &layers, None);
    let arcs: Vec<u32> = east
        .items
        .iter()
        .filter_map(
            |i| if let Item::UserLines { arcs, .. } = i { Some(arcs.clone()) } else { None },
        )
        .flatten()
        .collect();
    assert!(arcs.iter().all(|&a| a == 1) && !arcs.is_empty(), "{arcs:?}");
    assert!(!east.items.iter().any(|i| matches!(i, Item::UserFills { .. })));

    // The zigzag's 2,000 vertices are a handful at province view (level of detail).
    let mut canvas = RecordingCanvas::default();
    draw_scene(&mut canvas, &fixture().atlas, &fixture().geometry, &s);
    let line_color = style::rgb(214, 39, 40);
    let stroked: usize = canvas
        .primitives
        .iter()
        .filter_map(|p| {
            if let Primitive::Stroke { shape, style } = p {
                (style.color == line_color).then_some(shape.points_screen.len())
            } else {
                None
            }
        })
        .sum();
    assert!(stroked > 0 && stroked < 200, "{stroked} vertices stroked");
}

#[test]
fn selected_user_features_get_the_selection_outline() {
    let shapes = lines_and_polygons(3);
    let points = points_layer(4, 50);
    let layers = [drawn(&shapes, LayerStyle::default()), drawn(&points, LayerStyle::default())];
    let view = view_at([113.0, 23.0], 8.0);
    let zone = Subject::Feature(FeatureKey { layer: 3, feature: 2 });
    let s = scene(view, &layers, Some(&zone));
    assert!(s.items.iter().any(|i| matches!(i, Item::UserRings { layer: 0, shape: 0, style } if *style == style::SELECTION_OUTLINE)));
    let road = Subject::Feature(FeatureKey { layer: 3, feature: 0 });
    let s = scene(view, &layers, Some(&road));
    assert!(s.items.iter().any(|i| matches!(i, Item::UserLines { arcs, style, .. } if *arcs == vec![0] && style.color == style::SELECTION_OUTLINE.color)));
    let site = Subject::Feature(FeatureKey { layer: 4, feature: 7 });
    let s = scene(view, &layers, Some(&site));
    let rings: Vec<&Item> =
        s.items.iter().filter(|i| matches!(i, Item::UserPointRing { .. })).collect();
    assert_eq!(rings.len(), 1);
    let other_layer = Subject::Feature(FeatureKey { layer: 99, feature: 7 });
    let s = scene(view, &layers, Some(&other_layer));
    assert!(!s
        .items
        .iter()
        .any(|i| matches!(i, Item::UserPointRing { .. } | Item::UserRings { .. })));
}

#[test]
fn feature_labels_come_from_the_label_attribute_when_drawn_one_by_one() {
    let layer = points_layer(1, 20);
    let style = LayerStyle { label: Some("name".into()), ..LayerStyle::default() };
    let s = scene(view_at([113.5, 23.0], 9.0), &[drawn(&layer, style)], None);
    let names = s
        .items
        .iter()
        .filter(|i| matches!(i, Item::Label(l) if l.text.starts_with("site ")))
        .count();
    assert!(names > 0 && names <= 20, "{names} labels");
}

#[test]
fn png_svg_and_recording_canvases_draw_user_layers_and_their_legend() {
    let points = points_layer(1, 200);
    let shapes = lines_and_polygons(3);
    let mut request =
        ExportRequest::new([800, 500], province_extent(&fixture().atlas).expect("province"));
    request.scene.layers.towns = false;
    request.user_layers = vec![drawn(&shapes, LayerStyle::default()), drawn(&points, categories())];
    let (svg, _) =
        render(&fixture().atlas, &fixture().geometry, &request, Format::Svg).expect("svg");
    let svg = String::from_utf8(svg).expect("utf-8");
    assert!(
        svg.contains("class=\"user-layer\" data-code=\"sites.csv\""),
        "points tagged with the layer"
    );
    assert!(svg.contains("data-code=\"plan.geojson\""), "zone tagged with its layer");
    // Lines and polygons with the geometry; points over the markers and labels, in a group of
    // their own.
    assert!(
        svg.contains("<g id=\"user-layer-0\">") && svg.contains("<g id=\"user-layer-1-points\">")
    );
    assert!(
        svg.contains(">sites.csv — kind</text>") && svg.contains(">factory (134)</text>"),
        "legend rows"
    );
    assert!(svg.contains("sites.csv (user data)"), "credited");

    let composition = compose(&fixture().atlas, &fixture().geometry, &request).expect("compose");
    let pixmap = render_pixmap(&fixture().atlas, &fixture().geometry, &composition).expect("png");
    let zone_centre =
        composition.view.screen_from_mercator().apply(mercator_from_lonlat([112.75, 22.4]));
    let px = pixmap
        .pixel((zone_centre[0] * composition.dpr) as u32, (zone_centre[1] * composition.dpr) as u32)
        .expect("in the image");
    assert!(
        px.red() > px.green() + 40 && px.red() > px.blue() + 40,
        "the zone is tinted red: {px:?}"
    );

    let mut canvas = RecordingCanvas::default();
    draw_scene(&mut canvas, &fixture().atlas, &fixture().geometry, &composition.scene);
    let circles = canvas.primitives.iter().filter(|p| matches!(p, Primitive::Fill { class: Some(c), code: Some(n), .. } if c == "user-layer" && n == "sites.csv")).count();
    assert_eq!(circles, 200, "one circle per point");
}

#[test]
fn features_and_bins_are_picked_by_screen_position() {
    let shapes = lines_and_polygons(3);
    let points = points_layer(4, 50);
    let layers = [drawn(&shapes, LayerStyle::default()), drawn(&points, LayerStyle::default())];
    let view = view_at([113.0, 23.0], 8.0);
    let t = view.screen_from_mercator();
    // Points are stored in Z order: find feature 7's point.
    let seven =
        points.data.points.feature.iter().position(|&f| f == 7).expect("feature 7 has a point");
    let site = t.apply(points.data.points.mercator[seven]);
    assert_eq!(
        pick_feature(&layers, &view, [site[0] + 2.0, site[1]]),
        Some(FeatureKey { layer: 4, feature: 7 })
    );
    let road = t.apply(mercator_from_lonlat([112.5, 24.0002]));
    assert_eq!(
        pick_feature(&layers, &view, [road[0], road[1] + 3.0]),
        Some(FeatureKey { layer: 3, feature: 0 })
    );
    let zone = t.apply(mercator_from_lonlat([112.6, 22.25]));
    assert_eq!(pick_feature(&layers, &view, zone), Some(FeatureKey { layer: 3, feature: 2 }));
    let sea = t.apply(mercator_from_lonlat([112.0, 21.0]));
    assert_eq!(pick_feature(&layers, &view, sea), None);

    let many = points_layer(5, POINTS_INDIVIDUAL_MAX + 5_000);
    let binned = [drawn(&many, LayerStyle::default())];
    let province = province_view();
    let s = scene(province, &binned, None);
    let bin = *bins_of(&s).into_iter().max_by_key(|b| b.count).expect("bins");
    let at = province.screen_from_mercator().apply(bin.mercator);
    assert_eq!(pick_feature(&binned, &province, at), None, "a bin is not a feature");
    let hit = pick_bin(&s, &province, at).expect("the bin");
    assert_eq!((hit.layer, hit.count), (5, bin.count));
}

#[test]
fn export_layer_arguments_are_checked_and_a_bad_file_is_one_line_naming_it() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gd-atlas"))
            .arg("export")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("GD_ATLAS_DATA")
            .output()
            .expect("the binary runs")
    };
    let out = std::env::temp_dir().join(format!("gd-atlas-layer-draw-{}.png", std::process::id()));
    let out = out.to_str().expect("utf-8 path");
    let o = run(&["--out", out, "--layer", "a.geojson", "--layer-crs", "mars2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--layer-crs \"mars2\""));
    let o = run(&[
        "--out",
        out,
        "--layer",
        "a.geojson",
        "--layer",
        "b.geojson",
        "--layer-crs",
        "gcj02",
        "--layer-crs",
        "bd09",
        "--layer-crs",
        "wgs84",
    ]);
    assert_eq!(o.status.code(), Some(2), "three systems for two layers");
    let o = run(&[
        "--out",
        out,
        "--width",
        "400",
        "--height",
        "300",
        "--layer",
        "no-such-layer.geojson",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("no-such-layer.geojson"), "{stderr}");
    assert!(!Path::new(out).exists());
}

/// The window's path: the geometry pass (fills, specks, lines) lands in the cached mesh, the
/// points and bins (drawn over the markers and labels) in a cached mesh of their own, so a frame
/// that only pans draws the layer at no extra cost.
#[test]
fn the_window_mesh_holds_the_user_layers() {
    let shapes = lines_and_polygons(3);
    let many = points_layer(5, POINTS_INDIVIDUAL_MAX + 1_000);
    let layers = [drawn(&shapes, LayerStyle::default()), drawn(&many, categories())];
    let view = province_view();
    let ctx = egui::Context::default();
    ctx.run_ui(egui::RawInput::default(), |ui| {
        let f = fixture();
        let with = gd_atlas::map::paint::paint_scene(
            ui.painter(),
            &f.atlas,
            &f.geometry,
            scene(view, &layers, None),
        );
        let without = gd_atlas::map::paint::paint_scene(
            ui.painter(),
            &f.atlas,
            &f.geometry,
            scene(view, &[], None),
        );
        let bins = bins_of(&with.scene).len();
        assert!(
            with.mesh.vertices.len() > without.mesh.vertices.len(),
            "lines and polygons in the geometry mesh"
        );
        // Each bin is a filled circle of at least 24 vertices.
        assert!(
            with.user_points.vertices.len() > 24 * bins,
            "{} vertices for {bins} bins",
            with.user_points.vertices.len()
        );
        assert!(without.user_points.vertices.is_empty());
    })
    .drop_without_applying_deltas();
}

/// Issue 19 QA: beyond the basemap's extent the ground is plain paper, painted first, so a
/// planner's zone out there (in Guangxi, west of 109.2° E) is drawn as strongly as one inside —
/// the grey veil that used to end the basemap was painted over the user's layers too.
#[test]
fn a_user_zone_beyond_the_basemap_is_not_veiled() {
    let mut b = LayerBuilder::new(
        "guangxi.geojson".into(),
        "GeoJSON".into(),
        Crs::Wgs84,
        vec!["name".into()],
        false,
    );
    let ring =
        |x: f64, y: f64| vec![[x, y], [x + 0.3, y], [x + 0.3, y + 0.3], [x, y + 0.3], [x, y]];
    let outside = b.push_feature(0, ["beyond"]);
    b.push_polygons(outside, vec![vec![ring(108.8, 24.2)]]);
    let inside = b.push_feature(1, ["inside"]);
    b.push_polygons(inside, vec![vec![ring(112.5, 24.2)]]);
    let layer = Arc::new(UserLayer::new(9, b.finish()));
    let mut request =
        ExportRequest::new([960, 540], province_extent(&fixture().atlas).expect("province"));
    request.scene.layers = gd_atlas::scene::layers::Layers::none();
    request.furniture.legend = false;
    request.user_layers = vec![drawn(&layer, LayerStyle::default())];
    let comp = compose(&fixture().atlas, &fixture().geometry, &request).expect("compose");
    let pixmap = render_pixmap(&fixture().atlas, &fixture().geometry, &comp).expect("png");
    let at = |lonlat: [f64; 2]| {
        let p = comp.view.screen_from_mercator().apply(mercator_from_lonlat(lonlat));
        let px = pixmap.pixel((p[0] * comp.dpr) as u32, (p[1] * comp.dpr) as u32).expect("inside");
        [px.red(), px.green(), px.blue()]
    };
    let beyond = at([108.95, 24.35]);
    assert!(beyond[0] > beyond[1] + 40 && beyond[0] > beyond[2] + 40, "tinted red: {beyond:?}");
    let within = at([112.65, 24.35]);
    assert!(within[0] > within[1] + 40, "{within:?}");
}
