//! Long blocks in windows of whole sentences, so that a paragraph of a whole chapter (or a
//! file that is one line) is reported while its later sentences are still being checked,
//! and no engine holds more than a window of it at once.
//!
//! A block whose text is longer than [`LONG`] bytes is cut only where a sentence plainly
//! ends: a lowercase word of two letters or more ending in a full stop, question mark or
//! exclamation mark (not an abbreviation), then a word with a capital. Each window owns the
//! sentences from one cut to the next (about [`OWN`] bytes), and the engines see it with at
//! least two whole sentences and [`CONTEXT`] bytes of the block before and after it, so
//! every sentence of its own part is seen as it is in the whole block, with what comes
//! before and after it. Findings are kept only in the window's own part, so each is found
//! once; findings where the engines saw a paragraph start or end that the writer did not
//! write lie in the context, and are left out.
//!
//! The engines look at one sentence at a time (nlprule, our rules) or at a few words around
//! each word (Harper's rules), and each window is cut into the same bounded pieces as the
//! whole block would be (`engine/bounded.rs` starts a run at every sentence end and looks at
//! most 200 bytes back), so a window finds what the whole block finds in its own part. The
//! benchmark's one-line files are the proof: the same issues as the block checked whole.
//!
//! A block without such a sentence end (a run-on of megabytes) stays whole: the engines cut
//! it into bounded pieces themselves, in linear time, but its issues come when all are found.
//!
//! Invariant: the windows' own parts tile the block's assembled text in order, every window
//! boundary lies in a piece whose text is its source, and the own parts' original spans
//! tile the block's span.

use super::Part;
use crate::input::prose::{Assembled, Block};
use crate::span::Span;

/// Blocks whose assembled text is longer than this, in bytes, are checked in windows.
pub const LONG: usize = 32_000;

/// About how many bytes a window owns (whole sentences: it ends at the first sentence end
/// after this many).
pub const OWN: usize = 16_000;

/// The least context on each side of a window's own part, in bytes (whole sentences, at
/// least two).
pub const CONTEXT: usize = 400;

/// The sentence ends two windows of the same block may share: how many whole sentences
/// of context a window has on each side, at least.
const CONTEXT_SENTENCES: usize = 2;

/// Abbreviations whose full stop does not end a sentence ("No. 5", "etc. And"). The
/// engines' own bounding (`engine/bounded.rs`) knows the same ones: a cut is always where
/// it also starts a new run.
const ABBREVIATIONS: [&str; 14] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "inc", "ltd", "co", "jr", "sr", "no",
];

/// The windows of block `index`, as parts in order; `None` when it is checked whole (it is
/// short, or has no place to cut).
pub fn windows(text: &str, block: &Block, index: usize) -> Option<Vec<Part>> {
    let assembled = block.assemble(text);
    let length = assembled.text.len();
    if length <= LONG {
        return None;
    }
    let starts = sentence_starts(&assembled);
    // Where each window's own part begins (the first at 0), as indices into `starts`
    // (`None` for the block's start).
    let mut owns: Vec<Option<usize>> = vec![None];
    let mut from = 0;
    for (i, &start) in starts.iter().enumerate() {
        // A window ends at the first sentence start past its length, if what is left after
        // it is worth a window of its own.
        if start >= from + OWN && length - start >= OWN / 2 {
            owns.push(Some(i));
            from = start;
        }
    }
    if owns.len() < 2 {
        return None;
    }
    let at = |i: Option<usize>| i.map_or(0, |i| starts[i]);
    let span = block.span();
    let source = |i: Option<usize>| match i {
        None => span.start,
        Some(i) => assembled
            .source_of(starts[i])
            .expect("sentence starts lie in pieces of source text"),
    };
    let mut parts = Vec::with_capacity(owns.len());
    for (k, &own_start) in owns.iter().enumerate() {
        // The next window's start (every window but the first starts at a sentence).
        let own_end = owns.get(k + 1).copied().flatten();
        let own = at(own_start)..own_end.map_or(length, |i| starts[i]);
        // Context: whole sentences back to a start far enough before, and on to one far
        // enough after; the block's own edges where there is not that much.
        let seen_start = own_start.and_then(|i| {
            (0..=i.checked_sub(CONTEXT_SENTENCES)?)
                .rev()
                .find(|&j| starts[j] + CONTEXT <= own.start)
                .map(|j| starts[j])
        });
        let seen_end = own_end.and_then(|i| {
            (i + CONTEXT_SENTENCES..starts.len())
                .find(|&j| starts[j] >= own.end + CONTEXT)
                .map(|j| starts[j])
        });
        let seen = seen_start.unwrap_or(0)..seen_end.unwrap_or(length);
        let window = assembled
            .slice(seen.clone(), block.kind)
            .expect("window edges lie in pieces of source text");
        let original = source(own_start)..own_end.map_or(span.end, |i| source(Some(i)));
        parts.push(Part {
            block: index,
            window: Some(super::Window {
                seen: window,
                own: own.start - seen.start..own.end - seen.start,
                last: own_end.is_none(),
            }),
            span: original,
        });
    }
    Some(parts)
}

/// Byte offsets in the assembled text where a sentence plainly begins after another, in
/// order, each inside a piece whose text is its source.
fn sentence_starts(assembled: &Assembled) -> Vec<usize> {
    let text = &assembled.text;
    let mut starts = Vec::new();
    let mut words = words(text).peekable();
    while let Some(word) = words.next() {
        let Some(next) = words.peek() else { break };
        if ends_sentence(&text[word.clone()])
            && text[next.clone()].starts_with(char::is_uppercase)
            && assembled.source_of(next.start).is_some()
        {
            starts.push(next.start);
        }
    }
    starts
}

/// Byte ranges of the words of `text`: runs of characters that are not white space.
fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    text.split_whitespace().map(move |word| {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        start..start + word.len()
    })
}

/// Whether a word plainly ends a sentence: two or more lowercase letters and one full stop,
/// question mark or exclamation mark, and not an abbreviation.
fn ends_sentence(word: &str) -> bool {
    let Some(head) = word.strip_suffix(['.', '?', '!']) else {
        return false;
    };
    head.chars().count() >= 2
        && head.chars().all(char::is_lowercase)
        && !(word.ends_with('.') && ABBREVIATIONS.contains(&head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::prose::{Kind, Piece};

    fn ends(text: &str) -> Vec<usize> {
        sentence_starts(&Block::of(0..text.len()).assemble(text))
    }

    #[test]
    fn only_plain_sentence_ends_are_cut() {
        let text = "She came home. He said no. Then Mr. Brown left, etc. And J. Smith. \
                    Why not? Yes! it was 5. Fine.";
        let starts: Vec<&str> = ends(text)
            .into_iter()
            .map(|at| &text[at..at + text[at..].find(' ').unwrap_or(text.len() - at)])
            .collect();
        assert_eq!(starts, ["He", "Yes!"]);
    }

    fn long_text(sentences: usize) -> String {
        (0..sentences)
            .map(|i| format!("Sentence number {i} says that she walks to the market daily. "))
            .collect()
    }

    #[test]
    fn windows_tile_the_block_and_see_whole_sentences_around_their_own_part() {
        let text = long_text(2_000);
        let block = Block::of(0..text.len());
        let parts = windows(&text, &block, 3).unwrap();
        assert!(parts.len() > 5, "{}", parts.len());
        assert_eq!(parts[0].span.start, 0);
        assert_eq!(parts.last().unwrap().span.end, text.len());
        for pair in parts.windows(2) {
            assert_eq!(
                pair[0].span.end, pair[1].span.start,
                "own parts tile the block"
            );
        }
        for (k, part) in parts.iter().enumerate() {
            assert_eq!(part.block, 3);
            let window = part.window.as_ref().unwrap();
            let seen = window.seen.span();
            let own = &text[part.span.clone()];
            assert!(own.len() >= OWN || k == parts.len() - 1, "{}", own.len());
            assert!(own.starts_with("Sentence number"), "{own:.30}");
            // The own part, inside what the engines see, at the offsets `own` says.
            let shown = window.seen.assemble(&text).text;
            assert_eq!(&shown[window.own.clone()], own);
            if k > 0 {
                assert!(part.span.start - seen.start >= CONTEXT);
                assert!(text[seen.clone()].starts_with("Sentence number"));
            }
            if k + 1 < parts.len() {
                assert!(seen.end - part.span.end >= CONTEXT);
            }
            assert_eq!(window.last, k + 1 == parts.len());
        }
    }

    #[test]
    fn short_blocks_and_blocks_without_sentence_ends_stay_whole() {
        let short = long_text(100);
        assert!(windows(&short, &Block::of(0..short.len()), 0).is_none());
        let run_on = "and she walks to the market ".repeat(3_000);
        assert!(windows(&run_on, &Block::of(0..run_on.len()), 0).is_none());
    }

    #[test]
    fn windows_cut_pieces_of_source_text_only() {
        // After every "Monday." comes inline code, read as a capitalised placeholder: no
        // cut can go there, only before the "She" of a sentence of source text.
        let line = "She says that the market opens early on Monday. `x` is new here. ";
        let text = line.repeat(1_000);
        let code = line.find('`').unwrap();
        let pieces = (0..1_000)
            .flat_map(|i| {
                let at = i * line.len();
                [
                    Piece::source(at..at + code),
                    Piece::placeholder(at + code..at + code + 3),
                    Piece::source(at + code + 3..at + line.len()),
                ]
            })
            .collect();
        let block = Block {
            pieces,
            kind: Kind::Paragraph,
        };
        assert!(block.assemble(&text).text.contains("Monday. London is new"));
        let parts = windows(&text, &block, 0).unwrap();
        assert!(parts.len() > 2);
        for pair in parts.windows(2) {
            assert_eq!(pair[0].span.end, pair[1].span.start);
        }
        for part in &parts {
            let window = part.window.as_ref().unwrap();
            let shown = window.seen.assemble(&text).text;
            assert!(shown[window.own.clone()].starts_with("She says"));
            assert!(shown.starts_with("She says"));
            assert!(text[part.span.clone()].starts_with("She says"));
        }
    }
}
