//! `ownvoice lsp`: a language server on standard input and output (see [`crate::lsp`]).
//! Standard output carries the protocol alone; the server finds its configuration files
//! itself, from the workspace folder the client names.

use std::io;

use super::Outcome;
use crate::cli::LspArgs;
use crate::lsp::{Options, serve};

/// Serves the client on this process's standard input and output until it says `exit`.
pub fn lsp(args: &LspArgs) -> Outcome {
    let options = Options {
        cache: !args.no_cache,
        journal: !args.no_journal,
    };
    Outcome::Status(serve(options, io::stdin(), io::stdout()))
}
