//! `ownvoice check --format sarif` and `--format github`, whole-binary: the SARIF log is
//! validated against the SARIF 2.1.0 JSON schema (not in this repository: read from the
//! `serde-sarif` package in cargo's cache, see [`schema`]), and its places are checked against the real engine's
//! findings, with columns in UTF-16 code units.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{jsonl, ownvoice, write};

/// An emoji (two UTF-16 code units, one `char`, four bytes) before the mistake, so that the
/// three ways of counting columns differ.
const TEXT: &str = "We met at the café 🙂 on Monday.\nAna 🙂 said it twice. He need more time to mark the tests.\n";

/// The SARIF 2.1.0 JSON schema. It is not in this repository (what the repository holds, we
/// wrote): the test reads the copy that the published `serde-sarif` 0.8.0 package (MIT)
/// carries as `src/schema.json`, from cargo's own cache, asking cargo to fetch the package
/// first as build.rs does for the engine data. Its SHA-256 is checked, so the schema the test
/// validates against never changes under it.
fn schema() -> Value {
    const PACKAGE: &str = "serde-sarif-0.8.0";
    const INSIDE: &str = "src/schema.json";
    const SHA256: &str = "af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea";
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let find = || -> Option<Vec<u8>> {
        for registry in std::fs::read_dir(home.join("registry/src")).ok()?.flatten() {
            if let Ok(bytes) = std::fs::read(registry.path().join(PACKAGE).join(INSIDE)) {
                return Some(bytes);
            }
        }
        for registry in std::fs::read_dir(home.join("registry/cache"))
            .ok()?
            .flatten()
        {
            let archive = registry.path().join(format!("{PACKAGE}.crate"));
            if archive.is_file() {
                let output = Command::new("tar")
                    .arg("-xzOf")
                    .arg(&archive)
                    .arg(format!("{PACKAGE}/{INSIDE}"))
                    .output()
                    .unwrap();
                assert!(output.status.success(), "tar could not read {archive:?}");
                return Some(output.stdout);
            }
        }
        None
    };
    let bytes = find().unwrap_or_else(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["info", "serde-sarif@0.8.0"])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "`cargo info serde-sarif@0.8.0` failed");
        find().expect("cargo fetched serde-sarif 0.8.0, but it is not in its cache")
    });
    let mut sha = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    sha.stdin.take().unwrap().write_all(&bytes).unwrap();
    let sum = String::from_utf8(sha.wait_with_output().unwrap().stdout).unwrap();
    assert!(sum.starts_with(SHA256), "the SARIF schema changed: {sum}");
    serde_json::from_slice(&bytes).unwrap()
}

/// Checks `log` against the SARIF 2.1.0 schema, with format assertions (URIs) on.
fn assert_valid(log: &Value) {
    let schema = schema();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("file:///sarif-schema-2.1.0.json", schema)
        .unwrap();
    let index = compiler
        .compile("file:///sarif-schema-2.1.0.json", &mut schemas)
        .unwrap();
    if let Err(error) = schemas.validate(log, index) {
        panic!("not valid SARIF 2.1.0: {error:#}\n{log:#}");
    }
}

fn sarif(args: &[&str], stdin: &[u8]) -> (Option<i32>, Value, String) {
    let output = ownvoice()
        .args(["check", "--format", "sarif"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "{error}: {}",
            String::from_utf8_lossy(&output.stdout).into_owned()
        )
    });
    let errors = String::from_utf8(output.stderr).unwrap();
    (output.status.code(), log, errors)
}

#[test]
fn a_mistake_is_a_valid_sarif_result_with_utf16_columns_and_our_explanation() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "notes 1.txt", TEXT);
    let output = ownvoice()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "notes 1.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid(&log);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ownvoice");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(run["tool"]["driver"].get("informationUri").is_none());
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    // The same findings as the jsonl report, in the same order.
    let issues = jsonl(
        &ownvoice()
            .args(["check", "--format", "jsonl", &path])
            .output()
            .unwrap()
            .stdout,
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), issues.len());
    assert!(
        issues.iter().any(|issue| issue["text"] == "need"),
        "{issues:?}"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (result, issue) in results.iter().zip(&issues) {
        assert_eq!(result["ruleId"], issue["rule"]);
        assert_eq!(result["level"], "note");
        let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], issue["rule"]);
        assert_eq!(rule["name"], issue["explanation_id"]);
        assert_eq!(rule["shortDescription"]["text"], issue["title"]);
        assert_eq!(rule["fullDescription"]["text"], issue["explanation"]);
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(help.contains("ownvoice explain"), "{help}");

        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "notes%201.txt");
        let region = &location["region"];
        assert_eq!(region["snippet"]["text"], issue["text"]);
        assert_eq!(region["startLine"], issue["line"]);
        assert_eq!(region["endLine"], issue["end_line"]);
        // UTF-16 columns: everything before the flagged words on their line, in code units.
        let line = TEXT
            .lines()
            .nth(issue["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let column = issue["column"].as_u64().unwrap() as usize;
        let before: String = line.chars().take(column - 1).collect();
        let utf16 = before.encode_utf16().count() as u64;
        assert_eq!(region["startColumn"], utf16 + 1, "{line}");
        let flagged = issue["text"].as_str().unwrap();
        if issue["line"] == issue["end_line"] {
            assert_eq!(
                region["endColumn"],
                utf16 + 1 + flagged.encode_utf16().count() as u64
            );
        }
        assert_eq!(region["byteOffset"], issue["byte_start"]);
    }
    // The agreement mistake sits after an emoji: its UTF-16 column is one more than its
    // column in characters.
    let need = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "need")
        .unwrap();
    let region = &need["locations"][0]["physicalLocation"]["region"];
    let at = TEXT.lines().nth(1).unwrap().find("need").unwrap();
    let chars = TEXT.lines().nth(1).unwrap()[..at].chars().count() as u64;
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], chars + 2);
    assert_eq!(region["endColumn"], chars + 6);
    // Never the replacement in the message without --reveal.
    let message = need["message"]["text"].as_str().unwrap();
    assert!(!message.contains("needs"), "{message}");
    assert!(need.get("fixes").is_none());
}

#[test]
fn reveal_adds_the_suggestions_and_never_a_fix() {
    let (code, log, _) = sarif(&["--reveal", "-"], b"He need more time.\n");
    assert_eq!(code, Some(1));
    assert_valid(&log);
    let result = &log["runs"][0]["results"][0];
    let replacements = result["properties"]["replacements"].as_array().unwrap();
    assert!(
        replacements.iter().any(|r| r == "needs"),
        "{replacements:?}"
    );
    assert!(result.get("fixes").is_none());
    // Standard input has no URI, only a description.
    let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(artifact.get("uri").is_none());
    assert_eq!(artifact["description"]["text"], "standard input");
}

#[test]
fn empty_input_is_a_valid_log_without_results() {
    for stdin in [&b""[..], b"\n\n", b"   "] {
        let (code, log, errors) = sarif(&["-"], stdin);
        assert_eq!(code, Some(0), "{errors}");
        assert_valid(&log);
        assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"],
            Value::Array(Vec::new())
        );
    }
}

#[test]
fn unreadable_input_is_one_error_line_and_still_a_valid_log() {
    let dir = TempDir::new().unwrap();
    let binary = write(
        &dir,
        "photo.txt",
        [0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe, 0],
    );
    let latin1 = write(&dir, "latin1.txt", b"He need more time in the caf\xe9.\n");
    let good = write(&dir, "good.txt", "He need more time.\n");
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    for (bad, cause) in [
        (binary.as_str(), "photo.txt"),
        (latin1.as_str(), "latin1.txt"),
        (missing, "missing.txt"),
    ] {
        let (code, log, errors) = sarif(&[bad, &good], b"");
        assert_valid(&log);
        let run = &log["runs"][0];
        assert_eq!(code, Some(2), "{errors}");
        assert_eq!(errors.lines().count(), 1, "{errors}");
        assert!(errors.contains(cause), "{errors}");
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        // The good file is still checked.
        assert_eq!(run["results"].as_array().unwrap().len(), 1, "{log:#}");
    }
    // A folder is searched for text files: its one good file is checked.
    let folder = TempDir::new().unwrap();
    write(&folder, "notes.md", "# Notes\n\nHe need more time.\n");
    let (code, log, errors) = sarif(&[folder.path().to_str().unwrap()], b"");
    assert_eq!(code, Some(1), "{errors}");
    assert_valid(&log);
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        1,
        "{log:#}"
    );
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/notes.md"),
        "{uri}"
    );
}

#[test]
fn github_annotations_are_one_escaped_command_per_issue() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "a,b:c.txt", TEXT);
    let output = ownvoice()
        .args(["check", "--format", "github", &path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let issues = jsonl(
        &ownvoice()
            .args(["check", "--format", "jsonl", &path])
            .output()
            .unwrap()
            .stdout,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), issues.len(), "{text}");
    let escaped = path.replace(',', "%2C").replace(':', "%3A");
    for (line, issue) in lines.iter().zip(&issues) {
        let expected = format!(
            "::notice file={escaped},line={},endLine={},col={},",
            issue["line"], issue["end_line"], issue["column"]
        );
        assert!(line.starts_with(&expected), "{line}\n{expected}");
        let (properties, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        assert!(properties.contains("title=ownvoice%3A "), "{properties}");
        assert!(message.contains(&format!(
            "ownvoice explain {}",
            issue["explanation_id"].as_str().unwrap()
        )));
        assert!(!message.contains('\n'));
    }
    // Standard input has no file property.
    let output = ownvoice()
        .args(["check", "--format", "github", "-"])
        .write_stdin("He need more time.\n")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("::notice line=1,endLine=1,col=4,endColumn=7,"),
        "{text}"
    );
}

#[test]
fn a_log_written_as_issues_come_is_valid_in_order_and_notes_a_file_cut_at_the_limit() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "first.txt",
        "He need more time.\n\nShe go home every day.\n\n".repeat(30),
    );
    write(&dir, "second.txt", TEXT);
    let output = ownvoice()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "--max-issues", "7"])
        .args(["first.txt", "second.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // The standard asks for `version` first.
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("{\n  \"version\": \"2.1.0\","),
        "{text:.200}"
    );
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_valid(&log);
    let run = &log["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    let second = uris.len() - 7;
    assert!(second >= 1, "{uris:?}");
    assert_eq!(uris[..7], ["first.txt"; 7]);
    assert!(uris[7..].iter().all(|uri| *uri == "second.txt"), "{uris:?}");
    // Lines in order within the cut file.
    let lines: Vec<u64> = run["results"].as_array().unwrap()[..7]
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(lines.windows(2).all(|pair| pair[0] < pair[1]), "{lines:?}");
    // Every rule a result names is described, where its index says.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    // What the limit left out: a notification of the invocation, and a line on stderr.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let note = notes[0]["message"]["text"].as_str().unwrap();
    assert!(
        note.starts_with("first.txt: only the first 7 issues are shown; checking stopped"),
        "{note}"
    );
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "first.txt"
    );
    let errors = String::from_utf8(output.stderr).unwrap();
    assert_eq!(errors, format!("ownvoice: {note}\n"));
}
