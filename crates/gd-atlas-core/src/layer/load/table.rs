//! Point layers from tables: CSV/TSV/TXT (UTF-8 with or without BOM streamed row by row; GBK or
//! UTF-16 decoded whole first, as the thematic tables are) and XLSX/XLS/ODS sheets.
//!
//! The header is found in the first rows as for thematic tables (title lines above it are
//! skipped); each later row's cells go straight from the `csv` reader's one reused record into
//! the builder's column arenas, so a million rows cost no per-row allocation.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use encoding_rs::{GB18030, UTF_8};

use super::coords::{guess_coord_columns, parse_coordinate, Tally};
use super::{
    cancelled_error, file_label, nothing_usable, read_prefix, Counting, LayerError, LoadProgress,
    CANCEL_EVERY,
};
use crate::geo::geojson::{classify, position_problem, Verdict};
use crate::layer::data::{CutKind, CutShort, LayerBuilder, LayerData};
use crate::layer::spec::{CoordColumns, LayerSpec};
use crate::table::decode::{decode_text, TextEncoding};
use crate::table::delimited::{sniff_delimiter, split_rows, QuoteTracker, UNCLOSED_QUOTE};
use crate::table::header::{column_names, find_header};
use crate::table::number::DecimalMark;
use crate::table::sheet::{is_workbook, read_sheet};
use crate::table::RawRow;

/// Rows read before the header is chosen (as the thematic tables look at).
const SAMPLE_ROWS: usize = 50;
/// Bytes looked at to choose encoding and delimiter, and for [`table_columns`].
const PREFIX_BYTES: u64 = 64 * 1024;

pub fn load(
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, LayerError> {
    let prefix = read_prefix(&spec.path, PREFIX_BYTES)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    if is_workbook(&prefix) {
        return load_workbook(spec, file, progress);
    }
    if looks_utf8(&prefix) {
        match load_utf8_stream(spec, file, progress) {
            Err(Failure::NotUtf8) => {}
            Err(Failure::Fatal(e)) => return Err(e),
            Ok(data) => return Ok(data),
        }
    }
    load_decoded(spec, file, progress)
}

/// The header's column names (fast: only the start of a text file is read).
pub fn table_columns(path: &Path) -> Result<Vec<String>, LayerError> {
    let file = file_label(path);
    let prefix = read_prefix(path, PREFIX_BYTES)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let rows = if is_workbook(&prefix) {
        let bytes = crate::fsutil::read(path)
            .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
        read_sheet(&bytes, None).map_err(|e| LayerError(format!("{file}: {e}")))?.rows
    } else {
        let text = prefix_text(&prefix, prefix.len() as u64 == PREFIX_BYTES);
        split_rows(&text, sniff_delimiter(&text))
    };
    header(rows.into_iter().take(SAMPLE_ROWS).collect(), DecimalMark::Point)
        .map(|(columns, _)| columns)
        .ok_or_else(|| LayerError(format!("{file}: the table is empty")))
}

/// Valid UTF-8 (a character cut at the end of the prefix allowed), with or without a BOM, and
/// no zero byte (ASCII saved as UTF-16 without a mark is valid UTF-8 with a zero after each
/// letter: the whole-file decoder refuses it in one line).
fn looks_utf8(prefix: &[u8]) -> bool {
    if prefix.contains(&0) {
        return false;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// The start of a text file as text, its last (possibly cut) line dropped when `cut`.
fn prefix_text(prefix: &[u8], cut: bool) -> String {
    let (text, _, _) =
        if looks_utf8(prefix) { UTF_8.decode(prefix) } else { GB18030.decode(prefix) };
    let text = text.into_owned();
    match text.rfind('\n') {
        Some(end) if cut => text[..end].to_string(),
        _ => text,
    }
}

/// The non-blank sample rows' column names, and the index of the first data row among them.
fn header(rows: Vec<RawRow>, mark: DecimalMark) -> Option<(Vec<String>, Vec<RawRow>)> {
    let rows: Vec<RawRow> =
        rows.into_iter().filter(|r| r.cells.iter().any(|c| !c.trim().is_empty())).collect();
    if rows.is_empty() {
        return None;
    }
    let choice = find_header(&rows, mark);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let (columns, _) = column_names(choice.header.and_then(|i| rows.get(i)), width);
    let data = rows.into_iter().skip(choice.first_data).collect();
    Some((columns, data))
}

/// Why the streaming UTF-8 reader gave up.
enum Failure {
    /// Bytes further on are not UTF-8: read the file again, decoding it whole.
    NotUtf8,
    Fatal(LayerError),
}

impl From<LayerError> for Failure {
    fn from(e: LayerError) -> Self {
        Failure::Fatal(e)
    }
}

fn load_utf8_stream(
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, Failure> {
    let opened = crate::fsutil::open(&spec.path)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let mut reader =
        BufReader::with_capacity(PREFIX_BYTES as usize, Counting::new(opened, progress));
    let start = reader.fill_buf().map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let bom = start.starts_with(b"\xEF\xBB\xBF");
    let delimiter = sniff_delimiter(&prefix_text(start, true));
    if bom {
        reader.consume(3);
    }
    let encoding = if bom { TextEncoding::Utf8Bom } else { TextEncoding::Utf8 };
    load_delimited(
        reader,
        delimiter,
        &describe_text(spec, encoding, delimiter),
        spec,
        file,
        progress,
    )
}

/// GBK, UTF-16 and UTF-8 files with a bad byte after the first 64 KiB: decoded whole (the
/// thematic tables' decoder names the line of an undecodable byte).
fn load_decoded(
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, LayerError> {
    progress.done_bytes.store(0, Ordering::Relaxed);
    let bytes = read_all(spec, file, progress)?;
    let (text, encoding) = decode_text(&bytes)
        .map_err(|e| LayerError(format!("{file}: line {}: {}", e.line, e.problem)))?;
    drop(bytes);
    let delimiter = sniff_delimiter(&text);
    let format = describe_text(spec, encoding, delimiter);
    // Progress was counted while reading the bytes.
    let silent = LoadProgress::default();
    let rows = Counting::new(Cursor::new(text.as_bytes()), &silent);
    match load_delimited(rows, delimiter, &format, spec, file, progress) {
        Ok(data) => Ok(data),
        Err(Failure::Fatal(e)) => Err(e),
        Err(Failure::NotUtf8) => Err(LayerError(format!("{file}: not readable as text"))),
    }
}

/// The whole file, with progress and cancel.
fn read_all(spec: &LayerSpec, file: &str, progress: &LoadProgress) -> Result<Vec<u8>, LayerError> {
    let opened = crate::fsutil::open(&spec.path)
        .map_err(|e| LayerError(format!("{file}: cannot read: {e}")))?;
    let mut bytes = Vec::new();
    Counting::new(opened, progress).read_to_end(&mut bytes).map_err(|e| {
        if progress.cancel.load(Ordering::Relaxed) {
            cancelled_error(file)
        } else {
            LayerError(format!("{file}: cannot read: {e}"))
        }
    })?;
    Ok(bytes)
}

/// "CSV, UTF-8, comma".
fn describe_text(spec: &LayerSpec, encoding: TextEncoding, delimiter: u8) -> String {
    let kind = spec
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_uppercase())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "text".into());
    let delimiter = match delimiter {
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "comma",
    };
    format!("{kind}, {}, {delimiter}", encoding.label())
}

fn load_delimited<R: Read>(
    reader: R,
    delimiter: u8,
    format: &str,
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, Failure> {
    let newlines = Rc::new(RefCell::new(Newlines::new(delimiter)));
    let reader = NewlineReader { inner: reader, newlines: Rc::clone(&newlines) };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    let line_of = |csv: &csv::Reader<NewlineReader<R>>, record: &csv::StringRecord| {
        newlines.borrow_mut().line_of(csv.position().byte(), record.as_slice())
    };
    let mut sample = Vec::new();
    while sample.len() < SAMPLE_ROWS && next_record(&mut csv, &mut record, file, progress)? {
        sample.push(RawRow {
            line: line_of(&csv, &record),
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    let mark = if delimiter == b';' { DecimalMark::Comma } else { DecimalMark::Point };
    let (columns, data_rows) =
        header(sample, mark).ok_or_else(|| LayerError(format!("{file}: the table is empty")))?;
    let mut rows = RowLoader::new(spec, file, progress, format, columns, mark)?;
    // One record of look-ahead: the last row is only known once the reader is at the end, and
    // a last row the file was cut off in is left out (see `cut_row`).
    let mut more = next_record(&mut csv, &mut record, file, progress)?;
    let mut line = if more { line_of(&csv, &record) } else { 0 };
    for (i, raw) in data_rows.iter().enumerate() {
        if i + 1 == data_rows.len()
            && !more
            && rows.cut_row(raw.line, raw.cells.len(), &newlines.borrow())
        {
            break;
        }
        rows.row(raw.line, |i| raw.cells.get(i).map_or("", String::as_str))?;
    }
    let mut next = csv::StringRecord::new();
    while more {
        let next_more = next_record(&mut csv, &mut next, file, progress)?;
        let next_line = if next_more { line_of(&csv, &next) } else { 0 };
        if !next_more && rows.cut_row(line, record.len(), &newlines.borrow()) {
            break;
        }
        rows.row(line, |i| record.get(i).unwrap_or(""))?;
        std::mem::swap(&mut record, &mut next);
        (more, line) = (next_more, next_line);
    }
    if let Some(opened) = newlines.borrow().quotes.unclosed() {
        return Err(Failure::Fatal(LayerError(format!("{file}: line {opened}: {UNCLOSED_QUOTE}"))));
    }
    Ok(rows.finish()?)
}

/// The next record; bytes that are not UTF-8 ask for a whole-file decode.
fn next_record<R: Read>(
    csv: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    file: &str,
    progress: &LoadProgress,
) -> Result<bool, Failure> {
    match csv.read_record(record) {
        Ok(more) => Ok(more),
        Err(e) => match e.kind() {
            csv::ErrorKind::Utf8 { .. } => Err(Failure::NotUtf8),
            _ if progress.cancel.load(Ordering::Relaxed) => {
                Err(Failure::Fatal(cancelled_error(file)))
            }
            _ => Err(Failure::Fatal(LayerError(format!("{file}: cannot read: {e}")))),
        },
    }
}

/// Line feeds in the bytes the `csv` reader has taken, so each record gets the 1-based line it
/// starts on (the reader's own count skips blank lines). Only the offsets read ahead of the
/// current record are kept.
struct Newlines {
    /// Offsets of line feeds not yet passed.
    ahead: VecDeque<u64>,
    read: u64,
    /// Line feeds before the current record's end, and the last of them.
    passed: u64,
    last: Option<u64>,
    /// The quoting of every byte read: a quote never closed refuses the file.
    quotes: QuoteTracker,
    /// The last byte read, and how many bytes follow the last line feed (the column of the
    /// end of the file).
    last_byte: Option<u8>,
    since_newline: u64,
}

impl Newlines {
    fn new(delimiter: u8) -> Self {
        Newlines {
            ahead: VecDeque::new(),
            read: 0,
            passed: 0,
            last: None,
            quotes: QuoteTracker::new(delimiter),
            last_byte: None,
            since_newline: 0,
        }
    }

    /// The reader is at the end and the file's last line has no line break.
    fn ends_without_newline(&self) -> bool {
        self.last_byte.is_some_and(|b| b != b'\n' && b != b'\r')
    }

    /// The line a record starts on, from the byte offset just after it (its terminator included)
    /// and its text (a quoted cell may span lines).
    fn line_of(&mut self, end: u64, text: &str) -> u64 {
        while self.ahead.front().is_some_and(|&at| at < end) {
            self.last = self.ahead.pop_front();
            self.passed += 1;
        }
        // The record's own terminator is the line feed just before its end (absent at the end of
        // the file, or when the reader stopped at the `\r` of a `\r\n`).
        let ends_with_newline = self.last.is_some_and(|at| at + 1 == end);
        let last_line = self.passed + u64::from(!ends_with_newline);
        last_line.saturating_sub(text.bytes().filter(|&b| b == b'\n').count() as u64)
    }
}

struct NewlineReader<R> {
    inner: R,
    newlines: Rc<RefCell<Newlines>>,
}

impl<R: Read> Read for NewlineReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut newlines = self.newlines.borrow_mut();
        let start = newlines.read;
        let bytes = buf.get(..n).unwrap_or(&[]);
        for (i, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
            newlines.ahead.push_back(start + i as u64);
        }
        newlines.read += n as u64;
        newlines.quotes.feed(bytes);
        if let Some(&last) = bytes.last() {
            newlines.last_byte = Some(last);
            newlines.since_newline = match bytes.iter().rposition(|&b| b == b'\n') {
                Some(at) => (bytes.len() - at - 1) as u64,
                None => newlines.since_newline + bytes.len() as u64,
            };
        }
        Ok(n)
    }
}

fn load_workbook(
    spec: &LayerSpec,
    file: &str,
    progress: &LoadProgress,
) -> Result<LayerData, LayerError> {
    let bytes = read_all(spec, file, progress)?;
    let sheet = read_sheet(&bytes, spec.sheet.as_deref())
        .map_err(|e| LayerError(format!("{file}: {e}")))?;
    drop(bytes);
    let kind = spec
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_else(|| "workbook".into());
    let format = format!("{kind} sheet {:?}", sheet.sheet);
    let mut rows = sheet.rows.into_iter();
    let sample: Vec<RawRow> = rows.by_ref().take(SAMPLE_ROWS).collect();
    let (columns, data_rows) = header(sample, DecimalMark::Point)
        .ok_or_else(|| LayerError(format!("{file}: sheet {:?} is empty", sheet.sheet)))?;
    let mut loader = RowLoader::new(spec, file, progress, &format, columns, DecimalMark::Point)?;
    for raw in data_rows.iter().chain(rows.as_slice()) {
        loader.row(raw.line, |i| raw.cells.get(i).map_or("", String::as_str))?;
    }
    loader.finish()
}

/// Rows into the builder: coordinates checked and converted, the other cells as attributes.
struct RowLoader<'a> {
    spec: &'a LayerSpec,
    file: &'a str,
    builder: LayerBuilder,
    lon: usize,
    lat: usize,
    columns: CoordColumns,
    width: usize,
    mark: DecimalMark,
    tally: Tally,
    rows: usize,
    progress: &'a LoadProgress,
}

impl<'a> RowLoader<'a> {
    fn new(
        spec: &'a LayerSpec,
        file: &'a str,
        progress: &'a LoadProgress,
        format: &str,
        columns: Vec<String>,
        mark: DecimalMark,
    ) -> Result<Self, LayerError> {
        let (lon, lat) = coordinate_columns(spec, file, &columns)?;
        let coord = CoordColumns { lon: columns[lon].clone(), lat: columns[lat].clone() };
        let attributes: Vec<String> = columns
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != lon && i != lat)
            .map(|(_, c)| c.clone())
            .collect();
        let builder =
            LayerBuilder::new(spec.path.clone(), format.to_string(), spec.crs, attributes, true);
        Ok(RowLoader {
            spec,
            file,
            builder,
            lon,
            lat,
            columns: coord,
            width: columns.len(),
            mark,
            tally: Tally::default(),
            rows: 0,
            progress,
        })
    }

    /// One data row (`cell(i)` is "" past its end).
    fn row<'r>(&mut self, line: u64, cell: impl Fn(usize) -> &'r str) -> Result<(), LayerError> {
        self.rows += 1;
        if self.rows.is_multiple_of(CANCEL_EVERY) {
            self.check_progress()?;
        }
        let (lon_text, lat_text) = (cell(self.lon), cell(self.lat));
        let parsed = (parse_coordinate(lon_text, self.mark), parse_coordinate(lat_text, self.mark));
        let (Some(lon), Some(lat)) = parsed else {
            if lon_text.trim().is_empty()
                && lat_text.trim().is_empty()
                && (0..self.width).all(|i| cell(i).trim().is_empty())
            {
                return Ok(()); // a blank row
            }
            let (name, text) = if parsed.0.is_none() {
                (&self.columns.lon, lon_text)
            } else {
                (&self.columns.lat, lat_text)
            };
            let text = text.trim();
            let problem = if text.is_empty() {
                format!("{name} is empty")
            } else {
                format!("{name} {text:?} is not a number")
            };
            self.builder.skip(format!("row {line}: {problem}"));
            return Ok(());
        };
        let verdict = classify([lon, lat]);
        self.tally.record(verdict, &|| format!("row {line}"), [lon, lat]);
        if verdict != Verdict::Good {
            self.builder.skip(format!("row {line}: {}", position_problem(verdict, [lon, lat])));
            return Ok(());
        }
        let (lon_i, lat_i) = (self.lon, self.lat);
        let feature = self.builder.push_feature(
            line.min(u64::from(u32::MAX)) as u32,
            (0..self.width).filter(|&i| i != lon_i && i != lat_i).map(&cell),
        );
        self.builder.push_point(feature, self.spec.crs.to_wgs84([lon, lat]));
        Ok(())
    }

    /// Whether the last row (`line`, `cells` cells) is one the file was cut off in: no line
    /// break after it and fewer cells than the header. Such a row is left out (its last cell
    /// may be a cut number) and the layer says first that the file ends early.
    fn cut_row(&mut self, line: u64, cells: usize, newlines: &Newlines) -> bool {
        if !newlines.ends_without_newline() || cells >= self.width {
            return false;
        }
        let kept = self.builder.feature_count();
        let column = newlines.since_newline + 1;
        self.builder.cut_short(CutShort {
            line,
            column,
            kept,
            kind: CutKind::LastRowCut { cells, width: self.width },
        });
        true
    }

    fn swap_hint(&self) -> String {
        format!(
            "choose {:?} as the longitude column and {:?} as the latitude column",
            self.columns.lat, self.columns.lon
        )
    }

    /// Cancel, and a file whose every coordinate so far is in metres or swapped.
    fn check_progress(&self) -> Result<(), LayerError> {
        if self.progress.cancel.load(Ordering::Relaxed) {
            return Err(cancelled_error(self.file));
        }
        match self.tally.early_refusal(self.file, &self.swap_hint()) {
            Some(message) => Err(LayerError(message)),
            None => Ok(()),
        }
    }

    fn finish(self) -> Result<LayerData, LayerError> {
        if let Some(message) = self.tally.refusal(self.file, &self.swap_hint()) {
            return Err(LayerError(message));
        }
        let data = self.builder.finish();
        if data.points.is_empty() {
            return Err(nothing_usable(self.file, &data, "row"));
        }
        Ok(data)
    }
}

/// The coordinate columns: the spec's (by name, then ignoring case and spaces), else guessed.
fn coordinate_columns(
    spec: &LayerSpec,
    file: &str,
    columns: &[String],
) -> Result<(usize, usize), LayerError> {
    let list = || columns.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ");
    let find = |wanted: &str| {
        let squash = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
        columns
            .iter()
            .position(|c| c == wanted)
            .or_else(|| columns.iter().position(|c| squash(c) == squash(wanted)))
    };
    let chosen = match &spec.columns {
        Some(c) => c.clone(),
        None => guess_coord_columns(columns).ok_or_else(|| {
            LayerError(format!("{file}: no longitude/latitude columns found (name them lon/lat or 经度/纬度, or choose them); columns: {}", list()))
        })?,
    };
    let lon = find(&chosen.lon).ok_or_else(|| {
        LayerError(format!("{file}: no column {:?}; columns: {}", chosen.lon, list()))
    })?;
    let lat = find(&chosen.lat).ok_or_else(|| {
        LayerError(format!("{file}: no column {:?}; columns: {}", chosen.lat, list()))
    })?;
    if lon == lat {
        return Err(LayerError(format!(
            "{file}: longitude and latitude are the same column {:?}",
            chosen.lon
        )));
    }
    Ok((lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_get_the_line_they_start_on() {
        for text in ["a\n\nb\n\"c\nd\"\ne", "a\r\n\r\nb\r\n\"c\r\nd\"\r\ne\r\n", "x,y\n\n\n1,2\n"] {
            let newlines = Rc::new(RefCell::new(Newlines::new(b',')));
            let reader = NewlineReader { inner: text.as_bytes(), newlines: Rc::clone(&newlines) };
            let mut csv =
                csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
            let (mut record, mut lines) = (csv::StringRecord::new(), Vec::new());
            while csv.read_record(&mut record).unwrap_or(false) {
                lines.push(newlines.borrow_mut().line_of(csv.position().byte(), record.as_slice()));
            }
            let expected: &[u64] = if text.starts_with('x') { &[1, 4] } else { &[1, 3, 4, 6] };
            assert_eq!(lines, expected, "{text:?}");
        }
    }

    #[test]
    fn prefix_text_drops_a_cut_line() {
        assert_eq!(prefix_text(b"a,b\n1,2\n3,", true), "a,b\n1,2");
        assert_eq!(prefix_text(b"\xEF\xBB\xBFa,b\n1,2", false), "a,b\n1,2");
        assert!(
            looks_utf8("名".as_bytes().get(..2).unwrap_or_default()),
            "a character cut at the end"
        );
        assert!(!looks_utf8(b"\xFF\xFEa"));
    }
}
