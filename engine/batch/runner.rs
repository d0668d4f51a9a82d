//! Running a batch: run r gets the seed `run_seed(S, r)` and its own World on one thread of a
//! rayon pool; each run is caught if it panics (reported with its seed, the batch goes on); the
//! runs are done in chunks and kept in run-index order, so the result is the same for any number
//! of threads. What is kept of a run is small: its sampled inputs, metrics and ratings.

use super::seeds::run_seed;
use crate::model::Evaluation;
use crate::run::{Inputs, RunOptions};
use crate::score::Rating;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Runs per chunk: the pool works on one chunk at a time and the chunk's rows are appended in
/// order before the next starts.
const CHUNK: u64 = 64;

/// How a batch is run.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    pub runs: u64,
    pub seed: u64,
    pub threads: usize,
}

/// One run of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    pub run: u64,
    pub seed: u64,
    /// What the run gave, or why it failed.
    pub result: Result<RunResult, String>,
}

/// What a batch keeps of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// The uncertain inputs this run drew.
    pub sampled: BTreeMap<String, f64>,
    pub metrics: BTreeMap<String, f64>,
    /// Each capability's rating (the evaluation's order), none where not exercised.
    pub ratings: Vec<Option<Rating>>,
    /// Each capability target, in the evaluation's order (capability, then target): met or not,
    /// none where the run has no value for its metric.
    pub targets: Vec<Option<bool>>,
}

/// Whether a target is met by a value.
pub fn met(t: &crate::model::Target, v: f64) -> bool {
    t.at_least.is_none_or(|x| v >= x) && t.at_most.is_none_or(|x| v <= x)
}

/// One run, its panic caught.
pub fn run_one(inputs: &Inputs, ev: &Evaluation, run: u64, seed: u64) -> RunRow {
    let opts = RunOptions { seed, nominal: false, check_every_tick: false };
    let result = match std::panic::catch_unwind(|| crate::run::run(inputs, &opts)) {
        Ok(Ok(o)) => {
            let e = crate::score::evaluate(&o, ev, &[]);
            let targets = ev
                .capabilities
                .iter()
                .flat_map(|c| &c.targets)
                .map(|t| o.metrics.get(&t.metric).map(|&v| met(t, v)))
                .collect();
            Ok(RunResult {
                sampled: o.sampled,
                metrics: o.metrics,
                ratings: e.capabilities.iter().map(|c| c.rating).collect(),
                targets,
            })
        }
        Ok(Err(e)) => Err(e.to_string()),
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(format!("the simulation panicked: {what}"))
        }
    };
    RunRow { run, seed, result }
}

/// Run a batch; `progress` is told the number of runs done after each chunk.
pub fn run_batch(
    inputs: &Inputs,
    ev: &Evaluation,
    o: &BatchOptions,
    mut progress: impl FnMut(u64),
) -> Result<Vec<RunRow>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(o.threads.max(1))
        .build()
        .map_err(|e| format!("cannot start {} threads: {e}", o.threads))?;
    let mut rows = Vec::with_capacity(o.runs as usize);
    let mut start = 0;
    while start < o.runs {
        let end = (start + CHUNK).min(o.runs);
        let part: Vec<RunRow> = pool.install(|| {
            (start..end).into_par_iter().map(|r| run_one(inputs, ev, r, run_seed(o.seed, r))).collect()
        });
        rows.extend(part);
        progress(end);
        start = end;
    }
    Ok(rows)
}
