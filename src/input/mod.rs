//! Reading what the user asked us to check, and finding its prose.
//!
//! `read` turns a path (or `-` for standard input) into a [`Source`]: the whole text, exactly as
//! it is on disk, or an [`InputError`] that names the path and the cause in one line. Nothing
//! here ever opens a file for writing.
//!
//! Its [`Format`] (plain text, Markdown, LaTeX) decides what in it is prose: [`prose`] returns
//! the blocks to check as pieces of the original text, never a stripped copy, so every issue
//! an engine finds maps straight back to the user's file (see [`prose::Prose`]).

pub mod latex;
pub mod markdown;
pub mod prose;

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

use crate::span::Span;

/// The name standard input goes by, on the command line and in reports.
pub const STDIN: &str = "-";

/// Inputs larger than this are refused: checking runs at tens of KB per second, so a larger
/// file is almost always a mistake (a log, a dump), and reading it whole would cost memory.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One text to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it, or `-` for standard input.
    pub path: String,
    /// The whole text, unchanged.
    pub text: String,
    /// What kind of document it is: by the file's extension unless the user said.
    pub format: Format,
}

/// The kinds of document ownvoice knows which parts are prose of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text: every paragraph is prose.
    #[default]
    Plain,
    /// Markdown (CommonMark with tables, footnotes and math): code, HTML, link targets,
    /// front matter and math are skipped.
    Markdown,
    /// LaTeX: the preamble, comments, math and command arguments that are not prose are
    /// skipped.
    Latex,
}

impl Format {
    /// The format a file's extension says (`.md`, `.markdown`; `.tex`); plain otherwise.
    pub fn of_path(path: &str) -> Format {
        let extension = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("tex") => Format::Latex,
            _ => Format::Plain,
        }
    }
}

/// What is prose in `text`, read as `format`. `latex_prose` names LaTeX commands (without the
/// backslash) whose arguments are prose, beyond the built-in ones.
pub fn prose(text: &str, format: Format, latex_prose: &[String]) -> prose::Prose {
    match format {
        Format::Plain => prose::plain(text),
        Format::Markdown => markdown::prose(text),
        Format::Latex => latex::prose(text, latex_prose),
    }
}

/// Why an input could not be checked. The message names the cause; the path is added by
/// `Display` so that every error is one line a user can act on.
#[derive(Debug, Error)]
#[error("{path}: {cause}")]
pub struct InputError {
    pub path: String,
    pub cause: Cause,
}

#[derive(Debug, Error)]
pub enum Cause {
    #[error("no such file")]
    Missing,
    #[error("is a directory, not a text file")]
    Directory,
    #[error("permission denied")]
    PermissionDenied,
    #[error("cannot read: {0}")]
    Io(io::Error),
    #[error("looks like a binary file (it contains a NUL byte at offset {0}), not text")]
    Binary(usize),
    #[error("is not valid UTF-8 text (invalid byte at offset {0}); save it as UTF-8 and try again")]
    NotUtf8(usize),
    #[error("is too large to check ({0} MiB; the limit is 64 MiB)")]
    TooLarge(u64),
    #[error("is a folder with no Markdown (.md), LaTeX (.tex) or text (.txt) files to check")]
    NoTextFiles,
    #[error("cannot search the whole folder: {0}")]
    Walk(String),
}

/// The extensions a folder is searched for.
pub const FOLDER_EXTENSIONS: [&str; 4] = ["md", "markdown", "tex", "txt"];

/// The inputs named on the command line, with each folder replaced by the Markdown, LaTeX
/// and text files in it and below it, sorted by path. Files that `.gitignore`, `.ignore`, a
/// hidden name (`.git`) or one of the `ignore` globs (relative to the folder) leave out are
/// skipped, inside a Git repository or not. A folder with no such file is an error for that
/// folder; other paths (and `-`) are kept for [`read`] to judge.
pub fn expand(paths: &[String], ignore: &[String]) -> Vec<Result<String, InputError>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path == STDIN || !Path::new(path).is_dir() {
            inputs.push(Ok(path.clone()));
            continue;
        }
        let mut found: Vec<String> = Vec::new();
        let mut failed = None;
        let mut overrides = ignore::overrides::OverrideBuilder::new(path);
        for glob in ignore {
            if let Err(error) = overrides.add(&format!("!{glob}")) {
                failed = failed.or(Some(error.to_string()));
            }
        }
        let overrides = overrides
            .build()
            .unwrap_or_else(|_| ignore::overrides::Override::empty());
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .overrides(overrides)
            .build();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let wanted = entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| {
                            FOLDER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                        });
                    if is_file && wanted {
                        found.push(entry.path().to_string_lossy().into_owned());
                    }
                }
                Err(error) => failed = failed.or(Some(error.to_string())),
            }
        }
        found.sort();
        if let Some(error) = failed {
            inputs.push(Err(InputError {
                path: path.clone(),
                cause: Cause::Walk(error),
            }));
        }
        if found.is_empty() {
            inputs.push(Err(InputError {
                path: path.clone(),
                cause: Cause::NoTextFiles,
            }));
        }
        inputs.extend(found.into_iter().map(Ok));
    }
    inputs
}

/// Reads a path, or standard input for `-`, as UTF-8 text.
pub fn read(path: &str) -> Result<Source, InputError> {
    let fail = |cause| InputError {
        path: path.to_string(),
        cause,
    };
    let bytes = if path == STDIN {
        read_limited(io::stdin().lock()).map_err(fail)?
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(fail(Cause::Directory));
        }
        let file = fs::File::open(p).map_err(|e| fail(io_cause(e)))?;
        read_limited(file).map_err(fail)?
    };
    let text = decode(bytes).map_err(fail)?;
    Ok(Source {
        path: path.to_string(),
        text,
        format: Format::of_path(path),
    })
}

fn read_limited(reader: impl Read) -> Result<Vec<u8>, Cause> {
    let mut bytes = Vec::new();
    let read = reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_cause)?;
    if read as u64 > MAX_BYTES {
        // Only the first MAX_BYTES + 1 bytes were read: say "more than" the limit.
        return Err(Cause::TooLarge(MAX_BYTES / (1024 * 1024) + 1));
    }
    Ok(bytes)
}

fn io_cause(error: io::Error) -> Cause {
    match error.kind() {
        io::ErrorKind::NotFound => Cause::Missing,
        io::ErrorKind::PermissionDenied => Cause::PermissionDenied,
        io::ErrorKind::IsADirectory => Cause::Directory,
        _ => Cause::Io(error),
    }
}

/// Text files are UTF-8 without NUL bytes; anything else is refused, not guessed at.
fn decode(bytes: Vec<u8>) -> Result<String, Cause> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Cause::Binary(at));
    }
    String::from_utf8(bytes).map_err(|e| Cause::NotUtf8(e.utf8_error().valid_up_to()))
}

/// The paragraphs of a plain text: maximal runs of non-blank lines, each as a byte span of
/// the original text from its first non-blank character to its last (a leading byte-order
/// mark is not prose).
pub fn prose_ranges(text: &str) -> Vec<Span> {
    let mut ranges = Vec::new();
    let mut current: Option<Span> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let leading = content.len() - content.trim_start().len();
        if content
            .trim_start()
            .trim_start_matches('\u{feff}')
            .trim()
            .is_empty()
        {
            ranges.extend(current.take());
            continue;
        }
        let end = start + content.len();
        match &mut current {
            Some(range) => range.end = end,
            None => {
                let mut first = start + leading;
                if text[first..].starts_with('\u{feff}') {
                    first += '\u{feff}'.len_utf8();
                }
                current = Some(first..end);
            }
        }
    }
    ranges.extend(current);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        prose_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        let text = "\u{feff}First line\nsame paragraph.\n\n  \r\n  Second one.  \r\n";
        assert_eq!(pieces(text), ["First line\nsame paragraph.", "Second one."]);
    }

    #[test]
    fn empty_and_blank_texts_have_no_prose() {
        assert!(prose_ranges("").is_empty());
        assert!(prose_ranges("\n \n\t\n").is_empty());
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused() {
        assert!(matches!(decode(b"ab\0c".to_vec()), Err(Cause::Binary(2))));
        assert!(matches!(
            decode(b"caf\xe9".to_vec()),
            Err(Cause::NotUtf8(3))
        ));
        assert_eq!(decode("café".into()).unwrap(), "café");
    }
}
