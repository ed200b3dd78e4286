//! What a rule needs to find in a sentence before it can match: words, read from the rule's
//! public serde form ([`Shape`]) by our own reading of what a LanguageTool pattern requires.
//!
//! A token pattern is a sequence of parts, each an atom (a test on one token) with a
//! quantifier. A match gets past a part only after matching it at least `min` times, and it
//! may end early only at a part where the pattern's `can_stop_mask` is set (nlprule sets it
//! where every later part is optional; we read the mask, not that formula). So each part with
//! `min >= 1` before the first such stop matches some token of every sentence the rule
//! matches. When that part's atom accepts only tokens whose text, or lemma, is one of a few
//! words (a literal, or a regex that [`folded_words`] can list, not negated), the sentence
//! must hold one of them. `And` atoms need what each of their atoms needs, `Or` atoms one of
//! what their atoms need, `Offset` atoms what their atom needs (at another position of the
//! same sentence). Words are compared case-folded, as nlprule compares them when a match
//! ignores case, so a case-sensitive match needs a superset.
//!
//! Invariant: if a rule matches a sentence, every set of its [`Needs`] holds a key the
//! sentence offers (the folded text or a folded lemma of one of its tokens, or of the empty
//! sentence-start token), words numbered as by the same [`Reader`]. A rule, part or atom this reader does not understand adds no set:
//! a rule with no sets always runs.

use std::collections::HashMap;

use nlprule::rule::Rule;

use super::shape::Shape;
use super::words::{fold, folded_words};

/// A word a sentence may offer: a folded word's number times two, plus one for a lemma
/// (plain for a token's text).
pub type Key = u32;

/// The key of a folded word as a token's text.
pub fn text_key(word: u32) -> Key {
    word * 2
}

/// The key of a folded word as a token's lemma.
pub fn lemma_key(word: u32) -> Key {
    word * 2 + 1
}

/// Sets of keys (each sorted, once each), a sentence must offer one of each before the
/// rule can match. None: the rule always runs.
pub type Needs = Vec<Vec<Key>>;

/// Reads rules' needs, numbering the folded words it meets and remembering each regex's
/// words (LanguageTool repeats its word lists: 4,261 regexes in the patterns, 2,519
/// distinct).
#[derive(Default)]
pub struct Reader {
    words: HashMap<String, u32>,
    patterns: HashMap<String, Option<Box<[u32]>>>,
}

impl Reader {
    /// The folded words met so far, with their numbers.
    pub fn into_words(self) -> HashMap<String, u32> {
        self.words
    }

    fn number(&mut self, folded: String) -> u32 {
        let next = u32::try_from(self.words.len()).expect("fewer than 2^31 words");
        *self.words.entry(folded).or_insert(next)
    }

    /// What `rule` needs, as far as this reader can tell.
    pub fn needs(&mut self, rule: &Rule) -> Needs {
        Shape::of(rule)
            .and_then(|shape| self.pattern_needs(&shape))
            .unwrap_or_default()
    }

    fn pattern_needs(&mut self, rule: &Shape) -> Option<Needs> {
        let (engine, token_engine) = rule.field("engine")?.variant()?;
        // A regex over the sentence's text: not read.
        if engine != "Token" {
            return None;
        }
        let composition = token_engine.field("composition")?;
        let parts = composition.field("parts")?.seq()?;
        let can_stop = composition.field("can_stop_mask")?.seq()?;
        if parts.len() != can_stop.len() {
            return None;
        }
        let mut needs = Needs::new();
        for (part, stop) in parts.iter().zip(can_stop) {
            // A match may end here without reaching this part or any later one.
            if stop.bool()? {
                break;
            }
            let min = part.field("quantifier")?.field("min")?.int()?;
            if min >= 1 {
                needs.extend(self.atom_needs(part.field("atom")?));
            }
        }
        Some(needs)
    }

    /// What any token the atom accepts needs (the atom's position's token, or for an offset
    /// atom another token of the sentence).
    fn atom_needs(&mut self, atom: &Shape) -> Needs {
        let Some((kind, inner)) = atom.variant() else {
            return Needs::new();
        };
        let set = match kind {
            "TextAtom" => inner
                .field("matcher")
                .and_then(|text_matcher| text_matcher.field("matcher"))
                .and_then(|matcher| self.matcher_needs(matcher, text_key)),
            "WordDataAtom" => inner
                .field("matcher")
                .and_then(|data_matcher| data_matcher.field("inflect_matcher"))
                .and_then(|text_matcher| text_matcher.field("matcher"))
                .and_then(|matcher| self.matcher_needs(matcher, lemma_key)),
            "AndAtom" => {
                let Some(atoms) = children(inner) else {
                    return Needs::new();
                };
                return atoms
                    .iter()
                    .flat_map(|atom| self.atom_needs(atom))
                    .collect();
            }
            "OrAtom" => children(inner).and_then(|atoms| {
                let mut union = Vec::new();
                for atom in atoms {
                    // One of the atom's sets suffices; the smallest keeps the union small.
                    let needs = self.atom_needs(atom);
                    union.extend(needs.into_iter().min_by_key(Vec::len)?);
                }
                union.sort_unstable();
                union.dedup();
                Some(union)
            }),
            "OffsetAtom" => {
                return inner
                    .field("atom")
                    .map(|atom| self.atom_needs(atom))
                    .unwrap_or_default();
            }
            _ => None,
        };
        set.into_iter().collect()
    }

    /// The keys a non-negated matcher of a literal word, or of a regex listing words,
    /// accepts.
    fn matcher_needs(&mut self, matcher: &Shape, key: fn(u32) -> Key) -> Option<Vec<Key>> {
        if matcher.field("negate")?.bool()? {
            return None;
        }
        let (side, value) = matcher.field("matcher")?.variant()?;
        match side {
            // `Left(Left(word))` compares with a word; `Left(Right(id))` with a matched token.
            "Left" => {
                let (side, word) = value.variant()?;
                let word = word.str()?;
                if side != "Left" || word.is_empty() {
                    return None;
                }
                Some(vec![key(self.number(fold(word)))])
            }
            "Right" => {
                let pattern = value.str()?;
                if !self.patterns.contains_key(pattern) {
                    let numbers = folded_words(pattern)
                        .map(|words| words.into_iter().map(|w| self.number(w)).collect());
                    self.patterns.insert(pattern.to_string(), numbers);
                }
                let numbers = self.patterns.get(pattern)?.as_ref()?;
                let mut keys: Vec<Key> = numbers.iter().map(|&n| key(n)).collect();
                keys.sort_unstable();
                Some(keys)
            }
            _ => None,
        }
    }
}

fn children(inner: &Shape) -> Option<&[Shape]> {
    inner.field("atoms")?.seq()
}
