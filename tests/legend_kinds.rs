//! The legend is derived from what the scene drew, through the catalogue of kinds
//! (`scene::kinds`): every symbol on the map has exactly one legend row with the same symbol,
//! and no row shows a symbol that is not on the map. Issue 20 item 2.

use gd_atlas::export::extent::province_extent;
use gd_atlas::i18n::Lang;
use gd_atlas::model::PlaceKind;
use gd_atlas::scene::kinds::expressway_line;
use gd_atlas::scene::layers::Layers;
use gd_atlas::scene::legend::{same_symbol, LegendEntry, LegendSymbol};
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, Item, MarkerMode, Scene, SceneInput};

use crate::export_render::fixture;

/// The whole province with every layer on and every place its own marker: every kind the data
/// has is drawn.
fn every_kind_scene(markers: MarkerMode) -> Scene {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("province");
    let request = gd_atlas::scene::SceneRequest {
        markers,
        ..gd_atlas::scene::SceneRequest::of_layers(Layers::default())
    };
    build_scene(&SceneInput::new(
        &f.atlas,
        &f.geometry,
        View::fit(extent, [0.0, 0.0, 1600.0, 1000.0], 0.0),
        &request,
    ))
}

fn marker_rows(rows: &[LegendEntry]) -> Vec<&LegendEntry> {
    rows.iter().filter(|r| matches!(r.symbol, LegendSymbol::Marker(_))).collect()
}

#[test]
fn each_symbol_on_the_map_has_exactly_one_legend_row() {
    let scene = every_kind_scene(MarkerMode::Separate);
    let rows = scene.legend_entries(Lang::En);
    let markers: Vec<_> = scene
        .items
        .iter()
        .filter_map(|i| if let Item::Marker(m) = i { Some(m) } else { None })
        .collect();
    assert!(!markers.is_empty());
    for m in &markers {
        let same: Vec<_> = marker_rows(&rows).into_iter().filter(|r| matches!(&r.symbol, LegendSymbol::Marker(s) if same_symbol(&m.style, s.shape, s.fill))).collect();
        assert_eq!(same.len(), 1, "marker {:?} has {} legend rows", m.style, same.len());
    }
    for row in marker_rows(&rows) {
        let LegendSymbol::Marker(s) = &row.symbol else { unreachable!() };
        assert!(
            markers.iter().any(|m| same_symbol(&m.style, s.shape, s.fill)),
            "row {:?} shows a symbol not on the map",
            row.label
        );
    }
    // Expressway lines: one row per status drawn, in the style drawn.
    for status in gd_atlas::model::Status::ALL {
        let line = expressway_line(status);
        let drawn =
            scene.items.iter().any(|i| matches!(i, Item::Polyline { style, .. } if *style == line));
        let rows_of = rows.iter().filter(|r| r.symbol == LegendSymbol::Line(line)).count();
        assert_eq!(rows_of, usize::from(drawn), "{status:?}: drawn {drawn}, {rows_of} rows");
    }
    // Paler statuses are drawn, so the legend says what the shades mean.
    assert!(markers.iter().any(|m| m.style.fill[3] < 255));
    assert_eq!(rows.iter().filter(|r| r.symbol == LegendSymbol::StatusShades).count(), 1);
}

/// The two holes the hand-written legend had: ports (blue diamonds) had no row of their own,
/// and road / expressway project markers (red circles) none at all.
#[test]
fn ports_and_road_projects_have_their_rows_named_from_the_catalogue() {
    let f = fixture();
    let rows = every_kind_scene(MarkerMode::Separate).legend_entries(Lang::En);
    for kind in [PlaceKind::Port, PlaceKind::Road, PlaceKind::Airport] {
        assert!(f.atlas.places.iter().any(|p| p.kind == kind), "the data has a {kind:?}");
        let symbol = &gd_atlas::scene::kinds::place_symbol(kind);
        let row = marker_rows(&rows).into_iter().find(|r| matches!(&r.symbol, LegendSymbol::Marker(s) if s.shape == symbol.shape && s.fill[..3] == symbol.fill[..3]));
        let row = row.unwrap_or_else(|| panic!("{kind:?} has a legend row"));
        assert!(row.label.contains(kind.plural(Lang::En)), "{:?} names {kind:?}", row.label);
    }
    let zh = every_kind_scene(MarkerMode::Separate).legend_entries(Lang::Zh);
    assert!(
        zh.iter().any(|r| r.label.contains(PlaceKind::Port.name(Lang::Zh))),
        "中文 rows from the same catalogue"
    );
}

#[test]
fn a_figure_without_markers_has_no_marker_rows() {
    let rows = every_kind_scene(MarkerMode::Hidden).legend_entries(Lang::En);
    assert!(
        marker_rows(&rows).is_empty(),
        "{:?}",
        rows.iter().map(|r| &r.label).collect::<Vec<_>>()
    );
    assert!(!rows
        .iter()
        .any(|r| r.symbol == LegendSymbol::StatusShades || r.symbol == LegendSymbol::AreaHalo));
}
