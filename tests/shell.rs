//! `ownvoice completions SHELL` and `ownvoice man`, whole-binary: each completion script is
//! loaded by the real shell where it is installed (`.ci/run` installs bash, zsh and fish) and
//! asked to complete a command; the manual page is rendered by the real `man`. Where a
//! program is missing the test says so on standard error and checks what it can without it.

use std::path::Path;
use std::process::Command as Process;

use tempfile::TempDir;

mod common;
use common::{one_error_line, ownvoice, write};

const SUBCOMMANDS: [&str; 9] = [
    "check",
    "learn",
    "explain",
    "config",
    "lsp",
    "serve",
    "progress",
    "completions",
    "man",
];

fn stdout_of(args: &[&str]) -> String {
    let output = ownvoice().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    assert!(output.stderr.is_empty(), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Whether `program` can be run here; if not, says which check is skipped.
#[allow(clippy::print_stderr)] // a skipped check must say so where the tests run
fn installed(program: &str, what: &str) -> bool {
    let found = Process::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        eprintln!("SKIPPED: {what}: {program} is not installed (.ci/run installs it)");
    }
    found
}

/// Runs `program args`, expecting success, and returns its standard output.
fn run(program: &str, args: &[&str]) -> String {
    let output = Process::new(program).args(args).output().unwrap();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{program} {args:?}: {errors}");
    String::from_utf8(output.stdout).unwrap()
}

fn script(dir: &TempDir, shell: &str) -> String {
    let text = stdout_of(&["completions", shell]);
    for name in SUBCOMMANDS {
        assert!(text.contains(name), "{shell} script lacks {name}");
    }
    assert!(text.contains("input-format"), "{shell}");
    // Elvish's and PowerShell's scripts complete options, not their values.
    if !matches!(shell, "elvish" | "powershell") {
        assert!(text.contains("sarif"), "{shell}");
    }
    write(dir, &format!("ownvoice.{shell}"), text)
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    let dir = TempDir::new().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        script(&dir, shell);
    }
}

#[test]
fn bash_completes_subcommands_and_formats() {
    if !installed("bash", "loading the bash completion") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let path = script(&dir, "bash");
    run("bash", &["-n", &path]);
    // The completion function, called as bash calls it on `ownvoice ch<TAB>`.
    let complete = |words: &str, current: usize| {
        run(
            "bash",
            &[
                "-c",
                &format!(
                    "source '{path}'; COMP_WORDS=({words}); COMP_CWORD={current}; \
                     COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; \
                     _ownvoice ownvoice \"${{COMP_WORDS[$COMP_CWORD]}}\" \
                     \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
                ),
            ],
        )
    };
    let commands = complete("ownvoice c", 1);
    let commands: Vec<&str> = commands.lines().collect();
    for name in ["check", "config", "completions"] {
        assert!(commands.contains(&name), "{commands:?}");
    }
    assert!(!commands.contains(&"learn"), "{commands:?}");
    let formats = complete("ownvoice check --format ''", 3);
    let formats: Vec<&str> = formats.lines().collect();
    for name in ["human", "line", "jsonl", "sarif", "github"] {
        assert!(formats.contains(&name), "{formats:?}");
    }
    let registered = run(
        "bash",
        &["-c", &format!("source '{path}'; complete -p ownvoice")],
    );
    assert!(registered.contains("_ownvoice"), "{registered}");
}

#[test]
fn zsh_loads_the_completion() {
    if !installed("zsh", "loading the zsh completion") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let path = script(&dir, "zsh");
    run("zsh", &["-n", &path]);
    // Loaded for real under compinit (with no user files), the function is defined and
    // bound to the command.
    let home = dir.path().to_str().unwrap();
    let bound = run(
        "zsh",
        &[
            "-f",
            "-c",
            &format!(
                "autoload -Uz compinit; compinit -u -d '{home}/zcompdump'; source '{path}'; \
                 whence -w _ownvoice; print -r -- $_comps[ownvoice]"
            ),
        ],
    );
    assert!(bound.contains("_ownvoice: function"), "{bound}");
    assert!(bound.lines().any(|line| line == "_ownvoice"), "{bound}");
}

#[test]
fn fish_completes_subcommands_and_formats() {
    if !installed("fish", "loading the fish completion") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let path = script(&dir, "fish");
    run("fish", &["-n", &path]);
    let complete = |line: &str| {
        run(
            "fish",
            &[
                "--no-config",
                "-c",
                &format!("source '{path}'; complete -C '{line}'"),
            ],
        )
    };
    let names = |text: &str| -> Vec<String> {
        text.lines()
            .map(|line| line.split('\t').next().unwrap().to_string())
            .collect()
    };
    let commands = names(&complete("ownvoice "));
    for name in SUBCOMMANDS {
        assert!(commands.iter().any(|c| c == name), "{commands:?}");
    }
    let formats = names(&complete("ownvoice check --format "));
    for name in ["human", "line", "jsonl", "sarif", "github"] {
        assert!(formats.iter().any(|c| c == name), "{formats:?}");
    }
}

#[test]
fn an_unknown_shell_is_one_error_line() {
    for args in [
        &["completions", "tcsh"][..],
        &["completions"],
        &["completions", "bash", "zsh"],
        &["completions", "\u{7f}\u{1}"],
    ] {
        let output = ownvoice().args(args).output().unwrap();
        let error = one_error_line(&output, &["ownvoice:"]);
        assert!(output.stdout.is_empty());
        if args.len() == 2 && args[1] == "tcsh" {
            assert!(error.contains("tcsh") && error.contains("bash"), "{error}");
        }
    }
}

#[test]
fn a_full_disk_is_one_error_line() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in [&["completions", "bash"][..], &["man"]] {
        let output = Process::new(env!("CARGO_BIN_EXE_ownvoice"))
            .args(args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        one_error_line(&output, &["No space left on device"]);
    }
}

/// Renders a page with the real `man`; groff's warnings would show on standard error.
fn rendered(page: &str, dir: &TempDir, name: &str) -> Option<String> {
    if !installed("man", "rendering the manual page") {
        return None;
    }
    let path = write(dir, name, page);
    let output = Process::new("man")
        .args(["--warnings", "-l", &path])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{errors}");
    assert!(errors.is_empty(), "man warned: {errors}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn the_manual_page_renders_with_every_command() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH ownvoice 1"),
        "{page}"
    );
    let dir = TempDir::new().unwrap();
    if let Some(text) = rendered(&page, &dir, "ownvoice.1") {
        assert!(text.contains("NAME"), "{text}");
        assert!(text.contains("grammar checker"), "{text}");
        for name in SUBCOMMANDS {
            assert!(text.contains(name), "{name} not in {text}");
        }
    }
    let check = stdout_of(&["man", "check"]);
    assert!(check.contains(".TH ownvoice-check 1"), "{check}");
    if let Some(text) = rendered(&check, &dir, "ownvoice-check.1") {
        for option in ["--format", "sarif", "--reveal", "--no-cache", "Exit status"] {
            assert!(text.contains(option), "{option} not in {text}");
        }
    }
    let output = ownvoice().args(["man", "chek"]).output().unwrap();
    one_error_line(&output, &["chek", "check"]);
    assert!(output.stdout.is_empty());
}
