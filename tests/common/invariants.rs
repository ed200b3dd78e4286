//! The invariants every input reader and the check pipeline must keep, on any text: shared
//! by the property tests (`tests/invariants.rs`, in the normal suite) and the fuzz targets
//! (`fuzz/fuzz_targets/`, which include this file by path). Each function panics, with the
//! input in its message, when an invariant does not hold.
//!
//! - Every piece, block and suppression span lies inside the input, on `char` boundaries,
//!   and the pieces of a block come in order without overlapping.
//! - Extracted prose maps back to exactly the original bytes: a piece that is the source
//!   text appears verbatim in the assembled block, and mapping its place in the assembled
//!   text back gives its source span.
//! - Issues lie inside the input on `char` boundaries, in order; the same with and without
//!   the cache.

#![allow(dead_code)] // each user takes its own subset

use ownvoice::input::prose::{Block, Prose};
use ownvoice::span::Span;

fn inside(text: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes: {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries: {text:?}"
    );
}

/// The invariants of one document's prose.
pub fn prose(text: &str, prose: &Prose) {
    for suppression in &prose.suppressions {
        inside(text, &suppression.span, "suppression");
    }
    for block in &prose.blocks {
        self::block(text, block);
    }
}

/// The invariants of one block.
pub fn block(text: &str, block: &Block) {
    assert!(!block.pieces.is_empty(), "an empty block in {text:?}");
    let mut end = 0;
    for piece in &block.pieces {
        inside(text, &piece.source, "piece");
        assert!(
            piece.source.start >= end,
            "pieces out of order or overlapping at {:?} in {text:?}",
            piece.source
        );
        end = piece.source.end;
    }
    inside(text, &block.span(), "block");
    let assembled = block.assemble(text);
    let mut at = 0;
    for piece in &block.pieces {
        let length = match &piece.text {
            None => {
                let source = &text[piece.source.clone()];
                assert_eq!(
                    &assembled.text[at..at + source.len()],
                    source,
                    "a verbatim piece changed in {text:?}"
                );
                if !source.is_empty() {
                    assert_eq!(
                        assembled.original(at..at + source.len()),
                        Some(piece.source.clone()),
                        "a verbatim piece does not map back in {text:?}"
                    );
                    // So does every character of it.
                    for (offset, c) in source.char_indices() {
                        let inner = at + offset..at + offset + c.len_utf8();
                        let start = piece.source.start + offset;
                        assert_eq!(
                            assembled.original(inner),
                            Some(start..start + c.len_utf8()),
                            "a character does not map back in {text:?}"
                        );
                    }
                }
                source.len()
            }
            Some(replacement) => {
                if piece.opaque && !replacement.is_empty() {
                    assert_eq!(
                        assembled.original(at..at + replacement.len()),
                        None,
                        "a placeholder maps back in {text:?}"
                    );
                }
                replacement.len()
            }
        };
        at += length;
    }
    assert_eq!(at, assembled.text.len());
}

/// The invariants of the issues found in `text`: inside it, on boundaries, in order.
pub fn issues(text: &str, issues: &[ownvoice::Issue]) {
    let mut previous = 0;
    for issue in issues {
        inside(text, &issue.span, "issue");
        assert!(
            issue.span.start >= previous,
            "issues out of order in {text:?}"
        );
        previous = issue.span.start;
        assert!(!issue.rule.is_empty());
        assert!(!issue.explanation.explanation.is_empty());
    }
}

/// What two runs found, comparable: rule, span and message of each issue.
pub fn summary(issues: &[ownvoice::Issue]) -> Vec<(String, Span, String, Vec<String>)> {
    issues
        .iter()
        .map(|issue| {
            (
                issue.rule.clone(),
                issue.span.clone(),
                issue.message.clone(),
                issue.replacements.clone(),
            )
        })
        .collect()
}

/// The lines of a plain text that hold an ignore comment are in no block, and each is
/// covered by a suppression.
pub fn plain_ignores(text: &str, prose: &Prose) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if !line.contains(ownvoice::input::prose::PLAIN_IGNORE) {
            continue;
        }
        // The line's content: paragraphs leave out the white space (and a byte-order mark)
        // around them.
        let content = line
            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .trim_end();
        let first = start
            + (line.len()
                - line
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .len());
        let span = first..first + content.len();
        for block in &prose.blocks {
            let b = block.span();
            assert!(
                b.end <= span.start || span.end <= b.start,
                "an ignored line {span:?} is in block {b:?}: {text:?}"
            );
        }
        assert!(
            prose
                .suppressions
                .iter()
                .any(|s| s.span.start <= span.start && span.end <= s.span.end),
            "an ignored line {span:?} has no suppression: {text:?}"
        );
    }
}

/// The cache file reader on `body` as the bytes after a valid header and checksum (so that
/// the fuzzer reaches the entries), and on `body` as a whole file: never a panic, and what
/// it reads is written back to the same entries.
pub fn cache_file(body: &[u8]) {
    use ownvoice::cache::file;
    let fingerprint = 0x6f76;
    assert!(file::decode(fingerprint, body).is_none() || body.starts_with(file::MAGIC));
    let mut bytes = file::MAGIC.to_vec();
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&file::hash(&[body]).to_le_bytes());
    bytes.extend_from_slice(body);
    if let Some(entries) = file::decode(fingerprint, &bytes) {
        let written = file::encode(fingerprint, &entries);
        assert_eq!(file::decode(fingerprint, &written), Some(entries.clone()));
        // Another fingerprint, or any byte changed, and nothing is read.
        assert_eq!(file::decode(fingerprint + 1, &written), None);
        if let Some(last) = written.len().checked_sub(1) {
            let mut damaged = written.clone();
            damaged[last] ^= 1;
            assert_eq!(file::decode(fingerprint, &damaged), None);
        }
    }
}
