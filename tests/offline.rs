//! No network, proven: the whole pipeline (`check` of plain text, Markdown and LaTeX with the
//! cache and the journal, again from the cache, `learn`, `explain`, `progress`, `config` and
//! an `lsp` session) runs under `strace`, which records every network system call of the
//! process and its threads; any socket of an internet family (IPv4, IPv6, raw packets)
//! fails the test. The same check then runs in a network namespace without any interface
//! (`unshare -rn`) and must give the same report.
//!
//! Where strace or unshare cannot run, the test says so on standard error as SKIPPED, and on
//! CI (`CI` set), where `.ci/run` installs strace, a missing tool is a failure: the proof
//! must not pass unchecked.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::json;
use tempfile::TempDir;

mod common;
use common::write;

const BINARY: &str = env!("CARGO_BIN_EXE_ownvoice");

/// Families no run of ownvoice except `serve` may open a socket of.
const INTERNET: [&str; 3] = ["AF_INET", "AF_INET6", "AF_PACKET"];

/// Whether `program` runs here; on CI a missing one is a failure, elsewhere a loud skip.
#[allow(clippy::print_stderr)] // a skipped check must say so where the tests run
fn available(program: &str, probe: &[&str]) -> bool {
    let works = Command::new(program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !works {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} cannot run here, and CI must prove that ownvoice stays offline"
        );
        eprintln!("SKIPPED: the network proof needs {program}, which cannot run here");
    }
    works
}

/// The folders one run uses, none of them the user's.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: TempDir::new().unwrap(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_string()
    }

    /// `program args` with ownvoice's folders set here, the journal on.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env_remove("OWNVOICE_NO_JOURNAL")
            .env("OWNVOICE_CONFIG_DIR", self.path("config"))
            .env("OWNVOICE_CACHE_DIR", self.path("cache"))
            .env("OWNVOICE_DATA_DIR", self.path("data"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("HOME", self.path("home"))
            .current_dir(self.dir.path());
        command
    }

    /// Runs ownvoice `args` under strace, with `stdin`; returns the run and the network
    /// system calls recorded (one line each).
    fn traced(&self, args: &[&str], stdin: &[u8]) -> (Output, Vec<String>) {
        let trace = self.path("trace");
        let mut command = self.command("strace");
        command
            .args([
                "-f",
                "-qq",
                "-e",
                "signal=none",
                "-e",
                "trace=%network,execve",
            ])
            .args(["-o", &trace, BINARY])
            .args(args);
        let output = run(command, stdin);
        let recorded = std::fs::read_to_string(&trace).unwrap();
        // The trace must show the binary itself starting, or it proves nothing.
        assert!(
            recorded
                .lines()
                .any(|l| l.contains("execve(") && l.contains(BINARY)),
            "{recorded}"
        );
        let network = recorded
            .lines()
            .filter(|line| !line.contains("execve("))
            .map(str::to_string)
            .collect();
        (output, network)
    }
}

fn run(mut command: Command, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn internet(calls: &[String]) -> Vec<&String> {
    calls
        .iter()
        .filter(|call| INTERNET.iter().any(|family| call.contains(family)))
        .collect()
}

/// One LSP session as a client would send it: open a document with a mistake, then shut
/// down and exit.
fn lsp_session(root: &Path) -> Vec<u8> {
    let uri = format!("file://{}/notes.md", root.display());
    let messages = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"processId": null, "rootUri": format!("file://{}", root.display()),
                          "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                           "text": "He need more time.\n"}}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ];
    let mut bytes = Vec::new();
    for message in messages {
        let body = message.to_string();
        bytes.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
    }
    bytes
}

#[test]
fn the_tracer_sees_an_internet_socket_when_there_is_one() {
    // The detector itself must be able to fail: bash opening a TCP connection is caught.
    if !available("strace", &["-V"]) {
        return;
    }
    let home = Home::new();
    let trace = home.path("trace");
    let mut command = home.command("strace");
    command.args([
        "-f",
        "-qq",
        "-e",
        "trace=%network",
        "-o",
        &trace,
        "bash",
        "-c",
        "exec 3<>/dev/tcp/127.0.0.1/9 || true",
    ]);
    run(command, b"");
    let recorded: Vec<String> = std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(!internet(&recorded).is_empty(), "{recorded:?}");
}

#[test]
fn the_whole_pipeline_opens_no_internet_socket() {
    if !available("strace", &["-V"]) {
        return;
    }
    let home = Home::new();
    let text = "My brother is a teacher. He need more time to mark the tests.\n";
    write(&home.dir, "essay.txt", text);
    write(
        &home.dir,
        "notes.md",
        format!("# Notes\n\n{text}\n```\ncode he need\n```\n"),
    );
    write(
        &home.dir,
        "paper.tex",
        format!("\\documentclass{{article}}\n\\begin{{document}}\n{text}\\end{{document}}\n"),
    );
    let session = lsp_session(home.dir.path());
    let runs: [(&[&str], &[u8], i32); 9] = [
        (&["check", "essay.txt", "notes.md", "paper.tex"], b"", 1),
        // Again, answered from the cache the first run wrote.
        (
            &["check", "--format", "sarif", "essay.txt", "notes.md"],
            b"",
            1,
        ),
        (&["check", "-"], text.as_bytes(), 1),
        (&["learn", "--issue", "1", "essay.txt"], b"", 1),
        (&["learn", "-"], text.as_bytes(), 1),
        (&["explain", "subject-verb-agreement"], b"", 0),
        (&["progress"], b"", 0),
        (&["config"], b"", 0),
        (&["lsp", "--stdio"], &session, 0),
    ];
    for (args, stdin, status) in runs {
        let (output, network) = home.traced(args, stdin);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(status), "{args:?}: {errors}");
        assert!(!output.stdout.is_empty(), "{args:?} printed nothing");
        let bad = internet(&network);
        assert!(
            bad.is_empty(),
            "{args:?} opened an internet socket: {bad:#?}"
        );
    }
    // The runs did write their cache and journal (so those paths were traced too).
    assert!(
        Path::new(&home.path("cache"))
            .read_dir()
            .unwrap()
            .next()
            .is_some()
    );
}

#[test]
fn a_check_without_any_network_gives_the_same_report() {
    if !available("unshare", &["-rn", "true"]) {
        return;
    }
    let home = Home::new();
    let path = write(
        &home.dir,
        "essay.txt",
        "My brother is a teacher. He need more time to mark the tests.\n",
    );
    let args = ["check", "--no-cache", "--format", "jsonl", path.as_str()];
    let mut isolated = home.command("unshare");
    isolated.args(["-rn", BINARY]).args(args);
    let isolated = run(isolated, b"");
    let mut normal = home.command(BINARY);
    normal.args(args);
    let normal = run(normal, b"");
    assert_eq!(isolated.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&isolated.stderr),
        String::from_utf8_lossy(&normal.stderr)
    );
    assert_eq!(isolated.stdout, normal.stdout);
    assert!(String::from_utf8_lossy(&isolated.stdout).contains("\"need\""));
}
