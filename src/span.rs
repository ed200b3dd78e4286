//! Byte spans into an input text and a line index that turns byte offsets into the positions
//! a person reads: 1-based line and column, columns counted in Unicode scalar values.
//!
//! Invariant: every span in ownvoice is a pair of byte offsets into the original input,
//! end-exclusive, both on `char` boundaries. Nothing here copies or changes the text.

use std::ops::Range;

/// A byte range into the original input, end-exclusive.
pub type Span = Range<usize>;

/// A place in the text as a person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values (`char`s) from the start of the line.
    pub column: usize,
    /// Offset from the start of the text, in Unicode scalar values.
    pub char_offset: usize,
}

/// Where each line starts, to map byte offsets to positions in `O(log lines)`.
///
/// Lines end at `\n`; a `\r` before it belongs to the line's text, as editors count it for
/// columns only up to the line break (it is never inside a flagged span).
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// Char offset where each line starts (parallel to `starts`).
    char_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        let mut char_starts = vec![0];
        let mut chars = 0;
        for (byte, c) in text.char_indices() {
            chars += 1;
            if c == '\n' {
                starts.push(byte + 1);
                char_starts.push(chars);
            }
        }
        LineIndex {
            text,
            starts,
            char_starts,
        }
    }

    /// The position of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= byte) - 1;
        let column = self.text[self.starts[line]..byte].chars().count();
        Position {
            line: line + 1,
            column: column + 1,
            char_offset: self.char_starts[line] + column,
        }
    }

    /// The text of a 1-based line, without its line break (`\n` or `\r\n`).
    pub fn line_text(&self, line: usize) -> &'t str {
        let start = self.starts[line - 1];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let text = &self.text[start..end];
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_not_bytes() {
        let text = "Café owners\r\ngoes home.\nÉté";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(0),
            Position {
                line: 1,
                column: 1,
                char_offset: 0
            }
        );
        // "owners" starts after "Café " (5 chars, 6 bytes).
        assert_eq!(index.position(6).column, 6);
        assert_eq!(index.position(6).char_offset, 5);
        let goes = text.find("goes").unwrap();
        assert_eq!(
            index.position(goes),
            Position {
                line: 2,
                column: 1,
                char_offset: 13
            }
        );
        assert_eq!(index.line_text(1), "Café owners");
        assert_eq!(index.line_text(2), "goes home.");
        assert_eq!(index.line_text(3), "Été");
        assert_eq!(index.position(text.len()).column, 4);
    }

    #[test]
    fn offsets_inside_a_char_move_back_to_its_start() {
        let index = LineIndex::new("é");
        assert_eq!(index.position(1).column, 1);
    }
}
