//! Refinements: a more specific lesson for a finding, chosen from the words it flagged and
//! their sentence. A rule names one entry, but one rule can flag mistakes that a learner
//! fixes by different grammar: "we was" (agreement in the past) and "she like" (the present
//! -s) come from the same agreement rules; "went to home" and "did a mistake" from one
//! collocation rule. The file `data/lessons.toml` says, in order, which findings read which
//! lesson instead; the first refinement that applies wins.
//!
//! A refinement names the findings it may change (by the entry their rule maps to, `from`,
//! or by rule id, `rules`) and what must hold, each a regular expression searched in any
//! letter case: `words` in the flagged words, `before` in the sentence before them (anchor
//! it with `$` to mean "right before"), `sentence` in the whole sentence, and `unless`, which
//! must not be found in the whole sentence ("since last year" asks for another tense than
//! "last year" alone). Patterns are data
//! like the lessons themselves; this code knows no grammar point.

use regex::Regex;
use serde::Deserialize;

use crate::sentence;
use crate::span::Span;

/// The lessons file, as written in `data/`.
pub const SOURCE: &str = include_str!("../../data/lessons.toml");

/// What a finding flagged, in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context<'t> {
    /// The flagged words.
    pub words: &'t str,
    /// The sentence from its start up to the flagged words.
    pub before: &'t str,
    /// The whole sentence.
    pub sentence: &'t str,
}

impl<'t> Context<'t> {
    /// The context of `span` in `text` (a paragraph, or any text whose sentences are
    /// complete).
    pub fn of(text: &'t str, span: &Span) -> Context<'t> {
        let span = span.start.min(text.len())..span.end.min(text.len());
        let sentence = sentence::around(text, 0..text.len(), &span);
        Context {
            words: &text[span.clone()],
            before: &text[sentence.start..span.start.max(sentence.start)],
            sentence: &text[sentence],
        }
    }

    /// A context with no sentence around the words (for rules alone).
    pub fn bare(words: &'t str) -> Context<'t> {
        Context {
            words,
            before: "",
            sentence: words,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    refine: Vec<Data>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Data {
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    rules: Vec<String>,
    words: Option<String>,
    before: Option<String>,
    sentence: Option<String>,
    unless: Option<String>,
    lesson: String,
}

/// One refinement, compiled.
#[derive(Debug)]
pub struct Refinement {
    /// Entry ids whose findings it may refine.
    pub from: Vec<String>,
    /// Rule ids (groups, `CATEGORY/GROUP`) whose findings it may refine.
    pub rules: Vec<String>,
    words: Option<Regex>,
    before: Option<Regex>,
    sentence: Option<Regex>,
    unless: Option<Regex>,
    /// The entry id of the lesson it chooses.
    pub lesson: String,
}

impl Refinement {
    /// A short name for error messages.
    pub fn name(&self) -> String {
        format!("refinement to '{}'", self.lesson)
    }

    /// The entry ids it names (`from` and `lesson`).
    pub fn entries(&self) -> impl Iterator<Item = &str> {
        self.from
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.lesson.as_str()))
    }

    /// Whether it applies to a finding of `rule`, mapped to entry `mapped`, on `context`.
    pub fn applies(&self, rule: &str, mapped: &str, context: &Context) -> bool {
        let named = self.from.iter().any(|id| id == mapped)
            || self
                .rules
                .iter()
                .any(|id| id == rule || rule.starts_with(&format!("{id}/")));
        let holds = |pattern: &Option<Regex>, text: &str| {
            pattern.as_ref().is_none_or(|re| re.is_match(text))
        };
        named
            && holds(&self.words, context.words)
            && holds(&self.before, context.before)
            && holds(&self.sentence, context.sentence)
            && self
                .unless
                .as_ref()
                .is_none_or(|re| !re.is_match(context.sentence))
    }
}

/// Reads and compiles a lessons file.
pub fn parse(source: &str) -> Result<Vec<Refinement>, String> {
    let file: File = toml::from_str(source).map_err(|e| crate::config::one_line(&e.to_string()))?;
    file.refine
        .into_iter()
        .map(|data| {
            let name = format!("refinement to '{}'", data.lesson);
            if data.from.is_empty() && data.rules.is_empty() {
                return Err(format!("{name}: it needs `from` or `rules`"));
            }
            if data.words.is_none() && data.before.is_none() && data.sentence.is_none() {
                return Err(format!(
                    "{name}: it needs `words`, `before` or `sentence` (a rule alone is mapped \
                     in data/explanations.toml)"
                ));
            }
            let compile = |pattern: &Option<String>| {
                pattern
                    .as_ref()
                    .map(|p| Regex::new(&format!("(?i){p}")).map_err(|e| format!("{name}: {e}")))
                    .transpose()
            };
            Ok(Refinement {
                words: compile(&data.words)?,
                before: compile(&data.before)?,
                sentence: compile(&data.sentence)?,
                unless: compile(&data.unless)?,
                from: data.from,
                rules: data.rules,
                lesson: data.lesson,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
        [[refine]]
        from = ["agreement"]
        words = '\b(was|were)\b'
        lesson = "was-were"

        [[refine]]
        rules = ["GRAMMAR/HAVE_PART"]
        sentence = '\byesterday\b'
        before = '\bhave\s+$'
        lesson = "past-time"
    "#;

    #[test]
    fn a_refinement_needs_its_findings_and_every_condition() {
        let refinements = parse(ONE).unwrap();
        let text = "Yesterday my parents was tired, so I have went home.";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            Context::of(text, &(start..start + word.len()))
        };
        let was = at("was");
        assert!(refinements[0].applies("GRAMMAR/X", "agreement", &was));
        assert!(!refinements[0].applies("GRAMMAR/X", "articles", &was));
        assert!(!refinements[0].applies("GRAMMAR/X", "agreement", &at("tired")));
        let went = at("went");
        assert_eq!(went.before, "Yesterday my parents was tired, so I have ");
        assert!(refinements[1].applies("GRAMMAR/HAVE_PART", "any", &went));
        assert!(refinements[1].applies("GRAMMAR/HAVE_PART/2", "any", &went));
        assert!(!refinements[1].applies("GRAMMAR/HAVE_PARTS", "any", &went));
        assert!(!refinements[1].applies("GRAMMAR/HAVE_PART", "any", &at("home")));
    }

    #[test]
    fn unless_keeps_a_refinement_off_a_sentence() {
        let refinements = parse(
            r#"
            [[refine]]
            from = ["agreement"]
            sentence = '\blast\s+year\b'
            unless = '\bsince\b'
            lesson = "past-time"
            "#,
        )
        .unwrap();
        let at = |text: &'static str, word: &str| {
            let start = text.find(word).unwrap();
            Context::of(text, &(start..start + word.len()))
        };
        let past = at("Last year he travel to Japan.", "travel");
        assert!(refinements[0].applies("GRAMMAR/X", "agreement", &past));
        let since = at("Since last year he work in a bank.", "work");
        assert!(!refinements[0].applies("GRAMMAR/X", "agreement", &since));
        let other = at(
            "Last year he travel to Japan. Since then he work.",
            "travel",
        );
        assert_eq!(other.sentence, "Last year he travel to Japan.");
        assert!(
            refinements[0].applies("GRAMMAR/X", "agreement", &other),
            "only the finding's own sentence counts"
        );
    }

    #[test]
    fn bad_refinements_are_errors_naming_them() {
        let no_findings = ONE.replace(r#"from = ["agreement"]"#, "");
        assert!(
            parse(&no_findings)
                .unwrap_err()
                .contains("`from` or `rules`")
        );
        let no_condition = ONE.replace(r#"words = '\b(was|were)\b'"#, "");
        assert!(parse(&no_condition).unwrap_err().contains("needs `words`"));
        let bad = ONE.replace(r#"'\b(was|were)\b'"#, "'(was'");
        assert!(
            parse(&bad)
                .unwrap_err()
                .starts_with("refinement to 'was-were':")
        );
        assert!(parse("[[refine]]\nlessn = 1").is_err());
    }
}
