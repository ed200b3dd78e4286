//! The prose of a document: what the engines check, and where each part of it came from.
//!
//! A document's prose is a list of [`Block`]s (paragraphs, headings, list items, table cells,
//! captions). A block is made of [`Piece`]s, each a byte span of the original text; a piece
//! may give the engines other text than its source (`~` in LaTeX is a space, `` `` `` a
//! quotation mark), and an *opaque* piece stands for material that is not prose (inline code,
//! a formula) with a placeholder word, so that "the value of $x$ is" still reads as a
//! sentence. The engines see a block's pieces joined; every finding is mapped back to the
//! original text through them, and a finding that touches a placeholder is dropped: the
//! engine judged words the writer did not write.
//!
//! [`Suppression`]s are the writer's ignore comments: issues inside one are not reported.

use crate::span::Span;

/// The word that stands for inline code or a formula: a singular proper noun, so the sentence
/// around it still parses. Not a single letter, which would read as an initial ("in X.") and
/// hide the end of the sentence from the engines; not lowercase, which the spell checker and
/// the article rules would judge.
pub const PLACEHOLDER: &str = "London";

/// One part of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Where it is in the original text.
    pub source: Span,
    /// What the engines see instead of the source text, if anything else.
    pub text: Option<String>,
    /// Stands for material that is not prose (findings touching it are dropped).
    pub opaque: bool,
}

impl Piece {
    /// The original text itself.
    pub fn source(source: Span) -> Piece {
        Piece {
            source,
            text: None,
            opaque: false,
        }
    }

    /// The original `source`, seen by the engines as `text` (same meaning, other spelling).
    pub fn replaced(source: Span, text: impl Into<String>) -> Piece {
        Piece {
            source,
            text: Some(text.into()),
            opaque: false,
        }
    }

    /// Material that is not prose, seen by the engines as [`PLACEHOLDER`].
    pub fn placeholder(source: Span) -> Piece {
        Piece {
            source,
            text: Some(PLACEHOLDER.to_string()),
            opaque: true,
        }
    }

    fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text
            .as_deref()
            .unwrap_or(&original[self.source.clone()])
    }
}

/// A run of prose checked as one piece of text (a paragraph, a heading, a table cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    pub pieces: Vec<Piece>,
    pub kind: Kind,
}

/// What a block is in its document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph of running text (in plain text, every block).
    #[default]
    Paragraph,
    /// A list item, heading, table cell, caption or note: often not a whole sentence, and
    /// written in lowercase on purpose ("- apples and pears").
    Fragment,
}

/// A region whose issues the writer asked us not to report: all of them, or those of the
/// named rules (ids, groups or categories).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub span: Span,
    pub rules: Vec<String>,
}

/// The prose of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub blocks: Vec<Block>,
    pub suppressions: Vec<Suppression>,
}

/// A block's text as the engines see it (or as a reader sees it, [`Block::display`]), and
/// the way between it and the original.
#[derive(Debug)]
pub struct Assembled {
    pub text: String,
    /// The pieces' places in `text`.
    parts: Vec<Part>,
}

/// Where one piece is in an assembled text.
#[derive(Debug, Clone)]
struct Part {
    /// Byte offset in the assembled text, and length there.
    at: usize,
    length: usize,
    source: Span,
    /// The assembled text of the piece is its source, so offsets map one to one.
    verbatim: bool,
    opaque: bool,
}

impl Block {
    /// A block of one piece of original text.
    pub fn of(source: Span) -> Block {
        Block {
            pieces: vec![Piece::source(source)],
            kind: Kind::Paragraph,
        }
    }

    /// The whole original span the block covers.
    pub fn span(&self) -> Span {
        let start = self.pieces.first().map_or(0, |p| p.source.start);
        let end = self.pieces.last().map_or(start, |p| p.source.end);
        start..end
    }

    /// Whether the block holds nothing to check (no letters outside placeholders).
    pub fn is_blank(&self, original: &str) -> bool {
        !self
            .pieces
            .iter()
            .filter(|piece| !piece.opaque)
            .any(|piece| piece.text(original).chars().any(char::is_alphabetic))
    }

    /// The text the engines check.
    pub fn assemble(&self, original: &str) -> Assembled {
        self.join(original, false)
    }

    /// The text as a reader sees it: the prose of the block, with inline code and formulas
    /// as written (not as placeholders) and markup left out, for showing a sentence.
    pub fn display(&self, original: &str) -> Assembled {
        self.join(original, true)
    }

    fn join(&self, original: &str, reading: bool) -> Assembled {
        let mut text = String::new();
        let mut parts = Vec::with_capacity(self.pieces.len());
        for piece in &self.pieces {
            let shown = if reading && piece.opaque {
                &original[piece.source.clone()]
            } else {
                piece.text(original)
            };
            parts.push(Part {
                at: text.len(),
                length: shown.len(),
                source: piece.source.clone(),
                verbatim: piece.text.is_none() || (reading && piece.opaque),
                opaque: piece.opaque && !reading,
            });
            text.push_str(shown);
        }
        Assembled { text, parts }
    }
}

impl Assembled {
    /// The original span of a span of the assembled text; `None` when it touches a
    /// placeholder. Inside a piece whose text is its source, offsets map one to one; a piece
    /// with other text maps as a whole.
    pub fn original(&self, span: Span) -> Option<Span> {
        let mut start = None;
        let mut end = None;
        for part in &self.parts {
            let (at, length) = (part.at, part.length);
            let touched =
                span.start < at + length && at < span.end || (span.is_empty() && span.start == at);
            if !touched {
                continue;
            }
            if part.opaque {
                return None;
            }
            if start.is_none() {
                start = Some(if part.verbatim {
                    part.source.start + (span.start.max(at) - at)
                } else {
                    part.source.start
                });
            }
            end = Some(if part.verbatim {
                part.source.start + (span.end.min(at + length) - at)
            } else {
                part.source.end
            });
        }
        Some(start?..end?)
    }

    /// The span of the assembled text that holds an original span (the way back of
    /// [`Assembled::original`]); `None` when no piece covers it. A piece with other text
    /// maps as a whole.
    pub fn assembled(&self, span: &Span) -> Option<Span> {
        let mut start = None;
        let mut end = None;
        for part in &self.parts {
            let source = &part.source;
            let touched = span.start < source.end && source.start < span.end
                || (span.is_empty() && source.start <= span.start && span.start <= source.end);
            if !touched {
                continue;
            }
            if start.is_none() {
                start = Some(if part.verbatim {
                    part.at + (span.start.max(source.start) - source.start)
                } else {
                    part.at
                });
            }
            end = Some(if part.verbatim {
                part.at + (span.end.min(source.end) - source.start)
            } else {
                part.at + part.length
            });
        }
        Some(start?..end?)
    }

    /// The original offset of the assembled text's byte `at`, when `at` lies in a piece
    /// whose text is its source (at its start or inside it); `None` elsewhere, where no one
    /// offset stands for it.
    pub fn source_of(&self, at: usize) -> Option<usize> {
        // Parts are in order of their place in the text: the last one starting at or before
        // `at` holds it, unless it is empty or ends before.
        let after = self.parts.partition_point(|part| part.at <= at);
        let part = &self.parts[after.checked_sub(1)?];
        (part.verbatim && at < part.at + part.length).then(|| part.source.start + (at - part.at))
    }

    /// The block whose assembled text is `range` of this text: the pieces inside it, those
    /// at its edges cut. `None` when an edge falls inside a piece whose text is not its
    /// source (it cannot be cut). For checking a long block in windows.
    pub fn slice(&self, range: Span, kind: Kind) -> Option<Block> {
        let mut pieces = Vec::new();
        // Parts ending before the range are skipped at once: a long block has many.
        let first = self
            .parts
            .partition_point(|part| part.at + part.length < range.start);
        for part in &self.parts[first..] {
            if part.at > range.end {
                break;
            }
            let end = part.at + part.length;
            let inside = if part.length == 0 {
                range.start <= part.at && part.at < range.end
            } else {
                part.at < range.end && range.start < end
            };
            if !inside {
                continue;
            }
            let (from, to) = (range.start.max(part.at), range.end.min(end));
            let text = &self.text[from..to];
            let piece = if part.verbatim {
                let start = part.source.start + (from - part.at);
                Piece::source(start..start + text.len())
            } else if (from, to) != (part.at, end) {
                return None;
            } else if part.opaque {
                Piece::placeholder(part.source.clone())
            } else {
                Piece::replaced(part.source.clone(), text)
            };
            pieces.push(piece);
        }
        Some(Block { pieces, kind })
    }
}

impl Prose {
    /// Whether the writer asked not to hear about `rule` at `span`.
    pub fn suppressed(&self, span: &Span, rule: &crate::engine::RuleId) -> bool {
        self.suppressions.iter().any(|s| {
            s.span.start <= span.start
                && span.start < s.span.end.max(s.span.start + 1)
                && (s.rules.is_empty() || s.rules.iter().any(|r| rule.matches(r)))
        })
    }
}

/// The comment that makes plain text skip a line.
pub const PLAIN_IGNORE: &str = "ownvoice:ignore";

/// The prose of a plain text: its paragraphs (runs of lines separated by blank lines), each
/// one piece of original text. A line containing `ownvoice:ignore` is left out, and the lines
/// around it are checked as two blocks.
pub fn plain(text: &str) -> Prose {
    let mut prose = Prose::default();
    for paragraph in super::prose_ranges(text) {
        let mut run: Option<Span> = None;
        let mut offset = paragraph.start;
        for line in text[paragraph.clone()].split_inclusive('\n') {
            let span = offset..offset + line.len();
            offset += line.len();
            if line.contains(PLAIN_IGNORE) {
                prose.suppressions.push(Suppression {
                    span,
                    rules: Vec::new(),
                });
                prose
                    .blocks
                    .extend(run.take().map(|run| trimmed(text, run)));
            } else {
                run = Some(run.map_or(span.clone(), |run| run.start..span.end));
            }
        }
        prose.blocks.extend(run.map(|run| trimmed(text, run)));
    }
    prose.blocks.retain(|block| !block.is_blank(text));
    prose
}

/// A block of the original text in `span`, without the white space at its end.
fn trimmed(text: &str, span: Span) -> Block {
    let length = text[span.clone()].trim_end().len();
    Block::of(span.start..span.start + length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_back_through_pieces_and_placeholders_drop_findings() {
        let original = "The value of $x$ are ``big''.";
        let block = Block {
            pieces: vec![
                Piece::source(0..13),
                Piece::placeholder(13..16),
                Piece::source(16..21),
                Piece::replaced(21..23, "\""),
                Piece::source(23..26),
                Piece::replaced(26..28, "\""),
                Piece::source(28..29),
            ],
            ..Block::default()
        };
        let assembled = block.assemble(original);
        assert_eq!(assembled.text, "The value of London are \"big\".");
        let find = |word: &str| {
            let at = assembled.text.find(word).unwrap();
            assembled
                .original(at..at + word.len())
                .map(|span| &original[span])
        };
        assert_eq!(find("are"), Some("are"));
        assert_eq!(find("value"), Some("value"));
        assert_eq!(find("\"big\""), Some("``big''"));
        assert_eq!(find("of London"), None, "touches the placeholder");
    }

    #[test]
    fn plain_text_skips_ignored_lines() {
        let text = "One line.\nA secret line ownvoice:ignore\nLast line.\n\nNext paragraph.\n";
        let prose = plain(text);
        let blocks: Vec<&str> = prose.blocks.iter().map(|b| &text[b.span()]).collect();
        assert_eq!(blocks, ["One line.", "Last line.", "Next paragraph."]);
        assert_eq!(prose.suppressions.len(), 1);
        let rule = crate::engine::RuleId::parse("GRAMMAR/London");
        let inside = text.find("secret").unwrap();
        assert!(prose.suppressed(&(inside..inside + 6), &rule));
        assert!(!prose.suppressed(&(0..3), &rule));
    }
}
