//! Monte Carlo batches (models.md §6, DESIGN §10): many runs of one scenario and plan, each with
//! its own seed derived from the batch seed and its index, in parallel over rayon, reduced in
//! run-index order into `runs.csv` and a statistical `summary.json`.

pub mod output;
pub mod runner;
pub mod seeds;
pub mod stats;

pub use runner::{BatchOptions, RunResult, RunRow, run_batch};
pub use seeds::run_seed;
