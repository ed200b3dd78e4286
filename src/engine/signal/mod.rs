//! The statistical signal: where patterns cannot reach, a model of ordinary English judges
//! the writer's article, preposition and verb form from the words around them.
//!
//! The model (`data/signal.bin`, built by `examples/signal` from openly licensed native
//! prose; see that folder's README for the sources) predicts, for each place of choice that
//! [`features::sites`] finds, how often native writers choose each option in that context. A
//! place is flagged only when the writer's choice is rare there and one other option is far
//! more usual: both thresholds are per rule, chosen for precision on the learner essays of
//! the evaluation data. Like every rule, a finding names the grammar point; the option the
//! model prefers travels only in the finding's message and replacements, shown with
//! `--reveal`.
//!
//! The signal runs over the sentences nlprule already analysed for the other rules
//! ([`super::nlprule`]), so it adds no second analysis.

pub mod features;
pub mod model;

use nlprule::types::{Sentence, Token};

use super::learner::spoken;
use super::{Finding, RuleId, RuleSelection};
use features::{Site, Task, is_blank};
use model::Model;

/// The model built into the binary.
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/signal.bin");

/// The category of the signal's rules.
pub const CATEGORY: &str = "SIGNAL";

/// One rule of the signal: which places it judges and how sure the model must be.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The id after `SIGNAL/`.
    pub name: &'static str,
    /// The explanation entry (`data/explanations.toml`).
    pub explanation: &'static str,
    task: Task,
    /// At most this probability for the writer's choice...
    written_at_most: f32,
    /// ...and at least this for one other choice (for a missing article: a/an and the
    /// together).
    other_at_least: f32,
    /// A wider bound for the writer's choice, for the places [`Rule::wider`] admits (0: none).
    wider_at_most: f32,
    /// On without being named. Figures per rule are in the README ("The statistical
    /// signal").
    pub default: bool,
}

/// The signal's rules. Thresholds and defaults were chosen on BEA-2019 dev and W&I A
/// (`cargo run --release --example evaluate`); a rule is on by default only where it held
/// at least 85 % precision on each file with enough flags to mean something.
pub const RULES: [Rule; 4] = [
    Rule {
        name: "ARTICLE",
        explanation: "articles",
        task: Task::Article,
        written_at_most: 0.01,
        other_at_least: 0.97,
        wider_at_most: 0.0,
        default: false,
    },
    Rule {
        name: "MISSING_ARTICLE",
        explanation: "articles",
        task: Task::Article,
        written_at_most: 0.01,
        other_at_least: 0.97,
        wider_at_most: 0.0,
        default: false,
    },
    Rule {
        name: "PREPOSITION",
        explanation: "prepositions",
        task: Task::Preposition,
        written_at_most: 0.005,
        other_at_least: 0.9,
        wider_at_most: 0.0,
        default: false,
    },
    Rule {
        name: "VERB_FORM",
        explanation: "verb-forms",
        task: Task::VerbForm,
        written_at_most: 0.0035,
        other_at_least: 0.9,
        // Where the form is not a tense of the writer's story (see `wider`); the wider bound
        // found 7 more gold edits on BEA dev and 20 more on W&I A.
        wider_at_most: 0.02,
        // On since its underline takes in the auxiliary that decides the form ("had woke"):
        // its own flags (after the pattern rules) are 92 % right on BEA dev (13) and 90 %
        // on W&I A (42).
        default: true,
    },
];

impl Rule {
    /// The rule's full id, `SIGNAL/NAME`.
    pub fn rule_id(&self) -> String {
        format!("{CATEGORY}/{}", self.name)
    }

    fn id(&self) -> RuleId {
        let id = self.rule_id();
        RuleId {
            category: CATEGORY.to_string(),
            group: id.clone(),
            index: id,
        }
    }

    /// Whether this rule judges the site at all.
    fn applies(&self, site: &Site) -> bool {
        if self.task != site.task {
            return false;
        }
        match self.name {
            "ARTICLE" => site.written != 1,
            "MISSING_ARTICLE" => site.written == 1 && site.singular_head,
            // A participle before a noun is mostly an adjective ("in spoken English").
            "VERB_FORM" => !(site.before_noun && site.written & 0b11000 != 0),
            _ => true,
        }
    }

    /// The choice to suggest, when the model is sure enough that the writer's is unusual.
    fn judge(&self, site: &Site, p: &[f32], sentence: &Sentence) -> Option<usize> {
        let written: f32 = (0..p.len())
            .filter(|c| site.written & (1 << c) != 0)
            .map(|c| p[c])
            .sum();
        if written > self.written_at_most.max(self.wider_at_most) {
            return None;
        }
        if self.name == "MISSING_ARTICLE" {
            let (a, the) = (p[1], p[2]);
            return (a + the >= self.other_at_least).then_some(if a >= the { 1 } else { 2 });
        }
        (0..p.len())
            .filter(|c| site.written & (1 << c) == 0)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]))
            .filter(|&c| p[c] >= self.other_at_least)
            .filter(|&c| written <= self.written_at_most || self.wider(site, c, sentence))
    }

    /// Whether a verb form the model finds less rare (up to `wider_at_most`) is still worth
    /// a look: not where the usual form is the past (whether a story is told in the past is
    /// the writer's choice, "he moves to another place"), not an -ing form after 'be' where
    /// the participle is usual ("it could be annoying"), and not an -ing form where the base
    /// form is usual ("letting them get mangled", "without regard to encoding"). After an
    /// auxiliary or 'to', only adverbs may come between ("is [always drop]", not "is where
    /// something like comes", "have it derive"), and no -s form after 'to' ("the version it
    /// refers to gives"). With no auxiliary, only a contracted one the features miss ("I've
    /// [join]"), or a base form where the -ing form is usual, in lowercase between two words,
    /// the second not a noun ("of [extract] the mineral", not "output by tokenize.", "bug
    /// reports, feature requests" or "I enjoy swim lessons").
    fn wider<'a>(&self, site: &Site, choice: usize, sentence: &'a Sentence<'a>) -> bool {
        const BASE: usize = 0;
        const PAST: usize = 2;
        const PARTICIPLE: usize = 3;
        const ING: usize = 4;
        let written_ing = site.written & (1 << ING) != 0;
        if self.task != Task::VerbForm
            || choice == PAST
            || written_ing && (choice == PARTICIPLE || choice == BASE)
        {
            return false;
        }
        let tokens = sentence.tokens();
        let text = |token: &'a Token<'a>| token.word().text().as_str();
        if site.from != site.token {
            // 'to' + an -s form is often 'to' ending a clause ("the version it refers to
            // gives").
            if text(&tokens[site.from]).eq_ignore_ascii_case("to") && site.written == 1 << 1 {
                return false;
            }
            return tokens[site.from + 1..site.token].iter().all(|token| {
                is_blank(token)
                    || token
                        .word()
                        .tags()
                        .iter()
                        .any(|tag| tag.pos().as_str().starts_with("RB"))
            });
        }
        let mut before = tokens[..site.token]
            .iter()
            .rev()
            .filter(|token| !is_blank(token))
            .map(text);
        let (last, second_last) = (before.next(), before.next());
        if choice != ING {
            // Only after a contracted auxiliary, which the model's features do not read as
            // one ("I've [join]", "couldn't [went]"); a verb with none decides its own form
            // ("the Work, voluntarily elects").
            return matches!(last, Some("ve" | "t" | "ll" | "d"))
                && matches!(second_last, Some("'" | "\u{2019}"));
        }
        site.before_word
            && !site.before_noun
            && last.is_some_and(|word| word.starts_with(char::is_alphanumeric))
            && text(&tokens[site.token]).starts_with(char::is_lowercase)
    }
}

/// The signal with the rules a selection turns on.
pub struct Signal {
    model: Model<'static>,
    on: Vec<(Rule, bool)>,
}

impl Signal {
    /// The built-in model with each rule on or off as `selection` decides (named ids first,
    /// then `--all-rules`, then the rule's own default).
    pub fn load(selection: &RuleSelection) -> Result<Signal, String> {
        let model = Model::read(MODEL_BYTES).map_err(|e| format!("data/signal.bin: {e}"))?;
        Ok(Signal {
            model,
            on: RULES
                .iter()
                .map(|rule| {
                    let on = selection
                        .named(&rule.id())
                        .unwrap_or(selection.all_rules || rule.default);
                    (*rule, on)
                })
                .collect(),
        })
    }

    /// Every rule and whether it runs.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.on.iter().map(|(rule, on)| (rule.id(), *on))
    }

    /// Findings in the analysed sentences of one paragraph.
    pub fn check(&self, sentences: &[Sentence]) -> Vec<Finding> {
        let mut found = Vec::new();
        if !self.on.iter().any(|(_, on)| *on) {
            return found;
        }
        for sentence in sentences {
            for site in features::sites(sentence, self.model.bits) {
                let rules: Vec<&Rule> = self
                    .on
                    .iter()
                    .filter(|(rule, on)| *on && rule.applies(&site))
                    .map(|(rule, _)| rule)
                    .collect();
                if rules.is_empty() {
                    continue;
                }
                let p = self.model.probabilities(site.task, &site.features);
                for rule in rules {
                    if let Some(choice) = rule.judge(&site, &p, sentence) {
                        found.push(finding(rule, sentence, &site, &p, choice));
                    }
                }
            }
        }
        found
    }
}

/// A finding for one judged site: the word to look at, and (for `--reveal`) what native
/// writers use there.
fn finding(rule: &Rule, sentence: &Sentence, site: &Site, p: &[f32], choice: usize) -> Finding {
    let tokens = sentence.tokens();
    let token = &tokens[site.token];
    let from = &tokens[site.from];
    // A missing article is underlined on its whole phrase; every other choice on its word
    // (with the auxiliary that governs a verb's form).
    let last = if rule.name == "MISSING_ARTICLE" {
        site.last
    } else {
        site.token
    };
    let span = from.span().byte().start..tokens[last].span().byte().end;
    let word = token.word().text().as_str();
    let choices = site.task.choices();
    let written: f32 = (0..p.len())
        .filter(|c| site.written & (1 << c) != 0)
        .map(|c| p[c])
        .sum();
    let (message, replacements) = match (site.task, rule.name) {
        (Task::Article, "MISSING_ARTICLE") => (
            format!(
                "Native writers usually put an article before '{word}' here (no article \
                 {:.1} %, a/an or the {:.1} %).",
                100.0 * written,
                100.0 * (p[1] + p[2])
            ),
            {
                let words: Vec<&Token> = tokens[site.from..=last]
                    .iter()
                    .filter(|token| !is_blank(token))
                    .collect();
                let phrase = spoken(&words);
                // 'an' before a vowel letter; a wrong guess ("an university") fails the
                // engines' check of every replacement and is not shown.
                let vowel = phrase.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
                let article = match choice {
                    2 => "the",
                    _ if vowel => "an",
                    _ => "a",
                };
                vec![format!("{article} {phrase}")]
            },
        ),
        (Task::Article, _) => (
            format!(
                "'{word}' is unusual here ({:.1} %); native writers use {} ({:.1} %).",
                100.0 * written,
                choices[choice],
                100.0 * p[choice]
            ),
            match choice {
                0 => Vec::new(),
                1 => vec!["a".to_string()],
                _ => vec!["the".to_string()],
            },
        ),
        (Task::Preposition, _) => (
            format!(
                "'{word}' is unusual here ({:.1} %); native writers use '{}' ({:.1} %).",
                100.0 * written,
                choices[choice],
                100.0 * p[choice]
            ),
            vec![choices[choice].to_string()],
        ),
        (Task::VerbForm, _) => (
            format!(
                "This form of the verb is unusual here ({:.1} %); native writers use the {} \
                 ({:.1} %).",
                100.0 * written,
                choices[choice],
                100.0 * p[choice]
            ),
            Vec::new(),
        ),
    };
    Finding {
        rule: rule.rule_id(),
        span,
        message,
        replacements,
    }
}
