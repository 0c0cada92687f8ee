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
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(SNIFF_LINES).collect();
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
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).clamp(counted_to, text.len());
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
