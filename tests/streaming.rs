//! `ownvoice check` reports a file as it is checked, in input order, and shows at most
//! `--max-issues` issues per file with a note of what was left out: whole-binary tests with
//! the real engines on real sentences.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use common::{jsonl, ownvoice, write};
use tempfile::TempDir;

/// One agreement mistake.
const MISTAKE: &str = "My brother need more time to finish his homework.\n\n";
/// Another, of another rule.
const OTHER: &str = "She go to the library every Saturday morning.\n\n";
/// Paragraphs without any issue, to give the engines work between the mistakes.
const CLEAN: &str = "The students write long essays every week, and their teacher reads each \
                     one carefully before the next class begins.\n\nOn Sundays the market is \
                     busy, so people arrive early to buy fresh bread, fruit and vegetables.\n\n";

fn stdout_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_file_with_more_issues_than_the_limit_shows_the_limit_and_says_what_was_left_out() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "many.txt", MISTAKE.repeat(12));
    let output = ownvoice()
        .args(["check", "--format", "line", "--max-issues", "5", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "issues were found");
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 5, "{lines:?}");
    for (i, line) in lines.iter().enumerate() {
        // Paragraph i starts on line 2i + 1: the first five, in order.
        assert!(
            line.starts_with(&format!("{path}:{}:4: grammar:", 2 * i + 1)),
            "{line}"
        );
    }
    // The note is on standard error, out of the way of programs reading the lines.
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        errors,
        format!(
            "ownvoice: {path}: only the first 5 issues are shown; checking stopped after \
             line 9 of 24 (--max-issues 0 shows them all)\n"
        )
    );

    // The human report says it in the report, and in its summary.
    let output = ownvoice()
        .args(["check", "--color", "never", "--max-issues", "3", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.matches("need more time").count(), 3, "{text}");
    assert!(
        text.contains(&format!(
            "{path}: only the first 3 issues are shown; checking stopped after line 5 of 24"
        )),
        "{text}"
    );
    assert!(
        text.ends_with("3 issues in 1 file; 1 file not shown whole (--max-issues)\n"),
        "{text}"
    );
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");

    // Without a limit (0, or jsonl's default), every issue.
    for args in [
        &["--format", "line", "--max-issues", "0"][..],
        &["--format", "jsonl"],
    ] {
        let output = ownvoice()
            .arg("check")
            .args(args)
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.stdout.iter().filter(|&&b| b == b'\n').count(), 12);
        assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    }
}

#[test]
fn a_limit_reached_in_the_last_paragraph_counts_what_it_hides() {
    let dir = TempDir::new().unwrap();
    let text = format!("{CLEAN}My brother need more time. She go home. He need it too.\n");
    let path = write(&dir, "last.txt", &text);
    let all = jsonl(
        &ownvoice()
            .args(["check", "--format", "jsonl", &path])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(all.len() >= 2, "{all:?}");
    let output = ownvoice()
        .args(["check", "--format", "jsonl", "--max-issues", "1", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(jsonl(&output.stdout), all[..1]);
    let errors = String::from_utf8(output.stderr).unwrap();
    let hidden = all.len() - 1;
    let verb = if hidden == 1 { "was" } else { "were" };
    assert_eq!(
        errors,
        format!(
            "ownvoice: {path}: only the first issue is shown; {hidden} more {verb} found \
             (--max-issues 0 shows them all)\n"
        )
    );
}

#[test]
fn the_limit_can_be_set_in_the_project_configuration_and_the_flag_wins() {
    let dir = TempDir::new().unwrap();
    write(&dir, "many.txt", MISTAKE.repeat(4));
    write(&dir, ".ownvoice.toml", "max-issues = 2\n");
    let count = |extra: &[&str]| {
        let output = ownvoice()
            .current_dir(dir.path())
            .args(["check", "--format", "jsonl", "many.txt"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        jsonl(&output.stdout).len()
    };
    assert_eq!(count(&[]), 2, "the configuration applies to every format");
    assert_eq!(count(&["--max-issues", "3"]), 3);
    assert_eq!(count(&["--max-issues", "0"]), 4);
    let shown = ownvoice()
        .current_dir(dir.path())
        .arg("config")
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("max-issues = 2"), "{shown}");
}

#[test]
fn issues_come_in_input_order_across_files_and_paragraphs() {
    let dir = TempDir::new().unwrap();
    // A long paragraph first, so that later short ones are done before it.
    let long = format!(
        "{}{}",
        CLEAN.replace("\n\n", " ").repeat(20),
        MISTAKE.trim_end()
    );
    let first = write(
        &dir,
        "b.txt",
        format!("{long}\n\n{OTHER}{CLEAN}{MISTAKE}{OTHER}"),
    );
    let second = write(&dir, "a.txt", format!("{OTHER}{MISTAKE}").repeat(5));
    let output = ownvoice()
        .args(["check", "--no-cache", "--format", "jsonl", &first, &second])
        .output()
        .unwrap();
    let issues = jsonl(&output.stdout);
    let places: Vec<(String, u64)> = issues
        .iter()
        .map(|issue| {
            (
                issue["path"].as_str().unwrap().to_string(),
                issue["byte_start"].as_u64().unwrap(),
            )
        })
        .collect();
    // Paths in the order given, offsets increasing in each.
    let mut expected = places.clone();
    expected.sort_by_key(|(path, at)| (path != &first, *at));
    assert_eq!(places, expected);
    assert_eq!(places.iter().filter(|(path, _)| path == &first).count(), 4);
    assert_eq!(
        places.iter().filter(|(path, _)| path == &second).count(),
        10
    );
}

#[test]
fn the_first_issue_of_a_long_file_is_shown_while_the_rest_is_still_being_checked() {
    let dir = TempDir::new().unwrap();
    // About 100 KB: many seconds of work. The first paragraph has a mistake, and so does
    // every tenth after it, a hundred in all.
    let text = format!(
        "{MISTAKE}{}",
        format!("{}{MISTAKE}", CLEAN.repeat(5)).repeat(99)
    );
    let path = write(&dir, "long.txt", &text);
    // Without the cache, so that the engines check every paragraph.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ownvoice"))
        .args(["check", "--no-cache", "--format", "line", &path])
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(
        first.starts_with(&format!("{path}:1:4: grammar:")),
        "{first}"
    );
    // Stopped as soon as the first line arrived: a report written at the end would be
    // whole in the pipe by now (it is far smaller than a pipe holds).
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(running, "the run had ended when its first line arrived");
    assert!(
        rest.lines().count() < 50,
        "{} of 100 lines were already written",
        rest.lines().count() + 1
    );
}

#[test]
fn a_file_that_is_one_long_line_is_checked_in_windows_and_cut_inside_the_line() {
    let dir = TempDir::new().unwrap();
    // About 60 KB in one line: more than one window of whole sentences.
    let sentence = "My brother need more time to finish his homework. ";
    let text = format!("{}\n", sentence.repeat(1_200));
    let path = write(&dir, "one.txt", &text);
    // Every mistake once, none lost or found twice where one window meets the next.
    let output = ownvoice()
        .args(["check", "--format", "jsonl", &path])
        .output()
        .unwrap();
    let flagged: Vec<u64> = jsonl(&output.stdout)
        .iter()
        .filter(|issue| issue["text"] == "brother need")
        .map(|issue| issue["byte_start"].as_u64().unwrap())
        .collect();
    let planted: Vec<u64> = text
        .match_indices("brother need")
        .map(|(at, _)| at as u64)
        .collect();
    assert_eq!(flagged, planted);

    let output = ownvoice()
        .args(["check", "--format", "line", "--max-issues", "3", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout_lines(&output);
    let columns: Vec<String> = (0..3)
        .map(|i| format!("{path}:1:{}: grammar:", 4 + i * sentence.len()))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (line, start) in lines.iter().zip(&columns) {
        assert!(line.starts_with(start), "{line}");
    }
    let errors = String::from_utf8(output.stderr).unwrap();
    let prefix = format!(
        "ownvoice: {path}: only the first 3 issues are shown; checking stopped at line 1, column "
    );
    assert!(errors.starts_with(&prefix), "{errors}");
    assert!(errors.contains("% into the file"), "{errors}");
}
