//! The bad-input table (issue 13): one row per bad input — command-line arguments, data files,
//! the topology, official town files, user layers and tables, settings and local tiles — with the
//! exit code and a fragment of the message it must give.
//!
//! One runner checks every row the same way: a fresh folder with a copy of `data/`, the row's
//! corruption, then the binary (or, for settings and tiles, the library call the window makes).
//! It asserts no panic (no "panicked", exit code not 101) and no hang, the exit code, that the
//! message is one line naming the file and the line or feature, and that no file in the folder
//! changed except the row's declared output. All failing rows are reported together.

use crate::data_common as common;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::copy_dir;
use gd_atlas::app::settings::{damaged_name, Settings};
use gd_atlas::geo::china_crs::{bd09_from_wgs84, gcj02_from_wgs84};
use gd_atlas::model::Level;

/// A process that runs longer than this is a hang (a row's real run takes about a second).
const HANG: Duration = Duration::from_secs(120);

/// How a row is run, in its folder.
enum Run {
    /// The `gd-atlas` binary with these arguments.
    Cli(&'static [&'static str]),
    /// A library call (settings, tiles): the exit code the outcome stands for (0 loaded, 1
    /// refused) and the one message.
    Lib(fn(&Path) -> (i32, String)),
}

struct Row {
    /// What is wrong with the input.
    input: &'static str,
    /// Corrupts the row's folder (which holds a fresh copy of `data/`).
    setup: fn(&Path),
    run: Run,
    exit: i32,
    /// Part of the message.
    fragment: &'static str,
    /// The file the message line names ("" for an argument error).
    file: &'static str,
    /// Where in the file the same line says the problem is (":12:", "feature 0 (code …"), or ""
    /// for the whole file.
    at: &'static str,
    /// Paths (relative, by prefix) the row may change: its output. "" for none.
    may_change: &'static str,
}

const VALIDATE: &[&str] = &["validate", "--data", "data"];
/// A point in Gaoyao (441204), the county of the official town fixture.
const AT_TOWNS: &[&str] = &["at", "--data", "data", "--towns", "towns.geojson", "112.4", "23.0"];
const EXPORT_LAYER: &[&str] =
    &["export", "--data", "data", "--layer", "layer.csv", "--out", "out.png"];
const EXPORT_GEOJSON_LAYER: &[&str] =
    &["export", "--data", "data", "--layer", "layer.geojson", "--out", "out.png"];
const JOIN: &[&str] = &["join", "--data", "data", "table.csv"];
/// A point in Dongguan's centre (Dongcheng), with an official town file.
const AT_DONGGUAN: &[&str] =
    &["at", "--data", "data", "--towns", "towns.geojson", "113.77", "23.02"];

fn row(
    input: &'static str,
    setup: fn(&Path),
    run: Run,
    exit: i32,
    fragment: &'static str,
    file: &'static str,
    at: &'static str,
) -> Row {
    Row { input, setup, run, exit, fragment, file, at, may_change: "" }
}

fn nothing(_: &Path) {}

// ---------------------------------------------------------------- helpers for the setups

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, bytes).expect("write");
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Replaces a 1-based line of a text file.
fn edit_line(dir: &Path, rel: &str, line: usize, edit: impl FnOnce(&str) -> String) {
    let text = read(dir, rel);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    lines[line - 1] = edit(&lines[line - 1]);
    write(dir, rel, lines.join("\n"));
}

/// Sets one cell of a 1-based line (`column`: 0-based) of a CSV file whose early lines hold no
/// quoted commas in the cells before it.
fn set_cell(dir: &Path, rel: &str, line: usize, column: usize, value: &str) {
    edit_line(dir, rel, line, |l| {
        let mut cells: Vec<&str> = l.splitn(column + 2, ',').collect();
        cells[column] = value;
        cells.join(",")
    });
}

fn edit_json(dir: &Path, rel: &str, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_str(&read(dir, rel)).expect("JSON");
    edit(&mut v);
    write(dir, rel, serde_json::to_string(&v).expect("JSON"));
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn utf16le_without_bom(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The committed topology and town code list in `assets/geo/`, beside the row's `data/`, so
/// the loader reads them from disk instead of the embedded copy.
fn copy_topology(dir: &Path) {
    for rel in ["geo/regions.topo.json", "geo/town_code_list.csv"] {
        write(
            dir,
            &format!("assets/{rel}"),
            std::fs::read(common::repo().join("assets").join(rel)).expect("committed asset"),
        );
    }
}

fn edit_topology(dir: &Path, edit: impl FnOnce(&mut Value)) {
    copy_topology(dir);
    edit_json(dir, "assets/geo/regions.topo.json", edit);
}

/// The shape of a code in the topology JSON.
fn topo_shape<'a>(topology: &'a mut Value, code: &str) -> &'a mut Value {
    let shapes = topology["shapes"].as_array_mut().expect("shapes");
    shapes.iter_mut().find(|s| s["code"] == code).expect("shape")
}

/// An "official" town file: Gaoyao's town cells as closed WGS84 rings, one feature per town.
fn gaoyao_towns() -> &'static Value {
    static TOWNS: OnceLock<Value> = OnceLock::new();
    TOWNS.get_or_init(|| {
        let atlas = common::atlas();
        let county = atlas.region_by_code("441204").expect("Gaoyao");
        let features: Vec<Value> = atlas
            .children(county)
            .iter()
            .filter(|&&t| atlas.regions[t].level == Level::Town)
            .filter_map(|&t| {
                let shape = atlas.regions[t].shape?;
                let polygons: Vec<Vec<Vec<[f64; 2]>>> = atlas
                    .shape_rings_lonlat(shape)
                    .iter()
                    .map(|rings| rings.iter().map(|r| closed(r.clone())).collect())
                    .collect();
                Some(json!({"type": "Feature", "properties": {"code": atlas.regions[t].code}, "geometry": {"type": "MultiPolygon", "coordinates": polygons}}))
            })
            .collect();
        assert!(features.len() > 5, "Gaoyao has towns with cells");
        json!({"type": "FeatureCollection", "features": features})
    })
}

fn closed(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if ring.first() != ring.last() {
        ring.push(ring[0]);
    }
    ring
}

/// Writes `towns.geojson`: the Gaoyao fixture after `edit`.
fn towns(dir: &Path, edit: impl FnOnce(&mut Value)) {
    let mut v = gaoyao_towns().clone();
    edit(&mut v);
    write(dir, "towns.geojson", serde_json::to_string(&v).expect("JSON"));
}

/// Every position of every feature through `f` (rounded to micro-degrees, like real files).
fn map_positions(v: &mut Value, f: fn([f64; 2]) -> [f64; 2]) {
    for feature in v["features"].as_array_mut().expect("features") {
        for polygon in feature["geometry"]["coordinates"].as_array_mut().expect("polygons") {
            for ring in polygon.as_array_mut().expect("rings") {
                for p in ring.as_array_mut().expect("positions") {
                    let q = f([p[0].as_f64().expect("lon"), p[1].as_f64().expect("lat")]);
                    *p = json!([(q[0] * 1e6).round() / 1e6, (q[1] * 1e6).round() / 1e6]);
                }
            }
        }
    }
}

fn first_ring(v: &mut Value) -> &mut Vec<Value> {
    v["features"][0]["geometry"]["coordinates"][0][0].as_array_mut().expect("ring")
}

fn with_crs(name: &'static str) -> impl FnOnce(&mut Value) {
    move |v: &mut Value| v["crs"] = json!({"type": "name", "properties": {"name": name}})
}

fn geojson_layer(dir: &Path, text: &str) {
    write(dir, "layer.geojson", text);
}

/// `towns.geojson`: one town of Gaoyao (禄步镇) as a star of `spikes` spikes 0.02° long from
/// 0.0005° around its seat, 7 decimals: every spike's box covers the centre, the shape that
/// made the crossing check quadratic (issue 21).
fn star_town(dir: &Path, spikes: usize) {
    let (lon, lat) = (112.28298, 23.17233);
    let mut text = String::from(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"441204103"},"geometry":{"type":"Polygon","coordinates":[["#,
    );
    for k in 0..=2 * spikes {
        let (angle, radius) = (
            std::f64::consts::PI * (k % (2 * spikes)) as f64 / spikes as f64,
            if k % 2 == 0 { 0.02 } else { 0.0005 },
        );
        text.push_str(&format!(
            "{}[{:.7},{:.7}]",
            if k == 0 { "" } else { "," },
            lon + radius * angle.cos(),
            lat + radius * angle.sin()
        ));
    }
    text.push_str("]]}}]}\n");
    write(dir, "towns.geojson", text);
}

/// `towns.geojson`: the atlas's own real polygons of nine inner Dongguan towns (44190010x), shifted
/// by `f`: they touch no county border, only each other's.
fn inner_dongguan_towns(dir: &Path, f: fn([f64; 2]) -> [f64; 2]) {
    let atlas = common::atlas();
    let features: Vec<Value> = atlas
        .regions
        .iter()
        .filter(|r| r.code.starts_with("44190010") && r.level == Level::Town)
        .filter_map(|r| {
            let polygons: Vec<Vec<Vec<[f64; 2]>>> = atlas.shape_rings_lonlat(r.shape?).iter().map(|rings| rings.iter().map(|ring| closed(ring.clone())).collect()).collect();
            Some(json!({"type": "Feature", "properties": {"code": r.code}, "geometry": {"type": "MultiPolygon", "coordinates": polygons}}))
        })
        .collect();
    assert!(features.len() >= 5, "inner Dongguan towns have real polygons");
    let mut v = json!({"type": "FeatureCollection", "features": features});
    map_positions(&mut v, f);
    write(dir, "towns.geojson", serde_json::to_string(&v).expect("JSON"));
}

/// `towns.geojson` of 100 MB and a byte, sparse (nothing is written): only its size is looked at.
fn oversized_towns(dir: &Path) {
    let file = std::fs::File::create(dir.join("towns.geojson")).expect("create");
    file.set_len(100_000_001).expect("sparse length");
}

/// `layer.geojson`: one polygon shaped like a star of `spikes` spikes 0.02° long from 0.0005°
/// around a point of Guangzhou, 7 decimals (issue 21: the segment boxes all overlap).
fn star_layer(dir: &Path, spikes: usize) {
    let (lon, lat) = (113.242977, 23.109923);
    let mut text = String::from(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"star"},"geometry":{"type":"Polygon","coordinates":[["#,
    );
    for k in 0..=2 * spikes {
        let (angle, radius) = (
            std::f64::consts::PI * (k % (2 * spikes)) as f64 / spikes as f64,
            if k % 2 == 0 { 0.02 } else { 0.0005 },
        );
        text.push_str(&format!(
            "{}[{:.7},{:.7}]",
            if k == 0 { "" } else { "," },
            lon + radius * angle.cos(),
            lat + radius * angle.sin()
        ));
    }
    text.push_str("]]}}]}\n");
    write(dir, "layer.geojson", text);
}

/// `layer.geojson`: one LineString, the random walk of [`million_vertex_line`] (a user's GPS
/// track or a digitised road of 10⁶ vertices).
fn million_vertex_layer_line(dir: &Path) {
    let line = json!({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "walk"}, "geometry": {"type": "LineString", "coordinates": random_walk(1_000_000)}}]});
    write(dir, "layer.geojson", serde_json::to_string(&line).expect("JSON"));
}

/// `data/lines.geojson` with its first line replaced by a random walk of 10⁶ vertices across the
/// province.
fn million_vertex_line(dir: &Path) {
    let walk = random_walk(1_000_000);
    edit_json(dir, "data/lines.geojson", |v| v["features"][0]["geometry"]["coordinates"] = walk);
}

/// A random walk of `n` vertices eastwards across the province (xorshift, reproducible), in
/// whole micro-degrees.
fn random_walk(n: usize) -> Value {
    let mut state = 0x2545_F491_u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        f64::from(state) / f64::from(u32::MAX) - 0.5
    };
    let (mut lon, mut lat) = (110.5, 23.0);
    let walk: Vec<Value> = (0..n)
        .map(|_| {
            lon += 5.5 / n as f64 + 0.0005 * next();
            lat = (lat + 0.0005 * next()).clamp(22.5, 23.5);
            json!([(lon * 1e6_f64).round() / 1e6, (lat * 1e6_f64).round() / 1e6])
        })
        .collect();
    Value::Array(walk)
}

// ---------------------------------------------------------------- library rows

fn settings_path(dir: &Path) -> PathBuf {
    dir.join("config").join("settings.json")
}

fn load_settings(dir: &Path) -> (i32, String) {
    let (_, msg) = Settings::load(&settings_path(dir));
    match msg {
        Some(m) if m.contains("damaged") || m.contains("cannot read") => (1, m),
        Some(m) => (0, m),
        None => (0, String::new()),
    }
}

/// Loads twice with a damaged file each time: the first copy set aside must survive.
fn load_second_damaged_settings(dir: &Path) -> (i32, String) {
    let path = settings_path(dir);
    let _ = Settings::load(&path);
    write(dir, "config/settings.json", "{ second damage");
    let (code, msg) = load_settings(dir);
    let first = std::fs::read_to_string(damaged_name(&path, 1)).unwrap_or_default();
    if first != "{ first damage" {
        return (99, format!("the first damaged copy was replaced: {first:?}"));
    }
    (code, msg)
}

/// Loads settings with out-of-range numbers, saves them, and loads the result again: the app's
/// own file must never look damaged.
fn settings_round_trip(dir: &Path) -> (i32, String) {
    let path = settings_path(dir);
    let (settings, msg) = Settings::load(&path);
    if let Err(e) = settings.save(&path) {
        return (98, e);
    }
    match Settings::load(&path) {
        (back, None) if back == settings => (0, msg.unwrap_or_default()),
        (_, again) => (97, format!("the saved settings do not load back clean: {again:?}")),
    }
}

fn open_tiles(dir: &Path, rel: &str) -> (i32, String) {
    match gd_atlas::map::tiles::local_tiles(&dir.join(rel), &egui::Context::default()) {
        Ok(_) => (0, String::new()),
        Err(e) => (1, e),
    }
}

fn open_corrupt_pmtiles(dir: &Path) -> (i32, String) {
    open_tiles(dir, "world.pmtiles")
}

fn open_mbtiles(dir: &Path) -> (i32, String) {
    open_tiles(dir, "world.mbtiles")
}

fn open_tile_folder(dir: &Path) -> (i32, String) {
    open_tiles(dir, "tiles")
}

fn open_missing_tiles(dir: &Path) -> (i32, String) {
    open_tiles(dir, "nowhere.pmtiles")
}

/// A folder of empty PNGs opens (its layout is right) but each tile is reported broken, once,
/// naming the file, and draws nothing.
fn draw_empty_png_tiles(dir: &Path) -> (i32, String) {
    use walkers::Tiles;
    let mut tiles = gd_atlas::map::tiles::TileDir::new(dir.join("tiles"), egui::Context::default());
    let drawn = tiles.at(walkers::TileId { x: 0, y: 0, zoom: 0 }).is_some();
    let _ = tiles.at(walkers::TileId { x: 0, y: 0, zoom: 0 });
    match (drawn, tiles.health.shows_nothing(), tiles.health.first_broken()) {
        (false, true, Some(first)) => (1, first),
        (_, nothing, first) => {
            (96, format!("drawn {drawn}, shows nothing {nothing}, first broken {first:?}"))
        }
    }
}

// ---------------------------------------------------------------- the table

fn rows() -> Vec<Row> {
    let mut rows = argument_rows();
    rows.extend(data_rows());
    rows.extend(topology_rows());
    rows.extend(town_rows());
    rows.extend(layer_and_table_rows());
    rows.extend(settings_and_tile_rows());
    rows
}

fn argument_rows() -> Vec<Row> {
    use Run::Cli;
    vec![
        row(
            "info without its query",
            nothing,
            Cli(&["info"]),
            2,
            "required arguments were not provided: <QUERY> (usage: gd-atlas info",
            "",
            "",
        ),
        row("at without latitude", nothing, Cli(&["at", "113"]), 2, "not provided: <LAT>", "", ""),
        row(
            "at with longitude 200",
            nothing,
            Cli(&["at", "200", "23"]),
            2,
            "longitude 200 is out of range",
            "",
            "",
        ),
        row(
            "at with a word for longitude",
            nothing,
            Cli(&["at", "x", "23"]),
            2,
            "longitude \"x\" is not a number",
            "",
            "",
        ),
        row(
            "at with latitude 95",
            nothing,
            Cli(&["at", "113", "95"]),
            2,
            "latitude 95 is out of range",
            "",
            "",
        ),
        row(
            "--towns without a value",
            nothing,
            Cli(&["--towns"]),
            2,
            "a value is required for '--towns",
            "",
            "",
        ),
        row(
            "an unknown option",
            nothing,
            Cli(&["--bogus"]),
            2,
            "unexpected argument '--bogus'",
            "",
            "",
        ),
        row(
            "export without --out",
            nothing,
            Cli(&["export", "--data", "data"]),
            2,
            "--out FILE.png|FILE.svg|FILE.pdf is required",
            "",
            "",
        ),
        row(
            "export to .gif",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.gif"]),
            2,
            "unknown extension \".gif\"",
            "o.gif",
            "",
        ),
        row(
            "an unknown preset",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--preset", "8k"]),
            2,
            "--preset \"8k\" is unknown",
            "",
            "",
        ),
        row(
            "a bbox of three numbers",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--bbox", "1,2,3"]),
            2,
            "expected four numbers",
            "",
            "",
        ),
        row(
            "an unknown region",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--region", "Atlantis"]),
            2,
            "unknown region \"Atlantis\"",
            "",
            "",
        ),
        row(
            "a zero image width",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--width", "0", "--height", "10"]),
            2,
            "has a zero side",
            "",
            "",
        ),
        row(
            "a view text without its prefix",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--view", "garbage"]),
            2,
            "must start with \"gd-atlas:v1;\"",
            "",
            "",
        ),
        row(
            "20 classes",
            nothing,
            Cli(&[
                "export",
                "--data",
                "data",
                "--out",
                "o.png",
                "--classes",
                "20",
                "--theme-builtin",
                "area",
            ]),
            2,
            "whole number from 3 to 9",
            "",
            "",
        ),
        row(
            "an unknown layer CRS",
            nothing,
            Cli(&[
                "export",
                "--data",
                "data",
                "--out",
                "o.png",
                "--layer-crs",
                "utm",
                "--layer",
                "x.csv",
            ]),
            2,
            "--layer-crs \"utm\" is unknown",
            "",
            "",
        ),
        row(
            "an unknown atlas layer",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--layers", "cities,rivers"]),
            2,
            "unknown layer \"rivers\"",
            "",
            "",
        ),
        row(
            "an unknown language",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--lang", "fr"]),
            2,
            "--lang \"fr\" is unknown",
            "",
            "",
        ),
        row(
            "a measured path of one point",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--measure", "1,2"]),
            2,
            "at least two points",
            "",
            "",
        ),
        row(
            "a ring of negative radius",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--ring", "113,23,-5"]),
            2,
            "radius \"-5\" must be more than 0",
            "",
            "",
        ),
        row(
            "an unknown built-in theme",
            nothing,
            Cli(&["export", "--data", "data", "--out", "o.png", "--theme-builtin", "bogus"]),
            2,
            "--theme-builtin \"bogus\" is unknown",
            "",
            "",
        ),
        row("join without its table", nothing, Cli(&["join"]), 2, "not provided: <TABLE>", "", ""),
        row(
            "info on nothing known",
            nothing,
            Cli(&["info", "--data", "data", "NoSuchPlace"]),
            1,
            "no region, place or line matches",
            "",
            "",
        ),
        row(
            "a data folder that does not exist",
            nothing,
            Cli(&["validate", "--data", "missing"]),
            1,
            "cannot read",
            "missing/regions.csv",
            "",
        ),
        row(
            "export into a missing folder",
            nothing,
            Cli(&["export", "--data", "data", "--out", "nodir/o.png"]),
            1,
            "folder nodir does not exist",
            "nodir/o.png",
            "",
        ),
    ]
}

fn data_rows() -> Vec<Row> {
    use Run::Cli;
    const PLACES: &str = "data/places.csv";
    const REGIONS: &str = "data/regions.csv";
    const EXCEPTIONS: &str = "data/known_exceptions.csv";
    const LINES: &str = "data/lines.geojson";
    const TOUR: &str = "data/tours/x.csv";
    const DOC: &str = "data/documents/000_d4ce577234dfad9e.txt";
    vec![
        row(
            "regions.csv with only its header",
            header_only,
            Cli(VALIDATE),
            1,
            "no rows after the header",
            REGIONS,
            ":1:",
        ),
        row(
            "regions.csv saved as GBK (accepted, warned)",
            |d| write(d, REGIONS, encoding_rs::GB18030.encode(&read(d, REGIONS)).0),
            Cli(VALIDATE),
            0,
            "encoded as GBK/GB18030",
            REGIONS,
            "",
        ),
        row(
            "places.csv saved as UTF-16 with BOM (accepted, warned)",
            |d| {
                write(
                    d,
                    PLACES,
                    [&[0xFF, 0xFE][..], &utf16le_without_bom(&read(d, PLACES))].concat(),
                )
            },
            Cli(VALIDATE),
            0,
            "encoded as UTF-16LE",
            PLACES,
            "",
        ),
        row(
            "places.csv as UTF-16 without BOM",
            |d| write(d, PLACES, utf16le_without_bom(&read(d, PLACES))),
            Cli(VALIDATE),
            1,
            "UTF-16 without a byte-order mark",
            PLACES,
            ":1:",
        ),
        row(
            "regions.csv with bytes of no encoding on line 12",
            |d| bytes_on_line(d, REGIONS, 12),
            Cli(VALIDATE),
            1,
            "unknown text encoding",
            REGIONS,
            ":12:",
        ),
        row(
            "regions.csv row with an extra field",
            |d| edit_line(d, REGIONS, 3, |l| format!("{l},extra")),
            Cli(VALIDATE),
            1,
            "row has 15 fields, the header has 14",
            REGIONS,
            ":3:",
        ),
        row(
            "regions.csv unknown level",
            |d| set_cell(d, REGIONS, 3, 1, "metropolis"),
            Cli(VALIDATE),
            1,
            "unknown level \"metropolis\"",
            REGIONS,
            ":3:",
        ),
        row(
            "regions.csv without its note column",
            |d| edit_line(d, REGIONS, 1, |l| l.replace(",note", ",notes")),
            Cli(VALIDATE),
            1,
            "missing column \"note\"",
            REGIONS,
            ":1:",
        ),
        row(
            "regions.csv code used twice",
            |d| set_cell(d, REGIONS, 3, 0, "440000"),
            Cli(VALIDATE),
            1,
            "code 440000 is already used by 440000",
            REGIONS,
            ":3:",
        ),
        row(
            "regions.csv seat longitude not a number",
            |d| set_cell(d, REGIONS, 1021, 9, "abc"),
            Cli(VALIDATE),
            1,
            "longitude \"abc\" is not a number",
            REGIONS,
            ":1021:",
        ),
        row(
            "regions.csv geometry none for a county with a shape",
            |d| set_cell(d, REGIONS, 92, 8, "none"),
            Cli(VALIDATE),
            1,
            "has geometry \"none\" but a shape",
            REGIONS,
            ":92:",
        ),
        row(
            "places.csv unknown region code",
            |d| set_cell(d, PLACES, 2, 8, "449999"),
            Cli(VALIDATE),
            1,
            "unknown region_code \"449999\"",
            PLACES,
            ":2:",
        ),
        row(
            "places.csv longitude 200",
            |d| set_cell(d, PLACES, 2, 10, "200"),
            Cli(VALIDATE),
            1,
            "coordinate (200, 23.31072) out of range",
            PLACES,
            ":2:",
        ),
        row(
            "places.csv id used twice",
            |d| set_cell(d, PLACES, 3, 0, "GD001"),
            Cli(VALIDATE),
            1,
            "id GD001 used twice",
            PLACES,
            ":3:",
        ),
        row(
            "a listed document missing",
            |d| std::fs::remove_file(d.join(DOC)).expect("remove"),
            Cli(VALIDATE),
            1,
            "cannot read",
            DOC,
            "",
        ),
        row(
            "a listed document that is a FIFO",
            |d| mkfifo(&d.join(DOC)),
            Cli(VALIDATE),
            1,
            "not a regular file (a FIFO)",
            DOC,
            "",
        ),
        row(
            "documents.csv naming a file outside documents/",
            |d| set_cell(d, "data/documents.csv", 2, 0, "../x.txt"),
            Cli(VALIDATE),
            1,
            "must be a plain file name",
            "data/documents.csv",
            ":2:",
        ),
        row(
            "indicators.csv excerpt not in its document",
            |d| {
                edit_line(d, "data/indicators.csv", 2, |l| {
                    l.replace("Joining hands", "Parting ways")
                })
            },
            Cli(VALIDATE),
            1,
            "text not found verbatim",
            "data/indicators.csv",
            ":2:",
        ),
        row(
            "excerpts.csv unknown subject",
            |d| set_cell(d, "data/excerpts.csv", 2, 1, "GD999"),
            Cli(VALIDATE),
            1,
            "unknown subject \"GD999\"",
            "data/excerpts.csv",
            ":2:",
        ),
        row(
            "known_exceptions.csv row twice",
            |d| duplicate_last_line(d, EXCEPTIONS),
            Cli(VALIDATE),
            1,
            "is listed twice (lines 3 and 4)",
            EXCEPTIONS,
            ":4:",
        ),
        row(
            "known_exceptions.csv unknown id",
            |d| set_cell(d, EXCEPTIONS, 2, 0, "GD999"),
            Cli(VALIDATE),
            1,
            "unknown id \"GD999\"",
            EXCEPTIONS,
            ":2:",
        ),
        row(
            "known_exceptions.csv without a reason",
            |d| edit_line(d, EXCEPTIONS, 2, |_| "GD010,marker_in_region,".into()),
            Cli(VALIDATE),
            1,
            "has no reason",
            EXCEPTIONS,
            ":2:",
        ),
        row(
            "lines.geojson control point with lon/lat swapped",
            |d| edit_json(d, LINES, swap_control_point),
            Cli(VALIDATE),
            1,
            "control point 0 (23.47065, 112.42142) lies outside Guangdong",
            LINES,
            "feature 0 (code L001)",
        ),
        row(
            "lines.geojson vertex in Beijing",
            |d| {
                edit_json(d, LINES, |v| {
                    v["features"][0]["geometry"]["coordinates"][0] = json!([116.4, 39.9])
                })
            },
            Cli(VALIDATE),
            1,
            "vertex 0 (116.4, 39.9) lies outside Guangdong",
            LINES,
            "feature 0 (code L001)",
        ),
        row(
            "lines.geojson not JSON",
            |d| write(d, LINES, "{\n\"features\": [\n}"),
            Cli(VALIDATE),
            1,
            "invalid JSON",
            LINES,
            ":3:",
        ),
        row(
            "lines.geojson id used twice",
            |d| edit_json(d, LINES, |v| v["features"][1]["properties"]["id"] = json!("L001")),
            Cli(VALIDATE),
            1,
            "id used twice",
            LINES,
            "feature 1 (code L001)",
        ),
        row(
            "lines.geojson unknown status",
            |d| {
                edit_json(d, LINES, |v| {
                    v["features"][2]["properties"]["status"] = json!("rumoured")
                })
            },
            Cli(VALIDATE),
            1,
            "unknown status \"rumoured\"",
            LINES,
            "feature 2 (code L003)",
        ),
        row(
            "a tour stop that does not exist",
            |d| write(d, TOUR, "subject,caption_en,caption_zh\n449999,a,b\n"),
            Cli(VALIDATE),
            1,
            "unknown subject \"449999\"",
            TOUR,
            ":2:",
        ),
        row(
            "a tour with an unclosed quote",
            |d| write(d, TOUR, "subject,caption_en,caption_zh\n441204,\"never closed,x\n"),
            Cli(VALIDATE),
            1,
            "never closed",
            TOUR,
            ":2:",
        ),
        row(
            "a tour with a zoom that is a word",
            |d| {
                write(d, TOUR, "subject,caption_en,caption_zh,center_lon,center_lat,zoom\n441204,a,b,112.5,23.1,far\n")
            },
            Cli(VALIDATE),
            1,
            "zoom \"far\" is not a number",
            TOUR,
            ":2:",
        ),
        row(
            "a tour in UTF-16 without BOM",
            |d| write(d, TOUR, utf16le_without_bom("subject,caption_en\n441204,a\n")),
            Cli(VALIDATE),
            1,
            "UTF-16 without a byte-order mark",
            TOUR,
            ":1:",
        ),
    ]
}

/// `regions.csv` with its header and no row.
fn header_only(dir: &Path) {
    let header = read(dir, "data/regions.csv").lines().next().unwrap_or_default().to_string();
    write(dir, "data/regions.csv", format!("{header}\n"));
}

fn bytes_on_line(dir: &Path, rel: &str, line: usize) {
    let text = read(dir, rel);
    let mut out = Vec::new();
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(l.as_bytes());
        if i + 1 == line {
            out.extend_from_slice(b"\xFF\xFF");
        }
    }
    write(dir, rel, out);
}

fn duplicate_last_line(dir: &Path, rel: &str) {
    let text = read(dir, rel);
    let last = text.trim_end().lines().last().unwrap_or_default().to_string();
    write(dir, rel, format!("{}\n{last}\n", text.trim_end()));
}

fn swap_control_point(v: &mut Value) {
    let cp = &mut v["features"][0]["properties"]["control_points"][0];
    let (lon, lat) = (cp["lon"].clone(), cp["lat"].clone());
    cp["lon"] = lat;
    cp["lat"] = lon;
}

fn topology_rows() -> Vec<Row> {
    use Run::Cli;
    const TOPO: &str = "assets/geo/regions.topo.json";
    vec![
        row(
            "a topology shape with an empty polygon",
            |d| edit_topology(d, |t| topo_shape(t, "441204115")["polygons"] = json!([[]])),
            Cli(VALIDATE),
            1,
            "polygon 0 has no rings",
            TOPO,
            "(code 441204115)",
        ),
        row(
            "a topology without a region's shape",
            |d| {
                edit_topology(d, |t| {
                    t["shapes"].as_array_mut().expect("shapes").retain(|s| s["code"] != "441204115")
                })
            },
            Cli(VALIDATE),
            1,
            "no shape for 441204115 金利镇 (data/regions.csv:1021",
            TOPO,
            "",
        ),
        row(
            "a topology that is not JSON",
            |d| write(d, TOPO, "{\"format\": "),
            Cli(VALIDATE),
            1,
            "invalid JSON",
            TOPO,
            ":1:",
        ),
        // The topology is decoded beside the tables (issue 21): the first problem is still
        // the one of the file read first, regions.csv, then the topology, then the rest.
        row(
            "regions.csv with only its header and a topology that is not JSON",
            |d| {
                header_only(d);
                write(d, TOPO, "{\"format\": ");
            },
            Cli(VALIDATE),
            1,
            "no rows after the header",
            "data/regions.csv",
            ":1:",
        ),
        row(
            "a topology that is not JSON and places.csv cut to half a row",
            |d| {
                write(d, TOPO, "{\"format\": ");
                write(d, "data/places.csv", "id,name");
            },
            Cli(VALIDATE),
            1,
            "invalid JSON",
            TOPO,
            ":1:",
        ),
        row(
            "a topology ring with an unknown arc",
            |d| {
                edit_topology(d, |t| topo_shape(t, "441204115")["polygons"] = json!([[[99999999]]]))
            },
            Cli(VALIDATE),
            1,
            "unknown arc 99999999",
            TOPO,
            "(code 441204115)",
        ),
        row(
            "a topology shape of no region",
            |d| edit_topology(d, |t| topo_shape(t, "441204115")["code"] = json!("449999999")),
            Cli(VALIDATE),
            1,
            "no region has this code",
            TOPO,
            "(code 449999999)",
        ),
    ]
}

fn town_rows() -> Vec<Row> {
    use Run::Cli;
    const TOWNS: &str = "towns.geojson";
    const FIRST: &str = "feature 0 (code 441204";
    vec![
        row("official towns that fit (control)", |d| towns(d, |_| {}), Cli(AT_TOWNS), 0, "county: 高要区", "", ""),
        row("a town polygon in Beijing", |d| towns(d, |v| map_first(v, |p| [p[0] + 4.0, p[1] + 16.9])), Cli(AT_TOWNS), 1, "% of its vertices) lies in its county 441204 高要区 or within 2 km of its border (at least 90 % must)", TOWNS, FIRST),
        row("a ring crossing itself", |d| towns(d, |v| bow_tie(first_ring(v))), Cli(AT_TOWNS), 1, "ring 0 crosses itself", TOWNS, FIRST),
        row("a hole crossing its exterior", |d| towns(d, hole_across_border), Cli(AT_TOWNS), 1, "rings 0 and 1 cross", TOWNS, FIRST),
        row("a crs of EPSG:3857", |d| towns(d, with_crs("urn:ogc:def:crs:EPSG::3857")), Cli(AT_TOWNS), 1, "declares the projected system urn:ogc:def:crs:EPSG::3857", TOWNS, ""),
        row("a crs of EPSG:4547", |d| towns(d, with_crs("EPSG:4547")), Cli(AT_TOWNS), 1, "projected system EPSG:4547", TOWNS, ""),
        row("a crs of EPSG:2383", |d| towns(d, with_crs("EPSG:2383")), Cli(AT_TOWNS), 1, "projected system EPSG:2383", TOWNS, ""),
        row("an empty FeatureCollection", |d| towns(d, |v| v["features"] = json!([])), Cli(AT_TOWNS), 1, "no features (an empty FeatureCollection)", TOWNS, ""),
        row("an empty MultiPolygon", |d| towns(d, |v| v["features"][0]["geometry"]["coordinates"] = json!([])), Cli(AT_TOWNS), 1, "geometry is empty", TOWNS, FIRST),
        row("a MultiPolygon of a polygon with no rings", |d| towns(d, |v| v["features"][0]["geometry"]["coordinates"] = json!([[]])), Cli(AT_TOWNS), 1, "polygon 0 has no rings", TOWNS, FIRST),
        row("a file shifted by GCJ-02 (loaded, warned)", |d| towns(d, |v| map_positions(v, gcj02_from_wgs84)), Cli(AT_TOWNS), 0, "looks shifted the way GCJ-02", TOWNS, ""),
        row("a file shifted by BD-09 (loaded, warned)", |d| towns(d, |v| map_positions(v, bd09_from_wgs84)), Cli(AT_TOWNS), 0, "looks shifted the way BD-09", TOWNS, ""),
        row("an unknown town code", |d| towns(d, |v| v["features"][0]["properties"]["code"] = json!("449999999")), Cli(AT_TOWNS), 1, "unknown town code", TOWNS, "feature 0 (code 449999999)"),
        row("a county's code", |d| towns(d, |v| v["features"][0]["properties"]["code"] = json!("441204")), Cli(AT_TOWNS), 1, "441204 is a county, not a town", TOWNS, "feature 0 (code 441204)"),
        row("a town twice", |d| towns(d, duplicate_first_feature), Cli(AT_TOWNS), 1, "town appears twice in the file (first as feature 0)", TOWNS, "feature"),
        row("a point for a town", |d| towns(d, |v| v["features"][0]["geometry"] = json!({"type": "Point", "coordinates": [112.4, 23.0]})), Cli(AT_TOWNS), 1, "geometry is a Point, not a Polygon or MultiPolygon", TOWNS, FIRST),
        row("a town file that is a FIFO", |d| mkfifo(&d.join(TOWNS)), Cli(AT_TOWNS), 1, "not a regular file (a FIFO)", TOWNS, ""),
        row("a town file that does not exist", nothing, Cli(AT_TOWNS), 1, "cannot read", TOWNS, ""),
        row("a town file that is a JSON array", |d| write(d, TOWNS, "[]"), Cli(AT_TOWNS), 1, "not GeoJSON: invalid type: sequence, expected a GeoJSON object at line 1 column 2", TOWNS, ""),
        row("a ring of two distinct vertices", |d| towns(d, |v| v["features"][0]["geometry"]["coordinates"] = json!([[[[112.4, 23.0], [112.5, 23.0], [112.4, 23.0]]]])), Cli(AT_TOWNS), 1, "polygon 0 ring 0 has 2 distinct vertices (a ring needs at least 3)", TOWNS, FIRST),
        row("lon/lat swapped in every position", |d| towns(d, |v| map_positions(v, |p| [p[1], p[0]])), Cli(AT_TOWNS), 1, "polygon 0 ring 0 vertex 0: longitude 23.000866, latitude 112.413007: latitude beyond ±90° (swapped?)", TOWNS, FIRST),
        row("no code property", |d| towns(d, |v| v["features"][0]["properties"] = json!({"name": "金利镇"})), Cli(AT_TOWNS), 1, "no town code in properties", TOWNS, "feature 0"),
        row("a star town of 200,000 vertices (checked in seconds)", |d| star_town(d, 100_000), Cli(AT_TOWNS), 0, "county: 高要区", "", ""),
        row("a town file over 100 MB (refused before reading)", oversized_towns, Cli(AT_TOWNS), 1, "MB is more than the 100 MB a town file may have", TOWNS, ""),
        row("inner Dongguan towns shifted by GCJ-02 (loaded, warned)", |d| inner_dongguan_towns(d, gcj02_from_wgs84), Cli(AT_DONGGUAN), 0, "looks shifted the way GCJ-02", TOWNS, ""),
        row("inner Dongguan towns shifted by BD-09 (loaded, warned)", |d| inner_dongguan_towns(d, bd09_from_wgs84), Cli(AT_DONGGUAN), 0, "looks shifted the way BD-09", TOWNS, ""),
    ]
}

/// Moves the first feature's positions with `f`.
fn map_first(v: &mut Value, f: fn([f64; 2]) -> [f64; 2]) {
    let first = v["features"][0].clone();
    let mut one = json!({"features": [first]});
    map_positions(&mut one, f);
    v["features"][0] = one["features"][0].take();
}

/// Swaps the second vertex with the middle one: the ring then cuts across itself.
fn bow_tie(ring: &mut [Value]) {
    let mid = ring.len() / 2;
    ring.swap(1, mid);
}

/// A small square hole centred on a vertex of the exterior: half of it lies outside.
fn hole_across_border(v: &mut Value) {
    let p = first_ring(v)[3].clone();
    let (x, y) = (p[0].as_f64().expect("lon"), p[1].as_f64().expect("lat"));
    let d = 0.001;
    let hole =
        json!([[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]);
    v["features"][0]["geometry"]["coordinates"][0].as_array_mut().expect("rings").push(hole);
}

fn duplicate_first_feature(v: &mut Value) {
    let first = v["features"][0].clone();
    v["features"].as_array_mut().expect("features").push(first);
}

fn layer_and_table_rows() -> Vec<Row> {
    use Run::Cli;
    vec![
        row(
            "a layer table without coordinate columns",
            |d| write(d, "layer.csv", "name,value\na,1\n"),
            Cli(EXPORT_LAYER),
            1,
            "no longitude/latitude columns found",
            "layer.csv",
            "",
        ),
        row(
            "a layer table with longitude 500",
            |d| write(d, "layer.csv", "name,lon,lat\na,500,23\nb,600,24\n"),
            Cli(EXPORT_LAYER),
            1,
            "out of range",
            "layer.csv",
            "row 2",
        ),
        row(
            "a layer table with lon/lat swapped",
            |d| write(d, "layer.csv", "name,lon,lat\na,23.1,113.2\nb,23.2,113.3\n"),
            Cli(EXPORT_LAYER),
            1,
            "look swapped",
            "layer.csv",
            "row 2",
        ),
        row(
            "a layer table in metres",
            |d| write(d, "layer.csv", "name,x,y\na,12600000,2600000\nb,12610000,2610000\n"),
            Cli(EXPORT_LAYER),
            1,
            "look projected (metres)",
            "layer.csv",
            "row 2",
        ),
        row(
            "a layer table in UTF-16 without BOM",
            |d| write(d, "layer.csv", utf16le_without_bom("name,lon,lat\na,113,23\n")),
            Cli(EXPORT_LAYER),
            1,
            "UTF-16 without a byte-order mark",
            "layer.csv",
            "line 1",
        ),
        row(
            "a layer table that does not exist",
            nothing,
            Cli(EXPORT_LAYER),
            1,
            "cannot read",
            "layer.csv",
            "",
        ),
        row(
            "a GeoJSON layer in EPSG:3857",
            |d| {
                geojson_layer(
                    d,
                    r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[12600000,2600000]}}]}"#,
                )
            },
            Cli(EXPORT_GEOJSON_LAYER),
            1,
            "projected system EPSG:3857",
            "layer.geojson",
            "",
        ),
        row(
            "a GeoJSON layer cut short",
            |d| geojson_layer(d, "{\"type\":\"FeatureCollection\",\"features\":[\n"),
            Cli(EXPORT_GEOJSON_LAYER),
            1,
            "invalid JSON",
            "layer.geojson",
            "line 2",
        ),
        row(
            "a GeoJSON layer with no features",
            |d| geojson_layer(d, r#"{"type":"FeatureCollection","features":[]}"#),
            Cli(EXPORT_GEOJSON_LAYER),
            1,
            "no feature found",
            "layer.geojson",
            "",
        ),
        row(
            "a GeoJSON layer polygon with no rings",
            |d| {
                geojson_layer(
                    d,
                    r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[]]}}]}"#,
                )
            },
            Cli(EXPORT_GEOJSON_LAYER),
            1,
            "polygon 0 has no rings",
            "layer.geojson",
            "feature 0",
        ),
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer with one empty feature (drawn, warned)",
                |d| {
                    geojson_layer(
                        d,
                        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[]]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[113,23]}}]}"#,
                    )
                },
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "1 feature(s) skipped",
                "layer.geojson",
                "feature 0",
            )
        },
        // geojsonhint's nofeaturetype.geojson and featurecollection-type-case.geojson (issue 21):
        // a feature whose "type" is not "Feature" was drawn silently.
        row(
            "a GeoJSON layer whose feature type is misspelt",
            |d| {
                geojson_layer(
                    d,
                    r#"{"type":"FeatureCollection","features":[{"type":"Featre","properties":{},"geometry":{"type":"Point","coordinates":[113,23]}}]}"#,
                )
            },
            Cli(EXPORT_GEOJSON_LAYER),
            1,
            "\"type\" is \"Featre\", not \"Feature\"",
            "layer.geojson",
            "feature 0",
        ),
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer with one feature typed in lower case (drawn, warned)",
                |d| {
                    geojson_layer(
                        d,
                        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[113,23]}},{"type":"feature","properties":{},"geometry":{"type":"Point","coordinates":[113.1,23.1]}}]}"#,
                    )
                },
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "1 feature(s) skipped (first: feature 1: \"type\" is \"feature\"",
                "layer.geojson",
                "feature 1",
            )
        },
        row(
            "a join table in UTF-16 without BOM",
            |d| write(d, "table.csv", utf16le_without_bom("县,GDP\n高要区,1\n")),
            Cli(JOIN),
            1,
            "UTF-16 without a byte-order mark",
            "table.csv",
            ":1:",
        ),
        row(
            "a join table with only a header",
            |d| write(d, "table.csv", "县,GDP\n"),
            Cli(JOIN),
            1,
            "no column holds codes or names",
            "table.csv",
            "",
        ),
        row(
            "a join table of random bytes",
            |d| write(d, "table.csv", b"a,b\n\xFF\xFE\xFD,\x81\n"),
            Cli(JOIN),
            1,
            "unknown text encoding",
            "table.csv",
            ":2:",
        ),
        row(
            "a join table that is a FIFO",
            |d| mkfifo(&d.join("table.csv")),
            Cli(JOIN),
            1,
            "not a regular file (a FIFO)",
            "table.csv",
            "",
        ),
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer cut off in its second feature (drawn, warned)",
                |d| geojson_layer(d, CUT_GEOJSON),
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "file ends early at line 3, column 43: kept 1 feature(s) before it",
                "layer.geojson",
                "",
            )
        },
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer with a syntax error after a feature (drawn, warned)",
                |d| geojson_layer(d, BROKEN_GEOJSON),
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "file breaks off at line 3, column",
                "layer.geojson",
                "",
            )
        },
        row(
            "a layer table with a quote never closed",
            |d| write(d, "layer.csv", "name,lon,lat\na,113,23\n\"b,113.1,23.1\nc,113.2,23.2\n"),
            Cli(EXPORT_LAYER),
            1,
            "a quote opened on this line is never closed",
            "layer.csv",
            "line 3",
        ),
        Row {
            may_change: "out.png",
            ..row(
                "a layer table cut off in its last row (drawn, warned)",
                |d| write(d, "layer.csv", "name,lon,lat,pop\na,113,23,5\nb,113.1,23.1,7\nc,113.2"),
                Cli(EXPORT_LAYER),
                0,
                "file ends early at line 4, column 8: its last row has 2 of 4 cells",
                "layer.csv",
                "",
            )
        },
        Row {
            may_change: "out.png",
            ..row(
                "a layer in Sumatra (drawn nowhere, warned)",
                |d| write(d, "layer.csv", "name,lon,lat\na,100,0\n"),
                Cli(EXPORT_LAYER),
                0,
                "lies at 100.0°E 0.0°N, outside the figure",
                "layer.csv",
                "",
            )
        },
        row(
            "a join table with a quote never closed",
            |d| write(d, "table.csv", "县,GDP\n高要区,1\n\"四会市,2\n"),
            Cli(JOIN),
            1,
            "a quote opened on this line is never closed",
            "table.csv",
            ":3:",
        ),
        row(
            "a join table cut off in its last row (joined, warned)",
            |d| write(d, "table.csv", "县,GDP\n高要区,1\n四会市"),
            Cli(JOIN),
            0,
            "file ends early at line 3: its last row has 1 of 2 cells",
            "table.csv",
            "",
        ),
        row(
            "a bbox of 10^-7 degrees",
            nothing,
            Cli(&[
                "export",
                "--data",
                "data",
                "--out",
                "o.png",
                "--bbox",
                "113,23,113.0000001,23.0000001",
            ]),
            2,
            "too small to draw",
            "",
            "",
        ),
        Row {
            may_change: "out.png",
            ..row(
                "a 10^6-vertex line in lines.geojson (exported in seconds)",
                million_vertex_line,
                Cli(&[
                    "export", "--data", "data", "--width", "320", "--height", "200", "--out",
                    "out.png",
                ]),
                0,
                "wrote out.png",
                "out.png",
                "",
            )
        },
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer shaped like a star of 200,000 vertices (exported in seconds)",
                |d| star_layer(d, 100_000),
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "wrote out.png",
                "out.png",
                "",
            )
        },
        Row {
            may_change: "out.png",
            ..row(
                "a GeoJSON layer line of 10^6 vertices (exported in seconds)",
                million_vertex_layer_line,
                Cli(EXPORT_GEOJSON_LAYER),
                0,
                "wrote out.png",
                "out.png",
                "",
            )
        },
        row(
            "validate: 179 towns without a seat, grouped",
            nothing,
            Cli(VALIDATE),
            0,
            "towns have no seat point (searchable, no cell)",
            "data/regions.csv",
            "more (--verbose lists all)",
        ),
        row(
            "a theme column the table lacks",
            |d| write(d, "table.csv", "县,人口\n高要区,1\n"),
            Cli(&[
                "export",
                "--data",
                "data",
                "--theme",
                "table.csv",
                "--theme-column",
                "GDP",
                "--out",
                "o.png",
            ]),
            2,
            "no column \"GDP\"",
            "table.csv",
            "",
        ),
    ]
}

/// A layer cut off in the middle of its second feature (a download that did not finish).
const CUT_GEOJSON: &str = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,23]}},\n{\"type\":\"Feature\",\"properties\":{\"name\":\"cut";
/// A layer with a syntax error after its first feature.
const BROKEN_GEOJSON: &str = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,23]}},\n{\"type\": Feature}]}\n";

fn settings_and_tile_rows() -> Vec<Row> {
    use Run::Lib;
    vec![
        settings_row(
            "damaged settings",
            |d| write(d, "config/settings.json", "{ first damage"),
            Lib(load_settings),
            1,
            "damaged settings ignored",
        ),
        settings_row(
            "a second damaged settings file",
            |d| write(d, "config/settings.json", "{ first damage"),
            Lib(load_second_damaged_settings),
            1,
            "settings.json.damaged.2",
        ),
        settings_row(
            "settings with a null centre",
            |d| write(d, "config/settings.json", r#"{"center_lonlat":[null,null]}"#),
            Lib(load_settings),
            1,
            "settings this version cannot read were skipped (center_lonlat)",
        ),
        settings_row(
            "settings that are a folder",
            |d| std::fs::create_dir_all(d.join("config/settings.json")).expect("dir"),
            Lib(load_settings),
            1,
            "cannot read settings",
        ),
        settings_row(
            "settings with a huge centre",
            |d| write(d, "config/settings.json", r#"{"center_lonlat":[1e308,-1e300],"zoom":8.0}"#),
            Lib(settings_round_trip),
            0,
            "out of range reset: center_lonlat",
        ),
        settings_row(
            "settings with huge zoom, view and opacity",
            |d| write(d, "config/settings.json", HUGE_SETTINGS),
            Lib(settings_round_trip),
            0,
            "zoom, views, user_layers.opacity",
        ),
        row(
            "a .pmtiles of random bytes",
            |d| write(d, "world.pmtiles", [7u8; 300]),
            Lib(open_corrupt_pmtiles),
            1,
            "not a PMTiles file",
            "world.pmtiles",
            "",
        ),
        row(
            "an empty .pmtiles",
            |d| write(d, "world.pmtiles", []),
            Lib(open_corrupt_pmtiles),
            1,
            "not a PMTiles file",
            "world.pmtiles",
            "",
        ),
        row(
            "an MBTiles file",
            |d| write(d, "world.mbtiles", [0u8; 100]),
            Lib(open_mbtiles),
            1,
            "not a .pmtiles file",
            "world.mbtiles",
            "",
        ),
        row(
            "a tile folder without zoom folders",
            |d| write(d, "tiles/readme.txt", "x"),
            Lib(open_tile_folder),
            1,
            "no {z}/{x}/{y}.png tiles inside",
            "tiles",
            "",
        ),
        row(
            "a tile path that does not exist",
            nothing,
            Lib(open_missing_tiles),
            1,
            "no such file or directory",
            "nowhere.pmtiles",
            "",
        ),
        row(
            "a folder of empty PNG tiles",
            |d| write(d, "tiles/0/0/0.png", []),
            Lib(draw_empty_png_tiles),
            1,
            "Tile data is empty",
            "tiles/0/0/0.png",
            "",
        ),
    ]
}

/// A settings row: the message names `settings.json`; the loader may move it aside.
fn settings_row(
    input: &'static str,
    setup: fn(&Path),
    run: Run,
    exit: i32,
    fragment: &'static str,
) -> Row {
    Row { input, setup, run, exit, fragment, file: "settings.json", at: "", may_change: "config" }
}

const HUGE_SETTINGS: &str = r#"{"zoom":1e300,"views":[{"name":"far","center_lonlat":[1e200,5.0],"zoom":8.0}],"user_layers":[{"path":"a.csv","opacity":1e300}]}"#;

// ---------------------------------------------------------------- the runner

/// What a row did: exit code, stdout, stderr.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_binary(dir: &Path, args: &[&str]) -> Result<Outcome, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gd-atlas"))
        .args(args)
        .current_dir(dir)
        .env_remove("GD_ATLAS_DATA")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("piped")));
    let err = drain(Box::new(child.stderr.take().expect("piped")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {} s: a hang", HANG.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(Outcome {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

fn run_lib(dir: &Path, f: fn(&Path) -> (i32, String)) -> Result<Outcome, String> {
    let dir = dir.to_path_buf();
    match std::panic::catch_unwind(move || f(&dir)) {
        Ok((code, message)) => Ok(Outcome { code, stdout: String::new(), stderr: message }),
        Err(_) => Ok(Outcome { code: 101, stdout: String::new(), stderr: "panicked".into() }),
    }
}

/// Every regular file under `dir` (relative path → hash of its bytes); FIFOs and folders are
/// listed by kind, never opened.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            if meta.is_dir() {
                stack.push(path);
                out.insert(rel, "folder".into());
            } else if meta.is_file() {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::fs::read(&path).unwrap_or_default().hash(&mut h);
                out.insert(rel, format!("{:016x} {}", h.finish(), meta.len()));
            } else {
                out.insert(rel, "special".into());
            }
        }
    }
    out
}

/// Runs one row in `dir`; `Err` says every way it failed.
fn check_row(r: &Row, dir: &Path) -> Result<(), String> {
    copy_dir(&common::repo().join("data"), &dir.join("data"));
    (r.setup)(dir);
    let before = snapshot(dir);
    let outcome = match r.run {
        Run::Cli(args) => run_binary(dir, args)?,
        Run::Lib(f) => run_lib(dir, f)?,
    };
    let mut problems = Vec::new();
    if outcome.code == 101 || outcome.stderr.contains("panicked") {
        problems.push("panicked".to_string());
    }
    if outcome.code != r.exit {
        problems.push(format!("exit {} instead of {}", outcome.code, r.exit));
    }
    problems.extend(message_problems(r, &outcome));
    let after = snapshot(dir);
    let changed: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .filter(|k| r.may_change.is_empty() || !k.starts_with(r.may_change))
        .map(|k| k.display().to_string())
        .collect();
    if !changed.is_empty() {
        problems.push(format!("files changed: {changed:?}"));
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "{}; stderr: {:?}",
            problems.join("; "),
            outcome.stderr.chars().take(600).collect::<String>()
        )),
    }
}

/// The message: one line holding the fragment, the file and the place; no clap usage block or
/// indented continuation lines.
fn message_problems(r: &Row, o: &Outcome) -> Vec<String> {
    let text = format!("{}\n{}", o.stdout, o.stderr);
    let mut problems = Vec::new();
    match text.lines().find(|l| l.contains(r.fragment)) {
        None => problems.push(format!("no line contains {:?}", r.fragment)),
        Some(line) => {
            if !line.contains(r.file) || !line.contains(r.at) {
                problems
                    .push(format!("the line {line:?} does not name {:?} and {:?}", r.file, r.at));
            }
        }
    }
    let continuation = o.stderr.lines().find(|l| {
        l.starts_with(' ')
            || l.starts_with('\t')
            || l.starts_with("Usage:")
            || l.starts_with("For more")
    });
    if let Some(l) = continuation {
        problems.push(format!("the message takes more than one line: {l:?}"));
    }
    problems
}

#[test]
fn every_bad_input_is_refused_cleanly() {
    let rows = rows();
    assert!(rows.len() >= 60, "the table has {} rows", rows.len());
    let root = std::env::temp_dir().join(format!("gd-atlas-bad-input-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    // Two workers: each row is a process that loads the atlas; the machine is shared.
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(r) = rows.get(i) else { break };
                if let Err(e) = check_row(r, &root.join(format!("row-{i:03}"))) {
                    failures
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(format!("row {i} ({}): {e}", r.input));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort();
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
