//! Grid workers on patrol (巡查): while any warning is in force they walk their grids' risk
//! points, one round every `behaviour.patrol_round_min`, so a fire in a zone with grid workers
//! is found within a round — its detection is the sooner of the patrol's and its own — and
//! reported through the same alarm delay.

use crate::command::Incident;
use crate::core::setting::Setting;
use crate::core::{Clock, Process, stream};
use crate::hazards::{Fire, FirePhase, HazardState};
use bevy_ecs::prelude::*;
use rand::RngExt;

/// Detection stage (before reports): each fire that ignited this tick, in a zone with grid
/// workers and while a warning is in force, is passed by the patrol a uniform share of a round
/// after ignition; if that is sooner than it would otherwise be noticed, the patrol finds it.
pub fn patrol_grids(
    s: Res<Setting>,
    clock: Res<Clock>,
    hazard: Res<HazardState>,
    mut fires: Query<(&Fire, &mut Incident)>,
) {
    if hazard.warnings.is_empty() || s.behaviour.patrol_round_s <= 0.0 {
        return;
    }
    for (fire, mut inc) in &mut fires {
        let just_lit =
            fire.phase != FirePhase::Dormant && inc.t_start > clock.tick_start() && inc.t_start <= clock.now;
        if !just_lit || fire.raster || s.zones[inc.zone.ix()].grid_workers == 0 {
            continue;
        }
        let (Some(detect), Some(report)) = (inc.t_detect, inc.t_report) else { continue };
        let u: f64 = stream(s.seed, Process::Patrol, inc.idx.0).random();
        let found = inc.t_start.plus_s(u * s.behaviour.patrol_round_s);
        if found < detect {
            inc.t_detect = Some(found);
            inc.t_report = Some(found.plus_s((report.0 - detect.0) as f64));
            inc.found_on_patrol = true;
        }
    }
}
