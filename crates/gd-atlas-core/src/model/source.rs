//! Where the atlas data comes from: the files on disk (so a planner can add a document or an
//! indicator by editing files, without recompiling) or a copy compiled into the binary (so the
//! program runs anywhere offline).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use super::error::LoadError;

static EMBEDDED_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../data");
static EMBEDDED_ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets");

/// Environment variable naming a data directory (used when `--data` is not given).
pub const DATA_ENV: &str = "GD_ATLAS_DATA";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// The `data/` and `assets/` committed with the source, compiled in.
    Embedded,
    /// A `data/` directory on disk. `assets` is the matching `assets/` directory, or `None` to
    /// use the compiled-in geometry (a planner editing facts rarely edits the topology).
    Dir { data: PathBuf, assets: Option<PathBuf> },
}

/// Which of the two trees a file lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tree {
    Data,
    Assets,
}

impl DataSource {
    /// Resolution used by the CLI and the app: `--data DIR`, else `$GD_ATLAS_DATA`, else `./data`
    /// (with `./assets`) when present, else the embedded copy.
    pub fn resolve(data_flag: Option<&Path>) -> DataSource {
        if let Some(dir) = data_flag {
            return Self::from_data_dir(dir);
        }
        if let Some(dir) = std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()) {
            return Self::from_data_dir(Path::new(&dir));
        }
        let cwd_data = Path::new("data");
        if cwd_data.join("regions.csv").is_file() {
            return Self::from_data_dir(cwd_data);
        }
        DataSource::Embedded
    }

    /// A data directory with its assets: `DIR/../assets` if it holds the topology, else
    /// `./assets`, else the embedded geometry.
    pub fn from_data_dir(data: &Path) -> DataSource {
        let has_topology = |p: &Path| p.join("geo").join("regions.topo.json").is_file();
        let sibling = data.parent().map(|p| p.join("assets"));
        let assets = match sibling {
            Some(s) if has_topology(&s) => Some(s),
            _ if has_topology(Path::new("assets")) => Some(PathBuf::from("assets")),
            _ => None,
        };
        DataSource::Dir { data: data.to_path_buf(), assets }
    }

    /// The path shown in messages for a file of a tree (`rel` uses `/`).
    pub fn display_path(&self, tree: Tree, rel: &str) -> String {
        match (self, tree) {
            (DataSource::Dir { data, .. }, Tree::Data) => join_rel(data, rel).display().to_string(),
            (DataSource::Dir { assets: Some(a), .. }, Tree::Assets) => {
                join_rel(a, rel).display().to_string()
            }
            (_, Tree::Data) => format!("data/{rel} (embedded)"),
            (_, Tree::Assets) => format!("assets/{rel} (embedded)"),
        }
    }

    /// Reads a text file, e.g. `read(Tree::Data, "regions.csv")` (see [`read_text_file`] for the
    /// encodings accepted on disk; the embedded copy is UTF-8).
    pub fn read(&self, tree: Tree, rel: &str) -> Result<Cow<'static, str>, LoadError> {
        let shown = self.display_path(tree, rel);
        match self.disk_path(tree, rel) {
            Some(path) => read_text_file(&path, &shown).map(Cow::Owned),
            None => {
                let dir = match tree {
                    Tree::Data => &EMBEDDED_DATA,
                    Tree::Assets => &EMBEDDED_ASSETS,
                };
                let file = dir
                    .get_file(rel)
                    .ok_or_else(|| LoadError::file(&shown, "missing from the embedded copy"))?;
                file.contents_utf8()
                    .map(Cow::Borrowed)
                    .ok_or_else(|| LoadError::file(&shown, "not UTF-8"))
            }
        }
    }

    /// The bytes of an optional binary file (a cache such as `geo/regions.topo.bin`): `None` when
    /// it is missing or cannot be read, so the caller falls back to what it caches.
    pub fn read_bytes(&self, tree: Tree, rel: &str) -> Option<Cow<'static, [u8]>> {
        match self.disk_path(tree, rel) {
            Some(path) => crate::fsutil::read_regular_file(&path).ok().map(Cow::Owned),
            None => {
                let dir = match tree {
                    Tree::Data => &EMBEDDED_DATA,
                    Tree::Assets => &EMBEDDED_ASSETS,
                };
                dir.get_file(rel).map(|f| Cow::Borrowed(f.contents()))
            }
        }
    }

    /// Where a file of a tree is on disk (`None` for the embedded copy).
    pub fn disk_path(&self, tree: Tree, rel: &str) -> Option<PathBuf> {
        match (self, tree) {
            (DataSource::Dir { data, .. }, Tree::Data) => Some(join_rel(data, rel)),
            (DataSource::Dir { assets: Some(a), .. }, Tree::Assets) => Some(join_rel(a, rel)),
            _ => None,
        }
    }

    /// Names of the files directly in a folder of a tree, sorted (an absent folder lists none).
    pub fn list(&self, tree: Tree, rel_dir: &str) -> Vec<String> {
        let mut names: Vec<String> = match (self, tree) {
            (DataSource::Dir { data, .. }, Tree::Data) => list_disk(&data.join(rel_dir)),
            (DataSource::Dir { assets: Some(a), .. }, Tree::Assets) => list_disk(&a.join(rel_dir)),
            (_, Tree::Data) => list_embedded(&EMBEDDED_DATA, rel_dir),
            (_, Tree::Assets) => list_embedded(&EMBEDDED_ASSETS, rel_dir),
        };
        names.sort();
        names
    }

    /// True when the file exists (optional files such as `known_exceptions.csv`).
    pub fn exists(&self, tree: Tree, rel: &str) -> bool {
        match (self, tree) {
            (DataSource::Dir { data, .. }, Tree::Data) => data.join(rel).is_file(),
            (DataSource::Dir { assets: Some(a), .. }, Tree::Assets) => a.join(rel).is_file(),
            (_, Tree::Data) => EMBEDDED_DATA.get_file(rel).is_some(),
            (_, Tree::Assets) => EMBEDDED_ASSETS.get_file(rel).is_some(),
        }
    }
}

/// Reads a file the user edits by hand, refusing what would block or is not text, with one line
/// naming the file (and the line where undecodable bytes start).
///
/// Only regular files are opened: reading a FIFO (or a device) waits for a writer that may
/// never come, so `validate` would hang. The bytes may be UTF-8 (with or without a byte-order
/// mark), UTF-16 with a mark, or GBK/GB18030 — what Excel and Notepad on a Chinese Windows save
/// when a planner edits a CSV — and are decoded by the table readers' strict detector.
pub fn read_text_file(path: &Path, shown: &str) -> Result<String, LoadError> {
    let bytes = crate::fsutil::read_regular_file(path)
        .map_err(|problem| LoadError::file(shown, problem))?;
    crate::table::decode::decode_text(&bytes)
        .map(|(text, _)| text)
        .map_err(|e| LoadError::line(shown, e.line, e.problem))
}

/// `dir` joined with `rel` (written with `/`) one component at a time, so paths in messages
/// use the platform's separator: `C:\data\tours\x.csv` on Windows, not `C:\data\tours/x.csv`.
fn join_rel(dir: &Path, rel: &str) -> PathBuf {
    rel.split('/').filter(|c| !c.is_empty()).fold(dir.to_path_buf(), |path, part| path.join(part))
}

fn list_disk(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect()
}

fn list_embedded(root: &Dir<'static>, rel_dir: &str) -> Vec<String> {
    let Some(dir) = root.get_dir(rel_dir) else { return Vec::new() };
    dir.files().filter_map(|f| f.path().file_name()?.to_str().map(str::to_string)).collect()
}
