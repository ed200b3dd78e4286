//! Reading the training text: paragraphs of running prose from Project Gutenberg books and
//! from Wikipedia articles as WikiExtractor writes them, with headings, tables of contents,
//! licence boilerplate and other non-prose left out.
//!
//! A book is read between its "*** START OF" and "*** END OF" lines where it has them (the
//! copies in the `gutenbergbooks` repositories mostly have none); its paragraphs are
//! separated by blank lines and their lines joined. A WikiExtractor file holds `<doc>`
//! elements whose first line is the title and whose other lines are paragraphs (a line of
//! a few words ending in a full stop is a section heading). Typographic quotes and
//! apostrophes become plain ones, as learners mostly type them, and `_emphasis_` marks go.

use std::path::Path;

/// The paragraphs of one file, by its kind (guessed from its content).
pub fn paragraphs(path: &Path, text: &str) -> Vec<String> {
    let text = plain(text);
    let found = if text.contains("<doc id=") {
        wiki(&text)
    } else {
        book(&text)
    };
    if found.is_empty() {
        eprintln!("{}: no paragraphs of prose", path.display());
    }
    found
}

fn plain(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\u{2014}', " - ")
        .replace(['_', '\r'], "")
}

/// Whether a paragraph reads as running prose: enough words, mostly lowercase letters, a
/// sentence end.
fn prose(paragraph: &str) -> bool {
    let words = paragraph.split_whitespace().count();
    let letters = paragraph.chars().filter(|c| c.is_alphabetic()).count();
    let lower = paragraph.chars().filter(|c| c.is_lowercase()).count();
    words >= 6
        && letters * 10 >= paragraph.len() * 6
        && lower * 10 >= letters * 8
        && paragraph.trim_end().ends_with(['.', '!', '?', '"', '\''])
        && !paragraph.contains("Gutenberg")
}

fn book(text: &str) -> Vec<String> {
    let start = text
        .find("*** START OF")
        .and_then(|at| text[at..].find('\n').map(|n| at + n))
        .unwrap_or(0);
    let end = text.find("*** END OF").unwrap_or(text.len()).max(start);
    text[start..end]
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| prose(p))
        .collect()
}

fn wiki(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for doc in text.split("<doc id=").skip(1) {
        let body = doc.split("</doc>").next().unwrap_or("");
        // The opening tag's line, then the title.
        for line in body.lines().skip(2) {
            let line = line.trim();
            if line.split_whitespace().count() >= 6 && prose(line) {
                out.push(line.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn books_keep_their_prose_only() {
        let text = "Title: X\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nCHAPTER I\n\n\
            It was a bright cold day in April, and the clocks\nwere striking thirteen.\n\n\
            *** END OF THE PROJECT GUTENBERG EBOOK X ***\nLicence text that is long enough here.";
        assert_eq!(
            paragraphs(Path::new("x"), text),
            ["It was a bright cold day in April, and the clocks were striking thirteen."]
        );
    }

    #[test]
    fn wiki_articles_lose_titles_and_headings() {
        let text = "<doc id=\"1\" url=\"?curid=1\" title=\"Air\">\nAir\n\nAir is the clear gas \
            we live in and breathe.\nEarly life.\n</doc>\n";
        assert_eq!(
            paragraphs(Path::new("x"), text),
            ["Air is the clear gas we live in and breathe."]
        );
    }
}
