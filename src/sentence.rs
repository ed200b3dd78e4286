//! The sentence around some flagged words: what a lesson is chosen from, what `learn` shows,
//! where a suggested replacement is tried, and what an example pair must not look like.
//!
//! Invariant: spans are byte offsets into the text given, end-exclusive; the sentence found
//! always contains the flagged span (or the place of an empty one) and never crosses the
//! limits given, so a sentence never runs into the next paragraph.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// The sentences of `text[within]` that `flagged` touches, joined into one span, without
/// the white space at its end. Unicode sentence boundaries break at every line break, so
/// hard-wrapped prose is segmented with its line breaks read as spaces.
pub fn around(text: &str, within: Span, flagged: &Span) -> Span {
    let within = within.start.min(text.len())..within.end.min(text.len()).max(within.start);
    // One byte for one byte: the offsets stay those of the text.
    let flat = text[within.clone()].replace(['\n', '\r'], " ");
    let mut sentence: Option<Span> = None;
    for (at, piece) in flat.split_sentence_bound_indices() {
        let span = within.start + at..within.start + at + piece.len();
        let touches = span.start < flagged.end.max(flagged.start + 1) && flagged.start < span.end;
        if touches {
            sentence = Some(match sentence {
                Some(s) => s.start..span.end,
                None => span,
            });
        }
    }
    let mut sentence = sentence.unwrap_or(within);
    sentence.end = sentence.start + text[sentence.clone()].trim_end().len();
    sentence.end = sentence.end.max(flagged.end.min(text.len()));
    sentence
}

/// How far [`paragraph_around`] looks on either side of the flagged words.
const REACH: usize = 2000;

/// The paragraph holding `flagged`: the text between the blank lines around it, looked for
/// no further than about 2,000 bytes on either side (a long paragraph is cut there; a
/// sentence is far shorter). Cheap enough to call once per issue on a large text.
pub fn paragraph_around(text: &str, flagged: &Span) -> Span {
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let from = floor(flagged.start.saturating_sub(REACH).min(text.len()));
    let to = floor((flagged.end + REACH).min(text.len()));
    let start = text[from..flagged.start.min(text.len())]
        .rfind("\n\n")
        .map_or(from, |at| from + at + 2);
    let end = text[flagged.end.min(to)..to]
        .find("\n\n")
        .map_or(to, |at| flagged.end.min(to) + at);
    start..end.max(start)
}

/// The sentence holding `flagged`, inside its paragraph ([`paragraph_around`]).
pub fn sentence_of(text: &str, flagged: &Span) -> Span {
    around(text, paragraph_around(text, flagged), flagged)
}

/// The words of a text, lowercased: runs of letters, digits and apostrophes between them.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|word| word.trim_matches(['\'', '’']).to_lowercase())
        .filter(|word| !word.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_with<'t>(text: &'t str, word: &str) -> &'t str {
        let at = text.find(word).unwrap();
        &text[around(text, 0..text.len(), &(at..at + word.len()))]
    }

    #[test]
    fn the_sentence_holds_the_flagged_words_across_line_breaks() {
        let text = "My brother is a teacher. He need more time to mark the\ntests. This is old.";
        assert_eq!(
            sentence_with(text, "need"),
            "He need more time to mark the\ntests."
        );
        assert_eq!(sentence_with(text, "old"), "This is old.");
        // Words flagged across two sentences take both.
        let at = text.find("teacher").unwrap();
        let both = around(text, 0..text.len(), &(at..at + "teacher. He".len()));
        assert_eq!(
            &text[both],
            "My brother is a teacher. He need more time to mark the\ntests."
        );
    }

    #[test]
    fn the_limits_keep_a_sentence_inside_its_paragraph() {
        let text = "First part without a stop\n\nSecond part.";
        let at = text.find("without").unwrap();
        let span = around(text, 0..25, &(at..at + 7));
        assert_eq!(&text[span], "First part without a stop");
    }

    #[test]
    fn a_sentence_stays_in_its_paragraph() {
        let text = "First paragraph, no stop\n\nHe need it. Then more.\n\nLast one.";
        let at = text.find("need").unwrap();
        assert_eq!(paragraph_around(text, &(at..at + 4)), 26..48);
        assert_eq!(&text[sentence_of(text, &(at..at + 4))], "He need it.");
        let at = text.find("no stop").unwrap();
        assert_eq!(
            &text[sentence_of(text, &(at..at + 2))],
            "First paragraph, no stop"
        );
    }

    #[test]
    fn words_are_lowercased_and_keep_their_apostrophes() {
        assert_eq!(
            words("I don't know, 'Anna' said."),
            ["i", "don't", "know", "anna", "said"]
        );
    }
}
