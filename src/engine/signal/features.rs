//! Where a writer chooses, and what the words around the choice are: the places in one
//! analysed sentence where an article (a/an, the or none) stands before a noun phrase, a
//! common preposition stands, or a verb takes one of its forms, each with hashed features
//! of its context.
//!
//! The training program (`examples/signal`) and the checker call the same [`sites`] on the
//! same nlprule analysis, so the model is always asked about features built exactly as the
//! ones it learned from. A feature never includes the choice itself (the article, the
//! preposition, the verb's own form): the model predicts the choice from its context.

use std::hash::Hasher;

use nlprule::types::{Sentence, Token};
use siphasher::sip::SipHasher13;

/// A kind of choice the signal judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    Article = 0,
    Preposition = 1,
    VerbForm = 2,
}

/// Every task, in the model's order.
pub const TASKS: [Task; 3] = [Task::Article, Task::Preposition, Task::VerbForm];

/// The prepositions whose choice is judged: the common ones learners confuse.
pub const PREPOSITIONS: [&str; 11] = [
    "about", "at", "by", "for", "from", "in", "into", "of", "on", "to", "with",
];

/// Article choices, in class order.
pub const ARTICLES: [&str; 3] = ["no article", "a/an", "the"];

/// Verb forms, in class order.
pub const VERB_FORMS: [&str; 5] = [
    "base form",
    "-s form",
    "past form",
    "past participle",
    "-ing form",
];

impl Task {
    /// The names of the task's choices, in class order.
    pub fn choices(self) -> &'static [&'static str] {
        match self {
            Task::Article => &ARTICLES,
            Task::Preposition => &PREPOSITIONS,
            Task::VerbForm => &VERB_FORMS,
        }
    }
}

/// One place where the writer chose.
#[derive(Debug, Clone)]
pub struct Site {
    pub task: Task,
    /// The token that holds the choice (for "no article", the first word of the phrase).
    pub token: usize,
    /// The first token of the words to underline: for a verb, the auxiliary or 'to' that
    /// governs its form when one comes in the four words before it ("had [woke]" is
    /// underlined "had woke": the auxiliary decides the form); otherwise `token`.
    pub from: usize,
    /// The last token of the phrase: for an article, the phrase's head noun (a missing
    /// article is underlined on the whole phrase it belongs to, "is not [good thing] to
    /// do"); otherwise `token`.
    pub last: usize,
    /// The writer's choice, a set of classes (bit `c` for class `c`): several where one
    /// written form serves several (`put` is base, past and participle).
    pub written: u16,
    /// Hashed features of the context, each below `2^bits`.
    pub features: Vec<u32>,
    /// For articles: whether the phrase's head is a singular common noun (only there is a
    /// missing article a mistake).
    pub singular_head: bool,
    /// For verbs: whether a noun follows (a participle there is usually an adjective:
    /// "spoken English", "running water").
    pub before_noun: bool,
    /// For verbs: whether a word other than 'and', 'or' or 'but' follows (a verb with its
    /// object, "by [encourage] people", rather than a name or a noun that ends a phrase,
    /// "output by [tokenize].").
    pub before_word: bool,
}

/// What the features need of one token.
struct Tok<'a> {
    token: &'a Token<'a>,
    lower: String,
    /// Part-of-speech tags as the tagger gives them (`NN:UN` says the noun is countable
    /// and uncountable), without sentence markers, sorted.
    tags: Vec<&'a str>,
    /// The same tags without what follows a colon (`NN`).
    base: Vec<&'a str>,
}

impl Tok<'_> {
    fn has(&self, tag: &str) -> bool {
        self.base.contains(&tag)
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.base.iter().any(|t| t.starts_with(prefix))
    }

    /// The word as a feature value: lowercase, digits folded.
    fn word(&self) -> &str {
        if self.lower.chars().any(|c| c.is_ascii_digit()) {
            "<num>"
        } else {
            &self.lower
        }
    }

    /// The tags as one feature value.
    fn tag_key(&self) -> String {
        if self.tags.is_empty() {
            "-".into()
        } else {
            self.tags.join("|")
        }
    }

    /// The lemma of a reading whose tag starts with `prefix`, else the word.
    fn lemma(&self, prefix: &str) -> String {
        self.token
            .word()
            .tags()
            .iter()
            .find(|data| {
                data.pos().as_str().starts_with(prefix) && !data.lemma().as_str().is_empty()
            })
            .map(|data| data.lemma().as_str().to_lowercase())
            .unwrap_or_else(|| self.word().to_string())
    }

    fn chunk(&self, prefix: &str) -> Option<&str> {
        self.token
            .chunks()
            .iter()
            .map(String::as_str)
            .find(|c| c.starts_with(prefix))
    }

    fn is_word(&self) -> bool {
        self.lower.chars().next().is_some_and(char::is_alphanumeric)
    }
}

/// Features are hashed into `2^bits` rows.
struct Hashes {
    task: Task,
    mask: u32,
    out: Vec<u32>,
}

impl Hashes {
    fn new(task: Task, bits: u32) -> Hashes {
        let mut hashes = Hashes {
            task,
            mask: (1u32 << bits) - 1,
            out: Vec::with_capacity(32),
        };
        hashes.add("bias", &[]);
        hashes
    }

    /// Adds the feature `template=values...`.
    fn add(&mut self, template: &str, values: &[&str]) {
        // Fixed keys: the same feature hashes to the same row in every run and build.
        let mut hasher = SipHasher13::new_with_keys(0x6f77_6e76, 0x6f69_6365);
        hasher.write_u8(self.task as u8);
        hasher.write(template.as_bytes());
        for value in values {
            hasher.write_u8(0x1f);
            hasher.write(value.as_bytes());
        }
        self.out.push(hasher.finish() as u32 & self.mask);
    }
}

const ARTICLE_WORDS: [&str; 3] = ["a", "an", "the"];

/// Verb tags and their class.
fn verb_class(tag: &str) -> Option<usize> {
    match tag {
        "VB" | "VBP" => Some(0),
        "VBZ" => Some(1),
        "VBD" => Some(2),
        "VBN" => Some(3),
        "VBG" => Some(4),
        _ => None,
    }
}

/// Words that set the form of a following verb.
const AUXILIARIES: [&str; 30] = [
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does",
    "did", "doesn", "don", "didn", "have", "has", "had", "to", "be", "am", "is", "are", "was",
    "were", "been", "being", "'s", "'m", "'re",
];

const SUBJECTS: [&str; 7] = ["i", "you", "he", "she", "it", "we", "they"];

/// Whether a token is only white space (nlprule keeps the spaces between words as tokens).
pub fn is_blank(token: &Token) -> bool {
    token.word().text().as_str().trim().is_empty()
}

/// Every place of choice in one analysed sentence, with features hashed into `2^bits` rows.
pub fn sites(sentence: &Sentence, bits: u32) -> Vec<Site> {
    let toks: Vec<Tok> = sentence
        .tokens()
        .iter()
        .filter(|token| !is_blank(token))
        .map(|token| {
            let mut tags: Vec<&str> = token
                .word()
                .tags()
                .iter()
                .map(|data| data.pos().as_str())
                .filter(|pos| !pos.is_empty() && !pos.starts_with("SENT_"))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            let mut base: Vec<&str> = tags
                .iter()
                .map(|t| t.split_once(':').map_or(*t, |(b, _)| b))
                .collect();
            base.dedup();
            Tok {
                token,
                lower: token.word().text().as_str().to_lowercase(),
                tags,
                base,
            }
        })
        .collect();
    let index: Vec<usize> = sentence
        .tokens()
        .iter()
        .enumerate()
        .filter(|(_, token)| !is_blank(token))
        .map(|(i, _)| i)
        .collect();
    let mut found = Vec::new();
    articles(&toks, bits, &mut found);
    prepositions(&toks, bits, &mut found);
    verb_forms(&toks, bits, &mut found);
    // Back to indices into the sentence's own tokens.
    for site in &mut found {
        site.token = index[site.token];
        site.from = index[site.from];
        site.last = index[site.last];
    }
    found
}

fn word_at<'a>(toks: &'a [Tok], i: Option<usize>) -> &'a str {
    i.and_then(|i| toks.get(i)).map_or("<s>", Tok::word)
}

fn tag_at(toks: &[Tok], i: Option<usize>) -> String {
    i.and_then(|i| toks.get(i))
        .map_or("<s>".into(), Tok::tag_key)
}

/// Noun phrases: a determiner slot before each, the writer's article and the phrase's words.
fn articles(toks: &[Tok], bits: u32, found: &mut Vec<Site>) {
    let mut i = 0;
    while i < toks.len() {
        let Some(start) = toks[i].chunk("B-NP") else {
            i += 1;
            continue;
        };
        let plural = start.ends_with("plural");
        // The phrase runs to the token that ends it.
        let mut end = i;
        while toks[end].chunk("E-NP").is_none() && end + 1 < toks.len() {
            end += 1;
        }
        let next = end + 1;
        let first = &toks[i];
        let (written, content) = match first.lower.as_str() {
            "a" | "an" => (2u16, i + 1),
            "the" => (4u16, i + 1),
            _ => (1u16, i),
        };
        // Only phrases without another determiner, possessive, number or pronoun, whose
        // last word is a common noun.
        let head = &toks[end];
        let head_noun = head.has("NN") || head.has("NNS");
        let other_determiner = toks[content..=end].iter().any(|t| {
            ARTICLE_WORDS.contains(&t.lower.as_str())
                || t.has_prefix("PRP")
                || t.has("CD")
                || t.has("POS")
                || t.has("WDT")
                || t.has("WP$")
                || (t.has("DT") && !ARTICLE_WORDS.contains(&t.lower.as_str()))
        }) || (written == 1 && (first.has_prefix("NNP") && !head_noun));
        let before = i.checked_sub(1);
        let possessed = before.is_some_and(|b| toks[b].has("POS") || toks[b].lower == "'s");
        if content > end
            || !head_noun
            || head.has_prefix("NNP")
            || other_determiner
            || possessed
            || !toks[content].is_word()
        {
            i = next;
            continue;
        }
        let mut h = Hashes::new(Task::Article, bits);
        let head_lemma = head.lemma("NN");
        let number = if plural || head.has("NNS") && !head.has("NN") {
            "pl"
        } else {
            "sg"
        };
        let p1 = word_at(toks, before);
        let p2 = word_at(toks, i.checked_sub(2));
        let p1t = tag_at(toks, before);
        let f = toks[content].word();
        let ft = toks[content].tag_key();
        let n1 = word_at(toks, Some(next));
        let n1t = tag_at(toks, Some(next));
        h.add("h", &[&head_lemma]);
        h.add("hn", &[&head_lemma, number]);
        h.add("ht", &[&head.tag_key()]);
        h.add("n", &[number]);
        h.add("f", &[f]);
        h.add("ft", &[&ft]);
        h.add("p1", &[p1]);
        h.add("p1t", &[&p1t]);
        h.add("p2p1", &[p2, p1]);
        h.add("p1h", &[p1, &head_lemma]);
        h.add("p1f", &[p1, f]);
        h.add("p1n", &[p1, number]);
        h.add("p1tn", &[&p1t, number]);
        h.add("fh", &[f, &head_lemma]);
        h.add("hn1", &[&head_lemma, n1]);
        h.add("n1", &[n1]);
        h.add("n1t", &[&n1t]);
        h.add("p1hn1", &[p1, &head_lemma, n1]);
        h.add("len", &[&(end - content).min(3).to_string()]);
        found.push(Site {
            task: Task::Article,
            token: i,
            from: i,
            last: end,
            written,
            features: h.out,
            singular_head: number == "sg" && head.has("NN"),
            before_noun: false,
            before_word: false,
        });
        i = next;
    }
}

/// Common prepositions (not "to" before a verb).
fn prepositions(toks: &[Tok], bits: u32, found: &mut Vec<Site>) {
    for (i, tok) in toks.iter().enumerate() {
        let Some(class) = PREPOSITIONS.iter().position(|p| *p == tok.lower) else {
            continue;
        };
        if !(tok.has("IN") || tok.has("TO") || tok.has("RP")) {
            continue;
        }
        let after = toks.get(i + 1);
        if tok.lower == "to" && after.is_some_and(|t| t.has("VB")) {
            continue;
        }
        let mut h = Hashes::new(Task::Preposition, bits);
        let before = i.checked_sub(1);
        let p1 = word_at(toks, before);
        let p1l = before.map_or("<s>".to_string(), |b| toks[b].lemma(""));
        let p2 = word_at(toks, i.checked_sub(2));
        let p1t = tag_at(toks, before);
        let n1 = word_at(toks, Some(i + 1));
        let n1t = tag_at(toks, Some(i + 1));
        let n2 = word_at(toks, Some(i + 2));
        // The noun the preposition governs: the first noun or pronoun after it, before any
        // verb or punctuation.
        let object = toks[i + 1..]
            .iter()
            .take(5)
            .take_while(|t| t.is_word() && !t.has_prefix("VB") && !t.has("IN"))
            .find(|t| t.has_prefix("NN") || t.has("PRP"))
            .map_or("-".to_string(), |t| t.lemma("NN"));
        // The verb, adjective or noun it hangs on: the nearest one before it.
        let governor = toks[..i]
            .iter()
            .rev()
            .take(4)
            .take_while(|t| t.is_word())
            .find(|t| t.has_prefix("VB") || t.has("JJ"))
            .map_or("-".to_string(), |t| t.lemma(""));
        h.add("p1", &[p1]);
        h.add("p1l", &[&p1l]);
        h.add("p1t", &[&p1t]);
        h.add("p2p1", &[p2, p1]);
        h.add("n1", &[n1]);
        h.add("n1t", &[&n1t]);
        h.add("n1n2", &[n1, n2]);
        h.add("p1n1", &[p1, n1]);
        h.add("p1tn1t", &[&p1t, &n1t]);
        h.add("o", &[&object]);
        h.add("p1lo", &[&p1l, &object]);
        h.add("g", &[&governor]);
        h.add("go", &[&governor, &object]);
        h.add("gn1", &[&governor, n1]);
        h.add("p2p1n1", &[p2, p1, n1]);
        found.push(Site {
            task: Task::Preposition,
            token: i,
            from: i,
            last: i,
            written: 1 << class,
            features: h.out,
            singular_head: false,
            before_noun: false,
            before_word: false,
        });
    }
}

/// Verbs ("be", "have" and "do" aside): words with only verb readings, and words with
/// other readings too where the chunker put them in a verb phrase.
fn verb_forms(toks: &[Tok], bits: u32, found: &mut Vec<Site>) {
    for (i, tok) in toks.iter().enumerate() {
        let classes: Vec<usize> = tok.base.iter().filter_map(|t| verb_class(t)).collect();
        // A word that can also be a noun or an adjective counts where the chunker put it
        // in a verb phrase.
        let only_verb = tok.base.iter().all(|t| verb_class(t).is_some());
        if classes.is_empty()
            || !(only_verb || tok.chunk("B-VP").is_some() || tok.chunk("I-VP").is_some())
            || !tok.is_word()
            || tok.lower.contains('\'')
        {
            continue;
        }
        let lemma = tok.lemma("VB");
        if matches!(lemma.as_str(), "be" | "have" | "do")
            || AUXILIARIES.contains(&tok.lower.as_str())
        {
            continue;
        }
        let written = classes.iter().fold(0u16, |set, c| set | 1 << c);
        let mut h = Hashes::new(Task::VerbForm, bits);
        let before = i.checked_sub(1);
        let p1 = word_at(toks, before);
        let p2 = word_at(toks, i.checked_sub(2));
        let p3 = word_at(toks, i.checked_sub(3));
        let p1t = tag_at(toks, before);
        let p2t = tag_at(toks, i.checked_sub(2));
        let n1 = word_at(toks, Some(i + 1));
        let n1t = tag_at(toks, Some(i + 1));
        let aux_at = (i.saturating_sub(4)..i)
            .rev()
            .take_while(|&j| toks[j].is_word() || toks[j].lower == "'")
            .find(|&j| AUXILIARIES.contains(&toks[j].lower.as_str()));
        // A verb joined to an earlier one by 'and', 'or' or 'but' ("does not exist or contains")
        // takes its form from its own subject, not from the auxiliary of the first verb.
        if aux_at.is_some_and(|j| {
            toks[j + 1..i]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "and" | "or" | "but"))
        }) {
            continue;
        }
        let aux = aux_at.map_or("-", |j| toks[j].lower.as_str());
        let subject = toks[..i]
            .iter()
            .rev()
            .take(4)
            .take_while(|t| t.is_word() || t.lower == "'")
            .find(|t| SUBJECTS.contains(&t.lower.as_str()) || t.has_prefix("NN"))
            .map_or("-".to_string(), |t| {
                if t.has_prefix("NN") {
                    if t.has("NNS") || t.has("NNPS") {
                        "<nns>"
                    } else {
                        "<nn>"
                    }
                    .to_string()
                } else {
                    t.lower.clone()
                }
            });
        h.add("l", &[&lemma]);
        h.add("p1", &[p1]);
        h.add("p1t", &[&p1t]);
        h.add("p2p1", &[p2, p1]);
        h.add("p2tp1t", &[&p2t, &p1t]);
        h.add("p3p2p1", &[p3, p2, p1]);
        h.add("n1", &[n1]);
        h.add("n1t", &[&n1t]);
        h.add("p1n1", &[p1, n1]);
        h.add("p1tn1t", &[&p1t, &n1t]);
        h.add("p1l", &[p1, &lemma]);
        h.add("ln1", &[&lemma, n1]);
        h.add("a", &[aux]);
        h.add("al", &[aux, &lemma]);
        h.add("s", &[&subject]);
        h.add("sp1", &[&subject, p1]);
        h.add("sa", &[&subject, aux]);
        found.push(Site {
            task: Task::VerbForm,
            token: i,
            from: aux_at.unwrap_or(i),
            last: i,
            written,
            features: h.out,
            singular_head: false,
            before_noun: toks.get(i + 1).is_some_and(|t| t.has_prefix("NN")),
            before_word: toks
                .get(i + 1)
                .is_some_and(|t| t.is_word() && !matches!(t.lower.as_str(), "and" | "or" | "but")),
        });
    }
}
