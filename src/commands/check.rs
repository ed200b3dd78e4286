//! `ownvoice check`: every issue of every input, through the chosen report.

use std::io::{self, Write};

use super::{Outcome, load, record, report_failures, run, tally};
use crate::cli::CheckSettings;
use crate::engine::Checker;
use crate::engine::Engines;
use crate::input;
use crate::report::{self, Totals};

/// Runs `ownvoice check`. An `Err` is an I/O error on the report's output (a closed pipe
/// among them), for the caller to judge.
pub fn check(
    settings: &CheckSettings,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut report = report::report(settings.format, settings.options, Box::new(out));
    let mut totals = Totals::default();
    let mut engine: Option<Engines> = None;
    let mut trouble = false;
    let mut journal = run("check");

    // Named rule ids are checked up front, so a typo is reported before any work is done.
    // So are named dictionaries that cannot be read.
    if !settings.selection.enable.is_empty()
        || !settings.selection.disable.is_empty()
        || !settings.dictionaries.is_empty()
    {
        engine = load(&settings.selection, &settings.dictionaries, errors)?;
        if engine.is_none() {
            return Ok(Outcome::Trouble);
        }
    }

    for path in &settings.inputs {
        let source = match input::read(path) {
            Ok(source) => source,
            Err(error) => {
                writeln!(errors, "ownvoice: {error}")?;
                totals.files_failed += 1;
                trouble = true;
                continue;
            }
        };
        let checked = if input::prose_ranges(&source.text).is_empty() {
            crate::Checked::default()
        } else {
            if engine.is_none() {
                engine = load(&settings.selection, &settings.dictionaries, errors)?;
                if engine.is_none() {
                    return Ok(Outcome::Trouble);
                }
            }
            let checker: &dyn Checker = engine.as_ref().expect("loaded above");
            crate::check(&source.text, checker)
        };
        trouble |= report_failures(&source, &checked, errors)?;
        report.source(&source, &checked.issues)?;
        tally(&mut journal, &source.text, &checked.issues);
        totals.files_checked += 1;
        totals.issues += checked.issues.len();
        totals.files_with_issues += usize::from(!checked.issues.is_empty());
    }
    report.finish(&totals)?;
    if settings.journal {
        record(journal, errors)?;
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
