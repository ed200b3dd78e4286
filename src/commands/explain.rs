//! `ownvoice explain`: a grammar point's whole lesson from the catalogue, or the list. The
//! id may be a grammar point's (`past-participle`) or a rule's, as every report shows it
//! (`GRAMMAR/HAVE_PART_AGREEMENT`): a rule's is explained by the lesson it maps to.

use std::io::{self, Write};

use super::Outcome;
use crate::catalogue::{Explanation, catalogue};
use crate::engine::RuleId;
use crate::report;
use crate::similar::closest;

/// Runs `ownvoice explain`: one lesson, or the list of grammar points (with `list`, or
/// without an id).
pub fn explain(
    id: Option<&str>,
    list: bool,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let catalogue = catalogue();
    let Some(id) = id.filter(|_| !list) else {
        report::lesson::list(out, catalogue)?;
        return Ok(Outcome::Clean);
    };
    if let Some(entry) = catalogue.entry(id) {
        report::lesson::lesson(out, catalogue, entry)?;
        return Ok(Outcome::Clean);
    }
    if let Some((rule, entry)) = by_rule(id) {
        writeln!(out, "{rule} is explained by the lesson '{}':\n", entry.id)?;
        report::lesson::lesson(out, catalogue, entry)?;
        return Ok(Outcome::Clean);
    }
    let ids = catalogue.entries.iter().map(|e| e.id.as_str());
    let near = closest(id, ids, 3);
    let hint = if near.is_empty() {
        "; `ownvoice explain --list` shows them all".to_string()
    } else {
        format!("; did you mean {}?", near.join(", "))
    };
    writeln!(errors, "ownvoice: unknown grammar point '{id}'{hint}")?;
    Ok(Outcome::Trouble)
}

/// The lesson of a rule id in any letter case (`grammar/he_need`, `GRAMMAR/HE_NEED/0`), if
/// the catalogue maps it, with the group id as reports write it. Harper's and our own rule
/// names keep their case, so the id is matched against the mapped ids without it.
fn by_rule(id: &str) -> Option<(String, &'static Explanation)> {
    if !id.contains('/') {
        return None;
    }
    // `CATEGORY/GROUP` as given, or the group of a numbered rule `CATEGORY/GROUP/N`.
    let mut candidates = vec![id.to_string()];
    if id.matches('/').count() == 2 {
        candidates.push(RuleId::parse(id).group);
    }
    for candidate in candidates {
        if let Some(entry) = catalogue().mapped_exactly(&candidate) {
            return Some((candidate, entry));
        }
        if let Some((rule, entry)) = catalogue().mapped_ignoring_case(&candidate) {
            return Some((rule, entry));
        }
    }
    None
}
