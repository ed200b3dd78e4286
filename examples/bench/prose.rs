//! The benchmark's text: English prose generated from a seed, so that every run, on every
//! machine, checks the same bytes, and no third-party text is needed.
//!
//! Sentences come from templates over small word lists written for this file; about one
//! sentence in eight carries a typical learner mistake ("she speak", "informations", "more
//! bigger", "depends of", "have went", ...), so the engines have real work to do. Paragraphs
//! hold three to seven sentences, wrapped at 78 columns as in a text written in an editor,
//! and are separated by blank lines. The generator never looks at the target size until it
//! stops, so a shorter text is a prefix of a longer one made from the same seed.

// Named by path, so that `tests/benchmark_texts.rs` can include this file as well.
#[path = "prose/words.rs"]
mod words;

use words::{
    ACTIONS, ADJECTIVES, OPENERS, PAST_TIMES, PLACES, PLURAL, PLURAL_NOUNS, REASONS, SINGULAR,
    THINGS, TIMES,
};

/// SplitMix64: small, fast and the same everywhere, which is all a text generator needs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// One sentence: one in eight carries a learner's mistake.
fn sentence(rng: &mut Rng) -> String {
    let text = if rng.below(8) == 0 {
        mistaken(rng)
    } else {
        correct(rng)
    };
    capitalised(&text)
}

/// A sentence with one typical learner mistake.
fn mistaken(rng: &mut Rng) -> String {
    let a = rng.pick(ACTIONS);
    match rng.below(10) {
        0 => format!(
            "{} {} {} {}.",
            rng.pick(&["she", "he", "my brother"]),
            a.base,
            a.object,
            rng.pick(TIMES)
        ),
        1 => format!("We need more informations about {}.", rng.pick(THINGS)),
        2 => format!(
            "{} is more bigger than it was {}.",
            rng.pick(THINGS),
            rng.pick(PAST_TIMES)
        ),
        3 => format!("Everything depends of {}.", rng.pick(THINGS)),
        4 => format!("{} can {} {}.", rng.pick(PLURAL), a.third, a.object),
        5 => format!(
            "I have went to {} {}.",
            rng.pick(THINGS),
            rng.pick(PAST_TIMES)
        ),
        6 => format!(
            "{} discussed about {} for hours.",
            rng.pick(PLURAL),
            rng.pick(THINGS)
        ),
        7 => format!("There are many student {}.", rng.pick(PLACES)),
        8 => format!(
            "However it was {} to {} {}.",
            rng.pick(ADJECTIVES),
            a.base,
            a.object
        ),
        _ => format!(
            "I recieved a message about {} {}.",
            rng.pick(THINGS),
            rng.pick(PAST_TIMES)
        ),
    }
}

/// A sentence without a planted mistake.
fn correct(rng: &mut Rng) -> String {
    let a = rng.pick(ACTIONS);
    let b = rng.pick(ACTIONS);
    let any = |rng: &mut Rng| {
        if rng.below(2) == 0 {
            rng.pick(SINGULAR)
        } else {
            rng.pick(PLURAL)
        }
    };
    match rng.below(14) {
        0 | 1 => format!(
            "{} {} {} {}.",
            rng.pick(SINGULAR),
            a.third,
            a.object,
            rng.pick(TIMES)
        ),
        2 | 3 => format!(
            "{} {} {} {}.",
            rng.pick(PLURAL),
            a.base,
            a.object,
            rng.pick(PLACES)
        ),
        4 => format!(
            "{} {} {} {}.",
            any(rng),
            a.past,
            a.object,
            rng.pick(PAST_TIMES)
        ),
        5 => format!(
            "{}, {} {} {} {}.",
            rng.pick(OPENERS),
            rng.pick(PLURAL),
            a.past,
            a.object,
            rng.pick(REASONS)
        ),
        6 => format!(
            "{} is {}, but {} is even more {}.",
            rng.pick(THINGS),
            rng.pick(ADJECTIVES),
            rng.pick(THINGS),
            rng.pick(ADJECTIVES)
        ),
        7 => format!(
            "{} has never {} {}.",
            rng.pick(SINGULAR),
            a.participle,
            a.object
        ),
        8 => format!(
            "{} want to {} {} {}, because {} is {}.",
            rng.pick(PLURAL),
            a.base,
            a.object,
            rng.pick(TIMES),
            rng.pick(THINGS),
            rng.pick(ADJECTIVES)
        ),
        9 => format!(
            "Do you think that {} is {}?",
            rng.pick(THINGS),
            rng.pick(ADJECTIVES)
        ),
        10 => format!(
            "There are many {} {}, and most of them are {}.",
            rng.pick(PLURAL_NOUNS),
            rng.pick(PLACES),
            rng.pick(ADJECTIVES)
        ),
        11 => format!(
            "When {} {} {}, {} {} {}.",
            any(rng),
            a.past,
            a.object,
            any(rng),
            b.past,
            b.object
        ),
        12 => format!(
            "{} did not {} {} {}, so {} had to do it later.",
            any(rng),
            a.base,
            a.object,
            rng.pick(PAST_TIMES),
            rng.pick(PLURAL)
        ),
        _ => format!(
            "It is {} to {} {} {}.",
            rng.pick(ADJECTIVES),
            a.base,
            a.object,
            rng.pick(PLACES)
        ),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Words joined into lines of at most `width` columns (a longer word stands alone).
fn wrap(words: &str, width: usize) -> String {
    let mut out = String::with_capacity(words.len() + words.len() / width + 1);
    let mut column = 0;
    for word in words.split(' ') {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out
}

/// The benchmark's seed: changing it changes every text, and so every issue, and the
/// expectations that `tests/benchmark_texts.rs` keeps in `tests/expected/`.
pub const SEED: u64 = 6;

/// About `bytes` bytes of prose (never more, at least one sentence), ending with a newline.
pub fn generate(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 1);
    loop {
        let count = 3 + rng.below(5);
        let sentences: Vec<String> = (0..count).map(|_| sentence(&mut rng)).collect();
        let separator = if text.is_empty() { "" } else { "\n\n" };
        let paragraph = wrap(&sentences.join(" "), 78);
        if text.len() + separator.len() + paragraph.len() + 1 > bytes {
            // The last paragraph, cut after the last sentence that still fits.
            let mut fitted = sentences.len();
            let mut last = paragraph;
            while fitted > 1 && text.len() + separator.len() + last.len() + 1 > bytes {
                fitted -= 1;
                last = wrap(&sentences[..fitted].join(" "), 78);
            }
            if text.is_empty() || text.len() + separator.len() + last.len() < bytes {
                text.push_str(separator);
                text.push_str(&last);
            }
            text.push('\n');
            return text;
        }
        text.push_str(separator);
        text.push_str(&paragraph);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_text_and_shorter_texts_are_prefixes() {
        let long = generate(20_000, 7);
        assert_eq!(long, generate(20_000, 7));
        assert!(
            long.len() <= 20_000 && long.len() > 19_000,
            "{}",
            long.len()
        );
        let short = generate(2_000, 7);
        assert!(long.starts_with(short.trim_end()));
        assert!(long.contains("\n\n") && long.lines().all(|l| l.chars().count() <= 78));
    }
}
