//! The writer's personal dictionary: words (names, technical terms) that spelling checks
//! accept. Plain text, one word per line; `#` starts a comment line. Read from
//! `dictionary.txt` in the user's config folder when it exists, and from each
//! `--dictionary FILE`. Matching ignores letter case.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::input;

/// The words a writer has told us to accept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Personal {
    words: HashSet<String>,
}

impl Personal {
    /// Adds the words of a dictionary file; an error names the file and the cause.
    pub fn read(&mut self, path: &Path) -> Result<(), input::InputError> {
        let source = input::read(&path.to_string_lossy())?;
        self.extend(source.text.lines());
        Ok(())
    }

    /// Adds words, one per item; blank items and `#` comments are skipped.
    pub fn extend<'a>(&mut self, lines: impl IntoIterator<Item = &'a str>) {
        self.words.extend(
            lines
                .into_iter()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_lowercase),
        );
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// Every word, in order: the same set always gives the same list.
    pub fn sorted(&self) -> Vec<&String> {
        let mut words: Vec<&String> = self.words.iter().collect();
        words.sort();
        words
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The user's config folder (`OWNVOICE_CONFIG_DIR`, else the platform's: `~/.config/ownvoice`
/// on Linux), for the default dictionary and the user's configuration file.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("OWNVOICE_CONFIG_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(
            directories::ProjectDirs::from("", "", "ownvoice")?
                .config_dir()
                .to_path_buf(),
        ),
    }
}

/// Where the default personal dictionary lives: `dictionary.txt` in [`config_dir`].
pub fn default_path() -> Option<PathBuf> {
    Some(config_dir()?.join("dictionary.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_any_case_and_comments_are_skipped() {
        let mut personal = Personal::default();
        personal.extend("# names\nDmitry\n  Mallorca  \n\nkitesurfing".lines());
        assert!(personal.contains("dmitry") && personal.contains("MALLORCA"));
        assert!(personal.contains("kitesurfing"));
        assert!(!personal.contains("# names") && !personal.contains(""));
    }
}
