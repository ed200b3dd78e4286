//! `ownvoice progress`: the grammar points met most over the latest runs, from the journal,
//! `check` runs and `learn` sessions each in their own table so that a trend compares like
//! with like. A journal that is missing, off, corrupt or unreadable is never fatal: a
//! warning at most.

use std::io::{self, Write};

use super::Outcome;
use crate::catalogue::catalogue;
use crate::journal::{Journal, Run, trends};
use crate::report::progress::render;

/// Shows the table for the latest `window` runs.
pub fn progress(
    window: usize,
    color: bool,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let journal = match Journal::locate() {
        Ok(Some(journal)) => journal,
        Ok(None) => {
            writeln!(
                out,
                "The progress journal is off (OWNVOICE_NO_JOURNAL is set, or there is no home folder)."
            )?;
            out.flush()?;
            return Ok(Outcome::Clean);
        }
        Err(error) => {
            writeln!(errors, "ownvoice: warning: {error}")?;
            return Ok(Outcome::Clean);
        }
    };
    let read = match journal.read() {
        Ok(read) => read,
        Err(error) => {
            writeln!(errors, "ownvoice: warning: {error}; showing no progress")?;
            Default::default()
        }
    };
    if read.skipped > 0 {
        writeln!(
            errors,
            "ownvoice: warning: {}: skipped {} unreadable line(s)",
            journal.path.display(),
            read.skipped
        )?;
    }
    let title = |id: &str| {
        catalogue()
            .entry(id)
            .map_or_else(|| id.to_string(), |entry| entry.title.clone())
    };
    // A trend compares like with like: `check` runs count whole texts, `learn` runs only the
    // part of a text a session went through, so each command's runs have their own table.
    let (checks, learns): (Vec<Run>, Vec<Run>) = read
        .runs
        .into_iter()
        .filter(|run| run.words > 0)
        .partition(|run| run.command != "learn");
    let shown = |runs: &[Run]| runs.len().min(window);
    if !checks.is_empty() || learns.is_empty() {
        render(out, &trends(&checks, window), &title, shown(&checks), color)?;
    }
    if !learns.is_empty() {
        if !checks.is_empty() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "In `learn` sessions (the part of each text a session went through):"
        )?;
        render(out, &trends(&learns, window), &title, shown(&learns), color)?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
