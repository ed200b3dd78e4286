//! Which of our rules could match a sentence at all, told from the sentence's words: a rule
//! whose pattern has a token that must be one of a few plain words ("my|our|the") is tried
//! only on sentences that hold one of them. Every rule used to try every token of every
//! sentence, 8 % of the CPU on real prose.
//!
//! Invariant: a rule is left out only when no token of the sentence can satisfy one of its
//! mandatory tokens, so what the rules find is unchanged. A token's `word` is matched in any
//! letter case by Unicode's rules, under which a few non-ASCII letters match ASCII ones (the
//! Kelvin sign matches "k"); so a sentence with a non-ASCII word runs every rule.

use std::collections::HashSet;

use nlprule::types::Token;

use super::TokenData;

/// The lowercase words one of which must be some token's whole text before the rule can
/// match: the alternatives of a mandatory token's `word`, when each is a plain word.
pub type Needs = Option<Vec<String>>;

/// What the `word` patterns of a rule's mandatory tokens demand: the shortest list of plain
/// alternatives among them, or none. A phrase takes several tokens and is not read.
pub fn needs(pattern: &[TokenData]) -> Needs {
    pattern
        .iter()
        .filter(|token| !token.optional && token.phrase.is_none())
        .filter_map(|token| token.word.as_deref().and_then(plain_words))
        .min_by_key(Vec::len)
}

/// The alternatives of a `word` pattern, lowercase, when every one is a plain word of ASCII
/// letters and apostrophes ("my|our|their", "don't"): anything else may match other words.
fn plain_words(source: &str) -> Option<Vec<String>> {
    source
        .split('|')
        .map(|word| {
            (!word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\''))
                .then(|| word.to_ascii_lowercase())
        })
        .collect()
}

/// The words of one sentence (or paragraph), lowercase, as rules' needs are checked.
pub struct Words {
    words: HashSet<String>,
    /// A token holds a non-ASCII character: every rule may match.
    unusual: bool,
}

impl Words {
    pub fn of(tokens: &[&Token]) -> Words {
        let mut words = HashSet::with_capacity(tokens.len());
        let mut unusual = false;
        for (at, token) in tokens.iter().enumerate() {
            let text = token.word().text().as_str();
            if text.is_ascii() {
                words.insert(text.to_ascii_lowercase());
            } else {
                unusual = true;
            }
            if let Some(contraction) = super::contraction(tokens, at) {
                words.insert(contraction.to_string());
            }
        }
        Words { words, unusual }
    }

    /// Whether a rule with these needs could match here.
    pub fn allow(&self, needs: &Needs) -> bool {
        self.unusual
            || needs
                .as_ref()
                .is_none_or(|needs| needs.iter().any(|word| self.words.contains(word)))
    }
}

/// Whether a rule with these needs could match somewhere in these sentences taken together
/// (a rule that matches across sentences).
pub fn allow_any(sentences: &[Words], needs: &Needs) -> bool {
    sentences.iter().any(|words| words.allow(needs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_word_lists_of_mandatory_tokens_are_needs() {
        let token = |word: &str, optional: bool, phrase: bool| TokenData {
            word: Some(word.to_string()),
            optional,
            phrase: phrase.then(|| word.to_string()),
            ..TokenData::default()
        };
        let none = TokenData {
            pos: Some("NNS".to_string()),
            ..TokenData::default()
        };
        assert_eq!(
            needs(&[
                token("My|our", false, false),
                token("a|an|the", false, false)
            ]),
            Some(vec!["my".to_string(), "our".to_string()])
        );
        assert_eq!(needs(&[token("my", true, false), none]), None);
        assert_eq!(needs(&[token("for", false, true)]), None);
        assert_eq!(needs(&[token("[a-z]+s|was", false, false)]), None);
        assert_eq!(needs(&[token("[,;:]|so", false, false)]), None);
        assert_eq!(
            needs(&[token("don't|won't", false, false)]),
            Some(vec!["don't".to_string(), "won't".to_string()])
        );
    }
}
