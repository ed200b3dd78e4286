//! Configuration files, so a writer or a project keeps its choices: which rules run, words to
//! accept, the dialect, where hints start, LaTeX commands whose arguments are prose, files
//! to leave alone, and the most issues a report shows per file.
//!
//! Two files are read, both TOML with the same keys: `config.toml` in the user's config
//! folder (`~/.config/ownvoice/` on Linux, or `OWNVOICE_CONFIG_DIR`), then `.ownvoice.toml`
//! in the current folder or the nearest parent that has one (the project). The project wins
//! over the user, and command-line flags win over both. A key we do not know is an error
//! naming the key and the file: a typo must not silently change nothing.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::engine::Variety;

/// The project file's name.
pub const PROJECT_FILE: &str = ".ownvoice.toml";

/// The user file's name, in the user's config folder.
pub const USER_FILE: &str = "config.toml";

/// One configuration file's settings; every key is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct File {
    /// Run every rule, including style and typography.
    pub all_rules: Option<bool>,
    /// Rule ids, groups or categories to turn on.
    pub enable: Option<Vec<String>>,
    /// Rule ids, groups or categories to turn off.
    pub disable: Option<Vec<String>>,
    /// Accept only this variety's spellings.
    pub dialect: Option<Variety>,
    /// Words spelling checks accept (names, terms).
    pub words: Option<Vec<String>>,
    /// A personal dictionary file; a relative path is relative to this file's folder.
    pub dictionary: Option<PathBuf>,
    /// The hint rung `learn` starts at, 1 to 4.
    pub start_hint: Option<u8>,
    /// LaTeX commands (without the backslash) whose arguments are prose.
    pub latex_prose_commands: Option<Vec<String>>,
    /// Glob patterns of files to skip when checking a folder (`drafts/**`, `*.bak.md`).
    pub ignore: Option<Vec<String>>,
    /// The most issues `check` shows per file (0: no limit).
    pub max_issues: Option<usize>,
}

/// A configuration file that cannot be used.
#[derive(Debug, Error)]
#[error("{path}: {cause}")]
pub struct ConfigError {
    pub path: String,
    pub cause: String,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => write!(f, "command line"),
        }
    }
}

/// The configuration files found, the user's first, then the project's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub files: Vec<(PathBuf, File)>,
}

impl Config {
    /// Finds and reads the user's file and the project's file (from the current folder up).
    pub fn discover() -> Result<Config, ConfigError> {
        let folder = std::env::current_dir().ok();
        Config::read(&files(folder.as_deref()))
    }

    /// Reads the given files, later ones winning.
    pub fn read<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Result<Config, ConfigError> {
        let mut files = Vec::new();
        for path in paths {
            files.push((path.clone(), parse_file(path)?));
        }
        Ok(Config { files })
    }
}

/// The configuration files that exist, in the order they apply: the user's file, then the
/// project's `.ownvoice.toml` in `folder` or the nearest folder above it.
pub fn files(folder: Option<&Path>) -> Vec<PathBuf> {
    let project = folder.and_then(|dir| find_upwards(dir, PROJECT_FILE));
    user_file()
        .into_iter()
        .chain(project)
        .filter(|path| path.is_file())
        .collect()
}

/// Where the user's configuration file is (whether or not it exists).
pub fn user_file() -> Option<PathBuf> {
    crate::dictionary::config_dir().map(|dir| dir.join(USER_FILE))
}

/// The file called `name` in `start` or the nearest folder above it.
pub fn find_upwards(start: &Path, name: &str) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn parse_file(path: &Path) -> Result<File, ConfigError> {
    let fail = |cause: String| ConfigError {
        path: path.display().to_string(),
        cause,
    };
    let source =
        crate::input::read(&path.to_string_lossy()).map_err(|e| fail(e.cause.to_string()))?;
    let file: File = toml::from_str(&source.text).map_err(|e| fail(one_line(&e.to_string())))?;
    if let Some(rung) = file.start_hint.filter(|rung| !(1..=5).contains(rung)) {
        return Err(fail(format!("start-hint must be 1 to 5, not {rung}")));
    }
    Ok(file)
}

/// TOML errors come with a drawing of the line; the report wants one line.
pub(crate) fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message.lines().map(str::trim).collect();
    let position = lines.first().copied().unwrap_or_default();
    let cause = lines.last().copied().unwrap_or_default();
    if position == cause {
        cause.to_string()
    } else {
        format!("{cause} ({position})")
    }
}

/// The values given on the command line, for [`Effective::resolve`].
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub all_rules: bool,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub dialect: Option<Variety>,
    pub dictionaries: Vec<PathBuf>,
    pub start_hint: Option<u8>,
    pub max_issues: Option<usize>,
}

/// One value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: &Origin) -> Sourced<T> {
        Sourced {
            value,
            origin: origin.clone(),
        }
    }
}

/// The settings in effect after the files and the command line, each with its origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub all_rules: Sourced<bool>,
    pub enable: Vec<Sourced<String>>,
    pub disable: Vec<Sourced<String>>,
    pub dialect: Sourced<Option<Variety>>,
    pub words: Vec<Sourced<String>>,
    pub dictionaries: Vec<Sourced<PathBuf>>,
    pub start_hint: Sourced<u8>,
    pub latex_prose_commands: Vec<Sourced<String>>,
    pub ignore: Vec<Sourced<String>>,
    /// The most issues `check` shows per file (0: no limit); unset, it depends on the
    /// report's format ([`crate::report::Format::max_issues`]).
    pub max_issues: Sourced<Option<usize>>,
}

impl Effective {
    /// Layers the files (in order) and then the command line. Lists add up; a rule that a
    /// later layer enables is no longer disabled by an earlier one, and the other way round.
    pub fn resolve(config: &Config, command_line: &CommandLine) -> Effective {
        let mut effective = Effective {
            all_rules: Sourced::new(false, &Origin::Default),
            enable: Vec::new(),
            disable: Vec::new(),
            dialect: Sourced::new(None, &Origin::Default),
            words: Vec::new(),
            dictionaries: Vec::new(),
            start_hint: Sourced::new(1, &Origin::Default),
            latex_prose_commands: Vec::new(),
            ignore: Vec::new(),
            max_issues: Sourced::new(None, &Origin::Default),
        };
        for (path, file) in &config.files {
            let origin = Origin::File(path.clone());
            let folder = path.parent().unwrap_or(Path::new("."));
            effective.layer(
                origin,
                Layer {
                    all_rules: file.all_rules,
                    enable: file.enable.clone().unwrap_or_default(),
                    disable: file.disable.clone().unwrap_or_default(),
                    dialect: file.dialect,
                    words: file.words.clone().unwrap_or_default(),
                    dictionaries: file.dictionary.iter().map(|d| folder.join(d)).collect(),
                    start_hint: file.start_hint,
                    latex_prose_commands: file.latex_prose_commands.clone().unwrap_or_default(),
                    ignore: file.ignore.clone().unwrap_or_default(),
                    max_issues: file.max_issues,
                },
            );
        }
        effective.layer(
            Origin::CommandLine,
            Layer {
                all_rules: command_line.all_rules.then_some(true),
                enable: command_line.enable.clone(),
                disable: command_line.disable.clone(),
                dialect: command_line.dialect,
                words: Vec::new(),
                dictionaries: command_line.dictionaries.clone(),
                start_hint: command_line.start_hint,
                latex_prose_commands: Vec::new(),
                ignore: Vec::new(),
                max_issues: command_line.max_issues,
            },
        );
        effective
    }

    fn layer(&mut self, origin: Origin, layer: Layer) {
        let at = |value| Sourced::new(value, &origin);
        if let Some(value) = layer.all_rules {
            self.all_rules = Sourced::new(value, &origin);
        }
        if let Some(value) = layer.dialect {
            self.dialect = Sourced::new(Some(value), &origin);
        }
        if let Some(value) = layer.start_hint {
            self.start_hint = Sourced::new(value, &origin);
        }
        if let Some(value) = layer.max_issues {
            self.max_issues = Sourced::new(Some(value), &origin);
        }
        let names = |ids: &[String], id: &Sourced<String>| {
            ids.iter()
                .any(|given| given.eq_ignore_ascii_case(&id.value))
        };
        self.disable.retain(|id| !names(&layer.enable, id));
        self.enable.retain(|id| !names(&layer.disable, id));
        self.enable.extend(layer.enable.into_iter().map(at));
        self.disable.extend(layer.disable.into_iter().map(at));
        self.words.extend(layer.words.into_iter().map(at));
        self.latex_prose_commands
            .extend(layer.latex_prose_commands.into_iter().map(at));
        self.ignore.extend(layer.ignore.into_iter().map(at));
        self.dictionaries.extend(
            layer
                .dictionaries
                .into_iter()
                .map(|path| Sourced::new(path, &origin)),
        );
    }

    /// The rule selection in effect.
    pub fn selection(&self) -> crate::engine::RuleSelection {
        crate::engine::RuleSelection {
            all_rules: self.all_rules.value,
            enable: values(&self.enable),
            disable: values(&self.disable),
            dialect: self.dialect.value,
        }
    }
}

/// The values of a list of sourced values.
pub fn values<T: Clone>(list: &[Sourced<T>]) -> Vec<T> {
    list.iter().map(|s| s.value.clone()).collect()
}

/// One layer's values, whatever their source.
struct Layer {
    all_rules: Option<bool>,
    enable: Vec<String>,
    disable: Vec<String>,
    dialect: Option<Variety>,
    words: Vec<String>,
    dictionaries: Vec<PathBuf>,
    start_hint: Option<u8>,
    latex_prose_commands: Vec<String>,
    ignore: Vec<String>,
    max_issues: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_project_wins_over_the_user_and_the_command_line_over_both() {
        let dir = tempfile::TempDir::new().unwrap();
        let user = file(
            dir.path(),
            "user.toml",
            "dialect = \"us\"\nstart-hint = 3\ndisable = [\"HARPER/SpellCheck\"]\nwords = [\"Dmitry\"]\n",
        );
        let project = file(
            dir.path(),
            "project.toml",
            "dialect = \"gb\"\nenable = [\"OWNVOICE/BE_SAME\"]\ndictionary = \"words.txt\"\nmax-issues = 50\n",
        );
        let config = Config::read([&user, &project]).unwrap();
        let plain = Effective::resolve(&Config::read([&user]).unwrap(), &CommandLine::default());
        assert_eq!(
            plain.max_issues.value, None,
            "unset: by the report's format"
        );
        let plain = Effective::resolve(&config, &CommandLine::default());
        assert_eq!(plain.dialect.value, Some(Variety::Gb));
        assert_eq!(plain.dialect.origin, Origin::File(project.clone()));
        assert_eq!(plain.start_hint.value, 3);
        assert_eq!(values(&plain.disable), ["HARPER/SpellCheck"]);
        assert_eq!(values(&plain.enable), ["OWNVOICE/BE_SAME"]);
        assert_eq!(values(&plain.dictionaries), [dir.path().join("words.txt")]);
        assert_eq!(values(&plain.words), ["Dmitry"]);
        assert!(!plain.all_rules.value);
        assert_eq!(plain.all_rules.origin, Origin::Default);
        assert_eq!(plain.max_issues.value, Some(50));

        let flags = CommandLine {
            enable: vec!["harper/spellcheck".into()],
            dialect: Some(Variety::Au),
            start_hint: Some(2),
            max_issues: Some(0),
            ..Default::default()
        };
        let both = Effective::resolve(&config, &flags);
        assert_eq!(both.max_issues.value, Some(0));
        assert_eq!(both.max_issues.origin, Origin::CommandLine);
        assert_eq!(both.dialect.value, Some(Variety::Au));
        assert_eq!(both.dialect.origin, Origin::CommandLine);
        assert_eq!(both.start_hint.value, 2);
        assert!(both.disable.is_empty(), "enabled on the command line");
        assert_eq!(
            values(&both.enable),
            ["OWNVOICE/BE_SAME", "harper/spellcheck"]
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_file_and_the_key() {
        let dir = tempfile::TempDir::new().unwrap();
        let typo = file(dir.path(), ".ownvoice.toml", "dialekt = \"gb\"\n");
        let error = Config::read([&typo]).unwrap_err().to_string();
        assert!(
            error.contains(".ownvoice.toml") && error.contains("dialekt"),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1, "{error}");
        let rung = file(dir.path(), "rung.toml", "start-hint = 7\n");
        let error = Config::read([&rung]).unwrap_err().to_string();
        assert!(error.contains("start-hint must be 1 to 5"), "{error}");
        let dialect = file(dir.path(), "dialect.toml", "dialect = \"martian\"\n");
        let error = Config::read([&dialect]).unwrap_err().to_string();
        assert!(error.contains("martian"), "{error}");
    }

    #[test]
    fn the_project_file_is_found_in_a_parent_folder() {
        let dir = tempfile::TempDir::new().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let project = file(dir.path(), PROJECT_FILE, "all-rules = true\n");
        assert_eq!(find_upwards(&nested, PROJECT_FILE), Some(project));
        assert_eq!(find_upwards(&nested, "nope.toml"), None);
    }
}
