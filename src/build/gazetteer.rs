//! Places, schematic lines, indicators and excerpts converted from `gazetteer/` to the contract.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use super::io::{features, file_err, line_err, normalise_ws, prop_str, read_csv, read_json, write_csv, write_text, BuildResult};
use super::regions::{Regions, PROVINCE_CODE};

#[derive(Clone, Debug)]
pub struct Place {
    pub id: String,
    pub name_en: String,
    pub region_code: String,
    pub represents: String,
    pub lonlat: Option<[f64; 2]>,
    pub precision: String,
    pub row: Vec<String>,
}

pub const PLACES_HEADER: &[&str] = &[
    "id", "name_en", "name_zh", "name_zh_confidence", "kind", "subkind", "status", "status_note", "region_code", "represents", "lon", "lat",
    "precision", "precision_note", "coord_method", "coord_source", "line_ids", "notes",
];
const KINDS: &[&str] = &["industrial_park", "logistics_hub", "port", "airport", "expressway", "road", "town", "other"];
const STATUSES: &[&str] = &["existing", "under_construction", "planned"];
const PRECISIONS: &[&str] = &["site", "zone", "town", "county", "city", "region", "schematic", "unlocated"];

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
    let mut places = Vec::new();
    for r in read_csv(&path)? {
        let id = r.req(&path, "id")?.to_string();
        let kind = r.req(&path, "kind")?;
        let subkind = r.get(&path, "subkind")?;
        let status = r.req(&path, "status")?;
        if !KINDS.contains(&kind) {
            return Err(line_err(&path, r.line, format!("{id}: unknown kind {kind:?}")));
        }
        if !STATUSES.contains(&status) {
            return Err(line_err(&path, r.line, format!("{id}: unknown status {status:?}")));
        }
        let region_code = r.req(&path, "county_adcode")?.to_string();
        if regions.admin(&region_code).is_none() {
            return Err(line_err(&path, r.line, format!("{id}: county_adcode {region_code} is not a county or city")));
        }
        let (precision, precision_note) = split_precision(r.req(&path, "precision")?);
        if !PRECISIONS.contains(&precision.as_str()) {
            return Err(line_err(&path, r.line, format!("{id}: unknown precision {precision:?}")));
        }
        let lonlat = match (r.f64(&path, "lon")?, r.f64(&path, "lat")?) {
            (Some(lon), Some(lat)) => Some([lon, lat]),
            (None, None) => None,
            _ => return Err(line_err(&path, r.line, format!("{id}: lon without lat or lat without lon"))),
        };
        if lonlat.is_none() != (precision == "unlocated") {
            return Err(line_err(&path, r.line, format!("{id}: precision {precision:?} does not match the coordinates")));
        }
        // The region the place *is*: a town with its township code, a county or a city.
        let township = r.get(&path, "township_or_village_code")?;
        let represents = if kind == "town" && township.len() == 9 {
            match regions.primary_of.get(township) {
                Some(primary) => primary.clone(),
                None => return Err(line_err(&path, r.line, format!("{id}: township code {township} is not in the town list"))),
            }
        } else if kind == "town" || subkind == "prefecture_city" {
            region_code.clone()
        } else {
            String::new()
        };
        let (lon, lat) = lonlat.map(|p| (p[0].to_string(), p[1].to_string())).unwrap_or_default();
        let name_en = r.req(&path, "name")?.to_string();
        let row = vec![
            id.clone(), name_en.clone(), r.get(&path, "name_zh")?.into(), r.get(&path, "name_zh_confidence")?.into(), kind.into(), subkind.into(),
            status.into(), r.get(&path, "status_note")?.into(), region_code.clone(), represents.clone(), lon, lat, precision.clone(), precision_note,
            r.get(&path, "coord_method")?.into(), r.get(&path, "coord_source")?.into(), r.get(&path, "line_ids")?.replace(';', "|"), r.get(&path, "notes")?.into(),
        ];
        places.push(Place { id, name_en, region_code, represents, lonlat, precision, row });
    }
    let rows: Vec<Vec<String>> = places.iter().map(|p| p.row.clone()).collect();
    write_csv(&data.join("places.csv"), PLACES_HEADER, &rows)?;
    Ok(places)
}

pub fn build_lines(shared: &Path, places: &[Place], data: &Path) -> BuildResult<usize> {
    let path = shared.join("gazetteer/lines.geojson");
    let doc = read_json(&path)?;
    let mut out = Vec::new();
    for (i, f) in features(&path, &doc)?.iter().enumerate() {
        let id = prop_str(f, "id");
        let place_id = prop_str(f, "feature_id");
        if id.is_empty() {
            return Err(file_err(&path, format!("feature {i}: no id")));
        }
        if !place_id.is_empty() && !places.iter().any(|p| p.id == place_id) {
            return Err(file_err(&path, format!("line {id}: feature_id {place_id} is not a place")));
        }
        let quality = prop_str(f, "geometry_quality");
        if quality != "schematic" {
            return Err(file_err(&path, format!("line {id}: geometry_quality {quality:?}, expected \"schematic\"")));
        }
        let geometry = f.get("geometry").cloned().unwrap_or(Value::Null);
        if geometry.get("type").and_then(Value::as_str) != Some("LineString") {
            return Err(file_err(&path, format!("line {id}: geometry is not a LineString")));
        }
        let control_points = f.get("properties").and_then(|p| p.get("control_points")).cloned().unwrap_or(json!([]));
        out.push(json!({
            "type": "Feature",
            "properties": {
                "id": id, "name_en": prop_str(f, "name"), "name_zh": prop_str(f, "name_zh"), "status": prop_str(f, "status"),
                "geometry_quality": quality, "place_id": place_id, "source": prop_str(f, "source"), "note": prop_str(f, "note"),
                "control_points": control_points,
            },
            "geometry": geometry,
        }));
    }
    let n = out.len();
    let fc = json!({ "type": "FeatureCollection", "features": out });
    let text = serde_json::to_string_pretty(&fc).map_err(|e| file_err(&path, e))?;
    write_text(&data.join("lines.geojson"), &(text + "\n"))?;
    Ok(n)
}

pub const INDICATORS_HEADER: &[&str] = &[
    "id", "subject", "subject_label", "indicator", "value_as_stated", "unit_as_stated", "period", "value_corrected", "unit_corrected",
    "correction_reason", "document", "excerpt",
];

/// Region or place the indicator is about, from its feature id or else its level and name.
fn indicator_subject(path: &Path, line: u64, label: &str, level: &str, feature: &str, places: &[Place], regions: &Regions) -> BuildResult<String> {
    if !feature.is_empty() {
        let place = places.iter().find(|p| p.id == feature).ok_or_else(|| line_err(path, line, format!("feature_id {feature} is not a place")))?;
        return Ok(if place.represents.is_empty() { place.id.clone() } else { place.represents.clone() });
    }
    match level {
        // Areas larger than one city (the Greater Bay Area, the Guangzhou metropolitan area) have no
        // shape of their own: they are attached to the province and keep their label.
        "province" | "region" => Ok(PROVINCE_CODE.to_string()),
        "city" | "county" => {
            // "Puning / Jieyang" is about Puning; "Zhaoqing (…)" about Zhaoqing.
            let name = label.split(" / ").next().unwrap_or(label).split(" (").next().unwrap_or(label).trim();
            regions
                .code_by_pinyin(level, name)
                .map(str::to_string)
                .ok_or_else(|| line_err(path, line, format!("no {level} named {name:?}")))
        }
        other => Err(line_err(path, line, format!("subject {label:?}: no feature_id and unknown subject_level {other:?}"))),
    }
}

pub fn build_indicators(shared: &Path, places: &[Place], regions: &Regions, docs: &[(String, String)], data: &Path) -> BuildResult<usize> {
    let path = shared.join("gazetteer/indicators.csv");
    let normalised: BTreeMap<&str, String> = docs.iter().map(|(f, t)| (f.as_str(), normalise_ws(t))).collect();
    let mut rows = Vec::new();
    for r in read_csv(&path)? {
        let label = r.req(&path, "subject")?;
        let subject = indicator_subject(&path, r.line, label, r.get(&path, "subject_level")?, r.get(&path, "feature_id")?, places, regions)?;
        // The label is kept only when it says more than the subject's own name.
        let mut subject_names: Vec<String> = places.iter().filter(|p| p.id == subject).map(|p| p.name_en.clone()).collect();
        if let Some(u) = regions.admin(&subject) {
            subject_names.extend([u.name_en.clone(), u.name_pinyin.clone()]);
        }
        if let Some(t) = regions.town(&subject) {
            subject_names.extend([t.name.name_en.clone(), t.name.name_pinyin.clone()]);
        }
        let subject_label = if subject_names.iter().any(|n| n == label) { String::new() } else { label.to_string() };
        let document = r.req(&path, "seed_file")?;
        let excerpt = normalise_ws(r.req(&path, "sentence")?);
        let text = normalised.get(document).ok_or_else(|| line_err(&path, r.line, format!("unknown document {document}")))?;
        if !text.contains(&excerpt) {
            return Err(line_err(&path, r.line, format!("sentence not found in {document}")));
        }
        rows.push(vec![
            r.req(&path, "id")?.into(), subject, subject_label, r.req(&path, "indicator")?.into(), r.get(&path, "value_as_stated")?.into(),
            r.get(&path, "unit_as_stated")?.into(), r.get(&path, "period")?.into(), r.get(&path, "value_corrected")?.into(),
            r.get(&path, "unit_corrected")?.into(), r.get(&path, "correction_reason")?.into(), document.into(), excerpt,
        ]);
    }
    write_csv(&data.join("indicators.csv"), INDICATORS_HEADER, &rows)?;
    Ok(rows.len())
}

pub fn build_excerpts(shared: &Path, places: &[Place], docs: &[(String, String)], data: &Path) -> BuildResult<usize> {
    let path = shared.join("gazetteer/mentions.csv");
    let normalised: BTreeMap<&str, String> = docs.iter().map(|(f, t)| (f.as_str(), normalise_ws(t))).collect();
    let mut rows = Vec::new();
    for (i, r) in read_csv(&path)?.iter().enumerate() {
        let feature = r.req(&path, "feature_id")?;
        let place = places.iter().find(|p| p.id == feature).ok_or_else(|| line_err(&path, r.line, format!("feature_id {feature} is not a place")))?;
        let mut subjects = vec![place.id.clone()];
        if !place.represents.is_empty() {
            subjects.push(place.represents.clone());
        }
        let document = r.req(&path, "seed_file")?;
        let text = normalise_ws(r.req(&path, "excerpt")?);
        let doc = normalised.get(document).ok_or_else(|| line_err(&path, r.line, format!("unknown document {document}")))?;
        if !doc.contains(&text) {
            return Err(line_err(&path, r.line, format!("excerpt not found in {document}")));
        }
        rows.push(vec![format!("EX{:03}", i + 1), subjects.join("|"), document.into(), text]);
    }
    write_csv(&data.join("excerpts.csv"), &["id", "subjects", "document", "text"], &rows)?;
    Ok(rows.len())
}
