//! `ownvoice explain`: a grammar point's whole lesson from the catalogue, or the list.

use std::io::{self, Write};

use super::Outcome;
use crate::catalogue::catalogue;
use crate::report;
use crate::similar::closest;

/// Runs `ownvoice explain`: one lesson, or the list of grammar points with `list`.
pub fn explain(
    id: Option<&str>,
    list: bool,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let catalogue = catalogue();
    if list {
        report::lesson::list(out, catalogue)?;
        return Ok(Outcome::Clean);
    }
    let id = id.unwrap_or_default();
    match catalogue.entry(id) {
        Some(entry) => {
            report::lesson::lesson(out, catalogue, entry)?;
            Ok(Outcome::Clean)
        }
        None => {
            let near = closest(id, catalogue.entries.iter().map(|e| e.id.as_str()), 3);
            let hint = if near.is_empty() {
                "; `ownvoice explain --list` shows them all".to_string()
            } else {
                format!("; did you mean {}?", near.join(", "))
            };
            writeln!(errors, "ownvoice: unknown grammar point '{id}'{hint}")?;
            Ok(Outcome::Trouble)
        }
    }
}
