//! The lesson a writer reads, through the whole binary on real sentences: the specific
//! point of each mistake (not only its rule's), an example pair unlike the writer's own
//! sentence, and every point of overlapping mistakes.

use serde_json::Value;

mod common;
use common::ownvoice;

/// The jsonl issues for a text.
fn issues(text: &str, extra: &[&str]) -> Vec<Value> {
    let output = ownvoice()
        .args(["check", "--format", "jsonl"])
        .args(extra)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The lessons (explanation ids) of a sentence's issues, in order.
fn lessons(text: &str) -> Vec<String> {
    issues(text, &[])
        .iter()
        .map(|issue| issue["explanation_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_mistake_reads_the_lesson_of_its_own_point() {
    for (sentence, lesson) in [
        ("My parents was farmers.", "was-were"),
        ("We was practising every day.", "was-were"),
        // With a finished time, "he travels" would still be wrong: the past form is the point.
        ("Last year he travel to Japan.", "past-form-with-past-time"),
        (
            "Two weeks ago she walk to the station in the rain.",
            "past-form-with-past-time",
        ),
        (
            "Yesterday I have spoke to her.",
            "past-simple-finished-time",
        ),
        ("We arrived to Berlin at night.", "arrive-in-at"),
        ("I use internet every day.", "the-unique-nouns"),
        ("She said me the truth.", "say-tell"),
        ("We went to home after school.", "home-without-to"),
        (
            "We discussed about the problem.",
            "verb-without-preposition",
        ),
        ("The museum was very interested.", "ed-ing-adjectives"),
        ("I prefer tea than coffee.", "prefer-to"),
        (
            "my brother lives in a village near the sea.",
            "sentence-capital",
        ),
        (
            "The shop was closed. we went home instead.",
            "sentence-capital",
        ),
        // The verb-form signal on the words a pattern rule flags reads that rule's lesson,
        // chosen by the word before the verb, so the mistake is one issue, not two.
        ("He has took my pen.", "past-participle"),
        ("She can swims very well.", "verb-after-modal"),
        // Where the signal is alone, its underline takes in the word before the verb and
        // the lesson follows that word.
        ("I want to went home early.", "verb-after-to"),
        ("At that moment he had woke up.", "past-participle"),
        ("He doesn't knows my name.", "negation"),
        ("Did you saw the news?", "question-forms"),
        // The same rules on other words keep their own lessons.
        ("My brother need more practice.", "subject-verb-agreement"),
        ("Every summer he travel to Japan.", "subject-verb-agreement"),
        (
            "Since last year he work in a bank.",
            "subject-verb-agreement",
        ),
        ("This week I have went to the library.", "past-participle"),
        ("I did a mistake in my homework.", "collocations"),
    ] {
        assert_eq!(lessons(&format!("{sentence}\n")), [lesson], "{sentence}");
    }
}

#[test]
fn the_example_pair_is_never_the_writers_sentence_fixed() {
    for (sentence, fixed) in [
        (
            "I have went to London twice.",
            "I have gone to London twice.",
        ),
        (
            "I am agree with your opinion.",
            "I agree with your opinion.",
        ),
        ("There is many reasons to stay.", "There are many reasons"),
    ] {
        let output = ownvoice()
            .args(["check", "--color", "never", "-"])
            .write_stdin(format!("{sentence}\n"))
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let pair: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                l.strip_prefix("✗ ").or_else(|| l.strip_prefix("✓ "))
            })
            .collect();
        assert_eq!(pair.len(), 2, "{text}");
        assert_ne!(pair[0], sentence, "{text}");
        assert!(!pair[1].starts_with(fixed), "{text}");
        // And the pair shares at most a word or two with the writer's sentence.
        let theirs = ownvoice::sentence::words(sentence);
        let shared = ownvoice::sentence::words(pair[1])
            .into_iter()
            .filter(|word| theirs.contains(word))
            .count();
        assert!(shared <= 2, "{text}");
    }
}

#[test]
fn overlapping_mistakes_of_different_points_are_both_reported() {
    // Agreement and a verb that takes no preposition, on the same words.
    let found = lessons("We discusses about the role of money.\n");
    assert_eq!(
        found,
        ["subject-verb-agreement", "verb-without-preposition"]
    );
    // A base verb after have, and the same preposition.
    let found = lessons("I have discuss about it with him.\n");
    assert_eq!(found, ["past-participle", "verb-without-preposition"]);
    // Two rules on one mistake of one point stay one issue: "i" is flagged by two engines.
    let found = lessons("Then i decided to call my sister.\n");
    assert_eq!(found, ["capital-i"]);
}

#[test]
fn revealed_suggestions_are_checked_by_the_engines_first() {
    let revealed = |text: &str| {
        let issue = issues(text, &["--reveal"]).remove(0);
        let replacements: Vec<String> = issue["replacements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        (issue["message"].as_str().unwrap().to_string(), replacements)
    };
    // "Most student" and "Most of the student" are both still wrong: neither is shown, and
    // neither is the engine's message that names them.
    let (message, replacements) = revealed("Most of student like the new teacher.\n");
    assert!(replacements.is_empty(), "{replacements:?}");
    assert!(!message.contains("student"), "{message}");
    assert_eq!(message, ownvoice::suggestions::WITHHELD);
    // A replacement that fixes the sentence is shown.
    let (_, replacements) = revealed("He need more time.\n");
    assert!(
        replacements.contains(&"needs".to_string()),
        "{replacements:?}"
    );
    // A spelling suggestion must be a word the checker knows.
    let (_, replacements) = revealed("She recieved a letter.\n");
    assert!(
        replacements.contains(&"received".to_string()),
        "{replacements:?}"
    );
}
