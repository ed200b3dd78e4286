//! Builds the statistical signal's model, `data/signal.bin`, from native English prose.
//!
//! It reads the text files and folders it is given (Project Gutenberg books, WikiExtractor
//! output: see `corpus.rs`), analyses every paragraph with the same nlprule tokenizer,
//! tagger and chunker the checker uses, collects each place of choice with its features
//! (`ownvoice::engine::signal::features::sites`, the checker's own function), trains one
//! model per task (`train.rs`) and writes them quantized. Every `--holdout`-th paragraph is
//! kept out of training; on those the program reports how often the model agrees with the
//! native writer and how often it would flag native text at the checker's thresholds.
//!
//! The text is never part of the repository: `examples/signal/README.md` names the sources
//! (repositories, commits, licences) and `examples/signal/get-corpus.sh` brings them.
//!
//! ```sh
//! examples/signal/get-corpus.sh /tmp/corpus
//! RAYON_NUM_THREADS=2 nice cargo run --release --example signal -- /tmp/corpus
//! ```

// A build program: its progress report on stderr is its whole interface.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod corpus;
mod sites;
mod train;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Parser;
use ownvoice::engine::nlprule::Nlprule;
use ownvoice::engine::signal::features::{self, Site, TASKS};
use ownvoice::engine::signal::model;
use ownvoice::engine::{Defaults, RuleSelection};
use rayon::prelude::*;

#[derive(Debug, Parser)]
#[command(about = "Train the statistical signal's model from native English prose")]
struct Args {
    /// Text files, or folders searched for them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "data/signal.bin")]
    out: PathBuf,
    /// Bits of a feature hash (the model has 2^bits rows per task).
    #[arg(long, default_value_t = 19)]
    bits: u32,
    /// Passes over the training data.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Learning rate of the first pass.
    #[arg(long, default_value_t = 0.05)]
    rate: f32,
    /// Keep every Nth paragraph out of training, to measure the model.
    #[arg(long, default_value_t = 50)]
    holdout: usize,
    /// Only the first N paragraphs (for a quick try).
    #[arg(long)]
    limit: Option<usize>,
    /// Keep the analysed sites in this file: read them from it when it exists (training
    /// again with other settings then takes minutes, not the hour the analysis takes),
    /// write them to it otherwise. Delete it after changing the features.
    #[arg(long, value_name = "FILE")]
    sites: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("signal: {e}");
            ExitCode::from(2)
        }
    }
}

fn files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        entries.sort();
        for entry in entries {
            files(&entry, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn run(args: &Args) -> Result<(), String> {
    let clock = Instant::now();
    let engine = Nlprule::load(&RuleSelection::default(), &Defaults::builtin())
        .map_err(|e| e.to_string())?;
    let (training, held) = match &args.sites {
        Some(path) if path.exists() => sites::read(path)?,
        _ => {
            let (training, held) = analyse(args, engine.tokenizer(), &clock)?;
            if let Some(path) = &args.sites {
                sites::write(path, &training, &held)?;
            }
            (training, held)
        }
    };
    let mut tables = Vec::new();
    for task in TASKS {
        let data = &training[task as usize];
        eprintln!("{task:?}: {} sites, training", data.len());
        let choices = task.choices().len();
        let weights = train::train(data, choices, args.bits, args.epochs, args.rate);
        report(task, &held[task as usize], &weights, choices);
        tables.push(weights);
    }
    let bytes = model::write(args.bits, &tables);
    std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        clock.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Reads the inputs' paragraphs and analyses them: the sites of each task, for training and
/// held out.
fn analyse(
    args: &Args,
    tokenizer: &nlprule::Tokenizer,
    clock: &Instant,
) -> Result<(Vec<train::Data>, Vec<train::Data>), String> {
    let mut paths = Vec::new();
    for input in &args.inputs {
        files(input, &mut paths)?;
    }
    let mut paragraphs = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        paragraphs.extend(corpus::paragraphs(path, &String::from_utf8_lossy(&bytes)));
    }
    if let Some(limit) = args.limit {
        paragraphs.truncate(limit);
    }
    let words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    eprintln!(
        "{} files, {} paragraphs, {words} words",
        paths.len(),
        paragraphs.len()
    );
    let done = AtomicUsize::new(0);
    let analysed: Vec<Vec<Site>> = paragraphs
        .par_iter()
        .map(|paragraph| {
            let sites: Vec<Site> = tokenizer
                .pipe(paragraph)
                .flat_map(|sentence| features::sites(&sentence, args.bits))
                .collect();
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(20_000) {
                eprintln!(
                    "  {n} paragraphs analysed, {:.0} s",
                    clock.elapsed().as_secs_f64()
                );
            }
            sites
        })
        .collect();
    let mut training: Vec<train::Data> = TASKS.iter().map(|_| train::Data::default()).collect();
    let mut held: Vec<train::Data> = TASKS.iter().map(|_| train::Data::default()).collect();
    for (i, sites) in analysed.iter().enumerate() {
        let data = if args.holdout > 0 && i % args.holdout == 0 {
            &mut held
        } else {
            &mut training
        };
        for site in sites {
            data[site.task as usize].push(site);
        }
    }
    Ok((training, held))
}

/// How the model does on held-out native text: agreement with the writer, and how often a
/// native choice would look rare (at most 2 %) while another looks usual (at least 95 %).
fn report(task: features::Task, held: &train::Data, weights: &[f32], choices: usize) {
    let mut agree = 0;
    let mut alarms = 0;
    for i in 0..held.len() {
        let (features, written) = held.site(i);
        let p = train::predict(weights, choices, features);
        let best = (0..choices)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]))
            .unwrap_or(0);
        if written & (1 << best) != 0 {
            agree += 1;
        }
        let mass: f32 = (0..choices)
            .filter(|c| written & (1 << c) != 0)
            .map(|c| p[c])
            .sum();
        let other = (0..choices)
            .filter(|c| written & (1 << c) == 0)
            .map(|c| p[c])
            .fold(0.0, f32::max);
        if mass <= 0.02 && other >= 0.95 {
            alarms += 1;
        }
    }
    let n = held.len().max(1) as f64;
    eprintln!(
        "  {task:?} held out: {} sites, the writer's choice is the model's first {:.1} %, \
         false alarms {:.2} per 1000 sites",
        held.len(),
        100.0 * agree as f64 / n,
        1000.0 * alarms as f64 / n
    );
}
