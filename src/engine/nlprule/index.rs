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

use super::needs::{Key, Needs};
use super::words::fold;

pub struct RuleIndex {
    /// Key numbers of the folded texts and lemmas that some rule needs.
    texts: HashMap<String, u32>,
    lemmas: HashMap<String, u32>,
    /// The rules listed under each key number.
    entries: Vec<Vec<u32>>,
    /// Per rule (by its position), the sets other than its entry, as key numbers.
    others: Vec<Vec<Box<[u32]>>>,
    /// Rules that need nothing this reader could tell.
    always: Vec<u32>,
    /// How many rules may run at all.
    indexed: usize,
}

impl RuleIndex {
    /// The index of the rules given with their position and needs; rules not given never
    /// run.
    pub fn new(rules: impl IntoIterator<Item = (usize, Needs)>) -> RuleIndex {
        let mut index = RuleIndex {
            texts: HashMap::new(),
            lemmas: HashMap::new(),
            entries: Vec::new(),
            others: Vec::new(),
            always: Vec::new(),
            indexed: 0,
        };
        for (rule, needs) in rules {
            let rule = u32::try_from(rule).expect("fewer than 2^32 rules");
            index.indexed += 1;
            let mut sets: Vec<Box<[u32]>> = needs
                .into_iter()
                .map(|set| set.into_iter().map(|key| index.number(key)).collect())
                .collect();
            let Some(smallest) = (0..sets.len()).min_by_key(|&i| sets[i].len()) else {
                index.always.push(rule);
                continue;
            };
            let entry = sets.swap_remove(smallest);
            for &key in entry.iter() {
                index.entries[key as usize].push(rule);
            }
            if index.others.len() <= rule as usize {
                index.others.resize(rule as usize + 1, Vec::new());
            }
            index.others[rule as usize] = sets;
        }
        index
    }

    fn number(&mut self, key: Key) -> u32 {
        let next = u32::try_from(self.entries.len()).expect("fewer than 2^32 keys");
        let (map, word) = match key {
            Key::Text(word) => (&mut self.texts, word),
            Key::Lemma(word) => (&mut self.lemmas, word),
        };
        let number = *map.entry(word).or_insert(next);
        if number == next {
            self.entries.push(Vec::new());
        }
        number
    }

    /// How many rules may run: those given to [`RuleIndex::new`].
    pub fn indexed(&self) -> usize {
        self.indexed
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
    fn offered(&self, sentence: &Sentence) -> (Vec<bool>, Vec<u32>) {
        let mut offered = vec![false; self.entries.len()];
        let mut keys = Vec::new();
        let mut offer = |map: &HashMap<String, u32>, word: &str| {
            if let Some(&key) = map.get(&fold(word))
                && !offered[key as usize]
            {
                offered[key as usize] = true;
                keys.push(key);
            }
        };
        offer(&self.texts, "");
        offer(&self.lemmas, "");
        for token in sentence.tokens() {
            let word = token.word();
            offer(&self.texts, word.text().as_str());
            for data in word.tags() {
                offer(&self.lemmas, data.lemma().as_str());
            }
        }
        (offered, keys)
    }
}
