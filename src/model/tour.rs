//! The guided tour for classroom demonstrations: a list of stops in `data/tour.csv`
//! (subject, zoom and a one-line caption in each language). The captions only say where we are
//! and what to look at; every figure still comes from the excerpts shown in the details panel.

use crate::model::source::{DataSource, Tree};
use crate::model::Subject;

#[derive(Clone, Debug, PartialEq)]
pub struct TourStop {
    pub subject: Subject,
    pub caption_en: String,
    pub caption_zh: String,
}

/// Reads `data/tour.csv` (`subject,caption_en,caption_zh`); subjects are region codes, place ids
/// (`GD…`) or line ids (`L…`). A missing file means no tour; a bad row is reported with its line.
pub fn load_tour(source: &DataSource) -> Result<Vec<TourStop>, String> {
    const FILE: &str = "tour.csv";
    if !source.exists(Tree::Data, FILE) {
        return Ok(Vec::new());
    }
    let shown = source.display_path(Tree::Data, FILE);
    let text = source.read(Tree::Data, FILE).map_err(|e| e.to_string())?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut stops = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| format!("{shown}:{line}: {e}"))?;
        let field = |k: usize| row.get(k).unwrap_or_default().trim().to_string();
        let id = field(0);
        let subject = if id.starts_with("GD") {
            Subject::Place(id)
        } else if id.starts_with('L') {
            Subject::Line(id)
        } else if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
            Subject::Region(id)
        } else {
            return Err(format!("{shown}:{line}: subject {id:?} is not a region code, place id or line id"));
        };
        stops.push(TourStop { subject, caption_en: field(1), caption_zh: field(2) });
    }
    Ok(stops)
}
