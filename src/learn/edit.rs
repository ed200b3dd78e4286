//! The line the writer types a try into: text and a cursor, moved by grapheme so that an
//! accented letter or an emoji is one step. Plain data, tested without a terminal.

use unicode_segmentation::UnicodeSegmentation;

/// An editable line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// Byte offset of the cursor in `text`, on a grapheme boundary.
    pub cursor: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Line {
        Line {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn backspace(&mut self) {
        let before = self.previous();
        self.text.replace_range(before..self.cursor, "");
        self.cursor = before;
    }

    pub fn delete(&mut self) {
        let after = self.next();
        self.text.replace_range(self.cursor..after, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.previous();
    }

    pub fn right(&mut self) {
        self.cursor = self.next();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Where the grapheme before the cursor starts.
    fn previous(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(at, _)| at)
    }

    /// Where the grapheme after the cursor ends.
    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_moves_by_whole_characters() {
        let mut line = Line::new("He need it");
        assert_eq!(line.cursor, 10);
        for _ in 0..3 {
            line.left();
        }
        line.insert('s');
        assert_eq!(line.text, "He needs it");
        line.home();
        line.delete();
        line.delete();
        line.insert('W');
        line.insert('e');
        assert_eq!(line.text, "We needs it");
        line.end();
        line.insert('\n');
        assert_eq!(line.text, "We needs it", "control characters are not typed");
        let mut accents = Line::new("Cafe\u{301}!");
        accents.left();
        accents.backspace();
        assert_eq!(accents.text, "Caf!", "e + accent is one step");
        accents.home();
        accents.backspace();
        accents.left();
        assert_eq!((accents.text.as_str(), accents.cursor), ("Caf!", 0));
    }
}
