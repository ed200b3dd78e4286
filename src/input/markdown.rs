//! The prose of a Markdown document, read in place with pulldown-cmark's offsets.
//!
//! Prose is the text of headings, paragraphs, list items, table cells, block quotes and
//! footnote definitions, including link text and image alt text: one [`Block`] per paragraph,
//! heading, item or cell. Code blocks, HTML, front matter (YAML between `---` lines, TOML
//! between `+++` lines), link targets and footnote labels are not prose; inline code, inline
//! math and autolinks stand in the sentence as a [`PLACEHOLDER`](super::prose::PLACEHOLDER).
//!
//! The writer's HTML comments `<!-- ownvoice-disable -->` ... `<!-- ownvoice-enable -->` take
//! the text between them out of the prose, and `<!-- ownvoice-disable-next-line [RULE...] -->`
//! suppresses issues on the line after the comment.
//!
//! Invariant: every piece's source is a byte span of the original text, end-exclusive; no
//! stripped copy of the document exists.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::prose::{Block, Kind, Piece, Prose, Suppression};
use crate::span::Span;

/// The comment that starts a region that is not checked.
const DISABLE: &str = "ownvoice-disable";
/// The comment that ends a region that is not checked.
const ENABLE: &str = "ownvoice-enable";
/// The comment that suppresses issues (of the rules named after it, or all) on the next line.
const DISABLE_NEXT_LINE: &str = "ownvoice-disable-next-line";

/// The prose of a Markdown text.
pub fn prose(text: &str) -> Prose {
    let mut blocks = Vec::new();
    let mut comments = Comments::default();
    // The pieces of the block being read.
    let mut pieces = Vec::new();
    // Inside a code block, front matter or an autolink: its text is not prose.
    let mut skipping = false;
    // Inside a paragraph, and how many list items deep: a block is running text only in a
    // paragraph outside lists.
    let (mut in_paragraph, mut items) = (false, 0usize);

    for (event, span) in Parser::new_ext(text, options()).into_offset_iter() {
        // A block-level element starting or ending closes the block being read, so that a
        // list item's text and its nested list, or two table cells, never share a block.
        let boundary = match &event {
            Event::Start(tag) => !is_inline(&tag.to_end()),
            Event::End(end) => !is_inline(end),
            _ => false,
        };
        let kind = if in_paragraph && items == 0 {
            Kind::Paragraph
        } else {
            Kind::Fragment
        };
        if boundary && !pieces.is_empty() {
            blocks.push(Block {
                pieces: std::mem::take(&mut pieces),
                kind,
            });
        }

        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items = items.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skipping = true,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => skipping = false,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                // `<https://example.com>`: its text is the address, which is not prose.
                pieces.push(Piece::placeholder(span));
                skipping = true;
            }
            // Only an autolink sets `skipping` inside a paragraph, and links do not nest.
            Event::End(TagEnd::Link) => skipping = false,
            // The comments of an HTML block are read from the whole block at once, as one
            // comment may span several of its `Html` events (one per line).
            Event::Start(Tag::HtmlBlock) => comments.read(text, span),
            Event::InlineHtml(_) => comments.read(text, span),
            Event::Text(_) if skipping => {}
            Event::Text(seen) => {
                // Entities (`&amp;`) and backslash escapes are read as other text.
                if text[span.clone()] == *seen {
                    pieces.push(Piece::source(span));
                } else {
                    pieces.push(Piece::replaced(span, seen.to_string()));
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                pieces.push(Piece::placeholder(span));
            }
            // A line break (with the spaces or backslash of a hard break, and the `\r` of a
            // CRLF) separates two words.
            Event::SoftBreak | Event::HardBreak => pieces.push(Piece::replaced(span, " ")),
            // The lines of HTML blocks (read above), footnote references, rules, the start
            // and end of other elements: nothing to check.
            _ => {}
        }
    }
    if !pieces.is_empty() {
        // Only an unclosed element leaves text here: not a paragraph that is known to be one.
        blocks.push(Block {
            pieces,
            kind: Kind::Fragment,
        });
    }

    let (disabled, suppressions) = comments.finish(text.len());
    for block in &mut blocks {
        block
            .pieces
            .retain(|piece| !disabled.iter().any(|d| d.contains(&piece.source.start)));
    }
    blocks.retain(|block| !block.is_blank(text));
    Prose {
        blocks,
        suppressions,
    }
}

/// The Markdown extensions read: tables, footnotes, strikethrough, math and front matter.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Whether an element lives inside a line of text (emphasis, a link) rather than being a
/// block of its own (a paragraph, a list item, a table cell).
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The suppressions the writer's ignore comments make, read from the parts of `text` in
/// `spans`, in order: for text that reaches us as pieces of Markdown or HTML, such as the
/// markup of `serve`'s annotated text. A disabled region is not reported (its text is still
/// given to the engines).
pub fn suppressions(text: &str, spans: impl IntoIterator<Item = Span>) -> Vec<Suppression> {
    let mut comments = Comments::default();
    for span in spans {
        comments.read(text, span);
    }
    comments.finish(text.len()).1
}

/// The writer's ignore comments, read in the order they appear in the text.
#[derive(Debug, Default)]
struct Comments {
    /// Where the region opened by an `ownvoice-disable` comment starts, while it is open.
    disabled_since: Option<usize>,
    /// The closed regions, each from its disable comment to the end of its enable comment.
    disabled: Vec<Span>,
    /// The `ownvoice-disable-next-line` suppressions.
    next_lines: Vec<Suppression>,
}

impl Comments {
    /// Reads the HTML comments in `span` of `text`.
    fn read(&mut self, text: &str, span: Span) {
        let mut at = span.start;
        while let Some(open) = text[at..span.end].find("<!--") {
            let body_start = at + open + "<!--".len();
            let Some(close) = text[body_start..span.end].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let end = body_end + "-->".len();
            self.comment(text, at + open..end, &text[body_start..body_end]);
            at = end;
        }
    }

    /// Acts on one comment at `span` whose text between `<!--` and `-->` is `body`.
    fn comment(&mut self, text: &str, span: Span, body: &str) {
        let mut words = body.split_whitespace();
        let directive = words.next();
        let rules: Vec<String> = words.map(str::to_string).collect();
        match directive {
            Some(DISABLE) if rules.is_empty() => {
                // A second disable inside a disabled region changes nothing.
                self.disabled_since.get_or_insert(span.start);
            }
            Some(ENABLE) if rules.is_empty() => {
                if let Some(start) = self.disabled_since.take() {
                    self.disabled.push(start..span.end);
                }
            }
            Some(DISABLE_NEXT_LINE) => self.next_lines.push(Suppression {
                span: next_line(text, span.end),
                rules,
            }),
            _ => {}
        }
    }

    /// The regions that are not prose (a region never enabled again runs to `length`, the
    /// end of the text), and every suppression: one for all rules over each such region and
    /// one per disable-next-line comment.
    fn finish(mut self, length: usize) -> (Vec<Span>, Vec<Suppression>) {
        if let Some(start) = self.disabled_since.take() {
            self.disabled.push(start..length);
        }
        let mut suppressions: Vec<Suppression> = self
            .disabled
            .iter()
            .map(|span| Suppression {
                span: span.clone(),
                rules: Vec::new(),
            })
            .collect();
        suppressions.append(&mut self.next_lines);
        (self.disabled, suppressions)
    }
}

/// The line after the one holding byte `offset`, without its line break (empty at the end of
/// the text when there is no such line).
fn next_line(text: &str, offset: usize) -> Span {
    let start = text[offset..]
        .find('\n')
        .map_or(text.len(), |at| offset + at + 1);
    let length = text[start..].lines().next().map_or(0, str::len);
    start..start + length
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RuleId;

    /// The text of each block, as the engines see it.
    fn blocks(text: &str) -> Vec<String> {
        prose(text)
            .blocks
            .iter()
            .map(|block| block.assemble(text).text)
            .collect()
    }

    /// The original text that `word` in the block `index` maps back to (`None` when it touches
    /// a placeholder).
    fn original<'t>(text: &'t str, prose: &Prose, index: usize, word: &str) -> Option<&'t str> {
        let assembled = prose.blocks[index].assemble(text);
        let at = assembled.text.find(word).expect("the word is in the block");
        assembled
            .original(at..at + word.len())
            .map(|span| &text[span])
    }

    const DOCUMENT: &str = "\
---
title: He go to school
---

# Grammar for learners

She has `git` installed and says $x^2$ are big.
Read [the guide](https://example.com/he-go \"He go title\") first.

```rust
// he go to school
let x = 1;
```

    he go to school, indented

![A cat sleep on a mat](cat.png)

| Word | Meaning |
|------|---------|
| go   | to move |

- first item
- second item
  - nested item

1. loose one

2. loose two

> A quote with two line
> in it.

$$
x = 1
$$

This has a note[^1].

[^1]: The note explain it.

<div>
He go to school in HTML.
</div>

Tom &amp; Jerry <b>run</b> fast.
";

    #[test]
    fn a_document_yields_exactly_its_prose() {
        assert_eq!(
            blocks(DOCUMENT),
            [
                "Grammar for learners",
                "She has London installed and says London are big. Read the guide first.",
                "A cat sleep on a mat",
                "Word",
                "Meaning",
                "go",
                "to move",
                "first item",
                "second item",
                "nested item",
                "loose one",
                "loose two",
                "A quote with two line in it.",
                "This has a note.",
                "The note explain it.",
                "Tom & Jerry run fast.",
            ]
        );
    }

    #[test]
    fn spans_point_at_the_original_bytes() {
        let prose = prose(DOCUMENT);
        assert_eq!(original(DOCUMENT, &prose, 1, "are big"), Some("are big"));
        assert_eq!(original(DOCUMENT, &prose, 1, "says London"), None, "math");
        assert_eq!(
            original(DOCUMENT, &prose, 1, "has London"),
            None,
            "inline code"
        );
        assert_eq!(
            original(DOCUMENT, &prose, 1, "big. Read"),
            Some("big.\nRead")
        );
        assert_eq!(original(DOCUMENT, &prose, 1, "guide"), Some("guide"));
        assert_eq!(
            original(DOCUMENT, &prose, 2, "cat sleep"),
            Some("cat sleep")
        );
        assert_eq!(
            original(DOCUMENT, &prose, 12, "two line in"),
            Some("two line\n> in")
        );
        assert_eq!(
            original(DOCUMENT, &prose, 15, "& Jerry"),
            Some("&amp; Jerry")
        );
        let cell = &prose.blocks[6];
        assert_eq!(&DOCUMENT[cell.span()], "to move");
    }

    #[test]
    fn only_paragraphs_outside_lists_are_running_text() {
        let text = "# a heading\n\nfirst paragraph.\n\n- tight item.\n- another\n\n\
                    1. loose item.\n\n   its second paragraph.\n\n\
                    > quoted paragraph.\n\n| a cell |\n|---|\n| b cell |\n";
        let kinds: Vec<(String, Kind)> = prose(text)
            .blocks
            .iter()
            .map(|block| (block.assemble(text).text, block.kind))
            .collect();
        let expected = [
            ("a heading", Kind::Fragment),
            ("first paragraph.", Kind::Paragraph),
            ("tight item.", Kind::Fragment),
            ("another", Kind::Fragment),
            ("loose item.", Kind::Fragment),
            ("its second paragraph.", Kind::Fragment),
            ("quoted paragraph.", Kind::Paragraph),
            ("a cell", Kind::Fragment),
            ("b cell", Kind::Fragment),
        ];
        assert_eq!(kinds, expected.map(|(text, kind)| (text.to_string(), kind)));
    }

    #[test]
    fn toml_front_matter_escapes_and_autolinks_are_not_prose() {
        let text = "+++\ntitle = \"he go\"\n+++\n\nUse a \\*star\\* or <https://example.com>.\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["Use a *star* or London."]);
        assert_eq!(original(text, &prose, 0, "star"), Some("star"));
        assert_eq!(original(text, &prose, 0, "or London"), None);
    }

    #[test]
    fn crlf_line_endings_keep_offsets_right() {
        let text = "# Title\r\n\r\nOne line\r\ntwo line  \r\nthree.\r\n\r\n- item\r\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["Title", "One line two line three.", "item"]);
        assert_eq!(original(text, &prose, 1, "line two"), Some("line\r\ntwo"));
        assert_eq!(original(text, &prose, 1, "three"), Some("three"));
        assert_eq!(&text[prose.blocks[2].span()], "item");
    }

    #[test]
    fn multibyte_text_keeps_offsets_right() {
        let text = "# Café crème\n\nLe **café** est 中文 `代码` très bon &eacute;té.\n";
        let prose = prose(text);
        assert_eq!(
            blocks(text),
            ["Café crème", "Le café est 中文 London très bon été."]
        );
        assert_eq!(original(text, &prose, 0, "crème"), Some("crème"));
        assert_eq!(original(text, &prose, 1, "est 中文"), Some("est 中文"));
        assert_eq!(original(text, &prose, 1, "très bon"), Some("très bon"));
        assert_eq!(original(text, &prose, 1, "été"), Some("&eacute;té"));
    }

    #[test]
    fn disabled_regions_are_not_prose_and_are_suppressed() {
        let text = "Before.\n\n<!-- ownvoice-disable -->\n\nHe go to school.\n\n\
                    <!-- ownvoice-enable -->\n\nShe <!--ownvoice-disable-->go<!-- \
                    ownvoice-enable --> goes.\n\nAfter.\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["Before.", "She  goes.", "After."]);
        let rule = RuleId::parse("GRAMMAR/AGREEMENT/1");
        let he = text.find("He go").unwrap();
        assert!(prose.suppressed(&(he..he + 5), &rule));
        let go = text.find(">go<").unwrap() + 1;
        assert!(prose.suppressed(&(go..go + 2), &rule));
        let after = text.find("After").unwrap();
        assert!(!prose.suppressed(&(after..after + 5), &rule));
        assert!(!prose.suppressed(&(0..6), &rule));
    }

    #[test]
    fn a_region_never_enabled_runs_to_the_end() {
        let text = "Checked.\n\n<!-- ownvoice-disable -->\nHe go.\n\nShe go.\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["Checked."]);
        let start = text.find("<!--").unwrap();
        assert_eq!(prose.suppressions[0].span, start..text.len());
        assert!(prose.suppressions[0].rules.is_empty());
    }

    #[test]
    fn disable_next_line_suppresses_only_the_next_line() {
        let text = "Intro.\n\n<!-- ownvoice-disable-next-line GRAMMAR/AGREEMENT SPELLING -->\r\n\
                    He go to school.\r\nShe go too.\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["Intro.", "He go to school. She go too."]);
        let line = text.find("He go").unwrap();
        assert_eq!(prose.suppressions.len(), 1);
        assert_eq!(
            &text[prose.suppressions[0].span.clone()],
            "He go to school."
        );
        assert_eq!(
            prose.suppressions[0].rules,
            ["GRAMMAR/AGREEMENT", "SPELLING"]
        );
        let named = RuleId::parse("GRAMMAR/AGREEMENT/3");
        let other = RuleId::parse("STYLE/WORDY/1");
        assert!(prose.suppressed(&(line + 3..line + 5), &named));
        assert!(!prose.suppressed(&(line + 3..line + 5), &other));
        let she = text.find("She").unwrap();
        assert!(!prose.suppressed(&(she..she + 3), &named));
    }

    #[test]
    fn disable_next_line_without_rules_suppresses_all_rules() {
        let text = "A line. <!-- ownvoice-disable-next-line -->\nHe go.\n";
        let prose = prose(text);
        // The space before the comment stays, and the line break reads as another one.
        assert_eq!(blocks(text), ["A line.  He go."]);
        assert_eq!(prose.suppressions.len(), 1);
        assert_eq!(&text[prose.suppressions[0].span.clone()], "He go.");
        assert!(prose.suppressions[0].rules.is_empty());
    }

    #[test]
    fn other_comments_and_html_change_nothing() {
        let text = "<!-- a note -->\n\n<!-- ownvoice-disable RULE -->\n\nHe go.\n";
        let prose = prose(text);
        assert_eq!(blocks(text), ["He go."]);
        assert!(prose.suppressions.is_empty());
    }
}
