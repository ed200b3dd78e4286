//! `ownvoice progress`: the grammar points met most over the latest runs, from the journal.
//! A journal that is missing, off, corrupt or unreadable is never fatal: a warning at most.

use std::io::{self, Write};

use super::Outcome;
use crate::catalogue::catalogue;
use crate::journal::{Journal, trends};
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
    let shown = read
        .runs
        .iter()
        .filter(|run| run.words > 0)
        .count()
        .min(window);
    let title = |id: &str| {
        catalogue()
            .entry(id)
            .map_or_else(|| id.to_string(), |entry| entry.title.clone())
    };
    render(out, &trends(&read.runs, window), &title, shown, color)?;
    out.flush()?;
    Ok(Outcome::Clean)
}
