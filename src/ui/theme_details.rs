//! The thematic map's value for one region, with where it comes from: the details panel's
//! section and the map tooltip's line.

use egui::RichText;

use crate::i18n::Lang;
use crate::model::census::words;
use crate::model::{Atlas, RegionIdx, Subject};
use crate::theme::legend::{format_number, number_text};
use crate::theme::{AttributeValue, Theme, ValueSource};

/// The region a subject names, if it is a unit of the theme (filled or without data).
fn theme_unit(atlas: &Atlas, theme: &Theme, subject: &Subject) -> Option<RegionIdx> {
    let Subject::Region(code) = subject else { return None };
    atlas.region_by_code(code).filter(|&r| theme.fill(r).is_some())
}

/// `1,234.5 per km²` printed as the legend prints its ends (`theme::legend::number_text`: a
/// census figure with its catalogue's decimals, as in the census section; otherwise as many
/// as the legend's bounds need, at least two significant digits), `≈` for approximate values.
pub fn value_text(theme: &Theme, v: &AttributeValue, lang: Lang) -> String {
    let approx = if v.approximate { "≈ " } else { "" };
    let unit = theme.unit(lang);
    crate::model::value_with_unit(
        lang,
        &format!("{approx}{}", number_text(&theme.classification, v)),
        unit,
    )
}

/// Where a value comes from, in one line: `gdp.csv line 7, column "GDP": "1,234"`.
pub fn source_text(source: &ValueSource, lang: Lang) -> String {
    match (source, lang) {
        (ValueSource::TableCell { file, sheet, line, column, text }, _) => {
            let file = std::path::Path::new(file)
                .file_name()
                .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            match (sheet, lang) {
                (Some(s), Lang::En) => {
                    format!("{file} [sheet {s:?}] row {line}, column {column:?}: {text:?}")
                }
                (None, Lang::En) => format!("{file} line {line}, column {column:?}: {text:?}"),
                (Some(s), Lang::Zh) => {
                    format!("{file}［工作表“{s}”］第 {line} 行，“{column}”列：“{text}”")
                }
                (None, Lang::Zh) => format!("{file} 第 {line} 行，“{column}”列：“{text}”"),
            }
        }
        (
            ValueSource::Indicator { indicator, period, stated, corrected, document, .. },
            Lang::En,
        ) => {
            let reading = corrected
                .as_ref()
                .map_or(stated.clone(), |c| format!("{c} (corrected from {stated})"));
            format!("{indicator} {period}: {reading} — {document}")
        }
        (
            ValueSource::Indicator {
                indicator,
                indicator_zh,
                period,
                period_zh,
                stated_zh,
                corrected_zh,
                document,
                ..
            },
            Lang::Zh,
        ) => {
            let reading = corrected_zh
                .as_ref()
                .map_or(stated_zh.clone(), |c| format!("{c}（原文为 {stated_zh}，经更正）"));
            format!(
                "{}（{}）：{reading}——{document}",
                lang.name(indicator, indicator_zh),
                lang.name(period, period_zh)
            )
        }
        (ValueSource::Area { method }, Lang::En) => format!("computed from the boundary: {method}"),
        (ValueSource::Area { .. }, Lang::Zh) => crate::theme::area::AREA_METHOD_ZH.to_string(),
        (ValueSource::Count { items }, Lang::En) => format!("count of {} item(s)", items.len()),
        (ValueSource::Count { items }, Lang::Zh) => format!("计数：共 {} 项", items.len()),
        (ValueSource::Census { formula, cells, area_km2, .. }, _) => {
            let value = crate::model::census::CensusValue {
                value: 0.0,
                formula: formula.clone(),
                cells: cells.clone(),
                area_km2: *area_km2,
                note: None,
            };
            let open_close = lang.pick2((" (", ")"), ("（", "）"));
            format!(
                "{}{}{formula}{}",
                crate::model::census::words::source_text(&value, lang),
                open_close.0,
                open_close.1
            )
        }
    }
}

/// The tooltip's line: `GDP: 1,234 (class 3 of 5)` or `GDP: no data`.
pub fn hover_line(atlas: &Atlas, theme: &Theme, subject: &Subject, lang: Lang) -> Option<String> {
    let region = theme_unit(atlas, theme, subject)?;
    let label = theme.label(lang);
    Some(match ((theme.value(region), theme.fill(region)), lang) {
        ((Some(v), Some(crate::theme::RegionFill::Class { index, .. })), Lang::En) => {
            format!(
                "{label}: {} (class {} of {})",
                value_text(theme, v, lang),
                index + 1,
                theme.colours.len()
            )
        }
        ((Some(v), Some(crate::theme::RegionFill::Class { index, .. })), Lang::Zh) => {
            format!(
                "{label}：{}（第 {} 级，共 {} 级）",
                value_text(theme, v, lang),
                index + 1,
                theme.colours.len()
            )
        }
        (_, Lang::En) => format!("{label}: no data"),
        (_, Lang::Zh) => format!("{label}：无数据"),
    })
}

/// The details panel's section for a unit of the theme: value, class, source; or why it has none.
pub fn theme_value_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    theme: &Theme,
    subject: &Subject,
    lang: Lang,
) {
    let Some(region) = theme_unit(atlas, theme, subject) else { return };
    ui.separator();
    ui.label(
        RichText::new(format!("{} {}", lang.pick("Thematic map:", "专题图："), theme.label(lang)))
            .strong(),
    );
    let Some(v) = theme.value(region) else {
        // The reason in words beside "no data", in full on hover: the census section's rendering.
        match theme.no_data_reason(region) {
            Some(why) => {
                ui.label(RichText::new(words::no_data_short(why, lang)).italics().weak())
                    .on_hover_text(words::no_data_text(why, lang));
            }
            None => {
                ui.label(lang.pick("no data", "无数据"));
            }
        }
        return;
    };
    ui.label(RichText::new(value_text(theme, v, lang)).heading());
    if let Some(crate::theme::RegionFill::Class { index, .. }) = theme.fill(region) {
        let bounds = theme.legend.get(index).map_or(String::new(), |row| row.label.clone());
        ui.label(format!(
            "{} {} / {}: {bounds}",
            lang.pick("Class", "分级"),
            index + 1,
            theme.colours.len()
        ));
    }
    if let Some(area) = v.area_km2 {
        ui.label(format!(
            "{} {} {}",
            lang.pick("divided by the area", "除以面积"),
            format_number(area, 1),
            lang.pick("km²", "平方千米")
        ));
    }
    ui.label(format!("{} {}", lang.pick("Source:", "来源："), source_text(&v.source, lang)));
    if v.approximate {
        ui.label(
            RichText::new(lang.pick("approximate (area or figure)", "近似值（面积或数字）")).weak(),
        );
    }
}
