//! Geometry: counties tile the province, approximate towns tile their county, `at` finds the
//! right region at every level, and a user's official town file replaces approximations.

use crate::data_common as common;

use gd_atlas::model::{Atlas, GeometryKind, Level, RegionIdx};

/// Dongguan and Zhongshan have no county level: their city shapes stand in for counties.
fn county_level_units(atlas: &Atlas) -> Vec<RegionIdx> {
    let mut units: Vec<RegionIdx> = atlas.regions_of_level(Level::County).to_vec();
    units.extend(
        atlas
            .regions_of_level(Level::City)
            .iter()
            .copied()
            .filter(|&c| atlas.children(c).iter().all(|&k| atlas.regions[k].level == Level::Town)),
    );
    units
}

/// Relative gap or overlap allowed between the province area and the sum of its counties
/// (they share arcs in the topology, so only float rounding of the area sums remains).
const AREA_TOLERANCE: f64 = 0.001;

#[test]
fn counties_neither_overlap_nor_leave_gaps() {
    let atlas = common::atlas();
    let province = atlas.regions_of_level(Level::Province)[0];
    let province_km2 = atlas.region_area_km2(province).expect("province shape");
    let units = county_level_units(atlas);
    assert_eq!(units.len(), 124);
    let sum_km2: f64 = units.iter().map(|&u| atlas.region_area_km2(u).expect("county shape")).sum();
    let rel = (sum_km2 - province_km2).abs() / province_km2;
    assert!(
        rel < AREA_TOLERANCE,
        "counties cover {sum_km2:.1} km², the province {province_km2:.1} km² ({:.4} %)",
        rel * 100.0
    );

    // Sample the province: every point inside it lies in exactly one county-level unit.
    let b = atlas.shape_bbox_lonlat(atlas.regions[province].shape.unwrap()).to_array();
    let n = 120;
    let (mut inside, mut bad) = (0, Vec::new());
    for i in 0..n {
        for j in 0..n {
            let lonlat = [
                b[0] + (b[2] - b[0]) * (i as f64 + 0.513) / n as f64,
                b[1] + (b[3] - b[1]) * (j as f64 + 0.507) / n as f64,
            ];
            let in_province = atlas.region_at(lonlat, Level::Province).is_some();
            let hits = units
                .iter()
                .filter(|&&u| {
                    gd_atlas::geo::pip::point_in_multipolygon(
                        lonlat,
                        atlas.shape_rings_lonlat(atlas.regions[u].shape.unwrap()),
                    )
                })
                .count();
            inside += usize::from(in_province);
            if hits != usize::from(in_province) {
                bad.push((lonlat, in_province, hits));
            }
        }
    }
    assert!(inside > 1000);
    assert!(
        bad.is_empty(),
        "{} sample points not covered exactly once, e.g. {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

#[test]
fn approximate_towns_tile_their_county() {
    let atlas = common::atlas();
    let mut tiled = 0;
    for unit in county_level_units(atlas) {
        let cells = atlas.town_cells_of(unit);
        if cells.is_empty()
            || cells.iter().any(|&c| atlas.regions[c].geometry != GeometryKind::Approximate)
        {
            continue;
        }
        let defects = atlas.tiling_defects(unit, 32);
        assert!(
            defects.is_empty(),
            "{}: {} defects, e.g. {:?}",
            atlas.regions[unit].code,
            defects.len(),
            defects[0]
        );
        let county_km2 = atlas.region_area_km2(unit).unwrap();
        let cells_km2: f64 = cells.iter().map(|&c| atlas.region_area_km2(c).unwrap()).sum();
        assert!(
            ((cells_km2 - county_km2) / county_km2).abs() < AREA_TOLERANCE,
            "{}: {cells_km2} vs {county_km2} km²",
            atlas.regions[unit].code
        );
        // Each seat lies in its own cell.
        for &c in &cells {
            let seat =
                atlas.regions[c].seat_lonlat.expect("approximate cells are built around a seat");
            assert_eq!(
                atlas.region_at(seat, Level::Town),
                Some(c),
                "seat of {}",
                atlas.regions[c].code
            );
        }
        tiled += 1;
    }
    assert!(tiled > 100, "only {tiled} counties checked");
}

#[test]
fn at_finds_jinli_gaoyao_zhaoqing_for_the_jinli_marker() {
    let atlas = common::atlas();
    let jinli = atlas.place_by_id("GD034").expect("GD034 is the Jinli Town marker");
    let at = atlas.at(jinli.lonlat.expect("located"));
    let code = |i: Option<RegionIdx>| i.map(|i| atlas.regions[i].code.clone());
    assert_eq!(code(at.town).as_deref(), Some("441204115"));
    assert_eq!(code(at.county).as_deref(), Some("441204"));
    assert_eq!(code(at.city).as_deref(), Some("441200"));
    assert_eq!(code(at.province).as_deref(), Some("440000"));
}

#[test]
fn at_agrees_with_the_parent_chain_for_every_located_town() {
    let atlas = common::atlas();
    let mut n = 0;
    for &t in atlas.regions_of_level(Level::Town) {
        let town = &atlas.regions[t];
        let (Some(seat), GeometryKind::Approximate) = (town.seat_lonlat, town.geometry) else {
            continue;
        };
        let at = atlas.at(seat);
        assert_eq!(at.town, Some(t), "town at seat of {}", town.code);
        let chain = atlas.parent_chain(t);
        for (level, found) in
            [(Level::County, at.county), (Level::City, at.city), (Level::Province, at.province)]
        {
            let expected = chain.iter().copied().find(|&i| atlas.regions[i].level == level);
            assert_eq!(found, expected, "{:?} at seat of {}", level, town.code);
        }
        n += 1;
    }
    assert!(n > 1000);
}

#[test]
fn dongguan_points_find_real_towns_and_the_sea_finds_nothing() {
    let atlas = common::atlas();
    let dongguan = atlas.region_by_code("441900").expect("Dongguan");
    let real: Vec<RegionIdx> = atlas
        .children(dongguan)
        .iter()
        .copied()
        .filter(|&t| atlas.regions[t].geometry == GeometryKind::Real)
        .collect();
    assert!(real.len() >= 28, "Dongguan's towns have real polygons");
    let mut found = 0;
    for &t in &real {
        let Some(seat) = atlas.regions[t].seat_lonlat else { continue };
        if let Some(hit) = atlas.region_at(seat, Level::Town) {
            assert_eq!(atlas.regions[hit].geometry, GeometryKind::Real);
            assert_eq!(atlas.regions[hit].parent, Some(dongguan));
            assert_eq!(atlas.at(seat).county, None, "Dongguan has no county level");
            found += 1;
        }
    }
    assert!(found >= 25);
    // Half a degree south of the province's bounding box is open sea.
    let bbox_lonlat = atlas.shape_bbox_lonlat(
        atlas.regions[atlas.regions_of_level(Level::Province)[0]].shape.unwrap(),
    );
    let sea = [bbox_lonlat.center()[0], bbox_lonlat.min[1] - 0.5];
    assert_eq!(atlas.at(sea), Default::default());
}

#[test]
fn user_town_file_replaces_the_approximation() {
    let atlas_ref = common::atlas();
    let jinli = atlas_ref.region_by_code("441204115").unwrap();
    assert_eq!(atlas_ref.regions[jinli].geometry, GeometryKind::Approximate);
    // An "official" polygon: the bounding box of Jinli's approximate cell, so it covers points
    // that the approximation gives to a neighbour.
    let b = atlas_ref.shape_bbox_lonlat(atlas_ref.regions[jinli].shape.unwrap()).to_array();
    let neighbour_point = (0..400)
        .map(|k| {
            [
                b[0] + (b[2] - b[0]) * ((k % 20) as f64 + 0.5) / 20.0,
                b[1] + (b[3] - b[1]) * ((k / 20) as f64 + 0.5) / 20.0,
            ]
        })
        .find(|&p| atlas_ref.region_at(p, Level::Town).is_some_and(|t| t != jinli))
        .expect("the box reaches into a neighbouring cell");
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"town_code":"441204115"}},
        "geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}]}}"#,
        x0 = b[0],
        y0 = b[1],
        x1 = b[2],
        y1 = b[3]
    );
    let dir = std::env::temp_dir().join(format!("gd-atlas-user-towns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("towns.geojson");
    std::fs::write(&path, geojson).unwrap();

    let mut atlas = Atlas::load(&common::committed_source()).unwrap();
    assert_eq!(atlas.load_user_towns(&path).unwrap().replaced, 1);
    assert_eq!(atlas.regions[jinli].geometry, GeometryKind::Real);
    assert_eq!(
        atlas.region_at(neighbour_point, Level::Town),
        Some(jinli),
        "the official polygon wins over the approximation"
    );
    assert_eq!(
        atlas.boundary_source(jinli),
        gd_atlas::model::BoundarySource::UserFile(path.display().to_string()),
        "the details name the file"
    );
    let gaoyao = atlas.region_by_code("441204").unwrap();
    assert_eq!(atlas.boundary_source(gaoyao), gd_atlas::model::BoundarySource::Amap);

    // An unknown code is an error naming the feature, and changes nothing.
    let bad = dir.join("bad.geojson");
    std::fs::write(&bad, r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"449999999"},"geometry":{"type":"Polygon","coordinates":[[[112,23],[113,23],[113,24],[112,23]]]}}]}"#).unwrap();
    let err = atlas.load_user_towns(&bad).unwrap_err().to_string();
    assert!(err.contains("bad.geojson: feature 0 (code 449999999): unknown town code"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
