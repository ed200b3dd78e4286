//! Overlapping issues merged into one where they teach the same point.
//!
//! Boundary: it sees issues, never text or engines. Invariant: a merge only ever joins
//! issues whose spans overlap, so the issues of a group of candidates that overlaps no
//! other candidate are decided by that group alone (what lets `Merger` give out the
//! issues of a document part by part, exactly as a merge of the whole would).

use crate::Issue;
use crate::span::Span;

/// The issues to report, in order of position. Issues whose spans overlap are merged when
/// they teach the same point (two engines often flag one mistake): the one kept came first
/// from the checker (engines are listed narrowest first; `order` numbers the candidates in
/// the order the checker gave them), then has the shorter span. Issues
/// that overlap but teach different points are all kept ("we discusses about" is an
/// agreement mistake and a verb that takes no preposition), except that a generic
/// finding gives way to a specific one on the same words, and generic ones count as one
/// point among themselves. Generic are the fallback explanations and the statistical
/// signal's findings: the signal is for the places patterns cannot reach, so where a
/// pattern rule flags the same words ("She go" and "go"), its lesson names the point.
pub fn merge(candidates: Vec<(usize, Issue)>) -> Vec<Issue> {
    let generic = |issue: &Issue| issue.explanation.fallback || issue.rule.starts_with("SIGNAL/");
    let mut ranked = candidates;
    ranked.sort_by_key(|(order, issue)| (issue.span.start, issue.span.end, *order));
    // A specific finding wins over a generic one of the same point, then the first.
    let rank = |(order, issue): &(usize, Issue)| (generic(issue), *order, issue.span.len());
    let mut kept: Vec<(usize, Issue)> = Vec::new();
    for candidate in ranked {
        let (_, issue) = &candidate;
        // Kept issues start at or before the candidate; those that reach into it overlap.
        let overlapping: Vec<usize> = (0..kept.len())
            .filter(|&i| overlaps(&kept[i].1.span, &issue.span))
            .collect();
        // Generic notes all say "something may be wrong here": one is enough.
        let same = overlapping.iter().copied().find(|&i| {
            let other = &kept[i].1;
            other.explanation.id == issue.explanation.id || (generic(other) && generic(issue))
        });
        if let Some(i) = same {
            if rank(&candidate) < rank(&kept[i]) {
                kept[i] = candidate;
            }
            continue;
        }
        if generic(issue) && overlapping.iter().any(|&i| !generic(&kept[i].1)) {
            continue;
        }
        if !generic(issue) {
            let mut i = 0;
            kept.retain(|(_, other)| {
                let drop = overlapping.contains(&i) && generic(other);
                i += 1;
                !drop
            });
        }
        kept.push(candidate);
    }
    kept.sort_by_key(|(order, issue)| (issue.span.start, issue.span.end, *order));
    kept.into_iter().map(|(_, issue)| issue).collect()
}

/// Whether two spans share a byte, or are the same (empty) place.
pub fn overlaps(a: &Span, b: &Span) -> bool {
    (a.start < b.end && b.start < a.end) || a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::catalogue;

    /// Merges candidates numbered in the order given.
    fn merge(issues: Vec<Issue>) -> Vec<Issue> {
        super::merge(issues.into_iter().enumerate().collect())
    }

    fn issue(span: Span, entry: &str) -> Issue {
        Issue {
            rule: entry.to_uppercase(),
            span,
            message: String::new(),
            replacements: vec![],
            explanation: catalogue().entry(entry).unwrap(),
        }
    }

    #[test]
    fn overlapping_issues_merge_only_when_they_teach_the_same_point() {
        let merged = merge(vec![
            issue(3..7, "grammar-other"),
            issue(20..24, "this-these"),
            issue(0..7, "subject-verb-agreement"),
            issue(5..9, "articles"),
            issue(20..24, "this-these"),
            issue(21..23, "a-an"),
            issue(30..31, "grammar-other"),
            issue(30..32, "style-other"),
            issue(40..48, "prepositions"),
            issue(42..44, "prepositions"),
        ]);
        let kept: Vec<(&str, Span)> = merged
            .iter()
            .map(|i| (i.explanation.id.as_str(), i.span.clone()))
            .collect();
        assert_eq!(
            kept,
            [
                // The generic note gives way to the specific points on the same words.
                ("subject-verb-agreement", 0..7),
                ("articles", 5..9),
                // Two findings of one point on the same words are one issue.
                ("this-these", 20..24),
                ("a-an", 21..23),
                ("grammar-other", 30..31),
                // The first from the checker wins, whatever its length.
                ("prepositions", 40..48),
            ]
        );
    }

    #[test]
    fn the_signal_gives_way_to_a_pattern_rule_on_the_same_words() {
        let signal = |span: Span, entry: &str| Issue {
            rule: "SIGNAL/VERB_FORM".into(),
            ..issue(span, entry)
        };
        let merged = merge(vec![
            // "She go home": the signal flags "go", a pattern rule "She go".
            signal(4..6, "verb-forms"),
            issue(0..6, "subject-verb-agreement"),
            // Refined to the same point as the pattern rule: one issue, the pattern's.
            signal(14..18, "past-participle"),
            issue(10..18, "past-participle"),
            // Alone, the signal is reported.
            signal(30..34, "verb-forms"),
        ]);
        let kept: Vec<(&str, &str)> = merged
            .iter()
            .map(|i| (i.rule.as_str(), i.explanation.id.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("SUBJECT-VERB-AGREEMENT", "subject-verb-agreement"),
                ("PAST-PARTICIPLE", "past-participle"),
                ("SIGNAL/VERB_FORM", "verb-forms"),
            ]
        );
    }
}
