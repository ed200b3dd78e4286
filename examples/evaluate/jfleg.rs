//! The JFLEG evaluation: JFLEG has no edit spans, so it measures flag rates only: per file
//! (the learners' `src.txt` and the corrected `ref0.txt` .. `ref3.txt`), and on `src.txt`
//! split by whether `ref0` changed the sentence. Prints one Markdown table and the flags by
//! category.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use ownvoice::engine::Checker;

use crate::Outcome;
use crate::check::{Flag, flag_segments};
use crate::corpus::{detokenize, read};
use crate::score::{Tallies, pct};

/// How many flags each rule made on the corrected references (`ref0` .. `ref3`), from the
/// flags [`evaluate`] returns.
pub(crate) fn reference_flags(flags: &[serde_json::Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for flag in flags {
        if flag["file"]
            .as_str()
            .is_some_and(|file| file.starts_with("ref"))
        {
            let rule = flag["rule"].as_str().unwrap_or_default().to_string();
            *counts.entry(rule).or_default() += 1;
        }
    }
    counts
}

/// Flag rates per JFLEG file, as `eval_jfleg.py --no-detok` (the files are detokenized).
pub(crate) fn evaluate(engine: &dyn Checker, dir: &Path, limit: usize) -> Result<Outcome, String> {
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
