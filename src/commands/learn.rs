//! `ownvoice learn`: the interactive session on a terminal, otherwise one issue printed.

use std::io::{self, Write};

use super::{
    OnDemand, Outcome, engines_needed, load, open_cache, personal, record, report_failures,
    rule_ids_unchecked, run, save, tally,
};
use crate::cache::Cached;
use crate::cli::LearnSettings;
use crate::engine::Checker;
use crate::input::{self, Source};
use crate::learn::{self, Session, plain, screen, terminal_guard};

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
    let common = &settings.common;
    let Some(personal) = personal(common, errors)? else {
        return Ok(Outcome::Trouble);
    };
    if let Some(format) = settings.input_format {
        source.format = format;
    }
    let prose = input::prose(&source.text, source.format, &common.latex_prose);
    let cache = open_cache(settings.cache, common, &personal);
    // As in `check`: the engines are loaded when the cache cannot answer for every paragraph,
    // or to check the rule ids the settings name.
    let parts = crate::stream::parts(&source.text, &prose);
    let engine = if engines_needed(cache.as_ref(), &source.text, &prose, &parts)
        || rule_ids_unchecked(common, cache.as_ref())
    {
        let Some(engine) = load(common, &personal, errors)? else {
            return Ok(Outcome::Trouble);
        };
        Some(engine)
    } else {
        None
    };
    let checker = Cached {
        cache: cache.as_ref(),
        engines: engine.as_ref().map(|engines| engines as &dyn Checker),
    };
    let checked = crate::check_prose(&source.text, &prose, &checker);
    let index = crate::span::LineIndex::new(&source.text);
    let failed = report_failures(&source.path, &index, &checked.failures, errors)?;
    // A try and the last hint check sentences the text did not hold: the engines load then,
    // if the cache answered for the whole text.
    let on_demand = OnDemand::new(engine.as_ref(), common, &personal);
    let later = Cached {
        cache: cache.as_ref(),
        engines: Some(&on_demand),
    };
    if checked.issues.is_empty() {
        writeln!(
            out,
            "No issues found in {}: nothing to learn from this text.",
            source.path
        )?;
        out.flush()?;
    } else {
        let mut session = Session::new(
            learn::cards(&source.text, &prose, &checked.issues),
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
        show(settings, out, &source, &mut session, &later)?;
        if settings.journal {
            // Only the part of the text the session went through, and its issues: a session
            // quit after one issue says nothing about the rest of the text.
            let (end, issues) = session.covered();
            let mut journal = run("learn");
            tally(&mut journal, &source.text[..end], issues);
            record(journal, errors)?;
        }
    }
    save(cache.as_ref(), errors)?;
    // As in `check`: the process ends soon, freeing costs 0.2 s.
    std::mem::forget(on_demand);
    std::mem::forget(engine);
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
    checker: &dyn Checker,
) -> io::Result<()> {
    // Restores the terminal if a signal ends the process while the screen is up; dropped
    // after the screen's own `Terminal`.
    let _guard = settings
        .interactive
        .then(terminal_guard::Guard::install)
        .and_then(Result::ok);
    let ran = settings.interactive
        && match screen::Terminal::open(&mut *out) {
            Ok(mut terminal) => {
                screen::run(
                    &mut terminal,
                    &source.path,
                    &source.text,
                    session,
                    settings.color,
                    checker,
                )?;
                true
            }
            Err(_) => false,
        };
    if ran {
        let width = crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns));
        return plain::summary(out, session, width);
    }
    if session.needs_reveal() {
        session.reveal(&source.text, checker);
    }
    plain::card(out, &source.path, session)
}
