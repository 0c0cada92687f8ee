//! `known_exceptions.csv`: located markers that fall outside the polygon of their `region_code`,
//! each with the reason found by looking at the data. The build fails on an unexplained one, so a
//! new or edited marker cannot silently land in the wrong region.

use std::path::Path;

use gd_atlas_core::geo::pip::point_in_multipolygon;

use super::gazetteer::Place;
use super::io::{write_csv, BuildResult};
use super::regions::Regions;

/// Reasons, by place id, for markers known to lie outside their claimed region.
const REASONS: &[(&str, &str)] = &[
    (
        "GD010",
        "The marker is the midpoint of the schematic Shenzhen–Zhongshan Link line (L006), which crosses the Pearl River estuary; the midpoint falls in Nansha District (440115), while region_code is Bao'an (440306), the link's Shenzhen end.",
    ),
    (
        "GD026",
        "The planned airport site straddles Gaoming (Genghe, Foshan) and Gaoyao (Jiaotang, Zhaoqing) per the gazetteer note; the Wikipedia site coordinate falls in Gaoyao District (441204), while region_code is Gaoming (440608).",
    ),
];

/// Writes the exceptions and returns how many markers were checked.
pub fn build(places: &[Place], regions: &Regions, data: &Path) -> BuildResult<usize> {
    let mut rows = Vec::new();
    let mut checked = 0;
    for place in places {
        let Some(p) = place.lonlat else { continue };
        let Some(region) = regions.admin(&place.region_code) else {
            return Err(format!("places: {}: unknown region_code {}", place.id, place.region_code));
        };
        checked += 1;
        if point_in_multipolygon(p, &region.polygons) {
            continue;
        }
        let Some((_, reason)) = REASONS.iter().find(|(id, _)| *id == place.id) else {
            return Err(format!(
                "places: {} ({}) at {},{} is outside {} {} and has no known reason in crates/gd-atlas-build/src/exceptions.rs",
                place.id, place.name_en, p[0], p[1], region.code, region.name_en
            ));
        };
        rows.push(vec![place.id.clone(), "marker_in_region".into(), reason.to_string()]);
    }
    for (id, _) in REASONS {
        if !rows.iter().any(|r| r[0] == *id) {
            return Err(format!("crates/gd-atlas-build/src/exceptions.rs: {id} has a reason but is inside its region: remove the entry"));
        }
    }
    write_csv(&data.join("known_exceptions.csv"), &["id", "check", "reason"], &rows)?;
    Ok(checked)
}
