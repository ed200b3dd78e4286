//! How many of LanguageTool's rules each sentence of a text runs, with the default rules and
//! with every rule on: what the rule index spares (a sentence runs only the rules that could
//! match it, the others cost nothing). For measuring the index on any text:
//!
//! ```sh
//! cargo run --release --example rule_visits -- FILE...
//! ```

// A developer's tool: printing the figures is its whole job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use ownvoice::engine::nlprule::Nlprule;
use ownvoice::engine::{Defaults, RuleSelection};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut texts = Vec::new();
    for file in &files {
        match std::fs::read_to_string(file) {
            Ok(text) => texts.push((file, text)),
            Err(error) => {
                eprintln!("rule_visits: {file}: {error}");
                std::process::exit(2);
            }
        }
    }
    for (name, all_rules) in [("default rules", false), ("every rule", true)] {
        let selection = RuleSelection {
            all_rules,
            ..RuleSelection::default()
        };
        let engine = match Nlprule::load(&selection, &Defaults::builtin()) {
            Ok(engine) => engine,
            Err(error) => {
                eprintln!("rule_visits: {error}");
                std::process::exit(2);
            }
        };
        for (file, text) in &texts {
            let visits = engine.visits(text);
            println!(
                "{file}, {name}: {} sentences, {:.1} of {} rules per sentence",
                visits.sentences,
                visits.visited as f64 / visits.sentences.max(1) as f64,
                visits.enabled
            );
        }
    }
}
