//! The join report as a CSV file a planner opens in Excel: one line per table row (matched,
//! unmatched, ambiguous, duplicate) and per region left without data. UTF-8 with a byte-order
//! mark, because Excel on Chinese Windows reads UTF-8 without one as GBK and garbles the names.
//! Writing the bytes to disk (atomically) is the caller's job.

use super::join::{JoinReport, RegionRef};

const HEADER: [&str; 9] = ["category", "line", "key", "parent", "region_code", "region_name_zh", "region_name_en", "region_parent", "detail"];

/// The report as CSV bytes (UTF-8 with BOM).
pub fn report_csv(report: &JoinReport) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let mut rows: Vec<[String; 9]> = Vec::new();
    let region_cells = |r: &RegionRef| [r.code.clone(), r.name_zh.clone(), r.name_en.clone(), r.parent_zh.clone()];
    let row = |category: &str, line: Option<u64>, key: &str, parent: &Option<String>, region: Option<&RegionRef>, detail: String| {
        let [code, zh, en, p] = region.map(region_cells).unwrap_or_default();
        [category.to_string(), line.map(|l| l.to_string()).unwrap_or_default(), key.to_string(), parent.clone().unwrap_or_default(), code, zh, en, p, detail]
    };
    for m in &report.matched {
        rows.push(row("matched", Some(m.line), &m.key, &m.parent, Some(&m.region), format!("{}; {}", m.rule, m.resolved)));
    }
    for u in &report.unmatched {
        let names: Vec<String> = u.suggestions.iter().map(RegionRef::label).collect();
        let detail = if names.is_empty() { u.reason.clone() } else { format!("{}; nearest: {}", u.reason, names.join(" | ")) };
        rows.push(row("unmatched", Some(u.line), &u.key, &u.parent, None, detail));
    }
    for a in &report.ambiguous {
        let names: Vec<String> = a.candidates.iter().map(RegionRef::label).collect();
        rows.push(row("ambiguous", Some(a.line), &a.key, &a.parent, None, format!("{}; candidates: {}", a.note, names.join(" | "))));
    }
    for d in &report.duplicates {
        for &line in &d.ignored_lines {
            rows.push(row("duplicate", Some(line), "", &None, Some(&d.region), format!("ignored: line {} is used for this region", d.used_line)));
        }
    }
    for r in &report.without_data {
        let detail = if r.has_shape { "no row for this region" } else { "no row for this region (it has no shape on the map)" };
        rows.push(row("without_data", None, "", &None, Some(r), detail.to_string()));
    }
    // Writing into a Vec cannot fail; a failure would only drop rows, never panic.
    let _ = writer.write_record(HEADER);
    for r in rows {
        let _ = writer.write_record(&r);
    }
    let _ = writer.flush();
    drop(writer);
    out
}
