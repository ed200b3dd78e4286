//! Rules across files: a rule earns its default place when it holds on each learner corpus
//! separately, not only on their sum, and stays quiet on corrected text. This puts each
//! rule's precision on every M2 file side by side with its flags on the corrected JFLEG
//! references, and says whether it holds.
//!
//! Pure: per-file tallies in, a table and figures out; the command prints them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::score::Tally;

/// Precision a rule must reach on each file where it flags often enough to judge.
pub(crate) const PRECISION: f64 = 0.85;
/// Below this many flags on a file, that file cannot judge the rule (either way).
pub(crate) const ENOUGH: usize = 5;

/// One rule on every file.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    pub(crate) rule: String,
    /// (flags, correct) per M2 file, in the order of the files.
    pub(crate) files: Vec<(usize, usize)>,
    /// Flags on the corrected JFLEG references (all four), if JFLEG was evaluated.
    pub(crate) references: Option<usize>,
    pub(crate) verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Verdict {
    /// At least [`PRECISION`] on every file with [`ENOUGH`] flags, and enough flags on one.
    Holds,
    /// Too few flags on every file to judge.
    TooFew,
    /// Below [`PRECISION`] on some file with enough flags.
    Fails,
}

/// The rows of every rule that flagged on some file, most flags first.
pub(crate) fn rows(files: &[Vec<Tally>], references: Option<&BTreeMap<String, usize>>) -> Vec<Row> {
    let mut rules: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, tallies) in files.iter().enumerate() {
        for tally in tallies {
            rules
                .entry(&tally.name)
                .or_insert_with(|| vec![(0, 0); files.len()])[i] = (tally.total, tally.hits);
        }
    }
    if let Some(references) = references {
        for rule in references.keys() {
            rules
                .entry(rule)
                .or_insert_with(|| vec![(0, 0); files.len()]);
        }
    }
    let mut rows: Vec<Row> = rules
        .into_iter()
        .map(|(rule, files)| Row {
            verdict: verdict(&files),
            references: references.map(|r| r.get(rule).copied().unwrap_or(0)),
            rule: rule.to_string(),
            files,
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.files.iter().map(|f| f.0).sum::<usize>()));
    rows
}

fn verdict(files: &[(usize, usize)]) -> Verdict {
    let judged: Vec<&(usize, usize)> = files.iter().filter(|(n, _)| *n >= ENOUGH).collect();
    if judged.is_empty() {
        Verdict::TooFew
    } else if judged
        .iter()
        .all(|(n, hits)| *hits as f64 >= PRECISION * *n as f64)
    {
        Verdict::Holds
    } else {
        Verdict::Fails
    }
}

/// The rows as one Markdown table, with a column pair per file.
pub(crate) fn table(names: &[String], rows: &[Row]) -> String {
    let mut out = String::from("| rule |");
    for name in names {
        out += &format!(" {name} flags | {name} % |");
    }
    let with_refs = rows.iter().any(|row| row.references.is_some());
    if with_refs {
        out += " JFLEG refs flags |";
    }
    out += " verdict |\n|---|";
    out += &"---|---|".repeat(names.len());
    out += if with_refs { "---|---|\n" } else { "---|\n" };
    for row in rows {
        out += &format!("| {} |", row.rule);
        for (n, hits) in &row.files {
            let precision = if *n == 0 {
                "-".to_string()
            } else {
                format!("{:.1}", 100.0 * *hits as f64 / *n as f64)
            };
            out += &format!(" {n} | {precision} |");
        }
        if let Some(references) = row.references {
            out += &format!(" {references} |");
        }
        let verdict = match row.verdict {
            Verdict::Holds => "holds",
            Verdict::TooFew => "too few",
            Verdict::Fails => "FAILS",
        };
        out += &format!(" {verdict} |\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(name: &str, total: usize, hits: usize) -> Tally {
        Tally {
            name: name.into(),
            total,
            hits,
            rate: hits as f64 / total as f64,
        }
    }

    #[test]
    fn a_rule_holds_only_where_each_file_with_enough_flags_agrees() {
        let bea = vec![tally("A", 20, 19), tally("B", 20, 19), tally("C", 2, 0)];
        let wi = vec![tally("A", 40, 36), tally("B", 40, 30), tally("D", 4, 4)];
        let references = BTreeMap::from([("A".to_string(), 3), ("E".to_string(), 1)]);
        let rows = rows(&[bea, wi], Some(&references));
        let verdicts: Vec<(&str, Verdict, Option<usize>)> = rows
            .iter()
            .map(|row| (row.rule.as_str(), row.verdict, row.references))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("A", Verdict::Holds, Some(3)),
                ("B", Verdict::Fails, Some(0)),
                ("D", Verdict::TooFew, Some(0)),
                ("C", Verdict::TooFew, Some(0)),
                ("E", Verdict::TooFew, Some(1)),
            ]
        );
        assert_eq!(rows[1].files, [(20, 19), (40, 30)]);
        let table = table(&["bea".into(), "wi".into()], &rows);
        assert!(
            table.contains("| B | 20 | 95.0 | 40 | 75.0 | 0 | FAILS |"),
            "{table}"
        );
        assert!(
            table.contains("| E | 0 | - | 0 | - | 1 | too few |"),
            "{table}"
        );
    }
}
