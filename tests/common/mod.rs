//! Helpers shared by the whole-binary tests.

#![allow(dead_code)] // each test file uses its own subset

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The binary, isolated from the user's setup: no colour override, no journal, no personal
/// dictionary.
pub fn ownvoice() -> Command {
    let mut command = Command::cargo_bin("ownvoice").unwrap();
    command
        .env_remove("NO_COLOR")
        .env("OWNVOICE_NO_JOURNAL", "1")
        .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config");
    command
}

/// Writes a file into `dir` and returns its path.
pub fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// Parses jsonl output, one object per line.
pub fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}
