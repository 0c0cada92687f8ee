//! Coordinates as planners' files give them: coordinate columns guessed from the header, numbers
//! written in full-width digits or as degrees-minutes-seconds, and the checks that tell a usable
//! WGS84 / GCJ-02 / BD-09 file from one in projected metres or with swapped columns (the
//! position rule itself, `classify`, is the GeoJSON decoder's: one rule for tables and GeoJSON).

use crate::geo::geojson::Verdict;
use crate::layer::spec::CoordColumns;
use crate::table::number::{parse_cell, to_halfwidth, CellValue, DecimalMark};

/// Longitude column names (compared in lower case, after a unit or system suffix is cut off).
const LON_NAMES: [&str; 6] = ["lon", "lng", "long", "longitude", "经度", "东经"];
const LAT_NAMES: [&str; 4] = ["lat", "latitude", "纬度", "北纬"];

/// Which coordinate a column name stands for, and how sure the guess is (lower is surer).
fn coordinate_kind(name: &str) -> Option<(bool, u8)> {
    let lower = name.trim().to_lowercase();
    // `lon_wgs84`, `经度(GCJ02)`, `Longitude [deg]`: the part before the first separator.
    let base = lower.split(['(', '（', '_', '-', ' ', '[', '/', '.']).next().unwrap_or("").trim();
    for (is_lon, names) in [(true, &LON_NAMES[..]), (false, &LAT_NAMES[..])] {
        if names.contains(&lower.as_str()) {
            return Some((is_lon, 0));
        }
        if names.contains(&base) {
            return Some((is_lon, 1));
        }
        // `GPS经度`, `所在纬度`: Chinese names are not split by separators.
        if names.iter().any(|n| !n.is_ascii() && lower.contains(n)) {
            return Some((is_lon, 2));
        }
    }
    match base {
        "x" => Some((true, 3)),
        "y" => Some((false, 3)),
        _ => None,
    }
}

/// The longitude and latitude columns a header most likely names: `lon`/`lng`/`longitude`/`x`/
/// `经度`/`东经` and `lat`/`latitude`/`y`/`纬度`/`北纬`, in any case, also with a suffix such as
/// `lon_wgs84` or `经度(GCJ02)`. Exact names beat suffixed ones, which beat `x`/`y`; on a tie the
/// leftmost column wins.
pub fn guess_coord_columns(columns: &[String]) -> Option<CoordColumns> {
    let mut best: [Option<(u8, usize)>; 2] = [None, None];
    for (i, name) in columns.iter().enumerate() {
        let Some((is_lon, rank)) = coordinate_kind(name) else { continue };
        let slot = &mut best[usize::from(!is_lon)];
        if slot.is_none_or(|(r, _)| rank < r) {
            *slot = Some((rank, i));
        }
    }
    let (lon, lat) = (best[0]?.1, best[1]?.1);
    (lon != lat).then(|| CoordColumns { lon: columns[lon].clone(), lat: columns[lat].clone() })
}

/// A coordinate cell: a decimal number (also with full-width digits or a decimal comma in
/// semicolon files) or degrees-minutes-seconds (`113°15'30"E`, `23度7分N`). `None` when it is
/// neither, or not finite.
pub fn parse_coordinate(text: &str, mark: DecimalMark) -> Option<f64> {
    let trimmed = text.trim();
    // The fast path for the million-row file: plain ASCII numbers.
    if let Ok(value) = trimmed.parse::<f64>() {
        return value.is_finite().then_some(value);
    }
    match parse_cell(trimmed, mark) {
        CellValue::Number { value, percent: false } => Some(value),
        _ => parse_dms(trimmed),
    }
}

/// `113°15'30"E`, `113°15.5'`, `23度7分12秒N`, `S 23°7'`: degrees, then optional minutes and
/// seconds; south and west are negative.
fn parse_dms(text: &str) -> Option<f64> {
    let t: String = text.chars().map(to_halfwidth).collect();
    if !t.contains(['°', '度']) {
        return None;
    }
    let negative = t.contains(['S', 'W', 's', 'w', '南', '西']) || t.trim_start().starts_with('-');
    let mut numbers =
        t.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|s| !s.is_empty());
    let degrees: f64 = numbers.next()?.parse().ok()?;
    let minutes: f64 = numbers.next().map_or(Some(0.0), |s| s.parse().ok())?;
    let seconds: f64 = numbers.next().map_or(Some(0.0), |s| s.parse().ok())?;
    if numbers.next().is_some() || minutes >= 60.0 || seconds >= 60.0 {
        return None;
    }
    let value = degrees + minutes / 60.0 + seconds / 3600.0;
    Some(if negative { -value } else { value })
}

/// Positions that decide whether a whole file is in the wrong system, with the first example of
/// each ("row 2: 435212, 2545000").
#[derive(Debug, Default)]
pub struct Tally {
    pub good: usize,
    projected: usize,
    swapped: usize,
    first_projected: Option<String>,
    first_swapped: Option<String>,
}

/// Positions looked at before a file whose every position is projected or swapped is refused
/// without reading the rest (a 500 MB file of metres is refused at once).
const EARLY_VERDICT: usize = 1000;

impl Tally {
    pub fn record(&mut self, verdict: Verdict, at: &dyn Fn() -> String, lonlat: [f64; 2]) {
        let example = || format!("{}: {}, {}", at(), lonlat[0], lonlat[1]);
        match verdict {
            Verdict::Good => self.good += 1,
            Verdict::Projected => {
                self.projected += 1;
                self.first_projected.get_or_insert_with(example);
            }
            Verdict::Swapped => {
                self.swapped += 1;
                self.first_swapped.get_or_insert_with(example);
            }
            Verdict::NotFinite | Verdict::OutOfRange => {}
        }
    }

    /// The one-line refusal of a file whose positions are mostly projected or swapped; `swap_hint`
    /// tells how to fix swapped columns in this kind of file.
    pub fn refusal(&self, file: &str, swap_hint: &str) -> Option<String> {
        if self.projected > 0 && self.projected >= self.good {
            let example = self.first_projected.as_deref().unwrap_or("");
            return Some(format!("{file}: coordinates look projected (metres), e.g. {example} — re-export as WGS84 longitude/latitude"));
        }
        if self.swapped > 0 && self.swapped >= self.good {
            let example = self.first_swapped.as_deref().unwrap_or("");
            return Some(format!(
                "{file}: longitude and latitude look swapped, e.g. {example} — {swap_hint}"
            ));
        }
        None
    }

    /// [`Tally::refusal`] once enough positions were read and none was good.
    pub fn early_refusal(&self, file: &str, swap_hint: &str) -> Option<String> {
        (self.good == 0 && self.projected + self.swapped >= EARLY_VERDICT)
            .then(|| self.refusal(file, swap_hint))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn guess(list: &[&str]) -> Option<(String, String)> {
        guess_coord_columns(&names(list)).map(|c| (c.lon, c.lat))
    }

    #[test]
    fn guesses_coordinate_columns() {
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(guess(&["name", "LNG", "Lat"]), pair("LNG", "Lat"));
        assert_eq!(guess(&["名称", "经度", "纬度"]), pair("经度", "纬度"));
        assert_eq!(guess(&["lat_wgs84", "lon_wgs84"]), pair("lon_wgs84", "lat_wgs84"));
        assert_eq!(guess(&["经度(GCJ02)", "纬度(GCJ02)"]), pair("经度(GCJ02)", "纬度(GCJ02)"));
        assert_eq!(guess(&["东经", "北纬"]), pair("东经", "北纬"));
        assert_eq!(guess(&["X", "Y", "longitude", "latitude"]), pair("longitude", "latitude"));
        assert_eq!(guess(&["x", "y"]), pair("x", "y"));
        assert_eq!(guess(&["name", "lon"]), None);
        assert_eq!(guess(&["名称", "地址", "value"]), None);
        assert_eq!(guess(&["lonely", "latte"]), None);
    }

    #[test]
    fn parses_coordinates_as_written() {
        let p = |s: &str| parse_coordinate(s, DecimalMark::Point);
        assert_eq!(p(" 113.264 "), Some(113.264));
        assert_eq!(p("１１３．２６４"), Some(113.264));
        assert_eq!(parse_coordinate("113,5", DecimalMark::Comma), Some(113.5));
        assert_eq!(p("113°15'30\"E"), Some(113.0 + 15.0 / 60.0 + 30.0 / 3600.0));
        assert_eq!(p("23度6分N"), Some(23.1));
        assert_eq!(p("23°6'S"), Some(-23.1));
        for bad in ["", "NaN", "inf", "-infinity", "1e999", "abc", "113°75'", "12 元", "1°2'3\"4"]
        {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tally_refuses_files_mostly_in_metres_or_swapped() {
        let mut t = Tally::default();
        t.record(Verdict::Good, &|| "row 2".into(), [113.0, 23.0]);
        assert_eq!(t.refusal("a.csv", "swap"), None);
        t.record(Verdict::Projected, &|| "row 3".into(), [435_212.0, 2_545_000.0]);
        let msg = t.refusal("a.csv", "swap").unwrap_or_default();
        assert_eq!(msg, "a.csv: coordinates look projected (metres), e.g. row 3: 435212, 2545000 — re-export as WGS84 longitude/latitude");
        let mut s = Tally::default();
        s.record(Verdict::Swapped, &|| "feature 0".into(), [23.1, 113.2]);
        assert!(s
            .refusal("b.geojson", "GeoJSON is [lon, lat]")
            .unwrap_or_default()
            .contains("swapped, e.g. feature 0: 23.1, 113.2 — GeoJSON"));
        assert_eq!(s.early_refusal("b", ""), None, "one position is not enough to stop early");
    }
}
