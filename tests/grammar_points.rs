//! The checklist of a learner's grammar (`data/grammar-points.toml`) against the real
//! engines with the default rules: every example of every point is flagged, on the bracketed
//! words, by one of the rules the point names, after the issues of all engines are merged as
//! `ownvoice check` merges them. Every rule a point names exists and runs by default.

use std::collections::HashSet;

use lazy_static::lazy_static;
use ownvoice::engine::{Engines, RuleId, RuleSelection};
use serde::Deserialize;

const SOURCE: &str = include_str!("../data/grammar-points.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    point: Vec<Point>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the figures and open questions are for people, not for the test
struct Point {
    id: String,
    title: String,
    rules: Vec<String>,
    examples: Vec<String>,
    measured: String,
    #[serde(default)]
    open: Option<String>,
}

lazy_static! {
    static ref DEFAULT: Engines = Engines::load(&RuleSelection::default()).unwrap();
    static ref POINTS: Vec<Point> = toml::from_str::<File>(SOURCE).unwrap().point;
}

/// A sentence without its brackets, and the bracketed words' byte span.
fn unbracket(example: &str) -> (String, std::ops::Range<usize>) {
    let start = example
        .find('[')
        .expect("an example brackets the flagged words");
    let end = example.find(']').expect("a closing bracket") - 1;
    (example.replace(['[', ']'], ""), start..end)
}

#[test]
fn every_example_of_every_point_is_flagged_by_one_of_its_rules() {
    let mut problems = Vec::new();
    for point in POINTS.iter() {
        assert!(!point.examples.is_empty(), "{}: no example", point.id);
        for example in &point.examples {
            let (sentence, want) = unbracket(example);
            let checked = ownvoice::check(&sentence, &*DEFAULT);
            let caught = checked.issues.iter().any(|issue| {
                issue.span.start < want.end
                    && want.start < issue.span.end
                    && point
                        .rules
                        .iter()
                        .any(|rule| RuleId::parse(&issue.rule).matches(rule))
            });
            if !caught {
                let got: Vec<String> = checked
                    .issues
                    .iter()
                    .map(|issue| format!("{} {:?}", issue.rule, &sentence[issue.span.clone()]))
                    .collect();
                problems.push(format!("{}: {example:?}: got {got:?}", point.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_a_point_names_runs_by_default_and_ids_are_unique() {
    let running: HashSet<String> = DEFAULT
        .rules()
        .filter(|(_, on)| *on)
        .map(|(id, _)| id.group)
        .collect();
    let mut ids = HashSet::new();
    for point in POINTS.iter() {
        assert!(ids.insert(point.id.as_str()), "{} twice", point.id);
        for rule in &point.rules {
            assert!(
                running.contains(rule),
                "{}: {rule} does not run by default",
                point.id
            );
        }
    }
    assert!(POINTS.len() >= 10);
}
