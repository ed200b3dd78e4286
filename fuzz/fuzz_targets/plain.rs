//! Plain text with `ownvoice:ignore` comments: the prose invariants, and every ignored line
//! is in no block and under a suppression.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ownvoice::input::{self, Format};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|text: &str| {
    let prose = input::prose(text, Format::Plain, &[]);
    invariants::prose(text, &prose);
    invariants::plain_ignores(text, &prose);
});
