//! The benchmark's texts (`examples/bench/prose.rs`, from its fixed seed) give exactly the
//! issues stored in `tests/expected/`: work on speed (parallel paragraphs, the result cache,
//! streaming) must not change what is found. A change to the rules that changes these issues
//! on purpose rewrites the files with `OWNVOICE_BLESS=1 cargo test --release --test
//! benchmark_texts`, and the difference is read in review like any other change.

mod common;

#[path = "../examples/bench/prose.rs"]
#[allow(dead_code)]
mod prose;

use std::fs;
use std::path::Path;

use common::{jsonl, ownvoice};

/// Each issue of the text as `line:column<TAB>rule<TAB>"flagged text"`, in report order (the
/// text quoted and escaped: a flagged span may cross a line break).
fn issues(text: &str) -> String {
    let output = ownvoice()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    jsonl(&output.stdout)
        .iter()
        .map(|issue| {
            format!(
                "{}:{}\t{}\t{:?}\n",
                issue["line"],
                issue["column"],
                issue["rule"].as_str().unwrap(),
                issue["text"].as_str().unwrap()
            )
        })
        .collect()
}

fn compare_with_expected(bytes: usize, name: &str) {
    let text = prose::generate(bytes, prose::SEED);
    let found = issues(&text);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name);
    if std::env::var_os("OWNVOICE_BLESS").is_some() {
        fs::write(&path, &found).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap();
    if found != expected {
        let (found_lines, expected_lines): (Vec<&str>, Vec<&str>) =
            (found.lines().collect(), expected.lines().collect());
        let first = found_lines
            .iter()
            .zip(&expected_lines)
            .position(|(a, b)| a != b)
            .unwrap_or(found_lines.len().min(expected_lines.len()));
        panic!(
            "{name}: {} issues found, {} expected; the first difference is at issue {}:\n  \
             found    {:?}\n  expected {:?}\n(OWNVOICE_BLESS=1 rewrites the file if the change \
             is meant)",
            found_lines.len(),
            expected_lines.len(),
            first + 1,
            found_lines.get(first),
            expected_lines.get(first)
        );
    }
}

#[test]
fn the_2_kb_benchmark_text_gives_the_stored_issues() {
    compare_with_expected(2_000, "bench-2k.txt");
}

#[test]
fn the_200_kb_benchmark_text_gives_the_stored_issues() {
    compare_with_expected(200_000, "bench-200k.txt");
}
