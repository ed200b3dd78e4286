//! The `sarif` format: one SARIF 2.1.0 log (a single JSON document) for the whole run, which
//! code-scanning services and editors read (GitHub, GitLab, Azure DevOps, flycheck).
//!
//! The log is written as issues come, so that a long run holds no more than the rules met:
//! `version` first (as the standard asks), then the run's `results`, one per issue as it is
//! found, and, once every result is written, the rest of the run (`tool` with the rules the
//! results named, `invocations`, `columnKind`). The order of properties in a JSON object has
//! no meaning (the standard says so of SARIF's too), and `ruleIndex` points into a list
//! that only grows. Each rule an issue came from is described once in `tool.driver.rules`, with our
//! explanation as its full description and help; each issue is a `result` of level `note`
//! (ownvoice points at likely mistakes: it never fails a build by itself). Columns are in
//! UTF-16 code units, SARIF's default column kind, and `endColumn` is the column just after
//! the last flagged character. A result never carries a `fix`: ownvoice does not rewrite,
//! and only `--reveal` adds the engine's message and suggestions (as `properties`).
//!
//! Artifact URIs are relative references to the working folder where the user gave a path
//! inside it, `file://` URIs otherwise; standard input has no URI, only a description. What
//! the limit on issues per file left out is a notification of the run's invocation.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::{Cut, Document, Options, Report, Totals, locate, message};
use crate::Issue;
use crate::catalogue::Explanation;
use crate::input::STDIN;

/// The schema a log names, as the SARIF 2.1.0 standard (with its errata) publishes it.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Characters kept out of a URI path segment: what RFC 3986 reserves or forbids there.
/// Non-ASCII characters are always percent-encoded as UTF-8.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'/');

pub struct Sarif<'w> {
    out: Box<dyn Write + 'w>,
    options: Options,
    /// The working folder that relative URIs are relative to (none if it cannot be read:
    /// then every path given is written as it was given, relative or absolute).
    base: Option<PathBuf>,
    /// Each rule met so far, by id, with its index in `rules`.
    rule_index: BTreeMap<String, usize>,
    rules: Vec<Value>,
    /// Results written so far (the first opens the log).
    results: usize,
    /// Notes on what the limit on issues per file left out.
    notifications: Vec<Value>,
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Sarif {
            out,
            options,
            base: std::env::current_dir().ok(),
            rule_index: BTreeMap::new(),
            rules: Vec::new(),
            results: 0,
            notifications: Vec::new(),
        }
    }

    /// Writes one result, opening the log before the first.
    fn result(&mut self, result: &Value) -> io::Result<()> {
        if self.results == 0 {
            self.out.write_all(opening().as_bytes())?;
            self.out.write_all(b"\n")?;
        } else {
            self.out.write_all(b",\n")?;
        }
        self.results += 1;
        write_indented(&mut self.out, result, RESULT_INDENT)
    }

    /// The index of `rule` in the driver's rules, describing it on first sight.
    fn rule(&mut self, rule: &str, entry: &Explanation) -> usize {
        if let Some(&index) = self.rule_index.get(rule) {
            return index;
        }
        let index = self.rules.len();
        self.rules.push(descriptor(rule, entry));
        self.rule_index.insert(rule.to_string(), index);
        index
    }
}

/// A rule's description: our explanation of its grammar point.
fn descriptor(rule: &str, entry: &Explanation) -> Value {
    let explanation = entry.explanation.trim();
    let help = format!(
        "{explanation}\n\nIncorrect: {}\nCorrect: {}\n\nFull lesson: ownvoice explain {}",
        entry.incorrect.trim(),
        entry.correct.trim(),
        entry.id
    );
    json!({
        "id": rule,
        "name": entry.id,
        "shortDescription": { "text": entry.title },
        "fullDescription": { "text": explanation },
        "help": { "text": help },
        "defaultConfiguration": { "level": "note" },
        "properties": { "category": entry.category, "explanationId": entry.id },
    })
}

/// Where a source is, as a SARIF artifact location.
fn artifact(path: &str, base: Option<&Path>) -> Value {
    if path == STDIN {
        return json!({ "description": { "text": "standard input" } });
    }
    json!({ "uri": uri(path, base) })
}

/// A path as a URI reference: relative to `base` where it lies inside it, an absolute
/// `file://` URI where it does not, and relative as given where no base is known.
pub fn uri(path: &str, base: Option<&Path>) -> String {
    let path = Path::new(path);
    let relative = match (path.is_absolute(), base) {
        (true, Some(base)) => path.strip_prefix(base).ok(),
        (true, None) => None,
        (false, _) => Some(path),
    };
    match relative {
        Some(relative) => {
            let segments: Vec<String> = relative
                .components()
                .filter(|c| !matches!(c, Component::CurDir))
                .map(|c| segment(&c.as_os_str().to_string_lossy()))
                .collect();
            let joined = segments.join("/");
            // A first segment with a colon would read as a URI scheme ("c:notes.txt").
            if segments.first().is_some_and(|s| s.contains(':')) {
                format!("./{joined}")
            } else {
                joined
            }
        }
        None => {
            let segments: Vec<String> = path
                .components()
                .filter_map(|c| match c {
                    Component::Normal(name) => Some(segment(&name.to_string_lossy())),
                    Component::ParentDir => Some("..".to_string()),
                    _ => None,
                })
                .collect();
            format!("file:///{}", segments.join("/"))
        }
    }
}

fn segment(name: &str) -> String {
    utf8_percent_encode(name, SEGMENT).to_string()
}

/// The log up to its first result: `version` first, as the standard asks.
fn opening() -> String {
    format!(
        "{{\n  \"version\": \"2.1.0\",\n  \"$schema\": \"{SCHEMA}\",\n  \"runs\": [\n    {{\n      \"results\": ["
    )
}

/// How deep a result is in the log, in spaces; the run's other properties are one level up.
const RESULT_INDENT: usize = 8;
const RUN_INDENT: usize = 6;

/// Writes `value` as pretty JSON, every line indented by `indent` spaces. JSON strings hold
/// no raw line breaks, so every line break is between values.
fn write_indented(out: &mut dyn Write, value: &Value, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(pad.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl Report for Sarif<'_> {
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()> {
        let source = document.source;
        let location = artifact(&source.path, self.base.as_deref());
        for issue in issues {
            let located = locate(document, issue);
            let rule_index = self.rule(&issue.rule, issue.explanation);
            let mut result = json!({
                "ruleId": issue.rule,
                "ruleIndex": rule_index,
                "level": "note",
                "message": { "text": message(&located, self.options) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location.clone(),
                        "region": {
                            "startLine": located.start.line,
                            "startColumn": located.start.utf16_column,
                            "endLine": located.end.line,
                            "endColumn": located.end.utf16_column,
                            "byteOffset": issue.span.start,
                            "byteLength": issue.span.len(),
                            "snippet": { "text": located.text },
                        },
                    },
                }],
            });
            if self.options.reveal {
                result["properties"] = json!({ "replacements": issue.replacements });
            }
            self.result(&result)?;
        }
        self.out.flush()
    }

    fn cut(&mut self, document: &Document, cut: &Cut) -> io::Result<bool> {
        self.notifications.push(json!({
            "level": "note",
            "message": { "text": cut.to_string() },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact(&document.source.path, self.base.as_deref()),
                },
            }],
        }));
        // Services that read the log seldom show an invocation's notifications: the note goes
        // to standard error too.
        Ok(false)
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        if self.results == 0 {
            self.out.write_all(opening().as_bytes())?;
        }
        self.out.write_all(b"\n      ],\n")?;
        let mut invocation = json!({ "executionSuccessful": totals.files_failed == 0 });
        if !self.notifications.is_empty() {
            invocation["toolExecutionNotifications"] =
                Value::Array(std::mem::take(&mut self.notifications));
        }
        let rest = [
            (
                "tool",
                json!({
                    "driver": {
                        "name": "ownvoice",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": std::mem::take(&mut self.rules),
                    },
                }),
            ),
            ("invocations", json!([invocation])),
            ("columnKind", json!("utf16CodeUnits")),
        ];
        for (i, (key, value)) in rest.iter().enumerate() {
            let text = serde_json::to_string_pretty(value)?;
            let pad = " ".repeat(RUN_INDENT);
            let text = text.replace('\n', &format!("\n{pad}"));
            let comma = if i + 1 < rest.len() { "," } else { "" };
            writeln!(self.out, "{pad}\"{key}\": {text}{comma}")?;
        }
        self.out.write_all(b"    }\n  ]\n}\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let base = Path::new("/home/ana/thesis");
        assert_eq!(uri("chapter 1.md", Some(base)), "chapter%201.md");
        assert_eq!(uri("./notes/a.txt", Some(base)), "notes/a.txt");
        assert_eq!(uri("../b.tex", Some(base)), "../b.tex");
        assert_eq!(uri("/home/ana/thesis/x/y.md", Some(base)), "x/y.md");
        assert_eq!(
            uri("/tmp/résumé#1.txt", Some(base)),
            "file:///tmp/r%C3%A9sum%C3%A9%231.txt"
        );
        assert_eq!(uri("c:notes.txt", Some(base)), "./c:notes.txt");
        assert_eq!(uri("/tmp/a?.md", None), "file:///tmp/a%3F.md");
    }
}
