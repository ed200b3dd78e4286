//! Helpers shared by the whole-binary tests.

#![allow(dead_code)] // each test file uses its own subset

pub mod http;
pub mod invariants;

use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The binary, isolated from the user's setup: no colour override, no journal, no personal
/// dictionary. The result cache is one folder shared by every test of the binary, so that
/// most runs answer from it, some at the same time: it must never change a result.
pub fn ownvoice() -> Command {
    let mut command = Command::cargo_bin("ownvoice").unwrap();
    command
        .env_remove("NO_COLOR")
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config")
        .env("OWNVOICE_CACHE_DIR", CACHE);
    command
}

/// A command that runs the ownvoice binary under `wrapper` (a program and its arguments, such
/// as a tracer, that starts the command after them), or directly when `wrapper` is empty.
pub fn under(wrapper: &[&str]) -> std::process::Command {
    let binary = env!("CARGO_BIN_EXE_ownvoice");
    match wrapper.split_first() {
        Some((program, args)) => {
            let mut command = std::process::Command::new(program);
            command.args(args).arg(binary);
            command
        }
        None => std::process::Command::new(binary),
    }
}

/// The result cache every test's runs share, never the user's.
pub const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/ownvoice-cache");

/// Writes a file into `dir` and returns its path.
pub fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// The error line of a run that must end in trouble: exit status 2, exactly one line on
/// standard error, and that line names every one of `names` (the file, the cause).
pub fn one_error_line(output: &Output, names: &[&str]) -> String {
    let errors = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(output.status.code(), Some(2), "{errors}");
    assert_eq!(errors.lines().count(), 1, "{errors}");
    for name in names {
        assert!(errors.contains(name), "{name:?} not in {errors}");
    }
    errors
}

/// Where each issue of a jsonl report is: (line, column, rule, flagged text).
pub fn places(issues: &[Value]) -> Vec<(u64, u64, String, String)> {
    issues
        .iter()
        .map(|issue| {
            (
                issue["line"].as_u64().unwrap(),
                issue["column"].as_u64().unwrap(),
                issue["rule"].as_str().unwrap().to_string(),
                issue["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Parses jsonl output, one object per line.
pub fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}
