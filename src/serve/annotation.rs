//! LanguageTool's annotated text (the `data` parameter): a document as a list of items, each
//! either `text` (prose to check) or `markup` (anything else: HTML tags, Markdown syntax,
//! code), where `interpretAs` says what a piece of markup stands for ("\n\n" for `<p>`, a
//! space for `<br>`, "&" for `&amp;`).
//!
//! The document a client means is every item joined in order, markup included: match
//! offsets count in it, as LanguageTool counts them. Its prose is made of the text items,
//! with each `interpretAs` standing in for its markup (a finding on it covers the whole
//! markup) and markup without one left out; a blank line, in the text or as what a markup
//! stands for, ends a paragraph. A paragraph that starts right after markup standing for
//! nothing (a heading's `#`, a list's `-`, an HTML tag) is read as a fragment, as `check`
//! reads headings and list items: the rules about how a paragraph starts and ends say
//! nothing of it ("## what we did" needs no full stop). The result is the same [`Prose`]
//! the Markdown and LaTeX readers make, so checking, merging and mapping back are those of
//! `ownvoice check`.

use serde::Deserialize;

use super::request::Refusal;
use crate::input::prose::{Block, Kind, Piece, Prose};
use crate::span::Span;

#[derive(Debug, Deserialize)]
struct Data {
    annotation: Vec<Item>,
}

#[derive(Debug, Deserialize)]
struct Item {
    text: Option<String>,
    markup: Option<String>,
    #[serde(rename = "interpretAs")]
    interpret_as: Option<String>,
}

/// The document the annotation describes, and its prose.
pub fn read(data: &str) -> Result<(String, Prose), Refusal> {
    let data: Data = serde_json::from_str(data).map_err(|error| {
        Refusal::bad(format!(
            "'data' is not LanguageTool's annotation JSON: {error}"
        ))
    })?;
    let mut text = String::new();
    let mut blocks = Blocks::default();
    for (number, item) in data.annotation.iter().enumerate() {
        let refuse = |what: &str| Refusal::bad(format!("'data' item {}: {what}", number + 1));
        match (&item.text, &item.markup) {
            (Some(prose), None) => {
                if item.interpret_as.is_some() {
                    return Err(refuse("'interpretAs' goes with 'markup', not 'text'"));
                }
                let start = text.len();
                text.push_str(prose);
                blocks.text(&text, start..text.len());
            }
            (None, Some(markup)) => {
                let start = text.len();
                text.push_str(markup);
                let meaning = item.interpret_as.as_deref().unwrap_or_default();
                blocks.markup(start..text.len(), meaning);
            }
            (Some(_), Some(_)) => return Err(refuse("has both 'text' and 'markup'")),
            (None, None) => return Err(refuse("has neither 'text' nor 'markup'")),
        }
    }
    blocks.finish();
    let mut prose = Prose {
        blocks: blocks.done,
        ..Prose::default()
    };
    prose.blocks.retain(|block| !block.is_blank(&text));
    Ok((text, prose))
}

/// Paragraphs being built from the items.
#[derive(Default)]
struct Blocks {
    done: Vec<Block>,
    current: Vec<Piece>,
    /// The engines' text so far ends a line (or nothing is in the paragraph yet).
    line_start: bool,
    /// The paragraph began right after markup that stands for nothing.
    fragment: bool,
}

impl Blocks {
    /// A text item at `span` of `text`: its lines join the paragraph; a blank line ends it.
    fn text(&mut self, text: &str, span: Span) {
        let mut offset = span.start;
        for line in text[span].split_inclusive('\n') {
            let piece = offset..offset + line.len();
            offset += line.len();
            if (self.line_start || self.current.is_empty()) && line.trim().is_empty() {
                self.finish();
            } else {
                self.line_start = line.ends_with('\n');
                self.current.push(Piece::source(piece));
            }
        }
    }

    /// Markup at `span` that stands for `meaning`: a paragraph break, or text in the
    /// paragraph.
    fn markup(&mut self, span: Span, meaning: &str) {
        let blank_line = meaning.trim().is_empty() && meaning.matches('\n').count() >= 2;
        if blank_line || (self.line_start && meaning.trim().is_empty() && meaning.contains('\n')) {
            self.finish();
        } else if !meaning.is_empty() {
            self.line_start = meaning.ends_with('\n');
            self.current.push(Piece::replaced(span, meaning));
        } else if self.current.is_empty() {
            self.fragment = true;
        }
    }

    fn finish(&mut self) {
        if !self.current.is_empty() {
            self.done.push(Block {
                pieces: std::mem::take(&mut self.current),
                kind: if self.fragment {
                    Kind::Fragment
                } else {
                    Kind::Paragraph
                },
            });
        }
        self.line_start = true;
        self.fragment = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine_texts(data: &str) -> (String, Vec<String>) {
        let (text, prose) = read(data).unwrap();
        let blocks = prose
            .blocks
            .iter()
            .map(|block| block.assemble(&text).text)
            .collect();
        (text, blocks)
    }

    #[test]
    fn markup_is_left_out_or_read_as_what_it_stands_for() {
        let (text, blocks) = engine_texts(
            r#"{"annotation":[
                {"text":"A "},{"markup":"<b>"},{"text":"bold"},{"markup":"</b>"},
                {"text":" word"},{"markup":"&amp;","interpretAs":"&"},{"text":"more."},
                {"markup":"<p>","interpretAs":"\n\n"},{"text":"Next one.\n\nLast one."}
            ]}"#,
        );
        assert_eq!(
            text,
            "A <b>bold</b> word&amp;more.<p>Next one.\n\nLast one."
        );
        assert_eq!(blocks, ["A bold word&more.", "Next one.\n", "Last one."]);
    }

    #[test]
    fn headings_and_list_items_are_fragments() {
        let (_, prose) = read(
            r###"{"annotation":[
                {"markup":"## ","interpretAs":""},{"text":"what we did"},
                {"markup":"\n\n","interpretAs":"\n\n"},{"text":"A paragraph."},
                {"markup":"\n\n","interpretAs":"\n\n"},{"markup":"- "},{"text":"an item"}
            ]}"###,
        )
        .unwrap();
        let kinds: Vec<Kind> = prose.blocks.iter().map(|block| block.kind).collect();
        assert_eq!(kinds, [Kind::Fragment, Kind::Paragraph, Kind::Fragment]);
    }

    #[test]
    fn findings_map_to_the_joined_document() {
        let (text, prose) =
            read(r#"{"annotation":[{"text":"She "},{"markup":"<i>"},{"text":"go home."}]}"#)
                .unwrap();
        let assembled = prose.blocks[0].assemble(&text);
        assert_eq!(assembled.text, "She go home.");
        let span = assembled.original(0.."She go".len()).unwrap();
        assert_eq!(&text[span], "She <i>go");
    }

    #[test]
    fn malformed_data_is_a_bad_request() {
        for data in [
            "not json",
            r#"{"annotation":[{"markup":"<b>","text":"x"}]}"#,
            r#"{"annotation":[{}]}"#,
            r#"{"annotation":[{"text":"x","interpretAs":"y"}]}"#,
            r#"{"text":"no annotation"}"#,
        ] {
            let refusal = read(data).unwrap_err();
            assert_eq!(refusal.status, 400, "{data}");
            assert!(!refusal.reason.contains('\n'), "{}", refusal.reason);
        }
    }
}
