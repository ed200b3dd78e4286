//! The rule index: from the words a sentence offers to the rules that could match it.
//!
//! Each rule's [`Needs`] (sets of words, one of each set required) are turned into numbers
//! once, at load. One set per rule, the smallest, is the rule's entry: the index lists the
//! rule under each of its words. A sentence collects the keys its tokens offer (case-folded
//! texts and lemmas), finds the rules listed under them, keeps those whose other sets it also
//! meets, and adds the rules with no needs, which always run.
//!
//! Invariant: [`RuleIndex::candidates`] returns, in ascending order, every indexed rule whose
//! every set holds a key the sentence offers; by [`super::needs`], that is a superset of the
//! rules that can match the sentence.

use std::collections::HashMap;

use nlprule::types::Sentence;

use super::needs::{Key, Needs, lemma_key, text_key};
use super::words::fold;

pub struct RuleIndex {
    /// The numbers of the folded words that some rule needs.
    words: HashMap<String, u32>,
    /// The rules listed under each key.
    entries: Vec<Vec<u32>>,
    /// Per rule (by its position), the sets other than its entry.
    others: Vec<Vec<Vec<Key>>>,
    /// Rules that need nothing this reader could tell.
    always: Vec<u32>,
}

impl RuleIndex {
    /// The index of the rules given with their position and needs, in words numbered as
    /// `words`; rules not given never run.
    pub fn new(words: HashMap<String, u32>, rules: Vec<(usize, Needs)>) -> RuleIndex {
        let mut index = RuleIndex {
            entries: vec![Vec::new(); words.len() * 2],
            words,
            others: Vec::new(),
            always: Vec::new(),
        };
        for (rule, mut sets) in rules {
            let rule = u32::try_from(rule).expect("fewer than 2^32 rules");
            let Some(smallest) = (0..sets.len()).min_by_key(|&i| sets[i].len()) else {
                index.always.push(rule);
                continue;
            };
            let entry = sets.swap_remove(smallest);
            for &key in &entry {
                index.entries[key as usize].push(rule);
            }
            if index.others.len() <= rule as usize {
                index.others.resize(rule as usize + 1, Vec::new());
            }
            index.others[rule as usize] = sets;
        }
        index
    }

    /// The rules that may match `sentence`, in ascending order.
    pub fn candidates(&self, sentence: &Sentence) -> Vec<usize> {
        let (offered, keys) = self.offered(sentence);
        let mut seen = vec![false; self.others.len()];
        let mut candidates: Vec<usize> = self.always.iter().map(|&rule| rule as usize).collect();
        for key in keys {
            for &rule in &self.entries[key as usize] {
                let rule = rule as usize;
                if seen[rule] {
                    continue;
                }
                seen[rule] = true;
                let met = self.others[rule]
                    .iter()
                    .all(|set| set.iter().any(|&key| offered[key as usize]));
                if met {
                    candidates.push(rule);
                }
            }
        }
        candidates.sort_unstable();
        candidates
    }

    /// Which key numbers the sentence offers (by number, and listed once each): the folded
    /// text and lemmas of each token, and the empty text and lemma of the sentence-start
    /// token every pattern may look at.
    fn offered(&self, sentence: &Sentence) -> (Vec<bool>, Vec<Key>) {
        let mut offered = vec![false; self.entries.len()];
        let mut keys = Vec::new();
        let mut offer = |key: fn(u32) -> Key, word: &str| {
            if let Some(&number) = self.words.get(&fold(word)) {
                let key = key(number);
                if !offered[key as usize] {
                    offered[key as usize] = true;
                    keys.push(key);
                }
            }
        };
        offer(text_key, "");
        offer(lemma_key, "");
        for token in sentence.tokens() {
            let word = token.word();
            offer(text_key, word.text().as_str());
            for data in word.tags() {
                offer(lemma_key, data.lemma().as_str());
            }
        }
        (offered, keys)
    }
}
