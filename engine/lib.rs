//! drill: a township emergency-response drill and plan simulation engine.
//!
//! Data flows top to bottom through the modules, each depending only on those above it:
//! - [`model`]: scenario, map and plan files as plain data; loading, overlays, validation.
pub mod agents;
pub mod command;
pub mod core;
pub mod drill;
pub mod hazards;
pub mod model;
pub mod report;
pub mod roads;
pub mod run;
