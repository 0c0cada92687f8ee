//! Background triangulation of every level of detail, so zooming never waits on earcut.
//!
//! Scheduled around the window's first frame (issue 21): on the 2-core test machine the thread
//! used to triangulate every level from app creation on, taking the second core from the first
//! UI pass and then from llvmpipe's rasteriser threads drawing that frame. Now it
//! 1. waits for the first scene to say which levels it draws and wants ([`Warmup::first_scene`]),
//!    triangulates those two, then
//! 2. holds until the first frame has been presented ([`Warmup::presented`]) before it warms the
//!    other levels, nearest the wanted one first;
//!
//! and once the first frame's own level is done it runs at a lower priority (nice 10 on Linux),
//! so the frame's threads — llvmpipe's rasterisers — come first.
//! A frame drawn at a coarser level than it wants ([`Warmup::wake_when_warm`]) is repainted when
//! the thread has the wanted level, instead of polling every 50 ms: on llvmpipe each poll drew a
//! whole frame again (≈ 50 ms of CPU at 1600×1000), which starved the nice'd thread.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;

use crate::model::Atlas;
use crate::scene::lod_cache::{lod_for_zoom, MAX_LOD, MIN_LOD};
use crate::scene::SceneGeometry;

/// The first scene's levels of detail: the one it is drawn at and the one its zoom wants (the
/// same, or coarser for the first frame: `map_view::FIRST_FRAME_COARSER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstScene {
    pub drawn: u8,
    pub wanted: u8,
}

/// What the window has told the thread so far.
#[derive(Default)]
struct Plan {
    first: Option<FirstScene>,
    presented: bool,
}

#[derive(Default)]
struct Shared {
    plan: Mutex<Plan>,
    changed: Condvar,
    /// The level a drawn frame waits for, and the context to repaint when it is warm.
    awaited: Mutex<Option<(u8, egui::Context)>>,
}

impl Shared {
    fn update(&self, change: impl FnOnce(&mut Plan)) {
        change(&mut self.plan.lock().unwrap_or_else(PoisonError::into_inner));
        self.changed.notify_all();
    }

    /// Repaints the awaited frame once its level is warm.
    fn wake_if_awaited(&self, is_warm: impl Fn(u8) -> bool) {
        let mut awaited = self.awaited.lock().unwrap_or_else(PoisonError::into_inner);
        if awaited.as_ref().is_some_and(|(lod, _)| is_warm(*lod)) {
            if let Some((_, ctx)) = awaited.take() {
                ctx.request_repaint();
            }
        }
    }

    /// Blocks until `ready` holds for the plan, and returns what `ready` returned.
    fn wait_for<T>(&self, ready: impl Fn(&Plan) -> Option<T>) -> T {
        let mut plan = self.plan.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(value) = ready(&plan) {
                return value;
            }
            plan = self.changed.wait(plan).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// The warm-up thread and what the window tells it. Dropping it releases the thread (it then
/// warms every level, as if the first frame had been presented) without waiting for it.
pub struct Warmup {
    shared: Arc<Shared>,
    handle: Option<JoinHandle<()>>,
    /// The level warmed first if no scene ever says (tests and benchmarks that draw no frame):
    /// the settings' zoom.
    fallback: u8,
    /// [`Warmup::presented`] has been called.
    presented: bool,
    /// Whose levels the thread marks warm.
    geometry: Arc<SceneGeometry>,
}

impl Warmup {
    /// Starts the thread; `start_zoom` (the settings' zoom) is only used when no first scene is
    /// ever reported. With no thread (none can be spawned; the browser), levels are built on
    /// demand by the frames that draw them.
    pub fn spawn(atlas: Arc<Atlas>, geometry: Arc<SceneGeometry>, start_zoom: f64) -> Warmup {
        let shared = Arc::new(Shared::default());
        let plan = shared.clone();
        let warmed = geometry.clone();
        let handle = std::thread::Builder::new()
            .name("lod-warm".into())
            .spawn(move || {
                // The label points are not computed here: the asset build stores them
                // (`geo::label_point`), so the first UI pass reads them.
                let warm = |lod| {
                    geometry.warm(&atlas, lod);
                    super::frame_timing::startup_mark(&format!("lod-warm: level {lod} ready"));
                    plan.wake_if_awaited(|l| geometry.is_warm(l));
                };
                run_plan(&plan, warm, lower_priority);
            })
            .ok();
        Warmup {
            shared,
            handle,
            geometry: warmed,
            fallback: lod_for_zoom(start_zoom),
            presented: false,
        }
    }

    /// Whether a thread is warming levels (else levels are only built on demand, and a frame
    /// must not be drawn coarser in the hope of a level that never comes).
    pub fn running(&self) -> bool {
        self.handle.is_some()
    }

    /// The frame just drawn is coarser than `lod`: `ctx` is repainted as soon as `lod` is warm
    /// (at once if it already is). Without a thread, every 50 ms, as before.
    pub fn wake_when_warm(&self, lod: u8, ctx: &egui::Context) {
        if !self.running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        // Checked under the lock the thread takes after it marks a level warm: either the
        // thread sees the wish, or this sees the level.
        let mut awaited = self.shared.awaited.lock().unwrap_or_else(PoisonError::into_inner);
        if self.geometry.is_warm(lod) {
            *awaited = None;
            ctx.request_repaint();
        } else {
            *awaited = Some((lod, ctx.clone()));
        }
    }

    /// The first scene is being built at level `drawn` for a zoom that wants `wanted`: those
    /// two are triangulated now. Later calls change nothing.
    pub fn first_scene(&self, first: FirstScene) {
        self.shared.update(|plan| {
            plan.first.get_or_insert(first);
        });
    }

    /// The first frame has been presented: the other levels may be warmed (called every frame
    /// from the second on; only the first call wakes the thread).
    pub fn presented(&mut self) {
        if !self.presented {
            self.presented = true;
            self.shared.update(|plan| plan.presented = true);
        }
    }

    /// Lets the thread run to its end and waits for it (benchmarks measure steady frames).
    pub fn finish(&mut self) {
        self.release();
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }

    fn release(&mut self) {
        let fallback = FirstScene { drawn: self.fallback, wanted: self.fallback };
        self.first_scene(fallback);
        self.presented();
    }
}

impl Drop for Warmup {
    fn drop(&mut self) {
        self.release();
    }
}

/// Warms (`warm(level)`) the first scene's levels as soon as they are known, then the others
/// once the first frame has been presented. `drawn_done` is called once the level the first
/// frame is drawn at is warm: from then on nothing the first frame waits for is left (the
/// thread lowers its priority there — not before: the UI pass may be waiting on a label point
/// or a shape this thread is computing, and a nice'd thread on a busy machine gets a tenth of a
/// core).
fn run_plan(shared: &Shared, mut warm: impl FnMut(u8), drawn_done: impl FnOnce()) {
    let first = shared.wait_for(|plan| plan.first);
    let (now, after) = warm_order(first);
    let mut drawn_done = Some(drawn_done);
    for lod in now {
        warm(lod);
        if let Some(done) = drawn_done.take() {
            done();
        }
    }
    shared.wait_for(|plan| plan.presented.then_some(()));
    for lod in after {
        warm(lod);
    }
}

/// The levels to warm before the first frame is presented (the drawn one, then the wanted
/// one) and after it (every other level once, by distance from the wanted one, coarser first
/// on ties).
fn warm_order(first: FirstScene) -> (Vec<u8>, Vec<u8>) {
    let mut now = vec![first.drawn];
    if first.wanted != first.drawn {
        now.push(first.wanted);
    }
    let start = first.wanted as i32;
    let mut after: Vec<u8> = (MIN_LOD..=MAX_LOD).filter(|l| !now.contains(l)).collect();
    after.sort_by_key(|&l| ((l as i32 - start).abs(), l));
    (now, after)
}

/// Nice 10 for the calling thread (Linux: `setpriority` on a thread id sets that thread's
/// nice value): on two cores the frame's threads — the UI pass, llvmpipe's rasterisers — win
/// the core when they need it, and the warm-up takes what is left.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on this thread's own id; no memory is handed over.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn first_levels_then_the_rest_by_distance_each_once() {
        let (now, after) = warm_order(FirstScene { drawn: 7, wanted: 8 });
        assert_eq!(now, vec![7, 8]);
        let all: Vec<u8> = now.iter().chain(&after).copied().collect();
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, (MIN_LOD..=MAX_LOD).collect::<Vec<_>>(), "every level once");
        assert_eq!(after[..2], [9, 6], "nearest the wanted level first, then outward");
        let distances: Vec<i32> = after.iter().map(|&l| (l as i32 - 8).abs()).collect();
        assert!(distances.windows(2).all(|w| w[0] <= w[1]));
        let (now, after) = warm_order(FirstScene { drawn: 8, wanted: 8 });
        assert_eq!((now, after.len()), (vec![8], (MAX_LOD - MIN_LOD) as usize));
    }

    /// Polls `done` for up to five seconds.
    fn eventually(done: impl Fn() -> bool) -> bool {
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        false
    }

    #[test]
    fn waits_for_the_first_scene_and_holds_the_rest_until_the_frame_is_presented() {
        let shared = Arc::new(Shared::default());
        let warmed: Arc<Mutex<Vec<u8>>> = Default::default();
        let (plan, log, done_log) = (shared.clone(), warmed.clone(), warmed.clone());
        // 0 (no level) marks where the thread lowers its priority.
        let thread = std::thread::spawn(move || {
            run_plan(
                &plan,
                |lod| log.lock().expect("log").push(lod),
                || done_log.lock().expect("log").push(0),
            );
        });
        let count = || warmed.lock().expect("log").len();
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(count(), 0, "nothing before the first scene says which levels");
        shared.update(|p| p.first = Some(FirstScene { drawn: 6, wanted: 7 }));
        assert!(eventually(|| count() == 3), "the first scene's levels at once");
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(*warmed.lock().expect("log"), vec![6, 0, 7], "the rest held");
        shared.update(|p| p.presented = true);
        thread.join().expect("runs to its end");
        assert_eq!(count(), (MAX_LOD - MIN_LOD + 2) as usize);
    }
}
