//! Where tours recorded in the window are kept when the atlas runs on its built-in data (the
//! Windows exe, any release binary started without `--data`): a `tours` folder beside the
//! settings file — `%APPDATA%\gd-atlas\gd-atlas\config\tours\` on Windows,
//! `~/.config/gd-atlas/tours/` on Linux (issue 23). There is no data folder to write into, and
//! the program's own folder (e.g. `C:\Program Files`) may not be writable. With `--data DIR`
//! tours are saved in `DIR/tours/`, as before. Either way the user's tours are listed after the
//! atlas's own.

use std::path::{Path, PathBuf};

use crate::model::error::LoadError;
use crate::model::source::DataSource;
use crate::model::tour::{load_tours, Tour};
use crate::model::Atlas;

/// The folder whose `tours` subfolder holds the user's tours: the settings file's folder
/// (`None` without a settings file, as in tests that must not write the user's folders).
pub fn user_tours_root(settings_path: Option<&Path>) -> Option<PathBuf> {
    settings_path
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
}

/// The folder a recorded tour is saved under (`<it>/tours/<name>.csv`): the data folder when
/// the atlas runs on one, else the user's; the error says why there is neither.
pub fn save_root(source: &DataSource, settings_path: Option<&Path>) -> Result<PathBuf, String> {
    match source {
        DataSource::Dir { data, .. } => Ok(data.clone()),
        DataSource::Embedded => user_tours_root(settings_path)
            .ok_or_else(|| "cannot save: the atlas runs on its built-in data and has no settings folder (start it with --data DIR)".to_string()),
    }
}

/// The atlas's tours, then the user's; a bad file is one line in the problems, as for the
/// atlas's own (a missing user folder is no problem: nothing was recorded yet).
pub fn all_tours(atlas: &Atlas, settings_path: Option<&Path>) -> (Vec<Tour>, Vec<LoadError>) {
    let (mut tours, mut problems) = load_tours(&atlas.source, Some(atlas));
    let Some(root) = user_tours_root(settings_path) else { return (tours, problems) };
    // `--data` pointing at the settings folder itself: its tours are already listed.
    if matches!(&atlas.source, DataSource::Dir { data, .. } if *data == root) {
        return (tours, problems);
    }
    let (user, user_problems) =
        load_tours(&DataSource::Dir { data: root, assets: None }, Some(atlas));
    tours.extend(user);
    problems.extend(user_problems);
    (tours, problems)
}
