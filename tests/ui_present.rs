//! Presentation mode (issue 12): F11 or the top bar's button hides the side panels, Esc brings
//! them back — leaving the mode before it would clear the selection —, and the high-contrast
//! style draws wider, darker borders and black labels.

use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::export::extent::province_extent;
use gd_atlas::model::Subject;
use gd_atlas::scene::view::View;
use gd_atlas::scene::{build_scene, Item, Scene, SceneInput, Topo};
use gd_atlas::ui::Action;

use crate::export_render::fixture;

const GAOYAO: &str = "441204";

fn harness() -> Harness<'static, AtlasApp> {
    let app = crate::support::embedded_app(None);
    crate::support::app_harness(app, [1280.0, 720.0])
}

/// Whether the left panel (its "Layers" heading) is drawn.
fn left_panel_shown(harness: &Harness<'static, AtlasApp>) -> bool {
    harness.query_by_label("Layers").is_some()
}

fn press(harness: &mut Harness<'static, AtlasApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run_steps(3);
}

#[test]
fn f11_hides_the_panels_and_esc_brings_them_back() {
    let mut harness = harness();
    harness.run_steps(3);
    assert!(left_panel_shown(&harness), "the left panel is there before");
    press(&mut harness, egui::Key::F11);
    assert!(harness.state().presenting());
    assert!(!left_panel_shown(&harness), "presenting hides the left panel");
    assert!(
        harness.query_by_label_contains("Leave presentation").is_some(),
        "the top bar offers the way out"
    );
    press(&mut harness, egui::Key::Escape);
    assert!(!harness.state().presenting());
    assert!(left_panel_shown(&harness), "Esc brings the panels back");
}

#[test]
fn the_top_bar_button_enters_presentation() {
    let mut harness = harness();
    harness.run_steps(3);
    harness.get_by_label_contains("Present (F11)").click();
    harness.run_steps(3);
    assert!(harness.state().presenting());
    assert!(!left_panel_shown(&harness));
}

#[test]
fn esc_while_presenting_leaves_the_mode_and_keeps_the_selection() {
    let mut harness = harness();
    harness.state_mut().push(Action::Focus(Subject::Region(GAOYAO.into())));
    harness.run_steps(3);
    press(&mut harness, egui::Key::F11);
    assert_eq!(harness.state().selected(), Some(&Subject::Region(GAOYAO.into())));
    press(&mut harness, egui::Key::Escape);
    assert!(!harness.state().presenting(), "the first Esc leaves presentation mode");
    assert_eq!(
        harness.state().selected(),
        Some(&Subject::Region(GAOYAO.into())),
        "and keeps the selection"
    );
    press(&mut harness, egui::Key::Escape);
    assert_eq!(harness.state().selected(), None, "the next Esc clears it, as outside the mode");
}

fn province_scene(text_scale: f32, high_contrast: bool) -> Scene {
    let f = fixture();
    let extent = province_extent(&f.atlas).expect("the province has a shape");
    let request = gd_atlas::scene::SceneRequest { text_scale, high_contrast, ..Default::default() };
    build_scene(&SceneInput::new(
        &f.atlas,
        &f.geometry,
        View::fit(extent, [0.0, 0.0, 1280.0, 720.0], 0.02),
        &request,
    ))
}

/// Widths and colours of the region border passes, finest first (rivers are not borders).
fn borders(scene: &Scene) -> Vec<(f32, [u8; 4])> {
    scene
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Arcs { topo: Topo::Regions, style, .. } = i {
                Some((style.width, style.color))
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn high_contrast_borders_are_wider_and_darker_and_labels_black() {
    let normal = province_scene(1.0, false);
    let contrast = province_scene(1.0, true);
    let (n, c) = (borders(&normal), borders(&contrast));
    assert!(!n.is_empty() && n.len() == c.len(), "{n:?} vs {c:?}");
    for ((nw, ncolor), (cw, ccolor)) in n.iter().zip(&c) {
        assert!(cw > nw, "high contrast widens every border: {nw} → {cw}");
        let sum = |c: &[u8; 4]| c[0] as u32 + c[1] as u32 + c[2] as u32;
        assert!(sum(ccolor) < sum(ncolor), "and darkens it: {ncolor:?} → {ccolor:?}");
    }
    let label_colors: Vec<[u8; 4]> = contrast
        .items
        .iter()
        .filter_map(|i| if let Item::Label(l) = i { Some(l.color) } else { None })
        .collect();
    assert!(
        !label_colors.is_empty() && label_colors.iter().all(|c| c[..3] == [0, 0, 0]),
        "{label_colors:?}"
    );
}

#[test]
fn presentation_scale_widens_borders_with_the_labels() {
    let normal = borders(&province_scene(1.0, false));
    let presented = borders(&province_scene(1.4, false));
    for ((nw, _), (pw, _)) in normal.iter().zip(&presented) {
        assert!((pw - nw * 1.4).abs() < 1e-4, "{nw} × 1.4 ≠ {pw}");
    }
}

/// A recording canvas that measures with a fixed advance, for the window's furniture.
struct MeasuredRecording(gd_atlas::render::recording::RecordingCanvas);

impl gd_atlas::render::canvas::Canvas for MeasuredRecording {
    fn fill(
        &mut self,
        shape: &gd_atlas::render::canvas::Polylines,
        color: [u8; 4],
        tag: Option<gd_atlas::render::canvas::FillTag>,
    ) {
        self.0.fill(shape, color, tag);
    }
    fn stroke(
        &mut self,
        shape: &gd_atlas::render::canvas::Polylines,
        style: &gd_atlas::scene::style::LineStyle,
    ) {
        self.0.stroke(shape, style);
    }
    fn text(&mut self, run: &gd_atlas::render::canvas::TextRun) {
        self.0.text(run);
    }
}

impl gd_atlas::render::canvas::TextMeasure for MeasuredRecording {
    fn width(&self, text: &str, size: f32) -> f32 {
        gd_atlas::render::recording::FixedAdvance { em: 0.6 }.width(text, size)
    }
    fn line_height(&self, size: f32) -> f32 {
        gd_atlas::render::recording::FixedAdvance { em: 0.6 }.line_height(size)
    }
}

/// Texts the window's map furniture draws while presenting, with the legend shown or hidden.
fn presenting_furniture_texts(legend: bool) -> Vec<String> {
    use gd_atlas::render::recording::{Primitive, RecordingCanvas};
    let scene = province_scene(1.4, false);
    let f = fixture();
    let view =
        View::fit(province_extent(&f.atlas).expect("shape"), [0.0, 0.0, 1280.0, 720.0], 0.02);
    let mut canvas = MeasuredRecording(RecordingCanvas::default());
    let presenting = gd_atlas::ui::furniture::Presenting {
        text_scale: 1.4,
        legend_open: legend,
        notes_open: true,
    };
    gd_atlas::ui::furniture::draw_map_furniture(
        &mut canvas,
        &view,
        &scene,
        gd_atlas::i18n::Lang::En,
        "© test",
        Some(presenting),
    );
    canvas
        .0
        .primitives
        .into_iter()
        .filter_map(|p| if let Primitive::Text { text, .. } = p { Some(text) } else { None })
        .collect()
}

#[test]
fn the_presenter_can_hide_the_legend_on_the_map() {
    assert!(
        presenting_furniture_texts(true).iter().any(|t| t == "Legend"),
        "the legend is drawn on the map while presenting"
    );
    let hidden = presenting_furniture_texts(false);
    assert!(!hidden.iter().any(|t| t == "Legend"), "hidden on request: {hidden:?}");
    assert!(hidden.iter().any(|t| t.contains("km")), "the scale bar stays");

    let mut harness = harness();
    harness.run_steps(3);
    press(&mut harness, egui::Key::F11);
    harness.get_by_label("Legend").click();
    harness.run_steps(3);
    assert!(!harness.state().presentation_legend_shown(), "the top bar's Legend switch hides it");
}

/// Reader and Tours… while presenting: their windows are not drawn over the map the room looks
/// at, so the buttons are disabled (with the reason on hover) rather than doing nothing.
#[test]
fn reader_and_tours_are_disabled_while_presenting() {
    let mut harness =
        crate::support::app_harness(crate::support::embedded_app(None), [1600.0, 1000.0]);
    harness.run_steps(4);
    for label in ["Reader", "Tours…"] {
        assert!(
            !harness.get_by_label(label).accesskit_node().is_disabled(),
            "{label} works in the window"
        );
    }
    press(&mut harness, egui::Key::F11);
    assert!(harness.state().presenting());
    for label in ["Reader", "Tours…"] {
        if harness.query_by_label(label).is_none() {
            harness.get_by_label("More ▼").click();
            harness.run_steps(2);
        }
        assert!(
            harness.get_by_label(label).accesskit_node().is_disabled(),
            "{label} is disabled while presenting"
        );
    }
}

/// QA: at 1600×1000 the presentation legend's text was 9–11 pixels, unreadable on a projector.
/// Its text is at least the size of the rest of presentation's furniture (the notes, as large
/// as the map's names are scaled), and the legend stays compact: under a quarter of the map's
/// width and a tenth of its area.
#[test]
fn the_presentation_legend_reads_at_the_furniture_size_and_stays_compact() {
    use gd_atlas::render::recording::{Primitive, RecordingCanvas};
    use gd_atlas::ui::furniture::Toggle;
    let f = fixture();
    let scene = province_scene(1.4, false);
    let map = [0.0, 0.0, 1600.0, 1000.0];
    let view = View::fit(province_extent(&f.atlas).expect("shape"), map, 0.02);
    let mut canvas = MeasuredRecording(RecordingCanvas::default());
    let presenting = gd_atlas::ui::furniture::Presenting {
        text_scale: 1.4,
        legend_open: true,
        notes_open: true,
    };
    let drawn = gd_atlas::ui::furniture::draw_map_furniture(
        &mut canvas,
        &view,
        &scene,
        gd_atlas::i18n::Lang::En,
        "© test",
        Some(presenting),
    );
    let boxed = |toggle: Toggle| {
        drawn.toggles.iter().find(|(_, t)| *t == toggle).map(|(r, _)| *r).expect("drawn")
    };
    let (legend, notes) = (boxed(Toggle::Legend), boxed(Toggle::Notes));
    let sizes_in = |r: [f32; 4]| -> Vec<f32> {
        canvas
            .0
            .primitives
            .iter()
            .filter_map(|p| match p {
                Primitive::Text { pos_screen: q, size, .. }
                    if q[0] >= r[0] && q[0] <= r[2] && q[1] >= r[1] && q[1] <= r[3] =>
                {
                    Some(*size)
                }
                _ => None,
            })
            .collect()
    };
    let (legend_sizes, note_sizes) = (sizes_in(legend), sizes_in(notes));
    assert!(legend_sizes.len() >= 3 && !note_sizes.is_empty(), "{legend_sizes:?} {note_sizes:?}");
    let body = note_sizes.iter().copied().fold(f32::MAX, f32::min);
    let smallest = legend_sizes.iter().copied().fold(f32::MAX, f32::min);
    assert!(body >= 16.0, "the notes read from the back of a room: {body}");
    assert!(smallest >= body, "legend text {smallest} px is smaller than the notes' {body} px");
    let (w, h) = (legend[2] - legend[0], legend[3] - legend[1]);
    assert!(w <= 0.25 * 1600.0 && w * h <= 0.1 * 1600.0 * 1000.0, "not compact: {legend:?}");
}
