//! Markdown prose extraction and span mapping on any UTF-8 text: every piece inside the
//! input on char boundaries, verbatim pieces map back to exactly the original bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ownvoice::input::{self, Format};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|text: &str| {
    let prose = input::prose(text, Format::Markdown, &[]);
    invariants::prose(text, &prose);
});
