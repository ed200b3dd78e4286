//! Trends for `ownvoice progress`: per grammar point, how often it came up per 1,000 words
//! over the latest runs, and whether that is going down. Pure data; `report/progress.rs`
//! draws it.

use std::collections::BTreeSet;

use super::Run;

/// How often one grammar point came up over the last runs.
#[derive(Debug, Clone, PartialEq)]
pub struct PointTrend {
    /// Explanation id.
    pub id: String,
    /// Issues over the whole window.
    pub total: usize,
    /// Issues per 1,000 words, one per run in the window, oldest first (0 where the point
    /// did not occur).
    pub recent: Vec<f64>,
    pub direction: Direction,
}

/// Which way a point's rate went over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Down,
    Up,
    Steady,
    TooFewRuns,
}

/// Differences smaller than this share of the larger mean rate count as steady.
const STEADY_SHARE: f64 = 0.10;

/// Per explanation id, its total and rates over the last `window` runs that checked at least
/// one word (by time), and whether the rate of the newer half of the window is lower or
/// higher than that of the older half (with an odd number of runs the middle one is in
/// neither half). Sorted by total, largest first, then by id.
pub fn trends(runs: &[Run], window: usize) -> Vec<PointTrend> {
    let mut checked: Vec<&Run> = runs.iter().filter(|run| run.words > 0).collect();
    // Stable: runs in the same second keep their file order.
    checked.sort_by_key(|run| run.time);
    let checked = &checked[checked.len().saturating_sub(window)..];
    let ids: BTreeSet<&String> = checked
        .iter()
        .flat_map(|run| run.points.iter())
        .filter(|(_, count)| **count > 0)
        .map(|(id, _)| id)
        .collect();
    let mut trends: Vec<PointTrend> = ids
        .into_iter()
        .map(|id| {
            let counts = checked
                .iter()
                .map(|run| run.points.get(id).copied().unwrap_or(0));
            let recent: Vec<f64> = counts
                .clone()
                .zip(checked)
                .map(|(count, run)| count as f64 * 1000.0 / run.words as f64)
                .collect();
            PointTrend {
                id: id.clone(),
                total: counts.sum(),
                direction: direction(&recent),
                recent,
            }
        })
        .collect();
    trends.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.id.cmp(&b.id)));
    trends
}

fn direction(rates: &[f64]) -> Direction {
    if rates.len() < 2 {
        return Direction::TooFewRuns;
    }
    let half = rates.len() / 2;
    let mean = |rates: &[f64]| rates.iter().sum::<f64>() / rates.len() as f64;
    let (older, newer) = (mean(&rates[..half]), mean(&rates[rates.len() - half..]));
    let larger = older.max(newer);
    if larger == 0.0 || (newer - older).abs() < STEADY_SHARE * larger {
        Direction::Steady
    } else if newer < older {
        Direction::Down
    } else {
        Direction::Up
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::run;

    #[test]
    fn trends_sort_by_total_and_compare_the_newer_half_with_the_older() {
        let runs = [
            // Out of time order on purpose; the zero-word run is ignored.
            run(30, 1000, &[("articles", 1), ("a-an", 4), ("tense", 2)]),
            run(10, 1000, &[("articles", 5), ("a-an", 4), ("tense", 2)]),
            run(25, 0, &[("articles", 50)]),
            run(20, 500, &[("articles", 2), ("a-an", 2), ("new", 1)]),
            run(40, 2000, &[("articles", 2), ("a-an", 8), ("tense", 6)]),
        ];
        let trends = trends(&runs, 10);
        let summary: Vec<(&str, usize, Direction)> = trends
            .iter()
            .map(|t| (t.id.as_str(), t.total, t.direction))
            .collect();
        assert_eq!(
            summary,
            [
                ("a-an", 18, Direction::Steady),
                ("articles", 10, Direction::Down),
                ("tense", 10, Direction::Up),
                ("new", 1, Direction::Down),
            ]
        );
        assert_eq!(trends[1].recent, [5.0, 4.0, 1.0, 1.0]);
        assert_eq!(trends[3].recent, [0.0, 2.0, 0.0, 0.0]);
    }

    #[test]
    fn the_window_keeps_the_latest_runs_and_one_run_is_too_few() {
        let runs = [
            run(1, 100, &[("a-an", 9)]),
            run(2, 100, &[("a-an", 1)]),
            run(3, 100, &[]),
        ];
        let last_two = trends(&runs, 2);
        assert_eq!(last_two.len(), 1);
        assert_eq!(
            (last_two[0].total, last_two[0].direction),
            (1, Direction::Down)
        );
        assert_eq!(last_two[0].recent, [10.0, 0.0]);
        let last_one = trends(&runs[..2], 1);
        assert_eq!(last_one[0].direction, Direction::TooFewRuns);
        assert!(trends(&runs, 0).is_empty());
        assert!(trends(&[], 5).is_empty());
    }
}
