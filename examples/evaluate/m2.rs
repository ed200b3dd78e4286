//! The M2 evaluation: reads the file, checks its sentences, scores the flags against the gold
//! edits and prints the report as Markdown tables (totals, recall by annotator and by gold
//! error type, precision by rule and by category).
//!
//! The printed figures and the `--json` figures come from the same
//! [`Scores`](crate::score::Scores), so they always agree.

use std::path::Path;
use std::time::Instant;

use ownvoice::engine::Checker;

use crate::Outcome;
use crate::check::flag_segments;
use crate::corpus::{parse_m2, read};
use crate::score::{Tally, overlaps, score};

/// Evaluates on the M2 file at `path` (its first `limit` sentences), showing the `top` most
/// frequent gold error types.
pub(crate) fn evaluate(
    engine: &dyn Checker,
    path: &Path,
    limit: usize,
    top: usize,
) -> Result<(Outcome, Vec<Tally>), String> {
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
        let text = &sentences[f.sentence].text;
        let words: String = text.chars().skip(f.start).take(f.end - f.start).collect();
        serde_json::json!({ "sentence": f.sentence, "start": f.start, "end": f.end,
            "rule": f.rule, "category": f.category, "correct": correct, "words": words,
            "text": text, "file": name, "message": f.message })
    });
    let flags = flags.collect();
    let rules = r.rules.clone();
    let figures = serde_json::json!({ "m2": path, "scores": r });
    Ok(((figures, flags), rules))
}

/// Prints one Markdown table of tallies under its title.
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
