//! When to write the settings: a few seconds after they (or the view) change, so a crash loses
//! at most a few seconds of state and a pan does not write the file every frame.

use std::path::PathBuf;
use web_time::{Duration, Instant};

use super::settings::Settings;

const QUIET_PERIOD: Duration = Duration::from_secs(3);

pub struct Autosave {
    path: Option<PathBuf>,
    last_saved: Option<(Settings, Instant)>,
}

impl Autosave {
    /// `path`: where settings live; `None` (tests) never writes.
    pub fn new(path: Option<PathBuf>) -> Autosave {
        Autosave { path, last_saved: None }
    }

    /// Where settings are written (`None`: nowhere).
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// Whether `current` differs from what was last written and that write is old enough.
    pub fn is_due(&self, current: &Settings, now: Instant) -> bool {
        match &self.last_saved {
            None => true,
            Some((saved, at)) => saved != current && now.duration_since(*at) > QUIET_PERIOD,
        }
    }

    /// Writes `current` now; a failure is returned for the caller to show, once.
    pub fn save(&mut self, current: &Settings, now: Instant) -> Result<(), String> {
        self.last_saved = Some((current.clone(), now));
        match &self.path {
            Some(path) => current.save(path),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_changes_after_a_quiet_period_only() {
        let mut a = Autosave::new(None);
        let t0 = Instant::now();
        let s = Settings::default();
        assert!(a.is_due(&s, t0), "nothing saved yet");
        a.save(&s, t0).expect("no path: nothing written");
        assert!(!a.is_due(&s, t0 + Duration::from_secs(60)), "unchanged");
        let mut changed = s.clone();
        changed.zoom += 1.0;
        assert!(!a.is_due(&changed, t0 + Duration::from_secs(1)), "too soon");
        assert!(a.is_due(&changed, t0 + Duration::from_secs(4)));
    }
}
