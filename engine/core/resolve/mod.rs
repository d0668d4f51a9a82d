//! Resolving a validated scenario and plan into the run's [`Setting`](crate::core::Setting):
//! dense ids, seconds, and the run's draws of every scenario- and plan-level distribution.

mod ids;
mod plan;
mod scenario;

pub use scenario::resolve;
