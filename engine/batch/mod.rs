//! Monte Carlo batches (models.md §6, DESIGN §10): many runs of one scenario and plan, each with
//! its own seed derived from the batch seed and its index, in parallel over rayon, streamed in
//! run-index order into a batch folder (`runs.jsonl`, then `runs.csv` and a statistical
//! `summary.json`); shards of a batch for a cluster, and their merge.

pub mod compare;
pub mod compare_output;
pub mod folder;
pub mod forest;
pub mod journal;
pub mod manifest;
pub mod merge;
pub mod output;
pub mod report_view;
pub mod runner;
pub mod seeds;
pub mod shard;
pub mod stats;
pub mod stopping;
pub mod sweep;
pub mod table;

pub use runner::{RunResult, RunRow, run_one};
pub use seeds::run_seed;
pub use shard::Shard;
