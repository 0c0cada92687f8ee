//! Text → rows of cells for delimited files: the delimiter is sniffed (comma, semicolon or tab),
//! then the `csv` crate splits rows (quotes, embedded line breaks) in one linear pass.

use super::RawRow;

/// Delimiters a planner's file may use, in order of preference on a tie.
const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
/// Lines looked at to choose the delimiter.
const SNIFF_LINES: usize = 50;

/// The delimiter that splits the first lines most consistently: the candidate seen the same
/// (non-zero) number of times on the most lines. A file with none of them has one column.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> =
        text.lines().filter(|l| !l.trim().is_empty()).take(SNIFF_LINES).collect();
    let mut best = (b',', 0usize, 0usize);
    for delim in CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, delim)).collect();
        let Some(mode) = mode_of_nonzero(&counts) else { continue };
        let agreeing = counts.iter().filter(|&&c| c == mode).count();
        if (agreeing, mode) > (best.1, best.2) {
            best = (delim, agreeing, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut in_quotes = false;
    let mut count = 0;
    for b in line.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            _ if b == delim && !in_quotes => count += 1,
            _ => {}
        }
    }
    count
}

/// The most frequent non-zero count (the larger one on a tie).
fn mode_of_nonzero(counts: &[usize]) -> Option<usize> {
    let mut sorted: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(n, _)| run.len() >= n) {
            best = Some((run.len(), run[0]));
        }
    }
    best.map(|(_, value)| value)
}

/// Follows the quoting of a delimited text as the `csv` crate reads it — a quote opens a quoted
/// cell only at the start of a cell, a doubled quote inside one is a literal quote — over bytes
/// given in any pieces, so a quote that is never closed is found in the same pass that reads
/// the file. The `csv` crate reads such a quote to the end of the file as one cell, without an
/// error: every row after it would vanish into that cell.
#[derive(Clone, Debug)]
pub struct QuoteTracker {
    delimiter: u8,
    state: QuoteState,
    line: u64,
    opened_at: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteState {
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: its end, or the first of a doubled quote.
    QuoteInQuoted,
}

impl QuoteTracker {
    pub fn new(delimiter: u8) -> Self {
        QuoteTracker { delimiter, state: QuoteState::CellStart, line: 1, opened_at: 0 }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        use QuoteState::*;
        for &b in bytes {
            let ends_cell = b == self.delimiter || b == b'\n' || b == b'\r';
            self.state = match (self.state, b) {
                (CellStart, b'"') => {
                    self.opened_at = self.line;
                    Quoted
                }
                (Quoted, b'"') => QuoteInQuoted,
                (Quoted, _) => Quoted,
                (QuoteInQuoted, b'"') => Quoted,
                (_, _) if ends_cell => CellStart,
                _ => Unquoted,
            };
            if b == b'\n' {
                self.line += 1;
            }
        }
    }

    /// The 1-based line of a quoted cell still open at the end of what was fed.
    pub fn unclosed(&self) -> Option<u64> {
        (self.state == QuoteState::Quoted).then_some(self.opened_at)
    }
}

/// Why a text whose quote is never closed is refused (the caller names the file and the line).
pub const UNCLOSED_QUOTE: &str = "a quote opened on this line is never closed, so the rest of the file would read as one cell; close it (or remove it) and load again";

/// The last row of a text that does not end with a line break and has fewer cells than the
/// widest of the first rows: the file was cut off in that row. `None` for a whole file.
pub fn cut_last_row(text: &str, rows: &[RawRow]) -> Option<(u64, usize, usize)> {
    if text.ends_with(['\n', '\r']) {
        return None;
    }
    let last = rows.last()?;
    let width = rows.iter().take(50).map(|r| r.cells.len()).max()?;
    (last.cells.len() < width).then_some((last.line, last.cells.len(), width))
}

/// Splits the text into rows with their 1-based starting line. Rows may have any number of cells.
pub fn split_rows(text: &str, delimiter: u8) -> Vec<RawRow> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted from byte offsets (the reader's own line count ignores blank lines),
    // incrementally so the whole split stays linear.
    let (mut counted_to, mut line) = (0usize, 1u64);
    // The input is a `&str`, so the only possible error is a row the reader cannot split; the
    // `csv` crate reports none for flexible rows, but stop rather than loop if it ever does.
    while let Ok(true) = reader.read_record(&mut record) {
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .clamp(counted_to, text.len());
        // The reported start is before any blank lines the reader skipped.
        start += text.as_bytes()[start..].iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
        line += text.as_bytes()[counted_to..start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted_to = start;
        rows.push(RawRow { line, cells: record.iter().map(str::to_owned).collect() });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_quote_that_is_never_closed_in_any_pieces() {
        let unclosed = |text: &str, delimiter: u8| {
            let whole = {
                let mut t = QuoteTracker::new(delimiter);
                t.feed(text.as_bytes());
                t.unclosed()
            };
            // The same answer when the bytes come one at a time.
            let mut t = QuoteTracker::new(delimiter);
            text.as_bytes().chunks(1).for_each(|c| t.feed(c));
            assert_eq!(t.unclosed(), whole, "{text:?}");
            whole
        };
        assert_eq!(unclosed("a,b\n\"x, y\",2\n\"multi\nline\",3\n", b','), None);
        assert_eq!(unclosed("a,b\n\"say \"\"hi\"\"\",2\n", b','), None, "doubled quotes inside");
        assert_eq!(
            unclosed("a,b\n5\" pipe,2\n", b','),
            None,
            "a quote inside an unquoted cell is a character"
        );
        assert_eq!(unclosed("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", b','), Some(3));
        assert_eq!(unclosed("a;b\r\n1;\"open\r\n", b';'), Some(2));
        assert_eq!(unclosed("a\tb\n\"x\"\t\"", b'\t'), Some(2));
    }

    #[test]
    fn a_last_row_cut_short_is_found() {
        let cut = |text: &str| cut_last_row(text, &split_rows(text, b','));
        assert_eq!(cut("a,b,c\n1,2,3\n4,5"), Some((3, 2, 3)));
        assert_eq!(
            cut("a,b,c\n1,2,3\n4,5\n"),
            None,
            "a short row with its line break is a short row, not a cut"
        );
        assert_eq!(cut("a,b,c\n1,2,3\n4,5,6"), None, "no final line break, but whole");
    }

    #[test]
    fn sniffs_comma_semicolon_tab() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3\n4;5;6\n"), b';');
        assert_eq!(sniff_delimiter("名称\tGDP\n高要\t1,234\n"), b'\t');
        assert_eq!(sniff_delimiter("\"x, y\";z\n\"1,2\";3\n"), b';');
        assert_eq!(sniff_delimiter("only\none\n"), b',');
    }

    #[test]
    fn keeps_line_numbers_of_rows() {
        let rows = split_rows("a,b\n\"multi\nline\",2\nx,y,z\n\n\r\nlast\n", b',');
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].line, 2);
        assert_eq!(rows[1].cells, vec!["multi\nline", "2"]);
        assert_eq!(rows[2].line, 4);
        assert_eq!(rows[3].line, 7);
        assert_eq!(rows[2].cells.len(), 3);
    }
}
