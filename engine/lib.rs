//! drill: a township emergency-response drill and plan simulation engine.
//!
//! Data flows top to bottom through the modules; each depends only on those above it:
//! - [`model`]: scenario, map and plan files as plain data; loading, overlays, validation.
//! - [`core`]: sim time, typed ids, RNG streams, the timeline, stage labels, the resolved
//!   read-only [`core::Setting`] and the [`core::Outcome`].
//! - [`roads`]: the road graph, closures, cached shortest paths, link queues.
//! - [`hazards`]: rain, river stage and flooding; fires; warnings.
//! - [`command`]: incidents as known to the command, response levels, plan actions, dispatch.
//! - [`agents`]: households (warning, decision, travel, harm), shelters, teams.
//! - [`drill`]: injects, contingency injects and decision points; the tabletop session
//!   (`drill play`), its players' orders and its recording.
//! - [`run`]: builds one World and the seven-stage tick, runs it, returns the Outcome.
//! - [`score`]: the drill's evaluation — P/S/M/U per capability, score, grade, findings.
//! - [`report`]: the files of a run, written atomically.
//! - [`batch`]: Monte Carlo batches: run seeds, rayon, statistics, runs.csv and summary.json.
pub mod model;

pub mod core;

pub mod roads;

pub mod hazards;

pub mod command;

pub mod agents;

pub mod drill;

pub mod run;

pub mod score;

pub mod report;

pub mod batch;
