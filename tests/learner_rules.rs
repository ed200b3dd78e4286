//! ownvoice's own rules (`data/learner.toml`) against the real engine: each rule flags the
//! words its examples bracket, and nothing in the sentences it must pass.

use lazy_static::lazy_static;
use ownvoice::catalogue::catalogue;
use ownvoice::engine::learner::{self, Rule};
use ownvoice::engine::{Checker, Engines, RuleSelection};

lazy_static! {
    static ref ALL: Engines = Engines::load(&RuleSelection {
        all_rules: true,
        ..Default::default()
    })
    .unwrap();
}

/// A sentence without its brackets, and the bracketed words' byte span.
fn unbracket(example: &str) -> (String, std::ops::Range<usize>) {
    let start = example
        .find('[')
        .expect("a flag example brackets the flagged words");
    let end = example.find(']').expect("a closing bracket") - 1;
    (example.replace(['[', ']'], ""), start..end)
}

/// The spans `rule` flags in `sentence` (nlprule's engine runs our rules).
fn flags(rule: &Rule, sentence: &str) -> Vec<std::ops::Range<usize>> {
    ALL.nlprule
        .check(sentence)
        .unwrap()
        .into_iter()
        .filter(|finding| finding.rule == rule.id.group)
        .map(|finding| finding.span)
        .collect()
}

#[test]
fn every_rule_flags_its_examples_and_passes_its_counter_examples() {
    let mut problems = Vec::new();
    for rule in learner::builtin() {
        for example in &rule.data.flag {
            let (sentence, want) = unbracket(example);
            let got = flags(&rule, &sentence);
            if got != [want.clone()] {
                let got: Vec<&str> = got.iter().map(|span| &sentence[span.clone()]).collect();
                problems.push(format!(
                    "{}: {sentence:?}: want [{}], got {got:?}",
                    rule.id.group, &sentence[want]
                ));
            }
        }
        for sentence in &rule.data.pass {
            if !flags(&rule, sentence).is_empty() {
                problems.push(format!("{}: flagged {sentence:?}", rule.id.group));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_names_an_explanation_that_exists() {
    for rule in learner::builtin() {
        assert_eq!(
            catalogue().explain(&rule.id.group).id,
            rule.data.explanation,
            "{}",
            rule.id.group
        );
    }
}

#[test]
fn rules_off_by_default_run_only_when_asked() {
    let off: Vec<Rule> = learner::builtin()
        .into_iter()
        .filter(|rule| !rule.data.default)
        .collect();
    assert!(
        !off.is_empty(),
        "the data keeps measured-imprecise rules off"
    );
    let default = Engines::load(&RuleSelection::default()).unwrap();
    let named = Engines::load(&RuleSelection {
        enable: vec![off[0].id.group.clone()],
        ..Default::default()
    })
    .unwrap();
    let (sentence, _) = unbracket(&off[0].data.flag[0]);
    let by = |engines: &Engines| {
        engines
            .nlprule
            .check(&sentence)
            .unwrap()
            .into_iter()
            .any(|finding| finding.rule == off[0].id.group)
    };
    assert!(!by(&default), "{sentence}");
    assert!(by(&named), "{sentence}");
}
