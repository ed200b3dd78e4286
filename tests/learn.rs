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

/// `learn` on `path` in a pseudo-terminal of `columns` x `rows`; after it exits, `stty -a`
/// shows whether the terminal was given back in its normal (canonical, echoing) mode.
fn terminal(path: &str, columns: u16, rows: u16) -> rexpect::session::PtySession {
    let script = format!(
        "stty cols {columns} rows {rows}; '{}' learn '{path}'; stty -a",
        env!("CARGO_BIN_EXE_ownvoice")
    );
    let mut command = Process::new("sh");
    command
        .args(["-c", &script])
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .env("TERM", "xterm");
    rexpect::session::spawn_command(command, Some(30_000)).unwrap()
}

/// Raw mode turns off canonical input, signals and output processing; all must be back.
fn given_back(pty: &mut rexpect::session::PtySession) {
    let stty = pty.exp_eof().unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "isig", "opost"] {
        assert!(
            flags.contains(&flag) && !flags.contains(&format!("-{flag}").as_str()),
            "{stty}"
        );
    }
}

/// The bytes the program wrote: the pseudo-terminal session hands them over one byte per
/// `char`.
fn bytes(read: &str) -> Vec<u8> {
    read.chars().map(|c| c as u32 as u8).collect()
}

/// A terminal screen fed with what the program wrote, to read it as a person would.
struct Screen {
    parser: vt100::Parser,
}

impl Screen {
    fn new(columns: u16, rows: u16) -> Screen {
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        Screen {
            parser: vt100::Parser::new(size(rows), size(columns), 0),
        }
    }

    /// Reads output up to and including `needle`, then up to the end of that draw (the keys
    /// line, drawn last, ends in "q quit"), and returns the screen's rows.
    fn until(&mut self, pty: &mut rexpect::session::PtySession, needle: &str) -> Vec<String> {
        for wanted in [needle, "q quit"] {
            let before = pty.exp_string(wanted).unwrap();
            self.parser.process(&bytes(&before));
            self.parser.process(wanted.as_bytes());
        }
        let (_, columns) = self.parser.screen().size();
        self.parser.screen().rows(0, columns.get()).collect()
    }
}

#[test]
fn the_hint_ladder_in_a_real_terminal() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "two.txt", TWO);
    let mut pty = terminal(&path, 80, 24);
    let mut seen = pty.exp_string("Issue 1 of 2").unwrap();
    seen += &pty.exp_string("Hint 1 of 5, where:").unwrap();
    seen += &pty
        .exp_string("Something here is not quite right.")
        .unwrap();
    press(&mut pty, "h");
    seen += &pty.exp_string("Hint 2 of 5, what kind:").unwrap();
    seen += &pty
        .exp_string("Subject and verb agreement (grammar)")
        .unwrap();
    press(&mut pty, "h");
    seen += &pty.exp_string("Hint 3 of 5, ask yourself:").unwrap();
    seen += &pty.exp_string("Who or what is the subject").unwrap();
    press(&mut pty, "h");
    seen += &pty.exp_string("Hint 4 of 5, why:").unwrap();
    let entry = ownvoice::catalogue::catalogue()
        .entry("subject-verb-agreement")
        .unwrap();
    let (_, correct) = entry.pair_for("He need more time to finish the work.");
    seen += &pty.exp_string(correct).unwrap();
    assert!(
        !seen.contains("One option is"),
        "no suggestion before rung 5"
    );
    assert!(!seen.contains("Hint 5 of 5"));
    press(&mut pty, "h");
    pty.exp_string("Hint 5 of 5, the engine's view, never applied:")
        .unwrap();
    pty.exp_string("The engine says:").unwrap();
    pty.exp_string("One option is ").unwrap();
    pty.exp_string("needs").unwrap();
    press(&mut pty, "n");
    pty.exp_string("Issue 2 of 2").unwrap();
    press(&mut pty, "q");
    pty.exp_string("This session: 2 issues; 2 seen, 0 tried, 0 fixed in a try, 0 skipped.")
        .unwrap();
    pty.exp_string("Grammar points met this time (2 of 2 issues):")
        .unwrap();
    given_back(&mut pty);
}

#[test]
fn a_try_says_only_gone_still_there_or_new_and_skip_leads_to_the_end_screen() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "two.txt", TWO);
    let mut pty = terminal(&path, 80, 24);
    let mut screen = Screen::new(80, 24);
    screen.until(&mut pty, "Issue 1 of 2");
    // Erase the sentence the try starts from, and type a version of it.
    let retype = |pty: &mut rexpect::session::PtySession, sentence: &str| {
        press(pty, "t");
        pty.exp_string("Your version:").unwrap();
        press(pty, &"\x7f".repeat(60));
        press(pty, sentence);
        press(pty, "\r");
    };
    retype(&mut pty, "He need more time to finish the work");
    let rows = screen.until(&mut pty, "still there");
    assert!(
        rows.iter()
            .any(|r| r.contains("This issue is still there.")),
        "{rows:#?}"
    );
    retype(&mut pty, "He needs more time to finish a homework.");
    let rows = screen.until(&mut pty, "appeared");
    let said = rows.join("\n");
    assert!(
        said.contains("This issue is gone, but a new one appeared: countable and uncountable"),
        "{said}"
    );
    // Only the verdict: never the fixed sentence or a suggestion.
    assert!(!said.contains("One option"), "{said}");
    retype(&mut pty, "He needs more time to finish the work.");
    let rows = screen.until(&mut pty, "This issue is gone.");
    assert!(rows[0].starts_with(" Issue 1 of 2"), "{rows:#?}");
    // Skip says so and the counter moves; past the last issue comes the end screen.
    press(&mut pty, "n");
    screen.until(&mut pty, "Issue 2 of 2");
    press(&mut pty, "s");
    let rows = screen.until(&mut pty, "End of the text: 2 issues");
    let end = rows.join("\n");
    assert!(end.contains("1 skipped"), "{end}");
    assert!(end.contains("Skipped this issue"), "{end}");
    for line in [
        "2 of 2 seen",
        "1 of 2 tried",
        "1 of 2 fixed in a try",
        "1 of 2 skipped",
    ] {
        assert!(end.contains(line), "{line}: {end}");
    }
    // The end screen waits: back to the last issue, then out.
    press(&mut pty, "p");
    screen.until(&mut pty, "Issue 1 of 2");
    press(&mut pty, "n");
    screen.until(&mut pty, "End of the text: 2 issues");
    press(&mut pty, "q");
    pty.exp_string("This session: 2 issues; 2 seen, 1 tried, 1 fixed in a try, 1 skipped.")
        .unwrap();
    given_back(&mut pty);
    // The file is as it was: a try never writes it.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TWO);
}

#[test]
fn a_40_by_12_terminal_keeps_header_and_keys_and_scrolls_the_hints() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "two.txt", TWO);
    let mut pty = terminal(&path, 40, 12);
    let mut screen = Screen::new(40, 12);
    screen.until(&mut pty, "Issue 1 of 2");
    for _ in 0..3 {
        press(&mut pty, "h");
    }
    let rows = screen.until(&mut pty, "Hint 4 of 5");
    // The header stays at the top, the keys at the bottom, and the newest hint is in view.
    assert!(rows[0].starts_with(" Issue 1 of 2"), "{rows:#?}");
    assert!(
        rows[11].contains("quit") || rows[10].contains("quit"),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("Hint 4 of 5, why:")),
        "{rows:#?}"
    );
    assert!(rows.iter().any(|r| r.contains("↑ more above")), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("↑↓ scroll")), "{rows:#?}");
    // Scrolling up brings the sentence back, under the same header.
    press(&mut pty, &"\x1b[A".repeat(30));
    // Each key redraws the screen: read draws until the top of the body is in view.
    let mut rows = screen.until(&mut pty, "Hint 1 of 5, where:");
    for _ in 0..30 {
        if rows.iter().any(|r| r.contains("He need more time")) {
            break;
        }
        rows = screen.until(&mut pty, "Issue 1 of 2");
    }
    assert!(rows[0].starts_with(" Issue 1 of 2"), "{rows:#?}");
    assert!(
        rows.iter().any(|r| r.contains("He need more time")),
        "{rows:#?}"
    );
    assert!(!rows.iter().any(|r| r.contains("more above")), "{rows:#?}");
    press(&mut pty, "q");
    pty.exp_string("This session:").unwrap();
    given_back(&mut pty);
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
    assert!(text.contains("Hint 1 of 5 (where): Something here is not quite right."));
    assert!(!text.contains("Hint 2 of 5"), "{text}");
    assert!(text.contains("   ^^^^\n"), "carets under 'need': {text}");
}

#[test]
fn issue_k_at_the_chosen_rung() {
    let output = ownvoice()
        .args(["learn", "--issue", "2", "--start-hint", "5", "-"])
        .write_stdin(TWO)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("Issue 2 of 2 · -:1:39\n"), "{text}");
    for rung in 1..=5 {
        assert!(text.contains(&format!("Hint {rung} of 5 (")), "{text}");
    }
    assert!(text.contains("One option is “Does”"), "{text}");

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
fn the_last_hint_shows_the_engines_message_and_only_suggestions_that_pass() {
    let last_hint = |text: &str| {
        let output = ownvoice()
            .args(["learn", "--start-hint", "5", "--color", "never", "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        let text = stdout(&output);
        text[text.find("Hint 5 of 5").unwrap()..].to_string()
    };
    // Our rule has a message and no replacement: the message is the hint.
    let hint = last_hint("I use internet every day.\n");
    let hint = hint.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        hint.contains(
            "The engine says: 'internet' here is the one that everybody shares, so it takes 'the'."
        ),
        "{hint}"
    );
    // "most student" and "most of the student" fail the engines' own check.
    let hint = last_hint("Most of student like the new teacher.\n");
    assert!(!hint.contains("student”"), "{hint}");
    assert!(!hint.contains("Most student"), "{hint}");
    assert!(hint.contains("did not pass its own check"), "{hint}");
    // A suggestion that passes is shown as one option.
    let hint = last_hint("He need more time.\n");
    assert!(hint.contains("One option is “needs”"), "{hint}");
}

#[test]
fn a_latex_sentence_is_shown_as_prose() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "paper.tex",
        "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n\
         The results was clear.\nHe need more time to finish the \\emph{work}.\n\\end{document}\n",
    );
    let sentence = |k: &str| {
        let output = ownvoice()
            .args(["learn", "--issue", k, "--color", "never", &path])
            .output()
            .unwrap();
        stdout(&output).lines().nth(1).unwrap().to_string()
    };
    // Not glued to the section title, and without the markup around "work".
    assert_eq!(sentence("1"), "  The results was clear.");
    assert_eq!(sentence("2"), "  He need more time to finish the work.");
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
    // Without a terminal, learn shows the first issue: the words of the text up to that
    // issue's sentence are what it went through, and the later issues are not counted.
    assert_eq!(lines[1]["words"], 15, "{journal}");
    assert!(
        lines[1]["points"].get("question-forms").is_none(),
        "{journal}"
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
fn progress_compares_learn_sessions_only_with_learn_sessions() {
    let data = TempDir::new().unwrap();
    let mut journal = String::new();
    // Whole texts checked: articles steady at 5 per 1,000 words. Learn sessions that went
    // through short parts of texts: a higher rate, going down. Mixed together, the learn
    // runs would make articles look as if they went up.
    for (i, (command, words, articles)) in [
        ("check", 1000, 5),
        ("learn", 100, 2),
        ("check", 1000, 5),
        ("learn", 100, 1),
    ]
    .iter()
    .enumerate()
    {
        journal.push_str(&format!(
            "{{\"v\":1,\"time\":{},\"command\":\"{command}\",\"words\":{words},\"points\":{{\"articles\":{articles}}},\"rules\":{{}}}}\n",
            1_700_000_000 + i * 3600
        ));
    }
    std::fs::write(data.path().join("journal.jsonl"), &journal).unwrap();
    let output = Command::cargo_bin("ownvoice")
        .unwrap()
        .args(["progress", "--color", "never"])
        .env("OWNVOICE_DATA_DIR", data.path())
        .output()
        .unwrap();
    let text = stdout(&output);
    let (checks, learns) = text.split_once("In `learn` sessions").expect(&text);
    let row = |table: &str| {
        table
            .lines()
            .find(|l| l.contains("articles"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(checks.contains("last 2 runs"), "{text}");
    assert!(row(checks).contains("steady"), "{text}");
    assert!(row(checks).ends_with(" 5.0"), "{text}");
    assert!(row(learns).contains("going down"), "{text}");
    assert!(row(learns).ends_with(" 10.0"), "{text}");
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
