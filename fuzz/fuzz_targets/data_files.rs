//! One data file of an otherwise valid data set replaced by the input. The first byte's low three
//! bits pick the file (regions, documents, places, indicators, excerpts, known exceptions,
//! `lines.geojson`, or the text of one document), the rest is its content. When its high bit is
//! set (and always for a document), the whole load runs (parse, cross-check, excerpt linking,
//! indexes), as `gd-atlas validate --data DIR` would; otherwise only that file's parser, which is
//! a hundred times faster, so the parsers get most of the executions.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gd_atlas::model::{rows, Atlas, DataSource, LoadError};
use gd_atlas_fuzz::{repo_root, scratch_dir};
use libfuzzer_sys::fuzz_target;

const FILES: &[&str] = &[
    "regions.csv",
    "documents.csv",
    "places.csv",
    "indicators.csv",
    "excerpts.csv",
    "known_exceptions.csv",
    "lines.geojson",
    "documents/000_d4ce577234dfad9e.txt",
];

/// A copy of `data/` in the scratch folder; each input overwrites one file, restored after.
fn data_copy() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let from = repo_root().join("data");
        let to = scratch_dir().join("data");
        copy_tree(&from, &to);
        to
    })
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The row parser of each file of `FILES` (none for the document text).
fn parse_alone(which: usize, text: &str) -> Result<(), LoadError> {
    let path = FILES[which];
    match which {
        0 => rows::parse_regions(text, path).map(drop),
        1 => rows::parse_documents(text, path).map(drop),
        2 => rows::parse_places(text, path).map(drop),
        3 => rows::parse_indicators(text, path).map(drop),
        4 => rows::parse_excerpts(text, path).map(drop),
        5 => rows::parse_exceptions(text, path).map(drop),
        _ => rows::parse_lines(text, path).map(drop),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, content)) = data.split_first() else { return };
    let which = (mode & 7) as usize;
    if mode & 0x80 == 0 && which < 7 {
        if let Ok(text) = std::str::from_utf8(content) {
            if let Err(e) = parse_alone(which, text) {
                let text = e.to_string();
                assert!(!text.contains('\n'), "multi-line error: {text}");
            }
        }
        return;
    }
    let dir = data_copy();
    let file = dir.join(FILES[which]);
    let original = std::fs::read(repo_root().join("data").join(FILES[which])).expect("original");
    std::fs::write(&file, content).expect("write");
    let source = DataSource::Dir { data: dir.clone(), assets: Some(repo_root().join("assets")) };
    if let Err(e) = Atlas::load(&source) {
        // Errors are one line naming the file.
        let text = e.to_string();
        assert!(!text.contains('\n'), "multi-line load error: {text}");
    }
    std::fs::write(&file, original).expect("restore");
});
