//! A batch's results held compactly for the summary and runs.csv: one column of numbers per
//! sampled input and per metric (NaN where a run has no value), a column of ratings per
//! capability and of verdicts per target — about a kilobyte per run, not a map of names per run.

use super::runner::RunRow;
use crate::score::Rating;
use std::collections::BTreeMap;

/// Rows gathered column-wise, in the order they were added (run-index order).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Table {
    /// (run, seed, error of a failed run) per row.
    pub runs: Vec<(u64, u64, Option<String>)>,
    pub sampled: BTreeMap<String, Vec<f64>>,
    pub metrics: BTreeMap<String, Vec<f64>>,
    /// Per capability (the evaluation's order), a rating per row.
    pub ratings: Vec<Vec<Option<Rating>>>,
    /// Per target (capability, then target), a verdict per row.
    pub targets: Vec<Vec<Option<bool>>>,
}

fn put(cols: &mut BTreeMap<String, Vec<f64>>, values: Option<&BTreeMap<String, f64>>, n: usize) {
    if let Some(values) = values {
        for k in values.keys() {
            if !cols.contains_key(k) {
                cols.insert(k.clone(), vec![f64::NAN; n]);
            }
        }
    }
    for (k, col) in cols.iter_mut() {
        col.push(values.and_then(|v| v.get(k)).copied().unwrap_or(f64::NAN));
    }
}

fn put_each<T: Copy>(cols: &mut Vec<Vec<Option<T>>>, values: &[Option<T>], n: usize) {
    while cols.len() < values.len() {
        cols.push(vec![None; n]);
    }
    for (i, col) in cols.iter_mut().enumerate() {
        col.push(values.get(i).copied().flatten());
    }
}

impl Table {
    /// Add a row (after the ones before it in run-index order).
    pub fn push(&mut self, row: &RunRow) {
        let n = self.runs.len();
        let ok = row.result.as_ref().ok();
        put(&mut self.sampled, ok.map(|r| &r.sampled), n);
        put(&mut self.metrics, ok.map(|r| &r.metrics), n);
        put_each(&mut self.ratings, ok.map_or(&[][..], |r| &r.ratings), n);
        put_each(&mut self.targets, ok.map_or(&[][..], |r| &r.targets), n);
        self.runs.push((row.run, row.seed, row.result.as_ref().err().cloned()));
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The rows that ran to the end.
    pub fn ok_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().enumerate().filter(|(_, r)| r.2.is_none()).map(|(i, _)| i)
    }

    /// A metric's values over the runs that have it, in run order.
    pub fn values(&self, metric: &str) -> Vec<f64> {
        self.metrics.get(metric).map_or(Vec::new(), |c| c.iter().copied().filter(|v| !v.is_nan()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::RunResult;

    #[test]
    fn a_metric_first_seen_late_is_empty_in_the_rows_before() {
        let ok = |run: u64, m: &[(&str, f64)]| RunRow {
            run,
            seed: run,
            result: Ok(RunResult {
                sampled: BTreeMap::new(),
                metrics: m.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
                ratings: vec![Some(Rating::P)],
                targets: vec![],
            }),
        };
        let mut t = Table::default();
        t.push(&ok(0, &[("a", 1.0)]));
        t.push(&RunRow { run: 1, seed: 1, result: Err("boom".into()) });
        t.push(&ok(2, &[("a", 3.0), ("b", 2.0)]));
        assert_eq!(t.len(), 3);
        assert_eq!(t.values("a"), vec![1.0, 3.0]);
        assert!(t.metrics["b"][0].is_nan() && t.metrics["b"][1].is_nan() && t.metrics["b"][2] == 2.0);
        assert_eq!(t.ratings, vec![vec![Some(Rating::P), None, Some(Rating::P)]]);
        assert_eq!(t.ok_rows().collect::<Vec<_>>(), vec![0, 2]);
    }
}
