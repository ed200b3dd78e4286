//! How the scanner reads a command: `\name`, a control symbol like `\%`, an accent,
//! `\verb`, and `\begin`/`\end` of environments.
//!
//! What a command means is looked up in `keywords.rs`; commands we do not know have their
//! arguments skipped, so they add no words.

use super::keywords::{
    ACCENTS, DECLARATIONS, ENVIRONMENT_ARGUMENTS, HEADINGS, INLINE, INLINE_LAST, LISTS,
    MATH_ENVIRONMENTS, NOTES, PLACEHOLDERS, SKIPPED_ENVIRONMENTS, TABLES,
};
use super::scanner::Scanner;
use crate::input::prose::Piece;

impl<'t> Scanner<'t> {
    /// A command at `at`: `\name`, `\name*` or a control symbol like `\%`.
    pub(super) fn command(&mut self, at: usize, end: usize) -> usize {
        let text = self.text;
        let name_start = at + 1;
        let name_length = text.as_bytes()[name_start..end]
            .iter()
            .take_while(|byte| byte.is_ascii_alphabetic())
            .count();
        if name_length == 0 {
            return self.control_symbol(at, end);
        }
        let name = &text[name_start..name_start + name_length];
        let mut after = name_start + name_length;
        if self.text[after..end].starts_with('*') {
            after += 1;
        }
        let inline_last = INLINE_LAST.iter().find(|(n, _)| *n == name);
        match name {
            _ if self.extra.iter().any(|e| e == name) || INLINE.contains(&name) => {
                self.inline_argument(after, end)
            }
            "begin" => self.begin_environment(at, after, end),
            "end" => self.end_environment(after, end),
            "par" => {
                self.finish_block();
                after
            }
            "item" => {
                self.finish_block();
                self.skip_optional(after, end)
            }
            "newline" | "linebreak" => {
                self.space(at..after);
                self.skip_optional(after, end)
            }
            "ldots" | "dots" => {
                let stop = self.skip_arguments(after, end);
                self.push(Piece::replaced(at..stop, "..."));
                stop
            }
            "verb" => self.verb(at, after, end),
            "c" => self.accent(at, after, end, name),
            _ if HEADINGS.contains(&name) => {
                self.finish_block();
                self.separate_block(after, end)
            }
            _ if NOTES.contains(&name) => self.separate_block(after, end),
            _ if inline_last.is_some() => {
                let mut stop = after;
                for _ in 0..inline_last.map_or(0, |(_, count)| *count) {
                    stop = self.skip_argument(stop, end);
                }
                self.inline_argument(stop, end)
            }
            _ if PLACEHOLDERS.contains(&name) => {
                let stop = self.skip_arguments(after, end);
                self.push(Piece::placeholder(at..stop));
                stop
            }
            _ if DECLARATIONS.contains(&name) => after,
            _ => self.skip_arguments(after, end),
        }
    }

    /// A backslash and one other character.
    fn control_symbol(&mut self, at: usize, end: usize) -> usize {
        let Some(symbol) = self.text[at + 1..end].chars().next() else {
            return end;
        };
        let after = at + 1 + symbol.len_utf8();
        match symbol {
            '\\' => {
                if self.tables > 0 {
                    self.finish_block();
                } else {
                    self.space(at..after);
                }
                let starred = after + usize::from(self.text[after..end].starts_with('*'));
                if self.text[starred..end].starts_with('[') {
                    self.group_end(starred, end).unwrap_or(end)
                } else {
                    starred
                }
            }
            '&' | '#' | '_' | '$' | '%' | '{' | '}' => {
                self.push(Piece::replaced(at..after, symbol));
                after
            }
            ' ' | '\t' | ',' | ';' | ':' => self.space(at..after),
            '(' => {
                let stop = self.math_end(after, end, "\\)");
                self.push(Piece::placeholder(at..stop));
                stop
            }
            '[' => {
                let stop = self.math_end(after, end, "\\]");
                self.display_math(at..stop);
                stop
            }
            '\'' | '`' | '^' | '"' | '~' | '=' | '.' => {
                let text = self.text;
                self.accent(at, after, end, &text[at + 1..after])
            }
            // `\-`, `\/`, `\@`, `\!` and the like: no words.
            _ => after,
        }
    }

    /// An accent on a letter: `\'e` or `\'{e}` is `é`; one we do not know is a placeholder.
    fn accent(&mut self, at: usize, after: usize, end: usize, accent: &str) -> usize {
        let (letter, stop) = if let Some((inner, stop)) = self.argument(after, end, b'{') {
            let mut chars = self.text[inner].chars();
            match (chars.next(), chars.next()) {
                (Some(letter), None) => (Some(letter), stop),
                _ => (None, stop),
            }
        } else if accent.len() == 1 && !accent.as_bytes()[0].is_ascii_alphabetic() {
            match self.text[after..end].chars().next() {
                Some(letter) => (Some(letter), after + letter.len_utf8()),
                None => (None, after),
            }
        } else {
            // `\c` without braces: an unknown command.
            return self.skip_arguments(after, end);
        };
        let accented = ACCENTS
            .iter()
            .find(|(name, _, _)| *name == accent)
            .and_then(|(_, letters, results)| {
                let index = letters.chars().position(|l| Some(l) == letter)?;
                results.chars().nth(index)
            });
        match accented {
            Some(character) => self.push(Piece::replaced(at..stop, character)),
            None => self.push(Piece::placeholder(at..stop)),
        }
        stop
    }

    /// `\verb|code|`: a placeholder (any character can be the delimiter).
    fn verb(&mut self, at: usize, after: usize, end: usize) -> usize {
        let Some(delimiter) = self.text[after..end].chars().next() else {
            return end;
        };
        let code = after + delimiter.len_utf8();
        let stop = self.text[code..end]
            .find(delimiter)
            .map_or(end, |length| code + length + delimiter.len_utf8());
        self.push(Piece::placeholder(at..stop));
        stop
    }

    /// `\begin{name}`: math and code are skipped; any other environment ends the paragraph
    /// and its content is read as prose.
    fn begin_environment(&mut self, at: usize, after: usize, end: usize) -> usize {
        let Some((name, stop)) = self.environment_name(after, end) else {
            return after;
        };
        let kind = name.trim_end_matches('*');
        if MATH_ENVIRONMENTS.contains(&kind) || SKIPPED_ENVIRONMENTS.contains(&kind) {
            let closing = format!("\\end{{{name}}}");
            let finish = self.text[stop..end]
                .find(&closing)
                .map_or(end, |length| stop + length + closing.len());
            if MATH_ENVIRONMENTS.contains(&kind) {
                self.display_math(at..finish);
            } else {
                self.finish_block();
            }
            return finish;
        }
        self.finish_block();
        if TABLES.contains(&name) {
            self.tables += 1;
        }
        if LISTS.contains(&kind) {
            self.lists += 1;
        }
        let count = ENVIRONMENT_ARGUMENTS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, count)| *count);
        let mut position = self.skip_optional(stop, end);
        for _ in 0..count {
            position = self.skip_argument(position, end);
        }
        position
    }

    fn end_environment(&mut self, after: usize, end: usize) -> usize {
        let Some((name, stop)) = self.environment_name(after, end) else {
            return after;
        };
        self.finish_block();
        if TABLES.contains(&name) {
            self.tables = self.tables.saturating_sub(1);
        }
        if LISTS.contains(&name.trim_end_matches('*')) {
            self.lists = self.lists.saturating_sub(1);
        }
        stop
    }

    /// The `{name}` after `\begin` or `\end`, and where it stops.
    fn environment_name(&self, after: usize, end: usize) -> Option<(&'t str, usize)> {
        let text = self.text;
        let (inner, stop) = self.argument(after, end, b'{')?;
        Some((text[inner].trim(), stop))
    }

    /// A heading, caption or footnote: its braced argument is a block of its own, and the
    /// current block goes on after it.
    fn separate_block(&mut self, after: usize, end: usize) -> usize {
        let position = self.skip_optional(after, end);
        let Some((inner, stop)) = self.argument(position, end, b'{') else {
            return position;
        };
        let outer = std::mem::take(&mut self.block);
        let was_separate = std::mem::replace(&mut self.separate, true);
        self.scan(inner);
        self.finish_block();
        self.separate = was_separate;
        self.block = outer;
        stop
    }

    /// A command like `\emph`: its braced argument is read into the current block.
    fn inline_argument(&mut self, after: usize, end: usize) -> usize {
        let position = self.skip_optional(after, end);
        match self.argument(position, end, b'{') {
            Some((inner, stop)) => {
                self.scan(inner);
                stop
            }
            None => position,
        }
    }
}
