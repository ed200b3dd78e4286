//! A small LSP client for the tests: starts the real `ownvoice lsp`, frames JSON-RPC
//! messages with `Content-Length` headers both ways, answers the server's own requests, and
//! checks every message the server sends for a text edit of any kind (none may ever appear).

#![allow(dead_code)] // each test uses its own subset

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

/// How long any one answer may take: the engines load in about a second, slower when
/// several tests start servers at once on two cores.
pub const PATIENCE: Duration = Duration::from_secs(180);

/// Keys that would carry an edit of the writer's text.
const EDIT_KEYS: [&str; 5] = ["textEdit", "edits", "documentChanges", "changes", "edit"];

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Received and not yet taken by a `wait`.
    pending: VecDeque<Value>,
    /// Every message the server sent.
    pub seen: Vec<Value>,
    next_id: i64,
    /// What the client answers to `workspace/configuration`.
    pub settings: Value,
    /// Holds `config/` (the user's), `data/` (the journal) and `work/` (the workspace).
    pub dir: TempDir,
}

impl Server {
    /// Starts `ownvoice lsp` with its own config, data and workspace folders, the tests'
    /// shared result cache (or `cache`), and no journal unless `journal`.
    pub fn start(cache: Option<&Path>, journal: bool) -> Server {
        Server::start_under(&[], cache, journal)
    }

    /// [`Server::start`], with the server run by `wrapper` (a program and its arguments,
    /// such as a tracer, that runs the command after them and exits with its status).
    pub fn start_under(wrapper: &[&str], cache: Option<&Path>, journal: bool) -> Server {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["config", "data", "work"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        let mut command = crate::common::under(wrapper);
        command
            .args(["lsp", "--stdio"])
            .env("OWNVOICE_CONFIG_DIR", dir.path().join("config"))
            .env("OWNVOICE_DATA_DIR", dir.path().join("data"))
            .env(
                "OWNVOICE_CACHE_DIR",
                cache.map_or(PathBuf::from(crate::common::CACHE), Path::to_path_buf),
            )
            .current_dir(dir.path().join("work"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if journal {
            command.env_remove("OWNVOICE_NO_JOURNAL");
        } else {
            command.env("OWNVOICE_NO_JOURNAL", "1");
        }
        let mut child = command.spawn().unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut stdout) {
                let value: Value = serde_json::from_str(&body).unwrap_or_else(|e| {
                    panic!("the server sent a body that is not JSON ({e}): {body}")
                });
                assert_no_edit(&body, &value);
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            pending: VecDeque::new(),
            seen: Vec::new(),
            next_id: 1,
            settings: Value::Null,
            dir,
        }
    }

    pub fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub fn uri(&self, name: &str) -> String {
        format!("file://{}", self.work().join(name).display())
    }

    /// Writes raw bytes to the server's input.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input still open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that `wanted` accepts (messages before it stay for later waits);
    /// the server's requests are answered on the way.
    pub fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.pending.iter().position(&wanted) {
            return self.pending.remove(at).unwrap();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = match self.messages.recv_timeout(deadline - Instant::now()) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("no {what} in time; saw {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended before {what}; saw {:#?}", self.seen)
                }
            };
            self.seen.push(message.clone());
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer_server(&message);
            }
            if wanted(&message) {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// Whether a message came that `wanted` accepts, within `time` (for what must not
    /// come).
    pub fn came_within(&mut self, time: Duration, wanted: impl Fn(&Value) -> bool) -> bool {
        let deadline = Instant::now() + time;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.messages.recv_timeout(left) {
                Ok(message) => {
                    self.seen.push(message.clone());
                    if message.get("method").is_some() && message.get("id").is_some() {
                        self.answer_server(&message);
                    }
                    let found = wanted(&message);
                    self.pending.push_back(message);
                    if found {
                        return true;
                    }
                }
                Err(_) => break,
            }
        }
        self.pending.iter().any(wanted)
    }

    fn answer_server(&mut self, request: &Value) {
        let result = match request["method"].as_str() {
            Some("workspace/configuration") => json!([self.settings.clone()]),
            Some("window/showDocument") => json!({"success": true}),
            _ => Value::Null,
        };
        let id = request["id"].clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// The answer to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait(&format!("the answer to request {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    /// The answer to a request, which must be a result, not an error.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let response = self.response(id);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// `initialize` then `initialized`, with the workspace folder and these capabilities and
    /// initialization options; returns the server's capabilities.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let root = format!("file://{}", self.work().display());
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "work"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result["capabilities"].clone()
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// The diagnostics published for a version of a document.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_where(uri, version, |_| true)
    }

    /// The first diagnostics published for a version of a document that `wanted` accepts
    /// (those before it are passed over).
    pub fn diagnostics_where(
        &mut self,
        uri: &str,
        version: i64,
        wanted: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        // Publications that are not wanted are superseded by those that come after them.
        loop {
            let published = self.wait(&format!("diagnostics of {uri} v{version}"), |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
            if published["params"]["version"] == version && wanted(diagnostics) {
                return diagnostics.clone();
            }
        }
    }

    /// A `window/showMessage` whose text contains `words`.
    pub fn message_with(&mut self, words: &str) -> Value {
        self.wait(&format!("a message with {words:?}"), |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|text| text.contains(words))
        })
    }

    /// Closes the input without a word (the client vanished) and returns the exit status.
    pub fn vanish(mut self) -> Option<i32> {
        drop(self.stdin.take());
        self.exit_status()
    }

    /// `shutdown` then `exit`; returns the exit status.
    pub fn finish(mut self) -> Option<i32> {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    /// Waits (at most `PATIENCE`) for the process to end.
    pub fn exit_status(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut errors = String::new();
                if let Some(mut stderr) = self.child.stderr.take() {
                    let _ = stderr.read_to_string(&mut errors);
                }
                assert!(errors.is_empty(), "the server wrote to stderr: {errors}");
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed body from the server, `None` at the end of its output.
fn read_frame(input: &mut impl BufRead) -> Option<String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        assert!(
            line.ends_with("\r\n"),
            "a header line without CRLF: {line:?}"
        );
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").expect("a header is name: value");
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("every message has a Content-Length")];
    input.read_exact(&mut body).ok()?;
    Some(String::from_utf8(body).expect("bodies are UTF-8"))
}

/// Fails the test if a message carries an edit of the text, as a key anywhere in it.
pub fn assert_no_edit(body: &str, value: &Value) {
    for key in EDIT_KEYS {
        assert!(
            !body.contains(&format!("\"{key}\":")),
            "the server sent an edit ({key}): {body}"
        );
    }
    fn walk(value: &Value, body: &str) {
        match value {
            Value::Object(fields) => {
                for (key, inner) in fields {
                    assert!(
                        !EDIT_KEYS.contains(&key.as_str()),
                        "the server sent an edit ({key}): {body}"
                    );
                    walk(inner, body);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, body)),
            _ => {}
        }
    }
    walk(value, body);
}

/// The LSP position (UTF-16) of a byte offset in `text`.
pub fn utf16(text: &str, byte: usize) -> Value {
    let line_start = text[..byte].rfind('\n').map_or(0, |at| at + 1);
    json!({
        "line": text[..byte].matches('\n').count(),
        "character": text[line_start..byte].encode_utf16().count(),
    })
}

/// The LSP range (UTF-16) of the first `words` in `text` at or after `from`.
pub fn range_of(text: &str, words: &str, from: usize) -> Value {
    let start = from + text[from..].find(words).expect("the words are in the text");
    json!({"start": utf16(text, start), "end": utf16(text, start + words.len())})
}
