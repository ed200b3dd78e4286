//! A request's rule options (`enabledRules`, `disabledRules`, the categories, `enabledOnly`,
//! `level`, the language variant) applied to engines that were loaded once.
//!
//! Turning rules off is a filter on what the loaded engines find: findings of rules left out
//! are dropped before overlapping issues are merged, so no other issue changes. (The one
//! difference from engines loaded without the rule: where nlprule would have let an
//! overlapping rule speak instead, that rule stays quiet too. Quieter, never noisier.)
//! Turning on a rule that the server's engines do not run, another spelling variety, or
//! `level=picky` (every rule, as `--all-rules`) needs engines loaded with that selection: a
//! variant, loaded on first use and kept in a bounded set (`variants.rs`).
//!
//! Rule ids are ownvoice's, in any letter case: a category (`GRAMMAR`, `HARPER`), a group
//! (`GRAMMAR/HE_NEED`, `HARPER/SpellCheck`) or a numbered rule. For clients configured for
//! LanguageTool, a LanguageTool rule id names the group it is the name of (`HE_NEED`), and
//! LanguageTool's spell checkers (`MORFOLOGIK_RULE_EN_US`, ...) name ours. An id that names
//! no rule is ignored, as LanguageTool ignores ids it does not know.

use crate::engine::{RuleId, RuleSelection, Variety};

/// What a request asks of the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    /// Rule and category ids to turn on.
    pub enabled: Vec<String>,
    /// Rule and category ids to turn off (this wins over `enabled`).
    pub disabled: Vec<String>,
    /// Only the `enabled` rules run.
    pub enabled_only: bool,
    /// The spelling variety the language names; `None` leaves the server's.
    pub variety: Option<Variety>,
    /// `level=picky`: every rule, as `--all-rules`.
    pub picky: bool,
}

/// Our spell checker, which LanguageTool's spelling rule ids stand for.
const SPELLING: &str = "HARPER/SpellCheck";

/// The rules of the server's engines, to resolve the ids requests give.
pub struct Known {
    rules: Vec<(RuleId, bool)>,
}

impl Known {
    pub fn new(rules: impl Iterator<Item = (RuleId, bool)>) -> Known {
        Known {
            rules: rules.collect(),
        }
    }

    /// The ownvoice selector an id given by a client stands for, if it names any rule.
    fn resolve(&self, given: &str) -> Option<String> {
        let upper = given.to_ascii_uppercase();
        if upper.starts_with("MORFOLOGIK_RULE_EN") || upper.starts_with("HUNSPELL_RULE") {
            return Some(SPELLING.to_string());
        }
        if self.rules.iter().any(|(id, _)| id.matches(given)) {
            return Some(given.to_string());
        }
        // A LanguageTool rule id: the name of one of nlprule's groups.
        self.rules
            .iter()
            .find(|(id, _)| {
                id.group
                    .split_once('/')
                    .is_some_and(|(_, name)| name.eq_ignore_ascii_case(given))
            })
            .map(|(id, _)| id.group.clone())
    }

    /// Whether every rule a selector names already runs.
    fn all_on(&self, selector: &str) -> bool {
        self.rules
            .iter()
            .filter(|(id, _)| id.matches(selector))
            .all(|(_, on)| *on)
    }
}

/// Which of the findings of the engines a request is checked with are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keep {
    /// When set, only the rules these selectors name.
    only: Option<Vec<String>>,
    /// Never the rules these name.
    not: Vec<String>,
}

impl Keep {
    /// Whether a finding of this rule (a group id such as `GRAMMAR/HE_NEED`) is kept.
    pub fn keeps(&self, rule: &str) -> bool {
        let id = RuleId::parse(rule);
        if self.not.iter().any(|selector| id.matches(selector)) {
            return false;
        }
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|selector| id.matches(selector)))
    }
}

/// How a request is checked: with the server's engines or a variant, then filtered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The selection of the engines to check with, if not the server's own.
    pub variant: Option<RuleSelection>,
    pub keep: Keep,
}

/// The plan for a request, given the server's selection and its engines' rules.
pub fn plan(server: &RuleSelection, known: &Known, asked: &Asked) -> Plan {
    let resolve = |ids: &[String]| -> Vec<String> {
        let mut resolved: Vec<String> = ids.iter().filter_map(|id| known.resolve(id)).collect();
        resolved.sort_by_key(|id| id.to_ascii_uppercase());
        resolved.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        resolved
    };
    let enabled = resolve(&asked.enabled);
    let disabled = resolve(&asked.disabled);
    let named_off = |selector: &String| {
        let id = RuleId::parse(selector);
        disabled.iter().any(|off| id.matches(off))
    };
    let turn_on: Vec<String> = enabled
        .iter()
        .filter(|selector| !named_off(selector) && !known.all_on(selector))
        .cloned()
        .collect();
    let variety = asked.variety.or(server.dialect);
    let all_rules = server.all_rules || asked.picky;
    let variant = (!turn_on.is_empty()
        || variety != server.dialect
        || all_rules != server.all_rules)
        .then(|| {
            let mut selection = server.clone();
            selection.all_rules = all_rules;
            selection.dialect = variety;
            selection
                .disable
                .retain(|off| !turn_on.iter().any(|on| on.eq_ignore_ascii_case(off)));
            for on in turn_on {
                if !selection
                    .enable
                    .iter()
                    .any(|id| id.eq_ignore_ascii_case(&on))
                {
                    selection.enable.push(on);
                }
            }
            selection
        });
    Plan {
        variant,
        keep: Keep {
            only: asked.enabled_only.then_some(enabled),
            not: disabled,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known::new(
            [
                ("GRAMMAR/HE_NEED/0", true),
                ("GRAMMAR/HE_NEED/1", true),
                ("STYLE/WORDY/0", false),
                ("HARPER/SpellCheck", true),
            ]
            .into_iter()
            .map(|(id, on)| (RuleId::parse(id), on)),
        )
    }

    fn asked(enabled: &[&str], disabled: &[&str]) -> Asked {
        Asked {
            enabled: enabled.iter().map(|s| s.to_string()).collect(),
            disabled: disabled.iter().map(|s| s.to_string()).collect(),
            ..Asked::default()
        }
    }

    #[test]
    fn turning_rules_off_filters_the_loaded_engines() {
        let plan = plan(
            &RuleSelection::default(),
            &known(),
            &asked(&[], &["he_need", "MORFOLOGIK_RULE_EN_US", "NO_SUCH_RULE"]),
        );
        assert_eq!(plan.variant, None);
        assert!(!plan.keep.keeps("GRAMMAR/HE_NEED"));
        assert!(!plan.keep.keeps("HARPER/SpellCheck"));
        assert!(plan.keep.keeps("GRAMMAR/OTHER"));
    }

    #[test]
    fn enabled_only_keeps_the_named_rules() {
        let only = Asked {
            enabled_only: true,
            ..asked(&["HARPER"], &[])
        };
        let plan = plan(&RuleSelection::default(), &known(), &only);
        assert_eq!(plan.variant, None, "every Harper rule already runs");
        assert!(plan.keep.keeps("HARPER/SpellCheck"));
        assert!(!plan.keep.keeps("GRAMMAR/HE_NEED"));
    }

    #[test]
    fn more_rules_a_variety_or_picky_need_a_variant() {
        let server = RuleSelection {
            disable: vec!["STYLE".into()],
            ..RuleSelection::default()
        };
        let style = plan(&server, &known(), &asked(&["style"], &[]));
        let variant = style.variant.unwrap();
        assert_eq!(
            (variant.enable, variant.disable),
            (vec!["style".into()], vec![])
        );
        let british = Asked {
            variety: Some(Variety::Gb),
            ..Asked::default()
        };
        let variant = plan(&server, &known(), &british).variant.unwrap();
        assert_eq!(variant.dialect, Some(Variety::Gb));
        assert_eq!(variant.disable, ["STYLE"]);
        let picky = Asked {
            picky: true,
            ..Asked::default()
        };
        assert!(plan(&server, &known(), &picky).variant.unwrap().all_rules);
        let off_again = plan(&server, &known(), &asked(&["STYLE/WORDY"], &["STYLE"]));
        assert!(
            off_again.variant.is_none(),
            "the only rule named is turned off"
        );
    }
}
