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

use unicase::UniCase;

/// At most this many distinct folded words per pattern; a larger set tells the index little.
pub const LIMIT: usize = 256;

/// The case-folded form nlprule compares words in when a match ignores case (`UniCase`).
pub fn fold(text: &str) -> String {
    UniCase::new(text).to_folded_case()
}

/// One character, case-folded (folding works character by character).
fn fold_char(c: char) -> String {
    if c.is_ascii() {
        c.to_ascii_lowercase().to_string()
    } else {
        fold(c.encode_utf8(&mut [0; 4]))
    }
}

/// The folded words `pattern` matches as a whole, sorted, or `None` if it is not a plain finite
/// pattern this reader understands.
pub fn folded_words(pattern: &str) -> Option<Vec<String>> {
    let body = pattern.strip_prefix('^')?;
    let mut reader = Reader {
        chars: body.chars().collect(),
        at: 0,
    };
    let words = reader.alternation()?;
    (reader.rest() == ['$']).then_some(words)
}

/// Words, without duplicates once [`distinct`] has run.
type Words = Vec<String>;

fn distinct(mut words: Words) -> Option<Words> {
    words.sort_unstable();
    words.dedup();
    (words.len() <= LIMIT).then_some(words)
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
    fn alternation(&mut self) -> Option<Words> {
        let mut words = self.sequence()?;
        while self.peek() == Some('|') {
            self.at += 1;
            words.extend(self.sequence()?);
            if words.len() > LIMIT {
                words = distinct(words)?;
            }
        }
        distinct(words)
    }

    /// Items, each perhaps followed by `?`, up to `|`, `)` or the final `$`.
    fn sequence(&mut self) -> Option<Words> {
        let mut words = vec![String::new()];
        loop {
            match self.peek() {
                None | Some('|') | Some(')') => return Some(words),
                Some('$') if self.at + 1 == self.chars.len() => return Some(words),
                _ => {}
            }
            let item = self.item()?;
            match self.peek() {
                Some('?') => {
                    self.at += 1;
                    // `??` (lazy) and `?+` are refused, as is any other quantifier.
                    if matches!(self.peek(), Some('?' | '+' | '*' | '{')) {
                        return None;
                    }
                    let mut item = item.into_words();
                    item.push(String::new());
                    words = concatenate(words, &item)?;
                }
                Some('*' | '+' | '{') => return None,
                _ => match item {
                    Item::Letter(c) => words.iter_mut().for_each(|word| word.push(c)),
                    Item::Words(item) => words = concatenate(words, &item)?,
                },
            }
        }
    }

    /// A group, a class, an escaped punctuation character or a literal character.
    fn item(&mut self) -> Option<Item> {
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
                Some(Item::Words(words))
            }
            '[' => self.class(),
            '\\' => Some(Item::of(self.escaped()?)),
            c if is_plain(c) => Some(Item::of(c)),
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
    fn class(&mut self) -> Option<Item> {
        let mut members = Members::default();
        if matches!(self.peek(), Some('^' | ']')) {
            return None;
        }
        loop {
            let c = self.peek()?;
            self.at += 1;
            let member = match c {
                ']' => return members.folded(),
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
                (c..=end).for_each(|m| members.add(m));
            } else {
                members.add(member);
            }
        }
    }
}

/// A class's members, folded: ASCII ones as bits (nearly every class is one letter's two
/// cases, `[tT]`, which is the one folded word `t`), others as words.
#[derive(Default)]
struct Members {
    ascii: u128,
    other: Words,
}

impl Members {
    fn add(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii |= 1 << (c.to_ascii_lowercase() as u32);
        } else {
            self.other.push(fold_char(c));
        }
    }

    fn is_empty(&self) -> bool {
        self.ascii == 0 && self.other.is_empty()
    }

    fn folded(mut self) -> Option<Item> {
        if self.other.is_empty() && self.ascii.count_ones() == 1 {
            return char::from_u32(self.ascii.trailing_zeros()).map(Item::Letter);
        }
        let mut bits = self.ascii;
        while bits != 0 {
            let b = bits.trailing_zeros();
            bits &= bits - 1;
            self.other.push(char::from_u32(b)?.to_string());
        }
        distinct(self.other).map(Item::Words)
    }
}

/// What one item of a sequence stands for: most often one folded ASCII letter (`t`, `[tT]`),
/// appended to every word without building a list.
enum Item {
    Letter(char),
    Words(Words),
}

impl Item {
    fn of(c: char) -> Item {
        if c.is_ascii() {
            Item::Letter(c.to_ascii_lowercase())
        } else {
            Item::Words(vec![fold_char(c)])
        }
    }

    fn into_words(self) -> Words {
        match self {
            Item::Letter(c) => vec![c.to_string()],
            Item::Words(words) => words,
        }
    }
}

/// A character that stands for itself outside a class. Characters that are syntax, or are
/// syntax in some mode or dialect (`#`, `&`, `~`, braces, brackets), are refused;
/// whitespace too.
fn is_plain(c: char) -> bool {
    !c.is_whitespace() && !"\\.+*?()|[]{}^$#&~".contains(c)
}

/// Every word of `left` followed by every word of `right`; most items are one folded
/// letter, appended in place.
fn concatenate(mut left: Words, right: &[String]) -> Option<Words> {
    if let [only] = right {
        left.iter_mut().for_each(|word| word.push_str(only));
        return Some(left);
    }
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
