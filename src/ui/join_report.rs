//! The join report of a table theme: the summary line first (what a planner must know: rows
//! matched, outside Guangdong, at another level, unmatched, ambiguous), the guesses with their
//! reasons, then every row that did not join and why, the ambiguous rows with their candidates,
//! parents and values, the rows outside Guangdong by province, rows of another level, duplicates
//! and the regions left without data; and "Save report as CSV".

use std::path::PathBuf;

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::theme::guess::count;
use crate::theme::join::{AmbiguousRow, RegionRef};
use crate::theme::JoinReport;

const WARNING: egui::Color32 = egui::Color32::from_rgb(0xb0, 0x3a, 0x2e);

/// Rows listed per category before "… and N more" (the CSV has them all).
const LISTED: usize = 200;

pub fn join_report_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    report: &JoinReport,
    status: Option<&Result<PathBuf, String>>,
    path_text: &mut String,
) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::CollapsingHeader::new(lang.pick("Join report", "匹配报告")).default_open(true).show(
        ui,
        |ui| {
            ui.label(RichText::new(report.summary_in(lang)).strong());
            reasons_ui(ui, lang, report);
            egui::ScrollArea::vertical()
                .id_salt("join_report_rows")
                .max_height(260.0)
                .show(ui, |ui| rows_ui(ui, lang, report));
            save_ui(ui, lang, report, status, path_text, &mut actions);
        },
    );
    actions
}

/// The guessed columns with their reasons, and the table's scope.
fn reasons_ui(ui: &mut egui::Ui, lang: Lang, report: &JoinReport) {
    let weak = |ui: &mut egui::Ui, text: String| {
        ui.label(RichText::new(text).weak().small());
    };
    let key = lang.pick("key", "关键列");
    weak(ui, format!("{key}: {} — {}", report.key_column, report.key_reason.text(lang)));
    if let (Some(column), Some(reason)) = (&report.province_column, &report.province_reason) {
        let what = lang.pick("province", "省份列");
        weak(ui, format!("{what}: {column} — {}", reason.text(lang)));
    }
    if let (Some(column), Some(reason)) = (&report.parent_column, &report.parent_reason) {
        let what = lang.pick("parent", "上级列");
        weak(ui, format!("{what}: {column} — {}", reason.text(lang)));
    }
    if let Some(scope) = &report.scope_note {
        weak(ui, scope.text(lang));
    }
}

/// `line 12` / `第 12 行`: a row of the table.
fn line_words(lang: Lang, line: u64) -> String {
    match lang {
        Lang::En => format!("line {line}"),
        Lang::Zh => format!("第 {line} 行"),
    }
}

fn rows_ui(ui: &mut egui::Ui, lang: Lang, report: &JoinReport) {
    if !report.unmatched.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} ({})",
                lang.pick("Unmatched rows", "未匹配的行"),
                report.unmatched.len()
            ))
            .strong(),
        );
        for row in report.unmatched.iter().take(LISTED) {
            let suggestions: Vec<String> = row.suggestions.iter().map(RegionRef::label).collect();
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                format!("{}{}", lang.pick("; nearest: ", "；最接近："), suggestions.join(", "))
            };
            ui.colored_label(
                WARNING,
                format!(
                    "{}: {} — {}{hint}",
                    line_words(lang, row.line),
                    row.key,
                    row.reason.text(lang)
                ),
            );
        }
        more_ui(ui, lang, report.unmatched.len());
    }
    if !report.ambiguous.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} ({})",
                lang.pick("Ambiguous rows", "有歧义的行"),
                report.ambiguous.len()
            ))
            .strong(),
        );
        for row in report.ambiguous.iter().take(LISTED) {
            ui.colored_label(WARNING, ambiguous_text(lang, row));
        }
        more_ui(ui, lang, report.ambiguous.len());
    }
    outside_ui(ui, lang, report);
    other_level_ui(ui, lang, report);
    if !report.duplicates.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} ({})",
                lang.pick("Duplicate rows", "重复的行"),
                report.duplicate_rows()
            ))
            .strong(),
        );
        for d in report.duplicates.iter().take(LISTED) {
            let ignored: Vec<String> = d.ignored_lines.iter().map(u64::to_string).collect();
            ui.label(match lang {
                Lang::En => format!(
                    "{}: line {} used, line(s) {} ignored",
                    d.region.label(),
                    d.used_line,
                    ignored.join(", ")
                ),
                Lang::Zh => format!(
                    "{}：采用第 {} 行，忽略第 {} 行",
                    d.region.label(),
                    d.used_line,
                    ignored.join("、")
                ),
            });
        }
        more_ui(ui, lang, report.duplicates.len());
    }
    if !report.without_data.is_empty() {
        let heading = match lang {
            Lang::En => {
                format!("{} without data ({})", report.level.plural(), report.without_data.len())
            }
            Lang::Zh => {
                format!("无数据：{} {}", report.without_data.len(), report.level.plural_in(lang))
            }
        };
        egui::CollapsingHeader::new(heading).id_salt("join_without_data").show(ui, |ui| {
            for r in report.without_data.iter().take(LISTED) {
                ui.label(r.label());
            }
            more_ui(ui, lang, report.without_data.len());
        });
    }
}

/// `line 695: 南山区 (市 鹤岗市) — note: 南山区 440305 (深圳市); elsewhere: …; values: 人口数_合计 119662`.
fn ambiguous_text(lang: Lang, row: &AmbiguousRow) -> String {
    let candidates: Vec<String> = row.candidates.iter().map(RegionRef::label).collect();
    let parent = row.parent.as_ref().map_or_else(String::new, |p| format!(" ({p})"));
    let mut text = format!(
        "{}: {}{parent} — {}: {}",
        line_words(lang, row.line),
        row.key,
        row.note.text(lang),
        candidates.join(" / ")
    );
    if !row.elsewhere.is_empty() {
        let words = lang.pick("; elsewhere: ", "；其他地方：");
        text.push_str(&format!("{words}{}", row.elsewhere.join(" / ")));
    }
    if !row.values.is_empty() {
        text.push_str(&format!("{}{}", lang.pick("; values: ", "；数值："), row.values));
    }
    text
}

/// Rows of other provinces: counted per province (every row is in the CSV).
fn outside_ui(ui: &mut egui::Ui, lang: Lang, report: &JoinReport) {
    if report.outside.is_empty() {
        return;
    }
    let heading = format!(
        "{} ({})",
        lang.pick("Outside Guangdong", "广东省以外"),
        count(report.outside.len())
    );
    egui::CollapsingHeader::new(heading).id_salt("join_outside").show(ui, |ui| {
        let by_province: Vec<String> = report
            .outside_by_province()
            .iter()
            .map(|(p, n)| format!("{p} {}", count(*n)))
            .collect();
        ui.label(by_province.join(", "));
    });
}

/// Rows naming a region of another level (a prefecture row in a county table).
fn other_level_ui(ui: &mut egui::Ui, lang: Lang, report: &JoinReport) {
    if report.other_level.is_empty() {
        return;
    }
    let heading = format!(
        "{} ({}: {})",
        lang.pick("At another level", "其他层级"),
        count(report.other_level.len()),
        report.other_level_breakdown_in(lang)
    );
    egui::CollapsingHeader::new(heading).id_salt("join_other_level").show(ui, |ui| {
        for row in report.other_level.iter().take(LISTED) {
            ui.label(format!(
                "{}: {} — {}",
                line_words(lang, row.line),
                row.key,
                row.reason.text(lang)
            ));
        }
        more_ui(ui, lang, report.other_level.len());
    });
}

fn more_ui(ui: &mut egui::Ui, lang: Lang, total: usize) {
    if total > LISTED {
        let more = count(total - LISTED);
        let text = match lang {
            Lang::En => format!("… and {more} more (all in the CSV report)"),
            Lang::Zh => format!("……另有 {more} 项（全部见 CSV 报告）"),
        };
        ui.label(RichText::new(text).weak());
    }
}

fn save_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    report: &JoinReport,
    status: Option<&Result<PathBuf, String>>,
    path_text: &mut String,
    actions: &mut Vec<Action>,
) {
    if path_text.is_empty() {
        *path_text =
            PathBuf::from(&report.table).with_extension("join-report.csv").display().to_string();
    }
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(path_text).desired_width(150.0));
        let path = path_text.trim();
        if ui.button(lang.pick("Save report as CSV", "保存报告为 CSV")).clicked()
            && !path.is_empty()
        {
            actions.push(Action::SaveJoinReport(PathBuf::from(path)));
        }
    });
    match status {
        Some(Ok(path)) => {
            ui.label(format!("{} {}", lang.pick("Saved", "已保存"), path.display()));
        }
        Some(Err(e)) => {
            ui.colored_label(WARNING, e);
        }
        None => {}
    }
}
