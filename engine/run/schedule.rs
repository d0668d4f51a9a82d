//! The tick: seven stages chained in one fixed order, each a chain of verb-named systems.
//! This is the one place the whole order reads on one screen.

use crate::agents::{dikework, duty, grid, harm, household, reroute, ruin, service, supplies, team, travel};
use crate::command::{actions, calls, dispatch, incident, levels, roadworks};
use crate::core::{Stage, time::advance_clock};
use crate::drill::{contingency, decisions, injects};
use crate::hazards::{
    dikes, fire, forecast, power, river, slopes, stage_warning, storm, warning, water, wildfire,
};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings, SingleThreadedExecutor};

/// Build the schedule of one tick (single-threaded; ambiguities are errors).
pub fn tick_schedule() -> Schedule {
    let mut s = Schedule::default();
    s.set_executor(SingleThreadedExecutor::new());
    s.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..Default::default()
    });
    s.configure_sets(
        (
            Stage::Clock,
            Stage::Hazards,
            Stage::Detection,
            Stage::Injects,
            Stage::Command,
            Stage::Agents,
            Stage::Outcomes,
        )
            .chain(),
    );
    s.add_systems(advance_clock.in_set(Stage::Clock));
    add_hazards(&mut s);
    s.add_systems(
        (
            warning::issue_warnings,
            forecast::forecast_warnings,
            stage_warning::warn_of_floods,
            grid::patrol_grids,
            incident::report_incidents,
        )
            .chain()
            .in_set(Stage::Detection),
    );
    s.add_systems(
        (contingency::withhold_contingencies, injects::release_injects, decisions::carry_out_orders)
            .chain()
            .in_set(Stage::Injects),
    );
    s.add_systems(
        (
            levels::raise_levels,
            actions::execute_modules,
            dispatch::dispatch_teams,
            calls::dispatch_calls,
            roadworks::dispatch_road_clearing,
            supplies::resupply_shelters,
        )
            .chain()
            .in_set(Stage::Command),
    );
    s.add_systems(
        (
            duty::end_rest,
            team::take_tasks,
            reroute::reroute_teams,
            team::move_teams,
            service::finish_calls,
            team::apply_water,
            fire::control_fires,
            team::release_teams,
            team::clear_roads,
            dikework::reinforce_dikes,
            household::hear_orders,
            travel::travel_households,
            supplies::consume_supplies,
        )
            .chain()
            .in_set(Stage::Agents),
    );
    s.add_systems(
        (
            harm::harm_households,
            ruin::crush_households,
            ruin::burn_households,
            harm::call_for_rescue,
            super::observe::record_series,
            super::activity::record_activity,
            crate::command::cards::judge_cards,
            super::observe::check_supplies,
            super::observe::check_teams,
        )
            .chain()
            .in_set(Stage::Outcomes),
    );
    s
}

/// The hazards stage's systems, in order.
fn add_hazards(s: &mut Schedule) {
    s.add_systems(
        (
            water::fall_rain,
            storm::blow_storm,
            storm::fell_trees,
            storm::damage_houses,
            power::spark_power_faults,
            river::route_rivers,
            water::flood_from_stages,
            dikes::fill_polders,
            slopes::move_slopes,
            water::close_flooded_links,
            fire::ignite_fires,
            wildfire::spread::spread_wildfire,
            fire::grow_fires,
        )
            .chain()
            .in_set(Stage::Hazards),
    );
}

/// The clock and hazards stages alone (for benchmarks of the hazards stage).
pub fn hazards_schedule() -> Schedule {
    let mut s = Schedule::default();
    s.set_executor(SingleThreadedExecutor::new());
    s.configure_sets((Stage::Clock, Stage::Hazards).chain());
    s.add_systems(advance_clock.in_set(Stage::Clock));
    add_hazards(&mut s);
    s
}
