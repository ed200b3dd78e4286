//! The cache file reader: never a panic on any bytes, and what it reads is written back to
//! the same entries (the input is the file's body after a valid header and checksum).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::cache_file(bytes);
});
