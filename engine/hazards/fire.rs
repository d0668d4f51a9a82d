//! Structure and industrial fires: t² growth capped by fuel, control once the flow applied by
//! teams on scene reaches the needed fire flow, then exponential decay (models.md §3.2–3.3).

use crate::command::incident::Incident;
use crate::core::setting::{FireS, Setting};
use crate::core::{Clock, EventKind, IncidentId, Process, SimTime, Timeline, stream};
use bevy_ecs::prelude::*;

/// Needed fire flow, L/min, for an involved floor area (US National Fire Academy formula:
/// gpm = involved ft² / 3, i.e. ≈ 13.6 L/min per m²).
pub fn needed_fire_flow_lpm(involved_m2: f64) -> f64 {
    const FT2_PER_M2: f64 = 10.763_910_4;
    const L_PER_GAL: f64 = 3.785_411_784;
    involved_m2 * FT2_PER_M2 / 3.0 * L_PER_GAL
}

/// Time for a t² fire to reach `q_kw`, s.
pub fn t2_time_to(q_kw: f64, alpha_kw_s2: f64) -> f64 {
    (q_kw / alpha_kw_s2).sqrt()
}

/// Decay time constant after control, s: τ = 3.0·w″^−1.85 with w″ the application density in
/// mm/s (Evans 1993).
pub fn decay_tau_s(applied_lpm: f64, area_m2: f64) -> f64 {
    let w = applied_lpm / 60.0 / area_m2.max(1.0);
    3.0 * w.max(1e-4).powf(-1.85)
}

/// Flow of one handline, L/min (a crew of 2–3; 125 gpm).
pub const HANDLINE_LPM: f64 = 475.0;

/// Phase of a fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirePhase {
    /// Not yet ignited.
    Dormant,
    /// Growing (or burning at its cap), not yet controlled.
    Growing,
    /// Controlled: decaying.
    Controlled,
    /// Out.
    Out,
}

/// A fire: what is burning (from the scenario, or raised during the run) and its heat release
/// and involved area now.
#[derive(Component, Debug, Clone)]
pub struct Fire {
    pub idx: IncidentId,
    pub spec: FireS,
    /// Its area comes from the forest-fire raster, not from t² growth.
    pub raster: bool,
    pub phase: FirePhase,
    /// Heat release rate now, kW.
    pub hrr_kw: f64,
    /// Involved floor area now, m².
    pub area_m2: f64,
    /// Largest involved area reached, m² (the damaged area).
    pub damaged_m2: f64,
    /// Flow applied now by teams on scene, L/min.
    pub applied_lpm: f64,
    /// HRR and decay constant at control.
    control: Option<(SimTime, f64, f64)>,
    /// The buildings alight, in order of the row.
    pub buildings: Vec<Building>,
    /// When the next building catches, if the fire is spreading.
    next_spread: Option<SimTime>,
    /// Spread delay after each building is fully involved, s, and each occupant's time to get
    /// out, s (drawn at ignition).
    spread_delays_s: Vec<f64>,
    escape_s: Vec<f64>,
    /// Buildings lost (fully involved) and occupants caught inside.
    pub lost: u32,
    pub casualties: u32,
}

impl Building {
    /// A building catching at `since`.
    pub fn alight(since: SimTime) -> Building {
        Building { since, hrr_kw: 0.0, released_mj: 0.0, involved: None, burnt_out: false }
    }
}

/// One building (or compartment) of a fire.
#[derive(Debug, Clone)]
pub struct Building {
    /// When it caught.
    pub since: SimTime,
    /// Heat release now, kW.
    pub hrr_kw: f64,
    /// Energy released so far, MJ.
    pub released_mj: f64,
    /// When it became fully involved (flashover, or all its fuel burning): lost.
    pub involved: Option<SimTime>,
    /// All its fuel is spent.
    pub burnt_out: bool,
}

impl Fire {
    /// A fire not yet ignited.
    pub fn dormant(idx: IncidentId, spec: FireS) -> Fire {
        Fire {
            idx,
            spec,
            raster: false,
            phase: FirePhase::Dormant,
            hrr_kw: 0.0,
            area_m2: 0.0,
            damaged_m2: 0.0,
            applied_lpm: 0.0,
            control: None,
            buildings: Vec::new(),
            next_spread: None,
            spread_delays_s: Vec::new(),
            escape_s: Vec::new(),
            lost: 0,
            casualties: 0,
        }
    }
    /// Needed fire flow now, L/min.
    pub fn needed_lpm(&self) -> f64 {
        needed_fire_flow_lpm(self.area_m2)
    }
}

/// Hazards stage: fires whose time has come ignite; their detection and report delays are drawn.
pub fn ignite_fires(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut fires: Query<(&mut Fire, &mut Incident)>,
    mut timeline: ResMut<Timeline>,
) {
    for (mut fire, mut inc) in &mut fires {
        if fire.phase != FirePhase::Dormant || fire.spec.t > clock.now {
            continue;
        }
        fire.phase = FirePhase::Growing;
        let f = &fire.spec;
        let mut rng = stream(s.seed, Process::Fire, fire.idx.0);
        let detect = f.detect_delay_s.value(&mut rng, s.nominal).max(0.0);
        let report = f.report_delay_s.value(&mut rng, s.nominal).max(0.0);
        inc.t_detect = Some(f.t.plus_s(detect));
        inc.t_report = Some(f.t.plus_s(detect + report));
        let spread: Vec<f64> =
            (1..f.buildings).map(|_| f.spread_delay_min.value(&mut rng, s.nominal).max(0.0) * 60.0).collect();
        let escape: Vec<f64> =
            (0..f.occupants).map(|_| f.escape_s.value(&mut rng, s.nominal).max(0.0)).collect();
        let (t0, zone) = (f.t, s.zones[f.zone.ix()].id.clone());
        let text = format!(
            "fire {} starts: {}{}",
            f.id,
            f.kind,
            if f.cause.is_empty() { String::new() } else { format!(" ({})", f.cause) }
        );
        fire.spread_delays_s = spread;
        fire.escape_s = escape;
        fire.buildings.push(Building::alight(t0));
        timeline.push(t0, EventKind::Ignition, "", zone, text);
    }
}

/// One tick of an uncontrolled fire: each building alight grows as α·t² up to its fuel and
/// ventilation limits and burns its fire load; a building flashing over (or fully involved, or
/// burnt out) is lost and, after a spread delay, sets the next one in the row alight; occupants
/// not out of the first building when it goes are casualties; the fire is out when every
/// building alight has burnt out.
fn grow_buildings(fire: &mut Fire, s: &Setting, now: SimTime, dt_s: f64, timeline: &mut Timeline) {
    use super::structure::{fire_load_mj_m2, flashover_babrauskas_kw, ventilation_limit_kw};
    let f = fire.spec.clone();
    let area = f.floor_area_m2;
    let cap = (f.rhr_kw_m2 * area).min(f.ventilation.map_or(f64::INFINITY, ventilation_limit_kw));
    let flashover = f.ventilation.map(flashover_babrauskas_kw);
    let load_mj = fire_load_mj_m2(f.kind) * area;
    let zone = s.zones[f.zone.ix()].id.clone();
    let total = f.buildings as usize;
    // Crews on scene who cannot control the fire protect the exposure: with at least a quarter
    // of the next building's needed fire flow (NFA: +25 % per exposed side) on it, it does not
    // catch while they hold.
    let protected = fire.applied_lpm > 0.0 && fire.applied_lpm >= 0.25 * needed_fire_flow_lpm(area);
    if protected && fire.next_spread.is_some_and(|t| t <= now) {
        fire.next_spread = Some(now.plus_s(dt_s));
    }
    if let Some(t) = fire.next_spread.filter(|t| *t <= now) {
        fire.next_spread = None;
        fire.buildings.push(Building::alight(t));
        let text = format!("fire {} spreads to building {} of {total}", f.id, fire.buildings.len());
        timeline.push(t, EventKind::Ignition, "", zone.clone(), text);
    }
    let mut newly_lost = Vec::new();
    for (k, b) in fire.buildings.iter_mut().enumerate() {
        if b.burnt_out {
            continue;
        }
        let t = (now.0 - b.since.0) as f64;
        b.hrr_kw = (f.kind.alpha_kw_s2() * t * t).min(cap);
        b.released_mj += b.hrr_kw * dt_s / 1000.0;
        if b.released_mj >= load_mj {
            b.burnt_out = true;
            b.hrr_kw = 0.0;
        }
        let over = flashover.is_some_and(|q| b.hrr_kw >= q);
        if b.involved.is_none() && (over || b.hrr_kw >= f.rhr_kw_m2 * area || b.burnt_out) {
            b.involved = Some(now);
            newly_lost.push((k, over));
        }
    }
    for (k, over) in newly_lost {
        fire.lost += 1;
        let how = if over { "flashes over" } else { "is fully involved" };
        timeline.push(
            now,
            EventKind::Harm,
            "",
            zone.clone(),
            format!("fire {}: building {} of {total} {how}: lost", f.id, k + 1),
        );
        if k == 0 && !fire.escape_s.is_empty() {
            let elapsed = (now.0 - f.t.0) as f64;
            fire.casualties = fire.escape_s.iter().filter(|&&e| e > elapsed).count() as u32;
            if fire.casualties > 0 {
                let text = format!("fire {}: {} occupants still inside when it went", f.id, fire.casualties);
                timeline.push(now, EventKind::Harm, "", zone.clone(), text);
            }
        }
        if k + 1 == fire.buildings.len() && k + 1 < total && fire.next_spread.is_none() {
            fire.next_spread = Some(now.plus_s(fire.spread_delays_s[k]));
        }
    }
    fire.hrr_kw = fire.buildings.iter().map(|b| b.hrr_kw).sum();
    let involved = |b: &Building, lost_counts: bool| {
        if b.burnt_out && !lost_counts {
            0.0
        } else if b.involved.is_some() {
            area
        } else {
            b.hrr_kw / f.rhr_kw_m2
        }
    };
    fire.area_m2 = fire.buildings.iter().map(|b| involved(b, false)).sum();
    let damaged: f64 = fire.buildings.iter().map(|b| involved(b, true)).sum();
    fire.damaged_m2 = fire.damaged_m2.max(damaged);
    if fire.next_spread.is_none() && fire.buildings.iter().all(|b| b.burnt_out) {
        fire.phase = FirePhase::Out;
        fire.area_m2 = 0.0;
        let text = format!("fire {} burnt out: {} building(s) lost", f.id, fire.lost);
        timeline.push(now, EventKind::Control, "", zone, text);
    }
}

/// Hazards stage: fires grow as α·t² up to the fuel limit; controlled fires decay and go out.
pub fn grow_fires(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut fires: Query<&mut Fire>,
    mut timeline: ResMut<Timeline>,
) {
    for mut fire in fires.iter_mut().filter(|f| !f.raster) {
        let rhr = fire.spec.rhr_kw_m2;
        match fire.phase {
            FirePhase::Growing => {
                grow_buildings(&mut fire, &s, clock.now, clock.tick_s as f64, &mut timeline)
            }
            FirePhase::Controlled => {
                let Some((tc, q, tau)) = fire.control else { continue };
                fire.hrr_kw = q * (-((clock.now.0 - tc.0) as f64) / tau).exp();
                fire.area_m2 = fire.hrr_kw / rhr;
                if fire.hrr_kw < 0.01 * q {
                    let f = &fire.spec;
                    let (zone, text) = (s.zones[f.zone.ix()].id.clone(), format!("fire {} is out", f.id));
                    fire.phase = FirePhase::Out;
                    fire.hrr_kw = 0.0;
                    fire.area_m2 = 0.0;
                    timeline.push(clock.now, EventKind::Control, "", zone, text);
                }
            }
            _ => {}
        }
    }
}

/// Agents stage (after teams apply water): a growing fire is controlled once the applied flow
/// reaches its needed fire flow.
pub fn control_fires(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut fires: Query<(&mut Fire, &mut Incident)>,
    mut timeline: ResMut<Timeline>,
) {
    for (mut fire, mut inc) in &mut fires {
        if fire.raster
            || fire.phase != FirePhase::Growing
            || fire.applied_lpm <= 0.0
            || fire.applied_lpm < fire.needed_lpm()
        {
            continue;
        }
        let tau = decay_tau_s(fire.applied_lpm, fire.area_m2);
        fire.control = Some((clock.now, fire.hrr_kw, tau));
        fire.next_spread = None;
        fire.phase = FirePhase::Controlled;
        inc.t_control = Some(clock.now);
        let f = &fire.spec;
        timeline.push(
            clock.now,
            EventKind::Control,
            "",
            s.zones[f.zone.ix()].id.clone(),
            format!(
                "fire {} controlled: {:.0} L/min applied ≥ {:.0} L/min needed for {:.0} m² involved",
                f.id,
                fire.applied_lpm,
                fire.needed_lpm(),
                fire.area_m2
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2_times_to_1055_kw() {
        // NFPA 72 Annex B: slow 600 s, medium 300 s, fast 150 s, ultra-fast 75 s.
        for (alpha, want) in [(0.00293, 600.06), (0.01172, 300.03), (0.0469, 149.98), (0.1876, 74.99)] {
            assert!((t2_time_to(1055.0, alpha) - want).abs() < 0.01, "{alpha}");
        }
    }

    #[test]
    fn needed_fire_flow_worked_example() {
        // A 30×50 ft building 25 % involved needs 125 gpm (NFA worked example).
        let involved_m2 = 30.0 * 50.0 * 0.25 / 10.763_910_4;
        let gpm = needed_fire_flow_lpm(involved_m2) / 3.785_411_784;
        assert!((gpm - 125.0).abs() < 1e-9, "{gpm}");
    }

    #[test]
    fn evans_decay_constant() {
        // models.md §3.3: w″ = 0.07 mm/s gives τ = 411 s.
        let tau = decay_tau_s(0.07 * 60.0 * 100.0, 100.0);
        assert!((tau - 411.0).abs() < 1.0, "{tau}");
    }
}
