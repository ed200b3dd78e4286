//! `learn` ended from outside: SIGTERM, SIGHUP or SIGINT sent to the interactive session in
//! a real pseudo-terminal. The terminal must be back in its normal modes afterwards (`stty
//! -a` run in the same terminal shows canonical input, echo, signals and output processing),
//! the process must end as that signal ends a process, and the journal must hold only whole
//! runs.

use std::process::Command as Process;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tempfile::TempDir;

mod common;
use common::write;

const TWO: &str = "He need more time to finish the work. Do he have a car?\n";

/// Starts `learn` in a pseudo-terminal, waits for its screen, checks that raw mode is on,
/// sends `signal` and returns what the terminal showed after, its modes before, and the
/// journal's text.
fn interrupted(signal: Signal) -> (String, String, String) {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "two.txt", TWO);
    let data = dir.path().join("data");
    // The shell reports the pid, waits for ownvoice, then shows how it ended and the modes.
    let script = format!(
        "stty -a > '{before}'; '{}' learn '{path}' & echo \"pid=$!.\"; sleep 0.1; \
         until [ -e '{ready}' ]; do sleep 0.1; done; stty -a > '{during}'; \
         wait $!; echo \"status=$?.\"; stty -a",
        env!("CARGO_BIN_EXE_ownvoice"),
        ready = dir.path().join("ready").display(),
        during = dir.path().join("during").display(),
        before = dir.path().join("before").display(),
    );
    let mut command = Process::new("sh");
    command
        .args(["-c", &script])
        .env_remove("OWNVOICE_NO_JOURNAL")
        .env("OWNVOICE_DATA_DIR", &data)
        .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config")
        .env("OWNVOICE_CACHE_DIR", common::CACHE)
        .env("TERM", "xterm");
    let mut pty = rexpect::session::spawn_command(command, Some(60_000)).unwrap();
    let (_, pid) = pty.exp_regex("pid=[0-9]+").unwrap();
    let pid: i32 = pid.trim_start_matches("pid=").parse().unwrap();
    pty.exp_string("Issue 1 of 2").unwrap();
    pty.exp_string("Hint 1 of 5").unwrap();
    // The screen is up: the shell may now look at the modes it put the terminal in.
    std::fs::write(dir.path().join("ready"), "").unwrap();
    let during = loop {
        match std::fs::read_to_string(dir.path().join("during")) {
            Ok(text) if text.contains("isig") => break text,
            _ => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    };
    assert!(
        during.contains("-icanon") && during.contains("-isig"),
        "not raw: {during}"
    );
    kill(Pid::from_raw(pid), signal).unwrap();
    let (before, status) = pty.exp_regex("status=[0-9]+").unwrap();
    let after = pty.exp_eof().unwrap();
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).unwrap_or_default();
    let modes = std::fs::read_to_string(dir.path().join("before")).unwrap();
    (format!("{status}\n{after}\n{before}"), modes, journal)
}

fn assert_restored(signal: Signal, shown: &str, before: &str) {
    let status = 128 + signal as i32;
    assert!(shown.starts_with(&format!("status={status}")), "{shown}");
    // Each mode raw mode changes is as it was before ownvoice started (the test's terminal
    // starts without echo).
    let flags: Vec<&str> = shown.split_whitespace().collect();
    let was: Vec<&str> = before.split_whitespace().collect();
    for flag in ["icanon", "isig", "echo", "opost", "icrnl", "ixon"] {
        let on = was.contains(&flag);
        assert!(on || was.contains(&format!("-{flag}").as_str()), "{before}");
        let now = if on {
            flag.to_string()
        } else {
            format!("-{flag}")
        };
        assert!(
            flags.contains(&now.as_str()),
            "{signal}: {flag} not restored: {shown}\nbefore: {before}"
        );
    }
    for flag in ["icanon", "isig", "opost"] {
        assert!(was.contains(&flag), "{before}");
    }
    // The alternate screen was left and the cursor shown again.
    assert!(shown.contains("\u{1b}[?1049l"), "{shown:?}");
    assert!(shown.contains("\u{1b}[?25h"), "{shown:?}");
}

#[test]
fn sigterm_gives_the_terminal_back() {
    let (shown, before, journal) = interrupted(Signal::SIGTERM);
    assert_restored(Signal::SIGTERM, &shown, &before);
    // The session was cut short before its run was counted: nothing, or whole lines only.
    for line in journal.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    assert!(journal.is_empty() || journal.ends_with('\n'), "{journal:?}");
}

#[test]
fn sighup_and_sigint_give_the_terminal_back() {
    for signal in [Signal::SIGHUP, Signal::SIGINT] {
        let (shown, before, _) = interrupted(signal);
        assert_restored(signal, &shown, &before);
    }
}
