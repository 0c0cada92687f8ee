//! Writing the user's files safely, for every writer (figures, settings, tours, reports):
//! atomically (a temporary file beside the target, then a rename, so a crash or a full disk never
//! leaves half a file in place of a good one) and through symbolic links (the file a link points
//! to is replaced and the link kept: replacing the link itself would silently cut it from the
//! shared folder it pointed into).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Links followed before giving up (a loop of links).
const MAX_LINK_HOPS: usize = 40;

/// The folder a path is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file that writing `path` must replace: `path` itself, or the end of its chain of links
/// (which may not exist yet: a dangling link is written through, creating its target).
pub fn resolve_links(path: &Path) -> Result<PathBuf, String> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        let is_link = current.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(current);
        }
        let target = std::fs::read_link(&current)
            .map_err(|e| format!("cannot write {}: cannot read the link: {e}", path.display()))?;
        current = if target.is_absolute() { target } else { parent_dir(&current).join(target) };
    }
    Err(format!("cannot write {}: too many levels of symbolic links", path.display()))
}

/// Writes `bytes` to `path` (through links) via a temporary file beside the file written, then
/// renames it into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let target = resolve_links(path)?;
    let dir = parent_dir(&target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", path.display())
    })
}

/// The bytes of a regular file (links followed); a FIFO, socket, device or folder is refused
/// before it is opened, so nothing blocks. In the browser: a file the user gave the page.
#[cfg(target_arch = "wasm32")]
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    browser_files::get(path).map(|b| b.to_vec()).map_err(|e| format!("cannot read: {e}"))
}

/// The bytes of a regular file (links followed); a FIFO, socket, device or folder is refused
/// before it is opened, so nothing blocks.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("not a regular file ({}); give a plain file", file_kind(&meta)));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// What the layer loaders need to know of a file before reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStat {
    pub is_dir: bool,
    pub len: u64,
}

/// Size and kind of a file: from the disk on the desktop, from the files given to the page in
/// the browser (which has no file system: see [`browser_files`]).
pub fn stat(path: &Path) -> std::io::Result<FileStat> {
    #[cfg(target_arch = "wasm32")]
    return browser_files::get(path).map(|b| FileStat { is_dir: false, len: b.len() as u64 });
    #[cfg(not(target_arch = "wasm32"))]
    std::fs::metadata(path).map(|m| FileStat { is_dir: m.is_dir(), len: m.len() })
}

/// A file opened for streaming reads (the layer loaders): the disk file on the desktop, the
/// bytes the user gave the page in the browser.
pub fn open(path: &Path) -> std::io::Result<Box<dyn std::io::Read + Send>> {
    #[cfg(target_arch = "wasm32")]
    return browser_files::get(path)
        .map(|b| Box::new(std::io::Cursor::new(b)) as Box<dyn std::io::Read + Send>);
    #[cfg(not(target_arch = "wasm32"))]
    std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn std::io::Read + Send>)
}

/// The whole file (see [`open`] for where it comes from).
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(target_arch = "wasm32")]
    return browser_files::get(path).map(|b| b.to_vec());
    #[cfg(not(target_arch = "wasm32"))]
    std::fs::read(path)
}

/// The files a user gave the web edition (file picker or drag and drop): a browser page cannot
/// open paths, so their bytes are kept here under their names and every reader that takes a
/// path (tables, layers) finds them through [`stat`], [`open`] and [`read`]. They live as long
/// as the page: a layer or table remembered in the settings must be given again after a reload,
/// and the error says so.
#[cfg(target_arch = "wasm32")]
pub mod browser_files {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};

    static FILES: Mutex<BTreeMap<PathBuf, Arc<[u8]>>> = Mutex::new(BTreeMap::new());

    /// Keeps a file's bytes under its name (a later file of the same name replaces it) and
    /// returns the path the readers know it by: the bare name.
    pub fn add(name: &str, bytes: Arc<[u8]>) -> PathBuf {
        let path = PathBuf::from(name);
        if let Ok(mut files) = FILES.lock() {
            files.insert(path.clone(), bytes);
        }
        path
    }

    /// The bytes of a file given to the page (a cheap shared copy).
    pub fn get(path: &Path) -> std::io::Result<AsBytes> {
        let files =
            FILES.lock().map_err(|_| std::io::Error::other("the page's file store is unusable"))?;
        files.get(path).cloned().map(AsBytes).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "not given to this page (a browser keeps no files across reloads: open or drop it again)")
        })
    }

    /// Shared bytes that a `Cursor` can read.
    #[derive(Clone)]
    pub struct AsBytes(Arc<[u8]>);

    impl AsRef<[u8]> for AsBytes {
        fn as_ref(&self) -> &[u8] {
            &self.0
        }
    }

    impl std::ops::Deref for AsBytes {
        type Target = [u8];
        fn deref(&self) -> &[u8] {
            &self.0
        }
    }
}

/// What a non-regular file is, in words.
#[cfg(not(target_arch = "wasm32"))]
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a plain file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-fsutil-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_link_is_kept_and_its_target_replaced() {
        let dir = temp_dir("link");
        let shared = dir.join("shared");
        std::fs::create_dir_all(&shared).expect("shared dir");
        std::fs::write(shared.join("fig.png"), b"old").expect("old file");
        let link = dir.join("fig.png");
        symlink("shared/fig.png", &link).expect("relative link");
        write_atomic(&link, b"new").expect("write through the link");
        assert!(
            link.symlink_metadata().expect("link").file_type().is_symlink(),
            "the link is kept"
        );
        assert_eq!(std::fs::read(shared.join("fig.png")).expect("target"), b"new");
        // A dangling link creates its target; a loop is refused in one line.
        let dangling = dir.join("new.svg");
        symlink(shared.join("new.svg"), &dangling).expect("dangling link");
        write_atomic(&dangling, b"<svg/>").expect("write through a dangling link");
        assert_eq!(std::fs::read(shared.join("new.svg")).expect("created"), b"<svg/>");
        symlink(dir.join("b"), dir.join("a")).expect("a → b");
        symlink(dir.join("a"), dir.join("b")).expect("b → a");
        let err = write_atomic(&dir.join("a"), b"x").unwrap_err();
        assert!(err.contains("too many levels") && !err.contains('\n'), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
