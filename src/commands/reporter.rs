//! The issues of the files `check` reads, part by part as they are found, on their way to
//! the report: merged (`stream::Merger`), cut at the limit on issues per file, vetted for
//! `--reveal`, reported, and counted for the summary and the progress journal.
//!
//! Boundary: it is handed each part's findings in order (`ordered.rs` sees to that) and
//! never runs the engines itself, except through `suggestions::vet`. Invariant: every issue
//! shown is counted once, in the totals and the journal; a file cut at the limit counts only
//! the words of what was checked, so the journal's rates stay true.

use std::io::{self, Write};

use super::{count, report_failures};
use crate::engine::Checker;
use crate::input::Source;
use crate::input::prose::Prose;
use crate::journal::{Run, count_words};
use crate::report::{Cut, Document, Report, Stop, Totals};
use crate::stream::{Found, Merger, Part};
use crate::suggestions;

/// What a check reports, and what it has counted so far.
pub(super) struct Reporter<'a> {
    pub sources: &'a [Source],
    pub proses: &'a [Prose],
    pub parts: &'a [Vec<Part>],
    pub report: Box<dyn Report + 'a>,
    /// Vets the replacements shown with `--reveal`; `None` without it.
    pub reveal: Option<&'a dyn Checker>,
    /// The most issues shown per file.
    pub max_issues: Option<usize>,
    pub totals: Totals,
    pub journal: Run,
    /// Some part could not be checked.
    pub trouble: bool,
    /// The file being reported.
    file: Option<File<'a>>,
}

/// The file being reported.
struct File<'a> {
    index: usize,
    document: Document<'a>,
    merger: Merger,
    /// Issues shown so far.
    shown: usize,
    /// Where the parts checked so far end in the text.
    checked_to: usize,
    /// What the limit left out, once it is reached; the file's later parts are dropped.
    cut: Option<Cut>,
}

impl<'a> Reporter<'a> {
    pub fn new(
        sources: &'a [Source],
        proses: &'a [Prose],
        parts: &'a [Vec<Part>],
        report: Box<dyn Report + 'a>,
        journal: Run,
    ) -> Reporter<'a> {
        Reporter {
            sources,
            proses,
            parts,
            report,
            reveal: None,
            max_issues: None,
            totals: Totals::default(),
            journal,
            trouble: false,
            file: None,
        }
    }

    /// The file `index`, begun if it is not the one being reported.
    fn file(&mut self, index: usize) -> &mut File<'a> {
        let sources = self.sources;
        if self.file.as_ref().is_none_or(|file| file.index != index) {
            self.file = Some(File {
                index,
                document: Document::new(&sources[index]),
                merger: Merger::default(),
                shown: 0,
                checked_to: 0,
                cut: None,
            });
        }
        self.file.as_mut().expect("just made")
    }

    /// Reports what part `k` of file `index` found (parts come in order). True when the
    /// file has now reached the limit: its later parts need not be checked.
    pub fn part(
        &mut self,
        index: usize,
        k: usize,
        found: Found,
        errors: &mut dyn Write,
    ) -> io::Result<bool> {
        let (max_issues, reveal) = (self.max_issues, self.reveal);
        let (parts, prose) = (&self.parts[index], &self.proses[index]);
        let file = self.file(index);
        if file.cut.is_some() {
            return Ok(false);
        }
        let source = file.document.source;
        let failed = report_failures(&source.path, &file.document.index, &found.failures, errors)?;
        let next = parts.get(k + 1).map(|part| part.span.start);
        let mut issues = file.merger.push(prose, found.issues, next);
        file.checked_to = file.checked_to.max(parts[k].span.end);
        let more_parts = k + 1 < parts.len();
        if let Some(limit) = max_issues {
            let room = limit - file.shown;
            if issues.len() > room || (issues.len() == room && more_parts) {
                file.cut = Some(Cut {
                    path: source.path.clone(),
                    limit,
                    hidden: issues.len() - room,
                    stopped: more_parts.then(|| Stop::at(&file.document, file.checked_to)),
                });
                issues.truncate(room);
            }
        }
        if let Some(checker) = reveal {
            suggestions::vet(&source.text, &mut issues, checker);
        }
        file.shown += issues.len();
        let cut = file.cut.is_some();
        if !issues.is_empty() {
            let file = self.file.as_ref().expect("being reported");
            self.report.issues(&file.document, &issues)?;
        }
        count(&mut self.journal, &issues);
        self.totals.issues += issues.len();
        self.trouble |= failed;
        Ok(cut)
    }

    /// Closes file `index` after its last part (or at once, when it has none): the note of
    /// what the limit left out, and the file's counts.
    pub fn end(&mut self, index: usize, errors: &mut dyn Write) -> io::Result<()> {
        let file = self.file(index);
        let text = &file.document.source.text;
        let checked = match &file.cut {
            Some(Cut {
                stopped: Some(_), ..
            }) => &text[..file.checked_to],
            _ => text.as_str(),
        };
        self.journal.words += count_words(checked);
        let file = self.file.take().expect("being reported");
        if let Some(cut) = &file.cut {
            if !self.report.cut(&file.document, cut)? {
                writeln!(errors, "ownvoice: {cut}")?;
            }
            self.totals.files_cut += 1;
        }
        self.totals.files_checked += 1;
        self.totals.files_with_issues += usize::from(file.shown > 0);
        Ok(())
    }
}
