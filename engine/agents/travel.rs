//! Households on the move: at departure a destination (the nearest open shelter with room, or
//! relatives in a safe zone) and a cached shortest path; then one scheduled event per link —
//! cars through the link queues, walkers at their pace — re-routing around closures.

use super::household::{Agenda, Evac, Household, HouseholdIndex, Place};
use super::shelter::Shelters;
use crate::core::setting::Setting;
use crate::core::{ArcId, Clock, FacilityId, HouseholdId, NodeId, SimTime};
use crate::roads::{Closures, LinkQueues, Mode, RoadGraph, Router};
use bevy_ecs::prelude::*;

/// Seconds a household without an open road waits before trying again.
pub const RETRY_S: f64 = 1800.0;
/// Relatives' zones considered: the nearest this many safe zones.
const RELATIVE_CHOICES: usize = 5;

/// Where a household is going and how.
#[derive(Component, Debug, Clone, Default)]
pub struct Trip {
    pub shelter: Option<FacilityId>,
    pub dest: Option<NodeId>,
    pub walking: bool,
    pub route: Vec<ArcId>,
    pub hop: usize,
    /// Waiting at a node for a road to open: the next event retries the same hop.
    pub waiting: bool,
    /// When its next event is due, ms (an earlier departure leaves a stale event behind).
    pub next_ms: i64,
}

/// Zones households may go to relatives in: not should-transfer, inhabited.
#[derive(Resource, Debug, Default)]
pub struct SafeZones(pub Vec<NodeId>);

/// Road state households use.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Network<'w> {
    g: Res<'w, RoadGraph>,
    closures: Res<'w, Closures>,
    router: ResMut<'w, Router>,
    queues: ResMut<'w, LinkQueues>,
    setting: Res<'w, Setting>,
    measures: Res<'w, crate::command::orders::Measures>,
}

impl Network<'_> {
    /// The share of a road's capacity everyday traffic takes at `t`: by day (06–22 local), until
    /// the five stops (五停: work, school, business, transport) clear the roads.
    fn background(&self, t: f64) -> f64 {
        let stopped = self.measures.five_stops.is_some_and(|since| since.0 as f64 <= t);
        let hour = self.setting.calendar.local_hour(t as i64);
        if stopped || !(6.0..22.0).contains(&hour) {
            0.0
        } else {
            self.setting.behaviour.background_traffic_share
        }
    }
}

/// Agents stage: every household event due this tick, in time order: departures and arrivals at
/// the end of each link.
pub fn travel_households(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut net: Network,
    mut shelters: ResMut<Shelters>,
    safe: Res<SafeZones>,
    index: Res<HouseholdIndex>,
    mut agenda: ResMut<Agenda>,
    mut households: Query<(&Household, &mut Evac, &mut Trip)>,
) {
    while let Some((t, id)) = agenda.pop_due(clock.now) {
        let Ok((h, mut ev, mut trip)) = households.get_mut(index.entity[id.ix()]) else { continue };
        match ev.place {
            Place::Home => {
                let origin = s.zones[h.zone.ix()].node;
                let speed = walk_speed(&s, h);
                match choose_trip(&s, &mut net, &mut shelters, &safe, h, &ev, origin, t) {
                    Some(new) => {
                        *trip = new;
                        ev.place = Place::Travelling;
                        ev.departed_s = Some(t.round() as i64);
                        if trip.route.is_empty() {
                            arrive(&mut ev, &trip, t, &mut shelters, h.size);
                        } else {
                            step(&mut net, &mut agenda, id, &mut trip, t, speed);
                        }
                    }
                    None => {
                        ev.trapped = true;
                        agenda.push(t + RETRY_S, id);
                    }
                }
            }
            Place::Travelling if ms(t) != trip.next_ms => {} // an event left by an earlier departure
            Place::Travelling => {
                if !trip.waiting {
                    trip.hop += 1;
                }
                trip.waiting = false;
                if trip.hop >= trip.route.len() {
                    arrive(&mut ev, &trip, t, &mut shelters, h.size);
                } else {
                    step(&mut net, &mut agenda, id, &mut trip, t, walk_speed(&s, h));
                }
            }
            _ => {}
        }
    }
}

fn walk_speed(s: &Setting, h: &Household) -> f64 {
    if h.vulnerable { s.behaviour.assisted_speed_mps } else { s.behaviour.walk_speed_mps }
}

fn arrive(ev: &mut Evac, trip: &Trip, t: f64, shelters: &mut Shelters, people: u8) {
    ev.place = match trip.shelter {
        Some(f) => {
            shelters.present[f.ix()] += u32::from(people);
            Place::Shelter(f)
        }
        None => Place::Relatives,
    };
    ev.arrived_s = Some(t.round() as i64);
}

/// Pick a destination and route at departure; `None` if no road leads anywhere useful.
fn choose_trip(
    s: &Setting,
    net: &mut Network,
    shelters: &mut Shelters,
    safe: &SafeZones,
    h: &Household,
    ev: &Evac,
    origin: NodeId,
    t: f64,
) -> Option<Trip> {
    let modes: &[Mode] = if h.car { &[Mode::Car, Mode::Walk] } else { &[Mode::Walk] };
    for &mode in modes {
        let tree = net.router.tree(&net.g, &net.closures, origin, mode);
        if ev.to_shelter {
            let best = shelters
                .open_ids()
                .filter(|&f| shelters.has_room(f, h.size as u32))
                .map(|f| (tree.cost[s.facilities[f].node.ix()], f))
                .filter(|(c, _)| c.is_finite())
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((_, f)) = best {
                let node = s.facilities[f].node;
                let route = tree.path(node)?;
                shelters.reserve(FacilityId(f as u32), h.size as u32, SimTime(t as i64));
                return Some(trip(Some(FacilityId(f as u32)), node, mode, route));
            }
        }
        let mut options: Vec<(f64, NodeId)> = safe
            .0
            .iter()
            .map(|&n| (tree.cost[n.ix()], n))
            .filter(|(c, n)| c.is_finite() && *n != origin)
            .collect();
        options.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        options.truncate(RELATIVE_CHOICES);
        if !options.is_empty() {
            let pick = ((ev.u_dest * options.len() as f64) as usize).min(options.len() - 1);
            let node = options[pick].1;
            let route = tree.path(node)?;
            return Some(trip(None, node, mode, route));
        }
    }
    None
}

fn trip(shelter: Option<FacilityId>, dest: NodeId, mode: Mode, route: Vec<ArcId>) -> Trip {
    Trip { shelter, dest: Some(dest), walking: mode == Mode::Walk, route, hop: 0, waiting: false, next_ms: 0 }
}

/// Enter the next link (re-routing if it has closed) and schedule the arrival at its end.
fn step(net: &mut Network, agenda: &mut Agenda, id: HouseholdId, trip: &mut Trip, t: f64, walk_mps: f64) {
    let mode = if trip.walking { Mode::Walk } else { Mode::Car };
    let arc = trip.route[trip.hop];
    let a = &net.g.arcs[arc.ix()];
    if !net.closures.passable(a.link, mode) {
        let (from, dest) = (a.from, trip.dest.unwrap_or(a.to));
        let mut rerouted = None;
        for m in [mode, Mode::Walk] {
            if let Some(r) =
                net.router.tree(&net.g, &net.closures, from, m).path(dest).filter(|r| !r.is_empty())
            {
                rerouted = Some((r, m));
                break;
            }
        }
        match rerouted {
            Some((r, m)) => {
                trip.route = r;
                trip.hop = 0;
                trip.walking = m == Mode::Walk;
            }
            None => {
                trip.waiting = true;
                trip.next_ms = ms(t + RETRY_S);
                agenda.push(t + RETRY_S, id);
                return;
            }
        }
    }
    let arc = trip.route[trip.hop];
    let a = &net.g.arcs[arc.ix()];
    let exit = if trip.walking {
        t + a.length_m / walk_mps
    } else {
        let (cap, free, bg) = (a.capacity_vph, a.drive_s(), net.background(t));
        net.queues.enter(arc, t, cap, free, bg).1
    };
    trip.next_ms = ms(exit);
    agenda.push(exit, id);
}

/// A time as the agenda keys it, ms.
fn ms(t_s: f64) -> i64 {
    (t_s * 1000.0).round() as i64
}
