//! The command line: clap's structs, turned once into [`Settings`], so that no other code
//! looks at flags or the environment.

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{CommandLine, Config, Effective, Origin, values};
use crate::engine::{RuleSelection, Variety};
use crate::input::{self, STDIN};
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
    /// Meet the issues of a text one at a time and work out each fix yourself, with hints.
    ///
    /// Keys: h next hint, n next issue, p previous, s skip this rule, q quit. Without a
    /// terminal it prints one issue (--issue K, default the first) and exits: 1 if the text
    /// has issues, 0 if not.
    Learn(LearnArgs),
    /// Show the whole lesson for a grammar point (the ids are in every report).
    Explain(ExplainArgs),
    /// Show the settings in effect (configuration files and defaults) and where each came from.
    ///
    /// Files: config.toml in the user's config folder, then .ownvoice.toml in the current
    /// folder or the nearest parent; the project wins over the user, flags over both.
    Config,
    /// Run a language server on standard input and output, for editors (LSP).
    ///
    /// Diagnostics with explanations, a lesson on hover, and code actions that never edit
    /// your text. Settings come from the client (section "ownvoice") and from the same
    /// configuration files as `check`, found from the workspace folder.
    Lsp(LspArgs),
    /// Answer LanguageTool's HTTP API on this computer, for browser add-ons, LTeX, Obsidian,
    /// LibreOffice and Emacs.
    ///
    /// Listens on 127.0.0.1:8081 by default (another address needs --host, and then accepts
    /// text from the network). Clients point their "LanguageTool server" setting at
    /// http://127.0.0.1:8081. Matches never carry replacements unless --reveal is given.
    /// SIGINT or SIGTERM stops it cleanly.
    Serve(ServeArgs),
    /// Show the grammar points you meet most, and whether each is going down.
    ///
    /// Reads the local progress journal, which `check` and `learn` add to (counts only,
    /// never your text). OWNVOICE_NO_JOURNAL=1 or --no-journal keeps a run out of it.
    Progress(ProgressArgs),
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    ///
    /// Load it from the shell's start-up file, e.g. for bash
    /// `source <(ownvoice completions bash)` in ~/.bashrc (README: "Shell completions").
    Completions(CompletionsArgs),
    /// Print the manual page (roff), of ownvoice or of one command: `ownvoice man | man -l -`.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose own page to print (e.g. check); without it, the page of ownvoice.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Which rules run (shared by `check` and `learn`).
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Run every rule, including style, typography and punctuation-style rules.
    #[arg(long)]
    pub all_rules: bool,

    /// Turn on a rule, a rule group or a whole category (repeatable).
    #[arg(long, value_name = "RULE_ID")]
    pub enable: Vec<String>,

    /// Turn off a rule, a rule group or a whole category (repeatable; wins over --enable).
    #[arg(long, value_name = "RULE_ID")]
    pub disable: Vec<String>,

    /// Accept only this variety's spellings (default: British and American alike).
    #[arg(long, value_enum, value_name = "VARIETY")]
    pub dialect: Option<Variety>,

    /// A personal dictionary for spelling checks: words one per line (repeatable; added to
    /// dictionary.txt in the config folder).
    #[arg(long, value_name = "FILE")]
    pub dictionary: Vec<PathBuf>,
}

impl RuleArgs {
    /// The rule selection these flags ask for, without any configuration file (for tools
    /// whose figures must not depend on the user's settings, such as the evaluation).
    pub fn selection(&self) -> RuleSelection {
        Effective::resolve(&Config::default(), &self.command_line(None)).selection()
    }

    /// These flags as the command-line layer of the configuration.
    fn command_line(&self, start_hint: Option<u8>) -> CommandLine {
        CommandLine {
            all_rules: self.all_rules,
            enable: self.enable.clone(),
            disable: self.disable.clone(),
            dialect: self.dialect,
            dictionaries: self.dictionary.clone(),
            start_hint,
            max_issues: None,
        }
    }
}

/// What the configuration files and flags together say about rules, dictionaries and
/// documents, for `check` and `learn`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Common {
    pub selection: RuleSelection,
    /// Personal dictionaries (from flags and configuration files).
    pub dictionaries: Vec<PathBuf>,
    /// Words to accept, from configuration files.
    pub words: Vec<String>,
    /// LaTeX commands whose arguments are prose, beyond the built-in ones.
    pub latex_prose: Vec<String>,
    /// Glob patterns of files to skip in folders.
    pub ignore: Vec<String>,
    /// The configuration file each enabled or disabled rule id came from, if any: an
    /// unknown id is reported with its file.
    pub rule_files: Vec<(String, PathBuf)>,
}

impl Common {
    /// The settings in effect, as the checking code needs them.
    pub fn of(effective: &Effective) -> Common {
        let rule_files = effective
            .enable
            .iter()
            .chain(&effective.disable)
            .filter_map(|id| match &id.origin {
                Origin::File(path) => Some((id.value.clone(), path.clone())),
                _ => None,
            })
            .collect();
        Common {
            rule_files,
            selection: effective.selection(),
            dictionaries: values(&effective.dictionaries),
            words: values(&effective.words),
            latex_prose: values(&effective.latex_prose_commands),
            ignore: values(&effective.ignore),
        }
    }
}

#[derive(Debug, Args)]
pub struct LearnArgs {
    /// The text file to learn from; `-` reads standard input (the default when it is not a
    /// terminal). Keys are then read from the terminal.
    #[arg(value_name = "PATH")]
    pub path: Option<String>,

    /// The hint every issue starts at: 1 where, 2 what kind, 3 the question to ask, 4 why
    /// (the explanation), 5 the engine's view. Beginners may like 3 or 4.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub start_hint: Option<u8>,

    /// Print issue K (1-based) and exit, as without a terminal.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub issue: Option<u32>,

    /// When to use colours (without them, highlights are bold and underlined).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What kind of document the text is (default: by the file's extension, .md and
    /// .markdown for Markdown, .tex for LaTeX; plain text for anything else and stdin).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<input::Format>,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Do not add this run's counts to the progress journal (see `ownvoice progress`).
    #[arg(long)]
    pub no_journal: bool,

    /// Check every paragraph again, without reading or writing the result cache (kept in
    /// the user's cache folder, ~/.cache/ownvoice on Linux, or in OWNVOICE_CACHE_DIR).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only way, and the default; accepted because
    /// many editors pass it).
    #[arg(long)]
    pub stdio: bool,

    /// Do not count what saved documents showed in the progress journal.
    #[arg(long)]
    pub no_journal: bool,

    /// Keep the findings in memory only, without reading or writing the result cache.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Anything but a loopback address (127.0.0.1, ::1) accepts
    /// text from the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS", value_parser = parse_host)]
    pub host: IpAddr,

    /// The port to listen on (0: any free port, announced on standard error).
    #[arg(long, default_value_t = 8081, value_name = "PORT")]
    pub port: u16,

    /// Send the engine's suggested replacements with each match (clients offer them as
    /// one-click rewrites).
    #[arg(long)]
    pub reveal: bool,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// The largest text a request may send, in bytes (larger ones are refused with 413).
    #[arg(long, default_value_t = crate::serve::Options::MAX_TEXT_BYTES, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub max_text_bytes: usize,

    /// Seconds a request may wait for a free checker and be checked before it is refused
    /// with 503.
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,

    /// How many texts are checked at once (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=256).map(|n| n as usize))]
    pub checkers: Option<usize>,

    /// How many sets of engines for other rule selections or dialects that requests ask for
    /// are kept loaded (about 350 MB each); 0 checks every request with the server's rules.
    #[arg(long, default_value_t = crate::serve::Options::VARIANTS, value_name = "N")]
    pub variants: usize,
}

/// `--host`: an IP address, or `localhost`.
fn parse_host(given: &str) -> Result<IpAddr, String> {
    if given.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    given
        .trim_matches(['[', ']'])
        .parse()
        .map_err(|_| format!("'{given}' is not an IP address (such as 127.0.0.1 or ::1)"))
}

/// Everything `ownvoice serve` needs, resolved from flags and configuration files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeSettings {
    pub options: crate::serve::Options,
    pub common: Common,
}

impl ServeSettings {
    pub fn resolve(args: ServeArgs, config: &Config) -> ServeSettings {
        let checkers = args.checkers.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        });
        ServeSettings {
            options: crate::serve::Options {
                address: SocketAddr::new(args.host, args.port),
                reveal: args.reveal,
                max_text_bytes: args.max_text_bytes,
                timeout: Duration::from_secs(args.timeout),
                checkers,
                variants: args.variants,
            },
            common: Common::of(&Effective::resolve(config, &args.rules.command_line(None))),
        }
    }
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// How many of the latest runs the table covers.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,

    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The grammar point's id (e.g. subject-verb-agreement), or the rule id shown in a
    /// report (e.g. GRAMMAR/HAVE_PART_AGREEMENT). Without one, every grammar point is listed.
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// List every grammar point with its id.
    #[arg(long, conflicts_with = "id")]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Text files or folders to check; `-` reads standard input (the default when it is not
    /// a terminal). A folder is searched for Markdown, LaTeX and .txt files, skipping what
    /// .gitignore and hidden names leave out.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// What kind of document each input is (default: by the file's extension, .md and
    /// .markdown for Markdown, .tex for LaTeX; plain text for anything else and stdin).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<input::Format>,

    /// How to show the issues.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colours (auto: when writing to a terminal and NO_COLOR is not set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Also show the engine's suggested replacements (a suggestion to consider, never applied).
    #[arg(long)]
    pub reveal: bool,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Do not add this run's counts to the progress journal (see `ownvoice progress`).
    #[arg(long)]
    pub no_journal: bool,

    /// Check every paragraph again, without reading or writing the result cache (kept in
    /// the user's cache folder, ~/.cache/ownvoice on Linux, or in OWNVOICE_CACHE_DIR).
    #[arg(long)]
    pub no_cache: bool,

    /// Show at most N issues per file, then a note of what was left out, and stop checking
    /// that file (0: no limit). Default: 1000 for human and line, no limit for jsonl, sarif
    /// and github (programs choose for themselves); `max-issues` in a configuration file.
    #[arg(long, value_name = "N")]
    pub max_issues: Option<usize>,

    /// Also say on standard error how the run went: paragraphs checked and found in the
    /// cache, and how long loading the engines and the whole run took.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` means colours on a terminal unless `NO_COLOR` is set.
    pub fn resolve(self, env: Environment) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
        }
    }
}

/// Everything `ownvoice check` needs, resolved from flags and environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSettings {
    /// Paths (files or folders) in the order given; `-` is standard input.
    pub inputs: Vec<String>,
    /// Read every input as this kind of document, whatever its extension.
    pub input_format: Option<input::Format>,
    pub format: Format,
    pub color: bool,
    pub options: Options,
    pub common: Common,
    /// Add this run's counts to the progress journal.
    pub journal: bool,
    /// Use the result cache.
    pub cache: bool,
    /// Say on standard error how the run went.
    pub verbose: bool,
    /// Show a progress bar on standard error (it is a terminal) when the run is long.
    pub progress: bool,
    /// The most issues shown per file (`None`: no limit).
    pub max_issues: Option<usize>,
}

/// What the environment looks like, as far as settings depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Environment {
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

impl Environment {
    pub fn current() -> Self {
        Environment {
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

impl CheckSettings {
    /// Resolves the arguments over the configuration files. Without paths, standard input is
    /// read when it is not a terminal; otherwise there is nothing to check, which is an error.
    pub fn resolve(
        args: CheckArgs,
        env: Environment,
        config: &Config,
    ) -> Result<CheckSettings, String> {
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
        let color = args.color.resolve(env);
        let mut command_line = args.rules.command_line(None);
        command_line.max_issues = args.max_issues;
        let effective = Effective::resolve(config, &command_line);
        let max_issues = match effective.max_issues.value {
            Some(0) => None,
            Some(limit) => Some(limit),
            None => args.format.max_issues(),
        };
        Ok(CheckSettings {
            inputs,
            input_format: args.input_format,
            format: args.format,
            color: color && args.format == Format::Human,
            options: Options {
                reveal: args.reveal,
            },
            common: Common::of(&effective),
            journal: !args.no_journal,
            cache: !args.no_cache,
            verbose: args.verbose,
            progress: env.stderr_is_terminal,
            max_issues,
        })
    }
}

/// Everything `ownvoice learn` needs, resolved from flags and environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnSettings {
    /// The path, or `-` for standard input.
    pub input: String,
    /// Read the input as this kind of document, whatever its extension.
    pub input_format: Option<input::Format>,
    /// The hint rung every issue starts at, 1 to 4.
    pub start_rung: u8,
    /// Print this issue (1-based) and exit instead of the interactive session.
    pub issue: Option<usize>,
    /// Try the interactive session (standard output is a terminal and no --issue).
    pub interactive: bool,
    pub color: bool,
    pub common: Common,
    /// Add this run's counts to the progress journal.
    pub journal: bool,
    /// Use the result cache.
    pub cache: bool,
}

impl LearnSettings {
    pub fn resolve(
        args: LearnArgs,
        env: Environment,
        config: &Config,
    ) -> Result<LearnSettings, String> {
        let input = match args.path {
            Some(path) => path,
            None if env.stdin_is_terminal => {
                return Err(
                    "nothing to learn from: give a path, or - to read standard input".into(),
                );
            }
            None => STDIN.to_string(),
        };
        let color = args.color.resolve(env);
        let effective = Effective::resolve(config, &args.rules.command_line(args.start_hint));
        Ok(LearnSettings {
            input,
            input_format: args.input_format,
            start_rung: effective.start_hint.value,
            issue: args.issue.map(|k| k as usize),
            interactive: env.stdout_is_terminal && args.issue.is_none(),
            color,
            common: Common::of(&effective),
            journal: !args.no_journal,
            cache: !args.no_cache,
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
            _ => panic!("not a check command"),
        }
    }

    const NONE: Config = Config { files: Vec::new() };

    const PIPED: Environment = Environment {
        stdin_is_terminal: false,
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        no_color: false,
    };

    #[test]
    fn no_path_reads_stdin_only_when_it_is_piped() {
        let settings = CheckSettings::resolve(args(&["ownvoice", "check"]), PIPED, &NONE).unwrap();
        assert_eq!(settings.inputs, ["-"]);
        let terminal = Environment {
            stdin_is_terminal: true,
            ..PIPED
        };
        assert!(CheckSettings::resolve(args(&["ownvoice", "check"]), terminal, &NONE).is_err());
    }

    #[test]
    fn colour_follows_terminal_no_color_and_the_flag() {
        let tty = Environment {
            stdout_is_terminal: true,
            ..PIPED
        };
        let resolve = |line: &[&str], env| {
            CheckSettings::resolve(args(line), env, &NONE)
                .unwrap()
                .color
        };
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
    fn serve_listens_on_loopback_unless_told() {
        let serve = |line: &[&str]| match Cli::try_parse_from(line).map(|cli| cli.command) {
            Ok(Command::Serve(args)) => Ok(ServeSettings::resolve(args, &NONE)),
            Ok(_) => panic!("not a serve command"),
            Err(error) => Err(error.to_string()),
        };
        let plain = serve(&["ownvoice", "serve"]).unwrap();
        assert_eq!(plain.options.address.to_string(), "127.0.0.1:8081");
        assert!(!plain.options.reveal);
        assert!(plain.options.checkers >= 1);
        let chosen = serve(&[
            "ownvoice",
            "serve",
            "--host",
            "localhost",
            "--port",
            "0",
            "--reveal",
            "--dialect",
            "gb",
        ])
        .unwrap();
        assert_eq!(chosen.options.address.to_string(), "127.0.0.1:0");
        assert!(chosen.options.reveal);
        assert_eq!(chosen.common.selection.dialect, Some(Variety::Gb));
        let v6 = serve(&["ownvoice", "serve", "--host", "[::1]"]).unwrap();
        assert!(v6.options.address.ip().is_loopback());
        let error = serve(&["ownvoice", "serve", "--host", "my-laptop"]).unwrap_err();
        assert!(
            error.contains("'my-laptop' is not an IP address"),
            "{error}"
        );
        assert!(serve(&["ownvoice", "serve", "--max-text-bytes", "0"]).is_err());
    }

    #[test]
    fn the_issue_limit_follows_the_flag_the_configuration_and_the_format() {
        let limit = |line: &[&str], config: &Config| {
            CheckSettings::resolve(args(line), PIPED, config)
                .unwrap()
                .max_issues
        };
        assert_eq!(limit(&["ownvoice", "check", "a.txt"], &NONE), Some(1000));
        assert_eq!(
            limit(&["ownvoice", "check", "--format", "line", "a.txt"], &NONE),
            Some(1000)
        );
        for format in ["jsonl", "sarif", "github"] {
            assert_eq!(
                limit(&["ownvoice", "check", "--format", format, "a.txt"], &NONE),
                None
            );
        }
        let flag = [
            "ownvoice",
            "check",
            "--max-issues",
            "5",
            "--format",
            "jsonl",
            "a.txt",
        ];
        assert_eq!(limit(&flag, &NONE), Some(5));
        assert_eq!(
            limit(&["ownvoice", "check", "--max-issues", "0", "a.txt"], &NONE),
            None
        );
        let config = Config {
            files: vec![(
                PathBuf::from(".ownvoice.toml"),
                crate::config::File {
                    max_issues: Some(20),
                    ..Default::default()
                },
            )],
        };
        assert_eq!(
            limit(
                &["ownvoice", "check", "--format", "sarif", "a.txt"],
                &config
            ),
            Some(20)
        );
        assert_eq!(
            limit(
                &["ownvoice", "check", "--max-issues", "0", "a.txt"],
                &config
            ),
            None
        );
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
            &NONE,
        )
        .unwrap();
        assert_eq!(settings.common.selection.enable, ["STYLE"]);
        assert_eq!(settings.common.selection.disable, ["A", "B"]);
    }
}
