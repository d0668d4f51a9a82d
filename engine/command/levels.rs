//! Response levels per jurisdiction and hazard: the plan's rules, evaluated on what the command
//! knows, raise (or lower) levels after the decision delay; every change goes on the timeline
//! with the trigger that caused it.
//!
//! A rule acts when its trigger *turns* true (it was false at the last evaluation, or this is
//! the first), so a level lowered by a de-escalation rule stays lowered while an old escalation
//! trigger — a landfall forecast, a rain total — still holds, and is raised again only by a
//! trigger that newly holds.

use super::incident::Incident;
use super::picture::Picture;
use crate::core::setting::{Jurisdiction, RuleS, Setting, TriggerS};
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::hazards::water::zone_rain_between;
use crate::hazards::{Fire, HazardState};
use crate::model::{HazardKind, Level};
use bevy_ecs::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Levels in force and the decisions pending.
#[derive(Resource, Debug, Default)]
pub struct Levels {
    /// Level per (jurisdiction, hazard); absent means none.
    pub level: BTreeMap<(Jurisdiction, HazardKind), Level>,
    /// Whether each rule's trigger held at the last evaluation.
    held: Vec<bool>,
    /// Decisions due: (time, rule index).
    pending: Vec<(SimTime, usize)>,
    /// Injects released so far, by id (for inject triggers).
    pub injects_released: BTreeSet<String>,
    /// Options chosen at decision points: (inject id, option id).
    pub decisions: BTreeSet<(String, String)>,
    /// Levels raised this tick, for the modules: (jurisdiction, hazard).
    pub changed: Vec<(Jurisdiction, HazardKind)>,
    /// Levels lowered this tick, for the modules to run again on a new rise.
    pub lowered: Vec<(Jurisdiction, HazardKind)>,
    /// Every change: (time, jurisdiction, hazard, new level, why).
    pub history: Vec<(SimTime, Jurisdiction, HazardKind, Level, String)>,
}

impl Levels {
    /// Empty levels for a setting.
    pub fn new(s: &Setting) -> Levels {
        Levels { held: vec![false; s.plan.rules.len()], ..Default::default() }
    }

    /// The level of a jurisdiction for a hazard.
    pub fn get(&self, j: Jurisdiction, h: HazardKind) -> Level {
        self.level.get(&(j, h)).copied().unwrap_or(Level::None)
    }

    /// Raise (never lower) a level; record it. Returns whether it changed.
    pub fn raise(&mut self, t: SimTime, j: Jurisdiction, h: HazardKind, to: Level, why: &str) -> bool {
        to > self.get(j, h) && self.set(t, j, h, to, why)
    }

    /// Set a level either way; record it. Returns whether it changed.
    pub fn set(&mut self, t: SimTime, j: Jurisdiction, h: HazardKind, to: Level, why: &str) -> bool {
        let from = self.get(j, h);
        if to == from {
            return false;
        }
        self.level.insert((j, h), to);
        if to > from {
            self.changed.push((j, h));
        } else {
            self.lowered.push((j, h));
        }
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

/// What the command knows of incidents of each hazard: (reported, of which under control).
pub type Known = BTreeMap<HazardKind, (u32, u32)>;

/// Whether a trigger holds on what the command knows now.
pub fn holds(
    s: &Setting,
    rule: &RuleS,
    now: SimTime,
    h: &HazardState,
    levels: &Levels,
    known: &Known,
) -> bool {
    let landfall_s = |hours: f64| (hours * 3600.0).round() as i64;
    match &rule.trigger {
        TriggerS::Warning(hazard, colour) => h.warnings.get(hazard).is_some_and(|c| c >= colour),
        TriggerS::WarningBelow(hazard, colour) => h.warnings.get(hazard).is_none_or(|c| c < colour),
        TriggerS::LandfallWithin(hours) => {
            s.hazards.landfall.is_some_and(|lf| lf.0 - now.0 <= landfall_s(*hours))
        }
        TriggerS::LandfallPassed(hours) => {
            s.hazards.landfall.is_some_and(|lf| now.0 - lf.0 >= landfall_s(*hours))
        }
        TriggerS::GaugeAbove(g, stage) => h.stage_m[g.ix()] >= *stage,
        TriggerS::GaugeBelow(g, stage) => h.stage_m[g.ix()] < *stage,
        TriggerS::RainTotal(zone, window_h, mm) => {
            let t0 = now.0 - (window_h * 3600.0).round() as i64;
            match zone {
                Some(z) => zone_rain_between(s, z.ix(), t0, now.0) >= *mm,
                None => (0..s.zones.len()).any(|z| zone_rain_between(s, z, t0, now.0) >= *mm),
            }
        }
        TriggerS::Incidents(n) => known.get(&rule.hazard).is_some_and(|k| k.0 >= *n),
        TriggerS::AllControlled => known.get(&rule.hazard).is_some_and(|k| k.0 > 0 && k.1 == k.0),
        TriggerS::Inject(id) => levels.injects_released.contains(id),
        TriggerS::Decision(inject, option) => levels.decisions.contains(&(inject.clone(), option.clone())),
    }
}

/// Whether a rule would change the level now.
fn applies(rule: &RuleS, current: Level) -> bool {
    if rule.lower { current > rule.level } else { current < rule.level }
}

/// Command stage: triggers that turn true start a decision; decisions due change levels.
pub fn raise_levels(
    s: Res<Setting>,
    clock: Res<Clock>,
    h: Res<HazardState>,
    incidents: Query<(&Incident, &Fire)>,
    picture: Res<Picture>,
    mut levels: ResMut<Levels>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    let mut known = Known::new();
    for (i, f) in &incidents {
        if picture.command_knows(i.idx, now) {
            let k = known.entry(f.spec.kind.hazard()).or_default();
            k.0 += 1;
            k.1 += u32::from(i.t_control.is_some_and(|t| t <= now));
        }
    }
    for (i, rule) in s.plan.rules.iter().enumerate() {
        let now_holds = holds(&s, rule, now, &h, &levels, &known);
        let turned = now_holds && !levels.held[i];
        levels.held[i] = now_holds;
        let current = levels.get(rule.jurisdiction, rule.hazard);
        if turned && applies(rule, current) && !levels.pending.iter().any(|p| p.1 == i) {
            let due = now.plus_s(s.plan.decision_delay_s);
            levels.pending.push((due, i));
        }
    }
    levels.pending.sort();
    while levels.pending.first().is_some_and(|(t, _)| *t <= now) {
        let (t, i) = levels.pending.remove(0);
        let rule = &s.plan.rules[i];
        if !applies(rule, levels.get(rule.jurisdiction, rule.hazard)) {
            continue;
        }
        levels.set(t, rule.jurisdiction, rule.hazard, rule.level, &rule.text);
        let what = if rule.lower { "lowered" } else { "raised" };
        let to = if rule.level == Level::None { "none (response ended)" } else { rule.level.label() };
        timeline.push(
            t,
            EventKind::Level,
            "command",
            jurisdiction_name(&s, rule.jurisdiction),
            format!("{} response {what} to level {to} (trigger: {})", rule.hazard, rule.text),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::setting::Jurisdiction::{Township, Zone};
    use crate::core::{GaugeId, ZoneId};
    use crate::model::Colour;
    use bevy_ecs::system::RunSystemOnce;

    /// The mini fixture's world: landfall D2 12:30 (t = 102,600 s), rain on Dongcun and
    /// Beishan (zones 1, 2) of 2, 5, 12, 30, 18, 6 mm in the first six hours, one gauge.
    fn world(rules: Vec<RuleS>, delay_s: f64) -> World {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let inp = crate::run::load_inputs(&root.join("scenario.ron"), &root.join("plan.ron")).unwrap();
        let opts = crate::run::RunOptions { seed: 1, nominal: true, ..Default::default() };
        let mut w = crate::run::world(&inp, &opts).unwrap();
        let mut s = w.resource_mut::<Setting>();
        s.plan.rules = rules;
        s.plan.decision_delay_s = delay_s;
        let levels = Levels::new(w.resource::<Setting>());
        w.insert_resource(levels);
        w
    }

    fn rule(j: Jurisdiction, hazard: HazardKind, level: Level, trigger: TriggerS, lower: bool) -> RuleS {
        RuleS { jurisdiction: j, hazard, level, trigger, lower, text: "test".into() }
    }

    /// Run the command's level system at `t_s`.
    fn step(w: &mut World, t_s: i64) {
        w.resource_mut::<Clock>().now = SimTime(t_s);
        w.run_system_once(raise_levels).unwrap();
    }

    #[test]
    fn each_trigger_kind_holds_exactly_when_its_condition_does() {
        let w = world(Vec::new(), 0.0);
        let s = w.resource::<Setting>();
        let mut h = HazardState::new(s);
        let mut levels = Levels::new(s);
        let landfall = 102_600;
        let check = |trigger: TriggerS, now: i64, h: &HazardState, levels: &Levels, known: &Known| {
            holds(
                s,
                &rule(Township, HazardKind::Fire, Level::IV, trigger, false),
                SimTime(now),
                h,
                levels,
                known,
            )
        };
        let none = Known::new();
        use TriggerS as T;
        // Warnings, by colour and below a colour (none in force counts as below).
        assert!(check(T::WarningBelow(HazardKind::Typhoon, Colour::Blue), 0, &h, &levels, &none));
        h.warnings.insert(HazardKind::Typhoon, Colour::Orange);
        assert!(check(T::Warning(HazardKind::Typhoon, Colour::Yellow), 0, &h, &levels, &none));
        assert!(check(T::Warning(HazardKind::Typhoon, Colour::Orange), 0, &h, &levels, &none));
        assert!(!check(T::Warning(HazardKind::Typhoon, Colour::Red), 0, &h, &levels, &none));
        assert!(!check(T::Warning(HazardKind::Flood, Colour::Blue), 0, &h, &levels, &none));
        assert!(check(T::WarningBelow(HazardKind::Typhoon, Colour::Red), 0, &h, &levels, &none));
        assert!(!check(T::WarningBelow(HazardKind::Typhoon, Colour::Orange), 0, &h, &levels, &none));
        // Landfall: within 12 h from landfall − 12 h; passed 3 h from landfall + 3 h.
        assert!(check(T::LandfallWithin(12.0), landfall - 12 * 3600, &h, &levels, &none));
        assert!(!check(T::LandfallWithin(12.0), landfall - 12 * 3600 - 1, &h, &levels, &none));
        assert!(check(T::LandfallPassed(3.0), landfall + 3 * 3600, &h, &levels, &none));
        assert!(!check(T::LandfallPassed(3.0), landfall + 3 * 3600 - 1, &h, &levels, &none));
        // Gauge stage, at or above and below.
        h.stage_m[0] = 9.5;
        assert!(check(T::GaugeAbove(GaugeId(0), 9.5), 0, &h, &levels, &none));
        assert!(!check(T::GaugeBelow(GaugeId(0), 9.5), 0, &h, &levels, &none));
        assert!(check(T::GaugeBelow(GaugeId(0), 9.6), 0, &h, &levels, &none));
        // Rain over 3 h: 5 + 12 + 30 = 47 mm by 4 h, 12 + 30 + 18 = 60 mm by 5 h; none in town.
        let rain = |z: Option<u32>| T::RainTotal(z.map(ZoneId), 3.0, 50.0);
        assert!(!check(rain(Some(2)), 4 * 3600, &h, &levels, &none));
        assert!(check(rain(Some(2)), 5 * 3600, &h, &levels, &none));
        assert!(check(rain(None), 5 * 3600, &h, &levels, &none));
        assert!(!check(rain(Some(0)), 5 * 3600, &h, &levels, &none));
        // Incidents the command knows of, and all of them under control.
        let known = |n, c| Known::from([(HazardKind::Fire, (n, c))]);
        assert!(check(T::Incidents(2), 0, &h, &levels, &known(2, 0)));
        assert!(!check(T::Incidents(2), 0, &h, &levels, &known(1, 0)));
        assert!(check(T::AllControlled, 0, &h, &levels, &known(2, 2)));
        assert!(!check(T::AllControlled, 0, &h, &levels, &known(2, 1)));
        assert!(!check(T::AllControlled, 0, &h, &levels, &none));
        // Injects and decisions.
        assert!(!check(T::Inject("xq-inj-1".into()), 0, &h, &levels, &none));
        levels.injects_released.insert("xq-inj-1".into());
        levels.decisions.insert(("xq-inj-1".into(), "wait".into()));
        assert!(check(T::Inject("xq-inj-1".into()), 0, &h, &levels, &none));
        assert!(check(T::Decision("xq-inj-1".into(), "wait".into()), 0, &h, &levels, &none));
        assert!(!check(T::Decision("xq-inj-1".into(), "clear".into()), 0, &h, &levels, &none));
    }

    #[test]
    fn levels_rise_after_the_decision_delay_per_jurisdiction_and_fall_on_de_escalation() {
        use TriggerS as T;
        let rules = vec![
            rule(
                Township,
                HazardKind::Typhoon,
                Level::IV,
                T::Warning(HazardKind::Typhoon, Colour::Blue),
                false,
            ),
            rule(
                Township,
                HazardKind::Typhoon,
                Level::II,
                T::Warning(HazardKind::Typhoon, Colour::Orange),
                false,
            ),
            rule(Zone(ZoneId(1)), HazardKind::Flood, Level::I, T::GaugeAbove(GaugeId(0), 9.5), false),
            rule(Township, HazardKind::Flood, Level::III, T::GaugeAbove(GaugeId(0), 10.5), false),
            rule(
                Township,
                HazardKind::Typhoon,
                Level::IV,
                T::WarningBelow(HazardKind::Typhoon, Colour::Orange),
                true,
            ),
            rule(Zone(ZoneId(1)), HazardKind::Flood, Level::None, T::GaugeBelow(GaugeId(0), 9.0), true),
        ];
        let mut w = world(rules, 600.0);
        let level = |w: &World, j, h| w.resource::<Levels>().get(j, h);
        w.resource_mut::<HazardState>().warnings.insert(HazardKind::Typhoon, Colour::Blue);
        step(&mut w, 60);
        assert_eq!(level(&w, Township, HazardKind::Typhoon), Level::None, "before the decision delay");
        step(&mut w, 660);
        assert_eq!(level(&w, Township, HazardKind::Typhoon), Level::IV);
        w.resource_mut::<HazardState>().warnings.insert(HazardKind::Typhoon, Colour::Orange);
        step(&mut w, 1200);
        step(&mut w, 1800);
        assert_eq!(level(&w, Township, HazardKind::Typhoon), Level::II);
        // The gauge at 9.8 m: the village at flood I, the township not at any flood level.
        w.resource_mut::<HazardState>().stage_m[0] = 9.8;
        step(&mut w, 2400);
        step(&mut w, 3000);
        assert_eq!(level(&w, Zone(ZoneId(1)), HazardKind::Flood), Level::I);
        assert_eq!(level(&w, Township, HazardKind::Flood), Level::None);
        // The warning downgraded to yellow and the river falling: both come down.
        w.resource_mut::<HazardState>().warnings.insert(HazardKind::Typhoon, Colour::Yellow);
        w.resource_mut::<HazardState>().stage_m[0] = 8.5;
        step(&mut w, 3600);
        step(&mut w, 4200);
        assert_eq!(level(&w, Township, HazardKind::Typhoon), Level::IV);
        assert_eq!(level(&w, Zone(ZoneId(1)), HazardKind::Flood), Level::None);
        // Every change is on the timeline with its trigger, at the decision's time.
        let tl = w.resource::<Timeline>();
        let levels: Vec<(i64, String, String)> =
            tl.0.iter()
                .filter(|e| e.kind == EventKind::Level)
                .map(|e| (e.t.0, e.place.clone(), e.text.clone()))
                .collect();
        assert_eq!(levels.len(), 5, "{levels:?}");
        assert_eq!(levels[0].0, 660);
        assert_eq!(levels[2].1, "xq-dongcun");
        assert!(
            levels[3].2.starts_with("typhoon response lowered to level IV (trigger: test)"),
            "{levels:?}"
        );
        assert!(levels[4].2.contains("lowered to level none"), "{levels:?}");
    }

    #[test]
    fn a_lowered_level_stays_down_while_an_old_trigger_still_holds() {
        use TriggerS as T;
        let rules = vec![
            rule(Township, HazardKind::Typhoon, Level::I, T::LandfallWithin(100.0), false),
            rule(Township, HazardKind::Typhoon, Level::None, T::Inject("xq-inj-1".into()), true),
        ];
        let mut w = world(rules, 0.0);
        step(&mut w, 60);
        assert_eq!(w.resource::<Levels>().get(Township, HazardKind::Typhoon), Level::I);
        w.resource_mut::<Levels>().injects_released.insert("xq-inj-1".into());
        for t in (120..6000).step_by(60) {
            step(&mut w, t);
            assert_eq!(w.resource::<Levels>().get(Township, HazardKind::Typhoon), Level::None, "at {t} s");
        }
    }

    #[test]
    fn a_module_runs_again_when_its_level_comes_back() {
        use super::super::actions::{Executed, execute_modules};
        use TriggerS as T;
        let rules = vec![
            rule(
                Township,
                HazardKind::Typhoon,
                Level::IV,
                T::Warning(HazardKind::Typhoon, Colour::Blue),
                false,
            ),
            rule(
                Township,
                HazardKind::Typhoon,
                Level::None,
                T::WarningBelow(HazardKind::Typhoon, Colour::Blue),
                true,
            ),
        ];
        let mut w = world(rules, 0.0);
        // The fixture's typhoon IV module opens the school shelter (module 0).
        let run = |w: &mut World, t: i64| {
            step(w, t);
            w.run_system_once(execute_modules).unwrap();
            w.resource::<Executed>().0.contains(&(Township, 0))
        };
        w.resource_mut::<HazardState>().warnings.insert(HazardKind::Typhoon, Colour::Blue);
        assert!(run(&mut w, 60), "typhoon IV reached: its module ran");
        w.resource_mut::<HazardState>().warnings.remove(&HazardKind::Typhoon);
        assert!(!run(&mut w, 120), "lowered to none: the module may run again");
        w.resource_mut::<HazardState>().warnings.insert(HazardKind::Typhoon, Colour::Blue);
        assert!(run(&mut w, 180), "raised again: it ran again");
        let rises = w.resource::<Levels>().history.iter().filter(|h| h.3 == Level::IV).count();
        assert_eq!(rises, 2);
    }
}
