//! The left panel's "Thematic map" section: what to shade by (nothing, one of the atlas's own
//! figures, or a column of the planner's table), how to classify and colour it, the classes with
//! their counts, and the join report. It edits a copy of the spec and returns `SetTheme`; the app
//! rebuilds the theme (without re-reading the table when only the classification changed).

use std::path::PathBuf;

use egui::RichText;

use super::action::Action;
use crate::i18n::Lang;
use crate::model::Atlas;
use crate::theme::builtin::{list_builtins, BuiltinInfo};
use crate::theme::palette::{schemes, Blind, Rgb};
use crate::theme::{AttributeSpec, Builtin, Method, Theme, ThemeLevel, ThemeSpec};

const WARNING: egui::Color32 = egui::Color32::from_rgb(0xb0, 0x3a, 0x2e);

/// What the section shows; it changes nothing itself.
pub struct ThemePanelInput<'a> {
    pub lang: Lang,
    pub atlas: &'a Atlas,
    /// The theme asked for (persisted), even when it could not be built.
    pub spec: Option<&'a ThemeSpec>,
    pub theme: Option<&'a Theme>,
    /// Why `spec` is not drawn (one line).
    pub error: Option<&'a str>,
    /// Columns of the loaded table, and those holding numbers.
    pub columns: &'a [String],
    pub value_columns: &'a [String],
    pub report_status: Option<&'a Result<PathBuf, String>>,
    /// The last table theme shown: "Table" brings it back after Off or an atlas figure.
    pub last_table: Option<&'a ThemeSpec>,
}

/// The text being typed, and the built-in list of the level last shown (listing counts values).
#[derive(Default)]
pub struct ThemePanelState {
    /// "Table" chosen but nothing loaded yet.
    pub table_chosen: bool,
    pub path_text: String,
    pub breaks_text: String,
    /// "manual breaks" picked: the breaks field shows until they are applied or another method is.
    pub manual_open: bool,
    pub report_path_text: String,
    builtins: Option<(ThemeLevel, Vec<BuiltinInfo>)>,
}

impl ThemePanelState {
    /// The fields filled from a persisted spec (its table path, its manual breaks).
    pub fn for_spec(spec: Option<&ThemeSpec>) -> Self {
        let mut state = Self::default();
        if let Some(spec) = spec {
            if let AttributeSpec::Table { path, .. } = &spec.source {
                state.path_text = path.display().to_string();
                state.table_chosen = true;
            }
            if let Method::Manual { breaks } = &spec.method {
                state.breaks_text =
                    breaks.iter().map(f64::to_string).collect::<Vec<_>>().join(", ");
            }
        }
        state
    }

    fn builtins(&mut self, atlas: &Atlas, level: ThemeLevel) -> &[BuiltinInfo] {
        if self.builtins.as_ref().is_none_or(|(l, _)| *l != level) {
            self.builtins = Some((level, list_builtins(atlas, level)));
        }
        self.builtins.as_ref().map_or(&[], |(_, list)| list.as_slice())
    }
}

/// A table file dropped on the window: load it.
pub fn dropped_table(ctx: &egui::Context) -> Vec<Action> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .take(1)
            .map(Action::LoadThemeTable)
            .collect()
    })
}

pub fn theme_panel_ui(
    ui: &mut egui::Ui,
    input: &ThemePanelInput,
    state: &mut ThemePanelState,
) -> Vec<Action> {
    let lang = input.lang;
    let mut actions = Vec::new();
    // A table loaded some other way (dropped on the window, restored from the settings).
    if let Some(AttributeSpec::Table { path, .. }) = input.spec.map(|s| &s.source) {
        if !state.table_chosen {
            state.table_chosen = true;
            state.path_text = path.display().to_string();
        }
    }
    egui::CollapsingHeader::new(RichText::new(lang.pick("Thematic map", "专题地图")).heading())
        .default_open(true)
        .show(ui, |ui| {
            source_choice_ui(ui, input, state, &mut actions);
            match input.spec.map(|s| &s.source) {
                Some(AttributeSpec::Builtin { level, builtin }) => {
                    builtin_ui(ui, input, state, *level, builtin, &mut actions)
                }
                _ if state.table_chosen => table_ui(ui, input, state, &mut actions),
                _ => {}
            }
            if let Some(err) = input.error {
                ui.colored_label(WARNING, err);
            }
            if let Some(spec) = input.spec {
                classification_ui(ui, lang, spec, state, &mut actions);
            }
            if let Some(theme) = input.theme {
                classes_ui(ui, theme, lang);
                if let Some(report) = &theme.join {
                    actions.extend(super::join_report::join_report_ui(
                        ui,
                        lang,
                        report,
                        input.report_status,
                        &mut state.report_path_text,
                    ));
                }
            }
        });
    actions
}

/// Off / built-in attribute / table.
fn source_choice_ui(
    ui: &mut egui::Ui,
    input: &ThemePanelInput,
    state: &mut ThemePanelState,
    actions: &mut Vec<Action>,
) {
    let lang = input.lang;
    let is_builtin = matches!(input.spec.map(|s| &s.source), Some(AttributeSpec::Builtin { .. }));
    let is_table = !is_builtin && state.table_chosen;
    ui.horizontal(|ui| {
        if ui.radio(!is_builtin && !is_table, lang.pick("Off", "关闭")).clicked() {
            state.table_chosen = false;
            actions.push(Action::SetTheme(None));
        }
        if ui.radio(is_builtin, lang.pick("Atlas figure", "图集数据")).clicked() && !is_builtin
        {
            state.table_chosen = false;
            let source =
                AttributeSpec::Builtin { level: ThemeLevel::County, builtin: Builtin::Area };
            actions.push(Action::SetTheme(Some(restyled(input.spec, source))));
        }
        if ui.radio(is_table, lang.pick("Table", "表格")).clicked() && !is_table {
            state.table_chosen = true;
            actions.push(Action::SetTheme(input.last_table.cloned()));
        }
    });
}

/// A spec for a new source, keeping the classification the user chose.
fn restyled(old: Option<&ThemeSpec>, source: AttributeSpec) -> ThemeSpec {
    match old {
        Some(s) => ThemeSpec { source, ..s.clone() },
        None => ThemeSpec::new(source),
    }
}

/// Why a county theme has 124 units where the README counts 122 counties: Dongguan and Zhongshan
/// are prefecture cities without counties, shaded beside them (`theme::level::theme_units`).
fn county_units_note(atlas: &Atlas, lang: Lang) -> String {
    use crate::model::Level;
    let units = crate::theme::level::theme_units(atlas, ThemeLevel::County);
    let cities: Vec<String> = units
        .iter()
        .map(|&i| &atlas.regions[i])
        .filter(|r| r.level == Level::City)
        .map(|r| crate::scene::map_name(r, lang))
        .collect();
    let counties = units.len() - cities.len();
    match lang {
        Lang::En => format!(
            "{} units: the {counties} counties and districts, and {} (cities without counties)",
            units.len(),
            cities.join(" and ")
        ),
        Lang::Zh => format!(
            "共 {} 个单位：{counties} 个县（区、市），加上不设区县的{}",
            units.len(),
            cities.join("、")
        ),
    }
}

/// Level, attribute and (for indicators) period.
fn builtin_ui(
    ui: &mut egui::Ui,
    input: &ThemePanelInput,
    state: &mut ThemePanelState,
    level: ThemeLevel,
    builtin: &Builtin,
    actions: &mut Vec<Action>,
) {
    let lang = input.lang;
    let Some(spec) = input.spec else { return };
    let set = |level: ThemeLevel, builtin: Builtin| {
        Action::SetTheme(Some(restyled(Some(spec), AttributeSpec::Builtin { level, builtin })))
    };
    ui.horizontal(|ui| {
        ui.label(lang.pick("Level", "层级"));
        for l in ThemeLevel::ALL {
            if ui.radio(level == l, l.title(lang)).clicked() && level != l {
                // A census figure stays when it exists at the new level (cities, counties).
                let keep = matches!(builtin, Builtin::Census { .. }) && l != ThemeLevel::Town;
                actions.push(set(l, if keep { builtin.clone() } else { Builtin::Area }));
            }
        }
    });
    if level == ThemeLevel::County {
        ui.label(RichText::new(county_units_note(input.atlas, lang)).weak().small());
    }
    census_choice_ui(ui, input, level, builtin, actions);
    let list = state.builtins(input.atlas, level);
    let same_kind = |b: &Builtin| match (b, builtin) {
        (Builtin::Indicator { name: a, .. }, Builtin::Indicator { name: c, .. }) => a == c,
        _ => b == builtin,
    };
    let current = list.iter().find(|i| same_kind(&i.builtin));
    let atlas = input.atlas;
    let text = |i: &BuiltinInfo| match lang {
        Lang::En => {
            format!("{} ({} {})", i.builtin.title(atlas, lang), i.with_data, level.plural_in(lang))
        }
        Lang::Zh => {
            format!("{}（{}{}）", i.builtin.title(atlas, lang), i.with_data, level.plural_in(lang))
        }
    };
    let shown = match builtin {
        // A census figure is chosen in its own menu (below); the list offers the others.
        Builtin::Census { .. } => lang.pick("2020 census figure", "2020年普查数据").to_string(),
        _ => current.map_or_else(|| builtin.title(atlas, lang), text),
    };
    egui::ComboBox::from_label(lang.pick("Attribute", "属性"))
        .selected_text(shown)
        .width(170.0)
        .show_ui(ui, |ui| {
            for info in list {
                if ui.selectable_label(same_kind(&info.builtin), text(info)).clicked()
                    && !same_kind(&info.builtin)
                {
                    actions.push(set(level, info.builtin.clone()));
                }
            }
        });
    if let (Some(info), Builtin::Indicator { name, period }) = (current, builtin) {
        if info.periods.len() > 1 {
            let period_in = |p: &str| {
                lang.name(p, crate::theme::builtin::indicator_period_zh(atlas, name, p)).to_string()
            };
            let shown = period
                .as_deref()
                .map_or_else(|| lang.pick("most common", "最常见").to_string(), period_in);
            egui::ComboBox::from_label(lang.pick("Period", "时期")).selected_text(shown).show_ui(
                ui,
                |ui| {
                    for p in &info.periods {
                        if ui.selectable_label(period.as_ref() == Some(p), period_in(p)).clicked() {
                            actions.push(set(
                                level,
                                Builtin::Indicator { name: name.clone(), period: Some(p.clone()) },
                            ));
                        }
                    }
                },
            );
        }
    }
}

/// *2020 census → group → statistic*: picking one draws it as the catalogue suggests (method,
/// classes, palette, centre), at the county level when towns were shown (no town rows).
fn census_choice_ui(
    ui: &mut egui::Ui,
    input: &ThemePanelInput,
    level: ThemeLevel,
    builtin: &Builtin,
    actions: &mut Vec<Action>,
) {
    let (atlas, lang) = (input.atlas, input.lang);
    let census = &atlas.census;
    if census.is_empty() {
        return;
    }
    let current = match builtin {
        Builtin::Census { id } => census.statistic(id).map(|i| &census.statistics[i]),
        _ => None,
    };
    ui.horizontal(|ui| {
        ui.label(lang.pick("2020 census", "2020年人口普查"));
        let shown = current
            .map_or(lang.pick("choose a figure…", "选择指标…").to_string(), |s| {
                lang.name(&s.name_en, &s.name_zh).to_string()
            });
        ui.menu_button(shown, |ui| {
            for (first, members) in census.groups() {
                ui.menu_button(lang.name(&first.group_en, &first.group_zh), |ui| {
                    for stat in members {
                        let s = &census.statistics[stat];
                        let chosen = current.is_some_and(|c| c.id == s.id);
                        let button = ui
                            .selectable_label(chosen, lang.name(&s.name_en, &s.name_zh))
                            .on_hover_text(lang.name(&s.definition_en, &s.definition_zh));
                        if button.clicked() {
                            let level = crate::theme::census::census_level(level);
                            actions.extend(
                                crate::theme::census::census_spec(atlas, level, &s.id)
                                    .map(|spec| Action::SetTheme(Some(spec))),
                            );
                            ui.close();
                        }
                    }
                });
            }
        });
    });
    if let Some(s) = current {
        ui.label(RichText::new(lang.name(&s.definition_en, &s.definition_zh)).weak().small());
        if level == ThemeLevel::Town {
            ui.colored_label(
                WARNING,
                lang.pick(
                    "The census has no town rows: choose cities or counties.",
                    "人口普查没有乡镇数据：请选择地级市或县级。",
                ),
            );
        }
    }
}

/// The table file's path, Load (and, in a browser, Choose…), and the formats it reads.
fn table_path_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut ThemePanelState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Table file", "表格文件"));
        ui.add(
            egui::TextEdit::singleline(&mut state.path_text)
                .hint_text("/path/to/table.csv")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        let path = state.path_text.trim();
        if ui.button(lang.pick("Load", "读取")).clicked() && !path.is_empty() {
            actions.push(Action::LoadThemeTable(PathBuf::from(path)));
        }
        // A page reads only files the user gives it: the browser's picker (`web::files`).
        #[cfg(target_arch = "wasm32")]
        if ui.button(lang.pick("Choose…", "选择…")).clicked() {
            crate::web::files::pick(crate::web::files::Purpose::Table);
        }
    });
    ui.label(
        RichText::new(lang.pick(
            "CSV (UTF-8 or GBK), XLSX, XLS, ODS; or drop a file on the window",
            "CSV（UTF-8 或 GBK）、XLSX、XLS、ODS；也可拖入窗口",
        ))
        .weak()
        .small(),
    );
}

/// The table's path and Load, then value column, key, parent and level (guessed by default).
fn table_ui(
    ui: &mut egui::Ui,
    input: &ThemePanelInput,
    state: &mut ThemePanelState,
    actions: &mut Vec<Action>,
) {
    let lang = input.lang;
    table_path_ui(ui, lang, state, actions);
    let Some(spec) = input.spec else { return };
    let AttributeSpec::Table { column, key, parent, level, .. } = &spec.source else { return };
    let report = input.theme.and_then(|t| t.join.as_ref());
    let edit = |f: &dyn Fn(&mut AttributeSpec)| {
        let mut s = spec.clone();
        f(&mut s.source);
        Action::SetTheme(Some(s))
    };
    column_combo_ui(ui, lang.pick("Value column", "数值列"), column, input.value_columns, |c| {
        actions.push(edit(&|s| {
            if let AttributeSpec::Table { column, .. } = s {
                column.clone_from(&c)
            }
        }));
    });
    let guessed_key = report.map(|r| (r.key_column.clone(), r.key_reason.text(lang)));
    override_combo_ui(
        ui,
        lang,
        lang.pick("Key column", "关键列"),
        key.as_ref(),
        guessed_key,
        input.columns,
        |k| {
            actions.push(edit(&|s| {
                if let AttributeSpec::Table { key, .. } = s {
                    key.clone_from(&k)
                }
            }));
        },
    );
    let guessed_parent = report.and_then(|r| {
        Some((
            r.parent_column.clone()?,
            r.parent_reason.as_ref().map(|p| p.text(lang)).unwrap_or_default(),
        ))
    });
    override_combo_ui(
        ui,
        lang,
        lang.pick("Parent column", "上级列"),
        parent.as_ref(),
        guessed_parent,
        input.columns,
        |p| {
            actions.push(edit(&|s| {
                if let AttributeSpec::Table { parent, .. } = s {
                    parent.clone_from(&p)
                }
            }));
        },
    );
    let guessed_level = report.map(|r| (level_label(r.level, lang), r.level_reason.text(lang)));
    let level_names: Vec<String> = ThemeLevel::ALL.iter().map(|&l| level_label(l, lang)).collect();
    let level_text = level.map(|l| level_label(l, lang));
    override_combo_ui(
        ui,
        lang,
        lang.pick("Level", "层级"),
        level_text.as_ref(),
        guessed_level,
        &level_names,
        |l| {
            let parsed = l.and_then(|l| {
                ThemeLevel::ALL.into_iter().find(|&level| level_label(level, lang) == l)
            });
            actions.push(edit(&|s| {
                if let AttributeSpec::Table { level, .. } = s {
                    *level = parsed
                }
            }));
        },
    );
}

/// A level as the level combo names it: `county` / `县级`.
fn level_label(level: ThemeLevel, lang: Lang) -> String {
    match lang {
        Lang::En => level.as_str().to_string(),
        Lang::Zh => level.title(lang).to_string(),
    }
}

fn column_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    current: &str,
    choices: &[String],
    mut chosen: impl FnMut(String),
) {
    egui::ComboBox::from_label(label).selected_text(current).width(170.0).show_ui(ui, |ui| {
        for c in choices {
            if ui.selectable_label(c == current, c).clicked() && c != current {
                chosen(c.clone());
            }
        }
    });
}

/// A combo whose first entry is "guessed: X", with the guess's reason below it.
fn override_combo_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    label: &str,
    current: Option<&String>,
    guess: Option<(String, String)>,
    choices: &[String],
    mut chosen: impl FnMut(Option<String>),
) {
    let guessed_text = format!(
        "{}{}",
        lang.pick("guessed: ", "推测："),
        guess.as_ref().map_or("—", |(c, _)| c.as_str())
    );
    let shown = current.cloned().unwrap_or_else(|| guessed_text.clone());
    egui::ComboBox::from_label(label).selected_text(shown).width(170.0).show_ui(ui, |ui| {
        if ui.selectable_label(current.is_none(), &guessed_text).clicked() && current.is_some() {
            chosen(None);
        }
        for c in choices {
            if ui.selectable_label(current == Some(c), c).clicked() && current != Some(c) {
                chosen(Some(c.clone()));
            }
        }
    });
    if let (None, Some((_, why))) = (current, guess) {
        ui.label(RichText::new(why).weak().small());
    }
}

/// Method (and manual breaks), classes, palette, reverse, per km².
fn classification_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    spec: &ThemeSpec,
    state: &mut ThemePanelState,
    actions: &mut Vec<Action>,
) {
    let mut changed = spec.clone();
    let methods = [Method::Quantile, Method::EqualInterval, Method::NaturalBreaks];
    let is_manual = matches!(spec.method, Method::Manual { .. });
    egui::ComboBox::from_label(lang.pick("Method", "分级方法"))
        .selected_text(spec.method.name_in(lang))
        .show_ui(ui, |ui| {
            for m in methods {
                if ui.selectable_label(spec.method == m, m.name_in(lang)).clicked() {
                    state.manual_open = false;
                    changed.method = m;
                }
            }
            if ui
                .selectable_label(is_manual, Method::Manual { breaks: Vec::new() }.name_in(lang))
                .clicked()
            {
                state.manual_open = true;
            }
        });
    if is_manual || state.manual_open {
        manual_breaks_ui(ui, lang, state, &mut changed);
    }
    if !matches!(changed.method, Method::Manual { .. }) {
        ui.add(egui::Slider::new(&mut changed.classes, 3..=9).text(lang.pick("classes", "级数")));
    }
    palette_ui(ui, lang, &mut changed);
    ui.horizontal(|ui| {
        ui.checkbox(&mut changed.reversed, lang.pick("reverse", "反转"));
        ui.checkbox(&mut changed.per_km2, lang.pick("per km²", "每平方千米"));
    });
    if changed != *spec {
        actions.push(Action::SetTheme(Some(changed)));
    }
}

/// `10, 20, 50`: the breaks between classes; applied when they parse and ascend.
fn manual_breaks_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut ThemePanelState,
    changed: &mut ThemeSpec,
) {
    let mut apply = false;
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Breaks", "分界值"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.breaks_text)
                    .hint_text("10, 20, 50")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
        apply = ui.button(lang.pick("Apply", "应用")).clicked()
            || (field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
    });
    match parse_breaks(&state.breaks_text) {
        Ok(breaks) if apply => {
            changed.classes = breaks.len() + 1;
            changed.method = Method::Manual { breaks };
        }
        Err(e) if !state.breaks_text.trim().is_empty() => {
            ui.colored_label(WARNING, e);
        }
        _ => {}
    }
}

/// Ascending numbers separated by commas (or spaces); 2 to 8 of them (3 to 9 classes).
pub fn parse_breaks(text: &str) -> Result<Vec<f64>, String> {
    let breaks = text
        .split([',', ' ', '，', ';'])
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            t.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("not a number: {t:?}"))
        })
        .collect::<Result<Vec<f64>, String>>()?;
    if !(2..=8).contains(&breaks.len()) {
        return Err(format!("{} break(s): give 2 to 8 (3 to 9 classes)", breaks.len()));
    }
    if breaks.windows(2).any(|w| w[0] >= w[1]) {
        return Err("breaks must ascend".into());
    }
    Ok(breaks)
}

/// The palette picker: each scheme with its colour ramp and whether it is colour-blind safe at
/// this number of classes.
fn palette_ui(ui: &mut egui::Ui, lang: Lang, changed: &mut ThemeSpec) {
    let classes = changed.classes.clamp(3, 9);
    let current = changed.palette.clone();
    egui::ComboBox::from_label(lang.pick("Palette", "配色"))
        .selected_text(palette_label(&current, classes, lang))
        .width(170.0)
        .show_ui(ui, |ui| {
            for scheme in schemes() {
                ui.horizontal(|ui| {
                    ramp_ui(ui, scheme.colours_for(classes).as_slice());
                    if ui
                        .selectable_label(
                            scheme.name.eq_ignore_ascii_case(&current),
                            palette_label(scheme.name, classes, lang),
                        )
                        .clicked()
                    {
                        changed.palette = scheme.name.to_string();
                    }
                });
            }
        });
}

/// `YlOrRd ✓ colour-blind safe` (ColorBrewer's scheme names are kept in 中文).
fn palette_label(name: &str, classes: usize, lang: Lang) -> String {
    let mark = match crate::theme::palette::scheme(name).map(|s| s.blind(classes)) {
        Some(Blind::Safe) => lang.pick(" ✓ colour-blind safe", " ✓ 色盲友好"),
        Some(Blind::Maybe) => lang.pick(" (colour-blind: maybe)", "（色盲友好：未定）"),
        _ => "",
    };
    format!("{name}{mark}")
}

fn colour32(c: Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// A small ramp of swatches.
fn ramp_ui(ui: &mut egui::Ui, colours: &[Rgb]) {
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(8.0 * colours.len() as f32, 12.0), egui::Sense::hover());
    for (i, &c) in colours.iter().enumerate() {
        let x = rect.min.x + 8.0 * i as f32;
        ui.painter().rect_filled(
            egui::Rect::from_min_size(egui::pos2(x, rect.min.y), egui::vec2(8.0, 12.0)),
            0.0,
            colour32(c),
        );
    }
}

/// What the classes rest on: the attribute and method, then the notes (period chosen, cells
/// that are not numbers, fewer classes than asked). The classes themselves, with their counts,
/// are in the legend below — the legend the map and the exports draw — not repeated here.
fn classes_ui(ui: &mut egui::Ui, theme: &Theme, lang: Lang) {
    let title = match lang {
        Lang::En => format!("{} ({})", theme.label(lang), theme.spec.method.name_in(lang)),
        Lang::Zh => format!("{}（{}）", theme.label(lang), theme.spec.method.name_in(lang)),
    };
    ui.label(RichText::new(title).strong());
    for note in theme.values.notes.iter().chain(&theme.classification.notes) {
        ui.label(RichText::new(note.pick(lang)).weak().small());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_parse_and_are_checked() {
        assert_eq!(parse_breaks("10, 20, 50"), Ok(vec![10.0, 20.0, 50.0]));
        assert_eq!(parse_breaks("10，20 50"), Ok(vec![10.0, 20.0, 50.0]));
        assert!(parse_breaks("10").is_err_and(|e| e.contains("2 to 8")));
        assert!(parse_breaks("20, 10").is_err_and(|e| e.contains("ascend")));
        assert!(parse_breaks("10, x").is_err_and(|e| e.contains("\"x\"") || e.contains(" x")));
    }
}
