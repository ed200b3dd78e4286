//! The cache file's format: what the engines found in each paragraph, as bytes.
//!
//! ```text
//! "ownvoice findings 1\n"     magic and format version
//! fingerprint  u128           the settings and program the findings hold for
//! checksum     u128           SipHash-1-3 (128 bits, fixed keys) of everything after it
//! count        u32            entries, then each entry:
//!   key u128, text length u32, last use u32 (minutes since 1970), findings u32,
//!   then each finding: rule str, start u32, end u32, message str, replacements u32 + strs
//! ```
//!
//! Numbers are little-endian; a `str` is its length in bytes (u32) and UTF-8 bytes. Reading
//! never trusts the bytes: a wrong magic, fingerprint or checksum, a length past the end,
//! invalid UTF-8 or bytes left over make the whole file unreadable (`None`), never a panic.

use std::collections::HashMap;
use std::hash::Hasher;

use siphasher::sip128::{Hasher128, SipHasher13};

use crate::engine::Finding;

pub const MAGIC: &[u8] = b"ownvoice findings 1\n";

/// What the cache holds for one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The paragraph's length in bytes: a second check on the key, and the bound every span
    /// must stay within.
    pub len: u32,
    /// When the entry was last used, in minutes since 1970: the oldest go first.
    pub used: u32,
    pub findings: Vec<Finding>,
}

impl Entry {
    /// About how many bytes the entry takes in the file.
    pub fn size(&self) -> usize {
        32 + self
            .findings
            .iter()
            .map(|f| {
                24 + f.rule.len()
                    + f.message.len()
                    + f.replacements.iter().map(|r| 4 + r.len()).sum::<usize>()
            })
            .sum::<usize>()
    }
}

/// A 128-bit hash that is the same in every run and on every machine.
pub fn hash(parts: &[&[u8]]) -> u128 {
    let mut hasher = SipHasher13::new_with_keys(0x6f776e766f696365, 0x66696e64696e6773);
    for part in parts {
        hasher.write_u64(part.len() as u64);
        hasher.write(part);
    }
    hasher.finish128().as_u128()
}

pub fn encode(fingerprint: u128, entries: &HashMap<u128, Entry>) -> Vec<u8> {
    let mut body = Vec::new();
    put_u32(&mut body, entries.len());
    // In key order, so the same entries always make the same bytes.
    let mut keys: Vec<&u128> = entries.keys().collect();
    keys.sort();
    for key in keys {
        let entry = &entries[key];
        body.extend_from_slice(&key.to_le_bytes());
        put_u32(&mut body, entry.len as usize);
        put_u32(&mut body, entry.used as usize);
        put_u32(&mut body, entry.findings.len());
        for finding in &entry.findings {
            put_str(&mut body, &finding.rule);
            put_u32(&mut body, finding.span.start);
            put_u32(&mut body, finding.span.end);
            put_str(&mut body, &finding.message);
            put_u32(&mut body, finding.replacements.len());
            for replacement in &finding.replacements {
                put_str(&mut body, replacement);
            }
        }
    }
    let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&hash(&[&body]).to_le_bytes());
    bytes.extend_from_slice(&body);
    bytes
}

/// The entries of a cache file made for `fingerprint`, or `None` if the bytes are not one
/// whole, unchanged such file.
pub fn decode(fingerprint: u128, bytes: &[u8]) -> Option<HashMap<u128, Entry>> {
    let mut reader = Reader { bytes };
    if reader.take(MAGIC.len())? != MAGIC || reader.u128()? != fingerprint {
        return None;
    }
    let checksum = reader.u128()?;
    if hash(&[reader.bytes]) != checksum {
        return None;
    }
    let count = reader.u32()? as usize;
    // Every entry takes at least 28 bytes: a count beyond that is a lie, not an allocation.
    let mut entries = HashMap::with_capacity(count.min(reader.bytes.len() / 28));
    for _ in 0..count {
        let key = reader.u128()?;
        let len = reader.u32()?;
        let used = reader.u32()?;
        let n = reader.u32()?;
        let mut findings = Vec::new();
        for _ in 0..n {
            let rule = reader.str()?;
            let start = reader.u32()? as usize;
            let end = reader.u32()? as usize;
            let message = reader.str()?;
            let replacements = (0..reader.u32()?)
                .map(|_| reader.str())
                .collect::<Option<Vec<_>>>()?;
            findings.push(Finding {
                rule,
                span: start..end,
                message,
                replacements,
            });
        }
        entries.insert(
            key,
            Entry {
                len,
                used,
                findings,
            },
        );
    }
    reader.bytes.is_empty().then_some(entries)
}

fn put_u32(bytes: &mut Vec<u8>, n: usize) {
    // Paragraphs, counts and spans beyond 4 GiB never reach the cache (see `Cache::put`).
    bytes.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(bytes: &mut Vec<u8>, s: &str) {
    put_u32(bytes, s.len());
    bytes.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> HashMap<u128, Entry> {
        let finding = Finding {
            rule: "GRAMMAR/HE_VERB_AGR".into(),
            span: 3..7,
            message: "Did you mean “needs”?".into(),
            replacements: vec!["needs".into(), "needed".into()],
        };
        HashMap::from([
            (
                hash(&[b"He need it."]),
                Entry {
                    len: 11,
                    used: 29_000_000,
                    findings: vec![finding],
                },
            ),
            (
                hash(&[b"Fine."]),
                Entry {
                    len: 5,
                    used: 29_000_001,
                    findings: vec![],
                },
            ),
        ])
    }

    #[test]
    fn entries_read_back_as_written() {
        let bytes = encode(42, &entries());
        assert_eq!(decode(42, &bytes), Some(entries()));
    }

    #[test]
    fn a_changed_cut_or_foreign_file_is_not_read() {
        let bytes = encode(42, &entries());
        assert_eq!(decode(43, &bytes), None, "made for other settings");
        for at in [0, MAGIC.len() + 40, bytes.len() - 3] {
            let mut changed = bytes.clone();
            changed[at] ^= 0x20;
            assert_eq!(decode(42, &changed), None, "byte {at} changed");
        }
        for len in [0, 10, MAGIC.len() + 32, bytes.len() - 1] {
            assert_eq!(decode(42, &bytes[..len]), None, "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(42, &longer), None, "a byte too many");
    }

    #[test]
    fn a_count_beyond_the_bytes_is_refused_without_allocating_it() {
        // A well-formed header and checksum over a body that claims 4 billion entries.
        let body = u32::MAX.to_le_bytes();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&42u128.to_le_bytes());
        bytes.extend_from_slice(&hash(&[&body]).to_le_bytes());
        bytes.extend_from_slice(&body);
        assert_eq!(decode(42, &bytes), None);
    }

    #[test]
    fn hashes_are_stable_across_runs_and_keep_parts_apart() {
        // The value this build and every earlier one computed: a cache file written by one run
        // must be found by the next.
        assert_eq!(
            hash(&[b"He need it."]),
            0xbc2642b7c36bcd71644e7a7a9e6c8315_u128
        );
        assert_ne!(hash(&[b"ab", b"c"]), hash(&[b"a", b"bc"]));
    }
}
