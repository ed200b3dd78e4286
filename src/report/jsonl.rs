//! The `jsonl` format: one JSON object per issue per line, nothing else on standard output.
//!
//! Schema (documented in README, tested by parsing the output back):
//! `path` ("-" for stdin), `line`, `column`, `end_line`, `end_column` (1-based; columns in
//! Unicode scalar values; the end is exclusive: the column just after the last flagged
//! character), `byte_start`, `byte_end`, `char_start`, `char_end` (end-exclusive offsets into
//! the original input), `rule`, `category`, `title`, `message`, `explanation` (the
//! explanation entry's text), `explanation_id`, `text` (the flagged words), and only with
//! `--reveal`, `replacements` (the engine's suggestions, best first).

use std::io::{self, Write};

use serde::Serialize;

use super::{Document, Options, Report, locate, message};
use crate::Issue;

pub struct Jsonl<'w> {
    out: Box<dyn Write + 'w>,
    options: Options,
}

impl<'w> Jsonl<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Jsonl { out, options }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
    rule: &'a str,
    category: &'a str,
    title: &'a str,
    message: String,
    explanation_id: &'a str,
    explanation: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacements: Option<&'a [String]>,
}

impl Report for Jsonl<'_> {
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()> {
        let source = document.source;
        for issue in issues {
            let located = locate(document, issue);
            let entry = issue.explanation;
            let record = Record {
                path: &source.path,
                line: located.start.line,
                column: located.start.column,
                end_line: located.end.line,
                end_column: located.end.column,
                byte_start: issue.span.start,
                byte_end: issue.span.end,
                char_start: located.start.char_offset,
                char_end: located.end.char_offset,
                rule: &issue.rule,
                category: &entry.category,
                title: &entry.title,
                message: message(&located, self.options),
                explanation_id: &entry.id,
                explanation: entry.explanation.trim(),
                text: located.text,
                replacements: self.options.reveal.then_some(&issue.replacements[..]),
            };
            serde_json::to_writer(&mut self.out, &record)?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}
