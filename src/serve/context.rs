//! The text around a match, as LanguageTool sends it: a context of up to
//! [`CONTEXT_CHARS`] characters on each side with the match's place in it, and the sentence
//! the match is in. Offsets in the context are UTF-16 code units, like the match's own.

use serde::Serialize;

use crate::span::Span;

/// How many characters of text the context shows on each side of a match.
const CONTEXT_CHARS: usize = 40;

/// How far from a match the sentence around it is looked for, in bytes.
const SENTENCE_BYTES: usize = 1_000;

/// A match's context: some text around it, and where the match is in that text.
#[derive(Debug, Serialize)]
pub struct Context {
    pub text: String,
    pub offset: usize,
    pub length: usize,
}

/// Up to [`CONTEXT_CHARS`] characters on each side of the span, line breaks shown as spaces
/// and "..." where the text goes on; the offset and length of the span in it, in UTF-16
/// units.
pub fn context(text: &str, span: &Span) -> Context {
    let before = &text[..span.start];
    let after = &text[span.end..];
    let start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(at, _)| at);
    let end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(at, _)| at);
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let mut shown = String::new();
    if start > 0 {
        shown.push_str("...");
    }
    shown.push_str(&flat(&before[start..]));
    let offset = shown.encode_utf16().count();
    let flagged = flat(&text[span.clone()]);
    let length = flagged.encode_utf16().count();
    shown.push_str(&flagged);
    shown.push_str(&flat(&after[..end]));
    if end < after.len() {
        shown.push_str("...");
    }
    Context {
        text: shown,
        offset,
        length,
    }
}

/// The sentence the span is in: from the end of the sentence or paragraph before it to the
/// end of its own (a full stop, "!" or "?" before white space, or a blank line), looking at
/// most [`SENTENCE_BYTES`] away on each side, so that a long text without full stops costs
/// no more than that per match.
pub fn sentence(text: &str, span: &Span) -> String {
    let bytes = text.as_bytes();
    let ends_at = |at: usize| {
        (matches!(bytes[at], b'.' | b'!' | b'?')
            && text[at + 1..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace))
            || bytes[at..].starts_with(b"\n\n")
    };
    let floor = span.start.saturating_sub(SENTENCE_BYTES);
    let start = (floor..span.start)
        .rev()
        .find(|&at| ends_at(at))
        .map_or(floor, |at| at + 1);
    let ceiling = (span.end + SENTENCE_BYTES).min(text.len());
    let end = (span.end.max(span.start + 1).min(text.len())..ceiling)
        .find(|&at| ends_at(at))
        .map_or(ceiling, |at| if bytes[at] == b'\n' { at } else { at + 1 });
    let (mut start, mut end) = (start, end.max(start));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end.max(start)].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_utf16_and_marks_cut_text() {
        let text = format!("{}😀 she go home.\nNext line", "x".repeat(50));
        let at = text.find("she go").unwrap();
        let context = context(&text, &(at..at + "she go".len()));
        assert!(context.text.starts_with("...x"), "{}", context.text);
        let units: Vec<u16> = context.text.encode_utf16().collect();
        let shown = String::from_utf16(&units[context.offset..][..context.length]).unwrap();
        assert_eq!(shown, "she go");
        assert!(
            context.text.ends_with(" home. Next line"),
            "{}",
            context.text
        );
    }

    #[test]
    fn the_sentence_around_a_span() {
        let text = "First one. She go home! Last.\n\nOther paragraph";
        let at = text.find("go").unwrap();
        assert_eq!(sentence(text, &(at..at + 2)), "She go home!");
        let at = text.find("Other").unwrap();
        assert_eq!(sentence(text, &(at..at + 5)), "Other paragraph");
        assert_eq!(sentence("Hi", &(0..2)), "Hi");
    }
}
