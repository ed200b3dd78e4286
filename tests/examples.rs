//! The bundled examples say what they claim: `ownvoice check examples/` flags exactly the
//! mistakes planted in the prose of `post.md` and `paper.tex`, and nothing in the parts that
//! are not prose (front matter, code, math, links, the LaTeX preamble, comments) or that the
//! writer's ignore comments leave out. The same files read as plain text do show mistakes in
//! those parts, so the silence is the Markdown and LaTeX reading at work, not a blind engine.
//!
//! The exact output for `sample.txt` is the README's business (`tests/readme.rs`).

use std::ops::Range;

use serde_json::Value;

mod common;
use common::{jsonl, ownvoice, places};

const POST: &str = "examples/post.md";
const PAPER: &str = "examples/paper.tex";
const SAMPLE: &str = "examples/sample.txt";

/// One expected issue: line, column, rule id and the flagged text.
type Expected = (u64, u64, &'static str, &'static str);

/// The mistakes planted in the blog post, one per line of prose that holds one.
const POST_ISSUES: &[Expected] = &[
    (
        11,
        5,
        "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION",
        "she speak",
    ),
    (13, 47, "OWNVOICE/UNCOUNTABLE_PLURAL", "informations"),
    (47, 18, "GRAMMAR/MOST_COMPARATIVE", "more bigger"),
    (50, 24, "GRAMMAR/DEPEND_ON", "depends"),
    (50, 45, "OWNVOICE/COMMA_AFTER_LINKING_WORD", "However"),
    (51, 11, "HARPER/SpellCheck", "recieve"),
    (51, 54, "OWNVOICE/MODAL_VERB_S", "can sings"),
];

/// The mistakes planted in the paper, the last one in a figure caption.
const PAPER_ISSUES: &[Expected] = &[
    (17, 54, "GRAMMAR/DEPEND_ON", "depends"),
    (19, 1, "OWNVOICE/COMMA_AFTER_LINKING_WORD", "However"),
    (24, 49, "OWNVOICE/MODAL_VERB_FORM", "can writes"),
    (25, 15, "GRAMMAR/MOST_COMPARATIVE", "more bigger"),
    (42, 6, "OWNVOICE/UNCOUNTABLE_PLURAL", "informations"),
    (43, 21, "HARPER/SpellCheck", "recieve"),
    (48, 81, "OWNVOICE/ONE_OF_SINGULAR", "sample"),
];

/// A part of an example that is not checked: a name, the text it starts with, the text it
/// ends with (the first occurrence after the start; empty when the start is the whole part),
/// and whether reading the file as plain text flags something in it.
type Region = (&'static str, &'static str, &'static str, bool);

const POST_REGIONS: &[Region] = &[
    ("front matter", "---\n", "\n---\n", true),
    ("inline code", "`he go to school`", "", true),
    ("code block", "```text\n", "\n```\n", true),
    ("link target", "](https://", ")", false),
    ("image target", "](images/", ")", false),
    ("inline math", "$x$", "", false),
    ("HTML comment", "<!-- Remember", "-->", true),
    (
        "disabled region",
        "<!-- ownvoice-disable -->",
        "<!-- ownvoice-enable -->",
        true,
    ),
    (
        "disabled next line",
        "<!-- ownvoice-disable-next-line",
        "late.\n",
        true,
    ),
];

const PAPER_REGIONS: &[Region] = &[
    ("preamble", "\\documentclass", "\\begin{document}", true),
    ("comment", "% he go to school", "\n", true),
    ("inline math", "$n$", "", false),
    ("citation", "\\cite{smith2020}", "", false),
    ("equation", "\\begin{equation}", "\\end{equation}", true),
    ("align", "\\begin{align}", "\\end{align}", true),
    ("graphics file", "\\includegraphics", "}\n", false),
    ("disabled region", "% ownvoice: off", "% ownvoice: on", true),
];

/// The byte range of `region` in `text`, from its start text to the end of its end text.
fn range(text: &str, (name, start, end, _): &Region) -> Range<usize> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{name}: {start:?} not in the example"));
    let after = from + start.len();
    let to = text[after..]
        .find(end)
        .unwrap_or_else(|| panic!("{name}: {end:?} not after {start:?}"));
    from..after + to + end.len()
}

/// The issues of `ownvoice check --format jsonl` with `args`, the text given on stdin if any.
fn check(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    let mut command = ownvoice();
    command.args(["check", "--format", "jsonl"]).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "issues are expected");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    jsonl(&output.stdout)
}

/// The issues of one path, as (line, column, rule, text).
fn found(issues: &[Value], path: &str) -> Vec<(u64, u64, String, String)> {
    let of_path: Vec<Value> = issues
        .iter()
        .filter(|issue| issue["path"] == path)
        .cloned()
        .collect();
    places(&of_path)
}

fn owned(expected: &[Expected]) -> Vec<(u64, u64, String, String)> {
    expected
        .iter()
        .map(|&(line, column, rule, text)| (line, column, rule.to_string(), text.to_string()))
        .collect()
}

/// The byte ranges of the issues of one path.
fn spans(issues: &[Value], path: &str) -> Vec<Range<usize>> {
    issues
        .iter()
        .filter(|issue| issue["path"] == path)
        .map(|issue| {
            let start = issue["byte_start"].as_u64().unwrap() as usize;
            let end = issue["byte_end"].as_u64().unwrap() as usize;
            start..end
        })
        .collect()
}

#[test]
fn examples_folder_flags_exactly_the_planted_mistakes() {
    let issues = check(&["examples/"], None);
    assert_eq!(found(&issues, POST), owned(POST_ISSUES));
    assert_eq!(found(&issues, PAPER), owned(PAPER_ISSUES));
    assert!(
        !found(&issues, SAMPLE).is_empty(),
        "sample.txt is checked too"
    );
    // Each flagged text is exactly what the file holds at the issue's byte span.
    for path in [POST, PAPER] {
        let text = std::fs::read_to_string(path).unwrap();
        for (span, (.., flagged)) in spans(&issues, path).into_iter().zip(found(&issues, path)) {
            assert_eq!(text[span], flagged, "{path}");
        }
    }
}

#[test]
fn no_issue_lies_in_what_is_not_prose_or_is_disabled() {
    let issues = check(&["examples/"], None);
    for (path, regions) in [(POST, POST_REGIONS), (PAPER, PAPER_REGIONS)] {
        let text = std::fs::read_to_string(path).unwrap();
        for region in regions {
            let skipped = range(&text, region);
            for span in spans(&issues, path) {
                assert!(
                    span.end <= skipped.start || skipped.end <= span.start,
                    "{path}: issue {:?} lies in the {}",
                    &text[span],
                    region.0
                );
            }
        }
    }
}

/// Read as plain text, each example shows mistakes in the parts its own format skips.
fn plain_reading_flags_the_skipped_parts(path: &str, regions: &[Region]) {
    let text = std::fs::read_to_string(path).unwrap();
    let issues = check(&["--input-format", "plain", "-"], Some(&text));
    let flagged = spans(&issues, "-");
    for region in regions.iter().filter(|region| region.3) {
        let skipped = range(&text, region);
        assert!(
            flagged
                .iter()
                .any(|span| skipped.start <= span.start && span.end <= skipped.end),
            "{path} as plain text: nothing flagged in the {}",
            region.0
        );
    }
}

#[test]
fn post_read_as_plain_text_is_flagged_inside_its_code_block() {
    plain_reading_flags_the_skipped_parts(POST, POST_REGIONS);
}

#[test]
fn paper_read_as_plain_text_is_flagged_in_its_preamble_math_and_comments() {
    plain_reading_flags_the_skipped_parts(PAPER, PAPER_REGIONS);
}
