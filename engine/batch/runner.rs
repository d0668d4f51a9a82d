//! Running many jobs (runs of a batch, or runs × plans of a comparison) on a rayon pool and
//! handing their results back in job order: each worker takes the next job index from one
//! counter, so results arrive at most a few out of order and a small buffer puts them back in
//! order — memory stays flat however many jobs, and the order, hence every output, is the same
//! for any number of threads. A run's panic is caught and reported with its seed.

use crate::model::Evaluation;
use crate::run::{Inputs, RunOptions};
use crate::score::Rating;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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

/// The message of a caught panic.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
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
        Err(p) => Err(format!("the simulation panicked: {}", panic_message(&*p))),
    };
    RunRow { run, seed, result }
}

/// A rayon pool of `threads` threads (at least one).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))
}

/// Do jobs `0..jobs` on the pool's threads, giving each result to `sink` in job order on the
/// calling thread. `sink` returns false to stop: no job after that one is given to it (jobs
/// already started finish and are dropped), so where a batch stops does not depend on timing.
pub fn run_ordered<T: Send>(
    pool: &rayon::ThreadPool,
    jobs: u64,
    job: impl Fn(u64) -> T + Sync,
    mut sink: impl FnMut(u64, T) -> bool,
) {
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(u64, T)>();
    pool.in_place_scope(|s| {
        for _ in 0..pool.current_num_threads() {
            let tx = tx.clone();
            let (next, stop, job) = (&next, &stop, &job);
            s.spawn(move |_| {
                while !stop.load(Ordering::Relaxed) {
                    let j = next.fetch_add(1, Ordering::Relaxed);
                    if j >= jobs || tx.send((j, job(j))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0u64;
        let mut open = true;
        for (j, x) in rx.iter() {
            if !open {
                continue;
            }
            waiting.insert(j, x);
            while let Some(x) = waiting.remove(&due) {
                if !sink(due, x) {
                    open = false;
                    stop.store(true, Ordering::Relaxed);
                    waiting.clear();
                    break;
                }
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_job_order_for_any_thread_count_and_stop_where_asked() {
        for threads in [1, 2, 4] {
            let p = pool(threads).unwrap();
            let mut got = Vec::new();
            // Jobs that take uneven times, so they finish out of order.
            run_ordered(
                &p,
                50,
                |j| {
                    std::thread::sleep(std::time::Duration::from_micros((j * 7919 % 13) * 50));
                    j * j
                },
                |j, x| {
                    got.push((j, x));
                    j < 29
                },
            );
            assert_eq!(got, (0..30).map(|j| (j, j * j)).collect::<Vec<_>>(), "{threads} threads");
        }
    }
}
