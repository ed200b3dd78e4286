//! The words a token pattern's regular expression can match, when they are few and written
//! out. LanguageTool spells most of its word lists as regexes over one token, with the case
//! variants in classes: `^(?:[tT][hH][eE]|[aA][nN]?|[mM][yY])$`.
//!
//! [`folded_words`] reads a small, plain subset of the regex syntax: the anchors `^` and `$`
//! around the whole pattern, alternation, plain and non-capturing groups, the `?` quantifier,
//! literal characters, escaped punctuation and classes of literal characters and short
//! ranges. It refuses anything else (other quantifiers, `.`, `\d`, flags, lookaround, negated
//! or nested classes, back-references) and any pattern whose words would pass [`LIMIT`].
//!
//! Invariant: for a pattern it accepts, every string the regex matches case-folds (as
//! [`fold`]) to a member of the returned set. Folding is done character by character, which
//! is how case folding works, so the set stays small: `[tT][hH][eE]` is the one word `the`.

use std::collections::BTreeSet;

use unicase::UniCase;

/// At most this many distinct folded words per pattern; a larger set tells the index little.
pub const LIMIT: usize = 256;

/// The case-folded form nlprule compares words in when a match ignores case (`UniCase`).
pub fn fold(text: &str) -> String {
    UniCase::new(text).to_folded_case()
}

/// The folded words `pattern` matches as a whole, or `None` if it is not a plain finite
/// pattern this reader understands.
pub fn folded_words(pattern: &str) -> Option<BTreeSet<String>> {
    let body = pattern.strip_prefix('^')?;
    let mut reader = Reader {
        chars: body.chars().collect(),
        at: 0,
    };
    let words = reader.alternation()?;
    (reader.rest() == ['$']).then_some(words)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn rest(&self) -> &[char] {
        &self.chars[self.at..]
    }

    /// `seq ('|' seq)*`, up to a `)` or the final `$`.
    fn alternation(&mut self) -> Option<BTreeSet<String>> {
        let mut words = self.sequence()?;
        while self.peek() == Some('|') {
            self.at += 1;
            words.extend(self.sequence()?);
            if words.len() > LIMIT {
                return None;
            }
        }
        Some(words)
    }

    /// Items, each perhaps followed by `?`, up to `|`, `)` or the final `$`.
    fn sequence(&mut self) -> Option<BTreeSet<String>> {
        let mut words = BTreeSet::from([String::new()]);
        loop {
            match self.peek() {
                None | Some('|') | Some(')') => return Some(words),
                Some('$') if self.at + 1 == self.chars.len() => return Some(words),
                _ => {}
            }
            let mut item = self.item()?;
            match self.peek() {
                Some('?') => {
                    self.at += 1;
                    // `??` (lazy) and `?+` are refused, as is any other quantifier.
                    if matches!(self.peek(), Some('?' | '+' | '*' | '{')) {
                        return None;
                    }
                    item.insert(String::new());
                }
                Some('*' | '+' | '{') => return None,
                _ => {}
            }
            words = concatenate(&words, &item)?;
        }
    }

    /// A group, a class, an escaped punctuation character or a literal character.
    fn item(&mut self) -> Option<BTreeSet<String>> {
        let c = self.peek()?;
        self.at += 1;
        match c {
            '(' => {
                if self.peek() == Some('?') {
                    if self.rest().get(1) != Some(&':') {
                        return None;
                    }
                    self.at += 2;
                }
                let words = self.alternation()?;
                (self.peek() == Some(')')).then(|| self.at += 1)?;
                Some(words)
            }
            '[' => self.class(),
            '\\' => {
                let escaped = self.escaped()?;
                Some(BTreeSet::from([fold(&escaped.to_string())]))
            }
            c if is_plain(c) => Some(BTreeSet::from([fold(&c.to_string())])),
            _ => None,
        }
    }

    /// The character after a `\`, when it is punctuation (a literal); `\d`, `\b`, `\1`, the
    /// word boundaries `\<` and `\>` and the like are refused.
    fn escaped(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        (c.is_ascii_punctuation() && !matches!(c, '<' | '>')).then_some(c)
    }

    /// The members of a class whose `[` was read: literal characters, escaped punctuation
    /// and ranges between ASCII letters or digits; a `-` only first or last. Negation,
    /// nesting and set operations are refused.
    fn class(&mut self) -> Option<BTreeSet<String>> {
        let mut members = BTreeSet::new();
        if matches!(self.peek(), Some('^' | ']')) {
            return None;
        }
        loop {
            let c = self.peek()?;
            self.at += 1;
            let member = match c {
                ']' => return Some(members),
                '-' if !members.is_empty() && self.peek() != Some(']') => return None,
                '\\' => self.escaped()?,
                '[' | '&' | '~' => return None,
                c => c,
            };
            let ranged = self.peek() == Some('-') && self.rest().get(1).is_some_and(|&n| n != ']');
            if ranged {
                self.at += 1;
                let end = self.peek()?;
                self.at += 1;
                let plain = c.is_ascii_alphanumeric() && end.is_ascii_alphanumeric();
                if !plain || c > end || (end as u32 - c as u32) > 64 {
                    return None;
                }
                for m in c..=end {
                    members.insert(fold(&m.to_string()));
                }
            } else {
                members.insert(fold(&member.to_string()));
            }
        }
    }
}

/// A character that stands for itself outside a class. Characters that are syntax, or are
/// syntax in some mode or dialect (`#`, `&`, `~`, braces, brackets), are refused;
/// whitespace too.
fn is_plain(c: char) -> bool {
    !c.is_whitespace() && !"\\.+*?()|[]{}^$#&~".contains(c)
}

fn concatenate(left: &BTreeSet<String>, right: &BTreeSet<String>) -> Option<BTreeSet<String>> {
    if left.len() * right.len() > LIMIT {
        return None;
    }
    Some(
        left.iter()
            .flat_map(|l| right.iter().map(move |r| format!("{l}{r}")))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pattern: &str) -> Option<Vec<String>> {
        folded_words(pattern).map(|set| set.into_iter().collect())
    }

    #[test]
    fn reads_languagetool_word_lists() {
        assert_eq!(
            words("^(?:[tT][hH][eE]|[aA][nN]?)$").unwrap(),
            ["a", "an", "the"]
        );
        assert_eq!(
            words("^(?:[wW][iI][tT][hH]([oO][uU][tT])?)$").unwrap(),
            ["with", "without"]
        );
        assert_eq!(
            words("^(?:[eE]?[-]?[mM][aA][iI][lL])$").unwrap(),
            ["-mail", "e-mail", "email", "mail"]
        );
        assert_eq!(words("^(?:['’`´‘])$").unwrap(), ["'", "`", "´", "‘", "’"]);
        assert_eq!(words("^(?:Will|May)$").unwrap(), ["may", "will"]);
        assert_eq!(words("^(?:[#]?[5][3])$").unwrap(), ["#53", "53"]);
        assert_eq!(words("^(?:[a-c]x)$").unwrap(), ["ax", "bx", "cx"]);
        assert_eq!(words("^(?:a\\-b)$").unwrap(), ["a-b"]);
    }

    #[test]
    fn refuses_what_it_cannot_list() {
        for pattern in [
            "^(?:\\w+)$",
            "^(?:\\d{2,3})$",
            "^(?:[^a])$",
            "^(?:a.b)$",
            "^(?:ab*)$",
            "^(?:a+)$",
            "^(?i)(?:abc)$",
            "(?:abc)$",
            "^(?:abc)",
            "^(?:abc)\\$",
            "^(?:(?=a)a)$",
            "^(?:\\p{P})$",
            "^(?:[[:alpha:]])$",
            "^(?:[a-z&&b])$",
            "^(?:a??)$",
            "^(?:a b)$",
            "^(?:[a-z][a-z][a-z])$",
            "^(?:[\\.-a])$",
            "^(?:[a-b-c])$",
            "^(?:\\<a)$",
        ] {
            assert_eq!(words(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn every_match_folds_into_the_set() {
        // The set is checked against the regex engine itself on case variants.
        let pattern = "^(?:[tT][hH][eE][yY]?|[sS]?[hH][eE])$";
        let set = folded_words(pattern).unwrap();
        let regex = regex::Regex::new(pattern).unwrap();
        for text in [
            "the", "The", "THEY", "they", "she", "He", "sHe", "theyy", "s", "",
        ] {
            if regex.is_match(text) {
                assert!(set.contains(&fold(text)), "{text}");
            }
        }
    }
}
