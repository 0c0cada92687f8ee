//! The join report as a CSV file a planner opens in Excel: one line per table row (matched,
//! outside Guangdong, another level, unmatched, ambiguous, duplicate) and per region left
//! without data. UTF-8 with a byte-order
//! mark, because Excel on Chinese Windows reads UTF-8 without one as GBK and garbles the names.
//! Writing the bytes to disk (atomically) is the caller's job.

use super::join::{AmbiguousRow, JoinReport, RegionRef};

const HEADER: [&str; 9] = [
    "category",
    "line",
    "key",
    "parent",
    "region_code",
    "region_name_zh",
    "region_name_en",
    "region_parent",
    "detail",
];

/// The report as CSV bytes (UTF-8 with BOM).
pub fn report_csv(report: &JoinReport) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let mut rows: Vec<[String; 9]> = Vec::new();
    let region_cells =
        |r: &RegionRef| [r.code.clone(), r.name_zh.clone(), r.name_en.clone(), r.parent_zh.clone()];
    let row = |category: &str,
               line: Option<u64>,
               key: &str,
               parent: &Option<String>,
               region: Option<&RegionRef>,
               detail: String| {
        let [code, zh, en, p] = region.map(region_cells).unwrap_or_default();
        [
            category.to_string(),
            line.map(|l| l.to_string()).unwrap_or_default(),
            key.to_string(),
            parent.clone().unwrap_or_default(),
            code,
            zh,
            en,
            p,
            detail,
        ]
    };
    for m in &report.matched {
        let confirmed = m
            .confirmed_by
            .map_or_else(|| "a name alone".to_string(), |c| format!("confirmed by {c}"));
        rows.push(row(
            "matched",
            Some(m.line),
            &m.key,
            &m.parent,
            Some(&m.region),
            format!("{}; {}; {confirmed}", m.rule, m.resolved),
        ));
    }
    for o in &report.outside {
        rows.push(row(
            "outside_guangdong",
            Some(o.line),
            &o.key,
            &None,
            None,
            format!("{}: {}", o.province, o.reason),
        ));
    }
    for o in &report.other_level {
        rows.push(row(
            "other_level",
            Some(o.line),
            &o.key,
            &None,
            o.regions.first(),
            o.reason.to_string(),
        ));
    }
    for u in &report.unmatched {
        let names: Vec<String> = u.suggestions.iter().map(RegionRef::label).collect();
        let detail = if names.is_empty() {
            u.reason.to_string()
        } else {
            format!("{}; nearest: {}", u.reason, names.join(" | "))
        };
        rows.push(row("unmatched", Some(u.line), &u.key, &u.parent, None, detail));
    }
    for a in &report.ambiguous {
        rows.push(row("ambiguous", Some(a.line), &a.key, &a.parent, None, ambiguous_detail(a)));
    }
    for d in &report.duplicates {
        for &line in &d.ignored_lines {
            rows.push(row(
                "duplicate",
                Some(line),
                "",
                &None,
                Some(&d.region),
                format!("ignored: line {} is used for this region", d.used_line),
            ));
        }
    }
    for r in &report.without_data {
        let detail = if r.has_shape {
            "no row for this region"
        } else {
            "no row for this region (it has no shape on the map)"
        };
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

/// The note, the candidates with their parents, the units of the same name elsewhere in China
/// and the row's values.
fn ambiguous_detail(a: &AmbiguousRow) -> String {
    let names: Vec<String> = a.candidates.iter().map(RegionRef::label).collect();
    let mut detail = format!("{}; candidates: {}", a.note, names.join(" | "));
    if !a.elsewhere.is_empty() {
        detail.push_str(&format!("; elsewhere: {}", a.elsewhere.join(" | ")));
    }
    if !a.values.is_empty() {
        detail.push_str(&format!("; values: {}", a.values));
    }
    detail
}
