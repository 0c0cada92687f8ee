//! Colours and line styles, shared by the window and the exports so a report figure looks like
//! the app. Colours are unpremultiplied sRGBA.

use crate::model::{Level, PlaceKind, Status};
use crate::theme::{RegionFill, NO_DATA};

pub type Color = [u8; 4];

pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
    [r, g, b, 255]
}

pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
    [r, g, b, a]
}

/// Dash pattern in screen points: `(on, off)`; `None` is a solid line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dash {
    Solid,
    Dashed { on: f32, off: f32 },
    Dotted { spacing: f32 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineStyle {
    pub width: f32,
    pub color: Color,
    pub dash: Dash,
}

pub const SEA: Color = rgb(0xd4, 0xe4, 0xef);
/// The ground beyond the basemap's extent: the page's own white, as a printed map ends at its
/// neat line.
pub const PAPER: Color = rgb(0xff, 0xff, 0xff);
pub const LAND_OUTSIDE: Color = rgb(0xee, 0xec, 0xe6);
pub const NEIGHBOUR_OUTLINE: LineStyle =
    LineStyle { width: 0.8, color: rgb(0xb9, 0xb3, 0xa6), dash: Dash::Solid };
pub const RIVER: LineStyle =
    LineStyle { width: 1.2, color: rgb(0x8f, 0xb8, 0xd6), dash: Dash::Solid };
pub const LAKE: Color = rgb(0xc2, 0xd9, 0xea);
pub const PROVINCE_FILL: Color = rgb(0xfb, 0xf9, 0xf3);
pub const PROVINCE_OUTLINE: LineStyle =
    LineStyle { width: 1.8, color: rgb(0x4a, 0x4a, 0x4a), dash: Dash::Solid };
pub const CITY_OUTLINE: LineStyle =
    LineStyle { width: 1.4, color: rgb(0x6b, 0x62, 0x58), dash: Dash::Solid };
pub const COUNTY_OUTLINE: LineStyle =
    LineStyle { width: 0.8, color: rgb(0x8e, 0x86, 0x7c), dash: Dash::Solid };
pub const TOWN_OUTLINE_REAL: LineStyle =
    LineStyle { width: 0.8, color: rgb(0x8a, 0x84, 0x7c), dash: Dash::Solid };
/// Approximate town areas are dashed: they are Voronoi cells, not official boundaries.
pub const TOWN_OUTLINE_APPROX: LineStyle = LineStyle {
    width: 0.9,
    color: rgb(0x8a, 0x84, 0x7c),
    dash: Dash::Dashed { on: 5.0, off: 3.5 },
};
/// Approximate town borders seen from afar in the window: lighter and solid (see
/// `SceneInput::interactive`).
pub const TOWN_OUTLINE_APPROX_FAR: LineStyle =
    LineStyle { width: 0.5, color: rgb(0xb4, 0xae, 0xa6), dash: Dash::Solid };
pub const HOVER_OUTLINE: LineStyle =
    LineStyle { width: 2.5, color: rgb(0xf0, 0x8a, 0x24), dash: Dash::Solid };
/// The outline of a user's point: dark, so a point of any colour stands out from the map's
/// pale fills and from the atlas's markers (which have white edges).
pub const USER_POINT_OUTLINE: LineStyle =
    LineStyle { width: 1.3, color: [0x1a, 0x1a, 0x1a, 235], dash: Dash::Solid };
pub const SELECTION_OUTLINE: LineStyle =
    LineStyle { width: 3.5, color: rgb(0xc6, 0x1e, 0x2e), dash: Dash::Solid };
/// The white casing under a selected region's outline: the outline reads on any fill, dark or
/// light, red or green (a red outline alone vanished on a choropleth of reds, issue 19 QA).
pub const SELECTION_CASING: LineStyle =
    LineStyle { width: 6.5, color: rgb(0xff, 0xff, 0xff), dash: Dash::Solid };
/// A selected region's outline over a thematic map: near-black on the white casing, which
/// contrasts with every class of every palette (the reds and oranges of a sequential palette
/// included); without a theme the selection keeps its red.
pub const SELECTION_OUTLINE_ON_THEME: LineStyle =
    LineStyle { width: 3.0, color: rgb(0x1a, 0x1a, 0x1a), dash: Dash::Solid };
/// The selected region's outline, and the colour its name takes on the map: red, or near-black
/// over a thematic map (a red name on a red-orange class could not be read on a projector).
pub fn selection_outline(themed: bool) -> LineStyle {
    if themed {
        SELECTION_OUTLINE_ON_THEME
    } else {
        SELECTION_OUTLINE
    }
}
/// Regions pinned for comparison (issue 12): a dashed blue that reads beside the selection's red.
pub const PINNED_OUTLINE: LineStyle = LineStyle {
    width: 3.0,
    color: rgb(0x1f, 0x5f, 0xb4),
    dash: Dash::Dashed { on: 8.0, off: 4.0 },
};
pub const SELECTION_FILL: Color = rgba(0xc6, 0x1e, 0x2e, 40);
pub const LABEL_COLOR: Color = rgb(0x30, 0x2c, 0x28);
pub const LABEL_HALO: Color = rgba(0xff, 0xff, 0xff, 210);

/// Soft categorical fills so neighbouring cities are told apart without shouting.
const CITY_PALETTE: [Color; 8] = [
    rgb(0xf6, 0xe8, 0xc3),
    rgb(0xdc, 0xea, 0xcf),
    rgb(0xe8, 0xdf, 0xf0),
    rgb(0xf9, 0xdc, 0xc8),
    rgb(0xee, 0xe6, 0xd2),
    rgb(0xf3, 0xd9, 0xe1),
    rgb(0xe4, 0xea, 0xc4),
    rgb(0xf1, 0xe2, 0xd0),
];

/// Fill of a city, chosen from its code so the colour is stable across runs and exports.
pub fn city_fill(city_code: &str) -> Color {
    // Codes run 4401xx..4453xx; the third/fourth digits identify the city.
    let n: usize = city_code.get(2..4).and_then(|s| s.parse().ok()).unwrap_or(0);
    CITY_PALETTE[(n * 5) % CITY_PALETTE.len()]
}

pub fn outline_for(level: Level, approximate: bool) -> LineStyle {
    match level {
        Level::Province => PROVINCE_OUTLINE,
        Level::City => CITY_OUTLINE,
        Level::County => COUNTY_OUTLINE,
        Level::Town if approximate => TOWN_OUTLINE_APPROX,
        Level::Town => TOWN_OUTLINE_REAL,
    }
}

/// Expressways by status (`kinds::expressway_line`).
pub fn expressway_style(status: Status) -> LineStyle {
    super::kinds::expressway_line(status)
}

/// The marker glyph family of a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerShape {
    Square,
    Diamond,
    Circle,
    Triangle,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkerStyle {
    pub shape: MarkerShape,
    pub fill: Color,
    pub outline: Color,
    pub radius: f32,
}

pub fn marker_style(kind: PlaceKind, status: Status) -> MarkerStyle {
    let symbol = super::kinds::place_symbol(kind);
    let f = symbol.fill;
    MarkerStyle {
        shape: symbol.shape,
        fill: [f[0], f[1], f[2], super::kinds::status_alpha(status)],
        outline: rgb(0xff, 0xff, 0xff),
        radius: 6.0,
    }
}

/// Halo around markers that only locate an area (town/county/city level), not a site.
pub const AREA_HALO: Color = rgba(0x6a, 0x3d, 0x9a, 24);
pub const AREA_HALO_OUTLINE: LineStyle = LineStyle {
    width: 1.0,
    color: rgba(0x6a, 0x3d, 0x9a, 95),
    dash: Dash::Dashed { on: 3.0, off: 3.0 },
};

/// Text size of labels per level, in points (before the UI's text scale).
pub fn label_size(level: Level) -> f32 {
    match level {
        Level::Province => 18.0,
        Level::City => 15.0,
        Level::County => 12.5,
        Level::Town => 11.0,
    }
}

/// Parallel diagonal lines over a shape (the no-data style of a theme).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hatch {
    pub line: LineStyle,
    /// Distance between the lines, screen points.
    pub spacing: f32,
}

/// Units of a theme without a value: `theme::NO_DATA`'s grey under its darker hatch, so they
/// read as "no data" in colour and in greyscale print.
pub const NO_DATA_HATCH: Hatch = Hatch {
    line: LineStyle {
        width: 0.7,
        color: rgb(NO_DATA.hatch[0], NO_DATA.hatch[1], NO_DATA.hatch[2]),
        dash: Dash::Solid,
    },
    spacing: NO_DATA.hatch_spacing,
};

/// The colour a theme fills a unit with: its class colour, or the no-data grey.
pub fn theme_fill(fill: RegionFill) -> Color {
    match fill {
        RegionFill::Class { colour, .. } => rgb(colour[0], colour[1], colour[2]),
        RegionFill::NoData => rgb(NO_DATA.fill[0], NO_DATA.fill[1], NO_DATA.fill[2]),
    }
}

/// Outline of a theme class swatch in the legend.
pub const THEME_SWATCH_OUTLINE: LineStyle =
    LineStyle { width: 0.6, color: rgb(0x80, 0x80, 0x80), dash: Dash::Solid };

/// Darker ink of the high-contrast style: `color` two thirds of the way to black.
fn darker(color: Color) -> Color {
    let d = |c: u8| (c as f32 / 3.0).round() as u8;
    [d(color[0]), d(color[1]), d(color[2]), color[3].max(230)]
}

/// A border as drawn: its width times `line_scale` (presentation mode enlarges lines with the
/// labels), and with `high_contrast` half as wide again in a near-black ink, for projectors that
/// wash out thin grey lines.
pub fn border_style(base: LineStyle, line_scale: f32, high_contrast: bool) -> LineStyle {
    let width = base.width * line_scale.max(0.5);
    if high_contrast {
        LineStyle { width: width * 1.5, color: darker(base.color), dash: base.dash }
    } else {
        LineStyle { width, ..base }
    }
}

/// Label ink: the usual dark grey, or black in the high-contrast style.
pub fn label_color(high_contrast: bool) -> Color {
    if high_contrast {
        rgb(0, 0, 0)
    } else {
        LABEL_COLOR
    }
}
