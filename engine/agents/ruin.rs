//! Harm to people at home when their house falls or burns: collapses from the wind on
//! dilapidated houses and from landslides (HAZUS indoor casualty rates), and dwellings lost to
//! fire (the fire model's own escape rule).

use super::harm::HarmState;
use super::household::{Evac, Household, HouseholdIndex, Place};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Process, Timeline, stream};
use crate::hazards::{Fallen, Fire, FirePhase, HazardState};
use crate::model::FireKind;
use bevy_ecs::prelude::*;
use rand::RngExt;

/// Share of those inside a collapsed house who die: HAZUS-MH MR4 Technical Manual ch. 13,
/// indoor casualty rate at severity 4 for complete damage with collapse (unreinforced masonry).
pub const COLLAPSE_DEATH_RATE: f64 = 0.10;
/// Share of those inside a collapsed house who are injured: the same table's severities 1–3
/// (40 + 20 + 5 %).
pub const COLLAPSE_INJURY_RATE: f64 = 0.65;

/// Outcomes stage: for each house fallen this tick with its household at home, the household
/// dies with [`COLLAPSE_DEATH_RATE`], else is injured with [`COLLAPSE_INJURY_RATE`] (rates per
/// person applied per household, so they hold in expectation); one event per collapse.
pub fn crush_households(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut hazard: ResMut<HazardState>,
    index: Res<HouseholdIndex>,
    mut state: ResMut<HarmState>,
    mut households: Query<(&Household, &mut Evac)>,
    mut timeline: ResMut<Timeline>,
) {
    for c in std::mem::take(&mut hazard.collapses) {
        let houses = &index.by_zone[c.zone];
        let take = match c.which {
            Fallen::First(n) => (n as usize).min(houses.len()),
            Fallen::EachWith(_) => houses.len(),
        };
        let (mut fell, mut home, mut dead, mut injured) = (0u32, 0u32, 0u32, 0u32);
        for hh in &houses[..take] {
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            if let Fallen::EachWith(p) = c.which
                && state.draw(s.seed, h.id) >= p
            {
                continue;
            }
            fell += 1;
            if ev.place != Place::Home {
                continue;
            }
            home += u32::from(h.size);
            let u = state.draw(s.seed, h.id);
            if u < COLLAPSE_DEATH_RATE {
                ev.place = Place::Dead;
                dead += u32::from(h.size);
            } else if u < COLLAPSE_DEATH_RATE + COLLAPSE_INJURY_RATE {
                injured += u32::from(h.size);
            }
        }
        state.crushed += u64::from(dead);
        state.injured_in_collapse += u64::from(injured);
        if fell > 0 {
            let text = format!(
                "{fell} houses brought down by {}, {home} people inside: {dead} killed, {injured} injured",
                c.cause
            );
            timeline.push(clock.now, EventKind::Harm, "", s.zones[c.zone].id.clone(), text);
        }
    }
}

/// Outcomes stage: each dwelling a fire has lost is the home of one household of its zone,
/// drawn uniformly; if that household is at home it dies unless out (its escape time drawn
/// from the fire's own `escape_s`) before the house went, counting from the first ignition in
/// the row. A fire's first building with stated occupants is theirs, not a household's.
pub fn burn_households(
    s: Res<Setting>,
    index: Res<HouseholdIndex>,
    fires: Query<&Fire>,
    mut state: ResMut<HarmState>,
    mut households: Query<(&Household, &mut Evac)>,
    mut timeline: ResMut<Timeline>,
) {
    for fire in &fires {
        if fire.raster || fire.spec.kind != FireKind::Dwelling || fire.phase == FirePhase::Dormant {
            continue;
        }
        let z = fire.spec.zone.ix();
        let judged = state.fire_judged.get(&fire.idx.0).copied().unwrap_or(0);
        let Some(first) = fire.buildings.first().map(|b| b.since) else { continue };
        let lost: Vec<_> = fire
            .buildings
            .iter()
            .enumerate()
            .skip(judged)
            .take_while(|(_, b)| b.involved.is_some())
            .collect();
        if lost.is_empty() {
            continue;
        }
        state.fire_judged.insert(fire.idx.0, judged + lost.len());
        let houses = &index.by_zone[z];
        for (k, b) in lost {
            if houses.is_empty() || (k == 0 && fire.spec.occupants > 0) {
                continue;
            }
            let mut pick = stream(s.seed, Process::HouseFire, fire.idx.0);
            pick.set_word_pos(k as u128 * 16);
            let hh = houses[pick.random_range(0..houses.len())];
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            if ev.place != Place::Home {
                continue;
            }
            let went = b.involved.map_or(0, |t| t.0 - first.0) as f64;
            let escape_s = fire.spec.escape_s.value(&mut state.rng(s.seed, h.id), s.nominal);
            if escape_s > went {
                ev.place = Place::Dead;
                state.burned += u64::from(h.size);
                let text = format!(
                    "fire {}: household {} ({} people) still inside its house when it went, {:.0} s after ignition",
                    fire.spec.id, h.id.0, h.size, went
                );
                timeline.push(b.involved.unwrap_or(first), EventKind::Harm, "", s.zones[z].id.clone(), text);
            }
        }
    }
}
