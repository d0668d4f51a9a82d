//! Reports: the files of a run (summary, timeline, series, markdown report), written atomically.

pub mod aar;
pub mod batch;
pub mod charts;
pub mod files;
pub mod html;
pub mod lang;
pub mod markdown;
pub mod sketch;

pub use files::{RunMeta, write_run, write_run_with};
pub use lang::Lang;
pub use sketch::Sketch;
