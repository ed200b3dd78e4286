//! Reading what the user asked us to check, and finding its prose.
//!
//! `read` turns a path (or `-` for standard input) into a [`Source`]: the whole text, exactly as
//! it is on disk, or an [`InputError`] that names the path and the cause in one line. Nothing
//! here ever opens a file for writing.
//!
//! `prose_ranges` splits a plain text into paragraphs (runs of lines separated by blank
//! lines). Each range is a byte span into the original text, never a stripped copy, so every
//! issue an engine finds in a paragraph maps straight back to the user's file.

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
