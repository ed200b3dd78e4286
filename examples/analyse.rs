//! Shows nlprule's analysis of a text, as our own rules (`data/learner.toml`) see it: each
//! sentence's tokens with their part-of-speech tags, lemmas and chunks. For writing and
//! debugging rules:
//!
//! ```sh
//! cargo run --release --example analyse -- "Students in my class doesn't like homework."
//! ```

// A developer's tool: printing the analysis is its whole job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use ownvoice::engine::{Engines, RuleSelection};

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let engines = match Engines::load(&RuleSelection::default()) {
        Ok(engines) => engines,
        Err(error) => {
            eprintln!("analyse: {error}");
            std::process::exit(2);
        }
    };
    for (i, sentence) in engines.nlprule.analyse(&text).into_iter().enumerate() {
        println!("sentence {}", i + 1);
        for token in sentence {
            println!("  {token}");
        }
    }
}
