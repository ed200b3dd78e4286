//! Measures ownvoice's speed and memory on this machine and prints a Markdown table: cold
//! start (one sentence on stdin), end-to-end throughput of the `ownvoice` binary on generated
//! prose of 2 KB, 200 KB and 2 MB and on real prose of 2 KB and 200 KB, and, in the same run, the naive baseline it is compared
//! with: each engine loaded on its own and run over the whole text as one string, one after
//! the other.
//!
//! ```sh
//! cargo build --release                     # the ownvoice binary that is measured
//! cargo run --release --example bench       # all sizes: the 2 MB runs take minutes
//! cargo run --release --example bench -- --sizes 2k,200k --json after.json --compare before.json
//! ```
//!
//! Every figure comes from a separate process (see `measure.rs`), started in an empty
//! folder with empty configuration, data and cache folders, so no setting, journal or cache
//! changes what is measured. The exception is the re-check of each size: the same file
//! checked again with the result cache the first check filled, and a copy with one paragraph
//! edited. The number of issues and a digest of their rules and spans are
//! printed per size: the text is generated from a fixed seed (`prose.rs`), so a change that
//! alters results shows up, and `--compare` says so. This is a benchmark, not a test: it
//! asserts no timing. Exit status: 0, 1 when `--compare` found different issues on the same
//! text, 2 trouble. `--keep DIR` keeps the texts, for profiling the binary on them.
//!
//! The editor rows drive `ownvoice lsp` over stdio as an editor would (`editor.rs`): the
//! first diagnostics of a 5 KB essay on a cold start, one paragraph of a 200 KB Markdown
//! document changed 20 times, and the server's peak memory.
//! In the same run, `ownvoice serve` is measured too: requests per second for 1 KB paragraphs
//! with 50 clients at once, and the server's peak memory (`serve.rs`).
//!
//! Files: `prose.rs` (and `prose/words.rs`) makes the generated text, `real.rs` reads the
//! real prose (`real-2k`, `real-200k`: the system's licence texts); `measure.rs` runs and measures
//! processes, and is the hidden `--run` and `--naive` modes of this program; `digest.rs`
//! fingerprints results; `report.rs` holds the figures and writes the tables, `compare.rs`
//! the comparison with an earlier run.

// A benchmark program: the table on stdout and progress on stderr are its whole job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod compare;
mod digest;
mod editor;
mod measure;
mod prose;
mod real;
mod report;
mod serve;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use clap::Parser;

use digest::{digest_bytes, issues};
use measure::{NaiveTimes, Output, Sandbox, Usage};
use report::{ColdStart, EndToEnd, NaiveRun, Recheck, Report, SizeFigures};

/// The cold-start input: one short sentence with one mistake.
const SENTENCE: &str = "She speak English with her friends every day.\n";

#[derive(Debug, Parser)]
#[command(about = "Measure ownvoice's cold start, throughput and memory against a naive baseline")]
struct Args {
    /// Text sizes, comma-separated: bytes, with k (1,000) or m (1,000,000).
    /// A size named `real-200k` is real prose (`real.rs`, the system's licence texts) instead
    /// of generated text.
    #[arg(long, value_delimiter = ',', default_value = "2k,200k,2m,real-2k,real-200k", value_parser = parse_size)]
    sizes: Vec<Size>,
    /// Cold-start runs; the median is reported.
    #[arg(long, value_name = "N", default_value_t = 5)]
    runs: usize,
    /// Write every figure as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// A JSON file of an earlier run: show the change, and exit with 1 if the same text gave
    /// different issues.
    #[arg(long, value_name = "FILE")]
    compare: Option<PathBuf>,
    /// Leave out the editor rows (`ownvoice lsp` driven over stdio).
    #[arg(long)]
    no_editor: bool,
    /// Requests sent to `ownvoice serve` for the server row (1 KB paragraphs); 0 skips it.
    #[arg(long, value_name = "N", default_value_t = 500)]
    serve_requests: usize,
    /// Clients asking the server at once.
    #[arg(long, value_name = "N", default_value_t = 50)]
    serve_clients: usize,
    /// Keep the texts and every run's output in this folder (for profiling on the same texts),
    /// instead of a temporary folder removed at the end.
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
}

#[derive(Debug, Clone)]
struct Size {
    label: String,
    bytes: usize,
}

fn parse_size(given: &str) -> Result<Size, String> {
    let label = given.trim().to_lowercase();
    let number = label.strip_prefix(real::PREFIX).unwrap_or(&label);
    let number = number.trim_end_matches('b');
    let (digits, unit) = match number.strip_suffix('k') {
        Some(digits) => (digits, 1_000),
        None => match number.strip_suffix('m') {
            Some(digits) => (digits, 1_000_000),
            None => (number, 1),
        },
    };
    match digits.parse::<usize>() {
        Ok(n) if n * unit >= 100 => Ok(Size {
            label: label.clone(),
            bytes: n * unit,
        }),
        _ => Err(format!(
            "'{given}' is not a size of at least 100 bytes, such as 2k or 2m"
        )),
    }
}

fn main() -> ExitCode {
    let raw: Vec<_> = std::env::args_os().collect();
    // The hidden modes in which the bench starts itself (see `measure.rs`).
    match raw.get(1).and_then(|arg| arg.to_str()) {
        Some("--run") => return measure::runner(&raw[2..]),
        Some("--naive") => return measure::naive(&raw[2..]),
        _ => {}
    }
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::from(2)
        }
    }
}

/// Measures, prints, and returns whether the results agree with `--compare` (if given).
fn run(args: &Args) -> Result<bool, String> {
    let bench = std::env::current_exe().map_err(|e| format!("cannot find myself: {e}"))?;
    let ownvoice = locate_ownvoice(&bench)?;
    let earlier = args.compare.as_deref().map(read_figures).transpose()?;
    // Made even with --keep (and then left empty): it is removed when dropped.
    let temporary = tempfile::Builder::new()
        .prefix("ownvoice-bench-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let root = match &args.keep {
        Some(dir) => std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?,
        None => temporary.path().to_path_buf(),
    };
    let sandbox = Sandbox::new(bench, root)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    eprintln!(
        "bench: {cores} cores; measuring {} in {}",
        ownvoice.display(),
        sandbox.root.display()
    );
    let load_start = load_average();
    let cold_start = cold_start(&sandbox, &ownvoice, args.runs.max(1))?;
    let mut sizes = Vec::new();
    for size in &args.sizes {
        sizes.push(measure_size(&sandbox, &ownvoice, size)?);
    }
    let editor = if args.no_editor {
        None
    } else {
        eprintln!("bench: editor: ownvoice lsp over stdio");
        Some(editor::measure(&sandbox, &ownvoice, args.runs.max(1))?)
    };
    let serve = (args.serve_requests > 0)
        .then(|| {
            serve::measure(
                &sandbox,
                &ownvoice,
                args.serve_requests,
                args.serve_clients.max(1),
            )
        })
        .transpose()?;
    let report = Report {
        cores,
        seed: prose::SEED,
        load: load_start.zip(load_average()),
        cold_start,
        sizes,
        editor,
        serve,
    };
    print!("{}", report.markdown());
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report).expect("figures serialize");
        fs::write(path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("bench: figures written to {}", path.display());
    }
    let Some((path, earlier)) = args.compare.as_ref().zip(earlier) else {
        return Ok(true);
    };
    let (table, same) = report.compare(&earlier, &path.display().to_string());
    print!("{table}");
    Ok(same)
}

/// An earlier run's figures, read before minutes of measuring rather than after.
fn read_figures(path: &Path) -> Result<Report, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `ownvoice` binary beside this one: the bench is `target/release/examples/bench`, the
/// binary `target/release/ownvoice`. Warns when it is older than the sources, since cargo
/// rebuilds the bench, not the binary, before running the bench.
fn locate_ownvoice(bench: &Path) -> Result<PathBuf, String> {
    let release = bench
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot find the target folder")?;
    let ownvoice = release.join(format!("ownvoice{}", std::env::consts::EXE_SUFFIX));
    let Ok(built) = fs::metadata(&ownvoice).and_then(|m| m.modified()) else {
        return Err(format!(
            "the ownvoice binary is missing ({}): run `cargo build --release` first",
            ownvoice.display()
        ));
    };
    let sources = Path::new(env!("CARGO_MANIFEST_DIR"));
    let newest = ["src", "data", "build.rs", "Cargo.toml", "Cargo.lock"]
        .iter()
        .filter_map(|name| newest_file(&sources.join(name)))
        .max();
    if let Some((_, path)) = newest.filter(|(changed, _)| *changed > built) {
        eprintln!(
            "bench: warning: {} changed after {} was built; run `cargo build --release` to \
             measure the current code",
            path.display(),
            ownvoice.display()
        );
    }
    Ok(ownvoice)
}

/// The most recently changed file at or under `path`, with its time.
fn newest_file(path: &Path) -> Option<(SystemTime, PathBuf)> {
    let metadata = fs::metadata(path).ok()?;
    if !metadata.is_dir() {
        return Some((metadata.modified().ok()?, path.to_path_buf()));
    }
    fs::read_dir(path)
        .ok()?
        .filter_map(|entry| newest_file(&entry.ok()?.path()))
        .max()
}

/// The load average over the last minute, where the system says it (Linux).
fn load_average() -> Option<f64> {
    let text = fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// An `ownvoice check` run must end with 0 (no issues) or 1 (issues).
fn expect_check(usage: &Usage, output: &Output, what: &str) -> Result<(), String> {
    match usage.exit {
        Some(0 | 1) => Ok(()),
        exit => Err(format!(
            "{what} ended with {exit:?}: {}",
            output.stderr().trim()
        )),
    }
}

fn cold_start(sandbox: &Sandbox, ownvoice: &Path, runs: usize) -> Result<ColdStart, String> {
    let input = sandbox.root.join("sentence.txt");
    fs::write(&input, SENTENCE).map_err(|e| e.to_string())?;
    eprintln!("bench: cold start: {runs} runs, after one that warms the file cache");
    let args = ["check", "--format", "jsonl", "-"].map(OsStr::new);
    let mut measured = Vec::new();
    for run in 0..=runs {
        let (usage, output) = sandbox.measure(Some(&input), ownvoice, &args)?;
        expect_check(&usage, &output, "ownvoice check -")?;
        if run > 0 {
            eprintln!("bench: cold start {run}/{runs}: {:.3} s", usage.wall_s);
            measured.push((usage, issues(&output.stdout()?)?));
        }
    }
    Ok(ColdStart::new(SENTENCE.trim(), measured))
}

fn measure_size(sandbox: &Sandbox, ownvoice: &Path, size: &Size) -> Result<SizeFigures, String> {
    let text = if size.label.starts_with(real::PREFIX) {
        real::text(size.bytes)?
    } else {
        prose::generate(size.bytes, prose::SEED)
    };
    let path = sandbox.root.join(format!("prose-{}.txt", size.label));
    fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    let label = &size.label;
    eprintln!("bench: {label}: ownvoice check on {} bytes", text.len());
    let args = [
        OsStr::new("check"),
        "--format".as_ref(),
        "jsonl".as_ref(),
        path.as_ref(),
    ];
    // The first check fills a result cache of its own, which the re-checks then use.
    let cache = sandbox.root.join(format!("cache-{label}"));
    let _ = fs::remove_dir_all(&cache);
    let first = end_to_end(sandbox, ownvoice, &args, &cache)?;
    eprintln!(
        "bench: {label}: ownvoice {:.2} s, {} issues",
        first.usage.wall_s, first.issues
    );
    let unchanged = end_to_end(sandbox, ownvoice, &args, &cache)?;
    let edited_path = sandbox.root.join(format!("prose-{label}-edited.txt"));
    fs::write(&edited_path, edit_one_paragraph(&text))
        .map_err(|e| format!("{}: {e}", edited_path.display()))?;
    let edited_args = [
        OsStr::new("check"),
        "--format".as_ref(),
        "jsonl".as_ref(),
        edited_path.as_ref(),
    ];
    let edited = end_to_end(sandbox, ownvoice, &edited_args, &cache)?;
    let _ = fs::remove_dir_all(&cache);
    eprintln!(
        "bench: {label}: re-check unchanged {:.3} s ({} issues), one paragraph edited {:.3} s",
        unchanged.usage.wall_s, unchanged.issues, edited.usage.wall_s
    );
    let recheck = Recheck { unchanged, edited };
    let mut naive = Vec::new();
    for engine in ["nlprule", "harper"] {
        eprintln!("bench: {label}: naive {engine} on the whole text");
        let args = [OsStr::new("--naive"), engine.as_ref(), path.as_ref()];
        let (usage, output) = sandbox.measure(None, &sandbox.bench, &args)?;
        if usage.exit != Some(0) {
            return Err(format!("naive {engine} failed: {}", output.stderr().trim()));
        }
        let times: NaiveTimes = serde_json::from_str(output.stdout()?.trim())
            .map_err(|e| format!("naive {engine}'s report: {e}"))?;
        eprintln!(
            "bench: {label}: naive {engine} {:.2} s load + {:.2} s check",
            times.load_s, times.check_s
        );
        naive.push(NaiveRun {
            engine: engine.to_string(),
            times,
            usage,
        });
    }
    let mut figures = SizeFigures::new(
        label.clone(),
        text.len(),
        digest_bytes(text.as_bytes()),
        first,
        naive,
    );
    figures.recheck = Some(recheck);
    Ok(figures)
}

/// One `ownvoice check` run with the result cache in `cache`, and the issues it reported.
fn end_to_end(
    sandbox: &Sandbox,
    ownvoice: &Path,
    args: &[&OsStr],
    cache: &Path,
) -> Result<EndToEnd, String> {
    let (usage, output) = sandbox.measure_cached(None, ownvoice, args, cache)?;
    expect_check(&usage, &output, "ownvoice check")?;
    let (issues, digest) = issues(&output.stdout()?)?;
    Ok(EndToEnd {
        usage,
        issues,
        digest,
    })
}

/// The text with one sentence added at the start of the paragraph nearest its middle, as a
/// writer edits one paragraph between two checks.
fn edit_one_paragraph(text: &str) -> String {
    let middle = text.len() / 2;
    let after = text.as_bytes()[middle..]
        .windows(2)
        .position(|pair| pair == b"\n\n");
    let at = after.map_or(0, |i| middle + i + 2);
    format!(
        "{}This sentence was added after the first check. {}",
        &text[..at],
        &text[at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_decimal_units() {
        let bytes = |s: &str| parse_size(s).map(|size| size.bytes);
        assert_eq!(bytes("2k"), Ok(2_000));
        assert_eq!(bytes("200KB"), Ok(200_000));
        assert_eq!(bytes("2m"), Ok(2_000_000));
        assert_eq!(bytes("500"), Ok(500));
        assert_eq!(bytes("real-200k"), Ok(200_000));
        assert!(bytes("2g").is_err() && bytes("10").is_err());
    }
}
