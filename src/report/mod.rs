//! Reports: the only code that writes results. One type per `--format`, each behind the
//! [`Report`] trait, writing to the writer it is given (standard output in the binary).
//!
//! Issues come in order, a few at a time, as they are found (see `commands/check.rs`): each
//! report writes them as they come and flushes, so that a reader sees the first issue of a
//! long file while the rest is still being checked. Only what closes a report (the human
//! summary, the end of the SARIF document) waits for [`Report::finish`].
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

impl Format {
    /// The most issues shown per file when neither a flag nor a configuration file says:
    /// a thousand in the formats people read (a report of more is no longer read, and a long
    /// file with that many is most likely not the writer's own prose), no limit in those
    /// that programs read, which decide for themselves.
    pub fn max_issues(self) -> Option<usize> {
        match self {
            Format::Human | Format::Line => Some(MAX_ISSUES),
            Format::Jsonl | Format::Sarif | Format::Github => None,
        }
    }
}

/// The default limit on issues per file in the formats people read.
pub const MAX_ISSUES: usize = 1000;

/// What every report needs to know besides the issues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Show the engine's suggested replacements and its own message.
    pub reveal: bool,
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Issues shown.
    pub issues: usize,
    pub files_checked: usize,
    pub files_with_issues: usize,
    pub files_failed: usize,
    /// Files with more issues than the limit per file, not shown whole.
    pub files_cut: usize,
}

/// A source as reports show it: its text with a line index, made once for all its issues.
pub struct Document<'a> {
    pub source: &'a Source,
    pub index: LineIndex<'a>,
}

impl<'a> Document<'a> {
    pub fn new(source: &'a Source) -> Document<'a> {
        Document {
            source,
            index: LineIndex::new(&source.text),
        }
    }
}

/// What the limit on issues per file (`--max-issues`) left out of a file's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub path: String,
    /// The limit: how many issues were shown.
    pub limit: usize,
    /// Issues found but not shown.
    pub hidden: usize,
    /// Where checking stopped, when the limit was reached before the end of the file.
    pub stopped: Option<Stop>,
}

/// Where checking a file stopped at the limit on issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// At the end of a line (of the file's `lines`).
    AfterLine { line: usize, lines: usize },
    /// Inside a line (a very long paragraph is checked in windows): at this column, this
    /// far into the file in percent.
    InLine {
        line: usize,
        column: usize,
        percent: usize,
    },
}

impl Stop {
    /// Where checking stopped: at byte `at` of `document`.
    pub fn at(document: &Document, at: usize) -> Stop {
        let index = &document.index;
        let text = &document.source.text;
        let position = index.position(at);
        let line_end = index.line_start(position.line) + index.line_text(position.line).len();
        if text[at.min(line_end)..line_end].trim().is_empty() {
            Stop::AfterLine {
                line: position.line,
                lines: index.lines() - usize::from(text.ends_with('\n')),
            }
        } else {
            Stop::InLine {
                line: position.line,
                column: position.column,
                percent: at * 100 / text.len().max(1),
            }
        }
    }
}

impl std::fmt::Display for Cut {
    /// One line for the reader: "big.txt: only the first 1000 issues are shown; checking
    /// stopped after line 4321 of 80000 (--max-issues 0 shows them all)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: only the first {} shown",
            self.path,
            if self.limit == 1 {
                "issue is".to_string()
            } else {
                format!("{} issues are", self.limit)
            }
        )?;
        match self.stopped {
            Some(Stop::AfterLine { line, lines }) => {
                write!(f, "; checking stopped after line {line} of {lines}")?;
            }
            Some(Stop::InLine {
                line,
                column,
                percent,
            }) => write!(
                f,
                "; checking stopped at line {line}, column {column}, {percent}% into the file"
            )?,
            None => {
                let verb = if self.hidden == 1 { "was" } else { "were" };
                write!(f, "; {} more {verb} found", self.hidden)?;
            }
        }
        write!(f, " (--max-issues 0 shows them all)")
    }
}

/// A report format.
pub trait Report {
    /// Writes the next issues of `document`, in order. A source's issues come in one or
    /// more calls; sources come one after the other, each whole.
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()>;
    /// Notes what the limit on issues per file left out of `document`'s report, after its
    /// last issue, where the format has a place for such a note; true if it has. Otherwise
    /// the caller writes the note on standard error, out of the way of programs.
    fn cut(&mut self, _document: &Document, _cut: &Cut) -> io::Result<bool> {
        Ok(false)
    }
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

fn locate<'a>(document: &'a Document, issue: &'a Issue) -> Located<'a> {
    Located {
        issue,
        start: document.index.position(issue.span.start),
        end: document.index.position(issue.span.end),
        text: &document.source.text[issue.span.clone()],
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
    fn a_cut_says_where_checking_stopped_in_the_file() {
        let text = format!("First line.\n{}\nLast line.\n", "A long line. ".repeat(10));
        let source = Source {
            path: "notes.txt".into(),
            text,
            format: crate::input::Format::Plain,
        };
        let document = Document::new(&source);
        let second = source.text.find('A').unwrap();
        assert_eq!(
            Stop::at(&document, second - 1),
            Stop::AfterLine { line: 1, lines: 3 }
        );
        let inside = second + "A long line. ".len();
        let Stop::InLine {
            line: 2,
            column: 14,
            percent,
        } = Stop::at(&document, inside)
        else {
            panic!("{:?}", Stop::at(&document, inside));
        };
        assert_eq!(percent, inside * 100 / source.text.len());
        let cut = |stopped| Cut {
            path: "notes.txt".into(),
            limit: 2,
            hidden: 3,
            stopped,
        };
        assert_eq!(
            cut(Some(Stop::AfterLine { line: 1, lines: 3 })).to_string(),
            "notes.txt: only the first 2 issues are shown; checking stopped after line 1 of 3 \
             (--max-issues 0 shows them all)"
        );
        assert_eq!(
            cut(Some(Stop::InLine {
                line: 2,
                column: 14,
                percent: 12
            }))
            .to_string(),
            "notes.txt: only the first 2 issues are shown; checking stopped at line 2, column \
             14, 12% into the file (--max-issues 0 shows them all)"
        );
        assert_eq!(
            cut(None).to_string(),
            "notes.txt: only the first 2 issues are shown; 3 more were found (--max-issues 0 \
             shows them all)"
        );
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, ["one two", "three", "four five"]);
    }
}
