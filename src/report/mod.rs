//! Reports: the only code that writes results. One type per `--format`, each behind the
//! [`Report`] trait, writing to the writer it is given (standard output in the binary).
//!
//! A report never shows a replacement word unless `reveal` is set: the engine's own message
//! usually contains one ("Did you mean does?"), so by default an issue is described by our
//! title and explanation instead.

mod github;
mod human;
mod jsonl;
pub mod lesson;
mod line;
pub mod progress;
mod sarif;

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::Issue;
use crate::input::Source;
use crate::span::{LineIndex, Position};

pub use github::Github;
pub use human::Human;
pub use jsonl::Jsonl;
pub use line::Line;
pub use sarif::{SCHEMA as SARIF_SCHEMA, Sarif, uri as sarif_uri};

/// The output formats of `ownvoice check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Every issue with the source line underlined and the explanation (for people).
    #[default]
    Human,
    /// `path:line:col: category: title [rule]`, one line per issue (for editors' quickfix).
    Line,
    /// One JSON object per issue per line (for programs; schema in README).
    Jsonl,
    /// One SARIF 2.1.0 log for the whole run (for code scanning: GitHub, GitLab, Azure
    /// DevOps; editors).
    Sarif,
    /// GitHub Actions workflow commands: one `::notice` annotation per issue.
    Github,
}

/// What every report needs to know besides the issues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Show the engine's suggested replacements and its own message.
    pub reveal: bool,
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub issues: usize,
    pub files_checked: usize,
    pub files_with_issues: usize,
    pub files_failed: usize,
}

/// A report format.
pub trait Report {
    /// Writes the issues of one source (possibly none).
    fn source(&mut self, source: &Source, issues: &[Issue]) -> io::Result<()>;
    /// Writes whatever closes the report.
    fn finish(&mut self, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// The report for a format, writing to `out`.
pub fn report<'w>(
    format: Format,
    options: Options,
    out: Box<dyn Write + 'w>,
) -> Box<dyn Report + 'w> {
    match format {
        Format::Human => Box::new(Human::new(out, options)),
        Format::Line => Box::new(Line::new(out)),
        Format::Jsonl => Box::new(Jsonl::new(out, options)),
        Format::Sarif => Box::new(Sarif::new(out, options)),
        Format::Github => Box::new(Github::new(out, options)),
    }
}

/// An issue with its positions resolved for display.
struct Located<'a> {
    issue: &'a Issue,
    start: Position,
    end: Position,
    /// The flagged words, as they are in the text.
    text: &'a str,
}

fn locate<'a>(source: &'a Source, index: &LineIndex, issue: &'a Issue) -> Located<'a> {
    Located {
        issue,
        start: index.position(issue.span.start),
        end: index.position(issue.span.end),
        text: &source.text[issue.span.clone()],
    }
}

/// The message to show: the engine's own only when revealing, otherwise ours, which names
/// the grammar point and the flagged words but no replacement.
fn message(located: &Located, options: Options) -> String {
    if options.reveal {
        located.issue.message.clone()
    } else {
        format!(
            "{}: look again at “{}”.",
            located.issue.explanation.title,
            one_line(located.text)
        )
    }
}

/// Text on one line: line breaks and runs of white space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// Greedy word wrap; words longer than the width get a line of their own.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut current = String::new();
        for word in paragraph.split_whitespace() {
            if !current.is_empty()
                && UnicodeWidthStr::width(current.as_str()) + 1 + UnicodeWidthStr::width(word)
                    > width
            {
                lines.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, ["one two", "three", "four five"]);
    }
}
