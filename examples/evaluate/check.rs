//! Running the checker over corpus sentences: they are joined into one text, checked as
//! `ownvoice check` would check it, and each flag is located back in its sentence.
//!
//! A [`Flag`]'s offsets are characters of its own sentence, end-exclusive. Only where flags
//! are matters here; scoring them is `score.rs`'s job.

use ownvoice::engine::Checker;
use serde::Serialize;

/// Between two sentences of the checked text: a blank line, so each is its own paragraph.
const SEP: &str = "\n\n";

/// One flag, located in its sentence by character offsets (end-exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Flag {
    pub(crate) sentence: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: String,
    pub(crate) category: String,
    /// The engine's message (for `--flags`: it may carry the engine's confidence).
    pub(crate) message: String,
}

/// Checks the segments joined by [`SEP`] with `ownvoice::check`, as `ownvoice check` would
/// check that text, and maps each issue back to the segment holding its start (as
/// `gecflags.Engine.run_segments`: a flag starting in a separator is dropped, one crossing
/// into the next segment is clipped).
pub(crate) fn flag_segments(engine: &dyn Checker, segments: &[String]) -> Vec<Flag> {
    let doc = segments.join(SEP);
    let checked = ownvoice::check(&doc, engine);
    for failure in &checked.failures {
        eprintln!(
            "warning: not checked (byte {}): {}",
            failure.span.start, failure.error
        );
    }
    let mut char_at = vec![0; doc.len() + 1]; // byte offset -> char offset
    let mut chars = 0;
    for (byte, c) in doc.char_indices() {
        char_at[byte..byte + c.len_utf8()].fill(chars);
        chars += 1;
    }
    char_at[doc.len()] = chars;
    let spans = checked.issues.iter().map(|issue| {
        let (s, e) = (char_at[issue.span.start], char_at[issue.span.end]);
        (
            s,
            e,
            issue.rule.clone(),
            issue.explanation.category.clone(),
            issue.message.clone(),
        )
    });
    let lengths: Vec<usize> = segments.iter().map(|s| s.chars().count()).collect();
    assign(&lengths, spans)
}

/// Maps flags on the joined text (char offsets) to their segments, given segment lengths.
fn assign(
    lengths: &[usize],
    spans: impl Iterator<Item = (usize, usize, String, String, String)>,
) -> Vec<Flag> {
    let mut starts = Vec::with_capacity(lengths.len());
    let mut pos = 0;
    for len in lengths {
        starts.push(pos);
        pos += len + SEP.chars().count();
    }
    let (mut flags, mut dropped, mut clipped) = (Vec::new(), 0, 0);
    for (start, end, rule, category, message) in spans {
        let sentence = starts.partition_point(|&s| s <= start).wrapping_sub(1);
        let Some(&len) = lengths.get(sentence) else {
            continue;
        };
        let (s, e) = (start - starts[sentence], end - starts[sentence]);
        if s > len || (s == len && len > 0 && end > start) {
            dropped += 1;
            continue;
        }
        clipped += usize::from(e > len);
        flags.push(Flag {
            sentence,
            start: s,
            end: e.min(len),
            rule,
            category,
            message,
        });
    }
    if dropped + clipped > 0 {
        eprintln!("warning: {dropped} flags dropped in separators, {clipped} clipped");
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_on_the_joined_text_go_back_to_their_sentence() {
        // "ab\n\ncde\n\n" + "": segments start at 0, 4 and 9.
        let spans = [(1, 2), (3, 4), (4, 6), (5, 12), (9, 9)]
            .map(|(s, e)| (s, e, "R".to_string(), "c".to_string(), String::new()));
        let flags = assign(&[2, 3, 0], spans.into_iter());
        let located: Vec<_> = flags.iter().map(|f| (f.sentence, f.start, f.end)).collect();
        // (3, 4) starts in the separator and is dropped; (5, 12) is clipped to its sentence.
        assert_eq!(located, [(0, 1, 2), (1, 0, 2), (1, 1, 3), (2, 0, 0)]);
    }
}
