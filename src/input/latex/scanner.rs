//! The scanner's state and its main loop: plain text, comments, quotes, math and line breaks.
//!
//! The scanner walks the body byte by byte and builds [`Block`]s of [`Piece`]s; commands are
//! read in `commands.rs`, their arguments in `arguments.rs`. Pieces are spans of the original
//! text that only start and stop at ASCII bytes or after whole characters.

use crate::input::prose::{Block, Kind, Piece};
use crate::span::Span;

/// The scanner's state: the blocks found so far and the one being built.
pub(super) struct Scanner<'t> {
    pub(super) text: &'t str,
    pub(super) extra: &'t [String],
    pub(super) ignored: &'t [Span],
    pub(super) blocks: Vec<Block>,
    pub(super) block: Block,
    /// How many table environments we are inside: there `\\` ends a cell.
    pub(super) tables: usize,
    /// How many list environments we are inside: their blocks are items.
    pub(super) lists: usize,
    /// Reading a heading, caption or note (`separate_block`).
    pub(super) separate: bool,
}

impl<'t> Scanner<'t> {
    /// Reads `range` into the current block, finishing blocks where paragraphs end.
    pub(super) fn scan(&mut self, range: Span) {
        let end = range.end;
        let mut at = range.start;
        while at < end {
            if let Some(region) = self.ignored.iter().find(|r| r.contains(&at)) {
                self.finish_block();
                at = region.end.min(end);
                continue;
            }
            at = match self.text.as_bytes()[at] {
                b'\\' => self.command(at, end),
                b'%' => self.comment(at, end),
                b'$' => self.dollar_math(at, end),
                b'{' | b'}' => at + 1,
                b'~' => self.space(at..at + 1),
                b'`' => self.opening_quote(at, end),
                b'\'' => self.closing_quote(at, end),
                b'&' => {
                    self.finish_block();
                    at + 1
                }
                b'\n' | b'\r' => self.line_end(at, end),
                _ => {
                    let run = self.text[at..end]
                        .find(['\\', '%', '$', '{', '}', '~', '`', '\'', '&', '\n', '\r'])
                        .map_or(end, |length| at + length);
                    self.push_source(at..run);
                    run
                }
            };
        }
    }

    /// A line break: a paragraph break when a blank line follows, else white space.
    fn line_end(&mut self, at: usize, end: usize) -> usize {
        let after = if self.text[at..end].starts_with("\r\n") {
            at + 2
        } else {
            at + 1
        };
        if self.text[at..after].ends_with('\n') && self.blank_line_at(after, end) {
            self.finish_block();
        } else {
            self.push_source(at..after);
        }
        after
    }

    /// Whether the line starting at `at` is blank.
    pub(super) fn blank_line_at(&self, at: usize, end: usize) -> bool {
        self.text[at..end]
            .trim_start_matches([' ', '\t', '\r'])
            .starts_with('\n')
    }

    /// Skips a comment up to (not including) its line break, which is white space as usual.
    fn comment(&mut self, at: usize, end: usize) -> usize {
        self.text[at..end]
            .find(['\n', '\r'])
            .map_or(end, |length| at + length)
    }

    fn opening_quote(&mut self, at: usize, end: usize) -> usize {
        if self.text[at..end].starts_with("``") {
            self.push(Piece::replaced(at..at + 2, "\""));
            at + 2
        } else {
            self.push(Piece::replaced(at..at + 1, "'"));
            at + 1
        }
    }

    fn closing_quote(&mut self, at: usize, end: usize) -> usize {
        if self.text[at..end].starts_with("''") {
            self.push(Piece::replaced(at..at + 2, "\""));
            at + 2
        } else {
            self.push_source(at..at + 1);
            at + 1
        }
    }

    /// `$...$` is inline math, `$$...$$` display math.
    fn dollar_math(&mut self, at: usize, end: usize) -> usize {
        if self.text[at..end].starts_with("$$") {
            let stop = self.math_end(at + 2, end, "$$");
            self.display_math(at..stop);
            stop
        } else {
            let stop = self.math_end(at + 1, end, "$");
            self.push(Piece::placeholder(at..stop));
            stop
        }
    }

    /// Where math that started before `from` ends: after `delimiter`, which must come before
    /// a blank line (as in TeX); an unclosed formula is only its opening delimiter.
    pub(super) fn math_end(&self, from: usize, end: usize, delimiter: &str) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = from;
        while at < end {
            if bytes[at..end].starts_with(delimiter.as_bytes()) {
                return at + delimiter.len();
            }
            match bytes[at] {
                b'\\' => at += 2,
                b'\n' if self.blank_line_at(at + 1, end) => break,
                _ => at += 1,
            }
        }
        from
    }

    /// Display math is left out; inside a paragraph it stands for a word.
    pub(super) fn display_math(&mut self, span: Span) {
        if !self.block.pieces.is_empty() {
            self.push(Piece::placeholder(span));
        }
    }

    /// White space that is not in the source (`~`, `\\`): only between words.
    pub(super) fn space(&mut self, span: Span) -> usize {
        let stop = span.end;
        if !self.ends_in_space() {
            self.push(Piece::replaced(span, " "));
        }
        stop
    }

    /// Original text, without white space at the start of a block or after white space.
    fn push_source(&mut self, span: Span) {
        let mut start = span.start;
        if self.ends_in_space() {
            start = span.end - self.text[span.clone()].trim_start().len();
        }
        if start == span.end {
            return;
        }
        match self.block.pieces.last_mut() {
            Some(last) if last.text.is_none() && !last.opaque && last.source.end == start => {
                last.source.end = span.end;
            }
            _ => self.block.pieces.push(Piece::source(start..span.end)),
        }
    }

    pub(super) fn push(&mut self, piece: Piece) {
        self.block.pieces.push(piece);
    }

    /// Whether the current block is empty or ends with white space.
    fn ends_in_space(&self) -> bool {
        self.block.pieces.last().is_none_or(|piece| {
            piece_text(self.text, piece)
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
        })
    }

    /// Ends the current block: white space at its end is dropped, and so is a block without
    /// words.
    pub(super) fn finish_block(&mut self) {
        let mut block = std::mem::take(&mut self.block);
        block.kind = if self.tables > 0 || self.lists > 0 || self.separate {
            Kind::Fragment
        } else {
            Kind::Paragraph
        };
        while let Some(last) = block.pieces.last_mut() {
            let kept = piece_text(self.text, last).trim_end().len();
            if kept == 0 && !last.opaque {
                block.pieces.pop();
                continue;
            }
            if last.text.is_none() {
                last.source.end = last.source.start + kept;
            }
            break;
        }
        if !block.is_blank(self.text) {
            self.blocks.push(block);
        }
    }
}

/// The text the engines see for a piece.
fn piece_text<'a>(original: &'a str, piece: &'a Piece) -> &'a str {
    piece
        .text
        .as_deref()
        .unwrap_or(&original[piece.source.clone()])
}
