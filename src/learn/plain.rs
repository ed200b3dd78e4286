//! `ownvoice learn` without a terminal (a pipe, a script, a test, or `--issue K`): one issue
//! at the chosen hint rung, as plain lines, with carets under the flagged words; and the
//! closing summary of an interactive session.

use std::io::{self, Write};

use colored::Colorize;
use unicode_width::UnicodeWidthStr;

use super::card::{sentence_cells, wrap_cells};
use super::hints::{RUNGS, hints};
use super::session::Session;
use crate::report::wrap;

/// Width of the printed text.
const WIDTH: usize = 78;

/// Prints the session's current card at its rung.
pub fn card(out: &mut dyn Write, path: &str, session: &Session) -> io::Result<()> {
    let card = session.card();
    let (at, total) = session.position();
    writeln!(
        out,
        "{} {}",
        format!("Issue {at} of {total}").bold(),
        format!("· {path}:{}:{}", card.start.line, card.start.column).dimmed()
    )?;
    for line in wrap_cells(&sentence_cells(card), WIDTH - 2) {
        let shown: String = line.iter().map(|c| c.text.as_str()).collect();
        let carets: String = line
            .iter()
            .map(|c| if c.flagged { "^" } else { " " }.repeat(c.text.width()))
            .collect();
        writeln!(out, "  {shown}")?;
        if !carets.trim().is_empty() {
            writeln!(out, "  {}", carets.trim_end().red().bold())?;
        }
    }
    for hint in hints(card, session.rung(), session.reveal_of_current()) {
        let head = format!("Hint {} of {RUNGS} ({}):", hint.rung, hint.label);
        let mut lines = wrap(&format!("{head} {}", hint.text), WIDTH).into_iter();
        if let Some(first) = lines.next() {
            let rest = &first[head.len()..];
            writeln!(out, "{}{rest}", head.bold())?;
        }
        for line in lines {
            writeln!(out, "  {line}")?;
        }
        if let Some((incorrect, correct)) = hint.pair {
            writeln!(out, "  {} {incorrect}", "✗".red().bold())?;
            writeln!(out, "  {} {correct}", "✓".green().bold())?;
        }
    }
    if session.rung() < RUNGS {
        writeln!(
            out,
            "{}",
            format!(
                "More hints: ownvoice learn {path} --issue {at} --start-hint {}",
                session.rung() + 1
            )
            .dimmed()
        )?;
    }
    out.flush()
}

/// The closing summary: what was seen, tried, fixed and skipped, and the grammar points met
/// this run, most frequent first.
/// Lines are wrapped to `width` columns (the terminal's).
pub fn summary(out: &mut dyn Write, session: &Session, width: usize) -> io::Result<()> {
    let width = width.clamp(20, WIDTH);
    let tally = session.tally();
    let counts = format!(
        "This session: {} issues; {} seen, {} tried, {} fixed in a try, {} skipped.",
        tally.issues, tally.seen, tally.tried, tally.fixed, tally.skipped
    );
    for line in wrap(&counts, width) {
        writeln!(out, "{}", line.bold())?;
    }
    let met = session.met();
    let total: usize = met.iter().map(|(_, count)| count).sum();
    writeln!(
        out,
        "{}",
        format!(
            "Grammar points met this time ({total} of {} issues):",
            session.cards.len()
        )
        .bold()
    )?;
    for (entry, count) in met {
        let line = format!(
            "{count:>3} × {}  (ownvoice explain {})",
            entry.title, entry.id
        );
        for (i, part) in wrap(&line, width - 4).into_iter().enumerate() {
            let indent = if i == 0 { "  " } else { "        " };
            writeln!(out, "{indent}{part}")?;
        }
    }
    out.flush()
}
