//! `ownvoice config`: the settings in effect and where each came from.

use std::io::{self, Write};

use super::Outcome;
use crate::cache;
use crate::config::{CommandLine, Config, Effective, Origin, PROJECT_FILE, Sourced, USER_FILE};

/// Prints every setting with its value and origin, one per line, in TOML a writer can copy
/// into a configuration file.
pub fn config(config: &Config, out: &mut dyn Write) -> io::Result<Outcome> {
    let effective = Effective::resolve(config, &CommandLine::default());
    if config.files.is_empty() {
        // Say where the files would go, so that a writer can create one.
        let user = crate::dictionary::config_dir().map_or_else(
            || format!("{USER_FILE} in your config folder"),
            |dir| dir.join(USER_FILE).display().to_string(),
        );
        writeln!(
            out,
            "# No configuration files. Yours would be {user}; a project's is {PROJECT_FILE} in \
             the current folder or one above it."
        )?;
    } else {
        for (path, _) in &config.files {
            writeln!(out, "# read {}", path.display())?;
        }
    }
    let one = |value: String, origin: &Origin| (value, origin.to_string());
    let list = |values: &[Sourced<String>]| {
        let quoted: Vec<String> = values.iter().map(|v| format!("{:?}", v.value)).collect();
        let mut origins: Vec<String> = values.iter().map(|v| v.origin.to_string()).collect();
        origins.dedup();
        if origins.is_empty() {
            origins.push(Origin::Default.to_string());
        }
        (format!("[{}]", quoted.join(", ")), origins.join(", "))
    };
    // Without a dialect every variety's spelling is accepted; "any" is not a value a file
    // can hold, so the line is a comment then.
    let dialect = effective.dialect.value.map_or(
        "\"any\" (unset: every variety's spellings)".to_string(),
        |d| format!("{:?}", format!("{d:?}").to_lowercase()),
    );
    let dictionaries: Vec<Sourced<String>> = effective
        .dictionaries
        .iter()
        .map(|d| Sourced::new(d.value.display().to_string(), &d.origin))
        .collect();
    let lines = [
        (
            "all-rules",
            one(
                effective.all_rules.value.to_string(),
                &effective.all_rules.origin,
            ),
        ),
        ("enable", list(&effective.enable)),
        ("disable", list(&effective.disable)),
        ("dialect", one(dialect, &effective.dialect.origin)),
        ("words", list(&effective.words)),
        ("dictionary", list(&dictionaries)),
        (
            "start-hint",
            one(
                effective.start_hint.value.to_string(),
                &effective.start_hint.origin,
            ),
        ),
        (
            "latex-prose-commands",
            list(&effective.latex_prose_commands),
        ),
        ("ignore", list(&effective.ignore)),
        (
            "max-issues",
            effective.max_issues.value.map_or_else(
                || {
                    (
                        format!(
                            "{} (unset: {0} for human and line reports, no limit for the \
                             others)",
                            crate::report::MAX_ISSUES
                        ),
                        Origin::Default.to_string(),
                    )
                },
                |limit| one(limit.to_string(), &effective.max_issues.origin),
            ),
        ),
    ];
    let settings: Vec<(String, String)> = lines
        .into_iter()
        .map(|(key, (value, origin))| (format!("{key} = {value}"), origin))
        .collect();
    let width = settings
        .iter()
        .map(|(s, _)| s.len())
        .max()
        .unwrap_or(0)
        .min(60);
    for (setting, origin) in settings {
        let comment = if setting.contains("(unset") { "# " } else { "" };
        writeln!(out, "{comment}{setting:<width$}  # {origin}")?;
    }
    if let Some(dir) = cache::dir() {
        writeln!(
            out,
            "# Results are cached in {} ({} moves it; --no-cache bypasses it).",
            dir.display(),
            cache::DIR_VAR
        )?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
