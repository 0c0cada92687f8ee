//! The one error type of the model layer: loaders, the user town file and the whole-atlas checks
//! all report a `LoadError`. It displays as a single line naming the file and the line or
//! feature, because planners edit these files by hand and must find the problem at once.

use std::fmt;

use crate::geo::geojson::DecodeError;

/// Where in a data file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The whole file (missing, unreadable, not UTF-8, not JSON at all).
    File,
    /// A 1-based line of a text file (CSV rows, JSON parse errors).
    Line(u64),
    /// A 0-based feature (GeoJSON) or shape (topology), with its code or id when known.
    Feature { index: usize, code: Option<String> },
}

/// The part between the path and the problem: nothing, `:7`, or `: feature 3 (code 441204115)`.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Line(line) => write!(f, ":{line}"),
            Location::Feature { index, code: Some(code) } => {
                write!(f, ": feature {index} (code {code})")
            }
            Location::Feature { index, code: None } => write!(f, ": feature {index}"),
        }
    }
}

/// A problem in the data: `path:line: problem` or `path: feature N (code X): problem`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}{location}: {problem}")]
pub struct LoadError {
    pub path: String,
    pub location: Location,
    /// One line: the constructors replace line breaks (serde messages carry some).
    pub problem: String,
}

/// The text with its line breaks replaced by spaces: serde messages quote the offending value
/// verbatim (`unknown variant `a⏎b``), and every message here is one line.
pub fn one_line(problem: impl Into<String>) -> String {
    problem.into().replace(['\n', '\r'], " ")
}

impl LoadError {
    pub fn file(path: impl Into<String>, problem: impl Into<String>) -> Self {
        Self { path: path.into(), location: Location::File, problem: one_line(problem) }
    }

    pub fn line(path: impl Into<String>, line: u64, problem: impl Into<String>) -> Self {
        Self { path: path.into(), location: Location::Line(line), problem: one_line(problem) }
    }

    pub fn feature(
        path: impl Into<String>,
        index: usize,
        code: Option<String>,
        problem: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            location: Location::Feature { index, code },
            problem: one_line(problem),
        }
    }

    /// A JSON syntax error, at its line.
    pub fn json(path: impl Into<String>, e: &serde_json::Error) -> Self {
        Self::line(path, e.line() as u64, format!("invalid JSON: {e}"))
    }

    /// A GeoJSON file the decoder refused as a whole (a JSON error at its line).
    pub fn geojson(path: impl Into<String>, e: DecodeError) -> Self {
        match e.line() {
            Some(line) => Self::line(path, line, e.to_string()),
            None => Self::file(path, e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_on_one_line() {
        let e = LoadError::line("data/places.csv", 7, "unknown region_code \"449999\"\nmore");
        assert_eq!(e.to_string(), "data/places.csv:7: unknown region_code \"449999\" more");
        let e = LoadError::feature("towns.geojson", 3, Some("441204115".into()), "not a polygon");
        assert_eq!(e.to_string(), "towns.geojson: feature 3 (code 441204115): not a polygon");
        assert_eq!(LoadError::file("x.csv", "missing").to_string(), "x.csv: missing");
        assert_eq!(
            LoadError::feature("l.geojson", 2, None, "no id").to_string(),
            "l.geojson: feature 2: no id"
        );
        let e = LoadError::geojson("l.geojson", DecodeError::NotGeoJson);
        assert_eq!(
            e.to_string(),
            "l.geojson: not GeoJSON (no \"features\" list, no Feature or geometry \"type\")"
        );
    }
}
