//! The whole check pipeline on one paragraph (read as Markdown, so placeholders and
//! suppressions take part), with the real engines: issues inside the input on char
//! boundaries and in order, and the same issues with the cache filling and answering.
#![no_main]

use lazy_static::lazy_static;
use libfuzzer_sys::fuzz_target;
use ownvoice::cache::{Cache, Cached};
use ownvoice::engine::{Checker, Engines, RuleSelection};
use ownvoice::input::{self, Format};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

lazy_static! {
    static ref ENGINES: Engines = Engines::load(&RuleSelection::default()).unwrap();
}

fuzz_target!(|text: &str| {
    // One paragraph: the engines run at tens of KB per second.
    if text.len() > 600 {
        return;
    }
    let prose = input::prose(text, Format::Markdown, &[]);
    invariants::prose(text, &prose);
    let direct = ownvoice::check_prose(text, &prose, &*ENGINES);
    invariants::issues(text, &direct.issues);
    let cache = Cache::memory(1);
    let filling = Cached { cache: Some(&cache), engines: Some(&*ENGINES as &dyn Checker) };
    let first = ownvoice::check_prose(text, &prose, &filling);
    let answering = Cached { cache: Some(&cache), engines: None };
    let second = ownvoice::check_prose(text, &prose, &answering);
    assert!(second.failures.is_empty(), "{:?}", second.failures);
    assert_eq!(invariants::summary(&direct.issues), invariants::summary(&first.issues));
    assert_eq!(invariants::summary(&direct.issues), invariants::summary(&second.issues));
});
