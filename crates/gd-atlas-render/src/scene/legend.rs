//! What the map says about itself: the legend rows and the notes for what a scene draws.
//! Decided here once, so the window's legend list and the figures' legend box, and the notes
//! on both, cannot disagree.

use super::kinds;
use super::layers::Layers;
use super::style::{self, Color, Dash, Hatch, LineStyle, MarkerShape, MarkerStyle};
use super::user_items::{darker, fade, MIXED_BIN};
use super::user_layer::DrawnLayer;
use super::view::View;
use super::Scene;
use crate::i18n::Lang;
use crate::layer::FeatureKind;
use crate::model::Status;
use crate::theme::Theme;

/// What a scene records of the theme it drew: enough for the legend (window and figures) and
/// the credits, without borrowing the theme.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeLegend {
    /// `Theme::legend_title`: attribute, period, unit, "per km²", "approximate".
    pub title: String,
    /// One row per class, low first, then the no-data row.
    pub rows: Vec<crate::theme::LegendRow>,
}

impl ThemeLegend {
    /// The theme's legend with its title in `lang` (the scene is built for one language).
    pub fn of(theme: &Theme, lang: Lang) -> ThemeLegend {
        let mut title = theme.legend_title(lang);
        if crate::theme::legend::shares_bounds(&theme.classification) {
            // Neighbouring classes print the bound they share: say which holds it.
            let (en, zh) = crate::theme::legend::UPPER_BOUND_NOTE;
            title.push_str(lang.pick("; ", "；"));
            title.push_str(lang.pick(en, zh));
        }
        ThemeLegend { title, rows: theme.legend.clone() }
    }

    /// The titled theme section: a heading, then each class (bounds and count) and no data.
    fn entries(&self, lang: Lang) -> Vec<LegendEntry> {
        let mut out =
            vec![LegendEntry { symbol: LegendSymbol::Heading, label: self.title.clone() }];
        for row in &self.rows {
            let c = row.colour;
            let fill = style::rgb(c[0], c[1], c[2]);
            let (symbol, label) = if row.hatched {
                (
                    LegendSymbol::HatchedFill(
                        fill,
                        style::NO_DATA_HATCH,
                        style::THEME_SWATCH_OUTLINE,
                    ),
                    lang.pick("No data", "无数据").to_string(),
                )
            } else {
                (LegendSymbol::Fill(fill, style::THEME_SWATCH_OUTLINE), row.label.clone())
            };
            out.push(LegendEntry { symbol, label: format!("{label} ({})", row.count) });
        }
        out
    }
}

impl Scene {
    /// Legend rows for what this scene draws, in the styles it draws them in.
    /// With a theme, its titled section (classes with bounds and counts, then no data) comes
    /// first and the layers' rows follow.
    /// The user layers' blocks (top layer first) follow the theme, then the atlas's rows.
    pub fn legend_entries(&self, lang: Lang) -> Vec<LegendEntry> {
        self.legend_entries_of(lang, true)
    }

    /// The presentation legend: [`Scene::legend_entries`] without the boundary rows (province,
    /// city, county, town outlines), which a room reads off the map; the theme's classes, the
    /// markers and lines, which it cannot, stay.
    pub fn compact_legend_entries(&self, lang: Lang) -> Vec<LegendEntry> {
        self.legend_entries_of(lang, false)
    }

    fn legend_entries_of(&self, lang: Lang, boundaries: bool) -> Vec<LegendEntry> {
        let approx_towns = self.approximate_drawn.then_some(self.approx_town_style);
        let themed = self.theme.is_some();
        let mut layers = if boundaries {
            legend_entries(&self.layers, self.real_towns_drawn, approx_towns, themed, lang)
        } else {
            Vec::new()
        };
        layers.extend(drawn_symbol_entries(&self.items, lang));
        let mut out = self.theme.as_ref().map(|t| t.entries(lang)).unwrap_or_default();
        for (k, drawn) in self.user_layers.iter().enumerate().rev() {
            out.extend(user_layer_entries(
                drawn,
                self.user_binned.get(k).copied().unwrap_or(false),
                lang,
            ));
        }
        out.extend(layers);
        if self.pinned_drawn {
            out.push(LegendEntry {
                symbol: LegendSymbol::Line(style::PINNED_OUTLINE),
                label: lang.pick("Pinned for comparison", "对比中的地区").to_string(),
            });
        }
        out
    }

    /// Notes a reader needs about what is drawn in `frame` (the figure's view, or the window's
    /// map as it is now — its scene is built wider, for panning): approximate town areas,
    /// schematic lines, and where the basemap ends.
    pub fn notes(&self, lang: Lang, frame: &View) -> Vec<&'static str> {
        let mut notes = Vec::new();
        // Says how they look as drawn: dashed, or (in the window, from afar) thin and light.
        if self.approximate_drawn && self.approx_town_style.dash == Dash::Solid {
            notes.push(lang.pick(
                "Thin light town borders are approximate (Voronoi cells around town seats), not official boundaries.",
                "浅色细线镇域为按镇政府驻地划分的近似范围（泰森多边形），非官方边界。",
            ));
        } else if self.approximate_drawn {
            notes.push(lang.pick(
                "Dashed town areas are approximate (Voronoi cells around town seats), not official boundaries.",
                "虚线镇域为按镇政府驻地划分的近似范围（泰森多边形），非官方边界。",
            ));
        }
        if self.schematic_drawn {
            notes.push(
                lang.pick("Expressway lines are schematic alignments.", "高速公路线路为示意走向。"),
            );
        }
        if super::basemap::band_needs_note(frame) {
            let (en, zh) = super::basemap::BEYOND_NOTE;
            notes.push(lang.pick(en, zh));
        }
        notes
    }
}

/// What a legend row shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendSymbol {
    /// A section title (the theme's attribute): no swatch, the label spans the row.
    Heading,
    Fill(Color, LineStyle),
    /// A fill under a hatch (a theme's no-data row).
    HatchedFill(Color, Hatch, LineStyle),
    Line(LineStyle),
    Marker(MarkerStyle),
    AreaHalo,
    /// The three opacities of a place marker by status (existing, under construction, planned).
    StatusShades,
    /// A user point symbol: a filled circle of this radius (points), drawn at its true size so
    /// proportional symbols compare (see `render::furniture::legend_symbol_size`).
    Circle(Color, f32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub symbol: LegendSymbol,
    pub label: String,
}

/// Legend rows for the visible layers only: `real_towns_drawn` says whether towns with an
/// official boundary are on screen, `approx_towns` the style approximate town borders are drawn
/// in, if any are (e.g. Zhaoqing has only approximate ones). Under a thematic map (`themed`)
/// the cities are not filled in their soft colours, so their row is their outline only (a pink
/// swatch beside the classes read as one more class).
fn legend_entries(
    layers: &Layers,
    real_towns_drawn: bool,
    approx_towns: Option<LineStyle>,
    themed: bool,
    lang: Lang,
) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    let mut push = |symbol, label: &str| out.push(LegendEntry { symbol, label: label.to_string() });
    push(LegendSymbol::Line(style::PROVINCE_OUTLINE), lang.pick("Province boundary", "省界"));
    if layers.cities && themed {
        push(
            LegendSymbol::Line(style::CITY_OUTLINE),
            lang.pick("Prefecture city boundary", "地级市界"),
        );
    } else if layers.cities {
        push(
            LegendSymbol::Fill(style::city_fill("440100"), style::CITY_OUTLINE),
            lang.pick("Prefecture city", "地级市"),
        );
    }
    if layers.counties {
        push(
            LegendSymbol::Line(style::COUNTY_OUTLINE),
            lang.pick("County / district boundary", "县（区）界"),
        );
    }
    if real_towns_drawn {
        push(
            LegendSymbol::Line(style::TOWN_OUTLINE_REAL),
            lang.pick("Town boundary (official source)", "镇（街道）界"),
        );
    }
    if let Some(approx_style) = approx_towns {
        push(
            LegendSymbol::Line(approx_style),
            lang.pick(
                "Approximate town area (Voronoi cell around the town seat, not an official boundary)",
                "镇域近似范围（按镇政府驻地划分的泰森多边形，非官方边界）",
            ),
        );
    }
    out
}

/// The rows of the symbols the scene actually drew, from the catalogue of kinds
/// (`super::kinds`): one row per place symbol on the map (kinds that share a symbol share the
/// row), a row for the paler statuses and one for the area halo when drawn, then one row per
/// expressway status drawn. A symbol that is not on the map has no row.
fn drawn_symbol_entries(items: &[super::Item], lang: Lang) -> Vec<LegendEntry> {
    let markers: Vec<&super::Marker> = items
        .iter()
        .filter_map(|i| if let super::Item::Marker(m) = i { Some(m) } else { None })
        .collect();
    let mut out = Vec::new();
    let mut rows: Vec<(MarkerShape, Color, Vec<&'static str>)> = Vec::new();
    for symbol in &kinds::PLACE_SYMBOLS {
        let drawn = markers.iter().any(|m| same_symbol(&m.style, symbol.shape, symbol.fill));
        let name = symbol.kind.plural(lang);
        match rows.iter_mut().find(|r| r.0 == symbol.shape && r.1 == symbol.fill) {
            Some(row) => row.2.push(name),
            None if drawn => rows.push((symbol.shape, symbol.fill, vec![name])),
            None => {}
        }
    }
    for (shape, fill, names) in rows {
        let style = MarkerStyle { shape, fill, outline: style::rgb(0xff, 0xff, 0xff), radius: 6.0 };
        out.push(LegendEntry {
            symbol: LegendSymbol::Marker(style),
            label: names.join(lang.pick(" / ", "／")),
        });
    }
    if markers.iter().any(|m| m.style.fill[3] < 255) {
        out.push(LegendEntry {
            symbol: LegendSymbol::StatusShades,
            label: lang
                .pick(
                    "Solid: existing · lighter: under construction · palest: planned",
                    "实色：已建成 · 较浅：在建 · 最浅：规划中",
                )
                .to_string(),
        });
    }
    if markers.iter().any(|m| m.halo_radius.is_some()) {
        out.push(LegendEntry {
            symbol: LegendSymbol::AreaHalo,
            label: lang
                .pick("Located only to town/county/city level", "仅定位到镇／县／市级")
                .to_string(),
        });
    }
    for status in Status::ALL {
        let line = kinds::expressway_line(status);
        if items.iter().any(|i| matches!(i, super::Item::Polyline { style, .. } if *style == line))
        {
            let label = match status {
                Status::Existing => {
                    lang.pick("Expressway, built (schematic)", "高速公路，已建成（示意）")
                }
                Status::UnderConstruction => lang
                    .pick("Expressway, under construction (schematic)", "高速公路，在建（示意）"),
                Status::Planned => {
                    lang.pick("Expressway, planned (schematic)", "高速公路，规划（示意）")
                }
            };
            out.push(LegendEntry { symbol: LegendSymbol::Line(line), label: label.to_string() });
        }
    }
    out
}

/// Whether a drawn marker shows the catalogue symbol `shape` in `fill` (at any status's
/// opacity and any size).
pub fn same_symbol(drawn: &MarkerStyle, shape: MarkerShape, fill: Color) -> bool {
    drawn.shape == shape && drawn.fill[..3] == fill[..3]
}

/// "1,234": counts in the legend.
fn count_text(n: usize) -> String {
    crate::layer::style::format_value(n as f64)
}

/// The symbol a user layer's class is drawn with: a circle for points, a line for lines, a
/// filled square for polygons (a layer of mixed kinds shows its points, else its lines).
fn user_symbol(drawn: &DrawnLayer, color: Color, size: f32) -> LegendSymbol {
    let data = &drawn.layer.data;
    let color = fade(color, drawn.opacity);
    match data.kinds().first() {
        Some(FeatureKind::Point) | None => LegendSymbol::Circle(color, size),
        Some(FeatureKind::Line) => {
            LegendSymbol::Line(LineStyle { width: size, color, dash: Dash::Solid })
        }
        Some(FeatureKind::Polygon) => {
            let outline = LineStyle { width: 0.8, color: darker(color), dash: Dash::Solid };
            LegendSymbol::Fill(fade([color[0], color[1], color[2], 150], drawn.opacity), outline)
        }
    }
}

/// A user layer's block: one row for a single colour; otherwise a heading (file name and
/// attribute) then its categories with counts, size samples or width classes. Aggregated points
/// add a row saying what a bin is.
pub fn user_layer_entries(drawn: &DrawnLayer, binned: bool, lang: Lang) -> Vec<LegendEntry> {
    let style = &drawn.style;
    let name = drawn.name();
    let mut out = Vec::new();
    let base = style.base_size.min(7.0);
    match &style.attribute {
        None => {
            let color = style.classes.first().map_or([150, 150, 150, 255], |c| c.color);
            let label = format!("{name} ({})", count_text(drawn.layer.data.feature_count()));
            out.push(LegendEntry { symbol: user_symbol(drawn, color, base), label });
        }
        Some(attribute) => {
            out.push(LegendEntry {
                symbol: LegendSymbol::Heading,
                label: format!("{name} — {attribute}"),
            });
            let first = style.classes.first().map_or([150, 150, 150, 255], |c| c.color);
            for (value, radius) in &style.size_legend {
                out.push(LegendEntry {
                    symbol: LegendSymbol::Circle(fade(first, drawn.opacity), *radius),
                    label: value.clone(),
                });
            }
            for (range, width) in &style.width_legend {
                out.push(LegendEntry {
                    symbol: LegendSymbol::Line(LineStyle {
                        width: *width,
                        color: fade(first, drawn.opacity),
                        dash: Dash::Solid,
                    }),
                    label: range.clone(),
                });
            }
            let sized = !style.size_legend.is_empty() || !style.width_legend.is_empty();
            for class in style.classes.iter().skip(if sized { 1 } else { 0 }) {
                out.push(LegendEntry {
                    symbol: user_symbol(drawn, class.color, base),
                    label: format!("{} ({})", class.label, count_text(class.count)),
                });
            }
        }
    }
    if binned {
        out.push(LegendEntry {
            symbol: LegendSymbol::Circle(
                fade(style.classes.first().map_or(MIXED_BIN, |c| c.color), drawn.opacity),
                7.0,
            ),
            label: lang
                .pick(
                    "Nearby points grouped, with their count (zoom in for single points)",
                    "相邻点已合并并标注数量（放大可见单点）",
                )
                .to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_lists_only_visible_layers() {
        let mut layers = Layers::none();
        layers.expressways = true;
        let rows = legend_entries(&layers, false, None, false, Lang::En);
        assert!(!rows.iter().any(|r| r.label.contains("Approximate")));
        let rows = legend_entries(
            &Layers::default(),
            false,
            Some(style::TOWN_OUTLINE_APPROX),
            false,
            Lang::En,
        );
        assert!(rows.iter().any(|r| r.label.contains("Approximate town area")));
        assert!(
            !rows.iter().any(|r| r.label.contains("official source")),
            "no real towns on screen, no row"
        );
    }

    /// Under a thematic map the cities' row is their outline, not the soft fill the theme
    /// replaced (QA saw a pink "Prefecture city" swatch beside the classes).
    #[test]
    fn a_themed_map_shows_the_city_outline_not_its_fill() {
        let plain = legend_entries(&Layers::default(), false, None, false, Lang::En);
        assert!(plain
            .iter()
            .any(|r| matches!(r.symbol, LegendSymbol::Fill(..)) && r.label == "Prefecture city"));
        let themed = legend_entries(&Layers::default(), false, None, true, Lang::Zh);
        assert!(!themed.iter().any(|r| matches!(r.symbol, LegendSymbol::Fill(..))), "{themed:?}");
        assert!(themed
            .iter()
            .any(|r| r.symbol == LegendSymbol::Line(style::CITY_OUTLINE) && r.label == "地级市界"));
    }
}
