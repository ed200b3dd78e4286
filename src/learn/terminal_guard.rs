//! Gives the terminal back when `learn` is ended from outside: SIGTERM (a session closing, a
//! `kill`), SIGHUP (the terminal window closed) or SIGINT (`kill -INT`; Ctrl-C itself is a key
//! in raw mode). Without this, the default action of those signals ends the process at once
//! and leaves the shell in raw mode on the alternate screen: no echo, no line editing.
//!
//! A thread waits for the three signals for as long as the process lives. While a
//! [`Guard`] exists (the interactive screen is up), a signal first restores the terminal as
//! the screen's own `Drop` does (attributes reset, cursor shown, main screen back, raw mode
//! off); then, guard or not, the signal's default action runs, so the process ends as that
//! signal ends it and the shell sees the usual status (143 for SIGTERM).
//!
//! The journal stays consistent: `learn` appends its run in one write after the session, so
//! a signal during the session leaves the journal as it was, and one during the write cannot
//! leave half a line (see `journal::Journal::append`). Panics unwind through the screen's
//! `Drop`, which restores the terminal; nothing here is needed for them.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use signal_hook::low_level::emulate_default_handler;

/// Whether the interactive screen is up, so that a signal must restore the terminal.
static SCREEN_UP: AtomicBool = AtomicBool::new(false);
static WATCHING: Once = Once::new();

/// While it lives, a terminating signal restores the terminal before the process ends.
#[must_use = "the terminal is guarded only while the guard lives"]
pub struct Guard(());

impl Guard {
    /// Starts watching for the signals (once per process) and marks the screen as up. Fails
    /// only if the signal handlers cannot be installed; the caller may go on without.
    pub fn install() -> io::Result<Guard> {
        let mut result = Ok(());
        WATCHING.call_once(|| result = watch());
        result?;
        SCREEN_UP.store(true, Ordering::SeqCst);
        Ok(Guard(()))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        SCREEN_UP.store(false, Ordering::SeqCst);
    }
}

fn watch() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("terminal-guard".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if SCREEN_UP.load(Ordering::SeqCst) {
                    restore();
                }
                // Ends the process as the signal would have without us.
                let _ = emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// What the screen's `Drop` does, written to the terminal device itself: standard output is
/// locked by the main thread for the whole run, and this thread must not wait for it.
fn restore() {
    // Reset attributes, show the cursor, leave the alternate screen.
    const RESET: &[u8] = b"\x1b[0m\x1b[?25h\x1b[?1049l";
    if let Ok(mut tty) = OpenOptions::new().write(true).open("/dev/tty") {
        let _ = tty.write_all(RESET);
        let _ = tty.flush();
    }
    let _ = crossterm::terminal::disable_raw_mode();
}
