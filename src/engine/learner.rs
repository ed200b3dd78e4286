//! ownvoice's own rules for mistakes typical of learners, run over nlprule's analysis of each
//! sentence (words, part-of-speech tags, lemmas, chunks).
//!
//! The rules are data, `data/learner.toml`: each has an id (`OWNVOICE/NAME`), the explanation
//! entry a learner reads, a pattern of consecutive tokens, and example sentences that must and
//! must not be flagged, which the tests run through the real engine. Each rule was measured on
//! learner essays before it was kept; its figures are a comment next to it.
//!
//! A token pattern constrains one token (or, with `phrase`, a few); every field given must
//! hold:
//! - `phrase`: one of a few fixed word sequences, such as `"for example|in my opinion"`
//!   (any letter case); it takes as many tokens as the sequence has words;
//! - `word`, `lemma`: a regular expression matching the whole word, or one of its lemmas,
//!   in any letter case; `word = "@name"` (or `not-word`, `lemma`, here and in the six
//!   one-token guards below) stands for the alternatives of the data file's word list `name`
//!   (a `[words]` table), which several rules share, alone or among other alternatives
//!   (`"@name|@other|one|two"`); a word list may name other lists the same way, and
//!   `phrase = "@name"` takes a list of word sequences;
//!   nlprule splits a contraction ("it's" into "it", "'" and "s"), and a `word` reads the
//!   apostrophe and the word glued after it as one token, so `"'s|'m|n't"` match there;
//! - `pos`: matches one of the token's part-of-speech tags (Penn tags: `NN`, `VBZ`, `MD`);
//!   `only-pos`: matches every one of its tags; `not-pos`: matches none of them;
//! - `not-word`, `chunk` (one of nlprule's chunk labels, such as `B-NP-singular`);
//! - `case`: `lower` (starts with a lowercase letter), `upper` (with a capital) or `title`
//!   (a capital, and not written all in capitals, as text in capitals is: "BUT NOT");
//! - `space-before`: whether white space comes right before the token (not checked in
//!   `unless-before` and `unless-after`, which look at one token alone);
//! - `optional`: the pattern matches with or without this token ("was [very] interested");
//!   when both match, the longer match is taken.
//!
//! Patterns match inside one sentence, unless a rule says `across-sentences` (a missing
//! space after a full stop makes nlprule start a new sentence in the middle of "much.When").
//! A rule may also require the match to start its sentence (`sentence-start`) or the first
//! sentence of the paragraph (`paragraph-start`), or to end the paragraph's last sentence
//! (`paragraph-end`), require that sentence to end with a full stop, "!" or "?"
//! (`ends-with-stop`: headings, list items and table cells seldom do) or to have at least
//! some words (`min-words`), name
//! the tokens to underline (`mark`, a range of pattern positions, end excluded), and give a
//! token that must not come right before or after the match (`unless-before`,
//! `unless-after`), and say what the words of the sentence before the match must hold: a
//! token like `before-has`, and none like `before-lacks` ("is" + a base verb is a mistake in
//! "I is agree" but not after "do" in "what they did is reduce the tax"); `after-has` and
//! `after-lacks` say the same of the words after the match ("have seen" is a mistake when
//! "yesterday" follows). These six describe one token each, so they take no `phrase`.

use std::ops::Range;

use lazy_static::lazy_static;
use nlprule::types::{Sentence, Token};
use regex::Regex;
use serde::Deserialize;

use super::{Finding, RuleId, RuleSelection};

mod needs;
use needs::{Needs, Words};

/// The rules, as written in `data/learner.toml`.
pub const SOURCE: &str = include_str!("../../data/learner.toml");

/// The pseudo-category of every rule of ours.
pub const CATEGORY: &str = "OWNVOICE";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Named word lists (`"big|small|new"`) that patterns name as `word = "@name"`.
    #[serde(default)]
    words: std::collections::BTreeMap<String, String>,
    rule: Vec<RuleData>,
}

/// One rule as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleData {
    /// The name after `OWNVOICE/`.
    pub id: String,
    /// The id of the explanation entry (`data/explanations.toml`).
    pub explanation: String,
    /// A short message in the engine's manner; `{1}`.. stand for the matched tokens. It may
    /// name the fix, so it is shown only with `--reveal`.
    pub message: String,
    pattern: Vec<TokenData>,
    #[serde(default)]
    mark: Option<[usize; 2]>,
    #[serde(default)]
    sentence_start: bool,
    #[serde(default)]
    paragraph_start: bool,
    #[serde(default)]
    paragraph_end: bool,
    #[serde(default)]
    ends_with_stop: bool,
    #[serde(default)]
    min_words: usize,
    #[serde(default)]
    across_sentences: bool,
    #[serde(default)]
    unless_before: Option<TokenData>,
    #[serde(default)]
    unless_after: Option<TokenData>,
    #[serde(default)]
    before_has: Option<TokenData>,
    #[serde(default)]
    before_lacks: Option<TokenData>,
    #[serde(default)]
    after_has: Option<TokenData>,
    #[serde(default)]
    after_lacks: Option<TokenData>,
    /// Off unless named or `--all-rules` (kept for rules that measured imprecise).
    #[serde(default = "yes")]
    pub default: bool,
    /// Sentences the rule must flag, the flagged words in `[brackets]`.
    pub flag: Vec<String>,
    /// Sentences the rule must not flag.
    pub pass: Vec<String>,
}

fn yes() -> bool {
    true
}

impl RuleData {
    /// The rule's full id, `OWNVOICE/NAME`.
    pub fn rule_id(&self) -> String {
        format!("{CATEGORY}/{}", self.id)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TokenData {
    phrase: Option<String>,
    word: Option<String>,
    not_word: Option<String>,
    lemma: Option<String>,
    pos: Option<String>,
    only_pos: Option<String>,
    not_pos: Option<String>,
    chunk: Option<String>,
    case: Option<Case>,
    space_before: Option<bool>,
    #[serde(default)]
    optional: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Case {
    Lower,
    Upper,
    Title,
}

/// A compiled token pattern.
#[derive(Debug)]
struct TokenPattern {
    /// Word sequences, lowercase; empty unless the pattern is a phrase.
    phrases: Vec<Vec<String>>,
    word: Option<Regex>,
    not_word: Option<Regex>,
    lemma: Option<Regex>,
    pos: Option<Regex>,
    only_pos: Option<Regex>,
    not_pos: Option<Regex>,
    chunk: Option<Regex>,
    case: Option<Case>,
    space_before: Option<bool>,
    optional: bool,
}

/// Whole-string regular expression; `fold` makes it ignore letter case.
fn compile(source: &Option<String>, fold: bool) -> Result<Option<Regex>, String> {
    source
        .as_ref()
        .map(|source| {
            let flags = if fold { "(?i)" } else { "" };
            Regex::new(&format!("{flags}^(?:{source})$")).map_err(|e| e.to_string())
        })
        .transpose()
}

impl TokenPattern {
    fn compile(data: &TokenData) -> Result<TokenPattern, String> {
        let phrases: Vec<Vec<String>> = data
            .phrase
            .iter()
            .flat_map(|phrase| phrase.split('|'))
            .map(|words| words.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        if phrases.iter().any(Vec::is_empty) {
            return Err("a phrase has no words".into());
        }
        Ok(TokenPattern {
            phrases,
            word: compile(&data.word, true)?,
            not_word: compile(&data.not_word, true)?,
            lemma: compile(&data.lemma, true)?,
            pos: compile(&data.pos, false)?,
            only_pos: compile(&data.only_pos, false)?,
            not_pos: compile(&data.not_pos, false)?,
            chunk: compile(&data.chunk, false)?,
            case: data.case,
            space_before: data.space_before,
            optional: data.optional,
        })
    }

    /// How many tokens from `tokens[at]` on this pattern takes, if it matches there.
    fn take(&self, tokens: &[&Token], at: usize) -> Option<usize> {
        if self.phrases.is_empty() {
            // nlprule's own flag is false at the start of every sentence: compare offsets.
            let spaced = at
                .checked_sub(1)
                .and_then(|i| tokens.get(i))
                .zip(tokens.get(at))
                .is_none_or(|(before, token)| before.span().byte().end < token.span().byte().start);
            // An apostrophe and the word glued after it, read as one contraction ("'s").
            if self.word.is_some()
                && self.space_before != Some(true)
                && let Some(text) = contraction(tokens, at + 1)
                && self.matches_text(tokens[at + 1], text)
            {
                return Some(2);
            }
            return tokens
                .get(at)
                .is_some_and(|token| {
                    self.matches(token) && self.space_before.is_none_or(|space| space == spaced)
                })
                .then_some(1);
        }
        self.phrases
            .iter()
            .find(|words| {
                tokens.get(at..at + words.len()).is_some_and(|window| {
                    window
                        .iter()
                        .zip(words.iter())
                        .all(|(token, word)| token.word().text().as_str().to_lowercase() == *word)
                })
            })
            .map(Vec::len)
    }

    fn matches(&self, token: &Token) -> bool {
        self.matches_text(token, token.word().text().as_str())
    }

    /// Whether `tokens[at]` matches, read as written or, for the word part of a contraction,
    /// as the whole contraction ("s" after "it'" as "'s").
    fn matches_at(&self, tokens: &[&Token], at: usize) -> bool {
        self.matches(tokens[at])
            || contraction(tokens, at).is_some_and(|text| self.matches_text(tokens[at], text))
    }

    /// Whether a token matches, its text read as `text`.
    fn matches_text(&self, token: &Token, text: &str) -> bool {
        // Part-of-speech readings, without the empty ones and sentence markers.
        let mut tags = token
            .word()
            .tags()
            .iter()
            .map(|data| data.pos().as_str())
            .filter(|pos| !pos.is_empty() && !pos.starts_with("SENT_"));
        let first = text.chars().next();
        self.word.as_ref().is_none_or(|re| re.is_match(text))
            && !self.not_word.as_ref().is_some_and(|re| re.is_match(text))
            && self.case.is_none_or(|case| match case {
                Case::Lower => first.is_some_and(char::is_lowercase),
                Case::Upper => first.is_some_and(char::is_uppercase),
                Case::Title => {
                    first.is_some_and(char::is_uppercase)
                        && (text.chars().count() == 1
                            || text.chars().skip(1).any(char::is_lowercase))
                }
            })
            && self.lemma.as_ref().is_none_or(|re| {
                token
                    .word()
                    .tags()
                    .iter()
                    .any(|data| re.is_match(data.lemma().as_str()))
            })
            && self
                .pos
                .as_ref()
                .is_none_or(|re| tags.clone().any(|pos| re.is_match(pos)))
            && self.only_pos.as_ref().is_none_or(|re| {
                let mut all = tags.clone().peekable();
                all.peek().is_some() && all.all(|pos| re.is_match(pos))
            })
            && !self
                .not_pos
                .as_ref()
                .is_some_and(|re| tags.any(|pos| re.is_match(pos)))
            && self
                .chunk
                .as_ref()
                .is_none_or(|re| token.chunks().iter().any(|chunk| re.is_match(chunk)))
    }
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub data: RuleData,
    pub id: RuleId,
    pattern: Vec<TokenPattern>,
    mark: Range<usize>,
    unless_before: Option<TokenPattern>,
    unless_after: Option<TokenPattern>,
    before_has: Option<TokenPattern>,
    before_lacks: Option<TokenPattern>,
    after_has: Option<TokenPattern>,
    after_lacks: Option<TokenPattern>,
    /// The words one of which the sentence must hold before the rule can match.
    needs: Needs,
}

/// Whether a token is an apostrophe.
fn apostrophe(token: &Token) -> bool {
    matches!(token.word().text().as_str(), "'" | "’")
}

/// Whether a token follows the one before it with no space between them.
fn glued(before: &Token, token: &Token) -> bool {
    before.span().byte().end == token.span().byte().start
}

/// The contraction that `tokens[at]` ends, when it is the word part of one: nlprule splits
/// "it's" into "it", "'" and "s", and "doesn't" into "doesn", "'" and "t", so a pattern's
/// "'s" or "n't" is read from the apostrophe and the word glued after it ("'s", "n't",
/// with a straight apostrophe whichever the writer typed).
fn contraction(tokens: &[&Token], at: usize) -> Option<&'static str> {
    let word = tokens.get(at)?;
    let mark = tokens.get(at.checked_sub(1)?)?;
    let before = tokens.get(at.checked_sub(2)?)?;
    if !apostrophe(mark) || !glued(mark, word) || !glued(before, mark) {
        return None;
    }
    match word.word().text().as_str().to_ascii_lowercase().as_str() {
        "t" if before.word().text().as_str().ends_with(['n', 'N']) => Some("n't"),
        "s" => Some("'s"),
        "m" => Some("'m"),
        "re" => Some("'re"),
        "ve" => Some("'ve"),
        "d" => Some("'d"),
        "ll" => Some("'ll"),
        _ => None,
    }
}

/// The matched ranges, each stretched over the rest of a contraction it ends in, or back
/// over the word a contraction it starts with belongs to: nlprule splits "doesn't" into
/// "doesn", "'" and "t", and a learner must see the whole word underlined ("I'm", not
/// "'m"). A range never grows into the next one or the one before.
fn whole_words(tokens: &[&Token], mut taken: Vec<Range<usize>>) -> Vec<Range<usize>> {
    for i in 0..taken.len() {
        let limit = taken.get(i + 1).map_or(tokens.len(), |next| next.start);
        let floor = i.checked_sub(1).map_or(0, |before| taken[before].end);
        let range = &mut taken[i];
        while range.start > floor
            && range.end > range.start
            && apostrophe(tokens[range.start])
            && glued(tokens[range.start - 1], tokens[range.start])
        {
            range.start -= 1;
        }
        while range.end < limit
            && range.end > range.start
            && glued(tokens[range.end - 1], tokens[range.end])
            && (apostrophe(tokens[range.end]) || apostrophe(tokens[range.end - 1]))
        {
            range.end += 1;
        }
    }
    taken
}

/// The words of some tokens as written: a space only where the text has one.
pub(crate) fn spoken(tokens: &[&Token]) -> String {
    let mut text = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && !glued(tokens[i - 1], token) {
            text.push(' ');
        }
        text.push_str(token.word().text().as_str());
    }
    text
}

/// How many tokens of a sentence are words (start with a letter or digit).
fn words(tokens: &[&Token]) -> usize {
    tokens
        .iter()
        .filter(|token| {
            token
                .word()
                .text()
                .as_str()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// Whether the last word of a sentence is a full stop, "!" or "?".
fn ends_with_stop(tokens: &[&Token]) -> bool {
    last_token(tokens)
        .is_some_and(|last| matches!(tokens[last].word().text().as_str(), "." | "!" | "?"))
}

/// The index of a sentence's last token, white space aside.
fn last_token(tokens: &[&Token]) -> Option<usize> {
    tokens
        .iter()
        .rposition(|token| !token.word().text().as_str().trim().is_empty())
}

impl Rule {
    fn compile(data: RuleData) -> Result<Rule, String> {
        let name = data.rule_id();
        let context = |e: String| format!("rule {name}: {e}");
        if data.pattern.is_empty() {
            return Err(context("the pattern is empty".into()));
        }
        let pattern = data
            .pattern
            .iter()
            .map(TokenPattern::compile)
            .collect::<Result<Vec<_>, _>>()
            .map_err(context)?;
        let mark = data
            .mark
            .map_or(0..pattern.len(), |[start, end]| start..end);
        if mark.is_empty() || mark.end > pattern.len() {
            return Err(context(format!("mark {mark:?} is not inside the pattern")));
        }
        if data.pattern.iter().all(|token| token.optional) {
            return Err(context("every token of the pattern is optional".into()));
        }
        let one = |data: &Option<TokenData>| {
            data.as_ref().map(|data| match data.phrase {
                Some(_) => Err("a phrase cannot describe one token (unless-before, \
                    unless-after, before-has, before-lacks, after-has, after-lacks)"
                    .to_string()),
                None if data.optional => Err("only a token of the pattern can be optional".into()),
                None => TokenPattern::compile(data),
            })
        };
        Ok(Rule {
            unless_before: one(&data.unless_before).transpose().map_err(context)?,
            unless_after: one(&data.unless_after).transpose().map_err(context)?,
            before_has: one(&data.before_has).transpose().map_err(context)?,
            before_lacks: one(&data.before_lacks).transpose().map_err(context)?,
            after_has: one(&data.after_has).transpose().map_err(context)?,
            after_lacks: one(&data.after_lacks).transpose().map_err(context)?,
            id: RuleId {
                category: CATEGORY.to_string(),
                group: name.clone(),
                index: name,
            },
            needs: needs::needs(&data.pattern),
            pattern,
            mark,
            data,
        })
    }

    /// The token ranges the pattern's elements take when the rule matches at `start` (an
    /// optional element that is left out takes an empty range), the longest match first.
    fn match_at(&self, tokens: &[&Token], start: usize) -> Option<Vec<Range<usize>>> {
        let mut taken = Vec::with_capacity(self.pattern.len());
        if !self.take_from(tokens, start, &mut taken) {
            return None;
        }
        let at = taken.last().map_or(start, |range| range.end);
        let excluded = |unless: &Option<TokenPattern>, index: Option<usize>| {
            unless
                .as_ref()
                .zip(index.filter(|&i| i < tokens.len()))
                .is_some_and(|(pattern, i)| pattern.matches_at(tokens, i))
        };
        // After the match, a contraction's apostrophe is also read with its word ("'s").
        let contracted_after = contraction(tokens, at + 1).map(|_| at + 1);
        if excluded(&self.unless_before, start.checked_sub(1))
            || excluded(&self.unless_after, Some(at))
            || excluded(&self.unless_after, contracted_after)
        {
            return None;
        }
        let holds = |has: &Option<TokenPattern>,
                     lacks: &Option<TokenPattern>,
                     range: Range<usize>| {
            let any = |pattern: &TokenPattern| range.clone().any(|i| pattern.matches_at(tokens, i));
            has.as_ref().is_none_or(any) && !lacks.as_ref().is_some_and(any)
        };
        (holds(&self.before_has, &self.before_lacks, 0..start)
            && holds(&self.after_has, &self.after_lacks, at..tokens.len()))
        .then_some(taken)
    }

    /// Matches the pattern's elements from `taken.len()` on, from token `at`, pushing the
    /// range each takes; an optional element is tried with its token first, then without.
    fn take_from(&self, tokens: &[&Token], at: usize, taken: &mut Vec<Range<usize>>) -> bool {
        let Some(pattern) = self.pattern.get(taken.len()) else {
            return true;
        };
        if let Some(length) = pattern.take(tokens, at) {
            taken.push(at..at + length);
            if self.take_from(tokens, at + length, taken) {
                return true;
            }
            taken.pop();
        }
        if pattern.optional {
            taken.push(at..at);
            if self.take_from(tokens, at, taken) {
                return true;
            }
            taken.pop();
        }
        false
    }

    /// Where this rule matches in a run of tokens: byte spans of the text they came from.
    /// `tokens` is one sentence, or with `across_sentences` a paragraph.
    fn find(&self, tokens: &[&Token], found: &mut Vec<Finding>) {
        if self.data.ends_with_stop && !ends_with_stop(tokens) {
            return;
        }
        if self.data.min_words > 0 && words(tokens) < self.data.min_words {
            return;
        }
        // Where a `paragraph-end` match ends: after the paragraph's last token.
        let end = self
            .data
            .paragraph_end
            .then(|| last_token(tokens).map_or(0, |last| last + 1));
        let starts = if self.data.sentence_start || self.data.paragraph_start {
            0..tokens.len().min(1)
        } else {
            0..tokens.len()
        };
        for start in starts {
            let Some(taken) = self.match_at(tokens, start) else {
                continue;
            };
            if end.is_some_and(|end| taken.last().is_none_or(|last| last.end != end)) {
                continue;
            }
            let taken = whole_words(tokens, taken);
            // The marked tokens: optional elements left out take none.
            let marked: Vec<&Range<usize>> = taken[self.mark.clone()]
                .iter()
                .filter(|range| !range.is_empty())
                .collect();
            let (Some(first), Some(last)) = (marked.first(), marked.last()) else {
                continue;
            };
            let (first, last) = (tokens[first.start], tokens[last.end - 1]);
            let mut message = self.data.message.clone();
            for (i, range) in taken.iter().enumerate() {
                message =
                    message.replace(&format!("{{{}}}", i + 1), &spoken(&tokens[range.clone()]));
            }
            found.push(Finding {
                rule: self.id.group.clone(),
                span: first.span().byte().start..last.span().byte().end,
                message,
                replacements: Vec::new(),
            });
        }
    }
}

/// Every rule of ours, with whether it runs.
#[derive(Debug)]
pub struct Learner {
    rules: Vec<(Rule, bool)>,
}

lazy_static! {
    /// The built-in rules as written, read once: the catalogue maps their explanations and
    /// the engine compiles their patterns.
    static ref DATA: Vec<RuleData> =
        read(SOURCE).expect("data/learner.toml is valid (checked by tests)");
}

/// The built-in rules as written.
pub fn data() -> &'static [RuleData] {
    &DATA
}

/// Whether a rule of ours speaks of how a paragraph starts or ends (`paragraph-start`,
/// `paragraph-end`): its findings count only in blocks that are paragraphs of running text.
pub fn shapes_paragraphs(rule: &str) -> bool {
    let Some(name) = rule
        .strip_prefix(CATEGORY)
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return false;
    };
    data()
        .iter()
        .any(|data| (data.paragraph_start || data.paragraph_end) && data.id == name)
}

/// Reads the rules of a data file, without compiling their patterns.
pub fn read(source: &str) -> Result<Vec<RuleData>, String> {
    let file: File = toml::from_str(source).map_err(|e| crate::config::one_line(&e.to_string()))?;
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = file.rule.iter().find(|data| !seen.insert(data.id.as_str())) {
        return Err(format!("rule {} is written twice", twice.rule_id()));
    }
    let lists = resolve_lists(&file.words)?;
    let mut rules = file.rule;
    for data in &mut rules {
        let id = data.rule_id();
        let guards = [
            &mut data.unless_before,
            &mut data.unless_after,
            &mut data.before_has,
            &mut data.before_lacks,
            &mut data.after_has,
            &mut data.after_lacks,
        ];
        let tokens = data.pattern.iter_mut().chain(guards.into_iter().flatten());
        for token in tokens {
            let fields = [
                &mut token.word,
                &mut token.not_word,
                &mut token.lemma,
                &mut token.phrase,
            ];
            for field in fields {
                expand_lists(field, &lists, &format!("rule {id}"))?;
            }
        }
    }
    Ok(rules)
}

/// The word lists with every `@name` among their alternatives replaced by that list's words,
/// so that a list can build on others (`"@group-nouns|none"`). A list that names itself,
/// directly or through others, is an error.
fn resolve_lists(
    lists: &std::collections::BTreeMap<String, String>,
) -> Result<std::collections::BTreeMap<String, String>, String> {
    fn resolve(
        name: &str,
        lists: &std::collections::BTreeMap<String, String>,
        resolved: &mut std::collections::BTreeMap<String, String>,
        open: &mut Vec<String>,
    ) -> Result<(), String> {
        if resolved.contains_key(name) {
            return Ok(());
        }
        if open.iter().any(|o| o == name) {
            return Err(format!(
                "word list @{name} names itself through other lists"
            ));
        }
        open.push(name.to_owned());
        let mut field = Some(lists[name].clone());
        for inner in lists[name].split('|').filter_map(|a| a.strip_prefix('@')) {
            if lists.contains_key(inner) {
                resolve(inner, lists, resolved, open)?;
            }
        }
        expand_lists(&mut field, resolved, &format!("word list @{name}"))?;
        open.pop();
        resolved.insert(name.to_owned(), field.expect("expand_lists keeps a list"));
        Ok(())
    }
    let mut resolved = std::collections::BTreeMap::new();
    for name in lists.keys() {
        resolve(name, lists, &mut resolved, &mut Vec::new())?;
    }
    Ok(resolved)
}

/// Replaces each `@name` among a field's alternatives with the word list `name`.
fn expand_lists(
    field: &mut Option<String>,
    lists: &std::collections::BTreeMap<String, String>,
    owner: &str,
) -> Result<(), String> {
    let Some(words) = field.as_deref().filter(|words| words.contains('@')) else {
        return Ok(());
    };
    let mut alternatives = Vec::new();
    for alternative in words.split('|') {
        let Some(name) = alternative.strip_prefix('@') else {
            alternatives.push(alternative);
            continue;
        };
        let Some(list) = lists.get(name) else {
            return Err(format!(
                "{owner} names the word list @{name}, which the file does not define"
            ));
        };
        alternatives.push(list);
    }
    *field = Some(alternatives.join("|"));
    Ok(())
}

/// Reads and compiles the rules of a data file.
pub fn parse(source: &str) -> Result<Vec<Rule>, String> {
    read(source)?.into_iter().map(Rule::compile).collect()
}

/// The built-in rules, compiled.
pub fn builtin() -> Vec<Rule> {
    data()
        .iter()
        .cloned()
        .map(Rule::compile)
        .collect::<Result<_, _>>()
        .expect("data/learner.toml is valid (checked by tests)")
}

/// Whether one of our rules runs: named ids first, then `--all-rules`, then the rule's own
/// default.
fn decide(rule: &Rule, selection: &RuleSelection) -> bool {
    selection
        .named(&rule.id)
        .unwrap_or(selection.all_rules || rule.data.default)
}

impl Learner {
    /// The built-in rules, each on or off as `selection` decides.
    pub fn load(selection: &RuleSelection) -> Learner {
        Learner::with(builtin(), selection)
    }

    /// The rules of another data file in place of `data/learner.toml`: the evaluation
    /// command measures a draft rule this way without a rebuild. Rules it adds have no
    /// explanation entry yet, so they are explained by the last-resort entry.
    pub fn from_source(source: &str, selection: &RuleSelection) -> Result<Learner, String> {
        Ok(Learner::with(parse(source)?, selection))
    }

    fn with(rules: Vec<Rule>, selection: &RuleSelection) -> Learner {
        Learner {
            rules: rules
                .into_iter()
                .map(|rule| {
                    let on = decide(&rule, selection);
                    (rule, on)
                })
                .collect(),
        }
    }

    /// Every rule and whether it runs.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.rules.iter().map(|(rule, on)| (rule.id.clone(), *on))
    }

    /// Findings in the analysed sentences of one paragraph, in rule order.
    pub fn check(&self, sentences: &[Sentence]) -> Vec<Finding> {
        let mut found = Vec::new();
        let each: Vec<Vec<&Token>> = sentences
            .iter()
            .map(|sentence| sentence.tokens().iter().collect())
            .collect();
        let all: Vec<&Token> = each.iter().flatten().copied().collect();
        let words: Vec<Words> = each.iter().map(|tokens| Words::of(tokens)).collect();
        for (rule, _) in self.rules.iter().filter(|(_, on)| *on) {
            if rule.data.across_sentences {
                if needs::allow_any(&words, &rule.needs) {
                    rule.find(&all, &mut found);
                }
            } else if rule.data.paragraph_start {
                if let Some(first) = each.first()
                    && words[0].allow(&rule.needs)
                {
                    rule.find(first, &mut found);
                }
            } else if rule.data.paragraph_end {
                if let Some(last) = each.last()
                    && words[each.len() - 1].allow(&rule.needs)
                {
                    rule.find(last, &mut found);
                }
            } else {
                for (tokens, words) in each.iter().zip(&words) {
                    if words.allow(&rule.needs) {
                        rule.find(tokens, &mut found);
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
        [[rule]]
        id = "X"
        explanation = "x"
        message = "{1} {2}"
        pattern = [{ word = "a" }, { pos = "NNS" }]
        flag = ["[a books]"]
        pass = ["a book"]
    "#;

    /// `ONE` with the word lists `lists` and `not-word = "{not_word}"` on its plural noun.
    fn with_lists(lists: &str, not_word: &str) -> String {
        let token = format!(r#"{{ pos = "NNS", not-word = "{not_word}" }}"#);
        format!(
            "[words]\n{lists}\n{}",
            ONE.replace(r#"{ pos = "NNS" }"#, &token)
        )
    }

    /// The `not-word` of the second pattern token of the only rule in `source`.
    fn second_not_word(source: &str) -> String {
        let rules = parse(source).unwrap();
        rules[0].data.pattern[1].not_word.clone().unwrap()
    }

    #[test]
    fn the_data_file_compiles() {
        let rules = parse(SOURCE).unwrap();
        assert!(rules.len() >= 5);
        assert!(rules.iter().all(|rule| !rule.data.flag.is_empty()));
    }

    #[test]
    fn a_named_word_list_stands_for_its_words() {
        let named = format!(
            "[words]\narticles = \"a|the\"\n{}",
            ONE.replace(r#"word = "a""#, r#"word = "@articles""#)
        );
        let rules = parse(&named).unwrap();
        assert_eq!(rules[0].data.pattern[0].word.as_deref(), Some("a|the"));
        assert_eq!(
            rules[0].needs,
            Some(vec!["a".to_string(), "the".to_string()])
        );
        let excluded = with_lists("plain = \"books|pens\"", "@plain");
        assert_eq!(second_not_word(&excluded), "books|pens");
        let joined = with_lists(
            "articles = \"a|the\"\nplain = \"books|pens\"",
            "@plain|cups|@articles",
        );
        assert_eq!(second_not_word(&joined), "books|pens|cups|a|the");
        let guarded = format!(
            "[words]\narticles = \"a|the\"\ngive = \"give|send\"\n{}",
            ONE.replace(
                "pass = ",
                "unless-before = { lemma = \"@give|lend\" }\n\
                 unless-after = { not-word = \"@articles\" }\npass = "
            )
        );
        let rules = parse(&guarded).unwrap();
        let data = &rules[0].data;
        assert_eq!(
            data.unless_before.as_ref().unwrap().lemma.as_deref(),
            Some("give|send|lend")
        );
        assert_eq!(
            data.unless_after.as_ref().unwrap().not_word.as_deref(),
            Some("a|the")
        );
        let unknown_guard = ONE.replace("pass = ", "after-has = { word = \"@nouns\" }\npass = ");
        assert!(
            parse(&unknown_guard)
                .unwrap_err()
                .contains("rule OWNVOICE/X names the word list @nouns")
        );
        let unknown = ONE.replace(r#"word = "a""#, r#"word = "@articles""#);
        assert!(
            parse(&unknown)
                .unwrap_err()
                .contains("rule OWNVOICE/X names the word list @articles")
        );
    }

    #[test]
    fn a_word_list_can_hold_phrases() {
        let named = format!(
            "[words]\nissues = \"climate change|public transport\"\n{}",
            ONE.replace(
                r#"{ pos = "NNS" }"#,
                r#"{ phrase = "@issues|road safety" }"#
            )
            .replace("[a books]", "[a climate change]")
            .replace("a book\"", "a change\"")
        );
        let rules = parse(&named).unwrap();
        assert_eq!(
            rules[0].data.pattern[1].phrase.as_deref(),
            Some("climate change|public transport|road safety")
        );
        assert_eq!(rules[0].pattern[1].phrases.len(), 3);
    }

    #[test]
    fn a_word_list_can_name_other_lists() {
        let nested = with_lists(
            "all = \"@people|@things|none\"\npeople = \"team|staff\"\n\
             things = \"@kinds|set\"\nkinds = \"kind|sort\"",
            "@all",
        );
        assert_eq!(second_not_word(&nested), "team|staff|kind|sort|set|none");
        let cycle = with_lists("a = \"x|@b\"\nb = \"@a|y\"", "@a");
        assert!(
            parse(&cycle)
                .unwrap_err()
                .contains("names itself through other lists")
        );
        let undefined = format!("[words]\na = \"x|@nouns\"\n{ONE}");
        assert!(
            parse(&undefined)
                .unwrap_err()
                .contains("word list @a names the word list @nouns")
        );
    }

    #[test]
    fn bad_rules_are_errors_naming_the_rule() {
        assert!(parse(ONE).is_ok());
        let twice = format!("{ONE}\n{ONE}");
        assert!(
            parse(&twice)
                .unwrap_err()
                .contains("OWNVOICE/X is written twice")
        );
        let bad_regex = ONE.replace(r#"word = "a""#, r#"word = "(a""#);
        assert!(
            parse(&bad_regex)
                .unwrap_err()
                .starts_with("rule OWNVOICE/X:")
        );
        let bad_mark = ONE.replace("pass =", "mark = [1, 3]\npass =");
        assert!(parse(&bad_mark).unwrap_err().contains("mark"));
        let phrase = ONE.replace("pass =", "before-lacks = { phrase = \"if you\" }\npass =");
        assert!(
            parse(&phrase)
                .unwrap_err()
                .contains("a phrase cannot describe one token")
        );
        let all_optional = ONE.replace(
            r#"pattern = [{ word = "a" }, { pos = "NNS" }]"#,
            r#"pattern = [{ word = "a", optional = true }]"#,
        );
        assert!(parse(&all_optional).unwrap_err().contains("every token"));
        let optional_after = ONE.replace(
            "pass =",
            "after-lacks = { word = \"x\", optional = true }\npass =",
        );
        assert!(
            parse(&optional_after)
                .unwrap_err()
                .contains("only a token of the pattern")
        );
        let typo = ONE.replace("pos =", "pso =");
        assert!(parse(&typo).is_err());
        let broken = parse("x").unwrap_err();
        assert!(
            !broken.contains('\n') && broken.contains("line 1"),
            "one line with the place: {broken}"
        );
    }
}
