//! The explanation catalogue (`data/explanations.toml`) and the default rule set
//! (`data/rules.toml`) against the real engine: every rule is explained, every rule that runs
//! by default has a specific explanation, no mapping names a rule that does not exist, and
//! each entry's own incorrect/correct example pairs behave as they say, with the lesson a
//! finding reads chosen as in a report (refinements by the flagged words included).

use std::collections::BTreeSet;

use lazy_static::lazy_static;
use ownvoice::catalogue::{CATEGORIES, Context, Explanation, catalogue};
use ownvoice::engine::{Checker, Defaults, Engines, RuleId, RuleSelection};

lazy_static! {
    /// Every rule LanguageTool enables, plus style: the widest set the catalogue explains.
    static ref ALL: Engines = Engines::load(&RuleSelection {
        all_rules: true,
        ..Default::default()
    })
    .unwrap();
    static ref DEFAULT: Engines = Engines::load(&RuleSelection::default()).unwrap();
}

/// The ids (categories and groups) of every rule the engine has.
fn known_ids() -> BTreeSet<String> {
    ALL.rules()
        .flat_map(|(id, _)| [id.category, id.group])
        .collect()
}

/// The rules whose findings in `sentence` read `entry` as their lesson.
fn flagged_by(engine: &Engines, sentence: &str, entry: &Explanation) -> Vec<String> {
    engine
        .check(sentence)
        .unwrap()
        .into_iter()
        .filter(|finding| {
            let context = Context::of(sentence, &finding.span);
            catalogue().lesson(&finding.rule, &context).id == entry.id
        })
        .map(|finding| finding.rule)
        .collect()
}

/// Sentences end with `.`, `!` or `?` before the end of the text or before a space and a
/// capital letter (so "e.g. the", "a.m." and "first ... then" do not end one).
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len())
        .filter(|&i| ['.', '!', '?'].contains(&chars[i]))
        .filter(|&i| match chars.get(i + 1) {
            None => true,
            Some(c) if c.is_whitespace() => chars
                .get(i + 2)
                .is_some_and(|next| next.is_uppercase() || *next == '\''),
            Some(_) => false,
        })
        .count()
}

#[test]
fn sentences_are_counted_as_a_reader_would() {
    assert_eq!(
        sentence_count("One. Two, e.g. this. 'Three' ... four? Five!"),
        4
    );
    assert_eq!(sentence_count("At 7 a.m. it starts."), 1);
}

#[test]
fn entries_are_complete_and_plain() {
    let mut problems = Vec::new();
    for entry in &catalogue().entries {
        let sentences = sentence_count(&entry.explanation);
        if !(2..=4).contains(&sentences) {
            problems.push(format!("{}: {sentences} sentences, want 2-4", entry.id));
        }
        if !CATEGORIES.contains(&entry.category.as_str()) {
            problems.push(format!("{}: unknown category {}", entry.id, entry.category));
        }
        if entry.title.is_empty() || entry.title.len() > 60 {
            problems.push(format!("{}: title must be 1-60 bytes", entry.id));
        }
        let pairs = entry.pairs();
        if !(2..=4).contains(&pairs.len()) {
            problems.push(format!(
                "{}: {} example pairs, want 2-4",
                entry.id,
                pairs.len()
            ));
        }
        for (incorrect, correct) in pairs {
            if incorrect.trim() == correct.trim() || incorrect.is_empty() {
                problems.push(format!("{}: the example pair must differ", entry.id));
            }
        }
        if !entry.question.ends_with('?') || entry.question.len() > 140 {
            problems.push(format!(
                "{}: the question must be one or two short questions",
                entry.id
            ));
        }
        let kebab = entry
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab {
            problems.push(format!("{}: ids are kebab-case", entry.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_an_explanation() {
    let unmapped: Vec<String> = ALL
        .rules()
        .filter(|(id, _)| catalogue().mapped(&id.group).is_none())
        .map(|(id, _)| id.group)
        .collect();
    assert!(unmapped.is_empty(), "rules without an entry: {unmapped:?}");
}

#[test]
fn every_default_rule_has_a_specific_explanation() {
    let generic: BTreeSet<String> = DEFAULT
        .rules()
        .filter(|(_, on)| *on)
        .filter(|(id, _)| catalogue().explain(&id.group).fallback)
        .map(|(id, _)| id.group)
        .collect();
    assert!(
        generic.is_empty(),
        "rules on by default with only a generic explanation (map them, or turn them off in \
         data/rules.toml): {generic:?}"
    );
    assert!(DEFAULT.rules().filter(|(_, on)| *on).count() > 500);
}

#[test]
fn mappings_and_defaults_name_only_rules_that_exist() {
    let known = known_ids();
    let mut stale: Vec<String> = catalogue()
        .entries
        .iter()
        .flat_map(|entry| &entry.rules)
        .filter(|rule| !known.contains(rule.as_str()))
        .cloned()
        .collect();
    let defaults = Defaults::builtin();
    stale.extend(
        defaults
            .default_categories
            .iter()
            .chain(defaults.off.keys())
            .chain(&defaults.nlprule_on)
            .chain(&defaults.harper_on)
            .filter(|id| !known.contains(id.as_str()) && !known.contains(&RuleId::parse(id).group))
            .cloned(),
    );
    assert!(stale.is_empty(), "ids that name no rule: {stale:?}");
}

#[test]
fn style_and_typography_are_off_by_default() {
    let defaults = Defaults::builtin();
    for category in [
        "STYLE",
        "TYPOGRAPHY",
        "PUNCTUATION",
        "REDUNDANCY",
        "PLAIN_ENGLISH",
    ] {
        assert!(
            !defaults.default_categories.iter().any(|c| c == category),
            "{category}"
        );
    }
}

#[test]
fn example_pairs_behave_as_they_say() {
    // Entries some rule maps to, and those a refinement chooses.
    let mut reached: BTreeSet<&str> = ALL
        .rules()
        .map(|(id, _)| catalogue().explain(&id.group).id.as_str())
        .collect();
    reached.extend(catalogue().refinements.iter().map(|r| r.lesson.as_str()));
    let mut problems = Vec::new();
    for entry in &catalogue().entries {
        if !reached.contains(entry.id.as_str()) {
            problems.push(format!("{}: no rule or refinement leads to it", entry.id));
            continue;
        }
        for (incorrect, correct) in entry.pairs() {
            if !entry.fallback && flagged_by(&ALL, incorrect, entry).is_empty() {
                problems.push(format!("{}: not flagged: {incorrect:?}", entry.id));
            }
            let wrongly = flagged_by(&ALL, correct, entry);
            if !wrongly.is_empty() {
                problems.push(format!("{}: {correct:?} flagged by {wrongly:?}", entry.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_pair_shown_is_never_the_writers_own_sentence() {
    for entry in &catalogue().entries {
        for (incorrect, correct) in entry.pairs() {
            // A writer who wrote one of our incorrect examples sees another pair.
            assert_ne!(
                entry.pair_for(incorrect),
                (incorrect, correct),
                "{}",
                entry.id
            );
        }
    }
    let entry = catalogue().entry("there-is-there-are").unwrap();
    let (_, correct) = entry.pair_for("There is many reasons to stay.");
    assert!(!correct.contains("reasons"), "{correct}");
}

#[test]
fn languagetool_examples_of_default_rules_pass() {
    let failing = DEFAULT.nlprule.failing_upstream_examples();
    assert!(
        failing.is_empty(),
        "rules whose own examples fail: {failing:?}"
    );
}
