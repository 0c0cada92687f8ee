//! Names people type (issue 11 §2): apostrophes, Cantonese readings, translated unit names, and
//! `info` resolving typed variants, homonyms and qualified names.

use super::cli_commands::gd_atlas;
use crate::data_common as common;
use gd_atlas::model::search::Resolution;
use gd_atlas::model::Subject;

fn region(code: &str) -> Subject {
    Subject::Region(code.to_string())
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn bao_an_with_or_without_apostrophe_is_the_district_naming_the_town() {
    for query in ["Bao'an", "Baoan", "bao an", "Bao'an District", "bǎo ān qū", "宝安"] {
        let o = gd_atlas(&["info", query]);
        assert!(o.status.success(), "{query}: exit {:?}", o.status);
        let out = stdout(&o);
        assert!(out.starts_with("宝安区 Bao'an District (440306)"), "{query}: {out}");
        if query != "宝安" {
            assert!(out.contains("also: 保安镇 Bao'an Town, Lianzhou City"), "{query}: {out}");
        }
    }
}

#[test]
fn dongchong_and_dasha_list_every_town_and_exit_2() {
    let o = gd_atlas(&["info", "Dongchong"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("东涌镇 Dongchong Town, Nansha District, Guangzhou City (440115103)"),
        "{out}"
    );
    assert!(
        out.contains("东涌镇 Dongchong Town, Chengqu District, Shanwei City (441502102)"),
        "{out}"
    );
    let o = gd_atlas(&["info", "大沙镇"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("(441284105)") && out.contains("(440783106)"), "{out}");
}

#[test]
fn qualified_names_and_codes_pick_one_dasha() {
    for query in [
        "四会市大沙镇",
        "Dasha, Sihui",
        "Dasha Sihui",
        "Sihui Dasha",
        "Dasha Town, Sihui City",
        "441284105",
    ] {
        let o = gd_atlas(&["info", query]);
        assert!(o.status.success(), "{query}: exit {:?}", o.status);
        assert!(stdout(&o).starts_with("大沙镇 Dasha Town (441284105)"), "{query}: {}", stdout(&o));
    }
}

#[test]
fn ambiguous_json_lists_candidates_with_parent_chains() {
    let o = gd_atlas(&["info", "Dongchong", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let list = v["ambiguous"].as_array().expect("candidates");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["parent_chain"][0]["name_en"], "Nansha District");
}

#[test]
fn resolve_prefers_a_name_over_an_alias_and_names_the_other() {
    let atlas = common::atlas();
    // 郁南县 is "Yunan"; 云安区 "Yun'an" has "Yunan" only as an apostrophe-free alias.
    assert_eq!(
        atlas.resolve("Yunan"),
        Resolution::Found { subject: region("445322"), also: vec![region("445303")] }
    );
    assert!(
        matches!(atlas.resolve("Yun'an"), Resolution::Found { subject, .. } if subject == region("445303"))
    );
    assert!(
        matches!(atlas.resolve("Dongchong Nansha"), Resolution::Found { subject, .. } if subject == region("440115103"))
    );
    assert_eq!(atlas.resolve("no such place anywhere"), Resolution::NotFound);
}

#[test]
fn cantonese_readings_and_translated_units_are_in_the_data() {
    let atlas = common::atlas();
    let name_en =
        |code: &str| atlas.regions[atlas.region_by_code(code).expect(code)].name_en.clone();
    assert_eq!(name_en("441900126"), "Machong Town");
    assert_eq!(name_en("440203104"), "Chongyang Town");
    assert_eq!(name_en("440106003"), "Chebei Subdistrict");
    assert_eq!(name_en("440511009"), "Guangsha Subdistrict");
    assert_eq!(name_en("441422402"), "Dabu Forest Farm");
    assert_eq!(name_en("441284450"), "Zhaoqing High-tech Industrial Development Zone");
    assert_eq!(name_en("440705470"), "Xinhui Economic Development Zone");
    let glued = atlas
        .regions
        .iter()
        .filter(|r| r.unit_kind == "other_unit" && r.name_en.split(' ').any(|w| w.len() > 24));
    assert_eq!(
        glued.map(|r| r.name_en.clone()).collect::<Vec<_>>(),
        Vec::<String>::new(),
        "no generic terms glued into pinyin"
    );
}

#[test]
fn search_labels_tell_homonyms_apart() {
    let atlas = common::atlas();
    let labels: Vec<String> =
        atlas.find("Dongchong").iter().take(2).map(|s| atlas.search_label(s, false)).collect();
    assert!(
        labels.contains(&"Dongchong Town — Nansha District, Guangzhou City".to_string()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"Dongchong Town — Chengqu District, Shanwei City".to_string()),
        "{labels:?}"
    );
    assert_eq!(atlas.search_label(&region("441284105"), true), "大沙镇 — 四会市, 肇庆市");
}

/// Issue 11 §3: corrections carry their kind in `info` text and JSON.
#[test]
fn info_shows_what_each_correction_is() {
    let o = gd_atlas(&["info", "440000", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let ind = |id: &str| {
        v["indicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .expect(id)
    };
    let mileage = ind("IND015");
    assert_eq!(mileage["correction_kind"], "garbled");
    assert_eq!(mileage["correction_words"], "corrected reading");
    assert_eq!(mileage["corrected"], "11,211 km");
    let metro = ind("IND026");
    assert_eq!(metro["correction_kind"], serde_json::Value::Null);
    assert!(metro["correction_reason"].as_str().is_some_and(|r| r.contains("metropolitan area")));
    let text = stdout(&gd_atlas(&["info", "441284105"]));
    assert!(text.contains("derived, not stated: 84 places (2022 rank would be 900th)"), "{text}");
    let puning = stdout(&gd_atlas(&["info", "445281"]));
    assert!(puning.contains("dispatch 8 a.m., receipt 4 p.m. as stated"), "{puning}");
    assert!(puning.contains("derived, not stated: 8 hours"), "{puning}");
}

#[test]
fn every_correction_kind_is_used_and_decided_rows_carry_their_reason() {
    let atlas = common::atlas();
    let kinds: std::collections::BTreeSet<&str> =
        atlas.indicators.iter().filter_map(|i| i.correction_kind.map(|k| k.as_str())).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["conversion", "cross_check", "derived", "garbled"]
    );
    for id in ["IND013", "IND015", "IND026", "IND054", "IND098"] {
        let ind = atlas.indicators.iter().find(|i| i.id == id).expect(id);
        assert!(!ind.correction_reason.is_empty(), "{id} has its decision written in the data");
    }
    let jinli_cities = atlas.indicators.iter().find(|i| i.id == "IND098").expect("IND098");
    assert_eq!(jinli_cities.subject_label, "", "the place is the subject; no town label");
}
