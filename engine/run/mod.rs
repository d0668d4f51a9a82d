//! Running one simulation: load and validate the inputs, resolve them for a seed, build the
//! World and the tick schedule, step to the end, and return the Outcome. The only place that
//! knows every stage.

pub mod activity;
pub mod audit;
pub mod build;
pub mod coverage;
pub mod coverage_map;
pub mod finish;
pub mod observe;
pub mod response;
pub mod schedule;

use crate::core::Outcome;
use crate::core::resolve::resolve;
use crate::model::validate::{validate_plan, validate_plan_for, validate_scenario};
use crate::model::{InputError, LoadedPlan, LoadedScenario, load};
use std::path::Path;

/// A validated scenario and plan, ready to run any number of times.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub scenario: LoadedScenario,
    pub plan: LoadedPlan,
}

/// Options of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    pub seed: u64,
    /// Distributions take their medians.
    pub nominal: bool,
    /// Check conservation of people at every tick (tests), not only at each sample.
    pub check_every_tick: bool,
}

/// Why a run failed after its inputs were valid: an engine defect.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("internal error resolving the inputs: {0}")]
    Resolve(String),
    #[error("internal error building the schedule: {0}")]
    Schedule(String),
}

/// Load a scenario and a plan and check each, and the plan against the scenario; every
/// problem is listed.
pub fn load_inputs(scenario: &Path, plan: &Path) -> Result<Inputs, InputError> {
    let (s, p) = (load::load_scenario(scenario), load::load_plan(plan));
    let mut problems = Vec::new();
    if let Err(e) = &s {
        problems.extend(e.problems.iter().cloned());
    }
    if let Err(e) = &p {
        problems.extend(e.problems.iter().cloned());
    }
    let (Ok(scenario), Ok(plan)) = (s, p) else { return Err(problems.into()) };
    problems.extend(validate_scenario(&scenario));
    problems.extend(validate_plan(&plan));
    if problems.is_empty() {
        problems.extend(validate_plan_for(&plan, &scenario));
    }
    if problems.is_empty() { Ok(Inputs { scenario, plan }) } else { Err(problems.into()) }
}

/// Run once.
pub fn run(inputs: &Inputs, opts: &RunOptions) -> Result<Outcome, RunError> {
    let mut world = simulate(inputs, opts)?;
    Ok(finish::outcome(&mut world))
}

/// Run once and return the finished World (for tests that inspect the agents themselves).
pub fn simulate(inputs: &Inputs, opts: &RunOptions) -> Result<bevy_ecs::world::World, RunError> {
    let mut world = world(inputs, opts)?;
    let mut schedule = schedule::tick_schedule();
    if let Err(e) = schedule.initialize(&mut world) {
        return Err(RunError::Schedule(e.to_string(schedule.graph(), &world)));
    }
    while !world.resource::<crate::core::Clock>().finished() {
        schedule.run(&mut world);
    }
    Ok(world)
}

/// The World of a run at its start, before any tick.
pub fn world(inputs: &Inputs, opts: &RunOptions) -> Result<bevy_ecs::world::World, RunError> {
    let setting =
        resolve(&inputs.scenario, &inputs.plan, opts.seed, opts.nominal).map_err(RunError::Resolve)?;
    let typhoon = inputs.scenario.scenario.hazards.typhoon.clone();
    let flood = inputs.scenario.scenario.hazards.flood_model.as_ref();
    let forest = inputs.scenario.scenario.hazards.forest_fire.as_ref().zip(inputs.scenario.rasters.as_ref());
    let world =
        build::build_world(setting, &inputs.scenario.map, typhoon, flood, forest, opts.check_every_tick)
            .map_err(RunError::Resolve)?;
    Ok(world)
}
