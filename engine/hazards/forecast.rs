//! Warnings from the forecast: each hour the meteorological service looks 24 h ahead along the
//! forecast track (this run's track error included) and sets the typhoon and rainstorm signal
//! colours by the CMA tables — issued, raised, lowered or lifted — unless the scenario
//! prescribes that hazard's warnings.

use super::storm::{Field, Storm};
use super::typhoon::{RainForecast, rainstorm_colour, typhoon_colour_sampled};
use super::water::HazardState;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::model::{Colour, HazardKind};
use bevy_ecs::prelude::*;

/// Seconds between forecast issues.
pub const ISSUE_EVERY_S: i64 = 3600;
/// Quarter hours looked ahead (24 h).
const LOOK_AHEAD_QUARTERS: usize = 96;
/// Who issues the modelled warnings.
const SERVICE: &str = "county meteorological bureau (modelled forecast)";

/// Detection stage: on each hour, set the modelled typhoon and rainstorm warnings.
pub fn forecast_warnings(
    s: Res<Setting>,
    clock: Res<Clock>,
    storm: Option<Res<Storm>>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(storm) = storm else { return };
    let now = clock.now;
    if now.0.div_euclid(ISSUE_EVERY_S) == clock.tick_start().0.div_euclid(ISSUE_EVERY_S) {
        return;
    }
    let prescribed = |hz: HazardKind| s.hazards.warnings.iter().any(|w| w.hazard == hz);
    let t0 = now.0 as f64;
    // The forecast field once per quarter hour of the look-ahead: every sample below falls on one.
    let fields: Vec<Option<Field>> =
        (0..=LOOK_AHEAD_QUARTERS).map(|q| storm.field(&storm.forecast, t0 + q as f64 * 900.0)).collect();
    let field_at = |hours: f64| -> Option<Field> {
        let q = hours * 4.0;
        match fields.get(q.round() as usize) {
            Some(f) if (q - q.round()).abs() < 1e-9 => *f,
            _ => storm.field(&storm.forecast, t0 + hours * 3600.0),
        }
    };
    if !prescribed(HazardKind::Typhoon) {
        let wind_at = |hours: f64| {
            let Some(f) = field_at(hours) else { return 0.0 };
            s.zones.iter().map(|z| f.wind_rain(z.x_m, z.y_m).0).fold(0.0, f64::max)
        };
        let colour = typhoon_colour_sampled(wind_at, 1.0);
        set_warning(&mut h, &mut timeline, now, HazardKind::Typhoon, colour, SERVICE);
    }
    if !prescribed(HazardKind::Rainstorm) {
        let colour = s
            .zones
            .iter()
            .filter_map(|z| {
                let rate = |hours: f64| field_at(hours).map_or(0.0, |f| f.wind_rain(z.x_m, z.y_m).1);
                rainstorm_colour(&RainForecast::from_rate(rate, 0.5))
            })
            .max();
        set_warning(&mut h, &mut timeline, now, HazardKind::Rainstorm, colour, SERVICE);
    }
}

/// Put `colour` in force for `hazard` (`None`: lift it), with a timeline event from `service`
/// when it changes.
pub fn set_warning(
    h: &mut HazardState,
    timeline: &mut Timeline,
    t: SimTime,
    hazard: HazardKind,
    colour: Option<Colour>,
    service: &str,
) {
    let before = h.warnings.get(&hazard).copied();
    if before == colour {
        return;
    }
    let text = match (before, colour) {
        (None, Some(c)) => format!("{c} {hazard} warning issued"),
        (Some(b), Some(c)) if c > b => format!("{c} {hazard} warning raised (was {b})"),
        (Some(b), Some(c)) => format!("{c} {hazard} warning lowered (was {b})"),
        (Some(b), None) => format!("{b} {hazard} warning lifted"),
        (None, None) => return,
    };
    match colour {
        Some(c) => h.warnings.insert(hazard, c),
        None => h.warnings.remove(&hazard),
    };
    timeline.push(t, EventKind::Warning, service, "", text);
}
