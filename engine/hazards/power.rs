//! House fires set by power faults in the storm's wind: each zone ignites as an inhomogeneous
//! Poisson process at its households' calm-weather electrical fire rate times the storm's
//! excess (`model::PowerFaults`); each ignition becomes a new fire incident.

use super::fire::Fire;
use super::typhoon::gust_mps;
use super::water::HazardState;
use crate::command::incident::Incident;
use crate::core::setting::{FireS, Setting};
use crate::core::{Clock, Process, SimTime, stream};
use crate::model::{FireKind, PowerFaults as Params};
use bevy_ecs::prelude::*;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Hours in a (Julian) year.
const HOURS_PER_YEAR: f64 = 8766.0;

/// Fires per household-hour that the wind adds at `gust_mps`: the calm rate times
/// `10^((gust − onset) / tenfold) − 1`, zero up to the onset gust.
pub fn excess_rate_per_household_h(p: &Params, gust_mps: f64) -> f64 {
    if gust_mps <= p.onset_gust_mps {
        return 0.0;
    }
    let multiplier = 10f64.powf((gust_mps - p.onset_gust_mps) / p.tenfold_mps);
    p.fires_per_1000_households_year / 1000.0 / HOURS_PER_YEAR * (multiplier - 1.0)
}

/// One zone's ignition clock: the hazard accumulated so far and the level at which its next
/// fire starts (an Exp(1) draw from the zone's own stream).
#[derive(Debug, Clone)]
struct ZoneClock {
    hazard: f64,
    next: f64,
    rng: ChaCha8Rng,
    fires: u32,
}

impl ZoneClock {
    fn new(seed: u64, zone: usize) -> ZoneClock {
        let mut rng = stream(seed, Process::PowerFault, zone as u32);
        let next = exp1(&mut rng);
        ZoneClock { hazard: 0.0, next, rng, fires: 0 }
    }
}

fn exp1(rng: &mut ChaCha8Rng) -> f64 {
    -(1.0 - rng.random::<f64>()).ln()
}

/// The power-fault fires of a run with a modelled typhoon.
#[derive(Resource, Debug, Clone)]
pub struct PowerFaults {
    params: Params,
    zones: Vec<ZoneClock>,
}

impl PowerFaults {
    pub fn new(s: &Setting, params: &Params) -> PowerFaults {
        PowerFaults {
            params: params.clone(),
            zones: (0..s.zones.len()).map(|z| ZoneClock::new(s.seed, z)).collect(),
        }
    }

    /// The model and its parameters, for a run's assumptions.
    pub fn describe(&self) -> String {
        let p = &self.params;
        format!(
            "power-fault house fires: Poisson per zone at {} per 1000 households a year (calm electrical fire rate) × \
             (10^((gust − {:.0} m/s) / {:.0} m/s) − 1) above the onset gust; each involves up to {:.0} m²",
            p.fires_per_1000_households_year, p.onset_gust_mps, p.tenfold_mps, p.floor_area_m2
        )
    }
}

/// Hazards stage (after the wind): power faults set houses on fire; each becomes a fire
/// incident that ignites this tick.
pub fn spark_power_faults(
    mut commands: Commands,
    s: Res<Setting>,
    clock: Res<Clock>,
    h: Res<HazardState>,
    pf: Option<ResMut<PowerFaults>>,
    mut next: ResMut<crate::command::incident::NextIncident>,
) {
    let Some(mut pf) = pf else { return };
    let pf = &mut *pf;
    let dt_h = clock.tick_s as f64 / 3600.0;
    let start_s = clock.now.0 - clock.tick_s;
    for (z, zc) in pf.zones.iter_mut().enumerate() {
        let zone = &s.zones[z];
        let gust = gust_mps(h.wind_mps[z]);
        let rate_h = excess_rate_per_household_h(&pf.params, gust) * f64::from(zone.households);
        if rate_h <= 0.0 {
            continue;
        }
        let end = zc.hazard + rate_h * dt_h;
        while zc.next <= end {
            // The crossing time within the tick, at the tick's constant rate.
            let t = SimTime(start_s + ((zc.next - zc.hazard) / rate_h * 3600.0).round() as i64);
            zc.fires += 1;
            let mut spec = FireS::single(
                format!("power-fault-{}-{}", zone.id, zc.fires),
                FireKind::Dwelling,
                crate::core::ZoneId(z as u32),
                zone.node,
                t,
                pf.params.floor_area_m2,
                format!("power fault in a {gust:.0} m/s gust"),
            );
            spec.rhr_kw_m2 = 250.0;
            let idx = next.take();
            commands.spawn((Incident::fire(&s, idx, &spec), Fire::dormant(idx, spec)));
            zc.next += exp1(&mut zc.rng);
        }
        zc.hazard = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_excess_up_to_the_onset_gust() {
        let p = Params::default();
        assert_eq!(excess_rate_per_household_h(&p, 0.0), 0.0);
        assert_eq!(excess_rate_per_household_h(&p, 20.0), 0.0);
        assert!(excess_rate_per_household_h(&p, 20.5) > 0.0);
    }

    #[test]
    fn one_tenfold_step_adds_nine_calm_rates() {
        // At onset + tenfold the rate is 10× calm, so the excess is 9× the calm rate
        // (0.3 per 1000 households a year = 3.42e-8 per household-hour).
        let p = Params::default();
        let calm = 0.3 / 1000.0 / 8766.0;
        let got = excess_rate_per_household_h(&p, 30.0);
        assert!((got / calm - 9.0).abs() < 1e-9, "{got}");
        assert!((calm - 3.4223e-8).abs() < 1e-11);
    }
}
