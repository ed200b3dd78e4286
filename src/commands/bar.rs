//! The progress bar of a long check: on standard error, only when it is a terminal, and only
//! once the run has taken more than a second. Files and bytes done; cleared at the end, so
//! nothing of it stays in the terminal or ever reaches standard output.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Progress of one `check` run.
pub struct Bar {
    bar: ProgressBar,
    shown: bool,
    start: Instant,
    files: usize,
    files_done: usize,
}

impl Bar {
    /// A bar for `files` files holding `bytes` bytes of prose; it draws only if `enabled`
    /// (standard error is a terminal) and the run lasts.
    pub fn new(enabled: bool, files: usize, bytes: usize) -> Option<Bar> {
        if !enabled {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(bytes as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "checking {msg} [{bar:30}] {binary_bytes}/{binary_total_bytes}, {eta} left",
        )
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(Bar {
            bar,
            shown: false,
            start: Instant::now(),
            files,
            files_done: 0,
        })
    }

    /// Redraws with `bytes` of prose checked; shows the bar once the run has lasted
    /// [`DELAY`].
    pub fn tick(&mut self, bytes: usize) {
        if !self.shown && self.start.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_message(format!(
            "file {} of {}",
            (self.files_done + 1).min(self.files),
            self.files
        ));
        self.bar.set_position(bytes as u64);
    }

    /// One more file reported, with `bytes` of prose checked in all.
    pub fn file_done(&mut self, bytes: usize) {
        self.files_done += 1;
        self.tick(bytes);
    }

    /// Runs `write` with the bar taken off the terminal, so that a report or an error line
    /// never mixes with it.
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        if self.shown {
            self.bar.suspend(write)
        } else {
            write()
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
