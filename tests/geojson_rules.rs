//! One GeoJSON decoder (issue 20 item 5): the same geometry in the atlas's own data
//! (`data/lines.geojson`, the offline basemap), in an official town file (`--towns`) and in a user
//! layer meets the same rule with the same words. Only what each caller does with a broken
//! feature differs, and that is its policy: the atlas's lines and the town file refuse the file,
//! the basemap reports the feature and draws the rest, a user layer skips it and counts it.

use crate::data_common as common;

use std::path::{Path, PathBuf};

use gd_atlas::geo::geojson::{read_features, Rule, Verdict};
use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};
use gd_atlas::model::{rows, Atlas, DataSource};
use gd_atlas::scene::basemap::Basemap;

/// A town of Gaoyao (禄步镇, 441204103) and a point inside it: a small ring there lies in its county.
const TOWN: &str = "441204103";
const SEAT: [f64; 2] = [112.28298, 23.17233];

/// `(what, geometry, the rule it breaks, the one-line issue)`.
fn cases() -> Vec<(&'static str, String, Rule, String)> {
    let [x, y] = SEAT;
    let (x1, y1) = (x + 0.004, y + 0.003);
    vec![
        (
            "a ring of two distinct vertices",
            format!(
                r#"{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y}],[{x},{y}]]]}}"#
            ),
            Rule::ShortRing,
            "ring 0 has 2 distinct vertices (a ring needs at least 3)".into(),
        ),
        (
            "a hole of two distinct vertices in a MultiPolygon",
            format!(
                r#"{{"type":"MultiPolygon","coordinates":[[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y}]],[[{x},{y}],[{x1},{y1}]]]]}}"#
            ),
            Rule::ShortRing,
            "polygon 0 ring 1 has 2 distinct vertices (a ring needs at least 3)".into(),
        ),
        (
            "a ring vertex out of range",
            format!(
                r#"{{"type":"Polygon","coordinates":[[[{x},{y}],[212.5,{y}],[{x1},{y1}],[{x},{y}]]]}}"#
            ),
            Rule::BadPosition(Verdict::OutOfRange),
            format!("ring 0 vertex 1: longitude 212.5, latitude {y} out of range (±180°, ±90°)"),
        ),
        (
            "a ring vertex that is not a position",
            format!(
                r#"{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1}],[{x1},{y1}],[{x},{y}]]]}}"#
            ),
            Rule::NotAPosition,
            "ring 0 vertex 1 is not a [longitude, latitude] position".into(),
        ),
        (
            "a polygon with no rings",
            r#"{"type":"MultiPolygon","coordinates":[[]]}"#.into(),
            Rule::NoRings,
            "polygon 0 has no rings".into(),
        ),
        (
            "an empty MultiPolygon",
            r#"{"type":"MultiPolygon","coordinates":[]}"#.into(),
            Rule::Empty,
            "geometry is empty".into(),
        ),
    ]
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-geojson-rules-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A FeatureCollection of one feature with these properties and this geometry, plus `extra`
/// features after it.
fn collection(properties: &str, geometry: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{properties},"geometry":{geometry}}}{extra}]}}"#
    )
}

/// The basemap's problems when `assets/geo/basemap/land.geojson` holds `text` (the other three
/// layers missing).
fn basemap_problems(dir: &Path, text: &str) -> Vec<String> {
    let assets = dir.join("assets");
    std::fs::create_dir_all(assets.join("geo/basemap")).expect("mkdir");
    std::fs::write(assets.join("geo/basemap/land.geojson"), text).expect("write");
    let source = DataSource::Dir { data: common::repo().join("data"), assets: Some(assets) };
    Basemap::load(&source).problems.into_iter().filter(|p| p.contains("land.geojson")).collect()
}

#[test]
fn the_same_bad_ring_gets_the_same_rule_and_words_everywhere() {
    let dir = scratch("bad");
    let mut atlas = Atlas::load(&common::committed_source()).expect("committed data loads");
    let good_point = format!(
        r#",{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[{},{}]}}}}"#,
        SEAT[0], SEAT[1]
    );
    for (what, geometry, rule, issue) in cases() {
        // The decoder's decision.
        let features = read_features(&collection("{}", &geometry, "")).expect("a collection");
        let decided = features[0].geometry.clone().map(|g| g.type_name());
        assert_eq!(decided.map_err(|i| (i.rule, i.text)), Err((rule, issue.clone())), "{what}");

        // The atlas's own data: `data/lines.geojson` refuses the file at the feature.
        let lines = rows::parse_lines(
            &collection(r#"{"id":"L9","status":"planned"}"#, &geometry, ""),
            "lines.geojson",
        )
        .map(|l| l.len());
        let lines = lines.map_err(|e| e.to_string());
        assert_eq!(
            lines,
            Err(format!("lines.geojson: feature 0 (code L9): {issue}")),
            "{what}: lines"
        );

        // The atlas's own data: the basemap reports the feature and draws the rest.
        let problems = basemap_problems(&dir, &collection("{}", &geometry, ""));
        let shown = dir.join("assets/geo/basemap/land.geojson").display().to_string();
        assert_eq!(problems, vec![format!("{shown}: feature 0: {issue}")], "{what}: basemap");

        // The official town file: refused, naming the feature and its code; the atlas unchanged.
        let towns = dir.join("towns.geojson");
        std::fs::write(&towns, collection(&format!(r#"{{"code":"{TOWN}"}}"#), &geometry, ""))
            .expect("write");
        let refused = atlas.load_user_towns(&towns).map(|t| t.replaced).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err(format!("{}: feature 0 (code {TOWN}): {issue}", towns.display())),
            "{what}: towns"
        );

        // A user layer: the feature is skipped and counted with the same words; the point is kept.
        let layer = dir.join("layer.geojson");
        std::fs::write(&layer, collection("{}", &geometry, &good_point)).expect("write");
        let data = load_layer(&LayerSpec::new(layer, Crs::Wgs84), &LoadProgress::default())
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!((data.feature_count(), data.skipped), (1, 1), "{what}: layer");
        assert_eq!(data.skipped_examples, vec![format!("feature 0: {issue}")], "{what}: layer");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_ring_left_open_with_a_repeated_vertex_is_repaired_everywhere() {
    let dir = scratch("repaired");
    // Short decimals (serde_json reads longer ones to within an ulp, not always exactly).
    let (x0, y0, x1, y1) = (112.28, 23.17, 112.286, 23.175);
    // Open (not closed) and with its second vertex written twice.
    let geometry = format!(
        r#"{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}]]]}}"#
    );
    let closed = vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

    let features = read_features(&collection("{}", &geometry, "")).expect("a collection");
    let polygons = features[0].geometry.clone().map_err(|i| i.text).and_then(|g| g.into_polygons());
    assert_eq!(polygons, Ok(vec![vec![closed.clone()]]), "the decoder repairs");

    assert!(
        basemap_problems(&dir, &collection("{}", &geometry, "")).is_empty(),
        "the basemap draws it"
    );

    let layer = dir.join("layer.geojson");
    std::fs::write(&layer, collection("{}", &geometry, "")).expect("write");
    let data = load_layer(&LayerSpec::new(layer, Crs::Wgs84), &LoadProgress::default())
        .expect("the layer loads");
    assert_eq!((data.feature_count(), data.skipped), (1, 0), "the layer keeps it");

    let towns = dir.join("towns.geojson");
    std::fs::write(&towns, collection(&format!(r#"{{"code":"{TOWN}"}}"#), &geometry, ""))
        .expect("write");
    let mut atlas = Atlas::load(&common::committed_source()).expect("committed data loads");
    assert_eq!(
        atlas.load_user_towns(&towns).map(|t| t.replaced).map_err(|e| e.to_string()),
        Ok(1),
        "the town file loads"
    );
    let town = atlas.region_by_code(TOWN).expect("the town");
    let rings = atlas.shape_rings_lonlat(atlas.regions[town].shape.expect("a shape"));
    assert_eq!(
        rings[0][0].len(),
        4,
        "four distinct vertices, the repeat dropped: {:?}",
        rings[0][0]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The decoder's two entry points (a text: town files, the atlas's data, the build; a reader:
/// user layers) hand on the same features with the same issues and end the same way — the check
/// of the `geojson` fuzz target, here over the repository's GeoJSON, the kept fuzz inputs and the
/// bad cases above.
#[test]
fn text_and_reader_entry_points_agree() {
    use gd_atlas::geo::geojson::{decode_reader, decode_str, Feature};
    use std::ops::ControlFlow;
    let repo = common::repo();
    let mut inputs: Vec<(String, Vec<u8>)> = [
        "data/lines.geojson",
        "assets/geo/basemap/rivers.geojson",
        "assets/geo/basemap/neighbours.geojson",
    ]
    .iter()
    .map(|rel| (rel.to_string(), std::fs::read(repo.join(rel)).expect("committed file")))
    .collect();
    for dir in ["tests/fixtures/fuzz/user_towns", "tests/fixtures/fuzz/user_files"] {
        for entry in std::fs::read_dir(repo.join(dir)).expect("fixture folder") {
            let path = entry.expect("entry").path();
            let is_table = path.file_name().is_some_and(|n| {
                !n.to_string_lossy().starts_with("geojson") && dir.ends_with("user_files")
            });
            if is_table {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read");
            // `user_files` inputs start with the byte that picks the reader.
            let bytes = if dir.ends_with("user_files") { bytes[1..].to_vec() } else { bytes };
            inputs.push((path.display().to_string(), bytes));
        }
    }
    for (what, geometry, _, _) in cases() {
        inputs.push((what.to_string(), collection("{}", &geometry, "").into_bytes()));
    }
    let trace = |seen: &mut Vec<String>, f: Feature| {
        seen.push(format!("{} {:?} {:?}", f.index, f.geometry, f.properties));
        ControlFlow::Continue(())
    };
    for (name, bytes) in inputs {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let (mut from_text, mut from_reader) = (Vec::new(), Vec::new());
        let a = decode_str(text, |f| trace(&mut from_text, f));
        let b = decode_reader(bytes.as_slice(), |f| trace(&mut from_reader, f));
        assert!(!from_text.is_empty(), "{name}: some feature");
        assert_eq!(from_text, from_reader, "{name}");
        assert_eq!(a, b, "{name}");
    }
}
