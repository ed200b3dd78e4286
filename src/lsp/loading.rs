//! Settings taken while running, and the engines loaded for them: the client's settings
//! read and checked, the configuration files read again, and the engines loaded in the
//! background whenever what they check changes.
//!
//! Invariant: one set of engines at a time. The old set is let go before a new one loads
//! (two would double the memory), and a load asked for while one is under way waits for it,
//! then starts with the newest settings.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Event;
use super::server::Server;
use super::settings::Settings;
use super::worker;
use crate::service::Service;

impl Server {
    /// Asks the client for the `ownvoice` section of its settings, when it can answer.
    pub(super) fn ask_configuration(&mut self) {
        if self.client.configuration {
            self.ask(
                "workspace/configuration",
                json!({ "items": [{ "section": "ownvoice" }] }),
            );
        }
    }

    pub(super) fn did_change_configuration(&mut self, params: Value) {
        if self.client.configuration {
            // The client's pushed settings may be partial or null: ask for the section.
            self.ask_configuration();
        } else {
            let settings = params.get("settings").cloned().unwrap_or(Value::Null);
            self.configure(&settings);
        }
    }

    /// Takes new client settings: warnings for what is wrong in them, then the engines
    /// reloaded when what they check changed, else the diagnostics shown again.
    pub(super) fn configure(&mut self, value: &Value) {
        let value = super::settings::overlay(&self.initial, value);
        let (settings, warnings) = Settings::read(&value);
        for warning in warnings {
            self.show(2, &warning);
        }
        let bigger = settings.max_file_bytes != self.settings.max_file_bytes;
        self.settings = settings;
        self.reload(false);
        if bigger {
            self.too_large.clear();
            self.check_all();
        }
        self.republish();
    }

    /// Loads the engines again when the checking settings changed (the settings, or the
    /// configuration files), or always when `force` (the personal dictionary changed).
    pub(super) fn reload(&mut self, force: bool) {
        let files = crate::config::files(self.root.as_deref());
        let (common, warnings) = self.settings.common(&files);
        for warning in warnings {
            self.show(1, &warning);
        }
        if !force && self.wanted.as_ref() == Some(&common) {
            return;
        }
        self.wanted = Some(common);
        // The old engines go first: two sets at once would double the memory.
        self.service = None;
        for running in self.running.values() {
            running.cancel();
        }
        if self.loading {
            self.load_again = true;
        } else {
            self.start_loading();
        }
    }

    fn start_loading(&mut self) {
        let Some(common) = self.wanted.clone() else {
            return;
        };
        self.loading = true;
        self.load_again = false;
        let events = self.events.clone();
        worker::spawn_loader(common, self.options.cache, move |loaded| {
            let _ = events.send(Event::Loaded(loaded));
        });
    }

    pub(super) fn loaded(&mut self, loaded: Result<Box<Service>, String>) {
        self.loading = false;
        if self.load_again {
            drop(loaded);
            self.start_loading();
            return;
        }
        match loaded {
            Ok(service) => {
                for warning in service.warnings.clone() {
                    self.show(2, &format!("ownvoice: {warning}"));
                }
                self.service = Some(Arc::from(service));
                self.check_all();
            }
            Err(error) => self.show(1, &format!("ownvoice: the engines did not load: {error}")),
        }
    }
}
