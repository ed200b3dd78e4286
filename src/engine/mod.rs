//! Grammar engines behind one trait, and the choice of which of their rules run.
//!
//! An engine looks at one piece of prose (a paragraph) and returns [`Finding`]s whose spans
//! are byte offsets into that piece; the caller shifts them into the original text. Engines
//! never print and never change the text; an engine's suggested replacements travel with the
//! finding but are shown only where the user asks for them.

pub mod nlprule;

use thiserror::Error;

use crate::span::Span;

/// One thing an engine flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id, the same in config, output, catalogue and tests (for nlprule the rule
    /// group, `CATEGORY/GROUP`).
    pub rule: String,
    /// Byte span into the text given to [`Checker::check`].
    pub span: Span,
    /// The engine's own message. It often names the replacement ("Did you mean does?"), so it
    /// is shown only with `--reveal`.
    pub message: String,
    /// The engine's suggested replacements, best first.
    pub replacements: Vec<String>,
}

/// Something that finds likely grammar mistakes in a piece of prose.
pub trait Checker: Send + Sync {
    /// Findings in `text`, ordered by position. An `Err` means the engine failed on this text
    /// (it is then reported, and the other pieces are still checked).
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError>;
}

/// Which rules run: the defaults, or every rule, adjusted by rule ids the user names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Run every rule the engine's authors enable, style and typography included.
    pub all_rules: bool,
    /// Rule ids (or categories) to turn on in addition.
    pub enable: Vec<String>,
    /// Rule ids (or categories) to turn off; wins over `enable`.
    pub disable: Vec<String>,
}

#[derive(Debug, Error)]
pub enum EngineError {
    #[error("cannot load the grammar rules: {0}")]
    Load(String),
    #[error("unknown rule id '{given}'{}", closest_hint(.closest))]
    UnknownRule {
        given: String,
        closest: Option<String>,
    },
    #[error("the grammar engine failed on this text ({0}); it was not checked")]
    Failed(String),
}

fn closest_hint(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map(|id| format!(" (did you mean '{id}'?)"))
        .unwrap_or_default()
}

/// The text of a panic's payload, for a one-line report.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string())
}
