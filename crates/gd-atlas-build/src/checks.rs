//! Tiling checks of the built shapes: approximate towns must tile their county exactly, and the
//! counties of a city must cover the city. The build fails loudly when they do not, because a gap
//! or overlap here would show as a hole or a double fill on the map.

use geo::{Area, BooleanOps, MultiPolygon};

use super::cells::e6_to_geo;
use super::io::BuildResult;
use super::regions::{Regions, CITIES_WITHOUT_COUNTY};
use super::shapes::Shapes;

/// Relative area tolerances.
const TOWN_COVER_MAX: f64 = 1e-6;
const TOWN_OVERLAP_MAX: f64 = 1e-6;
/// The source says every city matches its counties to 0.01 % (Zhuhai 0.05 %, islands).
const CITY_COVER_MAX: f64 = 1e-3;

fn union_all(parts: &[MultiPolygon<f64>]) -> MultiPolygon<f64> {
    // Pairwise tree union keeps the operands balanced (much faster than a running union).
    let mut level: Vec<MultiPolygon<f64>> = parts.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|c| if c.len() == 2 { c[0].union(&c[1]) } else { c[0].clone() })
            .collect();
    }
    level.pop().unwrap_or_else(|| MultiPolygon(vec![]))
}

pub fn check(regions: &Regions, shapes: &Shapes) -> BuildResult<String> {
    let geo_of =
        |code: &str| shapes.shapes.iter().find(|s| s.code == code).map(|s| e6_to_geo(&s.polygons));
    let (mut worst_cover, mut worst_overlap, mut worst_at) = (0.0f64, 0.0f64, String::new());
    for (parent, codes) in &shapes.approximate_by_parent {
        let parent_geo = geo_of(parent).ok_or_else(|| format!("check: no shape for {parent}"))?;
        let cells: Vec<MultiPolygon<f64>> = codes.iter().filter_map(|c| geo_of(c)).collect();
        let union = union_all(&cells);
        let area = parent_geo.unsigned_area();
        let cover = union.xor(&parent_geo).unsigned_area() / area;
        let overlap =
            (cells.iter().map(|c| c.unsigned_area()).sum::<f64>() - union.unsigned_area()) / area;
        if cover > worst_cover {
            worst_at = parent.clone();
        }
        worst_cover = worst_cover.max(cover);
        worst_overlap = worst_overlap.max(overlap);
        if cover > TOWN_COVER_MAX || overlap > TOWN_OVERLAP_MAX {
            return Err(format!(
                "tiling check failed for {parent}: its {} approximate towns differ from it by {cover:.2e} of its area (overlap {overlap:.2e})",
                codes.len()
            ));
        }
    }
    let mut worst_city = (0.0f64, String::new());
    for city in regions.cities.iter().filter(|c| !CITIES_WITHOUT_COUNTY.contains(&c.code.as_str()))
    {
        let counties: Vec<MultiPolygon<f64>> = regions
            .counties
            .iter()
            .filter(|c| c.parent_code == city.code)
            .filter_map(|c| geo_of(&c.code))
            .collect();
        let city_geo =
            geo_of(&city.code).ok_or_else(|| format!("check: no shape for {}", city.code))?;
        let diff = union_all(&counties).xor(&city_geo).unsigned_area() / city_geo.unsigned_area();
        if diff > worst_city.0 {
            worst_city = (diff, city.code.clone());
        }
        if diff > CITY_COVER_MAX {
            return Err(format!("tiling check failed: the counties of city {} differ from it by {diff:.2e} of its area", city.code));
        }
    }
    Ok(format!(
        "checks: {} town sets tile their county (worst area difference {worst_cover:.2e} at {worst_at}, worst overlap {worst_overlap:.2e}); \
         counties cover their city (worst {:.2e} at {})",
        shapes.approximate_by_parent.len(),
        worst_city.0,
        worst_city.1
    ))
}
