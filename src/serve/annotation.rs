//! LanguageTool's annotated text (the `data` parameter): a document as a list of items, each
//! either `text` (prose to check) or `markup` (anything else: HTML tags, Markdown syntax,
//! code), where `interpretAs` says what a piece of markup stands for ("\n\n" for `<p>`, a
//! space for `<br>`, "&" for `&amp;`).
//!
//! The document a client means is every item joined in order, markup included: match
//! offsets count in it, as LanguageTool counts them. Its prose is made of the text items,
//! with each `interpretAs` standing in for its markup (a finding on it covers the whole
//! markup) and markup without one left out; a blank line, in the text or as what a markup
//! stands for, ends a paragraph. A paragraph that starts right after markup opening a
//! heading, list item, table cell or caption (`## `, `- `, `<li>`, `\section{`) is read as a
//! fragment, as `check` reads headings and list items: the rules about how a paragraph
//! starts and ends say nothing of it ("## what we did" needs no full stop). The writer's
//! ignore comments in the markup (`<!-- ownvoice-disable -->`, as in Markdown) are honoured. The result is the same [`Prose`]
//! the Markdown and LaTeX readers make, so checking, merging and mapping back are those of
//! `ownvoice check`.

use serde::Deserialize;

use super::request::Refusal;
use crate::input::markdown;
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
    let mut markups = Vec::new();
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
                blocks.markup(start..text.len(), markup, meaning);
                markups.push(start..text.len());
            }
            (Some(_), Some(_)) => return Err(refuse("has both 'text' and 'markup'")),
            (None, None) => return Err(refuse("has neither 'text' nor 'markup'")),
        }
    }
    blocks.finish();
    let mut prose = Prose {
        suppressions: markdown::suppressions(&text, markups),
        blocks: blocks.done,
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
    /// paragraph. Markup that opens a heading or a list item (alone, or after the paragraph
    /// break it stands for, as annotatedtext-remark writes "\n\n## ") makes the paragraph
    /// after it a fragment.
    fn markup(&mut self, span: Span, markup: &str, meaning: &str) {
        let blank_line = meaning.trim().is_empty() && meaning.matches('\n').count() >= 2;
        if blank_line || (self.line_start && meaning.trim().is_empty() && meaning.contains('\n')) {
            self.finish();
            self.fragment = opens_fragment(markup);
        } else if !meaning.is_empty() {
            self.line_start = meaning.ends_with('\n');
            self.current.push(Piece::replaced(span, meaning));
        } else if self.current.is_empty() {
            self.fragment |= opens_fragment(markup);
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

/// Whether markup opens a heading, list item, table cell or caption (Markdown, HTML or
/// LaTeX): what its last line starts with.
fn opens_fragment(markup: &str) -> bool {
    let last = markup.rsplit('\n').next().unwrap_or(markup).trim();
    let lower = last.to_ascii_lowercase();
    // A bullet or number, maybe followed by emphasis ("- *although*").
    let first = last.split_whitespace().next().unwrap_or_default();
    let numbered = first
        .strip_suffix(['.', ')'])
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    last.starts_with('#')
        || ["-", "*", "+"].contains(&first)
        || numbered
        || [
            "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<li", "<td", "<th", "<dt", "<caption",
        ]
        .iter()
        .any(|tag| lower.starts_with(tag))
        || [
            "\\section",
            "\\subsection",
            "\\subsubsection",
            "\\chapter",
            "\\caption",
            "\\item",
            "\\paragraph",
        ]
        .iter()
        .any(|command| last.starts_with(command))
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
                {"markup":"\n\n","interpretAs":"\n\n"},{"markup":"- "},{"text":"an item"},
                {"markup":"\n\n## ","interpretAs":"\n\n"},{"text":"a heading"},
                {"markup":"<p>","interpretAs":"\n\n"},{"text":"Text."}
            ]}"###,
        )
        .unwrap();
        let kinds: Vec<Kind> = prose.blocks.iter().map(|block| block.kind).collect();
        use Kind::{Fragment, Paragraph};
        assert_eq!(kinds, [Fragment, Paragraph, Fragment, Fragment, Paragraph]);
        assert!(opens_fragment("\\subsection{") && opens_fragment("12. "));
        assert!(opens_fragment("\n- *") && opens_fragment("\n\n1. **"));
        assert!(!opens_fragment("<b>") && !opens_fragment("**") && !opens_fragment("1.5"));
    }

    #[test]
    fn ignore_comments_in_markup_are_honoured() {
        let (text, prose) = read(
            r#"{"annotation":[{"text":"Checked. "},{"markup":"<!-- ownvoice-disable -->"},
                {"text":"He go."},{"markup":"<!-- ownvoice-enable -->"},{"text":" She go."}]}"#,
        )
        .unwrap();
        let rule = crate::engine::RuleId::parse("GRAMMAR/X");
        let at = |word: &str| text.find(word).unwrap();
        assert!(prose.suppressed(&(at("He")..at("He") + 6), &rule));
        assert!(!prose.suppressed(&(at("She")..at("She") + 6), &rule));
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
