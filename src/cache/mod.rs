//! The result cache: what the engines found in each paragraph, kept between runs in the
//! user's cache folder, so that checking a document again re-runs only the paragraphs that
//! changed, and an unchanged document loads no engine at all.
//!
//! A cache file holds the findings made under one fingerprint: the program (its version and
//! the executable file itself, so a rebuilt binary never reads an older one's findings) and
//! every setting that changes what the engines find (the rule selection, the dialect, the
//! personal dictionary). A paragraph's key is a 128-bit hash of the text the engines are
//! given. Findings are kept in the paragraph's own coordinates and mapped into the file
//! afterwards, exactly as without the cache.
//!
//! The cache never changes results. An entry is used only when its file reads back whole
//! with a matching checksum, its length matches the paragraph and every span falls on the
//! paragraph's character boundaries; anything else is a miss and the paragraph is checked
//! again. Writes go to a temporary file renamed into place under a lock, merged with what
//! other runs wrote meanwhile. The least recently used entries, and the least recently
//! written files, go first when a bound is reached. A cache that cannot be written is the
//! caller's warning, never a failed check.
//!
//! A process that lives long (`ownvoice lsp`) finds its own findings again: what it put is
//! answered by [`Cache::get`] before and after [`Cache::save`], which writes each new entry
//! once. Without a folder to keep it in ([`Cache::memory`]) the cache still answers within
//! the process and writes nothing.

pub mod file;

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::dictionary::Personal;
use crate::engine::{Checker, EngineError, Finding, RuleSelection};
use file::Entry;

/// Names the folder to keep the cache in, instead of the platform's cache folder.
pub const DIR_VAR: &str = "OWNVOICE_CACHE_DIR";

/// The most bytes one cache file may hold: about the findings of 30 long theses.
const FILE_LIMIT: usize = 16 << 20;
/// How many cache files (settings and program versions) are kept.
const FILES_KEPT: usize = 4;
/// An entry's last use is written again only when it is older than this, in minutes, so an
/// unchanged document is checked without writing anything.
const REFRESH: u32 = 60;

/// The folder the cache lives in: `OWNVOICE_CACHE_DIR`, else the platform's
/// (`$XDG_CACHE_HOME/ownvoice` or `~/.cache/ownvoice` on Linux).
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os(DIR_VAR).filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(
            directories::ProjectDirs::from("", "", "ownvoice")?
                .cache_dir()
                .to_path_buf(),
        ),
    }
}

/// What decides the engines' findings besides the text: this program and the settings. `None`
/// when the program's own file cannot be identified (the cache is then not used, since
/// another build of the same version could have written it).
pub fn fingerprint(selection: &RuleSelection, personal: &Personal) -> Option<u128> {
    let program = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = program
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let settings = format!("{selection:?}");
    let (size, modified) = (program.len().to_le_bytes(), modified.to_le_bytes());
    let mut parts: Vec<&[u8]> = vec![
        env!("CARGO_PKG_VERSION").as_bytes(),
        &size,
        &modified,
        settings.as_bytes(),
    ];
    parts.extend(personal.sorted().into_iter().map(String::as_bytes));
    Some(file::hash(&parts))
}

/// The findings of one fingerprint: those read from the cache folder, and those made in this
/// run, to be written by [`Cache::save`].
#[derive(Debug)]
pub struct Cache {
    /// `None` for a cache kept in memory only.
    dir: Option<PathBuf>,
    fingerprint: u128,
    entries: HashMap<u128, Entry>,
    /// The file existed and was read whole.
    found: bool,
    /// Minutes since 1970, when the cache was opened.
    now: u32,
    /// Findings made in this process, kept (within the file's bound) so that they answer
    /// again after a save.
    fresh: Mutex<HashMap<u128, Entry>>,
    /// Keys of `fresh` not yet written by [`Cache::save`].
    unsaved: Mutex<HashSet<u128>>,
    /// Entries used in this run whose last use should be written again.
    used: Mutex<Vec<u128>>,
    /// Paragraphs answered from the cache, and checked by the engines, in this run.
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
}

impl Cache {
    /// Reads the cache file of `fingerprint` in `dir`. A missing, unreadable or damaged file
    /// gives an empty cache, which [`Cache::save`] then replaces.
    pub fn open(dir: &Path, fingerprint: u128) -> Cache {
        let read = fs::read(path(dir, fingerprint))
            .ok()
            .and_then(|bytes| file::decode(fingerprint, &bytes));
        Cache {
            dir: Some(dir.to_path_buf()),
            found: read.is_some(),
            entries: read.unwrap_or_default(),
            ..Cache::memory(fingerprint)
        }
    }

    /// A cache that lives only as long as this process: nothing is read or written, and what
    /// the engines found still answers for the same paragraph later in the process.
    pub fn memory(fingerprint: u128) -> Cache {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| (elapsed.as_secs() / 60) as u32);
        Cache {
            dir: None,
            fingerprint,
            found: false,
            entries: HashMap::new(),
            now,
            fresh: Mutex::default(),
            unsaved: Mutex::default(),
            used: Mutex::default(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// The folder the cache is kept in (`None` for a cache in memory only).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Whether a cache file for these settings was found whole. It is written only after the
    /// engines were loaded with the same settings, so the rule ids they name were valid.
    pub fn found(&self) -> bool {
        self.found
    }

    /// Whether the findings for this paragraph are in the cache (and sound).
    pub fn contains(&self, text: &str) -> bool {
        self.lookup(text).is_some()
    }

    /// The findings for this paragraph, if the cache holds sound ones.
    pub fn get(&self, text: &str) -> Option<Vec<Finding>> {
        let Some((key, findings, used)) = self.lookup(text) else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        self.hits.fetch_add(1, Ordering::Relaxed);
        if used.saturating_add(REFRESH) < self.now {
            lock(&self.used).push(key);
        }
        Some(findings)
    }

    /// The findings for this paragraph, with its key and last use, if the cache holds sound
    /// ones: read from the file, or made in this process.
    fn lookup(&self, text: &str) -> Option<(u128, Vec<Finding>, u32)> {
        let key = file::hash(&[text.as_bytes()]);
        let sound = |entry: &Entry| {
            entry.len as usize == text.len()
                && entry.findings.iter().all(|finding| {
                    finding.span.start <= finding.span.end
                        && text.is_char_boundary(finding.span.start)
                        && text.is_char_boundary(finding.span.end)
                        && !finding.rule.is_empty()
                })
        };
        if let Some(entry) = self.entries.get(&key).filter(|entry| sound(entry)) {
            return Some((key, entry.findings.clone(), entry.used));
        }
        let fresh = lock(&self.fresh);
        let entry = fresh.get(&key).filter(|entry| sound(entry))?;
        Some((key, entry.findings.clone(), self.now))
    }

    /// Keeps the engines' findings for this paragraph, to be written by [`Cache::save`].
    pub fn put(&self, text: &str, findings: &[Finding]) {
        let fits = |n: usize| u32::try_from(n).is_ok_and(|n| n < u32::MAX);
        if !fits(text.len()) {
            return;
        }
        let entry = Entry {
            len: text.len() as u32,
            used: self.now,
            findings: findings.to_vec(),
        };
        let key = file::hash(&[text.as_bytes()]);
        lock(&self.fresh).insert(key, entry);
        lock(&self.unsaved).insert(key);
    }

    /// Writes what this run added, merged with the file as it is now (another run may have
    /// written it meanwhile), then drops the oldest entries and files beyond the bounds.
    /// Nothing is written when nothing changed, nor ever for a cache in memory only. What
    /// this process found stays readable after the save, within the file's bound.
    pub fn save(&self) -> io::Result<()> {
        let fresh: HashMap<u128, Entry> = {
            let mut fresh = lock(&self.fresh);
            let unsaved = std::mem::take(&mut *lock(&self.unsaved));
            let written = unsaved
                .iter()
                .filter_map(|key| Some((*key, fresh.get(key)?.clone())))
                .collect();
            evict(&mut fresh, FILE_LIMIT);
            written
        };
        let used = std::mem::take(&mut *lock(&self.used));
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        if fresh.is_empty() && used.is_empty() {
            return Ok(());
        }
        fs::create_dir_all(dir)?;
        let lock_file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("lock"))?;
        match lock_file.lock() {
            // Some file systems cannot lock: the rename below still never leaves half a file.
            Err(error) if error.kind() != io::ErrorKind::Unsupported => return Err(error),
            _ => {}
        }
        let path = path(dir, self.fingerprint);
        let mut entries = fs::read(&path)
            .ok()
            .and_then(|bytes| file::decode(self.fingerprint, &bytes))
            .unwrap_or_default();
        for key in used {
            if let Some(entry) = entries.get_mut(&key) {
                entry.used = self.now;
            }
        }
        entries.extend(fresh);
        evict(&mut entries, FILE_LIMIT);
        let temporary = dir.join(format!(
            ".findings-{:032x}.{}.tmp",
            self.fingerprint,
            std::process::id()
        ));
        let written = fs::write(&temporary, file::encode(self.fingerprint, &entries))
            .and_then(|()| fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written?;
        prune(dir, FILES_KEPT);
        Ok(())
    }
}

/// The engines behind the cache: a paragraph in the cache is answered from it, any other is
/// checked by the engines and its findings kept. Without a cache (`--no-cache`), the engines
/// alone.
pub struct Cached<'a> {
    pub cache: Option<&'a Cache>,
    /// `None` when every paragraph was found in the cache and no engine was loaded.
    pub engines: Option<&'a dyn Checker>,
}

impl Checker for Cached<'_> {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        if let Some(findings) = self.cache.and_then(|cache| cache.get(text)) {
            return Ok(findings);
        }
        let engines = self.engines.ok_or_else(|| {
            EngineError::Failed("no engine was loaded for a paragraph the cache lacks".into())
        })?;
        let findings = engines.check(text)?;
        if let Some(cache) = self.cache {
            cache.put(text, &findings);
        }
        Ok(findings)
    }
}

fn path(dir: &Path, fingerprint: u128) -> PathBuf {
    dir.join(format!("findings-{fingerprint:032x}"))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while the lock was held leaves plain data behind, still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Keeps the most recently used entries that fit in `limit` bytes.
fn evict(entries: &mut HashMap<u128, Entry>, limit: usize) {
    if entries.values().map(Entry::size).sum::<usize>() <= limit {
        return;
    }
    let mut newest: Vec<(u32, u128, usize)> = entries
        .iter()
        .map(|(key, entry)| (entry.used, *key, entry.size()))
        .collect();
    newest.sort_by(|a, b| b.cmp(a));
    let mut total = 0;
    for (_, key, size) in newest {
        total += size;
        if total > limit {
            entries.remove(&key);
        }
    }
}

/// Keeps the `kept` most recently written cache files, and removes temporary files that a
/// run which ended early left behind.
fn prune(dir: &Path, kept: usize) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut files: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let modified = entry
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(UNIX_EPOCH);
        if name.starts_with("findings-") {
            files.push((modified, entry.path()));
        } else if name.starts_with(".findings-")
            && now.duration_since(modified).unwrap_or_default() > Duration::from_secs(3600)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
    files.sort_by(|a, b| b.cmp(a));
    for (_, path) in files.into_iter().skip(kept) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
