//! Tours for classroom demonstrations: each file in `data/tours/` is one tour, a list of stops
//! (`subject,caption_en,caption_zh`, optionally `center_lon,center_lat,zoom`). The captions only
//! say where we are and what to look at; every figure still comes from the excerpts shown in the
//! details panel. A document also yields a tour of its own ([`document_tour`]).

use std::path::{Path, PathBuf};

use crate::model::error::LoadError;
use crate::model::mentions::DocumentMentions;
use crate::model::source::{DataSource, Tree};
use crate::model::{Atlas, Subject};

/// Where user tours live, relative to the data directory.
pub const TOURS_DIR: &str = "tours";

#[derive(Clone, Debug, PartialEq)]
pub struct TourStop {
    /// What the stop selects; a recorded stop may only have a view.
    pub subject: Option<Subject>,
    pub caption_en: String,
    pub caption_zh: String,
    /// The recorded view (`[lon, lat]`, zoom); without it the map fits the subject.
    pub view: Option<([f64; 2], f64)>,
    /// The thematic map the stop shows: `None` leaves the map as it is (a file without a
    /// `theme` column), `Some(None)` turns the theme off, `Some(Some(t))` shades by `t`.
    pub theme: Option<Option<StopTheme>>,
}

/// A stop's thematic map: a census statistic at a level (`theme` cell `census:ID` or
/// `city census:ID`; the county level by default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopTheme {
    pub statistic: String,
    /// Prefecture cities instead of counties.
    pub city_level: bool,
}

impl StopTheme {
    /// Reads a `theme` cell; the error says what is expected.
    pub fn parse(cell: &str) -> Result<Option<StopTheme>, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        let (city_level, rest) = match cell.split_once(' ') {
            Some(("city", rest)) => (true, rest.trim()),
            Some(("county", rest)) => (false, rest.trim()),
            _ => (false, cell),
        };
        match rest.strip_prefix("census:") {
            Some(id) if !id.is_empty() => Ok(Some(StopTheme { statistic: id.to_string(), city_level })),
            _ => Err(format!("theme {cell:?}: expected census:ID, optionally after `city` or `county` (e.g. census:density)")),
        }
    }

    /// The cell text `parse` reads.
    pub fn text(&self) -> String {
        if self.city_level {
            format!("city census:{}", self.statistic)
        } else {
            format!("census:{}", self.statistic)
        }
    }
}

/// A named list of stops: a file of `data/tours/` (its stem) or a document's own tour.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    pub name: String,
    pub stops: Vec<TourStop>,
}

/// The subject a tour row names: region codes, place ids (`GD…`) or line ids (`L…`).
pub fn parse_subject(id: &str) -> Option<Subject> {
    if id.starts_with("GD") {
        Some(Subject::Place(id.to_string()))
    } else if id.starts_with('L') {
        Some(Subject::Line(id.to_string()))
    } else if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        Some(Subject::Region(id.to_string()))
    } else {
        None
    }
}

fn subject_id(subject: &Subject) -> String {
    match subject {
        Subject::Region(id) | Subject::Place(id) | Subject::Line(id) => id.clone(),
        // User features are numbered per run: not worth saving.
        Subject::Feature(_) => String::new(),
    }
}

/// Parses one tour file's text; `shown` names the file in errors (`file:line: problem`). With
/// an atlas, a subject it does not know is an error too (validation).
pub fn parse_tour(
    shown: &str,
    text: &str,
    atlas: Option<&Atlas>,
) -> Result<Vec<TourStop>, LoadError> {
    if let Some(line) = unclosed_quote_line(text) {
        return Err(LoadError::line(shown, line, "a quote opened on this line is never closed"));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let theme_column =
        reader.headers().ok().and_then(|h| h.iter().position(|c| c.trim() == "theme"));
    let mut stops = Vec::new();
    for (i, row) in reader.records().enumerate() {
        // The csv crate knows the line a bad record starts on; count rows otherwise.
        let line = i as u64 + 2;
        let row = row.map_err(|e| {
            LoadError::line(shown, e.position().map_or(line, |p| p.line()), csv_problem(&e))
        })?;
        let field = |k: usize| row.get(k).unwrap_or_default().trim().to_string();
        let view = parse_view(&field(3), &field(4), &field(5))
            .map_err(|e| LoadError::line(shown, line, e))?;
        let id = field(0);
        let subject = match parse_subject(&id) {
            Some(s) => Some(s),
            None if id.is_empty() && view.is_some() => None,
            None => {
                return Err(LoadError::line(
                    shown,
                    line,
                    format!("subject {id:?} is not a region code, place id or line id"),
                ))
            }
        };
        if let (Some(atlas), Some(s)) = (atlas, &subject) {
            if !subject_known(atlas, s) {
                return Err(LoadError::line(
                    shown,
                    line,
                    format!(
                        "unknown subject {id:?} (not in regions.csv, places.csv or lines.geojson)"
                    ),
                ));
            }
        }
        let theme = match theme_column {
            Some(column) => Some(
                StopTheme::parse(&field(column)).map_err(|e| LoadError::line(shown, line, e))?,
            ),
            None => None,
        };
        if let (Some(atlas), Some(Some(t))) = (atlas, &theme) {
            if atlas.census.statistic(&t.statistic).is_none() {
                return Err(LoadError::line(
                    shown,
                    line,
                    format!(
                        "theme: no census statistic {:?} in data/census/catalogue.csv",
                        t.statistic
                    ),
                ));
            }
        }
        stops.push(TourStop { subject, caption_en: field(1), caption_zh: field(2), view, theme });
    }
    Ok(stops)
}

/// The line where a quoted field opens and never closes (the csv crate would silently take the
/// rest of the file as one caption). `""` inside a quoted field toggles twice, so it is neutral.
fn unclosed_quote_line(text: &str) -> Option<u64> {
    let mut line = 1u64;
    let mut opened_at = None;
    for c in text.chars() {
        match c {
            '"' => opened_at = if opened_at.is_some() { None } else { Some(line) },
            '\n' => line += 1,
            _ => {}
        }
    }
    opened_at
}

/// The csv crate reports an unclosed quote as a field count or EOF problem; say it plainly.
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".into(),
        _ => format!("bad row ({e}); is a quote left unclosed?"),
    }
}

fn parse_view(lon: &str, lat: &str, zoom: &str) -> Result<Option<([f64; 2], f64)>, String> {
    if lon.is_empty() && lat.is_empty() && zoom.is_empty() {
        return Ok(None);
    }
    let num = |s: &str, what: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{what} {s:?} is not a number"))
    };
    Ok(Some(([num(lon, "center_lon")?, num(lat, "center_lat")?], num(zoom, "zoom")?)))
}

fn subject_known(atlas: &Atlas, subject: &Subject) -> bool {
    match subject {
        Subject::Region(code) => atlas.region_by_code(code).is_some(),
        Subject::Place(id) => atlas.place_by_id(id).is_some(),
        Subject::Line(id) => atlas.line_by_id(id).is_some(),
        Subject::Feature(_) => false,
    }
}

/// Reads every `.csv` in `data/tours/` (sorted by name). Bad files are reported one line each
/// and skipped; the good ones still load.
pub fn load_tours(source: &DataSource, atlas: Option<&Atlas>) -> (Vec<Tour>, Vec<LoadError>) {
    let mut tours = Vec::new();
    let mut problems = Vec::new();
    for file in source.list(Tree::Data, TOURS_DIR) {
        let Some(name) = file.strip_suffix(".csv") else { continue };
        let rel = format!("{TOURS_DIR}/{file}");
        let shown = source.display_path(Tree::Data, &rel);
        let parsed =
            source.read(Tree::Data, &rel).and_then(|text| parse_tour(&shown, &text, atlas));
        match parsed {
            Ok(stops) => tours.push(Tour { name: name.to_string(), stops }),
            Err(e) => problems.push(e),
        }
    }
    (tours, problems)
}

/// The tour file's text: the header, then one row per stop (views with 6 decimals).
pub fn tour_csv(stops: &[TourStop]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // The theme column only when a stop sets the theme, so older tours keep their shape.
    let themed = stops.iter().any(|s| s.theme.is_some());
    let mut header =
        vec!["subject", "caption_en", "caption_zh", "center_lon", "center_lat", "zoom"];
    if themed {
        header.push("theme");
    }
    let _ = w.write_record(&header);
    for s in stops {
        let id = s.subject.as_ref().map(subject_id).unwrap_or_default();
        let (lon, lat, zoom) = match s.view {
            Some((c, z)) => (format!("{:.6}", c[0]), format!("{:.6}", c[1]), format!("{z:.2}")),
            None => Default::default(),
        };
        let mut record = vec![id, s.caption_en.clone(), s.caption_zh.clone(), lon, lat, zoom];
        if themed {
            record.push(s.theme.clone().flatten().map(|t| t.text()).unwrap_or_default());
        }
        let _ = w.write_record(&record);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A file name from what the user typed: letters, digits, `-` and `_` (others become `_`).
pub fn tour_file_name(name: &str) -> Option<String> {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    (!stem.is_empty()).then(|| format!("{stem}.csv"))
}

/// Saves a tour to `data_dir/tours/<name>.csv` atomically (temporary file + rename); a symlink
/// at that path is followed, so the file it points to is replaced and the link kept.
pub fn save_tour(data_dir: &Path, name: &str, stops: &[TourStop]) -> Result<PathBuf, String> {
    let file = tour_file_name(name).ok_or("a tour needs a name")?;
    let dir = data_dir.join(TOURS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(file);
    crate::fsutil::write_atomic(&path, tour_csv(stops).as_bytes())?;
    crate::fsutil::resolve_links(&path)
}

/// A document's own tour: its places in order of first mention, each stop captioned with the
/// sentence that first mentions it (the English text; the Chinese caption adds the place's
/// Chinese name before it).
pub fn document_tour(mentions: &DocumentMentions) -> Tour {
    let stops = mentions
        .places
        .iter()
        .map(|p| {
            // One paragraph: the articles break sentences across lines.
            let sentence = mentions
                .sentence_of(&mentions.mentions[p.first])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            // The tour bar names the stop in both languages before the caption; the sentence is
            // the document's own (an English translation), quoted as it stands.
            let zh = format!("原文：“{sentence}”");
            TourStop {
                subject: Some(p.subject.clone()),
                caption_en: sentence,
                caption_zh: zh,
                view: None,
                theme: None,
            }
        })
        .collect();
    Tour { name: mentions.file.clone(), stops }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_rows_name_file_and_line() {
        let stops = vec![
            TourStop {
                subject: Some(Subject::Region("441204".into())),
                caption_en: "Gaoyao, \"quoted\"".into(),
                caption_zh: "高要".into(),
                view: None,
                theme: None,
            },
            TourStop {
                subject: None,
                caption_en: "A view".into(),
                caption_zh: String::new(),
                view: Some(([112.5, 23.1], 9.25)),
                theme: None,
            },
        ];
        let text = tour_csv(&stops);
        assert_eq!(parse_tour("t.csv", &text, None).expect("parses"), stops);
        let bad = "subject,caption_en,caption_zh\n441204,ok,好\nXYZ,bad,坏\n";
        assert_eq!(
            parse_tour("t.csv", bad, None).unwrap_err().to_string(),
            "t.csv:3: subject \"XYZ\" is not a region code, place id or line id"
        );
        let unclosed = "subject,caption_en,caption_zh\n441204,\"never closed,x\n";
        let e = parse_tour("t.csv", unclosed, None).unwrap_err().to_string();
        assert!(e.starts_with("t.csv:2:") && e.contains("quote"), "{e}");
    }

    #[test]
    fn themed_stops_round_trip_and_bad_themes_name_the_line() {
        let stops = vec![
            TourStop {
                subject: Some(Subject::Region("440000".into())),
                caption_en: "a".into(),
                caption_zh: "甲".into(),
                view: None,
                theme: Some(Some(StopTheme { statistic: "density".into(), city_level: false })),
            },
            TourStop {
                subject: Some(Subject::Region("441200".into())),
                caption_en: "b".into(),
                caption_zh: "乙".into(),
                view: None,
                theme: Some(Some(StopTheme {
                    statistic: "population_change_2010_2020".into(),
                    city_level: true,
                })),
            },
            TourStop {
                subject: Some(Subject::Region("441204".into())),
                caption_en: "c".into(),
                caption_zh: "丙".into(),
                view: None,
                theme: Some(None),
            },
        ];
        let text = tour_csv(&stops);
        assert!(text.lines().next().is_some_and(|h| h.ends_with(",theme")), "{text}");
        assert_eq!(parse_tour("t.csv", &text, None).expect("parses"), stops);
        let bad = "subject,caption_en,caption_zh,center_lon,center_lat,zoom,theme\n441204,ok,好,,,,census:density\n441204,bad,坏,,,,indicator:GDP\n";
        let e = parse_tour("t.csv", bad, None).unwrap_err().to_string();
        assert!(e.starts_with("t.csv:3: theme \"indicator:GDP\""), "{e}");
    }

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(tour_file_name(" my tour/1 ").as_deref(), Some("my_tour_1.csv"));
        assert_eq!(tour_file_name("  "), None);
    }
}
