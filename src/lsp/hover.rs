//! What the writer reads when hovering a flagged span, and the lesson the "Explain" action
//! opens: our catalogue's words, as Markdown or as plain text, whichever the client asks for.
//!
//! With the `ladder` hints, each hover on the same issue climbs one rung of `learn`'s ladder
//! (what kind, the question to ask, then why); the fifth rung, the engine's view, only with
//! `reveal` on (its replacements were checked by the engines when the document was). The
//! example pair shown is the one least like the writer's sentence, as in a report.
//! Nothing here ever holds an edit: a suggestion is words to read.

use crate::Issue;
use crate::catalogue::{Explanation, catalogue};
use crate::learn::{Card, RUNGS, Reveal, hints};
use crate::sentence::sentence_of;
use crate::span::LineIndex;

/// How the text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    Plain,
}

impl Markup {
    fn bold(self, text: &str) -> String {
        match self {
            Markup::Markdown => format!("**{}**", escape(text)),
            Markup::Plain => text.to_string(),
        }
    }

    fn code(self, text: &str) -> String {
        match self {
            Markup::Markdown => format!("`{text}`"),
            Markup::Plain => text.to_string(),
        }
    }

    fn text(self, text: &str) -> String {
        match self {
            Markup::Markdown => escape(text),
            Markup::Plain => text.to_string(),
        }
    }

    /// Two lines that must stay two lines (Markdown joins lines without a hard break).
    fn lines(self, first: &str, second: &str) -> String {
        match self {
            Markup::Markdown => format!("{first}  \n{second}"),
            Markup::Plain => format!("{first}\n{second}"),
        }
    }
}

/// Backslashes the characters that Markdown would read as formatting in our plain prose.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole lesson for an issue of `text`: title and kind, the explanation, the example
/// pair least like the writer's sentence, the engine's suggestion when `reveal` is on, and
/// the `ownvoice explain` line.
pub fn lesson(text: &str, issue: &Issue, reveal: bool, markup: Markup) -> String {
    let entry = issue.explanation;
    let (incorrect, correct) = entry.pair_for(&text[sentence_of(text, &issue.span)]);
    let mut parts = vec![
        format!("{} · {}", markup.bold(&entry.title), entry.category),
        markup.text(&flat(&entry.explanation)),
        markup.lines(
            &format!("✗ {}", markup.text(incorrect)),
            &format!("✓ {}", markup.text(correct)),
        ),
    ];
    if reveal && !issue.replacements.is_empty() {
        parts.push(suggestion(issue, markup));
    }
    parts.push(footer(issue, markup));
    parts.join("\n\n")
}

fn suggestion(issue: &Issue, markup: Markup) -> String {
    format!(
        "A suggestion to consider, never applied: “{}”. The choice is yours.",
        markup.text(&issue.replacements.join("” or “"))
    )
}

fn footer(issue: &Issue, markup: Markup) -> String {
    format!(
        "Full lesson: {} · rule {}",
        markup.code(&format!("ownvoice explain {}", issue.explanation.id)),
        markup.code(&issue.rule)
    )
}

/// The highest rung a hover climbs to: the engine's suggestion only with `reveal` on.
pub fn top_rung(reveal: bool) -> u8 {
    if reveal { RUNGS } else { RUNGS - 1 }
}

/// The ladder's hints up to `rung` for an issue of `text`, and how to go on.
pub fn ladder(text: &str, issue: &Issue, rung: u8, reveal: bool, markup: Markup) -> String {
    let sentence = sentence_of(text, &issue.span);
    let card = Card {
        issue,
        start: LineIndex::new(text).position(issue.span.start),
        shown: flat(&text[sentence.clone()]),
        flagged: issue.span.start - sentence.start
            ..issue.span.end.min(sentence.end) - sentence.start,
        sentence,
    };
    let seen = Reveal {
        message: issue.message.clone(),
        replacements: issue.replacements.clone(),
    };
    let mut parts = Vec::new();
    for hint in hints(&card, rung, reveal.then_some(&seen)) {
        let head = markup.bold(&format!(
            "Hint {} of {} ({}):",
            hint.rung, RUNGS, hint.label
        ));
        parts.push(format!("{head} {}", markup.text(&hint.text)));
        if let Some((incorrect, correct)) = hint.pair {
            parts.push(markup.lines(
                &format!("✗ {}", markup.text(&incorrect)),
                &format!("✓ {}", markup.text(&correct)),
            ));
        }
    }
    if rung < top_rung(reveal) {
        parts.push(markup.text("Hover again for the next hint."));
    } else {
        if !reveal {
            parts.push(markup.text(
                "That is every hint: the suggestion stays hidden unless the reveal setting is on.",
            ));
        }
        parts.push(footer(issue, markup));
    }
    parts.join("\n\n")
}

/// The lesson of a grammar point as a Markdown page, for the "Explain" action: the lesson
/// of `ownvoice explain ID`.
pub fn lesson_page(entry: &Explanation) -> String {
    let markup = Markup::Markdown;
    let mut page = format!(
        "# {}\n\n{} · `{}`\n\n{}\n\n{}\n",
        escape(&entry.title),
        entry.category,
        entry.id,
        markup.text(&flat(&entry.explanation)),
        markup.lines(
            &format!("✗ {}", markup.text(&entry.incorrect)),
            &format!("✓ {}", markup.text(&entry.correct)),
        ),
    );
    let related: Vec<&Explanation> = entry
        .related
        .iter()
        .filter_map(|id| catalogue().entry(id))
        .collect();
    if !related.is_empty() {
        page.push_str("\n## Related grammar points\n\n");
        for other in related {
            page.push_str(&format!(
                "- {}: `ownvoice explain {}`\n",
                escape(&other.title),
                other.id
            ));
        }
    }
    page
}

/// The lesson of a grammar point as one line, for a client that can only show messages
/// (several show only a message's last line, or run its lines together).
pub fn lesson_message(entry: &Explanation) -> String {
    format!(
        "{} ({}): {} ✗ {} ✓ {} (ownvoice explain {})",
        entry.title,
        entry.category,
        flat(&entry.explanation),
        entry.incorrect,
        entry.correct,
        entry.id
    )
}

impl super::server::Server {
    /// `textDocument/hover`: the lesson of the innermost issue under the cursor, or the next
    /// hint of the ladder.
    pub(super) fn hover(
        &mut self,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, (lsp_server::ErrorCode, String)> {
        let params: lsp_types::HoverParams =
            serde_json::from_value(params).map_err(super::server::Server::invalid)?;
        let at = params.text_document_position_params;
        let uri = at.text_document.uri.as_str().to_string();
        let Some(report) = self.reports.get(&uri) else {
            return Ok(serde_json::Value::Null);
        };
        let Some(&i) = report.at(at.position).first() else {
            return Ok(serde_json::Value::Null);
        };
        let markup = if self.client.markdown {
            Markup::Markdown
        } else {
            Markup::Plain
        };
        let issue = &report.issues[i];
        let reveal = self.settings.reveal;
        let value = match self.settings.hints {
            super::settings::Hints::Lesson => lesson(&report.text, issue, reveal, markup),
            super::settings::Hints::Ladder => {
                let key = (
                    uri.clone(),
                    issue.rule.clone(),
                    report.flagged(i).to_string(),
                );
                let rung = self.rungs.entry(key).or_insert(1);
                *rung = (*rung + 1).min(top_rung(reveal));
                ladder(&report.text, issue, *rung, reveal, markup)
            }
        };
        Ok(serde_json::json!({
            "contents": {
                "kind": if markup == Markup::Markdown { "markdown" } else { "plaintext" },
                "value": value,
            },
            "range": report.ranges[i],
        }))
    }
}
