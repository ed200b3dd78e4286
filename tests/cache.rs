//! The result cache, through the binary: results are the same with and without it, only the
//! paragraphs that changed are checked again, and a damaged or unwritable cache costs a
//! re-check or a warning, never a wrong result.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{ownvoice, write};
use tempfile::TempDir;

const ESSAY: &str = "My brother have three informations about the trip.\n\n\
                     We discussed about the plan yesterday and we recieve the tickets.\n\n\
                     She can speaks English and French very well.\n";

/// `ownvoice check --format jsonl -v` with the cache in `cache` (or `--no-cache`).
fn check(cache: Option<&Path>, args: &[&str]) -> Output {
    let mut command = ownvoice();
    command.args(["check", "--format", "jsonl", "--verbose"]);
    match cache {
        Some(dir) => command.env("OWNVOICE_CACHE_DIR", dir),
        None => command.arg("--no-cache"),
    };
    command.args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The report and exit status, which the cache must never change.
fn result(output: &Output) -> (Option<i32>, String) {
    (
        output.status.code(),
        String::from_utf8(output.stdout.clone()).unwrap(),
    )
}

#[test]
fn results_are_the_same_with_and_without_the_cache() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let essay = write(&dir, "essay.txt", ESSAY);
    let inputs = [
        essay.as_str(),
        "examples/sample.txt",
        "examples/post.md",
        "examples/paper.tex",
    ];
    let uncached = check(None, &inputs);
    assert_eq!(uncached.status.code(), Some(1), "{}", stderr(&uncached));
    assert!(
        stderr(&uncached).contains("no cache"),
        "{}",
        stderr(&uncached)
    );

    let first = check(Some(&cache), &inputs);
    assert!(
        stderr(&first).contains(" 0 from the cache"),
        "{}",
        stderr(&first)
    );
    let second = check(Some(&cache), &inputs);
    assert!(
        stderr(&second).contains(" 0 checked; engines not loaded"),
        "{}",
        stderr(&second)
    );
    assert_eq!(result(&first), result(&uncached));
    assert_eq!(result(&second), result(&uncached));

    // `learn` reads the same cache, to the same effect.
    let learn = |cache: &str| {
        let output = ownvoice()
            .args(["learn", "--issue", "2", &essay])
            .env("OWNVOICE_CACHE_DIR", cache)
            .output()
            .unwrap();
        result(&output)
    };
    let fresh = dir.path().join("fresh");
    assert_eq!(
        learn(cache.to_str().unwrap()),
        learn(fresh.to_str().unwrap())
    );
}

#[test]
fn only_the_edited_paragraph_is_checked_again() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let essay = write(&dir, "essay.txt", ESSAY);
    check(Some(&cache), &[&essay]);
    let edited = ESSAY.replace("discussed about", "talked about");
    fs::write(&essay, &edited).unwrap();

    let again = check(Some(&cache), &[&essay]);
    assert!(
        stderr(&again).contains("3 paragraphs: 2 from the cache, 1 checked"),
        "{}",
        stderr(&again)
    );
    assert_eq!(result(&again), result(&check(None, &[&essay])));
    // The edited paragraph lost its preposition issue and kept its spelling one.
    let report = result(&again).1;
    assert!(!report.contains("about the"), "{report}");
    assert!(report.contains("\"recieve\""), "{report}");
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let essay = write(&dir, "essay.txt", ESSAY);
    let first = check(Some(&cache), &[&essay]);
    let files: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("findings-")
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    // A cache file cut short, and one filled with other bytes of the same length.
    let whole = fs::read(&files[0]).unwrap();
    let garbage: Vec<u8> = whole.iter().map(|b| b.wrapping_mul(7) ^ 0x5a).collect();
    for damaged in [whole[..whole.len() / 2].to_vec(), garbage] {
        fs::write(&files[0], damaged).unwrap();
        let again = check(Some(&cache), &[&essay]);
        assert_eq!(result(&again), result(&first));
        let said = stderr(&again);
        assert!(said.contains(" 0 from the cache, 3 checked"), "{said}");
        assert_eq!(said.lines().count(), 1, "only the --verbose line: {said}");
        let rebuilt = check(Some(&cache), &[&essay]);
        assert!(
            stderr(&rebuilt).contains("engines not loaded"),
            "{}",
            stderr(&rebuilt)
        );
    }
}

#[test]
fn settings_that_change_findings_are_not_answered_from_another_settings_cache() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let essay = write(&dir, "essay.txt", ESSAY);
    let words = write(&dir, "words.txt", "recieve\n");
    let flagged = |output: &Output| result(output).1.contains("\"recieve\"");

    assert!(flagged(&check(Some(&cache), &[&essay])));
    let with_dictionary = check(Some(&cache), &["--dictionary", &words, &essay]);
    assert!(!flagged(&with_dictionary), "{}", result(&with_dictionary).1);
    let without_spelling = check(Some(&cache), &["--disable", "HARPER/SpellCheck", &essay]);
    assert!(!flagged(&without_spelling));
    assert!(flagged(&check(Some(&cache), &[&essay])));
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_a_warning_and_the_report_is_whole() {
    let dir = TempDir::new().unwrap();
    let essay = write(&dir, "essay.txt", ESSAY);
    let not_a_folder = write(&dir, "cache", "a file, not a folder");
    let output = check(Some(Path::new(&not_a_folder)), &[&essay]);
    assert_eq!(result(&output), result(&check(None, &[&essay])));
    let said = stderr(&output);
    let warning = format!("ownvoice: warning: results not cached in {not_a_folder}: ");
    assert!(said.starts_with(&warning), "{said}");
    assert_eq!(
        said.lines().count(),
        2,
        "the warning and the --verbose line: {said}"
    );
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let essay = write(&dir, "essay.txt", ESSAY);
    ownvoice()
        .args(["check", "--no-cache", &essay])
        .env("OWNVOICE_CACHE_DIR", &cache)
        .assert()
        .code(1);
    assert!(!cache.exists());
}
