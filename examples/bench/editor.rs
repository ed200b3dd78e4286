//! The editor rows: `ownvoice lsp` driven as an editor drives it, over stdio.
//!
//! - Cold start: a new server, `initialize`, then `didOpen` of a 5 KB essay; the time from
//!   `didOpen` (and from starting the process) to its first diagnostics, with an empty
//!   result cache, so the engines load and check everything.
//! - Typing: a 200 KB Markdown document opened and checked once, then 20 edits, each adding
//!   a sentence to the start of another paragraph (`didChange` with a range); the time from
//!   each `didChange` to the diagnostics of that version, which includes the server's pause
//!   (`pauseMs`, 250 ms by default) before it checks.
//! - Memory: the server's peak resident memory (`VmHWM` in `/proc`, read before shutdown),
//!   the largest of its sessions, to set beside `check`'s in the same run.
//!
//! The server runs in the sandbox's folders (empty configuration, no journal), like every
//! other measured process.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::measure::Sandbox;
use crate::prose;
use crate::report::median;

/// The sentence each edit adds.
const ADDED: &str = "This sentence was added while typing. ";
/// How long the bench waits for any one answer.
const PATIENCE: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Editor {
    pub essay_bytes: usize,
    /// From `didOpen` to the first diagnostics, one per cold start.
    pub open_runs_s: Vec<f64>,
    pub open_median_s: f64,
    /// From starting the process to the first diagnostics.
    pub spawn_median_s: f64,
    pub document_bytes: usize,
    /// The first check of the whole document, after the engines loaded.
    pub first_check_s: f64,
    /// From each `didChange` to its diagnostics.
    pub change_runs_s: Vec<f64>,
    pub change_median_s: f64,
    /// The pause the server waits after a change, part of each `change_runs_s`.
    pub pause_s: f64,
    /// The server's peak resident memory over its sessions.
    pub peak_rss_kib: i64,
}

pub fn measure(sandbox: &Sandbox, ownvoice: &Path, runs: usize) -> Result<Editor, String> {
    let essay = prose::generate(5_000, prose::SEED);
    let mut open_runs = Vec::new();
    let mut spawn_runs = Vec::new();
    let mut peak = 0;
    for run in 0..=runs {
        let cache = sandbox.root.join(format!("lsp-cache-{run}"));
        let _ = std::fs::remove_dir_all(&cache);
        let started = Instant::now();
        let mut server = Server::start(sandbox, ownvoice, &cache)?;
        server.initialize()?;
        let opened = Instant::now();
        server.open("essay.md", &essay)?;
        server.diagnostics(1)?;
        let (open_s, spawn_s) = (secs(opened), secs(started));
        peak = peak.max(server.peak_rss_kib());
        server.finish()?;
        let _ = std::fs::remove_dir_all(&cache);
        // The first run warms the file cache, as for `check`'s cold start.
        if run > 0 {
            eprintln!("bench: editor cold start {run}/{runs}: {open_s:.3} s from didOpen");
            open_runs.push(open_s);
            spawn_runs.push(spawn_s);
        }
    }

    let mut document = markdown(&prose::generate(200_000, prose::SEED));
    let cache = sandbox.root.join("lsp-cache-typing");
    let _ = std::fs::remove_dir_all(&cache);
    let mut server = Server::start(sandbox, ownvoice, &cache)?;
    server.initialize()?;
    server.open("thesis.md", &document)?;
    let clock = Instant::now();
    server.diagnostics(1)?;
    let first_check_s = secs(clock);
    eprintln!("bench: editor: 200 KB document checked in {first_check_s:.2} s");
    let starts = paragraph_starts(&document);
    let mut change_runs = Vec::new();
    for edit in 0..20 {
        let version = edit + 2;
        // Paragraphs spread over the document, each edited once.
        let line = starts[(edit * 7 + 3) % starts.len()];
        let at = line_start(&document, line);
        document.insert_str(at, ADDED);
        let clock = Instant::now();
        server.change(version, line)?;
        server.diagnostics(version)?;
        change_runs.push(secs(clock));
    }
    eprintln!(
        "bench: editor: one paragraph changed, median {:.3} s to its diagnostics",
        median(change_runs.clone())
    );
    peak = peak.max(server.peak_rss_kib());
    server.finish()?;
    let _ = std::fs::remove_dir_all(&cache);
    Ok(Editor {
        essay_bytes: essay.len(),
        open_median_s: median(open_runs.clone()),
        open_runs_s: open_runs,
        spawn_median_s: median(spawn_runs),
        document_bytes: document.len(),
        first_check_s,
        change_median_s: median(change_runs.clone()),
        change_runs_s: change_runs,
        pause_s: 0.25,
        peak_rss_kib: peak,
    })
}

fn secs(since: Instant) -> f64 {
    since.elapsed().as_secs_f64()
}

/// The generated prose as a Markdown document: a heading before every tenth paragraph.
fn markdown(prose: &str) -> String {
    let mut document = String::from("# A long document\n\n");
    for (i, paragraph) in prose.split("\n\n").enumerate() {
        if i % 10 == 9 {
            document.push_str(&format!("## Part {}\n\n", i / 10 + 1));
        }
        document.push_str(paragraph.trim_end());
        document.push_str("\n\n");
    }
    document
}

/// The 0-based lines where paragraphs of prose start (not headings).
fn paragraph_starts(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter(|&i| {
            !lines[i].trim().is_empty()
                && !lines[i].starts_with('#')
                && (i == 0 || lines[i - 1].trim().is_empty())
        })
        .collect()
}

fn line_start(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line).map(str::len).sum()
}

/// `ownvoice lsp` and the bench's end of its pipes.
struct Server {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    uri: String,
    root: String,
    next_id: i64,
}

impl Server {
    fn start(sandbox: &Sandbox, ownvoice: &Path, cache: &Path) -> Result<Server, String> {
        let work = sandbox.root.join("work");
        let mut child = Command::new(ownvoice)
            .arg("lsp")
            .current_dir(&work)
            .env("OWNVOICE_NO_JOURNAL", "1")
            .env("OWNVOICE_CONFIG_DIR", sandbox.root.join("config"))
            .env("OWNVOICE_DATA_DIR", sandbox.root.join("data"))
            .env("OWNVOICE_CACHE_DIR", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start ownvoice lsp: {e}"))?;
        let input = child.stdin.take().ok_or("no stdin")?;
        let output = child.stdout.take().ok_or("no stdout")?;
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut output = BufReader::new(output);
            while let Some(body) = frame(&mut output) {
                let Ok(value) = serde_json::from_str::<Value>(&body) else {
                    return;
                };
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Ok(Server {
            child,
            input,
            messages,
            uri: String::new(),
            root: format!("file://{}", work.display()),
            next_id: 1,
        })
    }

    fn send(&mut self, message: Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.input.flush())
            .map_err(|e| format!("ownvoice lsp stopped reading: {e}"))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        let answer = self.wait(|m| m.get("method").is_none() && m["id"] == id)?;
        match answer.get("error") {
            Some(error) => Err(format!("{method}: {error}")),
            None => Ok(answer["result"].clone()),
        }
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// The next message `wanted` accepts; the server's own requests are answered.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<Value, String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .map_err(|_| "ownvoice lsp gave no answer in time".to_string())?;
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))?;
            }
            if wanted(&message) {
                return Ok(message);
            }
        }
    }

    fn initialize(&mut self) -> Result<(), String> {
        let root = self.root.clone();
        self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        )?;
        self.notify("initialized", json!({}))
    }

    fn open(&mut self, name: &str, text: &str) -> Result<(), String> {
        self.uri = format!("{}/{name}", self.root);
        let uri = self.uri.clone();
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
    }

    /// `ADDED` inserted at the start of `line`, as an editor sends a typed sentence.
    fn change(&mut self, version: usize, line: usize) -> Result<(), String> {
        let uri = self.uri.clone();
        let at = json!({"line": line, "character": 0});
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": ADDED}],
            }),
        )
    }

    fn diagnostics(&mut self, version: usize) -> Result<Value, String> {
        let uri = self.uri.clone();
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == version
        })
    }

    /// The process's peak resident memory so far, in KiB (0 where /proc does not say).
    fn peak_rss_kib(&self) -> i64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    fn finish(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        let status = self.child.wait().map_err(|e| e.to_string())?;
        match status.code() {
            Some(0) => Ok(()),
            code => Err(format!(
                "ownvoice lsp ended with {code:?} after shutdown and exit"
            )),
        }
    }
}

/// One framed body, `None` at the end of the output.
fn frame(input: &mut impl BufRead) -> Option<String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    input.read_exact(&mut body).ok()?;
    String::from_utf8(body).ok()
}
