//! The committed data is complete and true: excerpts verbatim, every code and id joins, markers
//! inside the region they claim, region counts match the official code list.

use crate::data_common as common;

use std::collections::HashMap;

use gd_atlas::geo::pip::point_in_multipolygon;
use gd_atlas::model::text::normalise_whitespace;
use gd_atlas::model::{GeometryKind, Level, LinkKind};

#[test]
fn every_excerpt_and_indicator_sentence_is_verbatim_in_its_document() {
    let atlas = common::atlas();
    assert!(!atlas.documents.is_empty());
    for ex in atlas.excerpts.iter() {
        let doc = atlas
            .document_normalised(&ex.document)
            .unwrap_or_else(|| panic!("{}: unknown document {}", ex.id, ex.document));
        assert!(
            doc.contains(&normalise_whitespace(&ex.text)),
            "excerpt {} not verbatim in {}",
            ex.id,
            ex.document
        );
    }
    for ind in &atlas.indicators {
        let doc = atlas
            .document_normalised(&ind.document)
            .unwrap_or_else(|| panic!("{}: unknown document", ind.id));
        assert!(
            doc.contains(&ind.excerpt),
            "indicator {} sentence not verbatim in {}",
            ind.id,
            ind.document
        );
        assert!(!ind.excerpt.is_empty(), "indicator {} has no sentence", ind.id);
    }
}

#[test]
fn every_code_and_id_joins() {
    let atlas = common::atlas();
    let subject_exists = |s: &str| {
        atlas.region_by_code(s).is_some()
            || atlas.place_by_id(s).is_some()
            || atlas.line_by_id(s).is_some()
    };
    for ind in &atlas.indicators {
        assert!(subject_exists(&ind.subject), "indicator {} subject {}", ind.id, ind.subject);
    }
    for ex in atlas.excerpts.iter().filter(|e| e.link == LinkKind::Curated) {
        for s in &ex.subjects {
            assert!(subject_exists(s), "excerpt {} subject {}", ex.id, s);
        }
    }
    for p in &atlas.places {
        assert!(
            atlas.region_by_code(&p.region_code).is_some(),
            "place {} region {}",
            p.id,
            p.region_code
        );
        if let Some(rep) = &p.represents {
            assert!(atlas.region_by_code(rep).is_some(), "place {} represents {}", p.id, rep);
        }
        for l in &p.line_ids {
            assert!(atlas.line_by_id(l).is_some(), "place {} line {}", p.id, l);
        }
    }
    for l in &atlas.lines {
        if let Some(pid) = &l.place_id {
            assert!(atlas.place_by_id(pid).is_some(), "line {} place {}", l.id, pid);
        }
        assert!(l.is_schematic(), "all lines we have are schematic (gazetteer SOURCES.md)");
    }
    // Parents exist and are exactly one level coarser, except towns directly under
    // Dongguan/Zhongshan (cities without counties).
    for (idx, r) in atlas.regions.iter().enumerate() {
        let chain = atlas.parent_chain(idx);
        assert_eq!(
            atlas.regions[*chain.last().unwrap()].level,
            Level::Province,
            "{} does not reach the province",
            r.code
        );
        if let Some(p) = r.parent {
            let parent = &atlas.regions[p];
            let direct = parent.level as usize + 1 == r.level as usize;
            let city_town = parent.level == Level::City
                && r.level == Level::Town
                && atlas.children(p).iter().all(|&c| atlas.regions[c].level == Level::Town);
            assert!(
                direct || city_town,
                "{} ({:?}) under {} ({:?})",
                r.code,
                r.level,
                parent.code,
                parent.level
            );
        }
        assert_eq!(
            r.shape.is_some(),
            r.geometry != GeometryKind::None,
            "{}: geometry flag vs shape",
            r.code
        );
    }
}

#[test]
fn every_marker_lies_in_its_region_or_is_a_listed_exception() {
    let atlas = common::atlas();
    let mut checked = 0;
    for p in &atlas.places {
        let Some(lonlat) = p.lonlat else { continue };
        let region = atlas.region_by_code(&p.region_code).expect("joins");
        let shape = atlas.regions[region]
            .shape
            .expect("claimed regions are counties or cities, which have shapes");
        if point_in_multipolygon(lonlat, atlas.shape_rings_lonlat(shape)) {
            checked += 1;
            continue;
        }
        let exception = atlas.known_exceptions.iter().find(|e| e.id == p.id);
        assert!(
            exception.is_some_and(|e| !e.reason.trim().is_empty()),
            "{} at {:?} is outside {} and not listed in known_exceptions.csv with a reason",
            p.id,
            lonlat,
            p.region_code
        );
    }
    assert!(checked > 0);
}

#[test]
fn region_counts_match_the_code_lists() {
    let atlas = common::atlas();
    // guangdong/boundaries SOURCES.md: "1 province, 21 cities and 122 counties" plus
    // "124 (122 county-level units + Dongguan + Zhongshan)": the two are cities without counties.
    assert_eq!(atlas.regions_of_level(Level::Province).len(), 1);
    assert_eq!(atlas.regions_of_level(Level::City).len(), 21);
    assert_eq!(atlas.regions_of_level(Level::County).len(), 122);

    // Every code of the town code list appears exactly once as a town code or alias code, and
    // every town code of regions.csv comes from the list.
    let text = std::fs::read_to_string(common::path_in_repo("assets/geo/town_code_list.csv"))
        .expect("town code list");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let col = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "town_code")
        .expect("town_code column");
    let list: Vec<String> = reader.records().map(|r| r.expect("row")[col].to_string()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for &t in atlas.regions_of_level(Level::Town) {
        let r = &atlas.regions[t];
        for code in std::iter::once(&r.code).chain(&r.alias_codes) {
            *seen.entry(code.as_str()).or_default() += 1;
        }
    }
    for code in &list {
        assert_eq!(
            seen.get(code.as_str()).copied().unwrap_or(0),
            1,
            "town code {code} must appear exactly once"
        );
    }
    assert_eq!(seen.len(), list.len(), "regions.csv has town codes that are not in the list");
    assert_eq!(seen.values().sum::<usize>(), list.len());
}

#[test]
fn gaoyao_links_excerpts_by_name_from_article_004() {
    let atlas = common::atlas();
    let gaoyao = gd_atlas::model::Subject::Region("441204".into());
    let by_name: Vec<_> = atlas
        .excerpts_for(&gaoyao)
        .into_iter()
        .filter(|e| e.link == LinkKind::ByName && e.document == "004_6c30c6adb5630b5b.txt")
        .collect();
    assert!(!by_name.is_empty(), "article 004 writes \"Gao Yao\" and must link to 441204");
    assert!(
        by_name.iter().any(|e| e.text.contains("Gao Yao")),
        "the \"Gao Yao\" sentence is linked"
    );
    for e in &by_name {
        let name = e.matched_name.as_deref().expect("by-name excerpts say which name matched");
        assert!(e.text.to_lowercase().contains(&name.to_lowercase()) || e.text.contains(name));
    }
}

#[test]
fn town_names_need_their_county_in_the_document() {
    let atlas = common::atlas();
    // Article 001 names "Li Xi, Secretary of the Provincial Party Committee", a person, not
    // 黎溪镇 (Li Xi town, Yingde), whose county the article never names.
    let lixi = gd_atlas::model::Subject::Region("441881130".into());
    assert!(atlas.excerpts_for(&lixi).iter().all(|e| e.link != LinkKind::ByName));
    // Jinli's county, Gaoyao, is named in article 004, so Jinli links there.
    let jinli = gd_atlas::model::Subject::Region("441204115".into());
    assert!(atlas
        .excerpts_for(&jinli)
        .iter()
        .any(|e| e.link == LinkKind::ByName && e.document == "004_6c30c6adb5630b5b.txt"));
}

#[test]
fn search_ranks_literal_matches_first() {
    use gd_atlas::model::Subject;
    let atlas = common::atlas();
    assert_eq!(atlas.find("金利镇").first(), Some(&Subject::Region("441204115".into())));
    assert_eq!(atlas.find("Jinli").first(), Some(&Subject::Region("441204115".into())));
    assert_eq!(atlas.find("441204").first(), Some(&Subject::Region("441204".into())));
    assert_eq!(atlas.find("gd034").first(), Some(&Subject::Place("GD034".into())));
    assert!(atlas.find("").is_empty());
    // Alias codes resolve to their region.
    for r in &atlas.regions {
        for alias in &r.alias_codes {
            assert_eq!(
                atlas.region_by_code(alias).map(|i| atlas.regions[i].code.as_str()),
                Some(r.code.as_str())
            );
        }
    }
}

#[test]
fn the_embedded_copy_matches_the_files() {
    // The binary must run anywhere offline on the data compiled into it.
    let embedded = gd_atlas::model::Atlas::load(&gd_atlas::model::DataSource::Embedded)
        .expect("embedded data loads");
    let files = common::atlas();
    assert_eq!(embedded.regions.len(), files.regions.len());
    assert_eq!(embedded.indicators.len(), files.indicators.len());
    assert_eq!(embedded.excerpts.len(), files.excerpts.len());
    assert_eq!(embedded.topology.arcs.len(), files.topology.arcs.len());
}

/// `assets/geo/regions.topo.bin` (written by the asset build) is the committed JSON's topology,
/// bit for bit, and is made from that very JSON (else start-up silently reads the JSON and
/// loses its speed). `GD_ATLAS_WRITE_TOPOLOGY_BIN=1` rewrites it from the committed JSON first,
/// for a JSON edited without running the asset build.
#[test]
fn the_binary_topology_is_the_json_topology() {
    use gd_atlas::geo::topology::{Topology, TopologyFile};
    use gd_atlas::geo::topology_bin;
    let json = std::fs::read(common::path_in_repo("assets/geo/regions.topo.json"))
        .expect("committed JSON");
    let bin_path = common::path_in_repo("assets/geo/regions.topo.bin");
    let file: TopologyFile = serde_json::from_slice(&json).expect("the committed JSON parses");
    if std::env::var_os("GD_ATLAS_WRITE_TOPOLOGY_BIN").is_some() {
        let bin = topology_bin::encode(&file, &json).expect("the committed JSON decodes");
        std::fs::write(&bin_path, bin).expect("write the binary topology");
    }
    let bin = std::fs::read(&bin_path).expect(
        "assets/geo/regions.topo.bin is committed (GD_ATLAS_WRITE_TOPOLOGY_BIN=1 writes it)",
    );
    let from_bin = topology_bin::decode(&bin, &json).unwrap_or_else(|e| {
        panic!("regions.topo.bin: {e} (GD_ATLAS_WRITE_TOPOLOGY_BIN=1 rewrites it)")
    });
    let from_json = Topology::from_file(file).expect("the committed JSON decodes");
    assert_eq!(from_bin.arcs.len(), from_json.arcs.len());
    for (i, (b, j)) in from_bin.arcs.iter().zip(&from_json.arcs).enumerate() {
        let bits = |v: &[[f64; 2]]| {
            v.iter().flat_map(|p| [p[0].to_bits(), p[1].to_bits()]).collect::<Vec<_>>()
        };
        assert!(
            bits(&b.lonlat) == bits(&j.lonlat)
                && bits(&b.mercator) == bits(&j.mercator)
                && b.keep == j.keep,
            "arc {i} differs"
        );
    }
    assert_eq!(from_bin.shapes.len(), from_json.shapes.len());
    for (b, j) in from_bin.shapes.iter().zip(&from_json.shapes) {
        assert!(
            b.code == j.code && b.polygons == j.polygons && b.bbox_mercator == j.bbox_mercator,
            "shape {} differs",
            j.code
        );
    }
    // The label points the build stored are the ones the scene would compute, bit for bit.
    use gd_atlas::geo::label_point::largest_part_interior_point;
    assert_eq!(from_bin.label_points_lonlat.len(), from_json.shapes.len());
    for (s, stored) in from_bin.label_points_lonlat.iter().enumerate() {
        assert_eq!(
            *stored,
            largest_part_interior_point(&from_json, s),
            "label point of shape {}",
            from_json.shapes[s].code
        );
    }
    // The program's own copy (compiled in) has the binary, made from its JSON.
    use gd_atlas::model::source::Tree;
    let embedded = gd_atlas::model::DataSource::Embedded;
    let embedded_json =
        embedded.read(Tree::Assets, "geo/regions.topo.json").expect("embedded JSON");
    let embedded_bin = embedded
        .read_bytes(Tree::Assets, "geo/regions.topo.bin")
        .expect("the binary topology is compiled in");
    assert!(
        topology_bin::decode(&embedded_bin, embedded_json.as_bytes()).is_ok(),
        "the compiled-in binary is stale"
    );
}

/// `model::PROVINCE_CODE` (the figures keep their legend off its land) is the province's code.
#[test]
fn the_province_code_constant_names_the_province() {
    let atlas =
        gd_atlas::model::Atlas::load(&gd_atlas::model::DataSource::Embedded).expect("loads");
    let idx = atlas.region_by_code(gd_atlas::model::PROVINCE_CODE).expect("a region");
    assert_eq!(atlas.regions[idx].level, gd_atlas::model::Level::Province);
}

#[test]
fn a_figure_load_is_the_atlas_without_the_excerpts_linked_by_name() {
    let atlas = common::atlas();
    let figure = gd_atlas::model::Atlas::load_for_figure(&gd_atlas::model::DataSource::Embedded)
        .unwrap_or_else(|e| panic!("{e}"));
    let codes = |a: &gd_atlas::model::Atlas| -> Vec<(String, Option<usize>)> {
        a.regions.iter().map(|r| (r.code.clone(), r.shape)).collect()
    };
    assert_eq!(codes(&figure), codes(atlas), "the same regions and shapes");
    assert_eq!(figure.places.len(), atlas.places.len());
    assert_eq!(figure.lines.len(), atlas.lines.len());
    assert_eq!(figure.topology.shapes.len(), atlas.topology.shapes.len());
    assert_eq!(figure.census.statistics.len(), atlas.census.statistics.len(), "census joined");
    let curated: Vec<&str> = atlas
        .excerpts
        .iter()
        .filter(|e| e.link == LinkKind::Curated)
        .map(|e| e.id.as_str())
        .collect();
    let kept: Vec<&str> = figure.excerpts.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(kept, curated, "only the curated excerpts, in their order");
    assert!(atlas.excerpts.len() > curated.len(), "the full load links more by name");
}

/// The areas computed beside the rings at load (provinces, cities, counties) are those of the
/// same shapes' rings, bit for bit: the two halves of the load came back in shape order.
#[test]
fn areas_computed_at_load_are_their_own_shapes_areas() {
    use gd_atlas::model::area::shape_area_m2;
    let atlas = common::atlas();
    let mut checked = 0;
    for (idx, r) in atlas.regions.iter().enumerate() {
        let Some(shape) = r.shape else { continue };
        let cached = atlas.shape_area_m2(shape);
        let computed = shape_area_m2(atlas.shape_rings_lonlat(shape));
        assert_eq!(cached.to_bits(), computed.to_bits(), "region {} ({idx})", r.code);
        checked += 1;
    }
    assert_eq!(checked, atlas.topology.shapes.len(), "every shape is a region's");
}
