//! The loaded service that `lsp` and `serve` answer with: the same issues as `ownvoice check`
//! for the same text, with the engines loaded once for many documents.

mod common;

use common::ownvoice;
use ownvoice::cli::Common;
use ownvoice::engine::RuleSelection;
use ownvoice::input::Format;
use ownvoice::service::Service;
use serde_json::Value;

const POST: &str = "# My week\n\nMy brother need a new bike. `he need` is code.\n\n\
    Café owners was happy 😀 and she go home.\n";

#[test]
fn a_document_gives_the_issues_check_reports_for_it() {
    let service = Service::load(&Common::default(), false).unwrap();
    let checked = service.check(POST, Format::Markdown);
    let spans: Vec<(String, usize, usize)> = checked
        .issues
        .iter()
        .map(|issue| (issue.rule.clone(), issue.span.start, issue.span.end))
        .collect();
    let flagged: Vec<&str> = spans
        .iter()
        .map(|(_, start, end)| &POST[*start..*end])
        .collect();
    assert_eq!(flagged, ["brother need", "she go"], "{spans:?}");

    let output = ownvoice()
        .args([
            "check",
            "--format",
            "jsonl",
            "--input-format",
            "markdown",
            "-",
        ])
        .write_stdin(POST)
        .output()
        .unwrap();
    let reported: Vec<(String, usize, usize)> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let issue: Value = serde_json::from_str(line).unwrap();
            (
                issue["rule"].as_str().unwrap().to_string(),
                issue["byte_start"].as_u64().unwrap() as usize,
                issue["byte_end"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(spans, reported);
    // The code span is not prose: its "need" is never flagged.
    let code = POST.find("`he need`").unwrap();
    assert!(
        spans
            .iter()
            .all(|(_, start, _)| *start < code || *start > code + 9)
    );
    // The same service answers again, identically.
    assert_eq!(
        service.check(POST, Format::Markdown).issues.len(),
        spans.len()
    );
}

#[test]
fn an_unknown_rule_id_is_one_line_naming_it() {
    let common = Common {
        selection: RuleSelection {
            disable: vec!["GRAMMAR/NO_SUCH_RULE".into()],
            ..RuleSelection::default()
        },
        ..Common::default()
    };
    let error = Service::load(&common, false).err().unwrap();
    assert!(error.contains("GRAMMAR/NO_SUCH_RULE"), "{error}");
    assert!(!error.contains('\n'), "{error}");
}
