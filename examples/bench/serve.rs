//! The server row: `ownvoice serve` started under the runner (so that its peak memory comes
//! from the kernel, as every other figure's does), asked by many clients at once to check
//! paragraphs of about 1 KB of the benchmark's prose, then stopped with SIGTERM.
//!
//! Each client opens a connection per request (`Connection: close`), as the simplest
//! LanguageTool client does; the figure is requests answered per second of wall time from the
//! first request to the last answer, with the latency of each request. A request that is not
//! answered with 200 counts as failed.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use crate::measure::{Sandbox, Usage};
use crate::prose;

/// The size of each request's text, at least (whole paragraphs are sent).
const PARAGRAPH_BYTES: usize = 1_000;

/// The server's figures.
#[derive(Debug, Serialize, Deserialize)]
pub struct ServeFigures {
    pub requests: usize,
    pub clients: usize,
    /// The mean size of the texts sent, in bytes.
    pub text_bytes: usize,
    /// From starting the server to its "ready" line.
    pub ready_s: f64,
    /// From the first request to the last answer.
    pub wall_s: f64,
    pub requests_per_s: f64,
    pub latency_median_s: f64,
    pub latency_p95_s: f64,
    /// Requests not answered with 200.
    pub failed: usize,
    /// Matches in all answers (the same texts give the same number every run).
    pub matches: usize,
    /// The server process, from start to stop.
    pub usage: Usage,
}

/// Starts the server, sends `requests` requests from `clients` clients at once, stops it.
pub fn measure(
    sandbox: &Sandbox,
    ownvoice: &Path,
    requests: usize,
    clients: usize,
) -> Result<ServeFigures, String> {
    let texts = paragraphs();
    let cache = sandbox.root.join("cache-serve");
    let args = ["serve", "--port", "0"].map(OsStr::new);
    let started = Instant::now();
    let server = sandbox.start(None, ownvoice, &args, &cache)?;
    let address = loop {
        let said = std::fs::read_to_string(&server.output.stderr).unwrap_or_default();
        if let Some(line) = said.lines().find(|line| line.contains("ready")) {
            let at = line.find("http://").ok_or("no address in the ready line")?;
            let rest = &line[at + "http://".len()..];
            break rest[..rest.find('/').unwrap_or(rest.len())].to_string();
        }
        if started.elapsed() > Duration::from_secs(300) {
            return Err(format!("the server did not get ready: {said}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let ready_s = started.elapsed().as_secs_f64();
    eprintln!(
        "bench: serve: ready in {ready_s:.2} s at {address}; {requests} requests, {clients} clients"
    );
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let matches = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(requests));
    let clock = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let asked = Instant::now();
                    match check(&address, &texts[i % texts.len()]) {
                        Some(found) => {
                            matches.fetch_add(found, Ordering::Relaxed);
                        }
                        None => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    let took = asked.elapsed().as_secs_f64();
                    latencies.lock().unwrap().push(took);
                }
            });
        }
    });
    let wall_s = clock.elapsed().as_secs_f64();
    if let Some(pid) = server.program_pid() {
        let _ = kill(Pid::from_raw(pid), Signal::SIGTERM);
    }
    let (usage, output) = server.wait()?;
    if usage.exit != Some(0) {
        return Err(format!(
            "ownvoice serve ended with {:?}: {}",
            usage.exit,
            output.stderr().trim()
        ));
    }
    let _ = std::fs::remove_dir_all(&cache);
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort_by(f64::total_cmp);
    let at = |share: f64| latencies[((latencies.len() - 1) as f64 * share).round() as usize];
    let sent: usize = (0..requests).map(|i| texts[i % texts.len()].len()).sum();
    Ok(ServeFigures {
        requests,
        clients,
        text_bytes: sent / requests.max(1),
        ready_s,
        wall_s,
        requests_per_s: requests as f64 / wall_s,
        latency_median_s: at(0.5),
        latency_p95_s: at(0.95),
        failed: failed.into_inner(),
        matches: matches.into_inner(),
        usage,
    })
}

/// The benchmark's prose cut into texts of whole paragraphs, each at least
/// [`PARAGRAPH_BYTES`] long.
fn paragraphs() -> Vec<String> {
    let text = prose::generate(200_000, prose::SEED);
    let mut texts = Vec::new();
    let mut current = String::new();
    for paragraph in text.split("\n\n") {
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(paragraph);
        if current.len() >= PARAGRAPH_BYTES {
            texts.push(std::mem::take(&mut current));
        }
    }
    texts
}

/// One check request; the number of matches, or `None` if it was not answered with 200.
fn check(address: &str, text: &str) -> Option<usize> {
    let body = format!("language=en&text={}", encode(text));
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .ok()?;
    write!(
        stream,
        "POST /v2/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: \
         application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    if !answer.starts_with("HTTP/1.1 200") {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(answer.split_once("\r\n\r\n")?.1).ok()?;
    Some(json["matches"].as_array()?.len())
}

/// Percent-encodes every byte but letters and digits.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
