//! No network, proven: the whole pipeline (`check` of plain text, Markdown and LaTeX with the
//! cache and the journal, again from the cache, `learn`, `explain`, `progress`, `config`, and
//! an `lsp` session that publishes diagnostics for an opened document) runs under `strace`,
//! which records every network system call of the process and its threads; any socket of an
//! internet family (IPv4, IPv6, raw packets) fails the test. `serve` listens on loopback by
//! design: traced while it answers, it may open its one listener and accept connections from
//! loopback, and nothing else (no connection out, no datagram). The same check then runs in a
//! network namespace without any interface (`unshare -rn`) and must give the same report.
//!
//! Where strace or unshare cannot run, the test says so on standard error as SKIPPED, and on
//! CI (`CI` set), where `.ci/run` installs strace, a missing tool is a failure: the proof
//! must not pass unchecked.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use nix::sys::signal::Signal;
use serde_json::{Value, json};
use tempfile::TempDir;

#[path = "common/lsp_client.rs"]
mod client;
mod common;
use common::{http, write};

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
        let [program, options @ ..] = strace(&trace);
        let mut command = self.command(program);
        command.args(options).arg(BINARY).args(args);
        let output = run(command, stdin);
        let network = network_calls(&trace);
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

/// strace's arguments to record, in `trace`, the network system calls of the program after
/// them and of all its threads and children, and the programs started.
fn strace(trace: &str) -> [&str; 9] {
    [
        "strace",
        "-f",
        "-qq",
        "-e",
        "signal=none",
        "-e",
        "trace=%network,execve",
        "-o",
        trace,
    ]
}

/// The network system calls in the trace file `trace` (one line each), after checking that
/// it shows ownvoice itself starting: a trace without it proves nothing.
fn network_calls(trace: &str) -> Vec<String> {
    let recorded = std::fs::read_to_string(trace).unwrap();
    assert!(
        recorded
            .lines()
            .any(|l| l.contains("execve(") && l.contains(BINARY)),
        "{recorded}"
    );
    recorded
        .lines()
        .filter(|line| !line.contains("execve("))
        .map(str::to_string)
        .collect()
}

/// The calls of an internet family that a server on loopback has no need of: all but the
/// one listener's `socket`, its `bind` and `getsockname` on a loopback address, and the
/// connections it accepts from a loopback address. A `connect`, or a `sendto` or `sendmsg`
/// with an address, of an internet family is never allowed.
fn beyond_a_loopback_listener(calls: &[String]) -> Vec<&String> {
    let mut sockets = 0;
    internet(calls)
        .into_iter()
        .filter(|call| {
            // `1234 bind(3, {...}) = 0`, or `1234 <... accept4 resumed>{...}` when another
            // thread's call came in between; strace pads a short process id with spaces
            // (`624   bind(...)`).
            let text = call
                .split_once(' ')
                .map_or(call.as_str(), |(_, text)| text.trim_start());
            let text = text.strip_prefix("<... ").unwrap_or(text);
            let name = text
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            let loopback = text.contains("inet_addr(\"127.0.0.1\")")
                || text.contains("inet_pton(AF_INET6, \"::1\"");
            match name {
                "socket" => {
                    sockets += 1;
                    sockets > 1
                }
                "bind" | "getsockname" | "accept" | "accept4" => !loopback,
                _ => true,
            }
        })
        .collect()
}

#[test]
fn the_listener_filter_reads_strace_lines_whatever_the_width_of_the_process_id() {
    // strace pads short process ids ("624   socket(...)"), as in a fresh PID namespace.
    let calls: Vec<String> = [
        "624   socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3",
        "624   bind(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
        "31337 accept4(3, {sa_family=AF_INET, sin_port=htons(33406), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], SOCK_CLOEXEC) = 11",
    ]
    .map(String::from)
    .to_vec();
    assert!(beyond_a_loopback_listener(&calls).is_empty(), "{calls:#?}");
    let mut outward = calls.clone();
    outward.push(
        "624   connect(12, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"93.184.216.34\")}, 16) = 0"
            .to_string(),
    );
    assert_eq!(beyond_a_loopback_listener(&outward), [&outward[3]]);
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
    // The rule for `serve` catches the connection too, even to loopback.
    assert!(
        !beyond_a_loopback_listener(&recorded).is_empty(),
        "{recorded:?}"
    );
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
    let runs: [(&[&str], &[u8], i32); 8] = [
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

#[test]
fn an_lsp_session_publishing_diagnostics_opens_no_internet_socket() {
    if !available("strace", &["-V"]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let trace = dir.path().join("trace").to_str().unwrap().to_string();
    let cache = dir.path().join("cache");
    // The journal on and a cache of its own: every path a session can take is traced.
    let mut server = client::Server::start_under(&strace(&trace), Some(&cache), true);
    server.initialize(json!({}), Value::Null);
    let uri = server.uri("notes.md");
    let text = "# Notes\n\nMy brother is a teacher. He need more time to mark the tests.\n";
    server.open(&uri, "markdown", text);
    let diagnostics = server.diagnostics(&uri, 1);
    let ranges: Vec<&Value> = diagnostics.iter().map(|d| &d["range"]).collect();
    assert_eq!(
        ranges,
        [&client::range_of(text, "need", 0)],
        "{diagnostics:#?}"
    );
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 29}}),
    );
    assert!(hover["contents"].to_string().contains("verb"), "{hover}");
    assert_eq!(server.finish(), Some(0));
    let calls = network_calls(&trace);
    let bad = internet(&calls);
    assert!(bad.is_empty(), "lsp opened an internet socket: {bad:#?}");
}

#[test]
fn serve_opens_only_its_loopback_listener_and_the_connections_it_accepts() {
    if !available("strace", &["-V"]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let trace = dir.path().join("trace").to_str().unwrap().to_string();
    let server = http::Server::start_under(&strace(&trace), &[]);
    let text = "My brother is a teacher. He need more time.";
    let found = server
        .post("/v2/check", &[("language", "en-US"), ("text", text)])
        .json();
    let matches = found["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1, "{found}");
    assert_eq!(http::flagged(text, &matches[0]), "need");
    assert_eq!(server.get("/v2/languages").status, 200);
    let (status, _) = server.stop(Signal::SIGTERM);
    assert!(status.success(), "{status:?}");
    let calls = network_calls(&trace);
    // The trace did see the listener and the two connections, or it proves nothing.
    let accepted = calls
        .iter()
        .filter(|call| call.contains("accept") && call.contains("127.0.0.1"))
        .count();
    assert_eq!(accepted, 2, "{calls:#?}");
    let bad = beyond_a_loopback_listener(&calls);
    assert!(bad.is_empty(), "serve went beyond its listener: {bad:#?}");
}
