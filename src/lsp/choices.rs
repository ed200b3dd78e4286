//! The writer's choices, written where ownvoice reads them: a rule turned off in
//! `.ownvoice.toml` or the user's `config.toml`, a word added to the personal dictionary.
//!
//! Invariant: no file the writer is editing is ever written here; a configuration file or
//! dictionary is kept as it was (comments, order, other keys, other words) but for the one
//! value added, and written whole or not at all (a temporary file renamed into place). A
//! file that does not read as a valid configuration is left alone and named in the error.
//! toml_edit keeps a TOML file's comments and layout as it changes one value, which editing
//! its lines by hand would get wrong for lists written over several lines.

use std::fs;
use std::io;
use std::path::Path;

use toml_edit::{Array, DocumentMut, Item};

use crate::config::Config;

/// Adds `rule` to the `disable` list of the configuration file at `path` (created if
/// missing) and takes it out of that file's `enable` list. Returns false when the file
/// already turned it off. Comments and everything else in the file stay as they were.
pub fn disable_rule(path: &Path, rule: &str) -> Result<bool, String> {
    let fail = |cause: String| format!("{}: {cause}; nothing was changed", path.display());
    let original = match fs::read_to_string(path) {
        Ok(text) => {
            // The file must be one ownvoice reads, or the writer would lose track of it.
            Config::read([&path.to_path_buf()]).map_err(|e| format!("{e}; nothing was changed"))?;
            text
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(fail(format!("cannot read it: {error}"))),
    };
    let mut document: DocumentMut = original
        .parse()
        .map_err(|e: toml_edit::TomlError| fail(crate::config::one_line(&e.to_string())))?;
    let same = |value: &toml_edit::Value| {
        value
            .as_str()
            .is_some_and(|id| id.eq_ignore_ascii_case(rule))
    };
    if let Some(enable) = document.get_mut("enable").and_then(Item::as_array_mut) {
        loop {
            let found = enable.iter().position(same);
            let Some(at) = found else { break };
            remove_keeping_comments(enable, at);
        }
    }
    let disable = document
        .entry("disable")
        .or_insert_with(|| Item::Value(Array::new().into()));
    let Some(disable) = disable.as_array_mut() else {
        return Err(fail("'disable' is not a list".into()));
    };
    if disable.iter().any(same) {
        return Ok(false);
    }
    disable.push(rule);
    write_whole(path, document.to_string().as_bytes()).map_err(|e| fail(e.to_string()))?;
    Ok(true)
}

/// Removes item `at` of a TOML array. A comment after an item's comma belongs to the next
/// item's leading decoration: it is handed on to the item after it (or the array's end), so
/// no comment is lost with the item.
fn remove_keeping_comments(array: &mut Array, at: usize) {
    let decoration = |value: &toml_edit::Value| {
        value
            .decor()
            .prefix()
            .and_then(|prefix| prefix.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let prefix = array.get(at).map(decoration).unwrap_or_default();
    array.remove(at);
    let comments = prefix.trim_end_matches([' ', '\t']);
    if !comments.contains('#') {
        return;
    }
    match array.get_mut(at) {
        Some(next) => {
            let joined = format!("{comments}{}", decoration(next));
            next.decor_mut().set_prefix(joined);
        }
        None => {
            let trailing = array.trailing().as_str().unwrap_or_default().to_string();
            array.set_trailing(format!("{comments}{trailing}"));
        }
    }
}

/// Adds `word` to the personal dictionary at `path` (one word per line), unless it is
/// there already (in any letter case). Returns false when it was.
pub fn add_word(path: &Path, word: &str) -> Result<bool, String> {
    let fail = |cause: String| format!("{}: {cause}; nothing was changed", path.display());
    if word.trim().is_empty() || word.contains(['\n', '\r']) {
        return Err(fail(format!("{word:?} is not one word")));
    }
    let mut text = match fs::read(path) {
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| fail("it is not UTF-8 text".to_string()))?
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(fail(format!("cannot read it: {error}"))),
    };
    let word = word.trim();
    if text
        .lines()
        .any(|line| line.trim().to_lowercase() == word.to_lowercase())
    {
        return Ok(false);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(word);
    text.push('\n');
    write_whole(path, text.as_bytes()).map_err(|e| fail(e.to_string()))?;
    Ok(true)
}

/// Writes a whole file through a temporary file renamed into place, making its folder.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy());
    let temporary = folder.join(format!(".{name}.ownvoice-{}.tmp", std::process::id()));
    let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_a_rule_off_keeps_the_file_as_it_was_around_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ownvoice.toml");
        let before = "# Our thesis\ndialect = \"gb\" # British\nenable = [\n  \"OWNVOICE/BE_SAME\", # keep\n  \"harper/spellcheck\",\n]\nwords = [\"Lugo\"]\n";
        fs::write(&path, before).unwrap();
        assert_eq!(disable_rule(&path, "HARPER/SpellCheck"), Ok(true));
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.starts_with("# Our thesis\ndialect = \"gb\" # British\n"),
            "{after}"
        );
        assert!(after.contains("\"OWNVOICE/BE_SAME\", # keep"), "{after}");
        assert!(!after.contains("harper/spellcheck"), "{after}");
        assert!(
            after.contains("disable = [\"HARPER/SpellCheck\"]"),
            "{after}"
        );
        let config = Config::read([&path]).unwrap();
        assert_eq!(
            config.files[0].1.disable.as_deref(),
            Some(&["HARPER/SpellCheck".to_string()][..])
        );
        assert_eq!(disable_rule(&path, "harper/SPELLCHECK"), Ok(false));
        // A missing file is made.
        let fresh = dir.path().join("sub/config.toml");
        assert_eq!(disable_rule(&fresh, "GRAMMAR/HE_NEED"), Ok(true));
        assert_eq!(
            fs::read_to_string(&fresh).unwrap(),
            "disable = [\"GRAMMAR/HE_NEED\"]\n"
        );
    }

    #[test]
    fn a_file_ownvoice_cannot_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ownvoice.toml");
        for broken in ["dialekt = \"gb\"\n", "disable = [\n", "disable = \"X\"\n"] {
            fs::write(&path, broken).unwrap();
            let error = disable_rule(&path, "GRAMMAR/HE_NEED").unwrap_err();
            assert!(error.contains(".ownvoice.toml"), "{error}");
            assert!(error.contains("nothing was changed"), "{error}");
            assert_eq!(error.lines().count(), 1, "{error}");
            assert_eq!(fs::read_to_string(&path).unwrap(), broken);
        }
    }

    #[test]
    fn a_word_is_added_once_on_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dictionary.txt");
        fs::write(&path, "# names\nDmitry").unwrap();
        assert_eq!(add_word(&path, "Lugo"), Ok(true));
        assert_eq!(add_word(&path, "lugo"), Ok(false));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# names\nDmitry\nLugo\n"
        );
        assert!(add_word(&path, "two\nlines").is_err());
    }
}
