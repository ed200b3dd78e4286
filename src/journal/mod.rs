//! The progress journal: a private, local record of which grammar points a writer met, one
//! JSON line per `ownvoice check` or `ownvoice learn` run, and the summaries `ownvoice
//! progress` shows from it.
//!
//! Boundary: this module reads and appends the journal file and computes plain data; it never
//! prints (the table is drawn by `report::progress`) and never sees the user's text, only
//! counts. Main invariant: a record holds counts keyed by explanation and rule ids, a word
//! count and a time, never a word of the text; the file is only ever appended to, one whole
//! line per write, and a line that does not parse costs that line, never the journal.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, Read as _, Seek, SeekFrom, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Set to a non-empty value other than `0` to keep no journal at all.
pub const NO_JOURNAL: &str = "OWNVOICE_NO_JOURNAL";
/// The folder the journal lives in, instead of the platform's data folder.
pub const DATA_DIR: &str = "OWNVOICE_DATA_DIR";
/// The journal's file name inside its folder.
pub const FILE_NAME: &str = "journal.jsonl";
/// The record format written by this version; lines with another `v` are skipped.
const VERSION: u32 = 1;

/// One run of `ownvoice check` or `ownvoice learn`: counts only, no text.
///
/// Serialized as one JSON object with a `"v": 1` field beside these (stable) field names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "Record", try_from = "Record")]
pub struct Run {
    /// When the run ended, in seconds since the Unix epoch.
    pub time: u64,
    /// `"check"` or `"learn"`.
    pub command: String,
    /// Words checked (see [`count_words`]).
    pub words: usize,
    /// Explanation id -> how many issues pointed at it.
    pub points: BTreeMap<String, usize>,
    /// Rule id -> how many issues it raised.
    pub rules: BTreeMap<String, usize>,
}

/// The serialized form of a [`Run`]: the same fields plus the format version, so that a
/// later format can be told apart instead of being misread.
#[derive(Serialize, Deserialize)]
struct Record {
    v: u32,
    time: u64,
    command: String,
    words: usize,
    #[serde(default)]
    points: BTreeMap<String, usize>,
    #[serde(default)]
    rules: BTreeMap<String, usize>,
}

impl From<Run> for Record {
    fn from(run: Run) -> Self {
        let Run {
            time,
            command,
            words,
            points,
            rules,
        } = run;
        Record {
            v: VERSION,
            time,
            command,
            words,
            points,
            rules,
        }
    }
}

impl TryFrom<Record> for Run {
    type Error = String;

    fn try_from(record: Record) -> Result<Self, Self::Error> {
        if record.v != VERSION {
            return Err(format!("unknown journal record version {}", record.v));
        }
        let Record {
            time,
            command,
            words,
            points,
            rules,
            ..
        } = record;
        Ok(Run {
            time,
            command,
            words,
            points,
            rules,
        })
    }
}

/// What reading the journal found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The records that parsed, in file order.
    pub runs: Vec<Run>,
    /// Non-blank lines that did not parse (a torn write, garbage, a newer format).
    pub skipped: usize,
}

/// Why the journal could not be found, read or written: one line naming the file and the
/// cause, like every other error a user sees.
#[derive(Debug, Error)]
#[error("journal {}: {cause}", path.display())]
pub struct JournalError {
    pub path: PathBuf,
    pub cause: Cause,
}

#[derive(Debug, Error)]
pub enum Cause {
    #[error(
        "{DATA_DIR} must be an absolute path, or the journal would depend on the current folder"
    )]
    RelativeDataDir,
    #[error("cannot create its folder: {0}")]
    CreateDir(io::Error),
    #[error("cannot open it for appending: {0}")]
    Open(io::Error),
    #[error("cannot append to it: {0}")]
    Write(io::Error),
    #[error("cannot read it: {0}")]
    Read(io::Error),
}

/// The journal file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    pub path: PathBuf,
}

impl Journal {
    /// Where the journal of this user is, or `None` when it is turned off (or there is no
    /// home folder to keep it in).
    pub fn locate() -> Result<Option<Journal>, JournalError> {
        Self::locate_with(|name| std::env::var_os(name))
    }

    /// [`Journal::locate`] with the environment looked up through `var`, so tests need not
    /// set process-wide variables.
    pub fn locate_with(
        var: impl Fn(&str) -> Option<OsString>,
    ) -> Result<Option<Journal>, JournalError> {
        if var(NO_JOURNAL).is_some_and(|value| !value.is_empty() && value != "0") {
            return Ok(None);
        }
        let folder = match var(DATA_DIR).filter(|value| !value.is_empty()) {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                if dir.is_relative() {
                    return Err(JournalError {
                        path: dir,
                        cause: Cause::RelativeDataDir,
                    });
                }
                dir
            }
            None => match directories::ProjectDirs::from("", "", "ownvoice") {
                Some(dirs) => dirs.data_dir().to_path_buf(),
                None => return Ok(None),
            },
        };
        Ok(Some(Journal {
            path: folder.join(FILE_NAME),
        }))
    }

    /// Appends one record as one line, creating the folder and the file if needed. The file
    /// is never truncated or rewritten.
    pub fn append(&self, run: &Run) -> Result<(), JournalError> {
        let fail = |cause| JournalError {
            path: self.path.clone(),
            cause,
        };
        // Serializing string-keyed maps and numbers cannot fail; map it anyway.
        let mut line = serde_json::to_vec(run).map_err(|e| fail(Cause::Write(e.into())))?;
        line.push(b'\n');
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder).map_err(|e| fail(Cause::CreateDir(e)))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(|e| fail(Cause::Open(e)))?;
        // A run killed mid-write leaves a line without its newline; start on a fresh line so
        // only the torn record is lost, not this one too. Two runs may both do this; the
        // blank line that leaves is ignored by `read`.
        if ends_torn(&mut file).map_err(|e| fail(Cause::Read(e)))? {
            line.insert(0, b'\n');
        }
        // One `write_all` of a buffer already holding the whole line: in append mode every
        // write(2) goes to the current end of file atomically, and a small regular-file write
        // is done in one call, so lines of concurrent runs are never interleaved on a local
        // file system (network file systems do not promise this).
        file.write_all(&line).map_err(|e| fail(Cause::Write(e)))
    }

    /// Reads every record. A missing file is an empty journal; lines that do not parse are
    /// skipped and counted.
    pub fn read(&self) -> Result<Read, JournalError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Read::default()),
            Err(e) => {
                return Err(JournalError {
                    path: self.path.clone(),
                    cause: Cause::Read(e),
                });
            }
        };
        let mut read = Read::default();
        // By bytes, so one line of invalid UTF-8 costs only that line.
        for line in bytes.split(|&byte| byte == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Run>(line) {
                Ok(run) => read.runs.push(run),
                Err(_) => read.skipped += 1,
            }
        }
        Ok(read)
    }
}

/// Whether a non-empty file does not end with a newline.
fn ends_torn(file: &mut fs::File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// The number of words in `text`: runs of letters and digits in any script. An apostrophe
/// between two of them (`don't`, `l’eau`) does not split a word, and combining accents stay
/// in their word, so decomposed "café" is one word.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let continues = in_word
            && (is_combining_mark(c)
                || (matches!(c, '\'' | '’') && chars.peek().is_some_and(|n| n.is_alphanumeric())));
        if c.is_alphanumeric() || continues {
            words += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    words
}

/// Combining diacritical marks (the common block only: enough for accents typed as letter +
/// accent, which `char::is_alphanumeric` does not count as part of a word).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

mod trends;

pub use trends::{Direction, PointTrend, trends};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// A run of `check` with these counts (shared with the trends' tests).
    pub(crate) fn run(time: u64, words: usize, points: &[(&str, usize)]) -> Run {
        Run {
            time,
            command: "check".into(),
            words,
            points: points.iter().map(|(id, n)| (id.to_string(), *n)).collect(),
            rules: BTreeMap::new(),
        }
    }

    fn journal(dir: &tempfile::TempDir) -> Journal {
        // A folder that does not exist yet: `append` must create it.
        Journal {
            path: dir.path().join("nested").join(FILE_NAME),
        }
    }

    #[test]
    fn appended_runs_read_back_equal_with_a_version_field() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(&dir);
        let mut first = run(1_700_000_000, 120, &[("a-an", 2), ("articles", 1)]);
        first.rules.insert("GRAMMAR/EN_A_VS_AN".into(), 2);
        let second = Run {
            command: "learn".into(),
            ..run(1_700_000_100, 0, &[])
        };
        journal.append(&first).unwrap();
        journal.append(&second).unwrap();
        let read = journal.read().unwrap();
        assert_eq!(
            read,
            Read {
                runs: vec![first, second],
                skipped: 0
            }
        );
        let text = fs::read_to_string(&journal.path).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(
            text.lines()
                .all(|line| line.starts_with(r#"{"v":1,"time":"#))
        );
    }

    #[test]
    fn unparsable_lines_are_skipped_and_counted_and_a_torn_end_costs_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(&dir);
        journal.append(&run(1, 10, &[("a-an", 1)])).unwrap();
        let mut file = OpenOptions::new().append(true).open(&journal.path).unwrap();
        file.write_all(b"{\"v\":1,\"time\":2,\"comm\n\xff\xfe garbage\n\n{\"v\":2,\"time\":3}\n")
            .unwrap();
        journal.append(&run(4, 10, &[])).unwrap();
        // Torn write at the very end, then another run: only the torn line is lost.
        file.write_all(br#"{"v":1,"ti"#).unwrap();
        journal.append(&run(5, 10, &[])).unwrap();
        let read = journal.read().unwrap();
        let times: Vec<u64> = read.runs.iter().map(|run| run.time).collect();
        assert_eq!(times, [1, 4, 5]);
        assert_eq!(read.skipped, 4);
    }

    #[test]
    fn a_missing_file_is_an_empty_journal_and_a_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(journal(&dir).read().unwrap(), Read::default());
        let error = Journal {
            path: dir.path().to_path_buf(),
        }
        .read()
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        assert!(message.contains("cannot read"), "{message}");
        assert_eq!(message.lines().count(), 1);
    }

    #[test]
    fn the_file_holds_counts_never_a_word_of_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(&dir);
        let text = "Yesterday my grandmother buyed three apple in Kraków.";
        let mut record = run(1_700_000_000, count_words(text), &[]);
        record.points.insert("past-tense-forms".into(), 1);
        record
            .points
            .insert("plural-after-quantity-words".into(), 1);
        record.rules.insert("GRAMMAR/IRREGULAR_VERB".into(), 1);
        journal.append(&record).unwrap();
        let stored = fs::read_to_string(&journal.path).unwrap().to_lowercase();
        let tokens: BTreeSet<&str> = stored.split(|c: char| !c.is_alphanumeric()).collect();
        for word in text.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
            assert!(
                word.is_empty() || !tokens.contains(word),
                "{word:?} in {stored}"
            );
        }
        assert_eq!(journal.read().unwrap().runs[0].words, 8);
    }

    #[test]
    fn concurrent_appends_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let journal = journal(&dir);
        std::thread::scope(|scope| {
            for thread in 0..8u64 {
                let journal = &journal;
                scope.spawn(move || {
                    for i in 0..50 {
                        let id = format!("point-{thread}-{i}-{}", "x".repeat(200));
                        journal
                            .append(&run(thread * 1000 + i, 100, &[(&id, 1)]))
                            .unwrap();
                    }
                });
            }
        });
        let read = journal.read().unwrap();
        assert_eq!((read.runs.len(), read.skipped), (400, 0));
        let times: BTreeSet<u64> = read.runs.iter().map(|run| run.time).collect();
        assert_eq!(times.len(), 400);
    }

    /// An environment holding only `pairs`.
    fn env<'a>(pairs: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.into())
        }
    }

    #[test]
    fn locate_honours_the_data_dir_and_the_off_switch() {
        let located = Journal::locate_with(env(&[(DATA_DIR, "/srv/me/ov")])).unwrap();
        assert_eq!(located.unwrap().path, Path::new("/srv/me/ov/journal.jsonl"));
        let off = Journal::locate_with(env(&[(NO_JOURNAL, "1"), (DATA_DIR, "/srv/me")]));
        assert_eq!(off.unwrap(), None);
        assert_eq!(
            Journal::locate_with(env(&[(NO_JOURNAL, "yes")])).unwrap(),
            None
        );
        let on = Journal::locate_with(env(&[(NO_JOURNAL, "0"), (DATA_DIR, "/srv/me")])).unwrap();
        assert_eq!(on.unwrap().path, Path::new("/srv/me/journal.jsonl"));
        let error = Journal::locate_with(env(&[(DATA_DIR, "rel/dir")])).unwrap_err();
        assert!(error.to_string().contains("rel/dir"), "{error}");
        // Without OWNVOICE_DATA_DIR: the platform's data folder, if there is a home folder.
        let default = Journal::locate_with(env(&[(DATA_DIR, "")])).unwrap();
        assert!(default.is_none_or(|j| j.path.ends_with(Path::new("ownvoice").join(FILE_NAME))));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  -- ... "), 0);
        assert_eq!(count_words("I don't know, l’eau est 3.5 km."), 8);
        assert_eq!(count_words("'Tis rock 'n' roll"), 4);
        assert_eq!(count_words("Cafe\u{301} in Zürich, Москва и 東京"), 6);
        assert_eq!(count_words("e-mail\tnew-line\nend"), 5);
    }
}
