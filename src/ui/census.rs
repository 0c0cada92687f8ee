//! The *2020 census* section of the details panel (issue 18): the headline figures of the
//! province, a city or a county, each with its rank among its peers and a bar against the
//! province's value; *All figures* by group; the document claims the census can check. Every
//! figure's hover names its file, line, columns and formula.

use egui::{Color32, RichText, Sense, Stroke, Vec2};

use super::action::Action;
use crate::i18n::Lang;
use crate::model::census::{words, Census, CensusValue, Statistic};
use crate::model::{Atlas, Level, RegionIdx};
use crate::theme::census::census_spec;
use crate::theme::ThemeLevel;

const BAR_WIDTH: f32 = 72.0;
const BAR_HEIGHT: f32 = 9.0;
const BAR_FILL: Color32 = Color32::from_rgb(0x31, 0x82, 0xbd);
const PROVINCE_MARK: Color32 = Color32::from_rgb(0xd9, 0x48, 0x01);

/// The section for a region; nothing for towns (the yearbook has no town rows) or without data.
pub fn census_section_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    region: RegionIdx,
    lang: Lang,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let census = &atlas.census;
    if census.is_empty() || !census.has_unit(region) {
        return actions;
    }
    ui.separator();
    ui.heading(lang.pick("2020 census", "2020年人口普查"));
    let level = atlas.regions[region].level;
    if let Some((en, zh)) = census.unit_note(&atlas.regions[region].code) {
        ui.label(RichText::new(lang.name(en, zh)).italics());
    }
    let headline = census.headline();
    figures_grid(ui, atlas, region, &headline, lang, ("census_headline", region), &mut actions);
    egui::CollapsingHeader::new(lang.pick("All figures", "全部数据"))
        .id_salt(("census_all", region))
        .show(ui, |ui| {
            for (first, members) in census.groups() {
                egui::CollapsingHeader::new(lang.name(&first.group_en, &first.group_zh))
                    .id_salt(("census_group", region, first.group.as_str()))
                    .default_open(true)
                    .show(ui, |ui| {
                        figures_grid(
                            ui,
                            atlas,
                            region,
                            &members,
                            lang,
                            ("census_group_grid", region),
                            &mut actions,
                        )
                    });
            }
        });
    for check in census.cross_checks_for(&atlas.regions[region].code) {
        cross_check_ui(ui, check, lang);
    }
    let legend = match level {
        Level::Province => lang.pick("Bars: against the largest value among the cities.", "条形：与各地级市中的最大值相比。"),
        _ => lang.pick("Bars: against the largest value among its peers; orange mark: Guangdong's value (not for counts).", "条形：与同级单位中的最大值相比；橙色标记：全省数值（总量指标除外）。"),
    };
    ui.label(RichText::new(legend).weak().small());
    ui.label(RichText::new(words::credit(lang)).weak().small());
    actions
}

fn figures_grid(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    region: RegionIdx,
    stats: &[usize],
    lang: Lang,
    salt: (&str, RegionIdx),
    actions: &mut Vec<Action>,
) {
    let census = &atlas.census;
    // Each column wraps at a third of the panel (a little more for the name): a long name
    // ("Registered in another township of the county") widened the panel, and the map with it,
    // instead of wrapping (issue 19 QA).
    let column = ((ui.available_width() - 16.0) / 2.8).max(60.0);
    egui::Grid::new((salt.0, salt.1, stats.first().copied().unwrap_or(0)))
        .num_columns(3)
        .striped(true)
        .spacing([8.0, 3.0])
        .max_col_width(column)
        .show(ui, |ui| {
            for &stat in stats {
                let s = &census.statistics[stat];
                let name = ui.label(lang.name(&s.name_en, &s.name_zh));
                name.on_hover_text(definition(s, lang));
                match census.value(stat, region) {
                    Some(Ok(v)) => {
                        let value =
                            ui.label(RichText::new(words::value_text(s, v.value, lang)).strong());
                        value.on_hover_text(provenance(s, v, lang));
                        ui.horizontal_wrapped(|ui| {
                            bar(ui, census, stat, atlas.regions[region].level, v.value);
                            if let Some(rank) = census.rank(stat, region) {
                                let peers = census
                                    .units
                                    .iter()
                                    .find(|u| u.region == region)
                                    .map(|u| u.peers);
                                if let Some(peers) = peers {
                                    ui.label(words::rank_text(rank, peers, lang));
                                }
                            }
                            map_button(ui, atlas, region, s, lang, actions);
                        });
                    }
                    Some(Err(why)) => {
                        ui.label(RichText::new(words::no_data_short(why, lang)).italics().weak())
                            .on_hover_text(words::no_data_text(why, lang));
                        ui.label("");
                    }
                    None => {
                        ui.label("");
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
}

/// "Map it": shade the unit's peers by this statistic.
fn map_button(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    region: RegionIdx,
    s: &Statistic,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let level = match atlas.regions[region].level {
        Level::City | Level::Province => ThemeLevel::City,
        _ => ThemeLevel::County,
    };
    let hover = lang.pick("Shade the map by this figure", "按此数据绘制专题图");
    if ui.small_button(lang.pick("Map", "制图")).on_hover_text(hover).clicked() {
        if let Some(spec) = census_spec(atlas, level, &s.id) {
            actions.push(Action::SetTheme(Some(spec)));
        }
    }
}

/// A bar scaled to the largest value among the unit's peers, with the province's value marked.
fn bar(ui: &mut egui::Ui, census: &Census, stat: usize, level: Level, value: f64) {
    let peers = match level {
        Level::County => crate::model::census::Peers::Counties,
        _ => crate::model::census::Peers::Cities,
    };
    let peer_max = census.peer_values(stat, peers).iter().map(|p| p.1).fold(value, f64::max);
    // A count's province value is the sum of the units: no mark, the bar compares peers only.
    let province = census.province_value(stat).filter(|_| !census.statistics[stat].is_count());
    let scale = province.map_or(peer_max, |p| p.max(peer_max));
    let (rect, _) = ui.allocate_exact_size(Vec2::new(BAR_WIDTH, BAR_HEIGHT), Sense::hover());
    if level == Level::Province && census.statistics[stat].is_count() {
        // The province's count is the sum of the cities': a bar against one of them says nothing.
        return;
    }
    let painter = ui.painter();
    painter.rect_filled(rect, 1.0, ui.visuals().faint_bg_color);
    if scale > 0.0 && value > 0.0 {
        let mut filled = rect;
        filled.set_width(rect.width() * (value / scale).clamp(0.0, 1.0) as f32);
        painter.rect_filled(filled, 1.0, BAR_FILL);
    }
    if let (Some(p), true) = (province, scale > 0.0 && level != Level::Province) {
        let x = rect.left() + rect.width() * (p / scale).clamp(0.0, 1.0) as f32;
        painter.line_segment(
            [egui::pos2(x, rect.top() - 2.0), egui::pos2(x, rect.bottom() + 2.0)],
            Stroke::new(2.0, PROVINCE_MARK),
        );
    }
}

fn definition(s: &Statistic, lang: Lang) -> String {
    format!(
        "{}\n{} {}",
        lang.name(&s.definition_en, &s.definition_zh),
        lang.pick("Formula:", "公式："),
        s.formula.text
    )
}

fn provenance(s: &Statistic, v: &CensusValue, lang: Lang) -> String {
    let mut text = format!(
        "{}\n{} {}\n{} {}",
        definition(s, lang),
        lang.pick("Source:", "来源："),
        words::source_text(v, lang),
        lang.pick("Computed as", "计算方式"),
        v.formula
    );
    if let Some(note) = &v.note {
        text.push_str(&format!(
            "\n{} {}",
            lang.pick("Comparable because:", "可比依据："),
            note.text(lang)
        ));
    }
    text.push_str(&format!("\n{}", words::credit(lang)));
    text
}

fn cross_check_ui(
    ui: &mut egui::Ui,
    check: &crate::model::census::crosscheck::CrossCheck,
    lang: Lang,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(lang.pick("Cross-check with the census", "与人口普查核对")).strong(),
        );
        ui.label(format!(
            "{} {}",
            lang.pick("The document says:", "文献称："),
            lang.name(&check.claim_en, &check.claim_zh)
        ));
        ui.label(RichText::new(format!("“{}”", check.excerpt)).italics().small());
        ui.label(format!(
            "{} {}",
            lang.pick("The census says:", "普查数据："),
            lang.name(&check.census_en, &check.census_zh)
        ));
        ui.label(
            RichText::new(format!(
                "{} {}",
                lang.pick("Other reading:", "另一种读法："),
                lang.name(&check.other_reading_en, &check.other_reading_zh)
            ))
            .weak(),
        );
        ui.label(
            RichText::new(format!(
                "{} {} · {}",
                lang.pick("Source:", "来源："),
                lang.pick(&check.source, &check.source_zh),
                check.document
            ))
            .weak()
            .small(),
        );
    });
}
