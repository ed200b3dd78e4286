//! Which known ids look like a mistyped one, for "did you mean" hints (rule ids, grammar
//! point ids). Case-insensitive edit distance; only close candidates are offered.

/// Up to `n` candidates closest to `given`, nearest first, among those close enough to be a
/// likely typo (about one edit in three characters).
pub fn closest<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    let given = given.to_lowercase();
    let limit = given.chars().count() / 3 + 1;
    // A rule's own name, without its category ("spellcheck" for HARPER/SpellCheck), is what
    // a writer remembers: it counts as close as the whole id.
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| {
            let lower = candidate.to_lowercase();
            let whole = edit_distance(&given, &lower);
            let name = lower
                .rsplit('/')
                .next()
                .filter(|name| name.len() < lower.len())
                .map_or(whole, |name| edit_distance(&given, name));
            (whole.min(name), candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// Levenshtein distance in `char`s.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_but_not_strangers() {
        let ids = ["GRAMMAR/HE_NEED", "TYPOS/I_LOWERCASE", "STYLE"];
        assert_eq!(closest("grammar/he_nede", ids, 1), ["GRAMMAR/HE_NEED"]);
        assert_eq!(closest("STYEL", ids, 3), ["STYLE"]);
        assert!(closest("SOMETHING_ELSE_ENTIRELY", ids, 3).is_empty());
    }

    #[test]
    fn several_close_ids_come_nearest_first() {
        let ids = ["this-these", "then-than", "there-is-there-are"];
        assert_eq!(closest("then-tham", ids, 3)[0], "then-than");
        assert_eq!(closest("thes-these", ids, 1), ["this-these"]);
    }

    #[test]
    fn a_rule_is_found_by_its_name_without_its_category() {
        let ids = ["HARPER", "HARPER/SpellCheck", "GRAMMAR/HE_NEED", "TYPOS"];
        assert_eq!(closest("spellcheck", ids, 1), ["HARPER/SpellCheck"]);
        assert_eq!(closest("spelcheck", ids, 1), ["HARPER/SpellCheck"]);
        assert_eq!(closest("he_need", ids, 1), ["GRAMMAR/HE_NEED"]);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
