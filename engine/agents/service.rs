//! Teams answering calls: when the time on scene is up the call is closed (a rescue lands its
//! households at the nearest shelter with room) and the team drives home.

use super::household::{Evac, Household, HouseholdIndex, Place};
use super::shelter::Shelters;
use super::team::{Team, TeamState};
use crate::command::Incident;
use crate::command::calls::Call;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Timeline};
use crate::roads::{Mode, RoadAccess};
use bevy_ecs::prelude::*;

/// Agents stage (after arrivals): teams whose time on scene is up close their call and head
/// home; the call's control time is when they finished.
pub fn finish_calls(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut roads: RoadAccess,
    mut teams: Query<(&Team, &mut TeamState)>,
    mut calls: Query<(&mut Incident, &Call)>,
    index: Res<HouseholdIndex>,
    mut households: Query<(&Household, &mut Evac)>,
    mut shelters: ResMut<Shelters>,
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
        let mode = if call.boat { Mode::Boat } else { Mode::Emergency };
        let drive = roads.travel_s(inc.node, ts.node, ts.speed_factor, mode).unwrap_or(0.0);
        *state = TeamState::Returning { arrive: until.plus_s(drive) };
        let text = format!("{} done with call {} ({})", ts.name, incident.0, call.what);
        timeline.push(until, EventKind::Control, ts.id.clone(), s.zones[inc.zone.ix()].id.clone(), text);
        for hh in &call.households {
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            if ev.place != Place::Home {
                continue; // dead, or got out by itself meanwhile
            }
            let (x, y) = s.nodes[inc.node.ix()];
            ev.place = shelter_near(&s, &mut shelters, (x, y), u32::from(h.size), until);
            ev.departed_s.get_or_insert(until.0);
            ev.arrived_s = Some(until.0);
        }
    }
}

/// Where rescued people are landed: the nearest open shelter with room (straight line: the
/// boat goes over the water), or the nearest open one, else with relatives on dry ground.
fn shelter_near(
    s: &Setting,
    shelters: &mut Shelters,
    (x, y): (f64, f64),
    people: u32,
    t: crate::core::SimTime,
) -> Place {
    let dist = |f: &usize| {
        let (fx, fy) = s.nodes[s.facilities[*f].node.ix()];
        (fx - x).hypot(fy - y)
    };
    let open: Vec<usize> = shelters.open_ids().collect();
    let pick = open
        .iter()
        .copied()
        .filter(|&f| shelters.has_room(f, people))
        .min_by(|a, b| dist(a).total_cmp(&dist(b)).then(a.cmp(b)))
        .or_else(|| open.iter().copied().min_by(|a, b| dist(a).total_cmp(&dist(b)).then(a.cmp(b))));
    match pick {
        Some(f) => {
            let id = crate::core::FacilityId(f as u32);
            shelters.reserve(id, people, t);
            shelters.present[f] += people;
            Place::Shelter(id)
        }
        None => Place::Relatives,
    }
}
