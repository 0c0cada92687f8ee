//! The notice area (issue 13): non-fatal problems the window must not swallow — settings that
//! cannot be saved, a corrupt `.pmtiles` basemap — appear as one-line notices in the layers
//! panel and go away when dismissed. Headless (egui_kittest drives `AtlasApp::show`).

use std::path::PathBuf;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::map::tiles::BasemapChoice;
use gd_atlas::ui::Action;

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gd-atlas-ui-notices-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn harness_with(settings: Option<PathBuf>) -> Harness<'static, AtlasApp> {
    let app = crate::support::embedded_app(settings);
    crate::support::app_harness(app, [1600.0, 1000.0])
}

fn notices(harness: &Harness<'static, AtlasApp>) -> Vec<String> {
    harness.state().messages.shown().to_vec()
}

/// The config "folder" is a plain file, so the settings cannot be written (even as root).
#[test]
fn settings_that_cannot_be_saved_are_a_dismissable_notice() {
    let dir = scratch("unwritable");
    let not_a_dir = dir.join("config");
    std::fs::write(&not_a_dir, "a file where the config folder should be").expect("write");
    let mut harness = harness_with(Some(not_a_dir.join("settings.json")));
    harness.run_steps(4);
    let shown = notices(&harness);
    let notice = shown
        .iter()
        .find(|n| n.starts_with("settings not saved:"))
        .unwrap_or_else(|| panic!("no notice in {shown:?}"));
    assert!(
        notice.contains("config") && !notice.contains('\n'),
        "one line naming the folder: {notice}"
    );
    assert!(
        harness.query_by_label_contains("settings not saved").is_some(),
        "the notice is in the panel"
    );

    harness.state_mut().push(Action::DismissNotice(notice.clone()));
    harness.run_steps(8); // autosave retries after changes; the dismissed notice stays away
    assert!(!notices(&harness).iter().any(|n| n.starts_with("settings not saved:")));
    assert!(harness.query_by_label_contains("settings not saved").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `.pmtiles` file that is not one: a notice naming the file, no tiles, no tiles credited.
#[test]
fn a_corrupt_pmtiles_basemap_is_a_notice_and_is_not_credited() {
    let dir = scratch("pmtiles");
    let path = dir.join("guangdong.pmtiles");
    std::fs::write(&path, vec![0x5a_u8; 4096]).expect("write");
    let mut harness = harness_with(None);
    harness.state_mut().push(Action::SetBasemap(BasemapChoice::Local(path.clone())));
    harness.run_steps(4);
    let shown = notices(&harness);
    let notice = shown
        .iter()
        .find(|n| n.starts_with("basemap tiles not shown:"))
        .unwrap_or_else(|| panic!("no notice in {shown:?}"));
    assert!(
        notice.contains("guangdong.pmtiles") && notice.contains("not a PMTiles file"),
        "{notice}"
    );
    assert!(
        harness.state().tiles_attribution().is_none(),
        "tiles that show nothing are not credited"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
