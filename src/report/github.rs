//! The `github` format: one GitHub Actions workflow command per issue,
//! `::notice file=PATH,line=L,endLine=L,col=C,endColumn=C,title=TITLE::MESSAGE`, which the
//! runner turns into an annotation on the pull request's changed lines. Nothing else is
//! written, so the lines can go straight to the job's output.
//!
//! Issues are notices, never errors: ownvoice points at likely mistakes and does not fail a
//! build by itself (the exit status does that, for those who want it). Columns count Unicode
//! scalar values, `endColumn` is the column of the last flagged character. Values are
//! escaped as the runner expects (`%`, CR, LF, and in properties also `:` and `,`), so a
//! path or a message can never start a command of its own.

use std::io::{self, Write};

use super::{Document, Options, Report, locate, message};
use crate::Issue;
use crate::input::STDIN;

pub struct Github<'w> {
    out: Box<dyn Write + 'w>,
    options: Options,
}

impl<'w> Github<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Github { out, options }
    }
}

/// A message's escaping: the runner reads `%`, CR and LF specially.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's escaping: as a message, and `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Report for Github<'_> {
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()> {
        let source = document.source;
        for issue in issues {
            let located = locate(document, issue);
            let entry = issue.explanation;
            let (start, end) = (located.start, located.end);
            // The end position is just after the last character; the runner wants the
            // column of that character (on the same line as the start when on one line).
            let end_column = if end.line == start.line {
                end.column.saturating_sub(1).max(start.column)
            } else {
                end.column.saturating_sub(1).max(1)
            };
            let file = if source.path == STDIN {
                String::new()
            } else {
                format!("file={},", property(&source.path))
            };
            let text = format!(
                "{}\n\n{}\n\nFull lesson: ownvoice explain {} [{}]",
                message(&located, self.options),
                entry.explanation.trim(),
                entry.id,
                issue.rule
            );
            writeln!(
                self.out,
                "::notice {file}line={},endLine={},col={},endColumn={end_column},title={}::{}",
                start.line,
                end.line,
                start.column,
                property(&format!("ownvoice: {}", entry.title)),
                data(&text)
            )?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_break_out_of_their_command() {
        assert_eq!(data("50% done\r\n::error::x"), "50%25 done%0D%0A::error::x");
        assert_eq!(property("a,b:c\nd"), "a%2Cb%3Ac%0Ad");
    }
}
