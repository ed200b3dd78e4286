//! `ownvoice check`: every issue of every input, through the chosen report.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::bar::Bar;
use super::{
    Outcome, engines_needed, load, open_cache, personal, record, report_failures,
    rule_ids_unchecked, run, save, tally,
};
use crate::cache::{Cache, Cached};
use crate::cli::{CheckSettings, Common};
use crate::dictionary::Personal;
use crate::engine::{Checker, EngineError, Engines};
use crate::input::{self, Source, prose::Prose};
use crate::report::{self, Totals};
use crate::suggestions;
use crate::{Checked, Failure};

/// Runs `ownvoice check`. An `Err` is an I/O error on the report's output (a closed pipe
/// among them), for the caller to judge.
pub fn check(
    settings: &CheckSettings,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut report = report::report(settings.format, settings.options, Box::new(out));
    let mut totals = Totals::default();
    // The engines once loaded, with the time loading took (for `--verbose`).
    let mut engine: Option<(Engines, Duration)> = None;
    let mut trouble = false;
    let mut journal = run("check");
    let common = &settings.common;

    // Named dictionaries that cannot be read are reported before any work is done.
    let Some(personal) = personal(common, errors)? else {
        return Ok(Outcome::Trouble);
    };
    let cache = open_cache(settings.cache, common, &personal);
    // So are named rule ids that no engine knows.
    if rule_ids_unchecked(common, cache.as_ref()) {
        engine = load_timed(common, &personal, errors)?;
        if engine.is_none() {
            return Ok(Outcome::Trouble);
        }
    }

    // Every input is read first (folders expanded), so that files can be checked in
    // parallel; what cannot be read is reported now and the rest is still checked.
    let mut sources = Vec::new();
    for input in input::expand(&settings.inputs, &settings.common.ignore) {
        match input.and_then(|path| input::read(&path)) {
            Ok(mut source) => {
                if let Some(format) = settings.input_format {
                    source.format = format;
                }
                sources.push(source);
            }
            Err(error) => {
                writeln!(errors, "ownvoice: {error}")?;
                totals.files_failed += 1;
                trouble = true;
            }
        }
    }
    let proses: Vec<Prose> = sources
        .iter()
        .map(|source| input::prose(&source.text, source.format, &settings.common.latex_prose))
        .collect();
    // Suggestions shown with --reveal are checked by the engines first (src/suggestions.rs).
    let needed = settings.options.reveal
        || (sources.iter().zip(&proses))
            .any(|(source, prose)| engines_needed(cache.as_ref(), &source.text, prose));
    if engine.is_none() && needed {
        engine = load_timed(common, &personal, errors)?;
        if engine.is_none() {
            return Ok(Outcome::Trouble);
        }
    }
    let checker = Cached {
        cache: cache.as_ref(),
        engines: engine.as_ref().map(|(engines, _)| engines as &dyn Checker),
    };
    // Files are checked in parallel and reported in input order, each as soon as it and
    // every file before it are done.
    let bytes: usize = proses
        .iter()
        .flat_map(|prose| &prose.blocks)
        .map(|block| block.span().len())
        .sum();
    let mut bar = Bar::new(settings.progress, sources.len(), bytes);
    let bytes_done = AtomicUsize::new(0);
    let mut report_one = |i: usize, mut checked: Checked| -> io::Result<()> {
        let source = &sources[i];
        if settings.options.reveal {
            suggestions::vet(&source.text, &mut checked.issues, &checker);
        }
        trouble |= report_failures(source, &checked, errors)?;
        report.source(source, &checked.issues)?;
        tally(&mut journal, &source.text, &checked.issues);
        totals.files_checked += 1;
        totals.issues += checked.issues.len();
        totals.files_with_issues += usize::from(!checked.issues.is_empty());
        Ok(())
    };
    let checked = check_all(&sources, &proses, &checker, &bytes_done, |event| {
        let bytes = bytes_done.load(Ordering::Relaxed);
        match (event, bar.as_mut()) {
            (Event::Waiting, Some(bar)) => bar.tick(bytes),
            (Event::Waiting, None) => {}
            (Event::Checked(i, checked), Some(bar)) => {
                bar.suspend(|| report_one(i, checked))?;
                bar.file_done(bytes);
            }
            (Event::Checked(i, checked), None) => report_one(i, checked)?,
        }
        Ok(())
    });
    bar.iter().for_each(Bar::finish);
    // What was checked is sound even when the report could not be written to the end.
    save(cache.as_ref(), errors)?;
    checked?;
    report.finish(&totals)?;
    if settings.journal {
        record(journal, errors)?;
    }
    if settings.verbose {
        let stats = Stats {
            files: sources.len(),
            paragraphs: proses.iter().map(|prose| prose.blocks.len()).sum(),
            cache: cache.as_ref(),
            loading: engine.as_ref().map(|(_, took)| *took),
            total: started.elapsed(),
        };
        writeln!(errors, "ownvoice: {stats}")?;
    }
    // A command runs once per process, and the process ends next: freeing the engine's
    // tables one by one would add about 0.2 s to every run for nothing.
    std::mem::forget(engine);

    Ok(if trouble {
        Outcome::Trouble
    } else if totals.issues > 0 {
        Outcome::Issues
    } else {
        Outcome::Clean
    })
}

/// Loads the engines, or writes why not; with the time it took.
fn load_timed(
    common: &Common,
    personal: &Personal,
    errors: &mut dyn Write,
) -> io::Result<Option<(Engines, Duration)>> {
    let start = Instant::now();
    Ok(load(common, personal, errors)?.map(|engines| (engines, start.elapsed())))
}

/// How often the progress bar is redrawn while files are being checked.
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// What [`check_all`] hands its caller.
enum Event {
    /// A file's result, in input order.
    Checked(usize, Checked),
    /// Nothing new for a while: time to redraw the progress bar.
    Waiting,
}

/// Checks every source, several files at a time (one per core), and hands each result to
/// `done` in the order of `sources`, as soon as it and all before it are ready. An error from
/// `done` (a closed output) stops the run; the workers stop after their current file.
fn check_all(
    sources: &[Source],
    proses: &[Prose],
    engine: &dyn Checker,
    bytes_done: &AtomicUsize,
    mut done: impl FnMut(Event) -> io::Result<()>,
) -> io::Result<()> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel();
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else {
                        break;
                    };
                    // Engines catch their own panics; anything else is this file's failure.
                    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        crate::check_prose_counting(&source.text, &proses[i], engine, bytes_done)
                    }))
                    .unwrap_or_else(|payload| Checked {
                        issues: Vec::new(),
                        failures: vec![Failure {
                            span: 0..source.text.len(),
                            error: EngineError::Failed(crate::engine::panic_message(
                                payload.as_ref(),
                            )),
                        }],
                    });
                    if sender.send((i, checked)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut next_to_report = 0;
        loop {
            let event = match receiver.recv_timeout(TICK) {
                Ok((i, checked)) => {
                    waiting.insert(i, checked);
                    None
                }
                Err(mpsc::RecvTimeoutError::Timeout) => Some(Event::Waiting),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let mut events: Vec<Event> = event.into_iter().collect();
            while let Some(checked) = waiting.remove(&next_to_report) {
                events.push(Event::Checked(next_to_report, checked));
                next_to_report += 1;
            }
            for event in events {
                if let Err(error) = done(event) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(error);
                }
            }
        }
        Ok(())
    })
}

/// How a run went, for `--verbose`: "2 files, 310 paragraphs: 309 from the cache, 1 checked;
/// engines loaded in 0.74 s; 1.02 s in all".
struct Stats<'a> {
    files: usize,
    paragraphs: usize,
    cache: Option<&'a Cache>,
    /// How long loading the engines took, if they were loaded.
    loading: Option<Duration>,
    total: Duration,
}

impl fmt::Display for Stats<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}: ",
            plural(self.files, "file"),
            plural(self.paragraphs, "paragraph")
        )?;
        match self.cache {
            Some(cache) => write!(
                f,
                "{} from the cache, {} checked",
                cache.hits.load(Ordering::Relaxed),
                cache.misses.load(Ordering::Relaxed)
            )?,
            None => write!(f, "all checked, no cache")?,
        }
        match self.loading {
            Some(loading) => write!(f, "; engines loaded in {:.2} s", loading.as_secs_f64())?,
            None => write!(f, "; engines not loaded")?,
        }
        write!(f, "; {:.2} s in all", self.total.as_secs_f64())
    }
}
