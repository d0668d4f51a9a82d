//! Teams on the road when a road closes: each keeps the way it was sent (its leg); when the
//! closures change, a team whose way ahead is now shut finishes the road it is on and takes
//! the fastest open way from there — or, if none is left, turns back and its call goes back
//! in the queue.

use super::team::{Team, TeamState};
use crate::command::Incident;
use crate::command::orders::TaskKind;
use crate::core::setting::Setting;
use crate::core::{ArcId, Clock, EventKind, NodeId, SimTime, Timeline};
use crate::roads::{Mode, RoadAccess, arc_time};
use bevy_ecs::prelude::*;

/// The way a team was sent: when it left (after turnout), the arcs, how it travels.
#[derive(Component, Debug, Clone)]
pub struct Leg {
    pub depart_s: f64,
    pub arcs: Vec<ArcId>,
    pub mode: Mode,
    pub speed_factor: f64,
}

impl Default for Leg {
    fn default() -> Leg {
        Leg { depart_s: 0.0, arcs: Vec::new(), mode: Mode::Emergency, speed_factor: 1.0 }
    }
}

/// Agents stage (after tasks are taken, before arrivals): when the closures have changed since
/// the last look, every team en route checks the arcs still ahead of the one it is on.
pub fn reroute_teams(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut roads: RoadAccess,
    mut seen: Local<u64>,
    mut teams: Query<(&Team, &mut TeamState, &mut Leg)>,
    mut incidents: Query<&mut Incident>,
    mut timeline: ResMut<Timeline>,
) {
    if roads.closures.epoch == *seen {
        return;
    }
    *seen = roads.closures.epoch;
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, ..)| t.0);
    for (team, mut state, mut leg) in list {
        let TeamState::EnRoute { task, to, arrive } = *state else { continue };
        if arrive <= clock.now || leg.arcs.is_empty() {
            continue;
        }
        // Where the team will be when it finishes the arc it is on (its start, before it
        // leaves), and the arcs after that.
        let (mut t, mut k) = (leg.depart_s, 0);
        if t <= clock.now.secs() {
            while k < leg.arcs.len() {
                t += arc_time(&roads.g, &roads.closures, leg.arcs[k], leg.mode) / leg.speed_factor.max(0.1);
                k += 1;
                if t > clock.now.secs() {
                    break;
                }
            }
        }
        let ahead = &leg.arcs[k..];
        if ahead.iter().all(|a| roads.closures.passable(roads.g.arcs[a.ix()].link, leg.mode)) {
            continue;
        }
        let at: NodeId =
            if k == 0 { roads.g.arcs[leg.arcs[0].ix()].from } else { roads.g.arcs[leg.arcs[k - 1].ix()].to };
        let ts = &s.teams[team.0.ix()];
        let (mode, speed) = (leg.mode, leg.speed_factor);
        match roads.travel_s(at, to, speed, mode) {
            Some(drive) => {
                let new = SimTime(t.ceil() as i64).plus_s(drive);
                let arcs = roads.path(at, to, mode).unwrap_or_default();
                *leg = Leg { depart_s: t, arcs, mode, speed_factor: speed };
                *state = TeamState::EnRoute { task, to, arrive: new };
                let text = format!(
                    "{} re-routed round a closed road: arrives {} instead of {}",
                    ts.name,
                    clock.label(new),
                    clock.label(arrive)
                );
                timeline.push(clock.now, EventKind::Road, ts.id.clone(), "", text);
            }
            None => {
                let back = roads.travel_s(at, ts.node, speed, Mode::Emergency).unwrap_or(0.0);
                *state = TeamState::Returning { arrive: SimTime(t.ceil() as i64).plus_s(back) };
                if let TaskKind::Call(i) = task
                    && let Some(mut inc) = incidents.iter_mut().find(|x| x.idx == i)
                {
                    let desk = crate::command::picture::desk_of(&s, team.0);
                    inc.sent_by.retain(|d| *d != desk);
                    if inc.sent_by.is_empty() {
                        inc.t_dispatch = None;
                    }
                }
                let text = format!("{} cut off on the way: no open road left, turns back", ts.name);
                timeline.push(clock.now, EventKind::Road, ts.id.clone(), "", text);
            }
        }
    }
}
