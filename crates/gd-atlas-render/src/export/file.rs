//! Output files: the format from the extension, and atomic writes so a report never picks up a
//! half-written figure (or loses the previous one when the disk is full).

use std::path::Path;

use crate::fsutil::parent_dir;
/// Atomic, link-following writes live in `crate::fsutil` (every writer uses them).
pub use crate::fsutil::write_atomic;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Pdf,
}

impl Format {
    pub fn from_path(path: &Path) -> Result<Format, String> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Format::Png),
            Some("svg") => Ok(Format::Svg),
            Some("pdf") => Ok(Format::Pdf),
            Some(other) => Err(format!(
                "{}: unknown extension \".{other}\" (use .png, .svg or .pdf)",
                path.display()
            )),
            None => Err(format!("{}: no extension (use .png, .svg or .pdf)", path.display())),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }
}

/// Fails early (before rendering) when the output's folder does not exist or `path` is a folder.
pub fn check_writable_dir(path: &Path) -> Result<(), String> {
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {}: folder {} does not exist",
            path.display(),
            dir.display()
        ));
    }
    if path.is_dir() {
        return Err(format!("cannot write {}: it is a folder", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_atomic_write() {
        assert_eq!(Format::from_path(Path::new("a/b.PNG")), Ok(Format::Png));
        assert_eq!(Format::from_path(Path::new("b.svg")), Ok(Format::Svg));
        assert_eq!(Format::from_path(Path::new("report.PDF")), Ok(Format::Pdf));
        assert!(Format::from_path(Path::new("b.jpg")).unwrap_err().contains("unknown extension"));
        assert!(Format::from_path(Path::new("b")).is_err());
        let dir = std::env::temp_dir().join(format!("gd-atlas-file-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let out = dir.join("x.svg");
        write_atomic(&out, b"<svg/>").expect("write");
        assert_eq!(std::fs::read(&out).expect("read"), b"<svg/>");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        assert!(check_writable_dir(&dir.join("missing/x.png"))
            .unwrap_err()
            .contains("does not exist"));
        assert!(write_atomic(&dir.join("missing/x.png"), b"x").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
