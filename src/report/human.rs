//! The `human` format: for each issue its place, the source line with the flagged words
//! underlined, the grammar point's title and our explanation with the example pair least
//! like the writer's sentence; after a file's issues, a note when the limit on issues per
//! file left some out; at the end a one-line summary.
//!
//! Underlines are aligned by display width of grapheme clusters (a wide CJK character takes
//! two columns, "é" written as e + accent takes one), so they sit under the right words in
//! any script. Tabs and other control characters are shown as spaces. Very long lines are
//! shown as a window around the flagged words.

use std::io::{self, Write};

use colored::Colorize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Cut, Document, Located, Options, Report, Totals, locate, plural, wrap};
use crate::Issue;
use crate::sentence::sentence_of;

/// Longest source line shown whole, in columns; longer ones are cut around the issue.
const MAX_LINE_WIDTH: usize = 100;
/// Columns of context kept before the flagged words when a line is cut.
const CONTEXT_BEFORE: usize = 30;
/// Width the explanation is wrapped to (after its indent).
const TEXT_WIDTH: usize = 76;

pub struct Human<'w> {
    out: Box<dyn Write + 'w>,
    options: Options,
}

impl<'w> Human<'w> {
    pub fn new(out: Box<dyn Write + 'w>, options: Options) -> Self {
        Human { out, options }
    }

    fn issue(&mut self, document: &Document, located: &Located) -> io::Result<()> {
        let (source, index) = (document.source, &document.index);
        let issue = located.issue;
        let entry = issue.explanation;
        writeln!(
            self.out,
            "{}: {}: {} {}",
            format!(
                "{}:{}:{}",
                source.path, located.start.line, located.start.column
            )
            .bold(),
            entry.category.yellow().bold(),
            entry.title.bold(),
            format!("[{}]", issue.rule).dimmed()
        )?;

        let line = located.start.line;
        let line_text = index.line_text(line);
        let line_start = index.line_start(line);
        let flagged_start = issue.span.start - line_start;
        let flagged_end = (issue.span.end - line_start).min(line_text.len());
        let (shown, carets) = underline(line_text, flagged_start..flagged_end);
        let gutter = " ".repeat(line.to_string().len());
        writeln!(
            self.out,
            "{} {} {}",
            line.to_string().blue().bold(),
            "|".blue().bold(),
            shown
        )?;
        let continues = if located.end.line > line {
            format!(" (continues to line {})", located.end.line)
        } else {
            String::new()
        };
        writeln!(
            self.out,
            "{gutter} {} {}{}",
            "|".blue().bold(),
            carets.red().bold(),
            continues.dimmed()
        )?;

        for text_line in wrap(entry.explanation.trim(), TEXT_WIDTH) {
            writeln!(self.out, "{gutter}   {text_line}")?;
        }
        // The example pair least like the writer's sentence: never their fix handed over.
        let sentence = &source.text[sentence_of(&source.text, &issue.span)];
        let (incorrect, correct) = entry.pair_for(sentence);
        writeln!(
            self.out,
            "{gutter}   {} {}",
            "✗".red().bold(),
            incorrect.red()
        )?;
        writeln!(
            self.out,
            "{gutter}   {} {}",
            "✓".green().bold(),
            correct.green()
        )?;
        writeln!(
            self.out,
            "{gutter}   {}",
            format!("full lesson: ownvoice explain {}", entry.id).dimmed()
        )?;
        if self.options.reveal {
            writeln!(
                self.out,
                "{gutter}   {} {}",
                "engine says:".cyan(),
                issue.message
            )?;
            if !issue.replacements.is_empty() {
                writeln!(
                    self.out,
                    "{gutter}   {} {}",
                    "a suggestion to consider:".cyan(),
                    issue.replacements.join(", ")
                )?;
            }
        }
        writeln!(self.out)
    }
}

impl Report for Human<'_> {
    fn issues(&mut self, document: &Document, issues: &[Issue]) -> io::Result<()> {
        for issue in issues {
            let located = locate(document, issue);
            self.issue(document, &located)?;
        }
        self.out.flush()
    }

    fn cut(&mut self, _document: &Document, cut: &Cut) -> io::Result<bool> {
        writeln!(self.out, "{}\n", cut.to_string().bold())?;
        self.out.flush()?;
        Ok(true)
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        let files = if totals.files_with_issues == totals.files_checked || totals.issues == 0 {
            plural(totals.files_checked, "file")
        } else {
            format!(
                "{} of {}",
                totals.files_with_issues,
                plural(totals.files_checked, "file")
            )
        };
        let issues = match totals.issues {
            0 => "no issues".to_string(),
            n => plural(n, "issue"),
        };
        let mut summary = format!("{issues} in {files}");
        if totals.files_cut > 0 {
            summary.push_str(&format!(
                "; {} not shown whole (--max-issues)",
                plural(totals.files_cut, "file")
            ));
        }
        if totals.files_failed > 0 {
            summary.push_str(&format!(
                "; {} could not be checked",
                plural(totals.files_failed, "file")
            ));
        }
        writeln!(self.out, "{}", summary.bold())?;
        self.out.flush()
    }
}

/// Lines longer than this many bytes are cut to [`REACH`] bytes on each side of the flagged
/// words before they are measured: a file that is one line would cost the whole line for
/// every issue.
const LONG_LINE: usize = 4096;
/// Far more bytes than the columns shown around the flagged words can hold.
const REACH: usize = 1024;

/// The line as shown and the caret line under it. `flagged` is a byte range of `line`; at
/// least one caret is drawn, even for an empty range.
fn underline(line: &str, flagged: std::ops::Range<usize>) -> (String, String) {
    if line.len() <= LONG_LINE {
        return draw(line, flagged, false, false);
    }
    let mut from = flagged.start.saturating_sub(REACH);
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = flagged.end.saturating_add(REACH).min(line.len());
    while !line.is_char_boundary(to) {
        to += 1;
    }
    draw(
        &line[from..to],
        flagged.start - from..flagged.end - from,
        from > 0,
        to < line.len(),
    )
}

/// [`underline`] of a piece of a line, which goes on before it (`cut_before`) or after it
/// (`cut_after`).
fn draw(
    line: &str,
    flagged: std::ops::Range<usize>,
    cut_before: bool,
    cut_after: bool,
) -> (String, String) {
    struct Cell<'a> {
        at: usize,
        shown: &'a str,
        width: usize,
        flagged: bool,
    }
    let cells: Vec<Cell> = line
        .grapheme_indices(true)
        .map(|(at, grapheme)| {
            let shown = if grapheme == "\t" {
                "    "
            } else if grapheme.chars().any(char::is_control) {
                " "
            } else {
                grapheme
            };
            Cell {
                at,
                shown,
                width: shown.width(),
                flagged: at < flagged.end && at + grapheme.len() > flagged.start,
            }
        })
        .collect();
    let first = cells.iter().position(|c| c.flagged);
    let total: usize = cells.iter().map(|c| c.width).sum();

    // Choose the window of cells to show.
    let (mut from, mut to) = (0, cells.len());
    if total > MAX_LINE_WIDTH || cut_before || cut_after {
        let anchor = first.unwrap_or(cells.len());
        let mut width = 0;
        from = anchor;
        while from > 0 && width + cells[from - 1].width <= CONTEXT_BEFORE {
            from -= 1;
            width += cells[from].width;
        }
        to = from;
        width = 0;
        while to < cells.len() && width + cells[to].width <= MAX_LINE_WIDTH {
            width += cells[to].width;
            to += 1;
        }
    }

    let mut shown = String::new();
    let mut carets = String::new();
    let cut_before = from > 0 || cut_before;
    if cut_before {
        shown.push('…');
        carets.push(' ');
    }
    for cell in &cells[from..to] {
        shown.push_str(cell.shown);
        let mark = if cell.flagged { "^" } else { " " };
        carets.push_str(&mark.repeat(cell.width));
    }
    if to < cells.len() || cut_after {
        shown.push('…');
    }
    if first.is_none() {
        // An empty span (a missing word): point at the character after the gap.
        let before: usize = cells[from..to]
            .iter()
            .take_while(|c| c.at < flagged.start)
            .map(|c| c.width)
            .sum();
        carets = format!(
            "{}{}^",
            if cut_before { " " } else { "" },
            " ".repeat(before)
        );
    }
    let carets = carets.trim_end().to_string();
    (shown, carets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carets_under(line: &str, word: &str) -> (String, String) {
        let start = line.find(word).unwrap();
        underline(line, start..start + word.len())
    }

    #[test]
    fn carets_align_under_wide_and_combining_characters() {
        let (shown, carets) = carets_under("日本の Cafe\u{301} owners goes home.", "goes");
        assert_eq!(shown, "日本の Cafe\u{301} owners goes home.");
        // 日本の is 6 columns wide, "Café " 5, "owners " 7.
        assert_eq!(carets, format!("{}^^^^", " ".repeat(6 + 1 + 5 + 7)));
    }

    #[test]
    fn tabs_become_spaces_in_line_and_carets() {
        let (shown, carets) = carets_under("\tHe need it.", "need");
        assert_eq!(shown, "    He need it.");
        assert_eq!(carets, "       ^^^^");
    }

    #[test]
    fn long_lines_are_cut_around_the_issue() {
        let line = format!("{} He need it. {}", "word ".repeat(60), "more ".repeat(60));
        let (shown, carets) = carets_under(&line, "need");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.width() <= MAX_LINE_WIDTH + 2);
        let at = carets.find('^').unwrap();
        assert_eq!(
            &shown[shown.char_indices().nth(at).unwrap().0..][..4],
            "need"
        );
    }

    #[test]
    fn a_line_of_megabytes_is_shown_as_a_line_of_kilobytes_would_be() {
        let around = format!("{} He need it. {}", "word ".repeat(60), "more ".repeat(60));
        let huge = format!("{}{around}{}", "ab ".repeat(400_000), "cd ".repeat(400_000));
        let at = |line: &str| line.find("need").unwrap();
        let (near, near_carets) = underline(&around, at(&around)..at(&around) + 4);
        let (far, far_carets) = underline(&huge, at(&huge)..at(&huge) + 4);
        assert_eq!(far, near);
        assert_eq!(far_carets, near_carets);
        // Cut ends that the window would not reach still show that the line goes on.
        let (shown, _) = underline(&huge, 0..2);
        assert!(
            shown.starts_with("ab ab") && shown.ends_with('…'),
            "{shown}"
        );
    }
}
