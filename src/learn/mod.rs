//! `ownvoice learn`: the issues of one text, met one at a time, each with a ladder of hints
//! ([`hints`]) so the writer works out the fix before being shown anything, and a try
//! ([`attempt`]): the writer types their version of the sentence and hears only whether the
//! issue is gone, still there, or whether a new one appeared. Nothing is ever written to the
//! writer's file.
//!
//! The session itself (which issue, which rung, what was tried, fixed or skipped) is plain
//! data driven by keys ([`session`]), tested without a terminal; `screen.rs` draws it in a
//! terminal and `plain.rs` prints one issue for scripts and pipes.

pub mod attempt;
pub mod card;
pub mod edit;
pub mod hints;
pub mod plain;
pub mod screen;
pub mod session;
pub mod terminal_guard;

pub use card::{Card, Cell, cards, plain_cells, sentence_cells, wrap_cells};
pub use hints::{Hint, RUNGS, Reveal, WHERE, hints};
pub use session::{Key, Session, Step, Tally, met};

#[cfg(test)]
mod tests;
