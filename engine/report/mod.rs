//! Reports: the files of a run (summary, timeline, series, markdown report), written atomically.

pub mod files;
pub mod markdown;

pub use files::{RunMeta, write_run};
