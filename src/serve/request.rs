//! A check request's parameters, read as LanguageTool reads them: from the query string and
//! a form body (`application/x-www-form-urlencoded`), the text as `text` or as `data`
//! (annotated, see `annotation.rs`), the language, and the rule options.
//!
//! Anything a client can get wrong is a [`Refusal`]: an HTTP status and one line saying why,
//! never a panic. Parameters we do not use (`username`, `apiKey`, `mode`, `motherTongue`,
//! ...) are accepted and ignored, as a LanguageTool server ignores the ones it does not know.

use percent_encoding::percent_decode;

use super::annotation;
use super::selection::Asked;
use crate::engine::Variety;
use crate::input::prose::{self, Prose};

/// Why a request is not answered with matches: an HTTP status and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: String,
}

impl Refusal {
    pub fn bad(reason: impl Into<String>) -> Refusal {
        Refusal {
            status: 400,
            reason: reason.into(),
        }
    }

    pub fn too_large(reason: impl Into<String>) -> Refusal {
        Refusal {
            status: 413,
            reason: reason.into(),
        }
    }
}

/// Decodes `name=value&...` pairs (a query string or a form body): `+` is a space and
/// `%XX` a byte; every name and value must be UTF-8. A `%` not followed by two hex digits is
/// kept as it is, as browsers do.
pub fn decode_form(bytes: &[u8]) -> Result<Vec<(String, String)>, Refusal> {
    let mut pairs = Vec::new();
    for pair in bytes.split(|&b| b == b'&').filter(|pair| !pair.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &pair[pair.len()..]),
        };
        let decode = |part: &[u8]| {
            let spaced: Vec<u8> = part
                .iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect();
            percent_decode(&spaced)
                .decode_utf8()
                .map(|text| text.into_owned())
        };
        let name = decode(name).map_err(|_| Refusal::bad("a parameter name is not UTF-8"))?;
        let value = decode(value)
            .map_err(|_| Refusal::bad(format!("parameter '{name}' is not UTF-8 text")))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// The English variants a request may name, as LanguageTool names them: code, name, and the
/// spelling ownvoice then accepts (New Zealand and South African English spell as British
/// English does).
pub const LANGUAGES: [(&str, &str, Option<Variety>); 7] = [
    ("en", "English", None),
    ("en-US", "English (US)", Some(Variety::Us)),
    ("en-GB", "English (GB)", Some(Variety::Gb)),
    ("en-AU", "English (Australian)", Some(Variety::Au)),
    ("en-CA", "English (Canadian)", Some(Variety::Ca)),
    ("en-NZ", "English (New Zealand)", Some(Variety::Gb)),
    ("en-ZA", "English (South African)", Some(Variety::Gb)),
];

/// The language a request is checked in: an entry of [`LANGUAGES`], by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(pub usize);

impl Language {
    pub fn code(self) -> &'static str {
        LANGUAGES[self.0].0
    }

    pub fn name(self) -> &'static str {
        LANGUAGES[self.0].1
    }

    /// The spelling variety it asks for; `None` leaves the server's own.
    pub fn variety(self) -> Option<Variety> {
        LANGUAGES[self.0].2
    }

    /// The entry for a code such as `en-GB` (any letter case, `-` or `_`).
    fn of(code: &str) -> Option<Language> {
        let code = code.trim().replace('_', "-");
        LANGUAGES
            .iter()
            .position(|(known, _, _)| known.eq_ignore_ascii_case(&code))
            .map(Language)
    }
}

/// The text of a request: plain text, or LanguageTool's annotated `data`.
#[derive(Debug)]
pub struct Document {
    /// The text offsets are given in (for `data`, every item's text and markup joined).
    pub text: String,
    /// Its prose, as the engines see it.
    pub prose: Prose,
}

/// A check request, read and validated.
#[derive(Debug)]
pub struct CheckRequest {
    pub document: Document,
    /// The language as asked (`auto` gives the preferred English variant, if any, or `en`).
    pub language: Language,
    pub asked: Asked,
}

/// Reads a check request from its parameters (query string first, then the form body).
pub fn check_request(
    params: &[(String, String)],
    max_text_bytes: usize,
) -> Result<CheckRequest, Refusal> {
    let get = |name: &str| {
        params
            .iter()
            .rev()
            .find(|(given, _)| given == name)
            .map(|(_, value)| value.as_str())
    };
    let list = |name: &str| -> Vec<String> {
        get(name)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .collect()
    };
    let language = language(get("language"), get("preferredVariants"))?;
    let too_large = |what: &str, bytes: usize| {
        Refusal::too_large(format!(
            "the {what} is {bytes} bytes, more than this server's limit of {max_text_bytes} bytes"
        ))
    };
    let document = match (get("text"), get("data")) {
        (Some(_), Some(_)) => return Err(Refusal::bad("give either 'text' or 'data', not both")),
        (None, None) => return Err(Refusal::bad("missing 'text' or 'data' parameter")),
        (Some(text), None) => {
            if text.len() > max_text_bytes {
                return Err(too_large("text", text.len()));
            }
            Document {
                prose: prose::plain(text),
                text: text.to_string(),
            }
        }
        (None, Some(data)) => {
            let (text, prose) = annotation::read(data)?;
            if text.len() > max_text_bytes {
                return Err(too_large("annotated text", text.len()));
            }
            Document { text, prose }
        }
    };
    let enabled_only = match get("enabledOnly").map(str::trim) {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(Refusal::bad(format!(
                "'enabledOnly' must be true or false, not '{other}'"
            )));
        }
    };
    let picky = match get("level").map(str::trim) {
        None | Some("" | "default") => false,
        Some("picky") => true,
        Some(other) => {
            return Err(Refusal::bad(format!(
                "'level' must be default or picky, not '{other}'"
            )));
        }
    };
    let mut enabled = list("enabledRules");
    enabled.extend(list("enabledCategories"));
    let mut disabled = list("disabledRules");
    disabled.extend(list("disabledCategories"));
    if enabled_only && enabled.is_empty() {
        return Err(Refusal::bad(
            "'enabledOnly' needs 'enabledRules' or 'enabledCategories'",
        ));
    }
    Ok(CheckRequest {
        document,
        asked: Asked {
            enabled,
            disabled,
            enabled_only,
            variety: language.variety(),
            picky,
        },
        language,
    })
}

/// The language of a request. `auto` (or no language) is English: the first English variant
/// among `preferredVariants`, or plain `en`.
fn language(given: Option<&str>, preferred: Option<&str>) -> Result<Language, Refusal> {
    let given = given.map(str::trim).unwrap_or("auto");
    if given.eq_ignore_ascii_case("auto") {
        let preferred = preferred
            .unwrap_or_default()
            .split(',')
            .find_map(Language::of);
        return Ok(preferred.unwrap_or(Language(0)));
    }
    Language::of(given).ok_or_else(|| {
        let known: Vec<&str> = LANGUAGES.iter().map(|(code, _, _)| *code).collect();
        Refusal::bad(format!(
            "ownvoice checks English only: language '{given}' is not one of {} or auto",
            known.join(", ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> Vec<(String, String)> {
        decode_form(query.as_bytes()).unwrap()
    }

    #[test]
    fn forms_decode_plus_percent_and_utf8() {
        let pairs = params("text=Caf%C3%A9+owners+was+happy%21&language=en-US&empty=&flag");
        assert_eq!(pairs[0], ("text".into(), "Café owners was happy!".into()));
        assert_eq!(pairs[2], ("empty".into(), String::new()));
        assert_eq!(pairs[3], ("flag".into(), String::new()));
        assert_eq!(params("a=100%+sure")[0].1, "100% sure");
        let error = decode_form(b"text=%FF%FE").unwrap_err();
        assert_eq!((error.status, error.reason.contains("'text'")), (400, true));
    }

    #[test]
    fn languages_are_english_variants_or_auto() {
        let asked = |query: &str| check_request(&params(query), 100).map(|r| r.language.code());
        assert_eq!(asked("text=Hi&language=en-gb"), Ok("en-GB"));
        assert_eq!(asked("text=Hi&language=en_US"), Ok("en-US"));
        assert_eq!(asked("text=Hi"), Ok("en"));
        assert_eq!(
            asked("text=Hi&language=auto&preferredVariants=de-AT,en-AU"),
            Ok("en-AU")
        );
        let error = asked("text=Hi&language=de-DE").unwrap_err();
        assert_eq!(error.status, 400);
        assert!(error.reason.contains("'de-DE'"), "{}", error.reason);
    }

    #[test]
    fn bad_requests_say_why() {
        let refused = |query: &str| check_request(&params(query), 10).unwrap_err();
        assert_eq!(refused("language=en").status, 400);
        assert_eq!(refused("text=a&data=b").status, 400);
        assert_eq!(refused("text=a&level=pedantic").status, 400);
        assert_eq!(refused("text=a&enabledOnly=true").status, 400);
        let large = refused("text=eleven+bytes");
        assert_eq!(large.status, 413);
        assert!(large.reason.contains("10 bytes"), "{}", large.reason);
        let request = check_request(
            &params("text=a&enabledRules=X,Y&disabledCategories=STYLE&level=picky"),
            10,
        )
        .unwrap();
        assert_eq!(request.asked.enabled, ["X", "Y"]);
        assert_eq!(request.asked.disabled, ["STYLE"]);
        assert!(request.asked.picky && !request.asked.enabled_only);
    }
}
