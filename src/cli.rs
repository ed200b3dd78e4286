//! The command line: clap's structs, turned once into [`Settings`], so that no other code
//! looks at flags or the environment.

use std::io::IsTerminal;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::RuleSelection;
use crate::input::STDIN;
use crate::report::{Format, Options};

/// Points at likely grammar mistakes in English and explains the grammar behind each one.
/// It never changes your text: you fix it, you learn the rule, your voice stays your own.
#[derive(Debug, Parser)]
#[command(name = "ownvoice", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check text files (or standard input) and explain each likely mistake.
    ///
    /// Exit status: 0 no issues, 1 issues found, 2 trouble (an input could not be read, an
    /// unknown rule id, ...).
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Text files to check; `-` reads standard input (the default when it is not a terminal).
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// How to show the issues.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colours (auto: when writing to a terminal and NO_COLOR is not set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Also show the engine's suggested replacements (a suggestion to consider, never applied).
    #[arg(long)]
    pub reveal: bool,

    /// Run every rule, including style, typography and punctuation-style rules.
    #[arg(long)]
    pub all_rules: bool,

    /// Turn on a rule, a rule group or a whole category (repeatable).
    #[arg(long, value_name = "RULE_ID")]
    pub enable: Vec<String>,

    /// Turn off a rule, a rule group or a whole category (repeatable; wins over --enable).
    #[arg(long, value_name = "RULE_ID")]
    pub disable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Everything `ownvoice check` needs, resolved from flags and environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSettings {
    /// Paths in the order given; `-` is standard input.
    pub inputs: Vec<String>,
    pub format: Format,
    pub color: bool,
    pub options: Options,
    pub selection: RuleSelection,
}

/// What the environment looks like, as far as settings depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Environment {
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

impl Environment {
    pub fn current() -> Self {
        Environment {
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

impl CheckSettings {
    /// Resolves the arguments. Without paths, standard input is read when it is not a
    /// terminal; otherwise there is nothing to check, which is an error.
    pub fn resolve(args: CheckArgs, env: Environment) -> Result<CheckSettings, String> {
        let inputs = if args.paths.is_empty() {
            if env.stdin_is_terminal {
                return Err(
                    "nothing to check: give one or more paths, or - to read standard input"
                        .to_string(),
                );
            }
            vec![STDIN.to_string()]
        } else {
            args.paths
        };
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
        };
        Ok(CheckSettings {
            inputs,
            format: args.format,
            color: color && args.format == Format::Human,
            options: Options {
                reveal: args.reveal,
            },
            selection: RuleSelection {
                all_rules: args.all_rules,
                enable: args.enable,
                disable: args.disable,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &[&str]) -> CheckArgs {
        let cli = Cli::try_parse_from(line).unwrap();
        match cli.command {
            Command::Check(args) => args,
        }
    }

    const PIPED: Environment = Environment {
        stdin_is_terminal: false,
        stdout_is_terminal: false,
        no_color: false,
    };

    #[test]
    fn no_path_reads_stdin_only_when_it_is_piped() {
        let settings = CheckSettings::resolve(args(&["ownvoice", "check"]), PIPED).unwrap();
        assert_eq!(settings.inputs, ["-"]);
        let terminal = Environment {
            stdin_is_terminal: true,
            ..PIPED
        };
        assert!(CheckSettings::resolve(args(&["ownvoice", "check"]), terminal).is_err());
    }

    #[test]
    fn colour_follows_terminal_no_color_and_the_flag() {
        let tty = Environment {
            stdout_is_terminal: true,
            ..PIPED
        };
        let resolve = |line: &[&str], env| CheckSettings::resolve(args(line), env).unwrap().color;
        assert!(resolve(&["ownvoice", "check", "a.txt"], tty));
        assert!(!resolve(&["ownvoice", "check", "a.txt"], PIPED));
        let no_color = Environment {
            no_color: true,
            ..tty
        };
        assert!(!resolve(&["ownvoice", "check", "a.txt"], no_color));
        assert!(resolve(
            &["ownvoice", "check", "--color=always", "a.txt"],
            PIPED
        ));
        assert!(!resolve(
            &["ownvoice", "check", "--color=never", "a.txt"],
            tty
        ));
        assert!(!resolve(
            &[
                "ownvoice",
                "check",
                "--format=jsonl",
                "--color=always",
                "a.txt"
            ],
            tty
        ));
    }

    #[test]
    fn rule_flags_repeat() {
        let settings = CheckSettings::resolve(
            args(&[
                "ownvoice",
                "check",
                "--enable",
                "STYLE",
                "--disable",
                "A",
                "--disable",
                "B",
                "x",
            ]),
            PIPED,
        )
        .unwrap();
        assert_eq!(settings.selection.enable, ["STYLE"]);
        assert_eq!(settings.selection.disable, ["A", "B"]);
    }
}
