//! `ownvoice learn`: the issues of one text, met one at a time, each with a ladder of hints
//! so the writer works out the fix before being shown anything:
//!
//! 1. where: the sentence with the flagged words highlighted, nothing more;
//! 2. what kind: the grammar point's title and category;
//! 3. why: our explanation with its incorrect/correct example pair;
//! 4. reveal: the engine's suggestion, labelled as one option, never applied.
//!
//! This file holds the session itself (which issue, which rung, which rules were skipped) as
//! plain data driven by keys, so it is tested without a terminal. `screen.rs` draws it in a
//! terminal; `plain.rs` prints one issue for scripts and pipes.

pub mod plain;
pub mod screen;
pub mod terminal_guard;

use std::collections::{BTreeMap, BTreeSet};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::Issue;
use crate::catalogue::Explanation;
use crate::input::prose_ranges;
use crate::span::{LineIndex, Position, Span};

/// The highest hint rung.
pub const RUNGS: u8 = 4;

/// What rung 1 says: where, and no more.
pub const WHERE: &str = "Something here is not quite right.";

/// One issue, placed in its sentence.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub issue: &'a Issue,
    /// Where the flagged words start.
    pub start: Position,
    /// The sentence(s) around the issue, as a byte span of the text.
    pub sentence: Span,
}

/// Places every issue in its sentence: the sentences (by Unicode sentence boundaries) of its
/// paragraph that the flagged words touch.
pub fn cards<'a>(text: &str, issues: &'a [Issue]) -> Vec<Card<'a>> {
    let index = LineIndex::new(text);
    let paragraphs = prose_ranges(text);
    issues
        .iter()
        .map(|issue| {
            let paragraph = paragraphs
                .iter()
                .find(|p| p.start <= issue.span.start && issue.span.start < p.end.max(p.start + 1))
                .cloned()
                .unwrap_or(issue.span.clone());
            // Unicode sentence boundaries break at every line break; hard-wrapped prose
            // keeps its sentences across lines, so segment with line breaks as spaces
            // (one byte for one byte: the offsets stay those of the text).
            let flat = text[paragraph.clone()].replace(['\n', '\r'], " ");
            let mut sentence: Option<Span> = None;
            for (at, piece) in flat.split_sentence_bound_indices() {
                let span = paragraph.start + at..paragraph.start + at + piece.len();
                let touches = span.start < issue.span.end.max(issue.span.start + 1)
                    && issue.span.start < span.end;
                if touches {
                    sentence = Some(match sentence {
                        Some(s) => s.start..span.end,
                        None => span,
                    });
                }
            }
            let mut sentence = sentence.unwrap_or(paragraph);
            // Trim the white space the sentence boundaries leave at the end.
            sentence.end = sentence.start + text[sentence.clone()].trim_end().len();
            Card {
                issue,
                start: index.position(issue.span.start),
                sentence,
            }
        })
        .collect()
}

/// A key the learner pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Hint,
    Next,
    Previous,
    Skip,
    Quit,
}

impl Key {
    pub fn from_char(c: char) -> Option<Key> {
        match c.to_ascii_lowercase() {
            'h' => Some(Key::Hint),
            'n' => Some(Key::Next),
            'p' => Some(Key::Previous),
            's' => Some(Key::Skip),
            'q' => Some(Key::Quit),
            _ => None,
        }
    }
}

/// Whether the session goes on after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Show,
    Done,
}

/// The state of a learning session.
#[derive(Debug)]
pub struct Session<'a> {
    pub cards: Vec<Card<'a>>,
    /// Index of the card on screen.
    pub current: usize,
    /// The rung each card has reached.
    rungs: Vec<u8>,
    seen: Vec<bool>,
    skipped: BTreeSet<String>,
}

impl<'a> Session<'a> {
    /// A session over `cards` (at least one), every card starting at `start_rung` (1-4).
    pub fn new(cards: Vec<Card<'a>>, start_rung: u8) -> Session<'a> {
        let count = cards.len();
        let mut seen = vec![false; count];
        if let Some(first) = seen.first_mut() {
            *first = true;
        }
        Session {
            cards,
            current: 0,
            rungs: vec![start_rung.clamp(1, RUNGS); count],
            seen,
            skipped: BTreeSet::new(),
        }
    }

    /// Shows card `index` (0-based).
    pub fn go_to(&mut self, index: usize) {
        self.current = index.min(self.cards.len() - 1);
        self.seen[self.current] = true;
    }

    pub fn card(&self) -> &Card<'a> {
        &self.cards[self.current]
    }

    /// The rung the current card has reached.
    pub fn rung(&self) -> u8 {
        self.rungs[self.current]
    }

    /// 1-based position of the current card and the number of cards.
    pub fn position(&self) -> (usize, usize) {
        (self.current + 1, self.cards.len())
    }

    pub fn press(&mut self, key: Key) -> Step {
        match key {
            Key::Hint => {
                let rung = &mut self.rungs[self.current];
                *rung = (*rung + 1).min(RUNGS);
                Step::Show
            }
            Key::Next => self.move_to(self.current + 1..self.cards.len()),
            Key::Previous => {
                if let Some(i) = (0..self.current).rev().find(|&i| !self.is_skipped(i)) {
                    self.current = i;
                }
                Step::Show
            }
            Key::Skip => {
                self.skipped.insert(self.card().issue.rule.clone());
                self.move_to(self.current + 1..self.cards.len())
            }
            Key::Quit => Step::Done,
        }
    }

    /// Moves to the first card in `range` that is not skipped; done if there is none.
    fn move_to(&mut self, range: std::ops::Range<usize>) -> Step {
        match range.into_iter().find(|&i| !self.is_skipped(i)) {
            Some(i) => {
                self.current = i;
                self.seen[i] = true;
                Step::Show
            }
            None => Step::Done,
        }
    }

    fn is_skipped(&self, i: usize) -> bool {
        self.skipped.contains(&self.cards[i].issue.rule)
    }

    /// The issues of the cards the learner has seen.
    pub fn seen_issues(&self) -> impl Iterator<Item = &'a Issue> + '_ {
        self.cards
            .iter()
            .zip(&self.seen)
            .filter(|(_, seen)| **seen)
            .map(|(card, _)| card.issue)
    }

    /// The grammar points met (cards seen), with how often, most frequent first.
    pub fn met(&self) -> Vec<(&'static Explanation, usize)> {
        met(self.seen_issues())
    }
}

/// Grammar points of `issues` with their counts, most frequent first, then by title.
pub fn met<'a>(issues: impl Iterator<Item = &'a Issue>) -> Vec<(&'static Explanation, usize)> {
    let mut counts: BTreeMap<&str, (&'static Explanation, usize)> = BTreeMap::new();
    for issue in issues {
        counts
            .entry(&issue.explanation.id)
            .or_insert((issue.explanation, 0))
            .1 += 1;
    }
    let mut met: Vec<_> = counts.into_values().collect();
    met.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.title.cmp(&b.0.title)));
    met
}

#[cfg(test)]
mod tests;

/// One hint of the ladder, as text; renderers style it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub rung: u8,
    /// What the rung is: "where", "what kind", "why", "a suggestion to consider".
    pub label: &'static str,
    pub text: String,
    /// The incorrect/correct example pair (rung 3 only).
    pub pair: Option<(String, String)>,
}

/// The hints of a card up to and including `rung`.
pub fn hints(card: &Card, rung: u8) -> Vec<Hint> {
    let entry = card.issue.explanation;
    let mut hints = vec![Hint {
        rung: 1,
        label: "where",
        text: WHERE.to_string(),
        pair: None,
    }];
    if rung >= 2 {
        hints.push(Hint {
            rung: 2,
            label: "what kind",
            text: format!("{} ({})", entry.title, entry.category),
            pair: None,
        });
    }
    if rung >= 3 {
        hints.push(Hint {
            rung: 3,
            label: "why",
            text: entry
                .explanation
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            pair: Some((entry.incorrect.clone(), entry.correct.clone())),
        });
    }
    if rung >= 4 {
        let replacements = &card.issue.replacements;
        hints.push(Hint {
            rung: 4,
            label: "a suggestion to consider, never applied",
            text: if replacements.is_empty() {
                "The engine has no suggestion for this one: the lesson above is all it knows."
                    .to_string()
            } else {
                format!(
                    "one option is “{}”. The choice is yours.",
                    replacements.join("” or “")
                )
            },
            pair: None,
        });
    }
    hints
}

/// One grapheme of the sentence as shown: white space runs become one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub flagged: bool,
}

/// The sentence of a card as cells, flagged words marked.
pub fn sentence_cells(text: &str, card: &Card) -> Vec<Cell> {
    let flagged = &card.issue.span;
    let mut cells: Vec<Cell> = Vec::new();
    for (at, grapheme) in text[card.sentence.clone()].grapheme_indices(true) {
        let at = card.sentence.start + at;
        let is_flagged = at < flagged.end && at + grapheme.len() > flagged.start;
        if grapheme.chars().all(char::is_whitespace) {
            match cells.last_mut() {
                Some(last) if last.text == " " => last.flagged &= is_flagged,
                _ => cells.push(Cell {
                    text: " ".into(),
                    flagged: is_flagged,
                }),
            }
        } else if !grapheme.chars().any(char::is_control) {
            cells.push(Cell {
                text: grapheme.to_string(),
                flagged: is_flagged,
            });
        }
    }
    cells
}

/// Breaks cells into lines of at most `width` columns, at spaces where possible; spaces at
/// the break are dropped. A word wider than a line is cut.
pub fn wrap_cells(cells: &[Cell], width: usize) -> Vec<Vec<Cell>> {
    let width = width.max(10);
    let mut lines: Vec<Vec<Cell>> = vec![Vec::new()];
    let mut used = 0;
    // Split into words (runs of non-space cells) and the spaces between them.
    let mut i = 0;
    while i < cells.len() {
        if cells[i].text == " " {
            if used > 0 && used < width {
                lines
                    .last_mut()
                    .expect("never empty")
                    .push(cells[i].clone());
                used += 1;
            }
            i += 1;
            continue;
        }
        let end = (i..cells.len())
            .find(|&j| cells[j].text == " ")
            .unwrap_or(cells.len());
        let word = &cells[i..end];
        let word_width: usize = word.iter().map(|c| c.text.width()).sum();
        if used + word_width > width && used > 0 {
            let line = lines.last_mut().expect("never empty");
            while line.last().is_some_and(|c| c.text == " ") {
                line.pop();
            }
            lines.push(Vec::new());
            used = 0;
        }
        for cell in word {
            let w = cell.text.width();
            if used + w > width {
                lines.push(Vec::new());
                used = 0;
            }
            lines.last_mut().expect("never empty").push(cell.clone());
            used += w;
        }
        i = end;
    }
    lines
}
