//! Measures how well ownvoice finds learner mistakes, on M2 files (BEA-2019, FCE,
//! CoNLL-2014) and a JFLEG directory, running the same code as `ownvoice check`: the library's
//! engines (`Engines::load` with a `RuleSelection`), then `ownvoice::check`.
//!
//! The metrics mirror the Python reference in `../shared/eval/tools/` (`gecflags.py`,
//! `eval_m2.py`, `eval_jfleg.py`) so that both give the same figures: sentences are
//! detokenized the same way, joined with a blank line and checked as one text, and a flag is
//! correct when its character span overlaps a gold edit of any annotator. This is detection,
//! not correction: suggested replacements are never looked at. It does not combine engines,
//! cache flags or exclude rules (the Python tools do); use `--flags` and a script for that.
//!
//! This file is the command: its arguments, loading the engine, choosing the evaluation and
//! writing the `--json` and `--flags` files. The rest, in the order data flows:
//!
//! - `corpus.rs`: reading the data: corpus tokens to text, M2 edits to character spans;
//! - `check.rs`: running the checker over sentences and locating each flag in its sentence;
//! - `score.rs`: scoring flags against gold edits;
//! - `m2.rs` and `jfleg.rs`: one evaluation each, printing its report on stdout;
//! - `across.rs`: with several files, each rule's figures side by side and whether it holds
//!   on each file separately.
//!
//! The scoring functions are pure (flags and gold edits in, figures out), so the tests beside
//! them need neither the engine nor the evaluation data.
//!
//! ```sh
//! cargo run --release --example evaluate -- ../shared/eval/bea2019-dev.m2
//! cargo run --release --example evaluate -- --jfleg ../shared/eval/jfleg-dev
//! cargo run --release --example evaluate -- ../shared/eval/{bea2019-dev,wi-train-A}.m2 \
//!     --jfleg ../shared/eval/jfleg-dev
//! ```

// An evaluation program: the report on stdout and progress on stderr are its whole job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod across;
mod check;
mod corpus;
mod jfleg;
mod m2;
mod score;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use std::{fs, io::Write};

use clap::Parser;
use ownvoice::cli::RuleArgs;
use ownvoice::dictionary::Personal;
use ownvoice::engine::Engines;
use ownvoice::engine::learner::Learner;

#[derive(Debug, Parser)]
#[command(about = "Measure ownvoice's detection accuracy on M2 files and a JFLEG directory")]
#[command(group = clap::ArgGroup::new("input").required(true).multiple(true).args(["m2", "jfleg"]))]
struct Args {
    /// M2 files (S and A lines), each scored on its own; with more than one file (or with
    /// --jfleg), a table of every rule on each file follows.
    m2: Vec<PathBuf>,
    /// A JFLEG directory holding src.txt and ref0.txt .. ref3.txt (detokenized).
    #[arg(long, value_name = "DIR")]
    jfleg: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Our own rules from this file instead of the built-in `data/learner.toml`, to measure
    /// a draft rule without a rebuild (same format; its examples are not run).
    #[arg(long, value_name = "FILE")]
    learner: Option<PathBuf>,
    /// Only the first N sentences.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// How many gold error types to show, most frequent first.
    #[arg(long, value_name = "N", default_value_t = 15)]
    top_types: usize,
    /// Write all figures as JSON to this file: `m2` (one object per file), `jfleg` and
    /// `rules` (each rule on every file).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write every flag as a JSON line (sentence, start, end in chars, rule, category).
    #[arg(long, value_name = "FILE")]
    flags: Option<PathBuf>,
}

/// What an evaluation returns: its figures, for `--json`, and one JSON value per flag, for
/// `--flags`.
type Outcome = (serde_json::Value, Vec<serde_json::Value>);

/// A file's name without its extension, for column headers.
fn short_name(path: &std::path::Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("evaluate: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    // From the flags alone: configuration files, the user's or a project's, must not change
    // figures.
    let selection = args.rules.selection();
    let clock = Instant::now();
    // The engines `ownvoice check` loads, with the same selection: same rules, same code.
    let mut engine = Engines::load(&selection).map_err(|e| e.to_string())?;
    // Only the dictionaries named here: a user's own dictionary.txt must not change figures.
    let mut personal = Personal::default();
    for path in &args.rules.dictionary {
        personal.read(path).map_err(|e| e.to_string())?;
    }
    if let Some(harper) = &mut engine.harper {
        harper.personal = personal;
    }
    if let Some(path) = &args.learner {
        let source = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let learner = Learner::from_source(&source, &selection)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        engine.nlprule.set_learner(learner);
    }
    eprintln!("engine loaded in {:.1} s", clock.elapsed().as_secs_f64());
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut figures = serde_json::json!({ "m2": [], "selection": { "all_rules":
        selection.all_rules, "enable": selection.enable, "disable": selection.disable } });
    let (mut flags, mut names, mut rules) = (Vec::new(), Vec::new(), Vec::new());
    for (i, path) in args.m2.iter().enumerate() {
        if i > 0 {
            println!();
        }
        let ((file, file_flags), file_rules) = m2::evaluate(&engine, path, limit, args.top_types)?;
        figures["m2"].as_array_mut().expect("an array").push(file);
        flags.extend(file_flags);
        names.push(short_name(path));
        rules.push(file_rules);
    }
    let mut references = None;
    if let Some(dir) = &args.jfleg {
        if !args.m2.is_empty() {
            println!();
        }
        let (file, file_flags) = jfleg::evaluate(&engine, dir, limit)?;
        figures["jfleg"] = file;
        references = Some(jfleg::reference_flags(&file_flags));
        flags.extend(file_flags);
    }
    if args.m2.len() + usize::from(args.jfleg.is_some()) > 1 {
        let rows = across::rows(&rules, references.as_ref());
        println!(
            "\nRules on each file (holds: >= {:.0} % right on every file with {} flags or more):\n",
            100.0 * across::PRECISION,
            across::ENOUGH
        );
        print!("{}", across::table(&names, &rows));
        figures["rules"] = serde_json::to_value(&rows).expect("rows serialize");
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&figures).expect("figures serialize");
        fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &args.flags {
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(fs::File::create(path)?);
            for flag in &flags {
                serde_json::to_writer(&mut out, flag)?;
                out.write_all(b"\n")?;
            }
            out.flush()
        };
        write().map_err(|e| format!("{}: {e}", path.display()))?;
    }
    // As in `ownvoice check`: freeing the engine's tables would only slow down the exit.
    std::mem::forget(engine);
    Ok(())
}
