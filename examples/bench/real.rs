//! Real English prose for the benchmark, beside the generated text of `prose.rs`: the
//! software licence texts that every Debian and Ubuntu system ships in
//! `/usr/share/common-licenses` (package `base-files`; each licence allows verbatim copies).
//! They are read where the system keeps them and never copied into the repository. Their
//! long sentences, defined terms and legal and technical words are what the generated text
//! lacks, and they are much like the documentation writers check.
//!
//! The text is the files in order of name (links left out: they repeat another file),
//! joined by blank lines and cut at the last paragraph break before the size asked for, so
//! the same system gives the same text; the benchmark prints its digest beside its issues.

use std::fs;
use std::path::{Path, PathBuf};

/// Where the licence texts are.
pub const FOLDER: &str = "/usr/share/common-licenses";

/// The label prefix of a real-prose size: `real-200k`.
pub const PREFIX: &str = "real-";

/// The licence files, in order of name, links left out.
fn files(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .map_err(|e| {
            format!(
                "{}: {e} (the real-prose sizes need the licence texts of the base-files \
                 package; leave out the real-... sizes elsewhere)",
                folder.display()
            )
        })?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

/// About `bytes` bytes of real prose (never more), ending with a newline, or why not.
pub fn text(bytes: usize) -> Result<String, String> {
    let mut all = String::new();
    for path in files(Path::new(FOLDER))? {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        all.push_str(text.trim());
        all.push_str("\n\n");
        if all.len() > bytes {
            break;
        }
    }
    if all.len() < bytes {
        return Err(format!(
            "{FOLDER} holds only {} bytes of text; ask for a smaller real-... size",
            all.len()
        ));
    }
    let cut = all[..bytes].rfind("\n\n").unwrap_or(0);
    let mut text = all[..cut].to_string();
    text.push('\n');
    Ok(text)
}
