//! Byte spans into an input text and a line index that turns byte offsets into the positions
//! a person reads: 1-based line and column, columns counted in Unicode scalar values, and the
//! same places in UTF-16 code units, which editors (LSP), Java and JavaScript clients
//! (LanguageTool's HTTP API) and SARIF count in.
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
    /// 1-based column, counted in UTF-16 code units from the start of the line (a character
    /// outside the Basic Multilingual Plane, such as most emoji, counts 2).
    pub utf16_column: usize,
    /// Offset from the start of the text, in UTF-16 code units.
    pub utf16_offset: usize,
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
    /// UTF-16 offset where each line starts (parallel to `starts`).
    utf16_starts: Vec<usize>,
    /// Every [`MARK`] bytes or so, a place with its char and UTF-16 offsets: a column in a
    /// very long line (a file that is one line) is counted from the mark before it, not
    /// from the start of its line, so each position costs the same wherever it is.
    marks: Vec<Mark>,
}

/// How far apart [`LineIndex`]'s marks are, in bytes.
const MARK: usize = 4096;

/// A byte offset with its offsets in chars and in UTF-16 code units.
#[derive(Debug, Clone, Copy)]
struct Mark {
    byte: usize,
    chars: usize,
    units: usize,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        let mut char_starts = vec![0];
        let mut utf16_starts = vec![0];
        let mut marks = Vec::new();
        let (mut chars, mut units) = (0, 0);
        for (byte, c) in text.char_indices() {
            if byte >= (marks.len() + 1) * MARK {
                marks.push(Mark { byte, chars, units });
            }
            chars += 1;
            units += c.len_utf16();
            if c == '\n' {
                starts.push(byte + 1);
                char_starts.push(chars);
                utf16_starts.push(units);
            }
        }
        LineIndex {
            text,
            starts,
            char_starts,
            utf16_starts,
            marks,
        }
    }

    /// The position of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= byte) - 1;
        let line_start = Mark {
            byte: self.starts[line],
            chars: self.char_starts[line],
            units: self.utf16_starts[line],
        };
        // Counted from the last mark at or before `byte`, if it is in the same line.
        let mark = self.marks.partition_point(|mark| mark.byte <= byte);
        let from = match mark.checked_sub(1).map(|i| self.marks[i]) {
            Some(mark) if mark.byte > line_start.byte => mark,
            _ => line_start,
        };
        let before = &self.text[from.byte..byte];
        let char_offset = from.chars + before.chars().count();
        let utf16_offset = from.units + before.encode_utf16().count();
        Position {
            line: line + 1,
            column: char_offset - line_start.chars + 1,
            char_offset,
            utf16_column: utf16_offset - line_start.units + 1,
            utf16_offset,
        }
    }

    /// The whole text the index is of.
    pub fn text(&self) -> &'t str {
        self.text
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

    /// How many lines the text has (a text ending with a line break has an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset of a place given as a 0-based line and a column in UTF-16 code units
    /// (an editor's position): clamped to the end of that line, and moved back to the start
    /// of a character when it falls between the two halves of a surrogate pair. A line past
    /// the end gives the end of the text.
    pub fn byte_of_utf16(&self, line: usize, column: usize) -> usize {
        self.byte_of(line, column, char::len_utf16)
    }

    /// [`LineIndex::byte_of_utf16`] for a column counted in any unit: `units` says how many
    /// a character takes (`char::len_utf8` for bytes, one for Unicode scalar values).
    pub fn byte_of(&self, line: usize, column: usize, units: fn(char) -> usize) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut counted = 0;
        for (offset, c) in self.text[start..end].char_indices() {
            counted += units(c);
            if counted > column {
                return start + offset;
            }
        }
        end
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
                char_offset: 0,
                utf16_column: 1,
                utf16_offset: 0,
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
                char_offset: 13,
                utf16_column: 1,
                utf16_offset: 13,
            }
        );
        assert_eq!(index.line_text(1), "Café owners");
        assert_eq!(index.line_text(2), "goes home.");
        assert_eq!(index.line_text(3), "Été");
        assert_eq!(index.position(text.len()).column, 4);
    }

    #[test]
    fn utf16_counts_two_units_for_a_character_beyond_the_basic_plane() {
        // "😀" is 4 bytes, 1 char and 2 UTF-16 units; "é" is 2 bytes, 1 char and 1 unit.
        let text = "é😀 goes\n😀x";
        let index = LineIndex::new(text);
        let goes = text.find("goes").unwrap();
        let position = index.position(goes);
        assert_eq!((position.column, position.utf16_column), (4, 5));
        assert_eq!((position.char_offset, position.utf16_offset), (3, 4));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(x).utf16_offset, 11);
        assert_eq!(index.position(x).utf16_column, 3);
        assert_eq!(index.byte_of_utf16(0, 4), goes);
        assert_eq!(index.byte_of_utf16(1, 2), x);
        // Between the halves of a surrogate pair: the start of the character.
        assert_eq!(index.byte_of_utf16(1, 1), x - 4);
        assert_eq!(index.byte_of_utf16(0, 99), goes + "goes".len());
        assert_eq!(index.byte_of_utf16(7, 0), text.len());
        assert_eq!(index.lines(), 2);
        // The same places in bytes and in Unicode scalar values.
        assert_eq!(index.byte_of(0, 7, char::len_utf8), goes);
        assert_eq!(index.byte_of(0, 3, |_| 1), goes);
        assert_eq!(index.byte_of(0, 1, char::len_utf8), 0, "inside \"é\"");
    }

    #[test]
    fn offsets_inside_a_char_move_back_to_its_start() {
        let index = LineIndex::new("é");
        assert_eq!(index.position(1).column, 1);
    }

    #[test]
    fn positions_in_very_long_lines_agree_with_counting_from_the_line_start() {
        // Marks fall inside lines, between lines and inside multi-byte characters' runs.
        let text = format!(
            "{}\n{}\nshort\n{}",
            "é😀 mixed words ".repeat(900),
            "plain ascii ".repeat(1200),
            "x".repeat(3 * MARK + 7)
        );
        let index = LineIndex::new(&text);
        assert!(index.marks.len() > 5);
        for byte in (0..=text.len())
            .step_by(997)
            .filter(|&b| text.is_char_boundary(b))
        {
            let line_start = text[..byte].rfind('\n').map_or(0, |at| at + 1);
            let before = &text[line_start..byte];
            let position = index.position(byte);
            assert_eq!(position.column, before.chars().count() + 1, "at {byte}");
            assert_eq!(position.utf16_column, before.encode_utf16().count() + 1);
            assert_eq!(position.char_offset, text[..byte].chars().count());
            assert_eq!(position.utf16_offset, text[..byte].encode_utf16().count());
            assert_eq!(position.line, text[..byte].matches('\n').count() + 1);
        }
    }
}
