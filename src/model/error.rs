//! The one error type of the loaders. It displays as a single line naming the file and the line
//! or feature, because planners edit these files by hand and must find the problem at once.

use std::fmt;

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

/// A problem in the data: `path:line: problem` or `path: feature N (code X): problem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub location: Location,
    pub problem: String,
}

impl LoadError {
    pub fn file(path: impl Into<String>, problem: impl Into<String>) -> Self {
        Self { path: path.into(), location: Location::File, problem: problem.into() }
    }

    pub fn line(path: impl Into<String>, line: u64, problem: impl Into<String>) -> Self {
        Self { path: path.into(), location: Location::Line(line), problem: problem.into() }
    }

    pub fn feature(path: impl Into<String>, index: usize, code: Option<String>, problem: impl Into<String>) -> Self {
        Self { path: path.into(), location: Location::Feature { index, code }, problem: problem.into() }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Newlines inside a problem would break the one-line promise (e.g. serde messages).
        let problem = self.problem.replace(['\n', '\r'], " ");
        match &self.location {
            Location::File => write!(f, "{}: {}", self.path, problem),
            Location::Line(line) => write!(f, "{}:{}: {}", self.path, line, problem),
            Location::Feature { index, code: Some(code) } => {
                write!(f, "{}: feature {} (code {}): {}", self.path, index, code, problem)
            }
            Location::Feature { index, code: None } => write!(f, "{}: feature {}: {}", self.path, index, problem),
        }
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_on_one_line() {
        let e = LoadError::line("data/places.csv", 7, "unknown region_code \"449999\"\nmore");
        assert_eq!(e.to_string(), "data/places.csv:7: unknown region_code \"449999\" more");
        let e = LoadError::feature("towns.geojson", 3, Some("441204115".into()), "not a polygon");
        assert_eq!(e.to_string(), "towns.geojson: feature 3 (code 441204115): not a polygon");
    }
}
