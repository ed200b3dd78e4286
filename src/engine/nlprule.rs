//! The nlprule engine: LanguageTool's English XML rules, run by the `nlprule` crate over data
//! that `build.rs` verified and that is built into the binary.
//!
//! Rule ids: nlprule numbers the rules inside a group (`GRAMMAR/HE_NEED/0`); ownvoice names a
//! rule by its group (`GRAMMAR/HE_NEED`), which is stable across data versions. Users may
//! enable or disable a whole category (`STYLE`), a group, or one numbered rule.
//!
//! Which rules run by default is data: `data/rules.toml` lists the categories that are on and
//! the groups inside them that stay off, each with the reason.
//!
//! A sentence runs only the rules that could match it ([`rule_set`], [`index`]): most
//! LanguageTool patterns need a word the sentence lacks, and the rest cost nothing.

mod index;
mod needs;
mod rule_set;
mod shape;
mod words;

use std::panic::{self, AssertUnwindSafe};

use nlprule::{Rules, Tokenizer};
use rule_set::RuleSet;

use super::learner::Learner;
use super::signal::Signal;
use super::{Checker, Defaults, EngineError, Finding, RuleId, RuleSelection, panic_message};

static TOKENIZER_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_tokenizer.bin"));
static RULES_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_rules.bin"));

/// Whether a rule runs. `on_upstream` says whether LanguageTool itself enables it.
pub fn decide(
    id: &RuleId,
    on_upstream: bool,
    defaults: &Defaults,
    selection: &RuleSelection,
) -> bool {
    if let Some(on) = selection.named(id) {
        return on;
    }
    if !on_upstream {
        return false;
    }
    selection.all_rules
        || (defaults.default_categories.contains(&id.category)
            && !defaults.off.contains_key(&id.group)
            && !defaults.off.contains_key(&id.index))
        || defaults.nlprule_on.contains(&id.group)
}

/// LanguageTool's rules from the built-in data, each enabled or disabled as `selection` and
/// `defaults` decide.
fn chosen_rules(selection: &RuleSelection, defaults: &Defaults) -> Result<Rules, EngineError> {
    let mut rules =
        Rules::from_reader(RULES_BYTES).map_err(|e| EngineError::Load(e.to_string()))?;
    for rule in rules.rules_mut() {
        let id = RuleId::parse(&rule.id().to_string());
        if decide(&id, rule.enabled(), defaults, selection) {
            rule.enable();
        } else {
            rule.disable();
        }
    }
    Ok(rules)
}

/// The loaded engine, with ownvoice's own rules and the statistical signal, which run over
/// the same analysis of each sentence.
pub struct Nlprule {
    tokenizer: Tokenizer,
    rules: RuleSet,
    learner: Learner,
    signal: Signal,
}

impl Nlprule {
    /// Loads the built-in data and turns on the rules `selection` asks for (selectors are
    /// checked against every engine's rules by [`super::Engines::load`]).
    pub fn load(selection: &RuleSelection, defaults: &Defaults) -> Result<Nlprule, EngineError> {
        // The rules are split and indexed while the tokenizer loads.
        let (tokenizer, rules) = std::thread::scope(|scope| {
            let tokenizer = scope.spawn(|| Tokenizer::from_reader(TOKENIZER_BYTES));
            let rules = chosen_rules(selection, defaults).map(RuleSet::new);
            (tokenizer.join(), rules)
        });
        let tokenizer = tokenizer
            .map_err(|_| EngineError::Load("the tokenizer data could not be read".into()))?
            .map_err(|e| EngineError::Load(e.to_string()))?;
        Ok(Nlprule {
            tokenizer,
            rules: rules?,
            learner: Learner::load(selection),
            signal: Signal::load(selection).map_err(EngineError::Load)?,
        })
    }

    /// The tokenizer, tagger and chunker every rule of ours reads (the signal's training
    /// program analyses its text with it, so that features match those seen when checking).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Runs these rules of ours in place of the built-in ones.
    pub fn set_learner(&mut self, learner: Learner) {
        self.learner = learner;
    }

    /// Whether a word is in LanguageTool's English tagger dictionary, exactly as written (no
    /// guessing from its parts).
    pub fn lexicon(&self) -> super::harper::Lexicon {
        let tagger = self.tokenizer.tagger().clone();
        std::sync::Arc::new(move |word: &str| {
            tagger
                .get_tags_with_options(word, Some(false), Some(false))
                .len()
                > 0
        })
    }

    /// Whether a word, exactly as written, has this part-of-speech tag (Penn: `VBD`) in
    /// LanguageTool's English tagger dictionary.
    pub fn tagged(&self, tag: &'static str) -> super::harper::Lexicon {
        self.tagged_any(&[tag], &[])
    }

    /// Whether a word, exactly as written, has one of `tags` and none of `not_tags` in
    /// LanguageTool's English tagger dictionary.
    pub fn tagged_any(
        &self,
        tags: &[&'static str],
        not_tags: &[&'static str],
    ) -> super::harper::Lexicon {
        let tagger = self.tokenizer.tagger().clone();
        let (tags, not_tags) = (tags.to_vec(), not_tags.to_vec());
        std::sync::Arc::new(move |word: &str| {
            let found: Vec<&str> = tagger
                .get_tags_with_options(word, Some(false), Some(false))
                .map(|data| data.pos().as_str())
                .collect();
            found.iter().any(|pos| tags.contains(pos))
                && !found.iter().any(|pos| not_tags.contains(pos))
        })
    }

    /// How the engine analyses a text, for people writing rules: per sentence, one line per
    /// token with its word, its tags (`POS/lemma`) and its chunks.
    pub fn analyse(&self, text: &str) -> Vec<Vec<String>> {
        self.tokenizer
            .pipe(text)
            .map(|sentence| {
                sentence
                    .tokens()
                    .iter()
                    .map(|token| {
                        let tags: Vec<String> = token
                            .word()
                            .tags()
                            .iter()
                            .map(|data| {
                                format!("{}/{}", data.pos().as_str(), data.lemma().as_str())
                            })
                            .collect();
                        format!(
                            "{:?} {} {}",
                            token.word().text().as_str(),
                            tags.join(" "),
                            token.chunks().join(",")
                        )
                    })
                    .collect()
            })
            .collect()
    }

    /// Every rule, ours included: its id and whether it runs with the selection this engine
    /// was loaded with.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.rules
            .rules()
            .map(|rule| (RuleId::parse(&rule.id().to_string()), rule.enabled()))
            .chain(self.learner.rules())
            .chain(self.signal.rules())
    }
}

/// What the rule index saves on a text: its sentences, the rules enabled, and the rules its
/// sentences ran in all (each sentence runs only the rules that could match it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Visits {
    pub sentences: usize,
    pub enabled: usize,
    pub visited: usize,
}

impl Nlprule {
    /// How many rules the sentences of `text` run, for measuring the rule index.
    pub fn visits(&self, text: &str) -> Visits {
        let mut visits = Visits {
            enabled: self.rules.rules().filter(|rule| rule.enabled()).count(),
            ..Visits::default()
        };
        if text.is_empty() {
            return visits;
        }
        for sentence in self.tokenizer.pipe(text) {
            visits.sentences += 1;
            visits.visited += self.rules.visits(&sentence).1;
        }
        visits
    }

    /// Runs LanguageTool's own example sentences of every rule that is on, and returns the
    /// ids of the rules whose examples do not behave as their authors wrote (for tests: they
    /// show that the data and the regex engine work together as intended).
    pub fn failing_upstream_examples(&self) -> Vec<String> {
        self.rules
            .rules()
            .filter(|rule| rule.enabled() && !rule.test(&self.tokenizer))
            .map(|rule| rule.id().to_string())
            .collect()
    }
}

impl Checker for Nlprule {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        // nlprule is third-party code run on arbitrary text: a panic inside it must cost one
        // paragraph, not the whole run.
        // Each sentence is analysed once, for LanguageTool's rules and ours.
        let findings = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut findings = Vec::new();
            if text.is_empty() {
                return findings;
            }
            let sentences: Vec<_> = self.tokenizer.pipe(text).collect();
            for sentence in &sentences {
                findings.extend(self.rules.apply(sentence).into_iter().map(|s| Finding {
                    rule: RuleId::parse(s.source()).group,
                    span: s.span().byte().clone(),
                    message: s.message().to_string(),
                    replacements: s.replacements().to_vec(),
                }));
            }
            findings.extend(self.learner.check(&sentences));
            findings.extend(self.signal.check(&sentences));
            findings
        }))
        .map_err(|payload| EngineError::Failed(panic_message(payload.as_ref())))?;
        Ok(findings
            .into_iter()
            .filter(|f| f.span.end <= text.len() && f.span.start < f.span.end)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Defaults {
        Defaults::parse(
            r#"
            default-categories = ["GRAMMAR"]
            nlprule-on = ["TYPOGRAPHY/MISSING_APOSTROPHE"]
            [off]
            "GRAMMAR/NOISY" = "too many false alarms"
            "#,
        )
        .unwrap()
    }

    #[test]
    fn rule_ids_split_into_category_group_and_index() {
        let id = RuleId::parse("GRAMMAR/HE_NEED/0");
        assert_eq!(id.category, "GRAMMAR");
        assert_eq!(id.group, "GRAMMAR/HE_NEED");
        assert!(id.matches("grammar/he_need"));
        assert!(id.matches("GRAMMAR/HE_NEED/0"));
        assert!(!id.matches("GRAMMAR/HE_NEED/1"));
        assert!(!id.matches("GRAMMAR/HE"));
    }

    #[test]
    fn defaults_then_enable_then_disable() {
        let defaults = defaults();
        let plain = RuleSelection::default();
        let he_need = RuleId::parse("GRAMMAR/HE_NEED/0");
        let noisy = RuleId::parse("GRAMMAR/NOISY/3");
        let style = RuleId::parse("STYLE/WORDY/0");
        assert!(decide(&he_need, true, &defaults, &plain));
        assert!(!decide(&he_need, false, &defaults, &plain), "off upstream");
        assert!(!decide(&noisy, true, &defaults, &plain));
        assert!(!decide(&style, true, &defaults, &plain));
        let apostrophe = RuleId::parse("TYPOGRAPHY/MISSING_APOSTROPHE/1");
        let dashes = RuleId::parse("TYPOGRAPHY/DASH_RULE/0");
        assert!(decide(&apostrophe, true, &defaults, &plain), "chosen alone");
        assert!(
            !decide(&dashes, true, &defaults, &plain),
            "its category stays off"
        );

        let all = RuleSelection {
            all_rules: true,
            ..Default::default()
        };
        assert!(decide(&noisy, true, &defaults, &all));
        assert!(decide(&style, true, &defaults, &all));
        assert!(
            !decide(&style, false, &defaults, &all),
            "upstream-off needs --enable"
        );

        let chosen = RuleSelection {
            all_rules: false,
            enable: vec!["STYLE".into(), "GRAMMAR/HE_NEED".into()],
            disable: vec!["grammar/he_need".into()],
            dialect: None,
        };
        assert!(decide(&style, false, &defaults, &chosen));
        assert!(!decide(&he_need, true, &defaults, &chosen), "disable wins");
    }
}
