//! Check 4, an action for every hazard and response level: for each hazard the scenario has or
//! the plan addresses, and each level IV, III, II, I, the actions of the plan's modules at that
//! level.
//!
//! The engine runs a module when its hazard's level is reached, and the modules of the levels
//! skipped on the way (engine/command/actions.rs): a level without a module of its own carries
//! only the actions of the levels below it. A comprehensive plan states its measures level by
//! level (GB/T 29639-2020, reference/domain.md §2), so a level with no module of its own is a
//! finding; its text says whether lower levels' actions would still apply or nothing would.

use super::checks::{Check, Finding};
use crate::model::{Change, Effect, HazardKind, Level};
use crate::run::Inputs;

/// The response levels, lowest first.
pub const LEVELS: [Level; 4] = [Level::IV, Level::III, Level::II, Level::I];

/// One hazard.
#[derive(Debug, Clone, PartialEq)]
pub struct HazardRow {
    pub hazard: HazardKind,
    /// What in the scenario brings the hazard ("warnings", "fires"); empty: only the plan.
    pub in_scenario: Vec<&'static str>,
    /// What in the plan addresses it ("modules", "levels"); empty: only the scenario.
    pub in_plan: Vec<&'static str>,
    /// Actions of the modules at each level of [`LEVELS`].
    pub actions: [usize; 4],
    /// The plan's level rules that raise the hazard to each level of [`LEVELS`].
    pub raised_by: [usize; 4],
}

/// The levels section.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    pub rows: Vec<HazardRow>,
}

/// What in the scenario brings each hazard.
fn scenario_hazards(inputs: &Inputs) -> Vec<(HazardKind, &'static str)> {
    let h = &inputs.scenario.scenario.hazards;
    let mut out = Vec::new();
    if h.landfall.is_some() {
        out.push((HazardKind::Typhoon, "landfall"));
    }
    if h.typhoon.is_some() {
        out.push((HazardKind::Typhoon, "track"));
    }
    out.extend(h.warnings.iter().map(|w| (w.hazard, "warnings")));
    if !h.rain.is_empty() {
        out.push((HazardKind::Rainstorm, "rain"));
    }
    if !h.gauges.is_empty() {
        out.push((HazardKind::Flood, "river stage"));
    }
    if h.flood_model.is_some() {
        out.push((HazardKind::Flood, "flood model"));
    }
    out.extend(h.fires.iter().map(|f| (f.kind.hazard(), "fires")));
    if !h.fire_front.is_empty() {
        out.push((HazardKind::ForestFire, "fire front"));
    }
    if h.forest_fire.is_some() {
        out.push((HazardKind::ForestFire, "forest fire model"));
    }
    for i in &inputs.scenario.scenario.injects {
        let effects = i
            .effect
            .iter()
            .chain(i.decision.iter().flat_map(|d| d.options.iter().filter_map(|o| o.effect.as_ref())));
        for e in effects {
            match e {
                Effect::Warning { hazard, .. } | Effect::SetLevel { hazard: Some(hazard), .. } => {
                    out.push((*hazard, "injects"))
                }
                _ => {}
            }
        }
    }
    out
}

/// The hazards of the scenario and the plan, each level's actions, and a finding per level
/// without a module of its own.
pub fn check(inputs: &Inputs, findings: &mut Vec<Finding>) -> Levels {
    let plan = &inputs.plan.plan;
    let from_scenario = scenario_hazards(inputs);
    let mut rows = Vec::new();
    for &hazard in HazardKind::ALL {
        let mut in_scenario: Vec<&'static str> = Vec::new();
        for &(_, what) in from_scenario.iter().filter(|(h, _)| *h == hazard) {
            if !in_scenario.contains(&what) {
                in_scenario.push(what);
            }
        }
        let mut in_plan = Vec::new();
        if plan.modules.iter().any(|m| m.hazard == hazard) {
            in_plan.push("modules");
        }
        if plan.levels.iter().any(|r| r.hazard == hazard) {
            in_plan.push("levels");
        }
        if in_scenario.is_empty() && in_plan.is_empty() {
            continue;
        }
        let (mut actions, mut raised_by) = ([0; 4], [0; 4]);
        for (k, &level) in LEVELS.iter().enumerate() {
            let here = |h: HazardKind, l: Level| h == hazard && l == level;
            actions[k] =
                plan.modules.iter().filter(|m| here(m.hazard, m.level)).map(|m| m.actions.len()).sum();
            raised_by[k] =
                plan.levels.iter().filter(|r| here(r.hazard, r.level) && r.change == Change::Raise).count();
        }
        rows.push(HazardRow { hazard, in_scenario, in_plan, actions, raised_by });
    }
    for r in &rows {
        for (k, &level) in LEVELS.iter().enumerate() {
            if r.actions[k] > 0 {
                continue;
            }
            let below: Vec<&str> = (0..k).filter(|&j| r.actions[j] > 0).map(|j| LEVELS[j].as_str()).collect();
            let carried = if below.is_empty() && k == 0 {
                "so no action applies".to_string()
            } else if below.is_empty() {
                "nor below it, so no action applies".to_string()
            } else {
                format!("only the actions of level {} carry over", below.join(", "))
            };
            let raised = match r.raised_by[k] {
                0 => "no level rule raises it there".to_string(),
                1 => "1 level rule raises it there".to_string(),
                n => format!("{n} level rules raise it there"),
            };
            // Dispatch to reported fires does not wait for a level (engine/command/dispatch.rs).
            let dispatch = if matches!(r.hazard, HazardKind::Fire | HazardKind::ForestFire) {
                "; the dispatch rules still send teams to every reported fire"
            } else {
                ""
            };
            findings.push(Finding {
                check: Check::Levels,
                what: "actions".into(),
                value: 0.0,
                threshold: 1.0,
                ids: vec![r.hazard.as_str().into(), level.as_str().into()],
                text: format!(
                    "{} at level {level}: no module of the plan ({raised}); {carried}{dispatch}",
                    r.hazard
                ),
            });
        }
    }
    Levels { rows }
}

#[cfg(test)]
mod tests {
    use super::super::checks::fixture::mini;
    use super::*;
    use crate::model::{Action, Hazards, Module};

    fn run(inputs: &Inputs) -> (Levels, Vec<Finding>) {
        let mut f = Vec::new();
        (check(inputs, &mut f), f)
    }

    /// Mini: the scenario brings typhoon (landfall, warnings), rainstorm (warning, rain), flood
    /// (river stage) and fire; the plan has modules for typhoon IV, III, flood II, geological
    /// III and fire IV, and a level rule for rainstorm.
    #[test]
    fn every_missing_hazard_and_level_is_a_finding() {
        let (l, f) = run(&mini());
        let hazards: Vec<&str> = l.rows.iter().map(|r| r.hazard.as_str()).collect();
        assert_eq!(hazards, ["typhoon", "rainstorm", "flood", "geological", "fire"]);
        assert_eq!(l.rows[0].in_scenario, ["landfall", "warnings"]);
        assert_eq!(l.rows[0].actions, [1, 3, 0, 0]);
        assert_eq!(l.rows[1].in_plan, ["levels"]);
        assert!(l.rows[3].in_scenario.is_empty());
        // typhoon II, I; rainstorm all four; flood IV, III, I; geological IV, II, I; fire III, II, I.
        assert_eq!(f.len(), 2 + 4 + 3 + 3 + 3);
        let typhoon_ii = &f[0];
        assert_eq!(typhoon_ii.ids, ["typhoon", "II"]);
        assert_eq!(
            typhoon_ii.text,
            "typhoon at level II: no module of the plan (1 level rule raises it there); \
             only the actions of level IV, III carry over"
        );
        assert_eq!(l.rows[0].raised_by, [1, 1, 1, 0]);
        let rain_iv = f.iter().find(|f| f.ids == ["rainstorm", "IV"]).unwrap();
        assert!(rain_iv.text.contains("(no level rule raises it there); so no action applies"));
        let fire_i = f.iter().find(|f| f.ids == ["fire", "I"]).unwrap();
        assert!(fire_i.text.ends_with("the dispatch rules still send teams to every reported fire"));
    }

    #[test]
    fn a_module_at_every_level_is_no_finding() {
        let mut inputs = mini();
        inputs.scenario.scenario.hazards = Hazards::default();
        inputs.scenario.scenario.hazards.landfall = Some(crate::model::When("D2 12:30".into()));
        inputs.scenario.scenario.injects.clear();
        let plan = &mut inputs.plan.plan;
        plan.levels.retain(|r| r.hazard == HazardKind::Typhoon);
        plan.modules.retain(|m| m.hazard == HazardKind::Typhoon);
        for level in [Level::II, Level::I] {
            plan.modules.push(Module {
                hazard: HazardKind::Typhoon,
                level,
                actions: vec![Action::FiveStops],
            });
        }
        let (l, f) = run(&inputs);
        assert_eq!(l.rows.len(), 1);
        assert_eq!(l.rows[0].actions, [1, 3, 1, 1]);
        assert!(f.is_empty(), "{f:?}");
    }
}
