//! Plain data types of the atlas. No I/O, no drawing: every other layer builds on these.

use serde::{Deserialize, Serialize};

/// WGS84 `[lon, lat]` in degrees.
pub type LonLat = [f64; 2];

/// Administrative level of a region, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    City,
    County,
    Town,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Province, Level::City, Level::County, Level::Town];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Town => "town",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Where a region's shape comes from; the UI must show `Approximate` as such.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeometryKind {
    /// A polygon from the boundary source (or an official file supplied by the user).
    Real,
    /// A Voronoi cell around the town seat, clipped to the county: not an official boundary.
    Approximate,
    /// No shape: the unit is searchable but cannot be drawn or picked.
    None,
}

impl GeometryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GeometryKind::Real => "real",
            GeometryKind::Approximate => "approximate",
            GeometryKind::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "real" => Some(Self::Real),
            "approximate" => Some(Self::Approximate),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

/// Index of a region in [`crate::model::Atlas::regions`].
pub type RegionIdx = usize;

#[derive(Clone, Debug, Serialize)]
pub struct Region {
    pub code: String,
    pub level: Level,
    pub parent_code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
    pub aliases: Vec<String>,
    /// e.g. `district`, `subdistrict`, `town`, `other_unit`.
    pub unit_kind: String,
    pub geometry: GeometryKind,
    /// Approximate town seat, where known.
    pub seat_lonlat: Option<LonLat>,
    pub seat_source: String,
    /// Other codes of the same unit (old/new code pairs).
    pub alias_codes: Vec<String>,
    pub note: String,
    /// Index of this region's shape in [`crate::geo::topology::Topology::shapes`].
    #[serde(skip)]
    pub shape: Option<usize>,
    /// Resolved parent, filled by the loader.
    #[serde(skip)]
    pub parent: Option<RegionIdx>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    IndustrialPark,
    LogisticsHub,
    Port,
    Airport,
    Expressway,
    Road,
    Town,
    Other,
}

impl PlaceKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "industrial_park" => Self::IndustrialPark,
            "logistics_hub" => Self::LogisticsHub,
            "port" => Self::Port,
            "airport" => Self::Airport,
            "expressway" => Self::Expressway,
            "road" => Self::Road,
            "town" => Self::Town,
            "other" => Self::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::IndustrialPark => "industrial_park",
            Self::LogisticsHub => "logistics_hub",
            Self::Port => "port",
            Self::Airport => "airport",
            Self::Expressway => "expressway",
            Self::Road => "road",
            Self::Town => "town",
            Self::Other => "other",
        }
    }
}

/// Construction status as the article states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Existing,
    UnderConstruction,
    Planned,
}

impl Status {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "existing" | "built" => Some(Self::Existing),
            "under_construction" => Some(Self::UnderConstruction),
            "planned" => Some(Self::Planned),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Existing => "existing",
            Self::UnderConstruction => "under_construction",
            Self::Planned => "planned",
        }
    }
}

/// How well a marker's coordinate locates the thing it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Site,
    Zone,
    Town,
    County,
    City,
    Region,
    Schematic,
    Unlocated,
}

impl Precision {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "site" => Self::Site,
            "zone" => Self::Zone,
            "town" => Self::Town,
            "county" => Self::County,
            "city" => Self::City,
            "region" => Self::Region,
            "schematic" => Self::Schematic,
            "unlocated" => Self::Unlocated,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Site => "site",
            Self::Zone => "zone",
            Self::Town => "town",
            Self::County => "county",
            Self::City => "city",
            Self::Region => "region",
            Self::Schematic => "schematic",
            Self::Unlocated => "unlocated",
        }
    }

    /// Words a reader understands, e.g. "located to town level".
    pub fn describe_en(self) -> &'static str {
        match self {
            Self::Site => "located at the site",
            Self::Zone => "located within its zone (±8 km)",
            Self::Town => "located to town level",
            Self::County => "located to county level (placeholder at the county seat)",
            Self::City => "located to city level (placeholder at the city point)",
            Self::Region => "synthetic centre of a large area",
            Self::Schematic => "on a schematic alignment",
            Self::Unlocated => "not located",
        }
    }

    pub fn describe_zh(self) -> &'static str {
        match self {
            Self::Site => "精确到场址",
            Self::Zone => "定位到园区范围（±8 公里）",
            Self::Town => "定位到镇级",
            Self::County => "定位到县级（县城占位点）",
            Self::City => "定位到市级（城市占位点）",
            Self::Region => "大片区域的合成中心",
            Self::Schematic => "示意走向上的点",
            Self::Unlocated => "未定位",
        }
    }

    /// True when the marker stands for an area, not a surveyed site.
    pub fn is_area_level(self) -> bool {
        matches!(self, Self::Town | Self::County | Self::City | Self::Region)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Place {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub name_zh_confidence: String,
    pub kind: PlaceKind,
    pub subkind: String,
    pub status: Status,
    pub status_note: String,
    /// The county (or city) the marker claims to lie in.
    pub region_code: String,
    /// The region this place *is* (a town or city discussed by the articles), if any.
    pub represents: Option<String>,
    pub lonlat: Option<LonLat>,
    pub precision: Precision,
    pub precision_note: String,
    pub coord_method: String,
    pub coord_source: String,
    pub line_ids: Vec<String>,
    pub notes: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ControlPoint {
    pub name: String,
    pub lonlat: LonLat,
    pub src: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub status: Status,
    /// `schematic` for every line we have: control points, not a surveyed alignment.
    pub geometry_quality: String,
    pub place_id: Option<String>,
    pub source: String,
    pub note: String,
    pub lonlat: Vec<LonLat>,
    pub control_points: Vec<ControlPoint>,
}

impl Line {
    pub fn is_schematic(&self) -> bool {
        self.geometry_quality != "surveyed"
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// File name in `data/documents/`; the key other files use.
    pub file: String,
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub language: String,
    pub note: String,
    #[serde(skip)]
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Indicator {
    pub id: String,
    /// Region code or place id.
    pub subject: String,
    pub subject_label: String,
    pub indicator: String,
    pub value_as_stated: String,
    pub unit_as_stated: String,
    pub period: String,
    pub value_corrected: String,
    pub unit_corrected: String,
    pub correction_reason: String,
    pub document: String,
    pub excerpt: String,
}

impl Indicator {
    /// The source is garbled and a corrected reading is given.
    pub fn is_corrected(&self) -> bool {
        !self.correction_reason.is_empty()
    }
}

/// How an excerpt came to be attached to a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Listed in `data/excerpts.csv`.
    Curated,
    /// Found by name in a document at load time.
    ByName,
}

#[derive(Clone, Debug, Serialize)]
pub struct Excerpt {
    pub id: String,
    pub subjects: Vec<String>,
    pub document: String,
    pub text: String,
    pub link: LinkKind,
    /// For `ByName` links: the name that matched (to highlight it).
    pub matched_name: Option<String>,
}

/// Anything the user can select on the map.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Region(String),
    Place(String),
    Line(String),
}
