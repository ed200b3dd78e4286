//! The `line` format: `path:line:col: category: title [rule]`, one line per issue, the shape
//! vim's and emacs's quickfix/compilation modes read. No summary, no colour.

use std::io::{self, Write};

use super::{Document, Report, locate};
use crate::Issue;

pub struct Line<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Line<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Line { out }
    }
}

impl Report for Line<'_> {
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()> {
        let source = document.source;
        for issue in issues {
            let located = locate(document, issue);
            writeln!(
                self.out,
                "{}:{}:{}: {}: {} [{}]",
                source.path,
                located.start.line,
                located.start.column,
                issue.explanation.category,
                issue.explanation.title,
                issue.rule
            )?;
        }
        self.out.flush()
    }
}
