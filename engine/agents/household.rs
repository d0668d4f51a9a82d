//! Households, one entity each: who they are, and how an order reaches them — broadcast warning
//! by Bass diffusion with a maximum reach, door knocks by grid workers — their decision and
//! preparation delay. What happens after departure is in `travel`.

pub use super::escorts::{Escorts, cadres_per_zone};
use crate::command::orders::{Orders, strength};
use crate::core::setting::Setting;
use crate::core::{FacilityId, HouseholdId, Process, SimTime, ZoneId, stream};
use crate::hazards::HazardState;
use crate::model::OrderKind;
use bevy_ecs::prelude::*;
use rand::RngExt;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Who a household is (fixed for the run).
#[derive(Component, Debug, Clone, Copy)]
pub struct Household {
    pub id: HouseholdId,
    pub zone: ZoneId,
    /// Members.
    pub size: u8,
    /// Has a member who cannot leave unaided.
    pub vulnerable: bool,
    pub car: bool,
}

/// Where the household's members are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Home,
    Travelling,
    Shelter(FacilityId),
    Relatives,
    Dead,
}

/// How a household was first warned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    None,
    Broadcast,
    Door,
}

/// A household's evacuation state and record (times in sim seconds, possibly in the future
/// of the current tick: they are drawn when the order arrives).
#[derive(Component, Debug, Clone)]
pub struct Evac {
    pub place: Place,
    pub ordered: Option<OrderKind>,
    pub orders_seen: u32,
    pub warned_s: Option<i64>,
    pub channel: Channel,
    pub decided_s: Option<i64>,
    pub refused: bool,
    /// Planned departure; the agenda holds it.
    pub depart_plan_s: Option<i64>,
    pub departed_s: Option<i64>,
    pub arrived_s: Option<i64>,
    /// Found no open road at some point.
    pub trapped: bool,
    /// When it called for rescue, trapped at home by the water.
    pub rescue_requested_s: Option<i64>,
    /// A vulnerable household without a car: when it asked for help to leave, and when a grid
    /// worker came.
    pub assist_requested_s: Option<i64>,
    pub assist_started_s: Option<i64>,
    /// Goes to a public shelter rather than relatives.
    pub to_shelter: bool,
    /// A uniform draw used to pick among relatives' destinations.
    pub u_dest: f64,
}

impl Evac {
    /// At home, not yet ordered.
    pub fn at_home() -> Evac {
        Evac {
            place: Place::Home,
            ordered: None,
            orders_seen: 0,
            warned_s: None,
            channel: Channel::None,
            decided_s: None,
            refused: false,
            depart_plan_s: None,
            departed_s: None,
            arrived_s: None,
            trapped: false,
            rescue_requested_s: None,
            assist_requested_s: None,
            assist_started_s: None,
            to_shelter: false,
            u_dest: 0.0,
        }
    }
}

/// Entity of each household by id, and household ids per zone.
#[derive(Resource, Debug, Default)]
pub struct HouseholdIndex {
    pub entity: Vec<Entity>,
    pub by_zone: Vec<Vec<HouseholdId>>,
}

/// Household events due: (time in ms, sequence, household). Households waiting cost nothing.
#[derive(Resource, Debug, Default)]
pub struct Agenda {
    heap: BinaryHeap<Reverse<(i64, u64, u32)>>,
    seq: u64,
}

impl Agenda {
    /// Schedule household `hh` at `t_s` seconds.
    pub fn push(&mut self, t_s: f64, hh: HouseholdId) {
        self.seq += 1;
        self.heap.push(Reverse(((t_s * 1000.0).round() as i64, self.seq, hh.0)));
    }
    /// The next event due at or before `now`, as (time in s, household).
    pub fn pop_due(&mut self, now: SimTime) -> Option<(f64, HouseholdId)> {
        let Reverse((t, _, hh)) = *self.heap.peek()?;
        if t > now.0 * 1000 {
            return None;
        }
        self.heap.pop();
        Some((t as f64 / 1000.0, HouseholdId(hh)))
    }
    /// Events pending.
    pub fn len(&self) -> usize {
        self.heap.len()
    }
    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

/// Bass diffusion with reach 1: F(t) for rates p, q per minute (models.md §4.1).
pub fn bass_f(p: f64, q: f64, t_min: f64) -> f64 {
    let e = (-(p + q) * t_min).exp();
    (1.0 - e) / (1.0 + (q / p) * e)
}

/// Minutes until the reach-1 Bass curve reaches `g` (0 ≤ g < 1).
pub fn bass_inverse_min(p: f64, q: f64, g: f64) -> f64 {
    let e = (1.0 - g) / (1.0 + g * q / p);
    -e.ln() / (p + q)
}

/// Minutes until a household drawing `u` hears a broadcast with reach `m`, or `None` if the
/// broadcast never reaches it. F(t) = M·g(t) with g the reach-1 curve for p and q·M (models.md §7).
pub fn broadcast_delay_min(p: f64, q: f64, m: f64, u: f64) -> Option<f64> {
    (u < m && p > 0.0).then(|| bass_inverse_min(p, q * m, u / m))
}

/// Rayleigh-distributed preparation delay for a uniform draw `u`, minutes.
pub fn rayleigh_min(sigma_min: f64, u: f64) -> f64 {
    sigma_min * (-2.0 * (1.0 - u).max(1e-300).ln()).sqrt()
}

/// Spawn every household of every zone, with sizes summing to the zone's population.
pub fn spawn_households(world: &mut World, s: &Setting) {
    let mut index = HouseholdIndex { entity: Vec::new(), by_zone: vec![Vec::new(); s.zones.len()] };
    let mut next = 0u32;
    for (z, zone) in s.zones.iter().enumerate() {
        let n = zone.households;
        if n == 0 {
            continue;
        }
        let (base, extra) = (zone.population / n, zone.population % n);
        for k in 0..n {
            let id = HouseholdId(next);
            next += 1;
            let mut rng = stream(s.seed, Process::HouseholdTraits, id.0);
            let size = (base + u32::from(k < extra)).clamp(1, 255) as u8;
            let h = Household {
                id,
                zone: ZoneId(z as u32),
                size,
                vulnerable: rng.random::<f64>() < zone.vulnerable_share,
                car: rng.random::<f64>() < zone.car_share,
            };
            index.entity.push(world.spawn((h, Evac::at_home(), super::travel::Trip::default())).id());
            index.by_zone[z].push(id);
        }
    }
    world.insert_resource(index);
}

/// Agents stage: households in zones ordered out hear the order (broadcast and door knock),
/// decide, and schedule their departure after a preparation delay.
pub fn hear_orders(
    (s, clock): (Res<Setting>, Res<crate::core::Clock>),
    hazard: Res<HazardState>,
    index: Res<HouseholdIndex>,
    mut escorts: ResMut<Escorts>,
    mut orders: ResMut<Orders>,
    mut agenda: ResMut<Agenda>,
    mut households: Query<(&Household, &mut Evac)>,
) {
    let new = orders.due(clock.now);
    let b = &s.behaviour;
    for order in new {
        let zone = &s.zones[order.zone.ix()];
        let hour = s.calendar.local_hour(order.t.0);
        let reach = if (6.0..22.0).contains(&hour) { b.warning_reach_day } else { b.warning_reach_night };
        let danger = if hazard.depth_m[order.zone.ix()] > 0.0 { b.compliance_visible_danger } else { 0.0 };
        // Door to door: the grid workers, and in an organised transfer the village cadres too.
        let grid = zone.grid_workers.max(1) as usize;
        let cadres = escorts.free_s[order.zone.ix()].len() - grid;
        let door_to_door = matches!(order.kind, OrderKind::Organised | OrderKind::Sweep);
        let workers = if door_to_door { grid + cadres } else { grid };
        let t0 = order.t.0 as f64;
        // Households needing a grid worker to get out: (asks at, position, household).
        let mut asks: Vec<(f64, usize, HouseholdId)> = Vec::new();
        let mut knocking_until = vec![t0; workers];
        // The sweep passes the houses already empty (locked and marked) without stopping.
        let mut occupied = 0usize;
        for (pos, hh) in index.by_zone[order.zone.ix()].iter().enumerate() {
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            // The sweep checks every house still occupied, whether its household means to go or not.
            let planned = ev.depart_plan_s;
            if ev.place != Place::Home
                || (planned.is_some() && order.kind != OrderKind::Sweep)
                || ev.ordered.is_some_and(|k| strength(k) >= strength(order.kind))
            {
                continue;
            }
            ev.ordered = Some(order.kind);
            let mut rng = stream(s.seed, Process::Household, h.id.0);
            rng.set_word_pos(u128::from(ev.orders_seen) * 64);
            ev.orders_seen += 1;
            let u: [f64; 6] = std::array::from_fn(|_| rng.random::<f64>());
            // The sweep is door to door only.
            let broadcast = broadcast_delay_min(b.warning_p_per_min, b.warning_q_per_min, reach, u[0])
                .map(|m| t0 + 60.0 * m)
                .filter(|_| order.kind != OrderKind::Sweep);
            let slot = if order.kind == OrderKind::Sweep { occupied } else { pos };
            occupied += 1;
            let door = door_to_door.then(|| {
                let visits_before = (slot / workers) as f64;
                t0 + (visits_before + 1.0) * b.knock_s_per_household.value(&mut rng, s.nominal).max(0.0)
            });
            if let Some(d) = door {
                knocking_until[slot % workers] = knocking_until[slot % workers].max(d);
            }
            let first = match (broadcast, door) {
                (Some(x), Some(d)) if x < d => Some((x, Channel::Broadcast)),
                (_, Some(d)) => Some((d, Channel::Door)),
                (Some(x), None) => Some((x, Channel::Broadcast)),
                (None, None) => None,
            };
            let Some((t_warn, channel)) = first else { continue };
            if ev.warned_s.is_none_or(|w| (t_warn as i64) < w) {
                ev.warned_s = Some(t_warn as i64);
                ev.channel = channel;
            }
            // A household still preparing when the sweep reaches it is taken out then.
            if let Some(plan) = planned {
                if (plan as f64) > t_warn {
                    ev.depart_plan_s = Some(t_warn.ceil() as i64);
                    agenda.push(t_warn, h.id);
                }
                continue;
            }
            // Warned by broadcast first, a household weighs the order as a broadcast order;
            // the door knock of an organised transfer is a second contact.
            let p_first = match (order.kind, channel) {
                (OrderKind::Organised, Channel::Broadcast) => b.compliance_mandatory,
                (k, _) => b.compliance(k),
            } + danger;
            let decided = if u[1] < p_first {
                Some(t_warn)
            } else if let (Some(d), Channel::Broadcast) = (door, channel) {
                (u[2] < b.compliance_organised + danger).then_some(d)
            } else {
                None
            };
            let Some(t_decide) = decided else {
                ev.refused = true;
                continue;
            };
            ev.refused = false;
            ev.decided_s = Some(t_decide as i64);
            ev.to_shelter = u[3] < b.shelter_share;
            ev.u_dest = u[4];
            // The sweep takes a household out as it passes (the visit covers the packing).
            let prep_s = 60.0 * rayleigh_min(b.prep_sigma_min, u[5]);
            let depart = if order.kind == OrderKind::Sweep { t_decide } else { t_decide + prep_s };
            ev.depart_plan_s = Some(depart.ceil() as i64);
            if h.vulnerable && !h.car {
                ev.assist_requested_s = Some(t_decide as i64);
                asks.push((t_decide, pos, h.id));
            } else {
                agenda.push(depart, h.id);
            }
        }
        // The zone's grid workers, once through their doors, help those who asked, in the order
        // they asked: each household leaves when its helper is done (and not before its own
        // preparation is).
        // Without the plan's assistance for the vulnerable, the grid workers alone help.
        let helpers = if order.assist { grid + cadres } else { grid };
        let free = &mut escorts.free_s[order.zone.ix()][..helpers];
        for (w, k) in free.iter_mut().zip(&knocking_until) {
            *w = w.max(*k);
        }
        asks.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (asked, _, id) in asks {
            let Ok((_, mut ev)) = households.get_mut(index.entity[id.ix()]) else { continue };
            let mut rng = stream(s.seed, Process::Household, id.0);
            rng.set_word_pos(u128::from(ev.orders_seen) * 64 - 16);
            let escort_s = 60.0 * b.escort_min.value(&mut rng, s.nominal).max(0.0);
            let (w, &at) = free
                .iter()
                .enumerate()
                .min_by(|x, y| x.1.total_cmp(y.1).then(x.0.cmp(&y.0)))
                .unwrap_or((0, &asked));
            let start = at.max(asked);
            free[w] = start + escort_s;
            ev.assist_started_s = Some(start as i64);
            let depart = (start + escort_s).max(ev.depart_plan_s.unwrap_or(0) as f64);
            ev.depart_plan_s = Some(depart.ceil() as i64);
            agenda.push(depart, id);
        }
    }
}

/// Draw from a household's stream (tests).
#[cfg(test)]
fn draw(seed: u64, hh: u32) -> f64 {
    stream(seed, Process::Household, hh).random::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bass_published_values() {
        // models.md §4.1: p = 0.05/min, q = 0.15/min: F(10) = 0.6150, F(30) = 0.9902.
        assert!((bass_f(0.05, 0.15, 10.0) - 0.6150).abs() < 5e-5);
        assert!((bass_f(0.05, 0.15, 30.0) - 0.9902).abs() < 5e-5);
        // The inverse returns the time.
        assert!((bass_inverse_min(0.05, 0.15, bass_f(0.05, 0.15, 10.0)) - 10.0).abs() < 1e-9);
    }

    #[test]
    fn bass_with_reach_scales_word_of_mouth() {
        // With reach M: F(t) = M·g(t; p, q·M). The household at u = M·g(10) hears at 10 min.
        let (p, q, m) = (0.05, 0.15, 0.8);
        let u = m * bass_f(p, q * m, 10.0);
        assert!((broadcast_delay_min(p, q, m, u).unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(broadcast_delay_min(p, q, m, 0.85), None);
    }

    #[test]
    fn rayleigh_published_quantiles() {
        // models.md §4.2: σ = 30 min: median 35.3 min, 90th percentile 64.4 min.
        assert!((rayleigh_min(30.0, 0.5) - 35.32).abs() < 0.01);
        assert!((rayleigh_min(30.0, 0.9) - 64.38).abs() < 0.01);
    }

    #[test]
    fn household_streams_differ() {
        assert_ne!(draw(1, 0), draw(1, 1));
    }
}
