//! `ownvoice explain`: the whole lesson for one grammar point, and the list of all points.
//! Like `rustc --explain`, it reads only the catalogue; no text is checked.

use std::io::{self, Write};

use colored::Colorize;
use unicode_width::UnicodeWidthStr;

use super::wrap;
use crate::catalogue::{Catalogue, Explanation};

/// Width the lesson text is wrapped to.
const WIDTH: usize = 78;

/// Writes the lesson for `entry`: title, kind of mistake, explanation, every example pair,
/// the question to ask and the related grammar points with their ids.
pub fn lesson(out: &mut dyn Write, catalogue: &Catalogue, entry: &Explanation) -> io::Result<()> {
    writeln!(out, "{}", entry.title.bold())?;
    writeln!(
        out,
        "{}",
        format!("{} · {}", entry.category, entry.id).dimmed()
    )?;
    writeln!(out)?;
    for line in wrap(entry.explanation.trim(), WIDTH) {
        writeln!(out, "{line}")?;
    }
    for (incorrect, correct) in entry.pairs() {
        writeln!(out)?;
        writeln!(out, "{} {incorrect}", "✗".red().bold())?;
        writeln!(out, "{} {correct}", "✓".green().bold())?;
    }
    writeln!(out)?;
    writeln!(out, "{} {}", "Ask yourself:".bold(), entry.question)?;
    if entry.fallback {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            "This is a general note, shown for rules ownvoice does not explain one by one."
                .dimmed()
        )?;
    }
    let related: Vec<&Explanation> = entry
        .related
        .iter()
        .filter_map(|id| catalogue.entry(id))
        .collect();
    if !related.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", "Related grammar points:".bold())?;
        for other in related {
            writeln!(out, "  • {}: ownvoice explain {}", other.title, other.id)?;
        }
    }
    out.flush()
}

/// Writes every grammar point as `id  title`, specific points first, then the general notes.
pub fn list(out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()> {
    let width = catalogue
        .entries
        .iter()
        .map(|e| e.id.width())
        .max()
        .unwrap_or(0);
    for fallback in [false, true] {
        if fallback {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                "General notes (for rules that are off by default):".dimmed()
            )?;
        }
        for entry in catalogue.entries.iter().filter(|e| e.fallback == fallback) {
            writeln!(out, "{:<width$}  {}", entry.id.bold(), entry.title)?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::catalogue;

    fn text(write: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        colored::control::set_override(false);
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_lesson_has_every_part_of_the_entry() {
        let catalogue = catalogue();
        let entry = catalogue.entry("subject-verb-agreement").unwrap();
        let shown = text(|out| lesson(out, catalogue, entry));
        assert!(shown.starts_with(&format!("{}\n", entry.title)));
        assert!(entry.pairs().len() >= 2);
        for (incorrect, correct) in entry.pairs() {
            assert!(shown.contains(&format!("✗ {incorrect}\n✓ {correct}\n")));
        }
        assert!(shown.contains(&entry.question));
        let first_words: String = entry
            .explanation
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(shown.contains(&first_words), "{shown}");
        for id in &entry.related {
            assert!(
                shown.contains(&format!("ownvoice explain {id}\n")),
                "{shown}"
            );
        }
    }

    #[test]
    fn the_list_names_every_entry_once() {
        let catalogue = catalogue();
        let shown = text(|out| list(out, catalogue));
        for entry in &catalogue.entries {
            let lines = shown
                .lines()
                .filter(|l| l.split_whitespace().next() == Some(&entry.id));
            assert_eq!(lines.count(), 1, "{}", entry.id);
        }
    }
}
