//! The excerpt linker against sentences labelled by a reader who did not write it
//! (`tests/fixtures/link_labels.csv`, provenance in `tests/fixtures/link_labels.md`).
//!
//! Each row names a document, a sentence, a region and a label: `about` (the sentence says
//! something about the place), `mentioned` (it names the place only in passing) or `wrong` (the
//! name is not the place, or the line is no excerpt: a title, a credit, a homonym, an
//! organisation). `labeller` says which pass gave the label: `independent-1` (every candidate
//! pair the independent reader found by name) or `rules-author` (pairs the linker makes that no
//! name-based candidate list can hold, such as a section's sentences that do not name the town).
//! A row and an excerpt match when they come from the same document and region and one text
//! holds the other (the reader and the linker cut verse and captions a little differently).
//!
//! Asserted: every automatic link is labelled; none is labelled `wrong`; every `about` pair is
//! linked as about. Reported: the confusion table of labels against the linker's verdicts and the
//! precision of `about` and of `mentioned`.

use crate::data_common as common;

use gd_atlas::model::{Atlas, Excerpt, LinkKind, LinkReason, Relevance, RelevanceRule, Subject};

#[derive(Debug, serde::Deserialize)]
struct Label {
    document: String,
    sentence: String,
    region_code: String,
    region_name_en: String,
    label: String,
    labeller: String,
    reason: String,
}

fn labels() -> Vec<Label> {
    let path = common::path_in_repo("tests/fixtures/link_labels.csv");
    let mut reader =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<Label> = reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 2)))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        assert!(
            matches!(row.label.as_str(), "about" | "mentioned" | "wrong"),
            "{}:{}: label {:?}",
            path.display(),
            i + 2,
            row.label
        );
        assert!(
            matches!(row.labeller.as_str(), "independent-1" | "rules-author"),
            "{}:{}: labeller {:?}",
            path.display(),
            i + 2,
            row.labeller
        );
        assert!(
            !row.reason.trim().is_empty(),
            "{}:{}: every label gives its reason",
            path.display(),
            i + 2
        );
    }
    rows
}

/// Whitespace collapsed; a caption's mark and a bracketed caption's brackets dropped.
fn comparable(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_start_matches(['△', '▲', '◎', '▽', '▼', ' ']);
    let text = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    text.to_string()
}

/// The excerpt and the labelled sentence are the same text, or one holds the other.
fn same_text(excerpt: &Excerpt, label: &Label) -> bool {
    let (a, b) = (comparable(&excerpt.text), comparable(&label.sentence));
    a.contains(&b) || b.contains(&a)
}

/// The excerpts of the row's region in the row's document that hold (or lie in) its sentence.
fn matching<'a>(atlas: &'a Atlas, label: &Label) -> Vec<&'a Excerpt> {
    atlas
        .excerpts_for(&Subject::Region(label.region_code.clone()))
        .into_iter()
        .filter(|e| e.document == label.document && same_text(e, label))
        .collect()
}

/// What the atlas does with a labelled pair: the column of the confusion table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// An automatic link judged about the place.
    About,
    /// Automatic links, all judged passing mentions.
    Mentioned,
    /// No automatic link; a curated excerpt holds it, judged about its place.
    CuratedAbout,
    /// No automatic link; a curated excerpt holds it, judged a passing mention.
    CuratedMentioned,
    NotLinked,
}

fn verdict(excerpts: &[&Excerpt]) -> Verdict {
    let automatic: Vec<&&Excerpt> =
        excerpts.iter().filter(|e| e.link != LinkKind::Curated).collect();
    if automatic.iter().any(|e| e.relevance == Relevance::About) {
        Verdict::About
    } else if !automatic.is_empty() {
        Verdict::Mentioned
    } else if excerpts.iter().any(|e| e.relevance == Relevance::About) {
        Verdict::CuratedAbout
    } else if !excerpts.is_empty() {
        Verdict::CuratedMentioned
    } else {
        Verdict::NotLinked
    }
}

const LABELS: [&str; 3] = ["about", "mentioned", "wrong"];
const VERDICTS: [Verdict; 5] = [
    Verdict::About,
    Verdict::Mentioned,
    Verdict::CuratedAbout,
    Verdict::CuratedMentioned,
    Verdict::NotLinked,
];

/// Counts of (label, verdict) over some rows.
struct Confusion {
    cells: [[usize; 5]; 3],
}

impl Confusion {
    fn of<'a>(rows: impl Iterator<Item = (&'a Label, Verdict)>) -> Confusion {
        let mut cells = [[0; 5]; 3];
        for (label, v) in rows {
            let r = LABELS.iter().position(|l| *l == label.label).unwrap_or(0);
            let c = VERDICTS.iter().position(|x| *x == v).unwrap_or(0);
            cells[r][c] += 1;
        }
        Confusion { cells }
    }

    fn column(&self, c: usize) -> usize {
        self.cells.iter().map(|row| row[c]).sum()
    }

    /// Share of the pairs linked with `verdict` whose label is `label` (None when none is).
    fn precision(&self, verdict: usize, label: usize) -> Option<f64> {
        let n = self.column(verdict);
        (n > 0).then(|| self.cells[label][verdict] as f64 / n as f64)
    }

    fn table(&self, title: &str) -> String {
        let mut out = format!(
            "{title}\n{:<16}{:>8}{:>11}{:>15}{:>19}{:>12}{:>8}\n",
            "label \\ linker",
            "about",
            "mentioned",
            "curated about",
            "curated mentioned",
            "not linked",
            "total"
        );
        for (r, label) in LABELS.iter().enumerate() {
            let row = self.cells[r];
            out.push_str(&format!(
                "{label:<16}{:>8}{:>11}{:>15}{:>19}{:>12}{:>8}\n",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row.iter().sum::<usize>()
            ));
        }
        let pct = |p: Option<f64>| p.map_or("n/a".to_string(), |p| format!("{:.3}", p));
        out.push_str(&format!(
            "precision about {} ({} of {}); mentioned {} ({} of {}), not wrong {}\n",
            pct(self.precision(0, 0)),
            self.cells[0][0],
            self.column(0),
            pct(self.precision(1, 1)),
            self.cells[1][1],
            self.column(1),
            pct(self.precision(1, 1).zip(self.precision(1, 0)).map(|(m, a)| m + a)),
        ));
        out
    }
}

#[test]
fn linker_agrees_with_the_independent_labels() {
    let atlas = common::atlas();
    let labels = labels();
    let verdicts: Vec<(&Label, Verdict, Vec<&Excerpt>)> = labels
        .iter()
        .map(|l| {
            let found = matching(atlas, l);
            (l, verdict(&found), found)
        })
        .collect();
    let independent = Confusion::of(
        verdicts.iter().filter(|(l, _, _)| l.labeller == "independent-1").map(|(l, v, _)| (*l, *v)),
    );
    let all = Confusion::of(verdicts.iter().map(|(l, v, _)| (*l, *v)));
    println!(
        "{}",
        independent.table(&format!(
            "independent-1 labels ({} pairs)",
            independent.cells.iter().flatten().sum::<usize>()
        ))
    );
    println!("{}", all.table(&format!("all labels, with rules-author's ({} pairs)", labels.len())));
    let c = atlas.counts();
    println!(
        "automatic links: {} by name, {} by section, {} by paragraph; {} about, {} passing mentions",
        c.excerpts_by_name, c.excerpts_by_section, c.excerpts_by_paragraph, c.excerpts_about, c.excerpts_mentioned
    );

    let mut problems = Vec::new();
    for (label, v, found) in &verdicts {
        let automatic: Vec<&&Excerpt> =
            found.iter().filter(|e| e.link != LinkKind::Curated).collect();
        if label.label == "wrong" && !automatic.is_empty() {
            let how: Vec<String> = automatic
                .iter()
                .map(|e| format!("{} ({})", e.id, e.relevance_rule.describe()))
                .collect();
            problems.push(format!(
                "wrong link: {} {} “{}” — {}; linked as {}",
                label.document,
                label.region_name_en,
                label.sentence,
                label.reason,
                how.join(", ")
            ));
        }
        if label.label == "about" && !found.iter().any(|e| e.relevance == Relevance::About) {
            problems.push(format!(
                "about, but {:?}: {} {} “{}” — {}",
                v, label.document, label.region_name_en, label.sentence, label.reason
            ));
        }
    }
    // Every automatic link is labelled, so a new link (right or wrong) shows up here.
    let unlabelled: Vec<String> = atlas
        .excerpts
        .iter()
        .filter(|e| e.link != LinkKind::Curated)
        .filter(|e| {
            !labels.iter().any(|l| {
                l.document == e.document && l.region_code == e.subjects[0] && same_text(e, l)
            })
        })
        .map(|e| {
            format!(
                "{},\"{}\",{},?,{:?}",
                e.document,
                e.text.replace('"', "\"\""),
                e.subjects[0],
                e.relevance_rule
            )
        })
        .collect();
    assert!(
        problems.is_empty() && unlabelled.is_empty(),
        "{}\nunlabelled links:\n{}",
        problems.join("\n"),
        unlabelled.join("\n")
    );
}

#[test]
fn automatic_links_carry_their_reason_and_relevance() {
    let atlas = common::atlas();
    for e in atlas.excerpts.iter() {
        assert_eq!(
            e.relevance,
            e.relevance_rule.relevance(),
            "{}: the rule gives the relevance",
            e.id
        );
        match (e.link, &e.reason) {
            // Chosen by hand: about, unless the rules find the place only mentioned in passing.
            (LinkKind::Curated, None) => assert!(
                e.relevance_rule == RelevanceRule::Curated || e.relevance == Relevance::Mentioned,
                "{}",
                e.id
            ),
            (LinkKind::ByName, Some(LinkReason::Name(n) | LinkReason::Alias(n))) => {
                assert_eq!(e.matched_name.as_ref(), Some(n), "{}", e.id);
                assert!(
                    e.text.to_lowercase().contains(&n.to_lowercase().replace('-', " "))
                        || e.text.contains(n.as_str()),
                    "{}: {n}",
                    e.id
                );
            }
            (LinkKind::BySection, Some(LinkReason::SectionHeading(h))) => {
                assert!(
                    atlas.document_normalised(&e.document).is_some_and(|d| d.contains(h.as_str())),
                    "{}: heading {h}",
                    e.id
                );
                assert!(
                    matches!(e.relevance_rule, RelevanceRule::Section | RelevanceRule::LeadIn),
                    "{}",
                    e.id
                );
            }
            (LinkKind::ByParagraph, Some(LinkReason::Paragraph(s))) => {
                assert!(
                    atlas.document_normalised(&e.document).is_some_and(|d| d.contains(s.as_str())),
                    "{}: paragraph {s}",
                    e.id
                );
                assert_eq!(e.relevance_rule, RelevanceRule::Paragraph, "{}", e.id);
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
    for (code, town) in [
        ("441204115", "Jinli"),
        ("441204103", "Lubu"),
        ("441284105", "Dasha"),
        ("441284100", "Longfu"),
    ] {
        assert!(by_section(code) >= 3, "{town} has its section's sentences");
    }
}

/// The automatic links a text would get, as (region code, relevance rule), sorted.
fn links(atlas: &Atlas, text: &str) -> Vec<(String, RelevanceRule)> {
    let mut out: Vec<(String, RelevanceRule)> = atlas
        .links_in_text("test.txt", text)
        .into_iter()
        .map(|e| (e.subjects[0].clone(), e.relevance_rule))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn linked_codes(atlas: &Atlas, text: &str) -> Vec<String> {
    let mut codes: Vec<String> = links(atlas, text).into_iter().map(|(c, _)| c).collect();
    codes.dedup();
    codes
}

const ZHAOQING: &str = "441200";
const GAOYAO: &str = "441204";
const JINLI: &str = "441204115";

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
    assert!(
        codes.contains(&"445303".to_string()) && codes.contains(&"445322".to_string()),
        "{codes:?}"
    );
}

#[test]
fn a_qualified_alias_names_the_high_tech_zone() {
    let atlas = common::atlas();
    let codes = linked_codes(atlas, "Zhaoqing Hi-tech Zone opened a new plant.");
    assert_eq!(codes, vec!["441284450"], "the zone, not the city inside its name");
}

#[test]
fn a_locator_is_a_passing_mention_and_an_actor_is_not() {
    let atlas = common::atlas();
    let jinli_in_gaoyao =
        links(atlas, "Jinli Town in Gaoyao is a famous traditional dragon boat town.");
    assert_eq!(
        jinli_in_gaoyao,
        vec![
            (GAOYAO.into(), RelevanceRule::Locator("Jinli Town".into())),
            (JINLI.into(), RelevanceRule::Subject)
        ]
    );
    let gaoyao_acts =
        links(atlas, "Gaoyao will build a scenic belt along the West River in Jinli.");
    assert_eq!(
        gaoyao_acts,
        vec![(GAOYAO.into(), RelevanceRule::Subject), (JINLI.into(), RelevanceRule::Named)]
    );
    // A chain of locators after the town: "Lubu Town, Gaoyao District, Zhaoqing".
    let chain = links(atlas, "The base is located in Lubu Town, Gaoyao District, Zhaoqing.");
    assert!(
        chain.contains(&(GAOYAO.into(), RelevanceRule::Locator("Lubu Town".into()))),
        "{chain:?}"
    );
    assert!(
        chain.contains(&(ZHAOQING.into(), RelevanceRule::Locator("Gaoyao District".into()))),
        "{chain:?}"
    );
}

#[test]
fn places_set_beside_the_documents_place_are_comparisons() {
    let atlas = common::atlas();
    // Jieyang is the document's place: named in more than twice as many sentences as Guangzhou.
    let text = "Jieyang grows fast. Jieyang ships parcels. Jieyang has warehouses. Jieyang sells clothes. Jieyang builds roads. \
                Guangzhou and Shenzhen have professional markets, Jieyang has cheap warehousing. \
                There are also many suppliers from Guangzhou.";
    let found = links(atlas, text);
    let of = |code: &str| {
        found.iter().filter(|(c, _)| c == code).map(|(_, r)| r.clone()).collect::<Vec<_>>()
    };
    assert!(
        of("440100").iter().all(|r| *r == RelevanceRule::Comparison("Jieyang City".into())),
        "Guangzhou: {:?}",
        of("440100")
    );
    assert_eq!(of("440300"), vec![RelevanceRule::Comparison("Jieyang City".into())]);
    assert!(
        of("445200").iter().all(|r| *r == RelevanceRule::Subject),
        "Jieyang: {:?}",
        of("445200")
    );
}

#[test]
fn organisations_on_either_side_of_a_name_are_not_the_place() {
    let atlas = common::atlas();
    let hospital = "Gaoyao plans a hospital. Accelerate the new hospital of the Fourth People's Hospital of Zhaoqing City (Jinli Center Health Center).";
    assert!(
        !linked_codes(atlas, hospital).contains(&ZHAOQING.to_string()),
        "the hospital's name, not the city"
    );
    assert!(
        linked_codes(atlas, hospital).contains(&JINLI.to_string()),
        "Jinli's health centre is in Jinli"
    );
    let station = "With the support of the Small Hardware Product Inspection Station (Zhaoqing), the town has created a platform.";
    assert!(linked_codes(atlas, station).is_empty(), "{:?}", linked_codes(atlas, station));
    let company = "Enterprises such as Guangzhou Yuexiu Group Yueguan Intelligent Technology Co., Ltd. settled in the town.";
    assert!(
        linked_codes(atlas, company).is_empty(),
        "neither Guangzhou nor Yuexiu: {:?}",
        linked_codes(atlas, company)
    );
    // The city's own government is the city acting.
    assert_eq!(
        linked_codes(atlas, "Zhaoqing Municipal Party Committee has deployed ten special actions."),
        vec![ZHAOQING.to_string()]
    );
}

#[test]
fn titles_credits_and_heading_fragments_are_never_linked_and_a_repeat_links_once() {
    let atlas = common::atlas();
    let text = "These four towns in Zhaoqing were selected\n\nThese four towns in Zhaoqing were selected →\n\n\
                Released by Zhaoqing 2023-10-20\n\nThese four towns in Zhaoqing City\n\nWhat is their secret?\n\n\
                △Photo provided by Gaoyao District Cultural Center\n\nZhaoqing grows.\n\nZhaoqing grows.";
    let found = atlas.links_in_text("test.txt", text);
    let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, vec!["Zhaoqing grows."], "only the sentence, once: {found:#?}");
}

#[test]
fn a_place_only_heading_and_a_caption_link_the_town_they_show() {
    let atlas = common::atlas();
    let text = "Gaoyao District-Jinli Town\n\nThe town has a hardware industry.\n\n△Zhaoqing Jinli Hardware Town. Photo courtesy of Gao Yao";
    let found = links(atlas, text);
    assert!(found.contains(&(JINLI.into(), RelevanceRule::Heading)), "{found:?}");
    assert!(
        found.contains(&(GAOYAO.into(), RelevanceRule::Locator("Jinli Town".into()))),
        "{found:?}"
    );
    assert!(found.contains(&(JINLI.into(), RelevanceRule::Section)), "{found:?}");
    assert!(found.contains(&(JINLI.into(), RelevanceRule::Caption)), "{found:?}");
    assert!(
        found.contains(&(ZHAOQING.into(), RelevanceRule::Locator("Jinli Town".into()))),
        "{found:?}"
    );
    assert_eq!(
        found.iter().filter(|(c, _)| c == GAOYAO).count(),
        1,
        "the credit's Gao Yao is not linked: {found:?}"
    );
}

#[test]
fn zhaoqings_excerpts_about_it_come_before_its_passing_mentions() {
    let atlas = common::atlas();
    let excerpts = atlas.excerpts_for(&Subject::Region(ZHAOQING.into()));
    let first_mention = excerpts
        .iter()
        .position(|e| e.relevance == Relevance::Mentioned)
        .expect("Zhaoqing is mentioned in passing somewhere");
    assert!(first_mention > 10, "most of what is said of Zhaoqing is about it");
    assert!(
        excerpts[first_mention..].iter().all(|e| e.relevance == Relevance::Mentioned),
        "about first, then mentions"
    );
}
