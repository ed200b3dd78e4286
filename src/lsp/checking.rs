//! When documents are checked and how their issues reach the client: open, change, save
//! and close; the pause in typing before a check; the checks handed to the checking thread;
//! diagnostics pushed (`textDocument/publishDiagnostics`) or pulled
//! (`textDocument/diagnostic`); and the journal's count of a saved document.
//!
//! Invariant: a result is shown only for the version of the text it was computed on; a
//! newer change cancels the check of the older text, and its result is thrown away.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lsp_server::{ErrorCode, RequestId};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams,
};
use serde_json::{Value, json};

use super::diagnostics::Report;
use super::documents::Document;
use super::server::Server;
use super::settings::CheckOn;
use super::worker::{self, Job, Running, Task};
use crate::journal::{Journal, Run};

impl Server {
    pub(super) fn did_open(&mut self, params: Value) {
        let Ok(params) = serde_json::from_value::<DidOpenTextDocumentParams>(params) else {
            return self.log("a didOpen notification that does not read was ignored");
        };
        let item = params.text_document;
        let uri = item.uri.as_str().to_string();
        let document = Document::new(&uri, &item.language_id, item.version, item.text);
        self.documents.insert(uri.clone(), document);
        self.schedule(&uri, Duration::ZERO);
    }

    pub(super) fn did_change(&mut self, params: Value) {
        let Ok(params) = serde_json::from_value::<DidChangeTextDocumentParams>(params) else {
            return self.log("a didChange notification that does not read was ignored");
        };
        let uri = params.text_document.uri.as_str().to_string();
        let encoding = self.encoding();
        let Some(document) = self.documents.get_mut(&uri) else {
            return;
        };
        document.change(
            params.text_document.version,
            params.content_changes,
            encoding,
        );
        // Whatever was under way is for an older text.
        if let Some(running) = self.running.get(&uri) {
            running.cancel();
        }
        // With `checkOn: save`, a check still waiting (the document was just opened) will
        // see the newest text; no other is started.
        if self.settings.check_on == CheckOn::Change {
            self.schedule(&uri, self.settings.pause);
        }
    }

    pub(super) fn did_save(&mut self, params: Value) {
        let Ok(params) = serde_json::from_value::<DidSaveTextDocumentParams>(params) else {
            return;
        };
        let uri = params.text_document.uri.as_str().to_string();
        if !self.documents.contains_key(&uri) {
            return;
        }
        if self.settings.check_on == CheckOn::Save {
            self.schedule(&uri, Duration::ZERO);
        }
        if self.options.journal {
            self.to_record.insert(uri.clone());
            self.record_if_known(&uri);
        }
        if let Some(service) = &self.service {
            let _ = self.checker.send(Task::Save(service.clone(), None));
        }
    }

    pub(super) fn did_close(&mut self, params: Value) {
        let Ok(params) = serde_json::from_value::<DidCloseTextDocumentParams>(params) else {
            return;
        };
        let uri = params.text_document.uri.as_str().to_string();
        self.documents.remove(&uri);
        self.reports.remove(&uri);
        self.due.remove(&uri);
        self.to_record.remove(&uri);
        self.too_large.remove(&uri);
        self.rungs.retain(|(document, _, _), _| *document != uri);
        if let Some(running) = self.running.remove(&uri) {
            running.cancel();
        }
        for id in self.pulls.remove(&uri).unwrap_or_default() {
            self.answer(id, Ok(full_report("closed", Vec::new())));
        }
        if !self.client.pull {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "diagnostics": [] }),
            );
        }
    }

    /// Checks `uri` once `pause` has passed without another change.
    fn schedule(&mut self, uri: &str, pause: Duration) {
        self.due.insert(uri.to_string(), Instant::now() + pause);
    }

    /// Checks every open document again (the engines or settings changed).
    pub(super) fn check_all(&mut self) {
        let uris: Vec<String> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.schedule(&uri, Duration::ZERO);
        }
    }

    /// Hands the checking thread every document whose pause is over, once the engines are
    /// loaded. A document over `maxFileBytes` gets a message instead.
    pub(super) fn dispatch(&mut self) {
        let Some(service) = self.service.clone() else {
            return;
        };
        let now = Instant::now();
        let ready: Vec<String> = self
            .due
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            let Some(document) = self.documents.get(&uri) else {
                continue;
            };
            let (version, size) = (document.version, document.text.len());
            if size > self.settings.max_file_bytes {
                self.too_large(&uri, version, size);
                continue;
            }
            self.too_large.remove(&uri);
            let cancelled = Arc::new(AtomicBool::new(false));
            let job = Job {
                uri: uri.clone(),
                version,
                text: Arc::from(document.text.as_str()),
                format: document.format,
                service: service.clone(),
                cancelled: cancelled.clone(),
                reveal: self.settings.reveal,
            };
            if let Some(older) = self.running.insert(uri, Running { cancelled }) {
                older.cancel();
            }
            let _ = self.checker.send(Task::Check(job));
        }
    }

    fn too_large(&mut self, uri: &str, version: i32, size: usize) {
        self.reports.insert(uri.to_string(), Report::empty(version));
        self.publish(uri);
        if self.too_large.insert(uri.to_string()) {
            let name = self.documents[uri]
                .path
                .as_ref()
                .and_then(|path| path.file_name())
                .map_or(uri.to_string(), |name| name.to_string_lossy().into_owned());
            let message = format!(
                "ownvoice: {name} is not checked: it has {size} bytes, over the maxFileBytes \
                 setting ({}). Raise the setting to check it.",
                self.settings.max_file_bytes
            );
            self.show(2, &message);
        }
    }

    /// Takes what the checking thread reports.
    pub(super) fn worker(&mut self, report: worker::Report) {
        let done = match report {
            worker::Report::Checked(done) => done,
            worker::Report::NotSaved(why) => {
                return self.log(&format!("results not cached: {why}"));
            }
        };
        let current = self
            .running
            .get(&done.uri)
            .is_some_and(|running| Arc::ptr_eq(&running.cancelled, &done.cancelled));
        if current {
            self.running.remove(&done.uri);
        }
        let Some(checked) = done.checked else {
            return;
        };
        let version = self.documents.get(&done.uri).map(|d| d.version);
        if !current || version != Some(done.version) {
            return;
        }
        self.log(&format!(
            "checked {} (version {}) in {} ms: {} of {} paragraphs by the engines, {} issues",
            done.uri,
            done.version,
            done.took.as_millis(),
            done.paragraphs.0,
            done.paragraphs.1,
            checked.issues.len()
        ));
        for failure in &checked.failures {
            self.log(&format!("{}: {}", done.uri, failure.error));
        }
        let report = Report::new(done.version, done.text, checked.issues, self.encoding());
        self.reports.insert(done.uri.clone(), report);
        self.publish(&done.uri);
        self.record_if_known(&done.uri);
    }

    /// Sends a document's diagnostics: pushed, or as the answer to held pull requests.
    pub(super) fn publish(&mut self, uri: &str) {
        let Some(report) = self.reports.get(uri) else {
            return;
        };
        let diagnostics =
            serde_json::to_value(report.diagnostics(&self.settings)).unwrap_or_else(|_| json!([]));
        let version = report.version;
        if self.client.pull {
            let items: Vec<Value> = diagnostics.as_array().cloned().unwrap_or_default();
            let held = self.pulls.remove(uri).unwrap_or_default();
            if held.is_empty() && self.client.refresh {
                // Nobody is waiting for these: tell the client to ask again.
                self.ask("workspace/diagnostic/refresh", Value::Null);
            }
            for id in held {
                self.answer(id, Ok(full_report(&version.to_string(), items.clone())));
            }
        } else {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "version": version, "diagnostics": diagnostics }),
            );
        }
    }

    /// Shows every document's diagnostics again (a setting of how they read changed).
    pub(super) fn republish(&mut self) {
        if self.client.pull {
            if self.client.refresh {
                self.ask("workspace/diagnostic/refresh", Value::Null);
            }
            return;
        }
        let uris: Vec<String> = self.reports.keys().cloned().collect();
        for uri in uris {
            self.publish(&uri);
        }
    }

    /// Answers `textDocument/diagnostic` now, or `None` to hold it until the document's
    /// check is done.
    pub(super) fn pull(
        &mut self,
        id: RequestId,
        params: Value,
    ) -> Option<Result<Value, (ErrorCode, String)>> {
        let Some(uri) = params.pointer("/textDocument/uri").and_then(Value::as_str) else {
            return Some(Err((
                ErrorCode::InvalidParams,
                "textDocument.uri is missing".into(),
            )));
        };
        let uri = uri.to_string();
        let Some(document) = self.documents.get(&uri) else {
            return Some(Ok(full_report("unopened", Vec::new())));
        };
        let waiting = self.due.contains_key(&uri) || self.running.contains_key(&uri);
        let version = document.version;
        match self.reports.get(&uri) {
            Some(report) if report.version == version || !waiting => {
                let result_id = report.version.to_string();
                if params.get("previousResultId").and_then(Value::as_str) == Some(&result_id) {
                    return Some(Ok(json!({ "kind": "unchanged", "resultId": result_id })));
                }
                let items = serde_json::to_value(report.diagnostics(&self.settings))
                    .ok()
                    .and_then(|items| items.as_array().cloned())
                    .unwrap_or_default();
                Some(Ok(full_report(&result_id, items)))
            }
            _ => {
                self.pulls.entry(uri).or_default().push(id);
                None
            }
        }
    }

    /// Counts a saved document's issues into the journal once they are known for the text
    /// that was saved.
    fn record_if_known(&mut self, uri: &str) {
        if !self.to_record.contains(uri) || self.due.contains_key(uri) {
            return;
        }
        let (Some(report), Some(document)) = (self.reports.get(uri), self.documents.get(uri))
        else {
            return;
        };
        if report.version != document.version || self.running.contains_key(uri) {
            return;
        }
        self.to_record.remove(uri);
        let mut run = Run {
            command: "lsp".into(),
            time: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs()),
            ..Run::default()
        };
        crate::commands::tally(&mut run, &document.text, &report.issues);
        if run.words == 0 {
            return;
        }
        let written = Journal::locate().and_then(|journal| match journal {
            Some(journal) => journal.append(&run),
            None => Ok(()),
        });
        if let Err(error) = written {
            self.log(&format!("progress not recorded: {error}"));
        }
    }
}

/// A full document diagnostic report.
fn full_report(result_id: &str, items: Vec<Value>) -> Value {
    json!({ "kind": "full", "resultId": result_id, "items": items })
}
