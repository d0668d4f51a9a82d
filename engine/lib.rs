//! drill: a township emergency-response drill and plan simulation engine.
//!
//! Data flows top to bottom through the modules, each depending only on those above it:
//! - [`model`]: scenario, map and plan files as plain data; loading, overlays, validation.
pub mod model;
