//! Dispatch: reported fires get teams — the 135 tiers in built-up areas and industrial parks,
//! elsewhere the nearest capable available team — reinforcements while the applied flow falls
//! short of the needed fire flow, and the county brigade once requested.

use super::conflicts::Forces;
use super::incident::Incident;
use super::orders::{County, Task, TaskKind, TeamTasks};
use super::picture::{Desk, Picture, at_desk};
use crate::agents::team::{Team, TeamState, flow_lpm};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, NodeId, SimTime, TeamId, Timeline};
use crate::hazards::fire::{Fire, FirePhase};
use crate::model::{FireKind, StationKind, TeamKind};
use crate::roads::RoadAccess;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Least time between reinforcement decisions for one fire, s.
const REINFORCE_EVERY_S: i64 = 300;

/// A team the dispatcher may send, with its estimated drive.
struct Candidate {
    team: TeamId,
    drive_s: f64,
}

/// Command stage: send teams to reported fires — from the joint post, or, without one, from
/// each agency that knows of the fire, its own teams only.
pub fn dispatch_teams(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut roads: RoadAccess,
    mut incidents: Query<(&mut Incident, &Fire)>,
    mut teams: Query<(&Team, &mut TeamState)>,
    picture: Res<Picture>,
    mut forces: Forces,
    mut tasks: ResMut<TeamTasks>,
    mut county: ResMut<County>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    if !incidents.iter().any(|(i, f)| i.reported && f.phase == FirePhase::Growing) {
        return;
    }
    // A crew clearing a road stands at the cut: a candidate if the plan's priorities let a
    // fire take it off the road.
    let mut clearing: BTreeMap<TeamId, usize> = BTreeMap::new();
    let mut states: Vec<(TeamId, TeamState)> = teams
        .iter()
        .map(|(t, st)| match *st {
            TeamState::Clearing { link, .. } => {
                clearing.insert(t.0, link);
                (t.0, TeamState::Idle { node: roads.g.arcs[roads.g.link_arcs[link][0].ix()].from })
            }
            _ => (t.0, st.clone()),
        })
        .collect();
    states.sort_by_key(|(t, _)| *t);
    let mut busy: Vec<bool> = states
        .iter()
        .map(|(t, st)| !matches!(st, TeamState::Idle { .. }) || tasks.0.iter().any(|k| k.team == *t))
        .collect();
    let mut list: Vec<_> = incidents.iter_mut().collect();
    list.sort_by_key(|(i, _)| i.idx);
    for (mut inc, fire) in list {
        if !inc.reported || fire.phase != FirePhase::Growing {
            continue;
        }
        let kind = fire.spec.kind;
        let reinforce_due = inc.last_dispatch.is_some_and(|t| now.0 - t.0 >= REINFORCE_EVERY_S);
        let mut sent_any = false;
        for desk in picture.desks(inc.idx, now) {
            let mine = |t: TeamId| at_desk(desk, s.teams[t.ix()].agency);
            let on_it = |st: &TeamState| match st {
                TeamState::EnRoute { task: TaskKind::Incident(i, _), .. }
                | TeamState::Working { incident: i, .. } => *i == inc.idx,
                _ => false,
            };
            let committed: f64 = states
                .iter()
                .filter(|(t, st)| mine(*t) && on_it(st))
                .map(|(t, _)| flow_lpm(&s.teams[t.ix()], kind))
                .sum::<f64>()
                + tasks
                    .0
                    .iter()
                    .filter(|k| mine(k.team) && matches!(k.kind, TaskKind::Incident(i, _) if i == inc.idx))
                    .map(|k| flow_lpm(&s.teams[k.team.ix()], kind))
                    .sum::<f64>();
            let first = !inc.sent_by.contains(&desk);
            let reinforce = !first && committed < fire.needed_lpm() && reinforce_due;
            if !first && !reinforce {
                continue;
            }
            let cands: Vec<Candidate> =
                candidates(&s, now, &states, &busy, &county, (inc.node, kind), &mut roads)
                    .into_iter()
                    .filter(|c| mine(c.team))
                    .filter(|c| {
                        let who = (c.team, inc.idx, kind.hazard());
                        let sb = &mut forces.standby;
                        sb.may_take(&s, (c.team, inc.idx, Some(kind.hazard())), now, &mut timeline)
                            && clearing.get(&c.team).is_none_or(|&link| {
                                sb.may_divert(&s, who, &roads.g.link_ids[link], now, &mut timeline)
                            })
                    })
                    .collect();
            let mut send: Vec<(TeamId, u8)> = Vec::new();
            if first && s.plan.use_135 && inc.in_135_scope {
                send = tiers_135(&s, &cands, inc.zone);
            }
            let allowed = first || cands.len() > s.plan.reserve_teams as usize;
            if send.is_empty() && allowed && !cands.is_empty() {
                send.push((cands[0].team, 0));
            }
            let commands = matches!(desk, Desk::Joint | Desk::Agency(0));
            if send.is_empty() && commands && county.requested_at.is_none() {
                county.requested_at = Some(now);
                county.available_at = Some(now.plus_s(s.plan.county_delay_s));
                timeline.push(
                    now,
                    EventKind::Request,
                    "command",
                    "county",
                    "no team available: county reinforcement requested",
                );
            }
            if first && !send.is_empty() {
                // A second agency answering on its own what another already answered sends
                // units nobody asked for (the 135 tiers ask several agencies by design).
                if !(inc.sent_by.is_empty() || s.plan.use_135 && inc.in_135_scope) {
                    inc.duplicates += send.len() as u32;
                }
                inc.sent_by.push(desk);
            }
            for (team, tier) in send {
                busy[team.ix()] = true;
                sent_any = true;
                forces.standby.take(&s, (team, inc.idx, Some(kind.hazard())), now, &mut timeline);
                if let Some(link) = clearing.remove(&team) {
                    // Off the road: it stands at the cut, free for the task; the road waits.
                    let node = roads.g.arcs[roads.g.link_arcs[link][0].ix()].from;
                    if let Some((_, mut st)) = teams.iter_mut().find(|(t, _)| t.0 == team) {
                        *st = TeamState::Idle { node };
                    }
                    forces.works.assigned[link] = false;
                    let id = roads.g.link_ids[link].clone();
                    forces.standby.divert(&s, (team, inc.idx, kind.hazard()), &id, now, &mut timeline);
                }
                send_team(&s, &clock, &mut inc, fire, (team, tier), first, &mut tasks, &mut timeline);
            }
        }
        if sent_any {
            if inc.t_dispatch.is_none() {
                inc.t_dispatch = Some(inc.t_report.unwrap_or(now).max(clock.tick_start()));
            }
            inc.last_dispatch = Some(now);
        }
    }
}

/// Task one team to a fire through its channel (none from the joint post) and record it.
fn send_team(
    s: &Setting,
    clock: &Clock,
    inc: &mut Incident,
    fire: &Fire,
    (team, tier): (TeamId, u8),
    first: bool,
    tasks: &mut TeamTasks,
    timeline: &mut Timeline,
) {
    let now = clock.now;
    let ts = &s.teams[team.ix()];
    let delay = match (s.plan.integrated, ts.agency) {
        (false, Some(a)) => s.plan.agencies[a].channel_delay_s,
        _ => 0.0,
    };
    // The alarm is acted on when it arrives, not at the end of the tick.
    let decided = if first { inc.t_report.unwrap_or(now).max(clock.tick_start()) } else { now };
    let at = decided.plus_s(delay);
    tasks.0.push(Task { team, kind: TaskKind::Incident(inc.idx, tier), t: at });
    let via = if delay > 0.0 {
        format!(" via {}", s.plan.agencies[ts.agency.unwrap_or(0)].name)
    } else {
        String::new()
    };
    let tier_txt = if tier > 0 {
        format!(" as 135 tier {tier}")
    } else if first {
        String::new()
    } else {
        " as reinforcement".into()
    };
    let fid = &fire.spec.id;
    timeline.push(
        now,
        EventKind::Dispatch,
        ts.id.clone(),
        s.zones[inc.zone.ix()].id.clone(),
        format!("{} sent to fire {fid}{tier_txt}{via}", ts.name),
    );
}

/// Idle, plan-directed, fire-capable teams able to reach `to`, nearest first.
fn candidates(
    s: &Setting,
    now: SimTime,
    states: &[(TeamId, TeamState)],
    busy: &[bool],
    county: &County,
    (to, kind): (NodeId, FireKind),
    roads: &mut RoadAccess,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = states
        .iter()
        .filter_map(|(t, st)| {
            let ts = &s.teams[t.ix()];
            let TeamState::Idle { node } = st else { return None };
            if busy[t.ix()]
                || ts.agency.is_none()
                || flow_lpm(ts, kind) <= 0.0
                || (ts.kind == TeamKind::CountyFire && !county.available(now))
            {
                return None;
            }
            let drive_s = roads.router.drive_s(&roads.g, &roads.closures, *node, to, ts.speed_factor)?;
            Some(Candidate { team: *t, drive_s })
        })
        .collect();
    out.sort_by(|a, b| a.drive_s.total_cmp(&b.drive_s).then(a.team.cmp(&b.team)));
    out
}

/// The 135 tiers: tier 1 every micro station serving the zone on fire; tier 2 the nearest other
/// micro station (village micro stations, joint-defence force); tier 3 the nearest township
/// comprehensive rescue team.
fn tiers_135(s: &Setting, cands: &[Candidate], zone: crate::core::ZoneId) -> Vec<(TeamId, u8)> {
    let kind = |t: TeamId| s.teams[t.ix()].station_kind(&s.facilities);
    let serves = |t: TeamId| s.facilities[s.teams[t.ix()].station.ix()].serves.contains(&zone);
    let micro = |t: TeamId| matches!(kind(t), Some(StationKind::MicroUnit | StationKind::MicroVillage));
    let mut out: Vec<(TeamId, u8)> =
        cands.iter().filter(|c| micro(c.team) && serves(c.team)).map(|c| (c.team, 1)).collect();
    if let Some(c) = cands.iter().find(|c| micro(c.team) && !serves(c.team)) {
        out.push((c.team, 2));
    }
    if let Some(c) = cands.iter().find(|c| s.teams[c.team.ix()].kind == TeamKind::ComprehensiveRescue) {
        out.push((c.team, 3));
    }
    out
}
