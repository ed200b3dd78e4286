//! Whole-binary tests of `ownvoice check`: real sentences, the real engine, the exact exit
//! codes, and what reaches standard output and standard error.

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use tempfile::TempDir;

mod common;
use common::{jsonl, one_error_line, ownvoice, write};

const AGREEMENT: &str = "My brother is a teacher. He need more time to mark the tests.\n";
const CLEAN: &str = "My brother is a teacher. He needs more time to mark the tests.\n\
                     We walked to the station together, and the train left on time.\n";

fn stdout_of(command: &mut Command) -> String {
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

#[test]
fn agreement_error_is_flagged_at_its_span_and_explained() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "essay.txt", AGREEMENT.as_bytes());
    let output = ownvoice()
        .args(["check", "--format", "jsonl", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let issues = jsonl(&output.stdout);
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = &issues[0];
    let at = AGREEMENT.find("need").unwrap();
    assert_eq!(issue["path"], path.as_str());
    assert_eq!(issue["text"], "need");
    assert_eq!(issue["byte_start"], at);
    assert_eq!(issue["byte_end"], at + 4);
    assert_eq!(issue["line"], 1);
    assert_eq!(issue["column"], at + 1);
    assert_eq!(issue["explanation_id"], "subject-verb-agreement");
    assert!(issue["explanation"].as_str().unwrap().len() > 60);
    assert!(output.stderr.is_empty());
}

#[test]
fn human_output_underlines_the_words_and_explains_them() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "essay.txt", AGREEMENT.as_bytes());
    let output = ownvoice()
        .args(["check", "--color", "never", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let at = AGREEMENT.find("need").unwrap();
    assert!(
        text.starts_with(&format!("{path}:1:{}: grammar: ", at + 1)),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], format!("1 | {}", AGREEMENT.trim_end()));
    assert_eq!(lines[2], format!("  | {}^^^^", " ".repeat(at)));
    assert!(text.contains("✗ ") && text.contains("✓ "), "{text}");
    assert!(
        text.contains("    full lesson: ownvoice explain subject-verb-agreement\n"),
        "{text}"
    );
    assert_eq!(lines.last().unwrap(), &"1 issue in 1 file");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes with --color never"
    );
}

#[test]
fn clean_text_gives_no_issue_and_exit_zero() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "clean.txt", CLEAN.as_bytes());
    ownvoice()
        .args(["check", "--format", "line", &path])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    let output = ownvoice().args(["check", &path]).output().unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "no issues in 1 file\n"
    );
}

#[test]
fn stdin_is_read_for_dash_and_when_no_path_is_given() {
    for args in [
        &["check", "--format", "line", "-"][..],
        &["check", "--format", "line"],
    ] {
        let output = ownvoice()
            .args(args)
            .write_stdin(AGREEMENT)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let at = AGREEMENT.find("need").unwrap() + 1;
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with(&format!("-:1:{at}: grammar: ")), "{text}");
        assert!(text.trim_end().ends_with("[GRAMMAR/HE_NEED]"), "{text}");
    }
}

#[test]
fn jsonl_offsets_are_right_after_non_ascii_text() {
    let text = "Zoë and Chloé agree.\nCafé owners is open on Sunday.\n";
    let output = ownvoice()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let issues = jsonl(&output.stdout);
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = &issues[0];
    let byte = text.find(" is ").unwrap() + 1;
    let char_start = text[..byte].chars().count();
    assert_eq!(issue["path"], "-");
    assert_eq!(issue["text"], "is");
    assert_eq!(issue["byte_start"], byte);
    assert_eq!(issue["byte_end"], byte + 2);
    assert_eq!(issue["char_start"], char_start);
    assert_eq!(issue["char_end"], char_start + 2);
    assert_ne!(
        byte, char_start,
        "the text before holds multi-byte characters"
    );
    assert_eq!(
        (issue["line"].as_u64(), issue["column"].as_u64()),
        (Some(2), Some(13))
    );
    assert_eq!(
        (issue["end_line"].as_u64(), issue["end_column"].as_u64()),
        (Some(2), Some(15))
    );
    // Every documented field is present; replacements only with --reveal.
    for key in [
        "rule",
        "category",
        "title",
        "message",
        "explanation",
        "explanation_id",
        "text",
    ] {
        assert!(issue[key].is_string(), "{key} in {issue}");
    }
    assert!(issue.get("replacements").is_none());
}

#[test]
fn replacement_words_appear_only_with_reveal() {
    let sentence = "Do he have a car?\n";
    let revealed = jsonl(
        &ownvoice()
            .args(["check", "--format", "jsonl", "--reveal", "-"])
            .write_stdin(sentence)
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(revealed.len(), 1);
    let replacements: Vec<String> = revealed[0]["replacements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert_eq!(replacements, ["Does"]);
    let explanation = revealed[0]["explanation"].as_str().unwrap().to_string();

    for format in ["human", "line", "jsonl"] {
        let hidden = stdout_of(
            ownvoice()
                .args(["check", "--format", format, "-"])
                .write_stdin(sentence),
        );
        assert!(!hidden.is_empty());
        // Our own explanation may use the word in its examples; nothing else may.
        let without_lesson: String = hidden
            .lines()
            .filter(|line| !explanation.contains(line.trim()) || line.trim().is_empty())
            .filter(|line| !line.contains('✗') && !line.contains('✓'))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(&serde_json::to_string(&explanation).unwrap(), "");
        assert!(
            !without_lesson.contains("Does"),
            "{format} output shows the replacement: {without_lesson}"
        );
        let shown = stdout_of(
            ownvoice()
                .args(["check", "--reveal", "--format", format, "-"])
                .write_stdin(sentence),
        );
        if format != "line" {
            assert!(shown.contains("Does"), "{format} --reveal: {shown}");
        }
    }
}

#[test]
fn inputs_are_never_modified() {
    let dir = TempDir::new().unwrap();
    let original = "He need more time.\r\nCafé owners is open.\n".as_bytes();
    let path = write(&dir, "essay.txt", original);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    for format in ["human", "line", "jsonl"] {
        ownvoice()
            .args(["check", "--reveal", "--format", format, &path])
            .assert()
            .code(1);
    }
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn each_bad_input_is_one_line_on_stderr_and_the_rest_is_still_checked() {
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", AGREEMENT.as_bytes());
    let binary = write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin1 = write(&dir, "latin1.txt", b"Caf\xe9 owners are here.\n");
    let missing = dir.path().join("missing.txt").to_str().unwrap().to_string();
    // A folder is searched for text files; one without any is an error of its own.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let folder = empty.to_str().unwrap().to_string();
    let cases = [
        (&binary, "binary"),
        (&latin1, "UTF-8"),
        (&missing, "no such file"),
        (&folder, "folder with no Markdown"),
    ];
    for (path, cause) in cases {
        let output = ownvoice()
            .args(["check", "--format", "line", path, &good])
            .output()
            .unwrap();
        one_error_line(&output, &[path.as_str(), cause]);
        let report = String::from_utf8(output.stdout).unwrap();
        assert!(
            report.contains(&format!("{good}:1:")),
            "the good file is still checked: {report}"
        );
    }
}

#[test]
fn inputs_over_the_size_limit_are_refused_without_reading_them_whole() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("huge.txt");
    // A sparse file: 65 MiB long, almost no disk used.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let path = path.to_str().unwrap();
    let output = ownvoice().args(["check", path]).output().unwrap();
    one_error_line(&output, &[path, "too large"]);
}

#[test]
fn empty_input_has_no_issues() {
    let dir = TempDir::new().unwrap();
    let empty = write(&dir, "empty.txt", b"");
    let blank = write(&dir, "blank.txt", b"\n  \n\t\n");
    ownvoice()
        .args(["check", "--format", "line", &empty, &blank])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    ownvoice()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn unknown_rule_ids_are_an_error_with_a_suggestion() {
    let output = ownvoice()
        .args(["check", "--disable", "GRAMMAR/HE_NEDE", "-"])
        .write_stdin(AGREEMENT)
        .output()
        .unwrap();
    one_error_line(&output, &["'GRAMMAR/HE_NEDE'", "'GRAMMAR/HE_NEED'"]);
    assert!(output.stdout.is_empty());
}

#[test]
fn rules_can_be_disabled_and_style_rules_are_opt_in() {
    ownvoice()
        .args([
            "check",
            "--format",
            "line",
            "--disable",
            "GRAMMAR/HE_NEED",
            "-",
        ])
        .write_stdin(AGREEMENT)
        .assert()
        .code(0)
        .stdout("");
    // "Gonna" is informal: a style choice, the writer's voice, not an error.
    let wordy = "I'm gonna call you after the meeting.\n";
    ownvoice()
        .args(["check", "--format", "line", "-"])
        .write_stdin(wordy)
        .assert()
        .code(0);
    let all = stdout_of(
        ownvoice()
            .args(["check", "--format", "line", "--all-rules", "-"])
            .write_stdin(wordy),
    );
    assert!(all.contains("-:1:5: style: "), "{all}");
    let enabled = stdout_of(
        ownvoice()
            .args(["check", "--format", "line", "--enable", "STYLE", "-"])
            .write_stdin(wordy),
    );
    assert_eq!(all, enabled);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = TempDir::new().unwrap();
    let first = write(&dir, "first.txt", AGREEMENT.as_bytes());
    let big = write(&dir, "big.txt", AGREEMENT.repeat(200).as_bytes());
    // Without the cache, so that big.txt is still being checked when the pipe closes.
    let mut child = Process::new(env!("CARGO_BIN_EXE_ownvoice"))
        .args(["check", "--no-cache", "--format", "line", &first, &big])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The reader is dropped here, while big.txt is being checked: the pipe is closed after
    // one line, like `| head -1`.
    assert!(line.contains("[GRAMMAR/HE_NEED]"), "{line}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
}

#[test]
fn usage_mistakes_are_exit_two() {
    let output = ownvoice()
        .args(["check", "--format", "yaml", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("yaml"));
}

#[test]
fn jsonl_stays_pure_json_with_every_rule_on() {
    // Text that sets off many rules of both engines, including one that prints debugging
    // output of its own in harper-core 3.0.0 (it must never run).
    let text = "I am looking forward to see you. i has a apple , and and then then.\n";
    let output = ownvoice()
        .args(["check", "--all-rules", "--format", "jsonl", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let issues = jsonl(&output.stdout);
    assert!(issues.len() >= 3, "{issues:?}");
    assert!(
        issues
            .iter()
            .any(|i| i["rule"].as_str().unwrap().starts_with("HARPER/"))
    );
}

/// The words flagged by the default rules (spelling among them), `extra` arguments added;
/// `config` is the config folder (for the default personal dictionary).
fn spelling_flags(extra: &[&str], text: &str, config: Option<&std::path::Path>) -> Vec<String> {
    let mut command = ownvoice();
    command.args(["check", "--format", "jsonl"]);
    command.args(extra).arg("-").write_stdin(text);
    if let Some(folder) = config {
        command.env("OWNVOICE_CONFIG_DIR", folder);
    }
    jsonl(&command.output().unwrap().stdout)
        .iter()
        .map(|issue| {
            assert_eq!(issue["explanation_id"], "spelling");
            issue["text"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn spelling_flags_skip_names_acronyms_and_the_other_dialect() {
    let text = "I recieved a letter from my freind in Mallorca.\n\n\
                My favorite colour is grey, and my favourite color is gray.\n\n\
                CO2 and BSE were in the news. We met Dmitry at the station.\n\n\
                Dmitry said the book criticises l'optimisme, and he is good-natured.\n\n\
                The waiters at the \"izakaya\" were kind, etc.\n";
    assert_eq!(spelling_flags(&[], text, None), ["recieved", "freind"]);
    // Spelling is a rule like any other: it can be turned off.
    ownvoice()
        .args([
            "check",
            "--disable",
            "HARPER/SpellCheck",
            "--format",
            "line",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(0);
}

#[test]
fn the_personal_dictionary_silences_spelling_flags() {
    let dir = TempDir::new().unwrap();
    let text = "I recieved a letter from my freind.\n";
    let words = write(&dir, "words.txt", b"# my words\nFreind\n");
    assert_eq!(
        spelling_flags(&["--dictionary", &words], text, None),
        ["recieved"]
    );
    // The default dictionary in the config folder counts too.
    let config = TempDir::new().unwrap();
    std::fs::write(config.path().join("dictionary.txt"), "recieved\n").unwrap();
    assert_eq!(spelling_flags(&[], text, Some(config.path())), ["freind"]);
    // A named dictionary that cannot be read is an error naming it.
    let missing = dir.path().join("nope.txt").to_str().unwrap().to_string();
    let output = ownvoice()
        .args(["check", "--dictionary", &missing, "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    one_error_line(&output, &[&missing, "no such file"]);
}

#[test]
fn a_dialect_narrows_spelling_to_one_variety() {
    let text = "My favorite color is gray and my favourite colour is grey.\n";
    assert!(
        spelling_flags(&[], text, None).is_empty(),
        "both varieties by default"
    );
    assert_eq!(
        spelling_flags(&["--dialect", "us"], text, None),
        ["favourite", "colour", "grey"]
    );
    assert_eq!(
        spelling_flags(&["--dialect", "gb"], text, None),
        ["favorite", "color", "gray"]
    );
}

#[test]
fn a_long_check_shows_progress_on_a_terminal_and_never_in_the_report() {
    let dir = TempDir::new().unwrap();
    // About 150 KB: several seconds of work, well past the bar's one-second delay.
    let paragraph = "My brother is a teacher. He need more time to mark the tests, because \
                     his class is big and the students write long essays every week.\n\n";
    let path = write(&dir, "long.txt", paragraph.repeat(1000).as_bytes());
    let report = dir.path().join("report.txt");
    // Standard error is the terminal; the report goes to a file.
    let script = format!(
        "'{}' check --no-cache --format line '{path}' > '{}'",
        env!("CARGO_BIN_EXE_ownvoice"),
        report.display()
    );
    let mut command = Process::new("sh");
    command
        .args(["-c", &script])
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config")
        .env("TERM", "xterm");
    let mut pty = rexpect::session::spawn_command(command, Some(120_000)).unwrap();
    pty.exp_string("checking file 1 of 1").unwrap();
    pty.exp_eof().unwrap();
    let report = std::fs::read_to_string(report).unwrap();
    assert_eq!(report.lines().count(), 1000, "one issue per paragraph");
    assert!(
        !report.contains("checking"),
        "the bar stays out of the report"
    );
}

#[test]
fn explain_without_an_id_lists_and_a_rule_id_finds_its_lesson() {
    let output = ownvoice().arg("explain").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let list = String::from_utf8(output.stdout).unwrap();
    assert!(
        list.lines().any(|l| l.starts_with("past-participle ")),
        "{list}"
    );
    // The id every report shows, in any case, and with a rule's number.
    for (rule, lesson) in [
        ("GRAMMAR/HAVE_PART_AGREEMENT", "past-participle"),
        ("grammar/have_part_agreement", "past-participle"),
        ("GRAMMAR/HAVE_PART_AGREEMENT/1", "past-participle"),
        ("HARPER/SpellCheck", "spelling"),
        ("OWNVOICE/BE_BASE_VERB", "be-with-base-verb"),
    ] {
        let output = ownvoice().args(["explain", rule]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{rule}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains(&format!("is explained by the lesson '{lesson}'")),
            "{rule}: {text}"
        );
    }
    let output = ownvoice()
        .args(["explain", "GRAMMAR/NOPE"])
        .output()
        .unwrap();
    one_error_line(&output, &["GRAMMAR/NOPE"]);
}

#[test]
fn a_rule_named_without_its_category_gets_the_closest_id() {
    let output = ownvoice()
        .args(["check", "--disable", "spellcheck", "-"])
        .write_stdin("Hello there.\n")
        .output()
        .unwrap();
    one_error_line(&output, &["spellcheck", "did you mean 'HARPER/SpellCheck'"]);
}

#[test]
fn the_spelling_lesson_says_how_to_keep_a_word() {
    let text = stdout_of(ownvoice().args(["explain", "spelling"]));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("add it to your personal dictionary (one word per line in dictionary.txt"),
        "{text}"
    );
}

#[test]
fn config_without_files_says_where_they_would_go() {
    let dir = TempDir::new().unwrap();
    let text = stdout_of(
        ownvoice()
            .env("OWNVOICE_CONFIG_DIR", dir.path())
            .current_dir(dir.path())
            .arg("config"),
    );
    let first = text.lines().next().unwrap();
    let user = dir.path().join("config.toml");
    assert!(
        first.contains(&user.display().to_string()) && first.contains(".ownvoice.toml"),
        "{text}"
    );
}
