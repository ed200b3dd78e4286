//! The `ownvoice` binary: parse the command line, run the command, turn the outcome into an
//! exit status (0 nothing found, 1 issues found, 2 trouble). A closed output pipe
//! (`ownvoice check big.txt | head -1`) ends the run quietly with status 0.

use std::io::{self, Write};
use std::panic;
use std::process::ExitCode;

use clap::Parser;
use ownvoice::cli::{
    CheckSettings, Cli, ColorChoice, Command, Environment, LearnSettings, ServeSettings,
};
use ownvoice::commands::{self, Outcome};
use ownvoice::config::Config;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    // Panics are caught where they happen (the engine, per paragraph) or below, and reported
    // as one line; the default hook's multi-line message would only add noise.
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(|| run(cli)).unwrap_or_else(|payload| {
        let message = ownvoice::engine::panic_message(payload.as_ref());
        let _ = writeln!(io::stderr(), "ownvoice: internal error: {message}");
        Ok(Outcome::Trouble)
    });
    let mut errors = io::stderr().lock();
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Issues) => ExitCode::from(1),
        Ok(Outcome::Trouble) => ExitCode::from(2),
        Ok(Outcome::Status(status)) => ExitCode::from(status),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(errors, "ownvoice: cannot write the report: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> io::Result<Outcome> {
    // The language server writes standard output from a thread of its own: it must not be
    // locked here first.
    if let Command::Lsp(args) = &cli.command {
        return Ok(commands::lsp(args));
    }
    let mut errors = io::stderr().lock();
    // Commands flush after each file or screen, so output still arrives as it is made.
    let mut out = io::BufWriter::new(io::stdout().lock());
    let config = match &cli.command {
        Command::Check(_) | Command::Learn(_) | Command::Serve(_) | Command::Config => {
            match Config::discover() {
                Ok(config) => config,
                Err(error) => return usage(&mut errors, &error.to_string()),
            }
        }
        Command::Explain(_)
        | Command::Progress(_)
        | Command::Lsp(_)
        | Command::Completions(_)
        | Command::Man(_) => Config::default(),
    };
    match cli.command {
        Command::Check(args) => match CheckSettings::resolve(args, Environment::current(), &config)
        {
            Ok(settings) => {
                colored::control::set_override(settings.color);
                commands::check(&settings, &mut out, &mut errors)
            }
            Err(message) => usage(&mut errors, &message),
        },
        Command::Learn(args) => match LearnSettings::resolve(args, Environment::current(), &config)
        {
            Ok(settings) => {
                colored::control::set_override(settings.color);
                commands::learn(&settings, &mut out, &mut errors)
            }
            Err(message) => usage(&mut errors, &message),
        },
        Command::Serve(args) => {
            drop(out);
            commands::serve(&ServeSettings::resolve(args, &config), &mut errors)
        }
        Command::Explain(args) => {
            colored::control::set_override(ColorChoice::Auto.resolve(Environment::current()));
            commands::explain(args.id.as_deref(), args.list, &mut out, &mut errors)
        }
        Command::Config => commands::config(&config, &mut out),
        Command::Lsp(args) => Ok(commands::lsp(&args)),
        Command::Progress(args) => {
            let color = args.color.resolve(Environment::current());
            colored::control::set_override(color);
            commands::progress(args.runs as usize, color, &mut out, &mut errors)
        }
        Command::Completions(args) => commands::completions(args.shell, &mut out),
        Command::Man(args) => commands::man(args.command.as_deref(), &mut out, &mut errors),
    }
}

/// A mistake on the command line is one line on standard error and status 2 (help and
/// `--version` are printed as clap prints them). Clap's own message spans several lines:
/// its first line and hints are kept, its usage block is left to `--help`.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let rendered = error.render().to_string();
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:"))
        .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
        .collect();
    let line = parts.join(" ");
    let line = line.strip_prefix("error: ").unwrap_or(&line);
    let _ = writeln!(
        io::stderr(),
        "ownvoice: {line} (ownvoice --help lists the commands and options)"
    );
    ExitCode::from(2)
}

fn usage(errors: &mut impl Write, message: &str) -> io::Result<Outcome> {
    writeln!(errors, "ownvoice: {message}")?;
    Ok(Outcome::Trouble)
}
