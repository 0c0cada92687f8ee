#![allow(dead_code)]
// Shared by the data tests: load the committed data/ and assets/ from the repository.
// (Included with `#[path]` by each test file; not a test target of its own.)

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gd_atlas::model::{Atlas, DataSource};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn committed_source() -> DataSource {
    DataSource::Dir { data: repo().join("data"), assets: Some(repo().join("assets")) }
}

/// The committed atlas, loaded once per test binary.
pub fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| match Atlas::load(&committed_source()) {
        Ok(a) => a,
        Err(e) => panic!("committed data must load: {e}"),
    })
}

#[allow(dead_code)]
pub fn path_in_repo(rel: &str) -> PathBuf {
    repo().join(Path::new(rel))
}
