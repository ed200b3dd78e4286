//! A configuration file with any bytes: read as ownvoice reads `.ownvoice.toml`, it is
//! either settings that resolve, or one error line naming the file, never a panic.
#![no_main]

use std::io::Write;

use lazy_static::lazy_static;
use libfuzzer_sys::fuzz_target;
use ownvoice::config::{CommandLine, Config, Effective};

lazy_static! {
    static ref DIR: tempfile::TempDir = tempfile::TempDir::new().unwrap();
}

fuzz_target!(|bytes: &[u8]| {
    let path = DIR.path().join(".ownvoice.toml");
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    match Config::read([&path]) {
        Ok(config) => {
            let effective = Effective::resolve(&config, &CommandLine::default());
            let _ = effective.selection();
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!message.contains('\n'), "{message:?}");
            assert!(message.contains(".ownvoice.toml"), "{message:?}");
        }
    }
});
