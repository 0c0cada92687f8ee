//! Windows only: the console window a double-click gives the program.
//!
//! `gd-atlas.exe` is a console program, so that `gd-atlas info 金利镇` and the other subcommands
//! print into the cmd or PowerShell window they were typed in. Started from Explorer instead,
//! Windows gives it a new, empty console window of its own, which would stay open behind the map
//! (and closing it would kill the map). When the window is about to open and this process is
//! the only one attached to its console — the sign of a console made for it — the console is
//! released, and Windows closes it. Started from cmd or PowerShell, the shell shares the console,
//! so it is kept and warnings still reach it.

#[link(name = "kernel32")]
extern "system" {
    fn GetConsoleProcessList(process_ids: *mut u32, count: u32) -> u32;
    fn FreeConsole() -> i32;
}

/// Releases the console if no other process (a shell) is attached to it.
pub fn release_console_made_for_us() {
    let mut ids = [0u32; 2];
    // SAFETY: `ids` has room for the 2 ids the call is told it may write; it writes no more.
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    if attached == 1 {
        // SAFETY: no arguments; afterwards writes to stdout/stderr fail quietly (Rust ignores a
        // missing console handle), which is what a double-clicked program wants.
        unsafe { FreeConsole() };
    }
}
