//! Suggested replacements, checked by the engines themselves before anyone sees them.
//!
//! An engine's replacement is built by a pattern, not understood: for "most of student" a
//! rule offers "most student" and "most of the student", both still wrong. Before a
//! replacement is shown (`--reveal`, the last hint of `learn`), it is put into the writer's
//! sentence and that sentence is checked again: a replacement on which an issue is still
//! found (the same mistake, another one, or a word the spell checker does not know) is
//! dropped. If the engine's message names a dropped replacement, the message is replaced
//! by a plain note, so a rejected suggestion never reaches the writer through it.
//!
//! Nothing here changes the writer's text: candidates are built in memory only.

use rayon::prelude::*;

use crate::engine::Checker;
use crate::sentence::sentence_of;
use crate::{Issue, check};

/// What the message says instead when it named a replacement that did not pass.
pub const WITHHELD: &str =
    "The engine's suggestion did not pass its own check, so it is not shown.";

/// Keeps, for every issue of `text`, only the replacements that pass
/// [`passes`]; issues are vetted in parallel.
pub fn vet(text: &str, issues: &mut [Issue], checker: &dyn Checker) {
    issues
        .par_iter_mut()
        .filter(|issue| !issue.replacements.is_empty())
        .for_each(|issue| vet_one(text, issue, checker));
}

/// [`vet`] for one issue.
pub fn vet_one(text: &str, issue: &mut Issue, checker: &dyn Checker) {
    let (kept, dropped): (Vec<String>, Vec<String>) = std::mem::take(&mut issue.replacements)
        .into_iter()
        .partition(|replacement| passes(text, issue, replacement, checker));
    if dropped.iter().any(|r| issue.message.contains(r.as_str())) {
        issue.message = WITHHELD.to_string();
    }
    issue.replacements = kept;
}

/// Whether the sentence of `issue`, with `replacement` in place of the flagged words, is
/// free of issues where the replacement stands. An engine that fails on the candidate
/// counts as a failed check: when in doubt, nothing is shown.
pub fn passes(text: &str, issue: &Issue, replacement: &str, checker: &dyn Checker) -> bool {
    let flagged = &text[issue.span.clone()];
    if replacement == flagged {
        return false;
    }
    let sentence = sentence_of(text, &issue.span);
    let before = &text[sentence.start..issue.span.start];
    let after = &text[issue.span.end..sentence.end];
    let candidate = format!("{before}{replacement}{after}");
    // The replaced words, in the candidate; an empty replacement (a deletion) is a point,
    // which an issue touches when it starts or ends there.
    let placed = before.len()..before.len() + replacement.len();
    let checked = check(&candidate, checker);
    if !checked.failures.is_empty() {
        return false;
    }
    !checked.issues.iter().any(|found| {
        let span = &found.span;
        if placed.is_empty() {
            span.start <= placed.start && placed.start <= span.end
        } else {
            span.start < placed.end && placed.start < span.end
        }
    })
}
