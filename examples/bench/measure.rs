//! Measuring one process: its wall time, CPU time and peak resident memory, and the naive
//! baseline's child mode.
//!
//! Every measured program runs under a runner: the bench starts itself as
//! `bench --run IN OUT ERR PROGRAM ARGS...`, and the runner starts PROGRAM, waits for it and
//! asks the kernel for the usage of its waited-for children (`getrusage(RUSAGE_CHILDREN)`,
//! which holds the peak RSS of the largest one: here the only one). The runner exists for two
//! reasons. `RUSAGE_CHILDREN` of the bench itself would be the largest of all its children so
//! far, not of the last one. And a child started with `posix_spawn` (vfork) inherits its
//! parent's peak RSS as a floor, so the parent must be small: the runner is, the bench, which
//! holds the texts, might not be. The runner also reports its own peak RSS, that floor.
//! Nothing polls: the figures come from the kernel after the child has exited.
//!
//! The naive baseline's child (`bench --naive nlprule|harper FILE`) loads one engine and
//! checks the whole file as one string, timing both steps itself.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::Instant;

use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::time::TimeVal;
use ownvoice::engine::harper::Harper;
use ownvoice::engine::nlprule::Nlprule;
use ownvoice::engine::{Checker, Defaults, RuleSelection};
use serde::{Deserialize, Serialize};

/// What the runner saw of one child process.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Usage {
    /// From just before the child is started to just after it has exited.
    pub wall_s: f64,
    /// User and system CPU time of the child.
    pub cpu_s: f64,
    /// Peak resident set size of the child, in KiB (`ru_maxrss`).
    pub max_rss_kib: i64,
    /// The child's exit status; `None` if a signal ended it.
    pub exit: Option<i32>,
    /// The runner's own peak RSS, in KiB: the floor under `max_rss_kib` (see the file's doc).
    pub runner_rss_kib: i64,
}

/// The runner mode: `IN OUT ERR PROGRAM ARGS...`, where IN is a file for the child's standard
/// input or `-` for none. Prints one [`Usage`] as JSON on standard output.
pub fn runner(args: &[OsString]) -> ExitCode {
    match run_child(args) {
        Ok(usage) => {
            println!(
                "{}",
                serde_json::to_string(&usage).expect("usage serializes")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench runner: {error}");
            ExitCode::from(2)
        }
    }
}

fn run_child(args: &[OsString]) -> Result<Usage, String> {
    let [input, output, errors, program, rest @ ..] = args else {
        return Err("usage: --run IN OUT ERR PROGRAM ARGS...".into());
    };
    let open = |path: &OsString| File::create(path).map_err(|e| format!("{path:?}: {e}"));
    let stdin = if input == "-" {
        Stdio::null()
    } else {
        File::open(input)
            .map_err(|e| format!("{input:?}: {e}"))?
            .into()
    };
    let mut command = Command::new(program);
    command
        .args(rest)
        .stdin(stdin)
        .stdout(open(output)?)
        .stderr(open(errors)?);
    let clock = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot start {program:?}: {e}"))?;
    let wall_s = clock.elapsed().as_secs_f64();
    let children = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|e| e.to_string())?;
    let own = getrusage(UsageWho::RUSAGE_SELF).map_err(|e| e.to_string())?;
    let seconds = |t: TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    Ok(Usage {
        wall_s,
        cpu_s: seconds(children.user_time()) + seconds(children.system_time()),
        max_rss_kib: children.max_rss(),
        exit: status.code(),
        runner_rss_kib: own.max_rss(),
    })
}

/// Where measured programs run: an empty folder, with their own empty configuration, data
/// and cache folders, so that neither the user's settings nor a journal or cache left by an
/// earlier run changes what is measured, and nothing is written to the user's folders.
pub struct Sandbox {
    /// This bench's own executable, started as the runner and the naive child.
    pub bench: PathBuf,
    pub root: PathBuf,
    runs: std::cell::Cell<usize>,
}

impl Sandbox {
    pub fn new(bench: PathBuf, root: PathBuf) -> Result<Sandbox, String> {
        for dir in ["config", "data", "work"] {
            fs::create_dir_all(root.join(dir)).map_err(|e| e.to_string())?;
        }
        Ok(Sandbox {
            bench,
            root,
            runs: std::cell::Cell::new(0),
        })
    }

    /// Runs `program` under the runner with standard input from `input` (or none); its
    /// standard output and error go to files in the sandbox, returned with the usage. The
    /// result cache is a fresh folder, removed afterwards: a cold-cache figure.
    pub fn measure(
        &self,
        input: Option<&Path>,
        program: &Path,
        args: &[&OsStr],
    ) -> Result<(Usage, Output), String> {
        let cache = self.root.join(format!("cache-{}", self.runs.get() + 1));
        let measured = self.measure_cached(input, program, args, &cache);
        let _ = fs::remove_dir_all(&cache);
        measured
    }

    /// [`Sandbox::measure`] with the result cache kept in `cache`, which is left in place for
    /// the next run.
    pub fn measure_cached(
        &self,
        input: Option<&Path>,
        program: &Path,
        args: &[&OsStr],
        cache: &Path,
    ) -> Result<(Usage, Output), String> {
        self.start(input, program, args, cache)?.wait()
    }

    /// Starts `program` under the runner, as [`Sandbox::measure_cached`] does, without
    /// waiting for it: for a server, which the bench talks to while it runs.
    pub fn start(
        &self,
        input: Option<&Path>,
        program: &Path,
        args: &[&OsStr],
        cache: &Path,
    ) -> Result<Measured, String> {
        let n = self.runs.get() + 1;
        self.runs.set(n);
        let output = Output {
            stdout: self.root.join(format!("run-{n}.out")),
            stderr: self.root.join(format!("run-{n}.err")),
        };
        fs::create_dir_all(cache).map_err(|e| e.to_string())?;
        let runner = Command::new(&self.bench)
            .arg("--run")
            .arg(input.map_or(OsStr::new("-"), Path::as_os_str))
            .arg(&output.stdout)
            .arg(&output.stderr)
            .arg(program)
            .args(args)
            .current_dir(self.root.join("work"))
            .env("OWNVOICE_NO_JOURNAL", "1")
            .env("OWNVOICE_CONFIG_DIR", self.root.join("config"))
            .env("OWNVOICE_DATA_DIR", self.root.join("data"))
            .env("XDG_CACHE_HOME", cache)
            .env("OWNVOICE_CACHE_DIR", cache)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start the runner: {e}"))?;
        Ok(Measured {
            runner,
            output,
            program: program.to_path_buf(),
        })
    }
}

/// A program running under the runner.
pub struct Measured {
    pub runner: Child,
    pub output: Output,
    program: PathBuf,
}

impl Measured {
    /// The process id of the measured program itself (the runner's only child), once it has
    /// started; Linux only.
    pub fn program_pid(&self) -> Option<i32> {
        let id = self.runner.id();
        let children = fs::read_to_string(format!("/proc/{id}/task/{id}/children")).ok()?;
        children.split_whitespace().next()?.parse().ok()
    }

    /// Waits for the program and the runner to end; the program's usage.
    pub fn wait(self) -> Result<(Usage, Output), String> {
        let result = self
            .runner
            .wait_with_output()
            .map_err(|e| format!("the runner: {e}"))?;
        if !result.status.success() {
            return Err(format!("the runner failed on {}", self.program.display()));
        }
        let usage = serde_json::from_slice(&result.stdout)
            .map_err(|e| format!("the runner's report: {e}"))?;
        Ok((usage, self.output))
    }
}

/// Files holding a measured program's standard output and error.
pub struct Output {
    pub stdout: PathBuf,
    pub stderr: PathBuf,
}

impl Output {
    pub fn stdout(&self) -> Result<String, String> {
        fs::read_to_string(&self.stdout).map_err(|e| format!("{}: {e}", self.stdout.display()))
    }

    /// The program's standard error, for a message when it failed.
    pub fn stderr(&self) -> String {
        fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

/// What the naive child reports on its standard output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NaiveTimes {
    /// Parsing the default rule set and loading the engine.
    pub load_s: f64,
    /// One `Checker::check` over the whole file.
    pub check_s: f64,
    pub findings: usize,
    /// [`crate::digest::digest`] of the findings' rules and spans.
    pub digest: String,
}

/// The naive child mode: `ENGINE FILE`. Loads one engine on its own with the default rules
/// and checks the whole file as one string, as a first prototype would.
pub fn naive(args: &[OsString]) -> ExitCode {
    let result = match args {
        [engine, path] => naive_check(engine, Path::new(path)),
        _ => Err("usage: --naive nlprule|harper FILE".into()),
    };
    match result {
        Ok(times) => {
            println!(
                "{}",
                serde_json::to_string(&times).expect("times serialize")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench naive: {error}");
            ExitCode::from(2)
        }
    }
}

fn naive_check(engine: &OsStr, path: &Path) -> Result<NaiveTimes, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let clock = Instant::now();
    let selection = RuleSelection::default();
    let defaults = Defaults::builtin();
    let checker: Box<dyn Checker> = match engine.to_str() {
        Some("nlprule") => {
            Box::new(Nlprule::load(&selection, &defaults).map_err(|e| e.to_string())?)
        }
        Some("harper") => Box::new(Harper::load(&selection, &defaults)),
        _ => return Err(format!("unknown engine {engine:?}")),
    };
    let load_s = clock.elapsed().as_secs_f64();
    let clock = Instant::now();
    let findings = checker.check(&text).map_err(|e| e.to_string())?;
    let check_s = clock.elapsed().as_secs_f64();
    let digest = crate::digest::digest(
        findings
            .iter()
            .map(|f| (f.rule.as_str(), f.span.start, f.span.end)),
    );
    // As `ownvoice check` does: freeing the engine's tables would only slow down the exit.
    std::mem::forget(checker);
    Ok(NaiveTimes {
        load_s,
        check_s,
        findings: findings.len(),
        digest,
    })
}
