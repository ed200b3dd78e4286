//! `ownvoice learn`: the interactive session on a terminal, otherwise one issue printed.

use std::io::{self, Write};

use super::{Outcome, load, record, report_failures, run, tally};
use crate::cli::LearnSettings;
use crate::input::{self, Source};
use crate::learn::{self, Session, plain, screen};

/// Runs `ownvoice learn`: the interactive session on a terminal, otherwise one issue printed.
pub fn learn(
    settings: &LearnSettings,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut source = match input::read(&settings.input) {
        Ok(source) => source,
        Err(error) => {
            writeln!(errors, "ownvoice: {error}")?;
            return Ok(Outcome::Trouble);
        }
    };
    let Some(engine) = load(&settings.common, errors)? else {
        return Ok(Outcome::Trouble);
    };
    if let Some(format) = settings.input_format {
        source.format = format;
    }
    let prose = input::prose(&source.text, source.format, &settings.common.latex_prose);
    let checked = crate::check_prose(&source.text, &prose, &engine);
    std::mem::forget(engine); // as in `check`: the process ends soon, freeing costs 0.2 s
    let failed = report_failures(&source, &checked, errors)?;
    if checked.issues.is_empty() {
        writeln!(
            out,
            "No issues found in {}: nothing to learn from this text.",
            source.path
        )?;
        out.flush()?;
    } else {
        let mut session = Session::new(
            learn::cards(&source.text, &checked.issues),
            settings.start_rung,
        );
        if let Some(k) = settings.issue {
            if k > session.cards.len() {
                let count = session.cards.len();
                writeln!(
                    errors,
                    "ownvoice: {}: there is no issue {k}; the text has {count}",
                    source.path
                )?;
                return Ok(Outcome::Trouble);
            }
            session.go_to(k - 1);
        }
        show(settings, out, &source, &mut session)?;
        if settings.journal {
            let mut journal = run("learn");
            tally(&mut journal, &source.text, session.seen_issues());
            record(journal, errors)?;
        }
    }
    Ok(if failed {
        Outcome::Trouble
    } else if checked.issues.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Issues
    })
}

/// The interactive session and its summary where there is a terminal; otherwise (a pipe,
/// `--issue`, no terminal to read keys from) the current issue, printed.
fn show(
    settings: &LearnSettings,
    out: &mut dyn Write,
    source: &Source,
    session: &mut Session,
) -> io::Result<()> {
    let ran = settings.interactive
        && match screen::Terminal::open(&mut *out) {
            Ok(mut terminal) => {
                screen::run(
                    &mut terminal,
                    &source.path,
                    &source.text,
                    session,
                    settings.color,
                )?;
                true
            }
            Err(_) => false,
        };
    if ran {
        return plain::summary(out, session);
    }
    plain::card(out, &source.path, &source.text, session)
}
