//! `ownvoice check`: every issue of every input, through the chosen report, as it is found.
//!
//! Every file is cut into parts (`stream::parts`: its paragraphs, and windows of whole
//! sentences of a very long one); the parts of all files are checked a few at a time, one
//! per core, and handed to the report in input order as soon as each and all before it are
//! done (`ordered.rs`), so the first issues of a long file are shown while its later parts
//! are still being checked, and what is held at once is a window of parts, not a file.
//! `reporter.rs` merges, limits, reports and counts what each part found.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::bar::Bar;
use super::ordered::{self, Event};
use super::reporter::Reporter;
use super::{
    Outcome, engines_needed, load, open_cache, personal, record, rule_ids_unchecked, run, save,
};
use crate::Failure;
use crate::cache::{Cache, Cached};
use crate::cli::{CheckSettings, Common};
use crate::dictionary::Personal;
use crate::engine::{Checker, EngineError, Engines};
use crate::input::{self, Source, prose::Prose};
use crate::report::{self, Totals};
use crate::stream::{self, Found, Part};

/// Runs `ownvoice check`. An `Err` is an I/O error on the report's output (a closed pipe
/// among them), for the caller to judge.
pub fn check(
    settings: &CheckSettings,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut totals = Totals::default();
    // The engines once loaded, with the time loading took (for `--verbose`).
    let mut engine: Option<(Engines, Duration)> = None;
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
            }
        }
    }
    let proses: Vec<Prose> = sources
        .iter()
        .map(|source| input::prose(&source.text, source.format, &settings.common.latex_prose))
        .collect();
    let parts: Vec<Vec<Part>> = (sources.iter().zip(&proses))
        .map(|(source, prose)| stream::parts(&source.text, prose))
        .collect();
    // Suggestions shown with --reveal are checked by the engines first (src/suggestions.rs).
    let needed = settings.options.reveal
        || (sources.iter().zip(&proses).zip(&parts)).any(|((source, prose), parts)| {
            engines_needed(cache.as_ref(), &source.text, prose, parts)
        });
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

    let report = report::report(settings.format, settings.options, Box::new(out));
    let mut reporter = Reporter::new(&sources, &proses, &parts, report, run("check"));
    reporter.totals = totals;
    reporter.max_issues = settings.max_issues;
    reporter.reveal = settings.options.reveal.then_some(&checker as &dyn Checker);
    let checked = check_all(
        &sources,
        &proses,
        &parts,
        &checker,
        settings.progress,
        |event| match event {
            Done::Part(file, k, found) => reporter.part(file, k, found, errors),
            Done::End(file) => reporter.end(file, errors).map(|()| false),
        },
    );
    // What was checked is sound even when the report could not be written to the end.
    save(cache.as_ref(), errors)?;
    checked?;
    let trouble = reporter.trouble || reporter.totals.files_failed > 0;
    let totals = reporter.totals;
    reporter.report.finish(&totals)?;
    let journal = std::mem::take(&mut reporter.journal);
    drop(reporter);
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

/// One piece of work of a check: a part of a file, or the end of a file (after its last
/// part, so that a file with no prose is still reported).
enum Work {
    Part(usize, usize),
    End(usize),
}

/// What [`check_all`] hands over, in order.
enum Done {
    /// What the engines found in part `k` of a file.
    Part(usize, usize, Found),
    /// A file's parts are all handed over.
    End(usize),
}

/// How many parts may be checked ahead of the one the report waits for, per core: enough to
/// keep every core busy past one slow paragraph, few enough that a file cut at the limit on
/// issues wastes little work, and that what is held stays small.
const AHEAD_PER_CORE: usize = 4;

/// Checks every part of every file, a part per core at a time, and hands what each found to
/// `done` in order, as soon as it and all before it are ready, with each file's end. When
/// `done` says a file has reached its limit, its later parts are skipped. An error from
/// `done` (a closed output) stops the run; the threads stop after their current part.
fn check_all(
    sources: &[Source],
    proses: &[Prose],
    parts: &[Vec<Part>],
    checker: &dyn Checker,
    progress: bool,
    mut done: impl FnMut(Done) -> io::Result<bool>,
) -> io::Result<()> {
    let work: Vec<Work> = (parts.iter().enumerate())
        .flat_map(|(file, parts)| {
            (0..parts.len())
                .map(move |k| Work::Part(file, k))
                .chain([Work::End(file)])
        })
        .collect();
    let bytes = |part: &Part| part.span.len();
    let total = parts.iter().flatten().map(bytes).sum();
    let mut bar = Bar::new(progress, sources.len(), total);
    let mut bytes_done = 0;
    let stopped: Vec<AtomicBool> = parts.iter().map(|_| AtomicBool::new(false)).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let check = |work: &Work| {
        let Work::Part(file, k) = *work else {
            return None;
        };
        if stopped[file].load(Ordering::Relaxed) {
            return None;
        }
        let (text, prose, part) = (&sources[file].text, &proses[file], &parts[file][k]);
        // Engines catch their own panics; anything else is this part's failure.
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            stream::check_part(text, prose, part, checker)
        }))
        .unwrap_or_else(|payload| Found {
            issues: Vec::new(),
            failures: vec![Failure {
                span: part.span.clone(),
                error: EngineError::Failed(crate::engine::panic_message(payload.as_ref())),
            }],
        });
        Some(found)
    };
    let result = ordered::run(&work, cores, cores * AHEAD_PER_CORE, check, |event| {
        let Event::Done(i, found) = event else {
            bar.iter_mut().for_each(|bar| bar.tick(bytes_done));
            return Ok(());
        };
        let handed = match (&work[i], found) {
            (&Work::Part(file, k), Some(found)) => Done::Part(file, k, found),
            // A part skipped after its file reached the limit.
            (&Work::Part(file, k), None) => {
                bytes_done += bytes(&parts[file][k]);
                return Ok(());
            }
            (&Work::End(file), _) => Done::End(file),
        };
        let cut = match &bar {
            Some(bar) => bar.suspend(|| done(handed))?,
            None => done(handed)?,
        };
        match work[i] {
            Work::Part(file, k) => {
                bytes_done += bytes(&parts[file][k]);
                if cut {
                    stopped[file].store(true, Ordering::Relaxed);
                }
                bar.iter_mut().for_each(|bar| bar.tick(bytes_done));
            }
            Work::End(_) => bar.iter_mut().for_each(|bar| bar.file_done(bytes_done)),
        }
        Ok(())
    });
    bar.iter().for_each(Bar::finish);
    result
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
