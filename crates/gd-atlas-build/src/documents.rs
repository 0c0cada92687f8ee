//! The five corpus articles: verbatim copies plus `documents.csv`.
//!
//! Titles, publishers and dates are filled only where the article itself states them; each value
//! below quotes the line of the text it comes from, so a reader can check it.

use std::path::Path;

use super::io::{file_err, read_text, write_csv, write_text, BuildResult};

/// `(file, title, publisher, date, note)`.
const DOCUMENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "000_d4ce577234dfad9e.txt",
        // The text has no headline, publisher or date line; its first line is a rhetorical question.
        "",
        "",
        "",
        "No title, publisher or date in the text. Topic: Guangdong's county economy, Jieyang and Puning express delivery.",
    ),
    (
        "001_8ff0d4cf945b7073.txt",
        // Line 3: "Bay Area Rookie Starts a New Game—Zhaoqing fully promotes the construction of agglomeration areas and accelerates the realization of "two positionings""
        "Bay Area Rookie Starts a New Game—Zhaoqing fully promotes the construction of agglomeration areas and accelerates the realization of \"two positionings\"",
        // Line 9: "Source: Southern Magazine Author: Lu Yi Quan Rensheng"
        "Southern Magazine",
        // Line 1: "Friday, October 27, 2023" (date of the repost page carrying the article).
        "2023-10-27",
        "Authors: Lu Yi, Quan Rensheng. The date is the one printed at the top of the page.",
    ),
    (
        "002_81e73b3d1f7686e6.txt",
        // Line 1: "Building a modern new city in the Guangdong-Hong Kong-Macao Greater Bay Area — Interview with Xu Xiaoxiong, deputy to the National People’s Congress and mayor of Zhaoqing"
        "Building a modern new city in the Guangdong-Hong Kong-Macao Greater Bay Area — Interview with Xu Xiaoxiong, deputy to the National People’s Congress and mayor of Zhaoqing",
        // Line 3: "Hong Kong Economic Herald 2023 Two Sessions Reporting Team Reporter Sun Lei"
        "Hong Kong Economic Herald",
        // Line 3 "2023 Two Sessions"; line 5 "on March 8" (the interview day; the publication date is not given).
        "2023",
        "Reporter: Sun Lei. Interview given on March 8 during the 2023 Two Sessions; publication date not stated.",
    ),
    (
        "003_324c10c0951cf152.txt",
        // Line 3: "Top 1,000 in the country! These four towns in Zhaoqing were selected"
        "Top 1,000 in the country! These four towns in Zhaoqing were selected",
        // Line 7: "Released by Zhaoqing 2023-10-20 19:16 Published in Guangdong"
        "Zhaoqing",
        // Line 7 (same line) and line 1 "Friday, October 20, 2023".
        "2023-10-20",
        "Image credits in the text name Gaoyao.",
    ),
    (
        "004_6c30c6adb5630b5b.txt",
        // Line 1: "Building Jinli as a demonstration model for the "Million and Ten Thousand Project" requires comprehensive efforts!"
        "Building Jinli as a demonstration model for the \"Million and Ten Thousand Project\" requires comprehensive efforts!",
        // Line 50: "Source: Gaoyao Publishing"
        "Gaoyao Publishing",
        // No date in the text (it mentions events of January 2023).
        "",
        "No publication date in the text.",
    ),
];

pub const HEADER: &[&str] = &[
    "file",
    "title",
    "publisher",
    "date",
    "language",
    "note",
    "title_zh",
    "topic",
    "topic_zh",
    "publisher_zh",
    "note_zh",
];

/// The publisher's own Chinese name, by file, **only where the article's text prints it** (the
/// build checks that it does). The five texts are English translations and print none: the
/// Chinese of "Southern Magazine", "Hong Kong Economic Herald", "Zhaoqing" and "Gaoyao
/// Publishing" cannot be verified from the corpus, so the column stays empty and the 中文
/// interface shows the English name marked as unverified rather than a guessed one.
const PUBLISHERS_ZH: &[(&str, &str)] = &[];

/// The atlas's own words for each article, by file: the Chinese translation of its title, or —
/// for an article without one — what it is about, in English and Chinese, so no list shows a
/// bare file name. `(file, title_zh, topic, topic_zh)`; the 中文 interface marks them as the
/// atlas's translation and keeps the original title beside them.
const ATLAS_TITLES: &[(&str, &str, &str, &str)] = &[
    (
        "000_d4ce577234dfad9e.txt",
        "",
        "Guangdong's county economy; express delivery in Jieyang and Puning",
        "广东县域经济；揭阳、普宁的快递业",
    ),
    (
        "001_8ff0d4cf945b7073.txt",
        "湾区新秀开新局——肇庆全力推进集聚区建设，加快实现“两个定位”",
        "",
        "",
    ),
    (
        "002_81e73b3d1f7686e6.txt",
        "在粤港澳大湾区建设现代化新城——访全国人大代表、肇庆市市长许晓雄",
        "",
        "",
    ),
    ("003_324c10c0951cf152.txt", "全国千强！肇庆这四个镇入选", "", ""),
    ("004_6c30c6adb5630b5b.txt", "把金利打造成“百千万工程”示范样板，需要全方位发力！", "", ""),
];

/// Copies the articles and writes `documents.csv`. Returns the file names and texts for checks.
pub fn build(shared: &Path, data: &Path) -> BuildResult<Vec<(String, String)>> {
    let corpus = shared.join("corpus");
    let mut found: Vec<String> = std::fs::read_dir(&corpus)
        .map_err(|e| file_err(&corpus, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    found.sort();
    let expected: Vec<String> = DOCUMENTS.iter().map(|d| d.0.to_string()).collect();
    if found != expected {
        return Err(file_err(
            &corpus,
            format!("expected the articles {expected:?}, found {found:?}"),
        ));
    }
    let mut rows = Vec::new();
    let mut texts = Vec::new();
    let mut notes = super::translations::NoteTranslations::load()?;
    for &(file, title, publisher, date, note) in DOCUMENTS {
        let text = read_text(&corpus.join(file))?;
        // Guard the table against a changed corpus: each stated value must occur in the text.
        for value in [title, publisher] {
            if !value.is_empty() && !text.contains(value) {
                return Err(file_err(
                    &corpus.join(file),
                    format!("documents table value {value:?} is not in the text"),
                ));
            }
        }
        write_text(&data.join("documents").join(file), &text)?;
        let &(_, title_zh, topic, topic_zh) = ATLAS_TITLES
            .iter()
            .find(|t| t.0 == file)
            .ok_or_else(|| file_err(&corpus.join(file), "no entry in ATLAS_TITLES"))?;
        if title.is_empty() != title_zh.is_empty()
            || title.is_empty() == topic.is_empty()
            || topic.is_empty() != topic_zh.is_empty()
        {
            return Err(file_err(
                &corpus.join(file),
                "ATLAS_TITLES needs a title_zh for a titled article, a topic for an untitled one",
            ));
        }
        let publisher_zh = PUBLISHERS_ZH.iter().find(|p| p.0 == file).map_or("", |p| p.1);
        if !publisher_zh.is_empty() && !text.contains(publisher_zh) {
            return Err(file_err(
                &corpus.join(file),
                format!("publisher_zh {publisher_zh:?} is not in the text"),
            ));
        }
        let note = format!("English translation of a Chinese article. {note}");
        // The atlas's translation of its own note (translations/notes_zh.csv).
        let note_zh =
            notes.zh("document_note", &note).map_err(|e| file_err(&corpus.join(file), e))?;
        rows.push(vec![
            file.into(),
            title.into(),
            publisher.into(),
            date.into(),
            "en".into(),
            note,
            title_zh.into(),
            topic.into(),
            topic_zh.into(),
            publisher_zh.into(),
            note_zh,
        ]);
        texts.push((file.to_string(), text));
    }
    notes.check_all_used("document_note")?;
    write_csv(&data.join("documents.csv"), HEADER, &rows)?;
    Ok(texts)
}
