//! The static audit of a plan against a township (`drill audit`), before any drill and without
//! simulating: team sizes against the 20-person rule, shelter capacity against the people who
//! should be sheltered, stocks against the supply norms for N days, an action for every hazard
//! and response level, and a micro fire station for every built-up area and industrial park.
//! Each check returns its section (the evidence, so a reader sees the numbers) and adds a
//! [`Finding`] wherever the rule is not met.

pub mod checks;
pub mod levels;
pub mod micro;
pub mod shelters;
pub mod supplies;
pub mod table;
pub mod teams;

pub use checks::{Audit, AuditError, Check, Finding, audit, check_days};
pub use table::table;
