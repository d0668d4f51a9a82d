//! Harm to people still at home in flooded zones: flood mortality by Jonkman, Vrijling &
//! Vrouwenvelder (2008), applied as the depth in the zone rises (models.md §7).

use super::household::{Evac, Household, HouseholdIndex, Place};
use crate::command::calls::{Call, RESCUE_REPORT_S};
use crate::command::incident::{Incident, NextIncident};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, HouseholdId, Process, Timeline, stream};
use crate::hazards::HazardState;
use bevy_ecs::prelude::*;
use rand::RngExt;

/// Standard normal CDF, Φ (Abramowitz & Stegun 7.1.26 on erf; |error| < 1.5e-7).
pub fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 { 0.5 * (1.0 + erf) } else { 0.5 * (1.0 - erf) }
}

/// Jonkman's mortality fraction for people in water of depth `h_m` rising at `rise_m_h`,
/// with flow velocity `v_mps`: breach zone, rapidly rising water, or remaining zone.
pub fn flood_mortality(h_m: f64, rise_m_h: f64, v_mps: f64) -> f64 {
    if h_m <= 0.0 {
        return 0.0;
    }
    if h_m * v_mps >= 7.0 && v_mps >= 2.0 {
        1.0
    } else if rise_m_h >= 0.5 && h_m >= 2.1 {
        normal_cdf((h_m.ln() - 1.46) / 0.28)
    } else {
        normal_cdf((h_m.ln() - 7.60) / 2.75)
    }
}

/// Ponded flood-plain velocity assumed for prescribed flooding, m/s (models.md §7: 0.1–0.5).
pub const PONDED_VELOCITY_MPS: f64 = 0.3;

/// Harm so far: per zone the flood mortality already applied to those at home, each
/// household's place in its harm stream, and the people harmed by cause.
#[derive(Resource, Debug, Default)]
pub struct HarmState {
    applied: Vec<f64>,
    last_depth: Vec<f64>,
    /// Harm draws made per household (its place in the harm stream).
    draws: Vec<u32>,
    /// People dead: drowned at home, under a collapsed house, in a house fire.
    pub drowned: u64,
    pub crushed: u64,
    pub burned: u64,
    /// People injured under a collapsed house.
    pub injured_in_collapse: u64,
    /// Dwelling fires: buildings already judged (by incident index).
    pub(super) fire_judged: std::collections::BTreeMap<u32, usize>,
}

impl HarmState {
    /// Nothing applied yet.
    pub fn new(zones: usize, households: usize) -> HarmState {
        HarmState {
            applied: vec![0.0; zones],
            last_depth: vec![0.0; zones],
            draws: vec![0; households],
            ..HarmState::default()
        }
    }

    /// The household's harm stream at its next draw (a window of 16 words), moved past it.
    pub fn rng(&mut self, seed: u64, h: HouseholdId) -> rand_chacha::ChaCha8Rng {
        let mut rng = stream(seed, Process::Harm, h.0);
        rng.set_word_pos(u128::from(self.draws[h.ix()]) * 16);
        self.draws[h.ix()] += 1;
        rng
    }

    /// The household's next uniform draw from its own harm stream.
    pub fn draw(&mut self, seed: u64, h: HouseholdId) -> f64 {
        self.rng(seed, h).random::<f64>()
    }
}

/// Outcomes stage: as a zone's depth rises, each household still at home there dies with the
/// conditional probability (F(h) − F(h_prev)) / (1 − F(h_prev)).
pub fn harm_households(
    s: Res<Setting>,
    clock: Res<Clock>,
    hazard: Res<HazardState>,
    index: Res<HouseholdIndex>,
    mut state: ResMut<HarmState>,
    mut households: Query<(&Household, &mut Evac)>,
    mut timeline: ResMut<Timeline>,
) {
    for z in 0..s.zones.len() {
        let depth = hazard.depth_m[z];
        let rise_m_h = (depth - state.last_depth[z]) * 3600.0 / clock.tick_s as f64;
        state.last_depth[z] = depth;
        let f = flood_mortality(depth, rise_m_h, hazard.velocity_mps[z]);
        let before = state.applied[z];
        if f <= before {
            continue;
        }
        state.applied[z] = f;
        let p = (f - before) / (1.0 - before).max(1e-12);
        let mut dead = 0u32;
        for hh in &index.by_zone[z] {
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            if ev.place != Place::Home {
                continue;
            }
            if state.draw(s.seed, h.id) < p {
                ev.place = Place::Dead;
                dead += u32::from(h.size);
            }
        }
        state.drowned += u64::from(dead);
        if dead > 0 {
            let text = format!("{dead} people drowned at home in {:.2} m of water", depth);
            timeline.push(clock.now, EventKind::Harm, "", s.zones[z].id.clone(), text);
        }
    }
}

/// Flood injuries per flood death: 361,974 injuries against 539,811 deaths in the floods of
/// 1980–2009 (Doocy et al. 2013, PLOS Currents Disasters; injuries are under-reported, so this
/// is a floor). The named rule for injuries: a ratio to deaths (models.md §7).
pub const INJURIES_PER_FLOOD_DEATH: f64 = 361_974.0 / 539_811.0;

/// Depth at home from which a household that cannot get out calls for rescue, m (AIDR H3:
/// unsafe for vehicles, children and the elderly above 0.5 m).
pub const RESCUE_DEPTH_M: f64 = 0.5;
/// Depth no one wades out of, m (AIDR H4: unsafe for all people above 1.2 m).
pub const WADE_LIMIT_M: f64 = 1.2;

/// Outcomes stage (after harm): households still at home in water of at least
/// [`RESCUE_DEPTH_M`] that cannot get out — the water is past wading depth, or they found no
/// open road — call for rescue, once each; one rescue request (a call for a boat crew) and
/// one event per zone and tick.
pub fn call_for_rescue(
    s: Res<Setting>,
    clock: Res<Clock>,
    hazard: Res<HazardState>,
    index: Res<HouseholdIndex>,
    mut next: ResMut<NextIncident>,
    mut households: Query<(&Household, &mut Evac)>,
    mut commands: Commands,
    mut timeline: ResMut<Timeline>,
) {
    for z in 0..s.zones.len() {
        let depth = hazard.depth_m[z];
        if depth < RESCUE_DEPTH_M {
            continue;
        }
        let (mut calls, mut people, mut callers) = (0u32, 0u32, Vec::new());
        for hh in &index.by_zone[z] {
            let Ok((h, mut ev)) = households.get_mut(index.entity[hh.ix()]) else { continue };
            if ev.place != Place::Home
                || ev.rescue_requested_s.is_some()
                || !(depth >= WADE_LIMIT_M || ev.trapped)
            {
                continue;
            }
            ev.rescue_requested_s = Some(clock.now.0);
            callers.push(h.id);
            calls += 1;
            people += u32::from(h.size);
        }
        if calls > 0 {
            let idx = next.take();
            let z_id = crate::core::ZoneId(z as u32);
            let mut inc = Incident::at(idx, z_id, s.zones[z].node, clock.now);
            inc.t_detect = Some(clock.now);
            inc.t_report = Some(clock.now.plus_s(RESCUE_REPORT_S));
            commands.spawn((inc, Call::rescue(idx, std::mem::take(&mut callers), people)));
            let what = if calls == 1 { "household" } else { "households" };
            let text = format!(
                "{calls} {what} ({people} people) trapped at home by {depth:.2} m of water call for rescue"
            );
            timeline.push(clock.now, EventKind::Request, "residents", s.zones[z].id.clone(), text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
        assert!((normal_cdf(-1.0) - 0.158_655_25).abs() < 1e-6);
    }

    #[test]
    fn jonkman_published_checks() {
        // models.md §7: h = 3 m remaining zone → 0.0090; h = 4 m rapidly rising → 0.396.
        assert!((flood_mortality(3.0, 0.0, 0.3) - 0.0090).abs() < 5e-5);
        assert!((flood_mortality(4.0, 1.0, 0.3) - 0.396).abs() < 5e-4);
        assert_eq!(flood_mortality(4.0, 0.0, 2.0), 1.0);
        assert_eq!(flood_mortality(0.0, 0.0, 0.0), 0.0);
    }
}
