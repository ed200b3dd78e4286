//! The message loop: the server's state, the protocol's lifecycle (initialize, shutdown,
//! exit) and the answer to each request and notification.
//!
//! The loop owns every piece of state and never waits on the engines or on a file the
//! writer is editing: checks run on the checking thread (`worker.rs`), the engines load on
//! one of their own, and the loop wakes for a message, a result, or the end of a pause in
//! typing, whichever comes first. Every request gets an answer (an error for one it does not
//! know); no notification gets one.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crossbeam_channel::{RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

use super::documents::{Documents, Encoding, path_of};
use super::settings::Settings;
use super::transport::{Incoming, encode};
use super::worker::{self, Running, Task};
use super::{Event, Options};
use crate::cli::Common;
use crate::service::Service;

/// Where the protocol's lifecycle is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Before `initialize`: only `initialize` and `exit` are taken.
    Waiting,
    Running,
    /// After `shutdown`: only `exit` is taken.
    ShutDown,
}

/// What the client said it can do, as far as the server's answers depend on it.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub encoding: Option<Encoding>,
    /// Hover text as Markdown (else plain text).
    pub markdown: bool,
    pub show_document: bool,
    pub configuration: bool,
    /// It asks for diagnostics (`textDocument/diagnostic`) instead of being sent them.
    pub pull: bool,
    pub refresh: bool,
    pub code_action_literals: bool,
}

impl Client {
    fn of(capabilities: &Value) -> Client {
        let at = |path: &str| capabilities.pointer(path);
        let strings = |path: &str| -> Vec<String> {
            at(path)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let yes = |path: &str| at(path).and_then(Value::as_bool) == Some(true);
        let formats = strings("/textDocument/hover/contentFormat");
        Client {
            encoding: Some(Encoding::negotiate(&strings("/general/positionEncodings"))),
            markdown: formats.first().is_none_or(|first| first == "markdown"),
            show_document: yes("/window/showDocument/support"),
            configuration: yes("/workspace/configuration"),
            pull: at("/textDocument/diagnostic").is_some_and(Value::is_object),
            refresh: yes("/workspace/diagnostics/refreshSupport"),
            code_action_literals: at("/textDocument/codeAction/codeActionLiteralSupport")
                .is_some_and(Value::is_object),
        }
    }
}

/// The whole state of a running server.
pub struct Server {
    pub options: Options,
    pub events: Sender<Event>,
    out: Sender<String>,
    /// The client stopped reading (the writer ended).
    gone: bool,
    stage: Stage,
    pub client: Client,
    /// The workspace folder: where its `.ownvoice.toml` is looked for and written.
    pub root: Option<PathBuf>,
    pub settings: Settings,
    /// The client's initialization options: settings its `ownvoice` section adds to.
    pub initial: Value,
    /// The checking settings the engines are (being) loaded with.
    pub(super) wanted: Option<Common>,
    pub service: Option<Arc<Service>>,
    /// A load under way, and whether another must follow it (the settings changed again).
    pub(super) loading: bool,
    pub(super) load_again: bool,
    pub documents: Documents,
    pub reports: HashMap<String, super::diagnostics::Report>,
    /// Documents whose check waits for the end of a pause, and when it ends.
    pub due: HashMap<String, Instant>,
    /// Checks handed to the checking thread and not yet answered.
    pub running: HashMap<String, Running>,
    pub checker: Sender<Task>,
    /// The hint rung each issue reached with the `ladder` hints: by document, rule and words.
    pub rungs: HashMap<(String, String, String), u8>,
    /// `textDocument/diagnostic` requests held until their document's check is done.
    pub pulls: HashMap<String, Vec<RequestId>>,
    /// Saved documents whose issues the journal is to count, once they are known.
    pub to_record: HashSet<String>,
    /// Documents already told they are too large (told again only after they shrank).
    pub too_large: HashSet<String>,
    /// Our requests to the client awaiting an answer, by id: what each was.
    asked: HashMap<RequestId, &'static str>,
    next_id: i32,
}

impl Server {
    pub fn new(options: Options, events: Sender<Event>, out: Sender<String>) -> Server {
        let checker = {
            let events = events.clone();
            worker::spawn_checker(move |report| events.send(Event::Worker(report)).is_ok())
        };
        Server {
            options,
            events,
            out,
            gone: false,
            stage: Stage::Waiting,
            client: Client::default(),
            root: None,
            settings: Settings::default(),
            initial: Value::Null,
            wanted: None,
            service: None,
            loading: false,
            load_again: false,
            documents: Documents::new(),
            reports: HashMap::new(),
            due: HashMap::new(),
            running: HashMap::new(),
            checker,
            rungs: HashMap::new(),
            pulls: HashMap::new(),
            to_record: HashSet::new(),
            too_large: HashSet::new(),
            asked: HashMap::new(),
            next_id: 1,
        }
    }

    /// Runs the loop until `exit` or the end of the client's stream; returns the exit
    /// status (0 after `shutdown` then `exit`, else 1).
    pub fn run(&mut self, events: crossbeam_channel::Receiver<Event>) -> u8 {
        loop {
            let next = match self.due.values().min() {
                Some(&deadline) => events.recv_deadline(deadline),
                None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(Event::Client(Incoming::Message(message))) => {
                    if let Some(status) = self.message(message) {
                        return status;
                    }
                }
                Ok(Event::Client(Incoming::Malformed(reply))) => self.raw(reply),
                Ok(Event::Client(Incoming::Closed(why))) => {
                    // The client went away without `exit`: nothing is left to answer.
                    let _ = why;
                    return if self.stage == Stage::ShutDown { 0 } else { 1 };
                }
                Ok(Event::Loaded(loaded)) => self.loaded(loaded),
                Ok(Event::Worker(report)) => self.worker(report),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return 1,
            }
            self.dispatch();
            if self.gone {
                return 1;
            }
        }
    }

    fn message(&mut self, message: Message) -> Option<u8> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => return self.notification(notification),
            Message::Response(response) => self.response(response),
        }
        None
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let answer = match (self.stage, request.method.as_str()) {
            (Stage::Waiting, "initialize") => Ok(self.initialize(request.params)),
            (Stage::Waiting, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized".to_string(),
            )),
            (Stage::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shut down; only exit is taken".to_string(),
            )),
            (Stage::Running, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            (Stage::Running, "shutdown") => {
                self.shutdown();
                Ok(Value::Null)
            }
            (Stage::Running, "textDocument/hover") => self.hover(request.params),
            (Stage::Running, "textDocument/codeAction") => self.code_action(request.params),
            (Stage::Running, "workspace/executeCommand") => self.execute(request.params),
            (Stage::Running, "textDocument/diagnostic") => {
                match self.pull(id.clone(), request.params) {
                    Some(answer) => answer,
                    // Held until the document's check is done.
                    None => return,
                }
            }
            (Stage::Running, method) => Err((
                ErrorCode::MethodNotFound,
                format!("ownvoice does not answer {method}"),
            )),
        };
        self.answer(id, answer);
    }

    /// Sends the answer to a request.
    pub fn answer(&mut self, id: RequestId, answer: Result<Value, (ErrorCode, String)>) {
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(&Message::Response(response));
    }

    fn notification(&mut self, notification: Notification) -> Option<u8> {
        let params = notification.params;
        match (self.stage, notification.method.as_str()) {
            (_, "exit") => return Some(if self.stage == Stage::ShutDown { 0 } else { 1 }),
            (Stage::Running, "initialized") => self.ask_configuration(),
            (Stage::Running, "textDocument/didOpen") => self.did_open(params),
            (Stage::Running, "textDocument/didChange") => self.did_change(params),
            (Stage::Running, "textDocument/didSave") => self.did_save(params),
            (Stage::Running, "textDocument/didClose") => self.did_close(params),
            (Stage::Running, "workspace/didChangeConfiguration") => {
                self.did_change_configuration(params)
            }
            (Stage::Running, "$/cancelRequest") => self.cancel_request(params),
            // Anything else (`$/setTrace`, notifications of features we do not offer) needs
            // no answer and changes nothing.
            _ => {}
        }
        None
    }

    fn response(&mut self, response: Response) {
        let Some(what) = self.asked.remove(&response.id) else {
            return;
        };
        match (what, response.response_result) {
            ("workspace/configuration", Ok(result)) => {
                let section = result.get(0).cloned().unwrap_or(Value::Null);
                self.configure(&section);
            }
            (_, Err(error)) => self.log(&format!(
                "the client could not do {what}: {}",
                error.message
            )),
            _ => {}
        }
    }

    fn initialize(&mut self, params: Value) -> Value {
        self.client = Client::of(params.get("capabilities").unwrap_or(&Value::Null));
        let folder = params
            .pointer("/workspaceFolders/0/uri")
            .or_else(|| params.get("rootUri"))
            .and_then(Value::as_str)
            .and_then(path_of)
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        self.root = folder.or_else(|| std::env::current_dir().ok());
        self.stage = Stage::Running;
        let options = params
            .get("initializationOptions")
            .cloned()
            .unwrap_or(Value::Null);
        // The engines start loading now, while the client finishes starting up.
        self.configure(&options);
        self.initial = options;
        let encoding = self.encoding();
        let mut capabilities = json!({
            "positionEncoding": encoding.name(),
            "textDocumentSync": {
                "openClose": true,
                "change": 2,
                "save": { "includeText": false },
            },
            "hoverProvider": true,
            "codeActionProvider": if self.client.code_action_literals {
                json!({ "codeActionKinds": ["quickfix"] })
            } else {
                json!(true)
            },
            "executeCommandProvider": { "commands": super::actions::COMMANDS },
        });
        if self.client.pull {
            capabilities["diagnosticProvider"] = json!({
                "identifier": "ownvoice",
                "interFileDependencies": false,
                "workspaceDiagnostics": false,
            });
        }
        json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "ownvoice", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// The encoding positions are exchanged in.
    pub fn encoding(&self) -> Encoding {
        self.client.encoding.unwrap_or(Encoding::Utf16)
    }

    fn shutdown(&mut self) {
        self.stage = Stage::ShutDown;
        for running in self.running.values() {
            running.cancel();
        }
        self.due.clear();
        // What was found this session is kept for the next one: wait (a little) for it.
        if let Some(service) = &self.service {
            let (done, saved) = crossbeam_channel::bounded(1);
            if self
                .checker
                .send(Task::Save(service.clone(), Some(done)))
                .is_ok()
            {
                let _ = saved.recv_timeout(std::time::Duration::from_secs(3));
            }
        }
    }

    fn cancel_request(&mut self, params: Value) {
        let Some(id) = params
            .get("id")
            .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok())
        else {
            return;
        };
        for held in self.pulls.values_mut() {
            if let Some(at) = held.iter().position(|held| *held == id) {
                held.remove(at);
                self.answer(
                    id,
                    Err((ErrorCode::RequestCanceled, "cancelled".to_string())),
                );
                return;
            }
        }
    }

    /// Sends a request to the client, remembering what it was.
    pub fn ask(&mut self, method: &'static str, params: Value) {
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.asked.insert(id.clone(), method);
        self.send(&Message::Request(Request {
            id,
            method: method.to_string(),
            params,
        }));
    }

    /// Sends a notification to the client.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&Message::Notification(Notification {
            method: method.to_string(),
            params,
        }));
    }

    /// `window/showMessage`: 1 error, 2 warning, 3 information.
    pub fn show(&mut self, level: u8, message: &str) {
        self.notify(
            "window/showMessage",
            json!({ "type": level, "message": message }),
        );
    }

    /// `window/logMessage`, for what only someone looking into a problem needs.
    pub fn log(&mut self, message: &str) {
        self.notify(
            "window/logMessage",
            json!({ "type": 4, "message": format!("ownvoice: {message}") }),
        );
    }

    fn send(&mut self, message: &Message) {
        self.raw(encode(message));
    }

    fn raw(&mut self, body: String) {
        if self.out.send(body).is_err() {
            self.gone = true;
        }
    }

    /// An answer for a request whose parameters do not read.
    pub fn invalid(error: serde_json::Error) -> (ErrorCode, String) {
        (
            ErrorCode::InvalidParams,
            format!("the parameters do not read: {error}"),
        )
    }
}
