//! Teams: take tasks, turn out and drive to the scene, apply water, return. State machine
//! idle → en route → working → returning → idle (or resting, after a long shift); idle teams
//! cost nothing.

use super::duty::Duty;
use super::reroute::Leg;
use crate::command::incident::Incident;
use crate::command::orders::{TaskKind, TeamTasks};
use crate::core::setting::{Setting, TeamS};
use crate::core::{Clock, EventKind, IncidentId, NodeId, Process, SimTime, TeamId, Timeline, stream};
use crate::hazards::fire::{Fire, FirePhase, HANDLINE_LPM};
use crate::model::{FacilityKind, FireKind, HazardKind, Skill, TeamKind};
use crate::roads::{Closures, Mode, RoadGraph, Router};
use bevy_ecs::prelude::*;
use rand::RngExt;

/// A team's stable index into the setting's team table.
#[derive(Component, Debug, Clone, Copy)]
pub struct Team(pub TeamId);

/// What a team is doing.
#[derive(Component, Debug, Clone, PartialEq)]
pub enum TeamState {
    /// Available at a node (home, or where it was pre-positioned).
    Idle { node: NodeId },
    /// Turning out and driving to a task.
    EnRoute { task: TaskKind, to: NodeId, arrive: SimTime },
    /// On scene at an incident, with the water left in its tanks.
    Working { incident: IncidentId, tier: u8, water_l: f64 },
    /// Clearing a cut road link until a time.
    Clearing { link: usize, until: SimTime },
    /// Driving home.
    Returning { arrive: SimTime },
    /// On scene answering a call until a time.
    Serving { incident: IncidentId, until: SimTime },
    /// Resting at its station after a long shift (the duty system) until a time.
    Resting { until: SimTime },
    /// Laying sandbags on dikes (an order of the dike works) until a time.
    Reinforcing { order: usize, since: SimTime, until: SimTime },
    /// Out of service (an inject took it away).
    Unavailable,
}

/// When a team last came free (back at its station or standing by): a call waiting in the
/// queue is taken from then, not from the end of the tick.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct FreeSince(pub SimTime);

/// Dispatches so far per team (each draws its turnout from its own place in the team's stream).
#[derive(Component, Debug, Default)]
pub struct Turnouts(pub u32);

/// Water a team can put on a fire of `kind`, L/min: one handline per crew of three on duty, at
/// most two per engine (one portable line without an engine). Building fires need the `fire`
/// skill, wildland fires the `forest_fire` skill.
pub fn flow_lpm(t: &TeamS, kind: FireKind) -> f64 {
    let skill = if kind.hazard() == HazardKind::ForestFire { Skill::ForestFire } else { Skill::Fire };
    if !t.can(skill) {
        return 0.0;
    }
    let crews = (t.on_duty / 3).max(u32::from(t.on_duty >= 2));
    crews.min((2 * t.engines).max(1)) as f64 * HANDLINE_LPM
}

/// What the fire water sources within 1 km (straight line) of a node can deliver, L/min
/// (their rated flows; 0 when none is near).
fn water_sources_near_lpm(s: &Setting, node: NodeId) -> f64 {
    let (x, y) = s.nodes[node.ix()];
    s.facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::WaterSource)
        .filter(|f| {
            let (fx, fy) = s.nodes[f.node.ix()];
            (fx - x).hypot(fy - y) <= 1000.0
        })
        .map(|f| f.flow_lps * 60.0)
        .sum()
}

/// Agents stage: tasks whose time has come start a turnout and a drive.
pub fn take_tasks(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    closures: Res<Closures>,
    mut router: ResMut<Router>,
    mut tasks: ResMut<TeamTasks>,
    mut teams: Query<(&Team, &mut TeamState, &mut Turnouts, &mut Duty, &mut Leg)>,
    incidents: Query<&Incident>,
    calls: Query<&crate::command::calls::Call>,
    mut timeline: ResMut<Timeline>,
) {
    if !tasks.0.iter().any(|t| t.t <= clock.now) {
        return;
    }
    let due: Vec<_> = tasks.0.iter().filter(|t| t.t <= clock.now).copied().collect();
    tasks.0.retain(|t| t.t > clock.now);
    let mut by_team: Vec<_> = teams.iter_mut().collect();
    by_team.sort_by_key(|(t, ..)| t.0);
    for task in due {
        let Some((_, state, turnouts, duty, leg)) = by_team.get_mut(task.team.ix()) else { continue };
        let TeamState::Idle { node } = **state else { continue };
        let ts = &s.teams[task.team.ix()];
        let to = match task.kind {
            TaskKind::Incident(i, _) | TaskKind::Call(i) => match incidents.iter().find(|x| x.idx == i) {
                Some(inc) => inc.node,
                None => continue,
            },
            // Told to stand by where it already stands by: nothing to do.
            TaskKind::PrePosition(f) if s.facilities[f.ix()].node == node => continue,
            TaskKind::PrePosition(f) | TaskKind::Reinforce(f, _) => s.facilities[f.ix()].node,
            TaskKind::ClearRoad(link) => {
                // The nearer end of the cut link that the team can reach.
                let a = &g.arcs[g.link_arcs[link][0].ix()];
                let mut reach =
                    |end| router.drive_s(&g, &closures, node, end, ts.speed_factor).map(|d| (d, end));
                match [reach(a.from), reach(a.to)].into_iter().flatten().min_by(|x, y| x.0.total_cmp(&y.0)) {
                    Some((_, end)) => end,
                    None => continue,
                }
            }
        };
        let mut rng = stream(s.seed, Process::Team, task.team.0);
        rng.set_word_pos(u128::from(turnouts.0) * 16);
        turnouts.0 += 1;
        // A team standing by (away from its station) where the task is, is assembled already.
        let standing_there = to == node && node != ts.node;
        let turnout = if standing_there { 0.0 } else { ts.turnout_s.value(&mut rng, s.nominal).max(0.0) };
        let boat = matches!(task.kind, TaskKind::Call(i) if calls.iter().any(|c| c.idx == i && c.boat));
        let mode = if boat { Mode::Boat } else { Mode::Emergency };
        let Some(drive) = router.travel_s(&g, &closures, node, to, ts.speed_factor, mode) else {
            timeline.push(
                task.t,
                EventKind::Dispatch,
                ts.id.clone(),
                "",
                "no open road to the task: stays where it is",
            );
            continue;
        };
        **state = TeamState::EnRoute { task: task.kind, to, arrive: task.t.plus_s(turnout + drive) };
        duty.leave(task.t);
        let arcs = router.tree(&g, &closures, node, mode).path(to).unwrap_or_default();
        **leg = Leg { depart_s: task.t.secs() + turnout, arcs, mode, speed_factor: ts.speed_factor };
    }
}

/// Agents stage: teams reaching their task start work (or stand by); arrivals are recorded on
/// the incident per 135 tier.
pub fn move_teams(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    mut teams: Query<(&Team, &mut TeamState, &Turnouts, &mut FreeSince, &mut Duty, &Leg)>,
    mut incidents: Query<&mut Incident>,
    calls: Query<&crate::command::calls::Call>,
    works: Res<super::dikework::DikeWorks>,
    mut timeline: ResMut<Timeline>,
) {
    let due = |st: &TeamState| match st {
        TeamState::EnRoute { arrive, .. } | TeamState::Returning { arrive } => *arrive <= clock.now,
        _ => false,
    };
    if !teams.iter().any(|(_, st, ..)| due(st)) {
        return;
    }
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, ..)| t.0);
    for (team, mut state, turnouts, mut free, mut duty, leg) in list {
        let ts = &s.teams[team.0.ix()];
        match *state {
            TeamState::EnRoute { task, to, arrive } if arrive <= clock.now => match task {
                TaskKind::Incident(i, tier) => {
                    *state = TeamState::Working { incident: i, tier, water_l: ts.tank_l };
                    if let Some(mut inc) = incidents.iter_mut().find(|x| x.idx == i) {
                        inc.record_arrival(arrive, tier, ts.kind == TeamKind::CountyFire);
                        let after = inc.t_report.map_or(String::new(), |r| {
                            let d = arrive.0 - r.0;
                            format!(", {}:{:02} after the alarm", d / 60, d % 60)
                        });
                        let tier_txt = if tier > 0 { format!(" (135 tier {tier})") } else { String::new() };
                        let place = s.zones[inc.zone.ix()].id.clone();
                        timeline.push(
                            arrive,
                            EventKind::Arrival,
                            ts.id.clone(),
                            place,
                            format!("{} on scene{tier_txt}{after}", ts.name),
                        );
                    }
                }
                TaskKind::ClearRoad(link) => {
                    let mut rng = stream(s.seed, Process::Team, team.0.0);
                    rng.set_word_pos(u128::from(turnouts.0) * 16 + 8);
                    let minutes = rng.random_range(CLEARING_MIN.0..=CLEARING_MIN.1);
                    *state = TeamState::Clearing { link, until: arrive.plus_s(60.0 * minutes) };
                    let text = format!("{} at the cut, clearing for about {minutes:.0} min", ts.name);
                    timeline.push(arrive, EventKind::Arrival, ts.id.clone(), g.link_ids[link].clone(), text);
                }
                TaskKind::Call(i) => {
                    let answered = incidents.iter().find(|x| x.idx == i).and_then(|x| x.t_arrive);
                    if let Some(first) = answered.filter(|t| *t <= arrive) {
                        // Sent by a second agency that did not know another had answered: the
                        // caller is already helped, so the team drives back as it came.
                        let back = (arrive.secs() - leg.depart_s).max(0.0);
                        *state = TeamState::Returning { arrive: arrive.plus_s(back) };
                        let text = format!(
                            "{} reaches call {} already answered at {}: a duplicate, drives back",
                            ts.name,
                            i.0,
                            clock.label(first)
                        );
                        timeline.push(arrive, EventKind::Arrival, ts.id.clone(), "", text);
                        continue;
                    }
                    let service_s = calls.iter().find(|c| c.idx == i).map_or(0.0, |c| c.service_for(ts));
                    *state = TeamState::Serving { incident: i, until: arrive.plus_s(service_s) };
                    if let Some(mut inc) = incidents.iter_mut().find(|x| x.idx == i) {
                        inc.record_arrival(arrive, 0, ts.kind == TeamKind::CountyFire);
                        let text = format!("{} on scene for call {}", ts.name, i.0);
                        timeline.push(
                            arrive,
                            EventKind::Arrival,
                            ts.id.clone(),
                            s.zones[inc.zone.ix()].id.clone(),
                            text,
                        );
                    }
                }
                TaskKind::Reinforce(f, order) => {
                    let work_s = works.work_s(order, ts.on_duty);
                    *state = TeamState::Reinforcing { order, since: arrive, until: arrive.plus_s(work_s) };
                    let text = format!(
                        "{} at the dikes with sandbags from {}: {:.1} h of work",
                        ts.name,
                        s.facilities[f.ix()].id,
                        work_s / 3600.0
                    );
                    timeline.push(
                        arrive,
                        EventKind::Arrival,
                        ts.id.clone(),
                        s.facilities[f.ix()].id.clone(),
                        text,
                    );
                }
                TaskKind::PrePosition(f) => {
                    *state = TeamState::Idle { node: to };
                    free.0 = arrive;
                    timeline.push(
                        arrive,
                        EventKind::Arrival,
                        ts.id.clone(),
                        s.facilities[f.ix()].id.clone(),
                        format!("{} standing by", ts.name),
                    );
                }
            },
            TeamState::Returning { arrive } if arrive <= clock.now => {
                let station = s.facilities[ts.station.ix()].id.clone();
                let relief = ts.members >= 2 * ts.on_duty;
                if let Some(rest_s) = duty.back(arrive, s.plan.shift_limit_s, s.plan.rest_per_work, relief) {
                    *state = TeamState::Resting { until: arrive.plus_s(rest_s) };
                    let text = format!(
                        "{} back at station after a long shift: rests {:.0} h",
                        ts.name,
                        rest_s / 3600.0
                    );
                    timeline.push(arrive, EventKind::Return, ts.id.clone(), station, text);
                } else {
                    *state = TeamState::Idle { node: ts.node };
                    free.0 = arrive;
                    let text = format!("{} back at station", ts.name);
                    timeline.push(arrive, EventKind::Return, ts.id.clone(), station, text);
                }
            }
            _ => {}
        }
    }
}

/// Agents stage: teams on scene put water on their fire, while their tanks or a nearby water
/// source last.
pub fn apply_water(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut teams: Query<(&Team, &mut TeamState)>,
    mut fires: Query<&mut Fire>,
) {
    let working = teams.iter().any(|(_, st)| matches!(st, TeamState::Working { .. }));
    if !working && fires.iter().all(|f| f.applied_lpm == 0.0) {
        return;
    }
    // Indexed by incident id (calls take ids too, so not every id is a fire).
    let n = fires.iter().map(|f| f.idx.ix() + 1).max().unwrap_or(0);
    let mut spec: Vec<(FireKind, NodeId)> = vec![(FireKind::Dwelling, NodeId(0)); n];
    for f in &fires {
        spec[f.idx.ix()] = (f.spec.kind, f.spec.node);
    }
    let mut applied = vec![0.0; spec.len()];
    // Water sources near each fire, shared by the crews there in team order; a crew the
    // sources cannot feed runs on its tank.
    let mut source_left: Vec<f64> = spec.iter().map(|&(_, node)| water_sources_near_lpm(&s, node)).collect();
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, _)| t.0);
    for (team, mut state) in list {
        if let TeamState::Working { incident, water_l, .. } = &mut *state {
            let kind = spec[incident.ix()].0;
            let f = flow_lpm(&s.teams[team.0.ix()], kind);
            let use_l = f * clock.tick_s as f64 / 60.0;
            if source_left[incident.ix()] >= f {
                source_left[incident.ix()] -= f;
                applied[incident.ix()] += f;
            } else if *water_l >= use_l {
                *water_l -= use_l;
                applied[incident.ix()] += f;
            }
        }
    }
    for mut fire in &mut fires {
        fire.applied_lpm = applied[fire.idx.ix()];
    }
}

/// Time to clear a cut road on arrival, minutes (uniform): fallen trees with chainsaws and a
/// truck; debris slides take the long end.
pub const CLEARING_MIN: (f64, f64) = (30.0, 120.0);

/// Agents stage: teams that have cleared their road open it again and drive home.
pub fn clear_roads(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    mut closures: ResMut<Closures>,
    mut router: ResMut<Router>,
    mut teams: Query<(&Team, &mut TeamState)>,
    mut timeline: ResMut<Timeline>,
) {
    let done = |st: &TeamState| matches!(st, TeamState::Clearing { until, .. } if *until <= clock.now);
    if !teams.iter().any(|(_, st)| done(st)) {
        return;
    }
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, _)| t.0);
    for (team, mut state) in list {
        let TeamState::Clearing { link, until } = *state else { continue };
        if until > clock.now {
            continue;
        }
        closures.uncut(link);
        let ts = &s.teams[team.0.ix()];
        timeline.push(
            until,
            EventKind::Road,
            ts.id.clone(),
            g.link_ids[link].clone(),
            format!("cleared by {}: open again", ts.name),
        );
        let from = g.arcs[g.link_arcs[link][0].ix()].from;
        let drive = router.drive_s(&g, &closures, from, ts.node, ts.speed_factor).unwrap_or(0.0);
        *state = TeamState::Returning { arrive: until.plus_s(drive) };
    }
}

/// Agents stage: when their fire is out, teams drive home.
pub fn release_teams(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    closures: Res<Closures>,
    mut router: ResMut<Router>,
    mut teams: Query<(&Team, &mut TeamState)>,
    fires: Query<&Fire>,
) {
    if !fires.iter().any(|f| f.phase == FirePhase::Out) {
        return;
    }
    let out: Vec<(IncidentId, NodeId)> =
        fires.iter().filter(|f| f.phase == FirePhase::Out).map(|f| (f.idx, f.spec.node)).collect();
    let mut list: Vec<_> = teams.iter_mut().collect();
    list.sort_by_key(|(t, _)| t.0);
    for (team, mut state) in list {
        if let TeamState::Working { incident, .. } = *state
            && let Some(&(_, from)) = out.iter().find(|(i, _)| *i == incident)
        {
            let ts = &s.teams[team.0.ix()];
            let drive = router.drive_s(&g, &closures, from, ts.node, ts.speed_factor).unwrap_or(0.0);
            *state = TeamState::Returning { arrive: clock.now.plus_s(drive) };
        }
    }
}
