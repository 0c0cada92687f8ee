//! Helpers shared by the fuzz targets: a scratch folder in tmpfs for loaders that read a path,
//! and the atlas loaded once from the repository's own data.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gd_atlas::model::{Atlas, DataSource};

/// The repository root (the fuzz crate lives in `fuzz/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ has a parent").to_path_buf()
}

/// A per-process scratch folder, in tmpfs when there is one, so writing each input to a file
/// (for loaders that only take a path) costs no disk I/O and parallel jobs do not collide.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("gd-atlas-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// Writes `bytes` to `name` in the scratch folder and returns the path.
pub fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_dir().join(name);
    std::fs::write(&path, bytes).expect("write scratch file");
    path
}

/// The repository's data set (`data/` with `assets/`), as the CLI would read it.
pub fn repo_source() -> DataSource {
    let root = repo_root();
    DataSource::Dir { data: root.join("data"), assets: Some(root.join("assets")) }
}

/// The atlas of the repository's data, loaded once per process.
pub fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| Atlas::load(&repo_source()).expect("the repository's data loads"))
}

/// Splits an input into a selector (its first byte, modulo `choices`) and the rest.
pub fn select(data: &[u8], choices: usize) -> Option<(usize, &[u8])> {
    let (&first, rest) = data.split_first()?;
    Some((first as usize % choices, rest))
}
