//! The exporters, called as a library (fast in debug): sizes, fill colours at interior points,
//! furniture placement, the scale bar against an independent haversine distance, SVG structure
//! and byte-identical output; the SVG against the recording canvas (same primitives); and what
//! `SceneInput` decides for every painter (level of detail, legend styles).

use std::path::Path;
use std::sync::OnceLock;

use gd_atlas::export::extent::{mercator_of_lonlat_bbox, province_extent, region_extent};
use gd_atlas::export::presets::PRESETS;
use gd_atlas::export::{compose, render, render_pixmap, Composition, ExportRequest, Format};
use gd_atlas::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use gd_atlas::i18n::Lang;
use gd_atlas::model::{Atlas, DataSource, Level, Subject};
use gd_atlas::scene::basemap::Basemap;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::legend::LegendSymbol;
use gd_atlas::scene::style;
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, LodPolicy, Scene, SceneGeometry, SceneInput};
use tiny_skia::Pixmap;

/// The committed atlas and its scene geometry, built once per test binary (shared with
/// `layer_draw`).
pub(crate) struct Fixture {
    pub(crate) atlas: Atlas,
    pub(crate) geometry: SceneGeometry,
}

pub(crate) fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let atlas = Atlas::load(&DataSource::from_data_dir(&data)).expect("committed data loads");
        let geometry = SceneGeometry::new(&atlas, Basemap::load(&atlas.source));
        Fixture { atlas, geometry }
    })
}

fn region_idx(code: &str) -> usize {
    fixture().atlas.region_by_code(code).unwrap_or_else(|| panic!("region {code} in the data"))
}

/// Cities and counties only: no labels, markers, rivers or towns over the fills.
fn fills_only() -> Layers {
    let mut l = Layers::none();
    l.cities = true;
    l.counties = true;
    l
}

fn pixel(p: &Pixmap, x: u32, y: u32) -> [u8; 4] {
    let c = p.pixel(x, y).expect("inside the image").demultiply();
    [c.red(), c.green(), c.blue(), c.alpha()]
}

fn luma(c: [u8; 4]) -> u32 {
    (c[0] as u32 * 299 + c[1] as u32 * 587 + c[2] as u32 * 114) / 1000
}

fn dark_pixels(p: &Pixmap, r: [u32; 4]) -> usize {
    (r[1]..r[3])
        .flat_map(|y| (r[0]..r[2]).map(move |x| (x, y)))
        .filter(|&(x, y)| luma(pixel(p, x, y)) < 90)
        .count()
}

/// Device pixel of a lon/lat in a composition.
fn device_pos(c: &Composition, lonlat: [f64; 2]) -> (u32, u32) {
    let p = c.view.screen_from_mercator().apply(mercator_from_lonlat(lonlat));
    ((p[0] * c.dpr) as u32, (p[1] * c.dpr) as u32)
}

fn province_request(size_px: [u32; 2]) -> ExportRequest {
    let mut req =
        ExportRequest::new(size_px, province_extent(&fixture().atlas).expect("province shape"));
    req.scene.layers.towns = false;
    req
}

/// PNG width and height from the IHDR chunk.
fn png_size(bytes: &[u8]) -> [u32; 2] {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let be = |o: usize| u32::from_be_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    [be(16), be(20)]
}

#[test]
fn presets_give_their_dimensions() {
    let f = fixture();
    for preset in PRESETS {
        let mut req = province_request(preset.size_px);
        req.scene.layers = fills_only();
        let (bytes, comp) = render(&f.atlas, &f.geometry, &req, Format::Png).expect("renders");
        assert_eq!(png_size(&bytes), preset.size_px, "{}", preset.key);
        assert_eq!(comp.size_px, preset.size_px);
        // Text must scale with the image: a 4K figure is not a 1080p layout with tiny text.
        assert!(comp.dpr >= preset.size_px[0] as f32 / 1920.0, "{} dpr {}", preset.key, comp.dpr);
    }
}

#[test]
fn county_interiors_have_their_city_fill() {
    let f = fixture();
    let mut req = ExportRequest::new(
        [900, 600],
        region_extent(&f.atlas, region_idx("441200")).expect("Zhaoqing shape"),
    );
    req.scene.layers = fills_only();
    req.furniture.legend = false;
    req.furniture.credits = false;
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
    let pixmap = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");
    // Gaoyao (Zhaoqing) and Sanshui (Foshan) lie side by side in this view.
    let cases = [("441204", "441200"), ("441224", "441200"), ("440607", "440600")];
    for (county, city) in cases {
        let lonlat = f.geometry.label_point(&f.atlas, region_idx(county)).expect("interior point");
        let (x, y) = device_pos(&comp, lonlat);
        assert_eq!(
            pixel(&pixmap, x, y),
            style::city_fill(city),
            "county {county} at {lonlat:?} → pixel ({x},{y})"
        );
    }
    assert_ne!(
        style::city_fill("441200"),
        style::city_fill("440600"),
        "the test needs two different fills"
    );

    // The highlight tints the selected region and nothing else.
    req.scene.selection = Some(Subject::Region("441204".into()));
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
    let tinted = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");
    let gaoyao =
        device_pos(&comp, f.geometry.label_point(&f.atlas, region_idx("441204")).expect("point"));
    let sihui =
        device_pos(&comp, f.geometry.label_point(&f.atlas, region_idx("441284")).expect("point"));
    assert_ne!(pixel(&tinted, gaoyao.0, gaoyao.1), style::city_fill("441200"));
    assert_eq!(pixel(&tinted, sihui.0, sihui.1), style::city_fill("441200"));
}

#[test]
fn legend_scale_bar_and_north_arrow_are_where_expected() {
    let f = fixture();
    let full_req = province_request([960, 540]);
    let full_comp = compose(&f.atlas, &f.geometry, &full_req).expect("composes");
    let full = render_pixmap(&f.atlas, &f.geometry, &full_comp).expect("renders");
    let boxes: Vec<(&str, [u32; 4])> = full_comp
        .layout
        .overlay_boxes()
        .into_iter()
        .map(|(name, r)| (name, full_comp.device_rect(r)))
        .collect();
    for piece in ["legend", "scale_bar", "north_arrow"] {
        let (_, b) =
            *boxes.iter().find(|(n, _)| *n == piece).unwrap_or_else(|| panic!("{piece} laid out"));
        assert!(b[2] > b[0] + 10 && b[3] > b[1] + 10, "{piece} box {b:?}");
        // Inside the map, in its corner: legend and arrow on the right, scale bar on the left.
        let map = full_comp.device_rect(full_comp.layout.map);
        assert!(
            b[0] >= map[0] && b[1] >= map[1] && b[2] <= map[2] && b[3] <= map[3],
            "{piece} {b:?} outside map {map:?}"
        );
        let mid_x = (map[0] + map[2]) / 2;
        assert_eq!(piece == "scale_bar", b[2] < mid_x, "{piece} on the wrong side: {b:?}");
        assert!(dark_pixels(&full, b) > 20, "{piece}: no ink in {b:?}");

        let mut req = full_req.clone();
        match piece {
            "legend" => req.furniture.legend = false,
            "scale_bar" => req.furniture.scale_bar = false,
            _ => req.furniture.north_arrow = false,
        }
        let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
        assert!(comp.layout.overlay_boxes().iter().all(|(n, _)| *n != piece));
        let without = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");
        let (mut inside_changed, mut outside_changed) = (0, 0);
        for y in 0..540 {
            for x in 0..960 {
                let inside = x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
                if pixel(&full, x, y) != pixel(&without, x, y) {
                    if inside {
                        inside_changed += 1;
                    } else {
                        outside_changed += 1;
                    }
                }
            }
        }
        assert_eq!(outside_changed, 0, "{piece}: turning it off changed pixels outside its box");
        let area = ((b[2] - b[0]) * (b[3] - b[1])) as usize;
        assert!(
            inside_changed * 4 > area,
            "{piece}: only {inside_changed} of {area} pixels changed"
        );
    }
}

fn haversine_m(a: [f64; 2], b: [f64; 2]) -> f64 {
    let r = 6_371_008.8;
    let (la1, la2) = (a[1].to_radians(), b[1].to_radians());
    let dlat = la2 - la1;
    let dlon = (b[0] - a[0]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

/// Parses "50 km" / "500 m".
fn label_metres(label: &str) -> f64 {
    let (num, unit) = label.split_once(' ').expect("number and unit");
    let v: f64 = num.parse().expect("number");
    match unit {
        "km" => v * 1000.0,
        "m" => v,
        other => panic!("unit {other}"),
    }
}

#[test]
fn scale_bar_length_matches_ground_distance_at_centre_latitude() {
    let f = fixture();
    // A southern and a northern view: the bar must follow the centre latitude.
    for lonlat_bbox in
        [[109.6, 20.2, 111.2, 21.6], [112.8, 24.2, 114.6, 25.5], [112.2, 22.7, 112.9, 23.3]]
    {
        let mut req = ExportRequest::new([1000, 700], mercator_of_lonlat_bbox(lonlat_bbox));
        req.scene.layers = Layers::none();
        req.dpr = Some(1.25);
        let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
        let pixmap = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");
        let bar_box = comp.layout.scale_bar.as_ref().expect("scale bar");
        let b = comp.device_rect(bar_box.rect);
        // The bar's outline is the longest dark horizontal run in its box.
        let mut longest = 0u32;
        for y in b[1]..b[3] {
            let mut run = 0;
            for x in b[0]..b[2] {
                run = if luma(pixel(&pixmap, x, y)) < 128 { run + 1 } else { 0 };
                longest = longest.max(run);
            }
        }
        let length_logical = longest as f64 / comp.dpr as f64;
        let c = comp.view.center_screen();
        let t = comp.view.screen_from_mercator();
        let west =
            lonlat_from_mercator(t.inverse([(c[0] - length_logical / 2.0) as f32, c[1] as f32]));
        let east =
            lonlat_from_mercator(t.inverse([(c[0] + length_logical / 2.0) as f32, c[1] as f32]));
        let ground = haversine_m(west, east);
        let stated = label_metres(&bar_box.bar.label);
        let error = (ground - stated).abs() / stated;
        assert!(longest > 60, "bar too short to measure: {longest} px");
        assert!(error < 0.02, "{lonlat_bbox:?}: bar {longest} px = {ground:.0} m on the ground, label says {} ({:.2} %)", bar_box.bar.label, error * 100.0);
    }
}

#[test]
fn svg_is_well_formed_with_one_path_per_visible_region_and_text_as_text() {
    let f = fixture();
    let mut req = province_request([800, 500]);
    req.scene.lang = Lang::Zh;
    req.furniture.title = "广东省 <R&D> \"地图\"".into();
    let (bytes, comp) = render(&f.atlas, &f.geometry, &req, Format::Svg).expect("renders");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("800"));

    let view_bbox = comp.view.bbox_mercator();
    let mut expected: Vec<String> = f
        .atlas
        .regions_of_level(Level::City)
        .iter()
        .filter_map(|&i| {
            let r = &f.atlas.regions[i];
            let b = f.atlas.topology.shapes[r.shape?].bbox_mercator.to_array();
            (b[0] <= view_bbox[2]
                && view_bbox[0] <= b[2]
                && b[1] <= view_bbox[3]
                && view_bbox[1] <= b[3])
                .then(|| r.code.clone())
        })
        .collect();
    expected.sort();
    let mut found: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("region-fill"))
        .map(|n| {
            assert_eq!(n.attribute("fill-rule"), Some("evenodd"));
            n.attribute("data-code").expect("data-code").to_string()
        })
        .collect();
    found.sort();
    assert_eq!(found.len(), 21, "Guangdong has 21 prefecture cities");
    assert_eq!(found, expected);

    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    assert!(texts.iter().any(|t| t == "广东省 <R&D> \"地图\""), "title as text: {texts:?}");
    assert!(texts.iter().any(|t| t == "肇庆市"), "city names as text");
    assert!(texts.iter().any(|t| t == "图例"), "legend heading as text");
    assert!(texts.iter().any(|t| t.contains("OpenStreetMap")), "credits as text");
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let f = fixture();
    let mut req = ExportRequest::new(
        [640, 400],
        region_extent(&f.atlas, region_idx("441204")).expect("Gaoyao"),
    );
    req.furniture.title = "高要区".into();
    let a = render(&f.atlas, &f.geometry, &req, Format::Png).expect("renders").0;
    let b = render(&f.atlas, &f.geometry, &req, Format::Png).expect("renders").0;
    assert!(a == b, "two PNG renders differ");
    let s1 = render(&f.atlas, &f.geometry, &req, Format::Svg).expect("renders").0;
    let s2 = render(&f.atlas, &f.geometry, &req, Format::Svg).expect("renders").0;
    assert!(s1 == s2, "two SVG renders differ");
    // …and different inputs do not.
    req.scene.selection = Some(Subject::Region("441204115".into()));
    let c = render(&f.atlas, &f.geometry, &req, Format::Png).expect("renders").0;
    assert!(a != c, "the highlight changed nothing");
}

/// What an SVG element or a recorded call draws, in words: kind, group path, colour, size of the
/// path (parts and points) or the text and its anchor. Equal descriptions mean equal drawings.
fn describe_svg(node: roxmltree::Node) -> Option<String> {
    let groups: Vec<&str> = node
        .ancestors()
        .filter(|a| a.has_tag_name("g"))
        .filter_map(|g| g.attribute("id"))
        .collect();
    let groups = groups.into_iter().rev().collect::<Vec<_>>().join("/");
    let attr = |name: &str| node.attribute(name).unwrap_or("-");
    let path_size = |d: &str| {
        format!("parts={} points={}", d.matches('M').count(), d.matches(['M', 'L']).count())
    };
    match node.tag_name().name() {
        "path" if node.attribute("fill") != Some("none") => Some(format!(
            "{groups} fill {}/{} {} class={} code={}",
            attr("fill"),
            attr("fill-opacity"),
            path_size(attr("d")),
            attr("class"),
            attr("data-code")
        )),
        "path" => Some(format!(
            "{groups} stroke {}/{} width={:.2} dash={} {}",
            attr("stroke"),
            attr("stroke-opacity"),
            attr("stroke-width").parse::<f32>().expect("stroke width"),
            attr("stroke-dasharray"),
            path_size(attr("d"))
        )),
        "text" => Some(format!(
            "{groups} text {:?} x={:.2} anchor={} fill={}",
            node.text().unwrap_or(""),
            attr("x").parse::<f32>().expect("x"),
            attr("text-anchor"),
            attr("fill")
        )),
        _ => None,
    }
}

fn describe_recording(primitives: &[gd_atlas::render::recording::Primitive]) -> Vec<String> {
    use gd_atlas::render::canvas::{HAlign, Polylines};
    use gd_atlas::render::recording::Primitive;
    use gd_atlas::scene::style::{Color, Dash};
    let hex = |c: Color| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let alpha = |c: Color| {
        if c[3] == 255 {
            "-".to_string()
        } else {
            format!("{:.3}", c[3] as f32 / 255.0)
        }
    };
    let size = |s: &Polylines| format!("parts={} points={}", s.parts.len(), s.points_screen.len());
    let mut groups: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for p in primitives {
        let g = groups.join("/");
        match p {
            Primitive::BeginGroup(id) => groups.push(id),
            Primitive::EndGroup => {
                groups.pop();
            }
            // The SVG ends at the figure's edge: it needs no clip (see `Canvas::clip_to`).
            Primitive::Clip(_) | Primitive::EndClip => {}
            // The SVG writes nothing for an empty shape.
            Primitive::Fill { shape, .. } | Primitive::Stroke { shape, .. } if shape.is_empty() => {
            }
            Primitive::Fill { shape, color, class, code } => out.push(format!(
                "{g} fill {}/{} {} class={} code={}",
                hex(*color),
                alpha(*color),
                size(shape),
                class.as_deref().unwrap_or("-"),
                code.as_deref().unwrap_or("-")
            )),
            Primitive::Stroke { shape, style } => {
                let (width, dash) = match style.dash {
                    Dash::Solid => (style.width, "-".to_string()),
                    Dash::Dashed { on, off } => (style.width, format!("{on:.2} {off:.2}")),
                    Dash::Dotted { spacing } => (style.width * 1.2, format!("0.01 {spacing:.2}")),
                };
                out.push(format!(
                    "{g} stroke {}/{} width={width:.2} dash={dash} {}",
                    hex(style.color),
                    alpha(style.color),
                    size(shape)
                ));
            }
            Primitive::Text { text, pos_screen, align, color, .. } => {
                let anchor = match align {
                    HAlign::Left => "start",
                    HAlign::Center => "middle",
                    HAlign::Right => "end",
                };
                out.push(format!(
                    "{g} text {text:?} x={:.2} anchor={anchor} fill={}",
                    pos_screen[0],
                    hex(*color)
                ));
            }
        }
    }
    out
}

#[test]
fn svg_and_recording_canvas_draw_the_same_primitives() {
    use gd_atlas::render::recording::{Primitive, RecordingCanvas};
    let f = fixture();
    let mut req = ExportRequest::new(
        [900, 640],
        region_extent(&f.atlas, region_idx("441200")).expect("Zhaoqing shape"),
    );
    req.scene.selection = Some(Subject::Region("441204".into()));
    req.furniture.title = "肇庆市 <Zhaoqing>".into();
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");

    let mut recording = RecordingCanvas::default();
    gd_atlas::export::paint(&mut recording, &f.atlas, &f.geometry, &comp);
    let face = gd_atlas::render::text::typeface().expect("font");
    let mut svg = gd_atlas::render::svg::SvgCanvas::new(comp.size_px, comp.dpr, face);
    gd_atlas::export::paint(&mut svg, &f.atlas, &f.geometry, &comp);
    let text = svg.finish();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");

    let from_svg: Vec<String> = doc.descendants().filter_map(describe_svg).collect();
    let recorded = describe_recording(&recording.primitives);
    assert_eq!(from_svg.len(), recorded.len(), "as many SVG elements as drawing calls");
    for (i, (s, r)) in from_svg.iter().zip(&recorded).enumerate() {
        assert_eq!(s, r, "primitive {i} differs");
    }
    // The figure is a real one: fills, strokes and texts of the map and its furniture.
    let count =
        |pred: fn(&Primitive) -> bool| recording.primitives.iter().filter(|p| pred(p)).count();
    assert!(
        count(|p| matches!(p, Primitive::Fill { class: Some(c), .. } if c == "region-fill")) >= 2
    );
    assert!(count(|p| matches!(p, Primitive::Stroke { .. })) > 10);
    // The highlighted region is labelled in the selection's colour (a figure cannot be clicked).
    let highlighted = recording.primitives.iter().find_map(|p| match p {
        Primitive::Text { text, color, .. } if text == "Gaoyao District" => Some(*color),
        _ => None,
    });
    assert_eq!(highlighted, Some(style::SELECTION_OUTLINE.color));
    assert!(from_svg.iter().any(|d| d.starts_with("furniture text")), "furniture in its group");
}

/// A scene of Zhaoqing at `zoom` as the window (`interactive`) or a figure builds it.
fn zhaoqing_scene(
    geometry: &SceneGeometry,
    zoom: f64,
    interactive: bool,
    lod_policy: LodPolicy,
    lod_bias: f64,
) -> Scene {
    let f = fixture();
    let mut view = View::fit(
        region_extent(&f.atlas, region_idx("441200")).expect("Zhaoqing"),
        [0.0, 0.0, 1000.0, 700.0],
        0.0,
    );
    view.zoom = zoom;
    let request = gd_atlas::scene::SceneRequest { force_towns: true, ..Default::default() };
    build_scene(&SceneInput {
        interactive,
        lod_bias,
        lod_policy,
        ..SceneInput::new(&f.atlas, geometry, view, &request)
    })
}

#[test]
fn scene_input_chooses_the_level_of_detail() {
    let f = fixture();
    let geometry = SceneGeometry::new(&f.atlas, Basemap::load(&f.atlas.source));
    assert_eq!(zhaoqing_scene(&geometry, 9.2, false, LodPolicy::Exact, 0.0).lod, 9);
    assert_eq!(
        zhaoqing_scene(&geometry, 9.2, false, LodPolicy::Exact, 1.0).lod,
        10,
        "device pixels twice as fine"
    );
    // Nothing is triangulated yet: the wanted level is built on demand.
    assert_eq!(zhaoqing_scene(&geometry, 9.2, true, LodPolicy::NearestReady, 0.0).lod, 9);
    geometry.warm(&f.atlas, 5);
    assert_eq!(
        zhaoqing_scene(&geometry, 9.2, true, LodPolicy::NearestReady, 0.0).lod,
        5,
        "nearest coarser ready level"
    );
    assert_eq!(zhaoqing_scene(&geometry, 9.2, false, LodPolicy::Exact, 0.0).lod, 9);
}

#[test]
fn legend_shows_approximate_towns_in_the_style_the_scene_draws_them() {
    let f = fixture();
    let approx_symbol = |scene: &Scene| {
        scene
            .legend_entries(Lang::En)
            .into_iter()
            .find(|e| e.label.starts_with("Approximate town area"))
            .map(|e| e.symbol)
    };
    // From afar the window draws approximate borders light and solid; figures always dash them.
    let window = zhaoqing_scene(&f.geometry, 9.0, true, LodPolicy::Exact, 0.0);
    assert_eq!(window.approx_town_style, style::TOWN_OUTLINE_APPROX_FAR);
    assert_eq!(approx_symbol(&window), Some(LegendSymbol::Line(style::TOWN_OUTLINE_APPROX_FAR)));
    let figure = zhaoqing_scene(&f.geometry, 9.0, false, LodPolicy::Exact, 0.0);
    assert_eq!(approx_symbol(&figure), Some(LegendSymbol::Line(style::TOWN_OUTLINE_APPROX)));
    let near = zhaoqing_scene(&f.geometry, 11.0, true, LodPolicy::Exact, 0.0);
    assert_eq!(approx_symbol(&near), Some(LegendSymbol::Line(style::TOWN_OUTLINE_APPROX)));
    // …and the notes describe them as drawn.
    assert!(figure
        .notes(Lang::En, &figure.view)
        .iter()
        .any(|n| n.starts_with("Dashed town areas are approximate")));
    assert!(window
        .notes(Lang::En, &window.view)
        .iter()
        .any(|n| n.starts_with("Thin light town borders are approximate")));
}

/// A county theme from a small table: Gaoyao far above the other Zhaoqing counties, Dongguan
/// (a city without counties, a unit of county themes), and no row for Sihui (no data).
fn zhaoqing_theme(dir_name: &str) -> gd_atlas::theme::Theme {
    zhaoqing_theme_in(dir_name, None)
}

/// [`zhaoqing_theme`] in `palette` (the default one when `None`).
fn zhaoqing_theme_in(dir_name: &str, palette: Option<&str>) -> gd_atlas::theme::Theme {
    use gd_atlas::theme::{AttributeSpec, Theme, ThemeLevel, ThemeSpec};
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-theme-{}-{dir_name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("gdp.csv");
    let csv = "区县,GDP\n高要区,9000\n端州区,100\n鼎湖区,200\n广宁县,300\n怀集县,400\n封开县,500\n德庆县,600\n东莞市,8000\n";
    std::fs::write(&path, csv).expect("write table");
    let source = AttributeSpec::Table {
        path,
        sheet: None,
        column: "GDP".into(),
        key: None,
        parent: None,
        level: Some(ThemeLevel::County),
    };
    let mut spec = ThemeSpec::new(source);
    spec.classes = 3;
    if let Some(palette) = palette {
        spec.palette = palette.to_string();
    }
    Theme::build(&fixture().atlas, spec).expect("the table joins and classifies")
}

/// WCAG contrast ratio of two opaque colours (1 to 21).
fn contrast(a: style::Color, b: style::Color) -> f64 {
    let lum = |c: style::Color| {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A selected county over a choropleth of reds (the QA pass could not see its red outline):
/// its outline is drawn on a wider white casing, in a colour that contrasts with its class
/// colour, in every palette; without a theme it keeps its red, cased too. Its name on the map
/// takes the same colour (the QA could not read a red name on red-orange while presenting).
#[test]
fn the_selection_outline_contrasts_with_any_theme_fill() {
    use gd_atlas::export::SharedTheme;
    use gd_atlas::scene::{Item, Topo};
    let f = fixture();
    let gaoyao = region_idx("441204");
    let shape = f.atlas.regions[gaoyao].shape.expect("Gaoyao has a shape");
    for palette in [Some("YlOrRd"), Some("OrRd"), Some("Greens"), None] {
        let mut req = ExportRequest::new(
            [900, 600],
            region_extent(&f.atlas, region_idx("441200")).expect("Zhaoqing shape"),
        );
        req.scene.selection = Some(Subject::Region("441204".into()));
        let class_colour = palette.map(|p| {
            let theme = zhaoqing_theme_in(&format!("outline-{p}"), Some(p));
            let fill = style::theme_fill(theme.fill(gaoyao).expect("Gaoyao is a unit"));
            req.theme = Some(SharedTheme(std::sync::Arc::new(theme)));
            fill
        });
        let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
        let strokes: Vec<style::LineStyle> = comp
            .scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rings { topo: Topo::Regions, shape: s, style } if *s == shape => Some(*style),
                _ => None,
            })
            .collect();
        let [casing, outline] = strokes[..] else {
            panic!("{palette:?}: a casing and an outline: {strokes:?}")
        };
        assert!(
            casing.color == [255, 255, 255, 255] && casing.width >= outline.width + 2.0,
            "{palette:?}: a white casing under the outline: {strokes:?}"
        );
        let name = comp.scene.items.iter().find_map(|i| match i {
            Item::Label(l) if l.text == "Gaoyao District" => Some(l.color),
            _ => None,
        });
        assert_eq!(name, Some(outline.color), "{palette:?}: the name takes the outline's colour");
        match class_colour {
            Some(fill) => assert!(
                contrast(outline.color, fill) >= 3.0,
                "{palette:?}: outline {:?} on class colour {fill:?}: contrast {:.1}",
                outline.color,
                contrast(outline.color, fill)
            ),
            None => assert_eq!(
                outline.color,
                style::SELECTION_OUTLINE.color,
                "without a theme the selection stays red"
            ),
        }
    }
}

/// The first pixel equal to `colour` within `radius` device pixels of `(x, y)`: the no-data
/// hatch may cross the exact point.
fn near_pixel_of(p: &Pixmap, (x, y): (u32, u32), radius: u32, colour: [u8; 4]) -> bool {
    (y.saturating_sub(radius)..=y + radius)
        .any(|yy| (x.saturating_sub(radius)..=x + radius).any(|xx| pixel(p, xx, yy) == colour))
}

#[test]
fn themed_counties_have_their_class_colour_and_no_data_is_grey_and_hatched() {
    use gd_atlas::export::SharedTheme;
    use gd_atlas::theme::{RegionFill, NO_DATA};
    let f = fixture();
    let theme = zhaoqing_theme("png");
    let gaoyao_fill = theme.fill(region_idx("441204")).expect("Gaoyao is a unit of the theme");
    assert!(
        matches!(gaoyao_fill, RegionFill::Class { index, .. } if index + 1 == theme.colours.len()),
        "highest class: {gaoyao_fill:?}"
    );
    assert_eq!(theme.fill(region_idx("441284")), Some(RegionFill::NoData), "Sihui has no row");
    let mut req = ExportRequest::new(
        [900, 600],
        region_extent(&f.atlas, region_idx("441200")).expect("Zhaoqing shape"),
    );
    req.scene.layers = fills_only();
    req.theme = Some(SharedTheme(std::sync::Arc::new(theme)));
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
    let pixmap = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");

    let at = |code: &str| {
        device_pos(
            &comp,
            f.geometry.label_point(&f.atlas, region_idx(code)).expect("interior point"),
        )
    };
    let class_colour = style::theme_fill(gaoyao_fill);
    assert_ne!(class_colour, style::city_fill("441200"));
    let (x, y) = at("441204");
    assert_eq!(pixel(&pixmap, x, y), class_colour, "Gaoyao at ({x},{y}) has its class colour");
    let grey = style::rgb(NO_DATA.fill[0], NO_DATA.fill[1], NO_DATA.fill[2]);
    assert!(
        near_pixel_of(&pixmap, at("441284"), 3, grey),
        "Sihui (no data) is grey near its interior point"
    );
    let (sx, sy) = at("441284");
    let hatch_near = (sy - 6..sy + 6)
        .flat_map(|yy| (sx - 6..sx + 6).map(move |xx| (xx, yy)))
        .any(|(xx, yy)| luma(pixel(&pixmap, xx, yy)) + 20 < luma(grey));
    assert!(hatch_near, "the no-data hatch is drawn over Sihui");
    assert_eq!(
        comp.scene.theme.as_ref().map(|t| t.rows.len()),
        Some(4),
        "three classes and no data"
    );
}

#[test]
fn legend_of_a_themed_figure_lists_the_classes_with_counts_then_the_layers() {
    use gd_atlas::export::SharedTheme;
    let f = fixture();
    let theme = zhaoqing_theme("legend");
    let expected: Vec<String> = theme
        .legend
        .iter()
        .map(|r| format!("{} ({})", if r.hatched { "No data" } else { &r.label }, r.count))
        .collect();
    let counts: usize = theme.legend.iter().map(|r| r.count).sum();
    let units =
        gd_atlas::theme::level::theme_units(&f.atlas, gd_atlas::theme::ThemeLevel::County).len();
    assert_eq!(counts, units, "every county-level unit counted once");
    let mut req = province_request([1200, 900]);
    req.theme = Some(SharedTheme(std::sync::Arc::new(theme)));
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
    let legend = comp.layout.legend.as_ref().expect("legend laid out");
    let labels: Vec<String> = legend
        .rows
        .iter()
        .map(|r| r.label.lines.iter().map(|l| l.0.as_str()).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(legend.rows[0].entry.symbol, LegendSymbol::Heading);
    assert_eq!(labels[0], "GDP", "the theme's title heads its section");
    assert_eq!(
        &labels[1..=expected.len()],
        &expected[..],
        "classes with bounds and counts, then no data"
    );
    assert!(
        matches!(legend.rows[expected.len()].entry.symbol, LegendSymbol::HatchedFill(..)),
        "no-data row is hatched"
    );
    assert!(
        labels[expected.len() + 1..].iter().any(|l| l == "Province boundary"),
        "the layer rows follow: {labels:?}"
    );
    // Every row inside the box; the ColorBrewer credit in the credits band.
    for row in &legend.rows {
        assert!(
            row.label.rect[1] >= legend.rect[1] && row.label.rect[3] <= legend.rect[3],
            "{row:?} outside {:?}",
            legend.rect
        );
    }
    let credits: String = comp
        .layout
        .credits
        .as_ref()
        .expect("credits")
        .lines
        .iter()
        .map(|l| l.0.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(credits.contains("ColorBrewer"), "{credits}");
    let plain = compose(&f.atlas, &f.geometry, &province_request([1200, 900])).expect("composes");
    let plain_credits: String =
        plain.layout.credits.as_ref().expect("credits").lines.iter().map(|l| l.0.clone()).collect();
    assert!(!plain_credits.contains("ColorBrewer"), "no theme, no ColorBrewer credit");
}

#[test]
fn county_theme_fills_dongguan_with_its_class_colour() {
    use gd_atlas::scene::Item;
    let f = fixture();
    let theme = zhaoqing_theme("scene");
    let dongguan = region_idx("441900");
    let fill = theme.fill(dongguan).expect("Dongguan is a unit of county themes");
    let shape = f.atlas.regions[dongguan].shape.expect("Dongguan has a shape");
    let extent = province_extent(&f.atlas).expect("province");
    let scene = build_scene(&SceneInput {
        theme: Some(&theme),
        ..SceneInput::new(
            &f.atlas,
            &f.geometry,
            View::fit(extent, [0.0, 0.0, 1000.0, 700.0], 0.0),
            &Default::default(),
        )
    });
    let fills_of = |s: usize| -> Vec<style::Color> {
        scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fill { topo: gd_atlas::scene::Topo::Regions, shape, color }
                    if *shape == s =>
                {
                    Some(*color)
                }
                _ => None,
            })
            .collect()
    };
    // The city colour first, then the class colour over it (the last fill is what shows).
    assert_eq!(
        fills_of(shape).last(),
        Some(&style::theme_fill(fill)),
        "Dongguan drawn in its class colour"
    );
    // Zhaoqing, a city with counties, keeps its city colour: its counties carry the theme.
    let zhaoqing = f.atlas.regions[region_idx("441200")].shape.expect("shape");
    assert_eq!(fills_of(zhaoqing), vec![style::city_fill("441200")]);
    // The theme's fills come before every border, marker and label.
    let last_theme_fill = scene
        .items
        .iter()
        .rposition(|i| matches!(i, Item::Fill { color, .. } if *color == style::theme_fill(fill)))
        .expect("fill");
    let first_border = scene
        .items
        .iter()
        .position(|i| matches!(i, Item::Arcs { topo: gd_atlas::scene::Topo::Regions, .. }))
        .expect("borders");
    assert!(last_theme_fill < first_border);
    assert!(scene.legend_entries(Lang::En).iter().any(|e| e.label.starts_with("No data (")));
}

/// Issue 11 §4 and issue 19 QA: a 16:9 figure of the whole province is wider than the basemap's
/// box; beyond the box (Guangxi to the west, Fujian to the east) the atlas knows neither land nor
/// sea. The figure paints neither there: plain paper, a thin frame where the basemap ends, and a
/// note that says so — where a grey veil used to leave unexplained bands.
#[test]
fn wide_province_figure_ends_its_basemap_at_a_frame_with_a_note() {
    let f = fixture();
    let mut req = province_request([960, 540]);
    req.scene.layers = fills_only();
    req.furniture.legend = false;
    let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
    let pixmap = render_pixmap(&f.atlas, &f.geometry, &comp).expect("renders");
    let sea = style::SEA;
    // Inland Guangxi (west of 109.2° E) and inland Fujian (east of 117.8° E), both inside the map.
    for lonlat in [[108.95, 24.5], [118.05, 25.2]] {
        let (x, y) = device_pos(&comp, lonlat);
        assert!(x < 960 && y < 540, "{lonlat:?} is inside the figure");
        let c = pixel(&pixmap, x, y);
        assert_ne!([c[0], c[1], c[2]], [sea[0], sea[1], sea[2]], "{lonlat:?} painted as sea");
        assert_eq!([c[0], c[1], c[2]], [255, 255, 255], "{lonlat:?} is not plain paper");
    }
    // The sea inside the basemap stays sea (south of Shanwei).
    let (x, y) = device_pos(&comp, [115.5, 22.2]);
    let c = pixel(&pixmap, x, y);
    assert_eq!([c[0], c[1], c[2]], [sea[0], sea[1], sea[2]]);
    let (en, zh) = gd_atlas::scene::basemap::BEYOND_NOTE;
    assert!(comp.scene.notes(Lang::En, &comp.scene.view).contains(&en));
    assert!(comp.scene.notes(Lang::Zh, &comp.scene.view).contains(&zh));
    // A county figure lies inside the basemap: no frame line, no note.
    let gaoyao = region_extent(&f.atlas, region_idx("441204")).expect("Gaoyao shape");
    let county =
        compose(&f.atlas, &f.geometry, &ExportRequest::new([960, 540], gaoyao)).expect("composes");
    assert!(!county.scene.notes(Lang::En, &county.scene.view).contains(&en));
}

/// The note's numbers are the extent's own (the note is a constant string: this keeps the two
/// from drifting apart).
#[test]
fn the_basemap_note_states_the_extent_it_ends_at() {
    let [w, s, e, n] = gd_atlas::scene::basemap::EXTENT_LONLAT;
    let (en, zh) = gd_atlas::scene::basemap::BEYOND_NOTE;
    assert!(en.contains(&format!("{w}–{e}°E, {s}–{n}°N")), "{en}");
    assert!(zh.contains(&format!("东经{w}°–{e}°、北纬{s}°–{n}°")), "{zh}");
}

/// A figure honours the window's scene request whole (issue 20 item 3): high contrast and the
/// reader's "only these places" were hard-coded off in exports before.
#[test]
fn exports_honour_high_contrast_and_the_readers_filter() {
    use gd_atlas::scene::Item;
    let f = fixture();
    let markers = |req: &ExportRequest| {
        compose(&f.atlas, &f.geometry, req)
            .expect("composes")
            .scene
            .items
            .iter()
            .filter(|i| matches!(i, Item::Marker(_)))
            .count()
    };
    let borders = |req: &ExportRequest| -> Vec<style::LineStyle> {
        compose(&f.atlas, &f.geometry, req)
            .expect("composes")
            .scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Arcs { style, .. } => Some(*style),
                _ => None,
            })
            .collect()
    };
    let plain = province_request([1200, 800]);
    let mut contrast = province_request([1200, 800]);
    contrast.scene.high_contrast = true;
    assert_ne!(borders(&plain), borders(&contrast), "high contrast reaches the figure");
    let mut filtered = province_request([1200, 800]);
    let one_place = f.atlas.places[0].id.clone();
    filtered.scene.only_subjects = Some(std::sync::Arc::new([one_place].into_iter().collect()));
    assert!(markers(&plain) > 1, "the plain figure has markers");
    assert_eq!(markers(&filtered), 1, "only the one place the filter keeps");
}

/// A PDF of a selected region showed a hairline along the page's clipped edge, above the title
/// and under the credits (issue 19 QA, seen again at 100 dpi in a Zhaoqing and a Gaoyao PDF):
/// the map was drawn past its frame under the white bands. The map is now drawn inside its
/// frame only — the scene between one clip to the map's rectangle and its end, the furniture
/// after it.
#[test]
fn the_map_is_drawn_inside_its_frame_only() {
    use gd_atlas::render::recording::{Primitive, RecordingCanvas};
    let f = fixture();
    for code in ["441200", "441204"] {
        let mut req =
            ExportRequest::new([1, 1], region_extent(&f.atlas, region_idx(code)).expect("a shape"))
                .on_paper(gd_atlas::export::presets::paper("a4").expect("A4"));
        req.scene.selection = Some(Subject::Region(code.into()));
        req.furniture.title = code.into();
        let comp = compose(&f.atlas, &f.geometry, &req).expect("composes");
        let mut recording = RecordingCanvas::default();
        gd_atlas::export::paint(&mut recording, &f.atlas, &f.geometry, &comp);
        let p = &recording.primitives;
        let clip = p.iter().position(|x| matches!(x, Primitive::Clip(_)));
        let end = p.iter().position(|x| matches!(x, Primitive::EndClip));
        let (Some(clip), Some(end)) = (clip, end) else {
            panic!("{code}: no clip around the map ({} primitives)", p.len())
        };
        assert_eq!(p[clip], Primitive::Clip(comp.layout.map), "{code}: clipped to the map's frame");
        assert_eq!(clip, 1, "{code}: right after the white page, before any of the map");
        let map_fills = p[clip..end]
            .iter()
            .filter(|x| matches!(x, Primitive::Fill { class: Some(c), .. } if c == "region-fill"))
            .count();
        assert!(map_fills >= 2, "{code}: the regions are drawn inside the clip");
        assert!(
            p[end..].iter().any(|x| matches!(x, Primitive::Text { text, .. } if text == code)),
            "{code}: the title is drawn after the clip ends"
        );
    }
}

/// The PNG export compresses each band on the thread that painted it (issue 21): its bytes must
/// be those of the one-thread encoder on the same pixels, for the province figure with every
/// layer, labels and furniture at an odd size (bands of unequal height, rows not a multiple of
/// eight bytes), and decode to the painted pixels.
#[test]
fn banded_png_encoding_gives_the_one_thread_bytes() {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("province");
    for size in [[1283, 717], [640, 3]] {
        let mut req = ExportRequest::new(size, extent);
        // A 3-pixel strip has no room for credits (`compose` refuses it): a map alone.
        req.furniture.credits = size[1] > 3;
        let (bytes, comp) = render(&f.atlas, &f.geometry, &req, Format::Png).expect("renders");
        let pixmap = render_pixmap(&f.atlas, &f.geometry, &comp).expect("paints");
        let one_thread = gd_atlas::render::png::encode_png(&pixmap).expect("encodes");
        assert!(bytes == one_thread, "{size:?}: banded encoding differs from the one-thread bytes");
        let mut reader = png::Decoder::new(bytes.as_slice()).read_info().expect("a PNG");
        let mut decoded = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut decoded).expect("one frame");
        assert!(decoded == pixmap.data(), "{size:?}: decodes to other pixels");
    }
}
