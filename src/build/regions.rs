//! Region rows: province, cities and counties from the boundary files, towns from the town list
//! and the seat points, with duplicate town codes merged into one unit.

use std::collections::BTreeMap;
use std::path::Path;

use super::io::{features, file_err, line_err, polygons, prop_str, read_csv, read_json, write_csv, BuildResult};
use super::names;

/// Polygons in lon/lat as read (exterior first, rings closed).
pub type PolygonsLonLat = Vec<Vec<Vec<[f64; 2]>>>;

pub const PROVINCE_CODE: &str = "440000";
/// Cities without a county level: their towns sit directly under the city.
pub const CITIES_WITHOUT_COUNTY: [&str; 2] = ["441900", "442000"];
pub const DONGGUAN: &str = "441900";

#[derive(Clone, Debug)]
pub struct AdminUnit {
    pub code: String,
    pub level: &'static str,
    pub parent_code: String,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
    pub aliases: Vec<String>,
    pub unit_kind: &'static str,
    pub polygons: PolygonsLonLat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TownGeometry {
    Real,
    Approximate,
    None,
}

impl TownGeometry {
    pub fn as_str(self) -> &'static str {
        match self {
            TownGeometry::Real => "real",
            TownGeometry::Approximate => "approximate",
            TownGeometry::None => "none",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Town {
    pub code: String,
    /// County code, or the city code for Dongguan and Zhongshan.
    pub parent_code: String,
    pub name_zh: String,
    pub name: names::TownName,
    pub aliases: Vec<String>,
    pub seat_lonlat: Option<[f64; 2]>,
    pub seat_source: String,
    pub alias_codes: Vec<String>,
    pub geometry: TownGeometry,
    pub note: String,
}

pub struct Regions {
    pub province: AdminUnit,
    pub cities: Vec<AdminUnit>,
    /// The 122 county-level units (not the Dongguan/Zhongshan placeholders).
    pub counties: Vec<AdminUnit>,
    pub towns: Vec<Town>,
    /// Real Dongguan town polygons by town code.
    pub dongguan_towns: BTreeMap<String, PolygonsLonLat>,
    /// Any merged (alias) town code → its primary code.
    pub primary_of: BTreeMap<String, String>,
}

impl Regions {
    pub fn admin(&self, code: &str) -> Option<&AdminUnit> {
        std::iter::once(&self.province).chain(&self.cities).chain(&self.counties).find(|u| u.code == code)
    }

    /// Polygon of the area a county's (or a county-less city's) towns must tile.
    pub fn town_parent_polygons(&self, code: &str) -> Option<&PolygonsLonLat> {
        self.admin(code).map(|u| &u.polygons)
    }

    /// English name of any region code (for labels and checks).
    pub fn name_en(&self, code: &str) -> Option<&str> {
        if let Some(u) = self.admin(code) {
            return Some(&u.name_en);
        }
        self.towns.iter().find(|t| t.code == code).map(|t| t.name.name_en.as_str())
    }

    /// City or county code whose pinyin name is `pinyin` (case-insensitive), e.g. "Puning".
    pub fn code_by_pinyin(&self, level: &str, pinyin: &str) -> Option<&str> {
        let units: &[AdminUnit] = if level == "city" { &self.cities } else { &self.counties };
        units.iter().find(|u| u.name_pinyin.eq_ignore_ascii_case(pinyin)).map(|u| u.code.as_str())
    }

    pub fn town(&self, code: &str) -> Option<&Town> {
        self.towns.iter().find(|t| t.code == code)
    }
}

fn admin_aliases(name_zh: &str) -> Vec<String> {
    let (core, _) = names::admin_core(name_zh);
    vec![names::spaced(core), core.to_string()]
}

fn load_admin(path: &Path, level: &'static str) -> BuildResult<Vec<AdminUnit>> {
    let doc = read_json(path)?;
    let mut units = Vec::new();
    for (i, f) in features(path, &doc)?.iter().enumerate() {
        let code = prop_str(f, "adcode");
        let what = format!("feature {i} (adcode {code:?})");
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(file_err(path, format!("{what}: adcode must have 6 digits")));
        }
        let file_level = prop_str(f, "level");
        if level == "county" && file_level == "city_without_county" {
            // Dongguan and Zhongshan repeat the city polygon here; the city row already has it.
            continue;
        }
        let name_zh = prop_str(f, "name");
        if name_zh.is_empty() {
            return Err(file_err(path, format!("{what}: no name")));
        }
        let (parent_code, unit_kind) = match level {
            "province" => (String::new(), "province"),
            "city" => (prop_str(f, "province_adcode"), "prefecture_city"),
            _ => (prop_str(f, "city_adcode"), names::admin_core(&name_zh).1),
        };
        units.push(AdminUnit {
            aliases: admin_aliases(&name_zh),
            code,
            level,
            parent_code,
            name_en: prop_str(f, "name_en"),
            name_pinyin: prop_str(f, "name_pinyin"),
            name_zh,
            unit_kind,
            polygons: polygons(path, &what, f)?,
        });
    }
    units.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(units)
}

struct ListRow {
    code: String,
    name_zh: String,
    county: String,
    in_nbs: bool,
    seat: Option<([f64; 2], String, String)>, // (lonlat, source, confidence + method)
    geonames_name: String,
}

/// Union–find over row indices.
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

fn load_towns(shared: &Path, dongguan: &BTreeMap<String, PolygonsLonLat>, counties_zh: &BTreeMap<&str, String>) -> BuildResult<(Vec<Town>, BTreeMap<String, String>)> {
    let list_path = shared.join("geo/boundaries/guangdong_towns_list.csv");
    let seats_path = shared.join("geo/towns/town_seats.csv");
    let mut seats = BTreeMap::new();
    for r in read_csv(&seats_path)? {
        let code = r.req(&seats_path, "town_code")?.to_string();
        let (Some(lon), Some(lat)) = (r.f64(&seats_path, "lon")?, r.f64(&seats_path, "lat")?) else {
            return Err(line_err(&seats_path, r.line, "seat without lon/lat"));
        };
        if !(100.0..125.0).contains(&lon) || !(15.0..30.0).contains(&lat) {
            return Err(line_err(&seats_path, r.line, format!("seat {lon},{lat} is far outside Guangdong")));
        }
        let info = format!("seat confidence {} ({})", r.get(&seats_path, "confidence")?, r.get(&seats_path, "match_method")?);
        let seat = ([lon, lat], r.get(&seats_path, "source")?.to_string(), info);
        if seats.insert(code.clone(), (seat, r.get(&seats_path, "name_en_geonames")?.to_string())).is_some() {
            return Err(line_err(&seats_path, r.line, format!("town code {code} appears twice")));
        }
    }
    let mut rows = Vec::new();
    for r in read_csv(&list_path)? {
        let code = r.req(&list_path, "town_code")?.to_string();
        if code.len() != 9 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(line_err(&list_path, r.line, format!("town code {code:?} must have 9 digits")));
        }
        let seat = seats.remove(&code);
        rows.push(ListRow {
            name_zh: r.req(&list_path, "name")?.to_string(),
            county: r.req(&list_path, "county_adcode")?.to_string(),
            in_nbs: r.get(&list_path, "in_nbs2023")? == "1",
            geonames_name: seat.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
            seat: seat.map(|s| s.0),
            code,
        });
    }
    if let Some(code) = seats.keys().next() {
        return Err(file_err(&seats_path, format!("seat for town code {code} that is not in the town list")));
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));

    // Merge codes of one unit: the same seat point, or the same county + name core (town-like only).
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    let mut first_by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let name = names::town_name(&row.name_zh);
        let mut keys = Vec::new();
        if let Some((p, _, _)) = &row.seat {
            keys.push(format!("pt {:.6} {:.6}", p[0], p[1]));
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

    let mut towns = Vec::new();
    let mut primary_of = BTreeMap::new();
    for members in groups.values() {
        // Primary: the NBS 2023 code (lowest if several), else the lowest code.
        let primary = *members.iter().find(|&&i| rows[i].in_nbs).unwrap_or(&members[0]);
        let row = &rows[primary];
        if members.iter().any(|&i| rows[i].county != row.county) {
            return Err(file_err(&list_path, format!("codes merged with {} lie in different counties", row.code)));
        }
        // Some list names repeat the county (端州区城东街道): romanise the town part only.
        let county_zh = counties_zh.get(row.county.as_str()).map(String::as_str).unwrap_or("");
        let own_name = row.name_zh.strip_prefix(county_zh).filter(|rest| !county_zh.is_empty() && rest.chars().count() >= 2).unwrap_or(&row.name_zh);
        let name = names::town_name(own_name);
        let mut aliases = vec![names::spaced(&name.core_zh), name.core_zh.clone()];
        let mut alias_codes = Vec::new();
        let mut notes = Vec::new();
        for &i in members {
            if i == primary {
                continue;
            }
            alias_codes.push(rows[i].code.clone());
            if rows[i].name_zh != row.name_zh {
                aliases.push(rows[i].name_zh.clone());
            }
            notes.push(format!("same unit as {} {}", rows[i].code, rows[i].name_zh));
        }
        let seat = row.seat.clone().or_else(|| members.iter().find_map(|&i| rows[i].seat.clone()));
        for &i in members {
            let g = &rows[i].geonames_name;
            if !g.is_empty() && !g.eq_ignore_ascii_case(&name.name_pinyin) && !aliases.contains(g) {
                aliases.push(g.clone());
            }
        }
        if !names::fully_romanised(&name.core_zh) {
            notes.push("some characters have no pinyin reading".into());
        }
        let geometry = if row.county == DONGGUAN {
            if dongguan.contains_key(&row.code) { TownGeometry::Real } else { TownGeometry::None }
        } else if seat.is_some() {
            TownGeometry::Approximate
        } else {
            TownGeometry::None
        };
        match geometry {
            TownGeometry::Approximate => notes.insert(0, "approximate area (Voronoi cell around the seat, clipped to the county), not an official boundary".into()),
            TownGeometry::None => notes.insert(0, "no shape: seat and boundary unknown".into()),
            TownGeometry::Real => {}
        }
        let (seat_lonlat, seat_source) = match seat {
            Some((p, source, info)) => {
                notes.push(info);
                (Some(p), source)
            }
            None => (None, String::new()),
        };
        for &i in members {
            primary_of.insert(rows[i].code.clone(), row.code.clone());
        }
        towns.push(Town {
            code: row.code.clone(),
            parent_code: row.county.clone(),
            name_zh: row.name_zh.clone(),
            name,
            aliases,
            seat_lonlat,
            seat_source,
            alias_codes,
            geometry,
            note: notes.join("; "),
        });
    }
    towns.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((towns, primary_of))
}

fn load_dongguan(path: &Path) -> BuildResult<BTreeMap<String, PolygonsLonLat>> {
    let doc = read_json(path)?;
    let mut out = BTreeMap::new();
    for (i, f) in features(path, &doc)?.iter().enumerate() {
        let code = prop_str(f, "town_code");
        let what = format!("feature {i} (town_code {code:?})");
        if out.insert(code.clone(), polygons(path, &what, f)?).is_some() {
            return Err(file_err(path, format!("{what}: town code appears twice")));
        }
    }
    Ok(out)
}

pub fn load(shared: &Path) -> BuildResult<Regions> {
    let b = shared.join("geo/boundaries");
    let mut province = load_admin(&b.join("guangdong_province.geojson"), "province")?;
    let cities = load_admin(&b.join("guangdong_cities.geojson"), "city")?;
    let counties = load_admin(&b.join("guangdong_counties.geojson"), "county")?;
    if province.len() != 1 || province[0].code != PROVINCE_CODE {
        return Err(file_err(&b.join("guangdong_province.geojson"), "expected exactly one feature, adcode 440000"));
    }
    let province = province.remove(0);
    let dongguan_towns = load_dongguan(&b.join("guangdong_towns_dongguan_partial.geojson"))?;
    let counties_zh: BTreeMap<&str, String> = counties.iter().map(|c| (c.code.as_str(), c.name_zh.clone())).collect();
    let (towns, primary_of) = load_towns(shared, &dongguan_towns, &counties_zh)?;
    let regions = Regions { province, cities, counties, towns, dongguan_towns, primary_of };
    // Every parent must exist: cities under the province, counties under a city, towns under a
    // county or a county-less city.
    for c in &regions.cities {
        if c.parent_code != PROVINCE_CODE {
            return Err(file_err(&b.join("guangdong_cities.geojson"), format!("city {} has province {}", c.code, c.parent_code)));
        }
    }
    for c in &regions.counties {
        if !regions.cities.iter().any(|city| city.code == c.parent_code) {
            return Err(file_err(&b.join("guangdong_counties.geojson"), format!("county {} has unknown city {}", c.code, c.parent_code)));
        }
    }
    for t in &regions.towns {
        let ok = regions.counties.iter().any(|c| c.code == t.parent_code) || CITIES_WITHOUT_COUNTY.contains(&t.parent_code.as_str());
        if !ok {
            return Err(file_err(&b.join("guangdong_towns_list.csv"), format!("town {} has unknown county {}", t.code, t.parent_code)));
        }
    }
    for code in regions.dongguan_towns.keys() {
        if regions.town(code).is_none_or(|t| t.geometry != TownGeometry::Real) {
            return Err(file_err(&b.join("guangdong_towns_dongguan_partial.geojson"), format!("town {code} is not a primary Dongguan town of the list")));
        }
    }
    Ok(regions)
}

pub const HEADER: &[&str] = &[
    "code", "level", "parent_code", "name_zh", "name_en", "name_pinyin", "aliases", "unit_kind", "geometry", "seat_lon", "seat_lat", "seat_source", "alias_codes", "note",
];

pub fn write(regions: &Regions, path: &Path) -> BuildResult<()> {
    let mut rows = Vec::new();
    for u in std::iter::once(&regions.province).chain(&regions.cities).chain(&regions.counties) {
        let note = if CITIES_WITHOUT_COUNTY.contains(&u.code.as_str()) { "no county level: towns sit directly under the city" } else { "" };
        rows.push(vec![
            u.code.clone(), u.level.into(), u.parent_code.clone(), u.name_zh.clone(), u.name_en.clone(), u.name_pinyin.clone(),
            u.aliases.join("|"), u.unit_kind.into(), "real".into(), String::new(), String::new(), String::new(), String::new(), note.into(),
        ]);
    }
    for t in &regions.towns {
        let (lon, lat) = match t.seat_lonlat {
            Some(p) => (format!("{:.6}", p[0]), format!("{:.6}", p[1])),
            None => (String::new(), String::new()),
        };
        rows.push(vec![
            t.code.clone(), "town".into(), t.parent_code.clone(), t.name_zh.clone(), t.name.name_en.clone(), t.name.name_pinyin.clone(),
            t.aliases.join("|"), t.name.unit_kind.into(), t.geometry.as_str().into(), lon, lat, t.seat_source.clone(), t.alias_codes.join("|"), t.note.clone(),
        ]);
    }
    write_csv(path, HEADER, &rows)
}
