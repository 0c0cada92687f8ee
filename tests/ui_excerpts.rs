//! What the documents say about a place, as a reader meets it (issue 22): the details panel lists
//! the excerpts *about* the place first and folds the sentences that only mention it, counted;
//! the reader marks passing mentions apart; `info` carries the distinction.

use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::{Atlas, Relevance, Subject};
use gd_atlas::ui::reader::ReaderAction;
use gd_atlas::ui::Action;
use serde_json::Value;

const ZHAOQING: &str = "441200";
const GAOYAO: &str = "441204";
const DOC_003: &str = "003_324c10c0951cf152.txt";

fn harness() -> Harness<'static, AtlasApp> {
    crate::support::app_harness(crate::support::embedded_app(None), [1600.0, 1000.0])
}

fn run(harness: &mut Harness<'static, AtlasApp>, action: Action) {
    harness.state_mut().push(action);
    harness.run_steps(4);
}

/// The first 40 characters of a text (a label holds the whole excerpt in quotes).
fn start(text: &str) -> String {
    text.chars().take(40).collect()
}

/// A passing mention of `code` whose opening words appear in no excerpt about it and in no
/// indicator, so seeing them on screen means the folded list is open.
fn a_mention_only_there(atlas: &Atlas, code: &str) -> String {
    let subject = Subject::Region(code.into());
    let excerpts = atlas.excerpts_for(&subject);
    let indicators = atlas.indicators_for(&subject);
    excerpts
        .iter()
        .filter(|e| e.relevance == Relevance::Mentioned)
        .map(|e| start(&e.text))
        .find(|s| {
            excerpts
                .iter()
                .filter(|e| e.relevance == Relevance::About)
                .all(|e| !e.text.contains(s.as_str()))
                && indicators.iter().all(|i| !i.excerpt.contains(s.as_str()))
        })
        .expect("a passing mention unlike every other excerpt")
}

#[test]
fn zhaoqing_lists_what_is_about_it_first_and_folds_the_passing_mentions() {
    let mut harness = harness();
    let atlas = harness.state().atlas.clone();
    let excerpts = atlas.excerpts_for(&Subject::Region(ZHAOQING.into()));
    let about = excerpts.iter().filter(|e| e.relevance == Relevance::About).count();
    let mentioned = excerpts.len() - about;
    assert!(about > 0 && mentioned > 0, "Zhaoqing has both: {about} about, {mentioned} mentioned");
    run(&mut harness, Action::Focus(Subject::Region(ZHAOQING.into())));
    assert_eq!(harness.state().selected(), Some(&Subject::Region(ZHAOQING.into())));

    let about_top = harness.get_by_label(&format!("About Zhaoqing City ({about})")).rect().top();
    let folded_label = format!("Also mentioned in ({mentioned})");
    let folded = harness.get_by_label(&folded_label);
    assert!(about_top < folded.rect().top(), "the excerpts about Zhaoqing come first");
    // The first excerpt about it is shown, with why it is about it.
    let first_about = excerpts.iter().find(|e| e.relevance == Relevance::About).expect("one");
    assert!(
        harness.query_all_by_label_contains(&start(&first_about.text)).count() >= 1,
        "{}",
        first_about.text
    );

    // Folded: the passing mentions are counted but not shown until opened.
    let mention = a_mention_only_there(&atlas, ZHAOQING);
    assert_eq!(
        harness.query_all_by_label_contains(&mention).count(),
        0,
        "{mention:?} is folded away"
    );
    folded.click_accesskit();
    harness.run_steps(4);
    assert!(
        harness.query_all_by_label_contains(&mention).count() >= 1,
        "{mention:?} shows once opened"
    );
    assert!(
        harness.query_all_by_label_contains("mentioned: locates").count() >= 1,
        "each mention says why it is one"
    );
}

#[test]
fn the_reader_lists_a_place_only_mentioned_in_passing_apart() {
    let mut harness = harness();
    harness.run_steps(2);
    run(&mut harness, Action::Reader(ReaderAction::Open(DOC_003.into())));
    assert!(
        harness.query_all_by_label_contains("only mentioned in passing").count() >= 1,
        "the legend explains the grey marks"
    );
    // Article 003 names Gaoyao only to locate Jinli and Lubu: listed in passing; Jinli is not.
    // A label's text is its AccessKit value (a button's is its label).
    let label = |start: &str| {
        let node = harness.query_all_by_label_contains(start).next().map(|n| n.accesskit_node());
        node.and_then(|n| n.label().or_else(|| n.value())).unwrap_or_default()
    };
    assert!(label("Gaoyao District ×").contains("in passing"), "{:?}", label("Gaoyao District ×"));
    assert!(
        !label("Jinli Town ×").is_empty() && !label("Jinli Town ×").contains("in passing"),
        "{:?}",
        label("Jinli Town ×")
    );
}

#[test]
fn info_carries_about_and_mentioned() {
    let out = crate::cli_commands::gd_atlas(&["info", GAOYAO, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let excerpts = v["excerpts"].as_array().expect("excerpts");
    let relevance: Vec<&str> =
        excerpts.iter().map(|e| e["relevance"].as_str().unwrap_or("")).collect();
    let about = relevance.iter().filter(|r| **r == "about").count();
    assert_eq!(v["excerpts_about"], about);
    assert_eq!(v["excerpts_mentioned"], excerpts.len() - about);
    assert!(
        relevance.windows(2).all(|w| !(w[0] == "mentioned" && w[1] == "about")),
        "about first: {relevance:?}"
    );
    let locator = excerpts
        .iter()
        .find(|e| e["relevance_rule"]["rule"] == "locator")
        .expect("Gaoyao locates Jinli somewhere");
    assert_eq!(locator["relevance"], "mentioned");
    assert!(
        locator["relevance_rule"]["place"].as_str().is_some_and(|p| p.ends_with("Town")),
        "{locator:#}"
    );

    let text = crate::cli_commands::gd_atlas(&["info", GAOYAO]);
    let text = String::from_utf8_lossy(&text.stdout);
    let (about_at, mentioned_at) = (
        text.find("excerpts about it (").expect("about list"),
        text.find("also mentioned in (").expect("mentions list"),
    );
    assert!(about_at < mentioned_at, "{text}");
    assert!(text.contains("mentioned: locates Jinli Town"), "{text}");
}
