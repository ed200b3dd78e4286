//! Reading the evaluation data: corpus tokens joined into natural text as the Python reference
//! does, and M2 files turned into sentences whose gold edits are character spans of that text.
//!
//! Spans here are character offsets (Python's string indices), not bytes, end-exclusive. No
//! engine is involved: this is the gold side only.

use std::fs;
use std::path::Path;

/// One gold edit of one annotator, as a character span of its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gold {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: String,
    pub(crate) annotator: i64,
}

/// One corpus sentence, detokenized, with the gold edits of all its annotators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub(crate) text: String,
    pub(crate) gold: Vec<Gold>,
}

/// Tokens that attach to the word before them, as in `gecflags._NO_SPACE_BEFORE`.
const NO_SPACE_BEFORE: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "...", "..", "''", "n't", "'s", "'re", "'ve",
    "'d", "'ll", "'m", "'S", "'RE", "'VE", "'D", "'LL", "'M", "N'T", "’s", "’re", "’ve", "’d",
    "’ll", "’m", "n’t",
];
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "#"];

/// Joins corpus tokens into natural text like `gecflags.detokenize`: the text and each
/// token's character span in it. Straight double quotes alternate between opening and closing.
pub(crate) fn detokenize(tokens: &[&str]) -> (String, Vec<(usize, usize)>) {
    let (mut text, mut spans, mut pos) = (String::new(), Vec::new(), 0);
    let (mut quote_open, mut no_space_next) = (false, true);
    for (i, &token) in tokens.iter().enumerate() {
        let attach = no_space_next
            || NO_SPACE_BEFORE.contains(&token)
            || (token.starts_with('\'') && NO_SPACE_BEFORE.contains(&&*token.to_lowercase()))
            || (token == "\"" && quote_open);
        if !attach && i > 0 {
            text.push(' ');
            pos += 1;
        }
        let len = token.chars().count(); // Python's len(): characters, not bytes
        spans.push((pos, pos + len));
        text.push_str(token);
        pos += len;
        no_space_next = NO_SPACE_AFTER.contains(&token);
        if token == "\"" {
            no_space_next |= !quote_open;
            quote_open = !quote_open;
        }
    }
    (text, spans)
}

/// Parses an M2 file like `eval_m2.read_m2`: noop edits (and `-1 -1` spans) are dropped, UNK
/// edits are kept, and each edit becomes a character span of the detokenized sentence.
pub(crate) fn parse_m2(source: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for block in lines.split(|line| line.trim().is_empty()) {
        let Some(first) = block.first() else { continue };
        let tokens: Vec<&str> = first
            .strip_prefix("S ")
            .map(|s| s.split(' ').filter(|t| !t.is_empty()).collect())
            .unwrap_or_default();
        let (text, spans) = detokenize(&tokens);
        let mut gold = Vec::new();
        for line in block[1..].iter().filter_map(|l| l.strip_prefix("A ")) {
            let bad = || format!("bad edit line: A {line}");
            let parts: Vec<&str> = line.split("|||").collect();
            let range: Vec<i64> = parts[0].split_whitespace().flat_map(str::parse).collect();
            let (&[s, e], Some(kind), Some(annotator)) = (&range[..], parts.get(1), parts.last())
            else {
                return Err(bad());
            };
            let annotator = annotator.trim().parse().map_err(|_| bad())?;
            if *kind == "noop" || s < 0 || spans.is_empty() {
                continue;
            }
            let (start, end) = gold_span(s as usize, e as usize, &spans).ok_or_else(bad)?;
            gold.push(Gold {
                start,
                end,
                kind: kind.to_string(),
                annotator,
            });
        }
        sentences.push(Sentence { text, gold });
    }
    Ok(sentences)
}

/// An edit over tokens [s, e) covers their characters; a missing-word edit (s == e) gets the
/// span of both neighbouring tokens (the reference's default `--ins-adjacent both`), so a flag
/// on either word around the gap finds it.
fn gold_span(s: usize, e: usize, spans: &[(usize, usize)]) -> Option<(usize, usize)> {
    let n = spans.len();
    if e > s {
        return Some((spans.get(s)?.0, spans[e.min(n) - 1].1));
    }
    let prev = (s > 0 && s <= n).then(|| spans[s - 1]);
    let next = spans.get(s).copied();
    Some((prev.or(next)?.0, next.or(prev)?.1))
}

/// Character-span overlap, as `gecflags.overlaps`: an empty span [p, p) overlaps [a, b) when
/// The whole file as text; the error names the file.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Two annotators (0 and 1); an insertion edit (`3 3`), noop lines, a sentence with no
    /// edit lines at all. Also scored in `score.rs`.
    pub(crate) const M2: &str = "\
S He go to school yesterday .
A 1 2|||R:VERB:SVA|||goes|||REQUIRED|||-NONE-|||0
A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||1
A 3 3|||M:DET|||the|||REQUIRED|||-NONE-|||1

S I do n't like \" apples \" .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||1

S She have a cats .
A 1 2|||R:VERB:SVA|||has|||REQUIRED|||-NONE-|||0
A 3 4|||R:NOUN:NUM|||cat|||REQUIRED|||-NONE-|||0
A 2 3|||U:DET||||||REQUIRED|||-NONE-|||1

S Thanks .
";

    #[test]
    fn m2_edits_become_char_spans_and_noops_are_dropped() {
        let sentences = parse_m2(M2).unwrap();
        assert_eq!(sentences.len(), 4);
        assert_eq!(sentences[0].text, "He go to school yesterday.");
        let spans: Vec<(usize, usize)> =
            sentences[0].gold.iter().map(|g| (g.start, g.end)).collect();
        // "go" twice; the missing "the" spans "to school", both neighbours of the gap.
        assert_eq!(spans, [(3, 5), (3, 5), (6, 15)]);
        assert!(sentences[1].gold.is_empty() && sentences[3].gold.is_empty());
        assert_eq!(
            sentences[2].gold[2],
            Gold {
                start: 9,
                end: 10,
                kind: "U:DET".into(),
                annotator: 1
            }
        );
        assert!(parse_m2("S a\nA 1|||R:X|||b|||REQUIRED|||-NONE-|||0\n").is_err());
    }

    #[test]
    fn detokenizing_attaches_punctuation_clitics_and_quotes() {
        let (text, spans) = detokenize(&["I", "do", "n't", "like", "\"", "apples", "\"", "."]);
        assert_eq!(text, "I don't like \"apples\".");
        assert_eq!(
            spans,
            [
                (0, 1),
                (2, 4),
                (4, 7),
                (8, 12),
                (13, 14),
                (14, 20),
                (20, 21),
                (21, 22)
            ]
        );
        let (text, spans) = detokenize(&["(", "see", ")", ",", "she", "'S", "5", "%", "?"]);
        assert_eq!(text, "(see), she'S 5%?");
        assert_eq!(spans[5], (10, 12));
        // Spans count characters, not bytes; a curly clitic attaches too.
        let (text, spans) = detokenize(&["``", "Café", "’s", "''", "ok"]);
        assert_eq!(text, "``Café’s'' ok");
        assert_eq!(spans, [(0, 2), (2, 6), (6, 8), (8, 10), (11, 13)]);
        assert_eq!(detokenize(&[]), (String::new(), vec![]));
    }

    #[test]
    fn missing_word_edits_use_the_neighbouring_tokens() {
        let spans = [(0, 2), (3, 5), (6, 8)];
        assert_eq!(gold_span(1, 1, &spans), Some((0, 5)));
        assert_eq!(gold_span(0, 0, &spans), Some((0, 2)), "no token before");
        assert_eq!(gold_span(3, 3, &spans), Some((6, 8)), "no token after");
        assert_eq!(gold_span(1, 3, &spans), Some((3, 8)));
        assert_eq!(
            gold_span(1, 9, &spans),
            Some((3, 8)),
            "end clipped like the reference"
        );
    }
}
