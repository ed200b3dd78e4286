//! Scoring flags against gold edits, as `eval_m2.evaluate` does: a flag is correct when its
//! span overlaps a gold edit of any annotator, and a gold edit is found when a flag overlaps
//! it.
//!
//! Everything here is pure (flags and gold edits in, figures out): no engine, no files, no
//! printing.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::check::Flag;
use crate::corpus::Sentence;

/// Character-span overlap, as `gecflags.overlaps`: an empty span [p, p) overlaps [a, b) when
/// a <= p <= b, so an insertion point touching a word counts.
pub(crate) fn overlaps(a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> bool {
    match (a_start == a_end, b_start == b_end) {
        (true, true) => a_start == b_start,
        (true, false) => b_start <= a_start && a_start <= b_end,
        (false, true) => a_start <= b_start && b_start <= a_end,
        (false, false) => a_start < b_end && b_start < a_end,
    }
}

/// Counts per key in the order keys were first seen; sorting by count keeps that order for
/// ties, as Python's stable sorts and `Counter.most_common` do.
#[derive(Debug, Default)]
pub(crate) struct Tallies {
    index: HashMap<String, usize>,
    rows: Vec<Tally>,
}

/// One key (a rule, a category, an error type, an annotator) with its count and hits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Tally {
    pub(crate) name: String,
    pub(crate) total: usize,
    pub(crate) hits: usize,
    /// hits / total: precision for flags, recall for gold edits.
    pub(crate) rate: f64,
}

impl Tallies {
    pub(crate) fn add(&mut self, name: &str, hit: bool) {
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

    pub(crate) fn sorted(mut self) -> Vec<Tally> {
        self.rows.sort_by_key(|row| Reverse(row.total)); // stable: ties keep their order
        for row in &mut self.rows {
            row.rate = row.hits as f64 / row.total as f64;
        }
        self.rows
    }
}

/// The figures of an M2 evaluation: what is printed, and the `scores` of `--json`.
#[derive(Debug, Serialize)]
pub(crate) struct Scores {
    pub(crate) sentences: usize,
    pub(crate) gold_edits: usize,
    pub(crate) flags: usize,
    pub(crate) correct_flags: usize,
    pub(crate) precision: f64,
    pub(crate) recall_macro: f64,
    pub(crate) recall_pooled: f64,
    pub(crate) f05_macro: f64,
    pub(crate) flags_per_100_sentences: f64,
    pub(crate) sentences_with_errors: usize,
    pub(crate) sentences_with_errors_flagged_pct: f64,
    pub(crate) clean_sentences: usize,
    pub(crate) clean_sentences_flagged_pct: f64,
    pub(crate) per_annotator: Vec<Tally>,
    pub(crate) types: Vec<Tally>,
    pub(crate) rules: Vec<Tally>,
    pub(crate) categories: Vec<Tally>,
}

/// Scores flags against gold edits exactly as `eval_m2.evaluate` does. `flags` may come in
/// any order; each names its sentence.
pub(crate) fn score(sentences: &[Sentence], flags: &[Flag]) -> Scores {
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
pub(crate) fn pct(a: usize, b: usize) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_m2;
    use crate::corpus::tests::M2;

    fn flag(sentence: usize, start: usize, end: usize, rule: &str, category: &str) -> Flag {
        Flag {
            sentence,
            start,
            end,
            rule: rule.into(),
            category: category.into(),
            message: String::new(),
        }
    }

    fn rows(tallies: &[Tally]) -> Vec<(&str, usize, usize)> {
        tallies
            .iter()
            .map(|t| (t.name.as_str(), t.total, t.hits))
            .collect()
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
}
