//! The lesson audit (`data/audit.toml`) against the real engines: each row's rule flags
//! exactly the bracketed words of its sentence with the default rules, and that finding
//! reads the lesson the audit says, chosen as in a report (refinements included).

use std::collections::BTreeSet;

use lazy_static::lazy_static;
use ownvoice::catalogue::{Context, catalogue};
use ownvoice::engine::{Checker, Engines, RuleSelection};
use serde::Deserialize;

lazy_static! {
    static ref DEFAULT: Engines = Engines::load(&RuleSelection::default()).unwrap();
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Audit {
    audit: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    rule: String,
    flags: usize,
    sentence: String,
    lesson: String,
    was: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

fn rows() -> Vec<Row> {
    let source = std::fs::read_to_string("data/audit.toml").unwrap();
    toml::from_str::<Audit>(&source).unwrap().audit
}

/// The sentence without brackets, and the byte span the brackets enclose.
fn unbracket(marked: &str) -> (String, std::ops::Range<usize>) {
    let start = marked.find('[').expect("a [ in the sentence");
    let end = marked.find(']').expect("a ] in the sentence") - 1;
    (marked.replacen('[', "", 1).replacen(']', "", 1), start..end)
}

#[test]
fn every_audited_rule_reads_the_lesson_the_audit_names() {
    let mut problems = Vec::new();
    for row in rows() {
        let (sentence, span) = unbracket(&row.sentence);
        let findings = DEFAULT.check(&sentence).unwrap();
        let Some(finding) = findings
            .iter()
            .find(|f| f.rule == row.rule && f.span == span)
        else {
            let found: Vec<_> = findings
                .iter()
                .map(|f| format!("{} {:?}", f.rule, &sentence[f.span.clone()]))
                .collect();
            problems.push(format!(
                "{}: does not flag {:?} ({found:?})",
                row.rule, row.sentence
            ));
            continue;
        };
        let lesson = catalogue().lesson(&finding.rule, &Context::of(&sentence, &finding.span));
        if lesson.id != row.lesson {
            problems.push(format!(
                "{}: {:?} reads '{}', the audit says '{}'",
                row.rule, row.sentence, lesson.id, row.lesson
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_audit_covers_each_rule_once_per_kind_of_flag_and_says_what_changed() {
    let rows = rows();
    let mut seen = BTreeSet::new();
    for row in &rows {
        assert!(seen.insert((&row.rule, &row.sentence)), "twice: {row:?}");
        assert!(row.flags >= 2, "only rules that flagged twice: {row:?}");
        assert!(catalogue().entry(&row.lesson).is_some(), "{row:?}");
        if let Some(was) = &row.was {
            assert_ne!(was, &row.lesson, "{row:?}");
            assert!(catalogue().entry(was).is_some(), "{row:?}");
        }
    }
    let rules: BTreeSet<&str> = rows.iter().map(|r| r.rule.as_str()).collect();
    let changed: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.was.is_some())
        .map(|r| r.rule.as_str())
        .collect();
    // The counts the file's header states.
    assert_eq!((rules.len(), rows.len()), (622, 644));
    assert_eq!(changed.len(), 39);
    // Every audited rule runs by default.
    let on: BTreeSet<String> = DEFAULT
        .rules()
        .filter(|(_, on)| *on)
        .map(|(id, _)| id.group)
        .collect();
    let off: Vec<&&str> = rules.iter().filter(|r| !on.contains(**r)).collect();
    assert!(off.is_empty(), "audited rules that are off: {off:?}");
}
