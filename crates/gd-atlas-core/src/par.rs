//! Two pieces of work side by side when the machine has a second core.
//!
//! The atlas load is a chain of steps of a few milliseconds each, some independent of each
//! other (the topology and the tables; the census join and the lookups). On the 2-core machines
//! the atlas is measured on, running those pairs side by side took a 4K export's load from ≈ 43
//! to ≈ 30 ms (issue 21). In the browser (no threads) and on one core, the two run one after
//! the other, in the same order, with the same results.

/// Runs `a` here and `b` beside it on a second core (one after the other without one, or
/// when no thread can be had), and returns both results. A panic in `b` is resumed here, as if
/// `b` had run on this thread.
pub fn both<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    if !has_second_core() || ONE_CORE.with(std::cell::Cell::get) {
        let a = a();
        return (a, b());
    }
    // Held in a slot so that, if the thread cannot be made, `b` is still here to run.
    let slot = std::sync::Mutex::new(Some(b));
    let take = || slot.lock().ok().and_then(|mut b| b.take());
    let run = || take().expect("the work beside is taken once")();
    std::thread::scope(|scope| {
        match std::thread::Builder::new().name("beside".into()).spawn_scoped(scope, run) {
            Ok(handle) => {
                let a = a();
                (a, handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            }
            Err(_) => {
                let a = a();
                (a, run())
            }
        }
    })
}

thread_local! {
    /// Set while [`on_one_core`] runs its work on this thread.
    static ONE_CORE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` on this thread with [`both`] running its pairs one after the other. The window
/// loads the atlas while the main thread makes the window and its GL context: there the second
/// core is the main thread's, and a third thread would only slow the window down.
pub fn on_one_core<T>(work: impl FnOnce() -> T) -> T {
    /// Puts the flag back as it was, also when `work` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ONE_CORE.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(ONE_CORE.with(|flag| flag.replace(true)));
    work()
}

/// Whether a second thread would run on a core of its own (never in the browser).
pub fn has_second_core() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_results_come_back_in_their_places() {
        let data = [1, 2, 3];
        let (sum, len) = super::both(|| data.iter().sum::<i32>(), || data.len());
        assert_eq!((sum, len), (6, 3));
    }

    #[test]
    fn on_one_core_runs_the_pair_on_this_thread() {
        let here = std::thread::current().id();
        let (a, b) = super::on_one_core(|| {
            super::both(|| std::thread::current().id(), || std::thread::current().id())
        });
        assert_eq!((a, b), (here, here));
        // And only inside: afterwards a second core is used again where there is one.
        if super::has_second_core() {
            let (_, b) = super::both(|| (), || std::thread::current().id());
            assert_ne!(b, here);
        }
    }

    #[test]
    #[should_panic(expected = "beside")]
    fn a_panic_beside_reaches_the_caller() {
        let _ = super::both(|| 1, || -> i32 { panic!("beside") });
    }
}
