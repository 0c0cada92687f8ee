//! What area an export shows: the whole province, a region, a selection, the pinned regions, or
//! a lon/lat box — as a mercator bounding box for `View::fit`.

use crate::geo::bbox::Bbox;
use crate::geo::mercator::{mercator_from_lonlat, MAX_LAT};
use crate::model::{Atlas, Level, RegionIdx, Subject};

/// Parses `lon0,lat0,lon1,lat1` (WGS84 degrees, west-south then east-north) into lon/lat.
pub fn parse_bbox(text: &str) -> Result<[f64; 4], String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() != 4 {
        return Err(format!("--bbox {text:?}: expected four numbers lon0,lat0,lon1,lat1"));
    }
    let mut v = [0.0; 4];
    for (i, p) in parts.iter().enumerate() {
        v[i] = p
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("--bbox {text:?}: {p:?} is not a number"))?;
    }
    let [lon0, lat0, lon1, lat1] = v;
    for lon in [lon0, lon1] {
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!("--bbox {text:?}: longitude {lon} is out of range (-180..180)"));
        }
    }
    for lat in [lat0, lat1] {
        if !(-MAX_LAT..=MAX_LAT).contains(&lat) {
            return Err(format!(
                "--bbox {text:?}: latitude {lat} is out of range (-85.05..85.05, Web Mercator)"
            ));
        }
    }
    if lon0 >= lon1 || lat0 >= lat1 {
        return Err(format!(
            "--bbox {text:?}: inverted or empty (need lon0 < lon1 and lat0 < lat1)"
        ));
    }
    if lon1 - lon0 < MIN_BBOX_DEG && lat1 - lat0 < MIN_BBOX_DEG {
        return Err(format!(
            "--bbox {text:?}: {:.3e}° × {:.3e}° is too small to draw; a figure shows at least {MIN_BBOX_DEG}° (about 10 m) one way",
            lon1 - lon0,
            lat1 - lat0
        ));
    }
    Ok(v)
}

/// The smallest `--bbox` side drawn (degrees; about 10 m, a building): a box of 10⁻⁷° asked for
/// a zoom far beyond any data and made the rasteriser give up on dashes, twenty lines of them.
pub const MIN_BBOX_DEG: f64 = 1e-4;

/// Mercator bbox `[min_x, min_y, max_x, max_y]` of a lon/lat box (north has the smaller y).
pub fn mercator_of_lonlat_bbox(lonlat: [f64; 4]) -> [f64; 4] {
    let a = mercator_from_lonlat([lonlat[0], lonlat[3]]);
    let b = mercator_from_lonlat([lonlat[2], lonlat[1]]);
    [a[0], a[1], b[0], b[1]]
}

/// A region by code (exact) or by name (the search's best region match).
pub fn resolve_region(atlas: &Atlas, query: &str) -> Result<RegionIdx, String> {
    let query = query.trim();
    if let Some(idx) = atlas.region_by_code(query) {
        return Ok(idx);
    }
    atlas
        .find(query)
        .into_iter()
        .find_map(|s| match s {
            Subject::Region(code) => atlas.region_by_code(&code),
            _ => None,
        })
        .ok_or_else(|| format!("unknown region {query:?} (give a name such as 肇庆市 or Gaoyao, or a code such as 441200)"))
}

/// The area of a region: its shape's bounding box, or a few kilometres around its seat.
pub fn region_extent(atlas: &Atlas, idx: RegionIdx) -> Option<[f64; 4]> {
    let r = &atlas.regions[idx];
    match r.shape {
        Some(s) => Some(atlas.topology.shapes[s].bbox_mercator.to_array()),
        None => r.seat_lonlat.map(|p| Bbox::around(mercator_from_lonlat(p), 2e-4).to_array()),
    }
}

/// The whole province (the default extent).
pub fn province_extent(atlas: &Atlas) -> Option<[f64; 4]> {
    atlas.regions_of_level(Level::Province).iter().find_map(|&i| region_extent(atlas, i))
}

/// Space kept around a fitted extent on a figure (each side, a fraction of the extent): the
/// subject fills the page without touching its frame.
pub const FIT_MARGIN: f64 = 0.04;

/// Half the side of the box shown around a place (mercator units, about 11 km at Guangdong's
/// latitude): a town and its neighbours.
pub const PLACE_BOX_HALF: f64 = 3e-4;

/// What an exported figure shows, chosen in the export dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtentChoice {
    /// The window's map as it is (its centre, at least its visible area).
    CurrentView,
    /// Guangdong, fitted with margins.
    Province,
    /// The selected region, place, line or feature, fitted with margins.
    Selection,
    /// Every region pinned for comparison, fitted with margins.
    Pinned,
}

/// The extent of an atlas subject: a region's shape (or the box around its seat), a box around
/// a place, a line's control points. `None` for a user feature (the caller has its layer) or a
/// subject without a location.
pub fn subject_extent(atlas: &Atlas, subject: &Subject) -> Option<[f64; 4]> {
    let bbox = match subject {
        Subject::Region(code) => {
            return atlas.region_by_code(code).and_then(|i| region_extent(atlas, i))
        }
        Subject::Place(id) => {
            Bbox::around(mercator_from_lonlat(atlas.place_by_id(id)?.lonlat?), PLACE_BOX_HALF)
        }
        Subject::Line(id) => {
            Bbox::from_points(atlas.line_by_id(id)?.lonlat.iter().map(|&p| mercator_from_lonlat(p)))
        }
        Subject::Feature(_) => return None,
    };
    (!bbox.is_empty()).then(|| bbox.to_array())
}

/// The box around every pinned region that has a shape or seat; `None` when none has.
pub fn regions_extent(atlas: &Atlas, codes: &[String]) -> Option<[f64; 4]> {
    codes
        .iter()
        .filter_map(|code| atlas.region_by_code(code).and_then(|i| region_extent(atlas, i)))
        .reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_is_checked() {
        assert_eq!(parse_bbox("112.0, 22.5,113,23.5"), Ok([112.0, 22.5, 113.0, 23.5]));
        assert!(parse_bbox("112,22,111,23").unwrap_err().contains("inverted"));
        assert!(parse_bbox("112,22,113,95").unwrap_err().contains("out of range"));
        assert!(parse_bbox("190,22,200,23").unwrap_err().contains("out of range"));
        assert!(parse_bbox("112,22,113").unwrap_err().contains("four numbers"));
        assert!(parse_bbox("112,x,113,23").unwrap_err().contains("not a number"));
        let tiny = parse_bbox("113,23,113.0000001,23.0000001").unwrap_err();
        assert!(tiny.contains("too small to draw") && !tiny.contains('\n'), "{tiny}");
        assert!(
            parse_bbox("113,23,113.0001,23.00001").is_ok(),
            "a thin box wide enough one way is drawn"
        );
        let m = mercator_of_lonlat_bbox([112.0, 22.0, 113.0, 23.0]);
        assert!(m[0] < m[2] && m[1] < m[3]);
    }
}
