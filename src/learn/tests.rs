//! The learning session without a terminal: keys, rungs, skipping, sentences and wrapping.

use super::*;
use crate::catalogue::catalogue;

const TEXT: &str = "My brother is a teacher. He need more time to mark the\ntests. This books are old.\n\nCafé owners is open on Sunday.";

/// An issue on `word`, found after the first occurrence of `after`.
fn issue(after: &str, word: &str, rule: &str, entry: &str) -> Issue {
    let from = TEXT.find(after).unwrap();
    let at = from + TEXT[from..].find(word).unwrap();
    Issue {
        rule: rule.into(),
        span: at..at + word.len(),
        message: String::new(),
        replacements: vec![format!("[{word}]")],
        explanation: catalogue().entry(entry).unwrap(),
    }
}

fn issues() -> Vec<Issue> {
    vec![
        issue("He", "need", "GRAMMAR/HE_NEED", "subject-verb-agreement"),
        issue("tests", "This", "GRAMMAR/THIS_NNS", "this-these"),
        issue(
            "Café",
            "is",
            "GRAMMAR/AGREEMENT_SENT_START_2",
            "subject-verb-agreement",
        ),
    ]
}

#[test]
fn the_sentence_spans_line_breaks_but_not_paragraphs() {
    let issues = issues();
    let cards = cards(TEXT, &issues);
    assert_eq!(
        &TEXT[cards[0].sentence.clone()],
        "He need more time to mark the\ntests."
    );
    assert_eq!(&TEXT[cards[1].sentence.clone()], "This books are old.");
    assert_eq!(
        &TEXT[cards[2].sentence.clone()],
        "Café owners is open on Sunday."
    );
    assert_eq!((cards[2].start.line, cards[2].start.column), (4, 13));
}

#[test]
fn sentence_cells_mark_the_flagged_words_and_fold_line_breaks() {
    let issues = issues();
    let cards = cards(TEXT, &issues);
    let cells = sentence_cells(TEXT, &cards[0]);
    let shown: String = cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(shown, "He need more time to mark the tests.");
    let flagged: String = cells
        .iter()
        .filter(|c| c.flagged)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(flagged, "need");
}

#[test]
fn wrapping_keeps_words_whole_and_counts_wide_characters() {
    let cells: Vec<Cell> = "日本語の 文章 is here"
        .graphemes(true)
        .map(|g| Cell {
            text: g.into(),
            flagged: g == "文" || g == "章",
        })
        .collect();
    let lines = wrap_cells(&cells, 10);
    let text: Vec<String> = lines
        .iter()
        .map(|line| line.iter().map(|c| c.text.as_str()).collect())
        .collect();
    // 日本語の is 8 columns; "文章" (4 columns) does not fit after it.
    assert_eq!(text, ["日本語の", "文章 is", "here"]);
    assert!(lines[1][0].flagged && lines[1][1].flagged && !lines[1][3].flagged);
}

#[test]
fn hints_climb_one_rung_per_key_and_stop_at_the_last() {
    let issues = issues();
    let mut session = Session::new(cards(TEXT, &issues), 1);
    assert_eq!(hints(session.card(), session.rung()).len(), 1);
    assert_eq!(hints(session.card(), 1)[0].text, WHERE);
    for rung in 2..=4 {
        assert_eq!(session.press(Key::Hint), Step::Show);
        assert_eq!(session.rung(), rung);
    }
    session.press(Key::Hint);
    assert_eq!(session.rung(), 4);
    let ladder = hints(session.card(), session.rung());
    assert_eq!(
        ladder.iter().map(|h| h.rung).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert!(ladder[1].text.starts_with("Subject and verb agreement"));
    assert!(ladder[2].pair.is_some());
    // The replacement appears at rung 4 and nowhere before it.
    assert!(ladder[3].text.contains("[need]"));
    assert!(!ladder[..3].iter().any(|h| h.text.contains("[need]")));
}

#[test]
fn next_previous_skip_and_quit() {
    let issues = issues();
    let mut session = Session::new(cards(TEXT, &issues), 3);
    assert_eq!(session.position(), (1, 3));
    assert_eq!(session.rung(), 3, "every card starts at the chosen rung");
    session.press(Key::Next);
    assert_eq!(session.position(), (2, 3));
    session.press(Key::Previous);
    assert_eq!(session.position(), (1, 3));
    // Skipping the agreement rule HE_NEED moves on; AGREEMENT_SENT_START_2 is another rule.
    assert_eq!(session.press(Key::Skip), Step::Show);
    assert_eq!(session.position(), (2, 3));
    session.press(Key::Previous);
    assert_eq!(
        session.position(),
        (2, 3),
        "the skipped rule's issue is not shown again"
    );
    session.press(Key::Next);
    assert_eq!(session.position(), (3, 3));
    assert_eq!(session.press(Key::Next), Step::Done, "past the last issue");
    assert_eq!(session.press(Key::Quit), Step::Done);
}

#[test]
fn the_summary_counts_seen_points_most_frequent_first() {
    let issues = issues();
    let mut session = Session::new(cards(TEXT, &issues), 1);
    let ids = |session: &Session| -> Vec<(String, usize)> {
        session
            .met()
            .into_iter()
            .map(|(e, n)| (e.id.clone(), n))
            .collect()
    };
    assert_eq!(ids(&session), [("subject-verb-agreement".to_string(), 1)]);
    session.press(Key::Next);
    session.press(Key::Next);
    assert_eq!(
        ids(&session),
        [
            ("subject-verb-agreement".to_string(), 2),
            ("this-these".to_string(), 1)
        ]
    );
}

#[test]
fn keys_are_single_letters_in_either_case() {
    assert_eq!(Key::from_char('h'), Some(Key::Hint));
    assert_eq!(Key::from_char('Q'), Some(Key::Quit));
    assert_eq!(Key::from_char('x'), None);
}
