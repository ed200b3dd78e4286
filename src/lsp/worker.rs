//! The work done away from the message loop: loading the engines, checking documents, and
//! saving the result cache, each on a thread of its own so that the loop always answers.
//!
//! One checking thread takes jobs in order (a check uses every core through rayon, so two at
//! once would only slow both). A job carries a flag the loop sets when the document changes
//! again: a job already stale is skipped, and one under way stops before its next paragraph
//! (the paragraph inside an engine runs to its end). Results go back to the loop, which
//! alone decides whether they still apply.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;

use crate::cli::Common;
use crate::engine::{EngineError, panic_message};
use crate::input::Format;
use crate::service::Service;
use crate::{Checked, Failure};

/// One document to check.
pub struct Job {
    pub uri: String,
    pub version: i32,
    pub text: Arc<str>,
    pub format: Format,
    pub service: Arc<Service>,
    pub cancelled: Arc<AtomicBool>,
    /// Replacements will be shown (the reveal setting): only those that pass the engines'
    /// own check are kept.
    pub reveal: bool,
}

/// A check handed to the checking thread and not yet answered.
pub struct Running {
    pub cancelled: Arc<AtomicBool>,
}

impl Running {
    /// Tells the check to stop: its document changed, or the engines are going.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// A job's outcome.
pub struct Done {
    pub uri: String,
    pub version: i32,
    pub text: Arc<str>,
    pub cancelled: Arc<AtomicBool>,
    /// `None` when the job was cancelled before or while it ran.
    pub checked: Option<Checked>,
    pub took: Duration,
    /// Paragraphs the engines checked, and all the paragraphs (the others came from the
    /// result cache).
    pub paragraphs: (usize, usize),
}

/// What the checking thread is asked to do.
pub enum Task {
    Check(Job),
    /// Write the findings made so far to the cache folder, then say so on `done` (if given).
    Save(Arc<Service>, Option<Sender<()>>),
}

/// What the checking thread reports.
pub enum Report {
    Checked(Done),
    /// The cache could not be saved: why.
    NotSaved(String),
}

/// Starts the checking thread; it ends when the returned sender is dropped.
pub fn spawn_checker(deliver: impl Fn(Report) -> bool + Send + 'static) -> Sender<Task> {
    let (sender, receiver) = crossbeam_channel::unbounded::<Task>();
    thread::Builder::new()
        .name("ownvoice-lsp-checker".into())
        .spawn(move || {
            for task in receiver {
                let report = match task {
                    Task::Check(job) => Report::Checked(check(job)),
                    Task::Save(service, done) => {
                        let saved = service.save();
                        if let Some(done) = done {
                            let _ = done.send(());
                        }
                        match saved {
                            Ok(()) => continue,
                            Err(error) => Report::NotSaved(error.to_string()),
                        }
                    }
                };
                if !deliver(report) {
                    return;
                }
            }
        })
        .expect("a thread can be started");
    sender
}

fn check(job: Job) -> Done {
    let started = Instant::now();
    let cache = job.service.cache();
    let counts = || {
        (
            cache.misses.load(Ordering::Relaxed),
            cache.hits.load(Ordering::Relaxed),
        )
    };
    let (misses, hits) = counts();
    let checked = if job.cancelled.load(Ordering::Relaxed) {
        None
    } else {
        // Engines catch their own panics; anything else costs this check, not the server.
        catch_unwind(AssertUnwindSafe(|| {
            let mut checked = job
                .service
                .check_unless(&job.text, job.format, &job.cancelled)?;
            if job.reveal {
                job.service.vet(&job.text, &mut checked.issues);
            }
            Some(checked)
        }))
        .unwrap_or_else(|payload| {
            Some(Checked {
                issues: Vec::new(),
                failures: vec![Failure {
                    span: 0..job.text.len(),
                    error: EngineError::Failed(panic_message(payload.as_ref())),
                }],
            })
        })
    };
    let (misses_now, hits_now) = counts();
    let checked_now = misses_now - misses;
    Done {
        paragraphs: (checked_now, checked_now + hits_now - hits),
        uri: job.uri,
        version: job.version,
        text: job.text,
        cancelled: job.cancelled,
        checked,
        took: started.elapsed(),
    }
}

/// Loads the engines for `common` on a thread of its own and hands the outcome to
/// `deliver`.
pub fn spawn_loader(
    common: Common,
    cache: bool,
    deliver: impl FnOnce(Result<Box<Service>, String>) + Send + 'static,
) {
    thread::Builder::new()
        .name("ownvoice-lsp-loader".into())
        .spawn(move || {
            let loaded = catch_unwind(AssertUnwindSafe(|| {
                Service::load_forgiving(&common, cache).map(Box::new)
            }))
            .unwrap_or_else(|payload| Err(panic_message(payload.as_ref())));
            deliver(loaded);
        })
        .expect("a thread can be started");
}
