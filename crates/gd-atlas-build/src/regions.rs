//! Region rows: province, cities and counties from the boundary files, towns from the town list
//! and the seat points, with duplicate town codes merged into one unit.

use std::collections::BTreeMap;
use std::path::Path;

use gd_atlas_core::geo::geojson::PolygonLonLat;
use gd_atlas_core::model::{GeometryKind, Level};

use super::io::{file_err, polygons, read_geojson, write_csv, BuildResult};
use super::{names, towns};

/// Polygons in lon/lat as read (exterior first, rings closed).
pub type PolygonsLonLat = Vec<PolygonLonLat>;

pub const PROVINCE_CODE: &str = "440000";
/// Cities without a county level: their towns sit directly under the city.
pub const CITIES_WITHOUT_COUNTY: [&str; 2] = ["441900", "442000"];
pub const DONGGUAN: &str = "441900";

#[derive(Clone, Debug)]
pub struct AdminUnit {
    pub code: String,
    pub level: Level,
    pub parent_code: String,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
    pub aliases: Vec<String>,
    pub unit_kind: &'static str,
    pub polygons: PolygonsLonLat,
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
    pub geometry: GeometryKind,
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
        std::iter::once(&self.province)
            .chain(&self.cities)
            .chain(&self.counties)
            .find(|u| u.code == code)
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
    pub fn code_by_pinyin(&self, level: Level, pinyin: &str) -> Option<&str> {
        let units: &[AdminUnit] = if level == Level::City { &self.cities } else { &self.counties };
        units
            .iter()
            .find(|u| {
                names::without_apostrophes(&u.name_pinyin)
                    .eq_ignore_ascii_case(&names::without_apostrophes(pinyin))
            })
            .map(|u| u.code.as_str())
    }

    pub fn town(&self, code: &str) -> Option<&Town> {
        self.towns.iter().find(|t| t.code == code)
    }
}

/// Search and linking aliases of a county or city: spaced pinyin, the Chinese core and, for an
/// apostrophised name, the forms without apostrophes that articles also write ("Baoan",
/// "Yunan District").
fn admin_aliases(name_zh: &str, name_en: &str, name_pinyin: &str) -> Vec<String> {
    let (core, _) = names::admin_core(name_zh);
    let mut aliases = vec![names::spaced(core), core.to_string()];
    if name_pinyin.contains('\'') {
        aliases.push(names::without_apostrophes(name_pinyin));
        aliases.push(names::without_apostrophes(name_en));
    }
    aliases
}

/// The source's English and pinyin names with the apostrophes the characters call for
/// ("Baoan District" → "Bao'an District").
fn admin_names(name_zh: &str, name_en: String, name_pinyin: String) -> (String, String) {
    let (core, _) = names::admin_core(name_zh);
    let pinyin = names::apostrophised(core, &name_pinyin);
    let name_en = match name_en.strip_prefix(name_pinyin.as_str()) {
        Some(rest) if !name_pinyin.is_empty() => format!("{pinyin}{rest}"),
        _ => name_en,
    };
    (name_en, pinyin)
}

fn load_admin(path: &Path, level: Level) -> BuildResult<Vec<AdminUnit>> {
    let mut units = Vec::new();
    for f in read_geojson(path)? {
        let code = f.properties.text_or_empty("adcode");
        let what = format!("feature {} (adcode {code:?})", f.index);
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(file_err(path, format!("{what}: adcode must have 6 digits")));
        }
        if level == Level::County && f.properties.text_or_empty("level") == "city_without_county" {
            // Dongguan and Zhongshan repeat the city polygon here; the city row already has it.
            continue;
        }
        let name_zh = f.properties.text_or_empty("name");
        if name_zh.is_empty() {
            return Err(file_err(path, format!("{what}: no name")));
        }
        let (parent_code, unit_kind) = match level {
            Level::Province => (String::new(), "province"),
            Level::City => (f.properties.text_or_empty("province_adcode"), "prefecture_city"),
            _ => (f.properties.text_or_empty("city_adcode"), names::admin_core(&name_zh).1),
        };
        let (name_en, name_pinyin) = admin_names(
            &name_zh,
            f.properties.text_or_empty("name_en"),
            f.properties.text_or_empty("name_pinyin"),
        );
        units.push(AdminUnit {
            aliases: admin_aliases(&name_zh, &name_en, &name_pinyin),
            code,
            level,
            parent_code,
            name_en,
            name_pinyin,
            name_zh,
            unit_kind,
            polygons: polygons(path, &what, &f)?,
        });
    }
    units.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(units)
}

fn load_dongguan(path: &Path) -> BuildResult<BTreeMap<String, PolygonsLonLat>> {
    let mut out = BTreeMap::new();
    for f in read_geojson(path)? {
        let code = f.properties.text_or_empty("town_code");
        let what = format!("feature {} (town_code {code:?})", f.index);
        if out.insert(code.clone(), polygons(path, &what, &f)?).is_some() {
            return Err(file_err(path, format!("{what}: town code appears twice")));
        }
    }
    Ok(out)
}

pub fn load(shared: &Path) -> BuildResult<Regions> {
    let b = shared.join("geo/boundaries");
    let mut province = load_admin(&b.join("guangdong_province.geojson"), Level::Province)?;
    let cities = load_admin(&b.join("guangdong_cities.geojson"), Level::City)?;
    let counties = load_admin(&b.join("guangdong_counties.geojson"), Level::County)?;
    if province.len() != 1 || province[0].code != PROVINCE_CODE {
        return Err(file_err(
            &b.join("guangdong_province.geojson"),
            "expected exactly one feature, adcode 440000",
        ));
    }
    let province = province.remove(0);
    let dongguan_towns = load_dongguan(&b.join("guangdong_towns_dongguan_partial.geojson"))?;
    let counties_zh: BTreeMap<&str, String> =
        counties.iter().map(|c| (c.code.as_str(), c.name_zh.clone())).collect();
    let (towns, primary_of) = towns::load(shared, &dongguan_towns, &counties_zh)?;
    let regions = Regions { province, cities, counties, towns, dongguan_towns, primary_of };
    // Every parent must exist: cities under the province, counties under a city, towns under a
    // county or a county-less city.
    for c in &regions.cities {
        if c.parent_code != PROVINCE_CODE {
            return Err(file_err(
                &b.join("guangdong_cities.geojson"),
                format!("city {} has province {}", c.code, c.parent_code),
            ));
        }
    }
    for c in &regions.counties {
        if !regions.cities.iter().any(|city| city.code == c.parent_code) {
            return Err(file_err(
                &b.join("guangdong_counties.geojson"),
                format!("county {} has unknown city {}", c.code, c.parent_code),
            ));
        }
    }
    for t in &regions.towns {
        let ok = regions.counties.iter().any(|c| c.code == t.parent_code)
            || CITIES_WITHOUT_COUNTY.contains(&t.parent_code.as_str());
        if !ok {
            return Err(file_err(
                &b.join("guangdong_towns_list.csv"),
                format!("town {} has unknown county {}", t.code, t.parent_code),
            ));
        }
    }
    for code in regions.dongguan_towns.keys() {
        if regions.town(code).is_none_or(|t| t.geometry != GeometryKind::Real) {
            return Err(file_err(
                &b.join("guangdong_towns_dongguan_partial.geojson"),
                format!("town {code} is not a primary Dongguan town of the list"),
            ));
        }
    }
    Ok(regions)
}

/// The columns of `data/regions.csv`: the loader's own list, so the build writes what it reads.
pub const HEADER: &[&str] = gd_atlas_core::model::rows::REGION_COLUMNS;

pub fn write(regions: &Regions, path: &Path) -> BuildResult<()> {
    let mut rows = Vec::new();
    for u in std::iter::once(&regions.province).chain(&regions.cities).chain(&regions.counties) {
        let note = if CITIES_WITHOUT_COUNTY.contains(&u.code.as_str()) {
            "no county level: towns sit directly under the city"
        } else {
            ""
        };
        rows.push(vec![
            u.code.clone(),
            u.level.as_str().into(),
            u.parent_code.clone(),
            u.name_zh.clone(),
            u.name_en.clone(),
            u.name_pinyin.clone(),
            u.aliases.join("|"),
            u.unit_kind.into(),
            GeometryKind::Real.as_str().into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            note.into(),
        ]);
    }
    for t in &regions.towns {
        let (lon, lat) = match t.seat_lonlat {
            Some(p) => (format!("{:.6}", p[0]), format!("{:.6}", p[1])),
            None => (String::new(), String::new()),
        };
        rows.push(vec![
            t.code.clone(),
            Level::Town.as_str().into(),
            t.parent_code.clone(),
            t.name_zh.clone(),
            t.name.name_en.clone(),
            t.name.name_pinyin.clone(),
            t.aliases.join("|"),
            t.name.unit_kind.into(),
            t.geometry.as_str().into(),
            lon,
            lat,
            t.seat_source.clone(),
            t.alias_codes.join("|"),
            t.note.clone(),
        ]);
    }
    write_csv(path, HEADER, &rows)
}
