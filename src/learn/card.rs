//! One issue placed in its sentence, as a reader sees it: the prose of the document (no
//! LaTeX commands or Markdown marks), white space folded to single spaces, the flagged
//! words marked; and the sentence broken into cells and lines for a screen.
//!
//! Invariant: `Card::flagged` is a byte range of `Card::shown` on char boundaries, and
//! `Card::sentence` is the original span the shown sentence came from.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::Issue;
use crate::input::prose::Prose;
use crate::sentence;
use crate::span::{LineIndex, Position, Span};

/// One issue, placed in its sentence.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub issue: &'a Issue,
    /// Where the flagged words start in the original text.
    pub start: Position,
    /// The sentence(s) around the issue, as a span of the original text.
    pub sentence: Span,
    /// The sentence as prose, white space folded to single spaces.
    pub shown: String,
    /// The flagged words in `shown`.
    pub flagged: Span,
}

/// Places every issue in its sentence: the sentences of its block of prose (a paragraph, a
/// heading, a list item) that the flagged words touch, as the reader sees them.
pub fn cards<'a>(text: &str, prose: &Prose, issues: &'a [Issue]) -> Vec<Card<'a>> {
    let index = LineIndex::new(text);
    issues
        .iter()
        .map(|issue| {
            let (shown, flagged, sentence) =
                in_prose(text, prose, &issue.span).unwrap_or_else(|| in_text(text, &issue.span));
            let (shown, flagged) = fold(&shown, &flagged);
            Card {
                issue,
                start: index.position(issue.span.start),
                sentence,
                shown,
                flagged,
            }
        })
        .collect()
}

/// The sentence of `span` in the block of prose that holds it: its text as a reader sees
/// it, the flagged range in that text, and the sentence's original span.
fn in_prose(text: &str, prose: &Prose, span: &Span) -> Option<(String, Span, Span)> {
    let block = prose.blocks.iter().find(|block| {
        let whole = block.span();
        whole.start <= span.start && span.start < whole.end.max(whole.start + 1)
    })?;
    let display = block.display(text);
    let flagged = display.assembled(span)?;
    let sentence = sentence::around(&display.text, 0..display.text.len(), &flagged);
    let original = display.original(sentence.clone())?;
    let shown = display.text[sentence.clone()].to_string();
    let flagged = flagged.start - sentence.start..flagged.end.min(sentence.end) - sentence.start;
    Some((shown, flagged, original))
}

/// The sentence of `span` in the plain text (when no block of prose holds it).
fn in_text(text: &str, span: &Span) -> (String, Span, Span) {
    let sentence = sentence::sentence_of(text, span);
    let flagged = span.start - sentence.start..span.end.min(sentence.end) - sentence.start;
    (text[sentence.clone()].to_string(), flagged, sentence)
}

/// `text` with runs of white space as one space and control characters dropped, and where
/// `flagged` went.
fn fold(text: &str, flagged: &Span) -> (String, Span) {
    let mut shown = String::with_capacity(text.len());
    let (mut start, mut end) = (None, None);
    for (at, c) in text.char_indices() {
        if at >= flagged.start && start.is_none() {
            start = Some(shown.len());
        }
        if at >= flagged.end && end.is_none() {
            end = Some(shown.len());
        }
        if c.is_whitespace() {
            if !shown.ends_with(' ') {
                shown.push(' ');
            }
        } else if !c.is_control() {
            shown.push(c);
        }
    }
    let start = start.unwrap_or(shown.len());
    let end = end.unwrap_or(shown.len()).max(start);
    (shown, start..end)
}

/// One grapheme of the sentence as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub flagged: bool,
}

/// The sentence of a card as cells, flagged words marked.
pub fn sentence_cells(card: &Card) -> Vec<Cell> {
    let flagged = &card.flagged;
    card.shown
        .grapheme_indices(true)
        .map(|(at, grapheme)| Cell {
            text: grapheme.to_string(),
            flagged: at < flagged.end && at + grapheme.len() > flagged.start
                || (flagged.is_empty() && at == flagged.start),
        })
        .collect()
}

/// Cells of plain text, none flagged (for a sentence the writer types).
pub fn plain_cells(text: &str) -> Vec<Cell> {
    text.graphemes(true)
        .map(|grapheme| Cell {
            text: grapheme.to_string(),
            flagged: false,
        })
        .collect()
}

/// Breaks cells into lines of at most `width` columns, at spaces where possible; spaces at
/// the break are dropped. A word wider than a line is cut.
pub fn wrap_cells(cells: &[Cell], width: usize) -> Vec<Vec<Cell>> {
    let width = width.max(10);
    let mut lines: Vec<Vec<Cell>> = vec![Vec::new()];
    let mut used = 0;
    let mut i = 0;
    while i < cells.len() {
        if cells[i].text == " " {
            if used > 0 && used < width {
                lines
                    .last_mut()
                    .expect("never empty")
                    .push(cells[i].clone());
                used += 1;
            }
            i += 1;
            continue;
        }
        let end = (i..cells.len())
            .find(|&j| cells[j].text == " ")
            .unwrap_or(cells.len());
        let word = &cells[i..end];
        let word_width: usize = word.iter().map(|c| c.text.width()).sum();
        if used + word_width > width && used > 0 {
            let line = lines.last_mut().expect("never empty");
            while line.last().is_some_and(|c| c.text == " ") {
                line.pop();
            }
            lines.push(Vec::new());
            used = 0;
        }
        for cell in word {
            let w = cell.text.width();
            if used + w > width {
                lines.push(Vec::new());
                used = 0;
            }
            lines.last_mut().expect("never empty").push(cell.clone());
            used += w;
        }
        i = end;
    }
    lines
}
