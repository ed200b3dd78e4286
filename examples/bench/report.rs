//! The benchmark's figures (also its `--json` format), the Markdown tables made from them,
//! and the comparison with an earlier run's figures.
//!
//! Units: seconds; KB = 1,000 bytes and MB = 1,000,000 bytes in the tables; the JSON keeps the
//! kernel's KiB for peak RSS (`*_rss_kib`). A ratio is ownvoice's figure divided by the naive
//! baseline's, so below 1 is better.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::editor::Editor;
use crate::measure::{NaiveTimes, Usage};
use crate::serve::ServeFigures;

#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub cores: usize,
    /// The text generator's seed.
    pub seed: u64,
    /// The machine's load average over one minute (`/proc/loadavg`) at the start and at the
    /// end: other work on a 2-core machine slows every figure, so a run is judged with it.
    #[serde(default)]
    pub load: Option<(f64, f64)>,
    pub cold_start: ColdStart,
    pub sizes: Vec<SizeFigures>,
    /// `ownvoice lsp` as an editor drives it (absent from older figures, or `--no-editor`).
    #[serde(default)]
    pub editor: Option<Editor>,
    /// `ownvoice serve` under load (absent from older figures, or skipped).
    #[serde(default)]
    pub serve: Option<ServeFigures>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ColdStart {
    pub sentence: String,
    pub runs_s: Vec<f64>,
    pub median_s: f64,
    pub cpu_median_s: f64,
    /// The largest peak RSS of the runs.
    pub max_rss_kib: i64,
    pub issues: usize,
    pub digest: String,
    /// Whether every run reported the same issues.
    pub identical: bool,
}

impl ColdStart {
    /// Figures of runs, each with its issue count and digest.
    pub fn new(sentence: &str, runs: Vec<(Usage, (usize, String))>) -> ColdStart {
        let (issues, digest) = runs[0].1.clone();
        ColdStart {
            sentence: sentence.to_string(),
            runs_s: runs.iter().map(|(usage, _)| usage.wall_s).collect(),
            median_s: median(runs.iter().map(|(usage, _)| usage.wall_s).collect()),
            cpu_median_s: median(runs.iter().map(|(usage, _)| usage.cpu_s).collect()),
            max_rss_kib: runs
                .iter()
                .map(|(usage, _)| usage.max_rss_kib)
                .max()
                .unwrap_or(0),
            identical: runs.iter().all(|(_, found)| found.1 == digest),
            issues,
            digest,
        }
    }
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

/// The figures of one text size.
#[derive(Debug, Serialize, Deserialize)]
pub struct SizeFigures {
    pub label: String,
    pub bytes: usize,
    /// Digest of the text itself: results are comparable only between equal texts.
    pub text_digest: String,
    pub ownvoice: EndToEnd,
    /// nlprule, then Harper.
    pub naive: Vec<NaiveRun>,
    pub naive_total: NaiveTotal,
    /// ownvoice's wall time divided by the naive baseline's (the sum of its processes').
    pub time_ratio: f64,
    /// ownvoice's peak RSS divided by the sum of the naive engines' peak RSS.
    pub memory_ratio: f64,
    /// Checks again with the result cache of the first (absent from older figures).
    #[serde(default)]
    pub recheck: Option<Recheck>,
}

/// The same text checked again with the result cache the first check filled.
#[derive(Debug, Serialize, Deserialize)]
pub struct Recheck {
    /// The file unchanged: every paragraph answered from the cache.
    pub unchanged: EndToEnd,
    /// A copy with one paragraph edited: that paragraph checked again.
    pub edited: EndToEnd,
}

/// `ownvoice check --format jsonl FILE`.
#[derive(Debug, Serialize, Deserialize)]
pub struct EndToEnd {
    pub usage: Usage,
    pub issues: usize,
    pub digest: String,
}

/// One engine alone on the whole text, in its own process.
#[derive(Debug, Serialize, Deserialize)]
pub struct NaiveRun {
    pub engine: String,
    pub times: NaiveTimes,
    pub usage: Usage,
}

/// Both engines of the naive baseline, one after the other.
#[derive(Debug, Serialize, Deserialize)]
pub struct NaiveTotal {
    pub load_s: f64,
    pub check_s: f64,
    pub wall_s: f64,
    /// Both engines held at once, as one program that loads both would hold them.
    pub rss_sum_kib: i64,
    /// The larger engine alone.
    pub rss_max_kib: i64,
}

impl SizeFigures {
    pub fn new(
        label: String,
        bytes: usize,
        text_digest: String,
        ownvoice: EndToEnd,
        naive: Vec<NaiveRun>,
    ) -> SizeFigures {
        let naive_total = NaiveTotal {
            load_s: naive.iter().map(|run| run.times.load_s).sum(),
            check_s: naive.iter().map(|run| run.times.check_s).sum(),
            wall_s: naive.iter().map(|run| run.usage.wall_s).sum(),
            rss_sum_kib: naive.iter().map(|run| run.usage.max_rss_kib).sum(),
            rss_max_kib: naive
                .iter()
                .map(|run| run.usage.max_rss_kib)
                .max()
                .unwrap_or(0),
        };
        SizeFigures {
            time_ratio: ownvoice.usage.wall_s / naive_total.wall_s,
            memory_ratio: ownvoice.usage.max_rss_kib as f64 / naive_total.rss_sum_kib as f64,
            label,
            bytes,
            text_digest,
            ownvoice,
            naive,
            naive_total,
            recheck: None,
        }
    }
}

pub fn secs(s: f64) -> String {
    match s {
        s if s < 1.0 => format!("{s:.3} s"),
        s if s < 100.0 => format!("{s:.2} s"),
        s => format!("{s:.1} s"),
    }
}

pub fn mb(kib: i64) -> String {
    let mb = kib as f64 * 1024.0 / 1e6;
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

fn kb_per_s(bytes: usize, s: f64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0 / s)
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        let cold = &self.cold_start;
        writeln!(out, "# ownvoice benchmark\n")?;
        writeln!(
            out,
            "{} cores, release build, text seed {}. Every figure is one process, started with \
             empty configuration, data and cache folders. KB = 1,000 bytes, MB = 1,000,000 \
             bytes; RSS is the process's peak resident memory (`ru_maxrss`).\n",
            self.cores, self.seed
        )?;
        if let Some((start, end)) = self.load {
            writeln!(
                out,
                "Load average (1 minute) {start:.2} at the start, {end:.2} at the end: other \
                 work on the machine slows every figure, so compare runs made at a low load.\n"
            )?;
        }
        writeln!(
            out,
            "## Cold start: `ownvoice check --format jsonl -`, one sentence on stdin\n"
        )?;
        writeln!(
            out,
            "| runs | median | min | max | CPU (median) | peak RSS | issues | same issues every run |"
        )?;
        writeln!(
            out,
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        )?;
        let fold = |pick: fn(f64, f64) -> f64, start| cold.runs_s.iter().copied().fold(start, pick);
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            cold.runs_s.len(),
            secs(cold.median_s),
            secs(fold(f64::min, f64::INFINITY)),
            secs(fold(f64::max, 0.0)),
            secs(cold.cpu_median_s),
            mb(cold.max_rss_kib),
            cold.issues,
            if cold.identical { "yes" } else { "**NO**" }
        )?;
        writeln!(out, "## End to end: `ownvoice check --format jsonl FILE`\n")?;
        writeln!(
            out,
            "| size | bytes | wall | CPU | KB/s | peak RSS | issues | issue digest |"
        )?;
        writeln!(
            out,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        )?;
        for size in &self.sizes {
            let usage = &size.ownvoice.usage;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | `{}` |",
                size.label,
                size.bytes,
                secs(usage.wall_s),
                secs(usage.cpu_s),
                kb_per_s(size.bytes, usage.wall_s),
                mb(usage.max_rss_kib),
                size.ownvoice.issues,
                size.ownvoice.digest
            )?;
        }
        if let Some(serve) = &self.serve {
            writeln!(
                out,
                "\n## Server: `ownvoice serve`, {} clients at once, paragraphs of about {} bytes\n",
                serve.clients, serve.text_bytes
            )?;
            writeln!(
                out,
                "| requests | failed | ready | wall | requests/s | KB/s | latency median | latency p95 | peak RSS | matches |"
            )?;
            writeln!(
                out,
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            )?;
            writeln!(
                out,
                "| {} | {} | {} | {} | {:.1} | {} | {} | {} | {} | {} |",
                serve.requests,
                serve.failed,
                secs(serve.ready_s),
                secs(serve.wall_s),
                serve.requests_per_s,
                kb_per_s(serve.text_bytes * serve.requests, serve.wall_s),
                secs(serve.latency_median_s),
                secs(serve.latency_p95_s),
                mb(serve.usage.max_rss_kib),
                serve.matches
            )?;
        }
        writeln!(
            out,
            "\n## Re-check with the result cache: the same file again, and a copy with one \
             paragraph edited\n"
        )?;
        writeln!(
            out,
            "| size | first check | unchanged | peak RSS | same issues | one paragraph edited | peak RSS | issues |"
        )?;
        writeln!(
            out,
            "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
        )?;
        for size in &self.sizes {
            let Some(recheck) = &size.recheck else {
                continue;
            };
            let same = recheck.unchanged.digest == size.ownvoice.digest
                && recheck.unchanged.issues == size.ownvoice.issues;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                size.label,
                secs(size.ownvoice.usage.wall_s),
                secs(recheck.unchanged.usage.wall_s),
                mb(recheck.unchanged.usage.max_rss_kib),
                if same { "yes" } else { "**NO**" },
                secs(recheck.edited.usage.wall_s),
                mb(recheck.edited.usage.max_rss_kib),
                recheck.edited.issues
            )?;
        }
        if let Some(editor) = &self.editor {
            self.write_editor(out, editor)?;
        }
        writeln!(
            out,
            "\n## Naive baseline: each engine alone, the whole text as one string\n"
        )?;
        writeln!(
            out,
            "| size | engine | load | check | check KB/s | wall | peak RSS | findings |"
        )?;
        writeln!(
            out,
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
        )?;
        for size in &self.sizes {
            for run in &size.naive {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} | {} |",
                    size.label,
                    run.engine,
                    secs(run.times.load_s),
                    secs(run.times.check_s),
                    kb_per_s(size.bytes, run.times.check_s),
                    secs(run.usage.wall_s),
                    mb(run.usage.max_rss_kib),
                    run.times.findings
                )?;
            }
            let total = &size.naive_total;
            writeln!(
                out,
                "| {} | **sum** | {} | {} | {} | {} | {} | {} |",
                size.label,
                secs(total.load_s),
                secs(total.check_s),
                kb_per_s(size.bytes, total.check_s),
                secs(total.wall_s),
                mb(total.rss_sum_kib),
                size.naive
                    .iter()
                    .map(|run| run.times.findings)
                    .sum::<usize>()
            )?;
        }
        writeln!(
            out,
            "\n## ownvoice against the naive baseline (ratio below 1: ownvoice does better)\n"
        )?;
        writeln!(
            out,
            "| size | ownvoice wall | naive wall | time ratio | ownvoice RSS | naive RSS (sum) | memory ratio |"
        )?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")?;
        for size in &self.sizes {
            writeln!(
                out,
                "| {} | {} | {} | {:.2} | {} | {} | {:.2} |",
                size.label,
                secs(size.ownvoice.usage.wall_s),
                secs(size.naive_total.wall_s),
                size.time_ratio,
                mb(size.ownvoice.usage.max_rss_kib),
                mb(size.naive_total.rss_sum_kib),
                size.memory_ratio
            )?;
        }
        let floor = self
            .sizes
            .iter()
            .map(|size| size.ownvoice.usage.runner_rss_kib)
            .max()
            .unwrap_or(0);
        writeln!(
            out,
            "\nNaive wall and RSS: the two engines' processes added up (both engines held at \
             once). Wall times include process start and reading the file; peak RSS includes \
             a floor of at most {} inherited from the measuring process.",
            mb(floor)
        )
    }
}

impl Report {
    fn write_editor(&self, out: &mut String, editor: &Editor) -> std::fmt::Result {
        writeln!(
            out,
            "\n## Editor: `ownvoice lsp` over stdio, driven as an editor drives it\n"
        )?;
        writeln!(out, "| what | median | runs | target |")?;
        writeln!(out, "| --- | ---: | ---: | --- |")?;
        writeln!(
            out,
            "| `didOpen` of a {:.1} KB essay to its first diagnostics, cold start | {} | {} | at most 1.2 s |",
            editor.essay_bytes as f64 / 1000.0,
            secs(editor.open_median_s),
            editor.open_runs_s.len()
        )?;
        writeln!(
            out,
            "| the same, from starting the server process | {} | {} | |",
            secs(editor.spawn_median_s),
            editor.open_runs_s.len()
        )?;
        writeln!(
            out,
            "| the first check of a {:.0} KB Markdown document | {} | 1 | |",
            editor.document_bytes as f64 / 1000.0,
            secs(editor.first_check_s)
        )?;
        writeln!(
            out,
            "| `didChange` of one paragraph in it to its diagnostics (with the {} pause) | {} | {} | at most 0.05 s plus the pause |",
            secs(editor.pause_s),
            secs(editor.change_median_s),
            editor.change_runs_s.len()
        )?;
        let check = self
            .sizes
            .iter()
            .find(|size| size.label == "200k")
            .or_else(|| self.sizes.last());
        let target = check.map_or(String::from("check's plus 50 MB"), |size| {
            format!(
                "at most check's on {} ({}) plus 50 MB",
                size.label,
                mb(size.ownvoice.usage.max_rss_kib)
            )
        });
        writeln!(
            out,
            "| the server's peak RSS (`VmHWM`) | {} | | {target} |",
            mb(editor.peak_rss_kib)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
