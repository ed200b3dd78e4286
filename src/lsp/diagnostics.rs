//! A document's issues as the client sees them: LSP diagnostics with ranges in the client's
//! encoding, our words for each issue, and the report kept for hover and code actions.
//!
//! Invariant: a diagnostic's range is exactly the span `ownvoice check` reports for the same
//! text, converted; no diagnostic carries a replacement unless the `reveal` setting is on,
//! and none carries an edit of any kind.

use std::sync::Arc;

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range};
use serde_json::json;
use unicode_segmentation::UnicodeSegmentation;

use super::documents::Encoding;
use super::settings::{Hints, Settings};
use crate::Issue;
use crate::learn::WHERE;
use crate::span::LineIndex;

/// The source every diagnostic names.
pub const SOURCE: &str = "ownvoice";

/// The last check of a document that still applies: its issues and where the client sees
/// them.
pub struct Report {
    pub version: i32,
    /// The text that was checked (issue spans point into it).
    pub text: Arc<str>,
    pub issues: Vec<Issue>,
    /// Each issue's range in the client's encoding, in the same order.
    pub ranges: Vec<Range>,
}

impl Report {
    pub fn new(version: i32, text: Arc<str>, issues: Vec<Issue>, encoding: Encoding) -> Report {
        let index = LineIndex::new(&text);
        let ranges = issues
            .iter()
            .map(|issue| encoding.range(&index, &issue.span))
            .collect();
        Report {
            version,
            text,
            issues,
            ranges,
        }
    }

    /// An empty report (a document not checked, or too large to be).
    pub fn empty(version: i32) -> Report {
        Report {
            version,
            text: Arc::from(""),
            issues: Vec::new(),
            ranges: Vec::new(),
        }
    }

    /// The issues whose range holds `position` (its end included: the cursor just after a
    /// word is on it), innermost first.
    pub fn at(&self, position: Position) -> Vec<usize> {
        let mut found: Vec<usize> = (0..self.issues.len())
            .filter(|&i| self.ranges[i].start <= position && position <= self.ranges[i].end)
            .collect();
        found.sort_by_key(|&i| self.issues[i].span.len());
        found
    }

    /// The issues whose range meets `range`.
    pub fn within(&self, range: Range) -> Vec<usize> {
        (0..self.issues.len())
            .filter(|&i| self.ranges[i].start <= range.end && range.start <= self.ranges[i].end)
            .collect()
    }

    /// The words an issue flags.
    pub fn flagged(&self, i: usize) -> &str {
        self.text.get(self.issues[i].span.clone()).unwrap_or("")
    }

    /// Every issue as a diagnostic, with these settings.
    pub fn diagnostics(&self, settings: &Settings) -> Vec<Diagnostic> {
        (0..self.issues.len())
            .map(|i| self.diagnostic(i, settings))
            .collect()
    }

    fn diagnostic(&self, i: usize, settings: &Settings) -> Diagnostic {
        let issue = &self.issues[i];
        let ladder = settings.hints == Hints::Ladder;
        let mut message = if ladder {
            WHERE.to_string()
        } else {
            format!(
                "{}: {}",
                issue.explanation.title,
                first_sentence(&issue.explanation.explanation)
            )
        };
        if settings.reveal && !issue.replacements.is_empty() {
            message.push_str(&format!(
                " (a suggestion to consider: “{}”)",
                issue.replacements.join("” or “")
            ));
        }
        Diagnostic {
            range: self.ranges[i],
            severity: Some(severity(settings.severity)),
            // The rule names the grammar point: on the ladder, that is the second hint.
            code: (!ladder).then(|| NumberOrString::String(issue.rule.clone())),
            source: Some(SOURCE.to_string()),
            message,
            // What code actions need, so that they work on the client's copy of the
            // diagnostic even after edits have moved it.
            data: Some(json!({
                "rule": issue.rule,
                "explanation": issue.explanation.id,
                "flagged": self.flagged(i),
            })),
            ..Diagnostic::default()
        }
    }
}

fn severity(level: u8) -> DiagnosticSeverity {
    match level {
        1 => DiagnosticSeverity::ERROR,
        2 => DiagnosticSeverity::WARNING,
        4 => DiagnosticSeverity::HINT,
        _ => DiagnosticSeverity::INFORMATION,
    }
}

/// The first sentence of an explanation, its white space made single spaces.
pub fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.split_sentence_bounds()
        .next()
        .map_or(String::new(), |sentence| sentence.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_ends_at_its_full_stop_not_at_an_abbreviation() {
        assert_eq!(
            first_sentence("In the present tense, the verb\n changes. After he, it adds -s."),
            "In the present tense, the verb changes."
        );
        assert_eq!(
            first_sentence("Some words, e.g. news, are singular. Others are not."),
            "Some words, e.g. news, are singular."
        );
    }
}
