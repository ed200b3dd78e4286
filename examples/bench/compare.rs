//! This run's figures against an earlier run's (`--compare FILE`, a `--json` file): per text,
//! whether the text is the same, whether it gave the same issues, and how wall time and peak
//! memory moved. Different issues on the same text are what `--compare` exists to catch.

use std::fmt::Write;

use crate::report::{Report, mb, secs};

impl Report {
    /// A table of this run against an earlier one, and whether every text that is the same
    /// in both gave the same issues.
    pub fn compare(&self, earlier: &Report, name: &str) -> (String, bool) {
        let mut out = String::new();
        let mut same = true;
        let _ = self.write_comparison(earlier, name, &mut out, &mut same);
        (out, same)
    }

    fn write_comparison(
        &self,
        earlier: &Report,
        name: &str,
        out: &mut String,
        same: &mut bool,
    ) -> std::fmt::Result {
        writeln!(out, "\n## Compared with `{name}`\n")?;
        writeln!(
            out,
            "| size | text | issues then → now | results | wall then → now | time ratio | peak RSS then → now |"
        )?;
        writeln!(out, "| --- | --- | --- | --- | --- | ---: | --- |")?;
        let mut row = |label: &str,
                       text_same: bool,
                       issues: (usize, usize),
                       digests_same: bool,
                       wall: (f64, f64),
                       rss: (i64, i64)|
         -> std::fmt::Result {
            let results = match (text_same, digests_same) {
                (false, _) => "not comparable",
                (true, true) => "same",
                (true, false) => {
                    *same = false;
                    "**DIFFERENT**"
                }
            };
            writeln!(
                out,
                "| {label} | {} | {} → {} | {results} | {} → {} | {:.2} | {} → {} |",
                if text_same { "same" } else { "changed" },
                issues.0,
                issues.1,
                secs(wall.0),
                secs(wall.1),
                wall.1 / wall.0,
                mb(rss.0),
                mb(rss.1)
            )
        };
        let (then, now) = (&earlier.cold_start, &self.cold_start);
        row(
            "cold start (median)",
            then.sentence == now.sentence,
            (then.issues, now.issues),
            then.digest == now.digest,
            (then.median_s, now.median_s),
            (then.max_rss_kib, now.max_rss_kib),
        )?;
        for now in &self.sizes {
            let Some(then) = earlier.sizes.iter().find(|then| then.label == now.label) else {
                continue;
            };
            row(
                &now.label,
                then.text_digest == now.text_digest,
                (then.ownvoice.issues, now.ownvoice.issues),
                then.ownvoice.digest == now.ownvoice.digest,
                (then.ownvoice.usage.wall_s, now.ownvoice.usage.wall_s),
                (
                    then.ownvoice.usage.max_rss_kib,
                    now.ownvoice.usage.max_rss_kib,
                ),
            )?;
        }
        Ok(())
    }
}
