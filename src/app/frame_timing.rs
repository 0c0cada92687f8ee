//! Frame-time report for checking smoothness in the real window (`GD_ATLAS_TIMING=1`).

/// Collects CPU frame times and prints the mean and worst of every 30 frames to stderr.
#[derive(Default)]
pub struct FrameTiming {
    samples: Vec<(f32, f32)>,
}

/// Prints how long after the process started a step of start-up ended (`GD_ATLAS_TIMING`): where
/// the time to the first frame goes (issue 21: atlas load, window and GL context, fonts, the
/// first scene).
pub fn startup_mark(step: &str) {
    if FrameTiming::enabled() {
        if let Some(start) = super::PROCESS_START.get() {
            eprintln!("start-up: {step} at {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
        }
    }
}

impl FrameTiming {
    /// Whether timing was asked for in the environment.
    pub fn enabled() -> bool {
        std::env::var_os("GD_ATLAS_TIMING").is_some()
    }

    /// `frame` is eframe's whole frame (egui pass, tessellation, GPU submit and present);
    /// `pass` is our `show` alone. Returns the report line every 30 frames.
    pub fn record(&mut self, frame: f32, pass: f32) -> Option<String> {
        self.samples.push((frame, pass));
        if self.samples.len() < 30 {
            return None;
        }
        let n = self.samples.len() as f32;
        let mean = |f: fn(&(f32, f32)) -> f32| self.samples.iter().map(f).sum::<f32>() / n * 1e3;
        let worst = self.samples.iter().map(|t| t.0).fold(0.0, f32::max) * 1e3;
        let line = format!(
            "frames: whole frame mean {:.2} ms (worst {worst:.2}), of which our UI pass {:.2} ms, over {n}",
            mean(|t| t.0),
            mean(|t| t.1)
        );
        self.samples.clear();
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_thirty_frames() {
        let mut t = FrameTiming::default();
        for _ in 0..29 {
            assert!(t.record(0.010, 0.002).is_none());
        }
        let line = t.record(0.040, 0.002).expect("the 30th frame reports");
        assert!(line.contains("worst 40.00"), "{line}");
        assert!(t.record(0.010, 0.002).is_none(), "and starts over");
    }
}
