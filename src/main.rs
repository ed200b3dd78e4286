//! The `ownvoice` binary: parse the command line, run the command, turn the outcome into an
//! exit status (0 nothing found, 1 issues found, 2 trouble). A closed output pipe
//! (`ownvoice check big.txt | head -1`) ends the run quietly with status 0.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use ownvoice::cli::{CheckSettings, Cli, Command, Environment};
use ownvoice::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut errors = io::stderr().lock();
    let outcome = match cli.command {
        Command::Check(args) => match CheckSettings::resolve(args, Environment::current()) {
            Ok(settings) => {
                colored::control::set_override(settings.color);
                commands::check(&settings, &mut io::stdout().lock(), &mut errors)
            }
            Err(message) => {
                let _ = writeln!(errors, "ownvoice: {message}");
                Ok(Outcome::Trouble)
            }
        },
    };
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Issues) => ExitCode::from(1),
        Ok(Outcome::Trouble) => ExitCode::from(2),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(errors, "ownvoice: cannot write the report: {error}");
            ExitCode::from(2)
        }
    }
}
