//! `ownvoice completions SHELL` and `ownvoice man [COMMAND]`: what shells and `man` need,
//! generated from the same clap definitions as the command line itself, so they can never
//! fall behind a new flag. Both only write to the output they are given.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Outcome;
use crate::cli::Cli;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<Outcome> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails: it writes to memory, and a closed pipe or
    // a full disk reaches the caller as the I/O error it is.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "ownvoice", &mut script);
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Writes the manual page (roff) of `ownvoice`, or of one of its commands as
/// `ownvoice-COMMAND`; an unknown command is one line on `errors` and trouble.
pub fn man(
    subcommand: Option<&str>,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut command = Cli::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            // Named as `man` names such pages, and with the version of the whole program
            // (the name is leaked: clap keeps `'static` names, and the process ends next).
            Some(sub) => sub
                .clone()
                .name(format!("ownvoice-{}", sub.get_name()).leak() as &'static str)
                .version(env!("CARGO_PKG_VERSION")),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                writeln!(
                    errors,
                    "ownvoice: there is no command '{name}' to show the manual of (one of: {})",
                    names.join(", ")
                )?;
                return Ok(Outcome::Trouble);
            }
        },
    };
    clap_mangen::Man::new(page).render(out)?;
    out.flush()?;
    Ok(Outcome::Clean)
}
