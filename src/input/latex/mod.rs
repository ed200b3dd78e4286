//! The prose of a LaTeX document, found by a small hand-written scanner.
//!
//! Only the document body is read (between `\begin{document}` and `\end{document}`, or the
//! whole text of a fragment without them). Paragraphs, list items, table cells, section
//! titles, captions and footnotes become [`Block`]s; comments, math, code, environments like
//! `verbatim` and the arguments of commands that are not prose (`\label`, `\includegraphics`,
//! any command we do not know) are left out. Inline material that stands for words (`$x$`,
//! `\cite{..}`, `\texttt{..}`) becomes a placeholder piece, so the sentence around it still
//! reads as a sentence. Lines `% ownvoice: off` ... `% ownvoice: on` are not prose and become
//! a [`Suppression`].
//!
//! This is not TeX: macros are not expanded, catcodes are fixed, and a `%` inside a command's
//! argument is not treated as a comment when matching its braces (so that `\url{a%20b}`
//! works). Invariant: every piece is a byte span of the original text, on `char` boundaries
//! (the scanner only ever stops at ASCII bytes or after whole characters).
//!
//! The work is split by meaning: `keywords.rs` says which commands and environments are
//! prose, `scanner.rs` walks the text and builds the blocks, `commands.rs` reads a command
//! and `arguments.rs` finds its arguments. This file holds the entry point and what is decided
//! before scanning: where the body is and which regions are switched off.

mod arguments;
mod commands;
mod keywords;
mod scanner;
#[cfg(test)]
mod tests;

use super::prose::{Block, Prose, Suppression};
use crate::span::Span;
use scanner::Scanner;

/// The prose of a LaTeX text; `extra` names commands (without the backslash) whose argument
/// is part of the surrounding sentence, like `\emph`.
pub fn prose(text: &str, extra: &[String]) -> Prose {
    let ignored = ignored_regions(text);
    let mut scanner = Scanner {
        text,
        extra,
        ignored: &ignored,
        blocks: Vec::new(),
        block: Block::default(),
        tables: 0,
        lists: 0,
        separate: false,
    };
    scanner.scan(body(text));
    scanner.finish_block();
    let mut blocks = scanner.blocks;
    // Footnotes and captions are finished before the paragraph around them.
    blocks.sort_by_key(|block| block.span().start);
    Prose {
        blocks,
        suppressions: ignored
            .into_iter()
            .map(|span| Suppression {
                span,
                rules: Vec::new(),
            })
            .collect(),
    }
}

/// The part of the text that is checked: the document body, or all of a fragment.
fn body(text: &str) -> Span {
    const BEGIN: &str = "\\begin{document}";
    match find_uncommented(text, 0, BEGIN) {
        Some(begin) => {
            let start = begin + BEGIN.len();
            let end = find_uncommented(text, start, "\\end{document}").unwrap_or(text.len());
            start..end
        }
        None => 0..text.len(),
    }
}

/// Where `needle` first occurs at or after `from`, outside comments.
fn find_uncommented(text: &str, from: usize, needle: &str) -> Option<usize> {
    text[from..]
        .match_indices(needle)
        .map(|(at, _)| from + at)
        .find(|&at| {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            comment_start(&text[line_start..at]).is_none()
        })
}

/// Where the comment in a line starts: its first `%` that is not escaped as `\%`.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'%' => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// The regions between `% ownvoice: off` and `% ownvoice: on` comments, from the start of the
/// first comment to the end of the second (or of the text, if it never comes).
fn ignored_regions(text: &str) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut off_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let Some(percent) = comment_start(content) else {
            continue;
        };
        match (ignore_switch(&content[percent..]), off_at) {
            (Some(false), None) => off_at = Some(line_start + percent),
            (Some(true), Some(start)) => {
                regions.push(start..line_start + content.len());
                off_at = None;
            }
            _ => {}
        }
    }
    regions.extend(off_at.map(|start| start..text.len()));
    regions
}

/// Whether a comment turns checking on (`% ownvoice: on`) or off (`% ownvoice: off`); spaces
/// and case do not matter.
fn ignore_switch(comment: &str) -> Option<bool> {
    let words = comment.trim_start_matches('%').trim().to_ascii_lowercase();
    let setting = words
        .strip_prefix("ownvoice")?
        .trim_start()
        .strip_prefix(':')?;
    match setting.trim() {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}
