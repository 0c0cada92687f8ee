//! Plain data types of the atlas. No I/O, no drawing: every other layer builds on these.

use serde::{Deserialize, Serialize};

use super::enum_text::text_enum;

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

/// Construction status as the article states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// `built` is accepted on reading (older gazetteer spelling); `existing` is written.
    #[serde(alias = "built")]
    Existing,
    UnderConstruction,
    Planned,
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
    /// The atlas's Chinese translations of the notes above (empty where the data has none):
    /// shown in 中文 marked as such, the English on hover.
    pub status_note_zh: String,
    pub precision_note_zh: String,
    pub coord_method_zh: String,
    pub notes_zh: String,
}

impl Place {
    /// The status note in `lang` (the atlas's translation in 中文 when the data has one).
    pub fn status_note_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.status_note, &self.status_note_zh)
    }

    /// The precision note in `lang`.
    pub fn precision_note_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.precision_note, &self.precision_note_zh)
    }

    /// How the coordinates were found, in `lang`.
    pub fn coord_method_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.coord_method, &self.coord_method_zh)
    }

    /// The free-text notes in `lang`.
    pub fn notes_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.notes, &self.notes_zh)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ControlPoint {
    pub name: String,
    pub lonlat: LonLat,
    pub src: String,
    /// The atlas's Chinese translation of `src` (empty where the data has none).
    pub src_zh: String,
}

impl ControlPoint {
    /// Where the point comes from, in `lang`.
    pub fn src_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.src, &self.src_zh)
    }
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
    /// Where the route comes from, as the gazetteer states it (English, quoting Chinese sources).
    pub source: String,
    pub note: String,
    /// The atlas's Chinese translation of `source` and `note` (empty in an older data folder).
    pub source_zh: String,
    pub note_zh: String,
    pub lonlat: Vec<LonLat>,
    pub control_points: Vec<ControlPoint>,
}

impl Line {
    pub fn is_schematic(&self) -> bool {
        self.geometry_quality != "surveyed"
    }

    /// The route's source in `lang`: the atlas's translation in 中文 when the data has one.
    pub fn source_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.source, &self.source_zh)
    }

    /// The line's note in `lang` (the atlas's translation in 中文 when the data has one).
    pub fn note_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.note, &self.note_zh)
    }
}

/// How the 中文 interface marks a publisher kept in English: the articles are English
/// translations, and the corpus never prints the publisher's Chinese name.
pub const PUBLISHER_UNVERIFIED_ZH: &str = "英文译名，中文原名未经核实";

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// File name in `data/documents/`; the key other files use.
    pub file: String,
    pub title: String,
    pub publisher: String,
    /// The publisher's own Chinese name, only where the article's text shows it (empty
    /// otherwise: the atlas does not guess a publisher's name).
    pub publisher_zh: String,
    pub date: String,
    pub language: String,
    pub note: String,
    /// The atlas's Chinese translation of `note` (empty where the data has none).
    pub note_zh: String,
    /// The atlas's Chinese translation of `title` (empty when the article has no title).
    pub title_zh: String,
    /// For an article without a title: what it is about, in the atlas's words (English and
    /// Chinese), so no list shows a bare file name.
    pub topic: String,
    pub topic_zh: String,
    #[serde(skip)]
    pub text: String,
}

impl Document {
    /// The atlas's note on the article in `lang` (its translation in 中文).
    pub fn note_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.note, &self.note_zh)
    }

    /// The title to show in `lang`: in 中文 the atlas's translation; an untitled article as
    /// "Untitled — its topic"; the file name only when the data gives nothing else.
    pub fn display_title(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let untitled = |topic: &str| match lang {
            Lang::En => format!("Untitled — {topic}"),
            Lang::Zh => format!("无标题——{topic}"),
        };
        match lang {
            Lang::Zh if !self.title_zh.trim().is_empty() => self.title_zh.clone(),
            _ if !self.title.trim().is_empty() => self.title.clone(),
            Lang::Zh if !self.topic_zh.trim().is_empty() => untitled(&self.topic_zh),
            _ if !self.topic.trim().is_empty() => untitled(&self.topic),
            _ => self.file.clone(),
        }
    }

    /// The publisher in `lang`. In 中文 without a verified Chinese name, the English name as the
    /// article prints it, marked so no one takes it for the atlas's oversight or a translation.
    pub fn publisher_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match lang {
            Lang::Zh if !self.publisher_zh.trim().is_empty() => self.publisher_zh.clone(),
            Lang::Zh if !self.publisher.trim().is_empty() => {
                format!("{}（{PUBLISHER_UNVERIFIED_ZH}）", self.publisher)
            }
            _ => self.publisher.clone(),
        }
    }

    /// The original title beside a translated one (`None` when the shown title is the original,
    /// or there is none).
    pub fn original_title(&self, lang: crate::i18n::Lang) -> Option<&str> {
        (lang == crate::i18n::Lang::Zh
            && !self.title_zh.trim().is_empty()
            && !self.title.trim().is_empty())
        .then_some(self.title.as_str())
    }
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
    /// What the corrected value is; `None` exactly when there is no corrected value.
    pub correction_kind: Option<CorrectionKind>,
    /// Why the corrected value differs, or (without a corrected value) a note on how the row was
    /// decided.
    pub correction_reason: String,
    pub document: String,
    pub excerpt: String,
    /// The atlas's Chinese translation of the English columns (empty where not translated).
    pub zh: IndicatorZh,
}

/// The `*_zh` columns of `indicators.csv`: the atlas's translation of an indicator's name,
/// subject label, values, units and period. The excerpt is never translated: it is a quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IndicatorZh {
    pub indicator: String,
    pub subject_label: String,
    pub value: String,
    pub unit: String,
    pub period: String,
    pub value_corrected: String,
    pub unit_corrected: String,
    /// The atlas's translation of `correction_reason` (the atlas's own note, not a quote).
    pub correction_reason: String,
}

/// `en` in English, else the Chinese form when there is one.
fn in_lang<'a>(lang: crate::i18n::Lang, en: &'a str, zh: &'a str) -> &'a str {
    match lang {
        crate::i18n::Lang::Zh if !zh.trim().is_empty() => zh,
        _ => en,
    }
}

/// A value and its unit as a reader says them, without changing a character of the number:
/// `12%`, `3.729 billion pieces`; in Chinese without a space (`372.9亿件`, `12%`), except before
/// a unit in Latin letters. A percentage sits on its number (`about 30% lower`) and its base
/// follows (`2.06% of residents aged 15+`, `2.06%（占15岁及以上人口）`); a base written as an
/// equation goes in brackets (`105（女=100）`); a bracketed remark closing the value comes after
/// the unit (`84 places (2022 rank would be 900th)`, `84位（2022年约为第900名）`).
pub fn value_with_unit(lang: crate::i18n::Lang, value: &str, unit: &str) -> String {
    let (value, unit) = (value.trim(), unit.trim());
    if unit.is_empty() || value.is_empty() {
        return format!("{value}{unit}");
    }
    let (figure, remark) = split_remark(value);
    let zh = lang == crate::i18n::Lang::Zh;
    let with_unit = if let Some(base) = percent_base(unit) {
        let figure = attach_percent(figure);
        match (base.is_empty(), zh) {
            (true, _) => figure,
            (false, false) => format!("{figure} {base}"),
            (false, true) => format!("{figure}（{base}）"),
        }
    } else if zh && unit.contains('=') {
        format!("{figure}（{unit}）")
    } else if zh && !unit.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{figure}{unit}")
    } else {
        format!("{figure} {unit}")
    };
    format!("{with_unit}{remark}")
}

/// `84 (2022 rank would be 900th)` → (`84`, ` (2022 rank would be 900th)`): a bracketed remark
/// closing a value that has a number before it, so the unit can go between them.
fn split_remark(value: &str) -> (&str, &str) {
    let open = match value.chars().last() {
        Some(')') => value.rfind('('),
        Some('）') => value.rfind('（'),
        _ => None,
    };
    match open {
        Some(i) if value[..i].chars().any(|c| c.is_ascii_digit()) => {
            let figure = value[..i].trim_end();
            (figure, &value[figure.len()..])
        }
        _ => (value, ""),
    }
}

/// The base of a percentage unit: `Some("")` for `%`, `Some("of residents aged 15+")` for
/// `% of residents aged 15+`, `Some("占15岁及以上人口")` for `占15岁及以上人口%`; `None` for a
/// unit that is no percentage.
fn percent_base(unit: &str) -> Option<&str> {
    let base = unit.strip_prefix('%').or_else(|| unit.strip_suffix('%'))?;
    (!base.contains('%')).then_some(base.trim())
}

/// `%` right after the value's last digit: `about 30 lower` → `about 30% lower`, `2.06` →
/// `2.06%`.
fn attach_percent(figure: &str) -> String {
    match figure.char_indices().rfind(|(_, c)| c.is_ascii_digit()) {
        Some((i, _)) => format!("{}%{}", &figure[..=i], &figure[i + 1..]),
        None => format!("{figure}%"),
    }
}

impl Indicator {
    /// A corrected value is given next to the stated one (its kind says what sort).
    pub fn is_corrected(&self) -> bool {
        self.correction_kind.is_some()
    }

    /// The indicator's name in `lang` (the atlas's translation in 中文).
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.indicator, &self.zh.indicator)
    }

    pub fn subject_label_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.subject_label, &self.zh.subject_label)
    }

    /// Why the row was corrected or decided, in `lang` (the atlas's translation in 中文).
    pub fn correction_reason_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.correction_reason, &self.zh.correction_reason)
    }

    pub fn period_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.period, &self.zh.period)
    }

    pub fn unit_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.unit_as_stated, &self.zh.unit)
    }

    pub fn unit_corrected_in(&self, lang: crate::i18n::Lang) -> &str {
        in_lang(lang, &self.unit_corrected, &self.zh.unit_corrected)
    }

    /// The value and unit as stated, in `lang`.
    pub fn stated(&self, lang: crate::i18n::Lang) -> String {
        value_with_unit(
            lang,
            in_lang(lang, &self.value_as_stated, &self.zh.value),
            self.unit_in(lang),
        )
    }

    /// The corrected value and unit, in `lang` (empty without a correction).
    pub fn corrected(&self, lang: crate::i18n::Lang) -> String {
        value_with_unit(
            lang,
            in_lang(lang, &self.value_corrected, &self.zh.value_corrected),
            self.unit_corrected_in(lang),
        )
    }
}

/// What a corrected indicator value is, so a reader never takes a computed number for a stated
/// one: the four are shown differently in the panel and in `info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// The text is garbled or mistranslated; this is the corrected reading.
    Garbled,
    /// The stated figure in another unit (jin → tonnes, mu → km²); the figure itself stands.
    Conversion,
    /// Computed from stated figures (816 + 84 = 900); the text does not state it.
    Derived,
    /// The stated figure checked against an outside source, which agrees or qualifies it.
    CrossCheck,
}

impl CorrectionKind {
    /// How the panel and `info` introduce the corrected value.
    pub fn describe_en(self) -> &'static str {
        match self {
            CorrectionKind::Garbled => "corrected reading",
            CorrectionKind::Conversion => "converted",
            CorrectionKind::Derived => "derived, not stated",
            CorrectionKind::CrossCheck => "cross-checked",
        }
    }

    pub fn describe_zh(self) -> &'static str {
        match self {
            CorrectionKind::Garbled => "更正读法",
            CorrectionKind::Conversion => "换算",
            CorrectionKind::Derived => "推算，原文未述",
            CorrectionKind::CrossCheck => "已核对",
        }
    }
}

/// How an excerpt came to be attached to a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Listed in `data/excerpts.csv`.
    Curated,
    /// Found by name in a document at load time.
    ByName,
    /// In a document section whose heading names the region ("Gaoyao District-Jinli Town"),
    /// in a sentence that names no other place ("The town has …"). Shown as "linked by section".
    BySection,
    /// In a paragraph whose last subject was the region, in a sentence naming only the region's
    /// larger units ("The total industrial output value of the town ranks first … in Zhaoqing").
    ByParagraph,
}

/// Why an automatic excerpt is attached to its region, for the details panel ("why is this
/// here?"). Curated excerpts have none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "text", rename_all = "snake_case")]
pub enum LinkReason {
    /// One of the region's own names matched, as written in the data (`Jinli`, `金利镇`).
    Name(String),
    /// An alias matched: from `regions.csv` (`Gao Yao`) or derived from the Chinese generic
    /// part (`Zhaoqing High-tech Zone` for 肇庆高新技术产业开发区).
    Alias(String),
    /// The sentence sits under a heading naming the region; the heading's text.
    SectionHeading(String),
    /// The sentence goes on about the subject of an earlier sentence of its paragraph; that
    /// sentence.
    Paragraph(String),
}

/// How much of a paragraph's subject sentence a reason quotes.
const PARAGRAPH_QUOTE_CHARS: usize = 60;

/// The first `chars` characters of `text`, with "…" when cut.
fn shortened(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

impl LinkReason {
    /// One line for the panel and `info`: `name “Jinli”`, `section “Gaoyao District-Jinli Town”`.
    pub fn describe(&self) -> String {
        match self {
            LinkReason::Name(n) => format!("name “{n}”"),
            LinkReason::Alias(n) => format!("alias “{n}”"),
            LinkReason::SectionHeading(h) => format!("section “{h}”"),
            LinkReason::Paragraph(s) => {
                format!("paragraph “{}”", shortened(s, PARAGRAPH_QUOTE_CHARS))
            }
        }
    }
}

/// Whether an excerpt's sentence is *about* its subject or only *mentions* it in passing (as the
/// locator of a smaller place, an item of a long list, a comparison, a generic lead-in). The
/// details panel lists the excerpts about a place first and folds the passing mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relevance {
    About,
    Mentioned,
}

/// The rule over the sentence's structure that decided an excerpt's [`Relevance`], shown beside
/// it ("mentioned: locates Jinli Town"). Each rule belongs to one relevance
/// ([`RelevanceRule::relevance`]), so the two cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", content = "place", rename_all = "snake_case")]
pub enum RelevanceRule {
    /// about: chosen by hand in `data/excerpts.csv`.
    Curated,
    /// about: the place opens the sentence's main clause, or owns its subject ("Longfu Town's
    /// regional economy has grown"), or acts in it ("Gaoyao will build …").
    Subject,
    /// about: named, and no rule makes the name a passing mention.
    Named,
    /// about: a heading made of place names, for its deepest place ("Gaoyao District-Jinli Town").
    Heading,
    /// about: a photo caption showing the place ("△Jinli Town. Photo by …").
    Caption,
    /// about: under the place's section heading, naming no other place as its subject.
    Section,
    /// about: continues the paragraph whose subject the place is, naming only the place's larger
    /// units ("The total industrial output value of the town ranks first … in Zhaoqing").
    Paragraph,
    /// mentioned: locates (or frames) a smaller place the sentence is about — "Jinli Town,
    /// Gaoyao District", "Dasha Town in Sihui", "Gaoyao Jinli"; the smaller place's name.
    Locator(String),
    /// mentioned: only in a person's title ("Mayor of Zhaoqing City Xu Xiaoxiong").
    Title,
    /// mentioned: one item of a long list of places.
    ListItem,
    /// mentioned: set beside the document's own place — a comparison, an origin, a destination
    /// ("customers in Guangzhou …, Puning's warehousing cost …"); the document's place.
    Comparison(String),
    /// mentioned: a short generic lead-in under a sub-heading of the place's section.
    LeadIn,
}

impl RelevanceRule {
    /// The relevance this rule gives.
    pub fn relevance(&self) -> Relevance {
        match self {
            RelevanceRule::Curated
            | RelevanceRule::Subject
            | RelevanceRule::Named
            | RelevanceRule::Heading
            | RelevanceRule::Caption
            | RelevanceRule::Section
            | RelevanceRule::Paragraph => Relevance::About,
            RelevanceRule::Locator(_)
            | RelevanceRule::Title
            | RelevanceRule::ListItem
            | RelevanceRule::Comparison(_)
            | RelevanceRule::LeadIn => Relevance::Mentioned,
        }
    }

    /// One line for the panel and `info`: "about: the sentence's subject", "mentioned: locates
    /// Jinli Town".
    pub fn describe(&self) -> String {
        match self {
            RelevanceRule::Curated => "about: chosen by hand".into(),
            RelevanceRule::Subject => "about: the sentence's subject".into(),
            RelevanceRule::Named => "about: named, not in passing".into(),
            RelevanceRule::Heading => "about: its section heading".into(),
            RelevanceRule::Caption => "about: a photo of it".into(),
            RelevanceRule::Section => "about: in its section".into(),
            RelevanceRule::Paragraph => "about: continues the paragraph about it".into(),
            RelevanceRule::Locator(place) => format!("mentioned: locates {place}"),
            RelevanceRule::Title => "mentioned: in a person's title".into(),
            RelevanceRule::ListItem => "mentioned: one of a long list".into(),
            RelevanceRule::Comparison(place) => format!("mentioned: set beside {place}"),
            RelevanceRule::LeadIn => "mentioned: a generic lead-in".into(),
        }
    }

    /// The same line in Chinese.
    pub fn describe_zh(&self) -> String {
        match self {
            RelevanceRule::Curated => "相关：人工选定".into(),
            RelevanceRule::Subject => "相关：句子主语".into(),
            RelevanceRule::Named => "相关：直接提及".into(),
            RelevanceRule::Heading => "相关：所在章节标题".into(),
            RelevanceRule::Caption => "相关：图片说明".into(),
            RelevanceRule::Section => "相关：位于其章节".into(),
            RelevanceRule::Paragraph => "相关：承接同段主语".into(),
            RelevanceRule::Locator(place) => format!("顺带提及：用于定位{place}"),
            RelevanceRule::Title => "顺带提及：人物职务".into(),
            RelevanceRule::ListItem => "顺带提及：长列举之一".into(),
            RelevanceRule::Comparison(place) => format!("顺带提及：与{place}对比"),
            RelevanceRule::LeadIn => "顺带提及：泛泛的引导句".into(),
        }
    }
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
    /// For automatic links: why the excerpt is attached (name, alias or section heading).
    pub reason: Option<LinkReason>,
    /// About the subject, or a passing mention (curated excerpts are about their subjects).
    pub relevance: Relevance,
    /// The rule that decided `relevance`.
    pub relevance_rule: RelevanceRule,
}

// `as_str`, `parse`, `Display` and `FromStr` from the serde spellings above: one table per enum.
text_enum!(Level, GeometryKind, PlaceKind, Status, Precision, LinkKind, CorrectionKind, Relevance);

/// Anything the user can select on the map.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Region(String),
    Place(String),
    Line(String),
    /// A feature of a user layer (issue 10).
    Feature(FeatureKey),
}

/// A feature of a user layer: the layer's id for this run of the app (layers are numbered as they
/// are loaded; ids are not persisted) and the feature's index in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeatureKey {
    pub layer: u64,
    pub feature: u32,
}

/// The province's code in `regions.csv` (the one region of level `province`; the export keeps
/// its legend off the province's land with it).
pub const PROVINCE_CODE: &str = "440000";

#[cfg(test)]
mod tests {
    use super::*;

    /// The QA pass's three awkward joins, and the joins that were already right.
    #[test]
    fn values_and_units_read_as_sentences_with_the_numbers_unchanged() {
        use crate::i18n::Lang::{En, Zh};
        assert_eq!(value_with_unit(Zh, "2.06", "占15岁及以上人口%"), "2.06%（占15岁及以上人口）");
        assert_eq!(
            value_with_unit(En, "2.06", "% of residents aged 15+"),
            "2.06% of residents aged 15+"
        );
        assert_eq!(
            value_with_unit(En, "84 (2022 rank would be 900th)", "places"),
            "84 places (2022 rank would be 900th)"
        );
        assert_eq!(
            value_with_unit(Zh, "84（2022年约为第900名）", "位"),
            "84位（2022年约为第900名）"
        );
        assert_eq!(value_with_unit(En, "about 30 lower", "%"), "about 30% lower");
        assert_eq!(value_with_unit(Zh, "低约30", "%"), "低约30%");
        assert_eq!(value_with_unit(En, "35.8", "%"), "35.8%");
        assert_eq!(value_with_unit(Zh, "105.23", "女=100"), "105.23（女=100）");
        assert_eq!(
            value_with_unit(En, "105.23", "males per 100 females"),
            "105.23 males per 100 females"
        );
        assert_eq!(value_with_unit(Zh, "372.9亿", "件"), "372.9亿件");
        assert_eq!(value_with_unit(Zh, "3", "km"), "3 km");
        assert_eq!(value_with_unit(En, "3.729 billion", "pieces"), "3.729 billion pieces");
        assert_eq!(value_with_unit(En, "12", ""), "12");
    }

    /// Every variant with the spelling the data files use; `as_str`, `parse`, serde JSON and
    /// CSV must all agree with it.
    fn check<T>(table: &[(T, &str)])
    where
        T: Copy
            + std::fmt::Debug
            + PartialEq
            + Serialize
            + serde::de::DeserializeOwned
            + std::fmt::Display
            + std::str::FromStr,
    {
        for &(value, text) in table {
            assert_eq!(super::super::enum_text::variant_name(&value), Some(text));
            assert_eq!(value.to_string(), text);
            assert_eq!(text.parse::<T>().ok(), Some(value), "{text}");
            assert_eq!(serde_json::to_string(&value).expect("json"), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<T>(&format!("\"{text}\"")).expect("json"), value);
        }
        assert!("no_such_value".parse::<T>().is_err());
    }

    #[test]
    fn enum_spellings_round_trip() {
        use Level as L;
        check(&[
            (L::Province, "province"),
            (L::City, "city"),
            (L::County, "county"),
            (L::Town, "town"),
        ]);
        use GeometryKind as G;
        check(&[(G::Real, "real"), (G::Approximate, "approximate"), (G::None, "none")]);
        use PlaceKind as K;
        check(&[
            (K::IndustrialPark, "industrial_park"),
            (K::LogisticsHub, "logistics_hub"),
            (K::Port, "port"),
            (K::Airport, "airport"),
            (K::Expressway, "expressway"),
            (K::Road, "road"),
            (K::Town, "town"),
            (K::Other, "other"),
        ]);
        use Status as S;
        check(&[
            (S::Existing, "existing"),
            (S::UnderConstruction, "under_construction"),
            (S::Planned, "planned"),
        ]);
        use Precision as P;
        check(&[
            (P::Site, "site"),
            (P::Zone, "zone"),
            (P::Town, "town"),
            (P::County, "county"),
            (P::City, "city"),
            (P::Region, "region"),
            (P::Schematic, "schematic"),
            (P::Unlocated, "unlocated"),
        ]);
        check(&[
            (LinkKind::Curated, "curated"),
            (LinkKind::ByName, "by_name"),
            (LinkKind::BySection, "by_section"),
            (LinkKind::ByParagraph, "by_paragraph"),
        ]);
        check(&[(Relevance::About, "about"), (Relevance::Mentioned, "mentioned")]);
        use CorrectionKind as C;
        check(&[
            (C::Garbled, "garbled"),
            (C::Conversion, "conversion"),
            (C::Derived, "derived"),
            (C::CrossCheck, "cross_check"),
        ]);
        assert_eq!(Level::ALL.map(Level::as_str), ["province", "city", "county", "town"]);
    }

    #[test]
    fn aliases_read_but_never_written() {
        assert_eq!(Status::parse("built"), Some(Status::Existing));
        assert_eq!(Status::Existing.as_str(), "existing");
        assert_eq!(Level::parse("Town"), None, "spellings are exact (callers trim)");
    }

    #[test]
    fn csv_cells_use_the_same_spelling() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Row {
            level: Level,
            kind: PlaceKind,
            status: Status,
        }
        let row = Row {
            level: Level::County,
            kind: PlaceKind::LogisticsHub,
            status: Status::UnderConstruction,
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.serialize(&row).expect("serialize");
        let text = String::from_utf8(writer.into_inner().expect("flush")).expect("utf8");
        assert_eq!(text, "level,kind,status\ncounty,logistics_hub,under_construction\n");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let back: Row = reader.deserialize().next().expect("a row").expect("valid row");
        assert_eq!(back, row);
    }
}
