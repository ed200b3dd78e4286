//! Inputs that once took superlinear time finish, and still give every issue: a run-on of
//! 50 KB without a full stop (nlprule's matching grew with the cube of a sentence's length:
//! 5 KB took 19 s, 50 KB did not finish in five minutes), a huge word, text without spaces,
//! deep Markdown nesting and long LaTeX arguments. Speed itself is measured by the benchmark
//! (`examples/bench`); here the only bound on time is a generous one that a hang would
//! exceed.

mod common;

use std::time::Duration;

use common::{jsonl, ownvoice, write};
use tempfile::TempDir;

/// Far more than any of these inputs takes when checked in linear time (a few seconds on a
/// loaded two-core machine), far less than the superlinear cost they once had.
const GENEROUS: Duration = Duration::from_secs(300);

/// The issues of a file: (byte offset, rule, flagged text), checked without the cache so that
/// the engines run every time.
fn issues(path: &str) -> Vec<(u64, String, String)> {
    let output = ownvoice()
        .args(["check", "--no-cache", "--format", "jsonl", path])
        .timeout(GENEROUS)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{path}: {:?} {stderr}",
        output.status
    );
    assert!(stderr.is_empty(), "{path}: {stderr}");
    jsonl(&output.stdout)
        .iter()
        .map(|issue| {
            (
                issue["byte_start"].as_u64().unwrap(),
                issue["rule"].as_str().unwrap().to_string(),
                issue["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Where each "she speak" of a text is flagged, and where each one is.
fn agreement(text: &str, found: &[(u64, String, String)]) -> (Vec<u64>, Vec<u64>) {
    let flagged = found
        .iter()
        .filter(|(_, rule, words)| rule.contains("THIRD_PERSON_S") && words == "she speak")
        .map(|(at, _, _)| *at)
        .collect();
    let planted = text
        .match_indices("she speak")
        .map(|(at, _)| at as u64)
        .collect();
    (flagged, planted)
}

#[test]
fn a_50_kb_run_on_gives_every_mistake_once_even_at_the_cuts() {
    let dir = TempDir::new().unwrap();
    // A clause with a mistake every nine words, so that every cut has one next to it.
    let clause = "she speak English with her friends every day";
    let count = 50_000 / (clause.len() + " and ".len());
    let text = vec![clause; count].join(" and ") + "\n";
    let found = issues(&write(&dir, "run-on.txt", &text));
    let (flagged, planted) = agreement(&text, &found);
    assert_eq!(flagged, planted);
    // No issue twice: the windows overlap, and each issue belongs to one of them. (Two rules
    // may flag the same place, "she" also starts the paragraph in lowercase.)
    let mut places: Vec<(u64, &str)> = found
        .iter()
        .map(|(at, rule, _)| (*at, rule.as_str()))
        .collect();
    places.sort();
    places.dedup();
    assert_eq!(places.len(), found.len(), "one issue per place and rule");

    // With commas, the cuts come after them.
    let commas = vec![clause; count / 3].join(", and ") + "\n";
    let found = issues(&write(&dir, "commas.txt", &commas));
    let (flagged, planted) = agreement(&commas, &found);
    assert_eq!(flagged, planted);
}

#[test]
fn a_run_on_after_ordinary_sentences_leaves_their_issues_as_they_were() {
    let dir = TempDir::new().unwrap();
    let sentences = "My brother live in London. He work in a bank near the river.\n";
    let run_on = vec!["we talked about the weather and the news"; 200].join(" and ");
    let alone = issues(&write(&dir, "alone.txt", sentences));
    assert!(!alone.is_empty());
    let text = format!("{} {run_on} and she speak English\n", sentences.trim_end());
    let together = issues(&write(&dir, "together.txt", &text));
    assert_eq!(&together[..alone.len()], &alone[..]);
    assert!(
        together[alone.len()..]
            .iter()
            .any(|(_, _, words)| words == "she speak"),
        "{together:?}"
    );
}

#[test]
fn huge_words_and_text_without_spaces_finish() {
    let dir = TempDir::new().unwrap();
    let word = format!(
        "She speak English. The word {} is long.\n",
        "a".repeat(50_000)
    );
    let found = issues(&write(&dir, "word.txt", &word));
    assert!(found.iter().any(|(at, _, _)| *at == 0), "{found:?}");
    let glued = format!("She speak English. {}\n", "word,".repeat(10_000));
    let found = issues(&write(&dir, "glued.txt", &glued));
    assert!(found.iter().any(|(at, _, _)| *at == 0), "{found:?}");
}

#[test]
fn deep_markdown_nesting_finishes_and_its_prose_is_checked() {
    let dir = TempDir::new().unwrap();
    let quote = format!("{} She speak English.\n", ">".repeat(5_000));
    let found = issues(&write(&dir, "quote.md", &quote));
    assert!(
        found.iter().any(|(_, _, words)| words == "She speak"),
        "{found:?}"
    );
    let list: String = (0..300)
        .map(|depth| format!("{}- He go home.\n", "  ".repeat(depth)))
        .collect();
    issues(&write(&dir, "list.md", &list));
    let brackets = format!(
        "{}She speak English.{}\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    issues(&write(&dir, "brackets.md", &brackets));
    let emphasis = format!(
        "{}She speak English.{}\n",
        "*".repeat(5_000),
        "*".repeat(5_000)
    );
    issues(&write(&dir, "emphasis.md", &emphasis));
}

#[test]
fn long_latex_arguments_finish_and_their_prose_is_checked() {
    let dir = TempDir::new().unwrap();
    let body = |inner: &str| format!("\\begin{{document}}\n{inner}\n\\end{{document}}\n");
    let title = vec!["we talked about the weather and the news"; 400].join(" and ");
    let section = body(&format!("\\section{{She speak English and {title}}}"));
    let found = issues(&write(&dir, "section.tex", &section));
    assert!(
        found.iter().any(|(_, _, words)| words == "She speak"),
        "{found:?}"
    );
    let nested = body(&format!(
        "{}She speak English.{}",
        "\\emph{".repeat(5_000),
        "}".repeat(5_000)
    ));
    let found = issues(&write(&dir, "nested.tex", &nested));
    assert!(
        found.iter().any(|(_, _, words)| words == "She speak"),
        "{found:?}"
    );
    let unclosed = body(&format!("She speak English. {}", "\\emph{a ".repeat(5_000)));
    let found = issues(&write(&dir, "unclosed.tex", &unclosed));
    assert!(
        found.iter().any(|(_, _, words)| words == "She speak"),
        "{found:?}"
    );
    let braces = body(&format!("She speak English. {}text", "{".repeat(50_000)));
    issues(&write(&dir, "braces.tex", &braces));
}

#[test]
fn many_short_paragraphs_are_each_checked() {
    let dir = TempDir::new().unwrap();
    let text: String = (0..2_000)
        .map(|n| format!("She speak English {n} times.\n\n"))
        .collect();
    let found = issues(&write(&dir, "paragraphs.txt", &text));
    let flagged = found
        .iter()
        .filter(|(_, _, words)| words == "She speak")
        .count();
    assert_eq!(flagged, 2_000);
}
