//! The state of a learning session, driven by keys: which issue is on screen, the rung each
//! has reached, what the writer tried, fixed and skipped, the note shown after a key, and
//! whether the end screen is up.
//!
//! Invariant: `current` always names a card; the end screen is shown only after the last
//! card that is not skipped, and going back from it returns to a card.

use std::collections::{BTreeMap, BTreeSet};

use super::attempt::Verdict;
use super::card::Card;
use super::hints::{RUNGS, Reveal};
use crate::Issue;
use crate::catalogue::Explanation;
use crate::engine::Checker;
use crate::suggestions;

/// A key the learner pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Hint,
    Next,
    Previous,
    Skip,
    Try,
    Quit,
}

impl Key {
    pub fn from_char(c: char) -> Option<Key> {
        match c.to_ascii_lowercase() {
            'h' => Some(Key::Hint),
            'n' => Some(Key::Next),
            'p' => Some(Key::Previous),
            's' => Some(Key::Skip),
            't' => Some(Key::Try),
            'q' => Some(Key::Quit),
            _ => None,
        }
    }
}

/// What the session shows after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The current card.
    Show,
    /// The end screen: every issue was passed.
    End,
    /// The writer asked to type a version of the sentence.
    Try,
    /// The session is over.
    Done,
}

/// The counts of the end screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub issues: usize,
    pub seen: usize,
    pub tried: usize,
    pub fixed: usize,
    pub skipped: usize,
}

/// The state of a learning session.
#[derive(Debug)]
pub struct Session<'a> {
    pub cards: Vec<Card<'a>>,
    /// Index of the card on screen.
    pub current: usize,
    /// A line about the last key's effect ("Skipped 3 issues of this rule."), until the
    /// next key.
    pub note: Option<String>,
    /// The end screen is up.
    pub finished: bool,
    rungs: Vec<u8>,
    seen: Vec<bool>,
    tried: Vec<bool>,
    fixed: Vec<bool>,
    reveals: Vec<Option<Reveal>>,
    skipped: BTreeSet<String>,
    /// The furthest card reached: the text up to its sentence is what the session covered.
    reached: usize,
}

impl<'a> Session<'a> {
    /// A session over `cards` (at least one), every card starting at `start_rung`.
    pub fn new(cards: Vec<Card<'a>>, start_rung: u8) -> Session<'a> {
        let count = cards.len();
        let mut session = Session {
            cards,
            current: 0,
            note: None,
            finished: false,
            rungs: vec![start_rung.clamp(1, RUNGS); count],
            seen: vec![false; count],
            tried: vec![false; count],
            fixed: vec![false; count],
            reveals: vec![None; count],
            skipped: BTreeSet::new(),
            reached: 0,
        };
        session.go_to(0);
        session
    }

    /// Shows card `index` (0-based).
    pub fn go_to(&mut self, index: usize) {
        self.current = index.min(self.cards.len().saturating_sub(1));
        if let Some(seen) = self.seen.get_mut(self.current) {
            *seen = true;
        }
        self.reached = self.reached.max(self.current);
        self.finished = false;
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

    /// The engine's checked view of the current card, once [`Session::reveal`] ran.
    pub fn reveal_of_current(&self) -> Option<&Reveal> {
        self.reveals[self.current].as_ref()
    }

    /// Whether the current card still needs its suggestions checked to show its rung.
    pub fn needs_reveal(&self) -> bool {
        self.rung() >= RUNGS && self.reveals[self.current].is_none()
    }

    /// Checks the current card's suggestions with the engines (once), for the last rung.
    pub fn reveal(&mut self, text: &str, checker: &dyn Checker) {
        if self.reveals[self.current].is_some() {
            return;
        }
        let mut issue = self.card().issue.clone();
        suggestions::vet_one(text, &mut issue, checker);
        self.reveals[self.current] = Some(Reveal {
            message: issue.message,
            replacements: issue.replacements,
        });
    }

    pub fn press(&mut self, key: Key) -> Step {
        self.note = None;
        if self.finished {
            return match key {
                Key::Previous => {
                    if let Some(i) = (0..self.cards.len()).rev().find(|&i| !self.is_skipped(i)) {
                        self.go_to(i);
                    }
                    self.finished = false;
                    Step::Show
                }
                Key::Quit => Step::Done,
                // The end screen waits for q: a key pressed once too often (n, n, n) must
                // not end the session before the writer has read it.
                _ => {
                    self.note = Some("Press q to leave, or p to go back.".into());
                    Step::End
                }
            };
        }
        match key {
            Key::Hint => {
                let rung = &mut self.rungs[self.current];
                if *rung >= RUNGS {
                    self.note = Some("That was the last hint. Try (t) your version.".into());
                }
                *rung = (*rung + 1).min(RUNGS);
                Step::Show
            }
            Key::Next => self.move_on(),
            Key::Previous => {
                match (0..self.current).rev().find(|&i| !self.is_skipped(i)) {
                    Some(i) => self.go_to(i),
                    None => self.note = Some("This is the first issue.".into()),
                }
                Step::Show
            }
            Key::Skip => {
                let rule = self.card().issue.rule.clone();
                self.skipped.insert(rule.clone());
                let count = self
                    .cards
                    .iter()
                    .filter(|card| card.issue.rule == rule)
                    .count();
                let step = self.move_on();
                self.note = Some(if count == 1 {
                    format!("Skipped this issue ({rule}).")
                } else {
                    format!("Skipped the {count} issues of this rule ({rule}) for this run.")
                });
                step
            }
            Key::Try => Step::Try,
            Key::Quit => Step::Done,
        }
    }

    /// Records the writer's try on the current card and what it showed.
    pub fn tried(&mut self, verdict: &Verdict) {
        self.tried[self.current] = true;
        self.fixed[self.current] |= verdict.gone && !verdict.unchanged;
        self.note = Some(verdict.says());
    }

    /// Moves to the next card that is not skipped, or to the end screen.
    fn move_on(&mut self) -> Step {
        match (self.current + 1..self.cards.len()).find(|&i| !self.is_skipped(i)) {
            Some(i) => {
                self.go_to(i);
                Step::Show
            }
            None => {
                self.reached = self.cards.len() - 1;
                self.finished = true;
                Step::End
            }
        }
    }

    fn is_skipped(&self, i: usize) -> bool {
        self.skipped.contains(&self.cards[i].issue.rule)
    }

    /// How many cards are skipped.
    pub fn skipped(&self) -> usize {
        (0..self.cards.len())
            .filter(|&i| self.is_skipped(i))
            .count()
    }

    /// The counts of the end screen.
    pub fn tally(&self) -> Tally {
        let count = |flags: &[bool]| flags.iter().filter(|f| **f).count();
        Tally {
            issues: self.cards.len(),
            seen: count(&self.seen),
            tried: count(&self.tried),
            fixed: count(&self.fixed),
            skipped: self.skipped(),
        }
    }

    /// The issues of the cards the learner has seen.
    pub fn seen_issues(&self) -> impl Iterator<Item = &'a Issue> + '_ {
        self.cards
            .iter()
            .zip(&self.seen)
            .filter(|(_, seen)| **seen)
            .map(|(card, _)| card.issue)
    }

    /// What the session went through: the end of the text it covered (the end of the
    /// furthest card's sentence) and every issue up to there, seen or skipped. The journal
    /// counts these, so that a session quit early does not count the rest of the text as
    /// free of mistakes.
    pub fn covered(&self) -> (usize, impl Iterator<Item = &'a Issue> + '_) {
        let end = self.cards[..=self.reached]
            .iter()
            .map(|card| card.sentence.end)
            .max()
            .unwrap_or(0);
        (
            end,
            self.cards[..=self.reached].iter().map(|card| card.issue),
        )
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
