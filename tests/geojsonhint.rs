//! A peer's suite (issue 21): mapbox/geojsonhint's 18 good and 44 bad GeoJSON files
//! (`tests/fixtures/geojsonhint/`, ISC, credited in its README) through the layer loader and
//! through `gd-atlas export --layer FILE`.
//!
//! Every file has a row saying what the atlas must do with it, and why when that is not the
//! obvious thing:
//! - a good file loads and exports — or is refused in one line for a reason the row states (a
//!   latitude of −107°; a feature with no geometry: nothing to draw);
//! - a bad file is refused: exit 1, exactly one line, naming the file and the feature or the line
//!   (or the whole file when the flaw is the file's own, e.g. no "type" at all); or it keeps its
//!   good features with one warning naming the first skipped one; or it is loaded on purpose, for
//!   the reason its row states (geojsonhint is stricter than RFC 7946 readers must be: a
//!   clockwise ring, a `bbox` the atlas never reads, an open ring the loader closes);
//! - never a panic, never a hang.

use std::path::{Path, PathBuf};
use std::process::Command;

use gd_atlas::layer::{load_layer, Crs, LayerSpec, LoadProgress};

/// What the atlas does with one file.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    /// Loaded and drawn.
    Loads,
    /// Loaded on purpose although geojsonhint calls it bad: the reason.
    LoadsBecause(&'static str),
    /// Loaded, with one warning line that names the first skipped feature (`at`).
    KeepsGoodFeatures { at: &'static str },
    /// Refused: exit 1 and one line with `fragment`, naming the file and `at` (a feature, a
    /// line, or "" for a flaw of the whole file). For a good file, `why` says why that is right.
    Refused { fragment: &'static str, at: &'static str, why: &'static str },
}

use Outcome::*;

const NO_REASON_NEEDED: &str = "";

/// geojsonhint's good files.
const GOOD: &[(&str, Outcome)] = &[
    ("good-feature-with-id.geojson", Loads),
    ("good-feature-with-string-id.geojson", Loads),
    ("good-feature.geojson", Loads),
    ("good-featurecollection-bbox.geojson", Loads),
    ("good-featurecollection-bbox3d.geojson", Loads),
    ("good-featurecollection-extensions.geojson", Loads),
    ("good-featurecollection.geojson", Loads),
    ("good-geometrycollection.geojson", Loads),
    ("good-linestring.geojson", Loads),
    ("good-multilinestring.geojson", Loads),
    ("good-multipoint.geojson", Loads),
    ("good-point-3d.geojson", Loads),
    ("good-point.geojson", Loads),
    ("good-polygon.geojson", Loads),
    (
        "issue82.geojson",
        Refused {
            fragment: "out of range",
            at: "feature 0",
            why: "its latitudes run from −107° to −141°: no place on Earth (geojsonhint checks no ranges); a planner's file like it has its axes or its units wrong",
        },
    ),
    ("multipolygon.geojson", Loads),
    (
        "nullgeometry.geojson",
        Refused {
            fragment: "no geometry",
            at: "feature 0",
            why: "its one feature has a null geometry (valid GeoJSON): a layer with nothing to draw is refused rather than added empty",
        },
    ),
    ("nullproperties.geojson", Loads),
];

/// geojsonhint's bad files.
const BAD: &[(&str, Outcome)] = &[
    ("bad-duplicate-properties.geojson", Refused { fragment: "no feature found", at: "", why: NO_REASON_NEEDED }),
    ("bad-featurelist.geojson", Refused { fragment: "coordinates are not a list of rings", at: "feature 0", why: NO_REASON_NEEDED }),
    ("bad-json.geojson", Refused { fragment: "invalid JSON", at: "line 3 column 5", why: NO_REASON_NEEDED }),
    ("bad-object-type.geojson", Refused { fragment: "not GeoJSON", at: "", why: NO_REASON_NEEDED }),
    (
        "bad-polygon-interiorring-rhr.geojson",
        LoadsBecause("a hole wound against the right-hand rule: RFC 7946 §3.1.6 says parsers should not reject it, and the atlas fills rings even-odd, so winding changes nothing drawn"),
    ),
    ("bad-polygonloop.geojson", Refused { fragment: "ring 0 coordinates are not a list of positions", at: "feature 0", why: NO_REASON_NEEDED }),
    ("bad-properties-as-array.geojson", Refused { fragment: "no geometry", at: "feature 0", why: NO_REASON_NEEDED }),
    ("badcoord.geojson", Refused { fragment: "is not a [longitude, latitude] position", at: "feature 0", why: NO_REASON_NEEDED }),
    ("badcoordtype.geojson", Refused { fragment: "coordinates are not a list of positions", at: "feature 0", why: NO_REASON_NEEDED }),
    ("badfeature.geojson", Refused { fragment: "not a Feature object", at: "feature 0", why: NO_REASON_NEEDED }),
    ("badfeatureid.geojson", LoadsBecause("an \"id\" that is an object: the atlas never reads \"id\" (attributes come from \"properties\")")),
    ("bbox-4or6elements.geojson", LoadsBecause("the atlas never reads \"bbox\": extents are computed from the coordinates")),
    ("bbox-contains-string.geojson", LoadsBecause("the atlas never reads \"bbox\": extents are computed from the coordinates")),
    ("bbox-string.geojson", LoadsBecause("the atlas never reads \"bbox\": extents are computed from the coordinates")),
    ("different-first-last.geojson", LoadsBecause("an open ring: the loader closes it (as GDAL does), leaving four positions")),
    ("different-first-size.geojson", LoadsBecause("the last position carries a height; positions are read as [longitude, latitude], so the ring is closed")),
    ("excessive_precision_truncated.geojson", LoadsBecause("15 decimals are wasteful, not wrong")),
    ("expected_object.geojson", Refused { fragment: "no geometry", at: "feature 0", why: NO_REASON_NEEDED }),
    ("false.geojson", Refused { fragment: "is not a GeoJSON geometry object", at: "feature 0", why: NO_REASON_NEEDED }),
    ("feature_changed_semantics.geojson", Refused { fragment: "no feature found", at: "", why: NO_REASON_NEEDED }),
    ("featurecollection-obj.geojson", Refused { fragment: "expected a list of GeoJSON features", at: "line 1 column 44", why: NO_REASON_NEEDED }),
    ("featurecollection-type-case.geojson", Refused { fragment: "\"type\" is \"feature\", not \"Feature\"", at: "feature 0", why: NO_REASON_NEEDED }),
    ("featurecollection.geojson", Refused { fragment: "without a \"features\" list", at: "", why: NO_REASON_NEEDED }),
    (
        "featurecollection_changed_semantics.geojson",
        LoadsBecause("\"coordinates\" and \"properties\" on a FeatureCollection are foreign members: ignored, the features are read"),
    ),
    ("geometry_changed_semantics.geojson", Refused { fragment: "no feature found", at: "", why: NO_REASON_NEEDED }),
    ("geometrycollection_nested.geojson", LoadsBecause("a nested GeometryCollection (RFC 7946: should be avoided) is still unambiguous: its members are drawn")),
    ("geometrycollection_single.geojson", LoadsBecause("a GeometryCollection of one geometry (RFC 7946: should be avoided) is still unambiguous")),
    ("multiple_problems.geojson", KeepsGoodFeatures { at: "feature 0" }),
    ("multipoint-multidimension.geojson", Refused { fragment: "is not a [longitude, latitude] position", at: "feature 0", why: NO_REASON_NEEDED }),
    ("multipoint-nondimension.geojson", Refused { fragment: "MultiPoint coordinates are not a list", at: "feature 0", why: NO_REASON_NEEDED }),
    ("nofeaturetype.geojson", Refused { fragment: "\"type\" is \"Featre\", not \"Feature\"", at: "feature 0", why: NO_REASON_NEEDED }),
    ("notype.geojson", Refused { fragment: "not GeoJSON", at: "", why: NO_REASON_NEEDED }),
    ("point-labeled-as-a-multipolygon.geojson", Refused { fragment: "MultiPolygon coordinates are not a list", at: "feature 0", why: NO_REASON_NEEDED }),
    ("point-string.geojson", Refused { fragment: "is not a [longitude, latitude] position", at: "feature 0", why: NO_REASON_NEEDED }),
    ("point-toofew.geojson", Refused { fragment: "is not a [longitude, latitude] position", at: "feature 0", why: NO_REASON_NEEDED }),
    ("point-toomany.geojson", LoadsBecause("a position of four numbers (RFC 7946: should not extend past three): the first two are longitude and latitude, the rest ignored")),
    ("point.geojson", Refused { fragment: "Point has no coordinates", at: "feature 0", why: NO_REASON_NEEDED }),
    ("polygon_winding_order.geojson", LoadsBecause("a clockwise exterior ring: RFC 7946 §3.1.6 says parsers should not reject it; fills are even-odd")),
    ("rootstring.geojson", Refused { fragment: "not GeoJSON", at: "line 1 column 4", why: NO_REASON_NEEDED }),
    ("short-line.geojson", Refused { fragment: "a line needs at least 2", at: "feature 0", why: NO_REASON_NEEDED }),
    ("short-linearring.geojson", LoadsBecause("an open ring of three positions: the loader closes it into a triangle (four positions)")),
    ("short-multilinestring.geojson", Refused { fragment: "a line needs at least 2", at: "feature 0", why: NO_REASON_NEEDED }),
    ("stringcoord.geojson", KeepsGoodFeatures { at: "feature 0" }),
    ("unknowntype.geojson", Refused { fragment: "not GeoJSON", at: "", why: NO_REASON_NEEDED }),
];

fn fixtures(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geojsonhint").join(kind)
}

/// The rows cover the folder exactly (a file added upstream or here gets a row).
fn rows(kind: &str, table: &'static [(&'static str, Outcome)]) -> Vec<(PathBuf, Outcome)> {
    let dir = fixtures(kind);
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".geojson"))
        .collect();
    on_disk.sort();
    let mut named: Vec<String> = table.iter().map(|(n, _)| n.to_string()).collect();
    named.sort();
    assert_eq!(on_disk, named, "every file in {} has one row", dir.display());
    table.iter().map(|(n, o)| (dir.join(n), *o)).collect()
}

fn counts() -> (usize, usize) {
    (GOOD.len(), BAD.len())
}

#[test]
fn the_suite_is_geojsonhints_18_good_and_44_bad_files() {
    assert_eq!(counts(), (18, 44));
    assert_eq!(rows("good", GOOD).len() + rows("bad", BAD).len(), 62);
    for (name, outcome) in GOOD {
        match outcome {
            Loads => {}
            Refused { why, .. } => {
                assert!(!why.is_empty(), "{name}: a good file refused needs its reason")
            }
            other => panic!("{name}: a good file is loaded or refused, not {other:?}"),
        }
    }
}

/// The library call the window's layer panel makes: the same outcome, the refusal one line
/// naming the file, never a panic.
#[test]
fn the_layer_loader_gives_each_file_its_outcome() {
    let mut failures = Vec::new();
    for (path, outcome) in rows("good", GOOD).into_iter().chain(rows("bad", BAD)) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let spec = LayerSpec::new(path.clone(), Crs::Wgs84);
        let result = std::panic::catch_unwind(|| load_layer(&spec, &LoadProgress::default()));
        let problem = match (result, outcome) {
            (Err(_), _) => Some("panicked".to_string()),
            (Ok(Ok(data)), Loads) => (data.skipped > 0 || data.cut_short.is_some())
                .then(|| format!("loaded but: {:?}", data.load_warnings())),
            (Ok(Ok(data)), LoadsBecause(why)) => (data.skipped > 0 || data.cut_short.is_some())
                .then(|| {
                    format!("loaded but: {:?} (it should load whole: {why})", data.load_warnings())
                }),
            (Ok(Ok(data)), KeepsGoodFeatures { at }) => {
                let first = data.skipped_examples.first().cloned().unwrap_or_default();
                (data.skipped == 0 || !first.starts_with(&format!("{at}:"))).then(|| {
                    format!(
                        "expected skipped features, the first at {at}; got {} ({first})",
                        data.skipped
                    )
                })
            }
            (Ok(Err(e)), Refused { fragment, at, .. }) => {
                let line = e.to_string();
                (line.contains('\n')
                    || !line.contains(&name)
                    || !line.contains(fragment)
                    || !line.contains(at))
                .then(|| {
                    format!(
                        "refusal is not one line naming {name}, {at:?} and {fragment:?}: {line}"
                    )
                })
            }
            (Ok(Ok(_)), Refused { .. }) => Some("loaded, but must be refused".into()),
            (Ok(Err(e)), _) => Some(format!("refused, but must load: {e}")),
        };
        if let Some(p) = problem {
            failures.push(format!("{name}: {p}"));
        }
    }
    assert!(failures.is_empty(), "{} file(s):\n{}", failures.len(), failures.join("\n"));
}

/// `gd-atlas export --layer FILE`: exit code, one line, and the figure written only when the
/// layer loads.
#[test]
fn export_layer_gives_each_file_its_outcome_in_one_line() {
    let out_dir = std::env::temp_dir().join(format!("gd-atlas-geojsonhint-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap_or_else(|e| panic!("{}: {e}", out_dir.display()));
    let all: Vec<(PathBuf, Outcome)> =
        rows("good", GOOD).into_iter().chain(rows("bad", BAD)).collect();
    // Two at a time: each run loads the atlas (about a second in the dev profile).
    let half = all.len().div_ceil(2);
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = all
            .chunks(half)
            .enumerate()
            .map(|(k, chunk)| {
                let out = out_dir.join(format!("out-{k}.png"));
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(path, outcome)| check_export(path, *outcome, &out))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|_| vec!["a worker panicked".into()]))
            .collect()
    });
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(failures.is_empty(), "{} file(s):\n{}", failures.len(), failures.join("\n"));
}

/// One file through the binary: `None` when it behaves as its row says, else what went wrong.
fn check_export(path: &Path, outcome: Outcome, out: &Path) -> Option<String> {
    let _ = std::fs::remove_file(out);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let o = Command::new(env!("CARGO_BIN_EXE_gd-atlas"))
        .args(["export", "--width", "320", "--height", "200", "--no-legend", "--layer"])
        .arg(path)
        .arg("--out")
        .arg(out)
        .env_remove("GD_ATLAS_DATA")
        .env_remove("RUST_LOG")
        .output()
        .unwrap_or_else(|e| panic!("the binary runs: {e}"));
    let stderr = String::from_utf8_lossy(&o.stderr).trim_end().to_string();
    let code = o.status.code().unwrap_or(-1);
    let said = |problem: &str| Some(format!("{name}: {problem} (exit {code}; stderr {stderr:?})"));
    if stderr.contains("panicked") || code == 101 {
        return said("panicked");
    }
    let lines: Vec<&str> = stderr.lines().collect();
    match outcome {
        Refused { fragment, at, .. } => {
            let ok = code == 1
                && lines.len() == 1
                && lines[0].starts_with("error: ")
                && lines[0].contains(&name)
                && lines[0].contains(fragment)
                && lines[0].contains(at);
            if !ok {
                return said(&format!(
                    "expected exit 1 and one error line naming the file, {at:?} and {fragment:?}"
                ));
            }
            if out.exists() {
                return said("a refused layer left a figure");
            }
        }
        Loads | LoadsBecause(_) | KeepsGoodFeatures { .. } => {
            if code != 0 || !out.is_file() {
                return said("expected a figure and exit 0");
            }
            // Only our own words: warnings that name the file (every test file lies outside
            // Guangdong, which the export says), and for a partial load one line naming the
            // first skipped feature.
            if let Some(stray) =
                lines.iter().find(|l| !(l.starts_with("warning: ") && l.contains(&name)))
            {
                return said(&format!("a line that is not a warning naming the file: {stray}"));
            }
            let skipped: Vec<&&str> = lines.iter().filter(|l| l.contains("skipped")).collect();
            let expected = match outcome {
                KeepsGoodFeatures { at } => skipped.len() == 1 && skipped[0].contains(at),
                _ => skipped.is_empty(),
            };
            if !expected {
                return said("wrong skipped-feature warning");
            }
        }
    }
    None
}
