//! Measures how well ownvoice finds learner mistakes, on an M2 file (BEA-2019, FCE,
//! CoNLL-2014) or a JFLEG directory, running the same code as `ownvoice check`: the library's
//! engines (`Engines::load` with a `RuleSelection`), then `ownvoice::check`.
//!
//! The metrics mirror the Python reference in `../shared/eval/tools/` (`gecflags.py`,
//! `eval_m2.py`, `eval_jfleg.py`) so that both give the same figures: sentences are
//! detokenized the same way, joined with a blank line and checked as one text, and a flag is
//! correct when its character span overlaps a gold edit of any annotator. This is detection,
//! not correction: suggested replacements are never looked at. It does not combine engines,
//! cache flags or exclude rules (the Python tools do); use `--flags` and a script for that.
//!
//! The scoring functions are pure (flags and gold edits in, figures out), so the tests below
//! need neither the engine nor the evaluation data.
//!
//! ```sh
//! cargo run --release --example evaluate -- ../shared/eval/bea2019-dev.m2
//! cargo run --release --example evaluate -- --jfleg ../shared/eval/jfleg-dev
//! ```

// An evaluation program: the report on stdout and progress on stderr are its whole job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use std::{fs, io::Write};

use clap::Parser;
use ownvoice::cli::RuleArgs;
use ownvoice::dictionary::Personal;
use ownvoice::engine::{Checker, Engines};
use serde::Serialize;

/// Between two sentences of the checked text: a blank line, so each is its own paragraph.
const SEP: &str = "\n\n";

#[derive(Debug, Parser)]
#[command(about = "Measure ownvoice's detection accuracy on an M2 file or a JFLEG directory")]
#[command(group = clap::ArgGroup::new("input").required(true).args(["m2", "jfleg"]))]
struct Args {
    /// An M2 file (S and A lines).
    m2: Option<PathBuf>,
    /// A JFLEG directory holding src.txt and ref0.txt .. ref3.txt (detokenized).
    #[arg(long, value_name = "DIR")]
    jfleg: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Only the first N sentences.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// How many gold error types to show, most frequent first.
    #[arg(long, value_name = "N", default_value_t = 15)]
    top_types: usize,
    /// Write all figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write every flag as a JSON line (sentence, start, end in chars, rule, category).
    #[arg(long, value_name = "FILE")]
    flags: Option<PathBuf>,
}

/// One flag, located in its sentence by character offsets (end-exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Flag {
    sentence: usize,
    start: usize,
    end: usize,
    rule: String,
    category: String,
}

/// One gold edit of one annotator, as a character span of its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    annotator: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Sentence {
    text: String,
    gold: Vec<Gold>,
}

// ------------------------------------------------------------------------------ corpus text

/// Tokens that attach to the word before them, as in `gecflags._NO_SPACE_BEFORE`.
const NO_SPACE_BEFORE: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "...", "..", "''", "n't", "'s", "'re", "'ve",
    "'d", "'ll", "'m", "'S", "'RE", "'VE", "'D", "'LL", "'M", "N'T", "’s", "’re", "’ve", "’d",
    "’ll", "’m", "n’t",
];
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "#"];

/// Joins corpus tokens into natural text like `gecflags.detokenize`: the text and each
/// token's character span in it. Straight double quotes alternate between opening and closing.
fn detokenize(tokens: &[&str]) -> (String, Vec<(usize, usize)>) {
    let (mut text, mut spans, mut pos) = (String::new(), Vec::new(), 0);
    let (mut quote_open, mut no_space_next) = (false, true);
    for (i, &token) in tokens.iter().enumerate() {
        let attach = no_space_next
            || NO_SPACE_BEFORE.contains(&token)
            || (token.starts_with('\'') && NO_SPACE_BEFORE.contains(&&*token.to_lowercase()))
            || (token == "\"" && quote_open);
        if !attach && i > 0 {
            text.push(' ');
            pos += 1;
        }
        let len = token.chars().count(); // Python's len(): characters, not bytes
        spans.push((pos, pos + len));
        text.push_str(token);
        pos += len;
        no_space_next = NO_SPACE_AFTER.contains(&token);
        if token == "\"" {
            no_space_next |= !quote_open;
            quote_open = !quote_open;
        }
    }
    (text, spans)
}

/// Parses an M2 file like `eval_m2.read_m2`: noop edits (and `-1 -1` spans) are dropped, UNK
/// edits are kept, and each edit becomes a character span of the detokenized sentence.
fn parse_m2(source: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for block in lines.split(|line| line.trim().is_empty()) {
        let Some(first) = block.first() else { continue };
        let tokens: Vec<&str> = first
            .strip_prefix("S ")
            .map(|s| s.split(' ').filter(|t| !t.is_empty()).collect())
            .unwrap_or_default();
        let (text, spans) = detokenize(&tokens);
        let mut gold = Vec::new();
        for line in block[1..].iter().filter_map(|l| l.strip_prefix("A ")) {
            let bad = || format!("bad edit line: A {line}");
            let parts: Vec<&str> = line.split("|||").collect();
            let range: Vec<i64> = parts[0].split_whitespace().flat_map(str::parse).collect();
            let (&[s, e], Some(kind), Some(annotator)) = (&range[..], parts.get(1), parts.last())
            else {
                return Err(bad());
            };
            let annotator = annotator.trim().parse().map_err(|_| bad())?;
            if *kind == "noop" || s < 0 || spans.is_empty() {
                continue;
            }
            let (start, end) = gold_span(s as usize, e as usize, &spans).ok_or_else(bad)?;
            gold.push(Gold {
                start,
                end,
                kind: kind.to_string(),
                annotator,
            });
        }
        sentences.push(Sentence { text, gold });
    }
    Ok(sentences)
}

/// An edit over tokens [s, e) covers their characters; a missing-word edit (s == e) gets the
/// span of both neighbouring tokens (the reference's default `--ins-adjacent both`), so a flag
/// on either word around the gap finds it.
fn gold_span(s: usize, e: usize, spans: &[(usize, usize)]) -> Option<(usize, usize)> {
    let n = spans.len();
    if e > s {
        return Some((spans.get(s)?.0, spans[e.min(n) - 1].1));
    }
    let prev = (s > 0 && s <= n).then(|| spans[s - 1]);
    let next = spans.get(s).copied();
    Some((prev.or(next)?.0, next.or(prev)?.1))
}

/// Character-span overlap, as `gecflags.overlaps`: an empty span [p, p) overlaps [a, b) when
/// a <= p <= b, so an insertion point touching a word counts.
fn overlaps(a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> bool {
    match (a_start == a_end, b_start == b_end) {
        (true, true) => a_start == b_start,
        (true, false) => b_start <= a_start && a_start <= b_end,
        (false, true) => a_start <= b_start && b_start <= a_end,
        (false, false) => a_start < b_end && b_start < a_end,
    }
}

// ---------------------------------------------------------------------------------- scoring

/// Counts per key in the order keys were first seen; sorting by count keeps that order for
/// ties, as Python's stable sorts and `Counter.most_common` do.
#[derive(Debug, Default)]
struct Tallies {
    index: HashMap<String, usize>,
    rows: Vec<Tally>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Tally {
    name: String,
    total: usize,
    hits: usize,
    /// hits / total: precision for flags, recall for gold edits.
    rate: f64,
}

impl Tallies {
    fn add(&mut self, name: &str, hit: bool) {
        let at = *self.index.entry(name.to_string()).or_insert_with(|| {
            self.rows.push(Tally {
                name: name.to_string(),
                total: 0,
                hits: 0,
                rate: 0.0,
            });
            self.rows.len() - 1
        });
        self.rows[at].total += 1;
        self.rows[at].hits += usize::from(hit);
    }

    fn sorted(mut self) -> Vec<Tally> {
        self.rows.sort_by_key(|row| Reverse(row.total)); // stable: ties keep their order
        for row in &mut self.rows {
            row.rate = row.hits as f64 / row.total as f64;
        }
        self.rows
    }
}

#[derive(Debug, Serialize)]
struct Scores {
    sentences: usize,
    gold_edits: usize,
    flags: usize,
    correct_flags: usize,
    precision: f64,
    recall_macro: f64,
    recall_pooled: f64,
    f05_macro: f64,
    flags_per_100_sentences: f64,
    sentences_with_errors: usize,
    sentences_with_errors_flagged_pct: f64,
    clean_sentences: usize,
    clean_sentences_flagged_pct: f64,
    per_annotator: Vec<Tally>,
    types: Vec<Tally>,
    rules: Vec<Tally>,
    categories: Vec<Tally>,
}

/// Scores flags against gold edits exactly as `eval_m2.evaluate` does. `flags` may come in
/// any order; each names its sentence.
fn score(sentences: &[Sentence], flags: &[Flag]) -> Scores {
    let mut by_sentence: Vec<Vec<&Flag>> = vec![Vec::new(); sentences.len()];
    for flag in flags {
        by_sentence[flag.sentence].push(flag);
    }
    let (mut rules, mut categories, mut types) =
        (Tallies::default(), Tallies::default(), Tallies::default());
    let (mut annotators, mut correct) = (BTreeMap::<i64, (usize, usize)>::new(), 0);
    let [mut errors, mut errors_flagged, mut clean, mut clean_flagged] = [0; 4];
    for (sentence, flags) in sentences.iter().zip(&by_sentence) {
        for flag in flags {
            let ok = sentence
                .gold
                .iter()
                .any(|g| overlaps(flag.start, flag.end, g.start, g.end));
            correct += usize::from(ok);
            rules.add(&flag.rule, ok);
            categories.add(&flag.category, ok);
        }
        for gold in &sentence.gold {
            let hit = flags
                .iter()
                .any(|f| overlaps(f.start, f.end, gold.start, gold.end));
            let tally = annotators.entry(gold.annotator).or_default();
            tally.0 += 1;
            tally.1 += usize::from(hit);
            types.add(&gold.kind, hit);
        }
        let (with, flagged) = if sentence.gold.is_empty() {
            (&mut clean, &mut clean_flagged)
        } else {
            (&mut errors, &mut errors_flagged)
        };
        *with += 1;
        *flagged += usize::from(!flags.is_empty());
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let per_annotator: Vec<Tally> = annotators
        .iter()
        .map(|(a, &(total, hits))| Tally {
            name: a.to_string(),
            total,
            hits,
            rate: ratio(hits, total),
        })
        .collect();
    // The reference averages the per-annotator recalls after rounding them to 4 places.
    let round4 = |x: f64| (x * 1e4).round() / 1e4;
    let recall_macro =
        ratio(1, per_annotator.len()) * per_annotator.iter().map(|t| round4(t.rate)).sum::<f64>();
    let (edits, found) = per_annotator
        .iter()
        .fold((0, 0), |(e, f), t| (e + t.total, f + t.hits));
    let precision = ratio(correct, flags.len());
    Scores {
        sentences: sentences.len(),
        gold_edits: edits,
        flags: flags.len(),
        correct_flags: correct,
        precision,
        recall_macro,
        recall_pooled: ratio(found, edits),
        f05_macro: f05(precision, recall_macro),
        flags_per_100_sentences: pct(flags.len(), sentences.len()),
        sentences_with_errors: errors,
        sentences_with_errors_flagged_pct: pct(errors_flagged, errors),
        clean_sentences: clean,
        clean_sentences_flagged_pct: pct(clean_flagged, clean),
        per_annotator,
        types: types.sorted(),
        rules: rules.sorted(),
        categories: categories.sorted(),
    }
}

/// A percentage, NaN when there is nothing to count (as `gecflags.pct`).
fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn f05(p: f64, r: f64) -> f64 {
    if p == 0.0 || r == 0.0 {
        0.0
    } else {
        1.25 * p * r / (0.25 * p + r)
    }
}

// ----------------------------------------------------------------------------------- engine

/// Checks the segments joined by [`SEP`] with `ownvoice::check`, as `ownvoice check` would
/// check that text, and maps each issue back to the segment holding its start (as
/// `gecflags.Engine.run_segments`: a flag starting in a separator is dropped, one crossing
/// into the next segment is clipped).
fn flag_segments(engine: &dyn Checker, segments: &[String]) -> Vec<Flag> {
    let doc = segments.join(SEP);
    let checked = ownvoice::check(&doc, engine);
    for failure in &checked.failures {
        eprintln!(
            "warning: not checked (byte {}): {}",
            failure.span.start, failure.error
        );
    }
    let mut char_at = vec![0; doc.len() + 1]; // byte offset -> char offset
    let mut chars = 0;
    for (byte, c) in doc.char_indices() {
        char_at[byte..byte + c.len_utf8()].fill(chars);
        chars += 1;
    }
    char_at[doc.len()] = chars;
    let spans = checked.issues.iter().map(|issue| {
        let (s, e) = (char_at[issue.span.start], char_at[issue.span.end]);
        (s, e, issue.rule.clone(), issue.explanation.category.clone())
    });
    let lengths: Vec<usize> = segments.iter().map(|s| s.chars().count()).collect();
    assign(&lengths, spans)
}

/// Maps flags on the joined text (char offsets) to their segments, given segment lengths.
fn assign(
    lengths: &[usize],
    spans: impl Iterator<Item = (usize, usize, String, String)>,
) -> Vec<Flag> {
    let mut starts = Vec::with_capacity(lengths.len());
    let mut pos = 0;
    for len in lengths {
        starts.push(pos);
        pos += len + SEP.chars().count();
    }
    let (mut flags, mut dropped, mut clipped) = (Vec::new(), 0, 0);
    for (start, end, rule, category) in spans {
        let sentence = starts.partition_point(|&s| s <= start).wrapping_sub(1);
        let Some(&len) = lengths.get(sentence) else {
            continue;
        };
        let (s, e) = (start - starts[sentence], end - starts[sentence]);
        if s > len || (s == len && len > 0 && end > start) {
            dropped += 1;
            continue;
        }
        clipped += usize::from(e > len);
        flags.push(Flag {
            sentence,
            start: s,
            end: e.min(len),
            rule,
            category,
        });
    }
    if dropped + clipped > 0 {
        eprintln!("warning: {dropped} flags dropped in separators, {clipped} clipped");
    }
    flags
}

// ------------------------------------------------------------------------------------- main

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
    eprintln!("engine loaded in {:.1} s", clock.elapsed().as_secs_f64());
    let limit = args.limit.unwrap_or(usize::MAX);
    let (figures, flags) = match (&args.m2, &args.jfleg) {
        (Some(path), _) => m2(&engine, path, limit, args.top_types)?,
        (None, Some(dir)) => jfleg(&engine, dir, limit)?,
        (None, None) => unreachable!("clap requires one input"),
    };
    let mut figures = figures;
    figures["selection"] = serde_json::json!({ "all_rules": selection.all_rules,
        "enable": selection.enable, "disable": selection.disable });
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

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

type Outcome = (serde_json::Value, Vec<serde_json::Value>);

fn m2(engine: &dyn Checker, path: &Path, limit: usize, top: usize) -> Result<Outcome, String> {
    let mut sentences = parse_m2(&read(path)?)?;
    sentences.truncate(limit);
    let clock = Instant::now();
    let texts: Vec<String> = sentences.iter().map(|s| s.text.clone()).collect();
    let flags = flag_segments(engine, &texts);
    eprintln!(
        "checked {} sentences in {:.1} s",
        texts.len(),
        clock.elapsed().as_secs_f64()
    );
    let r = score(&sentences, &flags);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "M2 {name}: {} sentences, {} gold edits (all annotators)\n",
        r.sentences, r.gold_edits
    );
    // The counts make agreement with other tools checkable beyond the rounding.
    println!(
        "| flags | correct | edits found | flags/100 sent. | precision | recall (macro) \
         | recall (pooled) | F0.5 | err. sent. flagged % | clean sent. flagged % |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let found: usize = r.per_annotator.iter().map(|t| t.hits).sum();
    println!(
        "| {} | {} | {found} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
        r.flags,
        r.correct_flags,
        r.flags_per_100_sentences,
        100.0 * r.precision,
        100.0 * r.recall_macro,
        100.0 * r.recall_pooled,
        100.0 * r.f05_macro,
        r.sentences_with_errors_flagged_pct,
        r.clean_sentences_flagged_pct
    );
    table(
        "Recall by annotator",
        "annotator | edits | found | recall %",
        &r.per_annotator,
    );
    let title = format!("Recall by gold error type (top {top}, pooled annotators)");
    table(
        &title,
        "type | edits | found | recall %",
        &r.types[..top.min(r.types.len())],
    );
    table(
        "Precision by rule",
        "rule | flags | correct | precision %",
        &r.rules,
    );
    table(
        "Precision by category",
        "category | flags | correct | precision %",
        &r.categories,
    );
    let flags = flags.iter().map(|f| {
        let gold = &sentences[f.sentence].gold;
        let correct = gold
            .iter()
            .any(|g| overlaps(f.start, f.end, g.start, g.end));
        serde_json::json!({ "sentence": f.sentence, "start": f.start, "end": f.end,
            "rule": f.rule, "category": f.category, "correct": correct })
    });
    let figures = serde_json::json!({ "m2": path, "scores": r });
    Ok((figures, flags.collect()))
}

fn table(title: &str, header: &str, rows: &[Tally]) {
    println!("\n{title}:\n\n| {header} |\n|---|---|---|---|");
    for t in rows {
        println!(
            "| {} | {} | {} | {:.1} |",
            t.name,
            t.total,
            t.hits,
            100.0 * t.rate
        );
    }
}

/// Flag rates per JFLEG file, as `eval_jfleg.py --no-detok` (the files are detokenized).
fn jfleg(engine: &dyn Checker, dir: &Path, limit: usize) -> Result<Outcome, String> {
    let mut files = vec![("src".to_string(), read(&dir.join("src.txt"))?)];
    for i in 0..4 {
        if let Ok(text) = fs::read_to_string(dir.join(format!("ref{i}.txt"))) {
            files.push((format!("ref{i}"), text));
        }
    }
    let retoken = |line: &str| detokenize(&line.split_whitespace().collect::<Vec<_>>()).0;
    let (mut rows, mut all_flags, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for (name, text) in &files {
        let lines: Vec<String> = text
            .lines()
            .take(limit)
            .map(|l| l.trim().to_string())
            .collect();
        if name == "ref0" {
            let src = files[0].1.lines().map(retoken);
            changed = src
                .zip(text.lines().map(retoken))
                .map(|(a, b)| a != b)
                .collect();
        }
        let clock = Instant::now();
        let flags = flag_segments(engine, &lines);
        eprintln!(
            "{name}: {} sentences in {:.1} s",
            lines.len(),
            clock.elapsed().as_secs_f64()
        );
        rows.push((name.clone(), lines.len(), flags));
    }
    // Share of sentences flagged at least once (of those `keep` selects), and flags per 100.
    let rate = |flags: &[Flag], n: usize, keep: &dyn Fn(usize) -> bool| {
        let mut flagged: Vec<usize> = flags
            .iter()
            .map(|f| f.sentence)
            .filter(|&i| keep(i))
            .collect();
        let count = flagged.len();
        flagged.dedup();
        let n = (0..n).filter(|&i| keep(i)).count();
        serde_json::json!({ "sentences": n, "flagged": flagged.len(), "flagged_pct": pct(flagged.len(), n),
            "flags": count, "flags_per_100": pct(count, n) })
    };
    let mut figures = serde_json::json!({ "jfleg": dir, "files": {} });
    let (mut head, mut cells, mut breakdown) = (String::from("|"), String::from("|"), Vec::new());
    for (name, n, flags) in &rows {
        let r = rate(flags, *n, &|_| true);
        head += &format!(" {name} flagged % | {name} flags/100 |");
        cells += &format!(
            " {:.1} | {:.1} |",
            r["flagged_pct"].as_f64().unwrap_or(f64::NAN),
            r["flags_per_100"].as_f64().unwrap_or(f64::NAN)
        );
        let mut categories = Tallies::default();
        flags
            .iter()
            .for_each(|f| categories.add(&f.category, false));
        let top: Vec<String> = categories
            .sorted()
            .iter()
            .map(|t| format!("{} {}", t.name, t.total))
            .collect();
        breakdown.push(format!("{name}: flags by category: {}", top.join(", ")));
        figures["files"][name] = r;
        all_flags.extend(flags.iter().map(|f| {
            let mut line = serde_json::to_value(f).expect("flags serialize");
            line["file"] = name.as_str().into();
            line
        }));
    }
    if !changed.is_empty() {
        let src = &rows[0];
        for (label, want) in [("changed by ref0", true), ("unchanged", false)] {
            let keep = |i: usize| changed.get(i) == Some(&want);
            let r = rate(&src.2, src.1, &keep);
            head += &format!(" src flagged % ({label}) |");
            cells += &format!(" {:.1} |", r["flagged_pct"].as_f64().unwrap_or(f64::NAN));
            figures[format!("src_{}", label.replace(' ', "_"))] = r;
        }
    }
    println!("JFLEG {}: {} sentences\n", dir.display(), rows[0].1);
    println!(
        "{head}\n|{}\n{cells}\n",
        "---|".repeat(head.matches('|').count() - 1)
    );
    println!("{}", breakdown.join("\n"));
    Ok((figures, all_flags))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two annotators (0 and 1); an insertion edit (`3 3`), noop lines, a sentence with no
    /// edit lines at all.
    const M2: &str = "\
S He go to school yesterday .
A 1 2|||R:VERB:SVA|||goes|||REQUIRED|||-NONE-|||0
A 1 2|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||1
A 3 3|||M:DET|||the|||REQUIRED|||-NONE-|||1

S I do n't like \" apples \" .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||1

S She have a cats .
A 1 2|||R:VERB:SVA|||has|||REQUIRED|||-NONE-|||0
A 3 4|||R:NOUN:NUM|||cat|||REQUIRED|||-NONE-|||0
A 2 3|||U:DET||||||REQUIRED|||-NONE-|||1

S Thanks .
";

    fn flag(sentence: usize, start: usize, end: usize, rule: &str, category: &str) -> Flag {
        Flag {
            sentence,
            start,
            end,
            rule: rule.into(),
            category: category.into(),
        }
    }

    fn rows(tallies: &[Tally]) -> Vec<(&str, usize, usize)> {
        tallies
            .iter()
            .map(|t| (t.name.as_str(), t.total, t.hits))
            .collect()
    }

    #[test]
    fn m2_edits_become_char_spans_and_noops_are_dropped() {
        let sentences = parse_m2(M2).unwrap();
        assert_eq!(sentences.len(), 4);
        assert_eq!(sentences[0].text, "He go to school yesterday.");
        let spans: Vec<(usize, usize)> =
            sentences[0].gold.iter().map(|g| (g.start, g.end)).collect();
        // "go" twice; the missing "the" spans "to school", both neighbours of the gap.
        assert_eq!(spans, [(3, 5), (3, 5), (6, 15)]);
        assert!(sentences[1].gold.is_empty() && sentences[3].gold.is_empty());
        assert_eq!(
            sentences[2].gold[2],
            Gold {
                start: 9,
                end: 10,
                kind: "U:DET".into(),
                annotator: 1
            }
        );
        assert!(parse_m2("S a\nA 1|||R:X|||b|||REQUIRED|||-NONE-|||0\n").is_err());
    }

    #[test]
    fn scores_match_a_hand_count() {
        let sentences = parse_m2(M2).unwrap();
        let flags = [
            flag(0, 3, 5, "A", "grammar"), // "go": SVA (ann 0) and TENSE (ann 1)
            flag(0, 9, 15, "B", "word-choice"), // "school": next to the missing "the"
            flag(0, 16, 25, "B", "word-choice"), // "yesterday": wrong
            flag(1, 8, 12, "C", "spelling"), // "like" in a clean sentence: wrong
            flag(2, 9, 10, "A", "grammar"), // "a": U:DET of ann 1 only
        ];
        let r = score(&sentences, &flags);
        assert_eq!((r.flags, r.correct_flags, r.gold_edits), (5, 3, 6));
        assert_eq!(r.precision, 0.6);
        // Annotator 0 found 1 of 3 (SVA in sentence 2 and NOUN:NUM missed); annotator 1 all 3.
        assert_eq!(rows(&r.per_annotator), [("0", 3, 1), ("1", 3, 3)]);
        assert!((r.recall_pooled - 4.0 / 6.0).abs() < 1e-12);
        assert!(
            (r.recall_macro - (0.3333 + 1.0) / 2.0).abs() < 1e-12,
            "rounded as the reference"
        );
        assert!((r.f05_macro - 0.612242).abs() < 1e-6);
        assert_eq!(r.flags_per_100_sentences, 125.0);
        assert_eq!(
            (r.sentences_with_errors, r.sentences_with_errors_flagged_pct),
            (2, 100.0)
        );
        assert_eq!(
            (r.clean_sentences, r.clean_sentences_flagged_pct),
            (2, 50.0)
        );
        // By count, ties in order of first appearance (as Counter.most_common).
        let types = [
            ("R:VERB:SVA", 2, 1),
            ("R:VERB:TENSE", 1, 1),
            ("M:DET", 1, 1),
        ];
        assert_eq!(rows(&r.types)[..3], types);
        assert_eq!(rows(&r.types)[3..], [("R:NOUN:NUM", 1, 0), ("U:DET", 1, 1)]);
        assert_eq!(rows(&r.rules), [("A", 2, 2), ("B", 2, 1), ("C", 1, 0)]);
        let categories = [("grammar", 2, 2), ("word-choice", 2, 1), ("spelling", 1, 0)];
        assert_eq!(rows(&r.categories), categories);
    }

    #[test]
    fn no_flags_scores_zero_without_dividing_by_zero() {
        let r = score(&parse_m2(M2).unwrap(), &[]);
        assert_eq!((r.precision, r.recall_macro, r.f05_macro), (0.0, 0.0, 0.0));
        assert!(r.rules.is_empty());
    }

    #[test]
    fn detokenizing_attaches_punctuation_clitics_and_quotes() {
        let (text, spans) = detokenize(&["I", "do", "n't", "like", "\"", "apples", "\"", "."]);
        assert_eq!(text, "I don't like \"apples\".");
        assert_eq!(
            spans,
            [
                (0, 1),
                (2, 4),
                (4, 7),
                (8, 12),
                (13, 14),
                (14, 20),
                (20, 21),
                (21, 22)
            ]
        );
        let (text, spans) = detokenize(&["(", "see", ")", ",", "she", "'S", "5", "%", "?"]);
        assert_eq!(text, "(see), she'S 5%?");
        assert_eq!(spans[5], (10, 12));
        // Spans count characters, not bytes; a curly clitic attaches too.
        let (text, spans) = detokenize(&["``", "Café", "’s", "''", "ok"]);
        assert_eq!(text, "``Café’s'' ok");
        assert_eq!(spans, [(0, 2), (2, 6), (6, 8), (8, 10), (11, 13)]);
        assert_eq!(detokenize(&[]), (String::new(), vec![]));
    }

    #[test]
    fn spans_overlap_by_characters_and_empty_spans_touch() {
        assert!(overlaps(0, 3, 2, 4) && overlaps(2, 4, 0, 3));
        assert!(!overlaps(0, 2, 2, 4), "adjacent, not overlapping");
        assert!(
            overlaps(2, 2, 0, 2) && overlaps(0, 2, 2, 2),
            "an empty span touches both ends"
        );
        assert!(overlaps(0, 2, 0, 0));
        assert!(!overlaps(3, 3, 0, 2) && !overlaps(0, 2, 3, 3));
        assert!(overlaps(2, 2, 2, 2) && !overlaps(2, 2, 3, 3));
    }

    #[test]
    fn missing_word_edits_use_the_neighbouring_tokens() {
        let spans = [(0, 2), (3, 5), (6, 8)];
        assert_eq!(gold_span(1, 1, &spans), Some((0, 5)));
        assert_eq!(gold_span(0, 0, &spans), Some((0, 2)), "no token before");
        assert_eq!(gold_span(3, 3, &spans), Some((6, 8)), "no token after");
        assert_eq!(gold_span(1, 3, &spans), Some((3, 8)));
        assert_eq!(
            gold_span(1, 9, &spans),
            Some((3, 8)),
            "end clipped like the reference"
        );
    }

    #[test]
    fn flags_on_the_joined_text_go_back_to_their_sentence() {
        // "ab\n\ncde\n\n" + "": segments start at 0, 4 and 9.
        let spans = [(1, 2), (3, 4), (4, 6), (5, 12), (9, 9)]
            .map(|(s, e)| (s, e, "R".to_string(), "c".to_string()));
        let flags = assign(&[2, 3, 0], spans.into_iter());
        let located: Vec<_> = flags.iter().map(|f| (f.sentence, f.start, f.end)).collect();
        // (3, 4) starts in the separator and is dropped; (5, 12) is clipped to its sentence.
        assert_eq!(located, [(0, 1, 2), (1, 0, 2), (1, 1, 3), (2, 0, 0)]);
    }
}
