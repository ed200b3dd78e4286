//! The learning session without a terminal: keys, rungs, skipping, the end screen, the
//! sentences as prose, and wrapping.

use super::hints::NOTHING_MORE;
use super::*;
use crate::Issue;
use crate::catalogue::catalogue;
use crate::input::{self, prose};
use unicode_segmentation::UnicodeSegmentation;

const TEXT: &str = "My brother is a teacher. He need more time to mark the\ntests. This books are old.\n\nCafé owners is open on Sunday.";

/// An issue on `word` in `text`, found after the first occurrence of `after`.
fn issue_in(text: &str, after: &str, word: &str, rule: &str, entry: &str) -> Issue {
    let from = text.find(after).unwrap();
    let at = from + text[from..].find(word).unwrap();
    Issue {
        rule: rule.into(),
        span: at..at + word.len(),
        message: format!("Did you mean [{word}]?"),
        replacements: vec![format!("[{word}]")],
        explanation: catalogue().entry(entry).unwrap(),
    }
}

fn issues() -> Vec<Issue> {
    vec![
        issue_in(
            TEXT,
            "He",
            "need",
            "GRAMMAR/HE_NEED",
            "subject-verb-agreement",
        ),
        issue_in(TEXT, "tests", "This", "GRAMMAR/THIS_NNS", "this-these"),
        issue_in(
            TEXT,
            "Café",
            "is",
            "GRAMMAR/AGREEMENT_SENT_START_2",
            "subject-verb-agreement",
        ),
    ]
}

fn session(issues: &[Issue], rung: u8) -> Session<'_> {
    Session::new(cards(TEXT, &prose::plain(TEXT), issues), rung)
}

#[test]
fn the_sentence_spans_line_breaks_but_not_paragraphs() {
    let issues = issues();
    let cards = cards(TEXT, &prose::plain(TEXT), &issues);
    assert_eq!(cards[0].shown, "He need more time to mark the tests.");
    assert_eq!(
        &TEXT[cards[0].sentence.clone()],
        "He need more time to mark the\ntests."
    );
    assert_eq!(&cards[0].shown[cards[0].flagged.clone()], "need");
    assert_eq!(cards[1].shown, "This books are old.");
    assert_eq!(cards[2].shown, "Café owners is open on Sunday.");
    assert_eq!((cards[2].start.line, cards[2].start.column), (4, 13));
}

#[test]
fn latex_and_markdown_sentences_are_shown_as_prose() {
    let latex = "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nThis \
                 paper \\emph{show} that $x$ grows.\n\\end{document}\n";
    let at = latex.find("show").unwrap();
    let found = [Issue {
        span: at..at + 4,
        ..issue_in(
            TEXT,
            "He",
            "need",
            "GRAMMAR/HE_NEED",
            "subject-verb-agreement",
        )
    }];
    let prose = input::prose(latex, input::Format::Latex, &[]);
    let card = &cards(latex, &prose, &found)[0];
    assert_eq!(card.shown, "This paper show that $x$ grows.");
    assert_eq!(&card.shown[card.flagged.clone()], "show");
    assert_eq!(
        &latex[card.sentence.clone()],
        "This paper \\emph{show} that $x$ grows."
    );

    let markdown = "# Notes\n\nThe tool **show** the `x` value.\n";
    let at = markdown.find("show").unwrap();
    let found = [Issue {
        span: at..at + 4,
        ..issue_in(
            TEXT,
            "He",
            "need",
            "GRAMMAR/HE_NEED",
            "subject-verb-agreement",
        )
    }];
    let prose = input::prose(markdown, input::Format::Markdown, &[]);
    let card = &cards(markdown, &prose, &found)[0];
    assert_eq!(
        card.shown, "The tool show the `x` value.",
        "code as written"
    );
}

#[test]
fn sentence_cells_mark_the_flagged_words() {
    let issues = issues();
    let session = session(&issues, 1);
    let cells = sentence_cells(session.card());
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
fn hints_climb_five_rungs_and_reveal_only_what_was_checked() {
    let issues = issues();
    let mut session = session(&issues, 1);
    assert_eq!(hints(session.card(), 1, None)[0].text, WHERE);
    for rung in 2..=5 {
        assert_eq!(session.press(Key::Hint), Step::Show);
        assert_eq!(session.rung(), rung);
    }
    session.press(Key::Hint);
    assert_eq!(session.rung(), 5);
    assert!(session.note.as_deref().unwrap().contains("last hint"));
    let ladder = hints(session.card(), 5, None);
    assert_eq!(
        ladder.iter().map(|h| h.rung).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert!(ladder[1].text.starts_with("Subject and verb agreement"));
    // The question rung names no form and holds no example.
    assert_eq!(ladder[2].text, issues[0].explanation.question);
    assert!(ladder[2].pair.is_none() && ladder[3].pair.is_some());
    // Unchecked, the engine's suggestion is never shown.
    assert_eq!(ladder[4].text, NOTHING_MORE);
    assert!(session.needs_reveal());
    let checked = Reveal {
        message: "Did you mean needs?".into(),
        replacements: vec!["needs".into()],
    };
    let ladder = hints(session.card(), 5, Some(&checked));
    assert!(
        ladder[4]
            .text
            .starts_with("The engine says: Did you mean needs?")
    );
    assert!(ladder[4].text.contains("One option is “needs”"));
    assert!(!ladder[..4].iter().any(|h| h.text.contains("needs")));
}

#[test]
fn skipping_says_so_moves_the_counter_and_the_last_issue_leads_to_the_end() {
    let issues = issues();
    let mut session = session(&issues, 3);
    assert_eq!(session.position(), (1, 3));
    assert_eq!(session.rung(), 3, "every card starts at the chosen rung");
    session.press(Key::Next);
    assert_eq!(session.position(), (2, 3));
    session.press(Key::Previous);
    assert_eq!(session.position(), (1, 3));
    session.press(Key::Previous);
    assert_eq!(session.note.as_deref(), Some("This is the first issue."));
    // Skipping the agreement rule HE_NEED moves on; AGREEMENT_SENT_START_2 is another rule.
    assert_eq!(session.press(Key::Skip), Step::Show);
    assert_eq!(session.position(), (2, 3));
    assert_eq!(session.skipped(), 1);
    assert!(
        session
            .note
            .as_deref()
            .unwrap()
            .contains("Skipped this issue")
    );
    session.press(Key::Previous);
    assert_eq!(
        session.position(),
        (2, 3),
        "a skipped rule's issue is not shown again"
    );
    session.press(Key::Next);
    assert_eq!(session.position(), (3, 3));
    // Skipping the last issue's rule leads to the end screen, not out of the session.
    assert_eq!(session.press(Key::Skip), Step::End);
    assert!(session.finished);
    let tally = session.tally();
    assert_eq!(
        (tally.issues, tally.seen, tally.skipped, tally.tried),
        (3, 3, 2, 0)
    );
    // From the end screen, back to the last issue that is not skipped, then out.
    assert_eq!(session.press(Key::Previous), Step::Show);
    assert_eq!(session.position(), (2, 3));
    assert_eq!(session.press(Key::Next), Step::End);
    assert_eq!(
        session.press(Key::Next),
        Step::End,
        "the end screen waits for q"
    );
    assert_eq!(session.press(Key::Quit), Step::Done);
}

#[test]
fn a_try_is_recorded_and_said_and_t_asks_for_one() {
    let issues = issues();
    let mut session = session(&issues, 1);
    assert_eq!(session.press(Key::Try), Step::Try);
    session.tried(&attempt::Verdict {
        gone: true,
        new: vec![],
        unchanged: false,
    });
    assert!(
        session
            .note
            .as_deref()
            .unwrap()
            .starts_with("This issue is gone.")
    );
    session.press(Key::Next);
    session.tried(&attempt::Verdict {
        gone: false,
        new: vec![catalogue().entry("a-an").unwrap()],
        unchanged: false,
    });
    assert_eq!(
        session.note.as_deref(),
        Some("This issue is still there, and a new one appeared: a and an.")
    );
    let tally = session.tally();
    assert_eq!((tally.seen, tally.tried, tally.fixed), (2, 2, 1));
}

#[test]
fn the_journal_covers_only_the_text_the_session_went_through() {
    let issues = issues();
    let mut session = session(&issues, 1);
    let (end, met) = session.covered();
    assert_eq!(
        &TEXT[..end],
        "My brother is a teacher. He need more time to mark the\ntests."
    );
    assert_eq!(met.count(), 1);
    session.press(Key::Skip);
    let (end, met) = session.covered();
    assert!(TEXT[..end].ends_with("This books are old."));
    assert_eq!(
        met.count(),
        2,
        "the skipped issue is in the covered text too"
    );
    let met: Vec<(String, usize)> = session
        .met()
        .into_iter()
        .map(|(e, n)| (e.id.clone(), n))
        .collect();
    assert_eq!(
        met,
        [
            ("subject-verb-agreement".to_string(), 1),
            ("this-these".to_string(), 1)
        ],
        "the cards seen are the points met"
    );
}

#[test]
fn keys_are_single_letters_in_either_case() {
    assert_eq!(Key::from_char('h'), Some(Key::Hint));
    assert_eq!(Key::from_char('T'), Some(Key::Try));
    assert_eq!(Key::from_char('Q'), Some(Key::Quit));
    assert_eq!(Key::from_char('x'), None);
}
