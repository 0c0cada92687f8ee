//! The excerpt linker against sentences labelled by reading them (`tests/fixtures/link_labels.csv`).
//!
//! Each row names a document, a sentence (or a distinctive part of one), a region and whether a
//! reader would want that sentence among the region's excerpts. A row counts as linked when an
//! excerpt of the region from that document contains the sentence. Every automatic link the
//! atlas makes must be labelled, so a new link (right or wrong) shows up here. All mismatches
//! are reported at once, with precision and recall on the labels.

#[path = "data_common.rs"]
mod common;

use gd_atlas::model::{Atlas, LinkKind, LinkReason, Subject};

#[derive(Debug, serde::Deserialize)]
struct Label {
    document: String,
    sentence: String,
    region_code: String,
    should_link: String,
    note: String,
}

fn labels() -> Vec<Label> {
    let path = common::path_in_repo("tests/fixtures/link_labels.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 2)))
        .collect()
}

fn linked(atlas: &Atlas, label: &Label) -> bool {
    atlas
        .excerpts_for(&Subject::Region(label.region_code.clone()))
        .iter()
        .any(|e| e.document == label.document && e.text.contains(&label.sentence))
}

#[test]
fn linker_agrees_with_the_labelled_sentences() {
    let atlas = common::atlas();
    let labels = labels();
    let (mut tp, mut fp, mut fneg, mut mismatches) = (0, 0, 0, Vec::new());
    for (i, label) in labels.iter().enumerate() {
        assert!(matches!(label.should_link.as_str(), "yes" | "no"), "row {}: should_link is yes or no", i + 2);
        let want = label.should_link == "yes";
        let got = linked(atlas, label);
        match (want, got) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fneg += 1,
            (false, false) => {}
        }
        if want != got {
            mismatches.push(format!("row {}: {} {} “{}” ({})", i + 2, if want { "missed" } else { "wrong" }, label.region_code, label.sentence, label.note));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!("link labels: {} rows, precision {precision:.3}, recall {recall:.3}", labels.len());
    let c = atlas.counts();
    println!("automatic links: {} by name, {} by section", c.excerpts_by_name, c.excerpts_by_section);
    // Every automatic link is labelled (so the file grows with the linker).
    let unlabelled: Vec<String> = atlas
        .excerpts
        .iter()
        .filter(|e| e.link != LinkKind::Curated)
        .filter(|e| !labels.iter().any(|l| l.document == e.document && l.region_code == e.subjects[0] && e.text.contains(&l.sentence)))
        .map(|e| format!("{},\"{}\",{},?,{:?}", e.document, e.text.replace('"', "\"\""), e.subjects[0], e.reason))
        .collect();
    assert!(mismatches.is_empty() && unlabelled.is_empty(), "{}\nunlabelled links:\n{}", mismatches.join("\n"), unlabelled.join("\n"));
}

#[test]
fn automatic_links_carry_their_reason() {
    let atlas = common::atlas();
    for e in atlas.excerpts.iter().filter(|e| e.link != LinkKind::Curated) {
        match (e.link, &e.reason) {
            (LinkKind::ByName, Some(LinkReason::Name(n) | LinkReason::Alias(n))) => {
                assert_eq!(e.matched_name.as_ref(), Some(n), "{}", e.id);
                assert!(e.text.to_lowercase().contains(&n.to_lowercase().replace('-', " ")) || e.text.contains(n.as_str()), "{}: {n}", e.id);
            }
            (LinkKind::BySection, Some(LinkReason::SectionHeading(h))) => {
                assert!(atlas.document_normalised(&e.document).is_some_and(|d| d.contains(h.as_str())), "{}: heading {h}", e.id)
            }
            other => panic!("{}: link {:?} with reason {:?}", e.id, other.0, other.1),
        }
    }
}

#[test]
fn article_003_sections_link_their_towns() {
    let atlas = common::atlas();
    let by_section = |code: &str| {
        atlas
            .excerpts_for(&Subject::Region(code.into()))
            .into_iter()
            .filter(|e| e.link == LinkKind::BySection && e.document == "003_324c10c0951cf152.txt")
            .count()
    };
    for (code, town) in [("441204115", "Jinli"), ("441204103", "Lubu"), ("441284105", "Dasha"), ("441284100", "Longfu")] {
        assert!(by_section(code) >= 3, "{town} has its section's sentences");
    }
}

fn linked_codes(atlas: &Atlas, text: &str) -> Vec<String> {
    let mut codes: Vec<String> = atlas.links_in_text("test.txt", text).into_iter().map(|e| e.subjects[0].clone()).collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn cities_sharing_a_name_with_a_town_link_because_the_province_counts() {
    let atlas = common::atlas();
    // 深圳市 and 深镇镇 are both "Shenzhen", 中山市 shares "Zhongshan" likewise: the cities link.
    let codes = linked_codes(atlas, "Suppliers come from Shenzhen and Zhongshan every week.");
    assert!(codes.contains(&"440300".to_string()), "{codes:?}");
    assert!(codes.contains(&"442000".to_string()), "{codes:?}");
    assert!(codes.iter().all(|c| c.len() == 6), "no town without its county named: {codes:?}");
}

#[test]
fn the_two_yunans_link_by_their_full_names_or_their_city() {
    let atlas = common::atlas();
    assert_eq!(linked_codes(atlas, "Yunan County grows tangerines."), vec!["445322"]);
    assert_eq!(linked_codes(atlas, "Yunan District has a new park."), vec!["445303"]);
    // Bare "Yunan" is both: linked to both only when their city is named.
    assert!(linked_codes(atlas, "Yunan grows tangerines.").is_empty());
    let codes = linked_codes(atlas, "Yunfu is a city. Yunan grows tangerines.");
    assert!(codes.contains(&"445303".to_string()) && codes.contains(&"445322".to_string()), "{codes:?}");
}

#[test]
fn a_qualified_alias_names_the_high_tech_zone() {
    let atlas = common::atlas();
    let codes = linked_codes(atlas, "Zhaoqing Hi-tech Zone opened a new plant.");
    assert_eq!(codes, vec!["441284450"], "the zone, not the city inside its name");
}
