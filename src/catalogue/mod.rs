//! Our explanations of grammar points, loaded once from `data/explanations.toml` (built into
//! the binary), and the choice of the lesson a learner reads for a finding: by its rule id
//! (`data/explanations.toml`, `data/learner.toml`), then refined by the words it flagged and
//! their sentence (`data/lessons.toml`, see [`refine`]).
//!
//! The catalogue is text we wrote and review like code; the tests in `tests/catalogue.rs`
//! check that it parses, that every rule maps to an entry, and that each entry's own
//! incorrect/correct example pairs behave as they say with the real engine. Lessons are
//! data: no code here knows a grammar point.

pub mod refine;

use std::collections::{BTreeSet, HashMap};

use lazy_static::lazy_static;
use serde::Deserialize;

use crate::sentence::words;
pub use refine::{Context, Refinement};

/// The explanations file, as written in `data/`.
pub const SOURCE: &str = include_str!("../../data/explanations.toml");

/// The kinds of mistake an entry can be about, as shown in reports.
pub const CATEGORIES: [&str; 7] = [
    "grammar",
    "spelling",
    "word-choice",
    "capitalisation",
    "punctuation",
    "style",
    "typography",
];

/// The entry used when nothing else matches (it must exist; a test checks).
pub const LAST_RESORT: &str = "grammar-other";

/// One grammar point, explained for a learner.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Explanation {
    /// Stable kebab-case id, as in `ownvoice explain ID`.
    pub id: String,
    /// Short title of the grammar point.
    pub title: String,
    /// What kind of mistake it is, one of [`CATEGORIES`].
    pub category: String,
    /// Two to four plain sentences about the rule.
    pub explanation: String,
    /// The grammar question a writer asks to find the fix alone ("Which time is this
    /// sentence about?"): the rung between the kind of mistake and the lesson in `learn`.
    #[serde(default)]
    pub question: String,
    /// An example sentence with the mistake.
    pub incorrect: String,
    /// The same sentence without it.
    pub correct: String,
    /// More example pairs, so that the one shown can be unlike the writer's own sentence.
    #[serde(default)]
    pub examples: Vec<Pair>,
    /// Engine rules explained by this entry: nlprule groups (`CATEGORY/GROUP`) or whole
    /// categories (`CATEGORY`).
    #[serde(default)]
    pub rules: Vec<String>,
    /// A generic entry for rules we do not explain specifically; such rules are never on by
    /// default.
    #[serde(default)]
    pub fallback: bool,
    /// Ids of entries about neighbouring grammar points, for the full lesson.
    #[serde(default)]
    pub related: Vec<String>,
}

/// An example sentence with the mistake and the same sentence without it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub incorrect: String,
    pub correct: String,
}

impl Explanation {
    /// Every example pair, the first (`incorrect`, `correct`) first.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        std::iter::once((self.incorrect.as_str(), self.correct.as_str()))
            .chain(
                self.examples
                    .iter()
                    .map(|pair| (pair.incorrect.as_str(), pair.correct.as_str())),
            )
            .collect()
    }

    /// The example pair to show beside `sentence`: the one that shares the fewest distinct
    /// words with it (the first of those that tie), so that the correct example never hands
    /// the writer their own sentence with the fix applied.
    pub fn pair_for(&self, sentence: &str) -> (&str, &str) {
        let theirs: BTreeSet<String> = words(sentence).into_iter().collect();
        let shared = |(incorrect, correct): &(&str, &str)| {
            let ours: BTreeSet<String> =
                words(incorrect).into_iter().chain(words(correct)).collect();
            ours.intersection(&theirs).count()
        };
        let pairs = self.pairs();
        let mut best = pairs[0];
        for pair in &pairs[1..] {
            if shared(pair) < shared(&best) {
                best = *pair;
            }
        }
        best
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Vec<Explanation>,
}

/// All explanations, the index from rule ids to them, and the refinements that choose a
/// more specific lesson from a finding's words.
#[derive(Debug)]
pub struct Catalogue {
    pub entries: Vec<Explanation>,
    by_rule: HashMap<String, usize>,
    pub refinements: Vec<Refinement>,
}

lazy_static! {
    static ref CATALOGUE: Catalogue = {
        let mut catalogue =
            Catalogue::parse(SOURCE).expect("data/explanations.toml is valid (checked by tests)");
        for rule in crate::engine::learner::data() {
            catalogue
                .map(&rule.rule_id(), &rule.explanation)
                .expect("data/learner.toml names known entries (checked by tests)");
        }
        catalogue
            .refine(refine::SOURCE)
            .expect("data/lessons.toml is valid (checked by tests)");
        catalogue
    };
}

/// The catalogue built into the binary.
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

impl Catalogue {
    /// Parses a catalogue; an error names what is wrong (TOML syntax, duplicate ids or rule
    /// mappings, a missing last-resort entry).
    pub fn parse(source: &str) -> Result<Catalogue, String> {
        let file: File = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut by_rule = HashMap::new();
        let mut ids = HashMap::new();
        for (i, entry) in file.entry.iter().enumerate() {
            if ids.insert(entry.id.as_str(), i).is_some() {
                return Err(format!("duplicate entry id '{}'", entry.id));
            }
            for rule in &entry.rules {
                if let Some(other) = by_rule.insert(rule.clone(), i) {
                    return Err(format!(
                        "rule '{rule}' is mapped twice, to '{}' and '{}'",
                        file.entry[other].id, entry.id
                    ));
                }
            }
        }
        for entry in &file.entry {
            if let Some(unknown) = entry
                .related
                .iter()
                .find(|id| !ids.contains_key(id.as_str()))
            {
                return Err(format!(
                    "entry '{}' relates to unknown entry '{unknown}'",
                    entry.id
                ));
            }
        }
        if !ids.contains_key(LAST_RESORT) {
            return Err(format!("no entry '{LAST_RESORT}'"));
        }
        Ok(Catalogue {
            entries: file.entry,
            by_rule,
            refinements: Vec::new(),
        })
    }

    /// Adds the refinements of a lessons file (`data/lessons.toml`); an unknown entry or a
    /// pattern that does not compile is an error naming it.
    pub fn refine(&mut self, source: &str) -> Result<(), String> {
        let refinements = refine::parse(source)?;
        for refinement in &refinements {
            for id in refinement.entries() {
                if self.entry(id).is_none() {
                    return Err(format!("{}: unknown entry '{id}'", refinement.name()));
                }
            }
        }
        self.refinements.extend(refinements);
        Ok(())
    }

    /// The lesson for a finding of `rule` on `context`'s words: the entry the rule maps to,
    /// unless a refinement speaks of these words (the first one that does, in file order).
    pub fn lesson(&self, rule: &str, context: &Context) -> &Explanation {
        let mapped = self.explain(rule);
        self.refinements
            .iter()
            .find(|refinement| refinement.applies(rule, &mapped.id, context))
            .and_then(|refinement| self.entry(&refinement.lesson))
            .unwrap_or(mapped)
    }

    /// Maps one more rule to an entry (rules whose data names their explanation, such as
    /// ownvoice's own); an unknown entry or a rule already mapped is an error.
    pub fn map(&mut self, rule: &str, entry: &str) -> Result<(), String> {
        let i = self
            .entries
            .iter()
            .position(|e| e.id == entry)
            .ok_or_else(|| format!("rule '{rule}' names unknown entry '{entry}'"))?;
        if let Some(&other) = self.by_rule.get(rule) {
            return Err(format!(
                "rule '{rule}' is mapped twice, to '{}' and '{entry}'",
                self.entries[other].id
            ));
        }
        self.by_rule.insert(rule.to_string(), i);
        Ok(())
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Explanation> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// The entry that maps this rule: by its group id (`CATEGORY/GROUP`) first, then by its
    /// category. `None` if neither is mapped.
    pub fn mapped(&self, rule: &str) -> Option<&Explanation> {
        let category = rule.split('/').next().unwrap_or(rule);
        self.by_rule
            .get(rule)
            .or_else(|| self.by_rule.get(category))
            .map(|&i| &self.entries[i])
    }

    /// The entry that maps exactly this rule id (a group, or a whole category), if any.
    pub fn mapped_exactly(&self, rule: &str) -> Option<&Explanation> {
        self.by_rule.get(rule).map(|&i| &self.entries[i])
    }

    /// The rule id mapped in the catalogue that equals `rule` but for letter case, and its
    /// entry.
    pub fn mapped_ignoring_case(&self, rule: &str) -> Option<(String, &Explanation)> {
        self.by_rule
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(rule))
            .map(|(id, &i)| (id.clone(), &self.entries[i]))
    }

    /// The explanation a learner reads for this rule; the generic last-resort entry when the
    /// rule is not mapped at all (tests make sure every known rule is).
    pub fn explain(&self, rule: &str) -> &Explanation {
        self.mapped(rule)
            .or_else(|| self.entry(LAST_RESORT))
            .expect("parse checks that the last-resort entry exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
        [[entry]]
        id = "grammar-other"
        title = "Grammar"
        category = "grammar"
        explanation = "Something."
        incorrect = "a"
        correct = "b"
        rules = ["GRAMMAR"]
        fallback = true

        [[entry]]
        id = "he-needs"
        title = "Third person"
        category = "grammar"
        explanation = "Something else."
        incorrect = "He need it."
        correct = "He needs it."
        rules = ["GRAMMAR/HE_NEED"]
    "#;

    #[test]
    fn groups_win_over_categories() {
        let catalogue = Catalogue::parse(SMALL).unwrap();
        assert_eq!(catalogue.explain("GRAMMAR/HE_NEED").id, "he-needs");
        assert_eq!(catalogue.explain("GRAMMAR/OTHER").id, "grammar-other");
        assert!(catalogue.mapped("STYLE/X").is_none());
        assert_eq!(catalogue.explain("STYLE/X").id, "grammar-other");
    }

    #[test]
    fn a_rule_mapped_twice_is_an_error() {
        let twice = SMALL.replace(r#"["GRAMMAR/HE_NEED"]"#, r#"["GRAMMAR"]"#);
        let error = Catalogue::parse(&twice).unwrap_err();
        assert!(error.contains("mapped twice"), "{error}");
    }

    #[test]
    fn related_ids_must_exist() {
        let dangling = SMALL.replace("fallback = true", "fallback = true\nrelated = [\"nope\"]");
        let error = Catalogue::parse(&dangling).unwrap_err();
        assert!(error.contains("'nope'"), "{error}");
        let fine = SMALL.replace(
            "fallback = true",
            "fallback = true\nrelated = [\"he-needs\"]",
        );
        assert_eq!(
            Catalogue::parse(&fine).unwrap().entries[0].related,
            ["he-needs"]
        );
    }

    #[test]
    fn unknown_keys_are_an_error() {
        let typo = SMALL.replace("fallback = true", "fallbak = true");
        assert!(Catalogue::parse(&typo).is_err());
    }
}
