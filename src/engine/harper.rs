//! The Harper engine (`harper-core`, Automattic's grammar checker): its curated English rules,
//! run over a paragraph at a time.
//!
//! Rule ids: Harper names its rules in CamelCase (`PronounVerbAgreement`); ownvoice names them
//! `HARPER/PronounVerbAgreement`, so that `HARPER` selects the whole engine the way a
//! category selects nlprule rules. Which rules run by default is data (`harper-on` in
//! `data/rules.toml`), chosen by measured precision; `--all-rules` runs Harper's own curated
//! set.
//!
//! Harper reports spans in `char`s; they are turned into byte offsets of the text it was
//! given, like every other span in ownvoice.

use std::sync::{Arc, Mutex};

use harper_core::linting::{LintGroup, Suggestion};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

use super::{Checker, Defaults, EngineError, Finding, RuleId, RuleSelection};

/// The pseudo-category of every Harper rule.
pub const CATEGORY: &str = "HARPER";

/// Rules that never run, whatever is asked: `LookingForwardTo` prints debugging lines to
/// standard output in harper-core 3.0.0, which would corrupt our reports (jsonl above all).
const NEVER: [&str; 1] = ["LookingForwardTo"];

/// The loaded engine. Harper's rule group keeps caches and needs `&mut` to lint, so it sits
/// behind a mutex; one paragraph is linted at a time.
pub struct Harper {
    dictionary: Arc<FstDictionary>,
    group: Mutex<LintGroup>,
    /// Every rule with whether it runs.
    rules: Vec<(RuleId, bool)>,
}

impl Harper {
    /// Loads Harper's dictionary and curated rules and turns on those `selection` asks for.
    pub fn load(selection: &RuleSelection, defaults: &Defaults) -> Harper {
        let dictionary = FstDictionary::curated();
        // British spelling is what most learners here are taught; spelling rules are not on
        // by default, so the dialect only matters for rules that compare spellings.
        let mut group = LintGroup::new_curated(dictionary.clone(), Dialect::British);
        let names: Vec<String> = group.iter_keys().map(str::to_string).collect();
        let mut rules = Vec::with_capacity(names.len());
        for name in names {
            let id = rule_id(&name);
            let upstream = group.config.is_rule_enabled(&name);
            let on = !NEVER.contains(&name.as_str()) && decide(&id, upstream, defaults, selection);
            group.config.set_rule_enabled(&name, on);
            rules.push((id, on));
        }
        Harper {
            dictionary,
            group: Mutex::new(group),
            rules,
        }
    }

    /// Every rule and whether it runs.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.rules.iter().cloned()
    }
}

fn rule_id(name: &str) -> RuleId {
    RuleId {
        category: CATEGORY.to_string(),
        group: format!("{CATEGORY}/{name}"),
        index: format!("{CATEGORY}/{name}"),
    }
}

/// Whether a Harper rule runs: named ids first, then `--all-rules` (Harper's curated
/// defaults), then our measured default list.
fn decide(id: &RuleId, upstream: bool, defaults: &Defaults, selection: &RuleSelection) -> bool {
    if selection.disable.iter().any(|s| id.matches(s)) {
        return false;
    }
    if selection.enable.iter().any(|s| id.matches(s)) {
        return true;
    }
    if selection.all_rules {
        return upstream;
    }
    defaults.harper_on.contains(&id.group)
}

impl Checker for Harper {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        if !self.rules.iter().any(|(_, on)| *on) {
            return Ok(Vec::new());
        }
        let document = Document::new_plain_english(text, &*self.dictionary);
        let organized = {
            let mut group = self
                .group
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            // Third-party code on arbitrary text: a panic costs this paragraph only.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                group.organized_lints(&document)
            }))
            .map_err(|payload| EngineError::Failed(super::panic_message(payload.as_ref())))?
        };
        // Byte offset of every char of the text, and of its end.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut findings = Vec::new();
        for (name, lints) in organized {
            for lint in lints {
                let (Some(&start), Some(&end)) =
                    (bytes.get(lint.span.start), bytes.get(lint.span.end))
                else {
                    continue;
                };
                if start >= end {
                    continue;
                }
                let flagged = &text[start..end];
                findings.push(Finding {
                    rule: format!("{CATEGORY}/{name}"),
                    span: start..end,
                    message: lint.message.clone(),
                    replacements: lint
                        .suggestions
                        .iter()
                        .map(|suggestion| match suggestion {
                            Suggestion::ReplaceWith(chars) => chars.iter().collect(),
                            Suggestion::InsertAfter(chars) => {
                                format!("{flagged}{}", chars.iter().collect::<String>())
                            }
                            Suggestion::Remove => String::new(),
                        })
                        .collect(),
                });
            }
        }
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        Ok(findings)
    }
}
