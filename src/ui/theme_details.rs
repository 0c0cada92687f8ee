//! The thematic map's value for one region, with where it comes from: the details panel's
//! section and the map tooltip's line.

use egui::RichText;

use crate::i18n::Lang;
use crate::model::{Atlas, RegionIdx, Subject};
use crate::theme::legend::{decimals_for, format_number};
use crate::theme::{AttributeValue, Theme, ValueSource};

/// The region a subject names, if it is a unit of the theme (filled or without data).
fn theme_unit(atlas: &Atlas, theme: &Theme, subject: &Subject) -> Option<RegionIdx> {
    let Subject::Region(code) = subject else { return None };
    atlas.region_by_code(code).filter(|&r| theme.fill(r).is_some())
}

/// `1,234.5 per km²` with as many decimals as the legend's bounds need (at least two
/// significant digits), `≈` for approximate values.
pub fn value_text(theme: &Theme, v: &AttributeValue) -> String {
    let mut decimals = decimals_for(&theme.classification.upper_bounds).max(decimals_for(&[v.value]));
    // A census figure shows the decimals its catalogue gives it, as in the census section.
    if let ValueSource::Census { decimals: d, .. } = &v.source {
        decimals = *d as usize;
    }
    let approx = if v.approximate { "≈ " } else { "" };
    let unit = &theme.values.unit;
    let sep = if unit.is_empty() { "" } else { " " };
    format!("{approx}{}{sep}{unit}", format_number(v.value, decimals))
}

/// Where a value comes from, in one line: `gdp.csv line 7, column "GDP": "1,234"`.
pub fn source_text(source: &ValueSource) -> String {
    match source {
        ValueSource::TableCell { file, sheet, line, column, text } => {
            let file = std::path::Path::new(file).file_name().map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            let place = match sheet {
                Some(s) => format!("{file} [sheet {s:?}] row {line}"),
                None => format!("{file} line {line}"),
            };
            format!("{place}, column {column:?}: {text:?}")
        }
        ValueSource::Indicator { indicator, period, stated, corrected, document, .. } => {
            let reading = corrected.as_ref().map_or(stated.clone(), |c| format!("{c} (corrected from {stated})"));
            format!("{indicator} {period}: {reading} — {document}")
        }
        ValueSource::Area { method } => format!("computed from the boundary: {method}"),
        ValueSource::Count { items } => format!("count of {} item(s)", items.len()),
        ValueSource::Census { formula, cells, area_km2, .. } => {
            let value = crate::model::census::CensusValue { value: 0.0, formula: formula.clone(), cells: cells.clone(), area_km2: *area_km2, note: None };
            format!("{} ({formula})", crate::model::census::words::source_text(&value, Lang::En))
        }
    }
}

/// The tooltip's line: `GDP: 1,234 (class 3 of 5)` or `GDP: no data`.
pub fn hover_line(atlas: &Atlas, theme: &Theme, subject: &Subject) -> Option<String> {
    let region = theme_unit(atlas, theme, subject)?;
    let label = &theme.values.label;
    Some(match (theme.value(region), theme.fill(region)) {
        (Some(v), Some(crate::theme::RegionFill::Class { index, .. })) => {
            format!("{label}: {} (class {} of {})", value_text(theme, v), index + 1, theme.colours.len())
        }
        _ => format!("{label}: no data"),
    })
}

/// The details panel's section for a unit of the theme: value, class, source; or why it has none.
pub fn theme_value_ui(ui: &mut egui::Ui, atlas: &Atlas, theme: &Theme, subject: &Subject, lang: Lang) {
    let Some(region) = theme_unit(atlas, theme, subject) else { return };
    ui.separator();
    ui.label(RichText::new(format!("{} {}", lang.pick("Thematic map:", "专题图："), theme.values.label)).strong());
    let Some(v) = theme.value(region) else {
        let why = theme.no_data_reason(region).unwrap_or("no value");
        ui.label(format!("{} ({why})", lang.pick("No data", "无数据")));
        return;
    };
    ui.label(RichText::new(value_text(theme, v)).heading());
    if let Some(crate::theme::RegionFill::Class { index, .. }) = theme.fill(region) {
        let bounds = theme.legend.get(index).map_or(String::new(), |row| row.label.clone());
        ui.label(format!("{} {} / {}: {bounds}", lang.pick("Class", "分级"), index + 1, theme.colours.len()));
    }
    if let Some(area) = v.area_km2 {
        ui.label(format!("{} {} km²", lang.pick("divided by the area", "除以面积"), format_number(area, 1)));
    }
    ui.label(format!("{} {}", lang.pick("Source:", "来源："), source_text(&v.source)));
    if v.approximate {
        ui.label(RichText::new(lang.pick("approximate (area or figure)", "近似值（面积或数字）")).weak());
    }
}
