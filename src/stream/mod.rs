//! A document's prose checked part by part, so that its issues can be given out in order
//! while later parts are still being checked, and what is held at once is bounded by the
//! parts in flight, not by the document.
//!
//! A [`Part`] is one block of prose, or one window of a block too long to check at once
//! (`split.rs`). [`parts`] lists them in order of position; [`check_part`] runs the engines
//! on one (any number at once, in any order); [`Merger`] takes each part's findings in
//! order and gives out the issues that are final: merged where they overlap (`merge.rs`),
//! without those the writer's ignore comments silence, in order of position.
//!
//! Invariant: for a document none of whose blocks is split, the issues given out, part after
//! part, are exactly those a merge of the whole document's findings gives, in the same
//! order. A merge only joins overlapping issues and every later part starts at or after the
//! next one's start, so a group of issues that ends before that start can no longer change;
//! the merger gives out only such groups and holds the rest back.

mod merge;
mod split;

use crate::catalogue::{Context, catalogue};
use crate::engine::learner::shapes_paragraphs;
use crate::engine::{Checker, RuleId};
use crate::input::prose::{Block, Kind, Prose};
use crate::span::Span;
use crate::{Checked, Failure, Issue};

pub use split::{LONG, OWN};

/// A piece of a document checked at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The block it is (or is a window of), by index in [`Prose::blocks`].
    pub block: usize,
    /// For a window of a long block: what the engines see, and which findings are its own.
    window: Option<Window>,
    /// The original text the part stands for (a window's own part); its issues start in it.
    pub span: Span,
}

/// A window of a long block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Window {
    /// The stretch of the block the engines see, as a block of its own.
    seen: Block,
    /// The byte range of `seen`'s assembled text whose findings are this part's.
    own: Span,
    /// The block's last window, whose own part ends with the block.
    last: bool,
}

/// The parts of a document, in order of position.
pub fn parts(text: &str, prose: &Prose) -> Vec<Part> {
    let mut parts = Vec::with_capacity(prose.blocks.len());
    for (index, block) in prose.blocks.iter().enumerate() {
        match split::windows(text, block, index) {
            Some(windows) => parts.extend(windows),
            None => parts.push(Part {
                block: index,
                window: None,
                span: block.span(),
            }),
        }
    }
    // Blocks come in order of position (a LaTeX footnote after the paragraph around it);
    // the sort is stable, so nothing moves unless a reader gave them otherwise.
    parts.sort_by_key(|part| part.span.start);
    parts
}

impl Part {
    /// The block the engines see for this part.
    pub fn seen<'p>(&'p self, prose: &'p Prose) -> &'p Block {
        self.window
            .as_ref()
            .map_or(&prose.blocks[self.block], |window| &window.seen)
    }
}

/// What the engines found in one part: candidate issues (not yet merged), in the order the
/// checker gave them, and whether the engines failed on it.
#[derive(Debug, Default)]
pub struct Found {
    pub issues: Vec<Issue>,
    pub failures: Vec<Failure>,
}

/// Runs `checker` on one part and explains each finding. Spans are mapped back to the
/// original text; findings on placeholders are dropped, and so are a window's findings
/// outside its own part.
pub fn check_part(text: &str, prose: &Prose, part: &Part, checker: &dyn Checker) -> Found {
    let block = &prose.blocks[part.block];
    let assembled = part.seen(prose).assemble(text);
    let mut found = Found::default();
    let findings = match checker.check(&assembled.text) {
        Ok(findings) => findings,
        Err(error) => {
            found.failures.push(Failure {
                span: part.span.clone(),
                error,
            });
            return found;
        }
    };
    for finding in findings {
        if let Some(window) = &part.window {
            let start = finding.span.start;
            let own = window.own.start <= start
                && (start < window.own.end || (window.last && start == window.own.end));
            if !own {
                continue;
            }
        }
        // Rules about how a paragraph starts say nothing of a list item or heading.
        if block.kind != Kind::Paragraph && shapes_paragraphs(&finding.rule) {
            continue;
        }
        let Some(span) = assembled.original(finding.span.clone()) else {
            continue;
        };
        // The lesson is chosen here, where the words and their sentence are at hand as the
        // engines saw them (the prose of the block, not the markup around it).
        let context = Context::of(&assembled.text, &finding.span);
        found.issues.push(Issue {
            explanation: catalogue().lesson(&finding.rule, &context),
            rule: finding.rule,
            span,
            message: finding.message,
            replacements: finding.replacements,
        });
    }
    found
}

/// Turns the findings of a document's parts, given in order, into its issues: merged, in
/// order of position, without those the writer's ignore comments silence.
#[derive(Debug, Default)]
pub struct Merger {
    /// Candidates not yet given out, each with its place in the order the checker gave
    /// them (over the whole document), in order of position.
    held: Vec<(usize, Issue)>,
    /// How many candidates came before.
    seen: usize,
}

impl Merger {
    /// Takes the findings of the next part, and gives the issues that are final now that no
    /// part after it starts before `next` (`None`: it was the last part).
    pub fn push(&mut self, prose: &Prose, issues: Vec<Issue>, next: Option<usize>) -> Vec<Issue> {
        for issue in issues {
            self.held.push((self.seen, issue));
            self.seen += 1;
        }
        self.held
            .sort_by_key(|(order, issue)| (issue.span.start, issue.span.end, *order));
        let ready = final_prefix(&self.held, next);
        let mut issues = merge::merge(self.held.drain(..ready).collect());
        issues.retain(|issue| !prose.suppressed(&issue.span, &RuleId::parse(&issue.rule)));
        issues
    }
}

/// How many of `held` (in order of position) are final: the groups of touching or
/// overlapping candidates that end before `next`, which no later candidate can reach.
/// Later groups start after the end of the first one that is not final, so the final ones
/// come first.
fn final_prefix(held: &[(usize, Issue)], next: Option<usize>) -> usize {
    let Some(next) = next else {
        return held.len();
    };
    let mut ready = 0;
    // The end of the group being read, the furthest any of its candidates reaches.
    let mut reach: Option<usize> = None;
    for (i, (_, issue)) in held.iter().enumerate() {
        if let Some(end) = reach
            && issue.span.start > end
        {
            if end >= next {
                return ready;
            }
            ready = i;
        }
        reach = Some(reach.map_or(issue.span.end, |end| end.max(issue.span.end)));
    }
    if reach.is_some_and(|end| end < next) {
        held.len()
    } else {
        ready
    }
}

/// Checks a document part by part and merges the findings: every issue in order, as
/// [`crate::check_prose`] gives them. Parts are checked on rayon's threads (one per core):
/// one engine's slow paragraph overlaps another's work, and nlprule runs its rules on the
/// same pool, so the two levels of parallelism share the cores instead of competing.
/// `done` is called with each part as soon as it is checked (for a progress bar).
pub fn check_all(
    text: &str,
    prose: &Prose,
    checker: &dyn Checker,
    done: &(dyn Fn(&Part) + Sync),
) -> Checked {
    use rayon::prelude::*;
    let parts = parts(text, prose);
    let found: Vec<Found> = parts
        .par_iter()
        .map(|part| {
            let found = check_part(text, prose, part, checker);
            done(part);
            found
        })
        .collect();
    let mut merger = Merger::default();
    let mut checked = Checked::default();
    for (i, found) in found.into_iter().enumerate() {
        let next = parts.get(i + 1).map(|part| part.span.start);
        checked
            .issues
            .extend(merger.push(prose, found.issues, next));
        checked.failures.extend(found.failures);
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{EngineError, Finding};
    use crate::input::prose::{Piece, Suppression};

    /// Flags every "need" (and "need more" as a second, longer point); fails on any text
    /// that contains "BOOM".
    struct Fussy;

    impl Checker for Fussy {
        fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
            if text.contains("BOOM") {
                return Err(EngineError::Failed("test".into()));
            }
            let finding = |rule: &str, at: usize, length: usize| Finding {
                rule: rule.into(),
                span: at..at + length,
                message: String::new(),
                replacements: vec![],
            };
            let mut findings: Vec<Finding> = text
                .match_indices("need")
                .map(|(at, word)| finding("GRAMMAR/HE_NEED", at, word.len()))
                .collect();
            findings.extend(
                text.match_indices("need more")
                    .map(|(at, words)| finding("GRAMMAR/MANY_TIME", at, words.len())),
            );
            Ok(findings)
        }
    }

    fn spans(text: &str, issues: &[Issue]) -> Vec<(usize, String)> {
        issues
            .iter()
            .map(|issue| (issue.span.start, text[issue.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn parts_given_out_one_by_one_are_the_whole_merge() {
        // The second block is nested in the first (a LaTeX footnote), so issues of the
        // first after it must wait for it.
        let text = "He need more. [He need it.] He need more time. BOOM need.";
        let footnote = text.find('[').unwrap();
        let after = text.find(']').unwrap() + 1;
        let boom = text.find("BOOM").unwrap();
        let prose = Prose {
            blocks: vec![
                Block {
                    pieces: vec![Piece::source(0..footnote), Piece::source(after..boom)],
                    kind: Kind::Paragraph,
                },
                Block::of(footnote + 1..after - 1),
                Block::of(boom..text.len()),
            ],
            suppressions: vec![Suppression {
                span: footnote + 1..after - 1,
                rules: vec!["GRAMMAR/MANY_TIME".into()],
            }],
        };
        let parts = parts(text, &prose);
        assert_eq!(parts.iter().map(|p| p.block).collect::<Vec<_>>(), [0, 1, 2]);
        let mut merger = Merger::default();
        let mut given = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let found = check_part(text, &prose, part, &Fussy);
            let next = parts.get(i + 1).map(|part| part.span.start);
            given.push(spans(text, &merger.push(&prose, found.issues, next)));
            if part.block == 2 {
                assert_eq!(found.failures.len(), 1);
            }
        }
        // "need" and "need more" teach different points here, so both stay.
        assert_eq!(given[0], [(3, "need".into()), (3, "need more".into())]);
        // The first block's issues after the footnote waited for it; in the footnote only
        // the other rule is silenced.
        assert_eq!(
            given[1],
            [
                (18, "need".into()),
                (31, "need".into()),
                (31, "need more".into())
            ]
        );
        assert!(given[2].is_empty(), "the engine failed on it");
        let whole = check_all(text, &prose, &Fussy, &|_| {});
        let all: Vec<_> = given.concat();
        assert_eq!(spans(text, &whole.issues), all);
    }

    #[test]
    fn a_group_is_held_while_a_later_part_may_still_reach_it() {
        let issue = |span: Span| Issue {
            rule: "GRAMMAR/X".into(),
            span,
            message: String::new(),
            replacements: vec![],
            explanation: catalogue().entry("articles").unwrap(),
        };
        let held: Vec<(usize, Issue)> = [0..4, 2..6, 8..9, 10..30, 12..14]
            .into_iter()
            .map(issue)
            .enumerate()
            .collect();
        assert_eq!(final_prefix(&held, None), 5);
        assert_eq!(final_prefix(&held, Some(40)), 5);
        assert_eq!(final_prefix(&held, Some(20)), 3, "10..30 reaches past 20");
        assert_eq!(final_prefix(&held, Some(9)), 2, "8..9 touches 9");
        assert_eq!(final_prefix(&held, Some(3)), 0);
        assert_eq!(final_prefix(&[], Some(3)), 0);
    }

    #[test]
    fn a_long_block_in_windows_finds_each_issue_once() {
        let sentence = "The teacher says that he need more time for the essays. ";
        let text = sentence.repeat(2 * LONG / sentence.len() + 10);
        let prose = crate::input::prose::plain(&text);
        let parts = parts(&text, &prose);
        assert!(parts.len() >= 2, "{}", parts.len());
        let checked = check_all(&text, &prose, &Fussy, &|_| {});
        let expected: Vec<usize> = text.match_indices("need").map(|(at, _)| at).collect();
        let found: Vec<usize> = checked
            .issues
            .iter()
            .filter(|issue| issue.rule == "GRAMMAR/HE_NEED")
            .map(|issue| issue.span.start)
            .collect();
        assert_eq!(found, expected);
    }
}
