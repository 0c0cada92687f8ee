//! Places, schematic lines, indicators and excerpts converted from `gazetteer/` to the contract.

use std::collections::BTreeMap;
use std::path::Path;

use gd_atlas_core::geo::geojson::Geometry;
use gd_atlas_core::model::text::normalise_whitespace;
use gd_atlas_core::model::{Level, PlaceKind, Precision, Status};
use serde_json::json;

use super::corrections::{self, IndicatorColumns};
use super::io::{
    file_err, line_err, read_csv, read_geojson, write_csv, write_text, BuildResult, Row,
};
use super::regions::{Regions, PROVINCE_CODE};
use super::translations;

#[derive(Clone, Debug)]
pub struct Place {
    pub id: String,
    pub name_en: String,
    pub region_code: String,
    pub represents: String,
    pub lonlat: Option<[f64; 2]>,
    pub precision: Precision,
    pub row: Vec<String>,
}

/// The columns of `data/places.csv`: the loader's own lists (the source's columns, then the
/// atlas's translations), so the build writes what it reads.
fn places_header() -> Vec<&'static str> {
    use gd_atlas_core::model::rows::{PLACE_ATLAS_COLUMNS, PLACE_COLUMNS};
    PLACE_COLUMNS.iter().chain(PLACE_ATLAS_COLUMNS).copied().collect()
}

/// A place's notes that the 中文 interface shows translated: (field of `notes_zh.csv`, index
/// of the English in the row), in the order of `PLACE_ATLAS_COLUMNS`.
const PLACE_NOTES: [(&str, usize); 4] = [
    ("place_status_note", 7),
    ("place_precision_note", 13),
    ("place_coord_method", 14),
    ("place_notes", 17),
];

/// "site (representative point on the crossing)" → ("site", "representative point on the crossing").
fn split_precision(s: &str) -> (String, String) {
    let s = s.trim();
    let (word, rest) = s.split_once(' ').unwrap_or((s, ""));
    let rest = rest.trim();
    let rest = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')).unwrap_or(rest);
    (word.to_string(), rest.to_string())
}

pub fn build_places(shared: &Path, regions: &Regions, data: &Path) -> BuildResult<Vec<Place>> {
    let path = shared.join("gazetteer/places.csv");
    let places = read_csv(&path)?
        .iter()
        .map(|r| place(&path, r, regions))
        .collect::<BuildResult<Vec<Place>>>()?;
    let mut notes = translations::NoteTranslations::load()?;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(places.len());
    for p in &places {
        let mut row = p.row.clone();
        for (field, column) in PLACE_NOTES {
            let zh = notes
                .zh(field, &p.row[column])
                .map_err(|e| file_err(&path, format!("place {}: {e}", p.id)))?;
            row.push(zh);
        }
        rows.push(row);
    }
    for (field, _) in PLACE_NOTES {
        notes.check_all_used(field)?;
    }
    write_csv(&data.join("places.csv"), &places_header(), &rows)?;
    Ok(places)
}

/// A cell spelling one of the model's enums (the app's loader reads it back with the same table).
fn enum_cell<T>(
    path: &Path,
    r: &Row,
    column: &str,
    id: &str,
    parse: fn(&str) -> Option<T>,
) -> BuildResult<T> {
    let text = r.req(path, column)?;
    parse(text).ok_or_else(|| line_err(path, r.line, format!("{id}: unknown {column} {text:?}")))
}

/// One gazetteer place checked and converted to a `places.csv` row.
fn place(path: &Path, r: &Row, regions: &Regions) -> BuildResult<Place> {
    let id = r.req(path, "id")?.to_string();
    let kind = enum_cell(path, r, "kind", &id, PlaceKind::parse)?;
    let status = enum_cell(path, r, "status", &id, Status::parse)?;
    let region_code = r.req(path, "county_adcode")?.to_string();
    if regions.admin(&region_code).is_none() {
        return Err(line_err(
            path,
            r.line,
            format!("{id}: county_adcode {region_code} is not a county or city"),
        ));
    }
    let (precision_word, precision_note) = split_precision(r.req(path, "precision")?);
    let precision = Precision::parse(&precision_word).ok_or_else(|| {
        line_err(path, r.line, format!("{id}: unknown precision {precision_word:?}"))
    })?;
    let lonlat = match (r.f64(path, "lon")?, r.f64(path, "lat")?) {
        (Some(lon), Some(lat)) => Some([lon, lat]),
        (None, None) => None,
        _ => {
            return Err(line_err(path, r.line, format!("{id}: lon without lat or lat without lon")))
        }
    };
    if lonlat.is_none() != (precision == Precision::Unlocated) {
        return Err(line_err(
            path,
            r.line,
            format!("{id}: precision {precision_word:?} does not match the coordinates"),
        ));
    }
    let represents = represents(path, r, &id, kind, &region_code, regions)?;
    let (lon, lat) = lonlat.map(|p| (p[0].to_string(), p[1].to_string())).unwrap_or_default();
    let name_en = r.req(path, "name")?.to_string();
    let row = vec![
        id.clone(),
        name_en.clone(),
        r.get(path, "name_zh")?.into(),
        r.get(path, "name_zh_confidence")?.into(),
        kind.as_str().into(),
        r.get(path, "subkind")?.into(),
        status.as_str().into(),
        r.get(path, "status_note")?.into(),
        region_code.clone(),
        represents.clone(),
        lon,
        lat,
        precision.as_str().into(),
        precision_note,
        r.get(path, "coord_method")?.into(),
        r.get(path, "coord_source")?.into(),
        r.get(path, "line_ids")?.replace(';', "|"),
        r.get(path, "notes")?.into(),
    ];
    Ok(Place { id, name_en, region_code, represents, lonlat, precision, row })
}

/// The control points as the source gives them, each with the atlas's translation of its
/// source (`src_zh`, from `notes_zh.csv` field `control_point_source`).
fn control_points_zh(
    points: Option<&serde_json::Value>,
    notes: &mut translations::NoteTranslations,
) -> Result<serde_json::Value, String> {
    let mut points = points.cloned().unwrap_or(json!([]));
    for cp in points.as_array_mut().into_iter().flatten() {
        let src = cp.get("src").and_then(|s| s.as_str()).unwrap_or_default().to_string();
        let zh = notes.zh("control_point_source", &src)?;
        if let Some(object) = cp.as_object_mut() {
            object.insert("src_zh".into(), json!(zh));
        }
    }
    Ok(points)
}

/// The region the place *is*: a town with its township code, a county or a city; else empty.
fn represents(
    path: &Path,
    r: &Row,
    id: &str,
    kind: PlaceKind,
    region_code: &str,
    regions: &Regions,
) -> BuildResult<String> {
    let township = r.get(path, "township_or_village_code")?;
    if kind == PlaceKind::Town && township.len() == 9 {
        return match regions.primary_of.get(township) {
            Some(primary) => Ok(primary.clone()),
            None => Err(line_err(
                path,
                r.line,
                format!("{id}: township code {township} is not in the town list"),
            )),
        };
    }
    let is_city = r.get(path, "subkind")? == "prefecture_city";
    Ok(if kind == PlaceKind::Town || is_city { region_code.to_string() } else { String::new() })
}

pub fn build_lines(shared: &Path, places: &[Place], data: &Path) -> BuildResult<usize> {
    let path = shared.join("gazetteer/lines.geojson");
    let mut notes = translations::NoteTranslations::load()?;
    let mut out = Vec::new();
    for f in read_geojson(&path)? {
        let id = f.properties.text_or_empty("id");
        let place_id = f.properties.text_or_empty("feature_id");
        if id.is_empty() {
            return Err(file_err(&path, format!("feature {}: no id", f.index)));
        }
        if !place_id.is_empty() && !places.iter().any(|p| p.id == place_id) {
            return Err(file_err(
                &path,
                format!("line {id}: feature_id {place_id} is not a place"),
            ));
        }
        let quality = f.properties.text_or_empty("geometry_quality");
        if quality != "schematic" {
            return Err(file_err(
                &path,
                format!("line {id}: geometry_quality {quality:?}, expected \"schematic\""),
            ));
        }
        let Ok(geometry @ Geometry::LineString(_)) = &f.geometry else {
            return Err(file_err(
                &path,
                format!("line {id}: geometry is not a LineString of WGS84 positions"),
            ));
        };
        let (source, note) =
            (f.properties.text_or_empty("source"), f.properties.text_or_empty("note"));
        let source_zh = notes
            .zh("line_source", &source)
            .map_err(|e| file_err(&path, format!("line {id}: {e}")))?;
        let note_zh =
            notes.zh("line_note", &note).map_err(|e| file_err(&path, format!("line {id}: {e}")))?;
        out.push(json!({
            "type": "Feature",
            "properties": {
                "id": id, "name_en": f.properties.text_or_empty("name"), "name_zh": f.properties.text_or_empty("name_zh"), "status": f.properties.text_or_empty("status"),
                "geometry_quality": quality, "place_id": place_id, "source": source, "note": note,
                // The atlas's Chinese translation of source and note (translations/notes_zh.csv).
                "source_zh": source_zh, "note_zh": note_zh,
                "control_points": control_points_zh(f.properties.get("control_points"), &mut notes)
                    .map_err(|e| file_err(&path, format!("line {id}: {e}")))?,
            },
            // Written back decoded: f64s print in their shortest round-trip spelling, so the
            // file keeps the source's numbers digit for digit.
            "geometry": geometry.to_json(),
        }));
    }
    notes.check_all_used("line_source")?;
    notes.check_all_used("control_point_source")?;
    notes.check_all_used("line_note")?;
    let n = out.len();
    let fc = json!({ "type": "FeatureCollection", "features": out });
    let text = serde_json::to_string_pretty(&fc).map_err(|e| file_err(&path, e))?;
    write_text(&data.join("lines.geojson"), &(text + "\n"))?;
    Ok(n)
}

/// The header of `data/indicators.csv`: the loader's columns (core's `INDICATOR_COLUMNS`), then
/// the atlas's Chinese translation of them (core's `INDICATOR_ZH_COLUMNS`) — the contract read
/// from the loader rather than listed a second time here.
pub fn indicators_header() -> Vec<&'static str> {
    use gd_atlas_core::model::rows::{INDICATOR_COLUMNS, INDICATOR_ZH_COLUMNS};
    INDICATOR_COLUMNS
        .iter()
        .copied()
        .chain(INDICATOR_ZH_COLUMNS.iter().map(|&(zh, _)| zh))
        .collect()
}

/// Region or place the indicator is about, from its feature id or else its level and name.
fn indicator_subject(
    path: &Path,
    line: u64,
    label: &str,
    level: &str,
    feature: &str,
    places: &[Place],
    regions: &Regions,
) -> BuildResult<String> {
    if !feature.is_empty() {
        let place = places
            .iter()
            .find(|p| p.id == feature)
            .ok_or_else(|| line_err(path, line, format!("feature_id {feature} is not a place")))?;
        return Ok(if place.represents.is_empty() {
            place.id.clone()
        } else {
            place.represents.clone()
        });
    }
    match level {
        // Areas larger than one city (the Greater Bay Area, the Guangzhou metropolitan area) have no
        // shape of their own: they are attached to the province and keep their label.
        "province" | "region" => Ok(PROVINCE_CODE.to_string()),
        "city" | "county" => {
            let level = if level == "city" { Level::City } else { Level::County };
            // "Puning / Jieyang" is about Puning; "Zhaoqing (…)" about Zhaoqing.
            let name = label
                .split(" / ")
                .next()
                .unwrap_or(label)
                .split(" (")
                .next()
                .unwrap_or(label)
                .trim();
            regions
                .code_by_pinyin(level, name)
                .map(str::to_string)
                .ok_or_else(|| line_err(path, line, format!("no {level} named {name:?}")))
        }
        other => Err(line_err(
            path,
            line,
            format!("subject {label:?}: no feature_id and unknown subject_level {other:?}"),
        )),
    }
}

/// The subject's label as the source wrote it, kept only when it says more than the subject's
/// own name (English or pinyin); empty otherwise.
fn label_beyond_name(label: &str, subject: &str, places: &[Place], regions: &Regions) -> String {
    let mut subject_names: Vec<String> =
        places.iter().filter(|p| p.id == subject).map(|p| p.name_en.clone()).collect();
    if let Some(u) = regions.admin(subject) {
        subject_names.extend([u.name_en.clone(), u.name_pinyin.clone()]);
    }
    if let Some(t) = regions.town(subject) {
        subject_names.extend([t.name.name_en.clone(), t.name.name_pinyin.clone()]);
    }
    if subject_names.iter().any(|n| n == label) {
        String::new()
    } else {
        label.to_string()
    }
}

/// An indicator's sentence must be quoted verbatim from its document (whitespace normalised).
fn check_quoted(
    normalised: &BTreeMap<&str, String>,
    document: &str,
    excerpt: &str,
) -> Result<(), String> {
    let text = normalised.get(document).ok_or_else(|| format!("unknown document {document}"))?;
    if text.contains(excerpt) {
        Ok(())
    } else {
        Err(format!("sentence not found in {document}"))
    }
}

pub fn build_indicators(
    shared: &Path,
    places: &[Place],
    regions: &Regions,
    docs: &[(String, String)],
    data: &Path,
) -> BuildResult<usize> {
    let path = shared.join("gazetteer/indicators.csv");
    let normalised: BTreeMap<&str, String> =
        docs.iter().map(|(f, t)| (f.as_str(), normalise_whitespace(t))).collect();
    let mut translations = translations::indicator_translations()?;
    let mut notes = translations::NoteTranslations::load()?;
    let mut rows = Vec::new();
    for r in read_csv(&path)? {
        let label = r.req(&path, "subject")?;
        let subject = indicator_subject(
            &path,
            r.line,
            label,
            r.get(&path, "subject_level")?,
            r.get(&path, "feature_id")?,
            places,
            regions,
        )?;
        let subject_label = label_beyond_name(label, &subject, places, regions);
        let document = r.req(&path, "seed_file")?;
        let excerpt = normalise_whitespace(r.req(&path, "sentence")?);
        check_quoted(&normalised, document, &excerpt).map_err(|e| line_err(&path, r.line, e))?;
        let id = r.req(&path, "id")?;
        let mut c = IndicatorColumns {
            indicator: r.req(&path, "indicator")?.into(),
            subject_label,
            value_as_stated: r.get(&path, "value_as_stated")?.into(),
            unit_as_stated: r.get(&path, "unit_as_stated")?.into(),
            value_corrected: r.get(&path, "value_corrected")?.into(),
            unit_corrected: r.get(&path, "unit_corrected")?.into(),
            correction_kind: String::new(),
            correction_reason: r.get(&path, "correction_reason")?.into(),
        };
        corrections::apply(id, &mut c).map_err(|e| line_err(&path, r.line, e))?;
        let period = r.get(&path, "period")?;
        let zh = translations.remove(id).ok_or_else(|| {
            line_err(
                &path,
                r.line,
                format!("{id} has no Chinese translation in {}", translations::INDICATORS_ZH_PATH),
            )
        })?;
        let english = [
            c.indicator.as_str(),
            c.subject_label.as_str(),
            c.value_as_stated.as_str(),
            c.unit_as_stated.as_str(),
            period,
            c.value_corrected.as_str(),
            c.unit_corrected.as_str(),
        ];
        translations::check_pairs(id, &english, &zh).map_err(|e| line_err(&path, r.line, e))?;
        let reason_zh = notes
            .zh("correction_reason", &c.correction_reason)
            .map_err(|e| line_err(&path, r.line, format!("{id}: {e}")))?;
        let mut row = vec![
            id.into(),
            subject,
            c.subject_label,
            c.indicator,
            c.value_as_stated,
            c.unit_as_stated,
            period.into(),
            c.value_corrected,
            c.unit_corrected,
            c.correction_kind,
            c.correction_reason,
            document.into(),
            excerpt,
        ];
        row.extend(zh);
        row.push(reason_zh);
        rows.push(row);
    }
    if let Some(id) = translations.keys().next() {
        return Err(line_err(
            Path::new(translations::INDICATORS_ZH_PATH),
            0,
            format!("{id} is translated but not in {}", path.display()),
        ));
    }
    notes.check_all_used("correction_reason")?;
    write_csv(&data.join("indicators.csv"), &indicators_header(), &rows)?;
    Ok(rows.len())
}

pub fn build_excerpts(
    shared: &Path,
    places: &[Place],
    docs: &[(String, String)],
    data: &Path,
) -> BuildResult<usize> {
    let path = shared.join("gazetteer/mentions.csv");
    let normalised: BTreeMap<&str, String> =
        docs.iter().map(|(f, t)| (f.as_str(), normalise_whitespace(t))).collect();
    let mut rows = Vec::new();
    for (i, r) in read_csv(&path)?.iter().enumerate() {
        let feature = r.req(&path, "feature_id")?;
        let place = places.iter().find(|p| p.id == feature).ok_or_else(|| {
            line_err(&path, r.line, format!("feature_id {feature} is not a place"))
        })?;
        let mut subjects = vec![place.id.clone()];
        if !place.represents.is_empty() {
            subjects.push(place.represents.clone());
        }
        let document = r.req(&path, "seed_file")?;
        let text = normalise_whitespace(r.req(&path, "excerpt")?);
        let doc = normalised
            .get(document)
            .ok_or_else(|| line_err(&path, r.line, format!("unknown document {document}")))?;
        if !doc.contains(&text) {
            return Err(line_err(&path, r.line, format!("excerpt not found in {document}")));
        }
        rows.push(vec![format!("EX{:03}", i + 1), subjects.join("|"), document.into(), text]);
    }
    write_csv(&data.join("excerpts.csv"), &["id", "subjects", "document", "text"], &rows)?;
    Ok(rows.len())
}
