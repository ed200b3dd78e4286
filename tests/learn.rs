//! Whole-binary tests of `learn`, `explain`, `progress` and the journal: the real engine on
//! real sentences; the interactive session driven through a pseudo-terminal.

use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

mod common;
use common::{one_error_line, ownvoice, write};

/// Two issues: "He need" (agreement) and "Do he have" (question form).
const TWO: &str = "He need more time to finish the work. Do he have a car?\n";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn press(pty: &mut rexpect::session::PtySession, key: &str) {
    pty.send(key).unwrap();
    pty.flush().unwrap();
}

#[test]
fn the_hint_ladder_in_a_real_terminal() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "two.txt", TWO);
    // After ownvoice exits, `stty -a` shows whether the terminal was given back in its
    // normal (canonical, echoing) mode.
    let script = format!(
        "'{}' learn '{path}'; stty -a",
        env!("CARGO_BIN_EXE_ownvoice")
    );
    let mut command = Process::new("sh");
    command
        .args(["-c", &script])
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .env("TERM", "xterm");
    let mut pty = rexpect::session::spawn_command(command, Some(20_000)).unwrap();

    let mut seen = pty.exp_string("Issue 1 of 2").unwrap();
    seen += &pty.exp_string("Hint 1 of 4, where:").unwrap();
    seen += &pty
        .exp_string("Something here is not quite right.")
        .unwrap();
    press(&mut pty, "h");
    seen += &pty.exp_string("Hint 2 of 4, what kind:").unwrap();
    seen += &pty
        .exp_string("Subject and verb agreement (grammar)")
        .unwrap();
    press(&mut pty, "h");
    seen += &pty.exp_string("Hint 3 of 4, why:").unwrap();
    let correct = &ownvoice::catalogue::catalogue()
        .entry("subject-verb-agreement")
        .unwrap()
        .correct;
    seen += &pty.exp_string(correct).unwrap();
    assert!(
        !seen.contains("one option is"),
        "no suggestion before rung 4"
    );
    assert!(!seen.contains("Hint 4 of 4"));
    press(&mut pty, "h");
    pty.exp_string("Hint 4 of 4, a suggestion to consider, never applied:")
        .unwrap();
    pty.exp_string("one option is ").unwrap();
    pty.exp_string("needs").unwrap();
    press(&mut pty, "n");
    pty.exp_string("Issue 2 of 2").unwrap();
    press(&mut pty, "q");
    pty.exp_string("Grammar points met this time (2 of 2 issues):")
        .unwrap();
    // Raw mode turns off canonical input, signals and output processing; all must be back.
    let stty = pty.exp_eof().unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "isig", "opost"] {
        assert!(
            flags.contains(&flag) && !flags.contains(&format!("-{flag}").as_str()),
            "{stty}"
        );
    }
}

#[test]
fn without_a_terminal_learn_prints_the_first_issue() {
    let output = ownvoice()
        .args(["learn", "-"])
        .write_stdin(TWO)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("Issue 1 of 2 · -:1:4\n"), "{text}");
    assert!(text.contains("Hint 1 of 4 (where): Something here is not quite right."));
    assert!(!text.contains("Hint 2 of 4"), "{text}");
    assert!(text.contains("   ^^^^\n"), "carets under 'need': {text}");
}

#[test]
fn issue_k_at_the_chosen_rung() {
    let output = ownvoice()
        .args(["learn", "--issue", "2", "--start-hint", "4", "-"])
        .write_stdin(TWO)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("Issue 2 of 2 · -:1:39\n"), "{text}");
    for rung in 1..=4 {
        assert!(text.contains(&format!("Hint {rung} of 4 (")), "{text}");
    }
    assert!(text.contains("one option is “Does”"), "{text}");

    let output = ownvoice()
        .args(["learn", "--issue", "3", "-"])
        .write_stdin(TWO)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        errors.trim_end(),
        "ownvoice: -: there is no issue 3; the text has 2"
    );
}

#[test]
fn a_clean_text_has_nothing_to_learn() {
    let output = ownvoice()
        .args(["learn", "-"])
        .write_stdin("He needs more time to finish the work.\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("No issues found in -"));
}

#[test]
fn the_journal_holds_counts_and_never_the_text() {
    let data = TempDir::new().unwrap();
    let text = "Yesterday my brother and I walked along the river. He need more time to \
                rest. Do he have a bicycle? This books are heavy.\n";
    for command in [&["check", "-"][..], &["learn", "-"]] {
        Command::cargo_bin("ownvoice")
            .unwrap()
            .env("OWNVOICE_CACHE_DIR", common::CACHE)
            .args(command)
            .env("OWNVOICE_DATA_DIR", data.path())
            .env_remove("OWNVOICE_NO_JOURNAL")
            .write_stdin(text)
            .assert()
            .code(1);
    }
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{journal}");
    assert_eq!(lines[0]["command"], "check");
    assert_eq!(lines[0]["points"]["subject-verb-agreement"], 1);
    assert_eq!(lines[0]["points"]["question-forms"], 1);
    assert_eq!(lines[0]["words"], 24);
    assert_eq!(lines[1]["command"], "learn");
    assert_eq!(
        lines[1]["points"]["subject-verb-agreement"], 1,
        "learn counts what was shown"
    );
    // Every string in the journal is a name of ours (fields, commands, grammar point and rule
    // ids); with those removed, no word of the text is left in it.
    let mut rest = journal.clone();
    let mut names: Vec<String> = [
        "command", "points", "rules", "words", "time", "check", "learn", "v",
    ]
    .map(String::from)
    .to_vec();
    for line in &lines {
        for key in ["points", "rules"] {
            names.extend(line[key].as_object().unwrap().keys().cloned());
        }
    }
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    for name in &names {
        rest = rest.replace(&format!("\"{name}\""), "");
    }
    assert!(
        !rest.chars().any(char::is_alphabetic),
        "text left in the journal: {rest}"
    );
    for name in &names[..names.len() - 8] {
        let known = ownvoice::catalogue::catalogue().entry(name).is_some()
            || (name.contains('/')
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '/' || c == '_'));
        assert!(known, "{name} is neither a grammar point nor a rule id");
    }
    // --no-journal and OWNVOICE_NO_JOURNAL keep a run out of it.
    Command::cargo_bin("ownvoice")
        .unwrap()
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .args(["check", "--no-journal", "-"])
        .env("OWNVOICE_DATA_DIR", data.path())
        .env_remove("OWNVOICE_NO_JOURNAL")
        .write_stdin(text)
        .assert()
        .code(1);
    ownvoice()
        .args(["check", "-"])
        .env("OWNVOICE_DATA_DIR", data.path())
        .write_stdin(text)
        .assert()
        .code(1);
    let after = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    assert_eq!(after, journal);
}

#[test]
fn an_unwritable_journal_is_a_warning_not_a_failure() {
    let data = TempDir::new().unwrap();
    // The journal's place is taken by a folder, so it cannot be opened for appending.
    std::fs::create_dir(data.path().join("journal.jsonl")).unwrap();
    let output = Command::cargo_bin("ownvoice")
        .unwrap()
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .args(["check", "--format", "line", "-"])
        .env("OWNVOICE_DATA_DIR", data.path())
        .env_remove("OWNVOICE_NO_JOURNAL")
        .write_stdin(TWO)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(
        errors.starts_with("ownvoice: warning: progress not recorded"),
        "{errors}"
    );
}

#[test]
fn progress_lists_the_most_frequent_points_with_their_trend() {
    let data = TempDir::new().unwrap();
    let mut journal = String::new();
    // Articles go down (6, 4, 2, 1 per 1,000 words), agreement goes up, a/an stays put,
    // plus a torn line that must be skipped with a warning.
    for (i, (articles, agreement)) in [(6, 1), (4, 2), (2, 3), (1, 4)].iter().enumerate() {
        journal.push_str(&format!(
            "{{\"v\":1,\"time\":{},\"command\":\"check\",\"words\":1000,\"points\":{{\"articles\":{articles},\"subject-verb-agreement\":{agreement},\"a-an\":1}},\"rules\":{{}}}}\n",
            1_700_000_000 + i * 3600
        ));
    }
    journal.push_str("{\"v\":1,\"time\":17000");
    std::fs::write(data.path().join("journal.jsonl"), &journal).unwrap();
    let output = Command::cargo_bin("ownvoice")
        .unwrap()
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .args(["progress", "--color", "never"])
        .env("OWNVOICE_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("articles") || l.contains("subject-verb") || l.contains("a-an"))
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows[0].contains("articles") && rows[0].contains("going down"),
        "{text}"
    );
    assert!(
        rows[1].contains("subject-verb-agreement") && rows[1].contains("going up"),
        "{text}"
    );
    assert!(
        rows[2].contains("a-an") && rows[2].contains("steady"),
        "{text}"
    );
    let errors = String::from_utf8(output.stderr).unwrap();
    assert!(errors.contains("skipped 1 unreadable line"), "{errors}");
}

#[test]
fn explain_prints_the_lesson_and_suggests_close_ids() {
    let output = ownvoice().args(["explain", "then-than"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("Then or than\n"), "{text}");
    assert!(text.contains("✗ ") && text.contains("✓ "));
    assert!(
        text.contains("ownvoice explain comparatives-superlatives"),
        "related points: {text}"
    );

    let output = ownvoice().args(["explain", "then-tahn"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert!(
        errors.contains("'then-tahn'") && errors.contains("then-than"),
        "{errors}"
    );
    assert!(output.stdout.is_empty());

    let list = stdout(&ownvoice().args(["explain", "--list"]).output().unwrap());
    assert!(
        list.lines()
            .any(|l| l.starts_with("subject-verb-agreement ")),
        "{list}"
    );
    assert!(list.lines().count() > 40);
}

#[test]
fn learn_refuses_bad_input_in_one_line() {
    let dir = TempDir::new().unwrap();
    let binary = write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0");
    let missing = dir.path().join("missing.txt").to_str().unwrap().to_string();
    let folder = dir.path().to_str().unwrap().to_string();
    for (path, cause) in [
        (&binary, "binary"),
        (&missing, "no such file"),
        (&folder, "directory"),
    ] {
        let output = ownvoice().args(["learn", path]).output().unwrap();
        one_error_line(&output, &[path.as_str(), cause]);
        assert!(output.stdout.is_empty());
    }
}
