//! `ownvoice serve`: LanguageTool's HTTP API (`POST /v2/check`, `/v2/languages`) on the
//! writer's own computer, so that the tools writers already use with a LanguageTool server
//! (browser add-ons, LTeX, Obsidian, LibreOffice, Emacs, scripts) ask ownvoice instead.
//!
//! A new face on the shared core: the engines are loaded once ([`crate::service::Service`])
//! and every request is checked by the same code path as `ownvoice check`, so a text sent as
//! `text` gets exactly the spans `check` reports, with offsets in UTF-16 code units (the
//! clients are Java and JavaScript). Nothing here rewrites anything: a match carries
//! replacements only when the server was started with `--reveal`. The server keeps no state
//! between requests, so any number of them can stand behind a load balancer.
//!
//! Files: `request.rs` reads a request's parameters (form body, query string) and
//! `annotation.rs` LanguageTool's `data` (text and markup); `selection.rs` turns a request's
//! rule options into a filter and, when it asks for more rules or another dialect, an engine
//! variant that `variants.rs` loads lazily and keeps in a bounded set; `response.rs` writes
//! the answers, with the text around each match from `context.rs`; `server.rs` is the HTTP
//! loop with its limits, its bounded pool of checkers and its clean stop. Nothing here
//! prints: the command (`commands/serve.rs`) reports.

mod annotation;
mod context;
mod request;
mod response;
mod selection;
mod server;
mod variants;

use std::net::SocketAddr;
use std::time::Duration;

pub use server::{Stopped, run};

/// How the server behaves, resolved from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Where to listen.
    pub address: SocketAddr,
    /// Send the engines' suggested replacements with each match.
    pub reveal: bool,
    /// The largest text a request may ask to check, in bytes of UTF-8; a form body may be up
    /// to three times as large, since percent-encoding takes up to three bytes for one.
    pub max_text_bytes: usize,
    /// A request not answered this long after its body arrived (it waited for a free checker,
    /// or its check ran long) gets a 503.
    pub timeout: Duration,
    /// How many texts are checked at once; more requests wait for a free checker.
    pub checkers: usize,
    /// How many engine variants (other rule selections or dialects that requests ask for) are
    /// kept loaded besides the server's own; 0 keeps requests to the server's settings.
    pub variants: usize,
}

impl Options {
    /// The default text limit: 1 MB.
    pub const MAX_TEXT_BYTES: usize = 1_000_000;
    /// The default timeout.
    pub const TIMEOUT: Duration = Duration::from_secs(60);
    /// The default number of engine variants kept loaded.
    pub const VARIANTS: usize = 2;
}
