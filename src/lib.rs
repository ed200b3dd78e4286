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
pub mod suggestions;

use catalogue::{Context, Explanation, catalogue};
use std::sync::atomic::{AtomicUsize, Ordering};

use engine::learner::shapes_paragraphs;
use engine::{Checker, EngineError, RuleId};
use input::prose::{Kind, Prose};
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

/// The issues to report, in order of position. Issues whose spans overlap are merged when
/// they teach the same point (two engines often flag one mistake): the one kept came first
/// from the checker (engines are listed narrowest first), then has the shorter span. Issues
/// that overlap but teach different points are all kept ("we discusses about" is an
/// agreement mistake and a verb that takes no preposition), except that a generic
/// finding gives way to a specific one on the same words, and generic ones count as one
/// point among themselves. Generic are the fallback explanations and the statistical
/// signal's findings: the signal is for the places patterns cannot reach, so where a
/// pattern rule flags the same words ("She go" and "go"), its lesson names the point.
fn merge(issues: Vec<Issue>) -> Vec<Issue> {
    let generic = |issue: &Issue| issue.explanation.fallback || issue.rule.starts_with("SIGNAL/");
    let mut ranked: Vec<(usize, Issue)> = issues.into_iter().enumerate().collect();
    ranked.sort_by_key(|(order, issue)| (issue.span.start, issue.span.end, *order));
    // A specific finding wins over a generic one of the same point, then the first.
    let rank = |(order, issue): &(usize, Issue)| (generic(issue), *order, issue.span.len());
    let mut kept: Vec<(usize, Issue)> = Vec::new();
    for candidate in ranked {
        let (_, issue) = &candidate;
        // Kept issues start at or before the candidate; those that reach into it overlap.
        let overlapping: Vec<usize> = (0..kept.len())
            .filter(|&i| overlaps(&kept[i].1.span, &issue.span))
            .collect();
        // Generic notes all say "something may be wrong here": one is enough.
        let same = overlapping.iter().copied().find(|&i| {
            let other = &kept[i].1;
            other.explanation.id == issue.explanation.id || (generic(other) && generic(issue))
        });
        if let Some(i) = same {
            if rank(&candidate) < rank(&kept[i]) {
                kept[i] = candidate;
            }
            continue;
        }
        if generic(issue) && overlapping.iter().any(|&i| !generic(&kept[i].1)) {
            continue;
        }
        if !generic(issue) {
            let mut i = 0;
            kept.retain(|(_, other)| {
                let drop = overlapping.contains(&i) && generic(other);
                i += 1;
                !drop
            });
        }
        kept.push(candidate);
    }
    kept.sort_by_key(|(order, issue)| (issue.span.start, issue.span.end, *order));
    kept.into_iter().map(|(_, issue)| issue).collect()
}

fn overlaps(a: &Span, b: &Span) -> bool {
    (a.start < b.end && b.start < a.end) || a == b
}

/// Checks the prose of a plain text, paragraph by paragraph, and explains each finding.
pub fn check(text: &str, checker: &dyn Checker) -> Checked {
    check_prose(text, &input::prose::plain(text), checker)
}

/// Checks the prose of a document block by block, and explains each finding. Spans are mapped
/// back to the original text; findings on placeholders are dropped. Ignore comments apply
/// after overlapping issues are merged: silencing the issue a writer saw must not bring up
/// another engine's issue on the same words.
pub fn check_prose(text: &str, prose: &Prose, checker: &dyn Checker) -> Checked {
    check_prose_counting(text, prose, checker, &AtomicUsize::new(0))
}

/// [`check_prose`], adding the size in bytes of each block to `done` as soon as it is
/// checked (for a progress bar).
pub fn check_prose_counting(
    text: &str,
    prose: &Prose,
    checker: &dyn Checker,
    done: &AtomicUsize,
) -> Checked {
    let mut checked = Checked::default();
    let results = in_parallel(&prose.blocks, |block| {
        let assembled = block.assemble(text);
        // The lesson is chosen here, where the words and their sentence are at hand as the
        // engines saw them (the prose of the block, not the markup around it).
        let result = checker.check(&assembled.text).map(|findings| {
            findings
                .into_iter()
                .filter_map(|finding| {
                    let context = Context::of(&assembled.text, &finding.span);
                    let lesson = catalogue().lesson(&finding.rule, &context);
                    Some((assembled.original(finding.span.clone())?, finding, lesson))
                })
                .collect::<Vec<_>>()
        });
        done.fetch_add(block.span().len(), Ordering::Relaxed);
        result
    });
    for (block, result) in prose.blocks.iter().zip(results) {
        match result {
            Ok(findings) => {
                for (span, finding, lesson) in findings {
                    // Rules about how a paragraph starts say nothing of a list item or heading.
                    if block.kind != Kind::Paragraph && shapes_paragraphs(&finding.rule) {
                        continue;
                    }
                    checked.issues.push(Issue {
                        explanation: lesson,
                        rule: finding.rule,
                        span,
                        message: finding.message,
                        replacements: finding.replacements,
                    });
                }
            }
            Err(error) => checked.failures.push(Failure {
                span: block.span(),
                error,
            }),
        }
    }
    checked.issues = merge(checked.issues);
    checked
        .issues
        .retain(|issue| !prose.suppressed(&issue.span, &RuleId::parse(&issue.rule)));
    checked
}

/// `work` on every item, on rayon's threads (one per core), with the results in the order of
/// `items`: one engine's slow paragraph overlaps another's work. nlprule runs its rules on
/// the same pool, so the two levels of parallelism share the cores instead of competing.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(work).collect()
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

    fn issue(span: Span, entry: &str) -> Issue {
        Issue {
            rule: entry.to_uppercase(),
            span,
            message: String::new(),
            replacements: vec![],
            explanation: catalogue().entry(entry).unwrap(),
        }
    }

    #[test]
    fn overlapping_issues_merge_only_when_they_teach_the_same_point() {
        let merged = merge(vec![
            issue(3..7, "grammar-other"),
            issue(20..24, "this-these"),
            issue(0..7, "subject-verb-agreement"),
            issue(5..9, "articles"),
            issue(20..24, "this-these"),
            issue(21..23, "a-an"),
            issue(30..31, "grammar-other"),
            issue(30..32, "style-other"),
            issue(40..48, "prepositions"),
            issue(42..44, "prepositions"),
        ]);
        let kept: Vec<(&str, Span)> = merged
            .iter()
            .map(|i| (i.explanation.id.as_str(), i.span.clone()))
            .collect();
        assert_eq!(
            kept,
            [
                // The generic note gives way to the specific points on the same words.
                ("subject-verb-agreement", 0..7),
                ("articles", 5..9),
                // Two findings of one point on the same words are one issue.
                ("this-these", 20..24),
                ("a-an", 21..23),
                ("grammar-other", 30..31),
                // The first from the checker wins, whatever its length.
                ("prepositions", 40..48),
            ]
        );
    }

    #[test]
    fn the_signal_gives_way_to_a_pattern_rule_on_the_same_words() {
        let signal = |span: Span, entry: &str| Issue {
            rule: "SIGNAL/VERB_FORM".into(),
            ..issue(span, entry)
        };
        let merged = merge(vec![
            // "She go home": the signal flags "go", a pattern rule "She go".
            signal(4..6, "verb-forms"),
            issue(0..6, "subject-verb-agreement"),
            // Refined to the same point as the pattern rule: one issue, the pattern's.
            signal(14..18, "past-participle"),
            issue(10..18, "past-participle"),
            // Alone, the signal is reported.
            signal(30..34, "verb-forms"),
        ]);
        let kept: Vec<(&str, &str)> = merged
            .iter()
            .map(|i| (i.rule.as_str(), i.explanation.id.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("SUBJECT-VERB-AGREEMENT", "subject-verb-agreement"),
                ("PAST-PARTICIPLE", "past-participle"),
                ("SIGNAL/VERB_FORM", "verb-forms"),
            ]
        );
    }
}
