//! Grammar engines behind one trait, and the choice of which of their rules run.
//!
//! An engine looks at one piece of prose (a paragraph) and returns [`Finding`]s whose spans
//! are byte offsets into that piece; the caller shifts them into the original text. Engines
//! never print and never change the text; an engine's suggested replacements travel with the
//! finding but are shown only where the user asks for them.

pub mod bounded;
pub mod harper;
pub mod learner;
pub mod nlprule;
pub mod signal;

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

use crate::similar::closest;
use crate::span::Span;
use harper::Harper;
use nlprule::Nlprule;

/// One thing an engine flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id, the same in config, output, catalogue and tests (for nlprule the rule
    /// group, `CATEGORY/GROUP`).
    pub rule: String,
    /// Byte span into the text given to [`Checker::check`].
    pub span: Span,
    /// The engine's own message. It often names the replacement ("Did you mean does?"), so it
    /// is shown only with `--reveal`.
    pub message: String,
    /// The engine's suggested replacements, best first.
    pub replacements: Vec<String>,
}

/// Something that finds likely grammar mistakes in a piece of prose.
pub trait Checker: Send + Sync {
    /// Findings in `text`, ordered by position. An `Err` means the engine failed on this text
    /// (it is then reported, and the other pieces are still checked).
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError>;
}

/// Which rules run: the defaults, or every rule, adjusted by rule ids the user names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Run every rule the engine's authors enable, style and typography included.
    pub all_rules: bool,
    /// Rule ids (or categories) to turn on in addition.
    pub enable: Vec<String>,
    /// Rule ids (or categories) to turn off; wins over `enable`.
    pub disable: Vec<String>,
    /// Accept only this variety's spellings; by default every variety's are accepted.
    pub dialect: Option<Variety>,
}

impl RuleSelection {
    /// What the rule ids the user named say about a rule: `Some(false)` when a disabled id
    /// names it (this wins), `Some(true)` when an enabled one does, `None` when none does.
    pub fn named(&self, id: &RuleId) -> Option<bool> {
        if self.disable.iter().any(|s| id.matches(s)) {
            Some(false)
        } else if self.enable.iter().any(|s| id.matches(s)) {
            Some(true)
        } else {
            None
        }
    }
}

/// A variety of English whose spelling the writer follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Variety {
    /// American English (color, center).
    Us,
    /// British English (colour, centre).
    Gb,
    /// Australian English.
    Au,
    /// Canadian English.
    Ca,
}

#[derive(Debug, Error)]
pub enum EngineError {
    #[error("cannot load the grammar rules: {0}")]
    Load(String),
    #[error("unknown rule id '{given}'{}", closest_hint(.closest))]
    UnknownRule {
        given: String,
        closest: Option<String>,
    },
    #[error("the grammar engine failed on this text ({0}); it was not checked")]
    Failed(String),
}

fn closest_hint(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|id| format!(" (did you mean '{id}'?)"))
        .unwrap_or_default()
}

/// The text of a panic's payload, for a one-line report.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string())
}

/// The default rule set, as written in `data/rules.toml`.
pub const DEFAULTS_SOURCE: &str = include_str!("../../data/rules.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Defaults {
    /// Categories whose rules are on by default.
    pub default_categories: Vec<String>,
    /// Groups (or numbered rules) inside those categories that stay off, with the reason.
    #[serde(default)]
    pub off: BTreeMap<String, String>,
    /// Harper rules on by default (`HARPER/Name`), each chosen by measured precision.
    #[serde(default)]
    pub harper_on: Vec<String>,
    /// nlprule groups on by default outside the default categories, each chosen by measured
    /// precision.
    #[serde(default)]
    pub nlprule_on: Vec<String>,
}

impl Defaults {
    pub fn parse(source: &str) -> Result<Defaults, String> {
        toml::from_str(source).map_err(|e| e.to_string())
    }

    pub fn builtin() -> Defaults {
        Defaults::parse(DEFAULTS_SOURCE).expect("data/rules.toml is valid (checked by tests)")
    }
}

/// The parts of a rule id: `CATEGORY`, `CATEGORY/GROUP` and `CATEGORY/GROUP/N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleId {
    pub category: String,
    pub group: String,
    pub index: String,
}

impl RuleId {
    pub fn parse(index: &str) -> RuleId {
        let group = index.rsplit_once('/').map_or(index, |(group, _)| group);
        let category = group
            .split_once('/')
            .map_or(group, |(category, _)| category);
        RuleId {
            category: category.to_string(),
            group: group.to_string(),
            index: index.to_string(),
        }
    }

    /// Whether a user's selector (a category, group or numbered rule, any case) names this rule.
    pub fn matches(&self, selector: &str) -> bool {
        [&self.category, &self.group, &self.index]
            .iter()
            .any(|id| id.eq_ignore_ascii_case(selector))
    }
}

/// Every engine in use, loaded together (in parallel) with one rule selection.
pub struct Engines {
    pub nlprule: Nlprule,
    /// Loaded only when some Harper rule can run or is named: building its rules takes
    /// longer than loading nlprule.
    pub harper: Option<Harper>,
}

impl Engines {
    /// Loads the engines with the built-in defaults. A selector that names no rule of any
    /// engine is an error, with the closest known id suggested.
    pub fn load(selection: &RuleSelection) -> Result<Engines, EngineError> {
        let defaults = Defaults::builtin();
        let names_harper = selection
            .enable
            .iter()
            .chain(&selection.disable)
            .any(|s| s.to_uppercase().starts_with(harper::CATEGORY));
        let with_harper = selection.all_rules || !defaults.harper_on.is_empty() || names_harper;
        let (nlprule, harper) = std::thread::scope(|scope| {
            let harper = with_harper.then(|| scope.spawn(|| Harper::load(selection, &defaults)));
            let nlprule = Nlprule::load(selection, &defaults);
            (nlprule, harper.map(|thread| thread.join()))
        });
        let harper = match harper {
            Some(Ok(harper)) => Some(harper),
            Some(Err(_)) => {
                return Err(EngineError::Load(
                    "Harper's rules could not be built".into(),
                ));
            }
            None => None,
        };
        let nlprule = nlprule?;
        let harper = harper.map(|mut harper| {
            harper.second_opinion = Some(nlprule.lexicon());
            harper.past_tense = Some(nlprule.tagged("VBD"));
            harper.plural_noun = Some(nlprule.tagged("NNS"));
            harper.noun = Some(nlprule.tagged_any(
                &["NN", "NNS", "NN:U", "NN:UN"],
                &[
                    "IN", "DT", "PRP", "CC", "TO", "RB", "MD", "WDT", "WP", "WRB",
                ],
            ));
            harper
        });
        let engines = Engines { nlprule, harper };
        engines.check_selectors(selection)?;
        Ok(engines)
    }

    /// Every rule of every engine, with whether it runs.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.nlprule
            .rules()
            .chain(self.harper.iter().flat_map(Harper::rules))
    }

    fn check_selectors(&self, selection: &RuleSelection) -> Result<(), EngineError> {
        for given in selection.enable.iter().chain(&selection.disable) {
            if !self.rules().any(|(id, _)| id.matches(given)) {
                let mut known: Vec<String> = self
                    .rules()
                    .flat_map(|(id, _)| [id.category, id.group])
                    .collect();
                known.sort();
                known.dedup();
                return Err(EngineError::UnknownRule {
                    given: given.clone(),
                    closest: closest(given, known.iter().map(String::as_str), 1)
                        .into_iter()
                        .next(),
                });
            }
        }
        Ok(())
    }
}

impl Checker for Engines {
    /// Both engines' findings, nlprule's (with our rules and the signal) first; overlapping
    /// ones are merged by [`crate::check`]. Each engine sees the text in windows of bounded
    /// sentence length ([`bounded`]), so no text costs more than linear time.
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        let mut findings = bounded::check(text, |piece| self.nlprule.check(piece))?;
        if let Some(harper) = &self.harper {
            findings.extend(bounded::check(text, |piece| harper.check(piece))?);
        }
        Ok(findings)
    }
}
