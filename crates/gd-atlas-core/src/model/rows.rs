//! Readers of the hand-editable files of `data/` (see the data contract in `ARCHITECTURE.md`).
//!
//! Each reader turns text into model types and keeps the 1-based line of every row, so later
//! checks (joins, verbatim excerpts, geometry) can still name `file:line`.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::geo::geojson::{read_features, Feature, Geometry, Properties};

use super::error::LoadError;
use super::text::normalise_whitespace;
use super::types::*;

/// Rows of one CSV file with their line numbers.
pub fn parse_csv<T: DeserializeOwned>(
    text: &str,
    path: &str,
    columns: &[&str],
) -> Result<Vec<(u64, T)>, LoadError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    for col in columns {
        if !headers.iter().any(|h| h == *col) {
            return Err(LoadError::line(path, 1, format!("missing column {col:?}")));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let row: T = record.deserialize(Some(&headers)).map_err(|e| {
            let problem = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => match err.field() {
                    Some(i) => format!(
                        "column {:?}: {}",
                        headers.get(i as usize).unwrap_or("?"),
                        err.kind()
                    ),
                    None => err.kind().to_string(),
                },
                _ => e.to_string(),
            };
            LoadError::line(path, line, problem)
        })?;
        rows.push((line, row));
    }
    Ok(rows)
}

fn csv_error(path: &str, e: csv::Error) -> LoadError {
    let line = e.position().map_or(0, |p| p.line());
    let problem = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields, the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
        _ => e.to_string(),
    };
    if line == 0 {
        LoadError::file(path, problem)
    } else {
        LoadError::line(path, line, problem)
    }
}

/// `a|b|c` → `["a", "b", "c"]`, dropping empty parts.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn opt(cell: String) -> Option<String> {
    let t = cell.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// Optional `lon,lat` pair in WGS84; both or neither.
fn lonlat_cells(lon: &str, lat: &str, path: &str, line: u64) -> Result<Option<LonLat>, LoadError> {
    match (lon.trim(), lat.trim()) {
        ("", "") => Ok(None),
        (lon_s, lat_s) => {
            let lon: f64 = lon_s.parse().map_err(|_| {
                LoadError::line(path, line, format!("longitude {lon_s:?} is not a number"))
            })?;
            let lat: f64 = lat_s.parse().map_err(|_| {
                LoadError::line(path, line, format!("latitude {lat_s:?} is not a number"))
            })?;
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err(LoadError::line(
                    path,
                    line,
                    format!("coordinate ({lon}, {lat}) out of range"),
                ));
            }
            Ok(Some([lon, lat]))
        }
    }
}

pub const REGION_COLUMNS: &[&str] = &[
    "code",
    "level",
    "parent_code",
    "name_zh",
    "name_en",
    "name_pinyin",
    "aliases",
    "unit_kind",
    "geometry",
    "seat_lon",
    "seat_lat",
    "seat_source",
    "alias_codes",
    "note",
];

#[derive(Deserialize)]
struct RegionRow {
    code: String,
    level: String,
    parent_code: String,
    name_zh: String,
    name_en: String,
    name_pinyin: String,
    aliases: String,
    unit_kind: String,
    geometry: String,
    seat_lon: String,
    seat_lat: String,
    seat_source: String,
    alias_codes: String,
    note: String,
}

pub fn parse_regions(text: &str, path: &str) -> Result<Vec<(u64, Region)>, LoadError> {
    let rows: Vec<(u64, RegionRow)> = parse_csv(text, path, REGION_COLUMNS)?;
    rows.into_iter()
        .map(|(line, r)| {
            let level = Level::parse(r.level.trim()).ok_or_else(|| {
                LoadError::line(path, line, format!("unknown level {:?}", r.level))
            })?;
            let geometry = GeometryKind::parse(r.geometry.trim()).ok_or_else(|| {
                LoadError::line(path, line, format!("unknown geometry {:?}", r.geometry))
            })?;
            let code = r.code.trim().to_string();
            let digits = if level == Level::Town { 9 } else { 6 };
            if code.len() != digits || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(LoadError::line(
                    path,
                    line,
                    format!("code {code:?} is not {digits} digits for a {}", level.as_str()),
                ));
            }
            if r.name_zh.trim().is_empty() {
                return Err(LoadError::line(path, line, "empty name_zh"));
            }
            let seat_lonlat = lonlat_cells(&r.seat_lon, &r.seat_lat, path, line)?;
            Ok((
                line,
                Region {
                    code,
                    level,
                    parent_code: opt(r.parent_code),
                    name_zh: r.name_zh.trim().to_string(),
                    name_en: r.name_en.trim().to_string(),
                    name_pinyin: r.name_pinyin.trim().to_string(),
                    aliases: split_list(&r.aliases),
                    unit_kind: r.unit_kind.trim().to_string(),
                    geometry,
                    seat_lonlat,
                    seat_source: r.seat_source,
                    alias_codes: split_list(&r.alias_codes),
                    note: r.note,
                    shape: None,
                    parent: None,
                },
            ))
        })
        .collect()
}

pub const DOCUMENT_COLUMNS: &[&str] = &["file", "title", "publisher", "date", "language", "note"];

/// The atlas's own title columns of `documents.csv`: optional when reading (an older data folder
/// still loads), checked by `validate`.
pub const DOCUMENT_ATLAS_COLUMNS: &[&str] =
    &["title_zh", "topic", "topic_zh", "publisher_zh", "note_zh"];

#[derive(Deserialize)]
struct DocumentRow {
    file: String,
    title: String,
    publisher: String,
    date: String,
    language: String,
    note: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    topic_zh: String,
    #[serde(default)]
    publisher_zh: String,
    /// The atlas's translation of `note` (translations/notes_zh.csv).
    #[serde(default)]
    note_zh: String,
}

/// Documents without their text (the caller reads `documents/<file>`).
pub fn parse_documents(text: &str, path: &str) -> Result<Vec<(u64, Document)>, LoadError> {
    let rows: Vec<(u64, DocumentRow)> = parse_csv(text, path, DOCUMENT_COLUMNS)?;
    rows.into_iter()
        .map(|(line, r)| {
            let file = r.file.trim().to_string();
            if file.is_empty() || file.contains('/') || file.contains('\\') || file.starts_with('.')
            {
                return Err(LoadError::line(
                    path,
                    line,
                    format!("file {file:?} must be a plain file name in documents/"),
                ));
            }
            Ok((
                line,
                Document {
                    file,
                    title: r.title,
                    publisher: r.publisher,
                    publisher_zh: r.publisher_zh.trim().to_string(),
                    date: r.date,
                    language: r.language,
                    note: r.note,
                    note_zh: r.note_zh.trim().to_string(),
                    title_zh: r.title_zh.trim().to_string(),
                    topic: r.topic.trim().to_string(),
                    topic_zh: r.topic_zh.trim().to_string(),
                    text: String::new(),
                },
            ))
        })
        .collect()
}

pub const PLACE_COLUMNS: &[&str] = &[
    "id",
    "name_en",
    "name_zh",
    "name_zh_confidence",
    "kind",
    "subkind",
    "status",
    "status_note",
    "region_code",
    "represents",
    "lon",
    "lat",
    "precision",
    "precision_note",
    "coord_method",
    "coord_source",
    "line_ids",
    "notes",
];

/// The atlas's Chinese translations of a place's notes (`translations/notes_zh.csv`), after
/// [`PLACE_COLUMNS`]: optional when reading (an older data folder still loads).
pub const PLACE_ATLAS_COLUMNS: &[&str] =
    &["status_note_zh", "precision_note_zh", "coord_method_zh", "notes_zh"];

#[derive(Deserialize)]
struct PlaceRow {
    id: String,
    name_en: String,
    name_zh: String,
    name_zh_confidence: String,
    kind: String,
    subkind: String,
    status: String,
    status_note: String,
    region_code: String,
    represents: String,
    lon: String,
    lat: String,
    precision: String,
    precision_note: String,
    coord_method: String,
    coord_source: String,
    line_ids: String,
    notes: String,
    #[serde(default)]
    status_note_zh: String,
    #[serde(default)]
    precision_note_zh: String,
    #[serde(default)]
    coord_method_zh: String,
    #[serde(default)]
    notes_zh: String,
}

pub fn parse_places(text: &str, path: &str) -> Result<Vec<(u64, Place)>, LoadError> {
    let rows: Vec<(u64, PlaceRow)> = parse_csv(text, path, PLACE_COLUMNS)?;
    rows.into_iter()
        .map(|(line, r)| {
            let bad =
                |what: &str, v: &str| LoadError::line(path, line, format!("unknown {what} {v:?}"));
            let kind = PlaceKind::parse(r.kind.trim()).ok_or_else(|| bad("kind", &r.kind))?;
            let status = Status::parse(r.status.trim()).ok_or_else(|| bad("status", &r.status))?;
            let precision = Precision::parse(r.precision.trim())
                .ok_or_else(|| bad("precision", &r.precision))?;
            let id = r.id.trim().to_string();
            if id.is_empty() {
                return Err(LoadError::line(path, line, "empty id"));
            }
            let lonlat = lonlat_cells(&r.lon, &r.lat, path, line)?;
            if lonlat.is_none() != (precision == Precision::Unlocated) {
                return Err(LoadError::line(
                    path,
                    line,
                    "precision must be \"unlocated\" exactly when lon/lat are empty",
                ));
            }
            Ok((
                line,
                Place {
                    id,
                    name_en: r.name_en,
                    name_zh: r.name_zh,
                    name_zh_confidence: r.name_zh_confidence,
                    kind,
                    subkind: r.subkind,
                    status,
                    status_note: r.status_note,
                    status_note_zh: r.status_note_zh,
                    region_code: r.region_code.trim().to_string(),
                    represents: opt(r.represents),
                    lonlat,
                    precision,
                    precision_note: r.precision_note,
                    precision_note_zh: r.precision_note_zh,
                    coord_method: r.coord_method,
                    coord_method_zh: r.coord_method_zh,
                    coord_source: r.coord_source,
                    line_ids: split_list(&r.line_ids),
                    notes: r.notes,
                    notes_zh: r.notes_zh,
                },
            ))
        })
        .collect()
}

pub const INDICATOR_COLUMNS: &[&str] = &[
    "id",
    "subject",
    "subject_label",
    "indicator",
    "value_as_stated",
    "unit_as_stated",
    "period",
    "value_corrected",
    "unit_corrected",
    "correction_kind",
    "correction_reason",
    "document",
    "excerpt",
];

/// The atlas's Chinese translation of an indicator (`IndicatorZh`): optional when reading (an
/// older data folder still loads), checked by `validate` (each present exactly when its English
/// column is).
pub const INDICATOR_ZH_COLUMNS: &[(&str, &str)] = &[
    ("indicator_zh", "indicator"),
    ("subject_label_zh", "subject_label"),
    ("value_zh", "value_as_stated"),
    ("unit_zh", "unit_as_stated"),
    ("period_zh", "period"),
    ("value_corrected_zh", "value_corrected"),
    ("unit_corrected_zh", "unit_corrected"),
    ("correction_reason_zh", "correction_reason"),
];

#[derive(Deserialize)]
struct IndicatorRow {
    id: String,
    subject: String,
    subject_label: String,
    indicator: String,
    value_as_stated: String,
    unit_as_stated: String,
    period: String,
    value_corrected: String,
    unit_corrected: String,
    correction_kind: String,
    correction_reason: String,
    document: String,
    excerpt: String,
    #[serde(default)]
    indicator_zh: String,
    #[serde(default)]
    subject_label_zh: String,
    #[serde(default)]
    value_zh: String,
    #[serde(default)]
    unit_zh: String,
    #[serde(default)]
    period_zh: String,
    #[serde(default)]
    value_corrected_zh: String,
    #[serde(default)]
    unit_corrected_zh: String,
    #[serde(default)]
    correction_reason_zh: String,
}

/// The kind of a row's correction, checked against its value and reason: a corrected value
/// needs a kind and a reason, a kind needs a value.
fn correction_kind(
    r: &IndicatorRow,
    path: &str,
    line: u64,
) -> Result<Option<CorrectionKind>, LoadError> {
    let kind_text = r.correction_kind.trim();
    let has_value = !r.value_corrected.trim().is_empty();
    if kind_text.is_empty() {
        return match has_value {
            true => Err(LoadError::line(path, line, "value_corrected without a correction_kind (garbled, conversion, derived or cross_check)")),
            false => Ok(None),
        };
    }
    let Some(kind) = CorrectionKind::parse(kind_text) else {
        return Err(LoadError::line(
            path,
            line,
            format!(
                "correction_kind {kind_text:?} is not garbled, conversion, derived or cross_check"
            ),
        ));
    };
    if !has_value {
        return Err(LoadError::line(
            path,
            line,
            format!("correction_kind {kind_text} without a value_corrected"),
        ));
    }
    if r.correction_reason.trim().is_empty() {
        return Err(LoadError::line(path, line, "value_corrected without a correction_reason"));
    }
    Ok(Some(kind))
}

pub fn parse_indicators(text: &str, path: &str) -> Result<Vec<(u64, Indicator)>, LoadError> {
    let rows: Vec<(u64, IndicatorRow)> = parse_csv(text, path, INDICATOR_COLUMNS)?;
    rows.into_iter()
        .map(|(line, r)| {
            if r.id.trim().is_empty() || r.subject.trim().is_empty() {
                return Err(LoadError::line(path, line, "empty id or subject"));
            }
            let correction_kind = correction_kind(&r, path, line)?;
            Ok((
                line,
                Indicator {
                    id: r.id.trim().to_string(),
                    subject: r.subject.trim().to_string(),
                    subject_label: r.subject_label,
                    indicator: r.indicator,
                    value_as_stated: r.value_as_stated,
                    unit_as_stated: r.unit_as_stated,
                    period: r.period,
                    value_corrected: r.value_corrected,
                    unit_corrected: r.unit_corrected,
                    correction_kind,
                    correction_reason: r.correction_reason,
                    document: r.document.trim().to_string(),
                    excerpt: normalise_whitespace(&r.excerpt),
                    zh: IndicatorZh {
                        indicator: r.indicator_zh.trim().to_string(),
                        subject_label: r.subject_label_zh.trim().to_string(),
                        value: r.value_zh.trim().to_string(),
                        unit: r.unit_zh.trim().to_string(),
                        period: r.period_zh.trim().to_string(),
                        value_corrected: r.value_corrected_zh.trim().to_string(),
                        unit_corrected: r.unit_corrected_zh.trim().to_string(),
                        correction_reason: r.correction_reason_zh.trim().to_string(),
                    },
                },
            ))
        })
        .collect()
}

pub const EXCERPT_COLUMNS: &[&str] = &["id", "subjects", "document", "text"];

#[derive(Deserialize)]
struct ExcerptRow {
    id: String,
    subjects: String,
    document: String,
    text: String,
}

pub fn parse_excerpts(text: &str, path: &str) -> Result<Vec<(u64, Excerpt)>, LoadError> {
    let rows: Vec<(u64, ExcerptRow)> = parse_csv(text, path, EXCERPT_COLUMNS)?;
    rows.into_iter()
        .map(|(line, r)| {
            let subjects = split_list(&r.subjects);
            if r.id.trim().is_empty() || subjects.is_empty() {
                return Err(LoadError::line(path, line, "empty id or subjects"));
            }
            let text = normalise_whitespace(&r.text);
            if text.is_empty() {
                return Err(LoadError::line(path, line, "empty text"));
            }
            Ok((
                line,
                Excerpt {
                    id: r.id.trim().to_string(),
                    subjects,
                    document: r.document.trim().to_string(),
                    text,
                    link: LinkKind::Curated,
                    matched_name: None,
                    reason: None,
                    relevance: Relevance::About,
                    relevance_rule: RelevanceRule::Curated,
                },
            ))
        })
        .collect()
}

pub const EXCEPTION_COLUMNS: &[&str] = &["id", "check", "reason"];

/// A marker allowed outside its claimed region, with the reason (`data/known_exceptions.csv`).
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
pub struct KnownException {
    pub id: String,
    pub check: String,
    pub reason: String,
}

pub fn parse_exceptions(text: &str, path: &str) -> Result<Vec<(u64, KnownException)>, LoadError> {
    let rows: Vec<(u64, KnownException)> = parse_csv(text, path, EXCEPTION_COLUMNS)?;
    for (line, e) in &rows {
        if e.reason.trim().is_empty() {
            return Err(LoadError::line(path, *line, format!("exception {} has no reason", e.id)));
        }
    }
    Ok(rows)
}

/// Guangdong's extent in WGS84 degrees, `[lon_min, lat_min, lon_max, lat_max]`, rounded outwards
/// from the province polygon (109.65–117.31 E, 20.21–25.52 N).
pub const GUANGDONG_LONLAT_BOX: [f64; 4] = [109.6, 20.2, 117.4, 25.6];
/// How far (degrees, ≈ 100 km) a line's vertices and control points may reach past
/// [`GUANGDONG_LONLAT_BOX`]: a corridor may run on into Guangxi, Hunan, Jiangxi, Fujian, Hong
/// Kong or Macao, but a point in another part of China (or a swapped lon/lat) is a typing error.
pub const LINE_EXTENT_MARGIN_DEG: f64 = 1.0;

/// Whether a lon/lat lies within the province's box widened by the line margin.
fn near_guangdong(lonlat: [f64; 2]) -> bool {
    let [w, s, e, n] = GUANGDONG_LONLAT_BOX;
    let m = LINE_EXTENT_MARGIN_DEG;
    (w - m..=e + m).contains(&lonlat[0]) && (s - m..=n + m).contains(&lonlat[1])
}

/// The message for a line's position outside the allowed area (`what`: "vertex 3", …).
fn outside_guangdong(what: &str, lonlat: [f64; 2]) -> String {
    let [w, s, e, n] = GUANGDONG_LONLAT_BOX;
    let m = LINE_EXTENT_MARGIN_DEG;
    format!(
        "{what} ({}, {}) lies outside Guangdong ({}–{} E, {}–{} N, with a margin of {m}°); is lon/lat swapped or mistyped?",
        lonlat[0],
        lonlat[1],
        w - m,
        e + m,
        s - m,
        n + m
    )
}

/// `data/lines.geojson`: schematic LineStrings with their properties. The atlas's own data is
/// strict: the first feature that breaks a decoder rule or this file's (a LineString, near
/// Guangdong, a known status) refuses the file, naming the feature and its id.
pub fn parse_lines(text: &str, path: &str) -> Result<Vec<Line>, LoadError> {
    let features = read_features(text).map_err(|e| LoadError::geojson(path, e))?;
    features
        .into_iter()
        .map(|feature| {
            let index = feature.index;
            let id = feature.properties.text_or_empty("id");
            let fail = |problem: String| {
                LoadError::feature(path, index, (!id.is_empty()).then(|| id.clone()), problem)
            };
            if id.is_empty() {
                return Err(fail("missing property \"id\"".into()));
            }
            line_from_feature(feature, id.clone()).map_err(fail)
        })
        .collect()
}

fn line_from_feature(feature: Feature, id: String) -> Result<Line, String> {
    let Feature { properties: p, geometry, .. } = feature;
    let lonlat = match geometry {
        Ok(Geometry::LineString(lonlat)) => lonlat,
        Ok(other) => return Err(format!("geometry is a {}, not a LineString", other.type_name())),
        Err(issue) => return Err(issue.text),
    };
    if let Some(k) = lonlat.iter().position(|&p| !near_guangdong(p)) {
        return Err(outside_guangdong(&format!("vertex {k}"), lonlat[k]));
    }
    let status_text = p.text_or_empty("status");
    let status =
        Status::parse(&status_text).ok_or_else(|| format!("unknown status {status_text:?}"))?;
    let geometry_quality = p.text_or_empty("geometry_quality");
    Ok(Line {
        id,
        name_en: p.text_or_empty("name_en"),
        name_zh: p.text_or_empty("name_zh"),
        status,
        geometry_quality: if geometry_quality.is_empty() {
            "schematic".into()
        } else {
            geometry_quality
        },
        place_id: opt(p.text_or_empty("place_id")),
        source: p.text_or_empty("source"),
        note: p.text_or_empty("note"),
        source_zh: p.text_or_empty("source_zh"),
        note_zh: p.text_or_empty("note_zh"),
        lonlat,
        control_points: control_points(&p)?,
    })
}

/// The `control_points` property: `[{name, lon, lat, src}]` (absent = none).
fn control_points(properties: &Properties) -> Result<Vec<ControlPoint>, String> {
    let Some(points) = properties.get("control_points").and_then(|c| c.as_array()) else {
        return Ok(Vec::new());
    };
    let text = |cp: &serde_json::Value, key: &str| {
        cp.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string()
    };
    points
        .iter()
        .enumerate()
        .map(|(k, cp)| {
            match (cp.get("lon").and_then(|v| v.as_f64()), cp.get("lat").and_then(|v| v.as_f64())) {
                (Some(lon), Some(lat)) if !near_guangdong([lon, lat]) => {
                    Err(outside_guangdong(&format!("control point {k}"), [lon, lat]))
                }
                (Some(lon), Some(lat)) => Ok(ControlPoint {
                    name: text(cp, "name"),
                    lonlat: [lon, lat],
                    src: text(cp, "src"),
                    src_zh: text(cp, "src_zh"),
                }),
                _ => Err(format!("control point {k} has no numeric lon/lat")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_row_names_its_line() {
        let text = "id,check,reason\nGD001,marker_in_region,ok\nGD002,too,many,fields\n";
        let e = parse_exceptions(text, "known_exceptions.csv").unwrap_err();
        assert_eq!(e.to_string(), "known_exceptions.csv:3: row has 4 fields, the header has 3");
    }

    fn indicator_row(value: &str, kind: &str, reason: &str) -> String {
        format!(
            "{}\nIND900,440000,,x,1,jin,2022,{value},t,{kind},{reason},a.txt,s\n",
            INDICATOR_COLUMNS.join(",")
        )
    }

    #[test]
    fn corrections_need_their_kind_and_kinds_their_value() {
        let ok = parse_indicators(
            &indicator_row("0.5", "conversion", "1 jin = 0.5 kg"),
            "indicators.csv",
        )
        .expect("valid");
        assert_eq!(ok[0].1.correction_kind, Some(CorrectionKind::Conversion));
        let note = parse_indicators(&indicator_row("", "", "a note on the row"), "indicators.csv")
            .expect("a reason alone is a note");
        assert!(!note[0].1.is_corrected());
        let e = parse_indicators(&indicator_row("0.5", "", "why"), "indicators.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("indicators.csv:2: value_corrected without a correction_kind"),
            "{e}"
        );
        let e = parse_indicators(&indicator_row("", "derived", "why"), "indicators.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "indicators.csv:2: correction_kind derived without a value_corrected");
        let e = parse_indicators(&indicator_row("0.5", "guess", "why"), "indicators.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"guess\" is not garbled"), "{e}");
        let e = parse_indicators(&indicator_row("0.5", "garbled", ""), "indicators.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("without a correction_reason"), "{e}");
    }

    /// `correction_reason_zh` is read when present; an older file without it still loads and
    /// shows the English reason in 中文 too (validate names the gap).
    #[test]
    fn the_reason_in_chinese_is_an_optional_column() {
        use crate::i18n::Lang;
        let old = parse_indicators(
            &indicator_row("0.5", "conversion", "1 jin = 0.5 kg"),
            "indicators.csv",
        )
        .expect("an older file");
        assert_eq!(old[0].1.correction_reason_in(Lang::Zh), "1 jin = 0.5 kg");
        let text = format!("{},correction_reason_zh\nIND900,440000,,x,1,jin,2022,0.5,t,conversion,1 jin = 0.5 kg,a.txt,s, 1斤 = 0.5公斤 \n", INDICATOR_COLUMNS.join(","));
        let new = parse_indicators(&text, "indicators.csv").expect("with the column");
        assert_eq!(new[0].1.correction_reason_in(Lang::Zh), "1斤 = 0.5公斤");
        assert_eq!(new[0].1.correction_reason_in(Lang::En), "1 jin = 0.5 kg");
    }

    #[test]
    fn missing_column_is_reported() {
        let e = parse_exceptions("id,reason\n", "x.csv").unwrap_err();
        assert_eq!(e.to_string(), "x.csv:1: missing column \"check\"");
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    fn lines_file(feature: &str) -> String {
        format!("{{\"type\":\"FeatureCollection\",\"features\":[{feature}]}}")
    }

    #[test]
    fn reads_a_schematic_line() {
        let text = lines_file(
            r#"{"type":"Feature","properties":{"id":"L9","name_en":"Test","status":"planned","control_points":[{"name":"A","lon":112.5,"lat":23.0,"src":"s"}]},
               "geometry":{"type":"LineString","coordinates":[[112.5,23.0],[113.0,23.5]]}}"#,
        );
        let lines = parse_lines(&text, "lines.geojson").expect("valid");
        assert_eq!(lines[0].id, "L9");
        assert_eq!(lines[0].status, Status::Planned);
        assert_eq!(lines[0].geometry_quality, "schematic");
        assert_eq!(lines[0].lonlat, vec![[112.5, 23.0], [113.0, 23.5]]);
        assert_eq!(lines[0].control_points[0].lonlat, [112.5, 23.0]);
        // No source_zh / note_zh (an older file): 中文 falls back to the English.
        assert_eq!(lines[0].source_in(crate::i18n::Lang::Zh), "");
        let text = lines_file(
            r#"{"type":"Feature","properties":{"id":"L9","status":"planned","source":"A site","source_zh":"某网站","note":"Coarse.","note_zh":"粗略。"},
               "geometry":{"type":"LineString","coordinates":[[112.5,23.0],[113.0,23.5]]}}"#,
        );
        let l = &parse_lines(&text, "lines.geojson").expect("valid")[0];
        assert_eq!(
            (l.source_in(crate::i18n::Lang::Zh), l.note_in(crate::i18n::Lang::Zh)),
            ("某网站", "粗略。")
        );
        assert_eq!(
            (l.source_in(crate::i18n::Lang::En), l.note_in(crate::i18n::Lang::En)),
            ("A site", "Coarse.")
        );
    }

    #[test]
    fn a_broken_line_is_named() {
        let point = r#"{"type":"Feature","properties":{"id":"L9","status":"planned"},"geometry":{"type":"Point","coordinates":[112.5,23.0]}}"#;
        let e = parse_lines(&lines_file(point), "lines.geojson").unwrap_err();
        assert_eq!(
            e.to_string(),
            "lines.geojson: feature 0 (code L9): geometry is a Point, not a LineString"
        );
        let status = r#"{"type":"Feature","properties":{"id":"L9","status":"rumoured"},"geometry":{"type":"LineString","coordinates":[[112,23],[113,24]]}}"#;
        let e = parse_lines(&lines_file(status), "lines.geojson").unwrap_err();
        assert_eq!(
            e.to_string(),
            "lines.geojson: feature 0 (code L9): unknown status \"rumoured\""
        );
        let far = r#"{"type":"Feature","properties":{"id":"L9","status":"planned","control_points":[{"name":"A","lon":23.0,"lat":112.5}]},"geometry":{"type":"LineString","coordinates":[[112.5,23.0],[113.0,23.5]]}}"#;
        let e = parse_lines(&lines_file(far), "lines.geojson").unwrap_err().to_string();
        assert!(e.starts_with("lines.geojson: feature 0 (code L9): control point 0 (23, 112.5) lies outside Guangdong (108.6–118.4 E"), "{e}");
        let beijing = r#"{"type":"Feature","properties":{"id":"L9","status":"planned"},"geometry":{"type":"LineString","coordinates":[[112.5,23.0],[116.4,39.9]]}}"#;
        let e = parse_lines(&lines_file(beijing), "lines.geojson").unwrap_err().to_string();
        assert!(e.contains("vertex 1 (116.4, 39.9) lies outside Guangdong"), "{e}");
        let e = parse_lines("[]", "lines.geojson").unwrap_err();
        assert_eq!(e.to_string(), "lines.geojson:1: not GeoJSON: invalid type: sequence, expected a GeoJSON object at line 1 column 2");
    }
}
