//! Calls for help that need one team on scene for a while: the scenario's Poisson streams and
//! the rescue requests of households trapped by water. The command queues them by priority,
//! first come first served, and sends the nearest free team with the skill (and a boat where
//! the water is deep); a call waits while none is free, and one that is not life-or-death
//! (priority above 1) does not take a fire-capable team out of the plan's firefighting reserve.

use super::conflicts::Standby;
use super::incident::{Incident, NextIncident};
use super::orders::{County, Task, TaskKind, TeamTasks};
use super::picture::{Desk, Picture, at_desk};
use crate::agents::team::{FreeSince, Team, TeamState};
use crate::core::setting::{CallStreamS, Setting};
use crate::core::{Clock, EventKind, HouseholdId, IncidentId, Process, SimTime, TeamId, Timeline, stream};
use crate::model::{Skill, TeamKind};
use crate::roads::{Mode, RoadAccess};
use bevy_ecs::prelude::*;
use rand::RngExt;

/// A call: what it needs and for how long, and who is waiting (for a rescue).
#[derive(Component, Debug, Clone)]
pub struct Call {
    pub idx: IncidentId,
    /// What it is, for the record.
    pub what: String,
    pub skill: Skill,
    /// It needs a boat (water too deep to wade).
    pub boat: bool,
    /// 1 (life) to 5; lower first.
    pub priority: u8,
    /// Time on scene, s.
    pub service_s: f64,
    /// The households to take out (a rescue request), empty otherwise, and their people.
    pub households: Vec<HouseholdId>,
    pub people: u32,
    /// From a scenario stream (by index), or a rescue request.
    pub stream: Option<usize>,
}

/// A boat's round trip from dry ground to a flooded house and back with a load, min (a named
/// assumption, not a sourced figure: a few hundred metres of slow water each way, loading the
/// old and the young).
pub const BOAT_TRIP_MIN: f64 = 20.0;
/// From a household's call for rescue (110/119) to the alarm at the command, s.
pub const RESCUE_REPORT_S: f64 = 60.0;

impl Call {
    /// A rescue request: households trapped at home by deep water, priority 1, a boat crew.
    pub fn rescue(idx: IncidentId, households: Vec<HouseholdId>, people: u32) -> Call {
        Call {
            idx,
            what: format!("rescue of {} households ({people} people) by boat", households.len()),
            skill: Skill::WaterRescue,
            boat: true,
            priority: 1,
            service_s: 0.0,
            households,
            people,
            stream: None,
        }
    }

    /// The hazard a call belongs to: a rescue from the water is the flood's; a call from a
    /// scenario stream is tied to none.
    pub fn hazard(&self) -> Option<crate::model::HazardKind> {
        (!self.households.is_empty()).then_some(crate::model::HazardKind::Flood)
    }

    /// Time on scene for a team, s: a rescue takes as many boat round trips as its people
    /// need at the team's boat places; other calls their drawn time.
    pub fn service_for(&self, t: &crate::core::setting::TeamS) -> f64 {
        if self.households.is_empty() {
            return self.service_s;
        }
        let trips = self.people.div_ceil(t.boat_seats.max(1));
        f64::from(trips) * BOAT_TRIP_MIN * 60.0
    }
}

/// The calls of every stream, drawn as a Poisson process over its window (exponential gaps
/// from the stream's own RNG stream); each gets the next incident id.
pub fn spawn_calls(w: &mut World, s: &Setting) {
    for (k, cs) in s.hazards.calls.iter().enumerate() {
        for (t, zone, service_s, report_s) in draw_calls(s.seed, k, cs, s.nominal) {
            let idx = w.resource_mut::<NextIncident>().take();
            let z = &s.zones[zone];
            let mut inc = Incident::at(idx, crate::core::ZoneId(zone as u32), z.node, t);
            inc.t_detect = Some(t);
            inc.t_report = Some(t.plus_s(report_s));
            let call = Call {
                idx,
                what: cs.what.clone(),
                skill: cs.skill,
                boat: false,
                priority: cs.priority,
                service_s,
                households: Vec::new(),
                people: 0,
                stream: Some(k),
            };
            w.spawn((inc, call));
        }
    }
}

/// One stream's calls: time, zone index, service time (s) and report delay (s).
fn draw_calls(seed: u64, k: usize, cs: &CallStreamS, nominal: bool) -> Vec<(SimTime, usize, f64, f64)> {
    let mut rng = stream(seed, Process::Calls, k as u32);
    let mut out = Vec::new();
    if cs.rate_per_h <= 0.0 || cs.zones.is_empty() {
        return out;
    }
    let mut t = cs.from.secs();
    loop {
        let u: f64 = rng.random();
        t += -(1.0 - u).ln() * 3600.0 / cs.rate_per_h;
        if t > cs.to.secs() {
            return out;
        }
        let zone = cs.zones[rng.random_range(0..cs.zones.len())].ix();
        let service_s = cs.service_min.value(&mut rng, nominal).max(0.0) * 60.0;
        let report_s = cs.report_delay_s.value(&mut rng, nominal).max(0.0);
        out.push((SimTime(t.ceil() as i64), zone, service_s, report_s));
    }
}

/// Command stage (after the fires): reported calls not yet answered, in priority order and
/// then by when they came in, each get the nearest free team with the skill (a boat if
/// needed; the county's teams once they are available). The task starts when the call came
/// in or the team came free, whichever is later — the queue is served in continuous time.
pub fn dispatch_calls(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut roads: RoadAccess,
    mut calls: Query<(&mut Incident, &Call)>,
    teams: Query<(&Team, &TeamState, &FreeSince)>,
    picture: Res<Picture>,
    mut standby: ResMut<Standby>,
    mut tasks: ResMut<TeamTasks>,
    county: Res<County>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    let open_desks = |i: &Incident| -> Vec<Desk> {
        if !i.reported || i.t_arrive.is_some() {
            return Vec::new();
        }
        picture.desks(i.idx, now).into_iter().filter(|d| !i.sent_by.contains(d)).collect()
    };
    if !calls.iter().any(|(i, _)| !open_desks(i).is_empty()) {
        return;
    }
    let mut free: Vec<(TeamId, crate::core::NodeId, SimTime)> = teams
        .iter()
        .filter_map(|(t, st, since)| match st {
            TeamState::Idle { node } if !tasks.0.iter().any(|k| k.team == t.0) => Some((t.0, *node, since.0)),
            _ => None,
        })
        .collect();
    free.sort_by_key(|f| f.0);
    let mut queue: Vec<_> = calls.iter_mut().filter(|(i, _)| !open_desks(i).is_empty()).collect();
    queue.sort_by_key(|(i, c)| (c.priority, i.t_report, i.idx));
    for (mut inc, call) in queue {
        for desk in open_desks(&inc) {
            if free.is_empty() {
                return;
            }
            let mut bar = (&mut *standby, &mut *timeline);
            let Some(team) = pick(&s, &clock, desk, (&inc, call), &mut free, &county, &mut roads, &mut bar)
            else {
                continue;
            };
            standby.take(&s, (team.0, inc.idx, call.hazard()), now, &mut timeline);
            send(&s, &clock, (&mut inc, call), desk, team, &mut tasks, &mut timeline);
        }
    }
}

/// The nearest free team at the desk with the call's skill (a boat where needed; county teams
/// once available), taken off the free list: among equals the one free longest, then by index.
/// A call that is not life-or-death leaves the plan's firefighting reserve at its station: no
/// fire-capable team goes while no more than the reserve are free.
fn pick(
    s: &Setting,
    clock: &Clock,
    desk: Desk,
    (inc, call): (&Incident, &Call),
    free: &mut Vec<(TeamId, crate::core::NodeId, SimTime)>,
    county: &County,
    roads: &mut RoadAccess,
    (standby, timeline): &mut (&mut Standby, &mut Timeline),
) -> Option<(TeamId, SimTime)> {
    let capable = |t: TeamId| {
        let ts = &s.teams[t.ix()];
        at_desk(desk, ts.agency)
            && ts.can(call.skill)
            && (!call.boat || ts.boats > 0)
            && (ts.kind != TeamKind::CountyFire || county.available(clock.now))
    };
    let fire_team = |t: TeamId| s.teams[t.ix()].agency.is_some() && s.teams[t.ix()].can(Skill::Fire);
    let fire_free = free.iter().filter(|f| fire_team(f.0)).count();
    let keep = call.priority > 1 && fire_free <= s.plan.reserve_teams as usize;
    let best = free
        .iter()
        .enumerate()
        .filter(|(_, f)| capable(f.0) && !(keep && fire_team(f.0)))
        .filter(|(_, f)| standby.may_take(s, (f.0, inc.idx, call.hazard()), clock.now, timeline))
        .filter_map(|(k, f)| {
            let ts = &s.teams[f.0.ix()];
            let mode = if call.boat { Mode::Boat } else { Mode::Emergency };
            let d = roads.travel_s(f.1, inc.node, ts.speed_factor, mode)?;
            Some((k, d, f.2))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    let (k, ..) = best?;
    let (team, _, since) = free.remove(k);
    Some((team, since))
}

/// Task a team to a call from a desk and record it; a second desk's answer is a duplicate.
fn send(
    s: &Setting,
    clock: &Clock,
    (inc, call): (&mut Incident, &Call),
    desk: Desk,
    (team, since): (TeamId, SimTime),
    tasks: &mut TeamTasks,
    timeline: &mut Timeline,
) {
    let reported = inc.t_report.unwrap_or(clock.now);
    // Without a joint command post the task goes through the team's own agency's channel.
    let ts = &s.teams[team.ix()];
    let delay = match desk {
        Desk::Agency(a) => s.plan.agencies[a].channel_delay_s,
        Desk::Joint => 0.0,
    };
    let at = reported.max(since).plus_s(delay);
    tasks.0.push(Task { team, kind: TaskKind::Call(inc.idx), t: at });
    let dup = !inc.sent_by.is_empty();
    inc.sent_by.push(desk);
    inc.duplicates += u32::from(dup);
    inc.t_dispatch = Some(inc.t_dispatch.map_or(at, |t| t.min(at)));
    inc.last_dispatch = Some(at);
    let wait = at.0 - reported.0;
    let queued = if wait > 0 { format!(" after {} min in the queue", wait / 60) } else { String::new() };
    let also = if dup { " (another agency has already sent a unit)" } else { "" };
    timeline.push(
        at,
        EventKind::Dispatch,
        ts.id.clone(),
        s.zones[inc.zone.ix()].id.clone(),
        format!("{} sent to call {} ({}){queued}{also}", ts.name, inc.idx.0, call.what),
    );
}
