//! What each subcommand does, given its resolved settings: read the inputs, run the engine,
//! hand the issues to a report or to the learning session, and keep the progress journal.
//! Problems with one input are written to `errors` as one line naming the input and the
//! cause, and the other inputs are still checked.
//!
//! The outcome decides the exit status (`main.rs`): 0 nothing found, 1 issues, 2 trouble.
//! Nothing here writes to any input.

mod bar;
mod check;
mod config;
mod explain;
mod learn;
mod lsp;
mod ordered;
mod progress;
mod reporter;
mod serve;
mod shell;

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

pub use check::check;
pub use config::config;
pub use explain::explain;
pub use learn::learn;
pub use lsp::lsp;
pub use progress::progress;
pub use serve::serve;
pub use shell::{completions, man};

use crate::cache::Cache;
use crate::cli::Common;
use crate::dictionary::Personal;
use crate::engine::{Checker, EngineError, Engines, Finding};
use crate::input::prose::Prose;
use crate::journal::{Journal, Run, count_words};
use crate::service;
use crate::span::LineIndex;
use crate::stream::Part;
use crate::{Failure, Issue};
use std::sync::OnceLock;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was checked and nothing was found.
    Clean,
    /// Everything was checked and there are issues.
    Issues,
    /// Something could not be done (details already written to the error stream).
    Trouble,
    /// A face with a protocol of its own ended with the status that protocol gives
    /// (`lsp`: 0 after `shutdown` and `exit`, 1 otherwise).
    Status(u8),
}

/// The writer's personal dictionary (see [`crate::service::personal`]); `None` after writing
/// why not.
fn personal(common: &Common, errors: &mut dyn Write) -> io::Result<Option<Personal>> {
    match service::personal(common) {
        Ok((personal, warnings)) => {
            for warning in warnings {
                writeln!(errors, "ownvoice: {warning}")?;
            }
            Ok(Some(personal))
        }
        Err(error) => {
            writeln!(errors, "ownvoice: {error}")?;
            Ok(None)
        }
    }
}

/// The result cache for these settings, unless it is turned off or there is nowhere to keep
/// it.
fn open_cache(enabled: bool, common: &Common, personal: &Personal) -> Option<Cache> {
    enabled
        .then(|| service::open_cache(common, personal))
        .flatten()
}

/// Writes what the engines found in this run to the cache; failing to is a warning.
fn save(cache: Option<&Cache>, errors: &mut dyn Write) -> io::Result<()> {
    if let Some(cache) = cache
        && let Err(error) = cache.save()
    {
        let place = cache
            .dir()
            .map_or_else(String::new, |dir| format!(" in {}", dir.display()));
        writeln!(
            errors,
            "ownvoice: warning: results not cached{place}: {error}"
        )?;
    }
    Ok(())
}

/// Whether some part of the prose ([`crate::stream::parts`]) is not answered by the cache,
/// so the engines must be loaded.
fn engines_needed(cache: Option<&Cache>, text: &str, prose: &Prose, parts: &[Part]) -> bool {
    parts.iter().any(|part| {
        cache.is_none_or(|cache| !cache.contains(&part.seen(prose).assemble(text).text))
    })
}

/// Whether the rule ids the settings name must be checked against the engines' rules: they
/// name some, and no cache file made with the same settings shows that they were checked
/// before (one is written only after the engines loaded with them).
fn rule_ids_unchecked(common: &Common, cache: Option<&Cache>) -> bool {
    let named = !common.selection.enable.is_empty() || !common.selection.disable.is_empty();
    named && !cache.is_some_and(Cache::found)
}

/// Loads the engines with the writer's personal dictionary, or writes why not.
fn load(
    common: &Common,
    personal: &Personal,
    errors: &mut dyn Write,
) -> io::Result<Option<Engines>> {
    match service::engines(common, personal) {
        Ok(engines) => Ok(Some(engines)),
        Err(error) => {
            writeln!(errors, "ownvoice: {error}")?;
            Ok(None)
        }
    }
}

/// The engines, loaded on first use: for the sentences a `learn` session checks beyond the
/// text (a try, a suggestion put in place), when the cache answered for the whole text and
/// nothing was loaded. A failure to load is the check's error, reported where it is used.
pub(crate) struct OnDemand<'a> {
    loaded: Option<&'a Engines>,
    common: &'a Common,
    personal: &'a Personal,
    lazy: OnceLock<Result<Engines, String>>,
}

impl<'a> OnDemand<'a> {
    pub(crate) fn new(
        loaded: Option<&'a Engines>,
        common: &'a Common,
        personal: &'a Personal,
    ) -> OnDemand<'a> {
        OnDemand {
            loaded,
            common,
            personal,
            lazy: OnceLock::new(),
        }
    }
}

impl Checker for OnDemand<'_> {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        let engines = match self.loaded {
            Some(engines) => engines,
            None => self
                .lazy
                .get_or_init(|| service::engines(self.common, self.personal))
                .as_ref()
                .map_err(|error| EngineError::Load(error.clone()))?,
        };
        engines.check(text)
    }
}

/// Writes one line per paragraph the engine failed on (`path:line: cause`); true if any.
fn report_failures(
    path: &str,
    index: &LineIndex,
    failures: &[Failure],
    errors: &mut dyn Write,
) -> io::Result<bool> {
    for failure in failures {
        let line = index.position(failure.span.start).line;
        writeln!(errors, "ownvoice: {path}:{line}: {}", failure.error)?;
    }
    Ok(!failures.is_empty())
}

/// A journal record for `command`, to be filled by [`tally`].
fn run(command: &str) -> Run {
    Run {
        command: command.to_string(),
        ..Run::default()
    }
}

/// Counts the words of a text and the grammar points and rules of its issues into `run`.
pub(crate) fn tally<'a>(run: &mut Run, text: &str, issues: impl IntoIterator<Item = &'a Issue>) {
    run.words += count_words(text);
    count(run, issues);
}

/// Counts the grammar points and rules of issues into `run`.
fn count<'a>(run: &mut Run, issues: impl IntoIterator<Item = &'a Issue>) {
    for issue in issues {
        *run.points.entry(issue.explanation.id.clone()).or_default() += 1;
        *run.rules.entry(issue.rule.clone()).or_default() += 1;
    }
}

/// Adds a run's counts to the progress journal: grammar points, rules and the number of
/// words, never any text. A journal that cannot be written is a warning, never a failure of
/// the run.
fn record(mut run: Run, errors: &mut dyn Write) -> io::Result<()> {
    if run.words == 0 {
        return Ok(());
    }
    run.time = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let written = Journal::locate().and_then(|journal| match journal {
        Some(journal) => journal.append(&run),
        None => Ok(()),
    });
    if let Err(error) = written {
        writeln!(errors, "ownvoice: warning: progress not recorded: {error}")?;
    }
    Ok(())
}
