//! The ladder of hints, climbed one rung at a time, so that the writer works out the fix
//! with as little help as they need:
//!
//! 1. where: the flagged words are highlighted, nothing more;
//! 2. what kind: the grammar point's title and category;
//! 3. the question: what to ask oneself about the sentence ("Which time is this sentence
//!    about? Which form does that time need?");
//! 4. why: our explanation, with the example pair least like the writer's sentence;
//! 5. reveal: the engine's own message and the suggestions that passed its check, labelled
//!    as options and never applied.
//!
//! Plain data: renderers style it.

use super::card::Card;

/// The highest hint rung.
pub const RUNGS: u8 = 5;

/// What rung 1 says: where, and no more.
pub const WHERE: &str = "Something here is not quite right.";

/// What rung 5 says when the engine has nothing to add.
pub const NOTHING_MORE: &str =
    "The engine has no suggestion for this one: the lesson above is all it knows.";

/// One hint of the ladder, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub rung: u8,
    /// What the rung is: "where", "what kind", "ask yourself", "why", "the engine's view".
    pub label: &'static str,
    pub text: String,
    /// The incorrect/correct example pair (rung 4 only).
    pub pair: Option<(String, String)>,
}

/// What the engine says about an issue once its suggestions were checked
/// ([`crate::suggestions`]): its message and the replacements that passed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reveal {
    pub message: String,
    pub replacements: Vec<String>,
}

/// The hints of a card up to and including `rung`. Rung 5 needs the checked `reveal`; without
/// one it says that the engine has nothing to add, never an unchecked suggestion.
pub fn hints(card: &Card, rung: u8, reveal: Option<&Reveal>) -> Vec<Hint> {
    let entry = card.issue.explanation;
    let mut hints = vec![Hint {
        rung: 1,
        label: "where",
        text: WHERE.to_string(),
        pair: None,
    }];
    if rung >= 2 {
        hints.push(Hint {
            rung: 2,
            label: "what kind",
            text: format!("{} ({})", entry.title, entry.category),
            pair: None,
        });
    }
    if rung >= 3 {
        hints.push(Hint {
            rung: 3,
            label: "ask yourself",
            text: entry.question.clone(),
            pair: None,
        });
    }
    if rung >= 4 {
        let (incorrect, correct) = entry.pair_for(&card.shown);
        hints.push(Hint {
            rung: 4,
            label: "why",
            text: entry
                .explanation
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            pair: Some((incorrect.to_string(), correct.to_string())),
        });
    }
    if rung >= 5 {
        hints.push(Hint {
            rung: 5,
            label: "the engine's view, never applied",
            text: reveal.map_or_else(|| NOTHING_MORE.to_string(), said),
            pair: None,
        });
    }
    hints
}

/// The engine's message, then its checked suggestions as options.
fn said(reveal: &Reveal) -> String {
    let mut parts = Vec::new();
    let message = reveal.message.trim();
    if !message.is_empty() {
        parts.push(format!("The engine says: {message}"));
    }
    if !reveal.replacements.is_empty() {
        parts.push(format!(
            "One option is “{}”. The choice is yours.",
            reveal.replacements.join("” or “")
        ));
    }
    if parts.is_empty() {
        NOTHING_MORE.to_string()
    } else {
        parts.join(" ")
    }
}
