//! Property tests of the invariants the fuzz targets check (`fuzz/`), so CI keeps them: on
//! generated documents made of the syntax each reader knows (Markdown, LaTeX, plain text
//! with ignore comments) mixed with arbitrary Unicode, every span lies inside the input on
//! character boundaries and extracted prose maps back to exactly the original bytes; the
//! cache file reader never panics and reads back what was written; the real engines give the
//! same issues with and without the cache. The invariants themselves are in
//! `common/invariants.rs`.

use lazy_static::lazy_static;
use proptest::prelude::*;

use ownvoice::cache::{Cache, Cached};
use ownvoice::engine::{Checker, Engines, RuleSelection};
use ownvoice::input::{self, Format};

mod common;
use common::invariants;

/// Markdown syntax, ignore comments, and words, glued in any order.
const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "> ",
    "`",
    "``",
    "```\n",
    "~~~",
    "*",
    "_",
    "**",
    "[",
    "](",
    ")",
    "![",
    "<",
    ">",
    "<!-- ownvoice-disable -->",
    "<!-- ownvoice-enable -->",
    "<!-- ownvoice-disable-next-line -->",
    "<!-- ",
    " -->",
    "|",
    " | ",
    "---",
    "+++",
    "$",
    "$$",
    "[^1]",
    "[^1]: ",
    "\\",
    "&amp;",
    "<https://x.org>",
    "    ",
    "\t",
    "He need time.",
    "It are good.",
    " ",
    "é",
    "🙂",
    "\r\n",
    "a",
    "Word",
    "\u{feff}",
    "\u{0301}",
];

/// LaTeX syntax, switches and words.
const LATEX: &[&str] = &[
    "\\documentclass{article}",
    "\\begin{document}",
    "\\end{document}",
    "\\section{",
    "}",
    "{",
    "\\emph{",
    "\\cite{a}",
    "\\label{x}",
    "$",
    "$$",
    "\\[",
    "\\]",
    "\\(",
    "\\)",
    "%",
    "% ownvoice: off\n",
    "% ownvoice: on\n",
    "\\begin{itemize}",
    "\\end{itemize}",
    "\\item ",
    "\\begin{verbatim}",
    "\\end{verbatim}",
    "\\footnote{",
    "\\caption{",
    "&",
    "\\\\",
    "~",
    "``",
    "''",
    "\\url{a%20b}",
    "\\verb|x|",
    "\n",
    "\n\n",
    "He need time.",
    " ",
    "é",
    "🙂",
    "\\",
    "\\begin{tabular}{ll}",
    "\\end{tabular}",
    "\\textbf{",
    "[",
    "]",
];

/// Plain text with ignore comments.
const PLAIN: &[&str] = &[
    "ownvoice:ignore",
    "ownvoice:",
    "ignore",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\t",
    "He need time.",
    "It are good.",
    "é",
    "🙂",
    "\u{feff}",
    "a",
    "\u{0}",
];

fn document(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(pieces).prop_map(str::to_string),
        1 => "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn markdown_prose_maps_back(text in document(MARKDOWN)) {
        let prose = input::prose(&text, Format::Markdown, &[]);
        invariants::prose(&text, &prose);
    }

    #[test]
    fn latex_prose_maps_back(text in document(LATEX)) {
        let prose = input::prose(&text, Format::Latex, &["emph".to_string()]);
        invariants::prose(&text, &prose);
    }

    #[test]
    fn plain_prose_maps_back_and_ignores_lines(text in document(PLAIN)) {
        let prose = input::prose(&text, Format::Plain, &[]);
        invariants::prose(&text, &prose);
        invariants::plain_ignores(&text, &prose);
    }

    #[test]
    fn any_unicode_in_any_format(text in "\\PC{0,300}") {
        for format in [Format::Plain, Format::Markdown, Format::Latex] {
            invariants::prose(&text, &input::prose(&text, format, &[]));
        }
    }

    #[test]
    fn cache_files_read_back_or_not_at_all(body in prop::collection::vec(any::<u8>(), 0..200)) {
        invariants::cache_file(&body);
    }
}

lazy_static! {
    static ref ENGINES: Engines = Engines::load(&RuleSelection::default()).unwrap();
}

proptest! {
    // Each case runs the real engines on a paragraph: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_cache_never_changes_what_is_found(text in document(MARKDOWN)) {
        let prose = input::prose(&text, Format::Markdown, &[]);
        let cache = Cache::memory(1);
        let cached = Cached { cache: Some(&cache), engines: Some(&*ENGINES as &dyn Checker) };
        let direct = ownvoice::check_prose(&text, &prose, &*ENGINES);
        let first = ownvoice::check_prose(&text, &prose, &cached);
        // The second time every paragraph is answered by the cache alone.
        let from_cache = Cached { cache: Some(&cache), engines: None };
        let second = ownvoice::check_prose(&text, &prose, &from_cache);
        invariants::issues(&text, &direct.issues);
        prop_assert!(second.failures.is_empty(), "{:?}", second.failures);
        prop_assert_eq!(invariants::summary(&direct.issues), invariants::summary(&first.issues));
        prop_assert_eq!(invariants::summary(&direct.issues), invariants::summary(&second.issues));
    }
}
