//! Closing a run: metrics computed from the entities' final states and the timeline, gathered
//! into the Outcome that scoring and reports read.

use super::build::Coverage;
use super::observe::{Observer, level_number};
use crate::agents::{Evac, Household, Place, Shelters};
use crate::command::{Levels, Orders};
use crate::core::setting::{DeadlineS, Jurisdiction, Setting};
use crate::core::{Outcome, Timeline};
use crate::hazards::{Fire, HazardState};
use crate::model::Level;
use crate::roads::LinkQueues;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Take the Outcome out of a finished World.
pub fn outcome(w: &mut World) -> Outcome {
    let mut m: BTreeMap<String, f64> = BTreeMap::new();
    let mut put = |k: &str, v: f64| {
        if v.is_finite() {
            m.insert(k.to_string(), v + 0.0); // an empty f64 sum is −0.0: write it as 0
        }
    };
    let s = w.resource::<Setting>().clone();
    evacuation_metrics(w, &s, &mut put);
    super::response::fire_metrics(w, &s, &mut put);
    super::response::call_metrics(w, &mut put);
    super::response::team_metrics(w, &s, &mut put);
    super::response::command_metrics(w, &s, &mut put);
    supply_metrics(w, &s, &mut put);
    let cov = *w.resource::<Coverage>();
    put("coverage.circle_population_share", cov.circle_population_share);
    let levels = w.resource::<Levels>();
    // The highest level the township reached for any hazard (levels also step down again).
    let township = levels
        .history
        .iter()
        .filter(|(_, j, ..)| *j == Jurisdiction::Township)
        .map(|e| e.3)
        .max()
        .unwrap_or(Level::None);
    put("command.township_level_max", level_number(township));
    if let Some((t, ..)) = levels.history.iter().find(|(_, j, ..)| *j == Jurisdiction::Township) {
        put("command.first_level_h", t.hours());
    }
    put("roads.queue_wait_vehicle_h", w.resource::<LinkQueues>().waited_s / 3600.0);
    let obs = w.resource::<Observer>();
    let (peak, violations, people) = (obs.peak_sheltered, obs.violations.len(), obs.initial_people);
    put("shelter.peak_occupancy_people", peak as f64);
    put("invariants.conservation_violations", violations as f64);

    let mut counts = BTreeMap::new();
    let mut q = w.query::<&Household>();
    counts.insert("households".to_string(), q.iter(w).count() as u64);
    counts.insert("people".to_string(), people);
    counts.insert("zones".to_string(), s.zones.len() as u64);
    counts.insert("teams".to_string(), s.teams.len() as u64);
    counts.insert("facilities".to_string(), s.facilities.len() as u64);
    let mut fires = w.query::<&Fire>();
    let n_fires = fires.iter(w).count();
    counts.insert("fires".to_string(), n_fires as u64);
    counts.insert("fires_raised_in_run".to_string(), (n_fires - s.hazards.fires.len()) as u64);
    counts.insert("injects".to_string(), s.injects.len() as u64);
    counts.insert("ticks".to_string(), w.resource::<crate::core::Clock>().ticks);

    let mut timeline = std::mem::take(&mut w.resource_mut::<Timeline>().0);
    timeline.sort_by_key(|e| e.t); // stable: same-time events keep stage order
    counts.insert("events".to_string(), timeline.len() as u64);
    let series = std::mem::take(&mut w.resource_mut::<Observer>().series);
    let end_s = w.resource::<crate::core::Clock>().now.0;
    let spans = w.resource::<crate::run::activity::Activity>().spans(&s, end_s);
    let responses = super::response::responses(w, &s);
    let play = crate::drill::outcome::play(w, &s, &timeline);
    let zones = super::zones::zone_results(w, &s);
    Outcome {
        play,
        zones,
        spans,
        responses,
        metrics: m,
        counts,
        timeline,
        series,
        calendar: s.calendar,
        sampled: {
            let mut sampled = s.sampled.clone();
            if let Some(r) = w.get_resource::<crate::hazards::river::Rivers>() {
                sampled.extend(r.sampled.iter().cloned());
            }
            sampled
        },
        assumptions: assumptions(
            &s,
            w.get_resource::<crate::hazards::power::PowerFaults>(),
            w.get_resource::<crate::hazards::river::Rivers>().is_some(),
            w.get_resource::<crate::hazards::wildfire::Wildfire>().map(|wf| wf.describe()),
        ),
    }
}

/// Flood outcome per zone: how many flooded, how deep, how dangerous, and the houses' damage.
fn flood_metrics(s: &Setting, h: &HazardState, put: &mut impl FnMut(&str, f64)) {
    use crate::hazards::flood::{Aidr, HazardClass, JrcCurve};
    let zones = 0..s.zones.len();
    let flooded = zones.clone().filter(|&z| h.max_depth_m[z] >= 0.1).count();
    put("flood.zones_flooded", flooded as f64);
    put("flood.max_depth_m", h.max_depth_m.iter().copied().fold(0.0, f64::max));
    let danger =
        zones.clone().filter(|&z| HazardClass::of(h.max_hazard_rating[z]) == HazardClass::DangerForAll);
    put("flood.zones_danger_for_all", danger.count() as f64);
    put("flood.zones_aidr_h5_plus", zones.clone().filter(|&z| h.worst_aidr[z] >= Aidr::H5).count() as f64);
    let damage: f64 = zones
        .map(|z| f64::from(s.zones[z].households) * JrcCurve::AsiaResidential.damage(h.max_depth_m[z]))
        .sum();
    put("flood.house_damage_equiv_households", damage);
}

fn evacuation_metrics(w: &mut World, s: &Setting, put: &mut impl FnMut(&str, f64)) {
    let end = s.duration_s;
    let hazard = w.resource::<HazardState>().clone();
    let depth_at = hazard.depth_reached_at.clone();
    let first_order = w.resource::<Orders>().first_at.iter().flatten().min().copied();
    let deadline = |z: usize| deadline_s(s, &depth_at, z);
    let (mut should, mut ordered, mut warned, mut out, mut by_deadline, mut refused, mut dead) =
        (0u64, 0, 0, 0, 0, 0, 0);
    let mut trapped = 0u64;
    let (mut rescue_calls, mut rescue_people) = (0u64, 0u64);
    let mut arrivals: Vec<(i64, u64)> = Vec::new();
    let mut warnings: Vec<(i64, u64)> = Vec::new();
    let mut assist_waits_s: Vec<f64> = Vec::new();
    // The earliest deadline of a zone that should transfer (the chart's line, the finding's time).
    let first_deadline =
        (0..s.zones.len()).filter(|&z| hazard.should_transfer(s, z)).map(deadline).filter(|&t| t < end).min();
    let mut q = w.query::<(&Household, &Evac)>();
    for (h, ev) in q.iter(w) {
        let n = u64::from(h.size);
        if ev.place == Place::Dead {
            dead += n;
        }
        trapped += u64::from(ev.trapped);
        if let (Some(a), Some(b)) = (ev.assist_requested_s, ev.assist_started_s) {
            assist_waits_s.push((b - a).max(0) as f64);
        }
        if ev.rescue_requested_s.is_some() {
            rescue_calls += 1;
            rescue_people += u64::from(h.size);
        }
        if !hazard.should_transfer(s, h.zone.ix()) {
            continue;
        }
        should += n;
        ordered += if ev.ordered.is_some() { n } else { 0 };
        if let Some(t) = ev.warned_s.filter(|&t| t <= end) {
            warned += n;
            warnings.push((t, n));
        }
        refused += if ev.refused { n } else { 0 };
        if let Some(t) = ev.arrived_s.filter(|_| matches!(ev.place, Place::Shelter(_) | Place::Relatives)) {
            out += n;
            arrivals.push((t, n));
            if t <= deadline(h.zone.ix()) {
                by_deadline += n;
            }
        }
    }
    put("people.dead", dead as f64);
    put("people.exposure_person_h", w.resource::<Observer>().exposure_person_h);
    let harm = w.resource::<crate::agents::harm::HarmState>();
    put("people.dead_drowned", harm.drowned as f64);
    put("people.dead_in_collapse", harm.crushed as f64);
    put("people.dead_in_fire", harm.burned as f64);
    let flood_injured = crate::agents::harm::INJURIES_PER_FLOOD_DEATH * harm.drowned as f64;
    put("flood.injured_estimate", flood_injured);
    put("people.injured_in_collapse", harm.injured_in_collapse as f64);
    put("people.injured_estimate", flood_injured + harm.injured_in_collapse as f64);
    put("evacuation.should_transfer_people", should as f64);
    put("evacuation.trapped_households", trapped as f64);
    put("evacuation.assistance_requests", assist_waits_s.len() as f64);
    if !assist_waits_s.is_empty() {
        let n = assist_waits_s.len() as f64;
        put("evacuation.assistance_wait_mean_min", assist_waits_s.iter().sum::<f64>() / n / 60.0);
        put("evacuation.assistance_wait_max_min", assist_waits_s.iter().copied().fold(0.0, f64::max) / 60.0);
    }
    flood_metrics(s, &hazard, put);
    if let Some(wf) = w.get_resource::<crate::hazards::wildfire::Wildfire>() {
        put("wildfire.burned_ha", wf.burned_ha());
        put("wildfire.villages_reached", wf.reached().count() as f64);
        if let Some(first) = wf.reached().map(|(_, t)| t.0).min() {
            put(
                "wildfire.first_village_reached_min",
                (first - s.forest_fire_at.map_or(0, |t| t.0)) as f64 / 60.0,
            );
        }
    }
    if let Some(sl) = w.get_resource::<crate::hazards::slopes::Slopes>() {
        put(
            "flood.flash_floods",
            sl.gullies.iter().filter(|g| g.arrives.is_some_and(|a| a.0 <= end)).count() as f64,
        );
        let failed: Vec<_> = sl.points.iter().filter(|p| p.failed.is_some()).collect();
        put("landslide.count", failed.len() as f64);
        put("landslide.houses_destroyed", failed.iter().map(|p| f64::from(p.houses_destroyed)).sum());
        put(
            "landslide.people_home_in_destroyed_houses",
            failed.iter().map(|p| f64::from(p.people_home)).sum(),
        );
    }
    put("flood.rescue_requests", rescue_calls as f64);
    put("flood.rescue_request_people", rescue_people as f64);
    if should == 0 {
        return;
    }
    put("evacuation.ordered_people", ordered as f64);
    put("evacuation.warned_people", warned as f64);
    put("evacuation.refused_people", refused as f64);
    put("evacuation.transferred_people", out as f64);
    put("evacuation.transferred_share", out as f64 / should as f64);
    put("evacuation.transferred_by_deadline_people", by_deadline as f64);
    put("evacuation.transferred_by_deadline_share", by_deadline as f64 / should as f64);
    put("evacuation.warned_share", warned as f64 / should as f64);
    if let Some(t) = first_deadline {
        put("evacuation.deadline_h", t as f64 / 3600.0);
    }
    if let Some(t0) = first_order {
        put("evacuation.first_order_h", t0.hours());
        for (name, list) in [("transferred", &mut arrivals), ("warned", &mut warnings)] {
            list.sort();
            for (pct, share) in [(50, 0.5), (90, 0.9), (95, 0.95)] {
                if let Some(t) = time_to_share(list, should, share) {
                    let key = if name == "transferred" {
                        format!("evacuation.time_to_{pct}pct_h")
                    } else {
                        format!("evacuation.time_to_{pct}pct_warned_h")
                    };
                    put(&key, (t - t0.0).max(0) as f64 / 3600.0);
                }
            }
        }
    }
    let sh = w.resource::<Shelters>();
    put("shelter.full_count", sh.full_at.iter().flatten().count() as f64);
    let open_cap: u32 = (0..sh.capacity.len()).filter(|&f| sh.is_open[f]).map(|f| sh.capacity[f]).sum();
    put("shelter.open_capacity_people", f64::from(open_cap));
}

/// A zone's evacuation deadline: the scenario's reference, or the end of the run where it
/// never came.
pub fn deadline_s(s: &Setting, depth_at: &[Option<crate::core::SimTime>], z: usize) -> i64 {
    let end = s.duration_s;
    match &s.deadline {
        Some(DeadlineS::At(t)) => t.0,
        Some(DeadlineS::FloodDepth(_)) => depth_at[z].map_or(end, |t| t.0),
        Some(DeadlineS::FireFront) => {
            s.hazards.fire_front.iter().filter(|(fz, _)| fz.ix() == z).map(|(_, t)| t.0).min().unwrap_or(end)
        }
        None => end,
    }
}

/// When the running total of sorted (time, people) first reaches `share` of `total`.
fn time_to_share(sorted: &[(i64, u64)], total: u64, share: f64) -> Option<i64> {
    let mut acc = 0u64;
    sorted
        .iter()
        .find(|(_, n)| {
            acc += n;
            acc as f64 >= share * total as f64
        })
        .map(|(t, _)| *t)
}

/// Supplies: person-hours short of water and of food (total, per item, per shelter that went
/// short), convoys sent, and what is left of each item at the end.
fn supply_metrics(w: &World, s: &Setting, put: &mut impl FnMut(&str, f64)) {
    use crate::model::Item;
    let sup = w.resource::<crate::agents::supplies::Supplies>();
    let mut total = 0.0;
    for item in [Item::WaterL, Item::FoodRations] {
        let per: Vec<f64> = (0..s.facilities.len()).map(|f| sup.shortage_person_h(f, item)).collect();
        let sum: f64 = per.iter().sum();
        total += sum;
        put(&format!("supplies.shortage_person_h.{item}"), sum);
        for (f, h) in per.iter().enumerate().filter(|(_, h)| **h > 0.0) {
            put(&format!("supplies.shortage_person_h.{}.{item}", s.facilities[f].id), *h);
        }
    }
    put("supplies.shortage_person_h", total);
    put("supplies.convoys", f64::from(sup.sent));
    for &item in Item::ALL {
        let (have, _) = sup.balance(item);
        if have > 0.0 {
            let left: f64 = (0..s.facilities.len()).map(|f| sup.at(f, item)).sum();
            put(&format!("supplies.left.{item}"), left);
        }
    }
}

/// The modelling choices this run rests on, in words, for every report.
fn assumptions(
    s: &Setting,
    pf: Option<&crate::hazards::power::PowerFaults>,
    river: bool,
    forest: Option<String>,
) -> Vec<String> {
    let b = &s.behaviour;
    let mut a = vec![
        "flood depth per zone = prescribed gauge stage − zone ground elevation (bathtub per zone)".to_string(),
        "roads close by depth at their low point: cars > 0.3 m, emergency vehicles > 0.5 m, walkers > 1.2 m (AIDR 7-3)".into(),
        format!("broadcast warning: Bass diffusion p = {:.3}/min, q = {:.3}/min, reach {:.2} by day and {:.2} at night (06:00–22:00 is day)", b.warning_p_per_min, b.warning_q_per_min, b.warning_reach_day, b.warning_reach_night),
        format!("compliance: organised {:.2}, mandatory {:.2}, advice {:.2}; organised transfer knocks every door", b.compliance_organised, b.compliance_mandatory, b.compliance_advice),
        format!("preparation delay Rayleigh σ = {:.0} min; {:.0} % of leavers go to public shelters, the rest to relatives", b.prep_sigma_min, 100.0 * b.shelter_share),
        "cars move through link queues at capacity with BPR delay; walkers at their pace".into(),
        "flood mortality: Jonkman et al. (2008) for people still at home, at the zone's flow velocity (ponded 0.3 m/s); injuries 0.67 per death (Doocy et al. 2013)".into(),
        format!(
            "calls and rescue: one queue by priority, nearest free team with the skill; a rescue boat crosses flooded roads at {:.0} km/h and makes {:.0}-min round trips at its boat places; supplies: {:.0} L of water and {:.0} rations per sheltered person-day, a {:.0}-t truck from the nearest depot with an open road when a shelter has under {:.0} h left ({:.0} min loading); duty: after {:.0} h out a team without a relief crew rests {:.1} h per hour worked; grid workers on patrol find a fire within a {:.0}-min round while a warning is in force",
            3.6 * crate::roads::graph::BOAT_SPEED_MPS,
            crate::command::calls::BOAT_TRIP_MIN,
            s.plan.standards.water_l_per_person_day,
            s.plan.standards.rations_per_person_day,
            crate::agents::supplies::TRUCK_PAYLOAD_KG / 1000.0,
            crate::agents::supplies::RESUPPLY_BELOW_H,
            crate::agents::supplies::LOADING_MIN,
            s.plan.shift_limit_s / 3600.0,
            s.plan.rest_per_work,
            b.patrol_round_s / 60.0,
        ),
        "collapse and fire: those at home in a house brought down (wind on dilapidated houses, a landslide) die at 10 % and are injured at 65 % (HAZUS-MH indoor casualty rates, complete damage with collapse); a dwelling lost to fire is a household's home, and it dies if still inside when the house goes (the fire's escape times)".into(),
        "fires: t² growth by occupancy capped by fuel and ventilation (1500·A_o√H_o), burning their EN 1991-1-2 fire load; flashover at Babrauskas' 750·A_o√H_o; a building fully involved is lost and sets the next alight after its spread delay; occupants not out when the first goes are casualties; controlled when applied flow ≥ needed fire flow (NFA) on the involved area; 475 L/min per handline per crew of three".into(),
        "15-minute circle: 1 min turnout + free-flow drive from comprehensive stations and the county brigade".into(),
        format!(
            "door to door: the zone's grid workers and, in an organised transfer, the village cadres of the zone's village \
             (a cadre team's members shared over the villages its station serves) knock; with the plan's assistance \
             for the vulnerable the cadres also help the households that cannot leave unaided; everyday traffic \
             takes {:.0} % of road capacity by day until the five stops (illustrative)",
            100.0 * b.background_traffic_share
        ),
        if s.plan.integrated {
            "command: a joint command post — every report reaches every agency at once; the nearest capable team of \
             any agency is sent, once; the plan's priorities decide between hazards for a team on standby"
                .to_string()
        } else {
            "command: no joint post — each agency knows only the alarms on its own lines and sends only its own teams \
             through its own channel; two agencies may answer one call"
                .to_string()
        },
    ];
    if s.typhoon_modelled {
        a.push(
            "typhoon: Holland (1980) surface wind from the track at every zone (V10 = K·V_g, B fitted to V_max / K); \
             R-CLIPER rain × a named enhancement where no series is prescribed; trees fall and dilapidated houses are \
             damaged above per-link and per-zone gust thresholds (gust = 1.5 × mean); typhoon and rainstorm \
             warnings come from the forecast track unless prescribed"
                .into(),
        );
    }
    if let Some(pf) = pf {
        a.push(pf.describe());
    }
    a.extend(forest);
    if river {
        a.push(
            "river modelled: SCS curve-number runoff per catchment (antecedent moisture as given), linear-reservoir \
             routing, stage from the rating curve at rated gauges (their prescribed series ignored); reservoirs by \
             level-pool routing over the spillway, piping at a level drawn once per run, Froehlich breach outflow \
             draining the pool, Manning depth in the valley below; dikes overtop as weirs and breach at a stage \
             drawn from their fragility; polders fill by weir flow and their own runoff, pumped out; the river \
             is not lowered by what it loses to the polders"
                .into(),
        );
    }
    if s.nominal {
        a.push("nominal run: every distribution took its median".into());
    } else {
        a.push(format!("one realisation, seed {}: distributions were sampled", s.seed));
    }
    a
}
