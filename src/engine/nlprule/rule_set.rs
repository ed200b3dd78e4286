//! nlprule's rules, held one per `Rules`, so that a sentence runs only the rules the index
//! says could match it, with the very suggestions nlprule's `Rules::apply` gives when it runs
//! every enabled rule.
//!
//! `Rules::apply` runs the enabled rules, orders all their suggestions by first character
//! (ties: the later rule's first, then each rule's own order) and keeps each suggestion that
//! shares no character with one kept before it. Each single-rule `Rules` does the same to its
//! own rule's suggestions, and [`merge`] does it again across rules. When the merge drops
//! nothing, the result is the whole set's: a suggestion a rule dropped for overlapping its
//! own earlier one would be dropped by the whole set too, since that earlier one is kept.
//! When the merge drops something, a suggestion its rule dropped might have survived in the
//! whole set, so the sentence is run again through one `Rules` made of copies of just the
//! rules that found something, in their order (a rule that finds nothing alone finds nothing
//! in company). Rules the index leaves out cannot match and add nothing either way.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use nlprule::Rules;
use nlprule::rule::Rule;
use nlprule::types::{Sentence, Suggestion};
use rayon::prelude::*;

use super::index::RuleIndex;
use super::needs::Reader;

/// Sentences run through every enabled rule before the index is built. Reading the rules'
/// needs costs about what running all rules on six sentences costs, so a one-sentence check
/// never pays for it, and a longer text pays once.
const SENTENCES_BEFORE_INDEX: usize = 8;

pub struct RuleSet {
    /// Every rule, enabled or not, alone in its `Rules`, in nlprule's order.
    singles: Vec<Rules>,
    /// The positions of the enabled rules.
    enabled: Vec<usize>,
    index: OnceLock<RuleIndex>,
    /// Sentences run so far without the index.
    unindexed: AtomicUsize,
}

impl RuleSet {
    /// Splits `rules`, each already enabled or disabled.
    pub fn new(rules: Rules) -> RuleSet {
        let singles: Vec<Rules> = rules
            .into_iter()
            .map(|rule| [rule].into_iter().collect())
            .collect();
        let enabled = (0..singles.len())
            .filter(|&position| singles[position].rules()[0].enabled())
            .collect();
        RuleSet {
            singles,
            enabled,
            index: OnceLock::new(),
            unindexed: AtomicUsize::new(0),
        }
    }

    /// The index of the enabled rules, built on first call.
    fn index(&self) -> &RuleIndex {
        self.index.get_or_init(|| {
            let mut reader = Reader::default();
            let needs: Vec<_> = self
                .enabled
                .iter()
                .map(|&position| (position, reader.needs(&self.singles[position].rules()[0])))
                .collect();
            RuleIndex::new(reader.into_words(), needs)
        })
    }

    /// The enabled rules that may match `sentence`, in ascending order: all of them until
    /// the index is built (by one of the threads that ask, while the others go on).
    fn candidates(&self, sentence: &Sentence) -> Vec<usize> {
        if let Some(index) = self.index.get() {
            return index.candidates(sentence);
        }
        if self.unindexed.fetch_add(1, Ordering::Relaxed) + 1 == SENTENCES_BEFORE_INDEX {
            return self.index().candidates(sentence);
        }
        self.enabled.clone()
    }

    /// Every rule, enabled or not, in nlprule's order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.singles.iter().flat_map(Rules::rules)
    }

    /// How many enabled rules there are, and how many of them `sentence` runs once the
    /// index is built (this builds it).
    pub fn visits(&self, sentence: &Sentence) -> (usize, usize) {
        (self.enabled.len(), self.index().candidates(sentence).len())
    }

    /// The suggestions of the enabled rules on `sentence`, exactly as `Rules::apply` of all
    /// of them would give.
    pub fn apply(&self, sentence: &Sentence) -> Vec<Suggestion> {
        self.run(sentence).0
    }

    /// [`RuleSet::apply`], and whether the sentence had to run again through the rules that
    /// found something together.
    fn run(&self, sentence: &Sentence) -> (Vec<Suggestion>, bool) {
        let found: Vec<(usize, Vec<Suggestion>)> = self
            .candidates(sentence)
            .into_par_iter()
            .map(|position| (position, self.singles[position].apply(sentence)))
            .filter(|(_, suggestions)| !suggestions.is_empty())
            .collect();
        if found.len() <= 1 {
            let alone = found.into_iter().next().map(|(_, s)| s);
            return (alone.unwrap_or_default(), false);
        }
        if let Some(merged) = merge(sentence, &found) {
            return (merged, false);
        }
        let together: Rules = found
            .iter()
            .map(|(position, _)| self.singles[*position].rules()[0].clone())
            .collect();
        (together.apply(sentence), true)
    }
}

/// The suggestions of several rules (by ascending position) in the whole set's order, if
/// none overlaps one before it; `None` otherwise, or if a span lies outside the sentence.
fn merge(sentence: &Sentence, found: &[(usize, Vec<Suggestion>)]) -> Option<Vec<Suggestion>> {
    let mut all: Vec<(usize, &Suggestion)> = found
        .iter()
        .flat_map(|(position, suggestions)| suggestions.iter().map(move |s| (*position, s)))
        .collect();
    // A stable sort: equal keys keep the rule's own order.
    all.sort_by(|(a_rule, a), (b_rule, b)| {
        a.span()
            .char()
            .start
            .cmp(&b.span().char().start)
            .then(b_rule.cmp(a_rule))
    });
    let start = sentence.span().char().start;
    let mut taken = vec![false; sentence.text().chars().count()];
    for (_, suggestion) in &all {
        let chars = suggestion.span().char();
        let chars = chars.start.checked_sub(start)?..chars.end.checked_sub(start)?;
        let span = taken.get_mut(chars)?;
        if span.iter().any(|&t| t) {
            return None;
        }
        span.fill(true);
    }
    Some(all.into_iter().map(|(_, s)| s.clone()).collect())
}

#[cfg(test)]
#[path = "same_as_nlprule.rs"]
mod same_as_nlprule;
