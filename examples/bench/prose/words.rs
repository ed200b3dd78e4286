//! The words the benchmark's prose is made of: verbs with objects that suit them, subjects,
//! times, places and a few other phrases, all written for this benchmark. Subjects are split by
//! agreement, so that a correct template stays correct whatever it picks.

/// A verb with its forms and an object it goes with.
#[derive(Clone, Copy)]
pub struct Action {
    pub base: &'static str,
    pub third: &'static str,
    pub past: &'static str,
    pub participle: &'static str,
    pub object: &'static str,
}

const fn action(
    base: &'static str,
    third: &'static str,
    past: &'static str,
    participle: &'static str,
    object: &'static str,
) -> Action {
    Action {
        base,
        third,
        past,
        participle,
        object,
    }
}

pub const ACTIONS: &[Action] = &[
    action("read", "reads", "read", "read", "the local newspaper"),
    action(
        "write",
        "writes",
        "wrote",
        "written",
        "a letter to the council",
    ),
    action(
        "cook",
        "cooks",
        "cooked",
        "cooked",
        "dinner for the whole family",
    ),
    action("clean", "cleans", "cleaned", "cleaned", "the kitchen"),
    action(
        "visit",
        "visits",
        "visited",
        "visited",
        "the museum in the old town",
    ),
    action(
        "watch",
        "watches",
        "watched",
        "watched",
        "a film about birds",
    ),
    action(
        "repair",
        "repairs",
        "repaired",
        "repaired",
        "the old bicycle",
    ),
    action(
        "prepare",
        "prepares",
        "prepared",
        "prepared",
        "a short presentation",
    ),
    action("study", "studies", "studied", "studied", "chemistry"),
    action("plan", "plans", "planned", "planned", "a trip to the coast"),
    action("paint", "paints", "painted", "painted", "the garden fence"),
    action("buy", "buys", "bought", "bought", "fresh vegetables"),
    action("carry", "carries", "carried", "carried", "the heavy boxes"),
    action(
        "explain",
        "explains",
        "explained",
        "explained",
        "the rules of the game",
    ),
    action("check", "checks", "checked", "checked", "the results"),
    action(
        "organise",
        "organises",
        "organised",
        "organised",
        "a small concert",
    ),
    action("find", "finds", "found", "found", "a cheaper flat"),
    action("take", "takes", "took", "taken", "the early train"),
];

/// Third-person singular subjects.
pub const SINGULAR: &[&str] = &[
    "my sister",
    "the teacher",
    "our neighbour",
    "my friend Maria",
    "the manager",
    "the old man next door",
    "this student",
    "she",
    "he",
];
/// Subjects that take the base form of the verb.
pub const PLURAL: &[&str] = &[
    "my parents",
    "the students",
    "we",
    "they",
    "our teachers",
    "most people",
    "the children",
    "my classmates",
    "I",
    "you",
];
pub const TIMES: &[&str] = &[
    "every morning",
    "on Saturdays",
    "after work",
    "in the evening",
    "twice a week",
    "during the holidays",
    "before lunch",
];
pub const PAST_TIMES: &[&str] = &[
    "yesterday",
    "last week",
    "two days ago",
    "last summer",
    "on Monday",
    "after the meeting",
];
pub const PLACES: &[&str] = &[
    "at home",
    "in the library",
    "near the station",
    "at the office",
    "in the garden",
    "at school",
];
pub const THINGS: &[&str] = &[
    "the city",
    "the new park",
    "this book",
    "the weather",
    "the course",
    "our project",
    "the market",
    "the bus service",
    "the exam",
];
pub const ADJECTIVES: &[&str] = &[
    "interesting",
    "difficult",
    "useful",
    "expensive",
    "comfortable",
    "crowded",
    "important",
    "pleasant",
];
pub const PLURAL_NOUNS: &[&str] = &["shops", "students", "trees", "books", "cafés", "bridges"];
pub const OPENERS: &[&str] = &[
    "In the end",
    "Of course",
    "For example",
    "At first",
    "Fortunately",
];
pub const REASONS: &[&str] = &[
    "because it was raining",
    "because the shop was closed",
    "because everyone was tired",
    "since the bus was late",
    "although nobody asked them to",
];
