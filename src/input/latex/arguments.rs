//! How the scanner finds a command's arguments: optional `[...]` and braced `{...}` groups,
//! after spaces and one line break, as TeX reads them.
//!
//! A `%` inside an argument is not a comment here (so `\url{a%20b}` works), and an
//! argument that is never closed runs to the end of the range being scanned.

use super::scanner::Scanner;
use crate::span::Span;

impl Scanner<'_> {
    /// Skips any optional `[...]` arguments.
    pub(super) fn skip_optional(&self, mut at: usize, end: usize) -> usize {
        while let Some((_, stop)) = self.argument(at, end, b'[') {
            at = stop;
        }
        at
    }

    /// Skips optional arguments and one braced argument.
    pub(super) fn skip_argument(&self, at: usize, end: usize) -> usize {
        let at = self.skip_optional(at, end);
        self.argument(at, end, b'{').map_or(at, |(_, stop)| stop)
    }

    /// Skips all the optional and braced arguments that follow.
    pub(super) fn skip_arguments(&self, mut at: usize, end: usize) -> usize {
        loop {
            let next = self.skip_argument(at, end);
            if next == at {
                return at;
            }
            at = next;
        }
    }

    /// The argument opened by `open` (`{` or `[`) at `at` or after spaces and one line break
    /// (as TeX reads arguments): its inside, and where it stops. An argument that is never
    /// closed runs to `end`.
    pub(super) fn argument(&self, at: usize, end: usize, open: u8) -> Option<(Span, usize)> {
        let start = self.argument_start(at, end);
        if start >= end || self.text.as_bytes()[start] != open {
            return None;
        }
        Some(match self.group_end(start, end) {
            Some(stop) => (start + 1..stop - 1, stop),
            None => (start + 1..end, end),
        })
    }

    /// Where an argument after `at` would start: past spaces and one line break that does
    /// not end the paragraph.
    fn argument_start(&self, at: usize, end: usize) -> usize {
        let past_spaces =
            |from: usize| end - self.text[from..end].trim_start_matches([' ', '\t']).len();
        let start = past_spaces(at);
        let rest = &self.text[start..end];
        let newline = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        };
        if newline == 0 || self.blank_line_at(start + newline, end) {
            start
        } else {
            past_spaces(start + newline)
        }
    }

    /// Where the group opened at `at` by `{` or `[` ends (after its closing bracket); `None`
    /// if it is not closed before `end`. Nested braces and escapes like `\}` are skipped.
    pub(super) fn group_end(&self, at: usize, end: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let bracket = bytes[at] == b'[';
        let mut depth = 0;
        let mut position = at;
        while position < end {
            match bytes[position] {
                b'\\' => position += 1,
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 && !bracket {
                        return Some(position + 1);
                    }
                }
                b']' if bracket && depth == 0 => return Some(position + 1),
                _ => {}
            }
            position += 1;
        }
        None
    }
}
