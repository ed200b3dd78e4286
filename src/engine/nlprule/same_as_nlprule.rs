//! Proof by test that the indexed rule set gives exactly nlprule's own suggestions: on the
//! first LanguageTool example sentence of every rule (written to make that rule fire, often
//! with others), the repository's example texts and varied prose, with the default rules and
//! with every rule on, [`RuleSet::apply`] equals `Rules::apply` of all the enabled rules,
//! suggestion for suggestion: rule, message, span, replacements and order.
//!
//! Every example sentence of every rule (10,070 sentences) also passed when the index was
//! written; the test takes one per rule to keep the suite's time reasonable.

use std::ops::Range;

use nlprule::types::{Sentence, Suggestion};
use nlprule::{Rules, Tokenizer};

use super::super::{TOKENIZER_BYTES, chosen_rules};
use super::RuleSet;
use crate::engine::{Defaults, RuleSelection};

type Seen = (String, String, Range<usize>, Range<usize>, Vec<String>);

fn seen(suggestions: &[Suggestion]) -> Vec<Seen> {
    suggestions
        .iter()
        .map(|s| {
            (
                s.source().to_string(),
                s.message().to_string(),
                s.span().byte().clone(),
                s.span().char().clone(),
                s.replacements().to_vec(),
            )
        })
        .collect()
}

/// The first example sentence of every rule, then the repository's own texts, paragraph by
/// paragraph.
fn texts(rules: &Rules) -> Vec<String> {
    let mut texts: Vec<String> = rules
        .rules()
        .iter()
        .filter_map(|rule| rule.examples().first().map(|e| e.text().to_string()))
        .collect();
    for text in [
        include_str!("../../../examples/sample.txt"),
        include_str!("../../../examples/post.md"),
        include_str!("../../../examples/paper.tex"),
        include_str!("../../../README.md"),
        include_str!("../../../tests/data/varied-prose.txt"),
    ] {
        texts.extend(text.split("\n\n").map(str::to_string));
    }
    texts
}

/// Compares the two on every sentence and returns (suggestions, sentences run again,
/// rules visited, rules enabled).
fn compare(selection: &RuleSelection, sentences: &[Sentence]) -> (usize, usize, usize, usize) {
    let defaults = Defaults::builtin();
    let whole = chosen_rules(selection, &defaults).unwrap();
    let set = RuleSet::new(chosen_rules(selection, &defaults).unwrap());
    let (mut suggestions, mut again) = (0, 0);
    // The first sentences run every rule, the others only the index's candidates.
    for sentence in sentences {
        let expected = seen(&whole.apply(sentence));
        let (got, ran_again) = set.run(sentence);
        assert_eq!(seen(&got), expected, "in {:?}", sentence.text());
        suggestions += expected.len();
        again += usize::from(ran_again);
    }
    assert!(set.index.get().is_some(), "the index was built on the way");
    let visited = sentences.iter().map(|s| set.visits(s).1).sum();
    let enabled = whole.rules().iter().filter(|rule| rule.enabled()).count();
    (suggestions, again, visited, enabled)
}

#[test]
fn the_index_finds_what_nlprule_finds_with_default_and_with_all_rules() {
    let tokenizer = Tokenizer::from_reader(TOKENIZER_BYTES).unwrap();
    let all_rules = RuleSelection {
        all_rules: true,
        ..RuleSelection::default()
    };
    let texts = texts(&chosen_rules(&all_rules, &Defaults::builtin()).unwrap());
    let sentences: Vec<Sentence> = texts.iter().flat_map(|t| tokenizer.pipe(t)).collect();
    assert!(sentences.len() > 4000, "{}", sentences.len());
    for selection in [RuleSelection::default(), all_rules] {
        let (suggestions, again, visited, enabled) = compare(&selection, &sentences);
        assert!(suggestions > 1500, "{suggestions}");
        assert!(
            again > 0,
            "the path where rules run again together was taken"
        );
        assert!(
            visited * 5 < sentences.len() * enabled,
            "the index spares most rules: {visited} of {} x {enabled}",
            sentences.len()
        );
    }
}
