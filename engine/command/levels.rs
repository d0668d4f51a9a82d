//! Response levels per jurisdiction and hazard: the plan's triggers, evaluated on what the
//! command knows, raise levels after the decision delay; every change goes on the timeline.

use super::incident::Incident;
use crate::core::setting::{Jurisdiction, RuleS, Setting, TriggerS};
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::hazards::water::zone_rain_between;
use crate::hazards::{Fire, HazardState};
use crate::model::{HazardKind, Level};
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Levels in force and the decisions pending.
#[derive(Resource, Debug, Default)]
pub struct Levels {
    /// Level per (jurisdiction, hazard); absent means none.
    pub level: BTreeMap<(Jurisdiction, HazardKind), Level>,
    /// Rules whose trigger has held (each fires once).
    fired: Vec<bool>,
    /// Decisions due: (time, rule index).
    pending: Vec<(SimTime, usize)>,
    /// Injects released so far (for inject triggers).
    pub injects_released: Vec<bool>,
    /// Levels reached this tick, for the modules: (jurisdiction, hazard).
    pub changed: Vec<(Jurisdiction, HazardKind)>,
    /// When each (jurisdiction, hazard) first reached each level.
    pub history: Vec<(SimTime, Jurisdiction, HazardKind, Level, String)>,
}

impl Levels {
    /// Empty levels for a setting.
    pub fn new(s: &Setting) -> Levels {
        Levels {
            fired: vec![false; s.plan.rules.len()],
            injects_released: vec![false; s.injects.len()],
            ..Default::default()
        }
    }

    /// The level of a jurisdiction for a hazard.
    pub fn get(&self, j: Jurisdiction, h: HazardKind) -> Level {
        self.level.get(&(j, h)).copied().unwrap_or(Level::None)
    }

    /// Raise (never lower) a level; record it. Returns whether it changed.
    pub fn raise(&mut self, t: SimTime, j: Jurisdiction, h: HazardKind, to: Level, why: &str) -> bool {
        if to <= self.get(j, h) {
            return false;
        }
        self.level.insert((j, h), to);
        self.changed.push((j, h));
        self.history.push((t, j, h, to, why.to_string()));
        true
    }
}

/// The name of a jurisdiction for reports.
pub fn jurisdiction_name(s: &Setting, j: Jurisdiction) -> String {
    match j {
        Jurisdiction::County => "county".into(),
        Jurisdiction::Township => "township".into(),
        Jurisdiction::Zone(z) => s.zones[z.ix()].id.clone(),
    }
}

/// Whether a trigger holds on what the command knows now.
fn holds(
    s: &Setting,
    rule: &RuleS,
    now: SimTime,
    h: &HazardState,
    levels: &Levels,
    reported: &[HazardKind],
) -> bool {
    let t = &rule.trigger;
    match *t {
        TriggerS::Warning(hazard, colour) => h.warnings.get(&hazard).is_some_and(|c| *c >= colour),
        TriggerS::LandfallWithin(hours) => {
            s.hazards.landfall.is_some_and(|lf| (lf.0 - now.0) as f64 <= hours * 3600.0)
        }
        TriggerS::GaugeAbove(g, stage) => h.stage_m[g.ix()] >= stage,
        TriggerS::RainTotal(zone, window_h, mm) => {
            let t0 = now.0 - (window_h * 3600.0).round() as i64;
            match zone {
                Some(z) => zone_rain_between(s, z.ix(), t0, now.0) >= mm,
                None => (0..s.zones.len()).any(|z| zone_rain_between(s, z, t0, now.0) >= mm),
            }
        }
        TriggerS::Incidents(n) => reported.iter().filter(|&&k| k == rule.hazard).count() as u32 >= n,
        TriggerS::Inject(i) => levels.injects_released.get(i).copied().unwrap_or(false),
    }
}

/// Command stage: triggers that hold start a decision; decisions due raise levels.
pub fn raise_levels(
    s: Res<Setting>,
    clock: Res<Clock>,
    h: Res<HazardState>,
    incidents: Query<(&Incident, &Fire)>,
    mut levels: ResMut<Levels>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    let reported: Vec<HazardKind> =
        incidents.iter().filter(|(i, _)| i.reported).map(|(_, f)| f.spec.kind.hazard()).collect();
    for (i, rule) in s.plan.rules.iter().enumerate() {
        if levels.fired[i] || levels.get(rule.jurisdiction, rule.hazard) >= rule.level {
            continue;
        }
        if holds(&s, rule, now, &h, &levels, &reported) {
            levels.fired[i] = true;
            let due = now.plus_s(s.plan.decision_delay_s);
            levels.pending.push((due, i));
        }
    }
    levels.pending.sort();
    while levels.pending.first().is_some_and(|(t, _)| *t <= now) {
        let (t, i) = levels.pending.remove(0);
        let rule = &s.plan.rules[i];
        if levels.raise(t, rule.jurisdiction, rule.hazard, rule.level, &rule.text) {
            timeline.push(
                t,
                EventKind::Level,
                "command",
                jurisdiction_name(&s, rule.jurisdiction),
                format!(
                    "{} response raised to level {} (trigger: {})",
                    rule.hazard,
                    rule.level.label(),
                    rule.text
                ),
            );
        }
    }
}
