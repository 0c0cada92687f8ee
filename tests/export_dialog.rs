//! The export dialog as a person uses it (headless, egui_kittest): select Jinli, open
//! "Export…", set a size, a title and a path, press Export; the file appears with the chosen
//! size, and the dialog names it.

use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use gd_atlas::app::AtlasApp;
use gd_atlas::model::Subject;
use gd_atlas::ui::Action;

/// Runs frames until the export worker reports (or `seconds` pass: the assertion after it fails).
fn wait_for_status(harness: &mut Harness<'static, AtlasApp>, seconds: u64) {
    let started = Instant::now();
    while harness.state().export.dialog.status.is_none()
        && started.elapsed() < Duration::from_secs(seconds)
    {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn exports_the_current_view_from_the_dialog() {
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1400.0, 900.0]);
    harness.state_mut().push(Action::Focus(Subject::Region("441204115".into())));
    harness.run_steps(4);

    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    assert!(harness.state().export.open, "the button opens the dialog");

    let dir = std::env::temp_dir().join(format!("gd-atlas-export-dialog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let out = dir.join("jinli.png");
    {
        let state = &mut harness.state_mut().export.dialog;
        state.preset = None;
        state.custom_size = [800, 450];
        state.furniture.title = "金利镇".into();
        state.path = out.display().to_string();
    }
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    wait_for_status(&mut harness, 120);
    let status = harness.state().export.dialog.status.clone().expect("the export finished");
    assert_eq!(status, Ok(out.display().to_string()));
    harness.run_steps(2);
    assert!(
        harness.query_all_by_label_contains("jinli.png").count() >= 1,
        "the dialog shows the path"
    );

    let bytes = std::fs::read(&out).expect("written");
    if let Some(keep) = std::env::var_os("GD_ATLAS_KEEP_EXPORT") {
        let _ = std::fs::write(keep, &bytes);
    }
    let be = |o: usize| u32::from_be_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
    assert_eq!([be(16), be(20)], [800, 450]);

    // PDF: clicking the format swaps the size choices for paper and the path's extension.
    harness.state_mut().export.dialog.status = None;
    harness.get_by_label("PDF").click();
    harness.run_steps(2);
    assert!(
        harness.state().export.dialog.path.ends_with("jinli.pdf"),
        "{}",
        harness.state().export.dialog.path
    );
    harness.get_by_label("A3 landscape (420 × 297 mm)").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    wait_for_status(&mut harness, 120);
    assert_eq!(
        harness.state().export.dialog.status.clone(),
        Some(Ok(dir.join("jinli.pdf").display().to_string()))
    );
    let pdf = std::fs::read(dir.join("jinli.pdf")).expect("PDF written");
    let pdf_text = String::from_utf8_lossy(&pdf);
    assert!(
        pdf_text.starts_with("%PDF-1.7") && pdf_text.contains("/MediaBox [0 0 1190.55"),
        "an A3 landscape page"
    );
    assert!(pdf_text.contains("/Title"), "the title travels in the document info");

    // A bad path is reported in the dialog, in one line, and writes nothing.
    harness.state_mut().export.dialog.path = dir.join("missing-folder/x.png").display().to_string();
    harness.state_mut().export.dialog.status = None;
    harness.get_by_label("Export").click();
    wait_for_status(&mut harness, 60);
    match &harness.state().export.dialog.status {
        Some(Err(e)) => assert!(e.contains("does not exist") && !e.contains('\n'), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The figure's title follows the dialog: the selection's name, the province's once the extent
/// is the province, in 中文 once the window is — until the user types a title of their own,
/// which no change of extent or language overwrites (the QA pass saw a province figure keep
/// the selection's English name).
#[test]
fn the_title_follows_the_extent_and_the_language_until_typed() {
    use gd_atlas::export::extent::ExtentChoice;
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1400.0, 900.0]);
    harness.state_mut().push(Action::Focus(Subject::Region("441204".into())));
    harness.state_mut().push(Action::OpenExport);
    harness.run_steps(4);
    let title = |h: &Harness<'static, AtlasApp>| h.state().export.dialog.furniture.title.clone();
    assert!(
        title(&harness).starts_with("Gaoyao District"),
        "the selection's name: {:?}",
        title(&harness)
    );
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::Province);
    harness.run_steps(2);
    assert!(title(&harness).starts_with("Guangdong"), "the province's name: {:?}", title(&harness));
    harness.state_mut().push(Action::SetLang(gd_atlas::i18n::Lang::Zh));
    harness.run_steps(4);
    assert_eq!(title(&harness), "广东省", "in 中文");
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::Selection);
    harness.run_steps(2);
    assert!(title(&harness).starts_with("高要区"), "the selection in 中文: {:?}", title(&harness));
    harness.state_mut().export.dialog.furniture.title = "我的报告".into();
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::Province);
    harness.state_mut().push(Action::SetLang(gd_atlas::i18n::Lang::En));
    harness.run_steps(4);
    assert_eq!(title(&harness), "我的报告", "a typed title stays");
}

/// The folders a figure may be offered in before the user exported anything: the user's
/// pictures or documents folder, else the home folder.
fn user_places() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = directories::UserDirs::new() {
        out.extend(d.picture_dir().map(|p| p.to_path_buf()));
        out.extend(d.document_dir().map(|p| p.to_path_buf()));
    }
    if let Some(home) = std::env::var_os("HOME").map(std::path::PathBuf::from) {
        out.extend([home.join("Pictures"), home.join("Documents"), home]);
    }
    out
}

/// The QA pass found the dialog offering the binary's working directory. A first export is
/// offered in a user folder; the next start offers the folder of the last export (kept in the
/// saved settings).
#[test]
fn the_dialog_offers_the_last_export_folder_else_a_user_folder() {
    let scratch =
        std::env::temp_dir().join(format!("gd-atlas-export-folder-{}", std::process::id()));
    let figures = scratch.join("figures");
    std::fs::create_dir_all(&figures).expect("scratch dir");
    let settings = scratch.join("settings.json");

    let app = crate::support::embedded_app(Some(settings.clone()));
    let offered = std::path::PathBuf::from(&app.export.dialog.path);
    let folder = offered.parent().expect("a folder").to_path_buf();
    let cwd = std::env::current_dir().expect("a working directory");
    assert_ne!(folder, cwd, "not the working directory: {}", offered.display());
    assert!(
        user_places().contains(&folder) && folder.is_dir(),
        "{} is the user's pictures, documents or home folder ({:?})",
        folder.display(),
        user_places()
    );

    let mut harness = crate::support::app_harness(app, [1400.0, 900.0]);
    harness.state_mut().push(Action::OpenExport);
    harness.run_steps(2);
    {
        let state = &mut harness.state_mut().export.dialog;
        state.preset = None;
        state.custom_size = [400, 300];
        state.path = figures.join("province.png").display().to_string();
    }
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    wait_for_status(&mut harness, 120);
    let status = harness.state().export.dialog.status.clone().expect("the export finished");
    assert!(status.is_ok(), "{status:?}");
    harness.run_steps(2);
    harness.state_mut().save_settings();

    let again = crate::support::embedded_app(Some(settings));
    assert_eq!(
        std::path::PathBuf::from(&again.export.dialog.path).parent(),
        Some(figures.as_path()),
        "the next start offers the last export's folder"
    );
    // A folder that has gone since is not offered.
    std::fs::remove_dir_all(&figures).expect("remove");
    let gone = crate::support::embedded_app(Some(scratch.join("settings.json")));
    let folder = std::path::PathBuf::from(&gone.export.dialog.path);
    assert!(user_places().iter().any(|p| Some(p.as_path()) == folder.parent()), "{folder:?}");
    let _ = std::fs::remove_dir_all(&scratch);
}

/// Issue 19 QA: "current view" with the whole province in the window was titled with the
/// selected county ("雷州市 (湛江市)", ASCII brackets too). The current view is named after what
/// fills it: the province here; the county once the window frames it; 中文 with full-width
/// brackets.
#[test]
fn the_current_view_is_titled_after_what_fills_it() {
    use gd_atlas::export::extent::ExtentChoice;
    let app = crate::support::embedded_app(None);
    let mut harness = crate::support::app_harness(app, [1400.0, 900.0]);
    harness.state_mut().push(Action::SetLang(gd_atlas::i18n::Lang::Zh));
    harness.state_mut().push(Action::Focus(Subject::Region("440882".into())));
    harness.run_steps(4);
    harness.state_mut().push(Action::Home);
    harness.run_steps(20);
    harness.state_mut().push(Action::OpenExport);
    harness.run_steps(2);
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::CurrentView);
    harness.run_steps(2);
    let title = |h: &Harness<'static, AtlasApp>| h.state().export.dialog.furniture.title.clone();
    assert_eq!(title(&harness), "广东省", "the whole province is in view");
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::Selection);
    harness.run_steps(2);
    assert_eq!(title(&harness), "雷州市（湛江市）", "the selection, full-width brackets");
    harness.state_mut().push(Action::Focus(Subject::Region("440882".into())));
    harness.run_steps(20);
    harness.state_mut().export.dialog.extent = Some(ExtentChoice::CurrentView);
    harness.run_steps(2);
    assert_eq!(title(&harness), "雷州市（湛江市）", "the window frames the county");
}
