//! ownvoice: an offline grammar checker for people who write in English as a second language.
//!
//! It points at likely grammar mistakes and explains the grammar behind each one; it never
//! rewrites the text. Data flows one way:
//!
//! ```text
//! input (text, prose ranges) -> engine (findings per paragraph) -> Issue (span into the
//! original text + our explanation from the catalogue) -> report
//! ```
//!
//! The library never prints; [`report`] is the only code that writes results, and only to the
//! writer it is given.

pub mod cache;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dictionary;
pub mod engine;
pub mod input;
pub mod journal;
pub mod learn;
pub mod lsp;
pub mod report;
pub mod sentence;
pub mod serve;
pub mod service;
pub mod similar;
pub mod span;
pub mod stream;
pub mod suggestions;

use catalogue::Explanation;
use engine::{Checker, EngineError};
use input::prose::Prose;
use span::Span;

/// One likely mistake, located in the original text and explained.
#[derive(Debug, Clone)]
pub struct Issue {
    /// Stable rule id (see [`engine::Finding::rule`]).
    pub rule: String,
    /// Byte span into the original text, end-exclusive.
    pub span: Span,
    /// The engine's own message; may name the replacement, so shown only with `--reveal`.
    pub message: String,
    /// The engine's suggested replacements; shown only with `--reveal`.
    pub replacements: Vec<String>,
    /// Our explanation of the grammar point.
    pub explanation: &'static Explanation,
}

/// A paragraph the engine failed on: it was not checked.
#[derive(Debug)]
pub struct Failure {
    pub span: Span,
    pub error: EngineError,
}

/// What checking one text found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Issues in order of position.
    pub issues: Vec<Issue>,
    pub failures: Vec<Failure>,
}

/// Checks the prose of a plain text, paragraph by paragraph, and explains each finding.
pub fn check(text: &str, checker: &dyn Checker) -> Checked {
    check_prose(text, &input::prose::plain(text), checker)
}

/// Checks the prose of a document block by block, and explains each finding. Spans are mapped
/// back to the original text; findings on placeholders are dropped. Ignore comments apply
/// after overlapping issues are merged: silencing the issue a writer saw must not bring up
/// another engine's issue on the same words. `ownvoice check` gives the same issues part by
/// part as they are found ([`stream`]).
pub fn check_prose(text: &str, prose: &Prose, checker: &dyn Checker) -> Checked {
    stream::check_all(text, prose, checker, &|_| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::Finding;

    /// Flags every "need"; fails on any paragraph that contains "BOOM".
    struct Fussy;

    impl Checker for Fussy {
        fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
            if text.contains("BOOM") {
                return Err(EngineError::Failed("test".into()));
            }
            Ok(text
                .match_indices("need")
                .map(|(at, word)| Finding {
                    rule: "GRAMMAR/HE_NEED".into(),
                    span: at..at + word.len(),
                    message: String::new(),
                    replacements: vec![],
                })
                .collect())
        }
    }

    #[test]
    fn spans_point_into_the_original_text_and_failures_cost_one_paragraph() {
        let text = "Él need it.\n\nBOOM need.\n\n  Café need, need.\n";
        let checked = check(text, &Fussy);
        let flagged: Vec<&str> = checked
            .issues
            .iter()
            .map(|i| &text[i.span.clone()])
            .collect();
        assert_eq!(flagged, ["need", "need", "need"]);
        assert_eq!(checked.issues[0].span.start, "Él ".len());
        assert_eq!(checked.failures.len(), 1);
        assert_eq!(&text[checked.failures[0].span.clone()], "BOOM need.");
    }
}
