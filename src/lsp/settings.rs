//! The server's settings: what the client sends (`initializationOptions`, the `ownvoice`
//! section of `workspace/configuration`, `workspace/didChangeConfiguration`), read leniently,
//! and the checking settings they make together with the configuration files.
//!
//! A setting that is unknown or has a wrong value is left out with a warning naming it; the
//! others still apply. Client settings are a layer above the configuration files, as flags
//! are on the command line: the workspace's `.ownvoice.toml` wins over the user's file, and
//! the client's settings over both.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::cli::Common;
use crate::config::{self, CommandLine, Config, Effective};
use crate::engine::Variety;

/// How diagnostics speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    /// The grammar point and the first sentence of its explanation; hover shows the lesson.
    Lesson,
    /// "Something here is not quite right."; each hover on the issue gives one more hint.
    Ladder,
}

/// When documents are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOn {
    /// After a pause in typing (and on open).
    Change,
    /// When the document is saved (and on open).
    Save,
}

/// The client's settings, each with its default.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub dialect: Option<Variety>,
    pub words: Vec<String>,
    pub reveal: bool,
    pub hints: Hints,
    /// LSP's `DiagnosticSeverity`: 1 error, 2 warning, 3 information, 4 hint.
    pub severity: u8,
    pub check_on: CheckOn,
    pub max_file_bytes: usize,
    /// How long typing must pause before a changed document is checked.
    pub pause: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enable: Vec::new(),
            disable: Vec::new(),
            dialect: None,
            words: Vec::new(),
            reveal: false,
            hints: Hints::Lesson,
            severity: 3,
            check_on: CheckOn::Change,
            max_file_bytes: 2_000_000,
            pause: Duration::from_millis(250),
        }
    }
}

/// The setting names, as the client spells them.
pub const NAMES: [&str; 10] = [
    "enable",
    "disable",
    "dialect",
    "words",
    "reveal",
    "hints",
    "severity",
    "checkOn",
    "maxFileBytes",
    "pauseMs",
];

impl Settings {
    /// Reads the client's settings: an object of the names above, or one holding them under
    /// `ownvoice`. `null` is every default. Returns the settings and one warning per setting
    /// left out.
    pub fn read(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut warnings = Vec::new();
        let fields = match value {
            Value::Null => return (settings, warnings),
            Value::Object(fields) => match fields.get("ownvoice") {
                Some(Value::Object(inner)) => inner,
                Some(Value::Null) => return (settings, warnings),
                _ => fields,
            },
            _ => {
                warnings.push("ownvoice: the settings must be an object; they were ignored".into());
                return (settings, warnings);
            }
        };
        for (name, value) in fields {
            if let Err(why) = settings.set(name, value) {
                warnings.push(format!("ownvoice: setting '{name}' {why}; it was ignored"));
            }
        }
        (settings, warnings)
    }

    fn set(&mut self, name: &str, value: &Value) -> Result<(), String> {
        match name {
            "enable" => self.enable = strings(value)?,
            "disable" => self.disable = strings(value)?,
            "words" => self.words = strings(value)?,
            "dialect" => {
                self.dialect = match value {
                    Value::Null => None,
                    _ => Some(match choice(value, &["us", "gb", "au", "ca"])? {
                        "us" => Variety::Us,
                        "gb" => Variety::Gb,
                        "au" => Variety::Au,
                        _ => Variety::Ca,
                    }),
                }
            }
            "reveal" => self.reveal = value.as_bool().ok_or("must be true or false")?,
            "hints" => {
                self.hints = match choice(value, &["lesson", "ladder"])? {
                    "lesson" => Hints::Lesson,
                    _ => Hints::Ladder,
                }
            }
            "severity" => {
                let names = ["error", "warning", "information", "hint"];
                let given = choice(value, &names)?;
                self.severity = names.iter().position(|name| *name == given).unwrap_or(2) as u8 + 1;
            }
            "checkOn" => {
                self.check_on = match choice(value, &["change", "save"])? {
                    "change" => CheckOn::Change,
                    _ => CheckOn::Save,
                }
            }
            "maxFileBytes" => {
                self.max_file_bytes = value
                    .as_u64()
                    .filter(|&n| n > 0)
                    .ok_or("must be a whole number of bytes above 0")?
                    as usize
            }
            "pauseMs" => {
                let ms = value
                    .as_u64()
                    .filter(|&n| n <= 10_000)
                    .ok_or("must be a whole number of milliseconds, 0 to 10000")?;
                self.pause = Duration::from_millis(ms);
            }
            _ => {
                let known = crate::similar::closest(name, NAMES, 1)
                    .first()
                    .map(|close| format!(" (did you mean '{close}'?)"))
                    .unwrap_or_default();
                return Err(format!("is not one ownvoice knows{known}"));
            }
        }
        Ok(())
    }

    /// The checking settings of a workspace: its configuration files in order (the user's,
    /// then the workspace's: see [`config::files`]), then these settings. A file that cannot
    /// be used is left out, with a warning naming it.
    pub fn common(&self, paths: &[PathBuf]) -> (Common, Vec<String>) {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        for path in paths {
            match Config::read([path]) {
                Ok(config) => files.extend(config.files),
                Err(error) => warnings.push(format!("ownvoice: {error} (this file is not used)")),
            }
        }
        let command_line = CommandLine {
            enable: self.enable.clone(),
            disable: self.disable.clone(),
            dialect: self.dialect,
            ..CommandLine::default()
        };
        let mut common = Common::of(&Effective::resolve(&Config { files }, &command_line));
        common.words.extend(self.words.iter().cloned());
        (common, warnings)
    }
}

/// The settings of `over` laid on those of `base` (each an object of settings, or one
/// holding them under `ownvoice`): a client may give some settings as initialization
/// options and others, or none, in its `ownvoice` section.
pub fn overlay(base: &Value, over: &Value) -> Value {
    let fields = |value: &Value| match value {
        Value::Object(fields) => match fields.get("ownvoice") {
            Some(Value::Object(inner)) => inner.clone(),
            _ => fields.clone(),
        },
        _ => serde_json::Map::new(),
    };
    if !over.is_object() && !over.is_null() {
        // Not settings at all: let `Settings::read` say so.
        return over.clone();
    }
    let mut merged = fields(base);
    merged.extend(fields(over));
    Value::Object(merged)
}

/// Where "Turn off ... for this workspace" writes: the workspace's `.ownvoice.toml` in effect
/// when it is inside the workspace, else a new one at the workspace's root.
pub fn workspace_file(root: &Path) -> PathBuf {
    config::find_upwards(root, config::PROJECT_FILE)
        .filter(|found| found.starts_with(root))
        .unwrap_or_else(|| root.join(config::PROJECT_FILE))
}

fn strings(value: &Value) -> Result<Vec<String>, String> {
    let fail = || "must be a list of strings".to_string();
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string).ok_or_else(fail))
            .collect(),
        _ => Err(fail()),
    }
}

fn choice<'a>(value: &Value, allowed: &[&'a str]) -> Result<&'a str, String> {
    let given = value.as_str().map(str::to_ascii_lowercase);
    allowed
        .iter()
        .find(|name| given.as_deref() == Some(**name))
        .copied()
        .ok_or_else(|| format!("must be one of {}, not {value}", allowed.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn good_settings_apply_and_bad_ones_are_named_and_left_out() {
        let (settings, warnings) = Settings::read(&json!({
            "ownvoice": {
                "dialect": "GB",
                "severity": "warning",
                "hints": "ladder",
                "checkOn": "save",
                "words": ["Dmitry"],
                "pauseMs": 100,
                "reveal": "yes",
                "maxFileBites": 10,
                "severity_": 1,
            }
        }));
        assert_eq!(settings.dialect, Some(Variety::Gb));
        assert_eq!(settings.severity, 2);
        assert_eq!(settings.hints, Hints::Ladder);
        assert_eq!(settings.check_on, CheckOn::Save);
        assert_eq!(settings.words, ["Dmitry"]);
        assert_eq!(settings.pause, Duration::from_millis(100));
        assert!(!settings.reveal, "a wrong value keeps the default");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("'reveal'")));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("'maxFileBites'") && w.contains("'maxFileBytes'")),
            "{warnings:?}"
        );
        assert_eq!(Settings::read(&Value::Null), (Settings::default(), vec![]));
        // The client's section, even when empty, keeps what the initialization options said.
        let base = json!({"ownvoice": {"hints": "ladder", "severity": "hint"}});
        let merged = overlay(&base, &json!({"severity": "error"}));
        assert_eq!(merged, json!({"hints": "ladder", "severity": "error"}));
        assert_eq!(
            overlay(&base, &Value::Null),
            json!({"hints": "ladder", "severity": "hint"})
        );
        assert_eq!(Settings::read(&json!(3)).1.len(), 1);
    }

    #[test]
    fn the_workspace_file_wins_over_the_user_file_and_settings_over_both() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("essay");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join(config::PROJECT_FILE),
            "dialect = \"gb\"\ndisable = [\"HARPER/SpellCheck\"]\nwords = [\"Lugo\"]\n",
        )
        .unwrap();
        let settings = Settings {
            words: vec!["Dmitry".into()],
            ..Settings::default()
        };
        let files = [root.join(config::PROJECT_FILE)];
        let (common, warnings) = settings.common(&files);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(common.selection.dialect, Some(Variety::Gb));
        assert_eq!(common.selection.disable, ["HARPER/SpellCheck"]);
        assert_eq!(common.words, ["Lugo", "Dmitry"]);
        let over = Settings {
            enable: vec!["harper/spellcheck".into()],
            dialect: Some(Variety::Us),
            ..Settings::default()
        };
        let (common, _) = over.common(&files);
        assert_eq!(common.selection.dialect, Some(Variety::Us));
        assert!(common.selection.disable.is_empty());
        assert_eq!(workspace_file(&root), root.join(config::PROJECT_FILE));

        std::fs::write(root.join(config::PROJECT_FILE), "dialekt = 1\n").unwrap();
        let (common, warnings) = settings.common(&files);
        assert_eq!(common.selection.dialect, None);
        assert!(warnings[0].contains("dialekt"), "{warnings:?}");
    }
}
