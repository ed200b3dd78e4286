//! The documents the client has open: their text as the client last sent it (whole, or
//! changed range by range), what kind of document each is, and the place on disk it stands
//! for; and the conversion between byte offsets and the client's positions.
//!
//! Boundary: the server never reads an open document from disk and never writes one; the
//! client's copy is the truth. Invariant: a document's text is always valid UTF-8 and every
//! change is applied at character boundaries (positions are clamped and moved back).

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::input::Format;
use crate::span::{LineIndex, Span};

/// What the client counts columns in (`positionEncoding`, LSP 3.17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first of the client's encodings the server speaks; UTF-16 (LSP's default) when it
    /// names none.
    pub fn negotiate(offered: &[String]) -> Encoding {
        offered
            .iter()
            .find_map(|name| match name.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    /// The client's position of a byte offset.
    pub fn position(self, index: &LineIndex, byte: usize) -> Position {
        let place = index.position(byte);
        let character = match self {
            Encoding::Utf8 => {
                // The column in bytes, from the char boundary `position` moved back to.
                let text = index.text();
                let mut byte = byte.min(text.len());
                while !text.is_char_boundary(byte) {
                    byte -= 1;
                }
                byte - index.line_start(place.line)
            }
            Encoding::Utf16 => place.utf16_column - 1,
            Encoding::Utf32 => place.column - 1,
        };
        Position::new((place.line - 1) as u32, character as u32)
    }

    /// The byte offset of a client's position (clamped to its line and the text).
    pub fn byte(self, index: &LineIndex, position: Position) -> usize {
        let (line, column) = (position.line as usize, position.character as usize);
        match self {
            Encoding::Utf8 => index.byte_of(line, column, char::len_utf8),
            Encoding::Utf16 => index.byte_of_utf16(line, column),
            Encoding::Utf32 => index.byte_of(line, column, |_| 1),
        }
    }

    /// The client's range of a byte span.
    pub fn range(self, index: &LineIndex, span: &Span) -> Range {
        Range::new(
            self.position(index, span.start),
            self.position(index, span.end),
        )
    }
}

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// What kind of document it is (by the client's language id, else the extension).
    pub format: Format,
    /// The client's version of the text.
    pub version: i32,
    pub text: String,
    /// The file it stands for, when its URI is a `file:` URI.
    pub path: Option<PathBuf>,
}

impl Document {
    pub fn new(uri: &str, language: &str, version: i32, text: String) -> Document {
        let path = path_of(uri);
        let name = path
            .as_ref()
            .map_or(uri.to_string(), |p| p.to_string_lossy().into_owned());
        Document {
            format: format_of(language, &name),
            version,
            text,
            path,
        }
    }

    /// Applies the client's changes in order: a change with a range replaces that range, one
    /// without replaces the whole text.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&self.text);
                    let start = encoding.byte(&index, range.start);
                    let end = encoding.byte(&index, range.end);
                    let (start, end) = (start.min(end), start.max(end));
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }
}

/// The kind of document: by the client's language id (`markdown`; `latex`, `tex`;
/// `plaintext`), else by the file's extension as on the command line.
pub fn format_of(language: &str, name: &str) -> Format {
    match language.to_ascii_lowercase().as_str() {
        "markdown" | "md" => Format::Markdown,
        "latex" | "tex" | "plaintex" | "bibtex-free-latex" => Format::Latex,
        "plaintext" | "text" | "txt" => Format::Plain,
        _ => Format::of_path(name),
    }
}

/// The path a `file:` URI names (percent-escapes decoded); `None` for other schemes.
pub fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/x` has an empty host; `file://localhost/home/x` names this machine.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let mut input = path.bytes();
    while let Some(byte) = input.next() {
        if byte == b'%' {
            let hex: Vec<u8> = input.clone().take(2).collect();
            if let Some(value) = std::str::from_utf8(&hex)
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .filter(|_| hex.len() == 2)
            {
                bytes.push(value);
                input.nth(1);
                continue;
            }
        }
        bytes.push(byte);
    }
    let path = String::from_utf8(bytes).ok()?;
    // A Windows drive letter: `/c:/Users/x`.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => {
            path[1..].to_string()
        }
        _ => path,
    };
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path, escaping what a URI cannot hold.
pub fn uri_of(path: &std::path::Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The open documents, by URI as the client spells it.
pub type Documents = HashMap<String, Document>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_each_encoding_go_both_ways() {
        let text = "Café 😀 owners\nwas happy.";
        let index = LineIndex::new(text);
        let owners = text.find("owners").unwrap();
        let at = |encoding: Encoding| encoding.position(&index, owners);
        assert_eq!(at(Encoding::Utf8), Position::new(0, 11));
        assert_eq!(at(Encoding::Utf16), Position::new(0, 8));
        assert_eq!(at(Encoding::Utf32), Position::new(0, 7));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(encoding.byte(&index, at(encoding)), owners, "{encoding:?}");
        }
        let was = text.find("was").unwrap();
        assert_eq!(Encoding::Utf16.position(&index, was), Position::new(1, 0));
        // Past the end of a line: its end.
        assert_eq!(
            Encoding::Utf16.byte(&index, Position::new(0, 99)),
            text.find('\n').unwrap()
        );
        assert_eq!(
            Encoding::negotiate(&["utf-32".into(), "utf-8".into()]),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }

    #[test]
    fn changes_apply_range_by_range_and_whole() {
        let mut document = Document::new(
            "file:///tmp/My%20essay.md",
            "markdown",
            1,
            "He need 😀 it.\nShe go home.\n".into(),
        );
        assert_eq!(document.path, Some(PathBuf::from("/tmp/My essay.md")));
        assert_eq!(document.format, Format::Markdown);
        let change = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        };
        // "it" is after the emoji: UTF-16 column 11 to 13.
        document.change(
            2,
            vec![
                change(
                    Some(Range::new(Position::new(0, 11), Position::new(0, 13))),
                    "them",
                ),
                change(
                    Some(Range::new(Position::new(1, 4), Position::new(1, 6))),
                    "goes",
                ),
            ],
            Encoding::Utf16,
        );
        assert_eq!(document.text, "He need 😀 them.\nShe goes home.\n");
        assert_eq!(document.version, 2);
        document.change(3, vec![change(None, "New.")], Encoding::Utf16);
        assert_eq!(document.text, "New.");
    }

    #[test]
    fn the_kind_of_document_comes_from_the_language_then_the_extension() {
        assert_eq!(format_of("latex", "notes.txt"), Format::Latex);
        assert_eq!(format_of("plaintext", "post.md"), Format::Plain);
        assert_eq!(format_of("gitcommit", "COMMIT_EDITMSG"), Format::Plain);
        assert_eq!(format_of("", "/x/post.markdown"), Format::Markdown);
        assert_eq!(path_of("untitled:Untitled-1"), None);
        let odd = PathBuf::from("/tmp/my été #1.md");
        assert_eq!(uri_of(&odd), "file:///tmp/my%20%C3%A9t%C3%A9%20%231.md");
        assert_eq!(path_of(&uri_of(&odd)), Some(odd));
        assert_eq!(
            path_of("file://localhost/a/%C3%A9t%C3%A9.tex"),
            Some(PathBuf::from("/a/été.tex"))
        );
    }
}
