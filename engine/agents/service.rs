//! Teams answering calls: when the time on scene is up the call is closed (a rescue takes its
//! households to the nearest shelter with room) and the team drives home.

use super::team::{Team, TeamState};
use crate::command::Incident;
use crate::command::calls::Call;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Timeline};
use crate::roads::{Closures, RoadGraph, Router};
use bevy_ecs::prelude::*;

/// Agents stage (after arrivals): teams whose time on scene is up close their call and head
/// home; the call's control time is when they finished.
pub fn finish_calls(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    closures: Res<Closures>,
    mut router: ResMut<Router>,
    mut teams: Query<(&Team, &mut TeamState)>,
    mut calls: Query<(&mut Incident, &Call)>,
    mut timeline: ResMut<Timeline>,
) {
    let done = |st: &TeamState| matches!(st, TeamState::Serving { until, .. } if *until <= clock.now);
    if !teams.iter().any(|(_, st)| done(st)) {
        return;
    }
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, _)| t.0);
    for (team, mut state) in list {
        let TeamState::Serving { incident, until } = *state else { continue };
        if until > clock.now {
            continue;
        }
        let ts = &s.teams[team.0.ix()];
        let Some((mut inc, call)) = calls.iter_mut().find(|(i, _)| i.idx == incident) else { continue };
        inc.t_control = Some(until);
        let drive = router.drive_s(&g, &closures, inc.node, ts.node, ts.speed_factor).unwrap_or(0.0);
        *state = TeamState::Returning { arrive: until.plus_s(drive) };
        let text = format!("{} done with call {} ({})", ts.name, incident.0, call.what);
        timeline.push(until, EventKind::Control, ts.id.clone(), s.zones[inc.zone.ix()].id.clone(), text);
    }
}
