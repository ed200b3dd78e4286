//! LaTeX prose extraction and span mapping on any UTF-8 text (with one extra prose command,
//! as a configuration file may add): the invariants of the Markdown target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ownvoice::input::{self, Format};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|text: &str| {
    let prose = input::prose(text, Format::Latex, &["emph".to_string()]);
    invariants::prose(text, &prose);
});
