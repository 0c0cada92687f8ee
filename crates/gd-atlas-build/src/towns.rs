//! Town-level units from the town code list and the seat points. The list holds old and new codes
//! of the same unit side by side; codes that share a seat point, or a county and a name core, are
//! merged into one town whose other codes become `alias_codes`.

use std::collections::BTreeMap;
use std::path::Path;

use gd_atlas_core::model::GeometryKind;

use super::io::{file_err, line_err, read_csv, BuildResult};
use super::names;
use super::regions::{PolygonsLonLat, Town, DONGGUAN};

/// A town seat from `geo/towns/town_seats.csv`.
#[derive(Clone, Debug)]
struct Seat {
    lonlat: [f64; 2],
    source: String,
    /// "seat confidence … (match method)", kept in the town's note.
    info: String,
    /// The GeoNames English name, a search alias when it differs from the generated pinyin.
    geonames_name: String,
}

/// One row of the town code list with its seat.
struct ListRow {
    code: String,
    name_zh: String,
    county: String,
    in_nbs: bool,
    seat: Option<Seat>,
}

/// Towns sorted by code, and every listed code → the primary code of its unit.
pub fn load(
    shared: &Path,
    dongguan: &BTreeMap<String, PolygonsLonLat>,
    counties_zh: &BTreeMap<&str, String>,
) -> BuildResult<(Vec<Town>, BTreeMap<String, String>)> {
    let list_path = shared.join("geo/boundaries/guangdong_towns_list.csv");
    let rows = read_list(&list_path, read_seats(&shared.join("geo/towns/town_seats.csv"))?)?;
    let mut towns = Vec::new();
    let mut primary_of = BTreeMap::new();
    for members in merge_groups(&rows).values() {
        // Primary: the NBS 2023 code (lowest if several), else the lowest code.
        let primary = *members.iter().find(|&&i| rows[i].in_nbs).unwrap_or(&members[0]);
        if members.iter().any(|&i| rows[i].county != rows[primary].county) {
            return Err(file_err(
                &list_path,
                format!("codes merged with {} lie in different counties", rows[primary].code),
            ));
        }
        for &i in members {
            primary_of.insert(rows[i].code.clone(), rows[primary].code.clone());
        }
        towns.push(town(&rows, members, primary, dongguan, counties_zh));
    }
    towns.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((towns, primary_of))
}

fn read_seats(path: &Path) -> BuildResult<BTreeMap<String, Seat>> {
    let mut seats = BTreeMap::new();
    for r in read_csv(path)? {
        let code = r.req(path, "town_code")?.to_string();
        let (Some(lon), Some(lat)) = (r.f64(path, "lon")?, r.f64(path, "lat")?) else {
            return Err(line_err(path, r.line, "seat without lon/lat"));
        };
        if !(100.0..125.0).contains(&lon) || !(15.0..30.0).contains(&lat) {
            return Err(line_err(
                path,
                r.line,
                format!("seat {lon},{lat} is far outside Guangdong"),
            ));
        }
        let seat = Seat {
            lonlat: [lon, lat],
            source: r.get(path, "source")?.to_string(),
            info: format!(
                "seat confidence {} ({})",
                r.get(path, "confidence")?,
                r.get(path, "match_method")?
            ),
            geonames_name: r.get(path, "name_en_geonames")?.to_string(),
        };
        if seats.insert(code.clone(), seat).is_some() {
            return Err(line_err(path, r.line, format!("town code {code} appears twice")));
        }
    }
    Ok(seats)
}

/// The list's rows sorted by code, each with its seat; every seat must belong to a listed code.
fn read_list(path: &Path, mut seats: BTreeMap<String, Seat>) -> BuildResult<Vec<ListRow>> {
    let mut rows = Vec::new();
    for r in read_csv(path)? {
        let code = r.req(path, "town_code")?.to_string();
        if code.len() != 9 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(line_err(path, r.line, format!("town code {code:?} must have 9 digits")));
        }
        rows.push(ListRow {
            name_zh: r.req(path, "name")?.to_string(),
            county: r.req(path, "county_adcode")?.to_string(),
            in_nbs: r.get(path, "in_nbs2023")? == "1",
            seat: seats.remove(&code),
            code,
        });
    }
    if let Some(code) = seats.keys().next() {
        return Err(file_err(
            path,
            format!("seat for town code {code} that is not in the town list"),
        ));
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(rows)
}

/// Union–find root of `i`, compressing the path.
fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut k = i;
    while parent[k] != r {
        let next = parent[k];
        parent[k] = r;
        k = next;
    }
    r
}

/// Groups of rows that are one unit (same seat point, or same county + name core for town-like
/// units), keyed by the lowest row index; members in row order.
fn merge_groups(rows: &[ListRow]) -> BTreeMap<usize, Vec<usize>> {
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    let mut first_by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let name = names::town_name(&row.name_zh);
        let mut keys = Vec::new();
        if let Some(seat) = &row.seat {
            keys.push(format!("pt {:.6} {:.6}", seat.lonlat[0], seat.lonlat[1]));
        }
        if name.unit_kind != "other_unit" {
            keys.push(format!("name {} {}", row.county, name.core_zh));
        }
        for key in keys {
            match first_by_key.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first_by_key.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..rows.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups
}

/// The town of one merged group, named after its primary row.
fn town(
    rows: &[ListRow],
    members: &[usize],
    primary: usize,
    dongguan: &BTreeMap<String, PolygonsLonLat>,
    counties_zh: &BTreeMap<&str, String>,
) -> Town {
    let row = &rows[primary];
    // Some list names repeat the county (端州区城东街道): romanise the town part only.
    let county_zh = counties_zh.get(row.county.as_str()).map(String::as_str).unwrap_or("");
    let own_name = row
        .name_zh
        .strip_prefix(county_zh)
        .filter(|rest| !county_zh.is_empty() && rest.chars().count() >= 2)
        .unwrap_or(&row.name_zh);
    let name = names::town_name(own_name);
    let others: Vec<&ListRow> =
        members.iter().filter(|&&i| i != primary).map(|&i| &rows[i]).collect();
    let mut aliases = vec![names::spaced(&name.core_zh), name.core_zh.clone()];
    if name.name_pinyin.contains('\'') {
        aliases.push(names::without_apostrophes(&name.name_pinyin));
        aliases.push(names::without_apostrophes(&name.name_en));
    }
    aliases.extend(others.iter().filter(|o| o.name_zh != row.name_zh).map(|o| o.name_zh.clone()));
    let mut notes: Vec<String> =
        others.iter().map(|o| format!("same unit as {} {}", o.code, o.name_zh)).collect();
    let seat = row.seat.clone().or_else(|| members.iter().find_map(|&i| rows[i].seat.clone()));
    for &i in members {
        let g = rows[i].seat.as_ref().map_or("", |s| s.geonames_name.as_str());
        if !g.is_empty()
            && !g.eq_ignore_ascii_case(&name.name_pinyin)
            && !aliases.iter().any(|a| a == g)
        {
            aliases.push(g.to_string());
        }
    }
    if !names::fully_romanised(&name.core_zh) {
        notes.push("some characters have no pinyin reading".into());
    }
    let geometry = town_geometry(row, seat.is_some(), dongguan);
    match geometry {
        GeometryKind::Approximate => notes.insert(0, "approximate area (Voronoi cell around the seat, clipped to the county), not an official boundary".into()),
        GeometryKind::None => notes.insert(0, "no shape: seat and boundary unknown".into()),
        GeometryKind::Real => {}
    }
    if let Some(seat) = &seat {
        notes.push(seat.info.clone());
    }
    Town {
        code: row.code.clone(),
        parent_code: row.county.clone(),
        name_zh: row.name_zh.clone(),
        name,
        aliases,
        seat_lonlat: seat.as_ref().map(|s| s.lonlat),
        seat_source: seat.map(|s| s.source).unwrap_or_default(),
        alias_codes: others.iter().map(|o| o.code.clone()).collect(),
        geometry,
        note: notes.join("; "),
    }
}

/// Real for the Dongguan towns with a polygon; elsewhere approximate when the seat is known.
fn town_geometry(
    row: &ListRow,
    has_seat: bool,
    dongguan: &BTreeMap<String, PolygonsLonLat>,
) -> GeometryKind {
    if row.county == DONGGUAN {
        if dongguan.contains_key(&row.code) {
            GeometryKind::Real
        } else {
            GeometryKind::None
        }
    } else if has_seat {
        GeometryKind::Approximate
    } else {
        GeometryKind::None
    }
}
