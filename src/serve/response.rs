//! The answers, shaped as LanguageTool 6 shapes them, for clients that parse them strictly.
//!
//! A match says where (`offset`, `length`, and the `context` around it, all in UTF-16 code
//! units, which Java and JavaScript clients count in) and why, in our words: `message` is the
//! title and the first sentence of our explanation, `shortMessage` the title, and
//! `rule.description` the title too. `replacements` is empty unless the server was started
//! with `--reveal`: clients turn replacements into one-click rewrites, and ownvoice never
//! rewrites. Rule and category ids are ownvoice's, so that a client that turns a rule off
//! sends back an id the server knows.

use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use serde::Serialize;

use super::context::{Context, context, sentence};
use super::request::{LANGUAGES, Language};
use crate::catalogue::Explanation;
use crate::engine::RuleId;
use crate::span::LineIndex;
use crate::{Checked, Issue};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

fn software() -> Software {
    Software {
        name: "ownvoice",
        version: env!("CARGO_PKG_VERSION"),
        build_date: build_date(),
        api_version: 1,
        premium: false,
        status: "",
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    software: Software,
    warnings: Warnings,
    language: LanguageAnswer,
    matches: Vec<Match>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LanguageAnswer {
    name: &'static str,
    code: &'static str,
    detected_language: Detected,
}

#[derive(Serialize)]
struct Detected {
    name: &'static str,
    code: &'static str,
    confidence: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match {
    message: String,
    short_message: String,
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: Kind,
    rule: Rule,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement {
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Kind {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    description: String,
    issue_type: &'static str,
    category: Category,
}

#[derive(Serialize)]
struct Category {
    id: String,
    name: String,
}

/// The answer to a check: every issue of `checked`, found in `text`. `incomplete` says that
/// some of the text was not checked (an engine failed on a paragraph).
pub fn check(text: &str, checked: &Checked, language: Language, reveal: bool) -> Vec<u8> {
    let index = LineIndex::new(text);
    let matches = checked
        .issues
        .iter()
        .map(|issue| a_match(text, &index, issue, reveal))
        .collect();
    let answer = Answer {
        software: software(),
        warnings: Warnings {
            incomplete_results: !checked.failures.is_empty(),
        },
        language: LanguageAnswer {
            name: language.name(),
            code: language.code(),
            detected_language: Detected {
                name: language.name(),
                code: language.code(),
                confidence: 1.0,
            },
        },
        matches,
    };
    serde_json::to_vec(&answer).expect("plain data serializes")
}

fn a_match(text: &str, index: &LineIndex, issue: &Issue, reveal: bool) -> Match {
    let entry = issue.explanation;
    let offset = index.position(issue.span.start).utf16_offset;
    let length = index.position(issue.span.end).utf16_offset - offset;
    let id = RuleId::parse(&issue.rule);
    Match {
        message: message(entry),
        short_message: entry.title.clone(),
        replacements: if reveal {
            issue
                .replacements
                .iter()
                .map(|value| Replacement {
                    value: value.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        offset,
        length,
        context: context(text, &issue.span),
        sentence: sentence(text, &issue.span),
        kind: Kind {
            type_name: if entry.category == "spelling" {
                "UnknownWord"
            } else {
                "Other"
            },
        },
        rule: Rule {
            id: issue.rule.clone(),
            description: entry.title.clone(),
            issue_type: issue_type(&entry.category),
            category: Category {
                name: category_name(&id.category),
                id: id.category,
            },
        },
        ignore_for_incomplete_sentence: false,
        context_for_sure_match: 0,
    }
}

/// The title and the first sentence of the explanation, on one line.
fn message(entry: &Explanation) -> String {
    let explanation = entry.explanation.split_whitespace().collect::<Vec<_>>();
    let explanation = explanation.join(" ");
    let first = explanation
        .char_indices()
        .find(|&(at, c)| {
            matches!(c, '.' | '!' | '?')
                && explanation[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(explanation.as_str(), |(at, _)| &explanation[..=at]);
    format!("{}: {first}", entry.title)
}

/// LanguageTool's issue type for one of our explanation categories (clients colour matches
/// by it: spelling red, grammar yellow, style blue).
fn issue_type(category: &str) -> &'static str {
    match category {
        "spelling" => "misspelling",
        "capitalisation" | "punctuation" | "typography" => "typographical",
        "style" => "style",
        _ => "grammar",
    }
}

/// A readable name for a rule category id: `CONFUSED_WORDS` is "Confused words".
fn category_name(id: &str) -> String {
    if id == crate::engine::learner::CATEGORY {
        return "Learner mistakes".to_string();
    }
    let words = id.replace('_', " ").to_lowercase();
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `GET /v2/languages`: the English variants.
pub fn languages() -> Vec<u8> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Entry {
        name: &'static str,
        code: &'static str,
        long_code: &'static str,
    }
    let entries: Vec<Entry> = LANGUAGES
        .iter()
        .map(|(code, name, _)| Entry {
            name,
            code: "en",
            long_code: code,
        })
        .collect();
    serde_json::to_vec(&entries).expect("plain data serializes")
}

/// `GET /v2/info`: what this server is.
pub fn info() -> Vec<u8> {
    #[derive(Serialize)]
    struct Info {
        software: Software,
    }
    serde_json::to_vec(&Info {
        software: software(),
    })
    .expect("plain data serializes")
}

/// When this program's file was written, as LanguageTool writes its build date
/// (`2024-03-28 15:44:03 +0000`); empty if the file cannot be asked.
fn build_date() -> &'static str {
    static DATE: OnceLock<String> = OnceLock::new();
    DATE.get_or_init(|| {
        let seconds = std::env::current_exe()
            .and_then(|path| path.metadata()?.modified())
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map(|elapsed| elapsed.as_secs());
        seconds.map_or_else(String::new, utc)
    })
}

/// A Unix time as `YYYY-MM-DD HH:MM:SS +0000` (the civil-from-days calculation of the
/// proleptic Gregorian calendar).
fn utc(seconds: u64) -> String {
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} +0000",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 +0000");
        assert_eq!(utc(1_709_164_800 + 3_723), "2024-02-29 01:02:03 +0000");
        assert_eq!(utc(1_735_689_599), "2024-12-31 23:59:59 +0000");
    }

    #[test]
    fn categories_read_as_words() {
        assert_eq!(category_name("CONFUSED_WORDS"), "Confused words");
        assert_eq!(category_name("HARPER"), "Harper");
        assert_eq!(issue_type("spelling"), "misspelling");
    }
}
