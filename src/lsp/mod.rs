//! `ownvoice lsp`: a language server, so that every editor that speaks the Language Server
//! Protocol shows ownvoice's explained issues beside the text, with the engines loaded once
//! and only edited paragraphs checked again.
//!
//! Boundary: this is a face on the shared core (`service.rs`), like `check`: the same prose
//! extraction, configuration files, rules and cache, so a diagnostic's range is exactly the
//! span `check` reports. It speaks JSON-RPC on the streams it is given, and writes nothing
//! else there; what only a person looking into a problem needs goes to the client's log.
//!
//! Invariant: it never sends a text edit. Code actions carry commands; the commands write
//! the writer's dictionary or configuration files, never a document.
//!
//! Files: `transport.rs` frames messages; `server.rs` is the loop and the lifecycle; `loading.rs` takes
//! settings and loads the engines;
//! `documents.rs` the open documents and positions; `checking.rs` when documents are checked
//! and how diagnostics reach the client; `worker.rs` the threads that load and check;
//! `diagnostics.rs`, `hover.rs` and `actions.rs` what the writer reads and can do, and
//! `choices.rs` the files those actions write;
//! `settings.rs` the client's settings and the configuration files.

mod actions;
mod checking;
mod choices;
mod diagnostics;
mod documents;
mod hover;
mod loading;
mod server;
mod settings;
mod transport;
mod worker;

use std::io::{Read, Write};

pub use settings::{NAMES as SETTINGS, Settings};

use crate::service::Service;

/// How the server was started (`ownvoice lsp` flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Use the result cache in the user's cache folder (else one in memory only).
    pub cache: bool,
    /// Count what saved documents showed in the progress journal.
    pub journal: bool,
}

/// What wakes the message loop.
pub enum Event {
    Client(transport::Incoming),
    Loaded(Result<Box<Service>, String>),
    Worker(worker::Report),
}

/// Serves one client on `input` and `output` until it says `exit` or goes away. Returns the
/// exit status: 0 after `shutdown` and `exit`, 1 otherwise.
pub fn serve(
    options: Options,
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> u8 {
    let (events, receiver) = crossbeam_channel::unbounded();
    let (out, writer) = transport::spawn_writer(output);
    {
        let events = events.clone();
        transport::spawn_reader(input, move |incoming| {
            events.send(Event::Client(incoming)).is_ok()
        });
    }
    let mut server = server::Server::new(options, events, out);
    let status = server.run(receiver);
    // Freeing the engines' tables one by one would only delay the exit (as in `check`); the
    // writer ends once the server's sender is gone, after the last answer is out.
    let service = server.service.take();
    drop(server);
    std::mem::forget(service);
    let _ = writer.join();
    status
}
