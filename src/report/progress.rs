//! The `ownvoice progress` table: for each grammar point met in the last runs of the journal,
//! its title, id, total, a bar scaled to the largest total, the trend and the latest rate per
//! 1,000 words.
//!
//! Boundary: it draws [`PointTrend`]s computed by `journal::trends`; it reads no file and
//! computes no statistics. Invariant: every line fits 80 display columns (measured with
//! `unicode-width`, so wide CJK titles count double), whatever the titles, ids and totals;
//! long titles and ids are cut with "…" and the bar narrows before the title does.

use std::io::{self, Write};

use colored::Colorize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::plural;
use crate::journal::{Direction, PointTrend};

/// Columns a line may take.
const WIDTH: usize = 80;
/// Rows shown at most; the rest are counted in one closing line.
const MAX_ROWS: usize = 15;
/// Widest bar, for the largest total; the bar may narrow to `MIN_BAR` to leave room.
const MAX_BAR: usize = 20;
const MIN_BAR: usize = 8;
/// Title and id columns: never wider than these, never cut narrower than the minimums. The
/// id is what `ownvoice explain` takes, so it is cut last (every id in our catalogue fits).
const MAX_TITLE: usize = 34;
const MIN_TITLE: usize = 16;
const MAX_ID: usize = 28;
const MIN_ID: usize = 12;

/// Writes the table for `trends` (already sorted) over `runs` runs. `titles` maps an
/// explanation id to the title a learner knows it by.
pub fn render(
    out: &mut dyn Write,
    trends: &[PointTrend],
    titles: &dyn Fn(&str) -> String,
    runs: usize,
    color: bool,
) -> io::Result<()> {
    if runs == 0 {
        return writeln!(
            out,
            "Your progress journal is empty: each `ownvoice check` adds to it."
        );
    }
    writeln!(
        out,
        "Grammar points met in your last {}; last column: per 1,000 words.",
        plural(runs, "run")
    )?;
    if trends.is_empty() {
        return writeln!(out, "No grammar point came up in these runs.");
    }

    let shown = &trends[..trends.len().min(MAX_ROWS)];
    let rows: Vec<Row> = shown
        .iter()
        .map(|trend| Row {
            title: one_line(&titles(&trend.id)),
            id: &trend.id,
            total: trend.total.to_string(),
            trend: trend_word(trend.direction),
            rate: format!("{:.1}", trend.recent.last().copied().unwrap_or(0.0)),
        })
        .collect();
    let widest = |cell: fn(&Row) -> usize| rows.iter().map(cell).max().unwrap_or(0);
    let mut title_w = widest(|row| row.title.width()).min(MAX_TITLE);
    let mut id_w = widest(|row| row.id.width()).min(MAX_ID);
    let mut bar_w = MAX_BAR;
    let total_w = widest(|row| row.total.len());
    let trend_w = widest(|row| row.trend.width());
    let rate_w = widest(|row| row.rate.len());
    // Two spaces between title and id (both are words), one between the other columns.
    let used = |title_w, id_w, bar_w| title_w + id_w + total_w + bar_w + trend_w + rate_w + 6;
    let mut excess = used(title_w, id_w, bar_w).saturating_sub(WIDTH);
    for (width, min) in [
        (&mut bar_w, MIN_BAR),
        (&mut title_w, MIN_TITLE),
        (&mut id_w, MIN_ID),
    ] {
        let cut = excess.min(width.saturating_sub(min));
        *width -= cut;
        excess -= cut;
    }

    let largest = shown
        .iter()
        .map(|trend| trend.total)
        .max()
        .unwrap_or(0)
        .max(1);
    for (row, trend) in rows.iter().zip(shown) {
        // Rounded to the nearest cell, but a point that came up at all gets at least one.
        let cells =
            ((trend.total * bar_w + largest / 2) / largest).max(usize::from(trend.total > 0));
        let word = pad(row.trend, trend_w);
        let word = match trend.direction {
            Direction::Down if color => word.green().to_string(),
            Direction::Up if color => word.red().to_string(),
            _ => word,
        };
        writeln!(
            out,
            "{}  {} {:>total_w$} {} {} {:>rate_w$}",
            pad(&truncate(&row.title, title_w), title_w),
            pad(&truncate(row.id, id_w), id_w),
            row.total,
            pad(&"█".repeat(cells), bar_w),
            word,
            row.rate,
        )?;
    }
    if trends.len() > shown.len() {
        let more = trends.len() - shown.len();
        writeln!(out, "… and {} not shown.", plural(more, "grammar point"))?;
    }
    Ok(())
}

/// The cells of one row before layout.
struct Row<'a> {
    title: String,
    id: &'a str,
    total: String,
    trend: &'static str,
    rate: String,
}

fn trend_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Down => "↓ going down",
        Direction::Up => "↑ going up",
        Direction::Steady => "→ steady",
        Direction::TooFewRuns => "· too few runs",
    }
}

/// Text on one line, so a title with a line break or a tab cannot break the table.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `width` columns, ending with "…" when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    cut
}

/// `text` followed by spaces up to `width` display columns (`format!`'s padding counts
/// characters, not columns).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trend(id: &str, total: usize, recent: &[f64], direction: Direction) -> PointTrend {
        PointTrend {
            id: id.into(),
            total,
            recent: recent.to_vec(),
            direction,
        }
    }

    fn draw(trends: &[PointTrend], titles: &dyn Fn(&str) -> String, runs: usize) -> String {
        let mut out = Vec::new();
        render(&mut out, trends, titles, runs, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn title(id: &str) -> String {
        match id {
            "a-an" => "A or an".into(),
            "articles" => "Articles: a, an, the".into(),
            _ => format!("Title of {id}"),
        }
    }

    #[test]
    fn rows_follow_the_trends_order_with_bars_trends_and_latest_rates() {
        let trends = [
            trend("articles", 10, &[5.0, 4.0, 1.0, 1.25], Direction::Down),
            trend("tense", 5, &[2.0, 0.0, 2.0, 3.0], Direction::Up),
            trend("a-an", 1, &[0.0, 0.0, 0.0, 0.0], Direction::Steady),
        ];
        let text = draw(&trends, &title, 4);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].contains("last 4 runs"), "{text}");
        assert!(
            lines[1].starts_with("Articles: a, an, the  articles"),
            "{text}"
        );
        assert!(lines[2].starts_with("Title of tense"), "{text}");
        assert!(lines[3].starts_with("A or an"), "{text}");
        let bar = |line: &str| line.matches('█').count();
        assert_eq!([bar(lines[1]), bar(lines[2]), bar(lines[3])], [20, 10, 2]);
        assert!(
            lines[1].contains("↓ going down") && lines[1].ends_with(" 1.2"),
            "{text}"
        );
        assert!(
            lines[2].contains("↑ going up") && lines[2].ends_with(" 3.0"),
            "{text}"
        );
        assert!(
            lines[3].contains("→ steady") && lines[3].ends_with(" 0.0"),
            "{text}"
        );
    }

    #[test]
    fn no_line_is_wider_than_80_columns_and_at_most_15_rows_are_shown() {
        let long_title =
            |id: &str| format!("{id}: 冠詞の使い方と名詞の数 and a very long English title\n");
        let trends: Vec<PointTrend> = (0..20)
            .map(|i| {
                let id = format!("a-really-long-explanation-identifier-{i:02}");
                trend(&id, 123_456 - i, &[1234.5], Direction::TooFewRuns)
            })
            .collect();
        let text = draw(&trends, &long_title, 1);
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "{} columns: {line}", line.width());
        }
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 15 + 1, "{text}");
        assert!(
            lines[1].contains('…') && lines[1].contains("· too few runs"),
            "{text}"
        );
        assert!(lines[1].contains("a-really-lo"), "{text}");
        assert_eq!(lines[16], "… and 5 grammar points not shown.");
        assert_eq!(lines[1].matches('█').count(), MIN_BAR);
    }

    #[test]
    fn an_empty_journal_is_one_line_pointing_at_check() {
        let text = draw(&[], &title, 0);
        assert_eq!(text.lines().count(), 1);
        assert!(
            text.contains("empty") && text.contains("ownvoice check"),
            "{text}"
        );
        let quiet = draw(&[], &title, 3);
        assert_eq!(quiet.lines().count(), 2, "{quiet}");
        assert!(quiet.contains("No grammar point came up"), "{quiet}");
    }

    #[test]
    fn colour_only_when_asked_and_truncation_counts_columns() {
        // Whether `colored` emits escapes also depends on its process-wide override (set by
        // the binary); tests must not touch it, so only the uncoloured side is asserted.
        let trends = [trend("a-an", 2, &[1.0, 3.0], Direction::Up)];
        let mut plain = Vec::new();
        render(&mut plain, &trends, &title, 2, false).unwrap();
        assert!(!String::from_utf8(plain).unwrap().contains('\u{1b}'));
        let mut coloured = Vec::new();
        render(&mut coloured, &trends, &title, 2, true).unwrap();
        assert!(String::from_utf8(coloured).unwrap().contains("↑ going up"));
        assert_eq!(truncate("東京大学", 5), "東京…");
        assert_eq!(truncate("short", 5), "short");
        assert_eq!(pad("東京", 6).width(), 6);
    }
}
