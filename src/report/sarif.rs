//! The `sarif` format: one SARIF 2.1.0 log (a single JSON document) for the whole run, which
//! code-scanning services and editors read (GitHub, GitLab, Azure DevOps, flycheck).
//!
//! A SARIF log cannot be streamed, so results are gathered per source and written by
//! `finish`. Each rule an issue came from is described once in `tool.driver.rules`, with our
//! explanation as its full description and help; each issue is a `result` of level `note`
//! (ownvoice points at likely mistakes: it never fails a build by itself). Columns are in
//! UTF-16 code units, SARIF's default column kind, and `endColumn` is the column just after
//! the last flagged character. A result never carries a `fix`: ownvoice does not rewrite,
//! and only `--reveal` adds the engine's message and suggestions (as `properties`).
//!
//! Artifact URIs are relative references to the working folder where the user gave a path
//! inside it, `file://` URIs otherwise; standard input has no URI, only a description.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::{Options, Report, Totals, locate, message};
use crate::Issue;
use crate::catalogue::Explanation;
use crate::input::{STDIN, Source};
use crate::span::LineIndex;

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
    results: Vec<Value>,
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Sarif {
            out,
            options,
            base: std::env::current_dir().ok(),
            rule_index: BTreeMap::new(),
            rules: Vec::new(),
            results: Vec::new(),
        }
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

impl Report for Sarif<'_> {
    fn source(&mut self, source: &Source, issues: &[Issue]) -> io::Result<()> {
        let index = LineIndex::new(&source.text);
        let location = artifact(&source.path, self.base.as_deref());
        for issue in issues {
            let located = locate(source, &index, issue);
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
            self.results.push(result);
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "ownvoice",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": std::mem::take(&mut self.rules),
                    },
                },
                "invocations": [{ "executionSuccessful": totals.files_failed == 0 }],
                "columnKind": "utf16CodeUnits",
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        self.out.write_all(b"\n")?;
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
