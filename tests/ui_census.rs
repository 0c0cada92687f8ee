//! The census in the window (issue 18): a county's details show its 2020 figures with ranks in
//! both languages; a themed tour stop shades the map and the end of the tour gives the
//! teacher's own map back.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::i18n::Lang;
use gd_atlas::model::Subject;
use gd_atlas::theme::{AttributeSpec, Builtin, ThemeLevel};
use gd_atlas::ui::tour_recorder::TourAction;
use gd_atlas::ui::{Action, Selection};

fn harness() -> Harness<'static, AtlasApp> {
    crate::support::app_harness(crate::support::embedded_app(None), [1600.0, 1000.0])
}

fn shows(harness: &Harness<'static, AtlasApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() >= 1
}

fn select(harness: &mut Harness<'static, AtlasApp>, code: &str) {
    harness.state_mut().push(Action::Select(Selection::of(Subject::Region(code.into()))));
    harness.run_steps(4);
}

#[test]
fn a_county_shows_its_census_figures_with_ranks() {
    let mut harness = harness();
    select(&mut harness, "441204");
    for text in [
        "2020 census",
        "Resident population",
        "741,591 people",
        "of 122 counties",
        "Working in manufacturing",
        "35.8%",
        "leiii/census",
    ] {
        assert!(shows(&harness, text), "Gaoyao's panel shows {text:?}");
    }
    harness.state_mut().push(Action::SetLang(Lang::Zh));
    harness.run_steps(4);
    for text in ["2020年人口普查", "常住人口", "741,591人", "122个县级单位中第"] {
        assert!(shows(&harness, text), "高要区 shows {text:?}");
    }
}

#[test]
fn a_city_is_ranked_among_the_cities_and_a_town_has_no_census_section() {
    let mut harness = harness();
    select(&mut harness, "440100");
    assert!(shows(&harness, "18,676,605 people"));
    assert!(shows(&harness, "1st of 21 cities"), "Guangzhou is the most populous city");
    select(&mut harness, "441204115");
    assert!(!shows(&harness, "2020 census"), "the yearbook has no town rows");
}

#[test]
fn puning_shows_both_readings_of_the_documents_claim() {
    let mut harness = harness();
    select(&mut harness, "445281");
    assert!(shows(&harness, "Cross-check with the census"));
    assert!(shows(&harness, "3rd of China's 311 county-level cities"));
    assert!(shows(&harness, "registered (hukou) population"));
}

fn census_theme(app: &AtlasApp) -> Option<(ThemeLevel, String)> {
    match app.settings.theme.as_ref().map(|s| &s.source) {
        Some(AttributeSpec::Builtin { level, builtin: Builtin::Census { id } }) => {
            Some((*level, id.clone()))
        }
        _ => None,
    }
}

#[test]
fn themed_tour_stops_shade_the_map_and_the_end_restores_it() {
    let mut harness = harness();
    let index = harness
        .state()
        .reading
        .tours
        .saved
        .iter()
        .position(|t| t.name == "uneven_development")
        .expect("the tour ships");
    harness.state_mut().push(Action::Tour(TourAction::Play(Some(index))));
    harness.run_steps(4);
    assert_eq!(census_theme(harness.state()), Some((ThemeLevel::County, "density".to_string())));
    assert!(harness.state().theme.theme.is_some(), "the theme is built");
    assert!(shows(&harness, "694 people per km²"), "the caption is shown");
    let last = harness.state().reading.tour.len() - 1;
    harness.state_mut().push(Action::TourGo(last));
    harness.run_steps(4);
    assert_eq!(
        census_theme(harness.state()),
        Some((ThemeLevel::City, "population_change_2010_2020".to_string()))
    );
    let legend_centred = harness
        .state()
        .theme
        .theme
        .as_ref()
        .is_some_and(|t| t.classification.upper_bounds.contains(&0.0));
    assert!(legend_centred, "a change is split at 0");
    harness.state_mut().push(Action::TourEnd);
    harness.run_steps(3);
    assert_eq!(harness.state().settings.theme, None, "the map before the tour had no theme");
}
