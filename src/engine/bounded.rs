//! Sentences of bounded length for the engines, whatever the input: what an engine is given
//! at once never holds a run of more than [`MAX_WORDS`] words or [`MAX_BYTES`] bytes without
//! sentence punctuation.
//!
//! nlprule's matching costs grow roughly with the cube of a sentence's length (a 5 KB
//! sentence took 19 s, a 50 KB one did not finish in five minutes), and some of Harper's
//! rules and ours look back over the whole sentence for every word. Text without sentence
//! punctuation is common in what writers paste (a chat, a transcript, notes, a list run
//! together, a learner's run-on), so such a run is cut before the engines see it.
//!
//! A paragraph whose every run between sentence ends is within the bounds goes to the
//! engines whole, exactly as before. In one with a longer run, the run is cut at clause
//! punctuation (a comma, semicolon, colon or dash) where there is one in the second half of
//! a piece, else at the word limit; a word longer than [`MAX_BYTES`] is cut too. The
//! paragraph is then checked in windows: each window's own part runs from one cut to the
//! next, and the window reaches up to [`OVERLAP_WORDS`] words past each cut, so a mistake
//! near a cut is seen with the words around it. A finding belongs to the window whose own
//! part it starts in, so each is reported once, and its span is shifted back into the
//! paragraph.
//!
//! Invariants: the windows' own parts tile the paragraph in order; a window holds no run
//! without sentence punctuation longer than [`MAX_BYTES`] + 2 × [`OVERLAP_BYTES`] bytes; and
//! all windows together are the paragraph and at most two overlaps per cut, so the engines'
//! work grows linearly with the length of the paragraph.

use std::ops::Range;

use super::{EngineError, Finding};

/// The most words a run without sentence punctuation may have before it is cut. The longest
/// sentence in the evaluation essays and the benchmark texts is far shorter, so those are
/// checked exactly as before.
pub const MAX_WORDS: usize = 120;

/// The most bytes such a run may have (long words, or text with few spaces).
pub const MAX_BYTES: usize = 1_000;

/// How many words a window reaches past each cut: more than any rule's pattern spans.
pub const OVERLAP_WORDS: usize = 12;

/// The most bytes a window reaches past each cut.
pub const OVERLAP_BYTES: usize = 200;

/// A slice of a paragraph given to the engines at once, and the part of it whose findings
/// it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Byte range of the paragraph the engines see.
    pub seen: Range<usize>,
    /// Byte range of the paragraph whose findings this window reports (inside `seen`).
    pub own: Range<usize>,
}

/// The windows `text` is checked in: one window of the whole text when no run is too long.
pub fn windows(text: &str) -> Vec<Window> {
    let words = words(text);
    let cuts = cuts(text, &words);
    if cuts.is_empty() {
        return vec![Window {
            seen: 0..text.len(),
            own: 0..text.len(),
        }];
    }
    // Word indices where one window's own part ends and the next one's begins.
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(words.len()))
        .collect();
    let at = |index: usize| words.get(index).map_or(text.len(), |word| word.start);
    bounds
        .windows(2)
        .map(|pair| {
            let (first, end) = (pair[0], pair[1]);
            let own = if first == 0 { 0 } else { at(first) }..at(end);
            let before = reach(&words, (0..first).rev());
            let after = reach(&words, end..words.len());
            let seen_start = if first == 0 { 0 } else { at(first - before) };
            let seen_end = if after == 0 {
                own.end
            } else {
                words[end + after - 1].end
            };
            let seen_end = if end == words.len() {
                text.len()
            } else {
                seen_end
            };
            Window {
                seen: seen_start..seen_end,
                own,
            }
        })
        .collect()
}

/// Runs `check` over each window of `text` and gives the findings of each window's own part,
/// with spans into `text`, in window order. A window that ends inside the paragraph is given
/// to the engine with a full stop after its last word, so that rules about how a sentence
/// ends (ours require one for a sentence-start capital) see the cut as a sentence end, not
/// as a sentence left open. A finding that starts a window cut out of a sentence, or ends
/// one, or touches that full stop, is left out: there the engine saw a sentence edge the
/// writer did not write (such a place is in a neighbouring window's own part anyway).
pub fn check(
    text: &str,
    check: impl Fn(&str) -> Result<Vec<Finding>, EngineError>,
) -> Result<Vec<Finding>, EngineError> {
    let windows = windows(text);
    if let [whole] = windows.as_slice()
        && whole.seen == (0..text.len())
    {
        return check(text);
    }
    let mut findings = Vec::new();
    for window in windows {
        let offset = window.seen.start;
        let cut_end = window.seen.end < text.len();
        let seen = &text[window.seen.clone()];
        let seen = if cut_end { seen.trim_end() } else { seen };
        let end = offset + seen.len();
        let piece = if cut_end {
            format!("{seen}.")
        } else {
            seen.to_string()
        };
        for mut finding in check(&piece)? {
            finding.span = finding.span.start + offset..finding.span.end + offset;
            let false_start = offset > 0 && finding.span.start == offset;
            let false_end = cut_end && finding.span.end >= end;
            if window.own.contains(&finding.span.start) && !false_start && !false_end {
                findings.push(finding);
            }
        }
    }
    Ok(findings)
}

/// Byte ranges of the words of `text` (runs of non-space characters), each word longer than
/// [`MAX_BYTES`] cut into pieces of at most that length.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (false, Some(from)) if at + c.len_utf8() - from > MAX_BYTES => {
                words.push(from..at);
                start = Some(at);
            }
            (true, Some(from)) => {
                words.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Whether a word ends a sentence before the next one: its last character, closing quotes
/// and brackets aside, is a full stop, question mark, exclamation mark or ellipsis, the next
/// word begins with a capital, a digit or an opening quote, and a full stop does not close an
/// initial or an abbreviation ("J.", "e.g.", "Mr."). This errs towards seeing longer runs than
/// nlprule does: at worst a run it would split is cut a little earlier.
fn ends_sentence(word: &str, next: Option<&str>) -> bool {
    let bare = word.trim_end_matches(['"', '\'', ')', ']', '”', '’', '»']);
    let Some(head) = bare.strip_suffix(['.', '?', '!', '…']) else {
        return false;
    };
    let opens = next.is_none_or(|next| {
        next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"'(“‘«".contains(c))
    });
    let abbreviation = bare.ends_with('.')
        && (head.contains('.')
            || head.chars().filter(|c| c.is_alphabetic()).count() <= 1
            || ABBREVIATIONS.contains(
                &head
                    .trim_start_matches(['(', '"', '\''])
                    .to_lowercase()
                    .as_str(),
            ));
    opens && !abbreviation
}

/// Abbreviations that a full stop closes without ending the sentence (in lower case).
const ABBREVIATIONS: [&str; 14] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "inc", "ltd", "co", "jr", "sr", "no",
];

/// Whether a cut may come after this word: it ends a clause.
fn ends_clause(word: &str) -> bool {
    word.ends_with([',', ';', ':', '—', '–']) || matches!(word, "-" | "--")
}

/// Word indices where runs longer than the bounds are cut, in order; none when every run is
/// within them.
fn cuts(text: &str, words: &[Range<usize>]) -> Vec<usize> {
    let mut cuts = Vec::new();
    // Where the current run, or the current piece of it, begins.
    let mut start = 0;
    for end in 0..words.len() {
        let fits = |from: usize| {
            end + 1 - from <= MAX_WORDS && words[end].end - words[from].start <= MAX_BYTES
        };
        if !fits(start) {
            // Cut at the last clause end in the second half of the piece, else here.
            let half = start + (end - start) / 2;
            let cut = (half + 1..end)
                .rev()
                .find(|&at| ends_clause(&text[words[at - 1].clone()]) && fits(at))
                .unwrap_or(end);
            cuts.push(cut);
            start = cut;
        }
        let next = words.get(end + 1).map(|word| &text[word.clone()]);
        if ends_sentence(&text[words[end].clone()], next) {
            start = end + 1;
        }
    }
    cuts
}

/// How many of the words `indices` walks over fit in an overlap: at most [`OVERLAP_WORDS`]
/// words and [`OVERLAP_BYTES`] bytes (from the first to the last).
fn reach(words: &[Range<usize>], indices: impl Iterator<Item = usize>) -> usize {
    let mut taken = 0;
    let mut span: Option<Range<usize>> = None;
    for index in indices.take(OVERLAP_WORDS) {
        let word = &words[index];
        let wider = span.map_or(word.clone(), |span| {
            span.start.min(word.start)..span.end.max(word.end)
        });
        if wider.len() > OVERLAP_BYTES {
            break;
        }
        span = Some(wider);
        taken += 1;
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run-on of `n` clauses, with or without commas between them.
    fn run_on(n: usize, commas: bool) -> String {
        let clause = "she walks to the market with her friends in the morning";
        let joint = if commas { ", and " } else { " and " };
        vec![clause; n].join(joint)
    }

    /// The windows of `text`, checked to tile it; `run_on` says the text is one run, whose
    /// windows must then be short.
    fn check_tiling(text: &str, run_on: bool) -> Vec<Window> {
        let windows = windows(text);
        assert_eq!(windows.first().unwrap().own.start, 0);
        assert_eq!(windows.last().unwrap().own.end, text.len());
        for pair in windows.windows(2) {
            assert_eq!(
                pair[0].own.end, pair[1].own.start,
                "own parts tile the text"
            );
        }
        for window in &windows {
            assert!(window.seen.start <= window.own.start && window.own.end <= window.seen.end);
            assert!(
                !run_on || window.seen.len() <= MAX_BYTES + 2 * OVERLAP_BYTES + 1,
                "{window:?}"
            );
            assert!(text.is_char_boundary(window.seen.start));
            assert!(text.is_char_boundary(window.seen.end));
            assert!(text.is_char_boundary(window.own.start));
        }
        windows
    }

    #[test]
    fn ordinary_paragraphs_are_one_window() {
        let text = "She walks to the market. It rains! ".repeat(500);
        assert_eq!(check_tiling(&text, false).len(), 1);
        assert_eq!(check_tiling("", true).len(), 1);
        assert_eq!(check_tiling(&run_on(10, false), true).len(), 1);
    }

    #[test]
    fn sentence_ends_are_not_initials_or_abbreviations() {
        assert!(ends_sentence("market.", Some("It")));
        assert!(ends_sentence("rains!\"", Some("She")));
        assert!(ends_sentence("end.", None));
        assert!(!ends_sentence("market.", Some("it")));
        assert!(!ends_sentence("J.", Some("Smith")));
        assert!(!ends_sentence("e.g.", Some("London")));
        assert!(!ends_sentence("Mr.", Some("Smith")));
        assert!(!ends_sentence("market,", Some("It")));
    }

    #[test]
    fn a_run_on_is_cut_at_commas_then_at_the_word_limit() {
        let text = run_on(300, true);
        let windows = check_tiling(&text, true);
        assert!(windows.len() > 10);
        for window in &windows[1..] {
            assert!(
                text[..window.own.start].ends_with(", "),
                "cut after a comma: {:?}",
                &text[window.own.start.saturating_sub(20)..window.own.start]
            );
        }
        let bare = run_on(300, false);
        let windows = check_tiling(&bare, true);
        let words = bare.split_whitespace().count();
        assert!(windows.len() >= words / MAX_WORDS);
        // Linear work: all windows together are the text and a bounded overlap per cut.
        let seen: usize = windows.iter().map(|w| w.seen.len()).sum();
        assert!(seen <= bare.len() + windows.len() * 2 * OVERLAP_BYTES);
    }

    #[test]
    fn long_words_and_text_without_spaces_are_cut_too() {
        let long = "x".repeat(50_000);
        check_tiling(&long, true);
        let glued = "word,".repeat(10_000);
        assert!(check_tiling(&glued, true).len() >= 50);
        let accents = "é".repeat(30_000);
        check_tiling(&accents, true);
        let sentences_then_run_on = format!("{} {}", "I came. ".repeat(50), run_on(200, false));
        let windows = check_tiling(&sentences_then_run_on, false);
        assert!(windows[0].own.end > "I came. ".len() * 50);
    }

    #[test]
    fn findings_are_kept_once_with_spans_into_the_paragraph() {
        let text = run_on(400, false);
        // Flags every "walks", as a rule would.
        let flagged = check(&text, |piece| {
            Ok(piece
                .match_indices("walks")
                .map(|(at, word)| Finding {
                    rule: "TEST".into(),
                    span: at..at + word.len(),
                    message: String::new(),
                    replacements: Vec::new(),
                })
                .collect())
        })
        .unwrap();
        let expected: Vec<usize> = text.match_indices("walks").map(|(at, _)| at).collect();
        let found: Vec<usize> = flagged.iter().map(|f| f.span.start).collect();
        assert_eq!(found, expected);
    }
}
