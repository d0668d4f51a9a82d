//! Evacuation per zone at the end of a run — people warned, gone, out by the zone's deadline,
//! sheltered, with relatives, still at home, dead — read from the households' own states; what
//! `zones.csv` shows, and what a comparison checks zone by zone.

use crate::agents::{Evac, Household, Place};
use crate::core::ZoneResult;
use crate::core::setting::Setting;
use crate::hazards::HazardState;
use bevy_ecs::prelude::*;

/// Each zone's result, in zone order.
pub fn zone_results(w: &mut World, s: &Setting) -> Vec<ZoneResult> {
    let hazard = w.resource::<HazardState>().clone();
    let mut z: Vec<ZoneResult> = s
        .zones
        .iter()
        .enumerate()
        .map(|(i, zone)| ZoneResult {
            id: zone.id.clone(),
            should_transfer: hazard.should_transfer(s, i),
            ..Default::default()
        })
        .collect();
    let mut sums = vec![(0.0f64, 0.0f64); z.len()];
    let mut q = w.query::<(&Household, &Evac)>();
    let mut seen: Vec<(u32, &Household, &Evac)> = q.iter(w).map(|(h, e)| (h.id.0, h, e)).collect();
    seen.sort_by_key(|x| x.0); // sums in a stable order: the same bits every run
    for (_, h, ev) in seen {
        let (i, n) = (h.zone.ix(), u64::from(h.size));
        let r = &mut z[i];
        r.people += n;
        r.warned += if ev.warned_s.is_some() { n } else { 0 };
        if let Some(t) = ev.departed_s {
            r.left += n;
            sums[i].0 += t as f64 * n as f64;
        }
        if let Some(t) = ev.arrived_s.filter(|_| matches!(ev.place, Place::Shelter(_) | Place::Relatives)) {
            r.out += n;
            sums[i].1 += t as f64 * n as f64;
            if t <= super::finish::deadline_s(s, &hazard.depth_reached_at, i) {
                r.out_by_deadline += n;
            }
        }
        match ev.place {
            Place::Shelter(_) => r.sheltered += n,
            Place::Relatives => r.with_relatives += n,
            Place::Home => r.at_home += n,
            Place::Dead => r.dead += n,
            Place::Travelling => {}
        }
    }
    for (r, (dep, arr)) in z.iter_mut().zip(sums) {
        r.departure_mean_h = if r.left > 0 { dep / r.left as f64 / 3600.0 } else { f64::NAN };
        r.arrival_mean_h = if r.out > 0 { arr / r.out as f64 / 3600.0 } else { f64::NAN };
    }
    z
}
