//! Loading a planner's own layer files (issue 10): tables in each encoding and delimiter, a
//! workbook, GeoJSON of every geometry type, GCJ-02/BD-09 conversion, the bad-input table, and
//! the GCJ-02 offset hint against the atlas's borders. Fixtures are written to a temp folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use gd_atlas::geo::china_crs::{bd09_from_wgs84, gcj02_from_wgs84};
use gd_atlas::geo::mercator::{lonlat_from_mercator, mercator_from_lonlat};
use gd_atlas::layer::{
    load_layer, looks_like_layer, offset_hint, table_columns, CoordColumns, Crs, FeatureKind,
    LayerBuilder, LayerData, LayerError, LayerSpec, LoadProgress,
};
use gd_atlas::model::{Atlas, DataSource, Level};

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-layer-load-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn load(path: &Path, crs: Crs) -> Result<LayerData, LayerError> {
    load_layer(&LayerSpec::new(path.to_path_buf(), crs), &LoadProgress::default())
}

fn loaded(path: &Path, crs: Crs) -> LayerData {
    load(path, crs).unwrap_or_else(|e| panic!("{} must load: {e}", path.display()))
}

/// Metres between two WGS84 positions (equirectangular; fine at these distances).
fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let lat = a[1].to_radians();
    let dx = (a[0] - b[0]).to_radians() * lat.cos() * 6_371_000.0;
    let dy = (a[1] - b[1]).to_radians() * 6_371_000.0;
    (dx * dx + dy * dy).sqrt()
}

/// The position of feature `feature`'s (first) point; points are stored in Z order.
fn point_lonlat(data: &LayerData, feature: usize) -> [f64; 2] {
    let i = data
        .points
        .feature
        .iter()
        .position(|&f| f as usize == feature)
        .expect("the feature has a point");
    lonlat_from_mercator(data.points.mercator[i])
}

#[test]
fn csv_with_bom_keeps_other_columns_as_attributes() {
    let dir = temp_dir("bom");
    let text = "\u{FEFF}名称,经度,纬度,类别\n广州塔,113.3245,23.1064,文旅\n\n肇庆站,１１２．４６５,23.051,交通\n\"多行\n名称\",113.0,23.0,其他\n";
    let path = write(&dir, "sites.csv", text.as_bytes());
    let data = loaded(&path, Crs::Wgs84);
    assert_eq!(data.format, "CSV, UTF-8 with BOM, comma");
    assert_eq!(data.attributes.columns, vec!["名称", "类别"]);
    assert_eq!(data.feature_count(), 3);
    assert_eq!(data.attributes.get(1, 0), "肇庆站");
    assert_eq!(data.attributes.get(2, 0), "多行\n名称");
    assert_eq!(data.attributes.get(0, 1), "文旅");
    assert!(metres(point_lonlat(&data, 1), [112.465, 23.051]) < 0.01, "full-width digits are read");
    // Rows are named by their line: the blank line 3 counts.
    assert_eq!(
        (data.feature_label(0), data.feature_label(1), data.feature_label(2)),
        ("row 2".into(), "row 4".into(), "row 5".into())
    );
    assert_eq!((data.skipped, data.kinds()), (0, vec![FeatureKind::Point]));
    assert_eq!(
        table_columns(&path),
        Ok(vec!["名称".to_string(), "经度".into(), "纬度".into(), "类别".into()])
    );
    assert!(looks_like_layer(&path));
    let theme = write(&dir, "gdp.csv", "区县,GDP\n高要区,1\n".as_bytes());
    assert!(!looks_like_layer(&theme), "a table without coordinates is a thematic table");
}

#[test]
fn gbk_semicolon_table_with_decimal_commas_and_chosen_columns() {
    let dir = temp_dir("gbk");
    let text = "2024年项目清单;;;\r\n项目;X坐标;Y坐标;投资\r\n东莞物流园;113,75;23,02;12,5\r\n江门码头;113,08;22,58;3\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let path = write(&dir, "projects.txt", &gbk);
    let spec = LayerSpec {
        columns: Some(CoordColumns { lon: "x坐标".into(), lat: "Y坐标".into() }),
        ..LayerSpec::new(path.clone(), Crs::Wgs84)
    };
    let data = load_layer(&spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.format, "TXT, GBK/GB18030, semicolon");
    assert_eq!(data.attributes.columns, vec!["项目", "投资"]);
    assert_eq!(data.attributes.get(0, 1), "12,5");
    assert!(metres(point_lonlat(&data, 0), [113.75, 23.02]) < 0.01);
    assert_eq!(data.feature_label(1), "row 4", "the title line is skipped but counted");
    // Without the chosen columns the header has none to guess.
    let err = load(&path, Crs::Wgs84).unwrap_err().0;
    assert!(
        err.contains("projects.txt: no longitude/latitude columns") && err.contains("\"X坐标\""),
        "{err}"
    );
}

#[test]
fn workbook_sheet_with_a_title_line() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layer/points.xlsx");
    let spec =
        LayerSpec { sheet: Some("企业".into()), ..LayerSpec::new(path.clone(), Crs::Wgs84) };
    let data = load_layer(&spec, &LoadProgress::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.format, "XLSX sheet \"企业\"");
    assert_eq!(data.attributes.columns, vec!["名称", "行业"]);
    assert_eq!(data.feature_count(), 2);
    assert_eq!(data.skipped_examples, vec!["row 5: 经度 \"未知\" is not a number".to_string()]);
    assert!(metres(point_lonlat(&data, 0), [113.3245, 23.1064]) < 0.01);
    // The first sheet is a note without coordinates.
    let err = load(&path, Crs::Wgs84).unwrap_err().0;
    assert!(err.contains("points.xlsx: no longitude/latitude columns"), "{err}");
}

const EVERY_GEOMETRY: &str = r#"{"type":"FeatureCollection","name":"mixed","features":[
 {"type":"Feature","properties":{"name":"site","n":7},"geometry":{"type":"Point","coordinates":[113.3,23.1]}},
 {"type":"Feature","properties":{"name":"pair","flag":true},"geometry":{"type":"MultiPoint","coordinates":[[113.0,23.0],[113.1,23.0]]}},
 {"type":"Feature","properties":{"name":"road","n":1.5},"geometry":{"type":"LineString","coordinates":[[113.0,23.0],[113.5,23.2],[114.0,23.1]]}},
 {"type":"Feature","properties":{"name":"roads","tags":{"a":[1,2]}},"geometry":{"type":"MultiLineString","coordinates":[[[112,22],[112.5,22.5]],[[112.6,22.6],[112.9,22.7]]]}},
 {"type":"Feature","properties":{"name":"zone"},"geometry":{"type":"Polygon","coordinates":[[[113,23],[113.4,23],[113.4,23.4],[113,23.4],[113,23]],[[113.1,23.1],[113.2,23.1],[113.2,23.2],[113.1,23.1]]]}},
 {"type":"Feature","properties":{"name":"parcels","n":null},"geometry":{"type":"MultiPolygon","coordinates":[[[[112,22],[112.1,22],[112.1,22.1],[112,22]]],[[[112.2,22],[112.3,22],[112.3,22.1]]]]}},
 {"type":"Feature","properties":{"name":"mixed"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[113.9,22.9]},{"type":"LineString","coordinates":[[113.9,22.9],[114,23]]}]}},
 {"type":"Feature","properties":{"name":"nowhere"},"geometry":null}
]}"#;

#[test]
fn geojson_of_every_geometry_type() {
    let dir = temp_dir("geometries");
    let path = write(&dir, "mixed.geojson", EVERY_GEOMETRY.as_bytes());
    let data = loaded(&path, Crs::Wgs84);
    assert_eq!(data.format, "GeoJSON");
    assert_eq!(data.attributes.columns, vec!["name", "n", "flag", "tags"], "first-seen key order");
    assert_eq!(data.feature_count(), 7);
    assert_eq!(data.attributes.get(0, 1), "7");
    assert_eq!(data.attributes.get(1, 2), "true");
    assert_eq!(data.attributes.get(2, 1), "1.5");
    assert_eq!(data.attributes.get(3, 3), r#"{"a":[1,2]}"#);
    assert_eq!(data.attributes.get(5, 1), "", "null is empty");
    assert_eq!(data.points.len(), 4, "Point, MultiPoint (2), and the collection's point");
    assert_eq!(data.line_feature, vec![2, 3, 3, 6]);
    assert_eq!(data.shape_feature, vec![4, 5]);
    assert_eq!(data.topology.shapes[0].polygons[0].len(), 2, "the hole is kept");
    assert_eq!(
        data.topology.shapes[1].polygons.len(),
        2,
        "the open ring of the second part was closed"
    );
    assert_eq!(data.kinds(), vec![FeatureKind::Point, FeatureKind::Line, FeatureKind::Polygon]);
    assert_eq!(
        (data.skipped, data.skipped_examples.clone()),
        (1, vec!["feature 7: no geometry".to_string()])
    );
    assert_eq!(data.feature_label(6), "feature 6");
    assert!(looks_like_layer(&path));
    // A lone Feature, and a bare geometry, with a byte-order mark.
    let single = write(&dir, "one.json", "\u{FEFF}{\"type\":\"Feature\",\"properties\":{\"k\":\"v\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,23]}}".as_bytes());
    let data = loaded(&single, Crs::Wgs84);
    assert_eq!((data.points.len(), data.attributes.get(0, 0)), (1, "v"));
    let bare = write(
        &dir,
        "bare.geojson",
        br#"{"type":"LineString","coordinates":[[113,23],[113.1,23.1]]}"#,
    );
    assert_eq!(loaded(&bare, Crs::Wgs84).line_feature, vec![0]);
}

#[test]
fn gcj02_and_bd09_files_are_converted_on_load() {
    let dir = temp_dir("crs");
    // Canton Tower, WGS84.
    let wgs84 = [113.324_52, 23.106_47];
    let gcj = gcj02_from_wgs84(wgs84);
    let bd = bd09_from_wgs84(wgs84);
    assert!(metres(gcj, wgs84) > 300.0, "the fixture really is shifted");
    let csv = format!("name,lng,lat\ntower,{},{}\n", gcj[0], gcj[1]);
    let data = loaded(&write(&dir, "amap.csv", csv.as_bytes()), Crs::Gcj02);
    assert!(metres(point_lonlat(&data, 0), wgs84) < 1.0, "{:?}", point_lonlat(&data, 0));
    assert_eq!(data.crs, Crs::Gcj02);
    let json = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[{},{}]}}}}]}}"#,
        bd[0], bd[1]
    );
    let data = loaded(&write(&dir, "baidu.geojson", json.as_bytes()), Crs::Bd09);
    assert!(metres(point_lonlat(&data, 0), wgs84) < 1.0, "{:?}", point_lonlat(&data, 0));
    let as_is = loaded(&write(&dir, "gps.csv", csv.as_bytes()), Crs::Wgs84);
    assert_eq!(as_is.points.mercator[0], mercator_from_lonlat(gcj), "WGS84 is used as is");
}

/// What loading one bad file must give.
enum Expect {
    /// Loads with this many features and skipped ones; the first skip reason contains the text.
    Ok(usize, usize, &'static str),
    /// Refused; the one-line message names the file and contains the text.
    Err(&'static str),
}

fn feature_collection(features: &[&str]) -> Vec<u8> {
    format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}", features.join(",\n"))
        .into_bytes()
}

const GOOD_POINT: &str = r#"{"type":"Feature","properties":{"id":1},"geometry":{"type":"Point","coordinates":[113.2,23.1]}}"#;

fn bad_input_cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    let fc = feature_collection;
    // The closing "\n]}" cut off: both features are complete, the list is not.
    let full = fc(&[GOOD_POINT, GOOD_POINT]);
    let truncated = full[..full.len() - 3].to_vec();
    let geometry =
        |g: &str| format!(r#"{{"type":"Feature","properties":{{"id":2}},"geometry":{g}}}"#);
    // A feature skipped, then the file cut off inside the next one.
    let whole = fc(&[
        GOOD_POINT,
        &geometry(r#"{"type":"Polygon","coordinates":[[[113,23],[113.1,23]]]}"#),
        GOOD_POINT,
    ]);
    let skipped_then_cut = whole[..whole.len() - 40].to_vec();
    vec![
        ("broken_feature.geojson", fc(&[GOOD_POINT, &geometry("\"oops\""), GOOD_POINT]), Expect::Ok(2, 1, "feature 1: geometry is not a GeoJSON geometry object")),
        ("not_an_object.geojson", fc(&[GOOD_POINT, "5"]), Expect::Ok(1, 1, "feature 1: not a Feature object")),
        ("two_vertex_ring.geojson", fc(&[GOOD_POINT, &geometry(r#"{"type":"Polygon","coordinates":[[[113,23],[113.1,23]]]}"#)]), Expect::Ok(1, 1, "feature 1: ring 0 has 2 distinct vertices (a ring needs at least 3)")),
        ("open_ring.geojson", fc(&[&geometry(r#"{"type":"Polygon","coordinates":[[[113,23],[113.1,23],[113.1,23.1]]]}"#)]), Expect::Ok(1, 0, "")),
        ("one_vertex_line.geojson", fc(&[GOOD_POINT, &geometry(r#"{"type":"LineString","coordinates":[[113,23]]}"#)]), Expect::Ok(1, 1, "feature 1: line has 1 position(s) (a line needs at least 2)")),
        ("out_of_range.geojson", fc(&[GOOD_POINT, GOOD_POINT, &geometry(r#"{"type":"Point","coordinates":[200,23]}"#)]), Expect::Ok(2, 1, "feature 2: point: longitude 200, latitude 23 out of range")),
        ("empty_geometry.geojson", fc(&[GOOD_POINT, &geometry(r#"{"type":"MultiPolygon","coordinates":[]}"#)]), Expect::Ok(1, 1, "feature 1: geometry is empty")),
        ("only_null.geojson", fc(&[&geometry("null")]), Expect::Err("no usable feature (1 skipped); first: feature 0: no geometry")),
        // A file cut off or broken says so first, before any skipped feature (issue 21).
        ("truncated.geojson", truncated, Expect::Ok(2, 0, "file ends early at line 3, column 95: kept 2 feature(s) before it")),
        ("syntax_after_feature.geojson", fc(&[GOOD_POINT, r#"{"type": Feature}"#]), Expect::Ok(1, 0, "file breaks off at line 3, column 10 (expected value): kept 1 feature(s) before it; the rest of the file was not read")),
        ("skipped_then_cut.geojson", skipped_then_cut, Expect::Ok(1, 1, "file ends early at line 4, column 58: kept 1 feature(s) before it")),
        ("not_geojson.geojson", br#"{"name":"a list of things","items":[1,2]}"#.to_vec(), Expect::Err("not GeoJSON")),
        ("invalid.geojson", b"{\n\"type\": \"FeatureCollection\",\n\"features\": [,]}".to_vec(), Expect::Err("invalid JSON: expected value at line 3")),
        ("metres.geojson", fc(&[&geometry(r#"{"type":"Point","coordinates":[435212,2545000]}"#)]), Expect::Err("coordinates look projected (metres), e.g. feature 0: 435212, 2545000")),
        ("declared_3857.geojson", br#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[]}"#.to_vec(), Expect::Err("declares the projected system urn:ogc:def:crs:EPSG::3857")),
        ("lat_lon.geojson", fc(&[&geometry(r#"{"type":"Point","coordinates":[23.1,113.2]}"#)]), Expect::Err("look swapped, e.g. feature 0: 23.1, 113.2 — GeoJSON positions are [longitude, latitude]")),
        ("no_coordinates.csv", b"name,value\na,1\n".to_vec(), Expect::Err("no longitude/latitude columns found (name them lon/lat or 经度/纬度, or choose them); columns: \"name\", \"value\"")),
        ("empty.csv", Vec::new(), Expect::Err("the file is empty")),
        ("binary.csv", (0..=255u8).cycle().take(3000).collect(), Expect::Err("UTF-16 without a byte-order mark, or not a text table")),
        ("words.csv", b"name,lon,lat\na,113.1,23.1\nb,east,23.2\nc,113.3,NaN\nd,1e999,23\ne,113.4,23.4\n".to_vec(), Expect::Ok(2, 3, "row 3: lon \"east\" is not a number")),
        ("range.csv", b"name,lon,lat\na,113.1,23.1\nb,113.2,95\n".to_vec(), Expect::Ok(1, 1, "row 3: longitude 113.2, latitude 95 out of range")),
        ("projected.csv", b"id,x,y\n1,435212,2545000\n2,436000,2546000\n".to_vec(), Expect::Err("coordinates look projected (metres), e.g. row 2: 435212, 2545000 — re-export as WGS84 longitude/latitude")),
        ("swapped.csv", b"id,lon,lat\n1,23.1,113.2\n2,23.2,113.3\n".to_vec(), Expect::Err("longitude and latitude look swapped, e.g. row 2: 23.1, 113.2 — choose \"lat\" as the longitude column and \"lon\" as the latitude column")),
        ("all_bad_rows.csv", b"id,lon,lat\n1,,\n2,x,y\n".to_vec(), Expect::Err("no usable row (2 skipped); first: row 2: lon is empty")),
        ("header_only.csv", b"id,lon,lat\n".to_vec(), Expect::Err("no row found")),
        ("quote_never_closed.csv", b"name,lon,lat\na,113.1,23.1\n\"b,113.2,23.2\nc,113.3,23.3\n".to_vec(), Expect::Err("line 3: a quote opened on this line is never closed")),
        ("quote_inside_a_cell.csv", b"name,lon,lat\n5\" pipe,113.1,23.1\n".to_vec(), Expect::Ok(1, 0, "")),
        ("cut_in_last_row.csv", b"name,lon,lat,pop\na,113.1,23.1,5\nb,113.2".to_vec(), Expect::Ok(1, 0, "file ends early at line 3, column 8: its last row has 2 of 4 cells and was left out; kept 1 row(s) before it")),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook".to_vec(), Expect::Err("not a readable XLSX/XLS/ODS workbook")),
    ]
}

#[test]
fn bad_input_loads_the_good_features_and_names_the_bad() {
    let dir = temp_dir("bad");
    for (name, bytes, expect) in bad_input_cases() {
        let path = write(&dir, name, &bytes);
        let result = load(&path, Crs::Wgs84);
        match (expect, result) {
            (Expect::Ok(features, skipped, reason), Ok(data)) => {
                assert_eq!(
                    (data.feature_count(), data.skipped),
                    (features, skipped),
                    "{name}: {:?}",
                    data.skipped_examples
                );
                // The first warning is what a report shows first.
                let warnings = data.load_warnings();
                let first = warnings.first().map_or("", String::as_str);
                assert!(first.contains(reason), "{name}: {first:?} should contain {reason:?}");
            }
            (Expect::Err(fragment), Err(LayerError(message))) => {
                assert!(message.starts_with(&path.display().to_string()), "{name}: {message}");
                assert!(
                    message.contains(fragment),
                    "{name}: {message:?} should contain {fragment:?}"
                );
                assert!(!message.contains('\n'), "{name}: one line: {message:?}");
            }
            (Expect::Ok(..), Err(e)) => panic!("{name} should load: {e}"),
            (Expect::Err(fragment), Ok(data)) => panic!(
                "{name} should be refused ({fragment}), loaded {} features",
                data.feature_count()
            ),
        }
    }
}

#[test]
fn many_rows_stream_with_progress_and_bad_rows_counted() {
    let dir = temp_dir("many");
    let mut csv = String::from("id,lon,lat,name\n");
    for i in 0..20_000 {
        let lon = if i % 1000 == 7 {
            "bad".to_string()
        } else {
            format!("{:.5}", 110.0 + (i % 500) as f64 * 0.01)
        };
        let _ = writeln!(csv, "{i},{lon},{:.5},site {i}", 21.0 + (i / 500) as f64 * 0.01);
    }
    let path = write(&dir, "many.csv", csv.as_bytes());
    let progress = LoadProgress::default();
    let data = load_layer(&LayerSpec::new(path.clone(), Crs::Wgs84), &progress)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((data.feature_count(), data.skipped), (19_980, 20));
    assert_eq!(data.skipped_examples[0], "row 9: lon \"bad\" is not a number");
    assert_eq!(data.attributes.get(19_979, 1), "site 19999");
    assert_eq!(data.points.index.size(), 19_980);
    assert_eq!(progress.done_bytes.load(Ordering::Relaxed), csv.len() as u64);
    assert_eq!(progress.total_bytes.load(Ordering::Relaxed), csv.len() as u64);
    let cancelled = LoadProgress::default();
    cancelled.cancel.store(true, Ordering::Relaxed);
    let err = load_layer(&LayerSpec::new(path.clone(), Crs::Wgs84), &cancelled).unwrap_err();
    assert_eq!(err.0, format!("{}: loading cancelled", path.display()));
}

fn atlas() -> Atlas {
    Atlas::load(&DataSource::Embedded).unwrap_or_else(|e| panic!("embedded data must load: {e}"))
}

/// Every fourth town polygon of the atlas, each position moved by `shift`, as a layer read as WGS84.
fn town_layer(atlas: &Atlas, shift: fn([f64; 2]) -> [f64; 2]) -> LayerData {
    let mut builder = LayerBuilder::new(
        "towns.geojson".into(),
        "GeoJSON".into(),
        Crs::Wgs84,
        vec!["code".into()],
        false,
    );
    for (k, &town) in atlas.regions_of_level(Level::Town).iter().step_by(4).enumerate() {
        let region = &atlas.regions[town];
        let Some(shape) = region.shape else { continue };
        let polygons: Vec<Vec<Vec<[f64; 2]>>> = atlas
            .shape_rings_lonlat(shape)
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| {
                        let mut ring: Vec<[f64; 2]> = ring.iter().map(|&p| shift(p)).collect();
                        if ring.first() != ring.last() {
                            ring.push(ring[0]);
                        }
                        ring
                    })
                    .collect()
            })
            .collect();
        let feature = builder.push_feature(k as u32, [region.code.as_str()]);
        builder.push_polygons(feature, polygons);
    }
    builder.finish()
}

#[test]
fn offset_hint_spots_gcj02_town_boundaries() {
    let atlas = atlas();
    let shifted = town_layer(&atlas, gcj02_from_wgs84);
    assert!(shifted.shape_feature.len() > 100, "{}", shifted.shape_feature.len());
    let hint =
        offset_hint(&atlas, &shifted).unwrap_or_else(|| panic!("GCJ-02 towns must be spotted"));
    assert_eq!(hint.likely, Crs::Gcj02);
    assert!(hint.median_as_read_m > 200.0 && hint.median_converted_m < 50.0, "{hint:?}");
    assert_eq!(
        offset_hint(&atlas, &town_layer(&atlas, |p| p)),
        None,
        "true WGS84 towns fit as they are"
    );
    // A straight road across the province fits no border either way.
    let mut road =
        LayerBuilder::new("road.geojson".into(), "GeoJSON".into(), Crs::Wgs84, Vec::new(), false);
    let feature = road.push_feature(0, []);
    road.push_line(
        feature,
        (0..2000).map(|i| [110.5 + i as f64 * 0.003, 21.5 + i as f64 * 0.00175]).collect(),
    );
    assert_eq!(offset_hint(&atlas, &road.finish()), None);
    // A layer loaded as GCJ-02 was already converted: nothing to suggest.
    let mut converted = town_layer(&atlas, gcj02_from_wgs84);
    converted.crs = Crs::Gcj02;
    assert_eq!(offset_hint(&atlas, &converted), None);
}
