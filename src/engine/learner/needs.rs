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

/// The lowercase words one of which must be some token's whole text before the rule can
/// match: the alternatives of a mandatory token's `word`, when each is a plain word.
pub type Needs = Option<Vec<String>>;

/// What `word` patterns of the mandatory tokens (`(optional, phrase given, word)`) demand:
/// the shortest list of plain alternatives among them, or none.
pub fn needs<'a>(tokens: impl Iterator<Item = (bool, bool, Option<&'a str>)>) -> Needs {
    tokens
        .filter(|(optional, phrase, _)| !optional && !phrase)
        .filter_map(|(_, _, word)| word.and_then(plain_words))
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
        for token in tokens {
            let text = token.word().text().as_str();
            if text.is_ascii() {
                words.insert(text.to_ascii_lowercase());
            } else {
                unusual = true;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_word_lists_of_mandatory_tokens_are_needs() {
        let needs = |tokens: &[(bool, bool, Option<&'static str>)]| needs(tokens.iter().copied());
        assert_eq!(
            needs(&[
                (false, false, Some("My|our")),
                (false, false, Some("a|an|the"))
            ]),
            Some(vec!["my".to_string(), "our".to_string()])
        );
        assert_eq!(
            needs(&[(true, false, Some("my")), (false, false, None)]),
            None
        );
        assert_eq!(needs(&[(false, true, Some("for"))]), None);
        assert_eq!(needs(&[(false, false, Some("[a-z]+s|was"))]), None);
        assert_eq!(needs(&[(false, false, Some("[,;:]|so"))]), None);
        assert_eq!(
            needs(&[(false, false, Some("don't|won't"))]),
            Some(vec!["don't".to_string(), "won't".to_string()])
        );
    }
}
