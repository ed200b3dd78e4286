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

use super::prose::{Block, Piece, Prose, Suppression};
use crate::span::Span;

/// Commands whose argument is a heading: it ends the paragraph and is a block of its own.
const HEADINGS: &[&str] = &[
    "part",
    "chapter",
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
    "title",
];

/// Commands whose argument is a block of its own inside the paragraph, which goes on after it.
const NOTES: &[&str] = &["footnote", "footnotetext", "caption", "marginpar"];

/// Commands whose argument is part of the surrounding sentence.
const INLINE: &[&str] = &[
    "emph",
    "textbf",
    "textit",
    "textsc",
    "textsl",
    "textup",
    "textmd",
    "textrm",
    "textsf",
    "textnormal",
    "underline",
    "text",
    "mbox",
];

/// Commands whose last argument is part of the surrounding sentence, with how many arguments
/// (a link target, a colour, a column count) come before it.
const INLINE_LAST: &[(&str, usize)] = &[
    ("href", 1),
    ("textcolor", 1),
    ("multicolumn", 2),
    ("multirow", 2),
];

/// Commands that stand for words which are not prose (a citation, a reference, code, a logo):
/// the command and its arguments become one placeholder.
const PLACEHOLDERS: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citeauthor",
    "citeyear",
    "parencite",
    "textcite",
    "autocite",
    "ref",
    "eqref",
    "pageref",
    "autoref",
    "cref",
    "Cref",
    "nameref",
    "url",
    "path",
    "texttt",
    "LaTeX",
    "TeX",
    "today",
];

/// Commands that take no argument: what follows them, braced or not, is still prose.
/// (Any other command we do not know has its arguments skipped.)
const DECLARATIONS: &[&str] = &[
    "noindent",
    "indent",
    "centering",
    "raggedright",
    "raggedleft",
    "maketitle",
    "tableofcontents",
    "appendix",
    "newpage",
    "clearpage",
    "cleardoublepage",
    "smallskip",
    "medskip",
    "bigskip",
    "hline",
    "toprule",
    "midrule",
    "bottomrule",
    "bf",
    "it",
    "em",
    "rm",
    "sf",
    "sc",
    "sl",
    "bfseries",
    "itshape",
    "scshape",
    "upshape",
    "mdseries",
    "normalfont",
    "tiny",
    "scriptsize",
    "footnotesize",
    "small",
    "normalsize",
    "large",
    "Large",
    "LARGE",
    "huge",
    "Huge",
];

/// Math environments (also starred): skipped, or a placeholder inside a paragraph.
const MATH_ENVIRONMENTS: &[&str] = &[
    "equation",
    "align",
    "alignat",
    "flalign",
    "gather",
    "multline",
    "eqnarray",
    "math",
    "displaymath",
];

/// Environments whose content is not prose at all (also starred).
const SKIPPED_ENVIRONMENTS: &[&str] = &[
    "verbatim",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "tikzpicture",
    "thebibliography",
    "filecontents",
];

/// Environments whose cells are blocks of their own, split at `&` and `\\`.
const TABLES: &[&str] = &["tabular", "tabular*", "tabularx", "longtable"];

/// Environments with braced arguments that are not prose (a column spec, a width).
const ENVIRONMENT_ARGUMENTS: &[(&str, usize)] = &[
    ("tabular", 1),
    ("tabular*", 2),
    ("tabularx", 2),
    ("longtable", 1),
    ("minipage", 1),
    ("multicols", 1),
    ("wrapfigure", 2),
];

/// Accent commands (`\'e`, `\"{o}`, `\c{c}`): the letters they go on, and the results.
const ACCENTS: &[(&str, &str, &str)] = &[
    ("'", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"),
    ("`", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
    ("^", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
    ("\"", "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"),
    ("~", "anoANO", "ãñõÃÑÕ"),
    ("c", "cC", "çÇ"),
];

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

/// The scanner's state: the blocks found so far and the one being built.
struct Scanner<'t> {
    text: &'t str,
    extra: &'t [String],
    ignored: &'t [Span],
    blocks: Vec<Block>,
    block: Block,
    /// How many table environments we are inside: there `\\` ends a cell.
    tables: usize,
}

impl<'t> Scanner<'t> {
    /// Reads `range` into the current block, finishing blocks where paragraphs end.
    fn scan(&mut self, range: Span) {
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
    fn blank_line_at(&self, at: usize, end: usize) -> bool {
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
    fn math_end(&self, from: usize, end: usize, delimiter: &str) -> usize {
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
    fn display_math(&mut self, span: Span) {
        if !self.block.pieces.is_empty() {
            self.push(Piece::placeholder(span));
        }
    }

    /// A command at `at`: `\name`, `\name*` or a control symbol like `\%`.
    fn command(&mut self, at: usize, end: usize) -> usize {
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
        self.scan(inner);
        self.finish_block();
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

    /// Skips any optional `[...]` arguments.
    fn skip_optional(&self, mut at: usize, end: usize) -> usize {
        while let Some((_, stop)) = self.argument(at, end, b'[') {
            at = stop;
        }
        at
    }

    /// Skips optional arguments and one braced argument.
    fn skip_argument(&self, at: usize, end: usize) -> usize {
        let at = self.skip_optional(at, end);
        self.argument(at, end, b'{').map_or(at, |(_, stop)| stop)
    }

    /// Skips all the optional and braced arguments that follow.
    fn skip_arguments(&self, mut at: usize, end: usize) -> usize {
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
    fn argument(&self, at: usize, end: usize, open: u8) -> Option<(Span, usize)> {
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
    fn group_end(&self, at: usize, end: usize) -> Option<usize> {
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

    /// White space that is not in the source (`~`, `\\`): only between words.
    fn space(&mut self, span: Span) -> usize {
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

    fn push(&mut self, piece: Piece) {
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
    fn finish_block(&mut self) {
        let mut block = std::mem::take(&mut self.block);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the blocks, as the engines see them.
    fn blocks(text: &str, extra: &[String]) -> Vec<String> {
        prose(text, extra)
            .blocks
            .iter()
            .map(|block| block.assemble(text).text)
            .collect()
    }

    /// The original text behind `needle` in the block whose text contains it; `None` when it
    /// touches a placeholder.
    fn original<'t>(text: &'t str, needle: &str) -> Option<&'t str> {
        let prose = prose(text, &[]);
        let assembled = prose
            .blocks
            .iter()
            .map(|block| block.assemble(text))
            .find(|assembled| assembled.text.contains(needle))
            .unwrap_or_else(|| panic!("no block contains {needle:?}"));
        let at = assembled.text.find(needle).unwrap();
        assembled
            .original(at..at + needle.len())
            .map(|span| &text[span])
    }

    const PAPER: &str = r"\documentclass{article}
\usepackage{amsmath}
% Preamble: these words is wrong, but they are never checked.
\newcommand{\R}{\mathbb{R}}
\title{A study of learner errors}
\begin{document}
\maketitle

\section{Introduction}\label{sec:intro}
Learners often confuse articles. The value of $x$ is small, as shown
in~\cite{smith2020}. % this comment are not prose
We call this the ``article gap''.

\begin{equation}
  y = x + 1 \quad \text{where the datas is noisy}
\end{equation}

Our method is \emph{simple} and fast.\footnote{The code is available online.}
It costs 5\% less.

\begin{figure}[t]
  \centering
  \includegraphics[width=\linewidth]{plot.pdf}
  \caption{Errors per essay.}
  \label{fig:errors}
\end{figure}

% ownvoice: off
This sentence are ignored.
% ownvoice: on
The end.
\end{document}
Text after the document are not checked.
";

    #[test]
    fn a_small_paper_has_exactly_its_prose_as_blocks() {
        assert_eq!(
            blocks(PAPER, &[]),
            [
                "Introduction",
                "Learners often confuse articles. The value of X is small, as shown\n\
                 in X. We call this the \"article gap\".",
                "Our method is simple and fast.\nIt costs 5% less.",
                "The code is available online.",
                "Errors per essay.",
                "The end.",
            ]
        );
    }

    #[test]
    fn spans_in_a_small_paper_point_at_the_original_words() {
        assert_eq!(original(PAPER, "small, as"), Some("small, as"));
        assert_eq!(original(PAPER, "in X"), None, "touches the \\cite");
        assert_eq!(original(PAPER, "of X"), None, "touches $x$");
        assert_eq!(original(PAPER, "\"article gap\""), Some("``article gap''"));
        assert_eq!(original(PAPER, "shown\nin "), Some("shown\nin~"));
        assert_eq!(original(PAPER, "5% less"), Some("5\\% less"));
        let simple = original(PAPER, "simple").unwrap();
        let at = simple.as_ptr() as usize - PAPER.as_ptr() as usize;
        assert_eq!(&PAPER[at - 6..at + 7], "\\emph{simple}");
        let footnote = original(PAPER, "code is available").unwrap();
        let at = footnote.as_ptr() as usize - PAPER.as_ptr() as usize;
        assert!(PAPER[..at].ends_with("\\footnote{The "));
    }

    #[test]
    fn ignore_comments_make_a_suppression_and_no_prose() {
        let prose = prose(PAPER, &[]);
        let [suppression] = &prose.suppressions[..] else {
            panic!("one suppression expected: {:?}", prose.suppressions);
        };
        assert!(suppression.rules.is_empty());
        assert_eq!(
            &PAPER[suppression.span.clone()],
            "% ownvoice: off\nThis sentence are ignored.\n% ownvoice: on"
        );

        let text = "Before.\n%OwnVoice:OFF\nHidden words.\n\nMore hidden.\n";
        let prose = super::prose(text, &[]);
        assert_eq!(prose.suppressions[0].span, 8..text.len(), "never turned on");
        assert_eq!(blocks(text, &[]), ["Before."]);
    }

    #[test]
    fn crlf_line_endings_keep_spans_right() {
        let text = PAPER.replace('\n', "\r\n");
        assert_eq!(
            blocks(&text, &[])[1],
            "Learners often confuse articles. The value of X is small, as shown\r\n\
             in X. We call this the \"article gap\"."
        );
        assert_eq!(blocks(&text, &[]).len(), 6);
        assert_eq!(original(&text, "small, as"), Some("small, as"));
        assert_eq!(original(&text, "5% less"), Some("5\\% less"));
        assert_eq!(original(&text, "It costs"), Some("It costs"));
    }

    #[test]
    fn multi_byte_text_and_accents_map_back() {
        let text = "Le caf\\'e est tr{\\`e}s bon, 中文 $x$ ça va.\n\nNa\\\"{\\i}ve.";
        assert_eq!(
            blocks(text, &[]),
            ["Le café est très bon, 中文 X ça va.", "NaXve."]
        );
        assert_eq!(original(text, "café"), Some("caf\\'e"));
        assert_eq!(original(text, "très"), Some("tr{\\`e}s"));
        assert_eq!(original(text, "中文"), Some("中文"));
        assert_eq!(original(text, "ça va."), Some("ça va."));
    }

    #[test]
    fn a_fragment_without_document_is_read_whole() {
        let text = "% A commented \\begin{document} does not count.\n\
                    First paragraph.\n\n\\subsection*{Method}\nSecond paragraph.";
        assert_eq!(
            blocks(text, &[]),
            ["First paragraph.", "Method", "Second paragraph."]
        );
    }

    #[test]
    fn display_math_inside_a_paragraph_is_a_placeholder() {
        let text = "The energy is\n\\[ E = mc^2 \\]\nwhere $m$ is the mass.\n\n\
                    $$ z $$ Then it starts.";
        assert_eq!(
            blocks(text, &[]),
            ["The energy is\nX\nwhere X is the mass.", "Then it starts."]
        );
    }

    #[test]
    fn commands_that_are_not_prose_are_dropped_or_placeholders() {
        let text = "See Section~\\ref{sec:a} and \\url{http://a.org/%20x} for\n\
                    \\vspace{2mm}\n\
                    more.\\label{x} The \\texttt{main} function and \\verb|a{b| work. \
                    Read \\href{http://b.org}{our \\textbf{guide}}, \\unknown[x]{y}{z}now.";
        assert_eq!(
            blocks(text, &[]),
            ["See Section X and X for\nmore. The X function and X work. \
                 Read our guide, now."]
        );
    }

    #[test]
    fn items_tables_and_line_breaks_are_split_as_said() {
        let text = "\\begin{itemize}\n\\item First point is here.\n\\item[b)] Second point.\n\
                    \\end{itemize}\n\
                    \\begin{tabular}{|l|c|}\\hline\nMethod & Score \\\\\nOur model & 0.9 \\\\\n\
                    \\end{tabular}\nA line\\\\ broken here, and \\newline again.";
        assert_eq!(
            blocks(text, &[]),
            [
                "First point is here.",
                "Second point.",
                "Method",
                "Score",
                "Our model",
                "A line broken here, and again.",
            ]
        );
    }

    #[test]
    fn skipped_environments_and_comments_leave_no_words() {
        let text = "Code:\n\\begin{verbatim}\nthis are code\n\\end{verbatim}\n\
                    \\begin{lstlisting}[language=C]\nint x;\n\\end{lstlisting}\n\
                    Some text % a comment with words\n% a whole comment line\ngoes on.";
        assert_eq!(blocks(text, &[]), ["Code:", "Some text goes on."]);
    }

    #[test]
    fn extra_commands_are_read_like_emph() {
        let text = "We \\highlight{really} mean it \\todo{not this}.";
        assert_eq!(blocks(text, &[]), ["We mean it ."]);
        let extra = ["highlight".to_string()];
        assert_eq!(blocks(text, &extra), ["We really mean it ."]);
    }

    #[test]
    fn every_cut_of_a_text_gives_ordered_spans_on_character_boundaries() {
        let text = format!("{PAPER}Café 中文 \\'{{e}} \\verb|é| $é$ \\emph{{ü\r\n}}\\");
        let cuts = text.char_indices().map(|(at, _)| at);
        for at in cuts {
            for part in [&text[..at], &text[at..]] {
                for block in prose(part, &[]).blocks {
                    let mut last_end = 0;
                    for piece in block.pieces {
                        assert!(last_end <= piece.source.start, "{part:?}");
                        assert!(piece.source.start <= piece.source.end, "{part:?}");
                        assert!(part.is_char_boundary(piece.source.start), "{part:?}");
                        assert!(part.is_char_boundary(piece.source.end), "{part:?}");
                        last_end = piece.source.end;
                    }
                }
            }
        }
    }
}
