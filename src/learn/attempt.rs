//! A writer's try: their own version of a flagged sentence, checked by the engines, and what
//! ownvoice says about it: only whether this issue is gone, still there, or whether a new
//! one appeared. It never says what to write, and never writes anything to the writer's file:
//! the writer makes the change in their own text.
//!
//! Issues are compared by grammar point (the lesson they read), since the typed sentence has
//! other offsets than the original: the point of this card is gone when the try has fewer
//! issues of it than the original sentence had.

use std::collections::BTreeMap;

use super::card::Card;
use crate::catalogue::Explanation;
use crate::engine::Checker;
use crate::{Issue, check};

/// What a try showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The issue of the card is gone from the writer's version.
    pub gone: bool,
    /// Grammar points the writer's version has more of than the original sentence had.
    pub new: Vec<&'static Explanation>,
    /// The writer's version is the sentence as it stands (nothing was checked).
    pub unchanged: bool,
}

impl Verdict {
    /// What the writer reads.
    pub fn says(&self) -> String {
        let titles = || {
            self.new
                .iter()
                .map(|entry| entry.title.to_lowercase())
                .collect::<Vec<_>>()
                .join("; ")
        };
        match (self.unchanged, self.gone, self.new.is_empty()) {
            (true, _, _) => {
                "That is the sentence as it stands: the issue is still there.".to_string()
            }
            (false, true, true) => "This issue is gone. Now make the same change in your text \
                                    (ownvoice never changes it)."
                .to_string(),
            (false, true, false) => {
                format!("This issue is gone, but a new one appeared: {}.", titles())
            }
            (false, false, true) => "This issue is still there. A hint (h) may help.".to_string(),
            (false, false, false) => format!(
                "This issue is still there, and a new one appeared: {}.",
                titles()
            ),
        }
    }
}

/// Judges the writer's version `typed` of `card`'s sentence. `around` are the issues of the
/// original sentence (the card's own among them). An `Err` says why it could not be checked.
pub fn judge(
    card: &Card,
    around: &[&Issue],
    typed: &str,
    checker: &dyn Checker,
) -> Result<Verdict, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Nothing was typed.".to_string());
    }
    if words(typed) == words(&card.shown) {
        return Ok(Verdict {
            gone: false,
            new: Vec::new(),
            unchanged: true,
        });
    }
    let checked = check(typed, checker);
    if let Some(failure) = checked.failures.first() {
        return Err(format!("It could not be checked: {}", failure.error));
    }
    let before = points(around.iter().copied());
    let after = points(checked.issues.iter());
    let own = &card.issue.explanation.id;
    let count = |points: &BTreeMap<&str, (usize, &'static Explanation)>, id: &str| {
        points.get(id).map_or(0, |(n, _)| *n)
    };
    let gone = count(&after, own) < count(&before, own);
    let new = after
        .iter()
        .filter(|(id, (n, _))| *n > count(&before, id))
        .map(|(_, (_, entry))| *entry)
        .collect();
    Ok(Verdict {
        gone,
        new,
        unchanged: false,
    })
}

/// How many issues of each grammar point.
fn points<'a>(
    issues: impl Iterator<Item = &'a Issue>,
) -> BTreeMap<&'a str, (usize, &'static Explanation)> {
    let mut points = BTreeMap::new();
    for issue in issues {
        points
            .entry(issue.explanation.id.as_str())
            .or_insert((0, issue.explanation))
            .0 += 1;
    }
    points
}

/// The words of a sentence, for telling an unchanged try from a changed one (spacing aside).
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}
