//! The dictionary Harper's rules see: the curated one, with spelling suggestions searched at
//! most [`MAX_DISTANCE`] edits away.
//!
//! Harper's spell check looks for suggestions 2, then 3, then 4 edits from an unknown word.
//! Each search needs a Levenshtein automaton builder for its distance, built once per thread;
//! the one for 4 edits costs about a second of CPU, so every thread that meets a word with
//! nothing within 3 edits (technical words, names, long run-together words) paid that again:
//! 17 % of the CPU time on 200 KB of licence texts. Words 4 edits away are rarely what the
//! writer meant, and a replacement is only shown when asked for, so the search stops at 3.
//! Which words are flagged does not depend on suggestions: every flag stays as it was.
//!
//! Everything else is the curated dictionary's own answer.

use std::borrow::Cow;
use std::sync::Arc;

use harper_core::DictWordMetadata;
use harper_core::spell::{CanonicalWordId, Dictionary, FstDictionary, FuzzyMatchResult};

/// The farthest a suggestion may be from the written word, in edits.
pub const MAX_DISTANCE: u8 = 3;

/// The curated dictionary, with fuzzy searches capped at [`MAX_DISTANCE`].
pub struct Capped(pub Arc<FstDictionary>);

impl Dictionary for Capped {
    fn contains_word(&self, word: &[char]) -> bool {
        self.0.contains_word(word)
    }

    fn contains_word_str(&self, word: &str) -> bool {
        self.0.contains_word_str(word)
    }

    fn contains_exact_word(&self, word: &[char]) -> bool {
        self.0.contains_exact_word(word)
    }

    fn contains_exact_word_str(&self, word: &str) -> bool {
        self.0.contains_exact_word_str(word)
    }

    fn fuzzy_match(
        &'_ self,
        word: &[char],
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        if max_distance > MAX_DISTANCE {
            return Vec::new();
        }
        self.0.fuzzy_match(word, max_distance, max_results)
    }

    fn fuzzy_match_str(
        &'_ self,
        word: &str,
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        if max_distance > MAX_DISTANCE {
            return Vec::new();
        }
        self.0.fuzzy_match_str(word, max_distance, max_results)
    }

    fn get_correct_capitalization_of(&self, word: &[char]) -> Option<&'_ [char]> {
        self.0.get_correct_capitalization_of(word)
    }

    fn get_correct_capitalizations_of(
        &self,
        word: &[char],
    ) -> Box<dyn Iterator<Item = &[char]> + Send + '_> {
        self.0.get_correct_capitalizations_of(word)
    }

    fn get_word_metadata(&self, word: &[char]) -> Option<Cow<'_, DictWordMetadata>> {
        self.0.get_word_metadata(word)
    }

    fn get_word_metadata_str(&self, word: &str) -> Option<Cow<'_, DictWordMetadata>> {
        self.0.get_word_metadata_str(word)
    }

    fn get_word_metadata_exact(&self, word: &[char]) -> Option<&DictWordMetadata> {
        self.0.get_word_metadata_exact(word)
    }

    fn words_iter(&self) -> Box<dyn Iterator<Item = &'_ [char]> + Send + '_> {
        self.0.words_iter()
    }

    fn word_count(&self) -> usize {
        self.0.word_count()
    }

    fn get_word_from_id(&self, id: &CanonicalWordId) -> Option<&[char]> {
        self.0.get_word_from_id(id)
    }

    fn find_words_with_prefix(&self, prefix: &[char]) -> Vec<Cow<'_, [char]>> {
        self.0.find_words_with_prefix(prefix)
    }

    fn find_words_with_common_prefix(&self, word: &[char]) -> Vec<Cow<'_, [char]>> {
        self.0.find_words_with_common_prefix(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_stop_at_three_edits_and_agree_with_the_curated_dictionary_below() {
        let curated = FstDictionary::curated();
        let capped = Capped(curated.clone());
        let word: Vec<char> = "recieve".chars().collect();
        let words = |found: Vec<FuzzyMatchResult>| -> Vec<String> {
            found.iter().map(|m| m.word.iter().collect()).collect()
        };
        for distance in 1..=MAX_DISTANCE {
            assert_eq!(
                words(capped.fuzzy_match(&word, distance, 20)),
                words(curated.fuzzy_match(&word, distance, 20))
            );
        }
        assert!(!capped.fuzzy_match(&word, 2, 20).is_empty());
        assert!(capped.fuzzy_match(&word, 4, 20).is_empty());
        assert!(capped.fuzzy_match_str("recieve", 4, 20).is_empty());
        assert!(capped.contains_word_str("receive"));
    }
}
