//! Obtains nlprule's English data (`en_tokenizer.bin`, `en_rules.bin`), verifies it and puts
//! it in `OUT_DIR`, where `src/engine/nlprule.rs` embeds it with `include_bytes!`.
//!
//! The data is not ours and is never committed. It ships xz-compressed inside a published
//! package of the Rust package registry (`cargo-spellcheck` 0.15.7, folder
//! `nlprule-data/0.6.4/en/`); this script asks cargo itself to fetch that package into its
//! own cache (`cargo info`), then reads the two files from the cache. `OWNVOICE_NLPRULE_DIR`,
//! a folder holding the two decompressed `.bin` files, replaces the lookup for offline builds
//! and packagers. Whatever the source, the decompressed bytes must match the SHA-256 sums
//! below, or the build fails with a message that says what to do.
//!
//! This script does nothing else: no other build step belongs here.

use std::env;
use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

const PACKAGE: &str = "cargo-spellcheck";
const VERSION: &str = "0.15.7";
const DATA_DIR_IN_PACKAGE: &str = "nlprule-data/0.6.4/en";
const OVERRIDE_VAR: &str = "OWNVOICE_NLPRULE_DIR";

/// The two files, with the SHA-256 of their decompressed bytes.
const FILES: [(&str, &str); 2] = [
    (
        "en_tokenizer.bin",
        "e2b51e506aede495268ee05dee0b97956e768107f5bb5891585144a5ff2fd773",
    ),
    (
        "en_rules.bin",
        "d8f9c4a5deb827f0e5eefe2594c0c640039b7fa7e026f95fa0599e506d816b5c",
    ),
];

type Result<T> = std::result::Result<T, String>;

// A build script reports failure on stderr; cargo shows it with the build error.
#[allow(clippy::print_stderr)]
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={OVERRIDE_VAR}");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(message) = provide(&out_dir) {
        eprintln!("error: ownvoice cannot obtain nlprule's English data: {message}");
        std::process::exit(1);
    }
}

fn provide(out_dir: &Path) -> Result<()> {
    let files = match env::var_os(OVERRIDE_VAR) {
        // Always read a folder the user names, so a wrong one fails the build.
        Some(dir) => read_override(Path::new(&dir))?,
        None => {
            // A previous run of this script already left verified files: nothing to do.
            if FILES
                .iter()
                .all(|(name, sum)| sha256_of_file(&out_dir.join(name)).as_deref() == Some(*sum))
            {
                return Ok(());
            }
            read_from_cargo_cache()?
        }
    };
    for ((name, expected), bytes) in FILES.iter().zip(files) {
        let actual = sha256_hex(&bytes);
        if actual != *expected {
            return Err(format!(
                "{name} has SHA-256 {actual}, expected {expected}; the file is damaged or of \
                 another nlprule version (0.6.4 is needed)"
            ));
        }
        fs::write(out_dir.join(name), &bytes)
            .map_err(|e| format!("cannot write {name} to {}: {e}", out_dir.display()))?;
    }
    Ok(())
}

fn read_override(dir: &Path) -> Result<Vec<Vec<u8>>> {
    FILES
        .iter()
        .map(|(name, _)| {
            let path = dir.join(name);
            fs::read(&path).map_err(|e| {
                format!(
                    "{OVERRIDE_VAR} is set, but {} cannot be read: {e}",
                    path.display()
                )
            })
        })
        .collect()
}

/// Reads the files from cargo's cache of the package, asking cargo to fetch it first if the
/// cache does not hold it yet.
fn read_from_cargo_cache() -> Result<Vec<Vec<u8>>> {
    let home = cargo_home()?;
    if let Some(files) = find_in_cache(&home)? {
        return Ok(files);
    }
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let spec = format!("{PACKAGE}@{VERSION}");
    let output = Command::new(&cargo)
        .args(["info", &spec])
        .output()
        .map_err(|e| format!("cannot run `cargo info {spec}`: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo info {spec}` failed ({}): {}\nWithout network access, set {OVERRIDE_VAR} to \
             a folder holding en_tokenizer.bin and en_rules.bin (see README)",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    find_in_cache(&home)?.ok_or_else(|| {
        format!(
            "`cargo info {spec}` ran, but the package is not in {}; set {OVERRIDE_VAR} instead \
             (see README)",
            home.join("registry").display()
        )
    })
}

fn cargo_home() -> Result<PathBuf> {
    if let Some(home) = env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home));
    }
    env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cargo"))
        .ok_or_else(|| "neither CARGO_HOME nor HOME is set".to_string())
}

/// Looks through every registry folder in the cache: first the unpacked sources, then the
/// downloaded package archives.
fn find_in_cache(home: &Path) -> Result<Option<Vec<Vec<u8>>>> {
    let unpacked = format!("{PACKAGE}-{VERSION}");
    for registry in subfolders(&home.join("registry/src")) {
        let dir = registry.join(&unpacked).join(DATA_DIR_IN_PACKAGE);
        if dir.is_dir() {
            let files = FILES
                .iter()
                .map(|(name, _)| {
                    let path = dir.join(format!("{name}.xz"));
                    let file = fs::File::open(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    xz_decompress(file, &path.display().to_string())
                })
                .collect::<Result<Vec<_>>>()?;
            return Ok(Some(files));
        }
    }
    let archive_name = format!("{unpacked}.crate");
    for registry in subfolders(&home.join("registry/cache")) {
        let archive = registry.join(&archive_name);
        if archive.is_file() {
            return read_archive(&archive).map(Some);
        }
    }
    Ok(None)
}

/// Reads the two files out of a downloaded package archive (a gzipped tar).
fn read_archive(archive: &Path) -> Result<Vec<Vec<u8>>> {
    let shown = archive.display().to_string();
    let file = fs::File::open(archive).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::new(file)));
    let mut found: Vec<Option<Vec<u8>>> = vec![None; FILES.len()];
    let entries = tar.entries().map_err(|e| format!("{shown}: {e}"))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{shown}: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| format!("{shown}: {e}"))?
            .to_string_lossy()
            .into_owned();
        for (slot, (name, _)) in found.iter_mut().zip(FILES.iter()) {
            if path.ends_with(&format!("{DATA_DIR_IN_PACKAGE}/{name}.xz")) {
                *slot = Some(xz_decompress(entry, &format!("{shown}:{path}"))?);
                break;
            }
        }
    }
    found
        .into_iter()
        .zip(FILES.iter())
        .map(|(bytes, (name, _))| {
            bytes.ok_or_else(|| format!("{shown} holds no {DATA_DIR_IN_PACKAGE}/{name}.xz"))
        })
        .collect()
}

fn xz_decompress(reader: impl Read, shown: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    lzma_rs::xz_decompress(&mut BufReader::new(reader), &mut bytes)
        .map_err(|e| format!("cannot decompress {shown}: {e:?}"))?;
    Ok(bytes)
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn sha256_of_file(path: &Path) -> Option<String> {
    fs::read(path).ok().map(|bytes| sha256_hex(&bytes))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
