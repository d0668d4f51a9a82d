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
pub mod zones;

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
    load_inputs_with(scenario, plan, &[])
}

/// Every input file of a run: (role, file, sha256) — scenario and its overlays, rasters, plan.
pub fn input_hashes(inputs: &Inputs) -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    for f in &inputs.scenario.sources.files {
        files.push(("scenario".to_string(), f.rel.clone(), f.sha256.clone()));
    }
    for (rel, sha) in inputs.scenario.rasters.iter().flat_map(|r| &r.files) {
        files.push(("raster".to_string(), rel.clone(), sha.clone()));
    }
    for f in &inputs.plan.sources.files {
        files.push(("plan".to_string(), f.rel.clone(), f.sha256.clone()));
    }
    files
}

/// Run once.
pub fn run(inputs: &Inputs, opts: &RunOptions) -> Result<Outcome, RunError> {
    let mut world = simulate(inputs, opts)?;
    Ok(finish::outcome(&mut world))
}

/// Replay a recorded tabletop session: the recording's seed, its orders at their sim times, the
/// plan for the rest. Refused, with every reason, when it does not match the inputs or `seed`.
pub fn replay(
    inputs: &Inputs,
    rec: &crate::drill::recording::Recording,
    seed: Option<u64>,
) -> Result<Outcome, String> {
    let why = rec.mismatches(inputs, seed);
    if !why.is_empty() {
        return Err(why.join("\n"));
    }
    let opts = RunOptions { seed: rec.seed, nominal: rec.nominal, check_every_tick: false };
    let mut world = world(inputs, &opts).map_err(|e| e.to_string())?;
    let setting = world.resource::<crate::core::Setting>().clone();
    let orders = crate::drill::session::orders_of(rec, inputs, &setting)?;
    world.resource_mut::<crate::drill::PlayerOrders>().given = orders;
    let mut schedule = schedule::tick_schedule();
    if let Err(e) = schedule.initialize(&mut world) {
        return Err(RunError::Schedule(e.to_string(schedule.graph(), &world)).to_string());
    }
    while !world.resource::<crate::core::Clock>().finished() {
        schedule.run(&mut world);
    }
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

/// Load as [`load_inputs`] does, with `overrides` (`drill sweep --set PATH=VALUE`) applied to the
/// scenario and plan before they are validated, so an override that makes the inputs invalid is
/// reported like any bad input (at its `--set`). Documents no override names load exactly as
/// `load_inputs` loads them; the sources still describe the files read. See
/// [`crate::model::overrides`] for paths, values and how a `base` chain is treated.
pub fn load_inputs_with(
    scenario: &Path,
    plan: &Path,
    overrides: &[crate::model::overrides::Override],
) -> Result<Inputs, InputError> {
    use crate::model::overrides::{apply, attribute};
    let (s, p) = (load::load_scenario(scenario), load::load_plan(plan));
    let mut problems = Vec::new();
    if let Err(e) = &s {
        problems.extend(e.problems.iter().cloned());
    }
    if let Err(e) = &p {
        problems.extend(e.problems.iter().cloned());
    }
    let (Ok(mut ls), Ok(mut lp)) = (s, p) else { return Err(problems.into()) };
    let applied = apply(&mut ls, &mut lp, scenario, overrides)?;
    problems.extend(validate_scenario(&ls));
    problems.extend(validate_plan(&lp));
    if problems.is_empty() {
        problems.extend(validate_plan_for(&lp, &ls));
    }
    let problems = attribute(problems, &applied, &ls, &lp);
    if problems.is_empty() { Ok(Inputs { scenario: ls, plan: lp }) } else { Err(problems.into()) }
}
